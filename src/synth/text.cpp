// Template rendering, the keyword test and the case and encoding helpers.
#include "synth/text.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "model/date.h"
#include "synth/london_time.h"
#include "synth/word_lists.h"

namespace foidesk::synth {
namespace {

struct MediumInfo {
  const char* word;    // "the {medium}"
  const char* phrase;  // "{IP} sent {mediump} of {himself}"
  bool keyword;
  bool filmed;
};

constexpr MediumInfo kMedia[kMediumCount] = {
    {"video", "a video", true, true},
    {"footage", "footage", false, true},
    {"recording", "a recording", false, true},
    {"clip", "a clip", false, true},
    {"images", "intimate images", false, false},
    {"image", "an intimate image", false, false},
    {"pictures", "intimate pictures", false, false},
    {"picture", "an intimate picture", false, false},
    {"photos", "intimate photos", true, false},
    {"photograph", "a naked photograph", true, false},
};

// Sextortion quotes stay free of the search words: they also fill the texts
// the force's search must miss.
constexpr const char* kQuotes[kQuotePoolCount][6] = {
    {"“you’ll regret this – I know where you live”",
     "“I’m going to smash your face in when I see you”", "“watch your back, your car’s next”",
     "“you’re a grass and everyone will know it”",
     "“meet me at the café on {street} or I’ll come round”",
     "“you think you’re safe – you’re not”"},
    {"“{amount} by Friday or your house burns – no more excuses”",
     "“pay what you owe or your kids will find out what happens”",
     "“I know where you work, I know where you live – pay up”",
     "“last chance – {amount} or I come to the café and sort you out”",
     "“you’ve got till the weekend – {amount}, cash”", "“don’t make me come round there”"},
    {"“pay {amount} now or I send it to all your friends – you have one hour”",
     "“I have recorded everything. Send the money or your family sees it”",
     "“don’t ignore me – I will ruin your life, pay {amount}”",
     "“your friends will enjoy the show – pay now”",
     "“I have your contacts list. {amount} or everyone sees it”",
     "“you have 30 minutes – pay or it goes out to everyone”"},
};

enum class Slot {
  kIP,
  kIp,
  kST,
  kSt,
  kOic,
  kOicCap,
  kHe,
  kHeCap,
  kHis,
  kHisCap,
  kHim,
  kHimself,
  kVname,
  kVfirst,
  kVsur,
  kSname,
  kSfirst,
  kWname,
  kOfficer,
  kAddr,
  kStreet,
  kTown,
  kPlace,
  kPc,
  kPhone,
  kPhone2,
  kEmail,
  kVhandle,
  kHandle2,
  kAlias,
  kPlatform,
  kCar,
  kVrm,
  kItem,
  kShop,
  kBike,
  kCountry,
  kAmount,
  kMtcn,
  kExhibit,
  kDate,
  kTime,
  kSdob,
  kVdob,
  kVage,
  kQuote,
  kMedium,
  kMediump,
  kTarget,
  kDemand,
  kFrame,
  kCrsno,
  kVillage,
  kWork,
  kSchool,
  kOcc,
  kIntl,
  kUrl,
  kIpaddr,
  kNi,
  kCrimeref,
  kVerb,
  kSortcode,
  kAccount,
  kPassport,
};

// Sorted by name for binary search.
constexpr std::pair<std::string_view, Slot> kSlots[] = {
    {"He", Slot::kHeCap},        {"His", Slot::kHisCap},
    {"IP", Slot::kIP},           {"OIC", Slot::kOicCap},
    {"ST", Slot::kST},           {"account", Slot::kAccount},
    {"addr", Slot::kAddr},
    {"alias", Slot::kAlias},     {"amount", Slot::kAmount},
    {"bike", Slot::kBike},       {"car", Slot::kCar},
    {"country", Slot::kCountry}, {"crimeref", Slot::kCrimeref},
    {"crsno", Slot::kCrsno},     {"date", Slot::kDate},
    {"demand", Slot::kDemand},   {"email", Slot::kEmail},
    {"exhibit", Slot::kExhibit}, {"frame", Slot::kFrame},
    {"handle2", Slot::kHandle2}, {"he", Slot::kHe},
    {"him", Slot::kHim},         {"himself", Slot::kHimself},
    {"his", Slot::kHis},         {"intl", Slot::kIntl},
    {"ip", Slot::kIp},           {"ipaddr", Slot::kIpaddr},
    {"item", Slot::kItem},       {"medium", Slot::kMedium},
    {"mediump", Slot::kMediump}, {"mtcn", Slot::kMtcn},
    {"ni", Slot::kNi},           {"occ", Slot::kOcc},
    {"officer", Slot::kOfficer}, {"oic", Slot::kOic},
    {"passport", Slot::kPassport},
    {"pc", Slot::kPc},           {"phone", Slot::kPhone},
    {"phone2", Slot::kPhone2},   {"place", Slot::kPlace},
    {"platform", Slot::kPlatform}, {"quote", Slot::kQuote},
    {"school", Slot::kSchool},   {"sdob", Slot::kSdob},
    {"sfirst", Slot::kSfirst},   {"shop", Slot::kShop},
    {"sname", Slot::kSname},     {"sortcode", Slot::kSortcode},
    {"st", Slot::kSt},
    {"street", Slot::kStreet},   {"target", Slot::kTarget},
    {"time", Slot::kTime},       {"town", Slot::kTown},
    {"url", Slot::kUrl},         {"vage", Slot::kVage},
    {"vdob", Slot::kVdob},       {"verb", Slot::kVerb},
    {"vfirst", Slot::kVfirst},   {"vhandle", Slot::kVhandle},
    {"village", Slot::kVillage}, {"vname", Slot::kVname},
    {"vrm", Slot::kVrm},         {"vsur", Slot::kVsur},
    {"wname", Slot::kWname},     {"work", Slot::kWork},
};
static_assert([] {
  for (size_t i = 1; i < std::size(kSlots); ++i)
    if (!(kSlots[i - 1].first < kSlots[i].first)) return false;
  return true;
}());

bool FindSlot(std::string_view name, Slot& slot) {
  auto it = std::lower_bound(std::begin(kSlots), std::end(kSlots), name,
                             [](const auto& e, std::string_view n) { return e.first < n; });
  if (it == std::end(kSlots) || it->first != name) return false;
  slot = it->second;
  return true;
}

const char* Given(int i, bool female) {
  return female ? kFemaleNames[i % CountOf(kFemaleNames)] : kMaleNames[i % CountOf(kMaleNames)];
}

// Lower-case ASCII form of a name for e-mail addresses and account names:
// accents dropped, punctuation skipped.
void AppendAsciiLower(std::string& out, std::string_view name) {
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c == 0xC3 && i + 1 < name.size()) {
      unsigned char d = static_cast<unsigned char>(name[++i]) | 0x20;  // lower case
      if (d >= 0xA0 && d <= 0xA5)
        out += 'a';
      else if (d == 0xA7)
        out += 'c';
      else if (d >= 0xA8 && d <= 0xAB)
        out += 'e';
      else if (d >= 0xAC && d <= 0xAF)
        out += 'i';
      else if (d >= 0xB2 && d <= 0xB6)
        out += 'o';
      else if (d >= 0xB9 && d <= 0xBC)
        out += 'u';
    }
  }
}

void AppendDigits(std::string& out, int64_t v, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, static_cast<size_t>(width));
}

void AppendVrm(const Facts& f, std::string& out) {
  static constexpr char kLetters[] = "ABCDEFGHJKLMNOPRSTUVWXY";  // no I, Q, Z
  constexpr int kN = sizeof kLetters - 1;
  out += kVrmAreas[f.vrm_area % CountOf(kVrmAreas)];
  AppendTwoDigits(out, f.vrm_age);
  if (f.vrm_letters % 7 != 0) out += ' ';  // typed without the space now and then
  int l = f.vrm_letters;
  for (int i = 0; i < 3; ++i) {
    out += kLetters[l % kN];
    l /= kN;
  }
}

void AppendEmail(const Facts& f, std::string& out) {
  const char* first = Given(f.v_first, f.v_female);
  const char* sur = kSurnames[f.v_sur];
  switch (f.email_style % 4) {
    case 0:
      AppendAsciiLower(out, first);
      out += '.';
      AppendAsciiLower(out, sur);
      break;
    case 1:
      AppendAsciiLower(out, first);
      AppendAsciiLower(out, sur);
      AppendInt(out, f.email_num);
      break;
    case 2:
      out += static_cast<char>(first[0] | 0x20);
      out += '.';
      AppendAsciiLower(out, sur);
      break;
    default:
      AppendAsciiLower(out, sur);
      out += '_';
      AppendAsciiLower(out, first);
      AppendInt(out, f.email_num);
      break;
  }
  out += '@';
  out += kEmailDomains[f.email_domain % CountOf(kEmailDomains)];
}

void AppendVictimHandle(const Facts& f, std::string& out) {
  const char* first = Given(f.v_first, f.v_female);
  const char* sur = kSurnames[f.v_sur];
  switch (f.vhandle_style % 4) {
    case 0:
      out += '@';
      AppendAsciiLower(out, first);
      out += '_';
      AppendAsciiLower(out, sur);
      AppendInt(out, f.vhandle_num);
      break;
    case 1:
      AppendAsciiLower(out, first);
      out += '.';
      AppendAsciiLower(out, sur);
      out += '.';
      AppendInt(out, f.vhandle_num);
      break;
    case 2:
      out += '@';
      AppendAsciiLower(out, first);
      AppendAsciiLower(out, sur);
      break;
    default:
      AppendAsciiLower(out, first);
      out += '_';
      AppendAsciiLower(out, sur);
      AppendInt(out, f.vhandle_num);
      break;
  }
}

void AppendPostcode(const Facts& f, std::string& out) {
  const Town& t = kTowns[f.town];
  out += t.postcode;
  if (std::string_view(t.postcode) == "NR") AppendInt(out, f.pc_district);
  if (f.pc_form != 1) out += ' ';  // form 1: typed without the space
  AppendInt(out, f.pc_sector);
  static constexpr char kUnit[] = "ABDEFGHJLNPQRSTUWXYZ";
  constexpr int kN = sizeof kUnit - 1;
  out += kUnit[f.pc_unit % kN];
  out += kUnit[(f.pc_unit / kN) % kN];
}

// ---- the personal-data forms -------------------------------------------------

const char* PlaceName(int place) {
  constexpr int kTownCount = static_cast<int>(CountOf(kTowns));
  return place < kTownCount ? kTowns[place].name
                            : kVillages[static_cast<size_t>(place - kTownCount) % CountOf(kVillages)];
}

// Mr, Mrs, Miss, Ms or Dr, chosen by the person's name indices.
const char* Title(bool female, int a, int b) {
  if ((a + 3 * b) % 23 == 0) return "Dr";
  if (!female) return "Mr";
  static constexpr const char* kFemale[] = {"Mrs", "Miss", "Ms"};
  return kFemale[(a + b) % 3];
}

void AppendOrdinalDay(std::string& out, int day) {
  AppendInt(out, day);
  const int teen = day % 100;
  out += (teen >= 11 && teen <= 13) ? "th"
         : day % 10 == 1            ? "st"
         : day % 10 == 2            ? "nd"
         : day % 10 == 3            ? "rd"
                                    : "th";
}

// A date the way an officer types it: 14/06/2015, 14/06/15, 14.06.2015,
// 14th June 2015, 14 June 2015, 14 Jun 2015, 4/6/2015.
void AppendDateForm(std::string& out, int64_t day, int form) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};
  const Date d = Date::FromDaysSinceEpoch(day);
  switch (form) {
    case 1:
      AppendTwoDigits(out, d.day);
      out += '/';
      AppendTwoDigits(out, d.month);
      out += '/';
      AppendTwoDigits(out, d.year % 100);
      break;
    case 2:
      AppendTwoDigits(out, d.day);
      out += '.';
      AppendTwoDigits(out, d.month);
      out += '.';
      AppendInt(out, d.year);
      break;
    case 3:
      AppendOrdinalDay(out, d.day);
      out += ' ';
      out += kMonths[d.month - 1];
      out += ' ';
      AppendInt(out, d.year);
      break;
    case 4:
    case 5:
      AppendInt(out, d.day);
      out += ' ';
      out.append(kMonths[d.month - 1], form == 5 ? 3 : std::strlen(kMonths[d.month - 1]));
      out += ' ';
      AppendInt(out, d.year);
      break;
    case 6:
      AppendInt(out, d.day);
      out += '/';
      AppendInt(out, d.month);
      out += '/';
      AppendInt(out, d.year);
      break;
    default:
      AppendCrsDate(out, day);
  }
}

// A UK mobile: 07700 900123, 07700900123, 07700 900 123, +44 7700 900123,
// +447700900123, +44 (0)7700 900123, 0044 7700 900123, 07700-900123.
void AppendMobile(const Facts& f, std::string& out) {
  int a = f.mobile_a;
  if (a / 100 == 6) a += 100;  // 076 is pagers, not mobiles
  std::string head = "7", tail;
  AppendDigits(head, a, 3);                  // "7abc" (the 4 digits after 0)
  AppendDigits(tail, f.mobile_b, 6);         // "xxxxxx"
  switch (f.phone_form) {
    case 1:
      out += '0' + head + tail;
      break;
    case 2:
      out += '0' + head + ' ' + tail.substr(0, 3) + ' ' + tail.substr(3);
      break;
    case 3:
      out += "+44 " + head + ' ' + tail;
      break;
    case 4:
      out += "+44" + head + tail;
      break;
    case 5:
      out += "+44 (0)" + head + ' ' + tail;
      break;
    case 6:
      out += "0044 " + head + ' ' + tail;
      break;
    case 7:
      out += '0' + head + '-' + tail;
      break;
    default:
      out += '0' + head + ' ' + tail;
  }
}

// A landline of the town: 01603 123456, (01603) 123456, 01603-123456,
// 01603 123 456, 01603123456, +44 1603 123456.
void AppendLandline(const Facts& f, std::string& out) {
  const std::string_view dial = kTowns[f.town].dial;
  std::string local;
  AppendDigits(local, f.landline, 6);
  switch (f.phone2_form) {
    case 1:
      out += '(';
      out += dial;
      out += ") " + local;
      break;
    case 2:
      out += dial;
      out += '-' + local;
      break;
    case 3:
      out += dial;
      out += ' ' + local.substr(0, 3) + ' ' + local.substr(3);
      break;
    case 4:
      out += dial;
      out += local;
      break;
    case 5:
      out += "+44 ";
      out += dial.substr(1);
      out += ' ' + local;
      break;
    default:
      out += dial;
      out += ' ' + local;
  }
}

// The offender's number abroad, in the country of {country}:
// +234 803 123 4567, 00234 803 123 4567 or +2348031234567.
void AppendIntl(const Facts& f, std::string& out) {
  const IntlNumber& n = kIntlNumbers[static_cast<size_t>(f.country) % CountOf(kIntlNumbers)];
  std::string rest;
  AppendDigits(rest, f.intl_digits, n.rest);
  const char* prefix = n.prefixes[f.intl_prefix % 4];
  const std::string grouped = rest.substr(0, 3) + ' ' + rest.substr(3);
  switch (f.intl_form) {
    case 1:
      out += "00";
      out += n.code;
      out += ' ';
      out += prefix;
      out += ' ' + grouped;
      break;
    case 2:
      out += '+';
      out += n.code;
      out += prefix;
      out += rest;
      break;
    default:
      out += '+';
      out += n.code;
      out += ' ';
      out += prefix;
      out += ' ' + grouped;
  }
}

// A victim's page: facebook.com/amy.thomas.48, www.facebook.com/amythomas,
// https://www.facebook.com/profile.php?id=100004..., instagram.com/amy_thomas48,
// https://twitter.com/amythomas48, or a short link http://bit.ly/4kq2Zt.
void AppendUrl(const Facts& f, std::string& out) {
  const char* first = Given(f.v_first, f.v_female);
  const char* sur = kSurnames[f.v_sur];
  switch (f.url_style) {
    case 1:
      out += "www.facebook.com/";
      AppendAsciiLower(out, first);
      AppendAsciiLower(out, sur);
      break;
    case 2:
      out += "https://www.facebook.com/profile.php?id=1000";
      AppendDigits(out, f.url_id % 100000000000LL, 11);
      break;
    case 3:
      out += "instagram.com/";
      AppendAsciiLower(out, first);
      out += '_';
      AppendAsciiLower(out, sur);
      AppendInt(out, f.email_num);
      break;
    case 4:
      out += "https://twitter.com/";
      AppendAsciiLower(out, first);
      AppendAsciiLower(out, sur);
      AppendInt(out, f.email_num);
      break;
    case 5: {
      // A digit first, so no slug starts with a search word ("web", "photo").
      static constexpr char kAlnum[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      constexpr int64_t kN = sizeof kAlnum - 1;
      out += "http://bit.ly/";
      int64_t id = f.url_id;
      out += static_cast<char>('2' + id % 8);
      id /= 8;
      for (int i = 0; i < 5; ++i, id /= kN) out += kAlnum[id % kN];
      break;
    }
    default:
      out += "facebook.com/";
      AppendAsciiLower(out, first);
      out += '.';
      AppendAsciiLower(out, sur);
      out += '.';
      AppendInt(out, f.email_num);
  }
}

void AppendIpAddress(const Facts& f, std::string& out) {
  if (f.ipv6) {
    static constexpr const char* kPrefixes[] = {"2a00:23c4", "2a02:c7f", "2a01:4b00", "2a02:8010"};
    static constexpr char kHex[] = "0123456789abcdef";
    out += kPrefixes[f.ipv4 % 4];
    uint64_t v = f.ipv6_low;
    for (int g = 0; g < 6; ++g) {
      out += ':';
      const unsigned group = static_cast<unsigned>(v & 0xFFFF) | 0x1000u;  // four digits
      v >>= 11;
      for (int k = 3; k >= 0; --k) out += kHex[(group >> (4 * k)) & 15];
    }
    return;
  }
  static constexpr int kFirst[] = {86, 81, 82, 109, 2, 31, 92, 5, 90, 151, 94, 213};
  AppendInt(out, kFirst[(f.ipv4 >> 24) % std::size(kFirst)]);
  out += '.';
  AppendInt(out, (f.ipv4 >> 16) & 255);
  out += '.';
  AppendInt(out, (f.ipv4 >> 8) & 255);
  out += '.';
  AppendInt(out, 1 + (f.ipv4 & 255) % 254);
}

// NI numbers with a prefix HMRC issues: AB 12 34 56 C, AB123456C, AB 123456 C.
void AppendNiNumber(const Facts& f, std::string& out) {
  static const std::vector<std::string> kPrefixes = [] {
    std::vector<std::string> v;
    for (char a : std::string_view("ABCEGHJKLMNOPRSTWXYZ"))
      for (char b : std::string_view("ABCEGHJKLMNPRSTWXYZ")) {
        const std::string p{a, b};
        if (p != "BG" && p != "GB" && p != "NK" && p != "KN" && p != "TN" && p != "NT" &&
            p != "ZZ")
          v.push_back(p);
      }
    return v;
  }();
  std::string digits;
  AppendDigits(digits, f.ni_digits, 6);
  const char suffix = static_cast<char>('A' + f.ni_suffix % 4);
  out += kPrefixes[static_cast<size_t>(f.ni_letters) % kPrefixes.size()];
  switch (f.ni_form) {
    case 1:
      out += digits;
      out += suffix;
      break;
    case 2:
      out += ' ' + digits + ' ';
      out += suffix;
      break;
    default:
      out += ' ' + digits.substr(0, 2) + ' ' + digits.substr(2, 2) + ' ' + digits.substr(4) + ' ';
      out += suffix;
  }
}

// Another crime: C1/01234/13, the bare 01234/13, or RMS-15-0001234 (only
// once the current system exists).
void AppendCrimeRef(const Facts& f, std::string& out) {
  static constexpr const char* kDivisions[] = {"C1", "C2", "E1", "N1", "S1", "W1"};
  std::string seq;
  if (f.ref_form == 2 && f.ref_year >= 15) {
    out += "RMS-";
    AppendTwoDigits(out, f.ref_year);
    out += '-';
    AppendDigits(out, f.ref_seq, 7);
    return;
  }
  if (f.ref_form != 1) {
    out += kDivisions[f.ref_division % 6];
    out += '/';
  }
  AppendDigits(out, f.ref_seq % 100000, 5);
  out += '/';
  AppendTwoDigits(out, f.ref_year);
}

bool IsTokenByte(const std::string_view s, size_t i, size_t& len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  len = 1;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  if (c < 0x80) return false;
  // Multi-byte: Latin-1 letters (U+00C0..U+00FF bar the two signs) are word
  // characters; everything else here (quotes, dashes, the pound sign) splits.
  if ((c & 0xE0) == 0xC0)
    len = 2;
  else if ((c & 0xF0) == 0xE0)
    len = 3;
  else if ((c & 0xF8) == 0xF0)
    len = 4;
  if (i + len > s.size()) len = s.size() - i;
  if (c == 0xC3 && len == 2) {
    const unsigned char d = static_cast<unsigned char>(s[i + 1]);
    return d != 0x97 && d != 0xB7;
  }
  return false;
}

bool TokenMatches(std::string_view token) {
  auto lower_prefix = [&](std::string_view word) {
    if (token.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
      if ((token[i] | 0x20) != word[i]) return false;
    return true;
  };
  if (token.size() == 5 && lower_prefix("video")) return true;
  return lower_prefix("web") || lower_prefix("photo");
}

}  // namespace

const char* PiiKindName(PiiKind kind) {
  static constexpr const char* kNames[kPiiKindCount] = {
      "person",    "location",  "address",              "postcode",  "phone",
      "email",     "url",       "handle",               "ip_address", "vehicle_registration",
      "ni_number", "date",      "date_of_birth",        "crime_number", "organisation",
      "financial", "id_number"};
  return kNames[static_cast<int>(kind)];
}

bool MediumHasKeyword(int m) { return kMedia[m].keyword; }
bool MediumIsFilmed(int m) { return kMedia[m].filmed; }
const char* MediumWord(int m) { return kMedia[m].word; }

void FillFacts(Rng& rng, int town, int64_t event_minute, Facts& f) {
  f.v_female = rng.Percent(50);
  f.v_first = static_cast<int>(rng.Below(f.v_female ? CountOf(kFemaleNames) : CountOf(kMaleNames)));
  f.v_first2 = rng.Percent(20) ? static_cast<int>(rng.Below(CountOf(kMaleNames))) : -1;
  f.v_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.s_female = rng.Percent(15);
  f.s_first = static_cast<int>(rng.Below(CountOf(kMaleNames)));
  f.s_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.s_dob_days = DayOf(event_minute) - rng.Range(16 * 365, 55 * 365);
  f.w_female = rng.Percent(50);
  f.w_first = static_cast<int>(rng.Below(CountOf(kMaleNames)));
  f.w_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.o_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.o_collar = rng.Int(100, 1999);
  f.alias = static_cast<int>(rng.Below(CountOf(kFemaleNames)));
  f.town = town;
  f.place = static_cast<int>(rng.Below(CountOf(kTowns) + CountOf(kVillages)));
  f.street = static_cast<int>(rng.Below(CountOf(kStreets)));
  f.house = rng.Percent(80) ? rng.Int(1, 140) : rng.Int(1, 12) * 10 + 1;
  f.pc_district = rng.Int(1, 7);
  f.pc_sector = rng.Int(1, 9);
  f.pc_unit = static_cast<int>(rng.Below(400));
  f.mobile_a = rng.Int(100, 999);
  f.mobile_b = rng.Int(0, 999999);
  f.landline = rng.Int(200000, 899999);
  f.email_style = rng.Int(0, 3);
  f.email_domain = static_cast<int>(rng.Below(CountOf(kEmailDomains)));
  f.email_num = rng.Int(1, 99);
  f.vhandle_style = rng.Int(0, 2);
  f.vhandle_num = rng.Int(1, 99);
  f.handle2_style = rng.Int(0, 6);
  f.handle2_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.handle2_num = rng.Int(1, 99);
  f.platform = static_cast<int>(rng.Below(CountOf(kPlatforms)));
  f.car = static_cast<int>(rng.Below(CountOf(kCars)));
  f.item = static_cast<int>(rng.Below(CountOf(kItems)));
  f.shop = static_cast<int>(rng.Below(CountOf(kShops)));
  f.bike = static_cast<int>(rng.Below(CountOf(kBikes)));
  f.country = static_cast<int>(rng.Below(CountOf(kCountries)));
  f.vrm_area = static_cast<int>(rng.Below(CountOf(kVrmAreas)));
  f.vrm_age = rng.Percent(50) ? rng.Int(51, 65) : rng.Int(2, 15);
  f.vrm_letters = static_cast<int>(rng.Below(23 * 23 * 23));
  f.amount = rng.Percent(70) ? rng.Int(2, 50) * 50 : rng.Int(6, 60) * 100;
  f.frame = rng.Int(1000000, 9999999);
  f.mtcn = rng.Range(1000000000LL, 9999999999LL);
  f.event_minute = event_minute;
  f.quote_pool = kQuoteGeneral;
  f.quote = rng.Int(0, 5);
  // How people, places, numbers and dates are written.
  static constexpr int kVictimForms[] = {55, 15, 8, 8, 6, 8};
  static constexpr int kSuspectForms[] = {60, 8, 5, 10, 7, 10};
  static constexpr int kWitnessForms[] = {80, 10, 10};
  static constexpr int kRanks[] = {60, 15, 10, 10, 5};
  static constexpr int kAddrForms[] = {72, 10, 5, 5, 8};
  static constexpr int kPostcodeForms[] = {85, 10, 5};
  static constexpr int kMobileForms[] = {45, 20, 10, 8, 5, 5, 3, 4};
  static constexpr int kLandlineForms[] = {55, 12, 8, 10, 10, 5};
  static constexpr int kIntlForms[] = {70, 15, 15};
  static constexpr int kUrlStyles[] = {30, 20, 15, 15, 10, 10};
  static constexpr int kNiForms[] = {55, 35, 10};
  static constexpr int kRefForms[] = {70, 15, 15};
  static constexpr int kDateForms[] = {55, 12, 5, 10, 8, 5, 5};
  static constexpr int kDobForms[] = {60, 10, 8, 8, 8, 3, 3};
  f.v_form = rng.Weighted(kVictimForms);
  f.s_form = rng.Weighted(kSuspectForms);
  f.w_form = rng.Weighted(kWitnessForms);
  f.s_nick = static_cast<int>(rng.Below(CountOf(kNicknames)));
  f.o_rank = rng.Weighted(kRanks);
  f.village = static_cast<int>(rng.Below(CountOf(kVillages)));
  f.addr_form = rng.Weighted(kAddrForms);
  f.flat = rng.Int(1, 12);
  f.house_name = static_cast<int>(rng.Below(CountOf(kHouseNames)));
  f.pc_form = rng.Weighted(kPostcodeForms);
  f.school = static_cast<int>(rng.Below(CountOf(kSchools)));
  f.work = static_cast<int>(rng.Below(CountOf(kWorkplaces)));
  f.phone_form = rng.Weighted(kMobileForms);
  f.phone2_form = rng.Weighted(kLandlineForms);
  f.intl_prefix = rng.Int(0, 3);
  f.intl_form = rng.Weighted(kIntlForms);
  f.intl_digits = rng.Range(1000000, 9999999);
  f.url_style = rng.Weighted(kUrlStyles);
  f.url_id = rng.Range(0, 999999999999LL);
  f.ipv4 = static_cast<uint32_t>(rng.Next());
  f.ipv6 = rng.Percent(15);
  f.ipv6_low = rng.Next();
  f.ni_letters = rng.Int(0, 999);
  f.ni_digits = rng.Int(0, 999999);
  f.ni_suffix = rng.Int(0, 3);
  f.ni_form = rng.Weighted(kNiForms);
  const int event_year = Date::FromDaysSinceEpoch(DayOf(event_minute)).year;
  f.ref_division = rng.Int(0, 5);
  f.ref_form = rng.Weighted(kRefForms);
  f.ref_year = std::max(10, event_year % 100 - rng.Int(0, 2));
  f.ref_seq = f.ref_form == 2 && f.ref_year >= 15 ? rng.Int(1, 60000) : rng.Int(1, 9999);
  f.date_form = rng.Weighted(kDateForms);
  f.dob_form = rng.Weighted(kDobForms);
  // A date of birth for texts that name one whatever the victim kind; a
  // person victim's own (SetPersonVictim, FillBlackmail) replaces it.
  f.v_dob_days = DayOf(event_minute) - rng.Range(18 * 365, 70 * 365);
  static constexpr int kBanks[] = {20, 30, 40, 60, 77, 83, 9, 11, 23, 16};
  f.sort_code = rng.Pick(kBanks) * 10000 + rng.Int(0, 9999);
  f.account = rng.Int(10000000, 99999999);
}

void AppendVictimForenames(const Facts& f, std::string& out) {
  out += Given(f.v_first, f.v_female);
  if (f.v_first2 >= 0) {
    out += ' ';
    out += Given(f.v_first2, f.v_female);
  }
}

const char* VictimSurname(const Facts& f) { return kSurnames[f.v_sur]; }
const char* SuspectForename(const Facts& f) { return Given(f.s_first, f.s_female); }
const char* SuspectSurname(const Facts& f) { return kSurnames[f.s_sur]; }

void AppendOnlineId(const Facts& f, std::string& out) {
  const char* alias = kFemaleNames[f.alias % CountOf(kFemaleNames)];
  const char* sur = kSurnames[f.handle2_sur];
  switch (f.handle2_style % 7) {
    case 0:
      AppendAsciiLower(out, alias);
      out += ".x.love";
      break;
    case 1:
      out += "hot_";
      AppendAsciiLower(out, alias);
      out += '_';
      AppendInt(out, f.handle2_num);
      break;
    case 2:
      AppendAsciiLower(out, alias);
      AppendAsciiLower(out, sur);
      AppendInt(out, f.handle2_num);
      break;
    case 3:
      out += "miss.";
      AppendAsciiLower(out, alias);
      AppendInt(out, f.handle2_num);
      break;
    case 4:
      AppendAsciiLower(out, alias);
      out += "_cute_";
      AppendInt(out, f.handle2_num);
      break;
    case 5:
      out += 'x';
      AppendAsciiLower(out, alias);
      out += 'x';
      AppendInt(out, f.handle2_num);
      break;
    default:
      AppendAsciiLower(out, alias);
      out += '.';
      AppendAsciiLower(out, sur);
      out += '.';
      AppendInt(out, f.handle2_num);
      break;
  }
}

void Render(std::string_view tpl, const Facts& f, Style style, std::string& out,
            std::vector<PlantedSpan>* planted) {
  const bool crs = style == Style::kCrs;
  // Appends `text` and records it as one item of `kind`.
  auto item = [&](PiiKind kind, std::string_view text) {
    const size_t at = out.size();
    out.append(text);
    if (planted) planted->push_back({kind, at, out.size()});
  };
  // Records what was appended since `at` as one item of `kind`.
  auto mark = [&](PiiKind kind, size_t at) {
    if (planted && out.size() > at) planted->push_back({kind, at, out.size()});
  };
  auto person = [&](std::string_view text) { item(PiiKind::kPerson, text); };
  // A person's name in one of the forms a record uses. `form` is
  // 0 full, 1 title and full, 2 title and surname, 3 initial and surname,
  // 4 title, initial and surname, 5 legacy "SURNAME, Forenames",
  // 6 "Forenames Surname (known as Nick)", 7 "Forename 'Nick' Surname",
  // 8 legacy custody style "SURNAME Forenames".
  auto name = [&](int form, bool female, std::string_view first, std::string_view middle,
                  std::string_view sur, const char* nick, int a, int b) {
    if ((form == 5 || form == 8) && !crs) form = 0;  // only the legacy system writes these
    if (form == 1 || form == 2 || form == 4) {
      out += Title(female, a, b);
      out += ' ';
    }
    switch (form) {
      case 2:
        person(sur);
        return;
      case 3:
      case 4: {
        std::string initial(first.substr(0, 1));
        if (!crs) initial += '.';
        initial += ' ';
        initial += sur;
        person(initial);
        return;
      }
      case 5: {
        person(sur);
        out += ", ";
        std::string given(first);
        if (!middle.empty()) given += ' ' + std::string(middle);
        person(given);
        return;
      }
      case 7:
        person(first);
        out += " '";
        person(nick);
        out += "' ";
        person(sur);
        return;
      case 8: {
        std::string full(sur);
        full += ' ';
        full += first;
        person(full);
        return;
      }
      default: {
        std::string full(first);
        if (!middle.empty()) full += ' ' + std::string(middle);
        full += ' ';
        full += sur;
        person(full);
        if (form == 6) {
          out += crs ? " (AKA " : " (known as ";
          person(nick);
          out += ')';
        }
      }
    }
  };
  // An organisation after "the" is named without it.
  auto organisation = [&](std::string_view org) {
    if (org.starts_with("the ")) {
      out += "the ";
      org.remove_prefix(4);
    }
    item(PiiKind::kOrganisation, org);
  };
  size_t pos = 0;
  while (pos < tpl.size()) {
    size_t open = tpl.find('{', pos);
    size_t close = open == std::string_view::npos ? open : tpl.find('}', open);
    Slot slot;
    if (open == std::string_view::npos || close == std::string_view::npos ||
        !FindSlot(tpl.substr(open + 1, close - open - 1), slot)) {
      // Literal text up to (and, for a non-slot brace, including) the brace.
      const size_t end = open == std::string_view::npos ? tpl.size() : open + 1;
      const size_t from = out.size();
      out.append(tpl.substr(pos, end - pos));
      if (crs) UpperInPlace(out, from);
      pos = end;
      continue;
    }
    if (open > pos) {
      const size_t from = out.size();
      out.append(tpl.substr(pos, open - pos));
      if (crs) UpperInPlace(out, from);
    }
    pos = close + 1;
    const size_t from = out.size();
    const bool fem = f.v_female;
    switch (slot) {
      case Slot::kIP:
        out += crs ? "IP" : "The victim";
        break;
      case Slot::kIp:
        out += crs ? "IP" : "the victim";
        break;
      case Slot::kST:
        out += crs ? "S/T" : "The suspect";
        break;
      case Slot::kSt:
        out += crs ? "S/T" : "the suspect";
        break;
      case Slot::kOic:
        out += crs ? "OIC" : "the OIC";
        break;
      case Slot::kOicCap:
        out += crs ? "OIC" : "The OIC";
        break;
      case Slot::kHe:
        out += fem ? "she" : "he";
        break;
      case Slot::kHeCap:
        out += fem ? "She" : "He";
        break;
      case Slot::kHis:
        out += fem ? "her" : "his";
        break;
      case Slot::kHisCap:
        out += fem ? "Her" : "His";
        break;
      case Slot::kHim:
        out += fem ? "her" : "him";
        break;
      case Slot::kHimself:
        out += fem ? "herself" : "himself";
        break;
      case Slot::kVname:
        name(f.v_form, f.v_female, Given(f.v_first, f.v_female),
             f.v_first2 >= 0 ? Given(f.v_first2, f.v_female) : "", kSurnames[f.v_sur], "",
             f.v_first, f.v_sur);
        break;
      case Slot::kVfirst:
        person(Given(f.v_first, f.v_female));
        break;
      case Slot::kVsur:
        person(kSurnames[f.v_sur]);
        break;
      case Slot::kSname:
        name(f.s_form == 4 ? 2 : f.s_form == 5 ? 8 : f.s_form == 1 ? 6 : f.s_form == 2 ? 7
                                                                          : f.s_form,
             f.s_female, Given(f.s_first, f.s_female), "", kSurnames[f.s_sur],
             kNicknames[static_cast<size_t>(f.s_nick) % CountOf(kNicknames)], f.s_first, f.s_sur);
        break;
      case Slot::kSfirst:
        person(Given(f.s_first, f.s_female));
        break;
      case Slot::kWname:
        name(f.w_form == 1 ? 2 : f.w_form == 2 ? 3 : 0, f.w_female, Given(f.w_first, f.w_female),
             "", kSurnames[f.w_sur], "", f.w_first, f.w_sur);
        break;
      case Slot::kOfficer: {
        static constexpr const char* kRanks[] = {"PC", "DC", "PCSO", "Sgt", "WPC"};
        out += kRanks[f.o_rank % 5];
        out += ' ';
        AppendInt(out, f.o_rank == 2 ? 7000 + f.o_collar : f.o_collar);
        out += ' ';
        person(kSurnames[f.o_sur]);
        break;
      }
      case Slot::kAddr: {
        const size_t at = out.size();
        switch (f.addr_form) {
          case 1:
            out += "Flat ";
            AppendInt(out, f.flat);
            out += ", ";
            AppendInt(out, f.house);
            break;
          case 2:
            AppendInt(out, f.house);
            out += static_cast<char>('a' + f.flat % 3);
            break;
          case 3:
            out += kHouseNames[static_cast<size_t>(f.house_name) % CountOf(kHouseNames)];
            out += ',';
            break;
          default:
            AppendInt(out, f.house);
        }
        out += ' ';
        out += kStreets[f.street];
        mark(PiiKind::kAddress, at);
        out += ", ";
        item(PiiKind::kLocation, f.addr_form == 4 ? kVillages[static_cast<size_t>(f.village) %
                                                              CountOf(kVillages)]
                                                  : kTowns[f.town].name);
        break;
      }
      case Slot::kStreet:
        item(PiiKind::kAddress, kStreets[f.street]);
        break;
      case Slot::kTown:
        item(PiiKind::kLocation, kTowns[f.town].name);
        break;
      case Slot::kPlace:
        item(PiiKind::kLocation, PlaceName(f.place));
        break;
      case Slot::kVillage:
        item(PiiKind::kLocation, kVillages[static_cast<size_t>(f.village) % CountOf(kVillages)]);
        break;
      case Slot::kPc:
        AppendPostcode(f, out);
        if (f.pc_form == 2) {
          for (size_t i = from; i < out.size(); ++i)
            if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] + 32);
        }
        mark(PiiKind::kPostcode, from);
        break;
      case Slot::kPhone:
        AppendMobile(f, out);
        mark(PiiKind::kPhone, from);
        break;
      case Slot::kPhone2:
        AppendLandline(f, out);
        mark(PiiKind::kPhone, from);
        break;
      case Slot::kIntl:
        AppendIntl(f, out);
        mark(PiiKind::kPhone, from);
        break;
      case Slot::kEmail:
        AppendEmail(f, out);
        mark(PiiKind::kEmail, from);
        break;
      case Slot::kVhandle:
        AppendVictimHandle(f, out);
        mark(PiiKind::kHandle, from);
        break;
      case Slot::kHandle2:
        AppendOnlineId(f, out);
        mark(PiiKind::kHandle, from);
        break;
      case Slot::kUrl:
        AppendUrl(f, out);
        mark(PiiKind::kUrl, from);
        break;
      case Slot::kIpaddr:
        AppendIpAddress(f, out);
        mark(PiiKind::kIpAddress, from);
        break;
      case Slot::kNi:
        AppendNiNumber(f, out);
        mark(PiiKind::kNiNumber, from);
        break;
      case Slot::kCrimeref:
        AppendCrimeRef(f, out);
        mark(PiiKind::kCrimeNumber, from);
        break;
      case Slot::kAlias:
        person(kFemaleNames[f.alias % CountOf(kFemaleNames)]);
        break;
      case Slot::kPlatform:
        out += kPlatforms[f.platform];
        break;
      case Slot::kCar:
        out += kCars[f.car];
        break;
      case Slot::kVrm:
        AppendVrm(f, out);
        mark(PiiKind::kVehicleRegistration, from);
        break;
      case Slot::kItem:
        out += kItems[f.item];
        break;
      case Slot::kShop:
        out += kShops[f.shop];
        break;
      case Slot::kWork:
        organisation(kWorkplaces[static_cast<size_t>(f.work) % CountOf(kWorkplaces)]);
        break;
      case Slot::kSchool:
        organisation(kSchools[static_cast<size_t>(f.school) % CountOf(kSchools)]);
        break;
      case Slot::kOcc: {
        // What the victim does, by age: a pupil, a student or an employee.
        constexpr size_t kColleges = 6;  // the last entries of kSchools
        constexpr size_t kPlainSchools = CountOf(kSchools) - kColleges;
        const size_t k = static_cast<size_t>(f.school);
        if (f.v_age > 0 && f.v_age < 17) {
          out += "a pupil at ";
          organisation(kSchools[k % kPlainSchools]);
        } else if (f.v_age >= 17 && f.v_age <= 21) {
          out += "a student at ";
          organisation(kSchools[kPlainSchools + k % kColleges]);
        } else {
          out += f.work % 2 ? "employed by " : "an employee of ";
          organisation(kWorkplaces[static_cast<size_t>(f.work) % CountOf(kWorkplaces)]);
        }
        break;
      }
      case Slot::kBike:
        out += kBikes[f.bike];
        break;
      case Slot::kCountry:
        out += kCountries[f.country];
        break;
      case Slot::kAmount:
        out += "£";
        AppendInt(out, f.amount);
        break;
      case Slot::kMtcn:
        AppendDigits(out, f.mtcn, 10);
        break;
      case Slot::kExhibit:
        out += kSurnames[f.o_sur][0];
        out += "PC/";
        AppendInt(out, f.o_collar % 17 + 1);
        break;
      case Slot::kDate:
        AppendDateForm(out, DayOf(f.event_minute), f.date_form);
        mark(PiiKind::kDate, from);
        break;
      case Slot::kTime:
        AppendClock(out, f.event_minute);
        break;
      case Slot::kSdob:
        AppendDateForm(out, f.s_dob_days, f.dob_form);
        mark(PiiKind::kDateOfBirth, from);
        break;
      case Slot::kVdob:
        AppendDateForm(out, f.v_dob_days, f.dob_form);
        mark(PiiKind::kDateOfBirth, from);
        break;
      case Slot::kVage:
        AppendInt(out, f.v_age);
        break;
      case Slot::kQuote:
        // Reported words keep their own case in both systems.
        Render(kQuotes[f.quote_pool][f.quote % 6], f, Style::kRms, out, planted);
        continue;
      case Slot::kMedium:
        out += kMedia[f.medium].word;
        if (f.medium2 >= 0) {
          out += " and the ";
          out += kMedia[f.medium2].word;
        }
        break;
      case Slot::kMediump:
        out += kMedia[f.medium].phrase;
        if (f.medium2 >= 0) {
          out += " and ";
          out += kMedia[f.medium2].phrase;
        }
        break;
      case Slot::kVerb:
        Render(f.verb, f, style, out, planted);
        continue;
      case Slot::kTarget:
        Render(f.target, f, style, out, planted);
        continue;
      case Slot::kDemand:
        Render(f.demand, f, style, out, planted);
        continue;
      case Slot::kFrame:
        out += "GB";
        AppendInt(out, f.frame);
        break;
      case Slot::kCrsno:
        item(PiiKind::kCrimeNumber, f.crs_no);
        break;
      case Slot::kSortcode:
        AppendDigits(out, f.sort_code / 10000, 2);
        out += '-';
        AppendDigits(out, f.sort_code / 100 % 100, 2);
        out += '-';
        AppendDigits(out, f.sort_code % 100, 2);
        mark(PiiKind::kFinancial, from);
        break;
      case Slot::kAccount:
        AppendDigits(out, f.account, 8);
        mark(PiiKind::kFinancial, from);
        break;
      case Slot::kPassport:
        // Nine digits, as a UK passport number, made from the record's other
        // numbers so that the random stream (and every other text) stays as it was.
        AppendDigits(out, 100000000 + (f.account * 31LL + f.ni_digits) % 900000000, 9);
        mark(PiiKind::kIdNumber, from);
        break;
    }
    if (crs) UpperInPlace(out, from);
  }
}

bool HasSearchKeyword(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t len;
    if (!IsTokenByte(s, i, len)) {
      i += len;
      continue;
    }
    const size_t start = i;
    while (i < s.size() && IsTokenByte(s, i, len)) i += len;
    if (TokenMatches(s.substr(start, i - start))) return true;
  }
  return false;
}

void UpperInPlace(std::string& out, size_t from) {
  for (size_t i = from; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'a' && c <= 'z') {
      out[i] = static_cast<char>(c - 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0xA0 && d <= 0xBE && d != 0xB7) out[i + 1] = static_cast<char>(d - 0x20);
      ++i;
    }
  }
}

void AppendCp1252(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    uint32_t cp = 0;
    size_t len = 1;
    if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
    }
    i += len - 1;
    if (cp >= 0xA0 && cp <= 0xFF) {
      out += static_cast<char>(cp);
      continue;
    }
    switch (cp) {
      case 0x20AC:
        out += '\x80';
        break;  // euro sign
      case 0x2013:
        out += '\x96';
        break;  // en dash
      case 0x2014:
        out += '\x97';
        break;  // em dash
      case 0x2018:
        out += '\x91';
        break;
      case 0x2019:
        out += '\x92';
        break;
      case 0x201C:
        out += '\x93';
        break;
      case 0x201D:
        out += '\x94';
        break;
      default:
        out += '?';
        break;
    }
  }
}

}  // namespace foidesk::synth
