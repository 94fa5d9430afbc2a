// The main job: answer FOI 000763/16 end to end on a synthetic force.
#pragma once

#include <string>

#include "model/result.h"

namespace foidesk::cli {

struct DemoOptions {
  std::string out_dir = "out/demo";
  std::string config_dir;
  uint64_t seed = 763;
  int crimes_per_year = 60000;
};

// Builds the synthetic force, ingests it, runs the force's searches, applies
// the analysts' decisions and writes the response. Prints what it did.
Status RunDemo(const DemoOptions& options);

}  // namespace foidesk::cli
