// Template rendering, the keyword test and the case and encoding helpers.
#include "synth/text.h"

#include <algorithm>
#include <array>
#include <utility>

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
};

// Sorted by name for binary search.
constexpr std::pair<std::string_view, Slot> kSlots[] = {
    {"He", Slot::kHeCap},        {"His", Slot::kHisCap},
    {"IP", Slot::kIP},           {"OIC", Slot::kOicCap},
    {"ST", Slot::kST},           {"addr", Slot::kAddr},
    {"alias", Slot::kAlias},     {"amount", Slot::kAmount},
    {"bike", Slot::kBike},       {"car", Slot::kCar},
    {"country", Slot::kCountry}, {"crsno", Slot::kCrsno},
    {"date", Slot::kDate},       {"demand", Slot::kDemand},
    {"email", Slot::kEmail},     {"exhibit", Slot::kExhibit},
    {"frame", Slot::kFrame},     {"handle2", Slot::kHandle2},
    {"he", Slot::kHe},           {"him", Slot::kHim},
    {"himself", Slot::kHimself}, {"his", Slot::kHis},
    {"ip", Slot::kIp},           {"item", Slot::kItem},
    {"medium", Slot::kMedium},   {"mediump", Slot::kMediump},
    {"mtcn", Slot::kMtcn},       {"officer", Slot::kOfficer},
    {"oic", Slot::kOic},         {"pc", Slot::kPc},
    {"phone", Slot::kPhone},     {"phone2", Slot::kPhone2},
    {"place", Slot::kPlace},     {"platform", Slot::kPlatform},
    {"quote", Slot::kQuote},     {"sdob", Slot::kSdob},
    {"sfirst", Slot::kSfirst},   {"shop", Slot::kShop},
    {"sname", Slot::kSname},     {"st", Slot::kSt},
    {"street", Slot::kStreet},   {"target", Slot::kTarget},
    {"time", Slot::kTime},       {"town", Slot::kTown},
    {"vage", Slot::kVage},       {"vdob", Slot::kVdob},
    {"vfirst", Slot::kVfirst},   {"vhandle", Slot::kVhandle},
    {"vname", Slot::kVname},     {"vrm", Slot::kVrm},
    {"vsur", Slot::kVsur},       {"wname", Slot::kWname},
};

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
  out += ' ';
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
  switch (f.vhandle_style % 3) {
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
    default:
      out += '@';
      AppendAsciiLower(out, first);
      AppendAsciiLower(out, sur);
      break;
  }
}

void AppendPostcode(const Facts& f, std::string& out) {
  const Town& t = kTowns[f.town];
  out += t.postcode;
  if (std::string_view(t.postcode) == "NR") AppendInt(out, f.pc_district);
  out += ' ';
  AppendInt(out, f.pc_sector);
  static constexpr char kUnit[] = "ABDEFGHJLNPQRSTUWXYZ";
  constexpr int kN = sizeof kUnit - 1;
  out += kUnit[f.pc_unit % kN];
  out += kUnit[(f.pc_unit / kN) % kN];
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

bool MediumHasKeyword(int m) { return kMedia[m].keyword; }
bool MediumIsFilmed(int m) { return kMedia[m].filmed; }
const char* MediumWord(int m) { return kMedia[m].word; }

void FillFacts(Rng& rng, int town, int64_t event_minute, Facts& f) {
  f.v_female = rng.Percent(50);
  f.v_first = static_cast<int>(rng.Below(f.v_female ? CountOf(kFemaleNames) : CountOf(kMaleNames)));
  f.v_first2 = rng.Percent(20) ? static_cast<int>(rng.Below(64)) : -1;
  f.v_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.s_female = rng.Percent(15);
  f.s_first = static_cast<int>(rng.Below(64));
  f.s_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.s_dob_days = DayOf(event_minute) - rng.Range(16 * 365, 55 * 365);
  f.w_female = rng.Percent(50);
  f.w_first = static_cast<int>(rng.Below(64));
  f.w_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.o_sur = static_cast<int>(rng.Below(CountOf(kSurnames)));
  f.o_collar = rng.Int(100, 1999);
  f.alias = static_cast<int>(rng.Below(CountOf(kFemaleNames)));
  f.town = town;
  f.place = static_cast<int>(rng.Below(CountOf(kTowns)));
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

void Render(std::string_view tpl, const Facts& f, Style style, std::string& out) {
  const bool crs = style == Style::kCrs;
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
        AppendVictimForenames(f, out);
        out += ' ';
        out += kSurnames[f.v_sur];
        break;
      case Slot::kVfirst:
        out += Given(f.v_first, f.v_female);
        break;
      case Slot::kVsur:
        out += kSurnames[f.v_sur];
        break;
      case Slot::kSname:
        out += Given(f.s_first, f.s_female);
        out += ' ';
        out += kSurnames[f.s_sur];
        break;
      case Slot::kSfirst:
        out += Given(f.s_first, f.s_female);
        break;
      case Slot::kWname:
        out += Given(f.w_first, f.w_female);
        out += ' ';
        out += kSurnames[f.w_sur];
        break;
      case Slot::kOfficer:
        out += "PC ";
        AppendInt(out, f.o_collar);
        out += ' ';
        out += kSurnames[f.o_sur];
        break;
      case Slot::kAddr:
        AppendInt(out, f.house);
        out += ' ';
        out += kStreets[f.street];
        out += ", ";
        out += kTowns[f.town].name;
        break;
      case Slot::kStreet:
        out += kStreets[f.street];
        break;
      case Slot::kTown:
        out += kTowns[f.town].name;
        break;
      case Slot::kPlace:
        out += kTowns[f.place].name;
        break;
      case Slot::kPc:
        AppendPostcode(f, out);
        break;
      case Slot::kPhone:
        out += "07";
        AppendDigits(out, f.mobile_a, 3);
        out += ' ';
        AppendDigits(out, f.mobile_b, 6);
        break;
      case Slot::kPhone2:
        out += kTowns[f.town].dial;
        out += ' ';
        AppendDigits(out, f.landline, 6);
        break;
      case Slot::kEmail:
        AppendEmail(f, out);
        break;
      case Slot::kVhandle:
        AppendVictimHandle(f, out);
        break;
      case Slot::kHandle2:
        AppendOnlineId(f, out);
        break;
      case Slot::kAlias:
        out += kFemaleNames[f.alias % CountOf(kFemaleNames)];
        break;
      case Slot::kPlatform:
        out += kPlatforms[f.platform];
        break;
      case Slot::kCar:
        out += kCars[f.car];
        break;
      case Slot::kVrm:
        AppendVrm(f, out);
        break;
      case Slot::kItem:
        out += kItems[f.item];
        break;
      case Slot::kShop:
        out += kShops[f.shop];
        break;
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
        AppendCrsDate(out, DayOf(f.event_minute));
        break;
      case Slot::kTime:
        AppendClock(out, f.event_minute);
        break;
      case Slot::kSdob:
        AppendCrsDate(out, f.s_dob_days);
        break;
      case Slot::kVdob:
        AppendCrsDate(out, f.v_dob_days);
        break;
      case Slot::kVage:
        AppendInt(out, f.v_age);
        break;
      case Slot::kQuote:
        // Reported words keep their own case in both systems.
        Render(kQuotes[f.quote_pool][f.quote % 6], f, Style::kRms, out);
        continue;
      case Slot::kMedium:
        out += kMedia[f.medium].word;
        break;
      case Slot::kMediump:
        out += kMedia[f.medium].phrase;
        break;
      case Slot::kTarget:
        Render(f.target, f, style, out);
        continue;
      case Slot::kDemand:
        Render(f.demand, f, style, out);
        continue;
      case Slot::kFrame:
        out += "GB";
        AppendInt(out, f.frame);
        break;
      case Slot::kCrsno:
        out += f.crs_no;
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
