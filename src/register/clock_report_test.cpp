// What `foidesk clock` and `foidesk holidays check` print, tested at the
// library level: option errors, the working as text, the JSON object and
// the record of a holiday update.
#include "register/clock_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "register/test_util.h"

namespace foidesk::reg {
namespace {

using testing::D;
using testing::Shipped;
using testing::ShippedRegime;

Deadline Christmas2016() {
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(), {D("2016-12-23"), {}, {}});
  EXPECT_TRUE(d.ok()) << d.error().message;
  return d.ok() ? *d : Deadline{};
}

TEST(ClockOptionsTest, DatesAndPausesParse) {
  EXPECT_EQ(*ParseDateOption("--received", "2016-12-23"), D("2016-12-23"));
  auto closed = ParsePauseOption("--fees", PauseKind::kFees, "2016-10-05:2016-10-10");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->kind, PauseKind::kFees);
  EXPECT_EQ(closed->from, D("2016-10-05"));
  EXPECT_EQ(closed->to, D("2016-10-10"));
  for (const char* open : {"2016-10-05:", "2016-10-05"}) {
    auto p = ParsePauseOption("--clarification", PauseKind::kClarification, open);
    ASSERT_TRUE(p.ok()) << open;
    EXPECT_FALSE(p->to.has_value()) << open;
  }
}

TEST(ClockOptionsTest, ErrorsNameTheOptionAndTheValue) {
  auto bad_date = ParseDateOption("--received", "23/12/2016");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_EQ(bad_date.error().message, "--received '23/12/2016': expected a date YYYY-MM-DD");
  EXPECT_EQ(bad_date.error().code, ErrorCode::kInvalidInput);
  auto bad_from = ParsePauseOption("--fees", PauseKind::kFees, "2016-13-05:2016-10-10");
  ASSERT_FALSE(bad_from.ok());
  EXPECT_EQ(bad_from.error().message,
            "--fees '2016-13-05:2016-10-10': FROM '2016-13-05' is not a date YYYY-MM-DD "
            "(expected FROM:TO, or FROM: while open)");
  auto bad_to = ParsePauseOption("--clarification", PauseKind::kClarification, "2016-10-05:soon");
  ASSERT_FALSE(bad_to.ok());
  EXPECT_EQ(bad_to.error().message, "--clarification '2016-10-05:soon': TO 'soon' is not a date YYYY-MM-DD");
}

TEST(ClockJsonTest, HasSortedKeysAndTheWorking) {
  const std::string text = DeadlineJson(Christmas2016());
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["received"], "2016-12-23");
  EXPECT_EQ(j["due"], "2017-01-26");
  EXPECT_EQ(j["day_one"], "2016-12-28");
  EXPECT_EQ(j["regime"], "foia");
  EXPECT_TRUE(j["extended_due"].is_null());
  EXPECT_TRUE(j["stopped"].is_null());
  ASSERT_EQ(j["skipped"].size(), 14u);
  EXPECT_EQ(j["skipped"][7], (nlohmann::json{{"date", "2017-01-03"},
                                             {"reason", "bank holiday in Scotland: 2nd January (substitute day)"}}));
  // Sorted keys: each key appears after the one before it in the text.
  size_t last = 0;
  for (const char* key : {"\"counted\"", "\"date_of_receipt\"", "\"day_one\"", "\"due\"", "\"extended_due\"",
                          "\"notes\"", "\"received\"", "\"regime\"", "\"required\"", "\"skipped\"", "\"stopped\""}) {
    const size_t at = text.find(key);
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GT(at, last) << key;
    last = at;
  }
}

TEST(ClockJsonTest, AnOpenPauseHasANullDueDateAndSaysWhy) {
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(),
                           {D("2016-10-03"), {{PauseKind::kFees, D("2016-10-05"), std::nullopt}}, {}});
  ASSERT_TRUE(d.ok()) << d.error().message;
  const auto j = nlohmann::json::parse(DeadlineJson(*d));
  EXPECT_TRUE(j["due"].is_null());
  EXPECT_EQ(j["counted"], 1);
  EXPECT_TRUE(j["stopped"].is_string());
}

TEST(ClockTextTest, ShowsTheDueDateAndEachSkippedDay) {
  const std::string text = DeadlineText(ShippedRegime("foia"), Christmas2016());
  EXPECT_NE(text.find("received         Fri 2016-12-23\n"), std::string::npos) << text;
  EXPECT_NE(text.find("day one          Wed 2016-12-28\n"), std::string::npos) << text;
  EXPECT_NE(text.find("due              Thu 2017-01-26\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  Tue 2017-01-03  bank holiday in Scotland: 2nd January (substitute day)\n"),
            std::string::npos)
      << text;
}

TEST(ClockTextTest, AStoppedClockSaysSo) {
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(),
                           {D("2016-10-03"), {{PauseKind::kClarification, D("2016-10-05"), std::nullopt}}, {}});
  ASSERT_TRUE(d.ok()) << d.error().message;
  const std::string text = DeadlineText(ShippedRegime("foia"), *d);
  EXPECT_NE(text.find("due              none yet: the clock is stopped from 2016-10-05"), std::string::npos)
      << text;
}

TEST(HolidayReportTest, ListAndCheckOutput) {
  const std::string want =
      "2016-01-01  Friday     northern-ireland   New Year\u2019s Day\n"
      "2016-03-17  Thursday   northern-ireland   St Patrick\u2019s Day\n";
  EXPECT_EQ(HolidayListText(Shipped().List(2016, Division::kNorthernIreland)).substr(0, want.size()), want);
  auto imported = ImportGovUkJson(testing::kTestData + "/govuk-bank-holidays-2016.json");
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  const std::string report = MergeReportText("x.json", MergeImported(Shipped(), *imported));
  EXPECT_EQ(report,
            "x.json: replaces england-and-wales 2016; scotland 2016; northern-ireland 2016\n"
            "0 added, 0 removed, 0 retitled: no deadline changes\n");
}

}  // namespace
}  // namespace foidesk::reg
