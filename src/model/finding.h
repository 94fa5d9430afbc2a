// A data-quality finding: an input row that was not loaded as it stood, or
// was loaded with a caveat. Names file, line and reason; never row content.
#pragma once

#include <cstdint>
#include <string>

namespace foidesk {

enum class FindingKind {
  kRejected,   // the row was not loaded
  kDuplicate,  // the row repeats a crime already seen; the later row wins
  kWarning,    // loaded, with a caveat (e.g. age disagrees with date of birth)
};

struct Finding {
  FindingKind kind = FindingKind::kRejected;
  std::string file;
  int64_t line = 0;     // 1-based physical line where the record starts
  std::string field;    // column or key concerned; may be empty
  std::string reason;   // e.g. "impossible date 31/02/2013 in RECORDED_DATE"
};

inline const char* FindingKindName(FindingKind k) {
  switch (k) {
    case FindingKind::kRejected: return "rejected";
    case FindingKind::kDuplicate: return "duplicate";
    case FindingKind::kWarning: return "warning";
  }
  return "?";
}

}  // namespace foidesk
