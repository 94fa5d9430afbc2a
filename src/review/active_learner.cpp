#include "review/active_learner.h"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace foidesk::review {
namespace {

void Quiet(const char*) {}

}  // namespace

ActiveLearner::ActiveLearner(const SparseMatrix& features, LearnerOptions options)
    : x_(features),
      options_(options),
      label_(features.rows(), kUnlabelled),
      scores_(features.rows(), 0.0) {
  set_print_string_function(&Quiet);  // liblinear prints progress to stdout otherwise
}

void ActiveLearner::Label(uint32_t row, bool relevant) {
  const int8_t v = relevant ? 1 : 0;
  if (label_[row] == kUnlabelled) {
    ++labelled_;
  } else if (label_[row] == 1) {
    --positives_;
  }
  if (relevant) ++positives_;
  label_[row] = v;
}

void ActiveLearner::SetSeedScores(std::vector<double> scores) {
  scores.resize(x_.rows(), 0.0);
  scores_ = std::move(scores);
}

void ActiveLearner::Train() {
  if (positives_ == 0) return;
  const size_t n = x_.rows();
  // The training rows: every decision, then presumed negatives drawn from
  // the unread (rows may repeat in the draw; duplicates are harmless).
  std::vector<uint32_t> rows;
  std::vector<double> y;
  rows.reserve(labelled_ + options_.presumed_negatives);
  for (uint32_t r = 0; r < n; ++r)
    if (label_[r] != kUnlabelled) {
      rows.push_back(r);
      y.push_back(label_[r] == 1 ? 1.0 : -1.0);
    }
  const int64_t unread = static_cast<int64_t>(n) - labelled_;
  // The draw depends on the seed and the number of decisions only, not on
  // how many fits came before.
  std::mt19937_64 rng(options_.seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(labelled_));
  // Without a not-relevant decision the model would have one class.
  const int presumed = labelled_ == positives_ ? std::max(options_.presumed_negatives, 100)
                                               : options_.presumed_negatives;
  for (int k = 0; k < presumed && unread > 0; ++k) {
    uint32_t r;
    do r = static_cast<uint32_t>(rng() % n);
    while (label_[r] != kUnlabelled);
    rows.push_back(r);
    y.push_back(-1.0);
  }
  const int64_t negatives = static_cast<int64_t>(rows.size()) - positives_;
  // liblinear orients its weights towards the label of the first row: a
  // relevant row first keeps them pointing at relevance, so the previous
  // weights are a valid warm start.
  const size_t first_pos = static_cast<size_t>(std::find(y.begin(), y.end(), 1.0) - y.begin());
  std::swap(rows[0], rows[first_pos]);
  std::swap(y[0], y[first_pos]);

  // liblinear's rows: 1-based columns, the bias as the last column, -1 ends.
  // Only the columns the training rows use are given to liblinear (a weight
  // of a column no training row has stays 0 under L2 regularisation), which
  // keeps its dense vector work at the size of the training set, not of the
  // whole collection's vocabulary.
  local_.resize(x_.cols, 0);
  std::vector<uint32_t> used;
  for (uint32_t r : rows)
    for (uint64_t i = x_.row_start[r]; i < x_.row_start[r + 1]; ++i)
      if (local_[x_.col[i]] == 0) {
        used.push_back(x_.col[i]);
        local_[x_.col[i]] = static_cast<int>(used.size());
      }
  const int bias_col = static_cast<int>(used.size()) + 1;
  std::vector<feature_node> pool;
  std::vector<size_t> start;
  for (uint32_t r : rows) {
    start.push_back(pool.size());
    const size_t first = pool.size();
    for (uint64_t i = x_.row_start[r]; i < x_.row_start[r + 1]; ++i)
      pool.push_back({local_[x_.col[i]], x_.val[i]});
    // liblinear wants indices ascending within a row.
    std::sort(pool.begin() + first, pool.end(),
              [](const feature_node& a, const feature_node& b) { return a.index < b.index; });
    pool.push_back({bias_col, 1.0});
    pool.push_back({-1, 0.0});
  }
  std::vector<feature_node*> xs;
  for (size_t s : start) xs.push_back(pool.data() + s);

  problem prob{};
  prob.l = static_cast<int>(rows.size());
  prob.n = bias_col;
  prob.y = y.data();
  prob.x = xs.data();
  prob.bias = 1.0;

  // Warm start: the previous weights of the columns in use.
  std::vector<double> init(bias_col, 0.0);
  const bool warm = options_.warm_start && weights_.size() == x_.cols + 1;
  if (warm) {
    for (size_t k = 0; k < used.size(); ++k) init[k] = weights_[used[k]];
    init[bias_col - 1] = weights_.back();
  }

  int labels[2] = {1, -1};
  double class_weight[2] = {1.0, 1.0};
  if (options_.balance && positives_ > 0) class_weight[0] = std::pow(static_cast<double>(negatives) / positives_, options_.balance_power);
  parameter param{};
  param.solver_type = L2R_LR;
  param.eps = 0.01;
  param.C = options_.c;
  param.nr_weight = 2;
  param.weight_label = labels;
  param.weight = class_weight;
  param.init_sol = warm ? init.data() : nullptr;
  model* m = train(&prob, &param);
  weights_.assign(x_.cols + 1, 0.0);
  for (size_t k = 0; k < used.size(); ++k) weights_[used[k]] = m->w[k];
  weights_.back() = m->w[bias_col - 1];
  free_and_destroy_model(&m);
  for (uint32_t c : used) local_[c] = 0;

  const double bias = weights_.back();
  for (size_t r = 0; r < n; ++r) scores_[r] = x_.Dot(r, weights_.data()) + bias;
  if (options_.naive_bayes_mix > 0) MixNaiveBayes(rows, y);
}

// Multinomial naive Bayes on the same features (ASReview's default model),
// classes weighted equally; its log-odds are linear in the features. Mixed
// with the regression's scores after standardising both.
void ActiveLearner::MixNaiveBayes(const std::vector<uint32_t>& rows, const std::vector<double>& y) {
  const size_t cols = x_.cols;
  std::vector<double> pos(cols, 0.0), neg(cols, 0.0);
  double pos_total = 0, neg_total = 0;
  // Each class counts as much as the other (ASReview balances by
  // resampling; weighting the relevant rows is the same in expectation).
  const double npos = static_cast<double>(std::count(y.begin(), y.end(), 1.0));
  const double up = (static_cast<double>(y.size()) - npos) / std::max(npos, 1.0);
  for (size_t k = 0; k < rows.size(); ++k) {
    auto& acc = y[k] > 0 ? pos : neg;
    double& total = y[k] > 0 ? pos_total : neg_total;
    const double wt = y[k] > 0 ? up : 1.0;
    for (uint64_t i = x_.row_start[rows[k]]; i < x_.row_start[rows[k] + 1]; ++i) {
      acc[x_.col[i]] += wt * x_.val[i];
      total += wt * x_.val[i];
    }
  }
  const double a = options_.nb_alpha;
  std::vector<double> w(cols);
  const double lp = std::log(pos_total + a * cols), ln = std::log(neg_total + a * cols);
  for (size_t c = 0; c < cols; ++c) w[c] = (std::log(pos[c] + a) - lp) - (std::log(neg[c] + a) - ln);
  const size_t n = x_.rows();
  std::vector<double> nb(n);
  for (size_t r = 0; r < n; ++r) nb[r] = x_.Dot(r, w.data());
  auto standardise = [n](std::vector<double>& v) {
    double mean = 0, var = 0;
    for (double x : v) mean += x;
    mean /= n;
    for (double x : v) var += (x - mean) * (x - mean);
    const double sd = std::sqrt(var / n) + 1e-12;
    for (double& x : v) x = (x - mean) / sd;
  };
  standardise(nb);
  standardise(scores_);
  const double m = options_.naive_bayes_mix;
  for (size_t r = 0; r < n; ++r) scores_[r] = (1 - m) * scores_[r] + m * nb[r];
}

std::vector<uint32_t> ActiveLearner::Queue(size_t limit) const {
  std::vector<uint32_t> rows;
  rows.reserve(x_.rows() - labelled_);
  for (uint32_t r = 0; r < x_.rows(); ++r)
    if (label_[r] == kUnlabelled) rows.push_back(r);
  auto better = [&](uint32_t a, uint32_t b) {
    return scores_[a] != scores_[b] ? scores_[a] > scores_[b] : a < b;
  };
  limit = std::min(limit, rows.size());
  std::partial_sort(rows.begin(), rows.begin() + limit, rows.end(), better);
  rows.resize(limit);
  return rows;
}

}  // namespace foidesk::review
