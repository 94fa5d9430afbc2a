// Where the configuration (mapping files, code lists, templates, force
// details) lives: $FOIDESK_CONFIG, else ../config beside the binary, else
// the source tree's config/.
#pragma once

#include <string>

namespace foidesk::cli {

std::string ConfigDir(const char* argv0);

}  // namespace foidesk::cli
