// The statistical tagger (ner_tagger.h) and its training (ner_train.h):
// tokens, candidates, features, a tiny corpus learnt, the model file's
// round trip and errors, the recogniser in the default detector.
#include "privacy/ner_tagger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "privacy/ner_train.h"
#include "privacy/pii.h"
#include "privacy/pii_speed.h"

namespace foidesk::privacy {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<NerToken> tokens;
  NerTokenize(text, tokens);
  std::vector<std::string> out;
  for (const NerToken& t : tokens) out.emplace_back(text.substr(t.start, t.end - t.start));
  return out;
}

std::shared_ptr<const Gazetteer> SmallGazetteer() {
  auto g = std::make_shared<Gazetteer>();
  EXPECT_TRUE(g->AddList("smith\nwalker\nbaker\n", "surnames", kSurname).ok());
  EXPECT_TRUE(g->AddList("john\nanna\n", "given", kGivenName).ok());
  EXPECT_TRUE(
      g->AddList("walker\nbaker\nproperty\nhouse\nto\nofficers\n", "common", kCommonWord).ok());
  EXPECT_TRUE(g->AddList("norwich\n", "places", kPlace).ok());
  EXPECT_TRUE(g->AddList("cctv\nmonday\n", "not names", kNotName).ok());
  return g;
}

// An example from text with entities marked as [PER Anna Smith] (type then words).
NerExample Marked(std::string_view marked) {
  NerExample ex;
  struct Span {
    size_t start, end;
    int type;
  };
  std::vector<Span> spans;
  for (size_t i = 0; i < marked.size();) {
    if (marked[i] == '[') {
      const size_t sp = marked.find(' ', i);
      const std::string_view type = marked.substr(i + 1, sp - i - 1);
      const size_t close = marked.find(']', sp);
      const int t = type == "PER" ? kNerBPer : type == "LOC" ? kNerBLoc : kNerBOrg;
      spans.push_back({ex.text.size(), ex.text.size() + (close - sp - 1), t});
      ex.text.append(marked.substr(sp + 1, close - sp - 1));
      i = close + 1;
    } else {
      ex.text += marked[i++];
    }
  }
  NerTokenize(ex.text, ex.tokens);
  ex.tags.assign(ex.tokens.size(), kNerO);
  for (const Span& s : spans) {
    bool first = true;
    for (size_t k = 0; k < ex.tokens.size(); ++k)
      if (ex.tokens[k].start >= s.start && ex.tokens[k].end <= s.end) {
        ex.tags[k] = static_cast<uint8_t>(first ? s.type : s.type + 1);
        first = false;
      }
  }
  return ex;
}

// The entities the model tags in `text`, as "PER:Anna Smith".
std::vector<std::string> Entities(const NerFeaturizer& f, const NerModel& m,
                                  std::string_view text) {
  std::vector<NerToken> tokens;
  NerTokenize(text, tokens);
  NerPrepared p;
  f.Prepare(text, tokens, nullptr, p);
  std::vector<uint8_t> tags;
  NerTag(f, m, p, tokens.size(), tags);
  std::vector<std::string> out;
  for (const NerSpan& s : NerSpans(tags, &p)) {
    out.push_back(std::string(NerTagName(s.type).substr(2)) + ":" +
                  std::string(text.substr(tokens[s.first].start,
                                          tokens[s.last].end - tokens[s.first].start)));
  }
  return out;
}

// A small corpus: made-up names after many verbs, places after "in",
// companies ending in "Logistics", and capitalised words that are no one.
std::vector<NerExample> TinyCorpus() {
  const char* people[] = {"Zorbek", "Quendal", "Marisol", "Tovik", "Brannoch", "Yselda"};
  const char* places[] = {"Vormsk", "Lindaro", "Keppel", "Aschur"};
  const char* firms[] = {"Ulvar", "Dremmon", "Ostrik"};
  const char* verbs[] = {"arrived", "left", "said", "called", "paid"};
  std::vector<NerExample> out;
  for (int round = 0; round < 4; ++round)
    for (const char* p : people)
      for (const char* v : verbs) {
        out.push_back(Marked(std::string("[PER ") + p + "] " + v + " in [LOC " +
                             places[(round + v[0]) % 4] + "] yesterday."));
        out.push_back(Marked(std::string("Staff at [ORG ") + firms[(round + p[1]) % 3] +
                             " Logistics] " + v + " the driver."));
        out.push_back(Marked(std::string("Later ") + v + " the Inspector about it."));
      }
  return out;
}

TEST(NerTokenize, SplitsWordsPunctuationAndPossessives) {
  EXPECT_EQ(
      Words("Smith's car, O'Brien and Smith-Jones."),
      (std::vector<std::string>{"Smith", "'s", "car", ",", "O'Brien", "and", "Smith-Jones", "."}));
  EXPECT_EQ(Words("@anna_b #Norwich (Mr J. Smith)"),
            (std::vector<std::string>{"@anna_b", "#Norwich", "(", "Mr", "J", ".", "Smith", ")"}));
  EXPECT_EQ(Words("Zoë’s  café\u00a0Łódź"),
            (std::vector<std::string>{"Zoë", "’s", "café", "Łódź"}));
  std::vector<NerToken> t;
  NerTokenize("one\ntwo three", t);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_FALSE(t[0].line_break_before);
  EXPECT_TRUE(t[1].line_break_before);
  EXPECT_FALSE(t[2].line_break_before);
}

TEST(NerFeaturizer, CandidatesAreCapitalisedWordsTheRulesLeft) {
  const NerFeaturizer f(SmallGazetteer());
  const std::string text =
      "The victim met Zorbek of Vormsk and CCTV. Property was taken by Walker.\n"
      "IP JOHN SMITH OF NORWICH SEEN\nDSC_0012 and Bank of Lindaro";
  std::vector<NerToken> tokens;
  NerTokenize(text, tokens);
  // "Walker" is covered by a finding of the rules.
  const size_t walker = text.find("Walker");
  const std::vector<PiiFinding> found = {{PiiType::kPerson, walker, walker + 6, 0.7, "person"}};
  NerPrepared p;
  ASSERT_TRUE(f.Prepare(text, tokens, &found, p));
  std::vector<std::string> candidates, connectors, covered;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string w = text.substr(tokens[i].start, tokens[i].end - tokens[i].start);
    if (NerFeaturizer::IsCandidate(p, i)) candidates.push_back(w);
    if (NerFeaturizer::IsConnector(p, i)) connectors.push_back(w);
    if (p.toks[i].kind == NerPrepared::kCovered) covered.push_back(w);
  }
  // Not "The" (a stop word), "CCTV" (never a name), "Property" (a common
  // word starting a sentence), the upper-case line, "DSC_0012" (a code).
  EXPECT_EQ(candidates, (std::vector<std::string>{"Zorbek", "Vormsk", "Bank", "Lindaro"}));
  EXPECT_EQ(connectors, (std::vector<std::string>{"of", "of"}));
  EXPECT_EQ(covered, (std::vector<std::string>{"Walker"}));
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].start == walker) {
      EXPECT_EQ(p.toks[i].rule, NerPrepared::kRulePerson);
    }
  }
}

TEST(NerFeaturizer, FeaturesNameWhatTheyHash) {
  const NerFeaturizer f(SmallGazetteer());
  const std::string text = "Anna Walker left Norwich.";
  std::vector<NerToken> tokens;
  NerTokenize(text, tokens);
  NerPrepared p;
  ASSERT_TRUE(f.Prepare(text, tokens, nullptr, p));
  uint64_t hashes[NerFeaturizer::kMaxFeatures];
  std::vector<std::string> names;
  const int n = f.Features(p, 1, kNerBPer, kNerO, hashes, &names);
  ASSERT_EQ(static_cast<size_t>(n), names.size());
  for (int k = 0; k < n; ++k) {
    const auto h = NerFeatureHash(names[k]);
    ASSERT_TRUE(h.has_value()) << names[k];
    EXPECT_EQ(*h, hashes[k]) << names[k];
  }
  for (const char* want : {"b=", "w=walker", "p3=wal", "s3=ker", "sh=Xx", "w-1=anna", "w+1=left",
                           "w+2=norwich", "w-2=<s>", "sh+1=x", "t-1=B-PER", "t-2=O|B-PER",
                           "t-1w=B-PER|walker", "w-1sh=anna|Xx", "gb=surname", "gb=common"})
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  // Only the sentence's first word has a sentence-start feature.
  EXPECT_TRUE(std::none_of(names.begin(), names.end(),
                           [](const std::string& s) { return s.rfind("bos=", 0) == 0; }));
  names.clear();
  uint64_t first[NerFeaturizer::kMaxFeatures];
  f.Features(p, 0, kNerO, kNerO, first, &names);
  EXPECT_NE(std::find(names.begin(), names.end(), "w-1=<s>"), names.end());
  EXPECT_TRUE(std::any_of(names.begin(), names.end(),
                          [](const std::string& s) { return s.rfind("bos=", 0) == 0; }));
  // The same feature without names costs the same hashes.
  uint64_t again[NerFeaturizer::kMaxFeatures];
  EXPECT_EQ(f.Features(p, 1, kNerBPer, kNerO, again), n);
  EXPECT_TRUE(std::equal(hashes, hashes + n, again));
}

TEST(NerSpans, ReadsBioTags) {
  const std::vector<uint8_t> tags = {kNerBPer, kNerIPer, kNerO,    kNerILoc,
                                     kNerILoc, kNerBOrg, kNerBOrg, kNerIPer};
  EXPECT_EQ(NerSpans(tags), (std::vector<NerSpan>{{kNerBPer, 0, 1},
                                                  {kNerBLoc, 3, 4},
                                                  {kNerBOrg, 5, 5},
                                                  {kNerBOrg, 6, 6},
                                                  {kNerBPer, 7, 7}}));
}

TEST(NerTrain, LearnsATinyCorpus) {
  const NerFeaturizer f(nullptr);
  NerTrainOptions opt;
  opt.epochs = 8;
  NerTrainReport rep;
  const NerModel m = TrainNerModel(f, TinyCorpus(), opt, &rep);
  EXPECT_GT(m.size(), 0u);
  EXPECT_GT(rep.epoch_accuracy.back(), 0.99);
  // Names and places it has seen, in an order it has not.
  EXPECT_EQ(Entities(f, m, "Tovik paid in Aschur yesterday."),
            (std::vector<std::string>{"PER:Tovik", "LOC:Aschur"}));
  // A company it has not seen, by its ending and its cue.
  EXPECT_EQ(Entities(f, m, "Staff at Fennick Logistics said the driver."),
            (std::vector<std::string>{"ORG:Fennick Logistics"}));
  EXPECT_EQ(Entities(f, m, "Later left the Inspector about it."), std::vector<std::string>{});
  // The same examples and seed give the same model, byte for byte.
  EXPECT_EQ(TrainNerModel(f, TinyCorpus(), opt).Serialize(), m.Serialize());
}

TEST(NerModel, SaveAndLoadGiveTheSamePredictions) {
  const NerFeaturizer f(SmallGazetteer());
  NerTrainOptions opt;
  opt.epochs = 5;
  const NerModel m = TrainNerModel(f, TinyCorpus(), opt);
  const std::string text = m.Serialize({"a comment", ""});
  EXPECT_EQ(text.rfind("# a comment\n#\nfoidesk-ner\t1\n", 0), 0u);
  auto loaded = NerModel::Parse(text, "tiny.tsv");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->size(), m.size());
  EXPECT_EQ(loaded->Serialize({"a comment", ""}), text);
  for (const char* s : {"Tovik paid in Aschur yesterday.", "Staff at Ostrik Logistics left.",
                        "Yselda called Brannoch in Keppel. Later paid the Inspector."}) {
    EXPECT_EQ(NerTagText(f, *loaded, s), NerTagText(f, m, s)) << s;
    EXPECT_EQ(Entities(f, *loaded, s), Entities(f, m, s)) << s;
  }
  // Through a file, too.
  const std::string path = ::testing::TempDir() + "ner-model-roundtrip.tsv";
  std::ofstream(path, std::ios::binary) << text;
  auto from_file = NerModel::Load(path);
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  EXPECT_EQ(from_file->Serialize({"a comment", ""}), text);
  std::filesystem::remove(path);
}

TEST(NerModel, BadLinesAreErrorsNamingFileAndLine) {
  const std::string head =
      "# comment\nfoidesk-ner\t1\ntags\tO\tB-PER\tI-PER\tB-LOC\tI-LOC\tB-ORG\tI-ORG\nscale\t20\n";
  struct Case {
    std::string text;
    std::string want;  // the start of the message
  };
  const Case cases[] = {
      {head + "w=smith\t1 2 3 4 5 6 7\nw=jones\t1 2 3\n", "m.tsv:6: expected 7 weights"},
      {head + "w=smith\t1 2 3 4 5 6 7 8\n", "m.tsv:5: more than 7 weights"},
      {head + "zz=smith\t1 2 3 4 5 6 7\n", "m.tsv:5: unknown feature template"},
      {head + "w=smith\t1 2 x 4 5 6 7\n", "m.tsv:5: weight 3 is not a whole number"},
      {head + "w=smith\t1 2 3 4 5 6 99999\n", "m.tsv:5: weight 7 is not a whole number"},
      {head + "w=smith 1 2 3 4 5 6 7\n", "m.tsv:5: expected a key, a tab and values"},
      {head + "w=smith\t1 2 3 4 5 6 7\nw=smith\t1 2 3 4 5 6 7\n", "m.tsv:6: feature listed twice"},
      {"foidesk-ner\t2\n", "m.tsv:1: not a foidesk tagger model"},
      {"foidesk-ner\t1\ntags\tO\tB-PER\n", "m.tsv:2: expected the tags line"},
      {"foidesk-ner\t1\n", "m.tsv:2: the model ends before its header is complete"},
  };
  for (const Case& c : cases) {
    auto r = NerModel::Parse(c.text, "m.tsv");
    ASSERT_FALSE(r.ok()) << c.want;
    EXPECT_EQ(r.error().message.rfind(c.want, 0), 0u) << r.error().message;
  }
  auto missing = NerModel::Load("/nonexistent/ner-model.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/ner-model.tsv"), std::string::npos);
}

TEST(NerTrain, ConllTypesAndSyntheticExamples) {
  ConllSentence s;
  s.tokens = {"Anna", "Smith", "works", "at", "Google", "in", "New", "York", "."};
  s.tags = {"B-person", "I-person",   "O",          "O", "B-corporation",
            "O",        "B-location", "I-location", "O"};
  const auto ex = NerExamplesFromConll({s});
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(ex[0].text, "Anna Smith works at Google in New York .");
  EXPECT_EQ(ex[0].tags, (std::vector<uint8_t>{kNerBPer, kNerIPer, kNerO, kNerO, kNerO, kNerO,
                                              kNerBLoc, kNerILoc, kNerO}));
  NerSynthLists lists;
  lists.given = {"Anna", "John"};
  lists.surnames = {"Smith", "Okafor"};
  lists.uk_places = {"Norwich", "Great Yarmouth"};
  lists.world_places = {"Lagos", "France"};
  lists.common = {"ladder", "bicycle"};
  const auto a = MakeSyntheticNerExamples(lists, 50, 7);
  const auto b = MakeSyntheticNerExamples(lists, 50, 7);
  ASSERT_EQ(a.size(), 50u);
  size_t entities = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].text, b[i].text);
    EXPECT_EQ(a[i].tags, b[i].tags);
    ASSERT_EQ(a[i].tags.size(), a[i].tokens.size());
    entities += static_cast<size_t>(
        std::count_if(a[i].tags.begin(), a[i].tags.end(), [](uint8_t t) { return t % 2 == 1; }));
  }
  EXPECT_GT(entities, 20u);
  EXPECT_NE(MakeSyntheticNerExamples(lists, 50, 8)[0].text +
                MakeSyntheticNerExamples(lists, 50, 8)[1].text,
            a[0].text + a[1].text);
}

class DefaultDetector : public ::testing::Test {
 protected:
  static const Detector& Get() {
    static const Detector* d = [] {
      auto r = Detector::CreateDefault(FOIDESK_SOURCE_DIR "/config");
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
      return new Detector(std::move(*r));
    }();
    return *d;
  }
};

TEST_F(DefaultDetector, LoadsTheShippedModelAsTheTagger) {
  const Detector& d = Get();
  const Recogniser* tagger = nullptr;
  for (const auto& r : d.recognisers())
    if (r->Name() == "tagger") tagger = r.get();
  ASSERT_NE(tagger, nullptr);
  EXPECT_TRUE(tagger->FillsGaps());
  EXPECT_EQ(d.recognisers().back().get(), tagger);
  // A surname starting a sentence, with no cue: the rules leave it, the tagger finds it.
  const std::string text = "Walker left the scene before officers arrived.";
  const auto findings = d.Detect(text);
  ASSERT_EQ(findings.size(), 1u) << FindingsText(text, findings);
  EXPECT_EQ(findings[0].recogniser, "tagger");
  EXPECT_EQ(findings[0].type, PiiType::kPerson);
  EXPECT_EQ(text.substr(findings[0].start, findings[0].end - findings[0].start), "Walker");
  EXPECT_DOUBLE_EQ(findings[0].score, TaggerRecogniser::kScore);
  // Without the tagger the same text has no finding.
  DetectorOptions no_tagger;
  no_tagger.tagger = false;
  auto rules = Detector::CreateDefault(FOIDESK_SOURCE_DIR "/config", no_tagger);
  ASSERT_TRUE(rules.ok());
  EXPECT_TRUE(rules->Detect(text).empty());
  // A missing model file is an error naming it.
  const std::string dir = ::testing::TempDir() + "ner-config";
  std::filesystem::create_directories(dir + "/pii");
  std::filesystem::copy(
      FOIDESK_SOURCE_DIR "/config/pii/gazetteers", dir + "/pii/gazetteers",
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(FOIDESK_SOURCE_DIR "/config/pii/context.toml",
                             dir + "/pii/context.toml",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove(dir + "/pii/ner-model.tsv");
  auto missing = Detector::CreateDefault(dir);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("ner-model.tsv"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_F(DefaultDetector, TaggerFindingsNeverOverlapTheRules) {
  const Detector& d = Get();
  const std::string text =
      "Mr John Smith of 12 Church Lane, Norwich NR2 1AB called Hartley Logistics. "
      "Bianchi and Okonkwo met in Karachi. Quendal Haulage paid 07700 900123.";
  const auto all = d.DetectAll(text);
  int tagged = 0;
  for (const PiiFinding& t : all) {
    if (t.recogniser != "tagger") continue;
    ++tagged;
    for (const PiiFinding& r : all) {
      if (r.recogniser == "tagger") continue;
      EXPECT_FALSE(r.start < t.end && t.start < r.end)
          << text.substr(t.start, t.end - t.start) << " overlaps " << r.recogniser;
    }
  }
  EXPECT_GT(tagged, 0);
}

// The quick look that spares texts without candidates never says "none"
// when Prepare would find one.
TEST_F(DefaultDetector, QuickLookAgreesWithPrepare) {
  auto g = Gazetteer::Load(FOIDESK_SOURCE_DIR "/config/pii/gazetteers");
  ASSERT_TRUE(g.ok());
  const NerFeaturizer f(std::make_shared<const Gazetteer>(std::move(*g)));
  DetectorOptions no_tagger;
  no_tagger.tagger = false;
  auto rules = Detector::CreateDefault(FOIDESK_SOURCE_DIR "/config", no_tagger);
  ASSERT_TRUE(rules.ok());
  std::vector<std::string> texts = MakePiiSpeedRecords(1, 7);
  for (const char* s :
       {"Walker left.", "(Walker) left.", "“Walker” left.", "He met Walker.", "A. B. Walker",
        "IP SMITH SEEN\nWalker left", "ex-Walker", "The Officers", "Property of Bianchi", "…Walker",
        "x\n\nWalker", "Zoë Łukasz", "DSC_0012 Walker", "house-to-house Walker"})
    texts.emplace_back(s);
  size_t skipped = 0;
  for (const std::string& t : texts) {
    const auto found = rules->RuleFindings(t);
    std::vector<NerToken> tokens;
    NerTokenize(t, tokens);
    NerPrepared p;
    const bool any = f.Prepare(t, tokens, &found, p);
    const bool maybe = f.MayHaveCandidates(t, found);
    if (any) {
      EXPECT_TRUE(maybe) << t;
    }
    skipped += !maybe;
  }
  EXPECT_GT(skipped, texts.size() / 4);  // and it does spare many
}

}  // namespace
}  // namespace foidesk::privacy
