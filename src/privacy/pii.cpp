// The detector: runs recognisers, moves scores by context words read from
// config/pii/context.toml, resolves overlaps, and formats findings.
#include "privacy/pii.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <toml++/toml.h>

#include "privacy/address_recogniser.h"
#include "privacy/financial_recognisers.h"
#include "privacy/name_recognisers.h"
#include "privacy/recognisers.h"

namespace foidesk::privacy {
namespace {

constexpr std::array<std::string_view, kPiiTypeCount> kTypeNames = {
    "person",      "location",           "address",   "postcode", "phone",
    "email",       "url",                "handle",    "ip_address", "vehicle_registration",
    "ni_number",   "date",               "date_of_birth", "crime_number", "organisation",
    "financial"};

// Context words are compared as lower-case words with dots removed, so
// "D.O.B.", "d.o.b" and "DOB" are one word and "Tel." is "tel".
void AppendContextWords(std::string_view s, std::vector<std::string>& words) {
  std::string cur;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '.') continue;
    if (std::isalnum(c) || c == '\'' || c == '/' || c >= 0x80) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
}

// A context word of the text, read in place: [b, e) starts and ends with a
// word byte and may hold dots, which do not count; `len` is its length
// without them. It equals the word AppendContextWords makes of the same bytes.
struct WordSpan {
  uint32_t b;
  uint32_t e;
  uint32_t len;
};

bool IsContextWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '\'' || c == '/' || c >= 0x80;
}

// The words of text[lo, hi) as AppendContextWords would split them, without
// copying them.
void ContextWordSpans(std::string_view text, size_t lo, size_t hi, std::vector<WordSpan>& out) {
  size_t i = lo;
  while (i < hi) {
    if (!IsContextWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    const size_t b = i;
    size_t e = i, len = 0;
    while (i < hi) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c == '.') {
        ++i;
      } else if (IsContextWordByte(c)) {
        ++len;
        e = ++i;
      } else {
        break;
      }
    }
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), static_cast<uint32_t>(len)});
  }
}

// Whether the word `w` of the text, lower-cased and without dots, is `word`.
bool WordEquals(std::string_view text, const WordSpan& w, const std::string& word) {
  if (w.len != word.size()) return false;
  size_t k = 0;
  for (size_t i = w.b; i < w.e; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '.') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    if (static_cast<char>(c) != word[k++]) return false;
  }
  return true;
}

bool ContainsPhrase(std::string_view text, const WordSpan* window, size_t n,
                    const std::vector<std::string>& p) {
  if (p.empty() || p.size() > n) return false;
  for (size_t i = 0; i + p.size() <= n; ++i) {
    size_t k = 0;
    while (k < p.size() && WordEquals(text, window[i + k], p[k])) ++k;
    if (k == p.size()) return true;
  }
  return false;
}

// Where the context of a finding at `pos` may start: not before the
// previous clause (";", a line break, or a full stop after a word of four
// letters or more, so "D.O.B." and "TEL." do not end a clause).
size_t ClauseStart(std::string_view text, size_t lo, size_t pos) {
  for (size_t i = pos; i > lo; --i) {
    const char c = text[i - 1];
    if (c == '\n' || c == ';' || c == '!' || c == '?') return i;
    if (c == '.' && i < text.size() && (text[i] == ' ' || text[i] == '\n')) {
      size_t letters = 0;
      size_t j = i - 1;
      while (j > lo && std::isalpha(static_cast<unsigned char>(text[j - 1]))) {
        --j;
        ++letters;
      }
      const bool dotted = j > lo && text[j - 1] == '.';
      if (letters >= 4 && !dotted && i != pos) return i;
    }
  }
  return lo;
}

}  // namespace

std::string_view PiiTypeName(PiiType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::optional<PiiType> PiiTypeFromName(std::string_view name) {
  for (size_t i = 0; i < kTypeNames.size(); ++i)
    if (kTypeNames[i] == name) return static_cast<PiiType>(i);
  return std::nullopt;
}

Result<ContextRules> ContextRules::Parse(std::string_view toml_text,
                                         std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    return Error::InvalidInput(std::string(source_name) + ":" +
                               std::to_string(e.source().begin.line) + ": " +
                               std::string(e.description()));
  }
  ContextRules rules;
  if (auto w = root["window_words"].value<int64_t>()) {
    if (*w < 1 || *w > 50)
      return Error::InvalidInput(std::string(source_name) + ": window_words must be 1..50");
    rules.window_words = static_cast<int>(*w);
  }
  const toml::array* arr = root["rule"].as_array();
  if (!arr) return rules;
  int index = 0;
  for (const toml::node& node : *arr) {
    ++index;
    const std::string where = std::string(source_name) + ": rule " + std::to_string(index);
    const toml::table* t = node.as_table();
    if (!t) return Error::InvalidInput(where + ": not a table");
    ContextRule rule;
    const toml::array* types = (*t)["types"].as_array();
    const toml::array* words = (*t)["words"].as_array();
    if (!types || !words) return Error::InvalidInput(where + ": needs types and words");
    for (const toml::node& n : *types) {
      const auto name = n.value<std::string>();
      const auto type = name ? PiiTypeFromName(*name) : std::nullopt;
      if (!type) return Error::InvalidInput(where + ": unknown type " + name.value_or("?"));
      rule.types.push_back(*type);
    }
    for (const toml::node& n : *words) {
      const auto word = n.value<std::string>();
      if (!word) return Error::InvalidInput(where + ": words must be strings");
      std::vector<std::string> phrase;
      AppendContextWords(*word, phrase);
      if (!phrase.empty()) rule.phrases.push_back(std::move(phrase));
    }
    rule.boost = (*t)["boost"].value_or(0.0);
    if (auto re = (*t)["retype"].value<std::string>()) {
      rule.retype = PiiTypeFromName(*re);
      if (!rule.retype) return Error::InvalidInput(where + ": unknown retype " + *re);
    }
    rules.rules.push_back(std::move(rule));
  }
  return rules;
}

Result<ContextRules> ContextRules::Load(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error::Io(path + ": cannot read the context word list");
  std::string content;
  char buf[8192];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) content.append(buf, n);
  std::fclose(f);
  return Parse(content, path);
}

Detector::Detector(std::vector<std::unique_ptr<Recogniser>> recognisers, ContextRules context,
                   DetectorOptions options)
    : recognisers_(std::move(recognisers)), context_(std::move(context)), options_(options) {}

Result<Detector> Detector::CreateDefault(const std::string& config_dir, DetectorOptions options) {
  auto context = ContextRules::Load(config_dir + "/pii/context.toml");
  if (!context.ok()) return context.error();
  auto gazetteer = Gazetteer::Load(config_dir + "/pii/gazetteers");
  if (!gazetteer.ok()) return gazetteer.error();
  std::vector<std::unique_ptr<Recogniser>> recognisers = MakePatternRecognisers();
  recognisers.push_back(std::make_unique<NameRecogniser>(
      std::make_shared<const Gazetteer>(std::move(*gazetteer))));
  recognisers.push_back(std::make_unique<AddressRecogniser>());
  recognisers.push_back(std::make_unique<PaymentCardRecogniser>());
  recognisers.push_back(std::make_unique<IbanRecogniser>());
  recognisers.push_back(std::make_unique<BankAccountRecogniser>());
  return Detector(std::move(recognisers), std::move(*context), options);
}

void Detector::ApplyContext(std::string_view text, std::vector<PiiFinding>& findings) const {
  if (context_.rules.empty() || findings.empty()) return;
  // The context of a finding stops at the end of the finding before it: in
  // "DOB 14/02/1997, SEEN ON 03/06/2014" the cue belongs to the first date.
  std::vector<size_t> ends;
  ends.reserve(findings.size());
  for (const PiiFinding& f : findings) ends.push_back(f.end);
  std::sort(ends.begin(), ends.end());
  // Types some rule applies to: the others need no window of words.
  uint32_t ruled = 0;
  for (const ContextRule& rule : context_.rules)
    for (PiiType t : rule.types) ruled |= uint32_t{1} << static_cast<int>(t);
  // The words before a finding are read in place (no copies): spans of the
  // text compared lower-cased and without dots with the rules' words.
  std::vector<WordSpan> words;
  words.reserve(64);
  const size_t max_words = static_cast<size_t>(context_.window_words);
  for (PiiFinding& f : findings) {
    if (!(ruled >> static_cast<int>(f.type) & 1)) continue;
    if (f.start > text.size()) continue;
    auto it = std::upper_bound(ends.begin(), ends.end(), f.start);
    size_t lo = it == ends.begin() ? 0 : *(it - 1);
    // Enough bytes for the window of words; a word longer than 24 bytes is not a cue.
    const size_t cap = static_cast<size_t>(context_.window_words) * 24;
    if (f.start > cap) lo = std::max(lo, f.start - cap);
    lo = ClauseStart(text, lo, f.start);
    words.clear();
    ContextWordSpans(text, lo, f.start, words);
    if (words.empty()) continue;
    const size_t n = std::min(words.size(), max_words);
    const WordSpan* window = words.data() + (words.size() - n);
    for (const ContextRule& rule : context_.rules) {
      if (std::find(rule.types.begin(), rule.types.end(), f.type) == rule.types.end()) continue;
      const bool hit = std::any_of(rule.phrases.begin(), rule.phrases.end(), [&](const auto& p) {
        return ContainsPhrase(text, window, n, p);
      });
      if (!hit) continue;
      f.score = std::clamp(f.score + rule.boost, 0.0, 1.0);
      if (rule.retype) f.type = *rule.retype;
    }
  }
}

std::vector<PiiFinding> Detector::DetectAll(std::string_view text) const {
  std::vector<PiiFinding> findings;
  for (const auto& r : recognisers_) r->Find(text, findings);
  ApplyContext(text, findings);
  std::erase_if(findings, [&](const PiiFinding& f) {
    return f.score < options_.min_score || f.end <= f.start || f.end > text.size();
  });
  std::stable_sort(findings.begin(), findings.end(), [](const PiiFinding& a, const PiiFinding& b) {
    return std::tie(a.start, a.end) < std::tie(b.start, b.end);
  });
  return findings;
}

std::vector<PiiFinding> Detector::Detect(std::string_view text) const {
  return ResolveOverlaps(DetectAll(text));
}

std::vector<PiiFinding> ResolveOverlaps(std::vector<PiiFinding> findings) {
  std::sort(findings.begin(), findings.end(), [](const PiiFinding& a, const PiiFinding& b) {
    const size_t la = a.end - a.start, lb = b.end - b.start;
    if (la != lb) return la > lb;
    if (a.score != b.score) return a.score > b.score;
    if (a.type != b.type) return a.type < b.type;
    if (a.start != b.start) return a.start < b.start;
    return a.recogniser < b.recogniser;
  });
  std::map<size_t, size_t> taken;  // start -> end of kept findings
  std::vector<PiiFinding> kept;
  for (PiiFinding& f : findings) {
    auto next = taken.lower_bound(f.start);
    if (next != taken.end() && next->first < f.end) continue;
    if (next != taken.begin() && std::prev(next)->second > f.start) continue;
    taken.emplace(f.start, f.end);
    kept.push_back(std::move(f));
  }
  std::sort(kept.begin(), kept.end(), [](const PiiFinding& a, const PiiFinding& b) {
    return std::tie(a.start, a.end) < std::tie(b.start, b.end);
  });
  return kept;
}

std::string FindingsJson(std::string_view text, const std::vector<PiiFinding>& findings) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const PiiFinding& f : findings) {
    nlohmann::ordered_json j;
    j["type"] = std::string(PiiTypeName(f.type));
    j["start"] = f.start;
    j["end"] = f.end;
    j["text"] = f.end <= text.size() && f.start <= f.end
                    ? std::string(text.substr(f.start, f.end - f.start))
                    : std::string();
    j["score"] = std::round(f.score * 1000) / 1000;
    j["recogniser"] = f.recogniser;
    arr.push_back(std::move(j));
  }
  nlohmann::ordered_json root;
  root["findings"] = std::move(arr);
  return root.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string FindingsText(std::string_view text, const std::vector<PiiFinding>& findings) {
  std::ostringstream out;
  for (const PiiFinding& f : findings) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", f.score);
    out << f.start << '-' << f.end << '\t' << PiiTypeName(f.type) << '\t' << score << '\t'
        << f.recogniser << '\t';
    if (f.end <= text.size() && f.start <= f.end) {
      for (char c : text.substr(f.start, f.end - f.start))
        out << (c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace foidesk::privacy
