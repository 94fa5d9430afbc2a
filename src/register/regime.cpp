#include "register/regime.h"

#include <algorithm>
#include <filesystem>
#include <toml++/toml.h>

#include "config/toml_reading.h"

namespace foidesk::reg {
namespace {

namespace fs = std::filesystem;

using config::CheckKnownKeys;

Result<std::string> ReadString(const toml::table& t, const std::string& key, const std::string& where) {
  return config::ReadString(t, key, where, config::Presence::kNonBlank);
}

Result<int> ReadCount(const toml::table& t, const std::string& key, const std::string& where) {
  auto node = t[key];
  if (!node) return Error::InvalidInput(where + ": missing key '" + key + "'");
  auto n = node.value<int64_t>();
  if (!n || node.as_integer() == nullptr)
    return Error::InvalidInput(where + ": key '" + key + "': expected a whole number");
  if (*n < 1 || *n > 366)
    return Error::InvalidInput(where + ": key '" + key + "': " + std::to_string(*n) +
                               " is not between 1 and 366");
  return static_cast<int>(*n);
}

Result<bool> ReadBool(const toml::table& t, const std::string& key, const std::string& where) {
  auto node = t[key];
  if (!node) return Error::InvalidInput(where + ": missing key '" + key + "' (true or false)");
  if (!node.is_boolean()) return Error::InvalidInput(where + ": key '" + key + "': expected true or false");
  return *node.value<bool>();
}

Result<std::vector<std::string>> ReadStrings(const toml::table& t, const std::string& key,
                                             const std::string& where, bool required) {
  return config::ReadStrings(t, key, where, required ? config::Presence::kRequired : config::Presence::kOptional);
}

// Every regime must say where its rule comes from, so a reviewer can check it.
Result<std::vector<std::string>> ReadSources(const toml::table& t, const std::string& where) {
  return config::ReadSources(t, "source", where);
}

Result<std::vector<Division>> ReadDivisions(const toml::table& t, const std::string& where) {
  auto ids = ReadStrings(t, "holiday_divisions", where, true);
  if (!ids.ok()) return ids.error();
  std::vector<Division> out;
  for (const auto& id : *ids) {
    auto d = ParseDivision(id);
    if (!d)
      return Error::InvalidInput(where + ": key 'holiday_divisions': '" + id +
                                 "' is not england-and-wales, scotland or northern-ireland");
    if (std::find(out.begin(), out.end(), *d) != out.end())
      return Error::InvalidInput(where + ": key 'holiday_divisions': '" + id + "' is listed twice");
    out.push_back(*d);
  }
  // Canonical order, so reasons name divisions the same way whatever the file's order.
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::set<PauseKind>> ReadPauses(const toml::table& t, const std::string& where) {
  auto ids = ReadStrings(t, "pauses", where, true);
  if (!ids.ok()) return ids.error();
  std::set<PauseKind> out;
  for (const auto& id : *ids) {
    auto k = ParsePauseKind(id);
    if (!k)
      return Error::InvalidInput(where + ": key 'pauses': '" + id +
                                 "' is not \"clarification\" or \"fees\"");
    out.insert(*k);
  }
  return out;
}

Result<std::optional<RegimeExtension>> ReadExtension(const toml::table& t, const std::string& where) {
  const toml::node* node = t.get("extension");
  if (!node) return std::optional<RegimeExtension>();
  const toml::table* et = node->as_table();
  if (!et) return Error::InvalidInput(where + ": key 'extension': expected a table");
  const std::string ewhere = where + ": [extension]";
  if (auto s = CheckKnownKeys(*et, {"name", "legal_basis", "default"}, ewhere); !s.ok()) return s.error();
  auto name = ReadString(*et, "name", ewhere);
  if (!name.ok()) return name.error();
  auto basis = ReadString(*et, "legal_basis", ewhere);
  if (!basis.ok()) return basis.error();
  auto count = ReadCount(*et, "default", ewhere);
  if (!count.ok()) return count.error();
  return std::optional<RegimeExtension>(RegimeExtension{*name, *basis, *count});
}

}  // namespace

std::string PauseKindId(PauseKind k) {
  return k == PauseKind::kClarification ? "clarification" : "fees";
}

std::optional<PauseKind> ParsePauseKind(const std::string& id) {
  if (id == "clarification") return PauseKind::kClarification;
  if (id == "fees") return PauseKind::kFees;
  return std::nullopt;
}

Result<Regime> LoadRegime(const std::string& path) {
  auto parsed = config::ParseTomlFile(path, "the regime file");
  if (!parsed.ok()) return parsed.error();
  const toml::table& t = *parsed;
  const std::string& where = path;
  if (auto s = CheckKnownKeys(t,
                         {"name", "title", "legal_basis", "source", "rule", "count",
                          "holiday_divisions", "christmas_day", "good_friday", "pauses",
                          "extension", "to_check"},
                         where);
      !s.ok())
    return s.error();
  Regime r;
  r.file = path;
#define FOIDESK_TRY(var, expr) \
  auto var = (expr);           \
  if (!var.ok()) return var.error();
  FOIDESK_TRY(name, ReadString(t, "name", where));
  FOIDESK_TRY(title, ReadString(t, "title", where));
  FOIDESK_TRY(basis, ReadString(t, "legal_basis", where));
  FOIDESK_TRY(sources, ReadSources(t, where));
  FOIDESK_TRY(rule, ReadString(t, "rule", where));
  FOIDESK_TRY(count, ReadCount(t, "count", where));
  FOIDESK_TRY(divisions, ReadDivisions(t, where));
  FOIDESK_TRY(christmas, ReadBool(t, "christmas_day", where));
  FOIDESK_TRY(good_friday, ReadBool(t, "good_friday", where));
  FOIDESK_TRY(pauses, ReadPauses(t, where));
  FOIDESK_TRY(extension, ReadExtension(t, where));
  FOIDESK_TRY(to_check, ReadStrings(t, "to_check", where, false));
#undef FOIDESK_TRY
  // The file name is what --regime looks up, so the two must agree.
  if (*name != fs::path(path).stem().string())
    return Error::InvalidInput(where + ": key 'name': '" + *name + "' differs from the file name");
  if (*rule == "working_days") {
    r.rule = RuleKind::kWorkingDays;
  } else if (*rule == "calendar_months") {
    r.rule = RuleKind::kCalendarMonths;
  } else {
    return Error::InvalidInput(where + ": key 'rule': expected \"working_days\" or "
                               "\"calendar_months\", not \"" + *rule + "\"");
  }
  // A month rule counts no days, so it has none to disregard.
  if (r.rule == RuleKind::kCalendarMonths && pauses->count(PauseKind::kFees))
    return Error::InvalidInput(where + ": key 'pauses': a calendar_months rule cannot take "
                               "\"fees\" (it has no working days to disregard)");
  r.name = *name;
  r.title = *title;
  r.legal_basis = *basis;
  r.sources = *sources;
  r.count = *count;
  r.holiday_divisions = *divisions;
  r.christmas_day = *christmas;
  r.good_friday = *good_friday;
  r.pauses = *pauses;
  r.extension = *extension;
  r.to_check = *to_check;
  return r;
}

Result<std::vector<Regime>> LoadRegimes(const std::string& config_dir) {
  const fs::path dir = fs::path(config_dir) / "regimes";
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".toml") files.push_back(it->path().string());
  if (ec) return Error::Io(dir.string() + ": cannot read the regimes: " + ec.message());
  if (files.empty()) return Error::InvalidInput(dir.string() + ": no regime files (*.toml)");
  std::sort(files.begin(), files.end());
  std::vector<Regime> out;
  for (const auto& f : files) {
    auto r = LoadRegime(f);
    if (!r.ok()) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

Result<Regime> FindRegime(const std::string& config_dir, const std::string& name) {
  // Only plain names reach the file system: "../x" must not name another file.
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  const fs::path file = fs::path(config_dir) / "regimes" / (name + ".toml");
  std::error_code ec;
  if (plain && fs::exists(file, ec)) return LoadRegime(file.string());
  auto all = LoadRegimes(config_dir);
  if (!all.ok()) return all.error();
  std::string known;
  for (const auto& r : *all) known += (known.empty() ? "" : ", ") + r.name;
  return Error::NotFound("no regime '" + name + "' (known: " + known + ")");
}

}  // namespace foidesk::reg
