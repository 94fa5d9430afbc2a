// Training the tagger of ner_tagger.h: examples from a CoNLL file (WNUT
// 2017's training split, CC BY 4.0) and synthetic sentences in the style of
// British police narratives and witness statements, whose names, places and
// companies are drawn from foidesk's own gazetteers (config/pii/gazetteers/)
// and word lists in ner_train.cpp; then an averaged perceptron over them.
// Everything depends only on the inputs and the seed, so
// `foidesk pii-train` writes the same model file byte for byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/result.h"
#include "privacy/ner_tagger.h"
#include "privacy/pii_eval.h"

namespace foidesk::privacy {

// CoNLL sentences as examples: each sentence's tokens joined by single
// spaces and split again with NerTokenize; a tagger token takes the type of
// the CoNLL token it lies in. Types: person -> PER, location -> LOC; the
// others (corporation, group, product, creative-work) -> O: they identify no one.
std::vector<NerExample> NerExamplesFromConll(const std::vector<ConllSentence>& sentences);

// The names the synthetic sentences are filled with, as the gazetteer files
// write them (with their capitals).
struct NerSynthLists {
  std::vector<std::string> given;
  std::vector<std::string> surnames;
  std::vector<std::string> uk_places;
  std::vector<std::string> world_places;  // world places and countries
  std::vector<std::string> common;        // common words of 4 to 12 small letters

  // Reads given_names.txt, surnames.txt, uk_places.txt, places_local.txt,
  // world_places.txt, countries.txt and common_words.txt from `gazetteer_dir`.
  static Result<NerSynthLists> Load(const std::string& gazetteer_dir);
};

// `count` synthetic examples of one to three sentences each, the same for
// the same lists, count and seed. Persons, places (towns, countries, streets)
// and organisations are tagged; everything else is O.
std::vector<NerExample> MakeSyntheticNerExamples(const NerSynthLists& lists, size_t count,
                                                 uint64_t seed);

struct NerTrainOptions {
  int epochs = 10;
  uint64_t seed = 1;  // order of the examples in each epoch
  int scale = 20;     // weights are stored as round(weight * scale)
  int min_weight =
      1;  // features whose largest stored weight (in absolute value) is below are dropped
};

struct NerTrainReport {
  size_t examples = 0;
  size_t tokens = 0;
  size_t candidates = 0;               // tokens the tagger decides on
  size_t features_seen = 0;            // before pruning
  size_t features_kept = 0;            // in the model
  std::vector<double> epoch_accuracy;  // on candidates, while training
};

// Tags of non-candidates become O, and an I-X that no longer follows X
// becomes B-X (a candidate-level view of the gold tags).
void NormaliseNerTags(const NerPrepared& p, std::vector<uint8_t>& tags);

// Trains an averaged perceptron with greedy decoding (the history is the
// model's own previous tags, as at tagging time). Each example's `found`
// (the rules' findings) covers tokens as in a Detector, so the model learns
// where the rules leave gaps.
NerModel TrainNerModel(const NerFeaturizer& featurizer, const std::vector<NerExample>& examples,
                       const NerTrainOptions& options, NerTrainReport* report = nullptr);

}  // namespace foidesk::privacy
