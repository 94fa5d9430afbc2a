// `foidesk clock` (when a request is due, and why) and `foidesk holidays
// list|check` (the bank holiday data behind it); see src/register/ and
// docs/statutory-clock.md.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace foidesk::cli {

// Adds the clock and holidays subcommands to `app`. They read the
// configuration from `config` when they run (so --config is honoured);
// their exit status goes to `rc`.
void AddClockCommands(CLI::App& app, const std::string& config, int& rc);

}  // namespace foidesk::cli
