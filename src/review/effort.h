// Effort against section 12: how many hours review has taken, how many the
// rest will take, against the appropriate limit (Fees Regulations 2004: 18
// hours at 25 pounds an hour for police forces and local government, 24 for
// central government).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace foidesk::review {

struct EffortLimit {
  double hours = 18;  // 450 pounds at 25 an hour
  double rate_gbp = 25;
};

struct EffortInput {
  // Seconds spent on each decision made so far (0 or negative: not timed,
  // left out of the rate).
  std::vector<double> seconds;
  int64_t remaining = 0;   // records left in the queue to the stopping point
  int64_t validation = 0;  // validation-sample records still to read
  // Used when fewer than `min_timed` decisions were timed: the force's
  // assumed seconds per record (estimate before any review).
  double assumed_seconds = 60;
  int64_t min_timed = 10;
  EffortLimit limit;
};

struct EffortProjection {
  int64_t timed = 0;             // decisions with a time
  double seconds_per_record = 0; // median of the timed, or the assumed rate
  bool rate_measured = false;    // false: the assumed rate
  double hours_used = 0;         // sum of timed seconds / 3600
  double hours_remaining = 0;    // (remaining + validation) * rate / 3600
  double hours_total = 0;        // used + remaining
  double cost_gbp = 0;           // hours_total * rate_gbp
  double limit_hours = 18;
  bool exceeds_limit = false;    // hours_total > limit_hours
  // e.g. "12.5 hours used and 3.2 projected (median 41 s a record over 1,100
  // timed decisions): 15.7 of the 18-hour limit."
  std::string Sentence() const;
};

EffortProjection ProjectEffort(const EffortInput& in);

}  // namespace foidesk::review
