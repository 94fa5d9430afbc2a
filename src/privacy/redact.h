// Redaction of personal data in free text: the redaction policy
// (config/redaction/*.toml) that chooses, per field and per PII type, to
// replace a finding with a label, mask it, generalise it (date -> month or
// year, postcode -> outward code, age -> band) or keep it; and Redact, which
// applies the policy to Detector findings and never leaks a value it cannot
// generalise (it falls back to replace).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/result.h"
#include "privacy/disclosure_policy.h"
#include "privacy/pii.h"

namespace foidesk::privacy {

enum class RedactOperator { kReplace, kMask, kGeneralise, kKeep };

// "replace", "mask", "generalise", "keep".
std::string_view RedactOperatorName(RedactOperator op);

// How a finding is generalised; which options fit which type:
// date and date_of_birth: kMonth ("February 1997") or kYear ("1997");
// postcode: kOutward ("NR2").
enum class GeneraliseOption { kNone, kMonth, kYear, kOutward };

enum class MaskStyle {
  kEach,   // every character (code point) but whitespace becomes the mask char
  kFixed,  // the whole value becomes the fixed string ("****")
};

// One policy entry: "replace", "mask", "mask:each", "mask:fixed",
// "generalise" (date: month, date_of_birth: year, postcode: outward),
// "generalise:month", "generalise:year", "generalise:outward", "keep".
struct RedactRule {
  RedactOperator op = RedactOperator::kReplace;
  GeneraliseOption option = GeneraliseOption::kNone;  // kGeneralise only
  std::optional<MaskStyle> mask_style;                // kMask: overrides [mask] style

  bool operator==(const RedactRule&) const = default;
};

// The rules of [default] or of one [fields.NAME] table.
struct RedactRuleSet {
  std::map<PiiType, RedactRule> by_type;
  std::optional<RedactRule> any;  // the "*" key: any type not named
};

struct RedactionPolicy {
  std::string source;  // file it was read from ("" for the built-in policy)
  RedactRuleSet defaults;
  std::map<std::string, RedactRuleSet, std::less<>> fields;
  std::array<std::string, kPiiTypeCount> labels;  // indexed by PiiType
  std::string age_label = "[AGE]";                // RedactAge when no band fits
  std::string mask_char = "*";                    // one code point
  MaskStyle mask_style = MaskStyle::kEach;
  std::string mask_fixed = "****";
  // Age bands for RedactAge; by default the first level of victim_age in the
  // disclosure policy named by [age] (see config/redaction/default.toml).
  std::vector<Band> age_bands;

  // The built-in policy: every type replaced with its default label
  // ([NAME], [POSTCODE], ...), mask "*", no age bands.
  RedactionPolicy();

  // The rule for `type` in `field`: [fields.F].type, then [fields.F]."*",
  // then [default].type, then [default]."*", then replace.
  RedactRule RuleFor(PiiType type, std::string_view field) const;
  const std::string& Label(PiiType type) const;
};

// Default labels: "[NAME]", "[LOCATION]", "[ADDRESS]", "[POSTCODE]", "[PHONE]",
// "[EMAIL]", "[URL]", "[HANDLE]", "[IP ADDRESS]", "[VEHICLE REGISTRATION]",
// "[NI NUMBER]", "[DATE]", "[DATE OF BIRTH]", "[CRIME NUMBER]", "[ORGANISATION]".
std::string_view DefaultRedactLabel(PiiType type);

// Reads and checks a redaction policy. Errors read
// "<path>:<line>: <key>: <reason>" (unknown type, unknown operator, a
// generalise option that does not fit the type, bad mask char, ...).
Result<RedactionPolicy> LoadRedactionPolicy(const std::string& path);

// As LoadRedactionPolicy, from text; `source` names it in errors, and a
// relative [age] policy path is taken relative to the directory of `source`.
Result<RedactionPolicy> ParseRedactionPolicy(std::string_view text, const std::string& source);

// What a redaction did, without any values: counts per type and operator,
// and how many generalisations fell back to replace.
struct RedactionLog {
  std::map<std::pair<PiiType, RedactOperator>, int> counts;
  int fallbacks = 0;  // generalise that could not parse the value: replaced

  int Count(PiiType type, RedactOperator op) const;
  int Total() const;
  // One line per (type, operator): "postcode generalise 2", then
  // "fallbacks N" when any.
  std::string Text() const;
};

struct Redaction {
  std::string text;
  RedactionLog log;
};

// Applies `policy` for `field` to `findings` (sorted by start, non-overlapping,
// byte offsets into `text`). Defensively, findings are sorted, clipped to the
// text and to each other, and widened to whole UTF-8 characters. The output
// is valid UTF-8: invalid bytes outside findings become U+FFFD. A counted
// operator is the one applied (a fallback counts as replace).
Redaction RedactWithLog(std::string_view text, const std::vector<PiiFinding>& findings,
                        const RedactionPolicy& policy, std::string_view field);
std::string Redact(std::string_view text, const std::vector<PiiFinding>& findings,
                   const RedactionPolicy& policy, std::string_view field);

// A structured age to its band label ("16-17"); policy.age_label when there
// are no bands or none contains it.
std::string RedactAge(int age, const RedactionPolicy& policy);

// Generalises one value of `type` ("14/02/1997" -> "February 1997");
// nullopt when the value cannot be parsed or the option does not fit. A
// two-digit year stays as written ("3.11.14" -> "November 14"): no century
// is guessed. A date without a year generalises to its month name only.
std::optional<std::string> GeneraliseValue(std::string_view value, PiiType type,
                                           GeneraliseOption option);

// Detects and redacts `text` (for `foidesk redact`). Fails when the text is
// not valid UTF-8 (the error names the byte offset, not the bytes).
Result<std::string> RedactText(std::string_view text, const Detector& detector,
                               const RedactionPolicy& policy, std::string_view field);
Result<Redaction> RedactTextWithLog(std::string_view text, const Detector& detector,
                                    const RedactionPolicy& policy, std::string_view field);

}  // namespace foidesk::privacy
