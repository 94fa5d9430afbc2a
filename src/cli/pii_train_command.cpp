// `foidesk pii-train` (see pii_train_command.h).
#include "cli/pii_train_command.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "model/result.h"
#include "privacy/gazetteer.h"
#include "privacy/ner_tagger.h"
#include "privacy/ner_train.h"
#include "privacy/pii.h"
#include "privacy/pii_eval.h"

namespace foidesk::cli {
namespace {

struct TrainArgs {
  std::string wnut;
  size_t synthetic = 40000;
  uint64_t seed = 1;
  int epochs = 10;
  int min_weight = 1;
  std::string out;
};

Status Run(const TrainArgs& a, const std::string& config) {
  const std::string gazetteer_dir = config + "/pii/gazetteers";
  auto gazetteer = privacy::Gazetteer::Load(gazetteer_dir);
  if (!gazetteer.ok()) return gazetteer.error();
  auto gaz = std::make_shared<const privacy::Gazetteer>(std::move(*gazetteer));
  std::vector<privacy::NerExample> examples;
  size_t wnut_sentences = 0;
  if (!a.wnut.empty()) {
    // The development split is an evaluation set (foidesk bench --pii-eval): never train on it.
    if (std::filesystem::path(a.wnut).filename() == privacy::kWnutDevFileName)
      return Error::InvalidInput(a.wnut +
                                 ": this is the evaluation split; train on wnut17-train.conll");
    // WNUT 2017's training file separates sentences with lines holding only
    // a tab: read them as the blank lines they mean.
    std::FILE* in = std::fopen(a.wnut.c_str(), "rb");
    if (!in) return Error::Io(a.wnut + ": cannot read");
    std::string raw, text;
    char buf[1 << 16];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, in)) > 0) raw.append(buf, got);
    std::fclose(in);
    size_t pos = 0;
    while (pos < raw.size()) {
      size_t eol = raw.find('\n', pos);
      if (eol == std::string::npos) eol = raw.size();
      const std::string_view line(raw.data() + pos, eol - pos);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) text.append(line);
      text += '\n';
      pos = eol + 1;
    }
    auto conll = privacy::ParseConll(text, a.wnut);
    if (!conll.ok()) return conll.error();
    wnut_sentences = conll->size();
    examples = privacy::NerExamplesFromConll(*conll);
  }
  if (a.synthetic > 0) {
    auto lists = privacy::NerSynthLists::Load(gazetteer_dir);
    if (!lists.ok()) return lists.error();
    auto synth = privacy::MakeSyntheticNerExamples(*lists, a.synthetic, a.seed);
    for (auto& e : synth) examples.push_back(std::move(e));
  }
  if (examples.empty())
    return Error::InvalidInput("pii-train: no examples (give --wnut or --synthetic N)");
  // What the rules find in each example: the tagger learns the gaps they leave.
  privacy::DetectorOptions rules_only;
  rules_only.tagger = false;
  auto rules = privacy::Detector::CreateDefault(config, rules_only);
  if (!rules.ok()) return rules.error();
  for (privacy::NerExample& e : examples) e.found = rules->RuleFindings(e.text);
  privacy::NerFeaturizer featurizer(gaz);
  privacy::NerTrainOptions opt;
  opt.epochs = a.epochs;
  opt.seed = a.seed;
  opt.min_weight = a.min_weight;
  privacy::NerTrainReport rep;
  const privacy::NerModel model = privacy::TrainNerModel(featurizer, examples, opt, &rep);

  const std::string wnut_name =
      a.wnut.empty() ? std::string("(none)") : std::filesystem::path(a.wnut).filename().string();
  std::vector<std::string> comment = {
      "foidesk personal-data tagger: averaged perceptron weights (src/privacy/ner_tagger.h).",
      "Made by: foidesk pii-train --wnut " + wnut_name + " --synthetic " +
          std::to_string(a.synthetic) + " --seed " + std::to_string(a.seed) + " --epochs " +
          std::to_string(a.epochs) + " --min-weight " + std::to_string(a.min_weight),
      "Training data: " + std::to_string(wnut_sentences) +
          " sentences of WNUT 2017's training split (CC BY 4.0: Derczynski, Nichols, van Erp,",
      "  Limsopatham 2017) and " + std::to_string(a.synthetic) +
          " synthetic examples in police style whose names and places come from",
      "  config/pii/gazetteers/ (sources and licences in its README.md). See config/pii/README.md.",
      "Examples " + std::to_string(rep.examples) + ", tokens " + std::to_string(rep.tokens) +
          ", candidates " + std::to_string(rep.candidates) + ", features " +
          std::to_string(rep.features_kept) + " of " + std::to_string(rep.features_seen) + ".",
      "Do not edit by hand: retrain instead."};
  const std::string text = model.Serialize(comment);
  std::FILE* f = std::fopen(a.out.c_str(), "wb");
  if (!f) return Error::Io(a.out + ": cannot write the model");
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) return Error::Io(a.out + ": cannot write the model");
  std::printf("trained on %zu examples (%zu tokens, %zu candidates)\n", rep.examples, rep.tokens,
              rep.candidates);
  for (size_t e = 0; e < rep.epoch_accuracy.size(); ++e)
    std::printf("epoch %zu: accuracy on candidates while training %.4f\n", e + 1,
                rep.epoch_accuracy[e]);
  std::printf("wrote %s: %zu features of %zu, %zu bytes\n", a.out.c_str(), rep.features_kept,
              rep.features_seen, text.size());
  return {};
}

}  // namespace

void AddPiiTrainCommand(CLI::App& app, const std::string& config, int& rc) {
  auto* cmd =
      app.add_subcommand("pii-train", "train the personal-data tagger and write its model file");
  auto args = std::make_shared<TrainArgs>();
  cmd->add_option("--wnut", args->wnut, "a CoNLL training file (WNUT 2017 train)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--synthetic", args->synthetic, "synthetic police-style examples")
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "random seed (examples and training order)")
      ->capture_default_str();
  cmd->add_option("--epochs", args->epochs, "passes over the examples")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--min-weight", args->min_weight,
                  "drop features whose largest stored weight (weight x 20) is below this")
      ->check(CLI::Range(0, 10000))
      ->capture_default_str();
  cmd->add_option("--out", args->out, "model file to write")->required();
  cmd->footer(
      "Example: foidesk pii-train --wnut ../shared/datasets/pii/wnut17-train.conll "
      "--synthetic 40000 --seed 1 --out config/pii/ner-model.tsv");
  cmd->callback([args, &config, &rc] {
    if (Status s = Run(*args, config); !s.ok()) {
      std::cerr << "foidesk: " << s.error().message << "\n";
      rc = s.error().code == ErrorCode::kInvalidInput ? 2 : 1;
    }
  });
}

}  // namespace foidesk::cli
