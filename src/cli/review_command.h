// `foidesk review ...` and `foidesk estimate`: technology-assisted review
// from the command line (see src/review/).
#pragma once

#include <CLI/CLI.hpp>

namespace foidesk::cli {

// Adds the review subcommands to `app`; their exit status goes to `rc`.
void AddReviewCommands(CLI::App& app, int& rc);

}  // namespace foidesk::cli
