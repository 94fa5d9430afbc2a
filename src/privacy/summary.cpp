// Composing a public summary from fixed wording, and checking a reviewer's
// summary against the schema's vocabulary.
#include "privacy/summary.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace foidesk::privacy {
namespace {

// The facet's known values' wording: runs of values with the same prefix
// share it ("to family and friends on Facebook").
std::string RenderFacet(const Facet& facet, const std::vector<std::string>& names) {
  std::vector<const FacetValue*> values;
  for (const auto& v : facet.values)  // schema order, unknown names dropped
    if (std::find(names.begin(), names.end(), v.name) != names.end()) values.push_back(&v);
  std::string out;
  size_t i = 0;
  while (i < values.size()) {
    size_t j = i;
    while (j < values.size() && values[j]->prefix == values[i]->prefix) ++j;
    if (!out.empty()) out += ' ';
    if (!values[i]->prefix.empty()) out += values[i]->prefix + " ";
    for (size_t k = i; k < j; ++k) {
      if (k > i) out += k + 1 == j ? facet.last_join : facet.join;
      out += values[k]->wording;
    }
    i = j;
  }
  return out;
}

bool Has(const FacetSchema& schema, const Facets& facets, const std::string& facet) {
  const Facet* f = schema.Find(facet);
  auto it = facets.values.find(facet);
  if (f == nullptr || it == facets.values.end()) return false;
  return !RenderFacet(*f, it->second).empty();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(std::tolower(c));
  return out;
}

bool IsTrimmed(char c) {
  static constexpr std::string_view kPunct = ".,;:!?()[]{}\"'`";
  return kPunct.find(c) != std::string_view::npos;
}

// The code point starting at `i` in `s` (U+FFFD for a bad byte) and its length.
std::pair<UChar32, size_t> CodePointAt(std::string_view s, size_t i) {
  int32_t at = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), at, static_cast<int32_t>(s.size()), c);
  return {c < 0 ? 0xFFFD : c, static_cast<size_t>(at) - i};
}

// Strips edge punctuation (ASCII marks above, any Unicode punctuation such as
// curly quotes and dashes); '@' and '#' stay, as they mark handles.
std::string_view TrimPunctuation(std::string_view token) {
  while (!token.empty()) {
    if (static_cast<unsigned char>(token.front()) < 0x80) {
      if (!IsTrimmed(token.front())) break;
      token.remove_prefix(1);
      continue;
    }
    auto [c, n] = CodePointAt(token, 0);
    if (!u_ispunct(c)) break;
    token.remove_prefix(n);
  }
  while (!token.empty()) {
    if (static_cast<unsigned char>(token.back()) < 0x80) {
      if (!IsTrimmed(token.back())) break;
      token.remove_suffix(1);
      continue;
    }
    size_t start = token.size() - 1;  // back up to the lead byte
    while (start > 0 && (static_cast<unsigned char>(token[start]) & 0xC0) == 0x80) --start;
    auto [c, n] = CodePointAt(token, start);
    if (!u_ispunct(c)) break;
    token.remove_suffix(token.size() - start);
  }
  return token;
}

// Whether the token holds a letter or digit (else it is a dash or a mark).
bool HasLetterOrDigit(std::string_view token) {
  for (size_t i = 0; i < token.size();) {
    auto [c, n] = CodePointAt(token, i);
    if (u_isalnum(c)) return true;
    i += n;
  }
  return false;
}

}  // namespace

std::string ComposeSummary(const FacetSchema& schema, const Facets& facets) {
  for (const auto& t : schema.templates) {
    if (!std::all_of(t.required.begin(), t.required.end(),
                     [&](const std::string& f) { return Has(schema, facets, f); }))
      continue;
    // An optional group is dropped when one of its facets has no value.
    std::vector<int> dropped;
    for (const auto& p : t.parts)
      if (p.optional_group >= 0 && !p.facet.empty() && !Has(schema, facets, p.facet))
        dropped.push_back(p.optional_group);
    std::string out;
    for (const auto& p : t.parts) {
      if (std::find(dropped.begin(), dropped.end(), p.optional_group) != dropped.end() &&
          p.optional_group >= 0)
        continue;
      if (p.facet.empty()) {
        out += p.text;
      } else {
        out += RenderFacet(*schema.Find(p.facet), facets.values.at(p.facet));
      }
    }
    // Tidy spacing left by empty parts.
    std::string tidy;
    for (char c : out) {
      if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
      tidy += c;
    }
    while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
    return tidy;
  }
  return "";  // unreachable for a loaded schema: its last template needs no
              // facet
}

std::vector<std::string> WordsOutsideVocabulary(const FacetSchema& schema,
                                                std::string_view summary) {
  std::vector<std::string> out;
  auto add = [&](std::string_view word) {
    if (std::find(out.begin(), out.end(), word) == out.end()) out.emplace_back(word);
  };
  size_t i = 0;
  while (i < summary.size()) {
    while (i < summary.size() && std::isspace(static_cast<unsigned char>(summary[i]))) ++i;
    size_t j = i;
    while (j < summary.size() && !std::isspace(static_cast<unsigned char>(summary[j]))) ++j;
    std::string_view token = summary.substr(i, j - i);
    i = j;
    // Edge punctuation is not part of a word; an e-mail's '@' and '.' inside
    // are.
    token = TrimPunctuation(token);
    if (!HasLetterOrDigit(token)) continue;  // dashes and stray marks
    std::string lower = Lower(token);
    for (std::string_view s : {"'s", "\xE2\x80\x99s"}) {  // possessive: victim's
      if (lower.size() > s.size() && lower.ends_with(s) &&
          schema.vocabulary.count(lower.substr(0, lower.size() - s.size())) > 0) {
        lower.resize(lower.size() - s.size());
        break;
      }
    }
    if (schema.vocabulary.count(lower) > 0) continue;
    // Hyphenated words pass when every part does ("ex-partner").
    if (lower.find('-') != std::string::npos) {
      bool all = true;
      size_t p = 0;
      while (p <= lower.size()) {
        size_t q = lower.find('-', p);
        if (q == std::string::npos) q = lower.size();
        if (q == p || schema.vocabulary.count(lower.substr(p, q - p)) == 0) all = false;
        p = q + 1;
      }
      if (all) continue;
    }
    add(token);
  }
  return out;
}

}  // namespace foidesk::privacy
