// `foidesk bench`: builds a synthetic force, measures ingest (crimes/s,
// store bytes per crime) and the four reference queries, each as the median
// of repeated runs beside a full scan answering the same question in the
// same run, so the ratio holds on a noisy 2-core machine.
#pragma once

#include <string>
#include <vector>

#include "model/result.h"

namespace foidesk::cli {

struct BenchOptions {
  int64_t crimes = 1000000;
  int runs = 11;
  size_t pii_megabytes = 20;  // text for the PII detection measurement; 0 skips it
  std::string dir = "out/bench";
  std::string config_dir;
};

Status RunBench(const BenchOptions& options);

// Empties `dir` and writes a synthetic force of about `crimes` crimes (2010
// to 2016, seed 1) into dir/data; returns its export files, sorted.
Result<std::vector<std::string>> WriteBenchForce(const std::string& dir, int64_t crimes);

}  // namespace foidesk::cli
