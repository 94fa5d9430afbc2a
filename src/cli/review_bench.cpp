#include "cli/review_bench.h"

#include "cli/bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "ingest/ingest.h"
#include "review/active_learner.h"
#include "review/labelled_data.h"
#include "review/tfidf.h"
#include "store/sqlite_store.h"
#include "synth/synth.h"

namespace foidesk::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

Status RunReviewBench(const ReviewBenchOptions& opt) {
  const fs::path dir(opt.dir);
  auto exports = WriteBenchForce(opt.dir, opt.candidates);
  if (!exports.ok()) return exports.error();
  auto store = SqliteStore::Open((dir / "bench.db").string());
  if (!store.ok()) return store.error();
  ingest::Options io;
  io.config_dir = opt.config_dir;
  io.findings_path = (dir / "findings.csv").string();
  if (auto c = ingest::Ingest(**store, *exports, io); !c.ok()) return c.error();
  auto count = (*store)->CrimeCount();
  if (!count.ok()) return count.error();

  // Every crime is a candidate; the blackmail crimes' truth gives the
  // decisions already made (a session some way in).
  std::vector<int64_t> rowids;
  for (int64_t r = 1; r <= *count; ++r) rowids.push_back(r);
  std::vector<std::string> texts;
  texts.reserve(rowids.size());
  if (auto s = (*store)->ForEachText(rowids, [&](int64_t, std::string_view t) { texts.emplace_back(t); }); !s.ok())
    return s;
  auto truth = review::ReadLabelledCrimes(**store, (dir / "data" / "truth.csv").string());
  if (!truth.ok()) return truth.error();

  auto t0 = Clock::now();
  const review::Tfidf features = review::BuildTfidf(texts);
  auto t1 = Clock::now();
  const review::SparseMatrix& m = features.matrix;
  std::printf("review: %zu candidates, %u features, %.0f non-zeros a record; features built in %.0f ms (once per session)\n",
              m.rows(), m.cols, static_cast<double>(m.val.size()) / m.rows(), Ms(t0, t1));

  // Decisions: the truth's labels on the blackmail crimes' texts, matched to
  // the candidates by text (the store returns both in rowid order).
  std::vector<std::pair<uint32_t, bool>> decisions;
  {
    std::unordered_map<std::string_view, uint32_t> row_of;
    for (uint32_t i = 0; i < texts.size(); ++i) row_of.emplace(texts[i], i);
    for (size_t k = 0; k < truth->texts.size() && decisions.size() < 600; ++k)
      if (auto it = row_of.find(truth->texts[k]); it != row_of.end())
        decisions.emplace_back(it->second, truth->labels[k] == 1);
  }
  int64_t positives = 0;
  for (auto& d : decisions) positives += d.second;
  std::printf("review: %zu decisions (%lld relevant) before each measured step\n", decisions.size(),
              static_cast<long long>(positives));

  auto measure = [&](bool warm) {
    review::LearnerOptions lo;
    lo.warm_start = warm;
    review::ActiveLearner learner(m, lo);
    for (size_t k = 0; k + 1 < decisions.size(); ++k) learner.Label(decisions[k].first, decisions[k].second);
    learner.Train();  // the fit before the last decision
    std::vector<double> ms;
    for (int r = 0; r < opt.runs; ++r) {
      // One more decision, then retrain and re-rank the whole queue.
      const auto& d = decisions[decisions.size() - 1 - (r % 2)];
      learner.Label(d.first, r % 2 ? !d.second : d.second);
      auto a = Clock::now();
      learner.Train();
      auto queue = learner.Queue(m.rows());
      auto b = Clock::now();
      if (queue.empty()) std::printf("?");
      ms.push_back(Ms(a, b));
    }
    return Median(ms);
  };
  const double warm = measure(true);
  const double cold = measure(false);
  std::vector<double> floor_ms;
  for (int r = 0; r < opt.runs; ++r) {
    auto a = Clock::now();
    double sum = 0;
    for (float v : m.val) sum += v;
    auto b = Clock::now();
    if (sum < 0) std::printf("?");
    floor_ms.push_back(Ms(a, b));
  }
  const double floor = Median(floor_ms);
  std::printf("review: retrain and re-rank %zu candidates: %.0f ms (median of %d; target at most 1000 ms)\n",
              m.rows(), warm, opt.runs);
  std::printf("review: baseline cold fit: %.0f ms (warm start %.2fx faster); one pass over the features: %.1f ms (%.0fx)\n",
              cold, cold / warm, floor, warm / floor);
  return {};
}

}  // namespace foidesk::cli
