// Stopping rules and recall estimates. Everything here is exact integer or
// log-space arithmetic over the review order; the only approximations are
// the tolerances named below (bisection width, series cut-off).
#include "review/stopping.h"
#include "review/number_format.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace foidesk::review {
namespace {

// A lower bound is truncated, never rounded up: "at least 0.93" must hold.
// The 1e-9 keeps a computed 0.92999999999 from showing as 0.92.
std::string FixedDown(double v, int decimals) {
  double scale = std::pow(10.0, decimals);
  return Fixed(std::floor(v * scale + 1e-9) / scale, decimals);
}

// "95%", "99.5%".
std::string Percent(double confidence) {
  double pct = confidence * 100;
  return std::fabs(pct - std::round(pct)) < 1e-9 ? Fixed(pct, 0) + "%" : Fixed(pct, 1) + "%";
}

// ---- Knee: the farthest point from the chord, over convex hulls. ----

// The gain-curve point (records read, relevant found).
struct Point {
  int64_t x;
  int64_t y;
};

int64_t Cross(const Point& o, const Point& a, const Point& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

// The farthest point from the chord (0,0)-(s,F) maximises |s*y - F*x|; the
// maximum of a linear function lies on the convex hull, so keeping the upper
// and lower hulls as points arrive (x increasing, monotone chain) answers each
// prefix in O(log n) instead of O(n). Collinear points are dropped: the
// leftmost of tied maximisers is always a hull vertex, so ties resolve to the
// smallest x, as a plain scan would.
class KneeTracker {
 public:
  KneeTracker() { Push({0, 0}); }

  // Adds the next record read.
  void Add(uint8_t relevant) {
    ++read_;
    found_ += relevant ? 1 : 0;
    Push({read_, found_});
  }

  KneeResult Evaluate(int64_t min_read) const {
    KneeResult r;
    r.read = read_;
    r.found = found_;
    r.threshold = 156.0 - static_cast<double>(std::min<int64_t>(found_, 150));
    const int64_t s = read_, f = found_;
    if (f == 0) return r;  // nothing found: no slope to compare
    auto g = [&](const Point& p) { return s * p.y - f * p.x; };
    Point above = Best(upper_, true, g);
    Point below = Best(lower_, false, g);
    int64_t ga = g(above), gb = -g(below);
    if (ga == 0 && gb == 0) return r;  // every point on the chord: no knee
    Point knee = ga > gb ? above : gb > ga ? below : (above.x <= below.x ? above : below);
    r.knee = knee.x;  // 0 < knee < s, as both ends lie on the chord
    if (knee.y > 0) {
      double before = static_cast<double>(knee.y) / static_cast<double>(knee.x);
      double after = static_cast<double>(f - knee.y + 1) / static_cast<double>(s - knee.x);
      r.slope_ratio = before / after;
    }
    r.stop = s >= min_read && r.slope_ratio >= r.threshold;
    return r;
  }

 private:
  void Push(const Point& p) {
    PushHull(upper_, p, true);
    PushHull(lower_, p, false);
  }

  static void PushHull(std::vector<Point>& hull, const Point& p, bool upper) {
    while (hull.size() >= 2) {
      int64_t c = Cross(hull[hull.size() - 2], hull.back(), p);
      if (upper ? c >= 0 : c <= 0) {
        hull.pop_back();
      } else {
        break;
      }
    }
    hull.push_back(p);
  }

  // The hull vertex maximising g (upper hull) or minimising it (lower): g is
  // unimodal along a hull, so binary search for the first edge that stops
  // improving; its left end is the leftmost best vertex.
  template <typename G>
  static Point Best(const std::vector<Point>& hull, bool upper, G g) {
    size_t lo = 0, hi = hull.size() - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      int64_t d = g(hull[mid + 1]) - g(hull[mid]);
      if (upper ? d <= 0 : d >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return hull[lo];
  }

  std::vector<Point> upper_;
  std::vector<Point> lower_;
  int64_t read_ = 0;
  int64_t found_ = 0;
};

// ---- Hypergeometric tails. ----

double LogChoose(int64_t n, int64_t k) {
  return std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(k) + 1) -
         std::lgamma(static_cast<double>(n - k) + 1);
}

// P(X <= k), arguments already valid. One log-space pmf, then the pmf ratio
// recurrence away from the mode (terms shrink, so the sum stops once they no
// longer matter): the cost is the spread of the distribution, not k.
double Cdf(int64_t k, int64_t pop, int64_t succ, int64_t draws) {
  int64_t lo = std::max<int64_t>(0, draws - (pop - succ));
  int64_t hi = std::min(draws, succ);
  if (k < lo) return 0;
  if (k >= hi) return 1;
  auto log_pmf = [&](int64_t j) {
    return LogChoose(succ, j) + LogChoose(pop - succ, draws - j) - LogChoose(pop, draws);
  };
  double mode = std::floor((static_cast<double>(draws) + 1) * (static_cast<double>(succ) + 1) /
                           (static_cast<double>(pop) + 2));
  const double fail = static_cast<double>(pop - succ - draws);
  if (static_cast<double>(k) < mode) {
    // Lower tail, from k down.
    double term = std::exp(log_pmf(k)), sum = term;
    for (int64_t j = k; j > lo && term > sum * 1e-17; --j) {
      double jd = static_cast<double>(j);
      term *= jd * (fail + jd) /
              ((static_cast<double>(succ) - jd + 1) * (static_cast<double>(draws) - jd + 1));
      sum += term;
    }
    return std::min(1.0, sum);
  }
  // Upper tail from k+1 up; the lower tail is its complement.
  double term = std::exp(log_pmf(k + 1)), sum = term;
  for (int64_t j = k + 1; j < hi && term > sum * 1e-17; ++j) {
    double jd = static_cast<double>(j);
    term *= (static_cast<double>(succ) - jd) * (static_cast<double>(draws) - jd) /
            ((jd + 1) * (fail + jd + 1));
    sum += term;
  }
  return std::max(0.0, 1.0 - sum);
}

// HypergeometricStop over the first `read` records. Only one n per k needs
// testing: with k fixed, a longer sample keeps K and the unread count
// (total - read) but draws more, so P(X <= k) falls; the smallest p for k is
// at the longest n holding exactly k relevant (just short of the previous
// relevant record, or the whole prefix). That is found + 1 candidates, each
// an O(spread) tail: exact, with no grid. With `decide_only` the search stops
// at the first p below alpha, and skips candidates with k >= mean + 1: a
// hypergeometric variable is a sum of independent Bernoullis, whose median
// is within 1 of the mean, so there p >= 1/2 (alpha < 1/2 assumed there).
HypergeometricResult HyperAt(const std::vector<int64_t>& positions, int64_t found, int64_t read,
                             int64_t total, double target, double confidence, bool decide_only) {
  HypergeometricResult best;
  if (read == 0) return best;
  total = std::max(total, read);
  target = std::clamp(target, 1e-9, 1.0);  // a target of 0 would divide by zero
  const double alpha = 1 - confidence;
  // floor(found / target) once; the 1e-9 stops 19/0.95 = 19.999... losing one.
  const int64_t needed_base = static_cast<int64_t>(std::floor(found / target + 1e-9));
  const int64_t unread = total - read;
  for (int64_t k = 0; k <= found; ++k) {
    int64_t prev = found - k == 0 ? 0 : positions[found - k - 1];  // last relevant left out
    int64_t n = read - prev;
    if (n <= 0) continue;  // k = 0 when the last record read was relevant
    int64_t r_before = found - k;
    int64_t pop = unread + n;
    int64_t succ = needed_base - r_before + 1;
    double p;
    if (succ > pop) {
      p = 0;  // H0 would need more relevant records than there are
    } else {
      if (decide_only && alpha < 0.5 &&
          static_cast<double>(k) >=
              static_cast<double>(n) * static_cast<double>(succ) / static_cast<double>(pop) + 1)
        continue;
      p = Cdf(k, pop, succ, n);
    }
    if (p < best.p_value) {
      best.p_value = p;
      best.sample = n;
      best.sample_relevant = k;
      best.needed = succ;
    }
    if (decide_only && best.p_value < alpha) break;
  }
  best.stop = best.p_value < alpha;
  return best;
}

// ---- Regularised incomplete beta, for Clopper-Pearson. ----

// Continued fraction (Lentz), as in Numerical Recipes' betacf.
double BetaFraction(double a, double b, double x) {
  const double kTiny = 1e-300;
  double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  // Convergence takes about sqrt(max(a, b)) steps; the cap is generous.
  int max_iter = 1000 + static_cast<int>(10 * std::sqrt(std::max(a, b)));
  for (int m = 1; m <= max_iter; ++m) {
    double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-15) break;
  }
  return h;
}

// I_x(a, b).
double RegIncBeta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                          b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * BetaFraction(a, b, x) / a;
  return 1 - front * BetaFraction(b, a, 1 - x) / b;
}

// The p in [0, 1] with I_p(a, b) = target (I is increasing in p).
double BetaQuantile(double target, double a, double b) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
    double mid = (lo + hi) / 2;
    (RegIncBeta(mid, a, b) < target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

double RecallOf(double found, double missed) {
  return found + missed <= 0 ? 1.0 : found / (found + missed);
}

}  // namespace

KneeResult KneeStop(const ReviewOrder& order, int64_t min_read) {
  KneeTracker t;
  for (uint8_t r : order) t.Add(r);
  return t.Evaluate(min_read);
}

// The final prefix counts as a boundary too (a last, short batch).
int64_t FirstKneeStop(const ReviewOrder& order, int64_t min_read, int64_t step) {
  step = std::max<int64_t>(step, 1);
  const int64_t size = static_cast<int64_t>(order.size());
  KneeTracker t;
  for (int64_t i = 0; i < size; ++i) {
    t.Add(order[i]);
    int64_t read = i + 1;
    if ((read % step == 0 || read == size) && t.Evaluate(min_read).stop) return read;
  }
  return -1;
}

HypergeometricResult HypergeometricStop(const ReviewOrder& order, int64_t total,
                                        double recall_target, double confidence) {
  std::vector<int64_t> positions;
  for (size_t i = 0; i < order.size(); ++i)
    if (order[i]) positions.push_back(static_cast<int64_t>(i) + 1);
  return HyperAt(positions, static_cast<int64_t>(positions.size()),
                 static_cast<int64_t>(order.size()), total, recall_target, confidence, false);
}

int64_t FirstHypergeometricStop(const ReviewOrder& order, int64_t total, double recall_target,
                                double confidence, int64_t step) {
  step = std::max<int64_t>(step, 1);
  const int64_t size = static_cast<int64_t>(order.size());
  std::vector<int64_t> positions;
  for (int64_t i = 0; i < size; ++i) {
    if (order[i]) positions.push_back(i + 1);
    int64_t read = i + 1;
    if (read % step != 0 && read != size) continue;
    if (HyperAt(positions, static_cast<int64_t>(positions.size()), read, total, recall_target,
                confidence, true)
            .stop)
      return read;
  }
  return -1;
}

int64_t TargetSetSize(double recall_target, double confidence) {
  double alpha = 1 - confidence;
  if (alpha >= 1) return 0;
  if (recall_target <= 0) return 1;
  if (recall_target >= 1 || alpha <= 0) return -1;  // never reached
  // The logarithm gives the answer up to rounding; settle it with pow.
  auto t = static_cast<int64_t>(std::ceil(std::log(alpha) / std::log(recall_target)));
  t = std::max<int64_t>(t, 1);
  while (t > 1 && std::pow(recall_target, static_cast<double>(t - 1)) <= alpha) --t;
  while (std::pow(recall_target, static_cast<double>(t)) > alpha) ++t;
  return t;
}

double HypergeometricCdf(int64_t k, int64_t population, int64_t successes, int64_t draws) {
  if (population < 0 || successes < 0 || draws < 0 || successes > population || draws > population)
    return std::numeric_limits<double>::quiet_NaN();
  return Cdf(k, population, successes, draws);
}

Interval ClopperPearson(int64_t successes, int64_t trials, double confidence) {
  Interval iv;
  if (trials <= 0 || successes < 0 || successes > trials) return iv;
  const double half = (1 - confidence) / 2;
  const double n = static_cast<double>(trials), x = static_cast<double>(successes);
  // The ends have closed forms; the middle is a beta quantile each side.
  if (successes == 0) {
    iv.low = 0;
  } else if (successes == trials) {
    iv.low = std::pow(half, 1 / n);
  } else {
    iv.low = BetaQuantile(half, x, n - x + 1);
  }
  if (successes == trials) {
    iv.high = 1;
  } else if (successes == 0) {
    iv.high = 1 - std::pow(half, 1 / n);
  } else {
    iv.high = BetaQuantile(1 - half, x + 1, n - x);
  }
  return iv;
}

RecallEstimate EstimateRecallByElusion(int64_t found, int64_t unread, int64_t sample,
                                       int64_t sample_relevant, double confidence) {
  RecallEstimate e;
  e.confidence = confidence;
  e.found = found;
  e.unread = unread;
  e.sample = sample;
  e.sample_relevant = sample_relevant;
  const double f = static_cast<double>(found), u = static_cast<double>(unread);
  if (sample <= 0) {
    // Nothing sampled: anything from none to all of the unread may be relevant;
    // the point is the pessimistic end rather than a guess.
    e.low = e.point = RecallOf(f, u);
    e.high = 1;
    e.missed_estimate = u;
    return e;
  }
  double p = static_cast<double>(sample_relevant) / static_cast<double>(sample);
  Interval iv = ClopperPearson(sample_relevant, sample, confidence);
  e.missed_estimate = u * p;
  e.point = RecallOf(f, e.missed_estimate);
  e.low = RecallOf(f, u * iv.high);
  e.high = RecallOf(f, u * iv.low);
  return e;
}

std::string RecallEstimate::Sentence() const {
  std::string records = Grouped(unread) + (unread == 1 ? " record" : " records");
  if (sample <= 0)
    return "No random sample of the " + records +
           " not read has been checked, so recall cannot be estimated.";
  std::string held = sample_relevant == 0   ? "no relevant record"
                     : sample_relevant == 1 ? "1 relevant record"
                                            : Grouped(sample_relevant) + " relevant records";
  return "A random sample of " + Grouped(sample) + " of the " + records + " not read held " + held +
         "; with " + Percent(confidence) + " confidence, recall is at least " + FixedDown(low, 2) +
         " (estimate " + Fixed(point, 2) + ").";
}

// With no relevant record in the sample, the lower bound on recall is
// found / (found + unread * h), h = 1 - (alpha/2)^(1/n); solve for n, then
// settle rounding against EstimateRecallByElusion itself.
int64_t ElusionSampleSize(int64_t found, int64_t unread, double recall_target, double confidence) {
  auto meets = [&](int64_t n) {
    return EstimateRecallByElusion(found, unread, n, 0, confidence).low >= recall_target;
  };
  if (unread <= 0 || meets(0)) return 0;
  if (found <= 0 || recall_target >= 1) return -1;  // no sample can show it
  const double f = static_cast<double>(found), u = static_cast<double>(unread);
  const double h_max = f * (1 - recall_target) / (recall_target * u);
  const double half = (1 - confidence) / 2;
  auto n = static_cast<int64_t>(std::ceil(std::log(half) / std::log1p(-h_max)));
  n = std::max<int64_t>(n, 1);
  while (n > 1 && meets(n - 1)) --n;
  while (!meets(n)) ++n;
  return n;
}

}  // namespace foidesk::review
