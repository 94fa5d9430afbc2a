// Completing postal addresses (see address_block.h).
#include "privacy/address_block.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <optional>

namespace foidesk::privacy {
namespace {

constexpr const char* kRecogniser = "address_block";
constexpr double kNumberScore = 0.5;  // a house number or postal code next to an address
constexpr double kLineScore = 0.45;   // another line of an address block

// Lines of an address block: how many above the address (addressee, firm)
// and below it (unit, town, region, country with postal code).
constexpr int kLinesAbove = 3;
constexpr int kLinesBelow = 4;
constexpr size_t kMaxLineWords = 6;
constexpr size_t kMaxLineBytes = 64;
constexpr size_t kMaxTailWords = 8;  // after the address on its own line

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
// A byte of a word: ASCII letters and digits, and every byte of a non-ASCII
// character (names and places of most of Europe).
bool IsWordByte(unsigned char c) { return IsDigit(c) || IsUpper(c) || IsLower(c) || c >= 0x80; }
bool IsBlank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; }

char Lower(char c) { return IsUpper(static_cast<unsigned char>(c)) ? static_cast<char>(c + 32) : c; }

bool EqualsLower(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if (Lower(w[i]) != lower[i]) return false;
  return true;
}

template <size_t N>
bool OneOf(std::string_view w, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view x) { return EqualsLower(w, x); });
}

// The word (letters, digits, dots, apostrophes, hyphens) starting at `i`.
std::string_view WordAt(std::string_view text, size_t i) {
  size_t e = i;
  while (e < text.size() && (IsWordByte(static_cast<unsigned char>(text[e])) || text[e] == '.' ||
                             text[e] == '\'' || text[e] == '-'))
    ++e;
  return text.substr(i, e - i);
}

// Words after a number that make it a count or a measure, not part of an address.
constexpr std::array<std::string_view, 22> kUnitWords = {
    "am",    "pm",      "hrs",   "hours",  "hour", "years",   "yrs",  "year",
    "times", "people",  "percent", "mph",  "miles", "km",     "minutes", "mins",
    "days",  "weeks",   "months", "x",     "pounds", "seconds"};

constexpr std::array<std::string_view, 12> kStreetWords = {
    "st", "st.", "str", "str.", "street", "rd", "rd.", "road", "ave", "ave.", "avenue", "lane"};

// Lower-case words of prose that end the address part of a line.
constexpr std::array<std::string_view, 12> kProseWords = {
    "the", "a", "an", "after", "before", "in", "on", "at", "for", "to", "or", "but"};

// Words that make a line a sentence rather than a line of an address.
constexpr std::array<std::string_view, 24> kSentenceWords = {
    "was",  "were", "is",  "are",  "has", "have", "had",  "he",
    "she",  "they", "we",  "i",    "you", "said", "this", "that",
    "with", "not",  "be",  "been", "who", "when", "then", "did"};

// The findings already made plus those added, as sorted spans.
class Coverage {
 public:
  explicit Coverage(const std::vector<PiiFinding>& findings) {
    spans_.reserve(findings.size() + 8);
    for (const PiiFinding& f : findings) spans_.push_back({f.start, f.end});
  }

  // The uncovered pieces of [b, e), each trimmed to start and end on a word byte.
  template <typename F>
  void ForEachGap(std::string_view text, size_t b, size_t e, F&& f) const {
    size_t p = b;
    auto it = std::lower_bound(spans_.begin(), spans_.end(), b,
                               [](const Span& s, size_t v) { return s.end <= v; });
    while (p < e) {
      size_t q = e;
      if (it != spans_.end() && it->start < e) q = std::max(p, it->start);
      Trimmed(text, p, q, f);
      if (it == spans_.end() || it->start >= e) break;
      p = std::max(p, it->end);
      ++it;
    }
  }

  void Add(size_t b, size_t e) {
    auto it = std::lower_bound(spans_.begin(), spans_.end(), b,
                               [](const Span& s, size_t v) { return s.start < v; });
    spans_.insert(it, {b, e});
  }

 private:
  struct Span {
    size_t start;
    size_t end;
  };

  template <typename F>
  static void Trimmed(std::string_view text, size_t b, size_t e, F& f) {
    while (b < e && !IsWordByte(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && !IsWordByte(static_cast<unsigned char>(text[e - 1])) && text[e - 1] != '.') --e;
    if (e > b) f(b, e);
  }

  std::vector<Span> spans_;
};

class Completer {
 public:
  Completer(std::string_view text, std::vector<PiiFinding>& findings)
      : text_(text), findings_(findings), coverage_(findings) {}

  void Run() {
    const size_t n = findings_.size();  // only the recognisers' findings are anchors
    for (size_t i = 0; i < n; ++i) {
      const PiiFinding f = findings_[i];
      const bool address = f.type == PiiType::kAddress || f.type == PiiType::kPostcode;
      const bool place = f.type == PiiType::kLocation;
      const bool name = f.type == PiiType::kPerson || f.type == PiiType::kOrganisation;
      if (!address && !place && !name) continue;
      const size_t after = NumberAfter(f, address || place);
      const std::optional<size_t> before =
          address || after ? NumberBefore(f) : std::optional<size_t>();
      if (address) {
        BlockLines(f);
      } else if (after && before) {
        // "87818 Dalmatinova 68": a number, a name and a number make a street.
        PiiFinding street = f;
        street.start = *before;
        street.end = after;
        BlockLines(street);
      }
    }
    std::sort(added_.begin(), added_.end(), [](const PiiFinding& a, const PiiFinding& b) {
      return a.start < b.start;
    });
    std::vector<PiiFinding> merged;
    merged.reserve(findings_.size() + added_.size());
    std::merge(findings_.begin(), findings_.end(), added_.begin(), added_.end(),
               std::back_inserter(merged),
               [](const PiiFinding& a, const PiiFinding& b) { return a.start < b.start; });
    findings_ = std::move(merged);
  }

 private:
  void Add(size_t b, size_t e, double score) {
    coverage_.ForEachGap(text_, b, e, [&](size_t gb, size_t ge) {
      added_.push_back({PiiType::kAddress, gb, ge, score, kRecogniser});
    });
    for (auto it = added_.begin() + static_cast<std::ptrdiff_t>(added_pending_); it != added_.end(); ++it)
      coverage_.Add(it->start, it->end);
    added_pending_ = added_.size();
  }

  // "Skogstien 106", "Bjert 6091", "Cheb 2", "Quinta de São Tiago 3610-114",
  // "ÖVERTURINGEN 840 24", "Dalmatinova 68 St.": a number right after the
  // finding. After a name it must end the line or the clause, or come before a
  // street word, since "Smith 12" is not otherwise an address.
  // Returns the end of the number, or 0 when there is none.
  size_t NumberAfter(const PiiFinding& f, bool address_or_place) {
    size_t p = f.end;
    size_t blanks = 0;
    while (p < text_.size() && IsBlank(static_cast<unsigned char>(text_[p])) && blanks < 2) ++p, ++blanks;
    if (blanks == 0 || p >= text_.size()) return 0;
    const size_t b = p;
    while (p < text_.size() && IsDigit(static_cast<unsigned char>(text_[p]))) ++p;
    const size_t digits = p - b;
    if (digits == 0 || digits > 6) return 0;
    // "3610-114", "53-320"; "840 24" (Swedish, Czech postal codes).
    if (p + 1 < text_.size() && text_[p] == '-' && IsDigit(static_cast<unsigned char>(text_[p + 1]))) {
      size_t q = p + 1;
      while (q < text_.size() && IsDigit(static_cast<unsigned char>(text_[q]))) ++q;
      if (q - p - 1 <= 4) p = q;
    } else if (digits == 3 && p + 3 <= text_.size() && text_[p] == ' ' &&
               IsDigit(static_cast<unsigned char>(text_[p + 1])) &&
               IsDigit(static_cast<unsigned char>(text_[p + 2])) &&
               (p + 3 == text_.size() || !IsWordByte(static_cast<unsigned char>(text_[p + 3])))) {
      p += 3;
    } else if (p < text_.size() && IsUpper(static_cast<unsigned char>(text_[p])) &&
               (p + 1 == text_.size() || !IsWordByte(static_cast<unsigned char>(text_[p + 1])))) {
      ++p;  // "12A"
    }
    if (p < text_.size() && IsWordByte(static_cast<unsigned char>(text_[p]))) return 0;
    if (p < text_.size() && (text_[p] == ':' || text_[p] == '%' || text_[p] == '/' ||
                             (text_[p] == '.' && p + 1 < text_.size() &&
                              IsDigit(static_cast<unsigned char>(text_[p + 1])))))
      return 0;  // a time, a share, a date, a decimal
    if (digits == 4) {
      const int year = (text_[b] - '0') * 1000 + (text_[b + 1] - '0') * 100;
      if (year == 1900 || year == 2000) return 0;  // "Norwich 2019": a year
    }
    // What follows on the line.
    size_t q = p;
    while (q < text_.size() && IsBlank(static_cast<unsigned char>(text_[q]))) ++q;
    const std::string_view next = q < text_.size() ? WordAt(text_, q) : std::string_view();
    if (!next.empty() && OneOf(next, kUnitWords)) return 0;
    const bool street = !next.empty() && OneOf(next, kStreetWords);
    const bool ends = q >= text_.size() || text_[q] == '\n' || text_[q] == ',' || text_[q] == ';' ||
                      (text_[q] == '.' && (q + 1 >= text_.size() || text_[q + 1] == ' ' ||
                                           text_[q + 1] == '\n'));
    if (!address_or_place && !street && !ends) return 0;
    Add(b, p, kNumberScore);
    return p;
  }

  // "87818 Dalmatinova 68", "4923 Parmova 109": a number just before the
  // street, written as a word of its own.
  // Returns the start of the number, if there is one.
  std::optional<size_t> NumberBefore(const PiiFinding& f) {
    if (f.start < 2 || text_[f.start - 1] != ' ') return std::nullopt;
    size_t b = f.start - 1;
    while (b > 0 && IsDigit(static_cast<unsigned char>(text_[b - 1]))) --b;
    const size_t digits = f.start - 1 - b;
    if (digits == 0 || digits > 6) return std::nullopt;
    if (b > 0 && !IsBlank(static_cast<unsigned char>(text_[b - 1])) && text_[b - 1] != '\n' &&
        text_[b - 1] != '>' && text_[b - 1] != ',')
      return std::nullopt;
    Add(b, f.start - 1, kNumberScore);
    return b;
  }

  struct Line {
    size_t begin;    // after leading blanks and quoting marks ("> ", "??? ")
    size_t end;      // before the line break
    size_t words;
    bool blank;
  };

  Line LineAt(size_t line_start) const {
    size_t e = text_.find('\n', line_start);
    if (e == std::string_view::npos) e = text_.size();
    size_t b = line_start;
    while (b < e && (IsBlank(static_cast<unsigned char>(text_[b])) || text_[b] == '>' ||
                     text_[b] == '?' || text_[b] == '|'))
      ++b;
    size_t words = 0;
    for (size_t i = b; i < e; ++i)
      if (!IsBlank(static_cast<unsigned char>(text_[i])) &&
          (i == b || IsBlank(static_cast<unsigned char>(text_[i - 1]))))
        ++words;
    return {b, e, words, b == e};
  }

  // A line of an address block: short, no label ("Phone:"), no question or
  // exclamation, no contact details (a phone line ends the address).
  bool MayBeBlockLine(const Line& l) const {
    if (l.words == 0 || l.words > kMaxLineWords || l.end - l.begin > kMaxLineBytes) return false;
    const std::string_view s = text_.substr(l.begin, l.end - l.begin);
    if (s.find_first_of(":!?\"@") != std::string_view::npos) return false;
    auto it = std::lower_bound(findings_.begin(), findings_.end(), l.begin,
                               [](const PiiFinding& f, size_t v) { return f.end <= v; });
    for (; it != findings_.end() && it->start < l.end; ++it)
      if (it->type == PiiType::kPhone || it->type == PiiType::kEmail || it->type == PiiType::kUrl)
        return false;
    return true;
  }

  // Whether the findings in [b, e), if any, are all places and addresses.
  bool OnlyPlacesIn(size_t b, size_t e) const {
    auto it = std::lower_bound(findings_.begin(), findings_.end(), b,
                               [](const PiiFinding& f, size_t v) { return f.end <= v; });
    for (; it != findings_.end() && it->start < e; ++it)
      if (it->type != PiiType::kLocation && it->type != PiiType::kAddress &&
          it->type != PiiType::kPostcode)
        return false;
    return true;
  }

  // Adds [b, e) of a line up to the first word of prose ("... 18237 after the
  // concert."), or nothing when the line is a sentence ("The victim was");
  // returns whether all of it was address.
  bool AddLinePart(size_t b, size_t e) {
    size_t stop = e;
    for (size_t i = b; i < e;) {
      if (!IsWordByte(static_cast<unsigned char>(text_[i]))) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < e && IsWordByte(static_cast<unsigned char>(text_[j]))) ++j;
      const std::string_view w = text_.substr(i, j - i);
      const bool lower = std::all_of(w.begin(), w.end(), [](char c) { return !IsUpper(static_cast<unsigned char>(c)); });
      // A verb or pronoun makes the line a sentence: none of it is address.
      if (OneOf(w, kSentenceWords)) return false;
      if (lower && OneOf(w, kProseWords)) {
        stop = i;
        break;
      }
      i = j;
    }
    Add(b, stop, kLineScore);
    return stop == e;
  }

  size_t LineStart(size_t pos) const {
    const size_t nl = pos == 0 ? std::string_view::npos : text_.rfind('\n', pos - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
  }

  // The rest of the address's own lines, and the short lines above and below
  // it up to a line that is not part of a block; one blank line may sit inside
  // a block. Lines above count only when the address starts its line, lines
  // below only when it ends its line: "Meet me at 12 Vej 3\nApt. 4\nAarhus".
  void BlockLines(const PiiFinding& f) {
    // Cheap tests first, reading only the bytes next to the address: in prose
    // it neither starts nor ends its line, and most findings are in prose.
    size_t b = f.start;
    bool starts_line = true;
    while (b > 0 && text_[b - 1] != '\n' && starts_line) {
      const unsigned char c = static_cast<unsigned char>(text_[b - 1]);
      starts_line = IsDigit(c) || IsBlank(c) || c == '>' || c == '?' || c == '|';
      --b;
    }
    if (starts_line) Add(LineAt(b).begin, f.start, kLineScore);
    // The rest of the line is the address's when it is short and holds no
    // finding but places: "Velenje nan", "Montealegre del Castillo, Spain
    // 49079", not "TEL 07700 900123 REPORTED ON ...".
    size_t line_end = f.end;
    size_t words = 0;
    while (line_end < text_.size() && text_[line_end] != '\n' && words <= kMaxTailWords) {
      if (!IsBlank(static_cast<unsigned char>(text_[line_end])) &&
          (line_end == f.end || IsBlank(static_cast<unsigned char>(text_[line_end - 1]))))
        ++words;
      ++line_end;
    }
    const bool ends_line =
        words <= kMaxTailWords &&
        (line_end == f.end || (OnlyPlacesIn(f.end, line_end) && AddLinePart(f.end, line_end)));
    if (ends_line) {
      size_t next = line_end;
      WalkLines(kLinesBelow, [&]() -> std::optional<Line> {
        if (next >= text_.size()) return std::nullopt;
        const Line l = LineAt(next + 1);
        next = l.end;
        return l;
      });
    }
    if (!starts_line) return;
    size_t start = LineStart(f.start);
    WalkLines(kLinesAbove, [&]() -> std::optional<Line> {
      if (start == 0) return std::nullopt;
      start = LineStart(start - 1);
      return LineAt(start);
    });
  }

  // Takes up to `most` lines of a block from `next_line` (the next line away
  // from the address, or none at the text's edge) until one is not part of
  // it; one blank line may sit inside a block, two end it.
  template <typename NextLine>
  void WalkLines(int most, NextLine&& next_line) {
    for (int taken = 0, blanks = 0; taken < most;) {
      const std::optional<Line> l = next_line();
      if (!l) return;
      if (l->blank) {
        if (++blanks > 1) return;
        continue;
      }
      if (!MayBeBlockLine(*l) || !AddLinePart(l->begin, l->end)) return;
      ++taken;
      blanks = 0;
    }
  }

  std::string_view text_;
  std::vector<PiiFinding>& findings_;
  Coverage coverage_;
  std::vector<PiiFinding> added_;
  size_t added_pending_ = 0;
};

}  // namespace

void CompleteAddresses(std::string_view text, std::vector<PiiFinding>& findings) {
  if (findings.empty()) return;
  Completer(text, findings).Run();
}

}  // namespace foidesk::privacy
