// Table-driven tests of the pattern recognisers through the default
// detector: each case names the text, the type expected and the exact
// substring it must cover (so byte offsets are checked exactly).
#include "privacy/recognisers.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/identity_number_recogniser.h"
#include "privacy/pii.h"
#include "privacy/pii_speed.h"
#include "privacy/time_recogniser.h"

namespace foidesk::privacy {
namespace {

const Detector& TheDetector() {
  static const Detector* d = [] {
    auto r = Detector::CreateDefault(FOIDESK_SOURCE_DIR "/config");
    if (!r.ok()) {
      ADD_FAILURE() << r.error().message;
      return new Detector({}, {});
    }
    return new Detector(std::move(*r));
  }();
  return *d;
}

struct Positive {
  const char* text;
  PiiType type;
  const char* want;  // the substring the finding must cover exactly (first occurrence)
};

constexpr const char* kLegacy =
    "IP JOHN SMITH OF 12 HIGH STREET, NORWICH NR2 1AB, TEL 07700 900123, DOB 14/02/1997, "
    "EMAIL J.SMITH@EXAMPLE.COM, VRM AB12 CDE";

const Positive kPositives[] = {
    // The legacy upper-case sentence, every item in it.
    // The address runs on over its town and postcode (privacy/address_recogniser.h).
    {kLegacy, PiiType::kAddress, "12 HIGH STREET, NORWICH NR2 1AB"},
    {kLegacy, PiiType::kPhone, "07700 900123"},
    {kLegacy, PiiType::kDateOfBirth, "14/02/1997"},
    {kLegacy, PiiType::kEmail, "J.SMITH@EXAMPLE.COM"},
    {kLegacy, PiiType::kVehicleRegistration, "AB12 CDE"},
    // Postcodes.
    {"lives at 4 Mill Lane, Holt nr25 6ab.", PiiType::kPostcode, "nr25 6ab"},
    {"POSTCODE NR21AB", PiiType::kPostcode, "NR21AB"},
    {"London SW1A 1AA", PiiType::kPostcode, "SW1A 1AA"},
    {"W1A 0AX is the BBC", PiiType::kPostcode, "W1A 0AX"},
    {"victim lives in the postcode area NR2 near the city", PiiType::kPostcode, "NR2"},
    {"Postcode: PE31", PiiType::kPostcode, "PE31"},
    // Phones.
    {"Call him on +44 7700 900123 tonight", PiiType::kPhone, "+44 7700 900123"},
    {"landline 01603 123456.", PiiType::kPhone, "01603 123456"},
    {"TEL (01603) 123 456", PiiType::kPhone, "(01603) 123 456"},
    {"mobile 07700900123", PiiType::kPhone, "07700900123"},
    {"US number +1 425 882 8080 rang", PiiType::kPhone, "+1 425 882 8080"},
    // National formats of other countries, without a country code.
    {"her US cell (555) 123-4567 rang", PiiType::kPhone, "(555) 123-4567"},
    {"call 555-123-4567 after", PiiType::kPhone, "555-123-4567"},
    {"call 555.123.4567 after", PiiType::kPhone, "555.123.4567"},
    {"office (425) 882-8080 x123 today", PiiType::kPhone, "(425) 882-8080 x123"},
    {"desk 425-882-8080 ext. 12, ask", PiiType::kPhone, "425-882-8080 ext. 12"},
    {"landline 01603 123456 ext 214.", PiiType::kPhone, "01603 123456 ext 214"},
    {"Paris number 01.42.68.53.00 given", PiiType::kPhone, "01.42.68.53.00"},
    {"Dublin mobile 085 123 4567 given", PiiType::kPhone, "085 123 4567"},
    {"Warsaw mobile 601 234 567 given", PiiType::kPhone, "601 234 567"},
    // Numbers no numbering plan knows, after a phone cue: local numbers
    // without their area code, numbers from abroad.
    {"Tel: 467 3395 (home)", PiiType::kPhone, "467 3395"},
    {"Phone:\n60-56-85-91\n", PiiType::kPhone, "60-56-85-91"},
    {"can you call me on 9472 7916?", PiiType::kPhone, "9472 7916"},
    {"she was not answering at 78 651 450", PiiType::kPhone, "78 651 450"},
    {"MOBILE NUMBER 99 668472 GIVEN", PiiType::kPhone, "99 668472"},
    // E-mail.
    {"contact carter_scott73@yahoo.co.uk.", PiiType::kEmail, "carter_scott73@yahoo.co.uk"},
    {"EMAIL D.ROGERS@HOTMAIL.COM SINCE", PiiType::kEmail, "D.ROGERS@HOTMAIL.COM"},
    // URLs.
    {"see https://www.facebook.com/john.smith.9, then", PiiType::kUrl,
     "https://www.facebook.com/john.smith.9"},
    {"profile at facebook.com/john.smith.", PiiType::kUrl, "facebook.com/john.smith"},
    {"WEBSITE WWW.EXAMPLE.COM", PiiType::kUrl, "WWW.EXAMPLE.COM"},
    {"the site www.example.com was down", PiiType::kUrl, "www.example.com"},
    // IP addresses.
    {"logged in from 192.168.10.254 at", PiiType::kIpAddress, "192.168.10.254"},
    {"IPv6 2001:db8::ff00:42:8329 seen", PiiType::kIpAddress, "2001:db8::ff00:42:8329"},
    {"from fe80::1ff:fe23:4567:890a.", PiiType::kIpAddress, "fe80::1ff:fe23:4567:890a"},
    // Handles.
    {"messages from @lisa_x_love on Instagram", PiiType::kHandle, "@lisa_x_love"},
    {"ACCOUNT NAME BIGDAVE69 SENT", PiiType::kHandle, "BIGDAVE69"},
    {"username: darkstar and", PiiType::kHandle, "darkstar"},
    {"victim's Facebook profile lisa.x.love, email", PiiType::kHandle, "lisa.x.love"},
    {"Snapchat account called 'jaz_xo'", PiiType::kHandle, "jaz_xo"},
    // Made-up account names standing alone, without a cue word.
    {"A FAKE ACCOUNT IN HIS NAME, TYLER.BRENNAN.32, AND", PiiType::kHandle, "TYLER.BRENNAN.32"},
    {"was added by hot_wendy_71, a profile", PiiType::kHandle, "hot_wendy_71"},
    {"MOVED THE CHAT (AMANDA.X.LOVE) TO", PiiType::kHandle, "AMANDA.X.LOVE"},
    {"AN EMAIL FROM XGEORGIAX98 SAYING", PiiType::kHandle, "XGEORGIAX98"},
    {"THE OFFENCE OCCURRED ON 03.01.2010. NO CCTV", PiiType::kDate, "03.01.2010"},
    // Vehicle registrations.
    {"HIS VAUXHALL ASTRA MA10 SGF STOLEN", PiiType::kVehicleRegistration, "MA10 SGF"},
    {"in Citroen C3 YC64 AYC.", PiiType::kVehicleRegistration, "YC64 AYC"},
    {"VRM AB12CDE", PiiType::kVehicleRegistration, "AB12CDE"},
    {"old Ford reg A123 BCD seen", PiiType::kVehicleRegistration, "A123 BCD"},
    {"classic car ABC 123D parked", PiiType::kVehicleRegistration, "ABC 123D"},
    // NI numbers.
    {"NI NUMBER AB 12 34 56 C.", PiiType::kNiNumber, "AB 12 34 56 C"},
    {"nino jg103759a", PiiType::kNiNumber, "jg103759a"},
    // Dates.
    {"seen 03/06/2014 at", PiiType::kDate, "03/06/2014"},
    {"on 3/6/14 he", PiiType::kDate, "3/6/14"},
    {"on 30 October 2015 the", PiiType::kDate, "30 October 2015"},
    {"ON 1ST MARCH 2012 HE", PiiType::kDate, "1ST MARCH 2012"},
    {"on February 29, 2012 there", PiiType::kDate, "February 29, 2012"},
    {"stamped 2015-11-02T14:03", PiiType::kDate, "2015-11-02T14:03"},
    {"SSN 460-89-9847 and", PiiType::kIdNumber, "460-89-9847"},
    {"on 30/10 he accepted", PiiType::kDate, "30/10"},
    // Dates as visitors from abroad write them.
    {"on January 5, 2021 she", PiiType::kDate, "January 5, 2021"},
    {"since Jan 5th 2021 he", PiiType::kDate, "Jan 5th 2021"},
    {"seen on March 3rd at", PiiType::kDate, "March 3rd"},
    {"on Monday 4th May the", PiiType::kDate, "Monday 4th May"},
    {"on Tuesday, 5 January 2021 at", PiiType::kDate, "Tuesday, 5 January 2021"},
    {"on Sunday March 3rd we", PiiType::kDate, "Sunday March 3rd"},
    {"on the 4th of May he", PiiType::kDate, "4th of May"},
    {"met on 9/20/1968 in", PiiType::kDate, "9/20/1968"},
    // US ZIP codes after a state.
    {"lives at Springfield, IL 62704 with", PiiType::kPostcode, "62704"},
    {"from Austin, Texas 78701-1234.", PiiType::kPostcode, "78701-1234"},
    // Dates of birth.
    {"S/T CHARLIE COOPER (DOB 25/10/1972) ENTERED", PiiType::kDateOfBirth, "25/10/1972"},
    {"Victim was born on 14 February 1997 in", PiiType::kDateOfBirth, "14 February 1997"},
    {"D.O.B. 01/01/1980", PiiType::kDateOfBirth, "01/01/1980"},
    {"date of birth: 1994-03-02", PiiType::kDateOfBirth, "1994-03-02"},
    // Crime numbers.
    {"migrated from CRS C1/04512/14; continues", PiiType::kCrimeNumber, "C1/04512/14"},
    {"see RMS-15-0004711.", PiiType::kCrimeNumber, "RMS-15-0004711"},
    {"crime ref 04512/14 linked", PiiType::kCrimeNumber, "04512/14"},
    {"linked to 15-0004711", PiiType::kCrimeNumber, "15-0004711"},
    {"rms150004711", PiiType::kCrimeNumber, "rms150004711"},
    // Street addresses.
    {"REPORTED BY DANIEL PEARCE OF 56 LONG JOHN HILL, GREAT YARMOUTH", PiiType::kAddress,
     "56 LONG JOHN HILL, GREAT YARMOUTH"},
    {"lives at Flat 3, 27a Prince of Wales Road, Norwich", PiiType::kAddress,
     "Flat 3, 27a Prince of Wales Road, Norwich"},
    {"at 40 Tavern Lane, Wymondham", PiiType::kAddress, "40 Tavern Lane, Wymondham"},
    {"address 7 the street, hemsby", PiiType::kAddress, "7 the street"},
    {"12 ST JOHNS CLOSE", PiiType::kAddress, "12 ST JOHNS CLOSE"},
    {"SEARCHED ON CHURCH LANE, GREAT YARMOUTH AT 08:14", PiiType::kAddress,
     "CHURCH LANE, GREAT YARMOUTH"},
    {"walking along Dereham Road when", PiiType::kAddress, "Dereham Road"},
};

TEST(RecognisersTest, PositiveCases) {
  for (const Positive& c : kPositives) {
    const std::string_view text = c.text;
    const size_t at = text.find(c.want);
    ASSERT_NE(at, std::string_view::npos) << c.text;
    const size_t end = at + std::string_view(c.want).size();
    const auto findings = TheDetector().Detect(text);
    bool found = false;
    for (const PiiFinding& f : findings)
      found |= f.type == c.type && f.start == at && f.end == end;
    EXPECT_TRUE(found) << "want " << PiiTypeName(c.type) << " '" << c.want << "' in: " << c.text
                       << "\ngot:\n"
                       << FindingsText(text, findings);
  }
}

struct Negative {
  const char* text;
};

// Text with no personal data in it at all: every finding is a false positive.
const Negative kNegatives[] = {
    {"THE OFFENDER LEFT THE SCENE AND WAS NOT TRACED"},
    {"Occurred around 22:15, victim aged 17."},
    {"VALUE £2250. OFFENCE CODE 071 AND 8N, CLASS 105A"},
    {"IP AGED 45 YEARS, 17 YEAR OLD SUSPECT"},
    {"SEARCHED UNDER S23 MDA AND RELEASED"},
    {"2 men in the car park were seen"},
    {"exhibit IMG_1234.JPG and DSC_0012 from the phone, app v1.2.3, e.g. this"},
    {"the victim walked down the road and into the street"},
    {"open 24/7, item 3 of 12, paid 1100 pounds, 45 minutes later"},
    {"version 1.2.3.4.5 of the app, ratio 3:2"},
    {"Received a friend request on Facebook and a profile picture was sent"},
    {"met @ 10pm, left @22:15"},
    {"damage to the door, estimated at £350.00"},
    {"The Crown Court and Barclays Bank"},
    {"called 999 and 101 twice"},
    {"IN THE STREET OUTSIDE THE SHOP"},
    {"ON 31/02/2013 NOTHING"},  // an impossible date is no date
    {"ON 31/02/2013 NOTHING"},
    {"THE 13/13/2013 ENTRY"},   // no month 13 either way round
    {"you may 5 times try, he said he may 12 of them"},  // "may" the verb
    {"they march 3 miles, then March 4 miles more"},
    {"reference 62704 and 12345 items"},  // a number alone is no ZIP
    {"seized 12345 tablets in total, OR 12345 more"},
    {"version 192.168.100.2000 and 555.123.4567.8"},
    {"scored 100-123-4567 points"},
    // The same digit runs without a phone cue, or after words that are not one.
    {"seized 467 3395 units; stock 9472 7916, ref 78 651 450"},
    {"the phone was sold for 1234567 units"},
    {"PHONE SEIZED 2 OF 1234567"},  // not phones in Poland or Italy  // no area code starts with 1
};

TEST(RecognisersTest, NegativeCases) {
  for (const Negative& c : kNegatives) {
    const auto findings = TheDetector().Detect(c.text);
    EXPECT_TRUE(findings.empty()) << c.text << "\ngot:\n" << FindingsText(c.text, findings);
  }
}

TEST(RecognisersTest, AllPatternsCompile) {
  for (auto make : {MakePostcodeRecogniser, MakeEmailRecogniser, MakeUrlRecogniser,
                    MakeIpAddressRecogniser, MakeHandleRecogniser,
                    MakeVehicleRegistrationRecogniser, MakeNiNumberRecogniser,
                    MakeDateRecogniser, MakeCrimeNumberRecogniser, MakeAddressRecogniser}) {
    auto r = make();
    EXPECT_TRUE(r->ok()) << r->Name();
    EXPECT_FALSE(r->Types().empty()) << r->Name();
  }
}

TEST(RecognisersTest, NiNumberInvalidPrefixesRejected) {
  auto r = MakeNiNumberRecogniser();
  for (const char* text : {"GB 12 34 56 A", "BG123456A", "DA123456A", "AO123456A", "NK123456B",
                           "ZZ123456C", "AB123456E"}) {
    std::vector<PiiFinding> out;
    r->Find(text, out);
    EXPECT_TRUE(out.empty()) << text;
  }
}

TEST(RecognisersTest, VehicleRegistrationNeedsValidAgeIdentifier) {
  auto r = MakeVehicleRegistrationRecogniser();
  std::vector<PiiFinding> out;
  r->Find("AB99 CDE AB00 CDE", out);  // 99 and 00 were never issued
  for (const PiiFinding& f : out) EXPECT_NE(f.end - f.start, 8u) << f.start;
}

// The UK rules must give libphonenumber's answer on every candidate: text
// with numbers in many shapes (valid and invalid, +44 and other countries,
// Channel Islands and Isle of Man ranges, runs of several numbers) goes
// through the recogniser with and without them.
TEST(RecognisersTest, PhoneUkRulesAgreeWithLibphonenumber) {
  static constexpr const char* kPrefixes[] = {
      "01603", "01263", "020", "0113", "07", "077", "079", "075", "07700", "01481", "01534",
      "01624", "07781", "07624", "07839", "0800", "0808", "0845", "0870", "090", "030",
      "055", "056", "070", "076", "0121", "016977", "+44 ", "+44 (0)", "+447", "(01", "(07",
      "0", "00", "0044 ", "44", "+1 ", "+353 ", "15-", "1603 ", "000"};
  static constexpr const char* kSeparators[] = {" ", "-", "", " - ", "  ", ") "};
  uint64_t state = 12345;
  auto below = [&](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state >> 33) % n);
  };
  PhoneRecogniser fast(/*uk_rules=*/true), slow(/*uk_rules=*/false);
  int findings = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text = below(2) ? "tel " : "";
    for (size_t n = 1 + below(2); n > 0; --n) {
      text += kPrefixes[below(std::size(kPrefixes))];
      for (size_t g = 1 + below(3); g > 0; --g) {
        if (below(3)) text += kSeparators[below(std::size(kSeparators))];
        for (size_t d = 1 + below(7); d > 0; --d) text += static_cast<char>('0' + below(10));
      }
      text += below(2) ? " and " : " ";
    }
    std::vector<PiiFinding> a, b;
    fast.Find(text, a);
    slow.Find(text, b);
    findings += static_cast<int>(b.size());
    EXPECT_EQ(a, b) << text;
  }
  EXPECT_GT(findings, 300);  // the cases do reach valid numbers
}

// One RE2::Set in front of all pattern recognisers, on their pre-filter
// patterns, changes nothing: the group finds what its members find one after
// the other, in the same order.
TEST(RecognisersTest, PatternGroupFindsWhatItsMembersFind) {
  std::vector<std::string> texts = MakePiiSpeedRecords(1, 5);
  texts.resize(600);
  for (const Positive& c : kPositives) texts.emplace_back(c.text);
  for (const Negative& c : kNegatives) texts.emplace_back(c.text);
  const auto group = MakePatternRecognisers();
  ASSERT_EQ(group.size(), 1u);
  std::vector<std::unique_ptr<Recogniser>> members;
  for (auto make : {MakePostcodeRecogniser, MakeEmailRecogniser, MakeUrlRecogniser,
                    MakeIpAddressRecogniser, MakeHandleRecogniser,
                    MakeVehicleRegistrationRecogniser, MakeNiNumberRecogniser,
                    MakeDateRecogniser, MakeCrimeNumberRecogniser, MakeAddressRecogniser,
                    MakeTimeRecogniser, MakeIdNumberRecogniser}) {
    // Plain members (their own sets on the full patterns, no shortcuts):
    // the group's looser pre-filter patterns must lose nothing.
    const auto r = make();
    members.push_back(
        std::make_unique<PatternRecogniser>(std::string(r->Name()), r->specs(), /*shortcuts=*/false));
  }
  members.push_back(std::make_unique<PhoneRecogniser>());
  for (const std::string& text : texts) {
    std::vector<PiiFinding> together, one_by_one;
    group[0]->Find(text, together);
    for (const auto& m : members) m->Find(text, one_by_one);
    EXPECT_EQ(together, one_by_one) << text;
  }
}

// Text that reaches the edges of the search shortcuts: the patterns' own
// shapes run together, cut short, next to digits, dots, slashes and letters,
// and with the multi-byte letters (?i) folds k and s to.
std::vector<std::string> ShortcutTexts() {
  static constexpr const char* kPieces[] = {
      "07700 900123", "01603-123456", "+44 (0)1603 123 456", "(555) 123-4567", "555.123.4567",
      "01.42.68.53.00", "14/02/1997", "1/2/34", "30/10", "24/7", "12/03-14", "2021-03-04T10:00",
      "1997-02-14", "14 February 1997", "Feb 14th, 1997", "Monday 4th May", "March 3rd", "may",
      "C1/04512/14", "RMS-15-0004711", "rms150004711", "04512/14", "15-0004711", "NR2 1AB",
      "nr25 6ab", "GIR 0AA", "postcode NR2", "NR2 area", "Springfield, IL 62704", "AB12 CDE",
      "A123 BCD", "ABC 123D", "QQ 12 34 56 C", "qq123456c", "192.168.0.1", "1.2.3.4.5",
      "fe80::1:2:3", "22:15:30", "@john_doe", "@10pm", "j.smith@example.com", "x@y.co.uk",
      "www.facebook.com/x.y", "https://t.co/abc", "hotmail.com", "statement.doc",
      "tyler.brennan.32", "hot_wendy_71", "xmariax87", "IMG_1234", "profile hot_wendy_71",
      "username is 'Bob99'", "12 High Street", "Flat 3, 12a-14 Church Lane", "12 the road",
      "Church Lane", "ON CHURCH LANE", "DEREHAM ROAD", "Prince of Wales Road", "Mill Lane’s",
      "\xC5\xBFt", "Wal\xE2\x84\xAA", "12 High \xC5\xBFt", "C\xE2\x84\xAA" "1/04512/14",
      "caf\xC3\xA9@b\xC3\xBC.de", "o'brien@example.com", "\xE2\x80\x99", "Tel:", "mobile",
      "call me on", "4673395", "x123", "ext. 12",
      "the", "and", "a", "1", "12", "123", "1234", "12345", "/", ".", "-", ":", ",", "@", "_", "(",
      ")", "+", "'", "\n", "\t", "  "};
  static constexpr const char* kGlue[] = {" ", " ", " ", "", ".", ",", "/", "-", "\n", ". ", ": "};
  uint64_t state = 99;
  auto below = [&](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state >> 33) % n);
  };
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (size_t n = 1 + below(12); n > 0; --n) {
      std::string piece = kPieces[below(std::size(kPieces))];
      if (below(5) == 0 && piece.size() > 1) piece.resize(1 + below(piece.size() - 1));
      text += piece;
      text += kGlue[below(std::size(kGlue))];
    }
    texts.push_back(std::move(text));
  }
  // Long texts: the search reads them a window at a time.
  for (int i = 0; i < 100; ++i) {
    std::string text;
    for (size_t n = 2 + below(30); n > 0; --n) text += texts[below(texts.size())] + " ";
    texts.push_back(std::move(text));
  }
  // Long runs of one shape, so that matches fall at every place of a window.
  static constexpr const char* kRepeated[] = {
      "15-0004711", "04512/14", "C1/04512/14", "RMS-15-0004711", "14/02/1997", "1/2",
      "1997-02-14", "1.2.3.4", "fe80::1", "07700 900123", "01.42.68.53.00", "AB12 CDE",
      "QQ123456C", "NR2 1AB"};
  for (const char* piece : kRepeated)
    for (const char* glue : {"", "-", "/", ".", " "})
      for (int prefix = 0; prefix < 4; ++prefix) {
        std::string text(static_cast<size_t>(prefix), '1');
        for (int n = 0; n < 16; ++n) text += std::string(piece) + glue;
        texts.push_back(std::move(text));
      }
  // A shape at every distance after a decoy that the hints stop at, in one
  // run of the bytes the shape is made of: it falls at every place of the
  // window the search reads after the decoy.
  static constexpr struct {
    const char* decoy;
    char filler;
    const char* piece;
  } kDistant[] = {
      {"1-2", '-', "-15-0004711"},   {"1/2", '/', "/04512/14"},   {"1/2", '/', "/C1/04512/14"},
      {"1", '-', "-RMS-15-0004711"}, {"1.2", '.', ".14/02/1997"}, {"1/2", '/', "/3/4"},
      {"1-2", '-', "-1997-02-14"},   {"1.2", '.', ".1.2.3.4"},    {"1", ' ', " NR2 1AB"},
      {"1", ' ', " AB12 CDE"},       {"1", ' ', " QQ123456C"},    {"1", ' ', " 07700 900123"},
      {"1:", ':', ":fe80::1"},
      // (?i) patterns take the KELVIN SIGN for k and LONG S for s: longer
      // matches (between letters, as \b is ASCII).
      {"1", '-', "-RM\xC5\xBF-15-0004711"}, {"1", ' ', " a\xE2\x84\xAA\xE2\x84\xAA 12 34 56 C"},
      {"1", ' ', " a\xE2\x84\xAA\xE2\x84\xAA" "1A 1\xC5\xBF\xC5\xBF" "a"}};
  for (const auto& d : kDistant)
    for (size_t gap = 0; gap <= 120; ++gap)
      texts.push_back(std::string(d.decoy) + std::string(gap, d.filler) + d.piece + " x");
  for (const char* cue : {"Tel: ", "TEL ", "call me on ", "mobile no ", "Tel:"})
    for (const char* number : {"4673395", "467 3395", "46733951", "01603 123456"}) {
      texts.push_back(std::string(cue) + number + ".");
      texts.push_back(std::string(cue) + number);
    }
  return texts;
}

// The hints and windows (MatchHint, PatternSpec::max_length) and the
// bounds-only search for whole-match groups change nothing: every pattern
// finds what the plain search finds, alone and with the others.
TEST(RecognisersTest, SearchShortcutsChangeNothing) {
  std::vector<std::string> texts = MakePiiSpeedRecords(1, 11);
  texts.resize(800);
  for (const Positive& c : kPositives) texts.emplace_back(c.text);
  for (const Negative& c : kNegatives) texts.emplace_back(c.text);
  for (std::string& t : ShortcutTexts()) texts.push_back(std::move(t));
  size_t findings = 0;
  for (auto make : {MakePostcodeRecogniser, MakeEmailRecogniser, MakeUrlRecogniser,
                    MakeIpAddressRecogniser, MakeHandleRecogniser,
                    MakeVehicleRegistrationRecogniser, MakeNiNumberRecogniser,
                    MakeDateRecogniser, MakeCrimeNumberRecogniser, MakeAddressRecogniser}) {
    const auto fast = make();
    const PatternRecogniser plain(std::string(fast->Name()), fast->specs(), /*shortcuts=*/false);
    ASSERT_TRUE(plain.ok());
    for (const std::string& text : texts) {
      for (size_t k = 0; k < fast->specs().size(); ++k) {
        std::vector<PiiFinding> a, b;
        fast->FindSelected(text, uint64_t{1} << k, a);
        plain.FindSelected(text, uint64_t{1} << k, b);
        findings += b.size();
        EXPECT_EQ(a, b) << fast->Name() << " pattern " << k << ": " << text;
      }
      std::vector<PiiFinding> a, b;
      fast->Find(text, a);
      plain.Find(text, b);
      EXPECT_EQ(a, b) << fast->Name() << ": " << text;
    }
  }
  PhoneRecogniser fast_phone, plain_phone(/*uk_rules=*/true, /*shortcuts=*/false);
  for (const std::string& text : texts) {
    std::vector<PiiFinding> a, b;
    fast_phone.Find(text, a);
    plain_phone.Find(text, b);
    findings += b.size();
    EXPECT_EQ(a, b) << "phone: " << text;
  }
  EXPECT_GT(findings, 5000u);  // the texts do reach the patterns
}

}  // namespace
}  // namespace foidesk::privacy
