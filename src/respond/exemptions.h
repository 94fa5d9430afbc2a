// The exemption library: the text of each FOIA exemption (and the s12 and s14
// refusals) as the law stood on a given date, and the s17 refusal notice.
// Texts live in config/exemptions/ as data with their sources, one TOML file
// per version, so a 2016 letter and a 2024 letter each cite their own law.
// Templates hold Mustache placeholders ({{reason}}, ...) the caller fills.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/result.h"

namespace foidesk::respond {

// Absolute and qualified are Part II exemptions (s2); procedural covers s12
// and s14, which lift the duty to comply and have no public interest test.
enum class ExemptionKind { kAbsolute, kQualified, kProcedural };

std::string KindName(ExemptionKind kind);

// Each field is a list of paragraphs; placeholders are left unfilled.
struct PublicInterestTest {
  std::vector<std::string> favouring_disclosure;
  std::vector<std::string> favouring_non_disclosure;
  std::vector<std::string> balance;
};

struct ExemptionVersion {
  std::string file;     // the data file it came from
  std::string id;       // "s40-2"
  std::string section;  // "40(2)", as letters cite it
  std::string title;
  ExemptionKind kind = ExemptionKind::kQualified;
  std::string basis;           // "class", "prejudice", "cost", ...
  Date in_force_from;
  std::optional<Date> in_force_to;  // inclusive; none: still in force
  std::string refusal_notice;  // subsection of s17 the notice is given under, "17(1)"
  Date written;
  std::vector<std::string> sources;
  std::vector<std::string> to_check;  // points a person should confirm
  std::vector<std::string> what;      // what the exemption says
  std::vector<std::string> why;       // why it applies; holds {{reason}}
  std::optional<PublicInterestTest> public_interest;  // qualified only

  bool InForceOn(const Date& d) const;
};

struct RefusalNotice {
  std::string file;
  Date written;
  std::vector<std::string> sources;
  std::vector<std::string> to_check;
  std::vector<std::string> paragraphs;  // placeholders {{force_name}}, {{exemptions}}
};

class ExemptionLibrary {
 public:
  // Reads <config_dir>/exemptions/*.toml and s17-notice.md. Errors name the
  // file and the key; versions of one id that overlap or leave a gap are an
  // error naming both files.
  static Result<ExemptionLibrary> Load(const std::string& config_dir);

  // The version of `id` in force on `on`; NotFound names the id and date.
  Result<ExemptionVersion> Find(const std::string& id, const Date& on) const;

  std::vector<std::string> Ids() const;  // sorted
  // Every version of `id`, oldest first; empty for an unknown id.
  const std::vector<ExemptionVersion>& Versions(const std::string& id) const;
  const RefusalNotice& s17_notice() const { return s17_; }

 private:
  std::map<std::string, std::vector<ExemptionVersion>> by_id_;
  RefusalNotice s17_;
};

// Paragraphs of a text, separated by blank lines; lines within one are joined
// with a space, as the letter renders them.
std::vector<std::string> SplitParagraphs(const std::string& text);

}  // namespace foidesk::respond
