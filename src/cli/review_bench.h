// `foidesk bench --review N`: retraining and re-ranking N candidates, the
// cost paid after every decision in a review session. Measured on a
// synthetic force's crime texts, beside two baselines in the same run: the
// same fit started cold (what the warm start saves) and one bare pass over
// the feature matrix (the floor any re-ranking pays).
#pragma once

#include <cstdint>
#include <string>

#include "model/result.h"

namespace foidesk::cli {

struct ReviewBenchOptions {
  int64_t candidates = 100000;
  int runs = 11;
  std::string dir = "out/bench-review";
  std::string config_dir;
};

Status RunReviewBench(const ReviewBenchOptions& options);

}  // namespace foidesk::cli
