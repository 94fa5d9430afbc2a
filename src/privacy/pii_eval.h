// Evaluation of personal-data detection on public data sets (issue 3):
// readers for presidio-research's synthetic sentences (JSON) and WNUT 2017
// (CoNLL), the token-level scoring presidio-research uses, and a JSON report.
// The data sets find blind spots; nothing in the detector is tuned to them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"
#include "privacy/pii.h"

namespace foidesk::privacy {

inline constexpr char kPresidioFileName[] = "presidio-synth-v2.json";
inline constexpr char kWnutDevFileName[] = "wnut17-dev.conll";

// One token of evaluated text: byte offsets into the UTF-8 text, end exclusive.
struct EvalToken {
  size_t start = 0;
  size_t end = 0;
  bool operator==(const EvalToken&) const = default;
};

// Splits text into tokens the way spaCy's English tokenizer roughly does,
// which is what presidio-research scores on:
//   1. split on Unicode white space (white space is never a token);
//   2. from each chunk peel leading punctuation  " ' ( [ { < “ ‘ « ¿ ¡ # $ £ € *
//      and trailing punctuation  . , ; : ! ? " ' ) ] } > ” ’ » % …  one
//      character at a time, each its own token; a final "." stays when the
//      chunk is letters each followed by a dot ("J.", "U.S.");
//   3. split a trailing clitic 's or ’s off a word.
// Everything else stays whole: "905-674-3793", "Jean-Pierre", e-mail
// addresses and URLs are one token each. Invalid UTF-8 bytes count as
// non-space characters.
std::vector<EvalToken> TokenizeForEval(std::string_view text);

// A gold span of personal data, offsets in bytes into its record's text.
struct GoldSpan {
  std::string type;  // the data set's entity type, e.g. "PERSON", "STREET_ADDRESS"
  size_t start = 0;
  size_t end = 0;
};

struct GoldRecord {
  std::string text;
  std::vector<GoldSpan> spans;
};

// Parses presidio-research's data set: a JSON array of objects with
// "full_text" and "spans" (each with "entity_type", "entity_value",
// "start_position", "end_position"). Positions in the file count Unicode code
// points (Python string indices); they are converted to byte offsets, and each
// span's entity_value must equal the text it points at. Other keys are
// ignored. On failure the error names `source_name` and the line and column
// (bad JSON) or the JSON path ("[12].spans[0].end_position") and the reason;
// it never quotes the data set's text.
Result<std::vector<GoldRecord>> ParsePresidioJson(std::string_view json_text,
                                                  std::string_view source_name);
Result<std::vector<GoldRecord>> ReadPresidioJson(const std::string& path);

// One sentence of a CoNLL file: tokens and their BIO tags ("O", "B-person",
// "I-location", ...), and the line the sentence starts on (1-based).
struct ConllSentence {
  std::vector<std::string> tokens;
  std::vector<std::string> tags;
  int first_line = 0;
};

// Parses TOKEN<TAB>TAG lines, sentences separated by blank lines (a final
// blank line is optional; "\r\n" is accepted). A tag is "O" or "B-" / "I-"
// followed by a type. On failure the error names `source_name`, the line and
// the reason, never the line's text.
Result<std::vector<ConllSentence>> ParseConll(std::string_view text, std::string_view source_name);
Result<std::vector<ConllSentence>> ReadConll(const std::string& path);

// The detector as the evaluation sees it: text in, findings (byte offsets) out.
using FindFunction = std::function<std::vector<PiiFinding>(std::string_view)>;

// Token counts of one comparison: gold-PII tokens, predicted-PII tokens, and
// tokens that are both. Ratios are nullopt when their denominator is zero.
struct TokenScore {
  int64_t gold = 0;
  int64_t predicted = 0;
  int64_t both = 0;

  std::optional<double> Recall() const;
  std::optional<double> Precision() const;
  std::optional<double> F(double beta) const;  // F1: beta 1; F2 weighs recall higher
};

struct GoldTypeScore {
  bool counted = true;      // false for ignored types (see PresidioOptions)
  int64_t tokens = 0;       // tokens whose gold type this is
  int64_t detected = 0;     // of which overlap a finding
  int64_t spans = 0;        // gold spans of this type that hold at least one token
  int64_t spans_covered = 0;  // of which every token overlaps a finding
};

struct PredictedTypeScore {
  int64_t tokens = 0;      // tokens whose first overlapping finding has this type
  int64_t on_gold = 0;     // of which gold personal data
  int64_t on_ignored = 0;  // of which on an ignored gold type (not scored)
  // on_gold / (tokens - on_ignored)
  std::optional<double> Precision() const;
};

struct PresidioOptions {
  // Gold types whose tokens are left out of the scores: they are neither
  // gold-PII (a miss costs no recall) nor "none" (a hit costs no precision).
  // TITLE ("Mr.", "Dr.", job titles) and AGE are left out by default:
  // Presidio's published figure leaves them out too (its default analyzer
  // supports neither, and presidio-research scores only supported types),
  // an honorific is not personal data on its own, and ages are
  // quasi-identifiers that foidesk handles by disclosure control (age bands)
  // rather than as a finding type. Their recall is still reported.
  std::set<std::string> ignored_types = {"AGE", "TITLE"};
};

struct PresidioEval {
  int64_t records = 0;
  int64_t spans = 0;
  int64_t tokens = 0;
  int64_t ignored_tokens = 0;
  std::vector<std::string> ignored_types;  // sorted
  TokenScore any;  // any personal-data type against none
  std::map<std::string, GoldTypeScore> by_gold_type;
  std::map<std::string, PredictedTypeScore> by_predicted_type;  // PiiTypeName
};

// Token-level scoring as presidio-research does it: a token is gold-PII when
// it overlaps a gold span of a counted type, predicted-PII when it overlaps a
// finding. A token's gold type is that of the first counted span it overlaps
// (else the first ignored one); its predicted type that of the first finding.
PresidioEval EvaluatePresidio(const std::vector<GoldRecord>& records, const FindFunction& find,
                              const PresidioOptions& options = {});

struct WnutTypeScore {
  int64_t tokens = 0;
  int64_t flagged = 0;           // tokens that overlap a finding
  int64_t entities = 0;          // BIO entities (0 for "none")
  int64_t entities_covered = 0;  // entities every token of which is flagged
};

struct WnutEval {
  int64_t sentences = 0;
  int64_t tokens = 0;
  // By gold type ("person", "location", "group", ...), and "none" for O.
  std::map<std::string, WnutTypeScore> by_type;
};

// Rebuilds each sentence as its tokens joined by single spaces, runs `find`
// on it and scores each token by overlap. An I- tag that does not continue an
// entity of its type starts a new one (as conlleval does).
WnutEval EvaluateWnut(const std::vector<ConllSentence>& sentences, const FindFunction& find);

struct PiiEvalReport {
  PresidioEval presidio;
  WnutEval wnut;
};

// Reads `dir`/presidio-synth-v2.json and `dir`/wnut17-dev.conll and scores
// `find` on both.
Result<PiiEvalReport> RunPiiEval(const std::string& dir, const FindFunction& find,
                                 const PresidioOptions& options = {});

// The report as one JSON object with sorted keys; ratios rounded to 4
// places, null when undefined. Holds counts only, no text of the data sets.
std::string PiiEvalJson(const PiiEvalReport& report);

}  // namespace foidesk::privacy
