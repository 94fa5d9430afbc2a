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
enum Flag : uint32_t {
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
  kWeakType = 1 << 14,     // ends one only after a house number: 12 Eriksson Bridge
  kPoBox = 1 << 15,        // Box, Postbox: a post-office box with its number
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
  uint32_t flags = 0;
};

const std::unordered_map<std::string_view, uint32_t>& Lexicon() {
  static const auto* kLexicon = [] {
    auto* m = new std::unordered_map<std::string_view, uint32_t>();
    auto add = [&](std::initializer_list<std::string_view> words, uint32_t f) {
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
         "utca", "út", "körút", "tér", "katu", "cesta", "ulica", "ulice", "trg", "útja", "köz",
         "sor", "rakpart", "rkp", "krt", "fasor", "sétány", "u", "tänav", "põik", "maantee",
         "puiestee", "veg", "vegur", "braut", "stræde", "gränd", "terrasse", "tee"},
        kSuffixType);
    // Kinds of street in the USPS list of street suffixes (Publication 28,
    // appendix C1) that are also everyday words: they end a street name only
    // after a house number ("12 Eriksson Bridge", not "the Forth Bridge").
    add({"bridge", "brook", "bypass", "canyon", "cape", "cliff", "cliffs", "cove", "creek",
         "crest", "crossroad", "crossroads", "curve", "dale", "expressway", "extension",
         "extensions", "ferry", "ford", "forest", "freeway", "gateway", "glen", "harbor",
         "harbour", "haven", "inlet", "island", "isle", "junction", "knoll", "lake", "lakes",
         "landing", "manor", "mill", "mills", "motorway", "mountain", "oval", "overpass", "pass",
         "passage", "pines", "point", "points", "prairie", "ranch", "ridge", "river", "route",
         "shore", "shores", "skyway", "spur", "stream", "summit", "throughway", "tunnel",
         "turnpike", "underpass", "union", "valley", "viaduct", "village", "ville", "vista",
         "streets", "roads", "squares", "parks", "drives", "courts", "hills", "ways", "ridges",
         "groves", "terraces", "falls", "club",
         "burg", "camp", "fort", "plains", "radial", "ramp", "rapids", "rest", "trafficway"},
        kSuffixType | kWeakType);
    // Street words written in lower case after a capitalised name, with the
    // number after: "Váci utca 5", "Stora gatan 3", "Berliner straße 12".
    add({"strasse", "straße", "gasse", "vej", "gade", "gatan", "gata", "vägen", "väg", "veien",
         "vei", "utca", "út", "körút", "tér", "katu", "cesta", "ulica", "ulice", "trg", "útja",
         "köz", "sor", "rakpart", "rkp", "krt", "fasor", "sétány", "u", "tänav", "põik",
         "maantee", "puiestee", "gate", "veg", "vegur", "braut", "stræde", "gränd", "terrasse",
         "tee"},
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
         "aleja", "bulevar", "trg", "vicolo", "piazzale", "lungomare", "contrada", "borgo",
         "avda", "avd", "rúa", "estrada", "rodovia", "alameda", "beco", "passeig", "plaça",
         "travesía", "glorieta", "impasse", "quai", "route", "chemin", "cours", "calea", "aleea",
         "bulevardul", "prospekt", "pereulok", "náměstí", "nám", "třída", "nábřeží", "odos"},
        kPrefixType);
    add({"rue", "calle", "avenida", "rua", "ulica", "ul", "viale", "corso", "chemin", "carrer",
         "strada", "piazza", "avinguda", "travessa", "ulitsa", "plac", "aleja", "vicolo",
         "avda", "rúa", "impasse", "calea", "aleea", "prospekt", "náměstí", "nám", "quai"},
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
         "an", "y", "e", "l'", "d'", "nad", "pod", "na", "bei", "sous", "lès"},
        kParticle);
    add({"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"},
        kDirection);
    add({"st", "rd", "ave", "av", "ln", "dr", "cl", "ct", "pl", "sq", "cres", "gdns", "blvd",
         "pkwy", "hwy", "tce", "terr", "pde", "cir", "str", "apt", "ste", "bldg", "no", "mt",
         "ft", "ul", "n", "s", "e", "w", "u", "rkp", "krt", "avda", "nám", "box"},
        kAbbrev);
    // "PO Box 12", "P.O. Box 12", "Postbox 53", "Postfach 10 12 34".
    add({"box", "postbox", "postfach", "apartado", "postboks", "pobox"}, kPoBox);
    return m;
  }();
  return *kLexicon;
}

// Endings of compound street names written as one word (Hauptstraße, Kerkstraat).
constexpr std::string_view kCompoundSuffixes[] = {
    "straße", "strasse", "str",  "weg",   "gasse", "allee", "platz", "straat", "laan",
    "gracht", "plein",   "steeg", "vej",  "gatan", "vägen", "veien", "vegen",  "utca",
    "katu",   "tie",     "gade", "gata",  "kuja",  "polku", "kaari", "väylä", "stræde",
    "stræti", "straeti", "vegur", "braut", "damm",  "chaussee", "kade", "dijk", "cesta",
    "ulica",  "tänav"};

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
  // Indexed by first, second and last letter; one bit per length (all
  // anchors are shorter than 16 bytes), in the low half for any case and in
  // the high half for words that are anchors only when capitalised (Bridge,
  // Box), so that lower-case "point" costs no look-up.
  using Table = std::array<std::array<std::array<uint32_t, 27>, 27>, 27>;
  static const Table* kSeen = [] {
    auto* seen = new Table{};
    for (const auto& [word, flags] : Lexicon()) {
      if (!(flags & (kSuffixType | kPrefixType | kPoBox)) || word.size() < 2 || word.size() >= 16)
        continue;
      const bool capitalised = (flags & (kWeakType | kPoBox)) && !(flags & kPrefixType);
      (*seen)[LetterIndex(static_cast<unsigned char>(word[0]))]
             [LetterIndex(static_cast<unsigned char>(word[1]))]
             [LetterIndex(static_cast<unsigned char>(word.back()))] |=
          uint32_t{1} << (word.size() + (capitalised ? 16 : 0));
    }
    return seen;
  }();
  if (w.size() < 2 || w.size() >= 16) return w == "u";  // Hungarian "Király u. 15."
  const uint32_t bits = (*kSeen)[LetterIndex(static_cast<unsigned char>(w[0]))]
                                [LetterIndex(static_cast<unsigned char>(w[1]))]
                                [LetterIndex(static_cast<unsigned char>(w.back()))];
  const uint32_t any = uint32_t{1} << w.size();
  return (bits & (IsAsciiUpper(static_cast<unsigned char>(w[0])) ? any | any << 16 : any)) != 0;
}

// Whether w is `word` (lower case, of w's length) in any case.
bool SameWord(std::string_view w, std::string_view word) {
  for (size_t k = 0; k < w.size(); ++k)
    if ((static_cast<unsigned char>(w[k]) | 0x20) != static_cast<unsigned char>(word[k]))
      return false;
  return true;
}

// A word that says an address follows, in any case: "address: Tylova 285",
// "lives at Dunajska 56". Ruled out by length and first letter first.
bool IsCue(std::string_view w) {
  auto is = [&](std::string_view cue) { return SameWord(w, cue); };
  const unsigned char c = static_cast<unsigned char>(w[0]) | 0x20;
  switch (w.size()) {
    case 4: return c == 'a' && is("addr");
    case 5: return (c == 'l' && is("lives")) || (c == 'a' && is("adres"));
    case 6: return c == 'l' && is("living");
    case 7: return c == 'a' ? is("address") || is("adresse") : c == 'r' && is("resides");
    case 8: return c == 'r' && is("residing");
    default: return false;
  }
}

// A label of a postal code: "ZIP", "zip code", "Postcode", "postal code".
bool IsZipCue(std::string_view w) {
  const unsigned char c = static_cast<unsigned char>(w[0]) | 0x20;
  switch (w.size()) {
    case 3: return c == 'z' && SameWord(w, "zip");
    case 6: return c == 'p' && SameWord(w, "postal");
    case 7: return c == 'z' && SameWord(w, "zipcode");
    case 8: return c == 'p' && SameWord(w, "postcode");
    default: return false;
  }
}

// Flat, Apartment, Apt, Suite, Ste: a cheap test before the look-up.
bool MayBeUnit(std::string_view w) {
  const unsigned char c = static_cast<unsigned char>(w[0]);
  return w.size() >= 3 && w.size() <= 9 && (c == 'F' || c == 'A' || c == 'S');
}

// A word (of six to 39 bytes) that ends like a compound street name.
bool CompoundEnding(std::string_view w) {
  if (w.size() < 6 || w.size() >= 40) return false;
  // The last three bytes (ASCII lower-cased) of every ending, as one bit of
  // a table indexed by the last two, so that most words are ruled out
  // without copying them.
  auto lower = [](unsigned char c) { return IsAsciiUpper(c) ? static_cast<unsigned char>(c + 32) : c; };
  auto slot = [](unsigned char a, unsigned char b) { return (a * 31u + b) & 1023u; };
  static const auto* kLastThree = [&] {
    auto* t = new std::array<uint32_t, 1024>{};
    for (std::string_view suf : kCompoundSuffixes) {
      const size_t n = suf.size();
      (*t)[slot(static_cast<unsigned char>(suf[n - 2]), static_cast<unsigned char>(suf[n - 1]))] |=
          uint32_t{1} << (static_cast<unsigned char>(suf[n - 3]) & 31);
    }
    return t;
  }();
  const size_t n = w.size();
  if (!(((*kLastThree)[slot(lower(static_cast<unsigned char>(w[n - 2])),
                             lower(static_cast<unsigned char>(w[n - 1])))] >>
         (lower(static_cast<unsigned char>(w[n - 3])) & 31)) & 1))
    return false;
  char buf[40];
  for (size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    buf[i] = IsAsciiUpper(c) ? static_cast<char>(c + 32) : static_cast<char>(c);
  }
  const std::string_view key(buf, w.size());
  for (std::string_view suf : kCompoundSuffixes) {
    if (key.size() < suf.size() + 3 || !key.ends_with(suf)) continue;
    // Finnish -tie only on a long stem (Mannerheimintie, not Sweetie), and
    // not the -gade of Brigade or Renegade, nor the -kade of Blockade.
    if (suf == "tie" && key.size() < 8) continue;
    if (suf == "gade" && (key.ends_with("igade") || key.ends_with("negade"))) continue;
    if (suf == "kade" && key.ends_with("ckade")) continue;  // Blockade
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
        floor_ = i;
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
  bool Has(int i, uint32_t f) const { return Is(i, Kind::kWord) && (Flags(i) & f); }
  uint32_t Flags(int i) const {
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

  // 1900 to 2099: before a weak street word more often a year than a house.
  bool Year(int i) const {
    const std::string_view w = Text(i);
    return w.size() == 4 && (w.starts_with("19") || w.starts_with("20"));
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
      if (Is(j, Kind::kComma) && j == i + 1) ++j;  // a line that starts with the comma
    }
    return j == i ? -1 : j;
  }

  // Punctuation that ends a clause after an address: "Cyprus 36903? I am".
  bool ClauseMark(int i) const {
    if (!Is(i, Kind::kOther) || t_[i].end - t_[i].start != 1) return false;
    const char c = text_[t_[i].start];
    return c == '?' || c == '!' || c == ';' || c == ')';
  }

  // Three digits and two: the two groups of a Swedish, Czech or Slovak postcode.
  bool SplitPostcode(int j) const {
    return Is(j, Kind::kNum) && Is(j + 1, Kind::kNum) && t_[j].end - t_[j].start == 3 &&
           t_[j + 1].end - t_[j + 1].start == 2 && t_[j].house_number && t_[j + 1].house_number &&
           IsDigit(static_cast<unsigned char>(text_[t_[j].end - 1])) &&
           IsDigit(static_cast<unsigned char>(text_[t_[j + 1].end - 1]))
           ;
  }

  // A state or province code before its postal code, on the same line or
  // the next: "Springfield, IL 62704", "Toronto\n, ON\n K1A 0B1". Two or three
  // capitals, whatever they spell in lower case ("ON", "AT", "ME"), so only
  // after a comma or a line break: "AT 1400 HOURS" is a time.
  bool RegionCode(int j) const {
    if (!Is(j, Kind::kWord) || t_[j].cs != Case::kUpper) return false;
    if (!Is(j - 1, Kind::kComma) && !Is(j - 1, Kind::kNewline)) return false;
    // In mixed-case text only, after a town written in it: a legacy upper-case
    // line has ", TEL 07700 900123".
    int p = j - 1;
    while (p >= 0 && p > j - 4 && (Is(p, Kind::kComma) || Is(p, Kind::kNewline))) --p;
    if (!Is(p, Kind::kWord) || t_[p].cs != Case::kTitle) return false;
    const std::string_view w = Text(j);
    if (w.size() < 2 || w.size() > 3) return false;
    for (unsigned char c : w)
      if (!IsAsciiUpper(c)) return false;
    int k = j + 1;
    if (Is(k, Kind::kNewline) && !t_[k].blank) ++k;
    return (Is(k, Kind::kNum) && t_[k].postcode_part && Text(k).size() >= 4) ||
           (Is(k, Kind::kAlnum) && t_[k].postcode_part);
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
      if (RegionCode(j)) {
        // Counted as a name word, whatever the lexicon says of "ON" or "AT".
        if (words == max_words) break;
        ++words;
        last = j;
      } else if (NameWord(j) && !Is(j, Kind::kAlnum)) {
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

  // A second street after "and" or "&" ending in a street word, naming a
  // crossing: "ul. Grochowa 80 and Lahtinen Road", "Main St & 5th Ave".
  // Returns its last token, or `last` when there is none.
  int Crossing(int last) const {
    int j = last + 1;
    if (!(Is(j, Kind::kWord) && (Text(j) == "and" || Text(j) == "AND")) &&
        !(Is(j, Kind::kOther) && text_[t_[j].start] == '&'))
      return last;
    ++j;
    for (int names = 0; names < 3 && NameWord(j) && !(Flags(j) & kSuffixType); ++names) ++j;
    if (j == last + 2 || !Capitalised(j) || !(Flags(j) & kSuffixType)) return last;
    return WithDot(j);
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
            nx->kind != Kind::kDot && !ClauseMark(r + 1))
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
    // A second number before the house number on its line is a unit or
    // building number: "17 2202 Rissik St", "6138 Via Roma 131".
    if (!premise && number && HouseNumber(first) && HouseNumber(first - 1) && first - 1 >= floor_)
      --first;
    // The dot of a Hungarian or Czech house number ("Király u. 15.") when
    // more lines follow.
    if (number && Is(last, Kind::kNum) && Is(last + 1, Kind::kDot) &&
        (Is(last + 2, Kind::kComma) || Is(last + 2, Kind::kNewline) || Has(last + 2, kUnit)))
      ++last;
    last = Crossing(last);
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
    if (nx && nx->kind == Kind::kWord && (nx->cs == Case::kLower || (Flags(j + 1) & kStop)) &&
        Crossing(j) == j)
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
        const int street = StreetBeforeUnit(i);
        s.first = street >= 0 ? street : i;
        s.last = Extend(u, t.cs == Case::kUpper, &lines, &postcode);
        s.score = street >= 0 ? 0.85 : lines > 0 ? 0.6 : 0.4;
        return true;
      }
    }
    if (IsCue(Text(i)) && TryAfterCue(i, s)) return true;
    if (IsZipCue(Text(i)) && TryZip(i, s)) return true;
    // A word that could not be a street type was never looked up.
    if (!t.looked_up) return false;
    const uint32_t flags = t.flags;
    if ((flags & kPoBox) && t.cs != Case::kLower) return TryPoBox(i, s);
    // In lower case only the prefixes that are written so: "12 rue de Rivoli",
    // "ul. Marszałkowska 10" (TryPrefix wants a capitalised name and a number).
    if ((flags & kPrefixType) && (t.cs != Case::kLower || (flags & kLowerPrefix))) {
      if (TryPrefix(i, s)) return true;
    }
    if (flags & kSuffixType) return TrySuffix(i, s);
    return false;
  }

  // A street line with its number after the name, and no street word, on the
  // line of a unit or the line before it: "Kuuse 53 Apt. 641", "Allika 46\n
  // Suite 501". Returns its first token (a building number before it
  // included), or -1. `unit` is the unit word.
  int StreetBeforeUnit(int unit) const {
    int p = unit - 1;
    if (Is(p, Kind::kComma)) --p;
    if (Is(p, Kind::kNewline) && !t_[p].blank) --p;
    if (p < floor_ || !HouseNumber(p)) return -1;
    int first = -1, names = 0;
    for (int j = p - 1; names < 3; --j) {
      if (j < floor_) {
        At(j);  // marks a window's edge
        break;
      }
      if (NameWord(j) && !Is(j, Kind::kAlnum) && !Has(j, kPremise)) {
        first = j;
        ++names;
      } else if (!(names > 0 && Has(j, kParticle) && !Has(j, kStop))) {
        break;
      }
    }
    if (first < 0) return -1;
    // The line must start there: "lives at Kuuse 53 Apt. 641", not "room 3 of Block 4 Apt 2".
    const Token* pv = At(first - 1);
    if (pv && !(pv->kind == Kind::kNewline || pv->kind == Kind::kComma ||
                pv->kind == Kind::kOther || (pv->kind == Kind::kWord && pv->cs == Case::kLower) ||
                (first - 1 >= floor_ && HouseNumber(first - 1))))
      return -1;
    return first - 1 >= floor_ && HouseNumber(first - 1) ? first - 1 : first;
  }

  // A street line with no street word, known by the cue before it: "address:
  // Tylova 285", "lives at Dunajska 56, Studenec", "address is 87 Edeby 55".
  // The name must be capitalised and the number must end it.
  bool TryAfterCue(int i, Span& s) const {
    int j = i + 1;
    const std::string_view w = Text(i);
    const unsigned char c0 = static_cast<unsigned char>(w[0] | 0x20);
    if (c0 == 'l' || c0 == 'r') {  // lives, living, resides, residing: then "at"
      if (!Is(j, Kind::kWord) || !(Text(j) == "at" || Text(j) == "AT")) return false;
      ++j;
    } else {
      if (Is(j, Kind::kOther) && text_[t_[j].start] == ':') ++j;
      else if (Is(j, Kind::kWord) && (Text(j) == "is" || Text(j) == "IS")) ++j;
    }
    const int first = j;
    if (HouseNumber(j)) ++j;  // a building number first
    int last = -1, names = 0;
    while (names < 3) {
      if (NameWord(j) && !Is(j, Kind::kAlnum) && !(Flags(j) & (kSuffixType | kPremise | kPoBox))) {
        last = j;
        ++names;
      } else if (!(names > 0 && Has(j, kParticle) && !Has(j, kStop) && NameWord(j + 1))) {
        break;
      }
      ++j;
    }
    if (last < 0) return false;
    const int after = NumberAfter(last);
    if (after < 0 || after != last + 1) return false;
    return Finish(first, Stair(after), true, false, s);
  }

  // A numeric postal code after its label: "ZIP: 48750", "my zip code is
  // 394 13", "Postcode: 7412 SL". Only the code is reported. Codes with
  // letters first (NR2 4PN, B0J 2H0) are the postcode recogniser's.
  bool TryZip(int i, Span& s) const {
    int j = i + 1;
    const bool postal = Text(i).size() == 6;  // "postal" needs "code"
    if (Is(j, Kind::kWord) && (Text(j) == "code" || Text(j) == "Code" || Text(j) == "CODE")) ++j;
    else if (postal) return false;
    if (Is(j, Kind::kOther) && text_[t_[j].start] == ':') ++j;
    else if (Is(j, Kind::kWord) && (Text(j) == "is" || Text(j) == "IS")) ++j;
    // The first group: three to nine digits (62704, 62704-1234, 3610-114).
    const int first = j;
    if (!Is(j, Kind::kNum)) return false;
    int digits = 0, dashes = 0;
    for (char ch : Text(j)) {
      digits += IsDigit(static_cast<unsigned char>(ch));
      dashes += ch == '-';
    }
    if (digits < 3 || digits > 9 || digits + dashes != static_cast<int>(Text(j).size()))
      return false;
    // A second group: 394 13, 7412 SL.
    const int k = j + 1;
    if ((Is(k, Kind::kNum) && t_[k].end - t_[k].start <= 3) ||
        (Is(k, Kind::kWord) && t_[k].cs == Case::kUpper && t_[k].end - t_[k].start == 2 &&
         !Has(k, kStop)))
      j = k;
    s.first = first;
    s.last = j;
    s.score = 0.7;
    return true;
  }

  // "PO Box 12", "P.O. Box 12", "Post Office Box 12", "Postbox 53",
  // "Postfach 12", anchored at the box word, and the lines after it.
  bool TryPoBox(int i, Span& s) const {
    int first = i;
    const std::string_view w = Text(i);
    if (w == "Box" || w == "BOX") {
      int p = i - 1;
      auto is = [&](int k, std::string_view a, std::string_view b) {
        return Is(k, Kind::kWord) && (Text(k) == a || Text(k) == b);
      };
      if (is(p, "PO", "Po")) {
        first = p;
      } else if (is(p, "Office", "OFFICE") && is(p - 1, "Post", "POST")) {
        first = p - 1;
      } else {
        // P.O. and P. O.
        if (Is(p, Kind::kDot)) --p;
        if (!is(p, "O", "O") || !Is(p - 1, Kind::kDot) || !is(p - 2, "P", "P")) return false;
        first = p - 2;
      }
      if (first < floor_) return false;
    }
    int j = WithDot(i) + 1;
    if (Is(j, Kind::kHash)) ++j;
    if (!Is(j, Kind::kNum) || t_[j].end - t_[j].start > 7) return false;
    // Postfach 10 12 34: the number in groups.
    while (Is(j + 1, Kind::kNum) && t_[j + 1].end - t_[j + 1].start == 2 && j - i < 4) ++j;
    return Finish(first, j, true, false, s);
  }

  // Rue de Rivoli, Via Roma, Calle Mayor: the type first, a number before or after.
  bool TryPrefix(int i, Span& s) const {
    int j = WithDot(i) + 1, last = -1, names = 0;
    // After a number a lower-case prefix may take a lower-case name: "36 rue de pologne".
    const bool lower_names = t_[i].cs == Case::kLower && HouseNumber(i - 1);
    while (At(j) && names < 4) {
      if (lower_names && Is(j, Kind::kWord) && t_[j].cs == Case::kLower &&
          !(Flags(j) & (kStop | kParticle | kPremise))) {
        last = j;
        ++names;
      } else if (NameWord(j) && !((Flags(j) & kSuffixType) && names > 0) && !(Flags(j) & kUnit)) {
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
    const int after = Stair(NumberAfter(last));  // also after a building number: 6138 Via Roma 131
    if (!before && after < 0) return false;
    return Finish(before ? i - 1 : i, after >= 0 ? after : last, true, t_[i].cs == Case::kLower,
                  s);
  }

  // High Street, ST GILES STREET, 12 church lane: the type last.
  bool TrySuffix(int i, Span& s) const {
    // A one-letter type is the Hungarian "u." (utca) only.
    if (t_[i].end - t_[i].start == 1 && !(Text(i) == "u" && Is(i + 1, Kind::kDot))) return false;
    // The last of a run of type words ends the name: Church Hill Road (but
    // not Main Street Bridge).
    int type = i;
    while (Has(type + 1, kSuffixType) && !(Flags(type + 1) & kWeakType) && Capitalised(type + 1) &&
           Capitalised(type))
      ++type;
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
    if (Flags(type) & kWeakType) {
      // 12 Eriksson Bridge: capitalised, after a house number that is not a year.
      if (!has_name || t.cs == Case::kLower || !HouseNumber(first - 1) || Year(first - 1))
        return false;
      for (int k = first; k < type; ++k)
        if (Has(k, kStop)) return false;  // "12 Cue The Lonely Island" names no street
      return Finish(first - 1, end, true, false, s);
    }
    if (!has_name && Is(type - 1, Kind::kWord) &&
        (Text(type - 1) == "The" || Text(type - 1) == "THE" || Text(type - 1) == "the") &&
        HouseNumber(type - 2) && (Flags(type) & (t_[type].cs == Case::kLower ? kLowerType : kSuffixType)))
      return Finish(type - 2, end, true, false, s);  // 12 The Street
    if (has_name && t.cs != Case::kLower) {
      const bool before = HouseNumber(first - 1);
      const int after = Stair(NumberAfter(end));
      return Finish(before ? first - 1 : first, after >= 0 ? after : end, before || after >= 0,
                    false, s, type);
    }
    if (has_name && t.cs == Case::kLower && HouseNumber(first - 1)) {
      // 12 High street; 6076 Piroska u. 97.
      const int after = (Flags(type) & kForeignLower) ? Stair(NumberAfter(end)) : -1;
      return Finish(first - 1, after >= 0 ? after : end, true, false, s);
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
  int floor_ = 0;  // the first token after the last finding: no span reaches back past it
};


// Whether a cue word ending at byte e ("address", "lives") may be followed by
// what TryAfterCue takes: "at" after lives, resides; then an optional ":" or
// "is"; then a number or a capitalised word. Cue words are common in prose,
// and most are followed by neither ("lives in", "email address"), so this
// check keeps them from opening windows.
bool CueMayLead(std::string_view text, size_t e, bool needs_at) {
  const size_t n = text.size();
  auto skip_space = [&](size_t i) {
    while (i < n) {
      const char c = text[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') ++i;
      else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < n &&
               static_cast<unsigned char>(text[i + 1]) == 0xA0) i += 2;
      else break;
    }
    return i;
  };
  auto word = [&](size_t i, char a, char b) {  // a two-letter word at i, any case
    return i + 2 < n && (text[i] | 0x20) == a && (text[i + 1] | 0x20) == b &&
           skip_space(i + 2) > i + 2;
  };
  size_t i = skip_space(e);
  if (needs_at) {
    if (!word(i, 'a', 't')) return false;
    i = skip_space(i + 2);
  } else if (i < n && text[i] == ':') {
    i = skip_space(i + 1);
  } else if (word(i, 'i', 's')) {
    i = skip_space(i + 2);
  }
  if (i >= n) return false;
  const unsigned char c = static_cast<unsigned char>(text[i]);
  return IsDigit(c) || IsAsciiUpper(c) || c >= 0x80;
}

// Whether the word [b, e) of text may anchor an address (TryAt can succeed
// only at such a word): a street-type word that starts or ends a street name,
// a unit word (Flat, Apt, Suite), a post-office box word, a cue word with what
// TryAfterCue takes after it, a postal-code label, or a capitalised compound
// (Hauptstraße).
bool MayAnchorAddress(std::string_view text, size_t b, size_t e) {
  const std::string_view w = text.substr(b, e - b);
  if (w.size() == 3 && w[1] == 'P' && w[2] == 'O' && (w[0] == 'A' || w[0] == 'F' || w[0] == 'D'))
    return true;  // APO, FPO, DPO
  const bool anchor = MayBeAnchor(w);
  const bool unit = MayBeUnit(w);
  if (anchor || unit) {
    Token t{};
    LookUp(w, t);
    if (t.flags & (kSuffixType | kPrefixType | kPoBox)) return true;
    if (unit && (t.flags & kUnit)) return true;
  }
  if (IsCue(w)) {
    const unsigned char c0 = static_cast<unsigned char>(w[0]) | 0x20;
    if (CueMayLead(text, e, c0 == 'l' || c0 == 'r')) return true;
  }
  if (IsZipCue(w)) return true;
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
    if (!MayAnchorAddress(text, b, i)) continue;
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
