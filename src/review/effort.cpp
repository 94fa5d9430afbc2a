// Section 12 effort: hours so far from the timed decisions, hours to come at
// the median rate (robust to a decision left open over lunch).
#include "review/effort.h"
#include "review/number_format.h"

#include <algorithm>
#include <cmath>

namespace foidesk::review {
namespace {

// "18", "18.5": a limit shows its decimal only when it has one.
std::string Hours(double h) {
  return std::fabs(h - std::round(h)) < 1e-9 ? Fixed(h, 0) : Fixed(h, 1);
}

}  // namespace

std::string EffortProjection::Sentence() const {
  std::string rate = Fixed(seconds_per_record, 0) + " s a record";
  std::string count = Grouped(timed) + (timed == 1 ? " timed decision" : " timed decisions");
  std::string how = rate_measured ? "median " + rate + " over " + count
                                  : "assumed " + rate + "; " + count + " so far";
  std::string head = Fixed(hours_used, 1) + " hours used and " + Fixed(hours_remaining, 1) +
                     " projected (" + how + "): ";
  if (exceeds_limit)
    return head + Fixed(hours_total, 1) + " hours, over the " + Hours(limit_hours) + "-hour limit.";
  return head + Fixed(hours_total, 1) + " of the " + Hours(limit_hours) + "-hour limit.";
}

EffortProjection ProjectEffort(const EffortInput& in) {
  EffortProjection p;
  std::vector<double> timed;
  double used_seconds = 0;
  for (double s : in.seconds) {
    if (!(s > 0)) continue;  // untimed (also NaN)
    timed.push_back(s);
    used_seconds += s;
  }
  p.timed = static_cast<int64_t>(timed.size());
  if (p.timed > 0 && p.timed >= in.min_timed) {
    size_t mid = timed.size() / 2;
    std::nth_element(timed.begin(), timed.begin() + mid, timed.end());
    double median = timed[mid];
    if (timed.size() % 2 == 0) {
      // Even count: the mean of the two middle values; the lower one is the
      // largest of the lower half.
      double lower = *std::max_element(timed.begin(), timed.begin() + mid);
      median = (lower + median) / 2;
    }
    p.seconds_per_record = median;
    p.rate_measured = true;
  } else {
    p.seconds_per_record = in.assumed_seconds;
  }
  const int64_t left = std::max<int64_t>(in.remaining, 0) + std::max<int64_t>(in.validation, 0);
  p.hours_used = used_seconds / 3600;
  p.hours_remaining = static_cast<double>(left) * p.seconds_per_record / 3600;
  p.hours_total = p.hours_used + p.hours_remaining;
  p.cost_gbp = p.hours_total * in.limit.rate_gbp;
  p.limit_hours = in.limit.hours;
  p.exceeds_limit = p.hours_total > p.limit_hours;
  return p;
}

}  // namespace foidesk::review
