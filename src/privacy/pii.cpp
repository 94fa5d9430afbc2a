// The detector: runs recognisers, moves scores by context words read from
// config/pii/context.toml, resolves overlaps, and formats findings.
#include "privacy/pii.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <toml++/toml.h>

#include "privacy/address_block.h"
#include "privacy/address_recogniser.h"
#include "privacy/financial_recognisers.h"
#include "privacy/name_recognisers.h"
#include "privacy/ner_tagger.h"
#include "privacy/recognisers.h"

namespace foidesk::privacy {
namespace {

constexpr std::array<std::string_view, kPiiTypeCount> kTypeNames = {
    "person",      "location",           "address",   "postcode", "phone",
    "email",       "url",                "handle",    "ip_address", "vehicle_registration",
    "ni_number",   "date",               "date_of_birth", "crime_number", "organisation",
    "financial",   "id_number"};

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

// The last `max_words` words of text[lo, pos) that are in the clause of
// `pos`, in text order. The clause starts after the previous ";", "!", "?",
// line break, or full stop (followed by a space or line break) after a word
// of four letters or more, so "D.O.B." and "TEL." do not end a clause.
// Read backwards from `pos`, so only the words wanted are scanned.
void LastClauseWords(std::string_view text, size_t lo, size_t pos, size_t max_words,
                     std::vector<WordSpan>& out) {
  size_t i = pos;
  while (i > lo && out.size() < max_words) {
    const char c = text[i - 1];
    // The clause breaks of ClauseStart.
    if (c == '\n' || c == ';' || c == '!' || c == '?') break;
    if (c == '.' && i < text.size() && (text[i] == ' ' || text[i] == '\n') && i != pos) {
      size_t letters = 0;
      size_t j = i - 1;
      while (j > lo && std::isalpha(static_cast<unsigned char>(text[j - 1]))) {
        --j;
        ++letters;
      }
      const bool dotted = j > lo && text[j - 1] == '.';
      if (letters >= 4 && !dotted) break;
    }
    if (!IsContextWordByte(static_cast<unsigned char>(c))) {
      --i;
      continue;
    }
    // A word ends here: back over its bytes and dots, then drop leading dots.
    const size_t e = i;
    size_t j = i, len = 0;
    while (j > lo) {
      const unsigned char d = static_cast<unsigned char>(text[j - 1]);
      if (IsContextWordByte(d)) {
        ++len;
      } else if (d != '.') {
        break;
      }
      --j;
    }
    size_t b = j;
    while (text[b] == '.') ++b;
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), static_cast<uint32_t>(len)});
    i = j;
  }
  std::reverse(out.begin(), out.end());
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
  std::shared_ptr<const NerModel> model;
  if (options.tagger) {
    auto loaded = NerModel::Load(config_dir + "/pii/ner-model.tsv");
    if (!loaded.ok()) return loaded.error();
    model = std::make_shared<const NerModel>(std::move(*loaded));
  }
  auto gaz = std::make_shared<const Gazetteer>(std::move(*gazetteer));
  std::vector<std::unique_ptr<Recogniser>> recognisers = MakePatternRecognisers();
  recognisers.push_back(std::make_unique<NameRecogniser>(gaz));
  recognisers.push_back(std::make_unique<AddressRecogniser>());
  recognisers.push_back(std::make_unique<PaymentCardRecogniser>());
  recognisers.push_back(std::make_unique<IbanRecogniser>());
  recognisers.push_back(std::make_unique<BankAccountRecogniser>());
  if (model) recognisers.push_back(std::make_unique<TaggerRecogniser>(gaz, model));
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
  thread_local std::vector<uint32_t> rule_types;  // per rule, a bit per type it applies to
  rule_types.assign(context_.rules.size(), 0);
  for (size_t r = 0; r < context_.rules.size(); ++r)
    for (PiiType t : context_.rules[r].types) rule_types[r] |= uint32_t{1} << static_cast<int>(t);
  for (uint32_t m : rule_types) ruled |= m;
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
    words.clear();
    LastClauseWords(text, lo, f.start, max_words, words);
    if (words.empty()) continue;
    const size_t n = words.size();
    const WordSpan* window = words.data();
    for (size_t r = 0; r < context_.rules.size(); ++r) {
      const ContextRule& rule = context_.rules[r];
      if (!(rule_types[r] >> static_cast<int>(f.type) & 1)) continue;
      const bool hit = std::any_of(rule.phrases.begin(), rule.phrases.end(), [&](const auto& p) {
        return ContainsPhrase(text, window, n, p);
      });
      if (!hit) continue;
      f.score = std::clamp(f.score + rule.boost, 0.0, 1.0);
      if (rule.retype) f.type = *rule.retype;
    }
  }
}

std::vector<PiiFinding> Detector::RuleFindings(std::string_view text) const {
  std::vector<PiiFinding> findings;
  for (const auto& r : recognisers_)
    if (!r->FillsGaps()) r->Find(text, findings);
  return findings;
}

std::vector<PiiFinding> Detector::DetectAll(std::string_view text) const {
  std::vector<PiiFinding> findings = RuleFindings(text);
  for (const auto& r : recognisers_) {
    if (!r->FillsGaps()) continue;
    std::vector<PiiFinding> gaps;
    r->FindGaps(text, findings, gaps);
    findings.insert(findings.end(), std::make_move_iterator(gaps.begin()),
                    std::make_move_iterator(gaps.end()));
  }
  ApplyContext(text, findings);
  std::erase_if(findings, [&](const PiiFinding& f) {
    return f.score < options_.min_score || f.end <= f.start || f.end > text.size();
  });
  // By start and end; findings with the same span keep the recognisers' order.
  const auto by_span = [](const PiiFinding& a, const PiiFinding& b) {
    return std::tie(a.start, a.end) < std::tie(b.start, b.end);
  };
  if (findings.size() > 64) {
    std::stable_sort(findings.begin(), findings.end(), by_span);
    return findings;
  }
  // A few findings (a record): insertion sort, which needs no buffer
  // (std::stable_sort allocates one per call).
  for (size_t i = 1; i < findings.size(); ++i) {
    if (!by_span(findings[i], findings[i - 1])) continue;
    PiiFinding f = std::move(findings[i]);
    size_t j = i;
    while (j > 0 && by_span(f, findings[j - 1])) {
      findings[j] = std::move(findings[j - 1]);
      --j;
    }
    findings[j] = std::move(f);
  }
  return findings;
}

std::vector<PiiFinding> Detector::Detect(std::string_view text) const {
  std::vector<PiiFinding> findings = ResolveOverlaps(DetectAll(text));
  CompleteAddresses(text, findings);
  return findings;
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
  // Kept findings as (start, end), sorted by start, with distinct starts.
  std::vector<std::pair<size_t, size_t>> taken;
  taken.reserve(findings.size());
  std::vector<PiiFinding> kept;
  kept.reserve(findings.size());
  for (PiiFinding& f : findings) {
    auto next = std::lower_bound(taken.begin(), taken.end(), f.start,
                                 [](const auto& t, size_t v) { return t.first < v; });
    if (next != taken.end() && next->first < f.end) continue;
    if (next != taken.begin() && std::prev(next)->second > f.start) continue;
    if (next == taken.end() || next->first != f.start) taken.insert(next, {f.start, f.end});
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
