// Redaction operators and redaction policy files. toml++ exceptions stop in
// ParseRedactionPolicy: every problem becomes an Error naming the file, the
// line when known, the key and the reason. Values are never put in errors.
#include "privacy/redact.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/date.h"
#include "privacy/policy_file.h"

namespace foidesk::privacy {
namespace {

constexpr std::array<std::string_view, kPiiTypeCount> kDefaultLabels = {
    "[NAME]",      "[LOCATION]", "[ADDRESS]",       "[POSTCODE]",     "[PHONE]",
    "[EMAIL]",     "[URL]",      "[HANDLE]",        "[IP ADDRESS]",   "[VEHICLE REGISTRATION]",
    "[NI NUMBER]", "[DATE]",     "[DATE OF BIRTH]", "[CRIME NUMBER]", "[ORGANISATION]",
    "[FINANCIAL]", "[ID NUMBER]"};

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// ---- UTF-8 ----

// Length of the valid UTF-8 sequence at s[i], or 0 when invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

// Byte offset of the first invalid sequence, or nullopt.
std::optional<size_t> FirstInvalidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

void AppendValidUtf8(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
}

bool IsContinuation(std::string_view s, size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t len = Utf8SequenceLength(s, i);
    i += len == 0 ? 1 : len;
    ++n;
  }
  return n;
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---- generalisation ----

int MonthFromName(std::string_view word) {
  const std::string w = Lower(word);
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    const std::string full = Lower(kMonthNames[m]);
    if (w == full || (w.size() == 3 && full.compare(0, 3, w) == 0)) return m + 1;
  }
  return 0;
}

struct LooseDate {
  int month = 0;
  std::string year;  // as written: "1997", "97", or "" when absent
};

// The date forms the date recogniser finds: 14/02/1997 (also . and -, and a
// two-digit year), 1997-02-14, 14th of February 1997, February 14, 1997,
// 14 Feb and 14/02.
std::optional<LooseDate> ParseLooseDate(std::string_view s) {
  std::vector<std::string_view> numbers;
  int month_word = 0;
  std::vector<std::string_view> tokens;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    size_t j = i;
    if (std::isdigit(static_cast<unsigned char>(c))) {
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
    } else if (c == '/' || c == '.' || c == '-' || c == ',' || c == ' ' || c == '\t') {
      ++i;
      continue;
    } else {
      return std::nullopt;
    }
    tokens.push_back(s.substr(i, j - i));
    i = j;
  }
  for (size_t k = 0; k < tokens.size(); ++k) {
    const std::string_view t = tokens[k];
    if (IsDigits(t)) {
      numbers.push_back(t);
      continue;
    }
    const std::string w = Lower(t);
    const bool after_number = k > 0 && IsDigits(tokens[k - 1]);
    if (after_number && (w == "st" || w == "nd" || w == "rd" || w == "th")) continue;
    if (w == "of") continue;
    const int m = MonthFromName(t);
    if (m == 0 || month_word != 0) return std::nullopt;
    month_word = m;
  }
  const auto to_int = [](std::string_view d) {
    int v = 0;
    for (char c : d) v = v * 10 + (c - '0');
    return v;
  };
  int day = 0, month = 0;
  std::string year;
  if (month_word != 0) {
    // Numbers are the day and, optionally, a four-digit year.
    if (numbers.empty() || numbers.size() > 2) return std::nullopt;
    if (numbers[0].size() > 2) return std::nullopt;
    day = to_int(numbers[0]);
    month = month_word;
    if (numbers.size() == 2) {
      if (numbers[1].size() != 4) return std::nullopt;
      year = std::string(numbers[1]);
    }
  } else if (numbers.size() == 3) {
    if (numbers[0].size() == 4) {
      year = std::string(numbers[0]);
      month = to_int(numbers[1]);
      day = to_int(numbers[2]);
      if (numbers[1].size() > 2 || numbers[2].size() > 2) return std::nullopt;
    } else {
      if (numbers[0].size() > 2 || numbers[1].size() > 2) return std::nullopt;
      if (numbers[2].size() != 4 && numbers[2].size() != 2) return std::nullopt;
      day = to_int(numbers[0]);
      month = to_int(numbers[1]);
      year = std::string(numbers[2]);
    }
  } else if (numbers.size() == 2) {
    if (numbers[0].size() > 2 || numbers[1].size() > 2) return std::nullopt;
    day = to_int(numbers[0]);
    month = to_int(numbers[1]);
  } else {
    return std::nullopt;
  }
  // A two-digit or absent year is checked against a leap year: lenient on 29/02.
  const int check_year = year.size() == 4 ? to_int(year) : 2000;
  if (!foidesk::IsValidDate(check_year, month, day)) return std::nullopt;
  return LooseDate{month, year};
}

bool IsUpperAlpha(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "NR2 4PN", "nr24pn" -> "NR2"; an outward code alone ("NR2") stays itself.
std::optional<std::string> PostcodeOutward(std::string_view value) {
  std::string s;
  for (char c : value) {
    if (c == ' ' || c == '\t') continue;
    s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (s == "GIR0AA") return "GIR";
  std::string outward = s;
  if (s.size() >= 5 && IsDigit(s[s.size() - 3]) && IsUpperAlpha(s[s.size() - 2]) &&
      IsUpperAlpha(s[s.size() - 1]))
    outward = s.substr(0, s.size() - 3);
  // A9, A9A, A99, AA9, AA9A, AA99.
  if (outward.size() < 2 || outward.size() > 4 || !IsUpperAlpha(outward[0])) return std::nullopt;
  size_t i = 1;
  if (IsUpperAlpha(outward[i])) ++i;
  if (i >= outward.size() || !IsDigit(outward[i])) return std::nullopt;
  ++i;
  if (i < outward.size()) {
    if (!IsDigit(outward[i]) && !IsUpperAlpha(outward[i])) return std::nullopt;
    ++i;
  }
  if (i != outward.size()) return std::nullopt;
  return outward;
}

// ---- policy parsing ----

bool OptionFits(PiiType type, GeneraliseOption option) {
  switch (type) {
    case PiiType::kDate:
    case PiiType::kDateOfBirth:
      return option == GeneraliseOption::kMonth || option == GeneraliseOption::kYear;
    case PiiType::kPostcode:
      return option == GeneraliseOption::kOutward;
    default:
      return false;
  }
}

std::string_view OptionsFor(PiiType type) {
  switch (type) {
    case PiiType::kDate:
    case PiiType::kDateOfBirth:
      return "month or year";
    case PiiType::kPostcode:
      return "outward";
    default:
      return "";
  }
}

GeneraliseOption DefaultOption(PiiType type) {
  switch (type) {
    case PiiType::kDate:
      return GeneraliseOption::kMonth;
    case PiiType::kDateOfBirth:
      return GeneraliseOption::kYear;
    case PiiType::kPostcode:
      return GeneraliseOption::kOutward;
    default:
      return GeneraliseOption::kNone;
  }
}

class Loader {
 public:
  explicit Loader(std::string source) : source_(std::move(source)) {}
  Result<RedactionPolicy> Load(const toml::table& root);

 private:
  Error Fail(const toml::node* node, const std::string& key, const std::string& reason) const {
    return PolicyError(source_, node, key, reason);
  }
  Result<std::string> String(const toml::node& node, const std::string& key) const {
    if (node.is_string()) return *node.value<std::string>();
    return Fail(&node, key, "must be a string");
  }
  Result<RedactRuleSet> ParseRuleSet(const toml::node& node, const std::string& key) const;
  Result<RedactRule> ParseRule(const toml::node& node, const std::string& key,
                               std::optional<PiiType> type) const;
  Status ParseLabels(const toml::node& node);
  Status ParseMask(const toml::node& node);
  Status ParseAge(const toml::node& node);

  std::string source_;
  RedactionPolicy p_;
};

Result<RedactRule> Loader::ParseRule(const toml::node& node, const std::string& key,
                                     std::optional<PiiType> type) const {
  auto text = String(node, key);
  if (!text) return text.error();
  std::string_view s = *text;
  std::string_view op = s, option;
  bool has_option = false;
  if (const size_t colon = s.find(':'); colon != std::string_view::npos) {
    op = s.substr(0, colon);
    option = s.substr(colon + 1);
    has_option = true;
  }
  RedactRule rule;
  if (op == "replace" || op == "keep") {
    rule.op = op == "replace" ? RedactOperator::kReplace : RedactOperator::kKeep;
    if (has_option) return Fail(&node, key, std::string(op) + " takes no option");
  } else if (op == "mask") {
    rule.op = RedactOperator::kMask;
    if (has_option) {
      if (option == "each") {
        rule.mask_style = MaskStyle::kEach;
      } else if (option == "fixed") {
        rule.mask_style = MaskStyle::kFixed;
      } else {
        return Fail(&node, key,
                    "unknown mask option \"" + std::string(option) + "\" (expected each or fixed)");
      }
    }
  } else if (op == "generalise" || op == "generalize") {
    rule.op = RedactOperator::kGeneralise;
    if (!has_option) {
      if (!type) return Fail(&node, key, "generalise needs a type: it cannot apply to any type");
      rule.option = DefaultOption(*type);
      if (rule.option == GeneraliseOption::kNone)
        return Fail(&node, key,
                    "generalise does not apply to " + std::string(PiiTypeName(*type)) +
                        " (only date, date_of_birth and postcode)");
    } else {
      if (option == "month") {
        rule.option = GeneraliseOption::kMonth;
      } else if (option == "year") {
        rule.option = GeneraliseOption::kYear;
      } else if (option == "outward") {
        rule.option = GeneraliseOption::kOutward;
      } else {
        return Fail(&node, key,
                    "unknown generalise option \"" + std::string(option) +
                        "\" (expected month, year or outward)");
      }
      if (!type) return Fail(&node, key, "generalise needs a type: it cannot apply to any type");
      if (!OptionFits(*type, rule.option)) {
        const std::string_view fits = OptionsFor(*type);
        return Fail(&node, key,
                    "generalise:" + std::string(option) + " does not fit " +
                        std::string(PiiTypeName(*type)) +
                        (fits.empty() ? std::string(" (only date, date_of_birth and postcode)")
                                      : " (expected " + std::string(fits) + ")"));
      }
    }
  } else {
    return Fail(&node, key,
                "unknown operator \"" + std::string(op) +
                    "\" (expected replace, mask, generalise or keep)");
  }
  return rule;
}

Result<RedactRuleSet> Loader::ParseRuleSet(const toml::node& node, const std::string& key) const {
  const toml::table* t = node.as_table();
  if (!t) return Fail(&node, key, "must be a table");
  RedactRuleSet set;
  for (auto&& [k, v] : *t) {
    const std::string name(k.str());
    const std::string sub = key + "." + (name == "*" ? "\"*\"" : name);
    if (name == "*") {
      auto rule = ParseRule(v, sub, std::nullopt);
      if (!rule) return rule.error();
      set.any = *rule;
      continue;
    }
    const std::optional<PiiType> type = PiiTypeFromName(name);
    if (!type) return Fail(&v, sub, "unknown PII type");
    auto rule = ParseRule(v, sub, type);
    if (!rule) return rule.error();
    set.by_type[*type] = *rule;
  }
  return set;
}

Status Loader::ParseLabels(const toml::node& node) {
  const toml::table* t = node.as_table();
  if (!t) return Fail(&node, "labels", "must be a table");
  for (auto&& [k, v] : *t) {
    const std::string name(k.str());
    const std::string key = "labels." + name;
    auto s = String(v, key);
    if (!s) return s.error();
    if (FirstInvalidUtf8(*s)) return Fail(&v, key, "not valid UTF-8");
    if (name == "age") {
      p_.age_label = *s;
      continue;
    }
    const std::optional<PiiType> type = PiiTypeFromName(name);
    if (!type) return Fail(&v, key, "unknown PII type");
    p_.labels[static_cast<size_t>(*type)] = *s;
  }
  return {};
}

Status Loader::ParseMask(const toml::node& node) {
  const toml::table* t = node.as_table();
  if (!t) return Fail(&node, "mask", "must be a table");
  for (auto&& [k, v] : *t) {
    const std::string name(k.str());
    const std::string key = "mask." + name;
    auto s = String(v, key);
    if (!s) return s.error();
    if (name == "char") {
      if (s->empty() || FirstInvalidUtf8(*s) || CodePointCount(*s) != 1)
        return Fail(&v, key, "must be exactly one character");
      p_.mask_char = *s;
    } else if (name == "style") {
      if (*s == "each") {
        p_.mask_style = MaskStyle::kEach;
      } else if (*s == "fixed") {
        p_.mask_style = MaskStyle::kFixed;
      } else {
        return Fail(&v, key, "unknown mask style \"" + *s + "\" (expected each or fixed)");
      }
    } else if (name == "fixed") {
      if (s->empty() || FirstInvalidUtf8(*s)) return Fail(&v, key, "must be a non-empty string");
      p_.mask_fixed = *s;
    } else {
      return Fail(&v, key, "unknown key (expected one of: char, style, fixed)");
    }
  }
  return {};
}

Status Loader::ParseAge(const toml::node& node) {
  const toml::table* t = node.as_table();
  if (!t) return Fail(&node, "age", "must be a table");
  std::string policy_path, hierarchy = "victim_age", level;
  const toml::node* policy_node = nullptr;
  for (auto&& [k, v] : *t) {
    const std::string name(k.str());
    auto s = String(v, "age." + name);
    if (!s) return s.error();
    if (name == "policy") {
      policy_path = *s;
      policy_node = &v;
    } else if (name == "hierarchy") {
      hierarchy = *s;
    } else if (name == "level") {
      level = *s;
    } else {
      return Fail(&v, "age." + name, "unknown key (expected one of: policy, hierarchy, level)");
    }
  }
  if (!policy_node) return Fail(&node, "age.policy", "missing");
  std::filesystem::path path(policy_path);
  if (path.is_relative()) path = std::filesystem::path(source_).parent_path() / path;
  auto disclosure = LoadDisclosurePolicy(path.string());
  if (!disclosure) return Fail(policy_node, "age.policy", disclosure.error().message);
  const auto h = disclosure->hierarchies.find(hierarchy);
  if (h == disclosure->hierarchies.end())
    return Fail(policy_node, "age.hierarchy", "no hierarchy \"" + hierarchy + "\" in the policy");
  for (const Level& l : h->second.levels) {
    if (l.kind != Level::Kind::kBands) continue;
    if (!level.empty() && l.name != level) continue;
    p_.age_bands = l.bands;
    return {};
  }
  return Fail(policy_node, "age.level",
              level.empty() ? "hierarchy \"" + hierarchy + "\" has no band level"
                            : "no band level \"" + level + "\" in hierarchy \"" + hierarchy + "\"");
}

Result<RedactionPolicy> Loader::Load(const toml::table& root) {
  p_.source = source_;
  for (auto&& [k, v] : root) {
    const std::string name(k.str());
    if (name == "default") {
      auto set = ParseRuleSet(v, "default");
      if (!set) return set.error();
      p_.defaults = std::move(*set);
    } else if (name == "fields") {
      const toml::table* t = v.as_table();
      if (!t) return Fail(&v, "fields", "must be a table");
      for (auto&& [fk, fv] : *t) {
        auto set = ParseRuleSet(fv, "fields." + std::string(fk.str()));
        if (!set) return set.error();
        p_.fields[std::string(fk.str())] = std::move(*set);
      }
    } else if (name == "labels") {
      if (Status s = ParseLabels(v); !s) return s.error();
    } else if (name == "mask") {
      if (Status s = ParseMask(v); !s) return s.error();
    } else if (name == "age") {
      if (Status s = ParseAge(v); !s) return s.error();
    } else {
      return Fail(&v, name, "unknown key (expected one of: default, fields, labels, mask, age)");
    }
  }
  return std::move(p_);
}

// ---- applying ----

std::string Mask(std::string_view value, const RedactionPolicy& policy, MaskStyle style) {
  if (style == MaskStyle::kFixed) return policy.mask_fixed;
  std::string out;
  for (size_t i = 0; i < value.size();) {
    const size_t n = Utf8SequenceLength(value, i);
    const char c = value[i];
    if (n == 1 && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      out += c;
    } else {
      out += policy.mask_char;
    }
    i += n == 0 ? 1 : n;
  }
  return out;
}

}  // namespace

std::string_view RedactOperatorName(RedactOperator op) {
  switch (op) {
    case RedactOperator::kReplace:
      return "replace";
    case RedactOperator::kMask:
      return "mask";
    case RedactOperator::kGeneralise:
      return "generalise";
    case RedactOperator::kKeep:
      return "keep";
  }
  return "replace";
}

std::string_view DefaultRedactLabel(PiiType type) {
  return kDefaultLabels[static_cast<size_t>(type)];
}

RedactionPolicy::RedactionPolicy() {
  for (int i = 0; i < kPiiTypeCount; ++i) labels[i] = std::string(kDefaultLabels[i]);
}

RedactRule RedactionPolicy::RuleFor(PiiType type, std::string_view field) const {
  if (auto f = fields.find(field); f != fields.end()) {
    if (auto r = f->second.by_type.find(type); r != f->second.by_type.end()) return r->second;
    if (f->second.any) return *f->second.any;
  }
  if (auto r = defaults.by_type.find(type); r != defaults.by_type.end()) return r->second;
  if (defaults.any) return *defaults.any;
  return RedactRule{};
}

const std::string& RedactionPolicy::Label(PiiType type) const {
  return labels[static_cast<size_t>(type)];
}

Result<RedactionPolicy> ParseRedactionPolicy(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    std::string where = source;
    if (b.line > 0) where += ":" + std::to_string(b.line) + ":" + std::to_string(b.column);
    return Error::InvalidInput(where + ": not valid TOML: " + std::string(e.description()));
  } catch (const std::exception& e) {
    return Error::Internal(source + ": cannot parse redaction policy: " + e.what());
  }
  try {
    return Loader(source).Load(root);
  } catch (const std::exception& e) {
    return Error::Internal(source + ": cannot read redaction policy: " + e.what());
  }
}

Result<RedactionPolicy> LoadRedactionPolicy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot open redaction policy");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseRedactionPolicy(text.str(), path);
}

int RedactionLog::Count(PiiType type, RedactOperator op) const {
  auto it = counts.find({type, op});
  return it == counts.end() ? 0 : it->second;
}

int RedactionLog::Total() const {
  int n = 0;
  for (const auto& [k, c] : counts) n += c;
  return n;
}

std::string RedactionLog::Text() const {
  std::string out;
  for (const auto& [k, c] : counts) {
    out += std::string(PiiTypeName(k.first)) + " " + std::string(RedactOperatorName(k.second)) +
           " " + std::to_string(c) + "\n";
  }
  if (fallbacks > 0) out += "fallbacks " + std::to_string(fallbacks) + "\n";
  return out;
}

std::optional<std::string> GeneraliseValue(std::string_view value, PiiType type,
                                           GeneraliseOption option) {
  if (!OptionFits(type, option)) return std::nullopt;
  if (option == GeneraliseOption::kOutward) return PostcodeOutward(value);
  // A year alone is already coarser than a month: it is its own generalisation.
  if (value.size() == 4 && IsDigits(value) && (value[0] == '1' || value[0] == '2')) return std::string(value);
  // A timestamp generalises as its date: "2000-04-16 11:34:35" -> "April 2000".
  for (size_t i = 8; i < value.size(); ++i) {
    if (value[i] != ' ' && value[i] != 'T') continue;
    std::string_view rest = value.substr(i + 1);
    if (rest.substr(0, 3) == "at " || rest.substr(0, 3) == "AT ") rest.remove_prefix(3);
    size_t d = 0;
    while (d < rest.size() && d < 2 && IsDigit(rest[d])) ++d;
    if (d == 0 || d >= rest.size() || (rest[d] != ':' && rest[d] != '.')) continue;
    value = value.substr(0, i);
    if (!value.empty() && value.back() == ',') value.remove_suffix(1);
    break;
  }
  const std::optional<LooseDate> d = ParseLooseDate(value);
  if (!d) return std::nullopt;
  if (option == GeneraliseOption::kYear) {
    if (d->year.empty()) return std::nullopt;
    return d->year;
  }
  std::string out(kMonthNames[d->month - 1]);
  if (!d->year.empty()) out += " " + d->year;
  return out;
}

Redaction RedactWithLog(std::string_view text, const std::vector<PiiFinding>& findings,
                        const RedactionPolicy& policy, std::string_view field) {
  std::vector<PiiFinding> sorted = findings;
  std::stable_sort(sorted.begin(), sorted.end(), [](const PiiFinding& a, const PiiFinding& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  Redaction r;
  r.text.reserve(text.size());
  size_t pos = 0;
  for (const PiiFinding& f : sorted) {
    size_t start = std::min(std::max(f.start, pos), text.size());
    size_t end = std::min(f.end, text.size());
    // Widen to whole characters so no partial sequence is left behind.
    while (start > pos && IsContinuation(text, start)) --start;
    while (IsContinuation(text, end)) ++end;
    if (end <= start) continue;
    AppendValidUtf8(text.substr(pos, start - pos), r.text);
    const std::string_view value = text.substr(start, end - start);
    const RedactRule rule = policy.RuleFor(f.type, field);
    RedactOperator applied = rule.op;
    switch (rule.op) {
      case RedactOperator::kReplace:
        r.text += policy.Label(f.type);
        break;
      case RedactOperator::kMask:
        r.text += Mask(value, policy, rule.mask_style.value_or(policy.mask_style));
        break;
      case RedactOperator::kGeneralise:
        if (auto g = GeneraliseValue(value, f.type, rule.option)) {
          r.text += *g;
        } else {
          r.text += policy.Label(f.type);
          applied = RedactOperator::kReplace;
          ++r.log.fallbacks;
        }
        break;
      case RedactOperator::kKeep:
        AppendValidUtf8(value, r.text);
        break;
    }
    ++r.log.counts[{f.type, applied}];
    pos = end;
  }
  AppendValidUtf8(text.substr(pos), r.text);
  return r;
}

std::string Redact(std::string_view text, const std::vector<PiiFinding>& findings,
                   const RedactionPolicy& policy, std::string_view field) {
  return RedactWithLog(text, findings, policy, field).text;
}

std::string RedactAge(int age, const RedactionPolicy& policy) {
  for (const Band& b : policy.age_bands) {
    if (age >= b.min && (!b.max || age <= *b.max)) return b.label;
  }
  return policy.age_label;
}

Result<Redaction> RedactTextWithLog(std::string_view text, const Detector& detector,
                                    const RedactionPolicy& policy, std::string_view field) {
  if (auto bad = FirstInvalidUtf8(text))
    return Error::InvalidInput("input is not valid UTF-8 at byte " + std::to_string(*bad));
  return RedactWithLog(text, detector.Detect(text), policy, field);
}

Result<std::string> RedactText(std::string_view text, const Detector& detector,
                               const RedactionPolicy& policy, std::string_view field) {
  auto r = RedactTextWithLog(text, detector, policy, field);
  if (!r) return r.error();
  return std::move(r->text);
}

}  // namespace foidesk::privacy
