// The whole review loop run with known labels (`foidesk review simulate`):
// a prior of one relevant and one not-relevant record drawn at random (as
// ASReview's simulation study does), then the active learner's queue read in
// order until every relevant record is found. Measures per run and medians
// over runs: work saved at 95% recall (WSS@95, Cohen 2006), records read to
// 95% recall, relevant found after reading 10% (RRF@10), and where the
// stopping rules would have stopped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "review/active_learner.h"
#include "review/labelled_data.h"
#include "review/stopping.h"
#include "review/tfidf.h"

namespace foidesk::review {

struct SimulationOptions {
  int runs = 10;
  uint64_t seed = 1;
  double recall_target = 0.95;
  double confidence = 0.95;
  // Retrain after each record until this many are read, then after every
  // `batch_fraction` of those read so far (AutoTAR's growing batches).
  int64_t single_steps = 100;
  double batch_fraction = 0.02;
  LearnerOptions learner;
  TfidfOptions features;
};

struct StopPoint {
  int64_t read = 0;  // records read when the rule says stop (all, if never)
  double recall = 0;
};

struct RunResult {
  ReviewOrder order;     // relevance of every record in reading order
  std::vector<uint32_t> rows;  // the records in reading order
  int64_t read_to_95 = 0;
  double wss_95 = 0;     // percent
  double rrf_10 = 0;     // percent
  StopPoint knee, target, hypergeometric;
};

struct SimulationResult {
  int64_t records = 0;
  int64_t relevant = 0;
  std::vector<RunResult> runs;
  SimulationOptions options;

  // {"records", "relevant", "runs", "wss_95", "read_to_95", "rrf_10",
  //  "knee": {"read", "recall"}, "target": {...}, "hypergeometric": {...},
  //  "spread": {...}, "knee_runs_at_target": N}: medians over runs.
  std::string Json() const;
  // run,read,found,recall: one line per record read, per run.
  std::string CurveCsv() const;
  // Recall against records read, every run, with the random-reading line.
  std::string PlotSvg(const std::string& title) const;
};

SimulationResult Simulate(const LabelledData& data, const SimulationOptions& options);

// One run over prepared features (the benchmark and tests use it).
RunResult SimulateRun(const SparseMatrix& features, const std::vector<uint8_t>& labels,
                      const SimulationOptions& options, uint64_t run_seed);

}  // namespace foidesk::review
