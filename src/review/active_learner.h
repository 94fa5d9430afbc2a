// Continuous active learning over a candidate set (Cormack and Grossman's
// AutoTAR, with liblinear's logistic regression): every decision is a
// training example; before each training a fresh random sample of unread
// records stands in as presumed not relevant, so the model has two classes
// from the first decision; positives are weighted by the class ratio; each
// training starts from the previous weights (warm start).
#pragma once

#include <cstdint>
#include <vector>

#include "review/tfidf.h"

namespace foidesk::review {

struct LearnerOptions {
  // Weak regularisation and no stand-ins unless needed: on the ASReview
  // benchmark sets (docs/benchmarks.md) C = 1 lost 1 to 8 points of WSS@95
  // against C = 30..100, and 100 presumed negatives cost Nudging 5 points.
  double c = 100.0;               // liblinear's C
  int presumed_negatives = 0;     // AutoTAR's random unread stand-ins; while no
                                  // decision is "not relevant", 100 are drawn
  bool balance = true;            // weight positives by (negatives / positives)^balance_power
  double balance_power = 1.0;
  uint64_t seed = 1;
  // Start each fit from the previous weights. A session turns it off so its
  // model depends on the decisions alone: resumed, it ranks exactly as if
  // never interrupted.
  bool warm_start = true;
  double naive_bayes_mix = 0;  // 0: regression only; 1: naive Bayes only
  double nb_alpha = 3.822;     // ASReview's smoothing
};

class ActiveLearner {
 public:
  ActiveLearner(const SparseMatrix& features, LearnerOptions options);

  // Records a decision (a later one on the same row replaces it).
  void Label(uint32_t row, bool relevant);
  bool IsLabelled(uint32_t row) const { return label_[row] != kUnlabelled; }
  int64_t labelled() const { return labelled_; }
  int64_t positives() const { return positives_; }

  // Scores to rank by before the model has a relevant example (the query's
  // terms); without them the first ranking is by row.
  void SetSeedScores(std::vector<double> scores);

  // Fits the model on the decisions and re-scores every record. Without a
  // relevant decision the seed scores stay.
  void Train();

  // Unlabelled rows, best first (ties by row), at most `limit`.
  std::vector<uint32_t> Queue(size_t limit) const;
  const std::vector<double>& scores() const { return scores_; }
  // The model's weights per feature column (empty before the first fit).
  const std::vector<double>& weights() const { return weights_; }

 private:
  void MixNaiveBayes(const std::vector<uint32_t>& rows, const std::vector<double>& y);
  static constexpr int8_t kUnlabelled = -1;
  const SparseMatrix& x_;
  LearnerOptions options_;
  std::vector<int8_t> label_;
  int64_t labelled_ = 0;
  int64_t positives_ = 0;
  std::vector<double> scores_;
  std::vector<double> weights_;  // cols + 1 (bias last)
  std::vector<int> local_;       // column -> liblinear's 1-based column in this training
};

}  // namespace foidesk::review
