// `foidesk bench --pii-eval DIR`: scores the default PII detector on the
// public data sets in DIR (presidio-synth-v2.json, wnut17-dev.conll) and
// prints a table, or the report as JSON.
#pragma once

#include <string>

#include "model/result.h"

namespace foidesk::cli {

// Loads the default detector from `config_dir`, runs privacy::RunPiiEval on
// `dir` and prints to standard output. Prints counts and ratios only, never
// text of the data sets.
Status RunPiiEvalCommand(const std::string& dir, const std::string& config_dir, bool json);

}  // namespace foidesk::cli
