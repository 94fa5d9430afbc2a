// `foidesk request ...` (the register: open, show, list, update, extend,
// log-time, cost, report) and `foidesk holidays import`; see
// src/register/request_register.h.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace foidesk::cli {

// Adds the subcommands to `app` (after AddClockCommands, whose `holidays`
// command gains `import`); their exit status goes to `rc`.
void AddRequestCommands(CLI::App& app, const std::string& config, int& rc);

}  // namespace foidesk::cli
