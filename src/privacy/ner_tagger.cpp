// The tagger: its tokenizer, the candidates and features of each token, the
// model file, greedy decoding and the recogniser (see ner_tagger.h).
#include "privacy/ner_tagger.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace foidesk::privacy {
namespace {

constexpr std::string_view kTagNames[kNerTagCount] = {"O",     "B-PER", "I-PER", "B-LOC",
                                                      "I-LOC", "B-ORG", "I-ORG"};

// ---- hashing: FNV-1a over a value's bytes, mixed with its template's seed.

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

inline uint64_t FnvAdd(uint64_t h, std::string_view s) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return h;
}
inline uint64_t Fnv(std::string_view s) { return FnvAdd(kFnvOffset, s); }

inline uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x == 0 ? 1 : x;  // 0 marks an empty slot
}

// The feature templates. The order is the order features are emitted in;
// the names are the model file's.
enum Template : int {
  kBias,
  kWord,
  kPrefix3,
  kSuffix3,
  kShape,
  kLength,
  kGaz,
  kGazBit,
  kBosGaz,
  kWordM1,
  kWordM2,
  kWordP1,
  kWordP2,
  kShapeM1,
  kShapeP1,
  kGazM1,
  kGazP1,
  kTagM1,
  kTagM2M1,
  kTagM1Word,
  kWordM1Shape,
  kKind,
  kRuleM1,
  kRuleP1,
  kTemplateCount
};

constexpr std::string_view kTemplateNames[kTemplateCount] = {
    "b",   "w",    "p3",   "s3",  "sh",  "len", "g",   "gb",   "bos",   "w-1", "w-2", "w+1",
    "w+2", "sh-1", "sh+1", "g-1", "g+1", "t-1", "t-2", "t-1w", "w-1sh", "k",   "r-1", "r+1"};

struct Seeds {
  uint64_t seed[kTemplateCount];
  Seeds() {
    for (int t = 0; t < kTemplateCount; ++t)
      seed[t] = Fnv(kTemplateNames[t]) * 0x9e3779b97f4a7c15ull;
  }
};
const Seeds& TemplateSeeds() {
  static const Seeds s;
  return s;
}

inline uint64_t FeatureHash(int tmpl, uint64_t value_hash) {
  return Mix(TemplateSeeds().seed[tmpl] ^ value_hash);
}

// ---- characters

inline bool AsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

size_t Utf8Len(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 1;  // a stray byte counts as one character
}

// Byte length of the letter or digit at `i`, or 0. Bytes from 0x80 are
// letters except the punctuation blocks U+0080..U+00BF (NBSP, pound, «) and
// U+2000..U+206F (quotes, dashes), and U+00D7, U+00F7.
size_t WordCharAtMultiByte(std::string_view s, size_t i);

inline size_t WordCharAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return AsciiAlnum(c) ? 1 : 0;
  return WordCharAtMultiByte(s, i);
}

__attribute__((noinline)) size_t WordCharAtMultiByte(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == 0xC2) return 0;
  if (c == 0xC3 && i + 1 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) == 0x97 ||
       static_cast<unsigned char>(s[i + 1]) == 0xB7))
    return 0;
  if (c == 0xE2 && i + 1 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) == 0x80 ||
       static_cast<unsigned char>(s[i + 1]) == 0x81))
    return 0;
  if (c == 0xE3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80)
    return 0;  // CJK punctuation
  const size_t len = Utf8Len(c);
  if (len < 2 || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return len;
}

inline size_t ApostropheAt(std::string_view s, size_t i) {
  if (s[i] == '\'') return 1;
  if (s[i] == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x99') return 3;
  return 0;
}

// Upper-case letters: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic (as
// the name recogniser reads them).
bool UpperMultiByteAt(std::string_view s, size_t i);

inline bool UpperAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return UpperMultiByteAt(s, i);
}

__attribute__((noinline)) bool UpperMultiByteAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0xC3 || c > 0xD0 || i + 1 >= s.size()) return false;
  const unsigned char d = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xC3) return d >= 0x80 && d <= 0x9E && d != 0x97;
  if (c == 0xC4 || c == 0xC5) {
    const unsigned cp = (static_cast<unsigned>(c & 0x1F) << 6) | (d & 0x3F);
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
    if (cp == 0x178) return true;
    const bool odd_caps = (cp >= 0x139 && cp <= 0x148) || cp >= 0x179;
    return (cp & 1) == (odd_caps ? 1u : 0u);
  }
  if (c == 0xCE) return d >= 0x91 && d <= 0xA9 && d != 0xA2;
  if (c == 0xD0) return d >= 0x80 && d <= 0xAF;
  return false;
}

inline bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c < 0x20; }

// ASCII capitals and small letters in `text`, eight bytes at a time.
std::pair<size_t, size_t> CountCase(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  // A byte's high bit ends up set when the byte is in [lo, hi] (ASCII only).
  auto in_range = [](uint64_t x, unsigned lo, unsigned hi) {
    const uint64_t low7 = x & ~kHigh;
    const uint64_t ge_lo = low7 + (0x80 - lo) * kOnes;  // high bit: byte >= lo
    const uint64_t gt_hi = low7 + (0x7F - hi) * kOnes;  // high bit: byte > hi
    return ge_lo & ~gt_hi & ~x & kHigh;
  };
  // Bytes whose high bit is set in `m` (only high bits are): one multiply.
  auto count = [](uint64_t m) { return static_cast<size_t>(((m >> 7) * kOnes) >> 56); };
  size_t upper = 0, lower = 0, i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    upper += count(in_range(x, 'A', 'Z'));
    lower += count(in_range(x, 'a', 'z'));
  }
  for (; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    upper += static_cast<unsigned char>(c - 'A') < 26;
    lower += static_cast<unsigned char>(c - 'a') < 26;
  }
  return {upper, lower};
}

// A line the tagger leaves to the rules: fewer than one small letter to
// eight capitals (ASCII letters).
bool IsUpperLine(std::string_view line) {
  const auto [upper, lower] = CountCase(line);
  return upper > 0 && lower * 8 < upper;
}

// 0: the word does not start with a capital; 1: it does; 2: so does its
// second letter (an "@" or "#" before the word does not count).
uint8_t CapsOf(std::string_view text, const NerToken& t) {
  size_t a = t.start;
  if ((text[a] == '@' || text[a] == '#') && a + 1 < t.end) ++a;
  if (!UpperAt(text, a)) return 0;
  const size_t b = a + Utf8Len(static_cast<unsigned char>(text[a]));
  return b < t.end && UpperAt(text, b) ? 2 : 1;
}

// Whether a token holds a digit or an underscore: a code, a file name or a
// registration ("DSC_0012", "AB12"), never tagged.
bool HasDigitOrUnderscore(std::string_view word) {
  return std::any_of(word.begin(), word.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '_'; });
}

// Whether a capitalised word is left alone although it is no stop word:
// the gazetteer says it is never part of a name (jargon, days, platforms,
// frequent words of police narratives), or it is only a common word and
// starts a sentence or is written in capitals ("Property was taken",
// "28 DAYS"). A common word that is also a name or a place stays.
bool SkippedWord(uint16_t flags, bool bos, uint8_t caps) {
  if (flags & kNotName) return true;
  constexpr uint16_t kNamed = kGivenName | kSurname | kPlace | kPlaceStart | kForeignPlace;
  return (bos || caps == 2) && (flags & kCommonWord) && !(flags & kNamed);
}

// Words that are never tagged when capitalised: function words, pronouns,
// auxiliaries and titles (at most seven letters: see StopWordSet).
constexpr std::string_view kStopWords[] = {
    "a",      "about", "after", "again", "all",     "also",  "am",     "an",     "and",  "any",
    "are",    "as",    "at",    "be",    "because", "been",  "before", "both",   "but",  "by",
    "can",    "can't", "cllr",  "could", "dc",      "det",   "di",     "did",    "do",   "does",
    "don't",  "dr",    "ds",    "each",  "even",    "every", "for",    "from",   "had",  "has",
    "have",   "he",    "her",   "here",  "hers",    "him",   "his",    "how",    "i",    "i'd",
    "i'll",   "i'm",   "i've",  "if",    "in",      "insp",  "into",   "is",     "it",   "it's",
    "its",    "just",  "let",   "me",    "miss",    "mr",    "mrs",    "ms",     "mx",   "my",
    "no",     "not",   "now",   "of",    "oh",      "ok",    "on",     "once",   "only", "or",
    "our",    "out",   "pc",    "pcso",  "please",  "prof",  "rev",    "revd",   "sgt",  "she",
    "should", "since", "so",    "some",  "such",    "than",  "that",   "that's", "the",  "their",
    "them",   "then",  "there", "these", "they",    "this",  "those",  "though", "to",   "too",
    "until",  "up",    "upon",  "very",  "was",     "we",    "were",   "what",   "when", "where",
    "which",  "while", "who",   "why",   "will",    "with",  "would",  "wpc",    "yes",  "yet",
    "you",    "your"};

// The stop words in a small open-addressing table: one hash, nearly always one compare.
class StopWordSet {
 public:
  StopWordSet() {
    for (std::string_view w : kStopWords) {
      size_t j = Fnv(w) & kMask;
      while (!slots_[j].empty()) j = (j + 1) & kMask;
      slots_[j] = w;
    }
  }
  bool Contains(std::string_view key) const {
    if (key.size() > 7) return false;  // the longest stop word has seven letters
    for (size_t j = Fnv(key) & kMask;; j = (j + 1) & kMask) {
      if (slots_[j].empty()) return false;
      if (slots_[j] == key) return true;
    }
  }

 private:
  static constexpr size_t kMask = 511;
  std::string_view slots_[kMask + 1];
};

bool IsStopWord(std::string_view key) {
  static const StopWordSet set;
  return set.Contains(key);
}

// Lower-case words that may sit inside a name ("Bank of England", "Ludwig
// van Beethoven", "Marks & Spencer").
bool IsConnectorWord(std::string_view key) {
  static constexpr std::string_view kWords[] = {
      "&",   "and", "al", "bin", "da", "de", "del", "della", "den",  "der", "di",
      "dos", "du",  "el", "la",  "le", "of", "on",  "the",   "upon", "van", "von"};
  return std::find(std::begin(kWords), std::end(kWords), key) != std::end(kWords);
}

constexpr uint16_t kFlagMask =
    kGivenName | kSurname | kCommonWord | kNotName | kPlace | kPlaceStart | kForeignPlace;
constexpr std::string_view kFlagBitNames[] = {"given", "surname",    "common", "notname",
                                              "place", "placestart", "abroad"};

char HexDigit(unsigned v) { return static_cast<char>(v < 10 ? '0' + v : 'a' + v - 10); }

// The first or last `n` characters of a key.
std::string_view PrefixChars(std::string_view s, int n) {
  size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) i += Utf8Len(static_cast<unsigned char>(s[i]));
  return s.substr(0, std::min(i, s.size()));
}
std::string_view SuffixChars(std::string_view s, int n) {
  size_t i = s.size();
  for (int k = 0; k < n && i > 0; ++k) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  }
  return s.substr(i);
}

std::string_view LengthBucket(size_t n) {
  return n <= 1 ? "1" : n == 2 ? "2" : n == 3 ? "3" : n <= 5 ? "4" : n <= 8 ? "6" : "9";
}

}  // namespace

std::string_view NerTagName(int tag) {
  return tag >= 0 && tag < kNerTagCount ? kTagNames[tag] : std::string_view("?");
}

std::optional<int> NerTagFromName(std::string_view name) {
  for (int t = 0; t < kNerTagCount; ++t)
    if (kTagNames[t] == name) return t;
  return std::nullopt;
}

// ---- tokenizer

namespace {

// Where the word whose first character ends at `i` ends: over letters and
// digits, and hyphens, underscores and apostrophes between them, but not
// a possessive "'s" ("Smith's" is "Smith" and "'s"; "O'Brien" is one word).
size_t WordEnd(std::string_view text, size_t i) {
  const size_t n = text.size();
  while (i < n) {
    if (const size_t wl = WordCharAt(text, i); wl > 0) {
      i += wl;
      continue;
    }
    const unsigned char d = static_cast<unsigned char>(text[i]);
    if ((d == '-' || d == '_') && i + 1 < n && WordCharAt(text, i + 1) > 0) {
      ++i;
      continue;
    }
    if (const size_t al = ApostropheAt(text, i);
        al > 0 && i + al < n && WordCharAt(text, i + al) > 0) {
      const char s = text[i + al];
      const bool possessive =
          (s == 's' || s == 'S') && (i + al + 1 >= n || WordCharAt(text, i + al + 1) == 0);
      if (possessive) break;
      i += al;
      continue;
    }
    break;
  }
  return i;
}

}  // namespace

void NerTokenize(std::string_view text, std::vector<NerToken>& out) {
  const size_t n = text.size();
  if (n >= 0xFFFFFFF0u) return;
  bool line_break = false;
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      line_break = true;
      ++i;
      continue;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < n && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      i += 2;  // no-break space
      continue;
    }
    const size_t b = i;
    const size_t wl = WordCharAt(text, i);
    const bool lead = (c == '@' || c == '#') && i + 1 < n && WordCharAt(text, i + 1) > 0;
    if (wl > 0 || lead) {
      i = WordEnd(text, i + (lead ? 1 : wl));
    } else if (const size_t al = ApostropheAt(text, i);
               al > 0 && i + al < n && (text[i + al] == 's' || text[i + al] == 'S') &&
               (i + al + 1 >= n || WordCharAt(text, i + al + 1) == 0)) {
      i += al + 1;  // 's
    } else {
      i += std::min(Utf8Len(c), n - i);
    }
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), line_break});
    line_break = false;
  }
}

// ---- preparing tokens

NerFeaturizer::NerFeaturizer(std::shared_ptr<const Gazetteer> gazetteer)
    : gazetteer_(std::move(gazetteer)) {}

bool NerFeaturizer::IsCandidate(const NerPrepared& p, size_t i) {
  return p.toks[i].kind == NerPrepared::kCandidate;
}

bool NerFeaturizer::IsConnector(const NerPrepared& p, size_t i) {
  return p.toks[i].kind == NerPrepared::kConnector;
}

namespace {

// Fills in a token's key: the gazetteer key of its word ("." and the like,
// whose key would be empty, keep their bytes).
void MakeKey(std::string_view text, const NerToken& t, NerPrepared& p, NerPrepared::Tok& k) {
  const std::string_view word = text.substr(t.start, t.end - t.start);
  k.key_off = static_cast<uint32_t>(p.keys.size());
  AppendGazetteerKey(word.substr(0, 48), p.keys);
  if (p.keys.size() == k.key_off) p.keys.append(word.substr(0, 8));
  k.key_len = static_cast<uint16_t>(p.keys.size() - k.key_off);
  k.keyed = true;
}

// Fills in what the features of a neighbour need: key, shape and their hashes.
void MakeReady(std::string_view text, const NerToken& t, NerPrepared& p, NerPrepared::Tok& k) {
  if (k.ready) return;
  if (!k.keyed) MakeKey(text, t, p, k);
  k.h_key = Fnv(std::string_view(p.keys).substr(k.key_off, k.key_len));
  // Shape: capitals X, small letters x, digits d, other characters as
  // they are (bytes from 0x80 as *); runs of one class written once; at
  // most 8 characters.
  k.shape_off = static_cast<uint32_t>(p.shapes.size());
  char last = 0;
  for (size_t j = t.start; j < t.end;) {
    const size_t wl = WordCharAt(text, j);
    char cls;
    size_t step;
    const unsigned char c = static_cast<unsigned char>(text[j]);
    if (wl > 0) {
      cls = c >= '0' && c <= '9' ? 'd' : UpperAt(text, j) ? 'X' : 'x';
      step = wl;
    } else {
      cls = c < 0x80 ? static_cast<char>(c) : '*';
      step = std::min(Utf8Len(c), t.end - j);
    }
    if (cls != last && p.shapes.size() - k.shape_off < 8) p.shapes += cls;
    last = cls;
    j += step;
  }
  k.shape_len = static_cast<uint8_t>(p.shapes.size() - k.shape_off);
  k.h_shape = Fnv(std::string_view(p.shapes).substr(k.shape_off, k.shape_len));
  k.ready = true;
}

// Sentence start: the first token, after a line break, after . ! ? or
// after an opening quote or bracket that itself starts a sentence.
bool StartsSentence(std::string_view text, const std::vector<NerToken>& tokens, size_t i) {
  for (;; --i) {
    if (i == 0 || tokens[i].line_break_before) return true;
    const NerToken& q = tokens[i - 1];
    const std::string_view prev = text.substr(q.start, q.end - q.start);
    if (prev == "." || prev == "!" || prev == "?" || prev == "\xE2\x80\xA6") return true;
    if (!(prev == "\"" || prev == "(" || prev == "'" || prev == "\xE2\x80\x9C" ||
          prev == "\xE2\x80\x98" || prev == "[" || prev == "-"))
      return false;
  }
}

}  // namespace

bool NerFeaturizer::Prepare(std::string_view text, const std::vector<NerToken>& tokens,
                            const std::vector<PiiFinding>* found, NerPrepared& p) const {
  const size_t n = tokens.size();
  p.toks.resize(n);
  p.keys.clear();
  p.shapes.clear();
  std::vector<uint8_t>& caps = p.caps_;
  caps.resize(n);
  // Capitals from a word's first two letters (1: capitalised, 2: two
  // capitals), and upper-case lines (IsUpperLine).
  {
    size_t line_end = 0;  // end of the line of the previous token
    bool upper = false;
    for (size_t i = 0; i < n; ++i) {
      const NerToken& t = tokens[i];
      if (i == 0 || t.start >= line_end) {
        const size_t nl = text.rfind('\n', t.start);
        const size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
        line_end = text.find('\n', t.start);
        if (line_end == std::string_view::npos) line_end = text.size();
        upper = IsUpperLine(text.substr(line_start, line_end - line_start));
      }
      NerPrepared::Tok& k = p.toks[i];
      k.kind = NerPrepared::kOther;
      k.flags = 0;
      k.rule = NerPrepared::kNoRule;
      k.bos = k.keyed = k.ready = k.rule_first = false;
      k.upper = upper;
      caps[i] = CapsOf(text, t);
    }
  }
  // Tokens the rules covered, and what with: a person, place or
  // organisation wins over another type on the same token.
  if (found) {
    for (const PiiFinding& f : *found) {
      if (f.end <= f.start) continue;
      const uint8_t rule = f.type == PiiType::kPerson         ? NerPrepared::kRulePerson
                           : f.type == PiiType::kLocation     ? NerPrepared::kRuleLocation
                           : f.type == PiiType::kOrganisation ? NerPrepared::kRuleOrganisation
                                                              : NerPrepared::kRuleOther;
      auto it = std::partition_point(tokens.begin(), tokens.end(),
                                     [&](const NerToken& t) { return t.end <= f.start; });
      for (bool first = true; it != tokens.end() && it->start < f.end; ++it, first = false) {
        NerPrepared::Tok& k = p.toks[static_cast<size_t>(it - tokens.begin())];
        if (k.rule == NerPrepared::kNoRule ||
            (k.rule == NerPrepared::kRuleOther && rule != NerPrepared::kRuleOther)) {
          k.rule = rule;
          k.rule_first = first;
        }
        k.kind = NerPrepared::kCovered;
      }
    }
  }
  // Candidates: capitals in lines that are not upper case and not covered,
  // not a stop word, not one of a run of words in capitals (an upper-case
  // sentence).
  bool any = false;
  for (size_t i = 0; i < n; ++i) {
    NerPrepared::Tok& k = p.toks[i];
    if (caps[i] == 0 || k.upper || k.kind == NerPrepared::kCovered) continue;
    if (caps[i] == 2 && ((i > 0 && caps[i - 1] == 2 && !tokens[i].line_break_before) ||
                         (i + 1 < n && caps[i + 1] == 2 && !tokens[i + 1].line_break_before)))
      continue;
    if (HasDigitOrUnderscore(text.substr(tokens[i].start, tokens[i].end - tokens[i].start)))
      continue;
    MakeKey(text, tokens[i], p, k);
    const std::string_view key = std::string_view(p.keys).substr(k.key_off, k.key_len);
    if (IsStopWord(key)) continue;
    const uint16_t flags = WordFlags(key);
    const bool bos = StartsSentence(text, tokens, i);
    if (SkippedWord(flags, bos, caps[i])) continue;
    k.kind = NerPrepared::kCandidate;
    k.flags = flags;
    k.bos = bos;
    any = true;
  }
  if (!any) return false;
  // Connectors between two candidates on one line.
  for (size_t i = 1; i + 1 < n; ++i) {
    NerPrepared::Tok& k = p.toks[i];
    if (caps[i] != 0 || k.upper || k.kind != NerPrepared::kOther ||
        p.toks[i - 1].kind != NerPrepared::kCandidate ||
        p.toks[i + 1].kind != NerPrepared::kCandidate || tokens[i].line_break_before ||
        tokens[i + 1].line_break_before || tokens[i].end - tokens[i].start > 5)
      continue;
    MakeKey(text, tokens[i], p, k);
    if (IsConnectorWord(std::string_view(p.keys).substr(k.key_off, k.key_len)))
      k.kind = NerPrepared::kConnector;
  }
  // What the features of candidates and connectors read: two tokens either side.
  for (size_t i = 0; i < n; ++i) {
    if (p.toks[i].kind != NerPrepared::kCandidate && p.toks[i].kind != NerPrepared::kConnector)
      continue;
    const size_t lo = i >= 2 ? i - 2 : 0, hi = std::min(n, i + 3);
    for (size_t j = lo; j < hi; ++j) MakeReady(text, tokens[j], p, p.toks[j]);
  }
  return true;
}

uint16_t NerFeaturizer::WordFlags(std::string_view key) const {
  if (!gazetteer_) return 0;
  uint16_t flags = gazetteer_->Lookup(key) & kFlagMask;
  if (flags == 0 && key.find('-') != std::string_view::npos) {
    // "house-to-house", "ex-partner": every part a common word makes a
    // common word.
    size_t a = 0;
    while (a <= key.size()) {
      size_t b = key.find('-', a);
      if (b == std::string_view::npos) b = key.size();
      const uint16_t f = b > a ? gazetteer_->Lookup(key.substr(a, b - a)) : 0;
      if (!(f & (kCommonWord | kNotName))) return 0;
      a = b + 1;
    }
    flags = kCommonWord;
  }
  return flags;
}

bool NerFeaturizer::MayHaveCandidates(std::string_view text,
                                      const std::vector<PiiFinding>& found) const {
  thread_local std::string key;
  thread_local std::vector<uint64_t> covered;  // a bit per byte of the text
  struct WordMemo {
    std::string word;
    bool skip = false;  // a stop word or a code: never a candidate
    uint16_t flags = 0;
  };
  static constexpr size_t kMemos = 256;
  thread_local std::vector<WordMemo> memos(kMemos);
  const size_t n = text.size();
  covered.assign((n + 64) / 64, 0);
  for (const PiiFinding& f : found) {
    const size_t a = std::min(f.start, n), b = std::min(f.end, n);
    for (size_t w = a / 64; a < b && w <= (b - 1) / 64; ++w) {
      const size_t lo = w == a / 64 ? a % 64 : 0;
      const size_t hi = w == (b - 1) / 64 ? (b - 1) % 64 : 63;
      const uint64_t upto = hi == 63 ? ~uint64_t{0} : (uint64_t{1} << (hi + 1)) - 1;
      covered[w] |= upto & ~((uint64_t{1} << lo) - 1);
    }
  }
  size_t pos = 0;
  while (pos < n) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = n;
    if (!IsUpperLine(text.substr(pos, nl - pos))) {
      for (size_t i = pos; i < nl; ++i) {
        // Eight bytes without an ASCII capital or a byte from 0x80 are skipped whole.
        if ((i & 7) == 0 && i + 8 <= nl) {
          uint64_t x;
          std::memcpy(&x, text.data() + i, 8);
          const uint64_t low7 = x & 0x7F7F7F7F7F7F7F7Full;
          const uint64_t ge_a = low7 + 0x3F3F3F3F3F3F3F3Full;  // high bit: byte >= 'A'
          const uint64_t gt_z = low7 + 0x2525252525252525ull;  // high bit: byte > 'Z'
          if ((((ge_a & ~gt_z) | x) & 0x8080808080808080ull) == 0) {
            i += 7;
            continue;
          }
        }
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (!(c >= 'A' && c <= 'Z') && !(c >= 0xC3 && c <= 0xD0)) continue;
        if (!UpperAt(text, i)) continue;
        const unsigned char prev = i > 0 ? static_cast<unsigned char>(text[i - 1]) : ' ';
        if (AsciiAlnum(prev)) continue;                 // inside a word
        if (covered[i / 64] >> (i % 64) & 1) continue;  // inside a finding of the rules
        if (prev > ' ') return true;  // after punctuation or inside a word: Prepare decides
        // A token starts here: the tests of Prepare, sentence start read
        // from the bytes before (when unsure, not a sentence start, which
        // skips fewer words).
        const NerToken t{static_cast<uint32_t>(i),
                         static_cast<uint32_t>(WordEnd(text, i + WordCharAt(text, i))), false};
        // What the word is (digits, stop word, flags) depends on its bytes
        // alone: a small cache spares the key and the gazetteer for the
        // words that start sentence after sentence ("Officers", "The").
        const std::string_view word = text.substr(t.start, t.end - t.start);
        WordMemo& memo = memos[Fnv(word) & (kMemos - 1)];
        if (memo.word != word) {
          memo.word.assign(word);
          memo.skip = HasDigitOrUnderscore(word);
          memo.flags = 0;
          if (!memo.skip) {
            key.clear();
            AppendGazetteerKey(word.substr(0, 48), key);
            memo.skip = IsStopWord(key);
            if (!memo.skip) memo.flags = WordFlags(key);
          }
        }
        if (memo.skip) continue;
        const uint16_t flags = memo.flags;
        size_t j = i;
        bool line_break = false;
        while (j > 0 && static_cast<unsigned char>(text[j - 1]) <= ' ') {
          line_break |= text[j - 1] == '\n';
          --j;
        }
        const bool bos = j == 0 || line_break || text[j - 1] == '.' || text[j - 1] == '!' ||
                         text[j - 1] == '?' || (j >= 3 && text.substr(j - 3, 3) == "\xE2\x80\xA6");
        if (SkippedWord(flags, bos, CapsOf(text, t))) continue;
        return true;
      }
    }
    pos = nl + 1;
  }
  return false;
}

// ---- features

int NerFeaturizer::Features(const NerPrepared& p, size_t i, int prev_tag, int prev2_tag,
                            uint64_t* out, std::vector<std::string>* names) const {
  int count = 0;
  const std::string_view keys(p.keys), shapes(p.shapes);
  auto key_of = [&](size_t j) { return keys.substr(p.toks[j].key_off, p.toks[j].key_len); };
  auto shape_of = [&](size_t j) { return shapes.substr(p.toks[j].shape_off, p.toks[j].shape_len); };
  // Emits a feature whose value hash is known; `value` makes its name.
  auto emit = [&](int tmpl, uint64_t value_hash, auto&& value) {
    if (count >= kMaxFeatures) return;
    out[count++] = FeatureHash(tmpl, value_hash);
    if (names) {
      std::string s(kTemplateNames[tmpl]);
      s += '=';
      value(s);
      names->push_back(std::move(s));
    }
  };
  auto emit_sv = [&](int tmpl, std::string_view v) {
    emit(tmpl, Fnv(v), [&](std::string& s) { s.append(v); });
  };
  const size_t n = p.toks.size();
  const NerPrepared::Tok& t = p.toks[i];
  const std::string_view key = key_of(i);
  static const uint64_t kEmptyHash = Fnv("");
  static const uint64_t kStartHash = Fnv("<s>");
  static const uint64_t kEndHash = Fnv("</s>");

  emit(kBias, kEmptyHash, [](std::string&) {});
  emit(kWord, t.h_key, [&](std::string& s) { s.append(key); });
  emit_sv(kPrefix3, PrefixChars(key, 3));
  emit_sv(kSuffix3, SuffixChars(key, 3));
  emit(kShape, t.h_shape, [&](std::string& s) { s.append(shape_of(i)); });
  emit_sv(kLength, LengthBucket(key.size()));
  const char hex[2] = {HexDigit((t.flags >> 4) & 0xF), HexDigit(t.flags & 0xF)};
  const std::string_view flags_hex(hex, 2);
  emit_sv(kGaz, flags_hex);
  for (int b = 0; b < 7; ++b) {
    static constexpr uint16_t kBits[] = {kGivenName, kSurname,    kCommonWord,  kNotName,
                                         kPlace,     kPlaceStart, kForeignPlace};
    if (t.flags & kBits[b]) emit_sv(kGazBit, kFlagBitNames[b]);
  }
  if (t.bos) emit_sv(kBosGaz, flags_hex);
  auto word_at = [&](int tmpl, ptrdiff_t j) {
    if (j < 0) {
      emit(tmpl, kStartHash, [](std::string& s) { s.append("<s>"); });
    } else if (static_cast<size_t>(j) >= n) {
      emit(tmpl, kEndHash, [](std::string& s) { s.append("</s>"); });
    } else {
      emit(tmpl, p.toks[j].h_key, [&](std::string& s) { s.append(key_of(j)); });
    }
  };
  const ptrdiff_t si = static_cast<ptrdiff_t>(i);
  word_at(kWordM1, si - 1);
  word_at(kWordM2, si - 2);
  word_at(kWordP1, si + 1);
  word_at(kWordP2, si + 2);
  auto shape_at = [&](int tmpl, ptrdiff_t j) {
    if (j < 0) {
      emit(tmpl, kStartHash, [](std::string& s) { s.append("<s>"); });
    } else if (static_cast<size_t>(j) >= n) {
      emit(tmpl, kEndHash, [](std::string& s) { s.append("</s>"); });
    } else {
      emit(tmpl, p.toks[j].h_shape, [&](std::string& s) { s.append(shape_of(j)); });
    }
  };
  shape_at(kShapeM1, si - 1);
  shape_at(kShapeP1, si + 1);
  auto gaz_at = [&](int tmpl, size_t j) {
    const uint16_t f = p.toks[j].flags;
    const char h[2] = {HexDigit((f >> 4) & 0xF), HexDigit(f & 0xF)};
    emit_sv(tmpl, std::string_view(h, 2));
  };
  if (i > 0 && p.toks[i - 1].kind == NerPrepared::kCandidate) gaz_at(kGazM1, i - 1);
  if (i + 1 < n && p.toks[i + 1].kind == NerPrepared::kCandidate) gaz_at(kGazP1, i + 1);
  const std::string_view t1 = kTagNames[prev_tag], t2 = kTagNames[prev2_tag];
  emit_sv(kTagM1, t1);
  emit(kTagM2M1, FnvAdd(FnvAdd(FnvAdd(kFnvOffset, t2), "|"), t1), [&](std::string& s) {
    s.append(t2);
    s += '|';
    s.append(t1);
  });
  emit(kTagM1Word, FnvAdd(FnvAdd(FnvAdd(kFnvOffset, t1), "|"), key), [&](std::string& s) {
    s.append(t1);
    s += '|';
    s.append(key);
  });
  {
    const std::string_view pk = i > 0 ? key_of(i - 1) : std::string_view("<s>");
    const std::string_view sh = shape_of(i);
    emit(kWordM1Shape, FnvAdd(FnvAdd(FnvAdd(kFnvOffset, pk), "|"), sh), [&](std::string& s) {
      s.append(pk);
      s += '|';
      s.append(sh);
    });
  }
  if (t.kind == NerPrepared::kConnector) emit_sv(kKind, "connector");
  static constexpr std::string_view kRuleNames[] = {"", "person", "location", "organisation",
                                                    "other"};
  if (i > 0 && p.toks[i - 1].rule != NerPrepared::kNoRule)
    emit_sv(kRuleM1, kRuleNames[p.toks[i - 1].rule]);
  if (i + 1 < n && p.toks[i + 1].rule != NerPrepared::kNoRule)
    emit_sv(kRuleP1, kRuleNames[p.toks[i + 1].rule]);
  return count;
}

std::optional<uint64_t> NerFeatureHash(std::string_view key) {
  const size_t eq = key.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  const std::string_view name = key.substr(0, eq);
  for (int t = 0; t < kTemplateCount; ++t)
    if (kTemplateNames[t] == name) return FeatureHash(t, Fnv(key.substr(eq + 1)));
  return std::nullopt;
}

// ---- the model

void NerModel::Insert(uint64_t hash, uint32_t index) {
  if ((weights_.size() + 1) * 3 > slots_.size() * 2) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(64, old.size() * 2), Slot{});
    // Rehash from the keys: the slots keep only part of each hash.
    for (uint32_t k = 0; k < keys_.size(); ++k)
      if (k != index) Insert(*NerFeatureHash(keys_[k]), k);
  }
  const size_t mask = slots_.size() - 1;
  const uint32_t fp = Fingerprint(hash);
  for (size_t j = hash & mask;; j = (j + 1) & mask) {
    if (slots_[j].fingerprint == 0 || slots_[j].fingerprint == fp) {
      slots_[j] = {fp, index};
      return;
    }
  }
}

bool NerModel::Add(std::string_view key, const Weights& weights) {
  const auto h = NerFeatureHash(key);
  if (!h) return false;
  if (const Weights* existing = Find(*h)) {
    weights_[static_cast<size_t>(existing - weights_.data())] = weights;
    return true;
  }
  keys_.emplace_back(key);
  weights_.push_back(weights);
  Insert(*h, static_cast<uint32_t>(weights_.size() - 1));
  return true;
}

const NerModel::Weights* NerModel::Find(uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  const uint32_t fp = Fingerprint(hash);
  for (size_t j = hash & mask;; j = (j + 1) & mask) {
    const Slot& s = slots_[j];
    if (s.fingerprint == fp) return &weights_[s.index];
    if (s.fingerprint == 0) return nullptr;
  }
}

Result<NerModel> NerModel::Parse(std::string_view text, std::string_view source_name) {
  NerModel model;
  int line_no = 0;
  int state = 0;  // 0: expect header, 1: expect tags, 2: expect scale, 3: features
  auto fail = [&](const std::string& why) {
    return Error::InvalidInput(std::string(source_name) + ":" + std::to_string(line_no) + ": " +
                               why);
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return fail("expected a key, a tab and values");
    const std::string_view key = line.substr(0, tab), rest = line.substr(tab + 1);
    if (state == 0) {
      if (key != "foidesk-ner" || rest != "1")
        return fail("not a foidesk tagger model (expected the header foidesk-ner<TAB>1)");
      state = 1;
      continue;
    }
    if (state == 1) {
      std::string expected;
      for (int t = 0; t < kNerTagCount; ++t) {
        if (t) expected += '\t';
        expected.append(kTagNames[t]);
      }
      if (key != "tags" || rest != expected)
        return fail("expected the tags line: tags<TAB>" + expected);
      state = 2;
      continue;
    }
    if (state == 2) {
      int scale = 0;
      const auto r = std::from_chars(rest.data(), rest.data() + rest.size(), scale);
      if (key != "scale" || r.ec != std::errc() || r.ptr != rest.data() + rest.size() ||
          scale < 1 || scale > 100000)
        return fail("expected scale<TAB>a whole number 1..100000");
      model.scale_ = scale;
      state = 3;
      continue;
    }
    Weights w{};
    const char* q = rest.data();
    const char* end = rest.data() + rest.size();
    for (int t = 0; t < kNerTagCount; ++t) {
      if (t > 0) {
        if (q >= end || *q != ' ')
          return fail("expected " + std::to_string(kNerTagCount) + " weights separated by spaces");
        ++q;
      }
      int v = 0;
      const auto r = std::from_chars(q, end, v);
      if (r.ec != std::errc() || v < -32767 || v > 32767)
        return fail("weight " + std::to_string(t + 1) + " is not a whole number in -32767..32767");
      w[t] = static_cast<int16_t>(v);
      q = r.ptr;
    }
    if (q != end) return fail("more than " + std::to_string(kNerTagCount) + " weights");
    const auto h = NerFeatureHash(key);
    if (!h) return fail("unknown feature template (a key is template=value)");
    if (model.Find(*h)) return fail("feature listed twice");
    model.keys_.emplace_back(key);
    model.weights_.push_back(w);
    model.Insert(*h, static_cast<uint32_t>(model.weights_.size() - 1));
  }
  if (state < 3) {
    ++line_no;
    return fail("the model ends before its header is complete");
  }
  return model;
}

Result<NerModel> NerModel::Load(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error::Io(path + ": cannot read the tagger model");
  std::string content;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) content.append(buf, n);
  std::fclose(f);
  return Parse(content, path);
}

std::string NerModel::Serialize(const std::vector<std::string>& comment) const {
  std::string out;
  for (const std::string& c : comment) out += c.empty() ? "#\n" : "# " + c + "\n";
  out += "foidesk-ner\t1\ntags";
  for (int t = 0; t < kNerTagCount; ++t) {
    out += '\t';
    out.append(kTagNames[t]);
  }
  out += "\nscale\t" + std::to_string(scale_) + "\n";
  std::vector<size_t> order(keys_.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys_[a] < keys_[b]; });
  char num[16];
  for (size_t k : order) {
    out += keys_[k];
    out += '\t';
    for (int t = 0; t < kNerTagCount; ++t) {
      if (t) out += ' ';
      const auto r = std::to_chars(num, num + sizeof num, weights_[k][t]);
      out.append(num, r.ptr);
    }
    out += '\n';
  }
  return out;
}

// ---- decoding

namespace {

bool Allowed(int tag, int prev, bool connector) {
  if (tag == kNerO) return true;
  const bool inside = (tag - 1) % 2 == 1;  // I-
  if (!inside) return !connector;
  return prev == tag || prev == tag - 1;
}

}  // namespace

int NerRuleTag(const NerPrepared& p, size_t i, int prev_tag) {
  const NerPrepared::Tok& t = p.toks[i];
  if (t.rule == NerPrepared::kNoRule || t.rule == NerPrepared::kRuleOther) return kNerO;
  const int begin = t.rule == NerPrepared::kRulePerson     ? kNerBPer
                    : t.rule == NerPrepared::kRuleLocation ? kNerBLoc
                                                           : kNerBOrg;
  const bool continues = !t.rule_first && (prev_tag == begin || prev_tag == begin + 1);
  return continues ? begin + 1 : begin;
}

void NerTag(const NerFeaturizer& featurizer, const NerModel& model, const NerPrepared& p,
            size_t token_count, std::vector<uint8_t>& tags) {
  tags.assign(token_count, kNerO);
  uint64_t hashes[NerFeaturizer::kMaxFeatures];
  for (size_t i = 0; i < token_count; ++i) {
    const uint8_t kind = p.toks[i].kind;
    if (kind == NerPrepared::kOther) continue;
    if (kind == NerPrepared::kCovered) {
      tags[i] = static_cast<uint8_t>(NerRuleTag(p, i, i > 0 ? int{tags[i - 1]} : int{kNerO}));
      continue;
    }
    const int prev = i > 0 ? int{tags[i - 1]} : int{kNerO};
    const int prev2 = i > 1 ? int{tags[i - 2]} : int{kNerO};
    const int k = featurizer.Features(p, i, prev, prev2, hashes);
    int32_t score[kNerTagCount] = {};
    for (int f = 0; f < k; ++f) {
      if (const NerModel::Weights* w = model.Find(hashes[f]))
        for (int t = 0; t < kNerTagCount; ++t) score[t] += (*w)[t];
    }
    const bool connector = kind == NerPrepared::kConnector;
    int best = kNerO;
    for (int t = 1; t < kNerTagCount; ++t)
      if (score[t] > score[best] && Allowed(t, prev, connector)) best = t;
    tags[i] = static_cast<uint8_t>(best);
  }
}

std::vector<uint8_t> NerTagText(const NerFeaturizer& featurizer, const NerModel& model,
                                std::string_view text, std::vector<NerToken>* tokens) {
  std::vector<NerToken> local;
  std::vector<NerToken>& toks = tokens ? *tokens : local;
  toks.clear();
  NerTokenize(text, toks);
  NerPrepared p;
  featurizer.Prepare(text, toks, nullptr, p);
  std::vector<uint8_t> tags;
  NerTag(featurizer, model, p, toks.size(), tags);
  return tags;
}

std::vector<NerSpan> NerSpans(const std::vector<uint8_t>& tags, const NerPrepared* p) {
  std::vector<NerSpan> spans;
  bool open = false;
  NerSpan cur;
  auto close = [&] {
    if (!open) return;
    if (p)
      while (cur.last > cur.first && p->toks[cur.last].kind == NerPrepared::kConnector) --cur.last;
    if (!(p && p->toks[cur.first].kind == NerPrepared::kConnector)) spans.push_back(cur);
    open = false;
  };
  for (size_t i = 0; i < tags.size(); ++i) {
    const int t = tags[i];
    if (t == kNerO || (p && p->toks[i].kind == NerPrepared::kCovered)) {
      close();
      continue;
    }
    const int begin = (t - 1) / 2 * 2 + 1;  // the B- tag of t's type
    const bool inside = t != begin;
    if (inside && open && cur.type == begin && cur.last + 1 == i) {
      cur.last = i;
      continue;
    }
    close();
    cur = {begin, i, i};
    open = true;
  }
  close();
  return spans;
}

// ---- the recogniser

TaggerRecogniser::TaggerRecogniser(std::shared_ptr<const Gazetteer> gazetteer,
                                   std::shared_ptr<const NerModel> model)
    : featurizer_(std::move(gazetteer)), model_(std::move(model)) {}

void TaggerRecogniser::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  FindGaps(text, {}, out);
}

void TaggerRecogniser::FindGaps(std::string_view text, const std::vector<PiiFinding>& found,
                                std::vector<PiiFinding>& out) const {
  struct Scratch {
    std::vector<NerToken> tokens;
    NerPrepared prepared;
    std::vector<uint8_t> tags;
  };
  thread_local Scratch s;
  if (text.size() >= 0xFFFFFFF0u) return;
  // Legacy upper-case text is left to the rules: a text with fewer than one
  // small letter to sixteen capitals has no line the tagger would read.
  if (!featurizer_.MayHaveCandidates(text, found)) return;
  s.tokens.clear();
  NerTokenize(text, s.tokens);
  if (s.tokens.empty()) return;
  if (!featurizer_.Prepare(text, s.tokens, &found, s.prepared)) return;
  NerTag(featurizer_, *model_, s.prepared, s.tokens.size(), s.tags);
  for (const NerSpan& sp : NerSpans(s.tags, &s.prepared)) {
    const PiiType type = sp.type == kNerBPer   ? PiiType::kPerson
                         : sp.type == kNerBLoc ? PiiType::kLocation
                                               : PiiType::kOrganisation;
    out.push_back({type, s.tokens[sp.first].start, s.tokens[sp.last].end, kScore, "tagger"});
  }
}

}  // namespace foidesk::privacy
