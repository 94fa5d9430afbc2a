// The publish gate: the last check on what `respond` is about to write,
// independent of the code that protected it. It looks only at the public
// tables as they will be published (and which crime each detail row is, to
// name it to staff), and refuses them when
//   - a public summary carries a personal-data finding, or a word outside
//     its facet schema's vocabulary;
//   - a detail row that is not suppressed is in a group smaller than k;
//   - a column the policy withholds is present;
//   - a count table shows a figure below the small-cell threshold, or a
//     hidden figure can be worked out from the others and the total.
// An approver may override one refusal (check and subject) with a recorded
// reason. A refusal names the crime, column or cell and the kind of finding,
// never the text that was found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "privacy/disclosure.h"
#include "privacy/facets.h"
#include "privacy/pii.h"

namespace foidesk::privacy {

enum class GateCheck {
  kSummaryFinding,     // subject: crime id
  kSummaryVocabulary,  // subject: crime id
  kBelowK,             // subject: crime id
  kWithheldColumn,     // subject: column name
  kSmallCount,         // subject: "<table> <row label>" e.g. "Q1 2012"
};

// "summary-finding", "summary-vocabulary", "below-k", "withheld-column", "small-count".
const char* GateCheckName(GateCheck check);
std::optional<GateCheck> GateCheckFromName(const std::string& name);

// One count table as it will be published: the figures as text ("12", "*"),
// the Total last.
struct PublicCounts {
  std::string name;  // "Q1"
  std::vector<std::string> labels;  // row labels, "Total" last
  std::vector<std::string> shown;   // as published
  // The detail table's column these labels count, when the detail table has
  // one row per counted item (Q2's "year" for Q1's years): a hidden figure
  // must not be recoverable by counting detail rows either. Labels there
  // may be a year or a range "2012-2013".
  std::string detail_column;
};

struct PublicRelease {
  Table details;                       // columns as named in the policy (year, details, ...)
  std::vector<std::string> crime_ids;  // per detail row; staff-only, for refusals
  std::string summary_column = "details";
  std::vector<PublicCounts> counts;
};

struct Override {
  GateCheck check = GateCheck::kSummaryFinding;
  std::string subject;  // crime id, column, or "Q1 2012"
  std::string approver;
  std::string reason;
};

struct Refusal {
  GateCheck check = GateCheck::kSummaryFinding;
  std::string subject;
  std::string detail;  // the kind of finding and where, never its text
  const Override* override_by = nullptr;  // set when an approver accepted it; points
                                          // into the overrides given to CheckRelease
};

struct GateOptions {
  // Findings scoring lower do not block a summary. 0: any finding blocks;
  // a public summary has no reason to hold anything the detector flags,
  // and a false positive costs an override, a leak costs a victim.
  double min_score = 0.0;
  const FacetSchema* schema = nullptr;  // vocabulary of summaries; null: not checked
};

struct GateResult {
  std::vector<Refusal> refusals;  // overridden ones included, with override_by set

  bool passed() const;
  // One line per refusal not overridden: "crime S1/00180/11: summary-finding:
  // person (recogniser person) at bytes 40-52".
  std::string Message() const;
};

GateResult CheckRelease(const PublicRelease& release, const DisclosurePolicy& policy,
                        const Detector& detector, const GateOptions& options,
                        const std::vector<Override>& overrides);

}  // namespace foidesk::privacy
