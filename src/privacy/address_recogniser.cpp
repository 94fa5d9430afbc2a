// The address recogniser: the text is cut into tokens once (words, numbers,
// mixed letters and digits, commas, line breaks, other punctuation); street
// lines are found at their street-type word and grown token by token in both
// directions. Every step looks at a bounded number of tokens, so the scan is
// linear and nothing backtracks.
#include "privacy/address_recogniser.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace foidesk::privacy {
namespace {

enum class Kind : uint8_t { kWord, kNum, kAlnum, kComma, kNewline, kDot, kHash, kOther };
enum class Case : uint8_t { kNone, kLower, kTitle, kUpper };

// What the lexicon says of a word (lower-cased).
enum Flag : uint16_t {
  kSuffixType = 1 << 0,    // ends a street name: Road, ST, Lane
  kLowerType = 1 << 1,     // also ends one in lower case after a house number
  kPrefixType = 1 << 2,    // starts a street name: Rue, Via, Calle
  kLowerPrefix = 1 << 3,   // also in lower case after a house number: "12 rue de Rivoli"
  kPremise = 1 << 4,       // Flat, Apt, Unit, Suite (followed by a number)
  kBuilding = 1 << 5,      // ends a house or building name: Cottage, House, Farm
  kStop = 1 << 6,          // never part of a name: at, the, on, he, dear
  kParticle = 1 << 7,      // inside a name: of, de, la, upon
  kDirection = 1 << 8,     // N, SW, North
  kAbbrev = 1 << 9,        // may carry a dot: St. Rd. Ave. Apt.
  kBareType = 1 << 10,     // names a street even without a house number: Church Lane
  kUnit = 1 << 11,         // a unit word that is worth reporting alone: "Flat 3", "Apt. 591"
  kTheType = 1 << 12,      // names a street after "The" alone: The Green, THE STREET
  kForeignLower = 1 << 13,  // ends one in lower case before a number: "Váci utca 5"
};

struct Token {
  uint32_t start;
  uint32_t end;
  Kind kind;
  Case cs = Case::kNone;
  bool blank = false;  // a newline token spanning an empty line
  bool house_number = false;  // 12, 12A, 12-14, 10/12
  bool postcode_part = false;  // NR2, 4PN, SW1A, 62704, 62704-1234
  bool compound = false;       // a whole street name in one word: Hauptstraße
  bool looked_up = false;  // flags are filled in on first use (most words never need them)
  uint16_t flags = 0;
};

const std::unordered_map<std::string_view, uint16_t>& Lexicon() {
  static const auto* kLexicon = [] {
    auto* m = new std::unordered_map<std::string_view, uint16_t>();
    auto add = [&](std::initializer_list<std::string_view> words, uint16_t f) {
      for (std::string_view w : words) (*m)[w] |= f;
    };
    add({"road", "rd", "street", "st", "str", "lane", "ln", "avenue", "ave", "av", "close", "cl",
         "drive", "dr", "way", "crescent", "cres", "gardens", "gdns", "garden", "place", "pl",
         "court", "ct", "hill", "terrace", "tce", "terr", "grove", "row", "walk", "square", "sq",
         "park", "parade", "pde", "rise", "mews", "green", "view", "yard", "loke", "chase",
         "meadow", "meadows", "gate", "wharf", "quay", "plain", "path", "vale", "boulevard",
         "blvd", "common", "croft", "fields", "field", "hollow", "link", "mount", "orchard",
         "approach", "circus", "broadway", "causeway", "embankment", "esplanade", "promenade",
         "wynd", "pightle", "estate", "highway", "hwy", "parkway", "pkwy", "pike", "trail",
         "circle", "cir", "plaza", "alley", "crossing", "heights", "gardens", "market", "lanes",
         "avenida", "strasse", "straße", "gasse", "weg", "allee", "platz", "straat", "laan",
         "gracht", "plein", "vej", "gade", "gatan", "gata", "vägen", "väg", "veien", "vei",
         "utca", "út", "körút", "tér", "katu"},
        kSuffixType);
    // Street words written in lower case after a capitalised name, with the
    // number after: "Váci utca 5", "Stora gatan 3", "Berliner straße 12".
    add({"strasse", "straße", "gasse", "vej", "gade", "gatan", "gata", "vägen", "väg", "veien",
         "vei", "utca", "út", "körút", "tér", "katu"},
        kForeignLower);
    add({"road", "rd", "street", "st", "lane", "ln", "avenue", "ave", "crescent", "gardens",
         "terrace", "grove", "mews", "boulevard", "blvd"},
        kLowerType);
    // Not Court, Park, Green, Hill-less words that more often name a building or
    // a place than a street ("the Crown Court", "Hyde Park").
    add({"road", "street", "lane", "close", "avenue", "drive", "way", "crescent", "gardens",
         "place", "hill", "terrace", "grove", "row", "square", "walk", "rise", "mews", "loke",
         "chase", "plain", "parade", "boulevard", "approach", "causeway", "esplanade",
         "promenade", "rd", "st", "ave", "ln", "common", "broadway", "yard", "wharf", "quay",
         "vale", "meadows"},
        kBareType);
    // "The Green", "The Street", "THE COMMON": the type word is the whole name.
    // Not Road, Park, Court, Hill, Way, Place or Estate, which after "the" more
    // often name a thing than a street ("the Crown Court", "the way").
    add({"green", "street", "common", "parade", "broadway", "plain", "loke", "chase", "rise",
         "walk", "square", "causeway", "crescent", "drive", "avenue", "lane", "mews", "quay",
         "wharf", "esplanade", "promenade", "strand", "close", "row", "terrace", "grove",
         "pightle", "croft", "meadows", "fields", "gardens", "boulevard"},
        kTheType);
    add({"rue", "via", "calle", "avenida", "avenue", "boulevard", "piazza", "plaza", "rua",
         "ulica", "ul", "viale", "corso", "chemin", "allee", "allée", "carrer", "camino", "paseo",
         "largo", "praça", "praca", "strada", "place", "avinguda", "travessa", "ulitsa", "plac",
         "aleja", "bulevar", "trg"},
        kPrefixType);
    add({"rue", "calle", "avenida", "rua", "ulica", "ul", "viale", "corso", "chemin", "carrer",
         "strada", "piazza", "avinguda", "travessa", "ulitsa", "plac", "aleja"},
        kLowerPrefix);
    add({"flat", "apartment", "apt", "unit", "suite", "ste", "room", "floor", "studio", "block",
         "building", "bldg", "office", "no", "number", "house", "plot"},
        kPremise);
    add({"flat", "apartment", "apt", "suite", "ste"}, kUnit);
    add({"house", "cottage", "cottages", "farm", "farmhouse", "lodge", "barn", "hall", "manor",
         "rectory", "vicarage", "mill", "villa", "bungalow", "flats", "apartments", "mansions",
         "tower", "towers", "building", "centre", "center", "chambers", "works", "court",
         "heights", "grange", "house", "place", "wing", "annexe", "annex", "barns", "stables",
         "view"},
        kBuilding);
    add({"a",       "an",     "and",      "any",     "are",     "as",      "at",     "be",
         "been",    "but",    "by",       "day",     "down",    "each",    "for",    "from",
         "had",     "has",    "have",     "he",      "her",     "his",     "if",     "in",
         "into",    "is",     "it",       "its",     "me",      "my",      "not",    "off",
         "on",      "one",    "or",       "other",   "our",     "out",     "over",   "she",
         "so",      "that",   "the",      "their",   "them",    "then",    "there",  "these",
         "they",    "this",   "those",    "through", "to",      "up",      "us",     "via",
         "was",     "we",     "were",     "what",    "when",    "where",   "which",  "while",
         "who",     "with",   "you",      "your",    "along",   "across",  "near",   "onto",
         "towards", "toward", "around",   "about",   "outside", "inside",  "behind", "opposite",
         "between", "dear",   "sir",      "madam",   "regards", "yours",   "sincerely",
         "re",      "subject", "tel",     "telephone", "phone", "mobile",  "email",  "fax",
         "date",    "dob",    "ref",      "attn",    "c/o",     "i",       "after",  "before",
         "also",    "said",   "says",     "told",    "went",    "called",  "victim", "suspect",
         "witness", "officer", "police",  "times",   "men",     "people",  "hours",  "minutes",
         "years",   "days",   "weeks",    "months",  "aged",    "yesterday",
         "today",   "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
         "friday",  "saturday", "sunday", "per",    "than",    "will",    "would",  "could",
         "should",  "did",    "does",     "do",      "just",    "only",    "very",   "all",
         "some",    "no",     "yes",      "am",      "pm",      "x",       "him",    "hers",
         "approx",  "approximately", "unless", "until", "since", "under", "above", "below",
         "within",  "without", "against", "during", "how",    "why",      "whose"},
        kStop);
    add({"of", "the", "de", "la", "le", "les", "du", "des", "di", "del", "della", "dei", "do",
         "da", "dos", "das", "von", "van", "der", "den", "upon", "on", "sur", "en", "am", "im",
         "an", "y", "e", "l'", "d'"},
        kParticle);
    add({"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"},
        kDirection);
    add({"st", "rd", "ave", "av", "ln", "dr", "cl", "ct", "pl", "sq", "cres", "gdns", "blvd",
         "pkwy", "hwy", "tce", "terr", "pde", "cir", "str", "apt", "ste", "bldg", "no", "mt",
         "ft", "ul", "n", "s", "e", "w"},
        kAbbrev);
    return m;
  }();
  return *kLexicon;
}

// Endings of compound street names written as one word (Hauptstraße, Kerkstraat).
constexpr std::string_view kCompoundSuffixes[] = {
    "straße", "strasse", "str",  "weg",   "gasse", "allee", "platz", "straat", "laan",
    "gracht", "plein",   "steeg", "vej",  "gatan", "vägen", "veien", "vegen",  "utca",
    "katu",   "tie",     "gade", "gata"};

bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(unsigned char c) { return IsAsciiUpper(c) || IsAsciiLower(c) || IsDigit(c); }

// Bytes that belong to a word: ASCII letters and digits, and any non-ASCII
// byte except those of the punctuation handled below.
bool IsWordByte(unsigned char c) {
  return IsAsciiUpper(c) || IsAsciiLower(c) || IsDigit(c) || c >= 0x80;
}

// Length of a non-ASCII space or punctuation sequence at i (no-break space,
// dashes, quotes, the pound sign), or 0.
size_t NonWordUtf8(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == 0xC2 && i + 1 < s.size()) {
    const unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if (d == 0xA0 || d == 0xA3 || d == 0xAB || d == 0xBB || d == 0xB7) return 2;
  }
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) return 3;
  return 0;
}

bool IsRightQuote(std::string_view s, size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
         static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         static_cast<unsigned char>(s[i + 2]) == 0x99;
}

// The lexicon's flags for word `w` (any case) into t.
void LookUp(std::string_view w, Token& t) {
  t.looked_up = true;
  char buf[32];
  if (w.size() >= sizeof buf) return;
  for (size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    buf[i] = IsAsciiUpper(c) ? static_cast<char>(c + 32) : static_cast<char>(c);
  }
  const auto& lex = Lexicon();
  if (auto it = lex.find(std::string_view(buf, w.size())); it != lex.end()) t.flags = it->second;
}

// (first letter, last letter, length) of every street-type word, so that
// most words are ruled out as anchors without hashing them.
int LetterIndex(unsigned char c) {
  if (IsAsciiUpper(c)) return c - 'A';
  if (IsAsciiLower(c)) return c - 'a';
  return 26;  // anything else, non-ASCII included
}

bool MayBeAnchor(std::string_view w) {
  // Indexed by first, second and last letter; one bit per length.
  using Table = std::array<std::array<std::array<uint32_t, 27>, 27>, 27>;
  static const Table* kSeen = [] {
    auto* seen = new Table{};
    for (const auto& [word, flags] : Lexicon())
      if ((flags & (kSuffixType | kPrefixType)) && word.size() >= 2 && word.size() < 32)
        (*seen)[LetterIndex(static_cast<unsigned char>(word[0]))]
               [LetterIndex(static_cast<unsigned char>(word[1]))]
               [LetterIndex(static_cast<unsigned char>(word.back()))] |= uint32_t{1} << word.size();
    return seen;
  }();
  if (w.size() < 2 || w.size() >= 32) return false;
  return ((*kSeen)[LetterIndex(static_cast<unsigned char>(w[0]))]
                  [LetterIndex(static_cast<unsigned char>(w[1]))]
                  [LetterIndex(static_cast<unsigned char>(w.back()))] >> w.size()) & 1;
}

// Flat, Apartment, Apt, Suite, Ste: a cheap test before the look-up.
bool MayBeUnit(std::string_view w) {
  const unsigned char c = static_cast<unsigned char>(w[0]);
  return w.size() >= 3 && w.size() <= 9 && (c == 'F' || c == 'A' || c == 'S');
}

// A word (of six to 39 bytes) that ends like a compound street name.
bool CompoundEnding(std::string_view w) {
  if (w.size() < 6 || w.size() >= 40) return false;
  // The last two bytes (ASCII lower-cased) of every ending, so that most
  // words are ruled out without copying them.
  static const auto* kLastTwo = [] {
    auto* pairs = new std::vector<uint16_t>();
    for (std::string_view suf : kCompoundSuffixes)
      pairs->push_back(static_cast<uint16_t>(static_cast<unsigned char>(suf[suf.size() - 2]) << 8 |
                                             static_cast<unsigned char>(suf.back())));
    return pairs;
  }();
  auto lower = [](unsigned char c) { return IsAsciiUpper(c) ? static_cast<unsigned char>(c + 32) : c; };
  const uint16_t last_two = static_cast<uint16_t>(
      lower(static_cast<unsigned char>(w[w.size() - 2])) << 8 |
      lower(static_cast<unsigned char>(w.back())));
  if (std::find(kLastTwo->begin(), kLastTwo->end(), last_two) == kLastTwo->end()) return false;
  char buf[40];
  for (size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    buf[i] = IsAsciiUpper(c) ? static_cast<char>(c + 32) : static_cast<char>(c);
  }
  const std::string_view key(buf, w.size());
  for (std::string_view suf : kCompoundSuffixes) {
    if (key.size() < suf.size() + 3 || !key.ends_with(suf)) continue;
    // Finnish -tie only on a long stem (Mannerheimintie, not Sweetie), and
    // not the -gade of Brigade or Renegade.
    if (suf == "tie" && key.size() < 8) continue;
    if (suf == "gade" && (key.ends_with("igade") || key.ends_with("negade"))) continue;
    return true;
  }
  return false;
}

// The end of the word that starts at word byte b: word bytes, a right quote
// between letters (Mary’s) and the joiners of O'Brien, Stratford-upon-Avon,
// 12-14 and 10/12.
size_t WordEnd(std::string_view text, size_t b) {
  const size_t n = text.size();
  size_t i = b;
  // Plain ASCII letters and digits first: most words are nothing else.
  while (i < n && IsAsciiAlnum(static_cast<unsigned char>(text[i]))) ++i;
  while (i < n) {
    const unsigned char d = static_cast<unsigned char>(text[i]);
    if (d >= 0x80 && NonWordUtf8(text, i)) {
      // A right single quote between letters is an apostrophe: Mary’s.
      if (IsRightQuote(text, i) && i + 3 < n && IsWordByte(static_cast<unsigned char>(text[i + 3])) &&
          !NonWordUtf8(text, i + 3)) {
        i += 3;
        continue;
      }
      break;
    }
    if (IsWordByte(d)) {
      ++i;
      continue;
    }
    if ((d == '\'' || d == '-' || d == '/') && i + 1 < n &&
        IsWordByte(static_cast<unsigned char>(text[i + 1])) && !NonWordUtf8(text, i + 1)) {
      ++i;
      continue;
    }
    break;
  }
  return i;
}

void Classify(std::string_view text, Token& t) {
  const std::string_view w = text.substr(t.start, t.end - t.start);
  int upper = 0, lower = 0, digits = 0, other = 0;
  for (unsigned char c : w) {
    if (IsAsciiUpper(c)) ++upper;
    else if (IsAsciiLower(c)) ++lower;
    else if (IsDigit(c)) ++digits;
    else if (c >= 0x80) ++other;
  }
  if (digits == 0) {
    t.kind = Kind::kWord;
    const unsigned char first = static_cast<unsigned char>(w[0]);
    if (lower == 0 && upper > 0) t.cs = Case::kUpper;
    else if (IsAsciiUpper(first) || first >= 0x80) t.cs = Case::kTitle;
    else t.cs = Case::kLower;
    // Only a word that may start or end a street name is looked up now.
    if (MayBeAnchor(w)) LookUp(w, t);
    // Compound street names are capitalised and longer than their ending.
    if (t.cs != Case::kLower) t.compound = CompoundEnding(w);
    return;
  }
  if (upper + lower + other == 0) {
    t.kind = Kind::kNum;
    // 12, 12-14, 10/12; zip codes 62704 and 62704-1234.
    size_t first_group = 0;
    while (first_group < w.size() && IsDigit(static_cast<unsigned char>(w[first_group])))
      ++first_group;
    t.house_number = first_group <= 5;
    t.postcode_part = (digits >= 4 && digits <= 9);
    return;
  }
  // 12A is a house number; NR2, 4PN, SW1A, 5th are mixed.
  const unsigned char last = static_cast<unsigned char>(w.back());
  if (upper + lower == 1 && other == 0 && (IsAsciiUpper(last) || IsAsciiLower(last)) &&
      digits <= 4) {
    t.kind = Kind::kNum;
    t.house_number = true;
    t.postcode_part = upper == 1 && digits <= 2;  // K1A-style halves are mixed anyway
    return;
  }
  t.kind = Kind::kAlnum;
  t.postcode_part = other == 0 && w.size() <= 8 && lower == 0;
}

std::vector<Token> Tokenise(std::string_view text) {
  std::vector<Token> toks;
  toks.reserve(text.size() / 5 + 8);
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (c == '\n') {
      Token t{static_cast<uint32_t>(i), 0, Kind::kNewline};
      int lines = 0;
      while (i < n && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) {
        if (text[i] == '\n') ++lines;
        ++i;
      }
      t.end = static_cast<uint32_t>(i);
      t.blank = lines >= 2;
      toks.push_back(t);
      continue;
    }
    if (c >= 0x80) {
      if (const size_t len = NonWordUtf8(text, i)) {
        // A no-break space is a space; the rest is punctuation.
        if (!(c == 0xC2 && static_cast<unsigned char>(text[i + 1]) == 0xA0))
          toks.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), Kind::kOther});
        i += len;
        continue;
      }
    }
    if (IsWordByte(c)) {
      const size_t b = i;
      i = WordEnd(text, b);
      Token t{static_cast<uint32_t>(b), static_cast<uint32_t>(i), Kind::kWord};
      Classify(text, t);
      toks.push_back(t);
      continue;
    }
    Kind k = Kind::kOther;
    if (c == ',') k = Kind::kComma;
    else if (c == '.') k = Kind::kDot;
    else if (c == '#') k = Kind::kHash;
    toks.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), k});
    ++i;
  }
  return toks;
}

// The scanner over one text's tokens.
class Scanner {
 public:
  // `open_before` / `open_after`: the tokens are a window of the text with
  // more text before / after it; looking past such an edge sets edge_hit().
  Scanner(std::string_view text, std::vector<Token>& toks, bool open_before = false,
          bool open_after = false)
      : text_(text), t_(toks), open_before_(open_before), open_after_(open_after) {}

  bool edge_hit() const { return edge_hit_; }

  void Run(std::vector<PiiFinding>& out) {
    const int n = static_cast<int>(t_.size());
    int i = 0;
    while (i < n) {
      Span s;
      if (TryAt(i, s)) {
        out.push_back({PiiType::kAddress, t_[s.first].start, t_[s.last].end, s.score,
                       "postal_address"});
        i = s.last + 1;
      } else {
        ++i;
      }
    }
  }

 private:
  struct Span {
    int first = 0;
    int last = 0;
    double score = 0;
  };

  const Token* At(int i) const {
    if (i < 0) {
      edge_hit_ = edge_hit_ || open_before_;
      return nullptr;
    }
    if (i >= static_cast<int>(t_.size())) {
      edge_hit_ = edge_hit_ || open_after_;
      return nullptr;
    }
    return &t_[i];
  }
  bool Is(int i, Kind k) const { return At(i) && t_[i].kind == k; }
  bool Has(int i, uint16_t f) const { return Is(i, Kind::kWord) && (Flags(i) & f); }
  uint16_t Flags(int i) const {
    Token& t = t_[i];
    if (!t.looked_up) LookUp(text_.substr(t.start, t.end - t.start), t);
    return t.flags;
  }
  bool Capitalised(int i) const {
    return Is(i, Kind::kWord) && (t_[i].cs == Case::kTitle || t_[i].cs == Case::kUpper);
  }
  bool IsCompound(int i) const {
    return Is(i, Kind::kWord) && t_[i].compound;
  }
  // A capitalised word that may be part of a street or place name.
  bool NameWord(int i) const {
    if (Is(i, Kind::kAlnum)) {  // 5th Avenue, 42nd Street
      const std::string_view w = Text(i);
      return w.size() >= 3 && IsDigit(static_cast<unsigned char>(w[0])) &&
             !IsDigit(static_cast<unsigned char>(w.back()));
    }
    return Capitalised(i) && !(Flags(i) & kStop);
  }
  std::string_view Text(int i) const { return text_.substr(t_[i].start, t_[i].end - t_[i].start); }

  // A house number not glued to a time, price or decimal: 21:00, £12, 1.5.
  bool HouseNumber(int i) const {
    if (!Is(i, Kind::kNum) || !t_[i].house_number) return false;
    const uint32_t s = t_[i].start;
    if (s == 0) return true;
    const unsigned char p = static_cast<unsigned char>(text_[s - 1]);
    return !(p == ':' || p == '.' || p == '$' || p == 0xA3 || p == 0xAC || p == '-' || p == '/');
  }

  bool IsOf(int i) const {
    if (!Is(i, Kind::kWord)) return false;
    const std::string_view w = Text(i);
    return w == "of" || w == "OF" || w == "Of";
  }
  bool IsThe(int i) const {
    if (!Is(i, Kind::kWord)) return false;
    const std::string_view w = Text(i);
    return w == "The" || w == "THE";
  }

  // "The Green", "THE STREET": a street named by its type word after a
  // capitalised "The", where the case says it is a name: after a comma, a line
  // break, a quote or bracket, or a lower-case word ("on The Green"); in upper
  // case only after a separator and followed by one or the end of a clause.
  bool TryTheStreet(int type, int end, Span& s) const {
    const int the = type - 1;
    if (!IsThe(the) || !Capitalised(type) || !(Flags(type) & kTheType)) return false;
    const bool upper = t_[the].cs == Case::kUpper;
    if (upper != (t_[type].cs == Case::kUpper)) return false;
    const Token* pv = At(the - 1);
    const Token* nx = At(end + 1);
    const bool sep_after = !nx || nx->kind == Kind::kComma || nx->kind == Kind::kNewline ||
                           nx->kind == Kind::kDot || nx->kind == Kind::kOther;
    bool ok = false;
    if (pv && (pv->kind == Kind::kComma || pv->kind == Kind::kNewline ||
               pv->kind == Kind::kOther)) {
      ok = !upper || sep_after;
    } else if (!pv) {
      ok = nx && (nx->kind == Kind::kComma || nx->kind == Kind::kNewline);
    } else if (!upper && pv->kind == Kind::kWord && pv->cs == Case::kLower) {
      ok = true;
    } else if (upper && pv->kind == Kind::kWord && (Flags(the - 1) & kStop) && nx &&
               nx->kind == Kind::kComma) {
      // "PARKED ON THE GREEN, GREAT YARMOUTH": only with a town line after it.
      return Finish(the, end, false, false, s, type, true) && s.last > end;
    }
    if (!ok) return false;
    return Finish(the, end, false, false, s, type, true);
  }

  // Skips a dot after an abbreviation at i ("St." "Apt."); returns the last token used.
  int WithDot(int i) const { return Is(i + 1, Kind::kDot) && Has(i, kAbbrev) ? i + 1 : i; }

  // "Flat 3", "Apt. 4B", "Suite 300", "Unit 4", "#5" starting at i; returns the
  // last token, or -1.
  int UnitAt(int i) const {
    if (Is(i, Kind::kHash) && (Is(i + 1, Kind::kNum) || Is(i + 1, Kind::kAlnum))) return i + 1;
    if (!Has(i, kPremise)) return -1;
    // "No" and "House" take a number only as a premise, never alone as a word.
    const int j = WithDot(i) + 1;
    if (Is(j, Kind::kNum) || Is(j, Kind::kAlnum)) return j;
    // Flat B
    if (Is(j, Kind::kWord) && t_[j].cs == Case::kUpper && t_[j].end - t_[j].start == 1 &&
        !Has(i, kStop))
      return j;
    return -1;
  }

  // A unit ending at token `last` (the number): its first token, or -1.
  int UnitEndingAt(int last) const {
    if (!(Is(last, Kind::kNum) || Is(last, Kind::kAlnum) ||
          (Is(last, Kind::kWord) && t_[last].end - t_[last].start == 1)))
      return -1;
    int p = last - 1;
    if (Is(p, Kind::kHash)) return p;
    if (Is(p, Kind::kDot)) --p;
    if (Has(p, kPremise) && UnitAt(p) == last) return p;
    return -1;
  }

  // A separator between address lines at i: a comma, a line break (not an
  // empty line) or both. Returns the first token after it, or -1.
  int AfterSeparator(int i, bool* newline) const {
    *newline = false;
    int j = i;
    if (Is(j, Kind::kComma)) ++j;
    if (Is(j, Kind::kNewline)) {
      if (t_[j].blank) return -1;
      *newline = true;
      ++j;
    }
    return j == i ? -1 : j;
  }

  // Three digits and two: the two groups of a Swedish, Czech or Slovak postcode.
  bool SplitPostcode(int j) const {
    return Is(j, Kind::kNum) && Is(j + 1, Kind::kNum) && t_[j].end - t_[j].start == 3 &&
           t_[j + 1].end - t_[j + 1].start == 2 && t_[j].house_number && t_[j + 1].house_number &&
           IsDigit(static_cast<unsigned char>(text_[t_[j].end - 1])) &&
           IsDigit(static_cast<unsigned char>(text_[t_[j + 1].end - 1]))
           ;
  }

  // The place part of a line from i: up to four name words (particles between
  // them) and up to two postcode parts, in any order. Returns the last token
  // or -1; `postcode` says whether one was seen.
  int PlaceRun(int i, int max_words, bool* postcode) const {
    int words = 0, codes = 0, last = -1, j = i;
    *postcode = false;
    while (At(j)) {
      if (codes == 0 && SplitPostcode(j) && NameWord(j + 2)) {
        // 111 51 Stockholm, 110 00 Praha: a postcode in two groups.
        ++codes;
        last = j + 1;
        j += 2;
        continue;
      }
      if (NameWord(j) && !Is(j, Kind::kAlnum)) {
        if (words == max_words) break;
        ++words;
        last = j;
      } else if ((Is(j, Kind::kAlnum) || Is(j, Kind::kNum)) && t_[j].postcode_part && codes < 2) {
        ++codes;
        last = j;
      } else if (last >= 0 && Has(j, kParticle) && NameWord(j + 1)) {
        // Newcastle upon Tyne
      } else if (last >= 0 && Is(j, Kind::kDot) && Has(j - 1, kAbbrev)) {
        last = j;  // St. in "St. Albans"
      } else {
        break;
      }
      ++j;
    }
    if (last < 0) return -1;
    // A four-digit number alone is more often a year than a postcode.
    if (words == 0) {
      bool any_code = false;
      for (int k = i; k <= last; ++k) {
        const std::string_view w = Text(k);
        if (Is(k, Kind::kAlnum) || (Is(k, Kind::kNum) && w.size() >= 5)) any_code = true;
      }
      if (!any_code) return -1;
    }
    *postcode = codes > 0;
    return last;
  }

  // Grows a street line [first, last] into the unit, town, county, postcode
  // and country lines after it; returns the new last token.
  int Extend(int last, bool upper_line, int* lines, bool* postcode) const {
    *lines = 0;
    *postcode = false;
    // A unit after the street: "123 Main St Apt 4B", "12 High St, Flat 2".
    {
      const int j = Is(last + 1, Kind::kComma) ? last + 2 : last + 1;
      const int u = UnitAt(j);
      if (u >= 0) {
        last = u;
        ++*lines;
      }
    }
    for (int seg = 0; seg < 5; ++seg) {
      bool newline = false;
      int j = AfterSeparator(last + 1, &newline);
      if (j < 0) {
        // The town straight after the street on one line: "14 ST GILES STREET
        // NORWICH", "12 High St Norwich NR2 4PN"; at most two words.
        if (seg != 0) break;
        bool pc = false;
        const int r = PlaceRun(last + 1, 2, &pc);
        if (r < 0) break;
        // In a mixed-case line a following capitalised word needs a postcode
        // or the end of the clause to count as a town.
        if (!upper_line && !pc) {
          const Token* nx = At(r + 1);
          const bool ends = !nx || nx->kind == Kind::kComma || nx->kind == Kind::kNewline ||
                            nx->kind == Kind::kDot || nx->kind == Kind::kOther;
          if (!ends) break;
        }
        last = r;
        ++*lines;
        *postcode = *postcode || pc;
        continue;
      }
      if (const int u = UnitAt(j); u >= 0) {
        last = u;
        ++*lines;
        continue;
      }
      bool pc = false;
      const int r = PlaceRun(j, 4, &pc);
      if (r < 0) break;
      // A line of its own must be a whole line: "Victim states ..." is not a town.
      if (newline) {
        const Token* nx = At(r + 1);
        if (nx && nx->kind != Kind::kComma && nx->kind != Kind::kNewline &&
            nx->kind != Kind::kDot)
          break;
      }
      last = r;
      ++*lines;
      *postcode = *postcode || pc;
    }
    return last;
  }

  // Extends [first] backwards over a premise: "Flat 3, ", "FLAT 2 ", "The Old
  // Rectory, ", "Riverside House\n". Returns the new first token.
  int Premise(int first, bool* found) const {
    *found = false;
    // The house number may be a unit's: "Unit 4 Riverside Industrial Estate".
    if (const int u = UnitEndingAt(first); u >= 0) {
      first = u;
      *found = true;
    }
    for (int hop = 0; hop < 2; ++hop) {
      int p = first - 1;
      bool sep = false;
      if (Is(p, Kind::kComma)) --p, sep = true;
      else if (Is(p, Kind::kNewline) && !t_[p].blank) --p, sep = true;
      if (!At(p)) break;
      if (const int u = UnitEndingAt(p); u >= 0) {
        first = u;
        *found = true;
        continue;
      }
      // A named building on the line before: up to four capitalised words that
      // start with "The" or end with a building word, after a line start.
      if (!sep || !Capitalised(p)) break;
      int b = p, words = 0;
      while (b >= 0 && words < 4 && !IsOf(b) && (NameWord(b) || (Has(b, kParticle) && b != p))) {
        --b;
        ++words;
      }
      int start = b + 1;
      while (start < p && Has(start, kParticle) && !Has(start, kStop)) ++start;
      const bool the = Is(b + 1, Kind::kWord) &&
                       (Text(b + 1) == "The" || Text(b + 1) == "THE");
      if (the) start = b + 1;
      if (!(the || Has(p, kBuilding)) || start > p) break;
      // The line must start there: a text start, a line break, a comma, a cue,
      // "of" ("OF ORCHARD HOUSE, BOWTHORPE ROAD") or, before a capitalised
      // mixed-case name, any lower-case word ("damage Ivy Cottage, ...").
      const bool lower_before = Is(start - 1, Kind::kWord) && t_[start - 1].cs == Case::kLower &&
                                t_[start].cs == Case::kTitle;
      if (At(start - 1) && !Is(start - 1, Kind::kNewline) && !Is(start - 1, Kind::kComma) &&
          !Is(start - 1, Kind::kOther) && !Has(start - 1, kStop) && !IsOf(start - 1) &&
          !lower_before)
        break;
      first = start;
      *found = true;
    }
    return first;
  }

  // Scores and extends a street line [first, last] with or without a number.
  // `type` is the street-type word, for a street without a number.
  bool Finish(int first, int last, bool number, bool lower_case, Span& s, int type = -1,
              bool the_street = false) const {
    bool premise = false;
    first = Premise(first, &premise);
    bool upper_line = !lower_case;
    for (int k = first; k <= last && upper_line; ++k)
      if (Is(k, Kind::kWord) && t_[k].cs != Case::kUpper && !Has(k, kParticle)) upper_line = false;
    int lines = 0;
    bool postcode = false;
    const int end = Extend(last, upper_line, &lines, &postcode);
    const bool strong = number || premise;
    // Without a number or premise only a word that names streets will do.
    if (!strong && !the_street && !(type >= 0 && Has(type, kBareType))) return false;
    if (!strong && lines == 0) {
      s.score = 0.35;  // a street name alone: context decides
    } else if (!strong) {
      s.score = postcode ? 0.75 : 0.55;
    } else {
      // A numbered street alone scores as the street pattern of recognisers.h does.
      s.score = premise || lines > 0 ? 0.85 : 0.7;
    }
    if (!strong && lines > 0) {
      // A bare street joins only lines after a separator, not a word after it.
      if (!Is(last + 1, Kind::kComma) && !Is(last + 1, Kind::kNewline)) {
        s.first = first;
        s.last = last;
        s.score = 0.35;
        return true;
      }
    }
    s.first = first;
    s.last = end;
    return true;
  }

  // A house number after a street name: "Main Street 12", "Via Roma 5";
  // returns its token or -1. "High Street 3 years" is not one.
  int NumberAfter(int last) const {
    int j = last + 1;
    if (Is(j, Kind::kComma) && HouseNumber(j + 1)) ++j;
    if (!HouseNumber(j)) return -1;
    const Token* nx = At(j + 1);
    if (nx && nx->kind == Kind::kWord && (nx->cs == Case::kLower || (Flags(j + 1) & kStop)))
      return -1;
    if (nx && nx->kind == Kind::kDot && At(j + 2) && t_[j + 2].kind == Kind::kWord &&
        t_[j + 2].cs == Case::kLower)
      return -1;
    return j;
  }

  // A staircase letter and flat number after a house number that follows the
  // street name, ending the line: "Mannerheimintie 5 B 12", "Via Roma 12 A".
  // Returns the last token (j itself when there is none).
  int Stair(int j) const {
    if (j < 0) return j;
    auto line_end = [&](int k) {
      const Token* nx = At(k + 1);
      return !nx || nx->kind == Kind::kComma || nx->kind == Kind::kNewline;
    };
    const int k = j + 1;
    if (!Is(k, Kind::kWord) || t_[k].cs != Case::kUpper || t_[k].end - t_[k].start != 1 ||
        Has(k, kStop))
      return j;
    if (HouseNumber(k + 1) && line_end(k + 1)) return k + 1;
    return line_end(k) ? k : j;
  }

  // Military mail: "PSC 1234, Box 5678, APO AE 09123", "Unit 1234 Box 567,
  // DPO AP 12345", "USNS Comfort, FPO AA 12345", anchored at APO/FPO/DPO.
  bool TryMilitary(int i, Span& s) const {
    const std::string_view w = Text(i);
    if (!(w == "APO" || w == "FPO" || w == "DPO")) return false;
    const std::string_view area = Is(i + 1, Kind::kWord) ? Text(i + 1) : std::string_view();
    if (!(area == "AA" || area == "AE" || area == "AP")) return false;
    if (!Is(i + 2, Kind::kNum) || t_[i + 2].end - t_[i + 2].start < 5 || !t_[i + 2].postcode_part)
      return false;
    int first = i;
    // Up to three segments before it: "PSC 1234", "Box 5678", "Unit 1234",
    // "CMR 402", or a ship "USNS Comfort", "USS Nimitz".
    for (int seg = 0; seg < 3; ++seg) {
      int p = first - 1;
      if (Is(p, Kind::kComma)) --p;
      else if (Is(p, Kind::kNewline) && !t_[p].blank) --p;
      if (Is(p, Kind::kNum) && Is(p - 1, Kind::kWord)) {
        const std::string_view k = Text(p - 1);
        if (k == "PSC" || k == "CMR" || k == "Unit" || k == "UNIT" || k == "Box" ||
            k == "BOX" || k == "OPC") {
          first = p - 1;
          continue;
        }
      }
      int q = p, names = 0;
      while (names < 3 && Capitalised(q) && !Has(q, kStop)) --q, ++names;
      if (names > 0 && names < 3 && Is(q + 1, Kind::kWord) &&
          (Text(q + 1) == "USNS" || Text(q + 1) == "USS")) {
        first = q + 1;
        continue;
      }
      break;
    }
    s.first = first;
    s.last = i + 2;
    s.score = first < i ? 0.85 : 0.6;
    return true;
  }

  bool TryAt(int i, Span& s) const {
    if (!Is(i, Kind::kWord)) return false;
    const Token& t = t_[i];
    if (t.cs == Case::kUpper && t.end - t.start == 3 && TryMilitary(i, s)) return true;
    if (IsCompound(i)) {
      // Hauptstraße 5, 12 Kerkstraat
      const int last = WithDot(i);
      const int after = Stair(NumberAfter(last));
      const bool before = HouseNumber(i - 1);
      if (after < 0 && !before) return false;
      return Finish(before ? i - 1 : i, after >= 0 ? after : last, true, false, s);
    }
    // A unit on its own ("Flat 3", "Apt. 591", "Suite 300"), and the lines
    // after it; the anchor of a street line after it comes later.
    if (Capitalised(i) && MayBeUnit(Text(i)) && (Flags(i) & kUnit)) {
      const int u = UnitAt(i);
      if (u >= 0 && !HouseNumber(u + 1) && !(Is(u + 1, Kind::kComma) && HouseNumber(u + 2)) &&
          !(Is(u + 1, Kind::kNewline) && HouseNumber(u + 2))) {
        int lines = 0;
        bool postcode = false;
        s.first = i;
        s.last = Extend(u, t.cs == Case::kUpper, &lines, &postcode);
        s.score = lines > 0 ? 0.6 : 0.4;
        return true;
      }
    }
    // A word that could not be a street type was never looked up.
    if (!t.looked_up) return false;
    const uint16_t flags = t.flags;
    // In lower case only the prefixes that are written so: "12 rue de Rivoli",
    // "ul. Marszałkowska 10" (TryPrefix wants a capitalised name and a number).
    if ((flags & kPrefixType) && (t.cs != Case::kLower || (flags & kLowerPrefix))) {
      if (TryPrefix(i, s)) return true;
    }
    if (flags & kSuffixType) return TrySuffix(i, s);
    return false;
  }

  // Rue de Rivoli, Via Roma, Calle Mayor: the type first, a number before or after.
  bool TryPrefix(int i, Span& s) const {
    int j = WithDot(i) + 1, last = -1, names = 0;
    while (At(j) && names < 4) {
      if (NameWord(j) && !((Flags(j) & kSuffixType) && names > 0)) {
        last = j;
        ++names;
      } else if (Has(j, kParticle) || (Is(j, Kind::kWord) && (Text(j) == "l" || Text(j) == "d"))) {
        // de la, l'
      } else {
        break;
      }
      ++j;
    }
    if (last < 0) return false;
    const bool before = HouseNumber(i - 1);
    const int after = before ? -1 : Stair(NumberAfter(last));
    if (!before && after < 0) return false;
    return Finish(before ? i - 1 : i, after >= 0 ? after : last, true, t_[i].cs == Case::kLower,
                  s);
  }

  // High Street, ST GILES STREET, 12 church lane: the type last.
  bool TrySuffix(int i, Span& s) const {
    // The last of a run of type words ends the name: Church Hill Road.
    int type = i;
    while (Has(type + 1, kSuffixType) && Capitalised(type + 1) && Capitalised(type)) ++type;
    const Token& t = t_[type];
    // Name words before the type, right to left.
    int first = type, names = 0;
    for (int j = type - 1; j >= 0 && names < 4; --j) {
      if (Is(j, Kind::kDot) && Has(j - 1, kAbbrev)) continue;  // St. Mary's
      if (NameWord(j)) {
        first = j;
        ++names;
      } else if (Has(j, kParticle) && !Has(j, kStop) && names > 0) {
        first = j;  // Prince of Wales Road
      } else if (Is(j, Kind::kWord) && (Text(j) == "the" || Text(j) == "The" || Text(j) == "THE") &&
                 names > 0) {
        first = j;
      } else {
        break;
      }
    }
    // Drop leading particles ("of", "the") unless a number comes first: 12 The Street.
    while (first < type && (Has(first, kParticle) || Is(first, Kind::kDot)) &&
           !HouseNumber(first - 1))
      ++first;
    if (first < type && Has(first, kParticle) && HouseNumber(first - 1)) {
      // "12 the" stays only as "The"
      if (t_[first].cs == Case::kLower) return false;
    }
    bool has_name = false;
    for (int k = first; k < type; ++k)
      if (NameWord(k) || (Is(k, Kind::kWord) && t_[k].cs != Case::kLower)) has_name = true;
    const int end = WithDot(type);
    if (!has_name && Is(type - 1, Kind::kWord) &&
        (Text(type - 1) == "The" || Text(type - 1) == "THE" || Text(type - 1) == "the") &&
        HouseNumber(type - 2) && (Flags(type) & (t_[type].cs == Case::kLower ? kLowerType : kSuffixType)))
      return Finish(type - 2, end, true, false, s);  // 12 The Street
    if (has_name && t.cs != Case::kLower) {
      const bool before = HouseNumber(first - 1);
      const int after = before ? -1 : Stair(NumberAfter(end));
      return Finish(before ? first - 1 : first, after >= 0 ? after : end, before || after >= 0,
                    false, s, type);
    }
    if (has_name && t.cs == Case::kLower && HouseNumber(first - 1)) {
      return Finish(first - 1, end, true, false, s);  // 12 High street
    }
    if (has_name && t.cs == Case::kLower && (Flags(type) & kForeignLower)) {
      const int after = Stair(NumberAfter(end));  // Váci utca 5
      if (after >= 0) return Finish(first, after, true, false, s);
    }
    if (!has_name && first == type && TryTheStreet(type, end, s)) return true;
    // Lower case: "12 church lane", only after a house number.
    if (!(Flags(type) & kLowerType)) return false;
    int lf = type;
    for (int j = type - 1; j >= 0 && type - j <= 3; --j) {
      if (!Is(j, Kind::kWord) || (Flags(j) & (kStop | kSuffixType))) break;
      lf = j;
    }
    if (lf == type || !HouseNumber(lf - 1)) return false;
    return Finish(lf - 1, end, true, true, s);
  }

  std::string_view text_;
  std::vector<Token>& t_;
  bool open_before_ = false;
  bool open_after_ = false;
  mutable bool edge_hit_ = false;
};


// Whether word `w` may anchor an address (TryAt can succeed only at such a
// word): a street-type word that starts or ends a street name, a unit word
// (Flat, Apt, Suite), or a capitalised compound (Hauptstraße).
bool MayAnchorAddress(std::string_view w) {
  if (w.size() == 3 && w[1] == 'P' && w[2] == 'O' && (w[0] == 'A' || w[0] == 'F' || w[0] == 'D'))
    return true;  // APO, FPO, DPO
  const bool anchor = MayBeAnchor(w);
  const bool unit = MayBeUnit(w);
  if (anchor || unit) {
    Token t{};
    LookUp(w, t);
    if (t.flags & (kSuffixType | kPrefixType)) return true;
    if (unit && (t.flags & kUnit)) return true;
  }
  return !IsAsciiLower(static_cast<unsigned char>(w[0])) && CompoundEnding(w);
}

// A token boundary that no token crosses: after a space, before an ASCII
// letter or digit (or the text's start or end).
bool SyncPoint(std::string_view text, size_t p) {
  if (p == 0 || p >= text.size()) return true;
  const unsigned char c = static_cast<unsigned char>(text[p]);
  return text[p - 1] == ' ' && (IsAsciiUpper(c) || IsAsciiLower(c) || IsDigit(c));
}

size_t SyncBefore(std::string_view text, size_t p) {
  while (!SyncPoint(text, p)) --p;
  return p;
}

size_t SyncAfter(std::string_view text, size_t p) {
  p = std::min(p, text.size());
  while (!SyncPoint(text, p)) ++p;
  return p;
}

// Bytes of text tokenised before and after a word that may anchor an address.
// The scanner walks a bounded number of tokens from an anchor; where it walks
// further, the whole text is scanned instead.
constexpr size_t kWindowBefore = 64;
constexpr size_t kWindowAfter = 128;

// The scan of one window [p, q) of the text: false when the scanner looked
// past an edge that is not the text's, so the window was too small.
bool ScanWindow(std::string_view text, size_t p, size_t q, std::vector<PiiFinding>& out) {
  std::vector<Token> toks = Tokenise(text.substr(p, q - p));
  for (Token& t : toks) {
    t.start += static_cast<uint32_t>(p);
    t.end += static_cast<uint32_t>(p);
  }
  Scanner scanner(text, toks, p > 0, q < text.size());
  scanner.Run(out);
  return !scanner.edge_hit();
}

}  // namespace

void AddressRecogniser::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  if (text.size() > UINT32_MAX) return;
  // Most text has no word an address could be anchored at: find those words
  // with the tokeniser's own word boundaries, and tokenise and scan only
  // windows around them. A window is cut where the whole text's tokens are
  // cut, so its tokens are the whole text's; no finding starts at a word
  // outside the windows, and one found in a window ends inside it. When the
  // scanner looks past a window's edge, the whole text is scanned instead, so
  // the findings are always those of the full scan (FindWithoutWindows).
  const size_t n = text.size();
  std::vector<std::pair<size_t, size_t>> windows;
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (const size_t len = NonWordUtf8(text, i)) {
        i += len;
        continue;
      }
    } else if (!IsWordByte(c)) {
      ++i;
      continue;
    }
    const size_t b = i;
    i = WordEnd(text, b);
    if (!MayAnchorAddress(text.substr(b, i - b))) continue;
    const size_t p = SyncBefore(text, b > kWindowBefore ? b - kWindowBefore : 0);
    const size_t q = SyncAfter(text, i + kWindowAfter);
    if (!windows.empty() && p <= windows.back().second)
      windows.back().second = std::max(windows.back().second, q);
    else
      windows.emplace_back(p, q);
  }
  // Windows scanned so far: [p, q) and the size of `out` before their findings.
  struct Done {
    size_t p, q, out_before;
  };
  std::vector<Done> done;
  for (size_t w = 0; w < windows.size(); ++w) {
    size_t p = windows[w].first, q = windows[w].second;
    size_t out_before = out.size();
    for (size_t grow = 2 * kWindowAfter; !ScanWindow(text, p, q, out); grow *= 2) {
      // Too small: grow it, and rescan it with the windows it reaches.
      out.resize(out_before);
      p = SyncBefore(text, p > grow ? p - grow : 0);
      q = SyncAfter(text, q > n - grow ? n : q + grow);
      while (!done.empty() && done.back().q >= p) {
        p = std::min(p, done.back().p);
        out_before = done.back().out_before;
        out.resize(out_before);
        done.pop_back();
      }
      while (w + 1 < windows.size() && windows[w + 1].first <= q) {
        q = std::max(q, windows[w + 1].second);
        ++w;
      }
    }
    done.push_back({p, q, out_before});
  }
}

void AddressRecogniser::FindWithoutWindows(std::string_view text,
                                           std::vector<PiiFinding>& out) const {
  if (text.size() > UINT32_MAX) return;
  std::vector<Token> toks = Tokenise(text);
  Scanner(text, toks).Run(out);
}

}  // namespace foidesk::privacy
