// Errors of the privacy module's policy files (redaction, disclosure), in
// one form: "<file>:<line>: <key>: <reason>", never quoting a value.
#pragma once

#include <string>
#include <toml++/toml.h>

#include "model/result.h"

namespace foidesk::privacy {

inline Error PolicyError(const std::string& source, const toml::node* node, const std::string& key,
                         const std::string& reason) {
  std::string where = source;
  if (node && node->source().begin.line > 0) where += ":" + std::to_string(node->source().begin.line);
  return Error::InvalidInput(where + ": " + key + ": " + reason);
}

}  // namespace foidesk::privacy
