// The shipped regimes say what the law says, and a bad regime file names
// the file and the key.
#include "register/regime.h"

#include <gtest/gtest.h>

#include "register/test_util.h"

namespace foidesk::reg {
namespace {

using testing::kConfig;
using testing::TempDir;

const std::vector<Division> kUk = {Division::kEnglandAndWales, Division::kScotland,
                                   Division::kNorthernIreland};

TEST(ShippedRegimesTest, AllFiveLoad) {
  auto all = LoadRegimes(kConfig);
  ASSERT_TRUE(all.ok()) << all.error().message;
  std::vector<std::string> names;
  for (const auto& r : *all) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"eir", "foia", "foisa", "internal-review", "sar"}));
}

// s10(6): Saturday, Sunday, Christmas Day, Good Friday, bank holidays in any part of the UK.
TEST(ShippedRegimesTest, FoiaUsesEveryDivisionAndNamesChristmasAndGoodFriday) {
  auto r = FindRegime(kConfig, "foia");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rule, RuleKind::kWorkingDays);
  EXPECT_EQ(r->count, 20);
  EXPECT_EQ(r->holiday_divisions, kUk);
  EXPECT_TRUE(r->christmas_day);
  EXPECT_TRUE(r->good_friday);
  EXPECT_EQ(r->pauses, (std::set<PauseKind>{PauseKind::kClarification, PauseKind::kFees}));
  ASSERT_TRUE(r->extension.has_value());
  EXPECT_EQ(r->extension->default_count, 20);
}

// FOISA s73: Scottish bank holidays only, Good Friday not named, no extension.
TEST(ShippedRegimesTest, FoisaUsesScotlandOnly) {
  auto r = FindRegime(kConfig, "foisa");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->holiday_divisions, std::vector<Division>{Division::kScotland});
  EXPECT_TRUE(r->christmas_day);
  EXPECT_FALSE(r->good_friday);
  EXPECT_FALSE(r->extension.has_value());
}

TEST(ShippedRegimesTest, SarCountsOneMonthAndExtendsByTwo) {
  auto r = FindRegime(kConfig, "sar");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rule, RuleKind::kCalendarMonths);
  EXPECT_EQ(r->count, 1);
  ASSERT_TRUE(r->extension.has_value());
  EXPECT_EQ(r->extension->default_count, 2);
  EXPECT_FALSE(r->pauses.count(PauseKind::kFees));
}

TEST(ShippedRegimesTest, EirAndInternalReviewExtendByTwentyWorkingDays) {
  for (const char* name : {"eir", "internal-review"}) {
    auto r = FindRegime(kConfig, name);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->count, 20) << name;
    EXPECT_EQ(r->holiday_divisions, kUk) << name;
    ASSERT_TRUE(r->extension.has_value()) << name;
    EXPECT_EQ(r->extension->default_count, 20) << name;
  }
}

TEST(FindRegimeTest, AnUnknownNameListsTheKnownOnes) {
  for (const char* name : {"fio", "../regimes/foia", ""}) {
    auto r = FindRegime(kConfig, name);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
    EXPECT_NE(r.error().message.find("(known: eir, foia, foisa, internal-review, sar)"), std::string::npos)
        << r.error().message;
  }
}

const char kGood[] = R"(name = "test"
title = "Test"
legal_basis = "s1"
source = ["https://example.org/law"]
rule = "working_days"
count = 20
holiday_divisions = ["scotland", "england-and-wales"]
christmas_day = true
good_friday = false
pauses = ["fees"]
)";

std::string LoadMessage(const TempDir& dir, const std::string& text) {
  auto r = LoadRegime(dir.Write("test.toml", text));
  return r.ok() ? std::string("loaded") : r.error().message;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(LoadRegimeTest, AGoodFileLoadsWithDivisionsInCanonicalOrder) {
  TempDir dir;
  auto r = LoadRegime(dir.Write("test.toml", kGood));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->holiday_divisions,
            (std::vector<Division>{Division::kEnglandAndWales, Division::kScotland}));
  EXPECT_FALSE(r->extension.has_value());
}

TEST(LoadRegimeTest, ErrorsNameTheFileAndTheKey) {
  TempDir dir;
  const std::string file = dir.path() + "/test.toml";
  EXPECT_EQ(LoadMessage(dir, std::string(kGood) + "colour = \"red\"\n"), file + ": unknown key 'colour'");
  EXPECT_EQ(LoadMessage(dir, Replace(kGood, "rule = \"working_days\"", "rule = \"weeks\"")),
            file + ": key 'rule': expected \"working_days\" or \"calendar_months\", not \"weeks\"");
  EXPECT_EQ(LoadMessage(dir, Replace(kGood, "\"scotland\", ", "\"wales\", ")),
            file + ": key 'holiday_divisions': 'wales' is not england-and-wales, scotland or northern-ireland");
  EXPECT_EQ(LoadMessage(dir, Replace(kGood, "count = 20", "count = 0")),
            file + ": key 'count': 0 is not between 1 and 366");
  EXPECT_EQ(LoadMessage(dir, Replace(kGood, "count = 20", "count = \"20\"")),
            file + ": key 'count': expected a whole number");
  EXPECT_EQ(LoadMessage(dir, Replace(kGood, "name = \"test\"", "name = \"other\"")),
            file + ": key 'name': 'other' differs from the file name");
  EXPECT_EQ(LoadMessage(dir, Replace(kGood, "good_friday = false\n", "")),
            file + ": missing key 'good_friday' (true or false)");
  EXPECT_EQ(LoadMessage(dir, Replace(kGood, "\"https://example.org/law\"", "\"the Act\"")),
            file + ": key 'source': 'the Act' is not a web address");
  EXPECT_EQ(LoadMessage(dir, Replace(kGood, "[\"fees\"]", "[\"holiday\"]")),
            file + ": key 'pauses': 'holiday' is not \"clarification\" or \"fees\"");
  EXPECT_EQ(LoadMessage(dir, std::string(kGood) + "[extension]\nname = \"x\"\nlegal_basis = \"y\"\n"),
            file + ": [extension]: missing key 'default'");
  EXPECT_NE(LoadMessage(dir, Replace(kGood, "rule = \"working_days\"", "rule = \"calendar_months\""))
                .find("key 'pauses': a calendar_months rule cannot take \"fees\""),
            std::string::npos);
  EXPECT_NE(LoadMessage(dir, "name = \n").find(file + ":1:"), std::string::npos);
}

}  // namespace
}  // namespace foidesk::reg
