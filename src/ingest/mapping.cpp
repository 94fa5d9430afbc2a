// Loading and checking mapping files (see mapping.h, mapping_format.md).
// toml++ throws on a syntax error: caught here and returned as an Error.
#include "ingest/mapping.h"

#include <fnmatch.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "ingest/encoding.h"
#include "model/crime.h"
#include "model/csv.h"

namespace foidesk::ingest {
namespace {

constexpr const char* kFieldNames[kFieldCount] = {"id",
                                                  "legacy_ref",
                                                  "recorded",
                                                  "committed_from",
                                                  "offence",
                                                  "offence_subclass",
                                                  "offence_title",
                                                  "town",
                                                  "beat",
                                                  "lsoa",
                                                  "outcome",
                                                  "outcome_date"};

// Fields that hold a date and so need a date format.
bool IsDateField(Field f) {
  return f == Field::kRecorded || f == Field::kCommittedFrom || f == Field::kOutcomeDate;
}

std::optional<Field> FieldByName(std::string_view name) {
  for (size_t i = 0; i < kFieldCount; ++i)
    if (name == kFieldNames[i]) return static_cast<Field>(i);
  return std::nullopt;
}

// Reads one mapping file; every error names the file, line and key.
class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) {}

  Result<Mapping> Load();

 private:
  Error Fail(const toml::node* node, const std::string& key, const std::string& reason) const {
    std::string where = path_;
    if (node && node->source().begin.line > 0)
      where += ":" + std::to_string(node->source().begin.line);
    return Error::InvalidInput(where + ": " + key + ": " + reason);
  }

  Status CheckKeys(const toml::table& table, const std::string& prefix,
                   std::initializer_list<std::string_view> allowed) const;
  Result<std::string> String(const toml::node& node, const std::string& key) const;
  Result<std::vector<std::string>> Strings(const toml::node& node, const std::string& key) const;
  Result<DateFormat> ParseDateFormat(const toml::node& node, const std::string& key) const;
  // A field spec: "COLUMN" or { from = "COLUMN", date = "..." }. `relative`:
  // a path inside a people element, not resolved against the CSV header.
  Result<FieldSource> ParseField(const toml::node& node, const std::string& key, bool relative,
                                 bool needs_date) const;
  // Sets f.column (CSV) or f.path (JSONL) from f.from.
  Status Resolve(FieldSource& f, const toml::node* node, const std::string& key,
                 bool relative) const;
  Status ParsePerson(const toml::table& table, const std::string& prefix, bool relative,
                     PersonMap& person, std::initializer_list<std::string_view> extra_keys) const;

  std::string path_;
  Mapping m_;
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
  auto s = node.value<std::string>();
  if (!s || !node.is_string()) return Fail(&node, key, "expected a string");
  return *s;
}

Result<std::vector<std::string>> Loader::Strings(const toml::node& node,
                                                 const std::string& key) const {
  std::vector<std::string> out;
  if (node.is_string()) {
    out.push_back(*node.value<std::string>());
  } else if (const toml::array* a = node.as_array()) {
    for (const auto& e : *a) {
      if (!e.is_string()) return Fail(&e, key, "expected an array of strings");
      out.push_back(*e.value<std::string>());
    }
  } else {
    return Fail(&node, key, "expected a string or an array of strings");
  }
  if (out.empty()) return Fail(&node, key, "must not be empty");
  for (const auto& s : out)
    if (s.empty()) return Fail(&node, key, "holds an empty string");
  return out;
}

Result<DateFormat> Loader::ParseDateFormat(const toml::node& node, const std::string& key) const {
  auto text = String(node, key);
  if (!text.ok()) return text.error();
  DateFormat f;
  if (*text == "iso8601-local-date") {
    f.kind = DateFormat::Kind::kIsoLocalDate;
    f.display = "an ISO 8601 timestamp";
    return f;
  }
  f.kind = DateFormat::Kind::kPattern;
  f.pattern = *text;
  std::set<char> seen;
  for (size_t i = 0; i < text->size(); ++i) {
    char c = (*text)[i];
    if (c != '%') {
      f.display += c;
      continue;
    }
    if (i + 1 >= text->size()) return Fail(&node, key, "date format ends in a lone %");
    char d = (*text)[++i];
    static const std::map<char, const char*> kDisplay = {{'d', "dd"}, {'m', "mm"}, {'Y', "yyyy"},
                                                         {'H', "HH"}, {'M', "MM"}, {'S', "SS"}};
    auto it = kDisplay.find(d);
    if (it == kDisplay.end())
      return Fail(&node, key,
                  std::string("unknown date format directive %") + d +
                      " (use %d %m %Y %H %M %S, or \"iso8601-local-date\")");
    if (!seen.insert(d).second) return Fail(&node, key, std::string("date format repeats %") + d);
    f.display += it->second;
  }
  if (!seen.count('Y') || !seen.count('m'))
    return Fail(&node, key, "date format needs at least %Y and %m");
  f.month_only = !seen.count('d');
  return f;
}

Result<FieldSource> Loader::ParseField(const toml::node& node, const std::string& key,
                                       bool relative, bool needs_date) const {
  FieldSource f;
  const toml::node* date_node = nullptr;
  if (node.is_string()) {
    f.from = *node.value<std::string>();
  } else if (const toml::table* t = node.as_table()) {
    if (auto s = CheckKeys(*t, key + ".", {"from", "date"}); !s.ok()) return s.error();
    const toml::node* from = t->get("from");
    if (!from) return Fail(&node, key, "missing 'from' (the column or JSON path to read)");
    auto s = String(*from, key + ".from");
    if (!s.ok()) return s.error();
    f.from = *s;
    date_node = t->get("date");
  } else {
    return Fail(&node, key, "expected a column/path string or a table { from = ..., date = ... }");
  }
  if (f.from.empty()) return Fail(&node, key, "empty column or path");
  if (date_node) {
    auto d = ParseDateFormat(*date_node, key + ".date");
    if (!d.ok()) return d.error();
    f.date = *d;
  }
  if (needs_date && f.date.kind == DateFormat::Kind::kNone)
    return Fail(&node, key,
                "needs a date format, e.g. { from = \"" + f.from + "\", date = \"%d/%m/%Y\" }");
  if (!needs_date && date_node) return Fail(date_node, key + ".date", "this field is not a date");
  if (auto s = Resolve(f, &node, key, relative); !s.ok()) return s.error();
  return f;
}

Status Loader::Resolve(FieldSource& f, const toml::node* node, const std::string& key,
                       bool relative) const {
  if (m_.format == Format::kCsv && !relative) {
    auto it = std::find(m_.header.begin(), m_.header.end(), f.from);
    if (it == m_.header.end())
      return Fail(node, key, "column '" + f.from + "' is not in csv.header");
    f.column = static_cast<int>(it - m_.header.begin());
  } else {
    size_t start = 0;
    while (true) {
      size_t dot = f.from.find('.', start);
      std::string seg = f.from.substr(start, dot == std::string::npos ? dot : dot - start);
      if (seg.empty()) return Fail(node, key, "JSON path '" + f.from + "' has an empty part");
      f.path.push_back(seg);
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
  }
  return {};
}

Status Loader::ParsePerson(const toml::table& table, const std::string& prefix, bool relative,
                           PersonMap& person,
                           std::initializer_list<std::string_view> extra_keys) const {
  static const std::vector<std::string_view> kPersonKeys = {"role", "surname", "forenames",
                                                            "dob",  "age",     "online_ids"};
  for (auto&& [k, v] : table) {
    std::string key = prefix + std::string(k.str());
    if (std::find(extra_keys.begin(), extra_keys.end(), k.str()) != extra_keys.end()) continue;
    FieldSource* target = nullptr;
    if (k == "role" && relative)
      target = &person.role;
    else if (k == "surname")
      target = &person.surname;
    else if (k == "forenames")
      target = &person.forenames;
    else if (k == "dob")
      target = &person.dob;
    else if (k == "age")
      target = &person.age;
    else if (k == "online_ids")
      target = &person.online_ids;
    if (!target) {
      std::string list;
      for (auto a : kPersonKeys)
        if (a != "role" || relative) list += (list.empty() ? "" : ", ") + std::string(a);
      for (auto a : extra_keys) list += ", " + std::string(a);
      return Fail(&v, key, "unknown key (expected one of: " + list + ")");
    }
    auto f = ParseField(v, key, relative, /*needs_date=*/k == "dob");
    if (!f.ok()) return f.error();
    *target = std::move(*f);
  }
  person.dob.personal = true;
  return {};
}

Result<Mapping> Loader::Load() {
  toml::table root;
  try {
    root = toml::parse_file(path_);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    std::string where = path_;
    if (b.line > 0) where += ":" + std::to_string(b.line) + ":" + std::to_string(b.column);
    return Error::InvalidInput(where + ": not valid TOML: " + std::string(e.description()));
  } catch (const std::exception& e) {
    return Error::Io(path_ + ": cannot read mapping file: " + e.what());
  }
  m_.path = path_;

  if (auto s = CheckKeys(
          root, "",
          {"name", "format", "encoding", "files", "content_priority", "date_priority", "required",
           "offence_codes", "csv", "key", "fields", "victim", "people", "outcome_codes"});
      !s.ok())
    return s.error();

  // Top-level scalars.
  const toml::node* n = root.get("name");
  if (!n) return Fail(nullptr, "name", "missing (the source name stored with each record)");
  if (auto s = String(*n, "name"); !s.ok())
    return s.error();
  else
    m_.name = *s;
  if (m_.name.empty() || !std::all_of(m_.name.begin(), m_.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      }))
    return Fail(n, "name", "must be lower-case letters, digits, '-' or '_'");

  n = root.get("format");
  if (!n) return Fail(nullptr, "format", "missing (csv or jsonl)");
  if (auto s = String(*n, "format"); !s.ok())
    return s.error();
  else if (*s == "csv")
    m_.format = Format::kCsv;
  else if (*s == "jsonl")
    m_.format = Format::kJsonl;
  else
    return Fail(n, "format", "'" + *s + "' is not a known format (csv or jsonl)");

  n = root.get("encoding");
  if (!n) return Fail(nullptr, "encoding", "missing (e.g. \"utf-8\" or \"windows-1252\")");
  if (auto s = String(*n, "encoding"); !s.ok())
    return s.error();
  else
    m_.encoding = *s;
  if (auto d = Decoder::Create(m_.encoding); !d.ok()) return Fail(n, "encoding", d.error().message);

  n = root.get("files");
  if (!n) return Fail(nullptr, "files", "missing (file name patterns, e.g. [\"crs_*.csv\"])");
  if (auto s = Strings(*n, "files"); !s.ok())
    return s.error();
  else
    m_.file_patterns = *s;

  for (auto [key, target] : {std::pair{"content_priority", &m_.content_priority},
                             std::pair{"date_priority", &m_.date_priority}}) {
    if (const toml::node* p = root.get(key)) {
      if (!p->is_integer()) return Fail(p, key, "expected an integer");
      *target = *p->value<int64_t>();
    }
  }
  if (const toml::node* p = root.get("offence_codes")) {
    if (auto s = String(*p, "offence_codes"); !s.ok())
      return s.error();
    else
      m_.offence_codes = *s;
  }

  // [csv]
  const toml::node* csv = root.get("csv");
  if (m_.format == Format::kCsv) {
    if (!csv || !csv->is_table())
      return Fail(csv, "csv", "a CSV mapping needs a [csv] table with the expected header");
    const toml::table& t = *csv->as_table();
    if (auto s = CheckKeys(t, "csv.", {"header"}); !s.ok()) return s.error();
    const toml::node* h = t.get("header");
    if (!h) return Fail(csv, "csv.header", "missing (the expected header row, in order)");
    auto cols = Strings(*h, "csv.header");
    if (!cols.ok()) return cols.error();
    m_.header = *cols;
    std::set<std::string> unique(m_.header.begin(), m_.header.end());
    if (unique.size() != m_.header.size()) return Fail(h, "csv.header", "names a column twice");
  } else if (csv) {
    return Fail(csv, "csv", "only a CSV mapping has a [csv] table");
  }

  // [key]
  const toml::node* key = root.get("key");
  if (!key || !key->is_table())
    return Fail(key, "key", "missing [key] table (id = the record id field)");
  {
    const toml::table& t = *key->as_table();
    if (auto s = CheckKeys(t, "key.", {"id", "legacy_ref"}); !s.ok()) return s.error();
    const toml::node* id = t.get("id");
    if (!id) return Fail(key, "key.id", "missing (the field that holds the record's id)");
    auto f = ParseField(*id, "key.id", false, false);
    if (!f.ok()) return f.error();
    m_.fields[static_cast<size_t>(Field::kId)] = *f;
    if (const toml::node* lr = t.get("legacy_ref")) {
      auto g = ParseField(*lr, "key.legacy_ref", false, false);
      if (!g.ok()) return g.error();
      m_.fields[static_cast<size_t>(Field::kLegacyRef)] = *g;
    }
  }

  // [fields]
  const toml::node* fields = root.get("fields");
  if (!fields || !fields->is_table())
    return Fail(fields, "fields", "missing [fields] table (at least recorded = ...)");
  for (auto&& [k, v] : *fields->as_table()) {
    std::string name(k.str());
    std::string kname = "fields." + name;
    if (name == "text") {
      const toml::node* from = &v;
      if (const toml::table* t = v.as_table()) {
        if (auto s = CheckKeys(*t, kname + ".", {"from", "separator"}); !s.ok()) return s.error();
        from = t->get("from");
        if (!from) return Fail(&v, kname, "missing 'from' (the fields to join)");
        if (const toml::node* sep = t->get("separator")) {
          auto s = String(*sep, kname + ".separator");
          if (!s.ok()) return s.error();
          m_.text_separator = *s;
        }
      }
      auto parts = Strings(*from, kname);
      if (!parts.ok()) return parts.error();
      for (const auto& p : *parts) {
        FieldSource f;
        f.from = p;
        if (auto s = Resolve(f, from, kname, false); !s.ok()) return s.error();
        m_.text.push_back(std::move(f));
      }
      continue;
    }
    auto field = FieldByName(name);
    if (!field || *field == Field::kId || *field == Field::kLegacyRef) {
      return Fail(&v, kname,
                  "unknown field (expected recorded, committed_from, offence, offence_subclass, "
                  "offence_title, town, beat, lsoa, outcome, outcome_date or text; the id and "
                  "legacy_ref go in [key])");
    }
    auto f = ParseField(v, kname, false, IsDateField(*field));
    if (!f.ok()) return f.error();
    m_.fields[static_cast<size_t>(*field)] = *f;
  }
  if (!m_.field(Field::kRecorded).mapped())
    return Fail(fields, "fields.recorded", "missing (every crime needs its recorded date)");

  // required = [...]
  m_.required[static_cast<size_t>(Field::kId)] = true;
  m_.required[static_cast<size_t>(Field::kRecorded)] = true;
  if (const toml::node* r = root.get("required")) {
    auto names = Strings(*r, "required");
    if (!names.ok()) return names.error();
    for (const auto& name : *names) {
      auto f = FieldByName(name);
      if (!f) return Fail(r, "required", "'" + name + "' is not a canonical field name");
      if (!m_.field(*f).mapped())
        return Fail(r, "required", "'" + name + "' is required but not mapped");
      m_.required[static_cast<size_t>(*f)] = true;
    }
  }

  // [victim]
  if (const toml::node* v = root.get("victim")) {
    if (!v->is_table()) return Fail(v, "victim", "expected a table");
    if (auto s = ParsePerson(*v->as_table(), "victim.", false, m_.victim, {}); !s.ok())
      return s.error();
    m_.has_victim = true;
  }

  // [people]
  if (const toml::node* p = root.get("people")) {
    if (m_.format != Format::kJsonl)
      return Fail(p, "people", "a people array is for JSONL sources (use [victim] for columns)");
    if (!p->is_table()) return Fail(p, "people", "expected a table");
    const toml::table& t = *p->as_table();
    const toml::node* from = t.get("from");
    if (!from) return Fail(p, "people.from", "missing (the path of the people array)");
    auto f = ParseField(*from, "people.from", false, false);
    if (!f.ok()) return f.error();
    m_.people = *f;
    if (auto s = ParsePerson(t, "people.", true, m_.person, {"from", "role_codes"}); !s.ok())
      return s.error();
    if (!m_.person.role.mapped())
      return Fail(p, "people.role", "missing (the key that says victim, suspect, ...)");
    if (const toml::node* rc = t.get("role_codes")) {
      if (!rc->is_table()) return Fail(rc, "people.role_codes", "expected a table");
      for (auto&& [code, role] : *rc->as_table()) {
        auto s = String(role, "people.role_codes." + std::string(code.str()));
        if (!s.ok()) return s.error();
        m_.role_codes[std::string(code.str())] = *s;
      }
    }
    m_.has_people = true;
  }
  if (m_.has_people && m_.has_victim)
    return Fail(root.get("victim"), "victim", "give either [victim] or [people], not both");

  // [outcome_codes]
  if (const toml::node* oc = root.get("outcome_codes")) {
    if (!oc->is_table()) return Fail(oc, "outcome_codes", "expected a table of code = HO type");
    for (auto&& [code, type] : *oc->as_table()) {
      std::string k = "outcome_codes." + std::string(code.str());
      if (type.is_integer()) {
        m_.outcome_codes[std::string(code.str())] = std::to_string(*type.value<int64_t>());
      } else if (type.is_string()) {
        m_.outcome_codes[std::string(code.str())] = *type.value<std::string>();
      } else {
        return Fail(&type, k,
                    "expected a Home Office outcome type (1-22, \"1A\") or \"\" for open");
      }
    }
    if (!m_.field(Field::kOutcome).mapped())
      return Fail(oc, "outcome_codes", "given, but fields.outcome is not mapped");
    m_.has_outcome_codes = true;
  }
  return std::move(m_);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

const char* FieldName(Field f) { return kFieldNames[static_cast<size_t>(f)]; }

Result<Mapping> LoadMapping(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Error::Io(path + ": cannot read mapping file: no such file");
  try {
    return Loader(path).Load();
  } catch (const std::exception& e) {
    return Error::Internal(path + ": " + e.what());
  }
}

Result<std::vector<Mapping>> LoadMappings(const std::string& dir) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml") paths.push_back(it->path().string());
  }
  if (ec) return Error::Io(dir + ": cannot list mapping files: " + ec.message());
  if (paths.empty()) return Error::NotFound(dir + ": no mapping files (*.toml)");
  std::sort(paths.begin(), paths.end());
  std::vector<Mapping> out;
  for (const auto& p : paths) {
    auto m = LoadMapping(p);
    if (!m.ok()) return m.error();
    for (const auto& other : out)
      if (other.name == m->name)
        return Error::InvalidInput(p + ": name: source name '" + m->name + "' is also used by " +
                                   other.path);
    out.push_back(std::move(*m));
  }
  return out;
}

Result<const Mapping*> SelectMapping(const std::vector<Mapping>& mappings,
                                     const std::string& file) {
  std::string base = BaseName(file);
  const Mapping* found = nullptr;
  std::string patterns;
  for (const auto& m : mappings) {
    for (const auto& p : m.file_patterns) {
      patterns += (patterns.empty() ? "" : ", ") + p;
      if (fnmatch(p.c_str(), base.c_str(), 0) != 0) continue;
      if (found && found != &m)
        return Error::InvalidInput(file + ": file name matches more than one mapping (" +
                                   found->path + ", " + m.path + ")");
      found = &m;
    }
  }
  if (!found)
    return Error::InvalidInput(file + ": no mapping matches this file name (patterns: " + patterns +
                               ")");
  return found;
}

Result<CodeLists> LoadCodeLists(const std::string& codes_dir,
                                const std::vector<Mapping>& mappings) {
  auto outcomes = OutcomeList::Load(codes_dir + "/outcomes.csv");
  if (!outcomes.ok()) return outcomes.error();
  CodeLists codes{std::move(*outcomes), {}};
  for (const auto& m : mappings) {
    if (m.offence_codes.empty() || codes.offences.count(m.offence_codes)) continue;
    std::string path = codes_dir + "/" + m.offence_codes;
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return Error::Io(path + ": cannot open the offence code list (named by " + m.path + ")");
    CsvReader reader(in);
    CsvRecord rec;
    size_t code_col = std::string::npos;
    auto& set = codes.offences[m.offence_codes];
    while (reader.Next(rec)) {
      if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
      if (code_col == std::string::npos) {
        auto it = std::find(rec.fields.begin(), rec.fields.end(), "code");
        if (it == rec.fields.end())
          return Error::InvalidInput(path + ":1: expected a header with a 'code' column");
        code_col = it - rec.fields.begin();
        continue;
      }
      if (rec.malformed || rec.fields.size() <= code_col || rec.fields[code_col].empty())
        return Error::InvalidInput(path + ":" + std::to_string(rec.line) + ": no offence code");
      set.insert(CanonicalOffence(rec.fields[code_col]));
    }
    if (set.empty()) return Error::InvalidInput(path + ": no offence codes");
  }
  return codes;
}

Status CheckMappingCodes(const Mapping& mapping, const CodeLists& codes) {
  for (const auto& [code, type] : mapping.outcome_codes) {
    if (!type.empty() && !codes.outcomes.Has(type))
      return Error::InvalidInput(mapping.path + ": outcome_codes." + code +
                                 ": Home Office outcome type '" + type +
                                 "' is not in codes/outcomes.csv");
  }
  if (!mapping.offence_codes.empty() && !codes.offences.count(mapping.offence_codes))
    return Error::InvalidInput(mapping.path + ": offence_codes: code list '" +
                               mapping.offence_codes + "' was not loaded");
  return {};
}

}  // namespace foidesk::ingest
