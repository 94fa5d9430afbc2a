// The pattern recognisers: regular expressions with validators that check
// what a regular expression cannot (calendar dates, NI prefixes, octets,
// stop words), and the phone recogniser built on libphonenumber.
#include "privacy/recognisers.h"

#include <arpa/inet.h>
#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <mutex>
#include <set>
#include <unordered_map>

#include "privacy/identity_number_recogniser.h"
#include "privacy/time_recogniser.h"

namespace foidesk::privacy {
namespace {

constexpr double kReject = -1;

// Digit runs with the separators phone numbers are written with.
// Also two dotted shapes: North American 555.123.4567 and French 01.23.45.67.89.
constexpr const char* kPhoneCandidate =
    "(\\+?\\(?[0-9][0-9 ()\\-]{5,40}[0-9]|\\(?[0-9]{3}\\)?\\.[0-9]{3}\\.[0-9]{4}|"
    "0[1-9](?:\\.[0-9]{2}){4})";
constexpr size_t kPhoneCandidateMax = 44;  // its longest match

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return s.empty() ? -1 : v;
}

bool ValidDay(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > kDays[month - 1]) return false;
  if (month == 2 && day == 29 && year >= 0) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (!leap) return false;
  }
  return true;
}

int MonthFromName(std::string_view name) {
  static constexpr std::array<const char*, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  const std::string l = LowerAscii(name.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (l == kMonths[i]) return static_cast<int>(i) + 1;
  return 0;
}

// A four-digit year must be plausible for a record; two digits are taken as given.
int YearOf(std::string_view y) {
  if (y.empty()) return -1;  // no year: 29 February is allowed
  const int v = ToInt(y);
  if (y.size() == 4 && (v < 1900 || v > 2099)) return -2;
  return v;
}

// Trailing punctuation is sentence punctuation, not part of a URL or token.
void TrimTrailing(PatternMatch& m, std::string_view chars) {
  while (m.end > m.start && chars.find(m.text[m.end - 1]) != std::string_view::npos) --m.end;
}

// The words a street-name or handle match may not be made of: they turn
// "2 men in the car park" or "profile picture" into findings.
const std::set<std::string>& StopWords() {
  static const std::set<std::string> kWords = {
      "a",      "an",     "and",     "any",    "are",   "as",      "at",     "be",
      "been",   "but",    "by",      "day",    "days",  "down",    "each",   "either",
      "every",  "for",    "from",    "had",    "has",   "have",    "he",     "her",
      "hers",   "his",    "hour",    "hours",  "if",    "in",      "into",   "is",
      "it",     "its",    "me",      "men",    "min",   "mins",    "minute", "minutes",
      "month",  "months", "my",      "no",     "not",   "of",      "off",    "on",
      "one",    "or",     "other",   "our",    "out",   "over",    "own",    "past",
      "same",   "she",    "so",      "that",   "the",   "their",   "them",   "then",
      "there",  "these",  "they",    "this",   "those", "through", "times",  "to",
      "two",    "up",     "us",      "via",    "was",   "we",      "week",   "weeks",
      "were",   "what",   "when",    "where",  "which", "while",   "who",    "whose",
      "with",   "year",   "years",   "yr",     "yrs",   "old",     "aged",   "you",
      "your",   "pounds", "along",   "across", "near",  "onto",    "towards", "toward",
      "around", "about",  "outside", "inside", "behind", "opposite", "between", "x",
      "account", "profile", "page", "name", "picture", "photo", "username"};
  return kWords;
}

bool IsStopWord(std::string_view w) { return StopWords().count(LowerAscii(w)) > 0; }

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
                            s[i] == ','))
      ++i;
    const size_t b = i;
    while (i < s.size() && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
                             s[i] == ','))
      ++i;
    if (i > b) words.push_back(s.substr(b, i - b));
  }
  return words;
}

// ---- postcodes -------------------------------------------------------------

// Outward code: A9, A9A, A99, AA9, AA9A, AA99 with the letters Royal Mail uses.
constexpr const char* kOutward =
    "(?:[A-PR-UWYZ][0-9][0-9A-HJKPS-UW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)";

// ---- vehicle registrations ------------------------------------------------

// Three letters that are common words or Acts ("S23 MDA" is section 23 of
// the Misuse of Drugs Act), never registrations in crime text.
bool IsBlockedVrmLetters(std::string_view letters) {
  static const std::set<std::string> kBlocked = {
      "THE", "AND", "FOR", "WAS", "ARE", "HIS", "HER", "NOT", "BUT", "HAS", "HAD", "OUT",
      "OFF", "ONE", "TWO", "SIX", "TEN", "AGE", "YRS", "ALL", "ANY", "OUR", "YOU", "WHO",
      "WHY", "HOW", "NOW", "NEW", "OLD", "PER", "VIA", "APP", "CAR", "VAN", "BUS", "MDA",
      "PHA", "SOA", "POA", "CDA", "OPA", "RTA", "CJA", "PCA", "FSA", "MOT", "GBP", "EUR",
      "USD", "AMP", "HRS", "MIN", "MPH", "KPH", "YES", "SAW", "SEE", "SET", "GOT", "PUT",
      "LET", "MAY", "CAN", "DID", "GET", "SAY", "SHE", "HIM", "ITS", "WAY", "DAY", "END"};
  return kBlocked.count(std::string(letters)) > 0;
}

// ---- handles ---------------------------------------------------------------

bool LooksLikeTime(std::string_view s) {
  // "@10", "@10pm", "@10.30", "@22:15": times written with an at sign.
  size_t i = 0;
  while (i < s.size() && (IsDigit(s[i]) || s[i] == '.' || s[i] == ':')) ++i;
  if (i == 0) return false;
  const std::string rest = LowerAscii(s.substr(i));
  return rest.empty() || rest == "am" || rest == "pm" || rest == "hrs";
}

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kSpace = " \t\n\v\f\r";  // \s, and \v
constexpr std::string_view kLettersSpace =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz \t\n\v\f\r";

constexpr size_t kAnywhere = std::string::npos;
// Bytes a windowed search reads beyond a pattern's longest match.
constexpr size_t kWindow = 64;

// Hints (MatchHint): a byte of `bytes` at most `reach` bytes into the match,
// or a byte of `first` followed by one of `next`. In (?i) patterns k and s
// also match the 3- and 2-byte KELVIN SIGN and LONG S, hence the slack.
MatchHint Has(std::string_view bytes, size_t reach = kAnywhere) {
  return {.alone = std::string(bytes), .reach = reach};
}
MatchHint HasPair(std::string_view first, std::string_view next, size_t reach = kAnywhere) {
  return {.alone = {}, .pair = std::string(first), .next = std::string(next), .reach = reach};
}
// Every byte of the match is one of `bytes`, and it has at least `min_run`.
MatchHint Within(std::string_view bytes, size_t min_run) {
  MatchHint h;
  h.within = std::string(bytes);
  h.min_run = min_run;
  return h;
}
// `ascii` and the bytes of every multi-byte character: letters outside
// ASCII, and the k and s of (?i) patterns.
std::string CaseFolded(std::string_view ascii) {
  std::string s(ascii);
  for (int c = 0x80; c <= 0xFF; ++c) s += static_cast<char>(c);
  return s;
}
// The hint with `run`: the condition comes after bytes of `bytes` and
// multi-byte characters only (and `lead` bytes of anything before them).
MatchHint After(MatchHint h, std::string_view bytes, size_t lead = 0) {
  h.run = CaseFolded(bytes);
  h.lead = lead;
  return h;
}

// Whether a pattern's one capture group spans its whole match: "(...)" with
// nothing but "(?i)" and "\b" around it.
bool GroupIsWholeMatch(std::string_view re) {
  if (re.starts_with("(?i)")) re.remove_prefix(4);
  if (re.starts_with("\\b")) re.remove_prefix(2);
  if (re.size() < 2 || re[0] != '(' || re[1] == '?') return false;
  int depth = 0;
  for (size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {  // a class, up to its closing bracket
      ++i;
      if (i < re.size() && re[i] == '^') ++i;
      if (i < re.size() && re[i] == ']') ++i;  // a leading ']' is literal
      while (i < re.size() && re[i] != ']') i += re[i] == '\\' ? 2 : 1;
      if (i >= re.size()) return false;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      const std::string_view rest = re.substr(i + 1);
      return rest.empty() || rest == "\\b";
    }
  }
  return false;
}

}  // namespace

struct HintTable {
  static constexpr uint8_t kAlone = 1, kPair = 2;
  std::array<uint8_t, 256> kind{};
  std::array<bool, 256> next{};
  std::array<bool, 256> run{};
  std::array<bool, 256> within{};
  bool has_within;
  size_t min_run;
  size_t reach;
  size_t lead;
  bool has_run;
  int only = -1;  // the one byte of `kind`, searched with memchr

  explicit HintTable(const MatchHint& h)
      : has_within(!h.within.empty()), min_run(std::max<size_t>(h.min_run, 1)),
        reach(h.within.empty() ? h.reach : 0), lead(h.lead), has_run(!h.run.empty()) {
    for (char c : h.within) within[static_cast<unsigned char>(c)] = true;
    for (char c : h.alone) kind[static_cast<unsigned char>(c)] |= kAlone;
    for (char c : h.pair) kind[static_cast<unsigned char>(c)] |= kPair;
    for (char c : h.next) next[static_cast<unsigned char>(c)] = true;
    for (char c : h.run) run[static_cast<unsigned char>(c)] = true;
    if (h.alone.size() + h.pair.size() == 1)
      only = static_cast<unsigned char>(h.alone.empty() ? h.pair[0] : h.alone[0]);
  }

  // The first position at or after `from` where the condition holds, or
  // npos; with `within`, the start of the first run (from `from` on) long
  // enough, whose end goes to `run_end`.
  size_t First(std::string_view text, size_t from, size_t& run_end) const {
    const char* p = text.data();
    const size_t n = text.size();
    run_end = n;
    if (has_within) {
      for (size_t i = from; i < n;) {
        while (i < n && !within[static_cast<unsigned char>(p[i])]) ++i;
        const size_t b = i;
        while (i < n && within[static_cast<unsigned char>(p[i])]) ++i;
        if (i > b && i - b >= min_run) {
          run_end = i;
          return b;
        }
      }
      return std::string_view::npos;
    }
    if (only >= 0) {
      for (size_t i = from; i < n; ++i) {
        const void* q = std::memchr(p + i, only, n - i);
        if (!q) break;
        i = static_cast<size_t>(static_cast<const char*>(q) - p);
        if (kind[static_cast<unsigned char>(only)] & kAlone) return i;
        if (i + 1 < n && next[static_cast<unsigned char>(p[i + 1])]) return i;
      }
      return std::string_view::npos;
    }
    for (size_t i = from; i < n; ++i) {
      const uint8_t k = kind[static_cast<unsigned char>(p[i])];
      if (k == 0) continue;
      if ((k & kAlone) || (i + 1 < n && next[static_cast<unsigned char>(p[i + 1])])) return i;
    }
    return std::string_view::npos;
  }

  // Narrows `from` (the search's start) past where no match that starts at
  // or after `pos` can start, given `at`, the first place at or after `pos`
  // where the condition holds.
  void Narrow(std::string_view text, size_t pos, size_t at, size_t& from) const {
    if (reach != std::string_view::npos && at - pos > reach) from = std::max(from, at - reach);
    if (!has_run) return;
    size_t r = at;
    while (r > from && run[static_cast<unsigned char>(text[r - 1])]) --r;
    from = std::max(from, r - std::min(r, lead));
  }
};

// Where a hint last held: First(text, p) is `at` (and `end`) for every p
// in [pos, at].
struct HintCursor {
  size_t pos = std::string_view::npos;
  size_t at = 0;
  size_t end = 0;
};

namespace {

// The match re.Match(text, pos, text.size(), UNANCHORED, groups, n) finds,
// read from less of the text: the hints skip where no match can start (or
// show that none follows), and with a bounded match length RE2 reads a
// window at a time. It sees the text past a window's end for \b and $, so
// a match that starts at least max_len before the end is the one a search
// to the end finds; one that starts later is looked for again from its start.
bool NextMatch(const RE2& re, std::string_view text, size_t pos,
               const std::vector<HintTable>& hints, HintCursor* cursors, size_t max_len,
               re2::StringPiece* groups, int n) {
  const re2::StringPiece input(text.data(), text.size());
  while (pos < text.size()) {
    size_t from = pos;
    size_t limit = text.size();  // where the matches that start before it end
    // Each hint narrows the start further; no match starts before `from`,
    // so each looks from there.
    for (size_t i = 0; i < hints.size(); ++i) {
      HintCursor& c = cursors[i];
      if (!(c.pos <= from && (from <= c.at || c.at == std::string_view::npos))) {
        c.pos = from;
        c.at = hints[i].First(text, from, c.end);
      }
      if (c.at == std::string_view::npos) return false;
      hints[i].Narrow(text, from, c.at, from);
      limit = std::min(limit, c.end);
    }
    if (from >= limit) {  // no match in the run: none starts before `from`
      pos = from;
      continue;
    }
    size_t end = limit;
    if (max_len != std::string::npos && end - from > max_len + kWindow)
      end = from + max_len + kWindow;
    if (!re.Match(input, from, end, RE2::UNANCHORED, groups, n)) {
      if (end == text.size()) return false;
      pos = end == limit ? limit : end - max_len + 1;  // no match starts before
      continue;
    }
    const size_t mstart = static_cast<size_t>(groups[0].data() - text.data());
    if (end == limit || mstart + max_len <= end) return true;
    pos = mstart;
  }
  return false;
}

}  // namespace

// ---- PatternRecogniser -----------------------------------------------------

struct PatternRecogniser::SetHolder {
  explicit SetHolder(const RE2::Options& opts) : set(opts, RE2::UNANCHORED) {}
  RE2::Set set;
};

PatternRecogniser::PatternRecogniser(std::string name, std::vector<PatternSpec> specs,
                                     bool shortcuts)
    : name_(std::move(name)), specs_(std::move(specs)), shortcuts_(shortcuts) {
  RE2::Options opts;
  opts.set_log_errors(false);
  // The DFA needs room for the case-folded alternations; without it RE2
  // falls back to the much slower NFA on long texts.
  opts.set_max_mem(64 << 20);
  for (const PatternSpec& s : specs_) {
    auto re = std::make_unique<RE2>(s.regex, opts);
    if (!re->ok() || re->NumberOfCapturingGroups() >= kMaxGroups ||
        s.span_group > re->NumberOfCapturingGroups())
      ok_ = false;
    whole_.push_back(shortcuts && re->ok() && re->NumberOfCapturingGroups() == 1 &&
                     s.span_group == 1 && GroupIsWholeMatch(s.regex));
    compiled_.push_back(std::move(re));
    hints_.emplace_back();
    if (shortcuts)
      for (const MatchHint& h : s.hints) hints_.back().emplace_back(h);
    if (s.hints.size() > kMaxHints) ok_ = false;
  }
  if (specs_.size() > 64) ok_ = false;  // FindSelected takes a 64-bit mask
  if (specs_.size() > 1) {
    set_ = std::make_unique<SetHolder>(opts);
    for (const PatternSpec& s : specs_)
      if (set_->set.Add(shortcuts_ ? s.SetRegex() : s.regex, nullptr) < 0) ok_ = false;
    if (!set_->set.Compile()) set_.reset();  // without it every pattern is scanned
  }
}

PatternRecogniser::~PatternRecogniser() = default;

std::vector<PiiType> PatternRecogniser::Types() const {
  std::vector<PiiType> types;
  for (const PatternSpec& s : specs_)
    if (std::find(types.begin(), types.end(), s.type) == types.end()) types.push_back(s.type);
  return types;
}

void PatternRecogniser::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  if (!ok_) return;
  uint64_t wanted = AllSpecs();
  if (set_) {
    thread_local std::vector<int> hits;  // reused: no allocation per text
    hits.clear();
    RE2::Set::ErrorInfo info;
    if (set_->set.Match(re2::StringPiece(text.data(), text.size()), &hits, &info)) {
      wanted = 0;
      for (int h : hits) wanted |= uint64_t{1} << h;
    } else if (info.kind == RE2::Set::kNoError) {
      return;  // no pattern matches anywhere
    }
  }
  FindSelected(text, wanted, out);
}

void PatternRecogniser::FindSelected(std::string_view text, uint64_t wanted,
                                     std::vector<PiiFinding>& out) const {
  if (!ok_ || wanted == 0) return;
  re2::StringPiece groups[kMaxGroups];
  thread_local PatternMatch m;  // reused: its groups keep their capacity
  m.text = text;
  for (size_t k = 0; k < specs_.size(); ++k) {
    if (!(wanted >> k & 1)) continue;
    const RE2& re = *compiled_[k];
    const PatternSpec& spec = specs_[k];
    const std::vector<HintTable>& hints = hints_[k];
    const int n = re.NumberOfCapturingGroups() + 1;
    // Group 1 is group 0: asking RE2 for the bounds alone spares it the
    // submatch pass.
    const bool whole = whole_[k];
    const size_t max_len = shortcuts_ ? spec.max_length : std::string::npos;
    size_t pos = 0;
    std::array<HintCursor, kMaxHints> cursors;
    while (NextMatch(re, text, pos, hints, cursors.data(), max_len, groups, whole ? 1 : n)) {
      if (whole) groups[1] = groups[0];
      const size_t mstart = static_cast<size_t>(groups[0].data() - text.data());
      const size_t mend = mstart + groups[0].size();
      const re2::StringPiece span = groups[spec.span_group];
      m.groups.clear();
      for (int g = 0; g < n; ++g)
        m.groups.emplace_back(groups[g].data() ? std::string_view(groups[g].data(), groups[g].size())
                                               : std::string_view());
      m.start = span.data() ? static_cast<size_t>(span.data() - text.data()) : mstart;
      m.end = m.start + span.size();
      const double score = spec.validate ? spec.validate(m) : spec.score;
      if (score >= 0 && m.end > m.start) {
        out.push_back({spec.type, m.start, m.end, score, name_});
        pos = std::max(mend, pos + 1);
      } else {
        // Resume inside the rejected match, on a character boundary.
        pos = mstart + 1;
        while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
      }
    }
  }
}

// ---- PatternGroup ------------------------------------------------------------

struct PatternGroup::SetHolder {
  explicit SetHolder(const RE2::Options& opts) : set(opts, RE2::UNANCHORED) {}
  RE2::Set set;
};

PatternGroup::PatternGroup(std::vector<std::unique_ptr<PatternRecogniser>> members,
                           std::unique_ptr<PhoneRecogniser> phone)
    : members_(std::move(members)), phone_(std::move(phone)) {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(64 << 20);
  auto set = std::make_unique<SetHolder>(opts);
  bool ok = true;
  for (size_t i = 0; i < members_.size(); ++i) {
    const auto& specs = members_[i]->specs();
    for (size_t k = 0; k < specs.size(); ++k) {
      ok &= set->set.Add(specs[k].SetRegex(), nullptr) >= 0;
      owner_.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(k)});
    }
  }
  if (phone_) {
    ok &= set->set.Add(kPhoneCandidate, nullptr) >= 0;
    owner_.push_back({kPhoneOwner, 0});
  }
  if (ok && members_.size() <= kMaxMembers && set->set.Compile()) set_ = std::move(set);
}

PatternGroup::~PatternGroup() = default;

std::vector<PiiType> PatternGroup::Types() const {
  std::vector<PiiType> types;
  auto add = [&](const std::vector<PiiType>& ts) {
    for (PiiType t : ts)
      if (std::find(types.begin(), types.end(), t) == types.end()) types.push_back(t);
  };
  for (const auto& m : members_) add(m->Types());
  if (phone_) add(phone_->Types());
  return types;
}

void PatternGroup::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  if (!set_) {  // every member on its own
    for (const auto& m : members_) m->Find(text, out);
    if (phone_) phone_->Find(text, out);
    return;
  }
  thread_local std::vector<int> hits;  // reused: no allocation per text
  hits.clear();
  RE2::Set::ErrorInfo info;
  if (!set_->set.Match(re2::StringPiece(text.data(), text.size()), &hits, &info)) {
    if (info.kind == RE2::Set::kNoError) return;  // no pattern matches anywhere
    for (const auto& m : members_) m->Find(text, out);
    if (phone_) phone_->Find(text, out);
    return;
  }
  // Members run in their order, each on the patterns that match somewhere,
  // so the findings come out as if every member had run on its own.
  std::array<uint64_t, kMaxMembers> wanted{};
  bool phone = false;
  for (int h : hits) {
    const Owner o = owner_[static_cast<size_t>(h)];
    if (o.member == kPhoneOwner) {
      phone = true;
    } else {
      wanted[o.member] |= uint64_t{1} << o.spec;
    }
  }
  for (size_t i = 0; i < members_.size(); ++i) members_[i]->FindSelected(text, wanted[i], out);
  if (phone) phone_->Find(text, out);
}

// ---- the recognisers ---------------------------------------------------------

std::unique_ptr<PatternRecogniser> MakePostcodeRecogniser() {
  std::vector<PatternSpec> specs;
  // Full postcodes, any case (legacy text is upper case, typed text is not
  // always). A lower-case one is slightly less sure: it could be a code.
  specs.push_back({PiiType::kPostcode,
                   std::string("(?i)\\b(") + kOutward + " ?[0-9][ABD-HJLNP-UW-Z]{2}|GIR ?0AA)\\b",
                   0.7, 1, [](PatternMatch& m) {
                     const std::string_view s = m.groups[1];
                     const bool upper = std::none_of(s.begin(), s.end(), [](char c) {
                       return std::islower(static_cast<unsigned char>(c)) != 0;
                     });
                     return upper ? 0.7 : 0.6;
                   },
                   {Has(kDigits, 8)}, 16});
  // An outward code on its own ("NR2") only after "postcode", or before
  // "area"/"district": alone it is as likely a road (A47) or a code.
  specs.push_back({PiiType::kPostcode,
                   std::string("(?i)\\bpost ?codes?(?:\\s+(?:area|district|sector))?"
                               "(?:\\s+(?:of|is|was|in))?\\s*[:\\-]?\\s*(") +
                       kOutward + ")\\b",
                   0.5, 1, nullptr, {Has(kDigits)}});
  specs.push_back({PiiType::kPostcode,
                   std::string("\\b(") + kOutward + ")\\s+(?i:area|district|postcode)\\b", 0.4,
                   1, nullptr, {Has(kDigits, 2)}});
  // A US ZIP code (5 digits, or ZIP+4) only right after a state in an
  // address line, "Springfield, IL 62704" or "Austin, Texas 78701": a
  // five-digit number alone is a count, a reference or a price. The town
  // is capitalised, so "in total, OR 12345" is no address.
  specs.push_back(
      {PiiType::kPostcode,
       "\\b[A-Z][A-Za-z.]*,\\s*(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|"
       "O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]|Alabama|Alaska|Arizona|Arkansas|California|"
       "Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|"
       "Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|"
       "Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|"
       "North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|"
       "Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming)"
       ",?\\s+([0-9]{5}(?:-[0-9]{4})?)\\b",
       0.6, 1, [](PatternMatch& m) {
         // Not the start of a longer number ("62704-12") or a decimal.
         if (m.end < m.text.size() && (m.text[m.end] == '-' || m.text[m.end] == '.') &&
             m.end + 1 < m.text.size() && IsDigit(m.text[m.end + 1]))
           return kReject;
         return 0.6;
       },
       {After(Has(","), std::string(kLetters) + "."), Has(kDigits)}});
  return std::make_unique<PatternRecogniser>("postcode", std::move(specs));
}

std::unique_ptr<PatternRecogniser> MakeEmailRecogniser() {
  std::vector<PatternSpec> specs;
  specs.push_back({PiiType::kEmail,
                   "(?i)((?:\\b[a-z0-9]|\\p{L})[\\p{L}0-9._%+'\\-]*@[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?"
                   "(?:\\.[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?)*\\.[a-z]{2,24})\\b",
                   0.9, 1, nullptr, {After(Has("@"), std::string(kAlnum) + "._%+'-")}});
  // Its local part lives through every word; the set needs only the "@".
  specs.back().prefilter = "@";
  return std::make_unique<PatternRecogniser>("email", std::move(specs));
}

namespace {
// A URL's path is personal when it names an account (facebook.com/john.smith);
// a bare site name usually names a platform, so it scores low.
double UrlScore(PatternMatch& m, double with_path, double without_path) {
  TrimTrailing(m, ".,;:!?)]}'\"");
  const std::string_view s = m.text.substr(m.start, m.end - m.start);
  const size_t scheme = s.find("://");
  const size_t slash = s.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  const bool path = slash != std::string_view::npos && slash + 1 < s.size();
  return path ? with_path : without_path;
}
constexpr const char* kUrlTail = "[^\\s<>\"'\\x{201C}\\x{201D}\\x{2018}\\x{2019}]";
}  // namespace

std::unique_ptr<PatternRecogniser> MakeUrlRecogniser() {
  std::vector<PatternSpec> specs;
  specs.push_back({PiiType::kUrl, std::string("(?i)\\b((?:https?|ftp)://") + kUrlTail + "+)", 0.7,
                   1, [](PatternMatch& m) { return UrlScore(m, 0.7, 0.5); }, {Has(":", 8)}});
  specs.push_back({PiiType::kUrl,
                   std::string("(?i)\\b(www\\.[a-z0-9\\-]+(?:\\.[a-z0-9\\-]+)+(?:/") + kUrlTail +
                       "*)?)",
                   0.7, 1, [](PatternMatch& m) { return UrlScore(m, 0.7, 0.5); }, {Has(".", 4)}});
  // Without scheme or www: only well-known top-level domains, or "statement.doc"
  // and "Mr.Smith" would be sites.
  specs.push_back(
      {PiiType::kUrl,
       std::string("(?i)\\b((?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?\\.)+"
                   "(?:com|co\\.uk|org\\.uk|gov\\.uk|ac\\.uk|me\\.uk|uk|org|net|io|me|tv|info|"
                   "biz|ly|gg|app|xyz|ru|eu|de|fr|ie)\\b(?:/") +
           kUrlTail + "*)?)",
       0.6, 1, [](PatternMatch& m) { return UrlScore(m, 0.6, 0.3); },
       {After(HasPair(".", kLetters), std::string(kAlnum) + "-.")}});
  // Its labels live through every word; the set needs only the ending.
  specs.back().prefilter =
      "(?i)\\.(?:com|co\\.uk|org\\.uk|gov\\.uk|ac\\.uk|me\\.uk|uk|org|net|io|me|tv|info|"
      "biz|ly|gg|app|xyz|ru|eu|de|fr|ie)\\b";
  return std::make_unique<PatternRecogniser>("url", std::move(specs));
}

std::unique_ptr<PatternRecogniser> MakeIpAddressRecogniser() {
  std::vector<PatternSpec> specs;
  specs.push_back({PiiType::kIpAddress, "\\b((?:[0-9]{1,3}\\.){3}[0-9]{1,3})\\b", 0.6, 1,
                   [](PatternMatch& m) {
                     // A fifth part makes it a version or a list, not an address.
                     if (m.end < m.text.size() && m.text[m.end] == '.' &&
                         m.end + 1 < m.text.size() && IsDigit(m.text[m.end + 1]))
                       return kReject;
                     if (m.start > 0 && m.text[m.start - 1] == '.') return kReject;
                     const std::string s(m.groups[1]);
                     in_addr a;
                     return inet_pton(AF_INET, s.c_str(), &a) == 1 ? 0.6 : kReject;
                   },
                   {HasPair(".", kDigits, 3), Within(std::string(kDigits) + ".", 7)}, 16});
  specs.push_back({PiiType::kIpAddress, "(?i)((?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4})", 0.6, 1,
                   [](PatternMatch& m) {
                     // Times (22:15:30) and "e::" fail inet_pton or the digit count.
                     if (m.start > 0 && (IsAlnum(m.text[m.start - 1]) || m.text[m.start - 1] == ':'))
                       return kReject;
                     if (m.end < m.text.size() && IsAlnum(m.text[m.end])) return kReject;
                     const std::string s(m.groups[1]);
                     int hex = 0;
                     for (char c : s) hex += c != ':';
                     in6_addr a;
                     if (hex < 4 || inet_pton(AF_INET6, s.c_str(), &a) != 1) return kReject;
                     return 0.6;
                   },
                   {Has(":", 4), Within("0123456789abcdefABCDEF:", 2)}, 40});
  // It lives through every run of the letters a to f; the set needs two colons.
  specs.back().prefilter = ":[0-9A-Fa-f]{0,4}:";
  return std::make_unique<PatternRecogniser>("ip_address", std::move(specs));
}

std::unique_ptr<PatternRecogniser> MakeHandleRecogniser() {
  std::vector<PatternSpec> specs;
  // "@name", not inside an e-mail address (the character before is no part of one).
  specs.push_back({PiiType::kHandle,
                   "(?:^|[^A-Za-z0-9._%+\\-@])(@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)",
                   0.7, 1, [](PatternMatch& m) {
                     const std::string_view h = m.groups[1].substr(1);
                     if (h.size() > 30 || LooksLikeTime(h)) return kReject;
                     return 0.7;
                   },
                   {Has("@", 4)}});
  // A token after a cue word. Strong cues name an account, so any token that
  // is not a common word counts; weak cues ("profile", a platform) need a
  // token that looks made up (dot, underscore, digit) or quoted.
  specs.push_back(
      {PiiType::kHandle,
       "(?i)\\b((?:user|account|screen|profile|display|gamer)\\s?(?:name|tag|id)|handle|"
       "profile|account|facebook|instagram|snapchat|twitter|tiktok|kik|skype|badoo|tinder|"
       "whatsapp)\\s*(?:(?:is|was|called|named|of)\\s+)?[:\\-]?\\s*([\"'\\x{201C}\\x{2018}]?)"
       "(@?[A-Za-z0-9_][A-Za-z0-9_.\\-]{1,39})",
       0.6, 3, [](PatternMatch& m) {
         TrimTrailing(m, ".-");
         const std::string_view tok = m.text.substr(m.start, m.end - m.start);
         if (tok.size() < 2 || IsStopWord(tok)) return kReject;
         const std::string cue = LowerAscii(m.groups[1]);
         const bool strong = cue.find("name") != std::string::npos ||
                             cue.find("tag") != std::string::npos ||
                             cue.find(" id") != std::string::npos || cue.ends_with("id") ||
                             cue == "handle";
         const bool quoted = !m.groups[2].empty();
         const bool made_up = std::any_of(tok.begin(), tok.end(), [](char c) {
           return c == '.' || c == '_' || c == '@' || IsDigit(c);
         });
         if (tok.find_first_not_of("0123456789") == std::string_view::npos) return kReject;
         if (strong) return quoted || made_up ? 0.7 : 0.55;
         if (quoted || made_up) return 0.5;
         return kReject;
       }});
  // A made-up account name standing alone, as victims quote them:
  // tyler.brennan.32, hot_wendy_71, amanda.x.love, xmariax87. Shapes that
  // ordinary text does not make: three dotted parts (not a domain or a file),
  // an underscore between words, or six or more letters then two digits.
  specs.push_back(
      {PiiType::kHandle,
       "(?:^|[^A-Za-z0-9._@/\\-])([A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+|[A-Za-z]{6,}[0-9]{2})"
       "(?:$|[^A-Za-z0-9_@/\\-.]|\\.(?:$|[^A-Za-z0-9]))",
       0.5, 1, [](PatternMatch& m) {
         const std::string_view tok = m.groups[1];
         std::vector<std::string_view> parts;
         size_t from = 0;
         bool underscore = false;
         for (size_t i = 0; i <= tok.size(); ++i) {
           if (i == tok.size() || tok[i] == '.' || tok[i] == '_') {
             parts.push_back(tok.substr(from, i - from));
             if (i < tok.size() && tok[i] == '_') underscore = true;
             from = i + 1;
           }
         }
         auto letters = [](std::string_view p) {
           return std::count_if(p.begin(), p.end(), [](char c) { return IsAlpha(c); });
         };
         if (parts.size() == 1) return 0.45;  // xmariax87
         const std::string last = LowerAscii(parts.back());
         static const std::set<std::string> kNotHandles = {
             "com", "uk", "org", "net", "co", "io", "gov", "info", "biz", "me", "tv", "eu",
             "jpg", "jpeg", "png", "gif", "mp4", "mov", "avi", "pdf", "doc", "docx", "txt",
             "exe", "zip", "csv", "xls", "xlsx", "html", "htm", "php"};
         if (kNotHandles.count(last)) return kReject;
         int wordy = 0;
         for (auto p : parts) wordy += letters(p) >= 2;
         if (underscore) {
           // IMG_1234, DSC_0012: a camera's file name, not an account.
           if (parts.size() == 2 && letters(parts[0]) <= 4 && letters(parts[1]) == 0) return kReject;
           return wordy >= 1 ? 0.5 : kReject;
         }
         if (parts.size() < 3 || wordy < 2) return kReject;  // e.g., J.SMITH, v1.2.3
         return 0.5;
       },
       // A dot or underscore before a letter or digit, or the two digits,
       // after the character before the token and letters and digits.
       {After({.alone = std::string(kDigits), .pair = "._", .next = std::string(kAlnum)}, kAlnum,
              4)}});
  // Its threads live through every word; the set needs only the joint.
  specs.back().prefilter = "[A-Za-z0-9][._][A-Za-z0-9]|[A-Za-z][0-9][0-9]";
  return std::make_unique<PatternRecogniser>("handle", std::move(specs));
}

std::unique_ptr<PatternRecogniser> MakeVehicleRegistrationRecogniser() {
  std::vector<PatternSpec> specs;
  // Upper case only: registrations are written in capitals even in typed
  // narratives, and lower case would match ordinary words.
  // Current format (2001-): two area letters, age identifier, three letters.
  specs.push_back({PiiType::kVehicleRegistration,
                   "\\b([A-HJ-PR-Y][A-HJ-PR-Y]([0-9]{2}) ?([A-HJ-PR-Z]{3}))\\b", 0.6, 1,
                   [](PatternMatch& m) {
                     const int age = ToInt(m.groups[2]);
                     if (!((age >= 2 && age <= 29) || (age >= 51 && age <= 79))) return kReject;
                     if (IsBlockedVrmLetters(m.groups[3])) return 0.3;
                     return 0.6;
                   },
                   {Has(kDigits, 2)}, 8});
  // Prefix format (1983-2001): year letter, 1-3 digits, three letters.
  specs.push_back({PiiType::kVehicleRegistration,
                   "\\b([A-HJ-NPR-TV-Y][0-9]{1,3} ?([A-HJ-PR-Y]{3}))\\b", 0.35, 1,
                   [](PatternMatch& m) {
                     return IsBlockedVrmLetters(m.groups[2]) ? kReject : 0.35;
                   },
                   {Has(kDigits, 1)}, 8});
  // Suffix format (1963-1983): three letters, 1-3 digits, year letter.
  specs.push_back({PiiType::kVehicleRegistration,
                   "\\b(([A-HJ-PR-Y]{3}) ?[0-9]{1,3}[A-HJ-NPR-TV-Y])\\b", 0.25, 1,
                   [](PatternMatch& m) {
                     return IsBlockedVrmLetters(m.groups[2]) ? kReject : 0.25;
                   },
                   {Has(kDigits, 4)}, 8});
  return std::make_unique<PatternRecogniser>("vehicle_registration", std::move(specs));
}

std::unique_ptr<PatternRecogniser> MakeNiNumberRecogniser() {
  std::vector<PatternSpec> specs;
  // First letter not D F I Q U V, second not D F I O Q U V; suffix A-D.
  specs.push_back({PiiType::kNiNumber,
                   "(?i)\\b(([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} "
                   "?[A-D])\\b",
                   0.8, 1, [](PatternMatch& m) {
                     static const std::set<std::string> kNotIssued = {"BG", "GB", "NK", "KN",
                                                                      "TN", "NT", "ZZ"};
                     std::string p(m.groups[2]);
                     for (char& c : p) c = static_cast<char>(std::toupper(c));
                     return kNotIssued.count(p) ? kReject : 0.8;
                   },
                   {Has(kDigits, 8)}, 20});
  return std::make_unique<PatternRecogniser>("ni_number", std::move(specs));
}

namespace {
constexpr const char* kMonthNames =
    "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

double DateScore(std::string_view d, std::string_view mo, std::string_view y, double score) {
  const int day = ToInt(d);
  const int month = IsDigit(mo.empty() ? 'x' : mo[0]) ? ToInt(mo) : MonthFromName(mo);
  const int year = YearOf(y);
  if (year == -2) return kReject;
  return ValidDay(year, month, day) ? score : kReject;
}
}  // namespace

std::unique_ptr<PatternRecogniser> MakeDateRecogniser() {
  std::vector<PatternSpec> specs;
  // dd/mm/yyyy, dd/mm/yy (also . and -), the legacy and typed forms.
  specs.push_back({PiiType::kDate,
                   "\\b(([0-9]{1,2})([/.\\-])([0-9]{1,2})[/.\\-]([0-9]{4}|[0-9]{2}))\\b", 0.6, 1,
                   [](PatternMatch& m) {
                     // The second separator must repeat the first: 12/03-14 is not a date.
                     const std::string_view all = m.groups[1];
                     const char sep = m.groups[3][0];
                     if (all[all.size() - m.groups[5].size() - 1] != sep) return kReject;
                     // A dotted triple inside a dotted quad is an IP address or version.
                     // (A full stop that ends the sentence does not count.)
                     if (sep == '.' && m.end + 1 < m.text.size() && m.text[m.end] == '.' &&
                         IsDigit(m.text[m.end + 1]))
                       return kReject;
                     const double uk = DateScore(m.groups[2], m.groups[4], m.groups[5], 0.6);
                     if (uk >= 0) return uk;
                     // Month first, as Americans write it: 9/20/1968 can be nothing else.
                     return DateScore(m.groups[4], m.groups[2], m.groups[5], 0.5);
                   },
                   {HasPair("/.-", kDigits, 2), Within(std::string(kDigits) + "/.-", 6)}, 12});
  // ISO yyyy-mm-dd, also the date part of a timestamp.
  specs.push_back({PiiType::kDate, "\\b(((?:19|20)[0-9]{2})-([0-9]{2})-([0-9]{2}))(?:T|\\b)", 0.6,
                   1, [](PatternMatch& m) {
                     return DateScore(m.groups[4], m.groups[3], m.groups[2], 0.6);
                   },
                   {HasPair("-", kDigits, 4), Within(std::string(kDigits) + "-T", 10)}, 12});
  // 14 February 1997, 14th of Feb 1997, 30 October.
  specs.push_back({PiiType::kDate,
                   std::string("(?i)\\b(([0-9]{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+") + kMonthNames +
                       "(?:\\.?,?\\s+([0-9]{4}))?)\\b",
                   0.6, 1, [](PatternMatch& m) {
                     const std::string_view mo = m.groups[3];
                     // "may" is a word: "3 may" without a year is too doubtful.
                     if (m.groups[4].empty() && LowerAscii(mo) == "may" && mo != "May" &&
                         mo != "MAY")
                       return kReject;
                     return DateScore(m.groups[2], mo, m.groups[4], m.groups[4].empty() ? 0.45 : 0.6);
                   },
                   {Has(kDigits, 0)}});
  // February 14 1997, Feb 14th, 1997, January 5, 2021, March 3rd.
  specs.push_back({PiiType::kDate,
                   std::string("(?i)\\b(") + kMonthNames +
                       "\\.?\\s+([0-9]{1,2})((?:st|nd|rd|th)?)(?:,?\\s+([0-9]{4}))?)\\b",
                   0.6, 1, [](PatternMatch& m) {
                     if (!m.groups[5].empty())
                       return DateScore(m.groups[3], m.groups[2], m.groups[5], 0.6);
                     // Without a year: not before a time, a unit or more digits
                     // ("March 3 miles" is no date, nor "Jan 5:30").
                     if (m.end < m.text.size() &&
                         (IsDigit(m.text[m.end]) || m.text[m.end] == ':' || m.text[m.end] == '.' ||
                          m.text[m.end] == '/'))
                       return kReject;
                     // "may" and "march" are words: "he may 2 ..." is doubtful,
                     // so those need a capital and an ordinal ("May 4th").
                     const std::string mo = LowerAscii(m.groups[2]);
                     if ((mo == "may" || mo == "mar" || mo == "march") &&
                         (!std::isupper(static_cast<unsigned char>(m.groups[2][0])) ||
                          m.groups[4].empty()))
                       return kReject;
                     return DateScore(m.groups[3], m.groups[2], "", 0.45);
                   },
                   {Has(kDigits)}});
  // A weekday before a date: Monday 4th May, Tuesday, 5 January 2021,
  // Friday the 3rd of March, Sunday March 3rd. The day makes "may" a month.
  specs.push_back(
      {PiiType::kDate,
       std::string("(?i)\\b((?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?"
                   "\\s+(?:the\\s+)?(?:([0-9]{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+") +
           kMonthNames + "|" + kMonthNames +
           "\\.?\\s+(?:the\\s+)?([0-9]{1,2})(?:st|nd|rd|th)?)(?:,?\\s+([0-9]{4}))?)\\b",
       0.6, 1, [](PatternMatch& m) {
         // Abbreviated weekdays only with their dot or a comma after, or capitalised.
         const std::string_view all = m.groups[1];
         const size_t sp = all.find_first_of(" \t\n,.");
         const std::string wd = LowerAscii(all.substr(0, sp));
         if (wd.find("day") == std::string::npos &&
             !std::isupper(static_cast<unsigned char>(all[0])))
           return kReject;
         const bool day_first = !m.groups[2].empty();
         const std::string_view d = day_first ? m.groups[2] : m.groups[5];
         const std::string_view mo = day_first ? m.groups[3] : m.groups[4];
         return DateScore(d, mo, m.groups[6], m.groups[6].empty() ? 0.5 : 0.6);
       },
       {Has(kDigits)}});
  // 30/10: day and month only, as narratives write event dates.
  specs.push_back({PiiType::kDate, "\\b(([0-9]{1,2})/([0-9]{1,2}))\\b", 0.35, 1,
                   [](PatternMatch& m) {
                     if (m.groups[1] == "24/7") return kReject;
                     // Part of a longer slash form (a crime number, a full date).
                     if (m.end < m.text.size() && m.text[m.end] == '/') return kReject;
                     if (m.start > 0 && m.text[m.start - 1] == '/') return kReject;
                     return DateScore(m.groups[2], m.groups[3], "", 0.35);
                   },
                   {HasPair("/", kDigits, 2), Within(std::string(kDigits) + "/", 3)}, 8});
  return std::make_unique<PatternRecogniser>("date", std::move(specs));
}

std::unique_ptr<PatternRecogniser> MakeCrimeNumberRecogniser() {
  std::vector<PatternSpec> specs;
  // CRS: division, sequence, two-digit year (C1/04512/14).
  specs.push_back({PiiType::kCrimeNumber, "(?i)\\b([A-Z]{1,2}[0-9]{1,2}/[0-9]{3,6}/[0-9]{2})\\b",
                   0.85, 1, nullptr, {HasPair("/", kDigits, 8), Within(CaseFolded(kAlnum) + "/", 9)},
                   20});
  // RMS: RMS-15-0004711, also without the hyphens.
  specs.push_back({PiiType::kCrimeNumber, "(?i)\\b(RMS-?[0-9]{2}-?[0-9]{7})\\b", 0.9, 1, nullptr,
                   {Has(kDigits, 6), Within(CaseFolded(kAlnum) + "-", 12)}, 16});
  // The bare forms a narrative may use: 04512/14 and 15-0004711.
  specs.push_back({PiiType::kCrimeNumber, "\\b([0-9]{5}/[0-9]{2})\\b", 0.45, 1, [](PatternMatch& m) {
                     if (m.end < m.text.size() && m.text[m.end] == '/') return kReject;
                     return 0.45;
                   },
                   {HasPair("/", kDigits, 5), Within(std::string(kDigits) + "/", 8)}, 8});
  specs.push_back({PiiType::kCrimeNumber, "\\b([0-9]{2}-[0-9]{7})\\b", 0.5, 1, nullptr,
                   {HasPair("-", kDigits, 2), Within(std::string(kDigits) + "-", 10)}, 10});
  return std::make_unique<PatternRecogniser>("crime_number", std::move(specs));
}

namespace {
// Street types. The numbered form takes them all; the form without a house
// number leaves out those that end other names (Crown Court, Barclays Bank,
// Car Park, Village Green).
constexpr const char* kStreetTypesAll =
    "road|rd|street|st|lane|ln|close|avenue|ave|drive|dr|way|crescent|cres|gardens|gdns|place|"
    "court|ct|hill|terrace|grove|row|square|sq|walk|rise|mews|green|park|parade|view|yard|loke|"
    "chase|meadow|meadows|end|gate|wharf|quay|plain|path|vale|bank|boulevard|common|croft|"
    "fields|field|hollow|link|mount|orchard|passage|approach|circus|broadway|causeway|"
    "embankment|esplanade|promenade|wynd|pightle";
constexpr const char* kStreetTypesBare =
    "Road|Street|Lane|Close|Avenue|Drive|Way|Crescent|Gardens|Place|Hill|Terrace|Grove|Row|"
    "Square|Walk|Rise|Mews|Loke|Chase|Plain|Parade|Boulevard|Approach|Causeway|Esplanade|"
    "Promenade|ROAD|STREET|LANE|CLOSE|AVENUE|DRIVE|WAY|CRESCENT|GARDENS|PLACE|HILL|TERRACE|"
    "GROVE|ROW|SQUARE|WALK|RISE|MEWS|LOKE|CHASE|PLAIN|PARADE|BOULEVARD|APPROACH|CAUSEWAY|"
    "ESPLANADE|PROMENADE";

bool PrecededByNumberPunctuation(const PatternMatch& m) {
  if (m.start == 0) return false;
  const unsigned char c = static_cast<unsigned char>(m.text[m.start - 1]);
  // 21:00, 1.5, 3/4, -2 and £250 (0xA3 ends the UTF-8 pound sign) are not house numbers.
  return c == ':' || c == '.' || c == '/' || c == '-' || c == '$' || c == 0xA3 || c == 0x80;
}
}  // namespace

std::unique_ptr<PatternRecogniser> MakeAddressRecogniser() {
  std::vector<PatternSpec> specs;
  // [Flat 3,] 12[A] Name [Name [Name]] Road.
  specs.push_back(
      {PiiType::kAddress,
       std::string("(?i)\\b(((?:flat|apartment|apt|unit|room)\\s+[0-9]{1,4}[a-z]?,?\\s+)?"
                   "[0-9]{1,4}[a-z]?(?:-[0-9]{1,4})?,?\\s+((?:[a-z][a-z'\\x{2019}.\\-]*\\s+){1,3})"
                   "(?:") +
           kStreetTypesAll + "))\\b",
       0.7, 1, [](PatternMatch& m) {
         if (PrecededByNumberPunctuation(m)) return kReject;
         const auto words = SplitWords(m.groups[3]);
         for (size_t i = 0; i < words.size(); ++i) {
           const std::string w = LowerAscii(words[i]);
           if (i == 0 && w == "the") continue;  // 12 The Street
           if (i > 0 && (w == "of" || w == "the")) continue;  // Prince of Wales Road
           if (IsStopWord(w)) return kReject;
         }
         return m.groups[2].empty() ? 0.7 : 0.8;
       },
       // The house number, after "flat 3" and the like.
       {After(Has(kDigits), kLettersSpace)}});
  // It lives through three words after every number; the set needs the street type.
  specs.back().prefilter = std::string("(?i)\\s(?:") + kStreetTypesAll + ")\\b";
  // A street named without a house number (Church Lane, DEREHAM ROAD): the
  // place of an offence or a home, less sure, so context decides.
  specs.push_back(
      {PiiType::kAddress,
       std::string("\\b((?:(?:[A-Z][a-z'\\x{2019}]+|[A-Z][A-Z'\\x{2019}]+)\\s+){1,3}(?:") +
           kStreetTypesBare + "))\\b",
       0.3, 1, [](PatternMatch& m) {
         // Drop leading stop words ("ON CHURCH LANE"), then require a name.
         auto words = SplitWords(m.text.substr(m.start, m.end - m.start));
         size_t i = 0;
         while (i + 1 < words.size() && IsStopWord(words[i])) ++i;
         if (i + 1 >= words.size()) return kReject;
         m.start = static_cast<size_t>(words[i].data() - m.text.data());
         for (size_t j = i + 1; j + 1 < words.size(); ++j) {
           const std::string w = LowerAscii(words[j]);
           if (w != "of" && w != "the" && IsStopWord(w)) return kReject;
         }
         return 0.3;
       },
       // A capital first, and the street type's capital after white space.
       {Has(kUpper, 0), After(HasPair(kSpace, kUpper), std::string(kLettersSpace) + "'")}});
  // It lives through every capitalised word; the set needs only the street type.
  specs.back().prefilter = std::string("\\s(?:") + kStreetTypesBare + ")\\b";
  return std::make_unique<PatternRecogniser>("address", std::move(specs));
}

// ---- phones ----------------------------------------------------------------

// A phone finding inside one candidate digit run, relative to the run's start.
struct PhoneHit {
  uint32_t start;
  uint32_t end;
  double score;
};

// Bounded and shared by threads; emptied when full (simple and good enough:
// the numbers that recur do so close together).
struct PhoneRecogniser::Cache {
  static constexpr size_t kMaxEntries = 1 << 16;
  std::mutex mu;
  std::unordered_map<std::string, std::vector<PhoneHit>> map;
};

}  // namespace foidesk::privacy

// libphonenumber's compiled-in metadata (metadata.h, not installed). Weak, so
// that a version without these symbols links and runs without the UK rules.
namespace i18n::phonenumbers {
[[gnu::weak]] int metadata_size();
[[gnu::weak]] const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace foidesk::privacy {
namespace {

// ---- UK numbering rules ----------------------------------------------------
//
// libphonenumber spends about 25 us on a candidate (its ICU regular
// expressions). Most candidates in crime text are UK numbers written in one of
// a few plain shapes, for which its answer can be worked out exactly from its
// own metadata: the numbering plans of +44 (GB, GG, IM, JE) read from the same
// compiled-in bytes it reads, with the national-number patterns in RE2. The
// rules below repeat the steps of PhoneNumberUtil::Parse, IsValidNumber and
// PhoneNumberMatcher (leniency VALID) for those shapes only, and answer
// "not sure" for everything else, which then goes to libphonenumber. A test
// compares the two on generated candidates.

// The protobuf wire format, enough to read PhoneMetadataCollection.
class WireReader {
 public:
  WireReader(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
  bool done() const { return p_ >= end_ || failed_; }
  bool failed() const { return failed_; }
  // The next field's number and wire type.
  bool Next(uint32_t& field, uint32_t& type) {
    uint64_t key;
    if (!Varint(key)) return false;
    field = static_cast<uint32_t>(key >> 3);
    type = static_cast<uint32_t>(key & 7);
    return true;
  }
  bool Varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      const uint8_t b = *p_++;
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return true;
    }
    failed_ = true;
    return false;
  }
  bool Bytes(std::string_view& s) {
    uint64_t n;
    if (!Varint(n) || n > static_cast<uint64_t>(end_ - p_)) return failed_ = true, false;
    s = std::string_view(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return true;
  }
  bool Skip(uint32_t type) {
    uint64_t v;
    std::string_view s;
    switch (type) {
      case 0: return Varint(v);
      case 1: return Advance(8);
      case 2: return Bytes(s);
      case 5: return Advance(4);
      default: return failed_ = true, false;
    }
  }

 private:
  bool Advance(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) return failed_ = true, false;
    p_ += n;
    return true;
  }
  const uint8_t* p_;
  const uint8_t* end_;
  bool failed_ = false;
};

// One PhoneNumberDesc: the lengths a number of this type may have and the
// pattern its national significant number must match in full.
struct NumberDesc {
  std::vector<int> lengths;
  std::vector<int> local_only;
  std::string pattern;
  std::unique_ptr<RE2> re;

  // PhoneNumberUtil::IsNumberMatchingDesc.
  bool Matches(std::string_view nsn) const {
    const int n = static_cast<int>(nsn.size());
    if (!lengths.empty() && std::find(lengths.begin(), lengths.end(), n) == lengths.end())
      return false;
    return PatternMatches(nsn);
  }
  // RegexBasedMatcher::MatchNationalNumber (no prefix match): the pattern alone.
  bool PatternMatches(std::string_view nsn) const {
    return re && RE2::FullMatch(re2::StringPiece(nsn.data(), nsn.size()), *re);
  }
};

bool ReadDesc(std::string_view bytes, NumberDesc& d) {
  using Desc = i18n::phonenumbers::PhoneNumberDesc;
  WireReader r(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  uint32_t field, type;
  while (!r.done() && r.Next(field, type)) {
    std::vector<int>* list = field == Desc::kPossibleLengthFieldNumber ? &d.lengths
                             : field == Desc::kPossibleLengthLocalOnlyFieldNumber ? &d.local_only
                                                                                   : nullptr;
    if (list && type == 0) {
      uint64_t v;
      if (!r.Varint(v)) return false;
      list->push_back(static_cast<int>(static_cast<int32_t>(v)));
    } else if (list && type == 2) {  // packed
      std::string_view packed;
      if (!r.Bytes(packed)) return false;
      WireReader pr(reinterpret_cast<const uint8_t*>(packed.data()), packed.size());
      uint64_t v;
      while (!pr.done() && pr.Varint(v)) list->push_back(static_cast<int>(static_cast<int32_t>(v)));
      if (pr.failed()) return false;
    } else if (field == Desc::kNationalNumberPatternFieldNumber && type == 2) {
      std::string_view s;
      if (!r.Bytes(s)) return false;
      d.pattern.assign(s);
    } else if (!r.Skip(type)) {
      return false;
    }
  }
  return !r.failed();
}

// The parts of one region's PhoneMetadata the rules use.
struct RegionPlan {
  std::string id;
  int country_code = 0;
  std::string international_prefix;
  std::string national_prefix_for_parsing;
  std::string national_prefix_transform_rule;
  bool same_mobile_and_fixed_line_pattern = false;
  NumberDesc general;
  NumberDesc fixed_line;
  NumberDesc mobile;
  std::array<NumberDesc, 8> others;  // premium, toll-free, shared, VoIP, personal, pager, UAN, voicemail

  // PhoneNumberUtil::GetNumberTypeHelper(nsn) != UNKNOWN.
  // Any type will do, so the common ones are tried first.
  bool KnownType(std::string_view nsn) const {
    if (!general.Matches(nsn)) return false;
    if (fixed_line.Matches(nsn)) return true;
    if (!same_mobile_and_fixed_line_pattern && mobile.Matches(nsn)) return true;
    for (const NumberDesc& d : others)
      if (d.Matches(nsn)) return true;
    return false;
  }
};

bool ReadRegion(std::string_view bytes, RegionPlan& plan) {
  using Meta = i18n::phonenumbers::PhoneMetadata;
  WireReader r(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  uint32_t field, type;
  while (!r.done() && r.Next(field, type)) {
    NumberDesc* desc = nullptr;
    std::string* str = nullptr;
    switch (field) {
      case Meta::kGeneralDescFieldNumber: desc = &plan.general; break;
      case Meta::kFixedLineFieldNumber: desc = &plan.fixed_line; break;
      case Meta::kMobileFieldNumber: desc = &plan.mobile; break;
      case Meta::kPremiumRateFieldNumber: desc = &plan.others[0]; break;
      case Meta::kTollFreeFieldNumber: desc = &plan.others[1]; break;
      case Meta::kSharedCostFieldNumber: desc = &plan.others[2]; break;
      case Meta::kVoipFieldNumber: desc = &plan.others[3]; break;
      case Meta::kPersonalNumberFieldNumber: desc = &plan.others[4]; break;
      case Meta::kPagerFieldNumber: desc = &plan.others[5]; break;
      case Meta::kUanFieldNumber: desc = &plan.others[6]; break;
      case Meta::kVoicemailFieldNumber: desc = &plan.others[7]; break;
      case Meta::kIdFieldNumber: str = &plan.id; break;
      case Meta::kInternationalPrefixFieldNumber: str = &plan.international_prefix; break;
      case Meta::kNationalPrefixForParsingFieldNumber: str = &plan.national_prefix_for_parsing; break;
      case Meta::kNationalPrefixTransformRuleFieldNumber:
        str = &plan.national_prefix_transform_rule;
        break;
      default: break;
    }
    if ((desc || str) && type == 2) {
      std::string_view s;
      if (!r.Bytes(s)) return false;
      if (desc && !ReadDesc(s, *desc)) return false;
      if (str) str->assign(s);
    } else if (field == Meta::kCountryCodeFieldNumber && type == 0) {
      uint64_t v;
      if (!r.Varint(v)) return false;
      plan.country_code = static_cast<int>(v);
    } else if (field == Meta::kSameMobileAndFixedLinePatternFieldNumber && type == 0) {
      uint64_t v;
      if (!r.Varint(v)) return false;
      plan.same_mobile_and_fixed_line_pattern = v != 0;
    } else if (!r.Skip(type)) {
      return false;
    }
  }
  return !r.failed();
}

// What PhoneNumberUtil::TestNumberLength says for type UNKNOWN.
enum class LengthResult { kPossible, kPossibleLocalOnly, kTooShort, kTooLong, kInvalidLength };

LengthResult TestNumberLength(std::string_view nsn, const NumberDesc& general) {
  const auto& lengths = general.lengths;
  if (lengths.empty() || lengths[0] == -1) return LengthResult::kInvalidLength;
  const int n = static_cast<int>(nsn.size());
  if (std::find(general.local_only.begin(), general.local_only.end(), n) !=
      general.local_only.end())
    return LengthResult::kPossibleLocalOnly;
  if (lengths[0] == n) return LengthResult::kPossible;
  if (lengths[0] > n) return LengthResult::kTooShort;
  if (lengths.back() < n) return LengthResult::kTooLong;
  return std::find(lengths.begin() + 1, lengths.end(), n) != lengths.end()
             ? LengthResult::kPossible
             : LengthResult::kInvalidLength;
}

enum class Verdict { kNo, kYes, kUnsure };

struct ParsedGb {
  Verdict ok = Verdict::kUnsure;  // kNo: Parse fails
  std::string nsn;                // the national significant number when kYes
};

}  // namespace

class PhoneRecogniser::UkRules {
 public:
  // Null when the metadata is missing or not as the rules expect.
  static const UkRules* Get() {
    static const UkRules* rules = [] {
      auto r = std::make_unique<UkRules>();
      return r->Load() ? r.release() : nullptr;
    }();
    return rules;
  }

  // PhoneRecogniser's verdict on one candidate when the rules are sure of it.
  // `candidate` holds only digits, ' ', '-', '(', ')' and a leading '+'.
  bool Judge(std::string_view candidate, int digits, std::vector<PhoneHit>& hits) const {
    const ParsedGb whole = Parse(candidate);
    if (whole.ok == Verdict::kUnsure) return false;
    const uint32_t len = static_cast<uint32_t>(candidate.size());
    if (whole.ok == Verdict::kYes) {
      if (gb().KnownType(whole.nsn)) {
        hits.push_back({0, len, 0.7});
        return true;
      }
      // IsValidNumber picks one of the +44 regions; none knowing the number
      // means it is invalid whichever is picked.
      if (AnyRegionKnows(whole.nsn, /*skip_gb=*/true)) return false;
    }
    if (!NoMatcherFinds(candidate)) return false;
    if (whole.ok == Verdict::kYes && (digits == 10 || digits == 11 || digits == 12) &&
        (candidate[0] == '0' || candidate[0] == '(' || candidate[0] == '+')) {
      const LengthResult l = TestNumberLength(whole.nsn, gb().general);
      if (l == LengthResult::kPossible || l == LengthResult::kPossibleLocalOnly)
        hits.push_back({0, len, 0.45});
    }
    return true;
  }

 private:
  const RegionPlan& gb() const { return plans_[0]; }

  bool AnyRegionKnows(std::string_view nsn, bool skip_gb) const {
    for (size_t i = skip_gb ? 1 : 0; i < plans_.size(); ++i)
      if (plans_[i].KnownType(nsn)) return true;
    return false;
  }

  // PhoneNumberUtil::Parse(s, "GB") for numbers in national form or after
  // +44; anything that could carry another country code is kUnsure.
  ParsedGb Parse(std::string_view s) const {
    ParsedGb out;
    // ExtractPossibleNumber: from the first '+' or digit; the end is a digit.
    const size_t b = s.find_first_of("+0123456789");
    if (b == std::string_view::npos) return out;
    s = s.substr(b);
    while (!s.empty() && !IsDigit(s.back())) s.remove_suffix(1);
    std::string d;
    for (char c : s)
      if (IsDigit(c)) d += c;
    if (d.size() < 3) return out;
    std::string national;
    if (s[0] == '+') {
      if (d[0] != '4' || d[1] != '4') return out;  // another country
      national = d.substr(2);
    } else {
      // "00" is the international prefix; "44" may be the country code.
      if ((d[0] == '0' && d[1] == '0') || (d[0] == '4' && d[1] == '4')) return out;
      national = std::move(d);
    }
    if (national.size() < 2) return out;
    // MaybeStripNationalPrefixAndCarrierCode with prefix "0" and no transform.
    std::string potential = national;
    if (national[0] == '0') {
      const std::string stripped = national.substr(1);
      if (!(gb().general.PatternMatches(national) && !gb().general.PatternMatches(stripped)))
        potential = stripped;
    }
    const LengthResult l = TestNumberLength(potential, gb().general);
    if (l != LengthResult::kTooShort && l != LengthResult::kPossibleLocalOnly &&
        l != LengthResult::kInvalidLength)
      national = std::move(potential);
    if (national.size() < 2 || national.size() > 17) {
      out.ok = Verdict::kNo;  // TOO_SHORT_NSN, TOO_LONG_NSN
      return out;
    }
    out.ok = Verdict::kYes;
    out.nsn = std::move(national);
    return out;
  }

  // True when PhoneNumberMatcher(candidate, "GB", VALID) is sure to find no
  // number beyond the whole candidate, which the caller has judged invalid:
  // digit blocks joined by single spaces or hyphens. Then the matcher's
  // pattern takes the whole candidate, and its only inner matches are the
  // space-separated tokens; a token too short for any +44 number is no match.
  bool NoMatcherFinds(std::string_view candidate) const {
    if (candidate.empty() || !IsDigit(candidate[0]) || !IsDigit(candidate.back())) return false;
    int blocks = 1, block_len = 0;
    bool space = false;
    for (size_t i = 0; i < candidate.size(); ++i) {
      const char c = candidate[i];
      if (IsDigit(c)) {
        if (++block_len > 20) return false;
        continue;
      }
      if ((c != ' ' && c != '-') || !IsDigit(candidate[i - 1])) return false;
      space |= c == ' ';
      ++blocks;
      block_len = 0;
    }
    if (blocks > 21) return false;
    if (!space) return true;  // one token: the whole candidate
    size_t i = 0;
    while (i < candidate.size()) {
      const size_t e = std::min(candidate.find(' ', i), candidate.size());
      const std::string_view token = candidate.substr(i, e - i);
      i = e + 1;
      int n = 0;
      for (char c : token) n += IsDigit(c);
      if (token.size() >= 2 && token[0] == '0' && token[1] == '0') return false;
      if (n < min_nsn_) continue;
      const ParsedGb t = Parse(token);
      if (t.ok == Verdict::kUnsure) return false;
      if (t.ok == Verdict::kYes && AnyRegionKnows(t.nsn, /*skip_gb=*/false)) return false;
    }
    return true;
  }

  bool Load() {
    using Collection = i18n::phonenumbers::PhoneMetadataCollection;
    if (!i18n::phonenumbers::metadata_get || !i18n::phonenumbers::metadata_size) return false;
    const auto* data = static_cast<const uint8_t*>(i18n::phonenumbers::metadata_get());
    const int size = i18n::phonenumbers::metadata_size();
    if (!data || size <= 0) return false;
    WireReader r(data, static_cast<size_t>(size));
    uint32_t field, type;
    std::array<RegionPlan, 4> found;
    constexpr std::array<std::string_view, 4> kIds = {"GB", "GG", "IM", "JE"};
    std::array<bool, 4> have = {};
    while (!r.done() && r.Next(field, type)) {
      if (field != Collection::kMetadataFieldNumber || type != 2) {
        if (!r.Skip(type)) return false;
        continue;
      }
      std::string_view bytes;
      if (!r.Bytes(bytes)) return false;
      RegionPlan plan;
      if (!ReadRegion(bytes, plan)) return false;
      for (size_t k = 0; k < kIds.size(); ++k)
        if (plan.id == kIds[k]) {
          found[k] = std::move(plan);
          have[k] = true;
          break;
        }
    }
    if (r.failed()) return false;
    RE2::Options opts;
    opts.set_log_errors(false);
    min_nsn_ = 100;
    for (size_t k = 0; k < kIds.size(); ++k) {
      RegionPlan& p = found[k];
      if (!have[k] || p.country_code != 44 || p.general.pattern.empty() ||
          p.general.lengths.empty())
        return false;
      for (NumberDesc* d : {&p.general, &p.fixed_line, &p.mobile}) {
        if (!Compile(*d, opts)) return false;
      }
      for (NumberDesc& d : p.others)
        if (!Compile(d, opts)) return false;
      for (int l : p.general.lengths)
        if (l > 0) min_nsn_ = std::min(min_nsn_, l);
    }
    // The parsing steps above assume GB's plan: international prefix 00,
    // national prefix 0 and no transform rule.
    if (found[0].international_prefix != "00" || found[0].national_prefix_for_parsing != "0" ||
        !found[0].national_prefix_transform_rule.empty())
      return false;
    plans_ = std::move(found);
    return true;
  }

  static bool Compile(NumberDesc& d, const RE2::Options& opts) {
    if (d.pattern.empty()) return true;  // no numbers of this type
    d.re = std::make_unique<RE2>(d.pattern, opts);
    return d.re->ok();
  }

  std::array<RegionPlan, 4> plans_;  // GB first, then GG, IM, JE
  int min_nsn_ = 7;                  // the shortest national number of +44
};

PhoneRecogniser::PhoneRecogniser(bool uk_rules, bool shortcuts)
    : candidate_max_(shortcuts ? kPhoneCandidateMax : std::string::npos),
      cache_(std::make_unique<Cache>()),
      uk_rules_(uk_rules ? UkRules::Get() : nullptr) {
  RE2::Options opts;
  opts.set_log_errors(false);
  // Digit runs with the separators numbers are written with: "07700 900123",
  // "+44 (0)7700 900123", "(01603) 123 456", "01603-123456".
  candidate_ = std::make_unique<RE2>(kPhoneCandidate, opts);
  // Every candidate is a run of at least 7 digits and separators.
  if (shortcuts) candidate_hint_.emplace_back(Within(std::string(kDigits) + " ()-.+", 7));
}

PhoneRecogniser::~PhoneRecogniser() = default;

namespace {

// libphonenumber's verdict on one candidate run (ASCII, so its offsets are
// byte offsets), with at least 9 digits.
void JudgeCandidate(const std::string& candidate, int digits, std::vector<PhoneHit>& hits) {
  using i18n::phonenumbers::PhoneNumberMatch;
  using i18n::phonenumbers::PhoneNumberMatcher;
  using i18n::phonenumbers::PhoneNumberUtil;
  static const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const uint32_t len = static_cast<uint32_t>(candidate.size());
  // Most candidates are one number: parsing is much cheaper than the matcher.
  i18n::phonenumbers::PhoneNumber number;
  const bool parsed = util.Parse(candidate, "GB", &number) == PhoneNumberUtil::NO_PARSING_ERROR;
  // GB is the main region of +44 and has no leading-digit rule, so a number
  // valid for GB is valid (IsValidNumber would check GB first and then again);
  // otherwise Jersey, Guernsey and the Isle of Man need the full check.
  if (parsed && (util.IsValidNumberForRegion(number, "GB") || util.IsValidNumber(number))) {
    hits.push_back({0, len, 0.7});
    return;
  }
  PhoneNumberMatcher matcher(util, candidate, "GB", PhoneNumberMatcher::VALID, 65535);
  PhoneNumberMatch match;
  bool any = false;
  while (matcher.HasNext() && matcher.Next(&match)) {
    const uint32_t s = static_cast<uint32_t>(match.start());
    hits.push_back({s, s + static_cast<uint32_t>(match.raw_string().size()), 0.7});
    any = true;
  }
  // A UK-shaped number the numbering plan does not list (a typo, or
  // Ofcom's drama range 07700 900xxx) is still most likely a phone number.
  if (!any && parsed && number.country_code() == 44 &&
      (digits == 10 || digits == 11 || digits == 12) && util.IsPossibleNumber(number) &&
      (candidate[0] == '0' || candidate[0] == '(' || candidate[0] == '+'))
    hits.push_back({0, len, 0.45});
}

// Regions whose national formats people from abroad give their numbers in,
// tried when a candidate is no +44 number. By the candidate's first digit:
// a trunk prefix 0 (or 8 in Lithuania), or none.
constexpr std::array<const char*, 9> kTrunkZeroRegions = {"IE", "FR", "DE", "IT", "RO",
                                                          "LT", "IN", "PK", "AU"};
constexpr std::array<const char*, 6> kNoTrunkRegions = {"US", "CA", "IN", "IT", "ES", "PL"};

// Digit groups of a candidate: "(555) 123-4567" has three.
int DigitGroups(std::string_view s) {
  int groups = 0;
  for (size_t i = 0; i < s.size(); ++i)
    if (IsDigit(s[i]) && (i == 0 || !IsDigit(s[i - 1]))) ++groups;
  return groups;
}

// The North American shape: (555) 123-4567, 555-123-4567, 555.123.4567,
// 555 123 4567, optionally after 1 or +1. The area code cannot start with 0
// or 1, so UK numbers in national form never have it.
bool NanpShape(std::string_view s) {
  static const RE2 re(
      "(?:\\+?1[ .\\-]?)?(?:\\([2-9][0-9]{2}\\) ?|[2-9][0-9]{2}([ .\\-]))[0-9]{3}[ .\\-][0-9]{4}");
  return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), re);
}

// A number written in another country's national format, or after a
// country code that is possible but not in the numbering plan: scored lower
// than a UK number, since the region is a guess. Only candidates grouped as
// phone numbers are (a bare run of digits, or "15-0004711", is a reference).
void JudgeForeign(const std::string& candidate, int digits, std::vector<PhoneHit>& hits) {
  using i18n::phonenumbers::PhoneNumberUtil;
  static const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  if (digits > 13 || candidate.empty()) return;
  const uint32_t len = static_cast<uint32_t>(candidate.size());
  const int groups = DigitGroups(candidate);
  i18n::phonenumbers::PhoneNumber number;
  if (candidate[0] == '+') {
    // The country code is given; GB's verdict already said it is not valid.
    if (groups >= 3 &&
        util.Parse(candidate, "GB", &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
        number.country_code() != 44 && util.IsPossibleNumber(number))
      hits.push_back({0, len, 0.4});
    return;
  }
  const size_t first = candidate.find_first_of("0123456789");
  const bool trunk = candidate[first] == '0' || (candidate[first] == '8' && digits == 9);
  if (candidate.compare(first, 2, "00") == 0) return;  // an international prefix: GB's call
  if (groups < (trunk ? 2 : 3)) return;
  // 123-45-6789 is the shape of a US social security number, not a phone.
  static const RE2 ssn("[0-9]{3}-[0-9]{2}-[0-9]{4}");
  if (RE2::FullMatch(candidate, ssn)) return;
  const bool nanp = NanpShape(candidate);
  auto try_regions = [&](const auto& regions) {
    for (const char* region : regions) {
      if (util.Parse(candidate, region, &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
          util.IsValidNumber(number)) {
        hits.push_back({0, len, 0.5});
        return true;
      }
    }
    return false;
  };
  if (trunk ? try_regions(kTrunkZeroRegions) : try_regions(kNoTrunkRegions)) return;
  // An American number the plan does not list (555 numbers, a typo).
  if (nanp) hits.push_back({0, len, 0.4});
}

// Where an extension written after a number ends ("x123", "ext. 12",
// "extension 4"), or `end` when none follows.
size_t ExtensionEnd(std::string_view text, size_t end) {
  size_t i = end;
  while (i < text.size() && (text[i] == ' ' || text[i] == ',')) ++i;
  size_t word = i;
  while (word < text.size() && IsAlpha(text[word])) ++word;
  const std::string w = LowerAscii(text.substr(i, word - i));
  if (w != "x" && w != "ext" && w != "extn" && w != "extension") return end;
  i = word;
  if (i < text.size() && (text[i] == '.' || text[i] == ':')) ++i;
  while (i < text.size() && text[i] == ' ') ++i;
  const size_t digits = i;
  while (i < text.size() && IsDigit(text[i]) && i - digits < 6) ++i;
  if (i == digits || (i < text.size() && IsAlnum(text[i]))) return end;
  return i;
}

// The words right before `pos` (across spaces, line breaks and ':', '-',
// '.', ',', '(' ) name a phone: "Tel: ", "mobile ", "call me on ", "not
// answering at ", "phone number ". Then a number no numbering plan knows (a
// local number without its area code, a foreign one) is still a number.
bool PhoneCueBefore(std::string_view text, size_t pos) {
  std::string_view words[3];
  size_t p = pos;
  for (int w = 0; w < 3; ++w) {
    size_t skipped = 0;
    while (p > 0 && skipped < 6) {
      const char c = text[p - 1];
      if (c != ' ' && c != ':' && c != '-' && c != '.' && c != ',' && c != '(' && c != '\n' &&
          c != '\t' && c != '\r')
        break;
      --p;
      ++skipped;
    }
    size_t b = p;
    while (b > 0 && p - b < 12 && IsAlpha(text[b - 1])) --b;
    if (b == p || (b > 0 && IsAlnum(text[b - 1]))) break;
    words[w] = text.substr(b, p - b);
    p = b;
  }
  const auto is = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (Lower(a[i]) != b[i]) return false;
    return true;
  };
  const auto phone_word = [&](std::string_view w) {
    return is(w, "phone") || is(w, "tel") || is(w, "telephone") || is(w, "mobile") ||
           is(w, "mob") || is(w, "fax") || is(w, "landline") || is(w, "cell") ||
           is(w, "cellphone") || is(w, "whatsapp");
  };
  if (phone_word(words[0])) return true;
  // "phone number", "mobile no"
  if ((is(words[0], "number") || is(words[0], "no")) && phone_word(words[1])) return true;
  // "call me on", "ring him on", "not answering at", "reached on"
  if (is(words[0], "on") || is(words[0], "at")) {
    for (int w = 1; w < 3; ++w)
      if (is(words[w], "call") || is(words[w], "ring") || is(words[w], "text") ||
          is(words[w], "answering") || is(words[w], "reached") || is(words[w], "contacted") ||
          is(words[w], "phoned") || is(words[w], "called"))
        return true;
  }
  return false;
}

}  // namespace

void PhoneRecogniser::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  re2::StringPiece g[1];
  size_t pos = 0;
  std::string candidate;
  std::vector<PhoneHit> hits;
  HintCursor cursor;
  while (NextMatch(*candidate_, text, pos, candidate_hint_, &cursor, candidate_max_, g, 1)) {
    const size_t cstart = static_cast<size_t>(g[0].data() - text.data());
    const size_t cend = cstart + g[0].size();
    pos = cend;
    int digits = 0;
    for (char c : std::string_view(g[0].data(), g[0].size())) digits += IsDigit(c);
    // A digit run glued to letters (a reference like AB1234567890) is no number.
    if (cstart > 0 && std::isalpha(static_cast<unsigned char>(text[cstart - 1]))) continue;
    // UK numbers have 10 or 11 digits; short codes are not personal. A run of
    // 7 or 8 digits counts only after a phone cue ("Tel: 467 3395").
    if (digits < 9) {
      if (digits >= 7 && PhoneCueBefore(text, cstart) &&
          !(cend < text.size() && IsAlnum(text[cend])))
        out.push_back({PiiType::kPhone, cstart, cend, 0.5, "phone"});
      continue;
    }
    // A dotted run inside a longer dotted one is a version or an address.
    if (std::memchr(g[0].data(), '.', g[0].size()) &&
        ((cstart > 0 && (text[cstart - 1] == '.' || IsDigit(text[cstart - 1]))) ||
         (cend + 1 < text.size() && text[cend] == '.' && IsDigit(text[cend + 1])) ||
         (cend < text.size() && IsDigit(text[cend]))))
      continue;
    hits.clear();
    const std::string_view run(g[0].data(), g[0].size());
    const bool uk_sure = uk_rules_ && uk_rules_->Judge(run, digits, hits);
    // No +44 number: the regions abroad, if the run is grouped like a number
    // (a cheap test first; libphonenumber, cached, decides).
    const bool foreign = uk_sure && hits.empty() && DigitGroups(run) >= 2;
    if (!uk_sure || foreign) {
      hits.clear();
      candidate.assign(run);
      bool cached = false;
      {
        std::lock_guard<std::mutex> lock(cache_->mu);
        auto it = cache_->map.find(candidate);
        if (it != cache_->map.end()) {
          hits = it->second;
          cached = true;
        }
      }
      if (!cached) {
        if (!foreign) JudgeCandidate(candidate, digits, hits);
        if (hits.empty()) JudgeForeign(candidate, digits, hits);
        std::lock_guard<std::mutex> lock(cache_->mu);
        if (cache_->map.size() >= Cache::kMaxEntries) cache_->map.clear();
        cache_->map.emplace(candidate, hits);
      }
    }
    if (hits.empty() && digits <= 13 && PhoneCueBefore(text, cstart) &&
        !(cend < text.size() && IsAlnum(text[cend])))
      out.push_back({PiiType::kPhone, cstart, cend, 0.5, "phone"});
    for (const PhoneHit& h : hits) {
      const size_t end = cstart + h.end;
      out.push_back({PiiType::kPhone, cstart + h.start, end == cend ? ExtensionEnd(text, end) : end,
                     h.score, "phone"});
    }
  }
}

std::vector<std::unique_ptr<Recogniser>> MakePatternRecognisers() {
  std::vector<std::unique_ptr<PatternRecogniser>> r;
  r.push_back(MakePostcodeRecogniser());
  r.push_back(MakeEmailRecogniser());
  r.push_back(MakeUrlRecogniser());
  r.push_back(MakeIpAddressRecogniser());
  r.push_back(MakeHandleRecogniser());
  r.push_back(MakeVehicleRegistrationRecogniser());
  r.push_back(MakeNiNumberRecogniser());
  r.push_back(MakeDateRecogniser());
  r.push_back(MakeCrimeNumberRecogniser());
  r.push_back(MakeAddressRecogniser());
  r.push_back(MakeTimeRecogniser());
  r.push_back(MakeIdNumberRecogniser());
  std::vector<std::unique_ptr<Recogniser>> all;
  all.push_back(std::make_unique<PatternGroup>(std::move(r), std::make_unique<PhoneRecogniser>()));
  return all;
}

}  // namespace foidesk::privacy
