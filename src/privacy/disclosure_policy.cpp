// Reading and checking disclosure policy files. toml++ exceptions stop here:
// every problem becomes an Error naming the file, the line when known, the
// key and the reason.
#include "privacy/disclosure_policy.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "privacy/policy_file.h"

namespace foidesk::privacy {
namespace {

class Loader {
 public:
  explicit Loader(std::string source) : source_(std::move(source)) {}
  Result<DisclosurePolicy> Load(const toml::table& root);

 private:
  Error Fail(const toml::node* node, const std::string& key, const std::string& reason) const {
    return PolicyError(source_, node, key, reason);
  }
  Status CheckKeys(const toml::table& table, const std::string& prefix,
                   std::initializer_list<std::string_view> allowed) const;
  Result<std::string> String(const toml::node& node, const std::string& key) const;
  Result<std::vector<std::string>> Strings(const toml::node& node, const std::string& key) const;
  Result<int64_t> Integer(const toml::node& node, const std::string& key) const;
  Result<Hierarchy> ParseHierarchy(const toml::node& node, const std::string& key) const;
  Result<Level> ParseLevel(const toml::node& node, const std::string& key) const;
  Status ParseCounts(const toml::table& t);
  Status ParseSuppression(const toml::table& t);

  std::string source_;
  DisclosurePolicy p_;
};

Status Loader::CheckKeys(const toml::table& table, const std::string& prefix,
                         std::initializer_list<std::string_view> allowed) const {
  for (auto&& [k, v] : table) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Fail(&v, prefix + std::string(k.str()), "unknown key (expected one of: " + list + ")");
    }
  }
  return {};
}

Result<std::string> Loader::String(const toml::node& node, const std::string& key) const {
  if (auto s = node.value<std::string>(); s && node.is_string()) return *s;
  return Fail(&node, key, "must be a string");
}

Result<std::vector<std::string>> Loader::Strings(const toml::node& node,
                                                 const std::string& key) const {
  const toml::array* a = node.as_array();
  if (!a) return Fail(&node, key, "must be an array of strings");
  std::vector<std::string> out;
  for (const toml::node& e : *a) {
    if (!e.is_string()) return Fail(&e, key, "must be an array of strings");
    out.push_back(*e.value<std::string>());
  }
  return out;
}

Result<int64_t> Loader::Integer(const toml::node& node, const std::string& key) const {
  if (!node.is_integer()) return Fail(&node, key, "must be an integer");
  return *node.value<int64_t>();
}

Result<Level> Loader::ParseLevel(const toml::node& node, const std::string& key) const {
  const toml::table* t = node.as_table();
  if (!t) return Fail(&node, key, "must be a table");
  if (auto s = CheckKeys(*t, key + ".",
                         {"name", "bands", "width", "origin", "map", "other", "date", "all"});
      !s.ok())
    return s.error();
  Level level;
  const toml::node* n = t->get("name");
  if (!n) return Fail(&node, key + ".name", "missing (e.g. \"age bands\", shown in the letter)");
  if (auto s = String(*n, key + ".name"); !s.ok())
    return s.error();
  else
    level.name = *s;
  if (level.name.empty()) return Fail(n, key + ".name", "must not be empty");

  // Exactly one of the kind keys says what the level does.
  std::vector<std::string> kinds;
  for (const char* kind : {"bands", "width", "map", "date", "all"})
    if (t->contains(kind)) kinds.push_back(kind);
  if (kinds.size() != 1)
    return Fail(&node, key,
                "needs exactly one of bands, width, map, date or all (found " +
                    std::to_string(kinds.size()) + ")");
  const std::string& kind = kinds[0];
  auto only = [&](const char* extra, const char* needs) -> Status {
    if (t->contains(extra) && kind != needs)
      return Fail(t->get(extra), key + "." + extra, std::string("only goes with ") + needs);
    return {};
  };
  if (auto s = only("origin", "width"); !s.ok()) return s.error();
  if (auto s = only("other", "map"); !s.ok()) return s.error();

  if (kind == "bands") {
    level.kind = Level::Kind::kBands;
    const toml::array* a = t->get("bands")->as_array();
    if (!a || a->empty())
      return Fail(t->get("bands"), key + ".bands", "must be a non-empty array of bands");
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string bkey = key + ".bands[" + std::to_string(i) + "]";
      const toml::table* b = (*a)[i].as_table();
      if (!b) return Fail(&(*a)[i], bkey, "must be a table { label, min, max }");
      if (auto s = CheckKeys(*b, bkey + ".", {"label", "min", "max"}); !s.ok()) return s.error();
      Band band;
      if (!b->contains("label")) return Fail(b, bkey + ".label", "missing");
      if (auto s = String(*b->get("label"), bkey + ".label"); !s.ok())
        return s.error();
      else
        band.label = *s;
      if (!b->contains("min")) return Fail(b, bkey + ".min", "missing");
      if (auto v = Integer(*b->get("min"), bkey + ".min"); !v.ok())
        return v.error();
      else
        band.min = *v;
      if (b->contains("max")) {
        auto v = Integer(*b->get("max"), bkey + ".max");
        if (!v.ok()) return v.error();
        if (*v < band.min) return Fail(b->get("max"), bkey + ".max", "is below min");
        band.max = *v;
      }
      // Bands ascend without overlap, so each value has one band and only
      // the last may be open-ended.
      if (!level.bands.empty()) {
        const Band& prev = level.bands.back();
        if (!prev.max)
          return Fail(b, bkey, "follows an open-ended band (only the last may omit max)");
        if (band.min <= *prev.max)
          return Fail(b->get("min"), bkey + ".min",
                      "overlaps or precedes the band before (bands ascend without overlap)");
      }
      level.bands.push_back(std::move(band));
    }
  } else if (kind == "width") {
    level.kind = Level::Kind::kWidth;
    auto w = Integer(*t->get("width"), key + ".width");
    if (!w.ok()) return w.error();
    if (*w < 2) return Fail(t->get("width"), key + ".width", "must be at least 2");
    level.width = *w;
    if (const toml::node* o = t->get("origin")) {
      auto v = Integer(*o, key + ".origin");
      if (!v.ok()) return v.error();
      level.origin = *v;
    }
  } else if (kind == "map") {
    level.kind = Level::Kind::kMap;
    const toml::table* m = t->get("map")->as_table();
    if (!m || m->empty())
      return Fail(t->get("map"), key + ".map", "must be a non-empty table of value = \"group\"");
    for (auto&& [k, v] : *m) {
      auto s = String(v, key + ".map." + std::string(k.str()));
      if (!s.ok()) return s.error();
      level.map[std::string(k.str())] = *s;
    }
    if (const toml::node* o = t->get("other")) {
      auto s = String(*o, key + ".other");
      if (!s.ok()) return s.error();
      level.other = *s;
    }
  } else if (kind == "date") {
    level.kind = Level::Kind::kDate;
    auto s = String(*t->get("date"), key + ".date");
    if (!s.ok()) return s.error();
    if (*s != "month" && *s != "year")
      return Fail(t->get("date"), key + ".date", "'" + *s + "' is not month or year");
    level.to_year = *s == "year";
  } else {
    level.kind = Level::Kind::kAll;
    auto s = String(*t->get("all"), key + ".all");
    if (!s.ok()) return s.error();
    level.label = *s;
  }
  return level;
}

Result<Hierarchy> Loader::ParseHierarchy(const toml::node& node, const std::string& key) const {
  const toml::table* t = node.as_table();
  if (!t) return Fail(&node, key, "must be a table with levels");
  if (auto s = CheckKeys(*t, key + ".", {"keep", "levels"}); !s.ok()) return s.error();
  Hierarchy h;
  if (const toml::node* k = t->get("keep")) {
    auto s = Strings(*k, key + ".keep");
    if (!s.ok()) return s.error();
    h.keep = *s;
  }
  const toml::node* l = t->get("levels");
  if (!l) return Fail(&node, key + ".levels", "missing (at least one level)");
  const toml::array* a = l->as_array();
  if (!a || a->empty()) return Fail(l, key + ".levels", "must be a non-empty array of tables");
  for (size_t i = 0; i < a->size(); ++i) {
    auto level = ParseLevel((*a)[i], key + ".levels[" + std::to_string(i) + "]");
    if (!level.ok()) return level.error();
    h.levels.push_back(std::move(*level));
  }
  return h;
}

Status Loader::ParseSuppression(const toml::table& t) {
  if (auto s = CheckKeys(t, "suppression.", {"mode", "marker", "max_share"}); !s.ok()) return s;
  if (const toml::node* n = t.get("mode")) {
    auto s = String(*n, "suppression.mode");
    if (!s.ok()) return s.error();
    if (*s == "marker")
      p_.suppression = RowSuppression::kMarker;
    else if (*s == "drop")
      p_.suppression = RowSuppression::kDrop;
    else if (*s == "none")
      p_.suppression = RowSuppression::kNone;
    else
      return Fail(n, "suppression.mode", "'" + *s + "' is not marker, drop or none");
  }
  if (const toml::node* n = t.get("marker")) {
    auto s = String(*n, "suppression.marker");
    if (!s.ok()) return s.error();
    if (s->empty()) return Fail(n, "suppression.marker", "must not be empty");
    p_.marker = *s;
  }
  if (const toml::node* n = t.get("max_share")) {
    std::optional<double> v = n->is_number() ? n->value<double>() : std::nullopt;
    if (!v || !std::isfinite(*v) || *v < 0 || *v > 1)
      return Fail(n, "suppression.max_share", "must be a number from 0 to 1");
    p_.max_suppressed_share = *v;
  }
  return {};
}

Status Loader::ParseCounts(const toml::table& t) {
  if (auto s = CheckKeys(t, "counts.", {"threshold", "marker"}); !s.ok()) return s;
  if (const toml::node* n = t.get("threshold")) {
    auto v = Integer(*n, "counts.threshold");
    if (!v.ok()) return v.error();
    if (*v < 1) return Fail(n, "counts.threshold", "must be at least 1");
    p_.counts.threshold = *v;
  }
  if (const toml::node* n = t.get("marker")) {
    auto s = String(*n, "counts.marker");
    if (!s.ok()) return s.error();
    if (s->empty()) return Fail(n, "counts.marker", "must not be empty");
    p_.counts.marker = *s;
  }
  return {};
}

Result<DisclosurePolicy> Loader::Load(const toml::table& root) {
  p_.source = source_;
  if (auto s = CheckKeys(root, "",
                         {"name", "k", "quasi_identifiers", "withheld", "generalise_order",
                          "subject", "names", "suppression", "counts", "hierarchies"});
      !s.ok())
    return s.error();

  const toml::node* n = root.get("name");
  if (!n) return Fail(nullptr, "name", "missing (the policy's name, reported with each release)");
  if (auto s = String(*n, "name"); !s.ok())
    return s.error();
  else
    p_.name = *s;

  n = root.get("k");
  if (!n)
    return Fail(nullptr, "k", "missing (the smallest group of rows allowed to share details)");
  if (auto v = Integer(*n, "k"); !v.ok())
    return v.error();
  else
    p_.k = *v;
  if (p_.k < 2) return Fail(n, "k", "must be at least 2 (k = 1 protects no one)");

  n = root.get("quasi_identifiers");
  if (!n)
    return Fail(nullptr, "quasi_identifiers", "missing (columns that identify in combination)");
  if (auto s = Strings(*n, "quasi_identifiers"); !s.ok())
    return s.error();
  else
    p_.quasi_identifiers = *s;
  if (p_.quasi_identifiers.empty()) return Fail(n, "quasi_identifiers", "must not be empty");
  std::set<std::string> quasi(p_.quasi_identifiers.begin(), p_.quasi_identifiers.end());
  if (quasi.size() != p_.quasi_identifiers.size())
    return Fail(n, "quasi_identifiers", "names a column twice");

  if (const toml::node* w = root.get("withheld")) {
    auto s = Strings(*w, "withheld");
    if (!s.ok()) return s.error();
    p_.withheld = *s;
  }
  if (const toml::node* w = root.get("subject")) {
    auto s = String(*w, "subject");
    if (!s.ok()) return s.error();
    p_.subject = *s;
  }
  if (const toml::node* w = root.get("names")) {
    const toml::table* t = w->as_table();
    if (!t) return Fail(w, "names", "must be a table of column = \"phrase\"");
    for (auto&& [k, v] : *t) {
      auto s = String(v, "names." + std::string(k.str()));
      if (!s.ok()) return s.error();
      p_.names[std::string(k.str())] = *s;
    }
  }
  if (const toml::node* w = root.get("suppression")) {
    if (!w->is_table()) return Fail(w, "suppression", "must be a table");
    if (auto s = ParseSuppression(*w->as_table()); !s.ok()) return s.error();
  }
  if (const toml::node* w = root.get("counts")) {
    if (!w->is_table()) return Fail(w, "counts", "must be a table");
    if (auto s = ParseCounts(*w->as_table()); !s.ok()) return s.error();
  }

  if (const toml::node* h = root.get("hierarchies")) {
    const toml::table* t = h->as_table();
    if (!t) return Fail(h, "hierarchies", "must be a table of column = { keep, levels }");
    for (auto&& [k, v] : *t) {
      const std::string column(k.str());
      const std::string key = "hierarchies." + column;
      if (!quasi.count(column)) return Fail(&v, key, "is not one of quasi_identifiers");
      auto hier = ParseHierarchy(v, key);
      if (!hier.ok()) return hier.error();
      p_.hierarchies[column] = std::move(*hier);
    }
  }

  // The order is required whenever there are hierarchies: TOML tables are
  // unordered, and which column to give up first is a policy decision.
  n = root.get("generalise_order");
  if (n) {
    auto s = Strings(*n, "generalise_order");
    if (!s.ok()) return s.error();
    p_.generalise_order = *s;
  } else if (!p_.hierarchies.empty()) {
    return Fail(nullptr, "generalise_order",
                "missing (the hierarchy columns, the one to coarsen first first)");
  }
  std::set<std::string> seen;
  for (const std::string& c : p_.generalise_order) {
    if (!p_.hierarchies.count(c))
      return Fail(n, "generalise_order", "'" + c + "' has no hierarchy");
    if (!seen.insert(c).second) return Fail(n, "generalise_order", "names '" + c + "' twice");
  }
  for (const auto& [c, h] : p_.hierarchies)
    if (!seen.count(c))
      return Fail(n, "generalise_order", "leaves out '" + c + "', which has a hierarchy");
  return std::move(p_);
}

}  // namespace

std::string DisclosurePolicy::DisplayName(const std::string& column) const {
  if (auto it = names.find(column); it != names.end()) return it->second;
  std::string out = column;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

const char* RowSuppressionName(RowSuppression s) {
  switch (s) {
    case RowSuppression::kMarker:
      return "marker";
    case RowSuppression::kDrop:
      return "drop";
    case RowSuppression::kNone:
      return "none";
  }
  return "none";
}

Result<DisclosurePolicy> ParseDisclosurePolicy(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    std::string where = source;
    if (b.line > 0) where += ":" + std::to_string(b.line) + ":" + std::to_string(b.column);
    return Error::InvalidInput(where + ": not valid TOML: " + std::string(e.description()));
  } catch (const std::exception& e) {
    return Error::Internal(source + ": cannot parse disclosure policy: " + e.what());
  }
  return Loader(source).Load(root);
}

Result<DisclosurePolicy> LoadDisclosurePolicy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot read disclosure policy");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error::Io(path + ": cannot read disclosure policy");
  return ParseDisclosurePolicy(text.str(), path);
}

}  // namespace foidesk::privacy
