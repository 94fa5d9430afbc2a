#include "config/toml_reading.h"

namespace foidesk::config {

Result<toml::table> ParseTomlFile(const std::string& path, const std::string& what) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    // toml++ reports a file it cannot open as a parse error at line 0.
    if (b.line == 0) return Error::Io(path + ": cannot read " + what + ": " + std::string(e.description()));
    return Error::InvalidInput(path + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": " +
                               std::string(e.description()));
  } catch (const std::exception& e) {
    return Error::Io(path + ": cannot read " + what + ": " + e.what());
  }
}

Status CheckKnownKeys(const toml::table& t, const std::set<std::string>& known, const std::string& where) {
  for (const auto& [key, value] : t)
    if (!known.count(std::string(key.str())))
      return Error::InvalidInput(where + ": unknown key '" + std::string(key.str()) + "'");
  return {};
}

Result<std::string> ReadString(const toml::table& t, const std::string& key, const std::string& where,
                               Presence presence) {
  auto node = t[key];
  if (!node) {
    if (presence == Presence::kOptional) return std::string();
    return Error::InvalidInput(where + ": missing key '" + key + "'");
  }
  auto s = node.value<std::string>();
  if (!s) return Error::InvalidInput(where + ": key '" + key + "': expected a string");
  if (presence == Presence::kNonBlank && s->find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::InvalidInput(where + ": key '" + key + "': must not be empty");
  return *s;
}

Result<std::vector<std::string>> ReadStrings(const toml::table& t, const std::string& key,
                                             const std::string& where, Presence presence) {
  std::vector<std::string> out;
  auto node = t[key];
  if (!node) {
    if (presence == Presence::kOptional) return out;
    return Error::InvalidInput(where + ": missing key '" + key + "' (a list of strings)");
  }
  const toml::array* arr = node.as_array();
  if (!arr) return Error::InvalidInput(where + ": key '" + key + "': expected a list of strings");
  for (const auto& el : *arr) {
    auto s = el.value<std::string>();
    if (!s) return Error::InvalidInput(where + ": key '" + key + "': expected a list of strings");
    out.push_back(*s);
  }
  return out;
}

Result<Date> ReadDate(const toml::table& t, const std::string& key, const std::string& where) {
  auto node = t[key];
  if (auto d = node.as_date()) {
    const toml::date& v = d->get();
    if (IsValidDate(v.year, v.month, v.day)) return Date{v.year, v.month, v.day};
  } else if (auto s = node.value<std::string>()) {
    if (auto d2 = ParseIsoDate(*s)) return *d2;
  } else if (!node) {
    return Error::InvalidInput(where + ": missing key '" + key + "' (a date, YYYY-MM-DD)");
  }
  return Error::InvalidInput(where + ": key '" + key + "': expected a date YYYY-MM-DD");
}

Result<std::vector<std::string>> ReadSources(const toml::table& t, const std::string& key,
                                             const std::string& where) {
  auto sources = ReadStrings(t, key, where, Presence::kRequired);
  if (!sources.ok()) return sources.error();
  if (sources->empty()) return Error::InvalidInput(where + ": key '" + key + "': name at least one source");
  for (const auto& s : *sources)
    if (s.rfind("https://", 0) != 0 && s.rfind("http://", 0) != 0)
      return Error::InvalidInput(where + ": key '" + key + "': '" + s + "' is not a web address");
  return sources;
}

}  // namespace foidesk::config
