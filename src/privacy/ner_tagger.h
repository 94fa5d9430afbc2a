// A statistical tagger beside the rules: an averaged perceptron that reads
// the capitalised words of mixed-case text and tags them with BIO tags for
// persons, places and organisations (PER, LOC, ORG). It finds what has no
// cue word: a surname starting a sentence ("Walker left the scene"), a
// company standing alone ("Hartley Logistics confirmed ..."), a town abroad.
//
// It fills gaps: in a Detector it runs after the rule recognisers and is
// shown their findings. Tokens they cover are not tagged (their type is
// context for the neighbours), so the rules win wherever they found
// something, and the model is trained on what the rules leave.
//
// Only candidates are tagged: tokens starting with a capital letter in a line
// that is not upper case (legacy upper-case text is left to the rules), not
// covered by the rules, without digits or underscores, minus a closed list of
// function words and titles ("The", "He", "Mr"), words the gazetteer says are
// never a name ("CCTV", "Monday") and words that are only common words when
// they start a sentence or are written in capitals ("Property was taken");
// plus a lower-case connector ("of", "de", "van", "and", "&") between two
// candidates. Every other token is "O" and only serves as context. Training
// (ner_train.h) and tagging share this definition, so the model never sees a
// token it will not be asked about.
//
// Features of a candidate (NerFeaturizer::Features): its lower-cased word,
// first and last three letters, shape ("Xx", "X'Xx"), length, the
// gazetteer's flags (given name, surname, common word, never a name, place,
// abroad), whether it starts a sentence, the two words either side and their
// shapes, what the rules found next to it, and the previous two tags. A
// feature is a template name and a value ("w=smith"); the model file keys
// weights by that text, the tagger by its 64-bit hash.
//
// The model file (config/pii/ner-model.tsv, written by `foidesk pii-train`,
// see config/pii/README.md) is UTF-8 text: '#' lines are comments, then
// "foidesk-ner<TAB>1", "tags<TAB>O<TAB>B-PER ...", "scale<TAB>N", then one
// line per feature: the key, a tab and seven integer weights (weight x
// scale) separated by spaces, one per tag.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"
#include "privacy/gazetteer.h"
#include "privacy/pii.h"

namespace foidesk::privacy {

enum NerTag : uint8_t { kNerO = 0, kNerBPer, kNerIPer, kNerBLoc, kNerILoc, kNerBOrg, kNerIOrg };
inline constexpr int kNerTagCount = 7;

// "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG".
std::string_view NerTagName(int tag);
std::optional<int> NerTagFromName(std::string_view name);

// The tagger's token: a word (letters and digits, with inner hyphens and
// apostrophes: "Smith-Jones", "O'Brien"; an "@" or "#" may lead), a
// possessive "'s" on its own, or one punctuation character. Byte offsets.
struct NerToken {
  uint32_t start = 0;
  uint32_t end = 0;
  bool line_break_before = false;  // a line break between it and the token before
  bool operator==(const NerToken&) const = default;
};

// Splits `text` (at most 4 GB) into the tagger's tokens, appending to `out`.
void NerTokenize(std::string_view text, std::vector<NerToken>& out);

// A text with its tokens and, for training, a gold tag per token.
struct NerExample {
  std::string text;
  std::vector<NerToken> tokens;
  std::vector<uint8_t> tags;      // NerTag per token
  std::vector<PiiFinding> found;  // what the rules find in `text` (Detector::RuleFindings)
};

// Per-token facts computed once per text (NerFeaturizer::Prepare); reused
// across texts to keep its storage.
struct NerPrepared {
  // kCovered: inside a finding of the rules (see Prepare); never tagged.
  enum Kind : uint8_t { kOther, kCandidate, kConnector, kCovered };
  // What the rules found on a token: nothing, a person, place, organisation, or another type.
  enum Rule : uint8_t { kNoRule, kRulePerson, kRuleLocation, kRuleOrganisation, kRuleOther };
  struct Tok {
    uint32_t key_off = 0;    // lower-cased word in `keys`
    uint32_t shape_off = 0;  // shape in `shapes`
    uint16_t key_len = 0;
    uint8_t shape_len = 0;
    uint8_t kind = kOther;
    uint16_t flags = 0;  // GazetteerFlag (candidates only)
    bool bos = false;    // starts a sentence or a line (candidates only)
    bool upper = false;  // in an upper-case line (never a candidate)
    uint8_t rule = kNoRule;
    bool rule_first = false;  // the first token of the rules' finding
    bool keyed = false;       // key_off and key_len are set
    bool ready = false;       // key, shape and hashes are set (within two tokens of a candidate)
    uint64_t h_key = 0;       // hash of the lower-cased word
    uint64_t h_shape = 0;     // hash of the shape
  };
  std::vector<Tok> toks;
  std::string keys;
  std::string shapes;
  std::vector<uint8_t> caps_;  // scratch: 1 capitalised, 2 all capitals
};

// Turns tokens into features. Shared by the tagger and the trainer.
class NerFeaturizer {
 public:
  // `gazetteer` may be null: then every token has no gazetteer flags.
  explicit NerFeaturizer(std::shared_ptr<const Gazetteer> gazetteer);

  // Facts about the tokens of `text`: which are candidates and connectors;
  // for them and the two tokens either side the lower-cased key, shape and
  // hashes; for candidates the gazetteer's flags and the sentence start.
  // Tokens that overlap a finding in `found` (the rules' findings; may be
  // null) are covered: not candidates, but context (their type is a
  // feature of their neighbours and sets the previous tag).
  // Reuses `p`'s storage. Returns whether any token is a candidate.
  bool Prepare(std::string_view text, const std::vector<NerToken>& tokens,
               const std::vector<PiiFinding>* found, NerPrepared& p) const;

  // False only when Prepare would find no candidate in `text` given the
  // rules' findings `found`: a quick look at the capitals of the text that
  // tokenizes nothing, so texts without candidates cost little.
  bool MayHaveCandidates(std::string_view text, const std::vector<PiiFinding>& found) const;

  // Whether token `i` is tagged at all (a candidate); the others are "O".
  static bool IsCandidate(const NerPrepared& p, size_t i);
  // Whether token `i` is a lower-case connector that can only continue an entity.
  static bool IsConnector(const NerPrepared& p, size_t i);

  // The feature hashes of token `i` given the tags of the two tokens before
  // it; returns how many were written to `out` (at most kMaxFeatures). When
  // `names` is not null, the features' keys ("w=smith") are appended to it in
  // the same order.
  static constexpr int kMaxFeatures = 32;
  int Features(const NerPrepared& p, size_t i, int prev_tag, int prev2_tag, uint64_t* out,
               std::vector<std::string>* names = nullptr) const;

  // The gazetteer's flags of a lower-cased word (the bits the features
  // use); a hyphenated word whose parts are all common words is one.
  uint16_t WordFlags(std::string_view key) const;

  const Gazetteer* gazetteer() const { return gazetteer_.get(); }

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
};

// The 64-bit hash a feature key ("w=smith") has; nullopt when the key does
// not start with a known template name and "=".
std::optional<uint64_t> NerFeatureHash(std::string_view key);

// The weights: per feature hash, one integer per tag.
class NerModel {
 public:
  using Weights = std::array<int16_t, kNerTagCount>;

  NerModel() = default;

  // Parses the model file's text; errors name `source_name` and the line.
  static Result<NerModel> Parse(std::string_view text, std::string_view source_name);
  static Result<NerModel> Load(const std::string& path);

  // The file's text: `comment` lines (each prefixed with "# "), the header,
  // then the features sorted by key. Parse(Serialize()) gives the same model.
  std::string Serialize(const std::vector<std::string>& comment = {}) const;

  // Adds (or replaces) a feature by its key; false when the key has no
  // known template.
  bool Add(std::string_view key, const Weights& weights);

  // The weights of a hash, or null.
  const Weights* Find(uint64_t hash) const;

  size_t size() const { return keys_.size(); }
  int scale() const { return scale_; }
  void set_scale(int scale) { scale_ = scale; }

 private:
  // Open addressing on the hash's low bits; a slot keeps the high 32 bits
  // (never 0: see Fingerprint) and the feature's index in weights_. Eight
  // bytes a slot keeps the table of a model of 40,000 features near 0.5 MB.
  struct Slot {
    uint32_t fingerprint = 0;  // 0: empty
    uint32_t index = 0;
  };
  void Insert(uint64_t hash, uint32_t index);
  static uint32_t Fingerprint(uint64_t hash) {
    const uint32_t f = static_cast<uint32_t>(hash >> 32);
    return f == 0 ? 1 : f;
  }

  std::vector<Slot> slots_;
  std::vector<Weights> weights_;   // by feature, in insertion order
  std::vector<std::string> keys_;  // for Serialize, in insertion order
  int scale_ = 100;
};

// The tag a covered token stands for: B-PER or I-PER on a person the rules
// found, B-LOC/I-LOC on a place, B-ORG/I-ORG on an organisation, else O.
int NerRuleTag(const NerPrepared& p, size_t i, int prev_tag);

// Greedy left-to-right decoding: each candidate gets the tag of highest
// score among those that may follow the previous tag (I-X only after B-X or
// I-X; a connector only as I-X). Writes one tag per token to `tags`.
void NerTag(const NerFeaturizer& featurizer, const NerModel& model, const NerPrepared& p,
            size_t token_count, std::vector<uint8_t>& tags);

// Tags `text` from scratch (tokenize, prepare, decode), with nothing
// covered: for tests and tools.
std::vector<uint8_t> NerTagText(const NerFeaturizer& featurizer, const NerModel& model,
                                std::string_view text, std::vector<NerToken>* tokens = nullptr);

// Entities read from BIO tags: type, first and last token (inclusive). An I-X
// that does not continue an X starts one. With `p`, covered tokens end an
// entity and are in none, and a connector ending an entity is dropped.
struct NerSpan {
  int type = kNerBPer;  // the B- tag of the entity
  size_t first = 0;
  size_t last = 0;
  bool operator==(const NerSpan&) const = default;
};
std::vector<NerSpan> NerSpans(const std::vector<uint8_t>& tags, const NerPrepared* p = nullptr);

// The recogniser "tagger": persons, places and organisations the model tags,
// scored 0.25 (below every rule recogniser) with recogniser name "tagger".
// It fills gaps: in a Detector it sees the other recognisers' findings and
// reports only tokens none of them covers. Find alone tags everything.
class TaggerRecogniser : public Recogniser {
 public:
  static constexpr double kScore = 0.25;

  TaggerRecogniser(std::shared_ptr<const Gazetteer> gazetteer,
                   std::shared_ptr<const NerModel> model);

  std::string_view Name() const override { return "tagger"; }
  std::vector<PiiType> Types() const override {
    return {PiiType::kPerson, PiiType::kLocation, PiiType::kOrganisation};
  }
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;
  bool FillsGaps() const override { return true; }
  void FindGaps(std::string_view text, const std::vector<PiiFinding>& found,
                std::vector<PiiFinding>& out) const override;

 private:
  NerFeaturizer featurizer_;
  std::shared_ptr<const NerModel> model_;
};

}  // namespace foidesk::privacy
