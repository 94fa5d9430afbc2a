// Stopping rules on constructed orders, checked against plain re-computations
// (brute-force knee, enumerated hypergeometric, direct binomial tails).
#include "review/stopping.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>

namespace foidesk::review {
namespace {

ReviewOrder Repeat(uint8_t v, int n) { return ReviewOrder(n, v); }

ReviewOrder Concat(ReviewOrder a, const ReviewOrder& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// A ranked-review-like order: relevance falls off with rank.
ReviewOrder Decaying(int n, double start, double scale, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  ReviewOrder o(n);
  for (int i = 0; i < n; ++i) o[i] = u(rng) < start * std::exp(-i / scale) ? 1 : 0;
  return o;
}

// The knee by definition: scan every point for the largest distance from the
// chord (first one on ties), then the slope ratio.
KneeResult NaiveKnee(const ReviewOrder& o, int64_t min_read) {
  KneeResult r;
  r.read = static_cast<int64_t>(o.size());
  for (uint8_t v : o) r.found += v;
  r.threshold = 156.0 - std::min<int64_t>(r.found, 150);
  if (r.found == 0) return r;
  int64_t best = 0, f = 0, knee_f = 0;
  for (int64_t x = 1; x <= r.read; ++x) {
    f += o[x - 1];
    int64_t d = std::llabs(r.read * f - r.found * x);
    if (d > best) {
      best = d;
      r.knee = x;
      knee_f = f;
    }
  }
  if (r.knee > 0 && knee_f > 0)
    r.slope_ratio = (double(knee_f) / r.knee) / (double(r.found - knee_f + 1) / (r.read - r.knee));
  r.stop = r.read >= min_read && r.slope_ratio >= r.threshold;
  return r;
}

// ---- Knee ----

TEST(KneeTest, StopsAfterADenseStartAndALongDryRun) {
  // Records 1, 3, ..., 99 relevant (50 in the first 100), then 300 not.
  ReviewOrder o;
  for (int i = 0; i < 100; ++i) o.push_back(i % 2 == 0);
  o = Concat(o, Repeat(0, 300));
  KneeResult r = KneeStop(o);
  EXPECT_EQ(r.read, 400);
  EXPECT_EQ(r.found, 50);
  // Distance ~ |400 f - 50 x|: largest at x = 99, f = 50 (15,050).
  EXPECT_EQ(r.knee, 99);
  EXPECT_NEAR(r.slope_ratio, (50.0 / 99) / (1.0 / 301), 1e-9);  // 152.0
  EXPECT_DOUBLE_EQ(r.threshold, 106);
  EXPECT_TRUE(r.stop);
}

TEST(KneeTest, DoesNotStopWhileRelevantKeepComing) {
  ReviewOrder o;
  for (int i = 0; i < 2000; ++i) o.push_back(i % 4 == 0);
  KneeResult r = KneeStop(o);
  EXPECT_EQ(r.found, 500);
  // The jagged start (1 of 1 relevant) is the knee: 1 / (500/1999) ~ 4 < 6.
  EXPECT_LT(r.slope_ratio, 5);
  EXPECT_LT(r.slope_ratio, r.threshold);
  EXPECT_FALSE(r.stop);
  EXPECT_EQ(FirstKneeStop(o), -1);
}

TEST(KneeTest, RespectsMinRead) {
  ReviewOrder o;
  for (int i = 0; i < 100; ++i) o.push_back(i % 2 == 0);
  o = Concat(o, Repeat(0, 300));
  EXPECT_FALSE(KneeStop(o, 401).stop);
  EXPECT_TRUE(KneeStop(o, 400).stop);
}

TEST(KneeTest, NothingFoundOrAllFoundHasNoKnee) {
  KneeResult none = KneeStop(Repeat(0, 500));
  EXPECT_FALSE(none.stop);
  EXPECT_EQ(none.slope_ratio, 0);
  KneeResult all = KneeStop(Repeat(1, 500));  // every point on the chord
  EXPECT_FALSE(all.stop);
  EXPECT_EQ(all.knee, 0);
  EXPECT_FALSE(KneeStop({}).stop);
}

TEST(KneeTest, FirstStopOnAConstructedOrder) {
  // 50 relevant then none: at s > 50 the knee is x = 50 and the ratio is
  // (50/50) / (1/(s-50)) = s - 50 against 156 - 50 = 106, so s = 156.
  ReviewOrder o = Concat(Repeat(1, 50), Repeat(0, 1000));
  EXPECT_EQ(FirstKneeStop(o, 150, 1), 156);
  EXPECT_EQ(FirstKneeStop(o, 150, 10), 160);  // batch boundaries only
  EXPECT_EQ(FirstKneeStop(o, 300, 1), 300);   // min_read holds it back
  EXPECT_EQ(FirstKneeStop(Concat(Repeat(1, 50), Repeat(0, 100)), 150, 1), -1);
  KneeResult r = KneeStop(ReviewOrder(o.begin(), o.begin() + 156));
  EXPECT_EQ(r.knee, 50);
  EXPECT_DOUBLE_EQ(r.slope_ratio, 106);
}

TEST(KneeTest, HullAgreesWithTheDefinitionOnEveryPrefix) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    ReviewOrder o = Decaying(700, 0.9, 120, seed);
    if (seed == 4) o = Concat(Repeat(0, 30), o);  // knees below the chord too
    int64_t first = -1;
    for (size_t s = 0; s <= o.size(); ++s) {
      ReviewOrder prefix(o.begin(), o.begin() + s);
      KneeResult want = NaiveKnee(prefix, 150), got = KneeStop(prefix, 150);
      ASSERT_EQ(got.knee, want.knee) << "seed " << seed << " prefix " << s;
      ASSERT_DOUBLE_EQ(got.slope_ratio, want.slope_ratio) << "prefix " << s;
      ASSERT_EQ(got.stop, want.stop);
      if (want.stop && first < 0) first = static_cast<int64_t>(s);
    }
    EXPECT_EQ(FirstKneeStop(o, 150, 1), first) << "seed " << seed;
  }
}

// ---- Hypergeometric ----

// C(n, k) as a double, by the product formula: exact enough for small n.
double Choose(int n, int k) {
  if (k < 0 || k > n) return 0;
  double c = 1;
  for (int i = 1; i <= k; ++i) c = c * (n - k + i) / i;
  return c;
}

TEST(HypergeometricTest, CdfMatchesEnumeration) {
  const int cases[][3] = {{20, 7, 12}, {30, 15, 10}, {50, 3, 40}, {12, 12, 5},
                          {40, 0, 9},  {60, 25, 60}, {100, 5, 10}};
  for (const auto& c : cases) {
    int pop = c[0], succ = c[1], draws = c[2];
    double cum = 0;
    for (int k = 0; k <= draws; ++k) {
      cum += Choose(succ, k) * Choose(pop - succ, draws - k) / Choose(pop, draws);
      EXPECT_NEAR(HypergeometricCdf(k, pop, succ, draws), cum, 1e-12)
          << pop << " " << succ << " " << draws << " k " << k;
    }
  }
  // P(X = 0), N = 100, K = 5, n = 10: C(95,10)/C(100,10) = 0.5837523...
  EXPECT_NEAR(HypergeometricCdf(0, 100, 5, 10), 0.58375236, 1e-8);
  EXPECT_EQ(HypergeometricCdf(-1, 100, 5, 10), 0);
}

TEST(HypergeometricTest, LargePopulationsStayFinite) {
  // P(X = 0) with a million records, 1,000 relevant, 1,000 drawn: the
  // product of (N - K - i) / (N - i).
  double direct = 1;
  for (int i = 0; i < 1000; ++i) direct *= (1e6 - 1000 - i) / (1e6 - i);
  EXPECT_NEAR(HypergeometricCdf(0, 1'000'000, 1000, 1000) / direct, 1, 1e-8);
  double median_side = HypergeometricCdf(1, 1'000'000, 1000, 1000);  // mean 1
  EXPECT_GT(median_side, 0.5);
  EXPECT_LT(median_side, 1);
  EXPECT_TRUE(std::isnan(HypergeometricCdf(0, 10, 11, 3)));
}

TEST(HypergeometricStopTest, StopsAfterAllRelevantAndALongDryTail) {
  // 100 relevant, then 6,000 not, of 10,000. For k = 0, n = 6,000:
  // K = floor(100 / 0.95) - 100 + 1 = 6 among N = 3,900 + 6,000 = 9,900,
  // P(X = 0) ~ (1 - 6000/9900)^6 ~ 0.004.
  ReviewOrder o = Concat(Repeat(1, 100), Repeat(0, 6000));
  HypergeometricResult r = HypergeometricStop(o, 10'000);
  EXPECT_TRUE(r.stop);
  EXPECT_EQ(r.sample, 6000);
  EXPECT_EQ(r.sample_relevant, 0);
  EXPECT_EQ(r.needed, 6);
  EXPECT_NEAR(r.p_value, HypergeometricCdf(0, 9900, 6, 6000), 1e-15);
  EXPECT_LT(r.p_value, 0.01);
  // A short dry run of a big collection is not enough.
  EXPECT_FALSE(HypergeometricStop(Concat(Repeat(1, 100), Repeat(0, 1000)), 100'000).stop);
}

TEST(HypergeometricStopTest, DoesNotStopWhileRelevantKeepTurningUp) {
  ReviewOrder o;
  for (int i = 0; i < 6100; ++i) o.push_back(i % 20 == 0);
  HypergeometricResult r = HypergeometricStop(o, 10'000);
  EXPECT_FALSE(r.stop);
  EXPECT_GT(r.p_value, 0.05);
  EXPECT_EQ(FirstHypergeometricStop(o, 10'000, 0.95, 0.95, 1), -1);
}

TEST(HypergeometricStopTest, EverythingReadStops) {
  ReviewOrder o = Concat(Repeat(1, 10), Repeat(0, 90));
  HypergeometricResult r = HypergeometricStop(o, 100);
  EXPECT_TRUE(r.stop);
  EXPECT_EQ(r.p_value, 0);
  EXPECT_FALSE(HypergeometricStop({}, 100).stop);
}

TEST(HypergeometricStopTest, MinimumIsOverEverySampleSize) {
  // Against a scan of every n (not just the candidates) on small orders.
  for (unsigned seed = 1; seed <= 3; ++seed) {
    ReviewOrder o = Decaying(400, 0.8, 60, seed);
    const int64_t total = 600;
    int64_t read = o.size(), found = 0;
    for (uint8_t v : o) found += v;
    double best = 1;
    for (int64_t n = 1, k = 0; n <= read; ++n) {
      k += o[read - n];
      int64_t r_before = found - k;
      int64_t K = static_cast<int64_t>(std::floor((r_before + k) / 0.95 - r_before + 1e-9)) + 1;
      int64_t N = total - (read - n);
      double p = K > N ? 0 : HypergeometricCdf(k, N, K, n);
      best = std::min(best, p);
    }
    EXPECT_NEAR(HypergeometricStop(o, total).p_value, best, 1e-12) << "seed " << seed;
  }
}

TEST(HypergeometricStopTest, FirstStopMatchesEveryPrefix) {
  for (unsigned seed = 1; seed <= 3; ++seed) {
    ReviewOrder o = Decaying(2500, 0.7, 300, seed);
    const int64_t total = 4000;
    int64_t first1 = -1, first7 = -1;
    for (size_t s = 1; s <= o.size(); ++s) {
      bool stop = HypergeometricStop(ReviewOrder(o.begin(), o.begin() + s), total).stop;
      if (stop && first1 < 0) first1 = static_cast<int64_t>(s);
      if (stop && first7 < 0 && (s % 7 == 0 || s == o.size())) first7 = static_cast<int64_t>(s);
    }
    ASSERT_GT(first1, 0) << "the order should stop somewhere";
    EXPECT_EQ(FirstHypergeometricStop(o, total, 0.95, 0.95, 1), first1) << "seed " << seed;
    EXPECT_EQ(FirstHypergeometricStop(o, total, 0.95, 0.95, 7), first7) << "seed " << seed;
  }
}

// ---- Target method, Clopper-Pearson, elusion ----

TEST(TargetSetTest, Sizes) {
  EXPECT_EQ(TargetSetSize(0.95, 0.95), 59);  // 0.95^59 = 0.0485, 0.95^58 = 0.0510
  EXPECT_EQ(TargetSetSize(0.7, 0.95), 9);    // 0.7^9 = 0.040, 0.7^8 = 0.0576
  EXPECT_EQ(TargetSetSize(0.8, 0.9), 11);    // 0.8^11 = 0.086, 0.8^10 = 0.107
  EXPECT_EQ(TargetSetSize(0.5, 0.75), 2);    // exactly 0.25 counts
}

// P(X <= k) and P(X >= k) for X ~ Binomial(n, p), summed directly.
double BinomLe(int k, int n, double p) {
  double s = 0;
  for (int i = 0; i <= k; ++i) s += Choose(n, i) * std::pow(p, i) * std::pow(1 - p, n - i);
  return s;
}

TEST(ClopperPearsonTest, KnownValues) {
  Interval z = ClopperPearson(0, 10);
  EXPECT_EQ(z.low, 0);
  EXPECT_NEAR(z.high, 1 - std::pow(0.025, 0.1), 1e-12);
  EXPECT_NEAR(z.high, 0.30850, 1e-5);
  Interval half = ClopperPearson(5, 10);
  EXPECT_NEAR(half.low, 0.18709, 1e-5);
  EXPECT_NEAR(half.high, 0.81291, 1e-5);
  Interval all = ClopperPearson(10, 10);
  EXPECT_NEAR(all.low, 0.69150, 1e-5);
  EXPECT_EQ(all.high, 1);
  Interval one = ClopperPearson(1, 20);  // 0.00127, 0.24873
  EXPECT_NEAR(one.low, 0.0012650, 1e-6);
  EXPECT_NEAR(one.high, 0.2487328, 1e-6);
}

TEST(ClopperPearsonTest, EndsHaveTheRightTails) {
  const int cases[][2] = {{3, 50}, {17, 40}, {1, 200}, {90, 100}};
  for (double conf : {0.95, 0.99, 0.8}) {
    double half = (1 - conf) / 2;
    for (const auto& c : cases) {
      Interval iv = ClopperPearson(c[0], c[1], conf);
      EXPECT_NEAR(BinomLe(c[0], c[1], iv.high), half, 1e-9);
      EXPECT_NEAR(1 - BinomLe(c[0] - 1, c[1], iv.low), half, 1e-9);
    }
  }
  // Large samples stay fast and sensible.
  Interval big = ClopperPearson(500, 100'000);
  EXPECT_LT(big.low, 0.005);
  EXPECT_GT(big.high, 0.005);
  EXPECT_LT(big.high - big.low, 0.001);
}

TEST(ElusionTest, NoRelevantInTheSample) {
  RecallEstimate e = EstimateRecallByElusion(800, 1880, 120, 0);
  double h = 1 - std::pow(0.025, 1.0 / 120);  // 0.030273
  EXPECT_DOUBLE_EQ(e.point, 1);
  EXPECT_EQ(e.missed_estimate, 0);
  EXPECT_NEAR(e.low, 800 / (800 + 1880 * h), 1e-12);  // 0.9336
  EXPECT_DOUBLE_EQ(e.high, 1);
  EXPECT_EQ(e.Sentence(),
            "A random sample of 120 of the 1,880 records not read held no relevant record; with "
            "95% confidence, recall is at least 0.93 (estimate 1.00).");
}

TEST(ElusionTest, SomeRelevantInTheSample) {
  // 2 of 200 relevant: p = 0.01, 50 of 5,000 unread missed, recall 300/350.
  RecallEstimate e = EstimateRecallByElusion(300, 5000, 200, 2);
  Interval iv = ClopperPearson(2, 200);
  EXPECT_NEAR(e.missed_estimate, 50, 1e-9);
  EXPECT_NEAR(e.point, 300.0 / 350, 1e-12);
  EXPECT_NEAR(e.low, 300 / (300 + 5000 * iv.high), 1e-12);
  EXPECT_NEAR(e.high, 300 / (300 + 5000 * iv.low), 1e-12);
  EXPECT_LT(e.low, e.point);
  EXPECT_GT(e.high, e.point);
  // The lower bound is truncated, never rounded up.
  char want[200];
  RecallEstimate e99 = EstimateRecallByElusion(300, 5000, 200, 2, 0.99);
  double low2 = std::floor(e99.low * 100) / 100;
  std::snprintf(want, sizeof want,
                "A random sample of 200 of the 5,000 records not read held 2 relevant records; "
                "with 99%% confidence, recall is at least %.2f (estimate 0.86).",
                low2);
  EXPECT_EQ(e99.Sentence(), want);
  EXPECT_EQ(EstimateRecallByElusion(10, 1, 1, 1).Sentence(),
            "A random sample of 1 of the 1 record not read held 1 relevant record; with 95% "
            "confidence, recall is at least 0.90 (estimate 0.91).");
}

TEST(ElusionTest, NoSample) {
  RecallEstimate e = EstimateRecallByElusion(90, 10, 0, 0);
  EXPECT_NEAR(e.low, 0.9, 1e-12);
  EXPECT_EQ(e.high, 1);
  EXPECT_NE(e.Sentence().find("cannot be estimated"), std::string::npos);
}

TEST(ElusionTest, SampleSizeIsTheSmallestThatReachesTheTarget) {
  struct Case {
    int64_t found, unread;
    double target, conf;
  };
  for (Case c : {Case{800, 1880, 0.95, 0.95}, Case{100, 50'000, 0.8, 0.95},
                 Case{5000, 20'000, 0.9, 0.99}, Case{40, 100, 0.7, 0.9}}) {
    int64_t n = ElusionSampleSize(c.found, c.unread, c.target, c.conf);
    ASSERT_GT(n, 0);
    EXPECT_GE(EstimateRecallByElusion(c.found, c.unread, n, 0, c.conf).low, c.target);
    EXPECT_LT(EstimateRecallByElusion(c.found, c.unread, n - 1, 0, c.conf).low, c.target);
  }
  EXPECT_EQ(ElusionSampleSize(100, 0), 0);    // nothing unread
  EXPECT_EQ(ElusionSampleSize(1000, 10), 0);  // even all of it relevant: 0.99
  EXPECT_EQ(ElusionSampleSize(0, 100), -1);   // nothing found: no sample helps
}

}  // namespace
}  // namespace foidesk::review
