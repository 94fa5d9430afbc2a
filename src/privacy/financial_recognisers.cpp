// Financial identifiers: card numbers and IBANs by hand-written scanners with
// their check digits, UK sort codes and account numbers by RE2 after cue
// words.
#include "privacy/financial_recognisers.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace foidesk::privacy {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) {
  return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z');
}

// A digit group of a candidate card number: [start, end) in the text.
struct Group {
  size_t start;
  size_t end;
  size_t len() const { return end - start; }
};

// Card numbers are written unbroken or grouped 4-4-4-4(-3), 4-6-5 (Amex) or
// 4-6-4 (Diners); other groupings are account numbers, phones or amounts.
bool CardGrouping(const Group* g, size_t n) {
  if (n == 1) return true;
  if (n == 3 && g[0].len() == 4 && g[1].len() == 6 && (g[2].len() == 5 || g[2].len() == 4))
    return true;
  for (size_t i = 0; i + 1 < n; ++i)
    if (g[i].len() != 4) return false;
  return g[n - 1].len() >= 1 && g[n - 1].len() <= 4;
}

// A card word among the four words before `pos` on its line: "card",
// "card no.", "credit card number is", "cc", "card #".
bool CardCueBefore(std::string_view text, size_t pos) {
  size_t p = pos;
  for (int w = 0; w < 4 && p > 0; ++w) {
    while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == ':' || text[p - 1] == '#' ||
                     text[p - 1] == '.' || text[p - 1] == ',' || text[p - 1] == '-'))
      --p;
    size_t b = p;
    while (b > 0 && p - b < 8 && ((text[b - 1] | 0x20) >= 'a' && (text[b - 1] | 0x20) <= 'z')) --b;
    if (b == p) return false;
    std::string word(text.substr(b, p - b));
    for (char& c : word) c = static_cast<char>(c | 0x20);
    if (word == "card" || word == "cards" || word == "cc") return true;
    p = b;
  }
  return false;
}

// With a card word before it (`cued`), any 12 to 19 digits that pass the
// Luhn check: Maestro numbers may have 12, old JCB ones start 1800.
bool CardNumber(std::string_view text, const Group* g, size_t n, bool cued = false) {
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) count += g[i].len();
  if (count < (cued ? 12u : 13u) || count > 19) return false;
  std::string digits;
  for (size_t i = 0; i < n; ++i) digits.append(text.substr(g[i].start, g[i].len()));
  if (!cued && (digits[0] < '2' || digits[0] > '6')) return false;
  if (digits.find_first_not_of(digits[0]) == std::string::npos) return false;  // 4444...
  if (!CardGrouping(g, n)) return false;
  return LuhnValid(digits);
}

struct IbanCountry {
  char code[3];
  int length;
};

constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
    {"BG", 22}, {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28},
    {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24},
    {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18},
    {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23},
    {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
    {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22},
    {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
    {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
    {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}};

int IbanLength(char a, char b) {
  for (const IbanCountry& c : kIbanCountries)
    if (c.code[0] == a && c.code[1] == b) return c.length;
  return 0;
}

// Whether any of the eight bytes of x is an ASCII digit.
bool HasDigitByte(uint64_t x) {
  constexpr uint64_t k01 = 0x0101010101010101ULL;
  constexpr uint64_t k80 = 0x8080808080808080ULL;
  const uint64_t low = x & ~k80;                 // the low seven bits of each byte
  const uint64_t ge0 = low + k01 * (0x80 - '0');  // high bit: low >= '0'
  const uint64_t gt9 = low + k01 * (0x7F - '9');  // high bit: low > '9'
  return (ge0 & ~gt9 & ~x & k80) != 0;
}

// The offset of the first ASCII digit at or after i, or text.size(); eight
// bytes at a time where there is none.
size_t NextDigit(std::string_view text, size_t i) {
  const size_t n = text.size();
  while (i + 8 <= n) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    if (HasDigitByte(x)) break;
    i += 8;
  }
  while (i < n && !IsDigit(text[i])) ++i;
  return i;
}

// Whether the text has a cluster of at least `want` digits: digit runs
// joined by single spaces or dashes ("40-11-62 12345678", "4111 1111 1111
// 1111"). Every card number, sort code and account number the scanners and
// the pattern below can report lies inside one such cluster, so text
// without one (most text) is ruled out before any other work.
bool HasDigitCluster(std::string_view text, size_t want) {
  const size_t n = text.size();
  size_t i = NextDigit(text, 0);
  while (i < n) {
    size_t count = 0, j = i;
    while (true) {
      while (j < n && IsDigit(text[j])) ++j, ++count;
      if (j + 1 < n && (text[j] == ' ' || text[j] == '-') && IsDigit(text[j + 1])) {
        ++j;
        continue;
      }
      break;
    }
    if (count >= want) return true;
    i = NextDigit(text, j);
  }
  return false;
}

// Whether an IBAN could start anywhere in the text: two upper-case letters
// of a known country and two digits (the first test of the IBAN scanner).
bool HasIbanStart(std::string_view text) {
  const size_t n = text.size();
  for (size_t k = NextDigit(text, 2); k + 1 < n; k = NextDigit(text, k + 1)) {
    if (IsDigit(text[k + 1]) && IsUpper(text[k - 1]) && IsUpper(text[k - 2]) &&
        IbanLength(text[k - 2], text[k - 1]) != 0)
      return true;
  }
  return false;
}

}  // namespace

bool LuhnValid(std::string_view s) {
  int sum = 0, count = 0;
  bool dbl = false;
  for (size_t i = s.size(); i-- > 0;) {
    if (!IsDigit(s[i])) continue;
    int d = s[i] - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
    ++count;
  }
  return count > 0 && sum % 10 == 0;
}

bool IbanChecksumValid(std::string_view compact) {
  if (compact.size() < 15 || compact.size() > 34) return false;
  int rem = 0;
  for (size_t k = 0; k < compact.size(); ++k) {
    const char c = compact[(k + 4) % compact.size()];  // the first four go last
    if (IsDigit(c)) {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (IsUpper(c)) {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return rem == 1;
}

void PaymentCardRecogniser::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  if (!HasDigitCluster(text, 12)) return;  // a card has 12 to 19 digits
  const size_t n = text.size();
  std::array<Group, 24> groups;
  size_t i = 0;
  while (i < n) {
    if (!IsDigit(text[i]) || (i > 0 && (IsAlnum(text[i - 1]) || text[i - 1] == '.'))) {
      ++i;
      continue;
    }
    // One run of digit groups with one kind of separator.
    size_t ng = 0, digits = 0;
    char sep = 0;
    size_t j = i;
    while (true) {
      const size_t b = j;
      while (j < n && IsDigit(text[j])) ++j;
      if (ng < groups.size()) groups[ng++] = {b, j};
      digits += j - b;
      if (digits > 40 || j + 1 >= n) break;
      const char c = text[j];
      if ((c == ' ' || c == '-') && (sep == 0 || sep == c) && IsDigit(text[j + 1])) {
        sep = c;
        ++j;
        continue;
      }
      break;
    }
    const bool boundary = j >= n || !(IsAlnum(text[j]) || (text[j] == '.' && j + 1 < n && IsDigit(text[j + 1])));
    bool found = false;
    if (boundary || ng > 1) {
      // The longest run of whole groups that is a card: a grouped card may
      // follow an amount ("paid 20 4111 1111 ...").
      for (size_t s = 0; s < ng && !found; ++s) {
        for (size_t e = ng; e > s && !found; --e) {
          if (e == ng && !boundary) continue;
          if (CardNumber(text, &groups[s], e - s)) {
            out.push_back({PiiType::kFinancial, groups[s].start, groups[e - 1].end, 0.8,
                           "payment_card"});
            found = true;
          }
        }
      }
      // The whole run after a card word.
      if (!found && boundary && digits >= 12 && digits <= 19 && CardCueBefore(text, i) &&
          CardNumber(text, &groups[0], ng, /*cued=*/true))
        out.push_back({PiiType::kFinancial, i, groups[ng - 1].end, 0.7, "payment_card"});
    }
    i = j > i ? j : i + 1;
  }
}

void IbanRecogniser::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  if (text.size() < 4 || !HasIbanStart(text)) return;
  const size_t n = text.size();
  std::string compact;
  std::vector<size_t> ends;  // text offset after each compact character
  size_t i = 0;
  while (i + 4 <= n) {
    if (!(IsUpper(text[i]) && IsUpper(text[i + 1]) && IsDigit(text[i + 2]) &&
          IsDigit(text[i + 3])) ||
        (i > 0 && IsAlnum(text[i - 1]))) {
      ++i;
      continue;
    }
    const int length = IbanLength(text[i], text[i + 1]);
    if (length == 0) {
      ++i;
      continue;
    }
    compact.clear();
    ends.clear();
    size_t j = i, group = 0;
    while (j < n && compact.size() < static_cast<size_t>(length)) {
      const char c = text[j];
      if (IsDigit(c) || IsUpper(c)) {
        compact += c;
        ends.push_back(j + 1);
        ++group;
        ++j;
      } else if (c == ' ' && group == 4 && j + 1 < n && (IsDigit(text[j + 1]) || IsUpper(text[j + 1]))) {
        group = 0;  // spaced form: groups of four
        ++j;
      } else {
        break;
      }
    }
    const bool whole = compact.size() == static_cast<size_t>(length) &&
                       (j >= n || !IsAlnum(text[j]));
    if (whole && IbanChecksumValid(compact)) {
      out.push_back({PiiType::kFinancial, i, ends.back(), 0.9, "iban"});
      i = j;
    } else {
      ++i;
    }
  }
}

void BankAccountRecogniser::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  // One pass for all three shapes: a sort code after its cue (group 1), an
  // account number after its cue (group 2), a dashed sort code followed by
  // an account number (group 3).
  static const auto* kPattern = [] {
    re2::RE2::Options o;
    o.set_log_errors(false);
    return new re2::RE2(
        "(?i)\\b(?:"
        "(?:sort[ -]?code|s/c)(?:\\s*(?:no|number|is|was|:|\\.)\\b)*[\\s:.#]*"
        "([0-9]{2}[- ]?[0-9]{2}[- ]?[0-9]{2})"
        "|(?:account|acct|acc|a/c)(?:\\s*(?:no|number|num|is|was|ending|ending in)\\b\\.?)*"
        "[\\s:#.]*([0-9]{4}[ -][0-9]{4}|[0-9]{6,10})"
        "|([0-9]{2}-[0-9]{2}-[0-9]{2}[ ,]+[0-9]{8})"
        ")\\b",
        o);
  }();
  constexpr double kScores[] = {0.85, 0.8, 0.9};
  if (!kPattern->ok()) return;
  // Each shape holds at least six digits in one cluster: a sort code, an
  // account of 6 to 10 digits or 4 and 4.
  if (!HasDigitCluster(text, 6)) return;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m[4];
  size_t pos = 0;
  while (pos < text.size() && kPattern->Match(input, pos, text.size(), re2::RE2::UNANCHORED, m, 4)) {
    for (int g = 1; g <= 3; ++g) {
      if (m[g].data() == nullptr) continue;
      const size_t start = static_cast<size_t>(m[g].data() - text.data());
      out.push_back({PiiType::kFinancial, start, start + m[g].size(), kScores[g - 1],
                     "bank_account"});
    }
    const size_t whole_end = static_cast<size_t>(m[0].data() - text.data()) + m[0].size();
    pos = whole_end > pos ? whole_end : pos + 1;
  }
}

}  // namespace foidesk::privacy
