// Tests of the detection framework: type names, context rules, overlap
// resolution, UTF-8 byte offsets, the JSON and text formats, and a timing
// line (logged, not asserted) over ~50 MB of synthetic crime text.
#include "privacy/pii.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "privacy/pii_speed.h"
#include "privacy/recognisers.h"

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

std::optional<PiiFinding> FindingAt(const std::vector<PiiFinding>& fs, std::string_view text,
                                    std::string_view want) {
  const size_t at = text.find(want);
  for (const PiiFinding& f : fs)
    if (f.start == at && f.end == at + want.size()) return f;
  return std::nullopt;
}

TEST(PiiTypeTest, NamesRoundTrip) {
  for (int i = 0; i < kPiiTypeCount; ++i) {
    const auto t = static_cast<PiiType>(i);
    EXPECT_EQ(PiiTypeFromName(PiiTypeName(t)), t);
  }
  EXPECT_EQ(PiiTypeName(PiiType::kDateOfBirth), "date_of_birth");
  EXPECT_EQ(PiiTypeName(PiiType::kVehicleRegistration), "vehicle_registration");
  EXPECT_FALSE(PiiTypeFromName("PERSON").has_value());
}

TEST(PiiContextTest, DataFileLoads) {
  auto rules = ContextRules::Load(FOIDESK_SOURCE_DIR "/config/pii/context.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  EXPECT_EQ(rules->window_words, 5);
  EXPECT_GT(rules->rules.size(), 5u);
}

TEST(PiiContextTest, BadFilesAreErrors) {
  EXPECT_FALSE(ContextRules::Parse("window_words = [", "x").ok());
  EXPECT_FALSE(ContextRules::Parse("[[rule]]\ntypes=[\"nope\"]\nwords=[\"a\"]", "x").ok());
  EXPECT_FALSE(ContextRules::Parse("[[rule]]\ntypes=[\"date\"]", "x").ok());
  EXPECT_FALSE(ContextRules::Load("/nonexistent/context.toml").ok());
}

struct ContextCase {
  const char* text;
  const char* want;
  PiiType type;
  int direction;  // +1 raised above the recogniser's base, -1 lowered, 0 unchanged
};

const ContextCase kContextCases[] = {
    {"DOB 14/02/1997", "14/02/1997", PiiType::kDateOfBirth, +1},
    {"d.o.b: 14/02/1997", "14/02/1997", PiiType::kDateOfBirth, +1},
    {"he was born on 3 May 1990", "3 May 1990", PiiType::kDateOfBirth, +1},
    {"the crime was recorded on 14/02/1997", "14/02/1997", PiiType::kDate, -1},
    {"reported on 30/10/2015 by", "30/10/2015", PiiType::kDate, -1},
    {"it was 14/02/1997", "14/02/1997", PiiType::kDate, 0},
    {"tel 07700 900123", "07700 900123", PiiType::kPhone, +1},
    {"he said 07700 900123", "07700 900123", PiiType::kPhone, 0},
    {"lives at 3 Mill Road", "3 Mill Road", PiiType::kAddress, +1},
    {"it was 3 Mill Road", "3 Mill Road", PiiType::kAddress, 0},
    {"his Ford Fiesta A123 BCD", "A123 BCD", PiiType::kVehicleRegistration, +1},
    // A cue in an earlier clause or before an earlier finding does not count.
    {"DOB 14/02/1997 AND SEEN 03/06/2014", "03/06/2014", PiiType::kDate, 0},
    {"Victim's address changed. It was 14/02/1997", "14/02/1997", PiiType::kDate, 0},
};

TEST(PiiContextTest, ContextRaisesLowersAndRetypes) {
  auto base = Detector(MakePatternRecognisers(), ContextRules{});
  for (const ContextCase& c : kContextCases) {
    const auto plain = FindingAt(base.Detect(c.text), c.text, c.want);
    const auto ctx = FindingAt(TheDetector().Detect(c.text), c.text, c.want);
    ASSERT_TRUE(plain && ctx) << c.text;
    EXPECT_EQ(ctx->type, c.type) << c.text;
    if (c.direction > 0) {
      EXPECT_GT(ctx->score, plain->score) << c.text;
    } else if (c.direction < 0) {
      EXPECT_LT(ctx->score, plain->score) << c.text;
    } else {
      EXPECT_DOUBLE_EQ(ctx->score, plain->score) << c.text;
    }
  }
}

TEST(PiiOverlapTest, LongestThenHighestScoreWins) {
  const std::vector<PiiFinding> raw = {
      {PiiType::kUrl, 8, 19, 0.3, "url"},       // example.com inside the e-mail
      {PiiType::kEmail, 0, 19, 0.9, "email"},   // j.smith@example.com
      {PiiType::kDate, 30, 35, 0.35, "date"},   // 30/10 inside 30/10/2015
      {PiiType::kDate, 30, 40, 0.6, "date"},    // 30/10/2015
      {PiiType::kPhone, 50, 60, 0.5, "a"},      // same span: higher score wins
      {PiiType::kHandle, 50, 60, 0.7, "b"},
      {PiiType::kPostcode, 70, 75, 0.5, "c"},   // same span and score: earlier type wins
      {PiiType::kAddress, 70, 75, 0.5, "d"},
      {PiiType::kAddress, 80, 90, 0.5, "e"},    // partial overlap: longer wins
      {PiiType::kPostcode, 85, 100, 0.5, "f"},
  };
  const auto kept = ResolveOverlaps(raw);
  ASSERT_EQ(kept.size(), 5u);
  EXPECT_EQ(kept[0].type, PiiType::kEmail);
  EXPECT_EQ(kept[1].end, 40u);
  EXPECT_EQ(kept[2].type, PiiType::kHandle);
  EXPECT_EQ(kept[3].type, PiiType::kAddress);
  EXPECT_EQ(kept[4].recogniser, "f");
  // Input order does not matter.
  auto reversed = raw;
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(ResolveOverlaps(reversed), kept);
}

TEST(PiiOverlapTest, EmailBeatsItsDomainAndCrimeNumberItsParts) {
  const std::string text = "J.SMITH@EXAMPLE.COM re C1/04512/14";
  const auto fs = TheDetector().Detect(text);
  ASSERT_EQ(fs.size(), 2u) << FindingsText(text, fs);
  EXPECT_EQ(fs[0].type, PiiType::kEmail);
  EXPECT_EQ(fs[1].type, PiiType::kCrimeNumber);
  EXPECT_EQ(text.substr(fs[1].start, fs[1].end - fs[1].start), "C1/04512/14");
}

TEST(PiiUtf8Test, OffsetsAreBytes) {
  // "Renée – “café”" puts 2-, 3- and 3-byte characters before each finding.
  const std::string text =
      "Renée – “café” owner, tel 07700 900123, lives at 12 Ber Street, Norwich NR1 3AB; "
      "e-mail renée@example.com? no: renee@example.com";
  const auto fs = TheDetector().Detect(text);
  for (const char* want : {"07700 900123", "12 Ber Street, Norwich NR1 3AB", "renee@example.com"}) {
    const auto f = FindingAt(fs, text, want);
    EXPECT_TRUE(f.has_value()) << want << "\n" << FindingsText(text, fs);
  }
  for (const PiiFinding& f : fs) {
    // Every span starts and ends on a character boundary.
    EXPECT_NE(static_cast<unsigned char>(text[f.start]) & 0xC0, 0x80);
    if (f.end < text.size()) {
      EXPECT_NE(static_cast<unsigned char>(text[f.end]) & 0xC0, 0x80);
    }
  }
}

TEST(PiiJsonTest, Shape) {
  const std::string text = "Ré TEL 07700 900123";
  const auto fs = TheDetector().Detect(text);
  const auto j = nlohmann::json::parse(FindingsJson(text, fs));
  ASSERT_TRUE(j.contains("findings"));
  ASSERT_EQ(j["findings"].size(), 1u);
  const auto& f = j["findings"][0];
  EXPECT_EQ(f["type"], "phone");
  EXPECT_EQ(f["start"], 8);  // "Ré TEL " is 8 bytes
  EXPECT_EQ(f["end"], 20);
  EXPECT_EQ(f["text"], "07700 900123");
  EXPECT_EQ(f["recogniser"], "phone");
  EXPECT_GT(f["score"].get<double>(), 0.45);  // drama range: possible, not valid
  EXPECT_EQ(nlohmann::json::parse(FindingsJson("", {}))["findings"].size(), 0u);
  const std::string plain = FindingsText(text, fs);
  EXPECT_NE(plain.find("8-20\tphone\t"), std::string::npos) << plain;
  EXPECT_NE(plain.find("07700 900123"), std::string::npos);
}

TEST(PiiDetectorTest, MinScoreDropsWeakFindings) {
  auto strict = Detector(MakePatternRecognisers(), ContextRules{}, {.min_score = 0.5});
  const std::string text = "walking along Dereham Road, seen 30/10, J.SMITH@EXAMPLE.COM";
  const auto fs = strict.Detect(text);
  ASSERT_EQ(fs.size(), 1u) << FindingsText(text, fs);
  EXPECT_EQ(fs[0].type, PiiType::kEmail);
}

TEST(PiiDetectorTest, FindingsSortedAndDisjoint) {
  const std::string text =
      "IP JOHN SMITH OF 12 HIGH STREET, NORWICH NR2 1AB, TEL 07700 900123, DOB 14/02/1997, "
      "EMAIL J.SMITH@EXAMPLE.COM, VRM AB12 CDE. Crime C1/04512/14 migrated to RMS-15-0004711.";
  const auto fs = TheDetector().Detect(text);
  ASSERT_GE(fs.size(), 8u);
  for (size_t i = 1; i < fs.size(); ++i) EXPECT_LE(fs[i - 1].end, fs[i].start);
}

// Not a test of speed (machines differ): it logs MB/s for the report.
// The text `foidesk bench` times: deterministic, records of about 400
// bytes, one finding every 100-300 bytes (towns are location findings).
// Asserts the text, not the speed.
TEST(PiiSpeedTest, TextIsDeterministicAndRealisticallyDense) {
  const auto a = MakePiiSpeedRecords(1, 7);
  EXPECT_EQ(a, MakePiiSpeedRecords(1, 7));
  EXPECT_NE(a, MakePiiSpeedRecords(1, 8));
  ASSERT_GT(a.size(), 1000u);
  for (const std::string& r : a) {
    EXPECT_GE(r.size(), 380u);
    EXPECT_LE(r.size(), 600u);
  }
  const PiiSpeed s = MeasurePiiSpeed(TheDetector(), 1, 7);
  EXPECT_GE(s.bytes, 1000000u);
  EXPECT_EQ(s.records, a.size());
  ASSERT_GT(s.findings, 0u);
  const double bytes_per_finding = static_cast<double>(s.bytes) / static_cast<double>(s.findings);
  EXPECT_GE(bytes_per_finding, 100);
  EXPECT_LE(bytes_per_finding, 300);
  EXPECT_GT(s.mb_per_s, 0);
}

// Phone answers are cached per digit run: a second pass over the same text
// must give exactly what the first gave.
TEST(PiiSpeedTest, PhoneCacheDoesNotChangeFindings) {
  const std::string text =
      "Tel 07700 900123 or 01603 123456; RMS-15-0004711 and 15-0004711; +44 (0)7700 900123 "
      "then 07700 900123 01603 123456.";
  PhoneRecogniser phone;
  std::vector<PiiFinding> first, second;
  phone.Find(text, first);
  phone.Find(text, second);
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, second);
}

}  // namespace
}  // namespace foidesk::privacy
