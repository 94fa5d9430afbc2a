// When can review stop? Stopping rules over a review order (which records,
// read in which order, were relevant) and recall estimates from random
// samples. Pure arithmetic: no store, no model; the session and the
// simulation feed it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace foidesk::review {

// relevant[i] is 1 when the (i+1)-th record read was relevant.
using ReviewOrder = std::vector<uint8_t>;

// The knee method (Cormack and Grossman 2016, "Engineering quality and
// reliability in technology-assisted review"): the knee of the gain curve is
// the point farthest from the straight line between (0,0) and (read, found);
// the slope ratio is (found at knee / knee) / ((found after knee + 1) /
// (read - knee)). Stop when at least `min_read` records are read and the
// ratio is at least 156 - min(found, 150).
struct KneeResult {
  bool stop = false;
  int64_t read = 0;        // records read (the size of the order)
  int64_t found = 0;       // relevant among them
  int64_t knee = 0;        // records read at the knee
  double slope_ratio = 0;  // 0 when undefined (nothing found yet)
  double threshold = 0;    // 156 - min(found, 150)
};
KneeResult KneeStop(const ReviewOrder& order, int64_t min_read = 150);

// The first prefix of `order` at which KneeStop says stop, checking every
// `step` records (the batch boundaries); -1 when it never does.
int64_t FirstKneeStop(const ReviewOrder& order, int64_t min_read = 150, int64_t step = 1);

// Callaghan and Mueller-Hansen (2020), "Statistical stopping criteria for
// automated screening in systematic reviews": the last n records read are
// treated as a random sample of the records not yet read before them (a
// prioritised order is at least as rich as a random one, so the test is
// conservative). H0: recall < recall_target. For each n, with k relevant in
// the last n, r_before found before them, and N_before = total - (read - n)
// records unread before them, K = floor((r_before + k) / recall_target -
// r_before) + 1 is the fewest relevant among those N_before that H0 needs;
// p(n) = P(X <= k) for X ~ Hypergeometric(N_before, K, n). Stop when the
// smallest p over n is below 1 - confidence.
struct HypergeometricResult {
  bool stop = false;
  double p_value = 1;      // the smallest over n
  int64_t sample = 0;      // the n that gave it
  int64_t sample_relevant = 0;
  int64_t needed = 0;      // K at that n
};
HypergeometricResult HypergeometricStop(const ReviewOrder& order, int64_t total,
                                        double recall_target = 0.95, double confidence = 0.95);

// The first prefix at which HypergeometricStop says stop, checking every
// `step` records; -1 when it never does.
int64_t FirstHypergeometricStop(const ReviewOrder& order, int64_t total, double recall_target,
                                double confidence, int64_t step = 1);

// The target method (Cormack and Grossman 2016): draw random records until
// the sample holds T relevant (the target set), then review in ranked order
// until every target is found. T is the smallest integer with
// recall_target^T <= 1 - confidence (0.95, 0.95: 59).
int64_t TargetSetSize(double recall_target, double confidence);

// P(X <= k) for X ~ Hypergeometric(population, successes, draws), computed
// in log space so that populations of millions do not overflow.
double HypergeometricCdf(int64_t k, int64_t population, int64_t successes, int64_t draws);

// Exact (Clopper-Pearson) two-sided interval for a binomial proportion.
struct Interval {
  double low = 0;
  double high = 1;
};
Interval ClopperPearson(int64_t successes, int64_t trials, double confidence = 0.95);

// Recall from an elusion sample: after the ranked review found `found`
// relevant records, a simple random sample of `sample` of the `unread`
// records held `sample_relevant` relevant ones. The relevant records left
// unread are estimated as unread * p, with p and its Clopper-Pearson
// interval from the sample; recall = found / (found + unread * p). The
// sample's own relevant records count as found by the review only when the
// caller adds them to `found`.
struct RecallEstimate {
  double point = 0;
  double low = 0;   // from the high end of p
  double high = 1;  // from the low end of p
  double confidence = 0.95;
  int64_t found = 0;
  int64_t unread = 0;
  int64_t sample = 0;
  int64_t sample_relevant = 0;
  double missed_estimate = 0;  // unread * p
  // One sentence for the letter's methodology paragraph, figures only, e.g.
  // "A random sample of 120 of the 1,880 records not read held no relevant
  // record; with 95% confidence, recall is at least 0.93 (estimate 1.00)."
  std::string Sentence() const;
};
RecallEstimate EstimateRecallByElusion(int64_t found, int64_t unread, int64_t sample,
                                       int64_t sample_relevant, double confidence = 0.95);

// How large an elusion sample must be so that, when it holds no relevant
// record, the lower bound on recall reaches `recall_target` at `confidence`.
int64_t ElusionSampleSize(int64_t found, int64_t unread, double recall_target = 0.95,
                          double confidence = 0.95);

}  // namespace foidesk::review
