// Loading a facet schema from TOML (checked, with errors naming file, key and
// reason) and reading a crime text's facets with it.
#include "privacy/facets.h"

#include <re2/re2.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <initializer_list>
#include <optional>
#include <utility>

namespace foidesk::privacy {
namespace {

// Adds the lower-case words of `text` (runs of letters, digits, apostrophes).
void AddWords(std::string_view text, std::set<std::string>& out) {
  std::string word;
  auto flush = [&] {
    while (!word.empty() && word.back() == '\'') word.pop_back();
    while (!word.empty() && word.front() == '\'') word.erase(word.begin());
    if (!word.empty()) out.insert(word);
    word.clear();
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '\'' || u >= 0x80) {
      word += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    } else {
      flush();
    }
  }
  flush();
}

bool IsWordChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_';
}

// "social media" -> \bsocial\s+media\b; words keep their spelling, any spacing.
std::string LiteralToRegex(std::string_view phrase) {
  std::string out;
  std::string word;
  std::vector<std::string> words;
  for (char c : phrase) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += "\\s+";
    out += RE2::QuoteMeta(words[i]);
  }
  if (words.empty()) return out;
  // \b only where the phrase starts or ends with a word character.
  if (IsWordChar(words.front().front())) out = "\\b" + out;
  if (IsWordChar(words.back().back())) out += "\\b";
  return out;
}

// Builds errors that name the file and the key.
class Checker {
 public:
  explicit Checker(std::string path) : path_(std::move(path)) {}

  Error Fail(const std::string& key, const std::string& reason) const {
    return Error::InvalidInput(path_ + ": " + key + ": " + reason);
  }

  // Keys of `table` not in `allowed` are typos: refuse them.
  std::optional<Error> OnlyKeys(const toml::table& table, const std::string& where,
                                std::initializer_list<std::string_view> allowed) const {
    for (const auto& [k, v] : table) {
      if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end())
        return Fail(where.empty() ? std::string(k.str()) : where + "." + std::string(k.str()),
                    "unknown key");
    }
    return std::nullopt;
  }

  // A string; `required` refuses a missing or empty one.
  Result<std::string> String(const toml::table& table, const std::string& where,
                             std::string_view key, bool required, std::string fallback = "") const {
    const std::string name = where.empty() ? std::string(key) : where + "." + std::string(key);
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) return Fail(name, "missing (a non-empty string is required)");
      return fallback;
    }
    const auto* s = node->as_string();
    if (s == nullptr) return Fail(name, "must be a string");
    if (required && s->get().empty()) return Fail(name, "must be a non-empty string");
    return s->get();
  }

  Result<std::vector<std::string>> Strings(const toml::table& table, const std::string& where,
                                           std::string_view key) const {
    const std::string name = where.empty() ? std::string(key) : where + "." + std::string(key);
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (node == nullptr) return out;
    const auto* arr = node->as_array();
    if (arr == nullptr) return Fail(name, "must be an array of strings");
    for (size_t i = 0; i < arr->size(); ++i) {
      const auto* s = arr->get(i)->as_string();
      if (s == nullptr || s->get().empty())
        return Fail(name + "[" + std::to_string(i) + "]", "must be a non-empty string");
      out.push_back(s->get());
    }
    return out;
  }

  Result<Pattern> Compile(const std::string& regex, const std::string& name) const {
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    auto re = std::make_shared<const RE2>(regex, options);
    if (!re->ok()) return Fail(name, "invalid pattern: " + re->error());
    return Pattern(std::move(re));
  }

  // One pattern matching any of the literal phrases, or null for none.
  Result<Pattern> CompileLiterals(const std::vector<std::string>& phrases,
                                  const std::string& name) const {
    if (phrases.empty()) return Pattern();
    std::string alt;
    for (const auto& p : phrases) {
      if (!alt.empty()) alt += '|';
      alt += "(?:" + LiteralToRegex(p) + ")";
    }
    return Compile(alt, name);
  }

 private:
  std::string path_;
};

// Parses "Threat to {threat}[ {media}][ unless {demand}]" into parts.
Result<SummaryTemplate> ParseTemplate(const std::string& source, const FacetSchema& schema,
                                      const Checker& check, const std::string& name) {
  SummaryTemplate t;
  t.source = source;
  int group = -1, groups = 0;
  std::string text;
  auto flush = [&] {
    if (!text.empty()) t.parts.push_back({text, "", group});
    text.clear();
  };
  for (size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '[') {
      if (group >= 0) return check.Fail(name, "nested '[' in template");
      flush();
      group = groups++;
    } else if (c == ']') {
      if (group < 0) return check.Fail(name, "']' without '[' in template");
      flush();
      group = -1;
    } else if (c == '{') {
      const size_t end = source.find('}', i);
      if (end == std::string::npos) return check.Fail(name, "'{' without '}' in template");
      flush();
      std::string facet = source.substr(i + 1, end - i - 1);
      if (schema.Find(facet) == nullptr)
        return check.Fail(name, "template names unknown facet '" + facet + "'");
      if (group < 0 && std::find(t.required.begin(), t.required.end(), facet) == t.required.end())
        t.required.push_back(facet);
      t.parts.push_back({"", std::move(facet), group});
      i = end;
    } else if (c == '}') {
      return check.Fail(name, "'}' without '{' in template");
    } else {
      text += c;
    }
  }
  if (group >= 0) return check.Fail(name, "'[' without ']' in template");
  flush();
  return t;
}

Result<FacetValue> LoadValue(const toml::table& table, const std::string& where,
                             const std::string& facet_prefix, const Checker& check) {
  if (auto e = check.OnlyKeys(
          table, where,
          {"name", "wording", "prefix", "words", "patterns", "exclude", "exclude_patterns"}))
    return *e;
  FacetValue v;
  auto name = check.String(table, where, "name", true);
  if (!name.ok()) return name.error();
  v.name = *name;
  auto wording = check.String(table, where, "wording", true);
  if (!wording.ok()) return wording.error();
  v.wording = *wording;
  auto prefix = check.String(table, where, "prefix", false, facet_prefix);
  if (!prefix.ok()) return prefix.error();
  v.prefix = *prefix;
  auto words = check.Strings(table, where, "words");
  if (!words.ok()) return words.error();
  v.words = *words;
  auto patterns = check.Strings(table, where, "patterns");
  if (!patterns.ok()) return patterns.error();
  auto exclude = check.Strings(table, where, "exclude");
  if (!exclude.ok()) return exclude.error();
  auto exclude_patterns = check.Strings(table, where, "exclude_patterns");
  if (!exclude_patterns.ok()) return exclude_patterns.error();
  if (v.words.empty() && patterns->empty())
    return check.Fail(where, "a value needs 'words' or 'patterns' to be found by");

  auto literal = check.CompileLiterals(v.words, where + ".words");
  if (!literal.ok()) return literal.error();
  if (*literal) v.triggers.push_back(*literal);
  for (size_t i = 0; i < patterns->size(); ++i) {
    auto p = check.Compile((*patterns)[i], where + ".patterns[" + std::to_string(i) + "]");
    if (!p.ok()) return p.error();
    v.triggers.push_back(*p);
  }
  auto literal_ex = check.CompileLiterals(*exclude, where + ".exclude");
  if (!literal_ex.ok()) return literal_ex.error();
  if (*literal_ex) v.excludes.push_back(*literal_ex);
  for (size_t i = 0; i < exclude_patterns->size(); ++i) {
    auto p = check.Compile((*exclude_patterns)[i],
                           where + ".exclude_patterns[" + std::to_string(i) + "]");
    if (!p.ok()) return p.error();
    v.excludes.push_back(*p);
  }
  return v;
}

Result<Facet> LoadFacet(const toml::table& table, const std::string& where, const Checker& check) {
  if (auto e =
          check.OnlyKeys(table, where, {"name", "clause", "prefix", "join", "last_join", "value"}))
    return *e;
  Facet f;
  auto name = check.String(table, where, "name", true);
  if (!name.ok()) return name.error();
  f.name = *name;
  auto clause = check.String(table, where, "clause", false, "threat");
  if (!clause.ok()) return clause.error();
  if (*clause == "threat") {
    f.clause = FacetClause::kThreat;
  } else if (*clause == "sentence") {
    f.clause = FacetClause::kSentence;
  } else {
    return check.Fail(where + ".clause",
                      "must be \"threat\" or \"sentence\", not \"" + *clause + "\"");
  }
  auto prefix = check.String(table, where, "prefix", false);
  if (!prefix.ok()) return prefix.error();
  auto join = check.String(table, where, "join", false, f.join);
  if (!join.ok()) return join.error();
  f.join = *join;
  auto last_join = check.String(table, where, "last_join", false, f.last_join);
  if (!last_join.ok()) return last_join.error();
  f.last_join = *last_join;

  const auto* values = table.get_as<toml::array>("value");
  if (values == nullptr || values->empty())
    return check.Fail(where + ".value", "a facet needs at least one [[facet.value]]");
  for (size_t i = 0; i < values->size(); ++i) {
    const std::string vw = where + ".value[" + std::to_string(i) + "]";
    const auto* vt = values->get(i)->as_table();
    if (vt == nullptr) return check.Fail(vw, "must be a table");
    auto v = LoadValue(*vt, vw, *prefix, check);
    if (!v.ok()) return v.error();
    for (const auto& other : f.values)
      if (other.name == v->name)
        return check.Fail(vw + ".name", "duplicate value '" + v->name + "'");
    f.values.push_back(std::move(*v));
  }
  return f;
}

Result<FacetSchema> LoadFromTable(const toml::table& root, const std::string& path) {
  const Checker check(path);
  if (auto e = check.OnlyKeys(root, "", {"name", "scope", "facet", "compose", "vocabulary"}))
    return *e;
  FacetSchema schema;
  schema.path = path;
  auto name = check.String(root, "", "name", true);
  if (!name.ok()) return name.error();
  schema.name = *name;

  // [scope]
  const auto* scope = root.get_as<toml::table>("scope");
  if (scope == nullptr) return check.Fail("scope", "missing table [scope]");
  if (auto e = check.OnlyKeys(*scope, "scope", {"anchors", "skip_quotes", "clause_break"}))
    return *e;
  auto anchors = check.Strings(*scope, "scope", "anchors");
  if (!anchors.ok()) return anchors.error();
  if (anchors->empty()) return check.Fail("scope.anchors", "needs at least one word");
  auto anchor = check.CompileLiterals(*anchors, "scope.anchors");
  if (!anchor.ok()) return anchor.error();
  schema.anchor = *anchor;
  if (const toml::node* n = scope->get("skip_quotes")) {
    if (!n->is_boolean()) return check.Fail("scope.skip_quotes", "must be true or false");
    schema.skip_quotes = n->as_boolean()->get();
  }
  auto breaks = check.Strings(*scope, "scope", "clause_break");
  if (!breaks.ok()) return breaks.error();
  auto brk = check.CompileLiterals(*breaks, "scope.clause_break");
  if (!brk.ok()) return brk.error();
  schema.clause_break = *brk;

  // [[facet]]
  const auto* facets = root.get_as<toml::array>("facet");
  if (facets == nullptr || facets->empty())
    return check.Fail("facet", "the schema needs at least one [[facet]]");
  for (size_t i = 0; i < facets->size(); ++i) {
    const std::string fw = "facet[" + std::to_string(i) + "]";
    const auto* ft = facets->get(i)->as_table();
    if (ft == nullptr) return check.Fail(fw, "must be a table");
    auto f = LoadFacet(*ft, fw, check);
    if (!f.ok()) return f.error();
    if (schema.Find(f->name) != nullptr)
      return check.Fail(fw + ".name", "duplicate facet '" + f->name + "'");
    schema.facets.push_back(std::move(*f));
  }

  // [compose]
  const auto* compose = root.get_as<toml::table>("compose");
  if (compose == nullptr) return check.Fail("compose", "missing table [compose]");
  if (auto e = check.OnlyKeys(*compose, "compose", {"templates"})) return *e;
  auto templates = check.Strings(*compose, "compose", "templates");
  if (!templates.ok()) return templates.error();
  if (templates->empty()) return check.Fail("compose.templates", "needs at least one template");
  for (size_t i = 0; i < templates->size(); ++i) {
    auto t = ParseTemplate((*templates)[i], schema, check,
                           "compose.templates[" + std::to_string(i) + "]");
    if (!t.ok()) return t.error();
    schema.templates.push_back(std::move(*t));
  }
  if (!schema.templates.back().required.empty())
    return check.Fail("compose.templates",
                      "the last template must need no facet (put facets in [brackets]), so "
                      "every crime gets a summary");

  // [vocabulary] and the fixed wording.
  std::vector<std::string> function_words, extra_words;
  if (const auto* vocab = root.get_as<toml::table>("vocabulary")) {
    if (auto e = check.OnlyKeys(*vocab, "vocabulary", {"function_words", "extra_words"})) return *e;
    auto fw = check.Strings(*vocab, "vocabulary", "function_words");
    if (!fw.ok()) return fw.error();
    function_words = *fw;
    auto ew = check.Strings(*vocab, "vocabulary", "extra_words");
    if (!ew.ok()) return ew.error();
    extra_words = *ew;
  } else if (root.contains("vocabulary")) {
    return check.Fail("vocabulary", "must be a table");
  }
  for (const auto& w : function_words) AddWords(w, schema.vocabulary);
  for (const auto& w : extra_words) AddWords(w, schema.vocabulary);
  for (const auto& t : schema.templates)
    for (const auto& p : t.parts) AddWords(p.text, schema.vocabulary);
  for (const auto& f : schema.facets) {
    AddWords(f.join, schema.vocabulary);
    AddWords(f.last_join, schema.vocabulary);
    for (const auto& v : f.values) {
      AddWords(v.wording, schema.vocabulary);
      AddWords(v.prefix, schema.vocabulary);
      for (const auto& w : v.words) AddWords(w, schema.vocabulary);
    }
  }
  return schema;
}

// Removes “...” and "..." spans (quoted messages), leaving unpaired marks.
std::string RemoveQuotes(std::string_view text) {
  static constexpr std::string_view kOpen = "\xE2\x80\x9C", kClose = "\xE2\x80\x9D";
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i, kOpen.size()) == kOpen) {
      const size_t end = text.find(kClose, i + kOpen.size());
      if (end != std::string_view::npos) {
        out += ' ';
        i = end + kClose.size();
        continue;
      }
    } else if (text[i] == '"') {
      const size_t end = text.find('"', i + 1);
      if (end != std::string_view::npos) {
        out += ' ';
        i = end + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

// Splits at line ends, ';' and sentence-ending '.', '!' or '?' (one followed
// by a space or the end, so "miss.leanne66" and "4.50" stay whole).
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    bool end = i == text.size();
    if (!end) {
      const char c = text[i];
      if (c == '\n' || c == '\r' || c == ';') {
        end = true;
      } else if (c == '.' || c == '!' || c == '?') {
        end = i + 1 == text.size() || std::isspace(static_cast<unsigned char>(text[i + 1]));
      }
    }
    if (end) {
      if (i > start) out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Whether some match of `trigger` in `text` lies outside every match of the
// excludes.
bool Found(const FacetValue& value, const re2::StringPiece& text) {
  std::vector<std::pair<size_t, size_t>> excluded;
  for (const auto& ex : value.excludes) {
    re2::StringPiece m;
    size_t pos = 0;
    while (pos <= text.size() && ex->Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
      const size_t b = static_cast<size_t>(m.data() - text.data());
      excluded.emplace_back(b, b + m.size());
      pos = b + std::max<size_t>(m.size(), 1);
    }
  }
  for (const auto& trig : value.triggers) {
    re2::StringPiece m;
    size_t pos = 0;
    while (pos <= text.size() && trig->Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
      const size_t b = static_cast<size_t>(m.data() - text.data()), e = b + m.size();
      const bool inside = std::any_of(excluded.begin(), excluded.end(),
                                      [&](const auto& x) { return x.first <= b && e <= x.second; });
      if (!inside) return true;
      pos = b + 1;
    }
  }
  return false;
}

}  // namespace

const Facet* FacetSchema::Find(std::string_view facet) const {
  for (const auto& f : facets)
    if (f.name == facet) return &f;
  return nullptr;
}

Result<FacetSchema> LoadFacetSchema(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return Error::InvalidInput(path + ":" + std::to_string(b.line) + ":" +
                               std::to_string(b.column) + ": " + std::string(e.description()));
  } catch (const std::exception& e) {
    return Error::Io(path + ": cannot read the facet schema: " + e.what());
  }
  return LoadFromTable(root, path);
}

std::vector<std::string> ThreatSentences(const FacetSchema& schema, std::string_view text) {
  std::vector<std::string> out;
  if (!schema.anchor) return out;  // not loaded by LoadFacetSchema: nothing to read by
  const std::string cleaned = schema.skip_quotes ? RemoveQuotes(text) : std::string(text);
  for (std::string_view s : Sentences(cleaned)) {
    if (RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *schema.anchor))
      out.emplace_back(s);
  }
  return out;
}

Facets ExtractFacets(const FacetSchema& schema, std::string_view text) {
  Facets out;
  for (const auto& f : schema.facets) out.values[f.name];
  const std::vector<std::string> sentences = ThreatSentences(schema, text);
  for (const auto& f : schema.facets) {
    std::vector<std::string>& found = out.values[f.name];
    for (const auto& v : f.values) {
      for (const std::string& s : sentences) {
        re2::StringPiece clause(s);
        re2::StringPiece brk;
        if (f.clause == FacetClause::kThreat && schema.clause_break &&
            schema.clause_break->Match(clause, 0, clause.size(), RE2::UNANCHORED, &brk, 1)) {
          clause = re2::StringPiece(s.data(), static_cast<size_t>(brk.data() - s.data()));
        }
        if (Found(v, clause)) {
          found.push_back(v.name);
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace foidesk::privacy
