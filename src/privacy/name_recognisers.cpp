// The gazetteer recogniser: a tokeniser that classifies each word once (its
// shape, the gazetteer's flags, the cue words it is), then three scans over
// the tokens: organisations (a suffix such as "School" or a cue such as
// "works at"), then persons and places left to right.
#include "privacy/name_recognisers.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace foidesk::privacy {
namespace {

// Cue and structure words the recognisers know by heart (the gazetteer files
// hold the open lists). One small table, looked up once per token.
enum CueFlag : uint16_t {
  kTitle = 1 << 0,        // Mr, Dr, PC, Sgt: a name follows
  kPersonCue = 1 << 1,    // named, called, neighbour, sister: a name follows
  kPlaceCue = 1 << 2,     // in, at, from: a place may follow
  kOrgSuffix = 1 << 3,    // School, Ltd, Hospital: ends an organisation
  kOrgCueVerb = 1 << 4,   // works, employed, pupil: "<verb> at" an organisation
  kOrgWord = 1 << 5,      // High, Primary, Royal: common words inside organisation names
  kStreetType = 1 << 6,   // Road, Lane: "Dereham Road" is a street, not the town
  kConnector = 1 << 7,    // of, the, and: inside organisation names
  kNickCue = 1 << 8,      // aka, alias, nicknamed
  kOrgCueAlone = 1 << 9,  // attends: an organisation follows directly
  kStrongPlaceCue = 1 << 10,  // lives, from, near: a place follows even if it is a month
  kMonth = 1 << 11,           // March, May: "in March" is a date, not the town
  kRoleCue = 1 << 12,  // victim, suspect, IP, S/T: a surname may follow, or a verb
  kHotNotName = 1 << 13,  // in not_names.txt: known here, so the big table is not asked
  kOrgNoun = 1 << 14,     // company, firm, employer: a company name may follow ("the firm Acme")
  kNameIntro = 1 << 15,   // is, was, me, i'm, name: may end "my name is", "call me"
};

struct CueList {
  uint16_t flag;
  const char* words;  // one a line
};

constexpr CueList kCueLists[] = {
    {kTitle,
     "mr\nmrs\nms\nmiss\nmx\ndr\nmaster\nrev\nrevd\nreverend\nsir\ndame\nlady\nlord\nprof\n"
     "professor\ncllr\ncouncillor\npc\ndc\nds\ndi\ndci\ndsupt\nsupt\nsgt\nps\ninsp\npcso\nwpc\n"
     "det\ndetective\nconstable\nsergeant\ninspector\nofficer"},
    {kRoleCue,
     "victim\nsuspect\nwitness\nip\ns/t\noffender\ninformant\ncomplainant\ndriver\nyouth\nmale\n"
     "female\nchild\nteenager\nman\nwoman\nboy\ngirl\nperson\nmisper\nmr\nmrs\nms\nmiss\n"
     "officer\nmanager\nkeyholder\nstaff\nmember\nguard\nowner"},
    {kPersonCue,
     "named\ncalled\nname\nnames\nson\ndaughter\n"
     "brother\nsister\nmother\nfather\nmum\ndad\nstepfather\nstepmother\npartner\nex-partner\n"
     "husband\nwife\nboyfriend\ngirlfriend\nfriend\nneighbour\nuncle\naunt\ncousin\nnephew\nniece\n"
     "grandson\ngranddaughter\ngrandmother\ngrandfather\ncolleague\nlandlord\nlandlady\nlodger\n"
     "carer\nwife's\nhusband's\nsurname\nforename\nsignature\nsigned\naka"},
    {kPlaceCue,
     "in\nat\nfrom\nof\nto\nnear\ninto\ntowards\noutside\naround\nvia\nlives\nliving\nresident\n"
     "moved\nvisiting\nvisited\nreturned\ntravelled\nwent\nbased\nbetween\nand"},
    {kStrongPlaceCue,
     "from\nnear\ntowards\noutside\nvia\nlives\nliving\nresident\nmoved\nvisiting\nbased"},
    {kMonth,
     "january\nfebruary\nmarch\napril\nmay\njune\njuly\naugust\nseptember\noctober\nnovember\n"
     "december"},
    {kOrgSuffix,
     "school\nacademy\ncollege\nuniversity\nhospital\nsurgery\nltd\nlimited\nplc\nllp\nsons\n"
     "garage\nhotel\nnursery\npractice\nclinic\npharmacy\nmotors\nsolicitors\naccountants\n"
     "llc\ninc\ncorp\ncorporation\nincorporated\ncompany\nco\nholdings\npartners\nassociates\n"
     "group\ngmbh\npty\nenterprises\nindustries\ninternational"},
    {kOrgNoun, "company\nfirm\nemployer\nemployers\nbusiness\nagency\ncontractor"},
    {kOrgCueVerb,
     "works\nwork\nworking\nworked\nemployed\nemployee\npupil\nstudent\nstudies\nstudying\nteacher\n"
     "job\nstaff\nmanager\nvolunteers\nvolunteer\nplacement\napprentice\napprenticeship"},
    {kOrgWord,
     "high\nprimary\njunior\ninfant\ninfants\ngrammar\nsecondary\ncommunity\nchurch\ncatholic\n"
     "royal\ngeneral\ncounty\ncity\ndistrict\nsixth\nform\nfree\npark\nhill\ngreen\nvalley\nnew\n"
     "old\nnorth\nsouth\neast\nwest\nsaint\nvillage\ntown\nhouse\ncourt\nmotor\ncar\ncars\nauto\n"
     "technical\nsports\nleisure\ndental\nmedical\nhealth\nfamily\ncare\nuniversity\nhospital\n"
     "international\nlakes\nwood\nwoods\nfarm\nbridge\nbrook\nfield\nfields\nroad\nlane\nstreet\n"
     "meadow\nmeadows\nheath\nabbey\ncastle\ncross\nriver\ncollege\nmill\nmanor\nlodge\ngrange\n"
     "view\nkings\nqueens\nqueen\nking\nprince\nprincess\nstar\ncity\nunion\nbrothers\nson\nsons\n"
     "independent\nspecial\nbaptist\nmethodist\nparish\nuniversal\nfoundation\ntrust"},
    {kStreetType,
     "road\nrd\nstreet\nst\nlane\nclose\navenue\nave\ndrive\nway\ncrescent\ngardens\nplace\n"
     "terrace\ngrove\nrow\nsquare\nwalk\nrise\nmews\nloke\nchase\nplain\nparade\nboulevard\n"
     "approach\ncauseway\nesplanade\npromenade"},
    {kConnector, "of\nthe\nand\nst\nde\nle\nla\nupon\non"},
    {kNickCue, "aka\nalias\nnicknamed\nnickname\nknown\ngoes\ncalls\ncalled"},
    {kOrgCueAlone, "attends\nattending\nattended\nattend"},
    {kNameIntro, "is\nwas\nname's\nme\nam\ni'm\nname"},
};

enum class Shape : uint8_t { kLower, kCap, kUpper, kInitial, kNumber, kOther };
// What separates a token from the one before it.
// kStop ends a sentence or clause (. ! ? ; :); kBreak is a line break.
enum class Gap : uint8_t { kSpace, kAmp, kPunct, kStop, kBreak };

struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t name_end = 0;  // end without a possessive 's when the name is the stem
  uint32_t key_off = 0;
  uint16_t key_len = 0;
  uint16_t flags = 0;  // GazetteerFlag
  uint16_t cues = 0;   // CueFlag
  Shape shape = Shape::kOther;
  Gap gap = Gap::kBreak;
  bool upper_line = false;
  bool upper_sentence = false;  // its sentence is upper case (in a line that is not)
  bool lower_line = false;  // no word of its line is capitalised: case says nothing there
  bool dot_after = false;
  bool covered = false;  // inside an organisation already found
  bool embedded = false;  // inside an e-mail address, handle or URL
};

struct Scratch {
  std::vector<Token> tokens;
  std::string keys;
  std::string phrase;
};

bool AsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool AsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Byte length of the letter at `i`, or 0 when there is none. Bytes from 0x80
// are letters except the punctuation blocks (U+0080..U+00BF: NBSP, pound;
// U+2000..U+206F: quotes, dashes).
inline size_t LetterAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return AsciiLetter(c) ? 1 : 0;
  if (c == 0xC2) return 0;
  if (c == 0xE2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) == 0x80 ||
                                        static_cast<unsigned char>(s[i + 1]) == 0x81))
    return 0;
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  return len;
}

bool UpperMultiByteAt(std::string_view s, size_t i);

// Called for every word: the ASCII test inline, the rest out of line.
inline bool UpperLetterAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return UpperMultiByteAt(s, i);
}

__attribute__((noinline)) bool UpperMultiByteAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0xC3 || c > 0xD0 || i + 1 >= s.size()) return false;
  const unsigned char d = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xC3) return d >= 0x80 && d <= 0x9E && d != 0x97;
  // Latin Extended-A (Polish, Czech, Baltic names: Łukasz, Šimon, Žaneta):
  // capitals are the even code points, except U+0139..U+0148 and
  // U+0179..U+017E where they are odd; U+0138 is a small kra.
  if (c == 0xC4 || c == 0xC5) {
    const unsigned cp = (static_cast<unsigned>(c & 0x1F) << 6) | (d & 0x3F);
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
    if (cp == 0x178) return true;
    const bool odd_caps = (cp >= 0x139 && cp <= 0x148) || cp >= 0x179;
    return (cp & 1) == (odd_caps ? 1u : 0u);
  }
  // Greek capitals U+0391..U+03A9, Cyrillic U+0400..U+042F.
  if (c == 0xCE) return d >= 0x91 && d <= 0xA9 && d != 0xA2;
  if (c == 0xD0) return d >= 0x80 && d <= 0xAF;
  return false;
}

bool IsApostropheAt(std::string_view s, size_t i, size_t& len) {
  if (s[i] == '\'') {
    len = 1;
    return true;
  }
  if (s[i] == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x99') {
    len = 3;
    return true;
  }
  return false;
}

bool IsCivilTitle(std::string_view key) {
  static constexpr std::string_view kCivil[] = {"mr",   "mrs",  "ms",   "miss", "mx",
                                                "dr",   "sir",  "dame", "lady", "lord",
                                                "rev",  "revd", "prof", "cllr", "reverend"};
  return std::find(std::begin(kCivil), std::end(kCivil), key) != std::end(kCivil);
}

bool IsLearningSuffix(std::string_view key) {
  return key == "university" || key == "college" || key == "school" || key == "academy";
}

bool IsLegalSuffix(std::string_view key) {
  static constexpr std::string_view kLegal[] = {"ltd", "plc", "llp", "llc",
                                                "inc", "incorporated", "corp", "gmbh", "pty"};
  return std::find(std::begin(kLegal), std::end(kLegal), key) != std::end(kLegal);
}

// Words that end a business's name ("Zorbek Solutions", "Acme Research").
bool IsCompanyWord(std::string_view key) {
  static constexpr std::string_view kCompanyWords[] = {
      "bank",     "solutions",  "systems",    "services",   "technologies", "technology",
      "software", "consulting", "media",      "labs",       "logistics",    "insurance",
      "capital",  "studios",    "foods",      "airlines",   "airways",      "energy",
      "networks", "pharma",     "healthcare", "trading",    "properties",   "construction",
      "research", "finance",    "resources",  "analytics",  "consultancy",  "recruitment",
      "estates",  "security",   "consultants"};
  return std::find(std::begin(kCompanyWords), std::end(kCompanyWords), key) !=
         std::end(kCompanyWords);
}

bool IsQuoteAt(std::string_view s, size_t i, size_t& len) {
  if (s[i] == '"' || s[i] == '\'') {
    len = 1;
    return true;
  }
  if (s[i] == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80') {
    const unsigned char d = static_cast<unsigned char>(s[i + 2]);
    if (d == 0x98 || d == 0x99 || d == 0x9C || d == 0x9D) {
      len = 3;
      return true;
    }
  }
  return false;
}

}  // namespace

struct NameScan {
  const Gazetteer& gaz;
  const Gazetteer& cues;
  std::string_view text;
  Scratch& s;
  std::vector<PiiFinding>& out;

  std::string_view Key(const Token& t) const {
    return std::string_view(s.keys).substr(t.key_off, t.key_len);
  }
  const Token& T(size_t i) const { return s.tokens[i]; }
  size_t N() const { return s.tokens.size(); }

  void Tokenise();
  void Classify(Token& t);
  void Emit(PiiType type, size_t start, size_t end, double score, const char* recogniser) {
    if (end > start) out.push_back({type, start, end, score, recogniser});
  }

  bool Capitalised(const Token& t) const {
    return t.shape == Shape::kCap || t.shape == Shape::kUpper;
  }
  // A word that may continue a name after a given name, title or initial.
  bool NameWord(const Token& t) const {
    if (t.flags & kNotName) return false;
    if (t.cues & (kTitle | kOrgSuffix)) return false;
    // An upper-case word (in any line) says nothing by its case: the lists decide.
    if (t.shape == Shape::kUpper)
      return (t.flags & (kGivenName | kSurname)) || !(t.flags & kCommonWord);
    return !t.upper_line && t.shape == Shape::kCap;
  }
  // Words before token i (same clause, at most `window` back) carry `cue`.
  bool CueBefore(size_t i, uint16_t cue, size_t window) const {
    for (size_t k = 1; k <= window && k <= i; ++k) {
      const Gap g = T(i - k + 1).gap;
      if (g == Gap::kBreak || g == Gap::kStop) return false;
      if (g == Gap::kPunct && k > 1) return false;
      if (T(i - k).cues & cue) return true;
    }
    return false;
  }

  // The only character between token i-1 and token i, spaces aside, is a comma.
  bool CommaBefore(size_t i) const {
    if (i == 0) return false;
    int commas = 0;
    for (size_t p = T(i - 1).end; p < T(i).start; ++p) {
      if (text[p] == ',') ++commas;
      else if (text[p] != ' ') return false;
    }
    return commas == 1;
  }
  // A word of a "Smith, Jones and Brown" list: a name, or in mixed case a
  // capitalised word that is not a common one.
  bool ListName(const Token& t) const {
    if (t.flags & kNotName) return false;
    if (t.flags & (kSurname | kGivenName)) return t.upper_line ? true : Capitalised(t);
    return !t.upper_line && Capitalised(t) && !(t.flags & kCommonWord);
  }
  // After a suffix such as "University": the end (exclusive) of "of [the]
  // <Capitalised words>" from token j, or j when there is none.
  size_t OfNameEnd(size_t j) const {
    if (j >= N() || T(j).gap != Gap::kSpace || Key(T(j)) != "of") return j;
    if (!T(j).upper_line && T(j).shape != Shape::kLower) return j;
    size_t k = j + 1;
    if (k < N() && T(k).gap == Gap::kSpace && Key(T(k)) == "the") ++k;
    size_t end = j;
    for (size_t m = k; m < N() && m < k + 3; ++m) {
      const Token& w = T(m);
      if (w.gap != Gap::kSpace || w.covered || (w.flags & kNotName) || !Capitalised(w)) break;
      if (w.upper_line ? w.shape != Shape::kUpper : !Capitalised(w)) break;
      if (w.cues & (kTitle | kMonth)) break;
      end = m + 1;
    }
    return end;
  }
  // The end (exclusive) of an organisation's name after a cue ("an employee
  // of", "employed by"), from token j: capitalised words with "of", "and",
  // "&" and "the" inside, up to a comma, full stop, bracket or lower-case
  // word; j when there is none.
  size_t CuedOrgEnd(size_t j) const;
  // Token k is an upper-case common word that ends a name as its surname
  // ("THROWER", "BARKER"): not a function word or cue, and either `cued` or
  // the clause ends after it.
  bool CommonSurnameAt(size_t k, bool cued) const {
    if (k >= N()) return false;
    const Token& w = T(k);
    if (w.gap != Gap::kSpace || !w.upper_line || w.shape != Shape::kUpper) return false;
    if (w.flags & (kNotName | kPlace | kPlaceStart)) return false;
    constexpr uint16_t kNoSurname = kTitle | kPersonCue | kPlaceCue | kOrgSuffix | kOrgCueVerb |
                                    kStreetType | kConnector | kNickCue | kOrgCueAlone | kMonth |
                                    kRoleCue | kOrgNoun;
    if (w.cues & kNoSurname) return false;
    // "IP JADE PUNCHED", "S/T JOHN SHOUTING": a verb, not a surname.
    const std::string_view key = Key(w);
    const auto ends = [&](std::string_view suf) {
      return key.size() > suf.size() + 2 && key.substr(key.size() - suf.size()) == suf;
    };
    if (ends("ed") || ends("ing")) return false;
    if (cued) return true;
    if (k + 1 >= N()) return true;
    const Token& x = T(k + 1);
    return x.gap != Gap::kSpace || (x.flags & kNotName) || x.shape == Shape::kNumber;
  }
  // After the given names ending before token `end`: "'NICK' SURNAME" in
  // quotes, as in "KARL 'STEVIE' FOX" and "Luke 'Nobby' Kelly"; the end
  // (exclusive) of the surname, or `end` when there is none.
  size_t QuotedNickSurname(size_t end) const {
    if (end == 0 || end + 1 >= N()) return end;
    size_t p = T(end - 1).end;
    while (p < text.size() && text[p] == ' ') ++p;
    size_t ql = 0;
    if (p == T(end - 1).end || p >= text.size() || !IsQuoteAt(text, p, ql) ||
        p + ql != T(end).start)
      return end;
    for (size_t m = end; m < N() && m < end + 3; ++m) {
      if (m > end && T(m).gap != Gap::kSpace) return end;
      const size_t q = T(m).end;
      size_t cl = 0;
      if (q < text.size() && IsQuoteAt(text, q, cl)) {
        if (q + cl >= text.size() || text[q + cl] != ' ' || m + 1 >= N()) return end;
        const Token& sur = T(m + 1);
        size_t r = q + cl;
        while (r < sur.start && text[r] == ' ') ++r;
        if (r != sur.start || (sur.flags & kNotName) || (sur.cues & (kTitle | kConnector)))
          return end;
        const bool shape_ok =
            sur.upper_line ? sur.shape == Shape::kUpper : sur.shape == Shape::kCap;
        return shape_ok ? m + 2 : end;
      }
    }
    return end;
  }
  // A name follows a phrase: "<VERB>ED BY", "RUN BY", "RETURN TO", "ADDRESSED
  // TO", "SUSPECTED TO BE", "DETAILS OF", "NAMED AS" (right before token i).
  bool PhraseCueBefore(size_t i) const {
    if (i < 2 || T(i).gap != Gap::kSpace || T(i - 1).gap != Gap::kSpace) return false;
    const std::string_view p = Key(T(i - 1));
    const std::string_view pp = Key(T(i - 2));
    const auto ed = [](std::string_view k) {
      return k.size() > 4 && k.substr(k.size() - 2) == "ed";
    };
    if (p == "by") return ed(pp) || pp == "run";
    if (p == "to") return pp == "return" || pp == "returns" || pp == "addressed";
    if (p == "be") return i >= 3 && pp == "to" && ed(Key(T(i - 3)));
    if (p == "of") return pp == "details";
    if (p == "as") return pp == "named";
    return false;
  }
  // Upper case after a role or phrase cue: up to three words from token i
  // that the name lists hold (even when they are common words: "S/T MARK
  // SEARCHED", "S/T KNIGHTS PATRICK") or that no list knows; the end
  // (exclusive), or i when there is none.
  size_t RoleRunEnd(size_t i) const;
  void FindOrganisations();
  bool TryNickname(size_t i, size_t& next);
  bool TryPerson(size_t i, size_t& next);
  bool TryNamed(size_t i, size_t& next);
  bool TryLowerCaseName(size_t i, size_t& next);
  bool TryLowerCaseList(size_t i, size_t& next);
  bool TrySpeaker(size_t i, size_t& next);
  size_t SpeakerLines();
  size_t speaker_lines_ = static_cast<size_t>(-1);  // lines "Word: ...", counted when first needed
  bool TryNameList(size_t i, size_t& next);
  bool ListMember(const Token& w) const;
  bool NamedWord(const Token& w) const;
  bool TryPlace(size_t i, size_t& next);
  bool TryProperNoun(size_t i, size_t& next);
  bool ProperNounWord(const Token& w) const;
  bool SentenceStartAt(size_t i) const;
  size_t ExtendName(size_t j, size_t limit) const;
  size_t PlaceLength(size_t i);
  size_t CuedPlaceLength(size_t i) const;
  size_t last_person_next_ = static_cast<size_t>(-1);  // token after the last person
  void Run();
};

void NameScan::Classify(Token& t) {
  const std::string_view key = Key(t);
  if (t.embedded) {
    t.flags = kNotName;
    return;
  }
  t.cues = cues.Lookup(key);
  const bool look = t.upper_line ? t.shape == Shape::kUpper : Capitalised(t);
  if (!look) return;
  if (t.cues & kHotNotName) {
    t.flags = kNotName;
    return;
  }
  t.flags = gaz.Lookup(key);
  const bool possessive = key.size() > 3 && key[key.size() - 2] == '\'' && key.back() == 's';
  if (possessive && !(t.flags & (kPlace | kPlaceStart | kGivenName | kSurname))) {
    const std::string_view stem = key.substr(0, key.size() - 2);
    const uint16_t f = gaz.Lookup(stem);
    if (f) {
      t.flags = f;
      // The stem ends before the apostrophe: "'" is one byte, U+2019 three.
      t.name_end = text[t.end - 2] == '\'' ? t.end - 2 : t.end - 4;
    }
  }
  if (t.flags & (kGivenName | kSurname | kPlace)) return;
  // Mc/Mac/O' surnames and double-barrelled names the lists do not hold.
  if (key.size() > 3 && ((key[0] == 'm' && key[1] == 'c') || (key[0] == 'o' && key[1] == '\'')) &&
      !(t.flags & kCommonWord)) {
    t.flags |= kSurname;
    return;
  }
  if (key.size() > 4 && key.substr(0, 3) == "mac" && t.shape == Shape::kCap &&
      UpperLetterAt(text, t.start + 3)) {
    t.flags |= kSurname;
    return;
  }
  const size_t dash = key.find('-');
  if (dash != std::string_view::npos && dash > 0) {
    bool all_names = true;
    bool any_surname = false;
    size_t p = 0;
    while (p <= key.size()) {
      size_t q = key.find('-', p);
      if (q == std::string_view::npos) q = key.size();
      const uint16_t f = gaz.Lookup(key.substr(p, q - p));
      if (f & kNotName) all_names = false;
      if (f & kSurname) any_surname = true;
      if (!(f & (kSurname | kGivenName)) && (f & kCommonWord)) all_names = false;
      p = q + 1;
    }
    if (all_names && any_surname) t.flags |= kSurname;
    // "HOUSE-TO-HOUSE", "EX-PARTNER": every part a common word, so the
    // whole is one ("B. HOUSE-TO-HOUSE" is no name).
    if (!(t.flags & kSurname)) {
      bool all_common = true;
      size_t a = 0;
      while (a <= key.size() && all_common) {
        size_t q = key.find('-', a);
        if (q == std::string_view::npos) q = key.size();
        const std::string_view part = key.substr(a, q - a);
        const uint16_t f = part.empty() ? 0 : gaz.Lookup(part);
        if (!(f & (kCommonWord | kNotName)) || (f & (kGivenName | kSurname))) all_common = false;
        a = q + 1;
      }
      if (all_common) t.flags |= kCommonWord;
    }
  }
}

void NameScan::Tokenise() {
  s.tokens.clear();
  s.keys.clear();
  Gap gap = Gap::kBreak;
  size_t line_first = 0;
  size_t upper = 0, lower = 0;
  size_t capitalised = 0;  // words of the line with a capital letter, initials aside
  // A sentence in upper case inside a line that is not ("ONE YOUTH NAMED AS
  // T WATTS. WORDS USED: “you think you're safe”") is upper case too.
  size_t sentence_first = 0;
  size_t s_upper = 0, s_lower = 0;
  auto close_sentence = [&]() {
    const bool up = s_upper >= 4 && s_lower * 8 < s_upper;
    for (size_t k = sentence_first; k < s.tokens.size(); ++k) s.tokens[k].upper_sentence = up;
    sentence_first = s.tokens.size();
    s_upper = s_lower = 0;
  };
  auto close_line = [&]() {
    close_sentence();
    const bool up = upper >= 2 && lower * 8 < upper;
    for (size_t k = line_first; k < s.tokens.size(); ++k) {
      s.tokens[k].upper_line = up || s.tokens[k].upper_sentence;
      s.tokens[k].lower_line = capitalised == 0;
    }
    line_first = s.tokens.size();
    upper = lower = capitalised = 0;
  };
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = LetterAt(text, i);
    if (len == 0 && !AsciiDigit(c)) {
      if (c == '\n') {
        gap = Gap::kBreak;
        close_line();
      } else if (c == '.') {
        // The dot of an initial or an abbreviated title does not end a sentence.
        const Token* prev = s.tokens.empty() ? nullptr : &s.tokens.back();
        const bool abbrev = prev && prev->end == i &&
                            (prev->shape == Shape::kInitial || Key(*prev) == "st" ||
                             (cues.Lookup(Key(*prev)) & kTitle));
        if (!abbrev && gap < Gap::kStop) gap = Gap::kStop;
        if (!abbrev) close_sentence();
      } else if (c == '&') {
        if (gap < Gap::kAmp) gap = Gap::kAmp;
      } else if (c == '!' || c == '?' || c == ';' || c == ':') {
        if (gap < Gap::kStop) gap = Gap::kStop;
        close_sentence();
      } else if (c != ' ' && c != '\t' && c != '\r') {
        if (gap < Gap::kPunct) gap = Gap::kPunct;
      }
      // Skip the whole UTF-8 sequence of a punctuation character.
      size_t skip = 1;
      if (c >= 0xC0) skip = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      i += std::min(skip, n - i);
      continue;
    }
    Token t;
    t.start = static_cast<uint32_t>(i);
    t.gap = gap;
    t.key_off = static_cast<uint32_t>(s.keys.size());
    const bool first_upper = UpperLetterAt(text, i);
    bool has_lower = false, has_upper = false, has_digit = false, prev_letter = false;
    size_t letters = 0;
    while (i < n) {
      const unsigned char d = static_cast<unsigned char>(text[i]);
      size_t l = LetterAt(text, i);
      if (l) {
        if (l == 1) {
          if (d >= 'a') has_lower = true; else has_upper = true;
        } else if (UpperLetterAt(text, i)) {
          has_upper = true;
        } else {
          has_lower = true;
        }
        ++letters;
        i += l;
        prev_letter = true;
        continue;
      }
      if (AsciiDigit(d)) {
        has_digit = true;
        ++i;
        prev_letter = false;
        continue;
      }
      size_t alen = 0;
      const bool joiner = d == '-' || d == '/' || IsApostropheAt(text, i, alen);
      if (!joiner || !prev_letter) break;
      const size_t after = i + (alen ? alen : 1);
      if (after >= n || !LetterAt(text, after)) break;
      i = after;
      prev_letter = false;
    }
    t.end = static_cast<uint32_t>(i);
    t.name_end = t.end;
    AppendGazetteerKey(text.substr(t.start, t.end - t.start), s.keys);
    t.key_len = static_cast<uint16_t>(std::min<size_t>(s.keys.size() - t.key_off, 0xFFFF));
    if (has_digit) {
      t.shape = letters == 0 ? Shape::kNumber : Shape::kOther;
    } else if (letters == 1 && has_upper) {
      t.shape = Shape::kInitial;
    } else if (!has_lower) {
      t.shape = Shape::kUpper;
    } else if (first_upper) {
      t.shape = Shape::kCap;
    } else {
      t.shape = Shape::kLower;
    }
    if (letters >= 2) {
      if (has_upper) ++capitalised;
      if (has_lower) lower += letters; else upper += letters;
      if (has_lower) s_lower += letters; else s_upper += letters;
    }
    t.dot_after = i < n && text[i] == '.';
    // Part of an e-mail address, handle or URL ("daniel_123", "j.smith@x.com"):
    // those recognisers' business, and never a name on its own.
    {
      const char before = t.start > 0 ? text[t.start - 1] : ' ';
      const char after = i < n ? text[i] : ' ';
      const bool word = t.end - t.start >= 2;
      const auto alnum = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; };
      if (after == '_' || after == '@' || before == '_' || before == '@' || before == '#' ||
          before == '/' || before == '\\' ||
          (word && after == '.' && i + 1 < n && alnum(text[i + 1])) ||
          (word && before == '.' && t.start >= 2 && alnum(text[t.start - 2])))
        t.embedded = true;
    }
    s.tokens.push_back(t);
    gap = Gap::kSpace;
  }
  close_line();
  for (Token& t : s.tokens) Classify(t);
}

// Schools and workplaces: "<Capitalised words> <suffix>" and "works at <X>".
void NameScan::FindOrganisations() {
  const size_t n = N();
  for (size_t i = 0; i < n; ++i) {
    Token& t = s.tokens[i];
    if (!(t.cues & kOrgSuffix)) continue;
    if (!t.upper_line && !Capitalised(t)) continue;
    // "Smith & Sons Ltd": the last suffix ends the name.
    if (i + 1 < n && (T(i + 1).cues & kOrgSuffix) && T(i + 1).gap == Gap::kSpace &&
        (T(i + 1).upper_line || Capitalised(T(i + 1))))
      continue;
    // Walk back over the name: capitalised words (mixed case) or words that
    // are not common, or are organisation words (upper case).
    size_t first = i;
    bool named = false;  // a word that is not a generic organisation word
    bool joined = false;  // an "and" or "&" seen: "Smith, Jones and Brown LLP"
    for (size_t j = i; j > 0 && i - j < 6; --j) {
      const Token& cur = T(j);
      if (cur.gap == Gap::kAmp || Key(cur) == "and") joined = true;
      // A comma only inside a list of names that an "and" closes.
      const bool list_comma = cur.gap == Gap::kPunct && joined && CommaBefore(j) &&
                              ListName(T(j - 1));
      if (cur.gap != Gap::kSpace && cur.gap != Gap::kAmp && !list_comma) break;
      const Token& p = T(j - 1);
      bool ok;
      if (p.covered) break;  // "Acme LLC and Bernard Group": two organisations
      if (p.cues & (kOrgCueVerb | kOrgCueAlone | kTitle)) break;
      if (p.upper_line) {
        ok = !(p.flags & kNotName) || (p.cues & kConnector);
        if (ok && (p.flags & kCommonWord) && !(p.flags & (kGivenName | kSurname | kPlace)) &&
            !(p.cues & (kOrgWord | kConnector | kOrgSuffix)))
          ok = false;
      } else {
        ok = Capitalised(p) || p.shape == Shape::kInitial ||
             ((p.cues & kConnector) && p.shape == Shape::kLower && Key(p) != "the");
      }
      if (!ok) break;
      first = j - 1;
    }
    // Leading connectors are not part of the name ("of", "and").
    while (first < i && (T(first).cues & kConnector) && Key(T(first)) != "st") ++first;
    for (size_t k = first; k < i; ++k)
      if (!(T(k).cues & (kOrgWord | kConnector | kOrgSuffix))) named = true;
    // "University of East Anglia", "College of West Anglia", "Norwich
    // University of the Arts": a place of learning named after "of".
    size_t last = i;
    if (IsLearningSuffix(Key(t))) {
      const size_t of_end = OfNameEnd(i + 1);
      if (of_end > i + 1) {
        for (size_t k = i + 1; k < of_end; ++k)
          if (!(T(k).cues & (kOrgWord | kConnector | kOrgSuffix))) named = true;
        last = of_end - 1;
      }
    }
    // A legal form names a company whatever its words: "Hill Inc.", "Park Ltd".
    if (!named && !(first < i && IsLegalSuffix(Key(t)))) continue;
    Emit(PiiType::kOrganisation, T(first).start, T(last).end, 0.6, "organisation");
    for (size_t k = first; k <= last; ++k) s.tokens[k].covered = true;
  }
  // "works at X", "employed by X", "attends X", "pupil at X", "an employee
  // of X", "a student at the X", "his employer, X,".
  for (size_t i = 1; i < n; ++i) {
    const Token& t = T(i);
    if (t.covered) continue;
    const Token& p = T(i - 1);
    const std::string_view pk = Key(p);
    bool cue = false;
    if (t.gap == Gap::kSpace) {
      cue = (p.cues & kOrgCueAlone) != 0;
      // "the firm Smith, Jones and Brown", "his employer Acme": a lower-case
      // noun, then a word that is neither common nor a given name (a person).
      if (!cue && (p.cues & kOrgNoun) && p.shape == Shape::kLower && !t.upper_line &&
          Capitalised(t) && !(t.flags & (kCommonWord | kGivenName | kNotName)) &&
          !(t.cues & (kTitle | kOrgSuffix)))
        cue = true;
      if (!cue && i >= 2 && p.gap == Gap::kSpace) {
        const std::string_view ppk = Key(T(i - 2));
        if (pk == "at" || pk == "by" || pk == "for") cue = (T(i - 2).cues & kOrgCueVerb) != 0;
        else if (pk == "of") cue = ppk == "employee" || ppk == "employees";
      }
    } else if (CommaBefore(i) && (pk == "employer" || pk == "employers")) {
      // "IP'S EMPLOYER, HOVIS, ABOUT": the name stands between commas.
      cue = !(t.flags & kGivenName) && !(t.cues & kTitle);
    }
    if (!cue) continue;
    const size_t j = Key(t) == "the" && i + 1 < n && T(i + 1).gap == Gap::kSpace ? i + 1 : i;
    const size_t end = CuedOrgEnd(j);
    if (end <= j) continue;
    Emit(PiiType::kOrganisation, T(j).start, T(end - 1).end, 0.6, "organisation");
    for (size_t m = j; m < end; ++m) s.tokens[m].covered = true;
  }
}

size_t NameScan::CuedOrgEnd(size_t j) const {
  const size_t n = N();
  size_t last = j;
  size_t k = j;
  size_t first_comma = 0;  // token after the first comma inside the run
  bool joined_after_comma = false;
  for (; k < n && k < j + 6; ++k) {
    const Token& w = T(k);
    const bool list_comma =
        k > j && w.gap == Gap::kPunct && CommaBefore(k) && ListName(T(k - 1)) && ListName(w);
    if (k > j && w.gap != Gap::kSpace && w.gap != Gap::kAmp && !list_comma) break;
    if (list_comma && first_comma == 0) first_comma = k;
    if (first_comma && k > first_comma && (w.gap == Gap::kAmp || Key(w) == "and"))
      joined_after_comma = true;
    // "of", "and", "the" inside a name ("University of East Anglia"); "the"
    // only after "of".
    const std::string_view key = Key(w);
    const bool connector = k > j && (w.cues & kConnector) &&
                           (key != "the" || Key(T(k - 1)) == "of") &&
                           (w.upper_line ? w.shape == Shape::kUpper : w.shape == Shape::kLower);
    // A brand in the name lists' not_names (platforms, shops) is still an
    // employer after the cue: "works for Microsoft".
    const bool brand = k == j && !w.upper_line && w.shape == Shape::kCap &&
                       !(w.flags & kCommonWord) && w.key_len >= 3;
    if (w.covered || ((w.flags & kNotName) && !connector && !brand)) break;
    // In upper case every word is a capital: what is not a function word
    // counts ("ANGLIAN WATER"); in mixed case the capitals decide.
    const bool ok = w.upper_line ? w.shape == Shape::kUpper || w.shape == Shape::kInitial
                                 : Capitalised(w) || connector;
    if (!ok || (w.cues & (kTitle | kMonth)) || w.shape == Shape::kNumber) break;
    last = k;
  }
  if (k == j) return j;
  // "works for Smith, who ...": a comma list needs its "and".
  if (first_comma && !joined_after_comma && last >= first_comma) last = first_comma - 1;
  while (last > j && (T(last).cues & kConnector)) --last;
  if (T(last).cues & kConnector) return j;
  // "WORKS AT NIGHT", "WORKS AT HOME": one common word is no name.
  const Token& w = T(j);
  if (last == j && w.upper_line && (w.flags & kCommonWord) &&
      !(w.flags & (kGivenName | kSurname | kPlace)) && !(w.cues & (kOrgWord | kOrgSuffix)))
    return j;
  return last + 1;
}

size_t NameScan::RoleRunEnd(size_t i) const {
  constexpr uint16_t kStopCues = kTitle | kPersonCue | kOrgSuffix | kStreetType | kNickCue |
                                 kMonth | kRoleCue | kOrgNoun | kConnector | kOrgCueAlone;
  size_t k = i;
  bool common_only = true;  // every word of the run is also a common word
  while (k < N() && k < i + 3) {
    const Token& w = T(k);
    if (k > i && w.gap != Gap::kSpace) break;
    if (!w.upper_line || w.shape != Shape::kUpper || w.covered) break;
    if ((w.flags & kNotName) || (w.cues & kStopCues)) break;
    const bool listed = (w.flags & (kGivenName | kSurname)) != 0;
    if (!listed && ((w.flags & (kCommonWord | kPlace)) || w.key_len < 2)) break;
    const std::string_view key = Key(w);
    if (!listed && key.size() > 4 &&
        (key.substr(key.size() - 2) == "ed" || key.substr(key.size() - 3) == "ing"))
      break;
    if (!(w.flags & kCommonWord)) common_only = false;
    ++k;
    if (w.name_end != w.end) return k;  // a possessive ends the name
  }
  if (k == i) return i;
  // "VICTIM WILL BE", "SUSPECT CAN": a modal verb, not a name.
  if (k == i + 1) {
    const std::string_view key = Key(T(i));
    if (key == "will" || key == "can" || key == "might" || key == "must") return i;
  }
  // One common word ("S/T WHITE MALE", "IP BROWN HAIR") counts only before a
  // verb or function word, or at the end of the clause: "IP JADE REPORTS".
  if (k == i + 1 && common_only) {
    if (k >= N()) return k;
    const Token& x = T(k);
    // "IP CAR, PHONE AND WALLET STOLEN": a list of things, not a name.
    if (x.gap != Gap::kSpace) return CommaBefore(k) || x.gap == Gap::kAmp ? i : k;
    if ((x.flags & kNotName) && !(x.cues & (kRoleCue | kPersonCue | kTitle))) return k;
    const std::string_view xk = Key(x);
    if (x.upper_line && x.shape == Shape::kUpper && !(x.flags & (kGivenName | kSurname)) &&
        xk.size() > 4 &&
        (xk.substr(xk.size() - 2) == "ed" || xk.substr(xk.size() - 3) == "ing"))
      return k;
    // "CAUSING IP KIRSTY WATTS ALARM": a given name, then a common surname.
    if ((T(i).flags & kGivenName) && CommonSurnameAt(k, true)) return k + 1;
    return i;
  }
  // A given name or a name no dictionary holds, then a common surname.
  if (k - i < 3 && T(k - 1).name_end == T(k - 1).end &&
      ((T(k - 1).flags & kGivenName) || !(T(k - 1).flags & kCommonWord)) &&
      CommonSurnameAt(k, true))
    ++k;
  return k;
}

// "known as 'Smudge'", "aka Dazza", "nicknamed BIG DAVE".
bool NameScan::TryNickname(size_t i, size_t& next) {
  const Token& t = T(i);
  if (!(t.cues & kNickCue)) return false;
  const std::string_view k = Key(t);
  size_t after = i + 1;
  if (k == "known" || k == "goes" || k == "calls" || k == "called") {
    if (after >= N() || T(after).gap != Gap::kSpace) return false;
    const std::string_view k2 = Key(T(after));
    const bool ok = (k == "known" && k2 == "as") || (k == "goes" && k2 == "by") ||
                    (k == "calls" && (k2 == "himself" || k2 == "herself")) ||
                    (k == "called" && (k2 == "himself" || k2 == "herself"));
    if (!ok) return false;
    ++after;
  }
  if (after >= N()) return false;
  // A quoted nickname: everything up to the closing quote on the line.
  size_t p = T(after - 1).end;
  while (p < text.size() && (text[p] == ' ' || text[p] == ':' || text[p] == ',')) ++p;
  size_t qlen = 0;
  if (p < text.size() && IsQuoteAt(text, p, qlen)) {
    const size_t open_end = p + qlen;
    for (size_t q = open_end; q < text.size() && q < open_end + 48; ++q) {
      if (text[q] == '\n') break;
      size_t clen = 0;
      if (q > open_end && IsQuoteAt(text, q, clen) &&
          !(text[q] == '\'' && q + 1 < text.size() && LetterAt(text, q + 1) &&
            LetterAt(text, q - 1))) {
        size_t a = open_end, b = q;
        while (a < b && text[a] == ' ') ++a;
        while (b > a && text[b - 1] == ' ') --b;
        Emit(PiiType::kPerson, a, b, 0.75, "person");
        next = after;
        while (next < N() && T(next).start < q + clen) ++next;
        return true;
      }
    }
    return false;
  }
  const Token& w = T(after);
  if (w.gap != Gap::kSpace || (w.flags & kNotName) || w.shape == Shape::kNumber) return false;
  if (!w.upper_line && w.shape == Shape::kLower && (w.flags & kCommonWord)) return false;
  size_t last = after;
  if (Capitalised(w) || w.shape == Shape::kInitial) last = ExtendName(after + 1, 2) - 1;
  if (last < after) last = after;
  Emit(PiiType::kPerson, w.start, T(last).name_end, 0.75, "person");
  next = last + 1;
  return true;
}

// The end (exclusive token index) of the name words from j on, at most `limit`.
size_t NameScan::ExtendName(size_t j, size_t limit) const {
  size_t k = j;
  while (k < N() && k < j + limit) {
    const Token& w = T(k);
    if (w.gap != Gap::kSpace) break;
    if (w.shape == Shape::kInitial) {
      // Initials need a name after them ("A.B. O'BRIEN").
      size_t m = k + 1;
      while (m < N() && m < k + 3 && T(m).gap == Gap::kSpace && T(m).shape == Shape::kInitial) ++m;
      if (m < N() && T(m).gap == Gap::kSpace && NameWord(T(m))) {
        k = m;
        continue;
      }
      break;
    }
    if (!NameWord(w) || (w.cues & kStreetType)) break;
    ++k;
    if (w.name_end != w.end) break;  // a possessive ends the name
  }
  return k;
}

// A word of a name the speaker gives ("my name is borna jerkovic"): in
// capitals any name-list word or unknown word; in lower case, which says
// nothing, a word no list holds as common. Not a cue, title or number.
bool NameScan::NamedWord(const Token& w) const {
  if (w.covered || w.embedded || w.shape == Shape::kNumber || w.shape == Shape::kOther)
    return false;
  if (w.cues & (kTitle | kMonth | kRoleCue | kPersonCue | kConnector | kPlaceCue)) return false;
  if (w.shape == Shape::kLower) {
    const uint16_t f = gaz.Lookup(Key(w));
    return !(f & (kCommonWord | kNotName));
  }
  if (w.upper_line ? w.shape != Shape::kUpper : !Capitalised(w)) return false;
  if (w.flags & kNotName) return false;
  return (w.flags & (kGivenName | kSurname)) || !(w.flags & kCommonWord);
}

// Self-introductions and naming phrases: "my name is X", "her maiden name
// was X", "name's X", "call me X", "I'm X", "Name: x" at a line start. The
// phrase says a name follows, so lower case and ambiguous names count.
bool NameScan::TryNamed(size_t i, size_t& next) {
  if (i == 0) return false;
  const Token& t = T(i);
  const Token& p = T(i - 1);
  const std::string_view pk = Key(p);
  bool strong = false;
  if (t.gap == Gap::kSpace) {
    if (pk == "is" || pk == "was") {
      if (i < 2 || p.gap != Gap::kSpace) return false;
      const std::string_view ppk = Key(T(i - 2));
      strong = ppk == "name" || ppk == "surname" || ppk == "forename" || ppk == "nickname";
      if (!strong) return false;
    } else if (pk == "name's") {
      strong = true;
    } else if (pk == "me") {
      if (i < 2 || p.gap != Gap::kSpace) return false;
      const std::string_view ppk = Key(T(i - 2));
      if (ppk != "call" && ppk != "calls") return false;
    } else if (pk == "am") {
      if (i < 2 || p.gap != Gap::kSpace || Key(T(i - 2)) != "i") return false;
    } else if (pk != "i'm") {
      return false;
    }
  } else if (pk == "name" && (i == 1 || p.gap == Gap::kBreak) && t.gap == Gap::kStop &&
             text.substr(p.end, t.start - p.end).find(':') != std::string_view::npos) {
    // "Name:   hyuuma t. maida": a form's label at the start of a line.
    strong = true;
  } else {
    return false;
  }
  if (!NamedWord(t)) return false;
  // After "I'm" or "call me" only a name that is no common word: "I'm
  // fine", "I AM HAPPY", "i'm going" are not names.
  if (!strong) {
    const uint16_t f = t.shape == Shape::kLower ? gaz.Lookup(Key(t)) : t.flags;
    if (!(f & (kGivenName | kSurname)) || (f & kCommonWord)) return false;
  }
  size_t end = i + 1;
  while (end < N() && end < i + 4 && T(end - 1).name_end == T(end - 1).end &&
         T(end).gap == Gap::kSpace) {
    const Token& w = T(end);
    // An initial inside the name: "hyuuma t. maida", "codey m ross".
    const bool initial = w.shape == Shape::kInitial || (w.shape == Shape::kLower && w.key_len == 1);
    if (initial && Key(w) != "a" && Key(w) != "i" && end + 1 < N() &&
        text.substr(w.end, T(end + 1).start - w.end).find_first_not_of(". ") ==
            std::string_view::npos &&
        NamedWord(T(end + 1))) {
      end += 2;
      continue;
    }
    if (!NamedWord(w)) break;
    ++end;
  }
  Emit(PiiType::kPerson, t.start, T(end - 1).name_end, strong ? 0.8 : 0.7, "person");
  next = end;
  return true;
}

// A name typed in lower case, as in chat and e-mail ("olga krylova",
// "benjamin a seiler", "eric g. samoylova"): a given name that no list holds
// as a common word, an optional initial, then a surname no list holds as a
// common word, or a word no list knows at all. Lower case says nothing by
// itself, so both words must look like a name. Tried only on lines with no
// capital at all: where the writer capitalises, a lower-case word is no name.
bool NameScan::TryLowerCaseName(size_t i, size_t& next) {
  const Token& t = T(i);
  if (t.shape != Shape::kLower || t.upper_line || t.covered || t.embedded || t.cues) return false;
  const uint16_t f = gaz.Lookup(Key(t));
  if (!(f & kGivenName) || (f & (kCommonWord | kNotName | kPlace | kPlaceStart))) return false;
  if (t.name_end != t.end) return false;
  size_t j = i + 1;
  if (j >= N() || T(j).gap != Gap::kSpace) return false;
  const Token& mid = T(j);
  const bool initial = mid.shape == Shape::kInitial || (mid.shape == Shape::kLower && mid.key_len == 1);
  if (initial) ++j;
  if (j >= N() || (T(j).gap != Gap::kSpace && !(initial && T(j).gap == Gap::kStop)) ) return false;
  if (initial && T(j).gap == Gap::kStop &&
      text.substr(mid.end, T(j).start - mid.end).find_first_not_of(". ") != std::string_view::npos)
    return false;
  const Token& s = T(j);
  if (s.shape != Shape::kLower || s.covered || s.embedded || s.cues || s.key_len < 3) return false;
  const uint16_t g = gaz.Lookup(Key(s));
  if (g & (kCommonWord | kNotName | kPlace | kPlaceStart)) return false;
  // "a" and "i" are words: as an initial they need a listed surname.
  if (initial && mid.shape == Shape::kLower && (Key(mid) == "a" || Key(mid) == "i") && !(g & kSurname))
    return false;
  if (!(g & (kSurname | kGivenName))) {
    // An unknown word: letters only, so no code or number.
    const std::string_view k = Key(s);
    if (!std::all_of(k.begin(), k.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80 || c == '-' || c == '\'';
        }))
      return false;
  }
  Emit(PiiType::kPerson, t.start, s.name_end, (g & kSurname) ? 0.6 : 0.5, "person");
  next = j + 1;
  return true;
}

// A member of a mixed-case list of persons: one capitalised word that a
// name list holds (common words too: "Brown") or that no list knows.
bool NameScan::ListMember(const Token& w) const {
  if (w.upper_line || w.shape != Shape::kCap || w.covered || w.embedded) return false;
  if (w.name_end != w.end || (w.flags & kNotName)) return false;
  constexpr uint16_t kNo = kTitle | kMonth | kStreetType | kOrgSuffix | kRoleCue | kPersonCue |
                           kConnector | kNickCue | kOrgNoun | kPlaceCue;
  if (w.cues & kNo) return false;
  const bool listed = (w.flags & (kGivenName | kSurname)) != 0;
  if ((w.flags & (kPlace | kPlaceStart)) && !listed) return false;
  return listed || !(w.flags & kCommonWord);
}

// "Monjeau, Graves and Reed", "Usamov and Bowers were", "Hleb, Sheila and
// Donna": single names joined by commas and a closing "and" or "&". The list
// makes every member a name, at a sentence start or when common ("Reed").
bool NameScan::TryNameList(size_t i, size_t& next) {
  const size_t n = N();
  if (i + 2 >= n || !ListMember(T(i))) return false;
  // The first member is not the end of a longer name ("John Smith, Jones and")
  // nor of a pair before it ("Marks & Spencer and Dolce").
  if (i > 0 && T(i).gap == Gap::kSpace && T(i - 1).shape == Shape::kCap && Key(T(i - 1)) != "the")
    return false;
  if (T(i).gap == Gap::kAmp ||
      (i >= 2 && T(i).gap == Gap::kSpace && Key(T(i - 1)) == "and" &&
       T(i - 2).shape == Shape::kCap))
    return false;
  const bool comma = CommaBefore(i + 1);
  const bool joined =
      T(i + 1).gap == Gap::kAmp || (T(i + 1).gap == Gap::kSpace && Key(T(i + 1)) == "and");
  if (!comma && !joined) return false;
  size_t members[8];
  size_t count = 0;
  members[count++] = i;
  size_t k = i;
  bool closed = false;
  while (count < 8) {
    if (k + 1 >= n) return false;
    if (CommaBefore(k + 1) && ListMember(T(k + 1))) {
      members[count++] = ++k;
      continue;
    }
    size_t m = k + 1;
    if (T(m).gap == Gap::kSpace && Key(T(m)) == "and") {
      ++m;
    } else if (T(m).gap != Gap::kAmp) {
      return false;
    }
    if (m >= n || T(m).gap != Gap::kSpace || !ListMember(T(m))) return false;
    members[count++] = m;
    k = m;
    closed = true;
    break;
  }
  if (!closed) return false;
  // "Clark, Romero and Hall Orchestra", "at Jones, Mitchell and Williams":
  // three surnames make a firm's name, as solicitors and accountants write it.
  const auto surname_like = [&](size_t c) {
    const uint16_t f = T(members[c]).flags;
    return (f & kSurname) || !(f & (kGivenName | kCommonWord));
  };
  const bool firm = count == 3 && surname_like(0) && surname_like(1) && surname_like(2);
  const bool firm_cue = i > 0 && T(i).gap == Gap::kSpace && [&] {
    const std::string_view pk = Key(T(i - 1));
    return pk == "at" || pk == "for" || pk == "from" || pk == "of" || pk == "with" || pk == "by" ||
           pk == "joined" || pk == "the";
  }();
  // The last member does not start a longer name, an organisation or a pair.
  if (k + 1 < n && T(k + 1).gap == Gap::kSpace &&
      (T(k + 1).shape == Shape::kCap || (T(k + 1).cues & kOrgSuffix))) {
    if (!firm || (T(k + 1).flags & (kGivenName | kSurname))) return false;
    Emit(PiiType::kOrganisation, T(i).start, T(k).name_end, 0.55, "organisation");
    next = k + 1;
    return true;
  }
  if (k + 1 < n && T(k + 1).gap == Gap::kAmp) return false;
  if (k + 2 < n && T(k + 1).gap == Gap::kSpace && Key(T(k + 1)) == "and" &&
      T(k + 2).gap == Gap::kSpace && T(k + 2).shape == Shape::kCap)
    return false;
  // A name no dictionary holds as a word, or an unknown word beside a listed
  // name; unknown words alone may be brands ("Tesco and Asda").
  bool strong = false, listed = false, unknown = false;
  for (size_t c = 0; c < count; ++c) {
    const Token& w = T(members[c]);
    const bool name = (w.flags & (kGivenName | kSurname)) != 0;
    if (name && !(w.flags & (kCommonWord | kPlace | kPlaceStart))) strong = true;
    if (name) listed = true;
    else unknown = true;
  }
  if (!strong && !(listed && unknown)) return false;
  for (size_t c = 0; c < count; ++c) {
    const Token& w = T(members[c]);
    Emit(PiiType::kPerson, w.start, w.end, 0.6, "person");
  }
  if (firm && firm_cue) Emit(PiiType::kOrganisation, T(i).start, T(k).name_end, 0.6, "organisation");
  next = k + 1;
  return true;
}

// "they had 6: silvana, adam, chad and caleb": a list of three or more given
// names in lower case. A name that is also a word ("chad") counts when two
// others are not.
bool NameScan::TryLowerCaseList(size_t i, size_t& next) {
  size_t strong = 0;
  const auto member = [&](const Token& w) {
    if (w.shape != Shape::kLower || w.upper_line || w.covered || w.embedded || w.cues) return false;
    if (w.name_end != w.end) return false;
    const uint16_t f = gaz.Lookup(Key(w));
    if (!(f & kGivenName) || (f & kNotName)) return false;
    if (!(f & kCommonWord)) ++strong;
    return true;
  };
  const size_t n = N();
  if (i + 2 >= n || !CommaBefore(i + 1) || !member(T(i))) return false;
  size_t k = i;
  size_t count = 1;
  while (k + 1 < n && CommaBefore(k + 1) && member(T(k + 1))) ++k, ++count;
  size_t m = k + 1;
  if (m < n && T(m).gap == Gap::kSpace && Key(T(m)) == "and") ++m;
  else if (!(m < n && T(m).gap == Gap::kAmp)) return false;
  if (m >= n || T(m).gap != Gap::kSpace || !member(T(m)) || count + 1 < 3 || strong < 2)
    return false;
  for (size_t c = i; c <= k; ++c) Emit(PiiType::kPerson, T(c).start, T(c).end, 0.5, "person");
  Emit(PiiType::kPerson, T(m).start, T(m).end, 0.5, "person");
  next = m + 1;
  return true;
}

// "John: You saved my life!", "Halldór: What a wife.": a speaker's name at
// the start of a line of a dialogue or chat log. A name list's given name
// that is no common word; any other capitalised word only when the text
// has two such lines or more, since "Note:" and "Subject:" are labels.
bool NameScan::TrySpeaker(size_t i, size_t& next) {
  const Token& t = T(i);
  if (i + 1 >= N() || t.upper_line || t.shape != Shape::kCap || t.covered || t.embedded || t.cues)
    return false;
  if (!(i == 0 || t.gap == Gap::kBreak)) return false;
  if (t.flags & (kNotName | kPlace | kPlaceStart | kCommonWord)) {
    if (!(t.flags & kGivenName) || (t.flags & (kNotName | kCommonWord))) return false;
  }
  const Token& after = T(i + 1);
  const std::string_view between = text.substr(t.end, after.start - t.end);
  if (between.empty() || between[0] != ':' || between.find('\n') != std::string_view::npos)
    return false;
  const bool listed = (t.flags & kGivenName) && !(t.flags & kCommonWord);
  if (!listed && SpeakerLines() < 2) return false;
  Emit(PiiType::kPerson, t.start, t.end, listed ? 0.6 : 0.5, "person");
  next = i + 1;
  return true;
}

size_t NameScan::SpeakerLines() {
  if (speaker_lines_ != static_cast<size_t>(-1)) return speaker_lines_;
  speaker_lines_ = 0;
  for (size_t i = 0; i + 1 < N(); ++i) {
    const Token& t = T(i);
    if (!(i == 0 || t.gap == Gap::kBreak) || t.shape != Shape::kCap) continue;
    const std::string_view between = text.substr(t.end, T(i + 1).start - t.end);
    if (!between.empty() && between[0] == ':' && between.find('\n') == std::string_view::npos)
      ++speaker_lines_;
  }
  return speaker_lines_;
}

bool NameScan::TryPerson(size_t i, size_t& next) {
  const Token& t = T(i);
  const size_t n = N();
  // Title, then an optional collar number, then the name: "PC 1234 GOOCH".
  if ((t.cues & kTitle) && Capitalised(t) && !t.covered) {
    size_t j = i + 1;
    if (j < n && T(j).gap == Gap::kSpace && T(j).shape == Shape::kNumber) ++j;
    if (j < n && T(j).gap == Gap::kSpace && !T(j).covered) {
      const Token& w = T(j);
      // After Mr, Mrs, Dr any word is a name ("MR THROWER"); after a rank the
      // word must look like a name, since "PC ATTENDED" is not one.
      const bool civil = IsCivilTitle(Key(t));
      // "PC 920 WATTS": after a collar number the word is the officer's name.
      const bool numbered = j > i + 1;
      const bool first_ok =
          w.shape == Shape::kInitial ||
          (!(w.flags & kNotName) && !(w.cues & kTitle) &&
           (civil || numbered ? (w.upper_line ? w.shape == Shape::kUpper : Capitalised(w))
                              : NameWord(w)));
      if (first_ok) {
        size_t end = w.shape == Shape::kInitial ? ExtendName(j, 4) : ExtendName(j + 1, 3);
        if (end <= j) end = j + 1;
        // "SECURITY OFFICER RICHARD BARKER": a given name, then a common surname.
        if ((T(end - 1).flags & kGivenName) && T(end - 1).name_end == T(end - 1).end &&
            CommonSurnameAt(end, true))
          ++end;
        // A lone initial after a title is not a name ("MR A").
        if (!(end == j + 1 && w.shape == Shape::kInitial)) {
          Emit(PiiType::kPerson, w.start, T(end - 1).name_end, 0.85, "person");
          next = end;
          return true;
        }
      }
    }
    return false;
  }
  if (t.covered) return false;
  // Initials then a surname: "J. Smith", "J SMITH", "J.A. Smith".
  if (t.shape == Shape::kInitial) {
    // "NI NO NP 42 52 90 B.": the check letter of a number, not an initial.
    if (i > 0 && t.gap == Gap::kSpace && T(i - 1).shape == Shape::kNumber) return false;
    size_t j = i;
    while (j < n && j < i + 3 && T(j).shape == Shape::kInitial &&
           (j == i || T(j).gap == Gap::kSpace))
      ++j;
    if (j >= n || T(j).gap != Gap::kSpace) return false;
    const Token& w = T(j);
    // "IP MR L BARKER", "S/T M BEGUM": after a cue, a common surname too.
    // "FORCED BY A CROWBAR": "A" and "I" only right after a role or title.
    const bool word_initial = !t.dot_after && (Key(t) == "a" || Key(t) == "i");
    const bool cued = CueBefore(i, kRoleCue | kPersonCue | kTitle, 1) ||
                      (!word_initial && (CueBefore(i, kPersonCue, 2) || PhraseCueBefore(i)));
    if (!NameWord(w) && cued && CommonSurnameAt(j, true)) {
      Emit(PiiType::kPerson, t.start, w.name_end, 0.7, "person");
      next = j + 1;
      return true;
    }
    if (!NameWord(w)) return false;
    const std::string_view k = Key(t);
    const bool strong = (w.flags & kSurname) && !(w.flags & kCommonWord);
    // "A" and "I" are words; without a dot they need a clear surname.
    if (!t.dot_after && (k == "a" || k == "i") && !strong) return false;
    if (w.upper_line && !(w.flags & kSurname) && (w.flags & kCommonWord)) return false;
    const size_t end = ExtendName(j, 2);
    Emit(PiiType::kPerson, t.start, T(end - 1).name_end, strong ? 0.8 : 0.7, "person");
    next = end;
    return true;
  }
  if (t.flags & kNotName) return false;
  const bool cap_ok = t.upper_line ? t.shape == Shape::kUpper : Capitalised(t);
  if (!cap_ok) return false;
  // A strong cue ("named", "sister") may stand two words back ("named as");
  // a role ("VICTIM", "S/T") only right before, since a verb often follows it.
  const bool person_cue = CueBefore(i, kPersonCue, 2);
  const bool role_cue = CueBefore(i, kRoleCue, 1) || PhraseCueBefore(i);
  // The legacy "SURNAME, FORENAMES" after a role: "IP FOSTER, ALEKSANDRA LEFT".
  if (role_cue && i + 1 < n && !(t.cues & (kTitle | kOrgSuffix | kStreetType)) &&
      t.name_end == t.end && CommaBefore(i + 1)) {
    const Token& f = T(i + 1);
    // In upper case a given name that is also a common word ("GRAY, HOLLY")
    // counts when the surname before the comma is a name.
    const bool common_ok = f.upper_line && (f.flags & kGivenName) &&
                           ((t.flags & (kSurname | kGivenName)) || !(t.flags & kCommonWord)) &&
                           !(f.cues & (kMonth | kTitle | kRoleCue | kPersonCue));
    const bool forename = (f.flags & (kGivenName | kSurname)) &&
                          (!(f.flags & kCommonWord) || common_ok) &&
                          !(f.flags & kNotName) && (f.upper_line ? f.shape == Shape::kUpper
                                                                 : f.shape == Shape::kCap);
    if (forename && !(t.flags & kPlace)) {
      const size_t end = ExtendName(i + 2, 2);
      Emit(PiiType::kPerson, t.start, T(end - 1).name_end, 0.75, "person");
      next = end;
      return true;
    }
  }
  // Upper case after a role or cue: the name words up to a verb or function
  // word ("IP JADE REPORTS", "S/T KNIGHTS PATRICK", "CAUSING IP KIRSTY WATTS").
  if (t.upper_line && (role_cue || person_cue) &&
      !(t.cues & (kTitle | kOrgSuffix | kStreetType))) {
    size_t end = RoleRunEnd(i);
    const bool longer = end > i + 1 || !(t.flags & kGivenName) || (t.flags & kCommonWord);
    if (end > i && longer && !(end < n && (T(end).cues & kStreetType) && T(end).gap == Gap::kSpace)) {
      if (T(end - 1).name_end == T(end - 1).end) end = QuotedNickSurname(end);
      Emit(PiiType::kPerson, t.start, T(end - 1).name_end, 0.7, "person");
      next = end;
      return true;
    }
  }
  if (t.flags & kGivenName) {
    const bool ambiguous = (t.flags & kCommonWord) != 0;
    size_t end = t.name_end != t.end ? i + 1 : ExtendName(i + 1, 3);
    // "KARL 'STEVIE' FOX": a nickname in quotes, then the surname.
    if (t.name_end == t.end && T(end - 1).name_end == T(end - 1).end) {
      const size_t nick_end = QuotedNickSurname(end);
      if (nick_end > end) {
        Emit(PiiType::kPerson, t.start, T(nick_end - 1).name_end, 0.8, "person");
        next = nick_end;
        return true;
      }
    }
    // "IP JADE THROWER OF", "ANNA BARKER (DOB": in upper case a surname that
    // is also a common word, after a role or before the end of the clause.
    bool common_surname = false;
    // Not after a number plate or a number: "FOCUS AV61 AMA STOLEN".
    const bool after_digits = i > 0 && (T(i - 1).shape == Shape::kNumber ||
                                        T(i - 1).shape == Shape::kOther);
    if (!after_digits && t.name_end == t.end && end - i <= 3 &&
        T(end - 1).name_end == T(end - 1).end &&
        CommonSurnameAt(end, role_cue || person_cue)) {
      if (!ambiguous || role_cue || person_cue) {
        ++end;
        common_surname = true;
      }
    }
    const size_t after = end - (i + 1);
    // "Magdalen Street", "John Smith Road": a street, the address recogniser's.
    if (end < n && (T(end).cues & kStreetType) && T(end).gap == Gap::kSpace &&
        (T(end).shape == Shape::kUpper || T(end).shape == Shape::kCap))
      return false;
    if (ambiguous) {
      bool ok = person_cue && !(t.flags & kPlace);
      if (after >= 1) {
        // The next word must be a name in its own right; in upper case, where
        // "CAR PARK" looks like "MARK TAYLOR", a common one needs a role cue.
        const Token& w = T(i + 1);
        const bool common = (w.flags & kCommonWord) != 0;
        if (!common) ok = true;
        if (common && (w.flags & kSurname) && (!w.upper_line || role_cue)) ok = true;
        // "the suspect Harry Barker": a capital after a role, or a common
        // surname already checked in upper case.
        if (common && (role_cue || person_cue) && (!w.upper_line || common_surname)) ok = true;
      }
      if (!ok) return false;
    }
    // A town that is also a given name (Stanley, Ashton), unless a name or
    // a person cue says otherwise; a longer place name wins ("Kingston upon Hull").
    // A lone given name that is also a town abroad (Victoria, Florence, Jackson)
    // stays a person unless a place cue says otherwise ("moved to Jordan").
    if (!person_cue && (t.flags & (kPlace | kPlaceStart))) {
      const size_t place_len = PlaceLength(i);
      const bool foreign_name = place_len == 1 && after == 0 && (t.flags & kForeignPlace) &&
                                !CueBefore(i, kPlaceCue, 2);
      if (place_len >= after + 1 && !foreign_name) return false;
    }
    double score;
    if (after == 0) {
      score = t.upper_line ? 0.5 : 0.6;
    } else {
      const Token& last = T(end - 1);
      const bool known = (last.flags & (kSurname | kGivenName)) && !(last.flags & kCommonWord);
      score = known ? 0.85 : 0.75;
    }
    Emit(PiiType::kPerson, t.start, T(end - 1).name_end, score, "person");
    next = end;
    return true;
  }
  // A surname or unknown capitalised word after a cue: "S/T CHILVERS",
  // "neighbour Smith". After a role only a word that is not common counts
  // ("SUSPECT PRIOR" is not a name).
  if ((person_cue || role_cue) && !(t.cues & (kTitle | kOrgSuffix | kStreetType))) {
    if (t.flags & kPlace) return false;
    if ((t.flags & kCommonWord) && !(person_cue && (t.flags & kSurname))) return false;
    const size_t end = ExtendName(i + 1, 2);
    Emit(PiiType::kPerson, t.start, T(end - 1).name_end, 0.6, "person");
    next = end;
    return true;
  }
  return false;
}

// The number of tokens of the longest place name starting at token i (0: none).
size_t NameScan::PlaceLength(size_t i) {
  const Token& t = T(i);
  const size_t n = N();
  size_t best = 0;
  s.phrase.assign(Key(t));
  if (t.flags & kPlace) best = 1;
  if (t.flags & kPlaceStart) {
    const size_t max_words = static_cast<size_t>(gaz.max_place_words());
    for (size_t k = 1; k < max_words && i + k < n; ++k) {
      const Token& w = T(i + k);
      if (w.gap != Gap::kSpace || w.covered) break;
      s.phrase += ' ';
      s.phrase += Key(w);
      if (gaz.Lookup(s.phrase) & kPlace) best = k + 1;
    }
  }
  return best;
}

// A village the lists lack, named after a place cue: "LIVES IN HICKLING",
// "TOWARDS BARNHAM BROOM", "S/T FLETCHER SIMON OF WORSTEAD", "in the
// Blofield area", "abandoned in Cley next the Sea." The number of tokens of
// the capitalised run from token i, or 0.
size_t NameScan::CuedPlaceLength(size_t i) const {
  const Token& t = T(i);
  const size_t n = N();
  if (t.covered || t.gap != Gap::kSpace || i == 0) return 0;
  auto word_ok = [&](const Token& w) {
    if (w.covered || (w.flags & kNotName) || w.embedded) return false;
    if (w.cues & (kTitle | kMonth | kStreetType | kOrgSuffix | kRoleCue | kPersonCue)) return false;
    // In mixed case a town may be in capitals, as force systems write it
    // ("lives in NORWICH"); only after a strong cue (below).
    return w.upper_line ? w.shape == Shape::kUpper
                        : w.shape == Shape::kCap || (w.shape == Shape::kUpper && w.key_len >= 3);
  };
  if (!word_ok(t)) return 0;
  const bool caps_in_mixed = !t.upper_line && t.shape == Shape::kUpper;
  // The first word says the most: a known place, or a word no list knows.
  if ((t.flags & (kCommonWord | kGivenName)) && !(t.flags & (kPlace | kPlaceStart))) return 0;
  // The run: capitalised words, "next the", "on", "st" inside, at most four.
  size_t end = i + 1;
  for (size_t k = i + 1; k < n && k < i + 6; ++k) {
    const Token& w = T(k);
    if (w.gap != Gap::kSpace || Key(w) == "area") break;
    if (word_ok(w)) {
      end = k + 1;
      continue;
    }
    const std::string_view key = Key(w);
    const bool inner = key == "next" || (key == "the" && Key(T(k - 1)) == "next") ||
                       key == "on" || key == "upon" || key == "st" || key == "le" || key == "by";
    if (!inner || w.covered) break;
  }
  if (end - i > 4) return 0;
  // "IN CHAPEL STREET" is a street: the address recogniser's.
  if (end < n && (T(end).cues & kStreetType) && T(end).gap == Gap::kSpace) return 0;
  const Token& p = T(i - 1);
  const std::string_view pk = Key(p);
  const std::string_view ppk = i >= 2 && p.gap == Gap::kSpace ? Key(T(i - 2)) : std::string_view();
  // "in the Blofield area"
  if (pk == "the" && ppk == "in" && end < n && T(end).gap == Gap::kSpace &&
      Key(T(end)) == "area" && !caps_in_mixed)
    return end - i;
  // "SIMON OF WORSTEAD": "of" right after a person.
  if (pk == "of" && i - 1 == last_person_next_) return end - i;
  // "grew up in", "was born in", "flew to", "originally from": a home or a journey.
  const std::string_view pppk =
      i >= 3 && T(i - 2).gap == Gap::kSpace ? Key(T(i - 3)) : std::string_view();
  const bool lives = ppk == "lives" || ppk == "living" || ppk == "resides" ||
                     ppk == "resident" || ppk == "moved" || ppk == "based" || ppk == "born" ||
                     ppk == "raised" || ppk == "flew" || ppk == "travelled" ||
                     ppk == "relocated" || ppk == "emigrated" ||
                     (ppk == "up" && (pppk == "grew" || pppk == "brought"));
  if (pk == "towards" || pk == "near" || ((pk == "in" || pk == "to") && lives) ||
      (pk == "from" && ppk == "originally"))
    return end - i;
  if (caps_in_mixed) return 0;
  // "in", "from", "to" alone: the run ends the clause ("ABANDONED IN
  // HOPTON-ON-SEA.") or a time or date follows ("in Gayton on 09/10/2015").
  // Here "TO SEND" is a verb and "IN MARCH" a month: no common first word.
  if ((pk == "in" || pk == "from" || pk == "to") && !(t.flags & kCommonWord)) {
    if (end >= n || T(end).gap == Gap::kStop || T(end).gap == Gap::kBreak) return end - i;
    const Token& x = T(end);
    const std::string_view xk = Key(x);
    if ((xk == "at" || xk == "on") && end + 1 < n && T(end + 1).shape == Shape::kNumber)
      return end - i;
    // "STOLEN FROM WICKLEWOOD WHILE LEFT UNATTENDED"
    if (xk == "while" || xk == "when" || xk == "overnight") return end - i;
  }
  return 0;
}

bool NameScan::TryPlace(size_t i, size_t& next) {
  const Token& t = T(i);
  if (t.covered) return false;
  const size_t cued = CuedPlaceLength(i);
  if (!(t.flags & (kPlace | kPlaceStart)) || (cued > 0 && cued >= PlaceLength(i))) {
    if (cued == 0) return false;
    Emit(PiiType::kLocation, t.start, T(i + cued - 1).name_end, 0.6, "place");
    next = i + cued;
    return true;
  }
  const size_t n = N();
  const size_t best = PlaceLength(i);
  if (best == 0) return false;
  const Token& last = T(i + best - 1);
  (void)n;
  // "Dereham Road" is a street: the address recogniser's.
  if (i + best < n && (T(i + best).cues & kStreetType) && T(i + best).gap == Gap::kSpace &&
      (T(i + best).upper_line || Capitalised(T(i + best))))
    return false;
  if (!t.upper_line && (!Capitalised(t) || !Capitalised(last))) return false;
  // "a Ford Fiesta", "the Street": places take no article, except the
  // countries named with one ("the United States", "the Netherlands").
  if (i > 0 && t.gap == Gap::kSpace) {
    const std::string_view pk = Key(T(i - 1));
    const std::string_view key = Key(t);
    const bool the_country = pk == "the" && ((t.flags & kForeignPlace) || best > 1) &&
                             (key == "united" || key == "netherlands" || key == "philippines" ||
                              key == "gambia" || key == "bahamas" || key == "maldives" ||
                              key == "seychelles" || key == "czech" || key == "dominican");
    if (!the_country &&
        (pk == "a" || pk == "an" || pk == "the" || pk == "his" || pk == "her" ||
         pk == "their" || pk == "my" || T(i - 1).name_end != T(i - 1).end))
      return false;
  }
  // "ENTERED HALFORDS, DISS AND ...", "AT ALDI, DISS, WAS": a UK town
  // between a comma and the end of the clause or "and".
  const bool comma_cue = !(t.flags & kForeignPlace) && best == 1 && CommaBefore(i) &&
                         (i + 1 >= n || T(i + 1).gap != Gap::kSpace || Key(T(i + 1)) == "and");
  const bool cue = comma_cue || CueBefore(i, kPlaceCue, 2);
  const std::string_view key = Key(t);
  const bool single = best == 1 && key.find('-') == std::string_view::npos &&
                      key.find('\'') == std::string_view::npos;
  double score = best > 1 || !single ? 0.7 : 0.6;
  if (single) {
    if (t.flags & kNotName) return false;
    // Bath, Reading, March: only after a place cue; "in March" is a month,
    // and in upper case "TO SEND" is a verb, so there a strong cue is needed.
    if ((t.flags & kCommonWord) && !cue) return false;
    if ((t.cues & kMonth) && !CueBefore(i, kStrongPlaceCue, 2)) return false;
    if ((t.flags & kCommonWord) && t.upper_line && !comma_cue &&
        !CueBefore(i, kStrongPlaceCue, 2)) {
      const std::string_view pk = t.gap == Gap::kSpace ? Key(T(i - 1)) : std::string_view();
      bool ok = pk == "in" || pk == "at" || pk == "of";
      // "FROM GREAT YARMOUTH TO DISS"
      for (size_t k = 2; pk == "to" && !ok && k <= 6 && k <= i; ++k) {
        if (T(i - k + 1).gap >= Gap::kStop) break;
        ok = Key(T(i - k)) == "from";
      }
      if (!ok) return false;
    }
    if ((t.flags & (kGivenName | kSurname)) && !cue) score = 0.5;
  } else {
    // "Church End", "Long Lane": every word common, so a cue is needed.
    bool all_common = true;
    for (size_t k = 0; k < best; ++k)
      if (!(T(i + k).flags & kCommonWord) || !T(i + k).flags) all_common = false;
    // A country or city abroad in capitals is sure enough ("United Kingdom").
    if (all_common && !cue) {
      if (t.upper_line) return false;
      s.phrase.assign(Key(t));
      for (size_t k = 1; k < best; ++k) {
        s.phrase += ' ';
        s.phrase += Key(T(i + k));
      }
      if (!(gaz.Lookup(s.phrase) & kForeignPlace)) return false;
      // Not inside a longer name: "Erwetegem Country Club", "Unionville
      // (Orange) Country Club".
      if (i > 0 && ((t.gap == Gap::kSpace && Capitalised(T(i - 1)) &&
                     !(T(i - 1).flags & (kCommonWord | kNotName))) ||
                    (t.gap == Gap::kPunct && text[T(i - 1).end] == ')')))
        return false;
      if (i + best < N() && T(i + best).gap == Gap::kSpace && Capitalised(T(i + best)))
        return false;
    }
  }
  Emit(PiiType::kLocation, t.start, last.name_end, score, "place");
  next = i + best;
  return true;
}

// A word of an unknown proper noun in mixed case: capitalised (not an
// acronym), not a lower-case dictionary word, not in not_names, no month,
// title, street type, organisation suffix or role; not inside an e-mail
// address or an organisation already found. "I'm", "Don't": a contraction of
// a common word is common.
bool NameScan::ProperNounWord(const Token& w) const {
  if (w.upper_line || w.shape != Shape::kCap || w.covered || w.embedded) return false;
  if (w.key_len < 2 || (w.flags & (kCommonWord | kNotName))) return false;
  constexpr uint16_t kNo = kTitle | kMonth | kStreetType | kOrgSuffix | kRoleCue | kPersonCue |
                           kConnector | kPlaceCue | kNickCue | kOrgNoun;
  if (w.cues & kNo) return false;
  const std::string_view key = Key(w);
  const size_t apos = key.find('\'');
  if (apos != std::string_view::npos) {
    const std::string_view tail = key.substr(apos + 1);
    if (tail == "m" || tail == "s" || tail == "t" || tail == "d" || tail == "ll" || tail == "ve" ||
        tail == "re") {
      const std::string_view stem = key.substr(0, apos);
      if (stem == "i" || (gaz.Lookup(stem) & (kCommonWord | kNotName))) return false;
    }
  }
  return true;
}

// Token i starts a sentence, a line, or a quotation or bullet: its capital
// says nothing. Only spaces, commas and brackets may stand before it.
bool NameScan::SentenceStartAt(size_t i) const {
  if (i == 0) return true;
  const Token& t = T(i);
  if (t.gap == Gap::kBreak || t.gap == Gap::kStop) return true;
  if (t.gap == Gap::kSpace || t.gap == Gap::kAmp) return false;
  for (size_t p = T(i - 1).end; p < t.start; ++p) {
    const char c = text[p];
    if (c != ' ' && c != ',' && c != '(' && c != ')' && c != '\t') return true;
  }
  return false;
}

// The low-score fallback for names no list holds, in mixed case only: a run
// of capitalised words that are not dictionary words, not at the start of a
// sentence ("... said Zorbek", "met Anouk Vermeulen"): a person (0.3), or a
// place after "in", "at", "from", "to", "near". A run that a company word or
// a street type ends is skipped. Platforms and brands (Facebook, Snapchat)
// are in not_names.txt.
bool NameScan::TryProperNoun(size_t i, size_t& next) {
  const Token& t = T(i);
  // "Anna Berg from Rapid Cycle Solutions": capitalised words that a company
  // word ends, right after a person and "from", "of" or "at", are their
  // workplace, even when the words are common.
  if (i >= 2 && i - 1 == last_person_next_ && t.gap == Gap::kSpace && !t.upper_line &&
      t.shape == Shape::kCap && !t.covered && T(i - 1).gap == Gap::kSpace) {
    const std::string_view pk = Key(T(i - 1));
    if (pk == "from" || pk == "of" || pk == "at") {
      for (size_t e = i; e < N() && e < i + 4; ++e) {
        const Token& w = T(e);
        if ((e > i && w.gap != Gap::kSpace) || w.shape != Shape::kCap || w.covered ||
            w.name_end != w.end || (w.cues & (kTitle | kStreetType | kMonth)))
          break;
        if (e > i && ((w.cues & kOrgSuffix) || IsCompanyWord(Key(w)))) {
          Emit(PiiType::kOrganisation, t.start, w.end, 0.5, "organisation");
          next = e + 1;
          return true;
        }
      }
    }
  }
  if (!ProperNounWord(t) || SentenceStartAt(i)) return false;
  const size_t n = N();
  size_t end = i + 1;
  // The run, at most four words; a given name after the first starts a
  // person of its own (the person scan scores it better).
  while (end < n && end < i + 4 && T(end).gap == Gap::kSpace && ProperNounWord(T(end)) &&
         !(T(end).flags & kGivenName) && T(end - 1).name_end == T(end - 1).end)
    ++end;
  // "Barclays Bank", "Zorbek Solutions": a business, not personal data on its
  // own (a workplace next to a person is the organisation scan's); "Zorbek
  // Road": a street, the address recogniser's. Neither is reported.
  if (end < n && T(end).gap == Gap::kSpace && T(end).shape == Shape::kCap &&
      T(end - 1).name_end == T(end - 1).end) {
    const Token& x = T(end);
    if ((x.cues & (kOrgSuffix | kStreetType)) || IsCompanyWord(Key(x))) {
      next = end + 1;
      return true;
    }
  }
  PiiType type = PiiType::kPerson;
  const char* name = "proper_noun";
  if (type == PiiType::kPerson && t.gap == Gap::kSpace) {
    const Token& p = T(i - 1);
    const std::string_view pk = Key(p);
    if (p.shape == Shape::kLower &&
        (pk == "in" || pk == "at" || pk == "from" || pk == "to" || pk == "near"))
      type = PiiType::kLocation;
  }
  Emit(type, t.start, T(end - 1).name_end, 0.3, name);
  next = end;
  return true;
}

void NameScan::Run() {
  Tokenise();
  FindOrganisations();
  size_t i = 0;
  while (i < N()) {
    size_t next = i + 1;
    // The cheap tests first: most tokens follow no naming phrase and start no list.
    const Token& t = T(i);
    if (TryNickname(i, next) || (i > 0 && (T(i - 1).cues & kNameIntro) && TryNamed(i, next)) ||
        (t.shape == Shape::kCap && !t.upper_line && i + 2 < N() &&
         (T(i + 1).gap == Gap::kPunct || T(i + 1).gap == Gap::kAmp ||
          (T(i + 1).gap == Gap::kSpace && (T(i + 1).cues & kConnector))) &&
         TryNameList(i, next)) ||
        TryPerson(i, next) ||
        (t.lower_line && t.shape == Shape::kLower &&
         (TryLowerCaseList(i, next) || TryLowerCaseName(i, next))) ||
        (t.shape == Shape::kCap && (i == 0 || t.gap == Gap::kBreak) && TrySpeaker(i, next))) {
      last_person_next_ = std::max(next, i + 1);
      i = last_person_next_;
      continue;
    }
    if (TryPlace(i, next) || TryProperNoun(i, next)) {
      i = std::max(next, i + 1);
      continue;
    }
    ++i;
  }
}

namespace {

// The cue words, and the words never part of a name: the latter are the
// most frequent words of upper-case text, and this table is small enough to
// stay in cache where the gazetteer is not.
std::shared_ptr<const Gazetteer> MakeCueTable(const Gazetteer& gazetteer) {
  auto g = std::make_shared<Gazetteer>();
  for (const CueList& l : kCueLists) {
    Status st = g->AddList(l.words, "built-in cue words", l.flag);
    (void)st;  // the built-in lists are valid; the tests would fail on a bad one
  }
  std::string not_names;
  gazetteer.ForEachKey(kNotName, [&](std::string_view key) {
    not_names.append(key);
    not_names += '\n';
  });
  Status st = g->AddList(not_names, "not_names", kHotNotName);
  (void)st;  // keys already passed the gazetteer's checks
  return g;
}

}  // namespace

NameRecogniser::NameRecogniser(std::shared_ptr<const Gazetteer> gazetteer)
    : gazetteer_(std::move(gazetteer)), cues_(MakeCueTable(*gazetteer_)) {}

void NameRecogniser::Find(std::string_view text, std::vector<PiiFinding>& out) const {
  thread_local Scratch scratch;
  if (text.size() >= 0xFFFFFFF0u) return;
  NameScan scan{*gazetteer_, *cues_, text, scratch, out};
  scan.Run();
}

}  // namespace foidesk::privacy
