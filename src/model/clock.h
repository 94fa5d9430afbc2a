// The wall clock, for audit stamps only (when an ingest ran, when a decision
// was imported). Nothing a response contains may depend on it: callers pass
// the stamp in, so tests and reproducible outputs never read the clock.
#pragma once

#include <string>

namespace foidesk {

// Now as ISO 8601 UTC, e.g. "2016-03-20T10:00:00Z".
std::string UtcNowIso();

}  // namespace foidesk
