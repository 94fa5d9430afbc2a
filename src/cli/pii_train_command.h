// `foidesk pii-train`: trains the personal-data tagger (src/privacy/ner_tagger.h)
// on WNUT 2017's training split and synthetic police-style sentences made
// from the gazetteers, and writes the model file the detector loads
// (config/pii/ner-model.tsv). The same inputs and seed give the same bytes.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace foidesk::cli {

// Adds the pii-train subcommand to `app`. It reads the gazetteers from
// `config` when it runs; its exit status goes to `rc`.
void AddPiiTrainCommand(CLI::App& app, const std::string& config, int& rc);

}  // namespace foidesk::cli
