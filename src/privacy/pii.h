// Personal-data detection in free text: the finding types, the Recogniser
// interface every detector plugs into, context words that raise or lower a
// finding's score, and the Detector that runs recognisers and resolves overlaps.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"

namespace foidesk::privacy {

// The order here is the tie-break order in overlap resolution: keep it stable.
enum class PiiType {
  kPerson,
  kLocation,  // town or village
  kAddress,
  kPostcode,
  kPhone,
  kEmail,
  kUrl,
  kHandle,  // social media account names and @handles
  kIpAddress,
  kVehicleRegistration,
  kNiNumber,
  kDate,
  kDateOfBirth,
  kCrimeNumber,
  kOrganisation,  // school or workplace next to a person
  kFinancial,     // payment card number, IBAN, sort code, bank account number
  kIdNumber,      // passport, driving licence, foreign social security number
};

inline constexpr int kPiiTypeCount = 17;

// Stable lower-case names used in JSON, data files and reports:
// "person", "location", "address", "postcode", "phone", "email", "url",
// "handle", "ip_address", "vehicle_registration", "ni_number", "date",
// "date_of_birth", "crime_number", "organisation", "financial", "id_number".
std::string_view PiiTypeName(PiiType type);
std::optional<PiiType> PiiTypeFromName(std::string_view name);

struct PiiFinding {
  PiiType type = PiiType::kPerson;
  size_t start = 0;  // byte offset into the UTF-8 input
  size_t end = 0;    // byte offset, exclusive
  double score = 0;  // 0..1, how sure the recogniser is (after context)
  std::string recogniser;

  bool operator==(const PiiFinding&) const = default;
};

// One way of finding personal data. Pattern recognisers (recognisers.h) and,
// later, gazetteer recognisers for names and places implement this. Find
// appends raw, possibly overlapping findings; it must be thread-safe when const.
class Recogniser {
 public:
  virtual ~Recogniser() = default;
  virtual std::string_view Name() const = 0;
  virtual std::vector<PiiType> Types() const = 0;
  virtual void Find(std::string_view text, std::vector<PiiFinding>& out) const = 0;

  // A recogniser that fills gaps (the statistical tagger) runs after all the
  // others and is shown their raw findings: it reports only text none of
  // them covers, so the rules win wherever they found something.
  virtual bool FillsGaps() const { return false; }
  virtual void FindGaps(std::string_view text, const std::vector<PiiFinding>& found,
                        std::vector<PiiFinding>& out) const {
    Find(text, out);
  }
};

// A context rule: when one of `words` (a word or phrase, compared on
// lower-cased words with dots dropped, so "D.O.B." equals "dob") appears
// within the window of words before a finding of one of `types`, the score
// moves by `boost` and the finding may change type (date -> date_of_birth).
struct ContextRule {
  std::vector<PiiType> types;
  std::vector<std::vector<std::string>> phrases;  // each phrase split into words
  double boost = 0;
  std::optional<PiiType> retype;
};

struct ContextRules {
  int window_words = 5;
  std::vector<ContextRule> rules;

  // Parses the TOML text of config/pii/context.toml (see that file for the shape).
  static Result<ContextRules> Parse(std::string_view toml_text, std::string_view source_name);
  static Result<ContextRules> Load(const std::string& path);
};


struct DetectorOptions {
  double min_score = 0.0;  // findings scoring below this after context are dropped
  // CreateDefault: also load the tagger (config/pii/ner-model.tsv). Off only
  // for training the tagger, which needs the rules' findings alone.
  bool tagger = true;
};

class Detector {
 public:
  Detector(std::vector<std::unique_ptr<Recogniser>> recognisers, ContextRules context,
           DetectorOptions options = {});

  // Every recogniser (patterns, phone, and the gazetteer recogniser with the
  // word lists of `config_dir`/pii/gazetteers/, addresses, financial; last the
  // tagger with the model `config_dir`/pii/ner-model.tsv, see ner_tagger.h)
  // with the context rules of `config_dir`/pii/context.toml.
  static Result<Detector> CreateDefault(const std::string& config_dir, DetectorOptions options = {});

  // Non-overlapping findings sorted by start (then end), offsets in bytes.
  std::vector<PiiFinding> Detect(std::string_view text) const;

  // The raw findings of every recogniser, context applied, before overlap
  // resolution: for explaining a decision and for tests.
  std::vector<PiiFinding> DetectAll(std::string_view text) const;

  // The raw findings of the recognisers that do not fill gaps, in
  // recogniser order, before context: what a gap filler is shown.
  std::vector<PiiFinding> RuleFindings(std::string_view text) const;

  const std::vector<std::unique_ptr<Recogniser>>& recognisers() const { return recognisers_; }

 private:
  void ApplyContext(std::string_view text, std::vector<PiiFinding>& findings) const;

  std::vector<std::unique_ptr<Recogniser>> recognisers_;
  ContextRules context_;
  DetectorOptions options_;
};

// Keeps the longest finding where findings overlap, then the higher score,
// then the earlier PiiType, then the earlier start; returns them sorted by start.
std::vector<PiiFinding> ResolveOverlaps(std::vector<PiiFinding> findings);

// {"findings": [{"type", "start", "end", "text", "score", "recogniser"}]}.
// Text that is not valid UTF-8 is replaced rather than failing the dump.
std::string FindingsJson(std::string_view text, const std::vector<PiiFinding>& findings);

// One line per finding: "start-end  type  score  recogniser  text".
std::string FindingsText(std::string_view text, const std::vector<PiiFinding>& findings);

}  // namespace foidesk::privacy
