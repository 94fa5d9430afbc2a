// Reading foidesk's TOML files (request files, force details, exemption
// texts, regimes): parse errors with file, line and column, and typed reads
// whose messages name the file (or table) and the key. One place, so every
// configuration file answers a mistake the same way.
#pragma once

#include <set>
#include <string>
#include <vector>
#include <toml++/toml.h>

#include "model/date.h"
#include "model/result.h"

namespace foidesk::config {

// `what` names the file's role in an I/O error ("the request file").
Result<toml::table> ParseTomlFile(const std::string& path, const std::string& what);

// A misspelt key would otherwise fall back to a default without a word.
Status CheckKnownKeys(const toml::table& t, const std::set<std::string>& known, const std::string& where);

enum class Presence {
  kOptional,  // missing: "" (or an empty list)
  kRequired,  // must be there; may be blank
  kNonBlank,  // must be there and hold more than white space
};

Result<std::string> ReadString(const toml::table& t, const std::string& key, const std::string& where,
                               Presence presence = Presence::kRequired);
// kNonBlank: the list must be there (its items may be anything).
Result<std::vector<std::string>> ReadStrings(const toml::table& t, const std::string& key,
                                             const std::string& where, Presence presence = Presence::kOptional);
// A TOML date or a "YYYY-MM-DD" string; impossible dates are refused.
Result<Date> ReadDate(const toml::table& t, const std::string& key, const std::string& where);
// A required list of at least one web address: where a text or rule comes
// from, so a reviewer can check it.
Result<std::vector<std::string>> ReadSources(const toml::table& t, const std::string& key,
                                             const std::string& where);

}  // namespace foidesk::config
