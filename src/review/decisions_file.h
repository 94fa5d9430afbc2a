// Review decisions exchanged as CSV (crime_id, relevant, reviewer, summary,
// reason): what analysts decided, imported into the store under a request.
#pragma once

#include <string>
#include <vector>

#include "model/decision.h"
#include "model/result.h"
#include "store/store.h"

namespace foidesk::review {

// Reads a decisions CSV (UTF-8, header crime_id,relevant,reviewer,summary,
// reason and optionally decided_at; relevant is yes/no, y/n, 1/0 or
// true/false). Every decision gets
// `request_ref`. Fails on the first bad row with file, line, column and
// reason; a decisions file is small and hand-made, so it is all or nothing.
Result<std::vector<Decision>> ReadDecisionsCsv(const std::string& path,
                                               const std::string& request_ref);

// The decisions as a CSV in the import format, with decided_at (CRLF).
std::string DecisionsCsv(const std::vector<Decision>& decisions);

struct ImportCounts {
  int64_t imported = 0;
  int64_t relevant = 0;
};

// Stores the decisions (a later decision on the same crime replaces the
// earlier). A decision without a time is stamped `now` (the caller's clock,
// ISO 8601 UTC). Fails, storing nothing, when a crime id is not in the store.
Result<ImportCounts> ImportDecisions(Store& store, const std::vector<Decision>& decisions,
                                     const std::string& path, const std::string& now);

}  // namespace foidesk::review
