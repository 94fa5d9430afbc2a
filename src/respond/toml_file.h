// Reading a TOML file into a table with errors as values: a syntax error
// names file, line and column; an unreadable file names the file.
#pragma once

#include <string>
#include <toml++/toml.h>

#include "model/result.h"

namespace foidesk::respond {

// `what` says what the file is for, e.g. "the request file".
Result<toml::table> ReadTomlFile(const std::string& path, const std::string& what);

}  // namespace foidesk::respond
