// Synthetic crime text for timing the detector (see pii_speed.h). The text
// is built from sentence templates whose slots are filled from small lists
// by a fixed pseudo-random generator, so a seed always gives the same text.
// Also the naive baseline the benchmark measures beside the detector.
#include "privacy/pii_speed.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <array>
#include <cctype>
#include <chrono>
#include <string_view>

#include "privacy/identity_number_recogniser.h"
#include "privacy/recognisers.h"
#include "privacy/time_recogniser.h"

namespace foidesk::privacy {
namespace {

// splitmix64: small, fast and the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& a) { return a[Below(N)]; }

 private:
  uint64_t state_;
};

constexpr std::array<std::string_view, 16> kFirst = {
    "Daniel", "Sarah",  "Liam",  "Emma",   "Callum", "Jessica", "Scott", "Lisa",
    "Mark",   "Hannah", "Jamie", "Chloe",  "Ryan",   "Megan",   "Paul",  "Kirsty"};
constexpr std::array<std::string_view, 16> kLast = {
    "Rogers", "Cooper", "Lawrence", "Mills", "Carter", "Hall",  "Powell", "Smith",
    "Jones",  "Taylor", "Brown",    "Wilson", "Evans", "Green", "Wright", "Baker"};
constexpr std::array<std::string_view, 12> kTown = {
    "Norwich", "Holt",     "Dereham", "Wymondham", "Cromer",   "Sheringham",
    "Hingham", "Aylsham",  "Diss",    "Thetford",  "Swaffham", "Fakenham"};
constexpr std::array<std::string_view, 12> kStreetName = {
    "Bridge", "Church", "Station", "Mill",  "Tavern", "Market",
    "Queens", "Grove",  "Beech",   "Cedar", "Norwich", "Holt"};
constexpr std::array<std::string_view, 8> kStreetType = {
    "Street", "Road", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent"};
constexpr std::array<std::string_view, 8> kCar = {
    "Vauxhall Corsa", "Ford Fiesta", "VW Golf", "Citroen C3",
    "Nissan Micra",   "Audi A3",     "BMW 320", "Renault Clio"};
constexpr std::array<std::string_view, 6> kSite = {
    "hotmail.com", "gmail.com", "yahoo.co.uk", "outlook.com", "btinternet.com", "icloud.com"};
constexpr std::array<std::string_view, 6> kPlatform = {
    "Facebook", "Instagram", "Snapchat", "WhatsApp", "TikTok", "Badoo"};

std::string Num(Rng& r, int digits) {
  std::string s;
  for (int i = 0; i < digits; ++i) s += static_cast<char>('0' + r.Below(10));
  return s;
}
std::string Two(int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }
char Upper(Rng& r, std::string_view from = "ABCDEFGHJKLMNPRSTVWXY") { return from[r.Below(from.size())]; }

std::string Name(Rng& r) { return std::string(r.Pick(kFirst)) + " " + std::string(r.Pick(kLast)); }
std::string Phone(Rng& r) {
  switch (r.Below(3)) {
    case 0: return "07" + Num(r, 3) + " " + Num(r, 6);
    case 1: return "01603 " + Num(r, 6);
    default: return "01263 " + Num(r, 3) + " " + Num(r, 3);
  }
}
std::string Date(Rng& r) {
  const int d = 1 + static_cast<int>(r.Below(28)), m = 1 + static_cast<int>(r.Below(12));
  const int y = 1960 + static_cast<int>(r.Below(60));
  return Two(d) + "/" + Two(m) + "/" + std::to_string(y);
}
std::string Time(Rng& r) { return Two(static_cast<int>(r.Below(24))) + ":" + Two(static_cast<int>(r.Below(60))); }
std::string Street(Rng& r) {
  return std::string(r.Pick(kStreetName)) + " " + std::string(r.Pick(kStreetType));
}
std::string Postcode(Rng& r) {
  return std::string("NR") + std::to_string(1 + r.Below(30)) + " " + Num(r, 1) + Upper(r, "ABDEHJLNPRSTUW") +
         Upper(r, "ABDEHJLNPRSTUW");
}
std::string Vrm(Rng& r) {
  return std::string(1, Upper(r)) + Upper(r) + std::to_string(51 + r.Below(24)) + " " + Upper(r) +
         Upper(r) + Upper(r);
}
std::string Email(Rng& r) {
  std::string s = std::string(1, r.Pick(kFirst)[0]) + "." + std::string(r.Pick(kLast)) + Num(r, 2) + "@" +
                  std::string(r.Pick(kSite));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
std::string Crime(Rng& r) {
  return r.Below(2) ? "C" + std::to_string(1 + r.Below(9)) + "/" + Num(r, 5) + "/" + Two(static_cast<int>(r.Below(20)))
                    : "RMS-" + Two(10 + static_cast<int>(r.Below(10))) + "-" + Num(r, 7);
}
std::string Handle(Rng& r) {
  std::string s = std::string(r.Pick(kFirst)) + "_" + Num(r, 3);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A sentence without personal data (a town alone is not a finding).
std::string Plain(Rng& r, const std::string& town) {
  switch (r.Below(15)) {
    case 0: return "Officers attended and spoke to the informant who was upset but uninjured. ";
    case 1: return "CCTV has been requested from the premises and will be reviewed when available. ";
    case 2: return "No forensic opportunities were identified and no witnesses came forward. ";
    case 3: return "The rear door was forced with an implement and cash taken from the till. ";
    case 4: return "Victim does not support a prosecution and the matter is filed pending further information. ";
    case 5: return "House-to-house enquiries completed in " + town + " with negative results. ";
    case 6: return "Damage caused to the front window, estimated value 250 pounds. ";
    case 7: return "Safeguarding referral submitted and risk assessment graded as medium. ";
    case 8: return "Suspect left prior to police arrival and was described as white male, slim build, wearing a dark hoodie. ";
    case 9: return "Property recovered and returned to the owner; the investigation is closed. ";
    case 10: return "Officer in case to review the outcome once the interview has taken place. ";
    case 11: return "Police were called at " + Time(r) + " by staff who reported a disturbance. ";
    case 12: return "The victim was advised on crime prevention and given a leaflet about victim support services. ";
    case 13: return "ENQUIRIES WITH THE LOCAL AUTHORITY ARE ONGOING AND AN UPDATE IS EXPECTED WITHIN 7 DAYS. ";
    default: return "Statement obtained from the victim, who states that she had never seen the male before. ";
  }
}

// One sentence, with one or two items of personal data or none.
std::string Sentence(Rng& r) {
  const std::string town(r.Pick(kTown));
  // About one sentence in three carries personal data.
  if (r.Below(3) != 0) return Plain(r, town);
  switch (r.Below(12)) {
    // With personal data.
    case 0: return "Victim " + Name(r) + " reports repeated unwanted calls from an ex-partner on " + Phone(r) + " since last month. ";
    case 1: return "Suspect " + Name(r) + " (DOB " + Date(r) + ") was arrested at the scene and conveyed to custody at " + town + ". ";
    case 2: return "Reported by " + Name(r) + " of " + std::to_string(1 + r.Below(200)) + " " + Street(r) + ", " + town + " " + Postcode(r) + ". ";
    case 3: return "The suspect vehicle, a " + std::string(r.Pick(kCar)) + " " + Vrm(r) + ", was seen leaving the area at speed. ";
    case 4: return "Offender sent abusive messages to " + Email(r) + " and threatened to share images online. ";
    case 5: return "Record migrated from " + Crime(r) + "; enquiries with neighbours were negative. ";
    case 6: return "Victim contacted on " + std::string(r.Pick(kPlatform)) + " by account " + Handle(r) + " asking for money. ";
    case 7: return "Incident occurred on " + Date(r) + " at around " + Time(r) + " outside the shop on " + Street(r) + ". ";
    case 8: return "Witness can be contacted on tel " + Phone(r) + " after 6pm on weekdays. ";
    case 9: return "Victim states the login came from IP address 81.2." + std::to_string(r.Below(250)) + "." + std::to_string(r.Below(250)) + " at " + Time(r) + ". ";
    case 10: return "Linked to crime ref " + Crime(r) + " where the same method was used. ";
    default: return "Informant lives at " + std::to_string(1 + r.Below(90)) + " " + Street(r) + " with her two children. ";
  }
}

std::string Record(Rng& r) {
  std::string rec;
  // A third of the records are legacy entries, wholly upper case.
  const bool legacy = r.Below(3) == 0;
  while (rec.size() < 380) rec += Sentence(r);
  if (legacy)
    for (char& c : rec) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return rec;
}

}  // namespace

std::vector<std::string> MakePiiSpeedRecords(size_t megabytes, uint64_t seed) {
  Rng r(seed);
  std::vector<std::string> records;
  const size_t target = megabytes * 1000000;
  size_t total = 0;
  while (total < target) {
    records.push_back(Record(r));
    total += records.back().size();
  }
  return records;
}

PiiSpeed MeasureNaivePiiSpeed(size_t megabytes, uint64_t seed) {
  using i18n::phonenumbers::PhoneNumberMatch;
  using i18n::phonenumbers::PhoneNumberMatcher;
  using i18n::phonenumbers::PhoneNumberUtil;
  const std::vector<std::string> records = MakePiiSpeedRecords(megabytes, seed);
  std::vector<std::unique_ptr<PatternRecogniser>> recognisers;
  // The same patterns as the detector's, each searched for in all the text
  // (no skip hints or windows).
  for (auto make : {MakePostcodeRecogniser, MakeEmailRecogniser, MakeUrlRecogniser,
                    MakeIpAddressRecogniser, MakeHandleRecogniser,
                    MakeVehicleRegistrationRecogniser, MakeNiNumberRecogniser,
                    MakeDateRecogniser, MakeCrimeNumberRecogniser, MakeAddressRecogniser,
                    MakeTimeRecogniser, MakeIdNumberRecogniser}) {
    const auto r = make();
    recognisers.push_back(
        std::make_unique<PatternRecogniser>(std::string(r->Name()), r->specs(), /*shortcuts=*/false));
  }
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PiiSpeed s;
  s.records = records.size();
  for (const std::string& rec : records) s.bytes += rec.size();
  std::vector<PiiFinding> out;
  const auto t0 = std::chrono::steady_clock::now();
  for (const std::string& rec : records) {
    out.clear();
    for (const auto& r : recognisers)
      for (size_t k = 0; k < r->specs().size(); ++k) r->FindSelected(rec, uint64_t{1} << k, out);
    PhoneNumberMatcher matcher(util, rec, "GB", PhoneNumberMatcher::VALID, 65535);
    PhoneNumberMatch match;
    while (matcher.HasNext() && matcher.Next(&match)) ++s.findings;
    s.findings += out.size();
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  s.mb_per_s = s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0;
  return s;
}

PiiSpeed MeasurePiiSpeed(const Detector& detector, size_t megabytes, uint64_t seed) {
  const std::vector<std::string> records = MakePiiSpeedRecords(megabytes, seed);
  PiiSpeed s;
  s.records = records.size();
  for (const std::string& rec : records) s.bytes += rec.size();
  const auto t0 = std::chrono::steady_clock::now();
  for (const std::string& rec : records) s.findings += detector.Detect(rec).size();
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  s.mb_per_s = s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0;
  return s;
}

}  // namespace foidesk::privacy
