// The shipped bank holiday table, its loader's errors, gov.uk's JSON import,
// and the merge and diff an update records.
#include "register/holidays.h"

#include <gtest/gtest.h>

#include <set>

#include "register/test_util.h"

namespace foidesk::reg {
namespace {

using testing::D;
using testing::Shipped;
using testing::TempDir;

const std::string kFixture2016 = testing::kTestData + "/govuk-bank-holidays-2016.json";

std::set<std::string> UnionOfYear(const HolidayCalendar& cal, int year) {
  std::set<std::string> out;
  for (const auto& h : cal.List(year)) out.insert(h.date.Iso());
  return out;
}

// The research notes' 2016 table: 13 weekdays that are a bank holiday in
// some part of the UK, so not FOIA working days (s10(6)).
TEST(ShippedHolidaysTest, The2016UnionIsTheThirteenDaysInTheNotes) {
  const std::set<std::string> want = {"2016-01-01", "2016-01-04", "2016-03-17", "2016-03-25",
                                      "2016-03-28", "2016-05-02", "2016-05-30", "2016-07-12",
                                      "2016-08-01", "2016-08-29", "2016-11-30", "2016-12-26",
                                      "2016-12-27"};
  EXPECT_EQ(UnionOfYear(Shipped(), 2016), want);
}

TEST(ShippedHolidaysTest, The2016TableByDivision) {
  EXPECT_EQ(Shipped().List(2016, Division::kEnglandAndWales).size(), 8u);
  EXPECT_EQ(Shipped().List(2016, Division::kScotland).size(), 9u);
  EXPECT_EQ(Shipped().List(2016, Division::kNorthernIreland).size(), 10u);
  EXPECT_EQ(Shipped().Title(D("2016-01-04"), Division::kScotland), "2nd January (substitute day)");
  EXPECT_FALSE(Shipped().IsHoliday(D("2016-01-04"), Division::kEnglandAndWales));
  EXPECT_FALSE(Shipped().IsHoliday(D("2016-03-28"), Division::kScotland));  // no Easter Monday
  EXPECT_TRUE(Shipped().IsHoliday(D("2016-03-28"), Division::kNorthernIreland));
  EXPECT_EQ(Shipped().Title(D("2016-07-12"), Division::kNorthernIreland),
            "Battle of the Boyne (Orangemen\u2019s Day)");
  EXPECT_EQ(Shipped().Title(D("2016-12-27"), Division::kEnglandAndWales),
            "Christmas Day (substitute day)");
}

TEST(ShippedHolidaysTest, TwentyTwentyTwoHasTheJubileeAndTheFuneral) {
  for (Division d : kAllDivisions) {
    EXPECT_EQ(Shipped().Title(D("2022-06-02"), d), "Spring bank holiday") << DivisionId(d);
    EXPECT_EQ(Shipped().Title(D("2022-06-03"), d), "Platinum Jubilee bank holiday") << DivisionId(d);
    EXPECT_EQ(Shipped().Title(D("2022-09-19"), d),
              "Bank Holiday for the State Funeral of Queen Elizabeth II")
        << DivisionId(d);
    EXPECT_FALSE(Shipped().IsHoliday(D("2022-05-30"), d)) << "the Spring bank holiday moved";
  }
}

TEST(ShippedHolidaysTest, EveryOneOffDayIsInAllThreeDivisions) {
  for (const char* day : {"2011-04-29", "2012-06-04", "2012-06-05", "2020-05-08", "2022-06-02",
                          "2022-06-03", "2022-09-19", "2023-05-08"})
    for (Division d : kAllDivisions) EXPECT_TRUE(Shipped().IsHoliday(D(day), d)) << day << " " << DivisionId(d);
  // The days they replaced are ordinary working days.
  for (const char* day : {"2012-05-28", "2020-05-04"})
    for (Division d : kAllDivisions) EXPECT_FALSE(Shipped().IsHoliday(D(day), d)) << day;
}

TEST(ShippedHolidaysTest, StAndrewsDayStartsIn2007AndMovesOffWeekends) {
  EXPECT_FALSE(Shipped().IsHoliday(D("2006-11-30"), Division::kScotland));
  EXPECT_TRUE(Shipped().IsHoliday(D("2007-11-30"), Division::kScotland));
  EXPECT_EQ(Shipped().Title(D("2019-12-02"), Division::kScotland), "St Andrew\u2019s Day (substitute day)");
}

TEST(ShippedHolidaysTest, CoversEveryDivisionFrom2005To2030AndNoMore) {
  for (Division d : kAllDivisions) {
    for (int y = 2005; y <= 2030; ++y) EXPECT_TRUE(Shipped().Covers(d, y)) << y;
    EXPECT_FALSE(Shipped().Covers(d, 2004));
    EXPECT_FALSE(Shipped().Covers(d, 2031));
    EXPECT_EQ(Shipped().CoveredYears(d), std::make_pair(2005, 2030));
  }
}

// Substitute days are listed in place of weekend dates, so the table never
// names a Saturday or Sunday.
TEST(ShippedHolidaysTest, NoHolidayFallsOnAWeekend) {
  for (const auto& h : Shipped().List()) EXPECT_LT(h.date.Weekday(), 5) << h.date.Iso() << " " << h.title;
}

TEST(HolidayCsvTest, ABadDateNamesFileLineAndColumn) {
  TempDir dir;
  const std::string path = dir.Write("h.csv",
                                     "# comment\n"
                                     "date,division,title\n"
                                     "2016-01-01,scotland,New Year\n"
                                     "2016-02-30,scotland,Nonsense\n");
  auto r = HolidayCalendar::LoadCsv(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, path + ":4: column 1 (date): '2016-02-30' is not a date YYYY-MM-DD");
}

TEST(HolidayCsvTest, AnUnknownDivisionNamesTheColumn) {
  TempDir dir;
  const std::string path = dir.Write("h.csv", "date,division,title\n2016-01-01,wales,New Year\n");
  auto r = HolidayCalendar::LoadCsv(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find(path + ":2: column 2 (division): 'wales'"), std::string::npos)
      << r.error().message;
}

TEST(HolidayCsvTest, RejectsMissingTitleWrongColumnsRepeatsAndNoHeader) {
  TempDir dir;
  auto message = [&](const std::string& text) {
    auto r = HolidayCalendar::LoadCsv(dir.Write("h.csv", text));
    return r.ok() ? std::string("loaded") : r.error().message;
  };
  EXPECT_NE(message("date,division,title\n2016-01-01,scotland, \n").find(":2: column 3 (title): empty title"),
            std::string::npos);
  EXPECT_NE(message("date,division,title\n2016-01-01,scotland\n").find(":2: expected 3 columns"),
            std::string::npos);
  EXPECT_NE(message("date,division,title\n2016-01-01,scotland,A\n2016-01-01,scotland,B\n")
                .find(":3: 2016-01-01 scotland is already on line 2"),
            std::string::npos);
  EXPECT_NE(message("2016-01-01,scotland,A\n").find(":1: expected the header date,division,title"),
            std::string::npos);
  EXPECT_NE(message("# only comments\n").find("no header"), std::string::npos);
}

TEST(HolidayCsvTest, QuotedTitlesAndCrLfAreRead) {
  TempDir dir;
  auto r = HolidayCalendar::LoadCsv(
      dir.Write("h.csv", "date,division,title\r\n2016-01-01,scotland,\"New Year, again\"\r\n"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->Title(D("2016-01-01"), Division::kScotland), "New Year, again");
}

TEST(GovUkImportTest, ReadsTheFeedWithNotesInBrackets) {
  auto r = ImportGovUkJson(kFixture2016);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->size(), 27u);  // 8 + 9 + 10
  auto cal = HolidayCalendar::FromHolidays(*r);
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(cal->Title(D("2016-12-27"), Division::kNorthernIreland), "Christmas Day (substitute day)");
  EXPECT_EQ(cal->Title(D("2016-11-30"), Division::kScotland), "St Andrew\u2019s Day");
}

// gov.uk's own 2016 data agrees with the shipped table, titles included.
TEST(GovUkImportTest, ImportingGovUks2016ChangesNothing) {
  auto imported = ImportGovUkJson(kFixture2016);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  const HolidayMerge m = MergeImported(Shipped(), *imported);
  EXPECT_TRUE(m.diff.empty()) << ::testing::PrintToString(DiffLines(m.diff));
  EXPECT_EQ(m.replaced.size(), 3u);
  EXPECT_TRUE(m.partial_years.empty());
}

TEST(GovUkImportTest, ABadEntryIsNamedByItsJsonPath) {
  TempDir dir;
  const std::string path = dir.Write("b.json", R"({"scotland": {"division": "scotland", "events": [
    {"title": "New Year’s Day", "date": "2031-01-01", "notes": "", "bunting": true},
    {"title": "2nd January", "date": "2031-01-32", "notes": "", "bunting": true}]}})");
  auto r = ImportGovUkJson(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            path + ": /scotland/events/1/date: '2031-01-32' is not a date YYYY-MM-DD");
}

TEST(GovUkImportTest, RejectsNonJsonUnknownDivisionsAndMissingFields) {
  TempDir dir;
  auto message = [&](const std::string& text) {
    auto r = ImportGovUkJson(dir.Write("b.json", text));
    return r.ok() ? std::string("loaded") : r.error().message;
  };
  EXPECT_NE(message("{not json").find("not JSON"), std::string::npos);
  EXPECT_NE(message(R"({"wales": {"events": []}})").find("/wales: unknown division"), std::string::npos);
  EXPECT_NE(message(R"({"scotland": {"events": [{"date": "2031-01-01"}]}})")
                .find("/scotland/events/0: missing \"title\""),
            std::string::npos);
  EXPECT_NE(message(R"({"scotland": {"division": "england-and-wales", "events": []}})")
                .find("/scotland/division: does not match"),
            std::string::npos);
  EXPECT_NE(message(R"({"scotland": {"events": [{"title": "A", "date": "2031-01-01", "notes": 3}]}})")
                .find("/scotland/events/0/notes: expected a string"),
            std::string::npos);
}

// A newer feed: it moves a 2030 holiday (a made-up proclamation), adds 2031,
// and holds only the second half of 2032.
const char kNewerFeed[] = R"json({"northern-ireland": {"division": "northern-ireland", "events": [
  {"title": "New Year’s Day", "date": "2030-01-01", "notes": "", "bunting": true},
  {"title": "St Patrick’s Day", "date": "2030-03-18", "notes": "Substitute day", "bunting": true},
  {"title": "Christmas Day", "date": "2030-12-25", "notes": "", "bunting": true},
  {"title": "New Year’s Day", "date": "2031-01-01", "notes": "", "bunting": true},
  {"title": "Christmas Day", "date": "2031-12-25", "notes": "", "bunting": true},
  {"title": "Battle of the Boyne (Orangemen’s Day)", "date": "2032-07-12", "notes": "", "bunting": false},
  {"title": "Christmas Day", "date": "2032-12-27", "notes": "Substitute day", "bunting": true}]}})json";

TEST(GovUkImportTest, ImportedYearsReplaceShippedYearsAndPartialYearsAreLeftOut) {
  TempDir dir;
  auto imported = ImportGovUkJson(dir.Write("newer.json", kNewerFeed));
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  const HolidayMerge m = MergeImported(Shipped(), *imported);
  const HolidayCalendar& cal = m.calendar;
  // 2030 in Northern Ireland is now exactly the three imported days.
  EXPECT_EQ(cal.List(2030, Division::kNorthernIreland).size(), 3u);
  EXPECT_TRUE(cal.IsHoliday(D("2030-03-18"), Division::kNorthernIreland));
  EXPECT_FALSE(cal.IsHoliday(D("2030-03-19"), Division::kNorthernIreland));
  // Other divisions keep the shipped 2030.
  EXPECT_EQ(cal.List(2030, Division::kEnglandAndWales), Shipped().List(2030, Division::kEnglandAndWales));
  // 2031 is covered now; 2032 is not, because only its second half came.
  EXPECT_TRUE(cal.Covers(Division::kNorthernIreland, 2031));
  EXPECT_FALSE(cal.Covers(Division::kNorthernIreland, 2032));
  EXPECT_FALSE(cal.Covers(Division::kScotland, 2031));
  ASSERT_EQ(m.partial_years.size(), 1u);
  EXPECT_EQ(m.partial_years[0].year, 2032);
  EXPECT_EQ(m.replaced.size(), 2u);
  EXPECT_TRUE(m.diff.ChangesDates());
}

TEST(GovUkImportTest, TheDiffListsAddedRemovedAndRetitledDays) {
  TempDir dir;
  auto imported = ImportGovUkJson(dir.Write("newer.json", kNewerFeed));
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  const HolidayMerge m = MergeImported(Shipped(), *imported);
  std::set<std::string> added, removed;
  for (const auto& h : m.diff.added) added.insert(h.date.Iso());
  for (const auto& h : m.diff.removed) removed.insert(h.date.Iso());
  EXPECT_EQ(added, (std::set<std::string>{"2031-01-01", "2031-12-25"}));
  // Shipped NI 2030: St Patrick's Day is Sunday 17 March, so Monday 18 March
  // stays; every other NI holiday of 2030 except New Year and Christmas goes.
  EXPECT_EQ(removed.count("2030-03-18"), 0u);
  EXPECT_EQ(removed.count("2030-07-12"), 1u);
  EXPECT_EQ(removed.count("2030-12-26"), 1u);
  EXPECT_EQ(removed.size(), Shipped().List(2030, Division::kNorthernIreland).size() - 3);
  ASSERT_EQ(m.diff.retitled.size(), 0u);
  const auto lines = DiffLines(m.diff);
  EXPECT_EQ(lines.front(), "- 2030-04-19 northern-ireland: Good Friday");
  EXPECT_EQ(lines.back(), "+ 2031-12-25 northern-ireland: Christmas Day");
}

TEST(GovUkImportTest, ARepeatedDayKeepsItsFirstEntry) {
  const std::vector<Holiday> twice = {{D("2031-01-01"), Division::kScotland, "A"},
                                      {D("2031-01-01"), Division::kScotland, "B"},
                                      {D("2031-12-25"), Division::kScotland, "C"}};
  const HolidayMerge m = MergeImported(Shipped(), twice);
  EXPECT_EQ(m.calendar.Title(D("2031-01-01"), Division::kScotland), "A");
  EXPECT_EQ(m.calendar.List(2031, Division::kScotland).size(), 2u);
}

TEST(GovUkImportTest, ANewTitleIsARetitleNotADateChange) {
  auto before = HolidayCalendar::FromHolidays({{D("2016-01-01"), Division::kScotland, "New Year"}});
  auto after = HolidayCalendar::FromHolidays({{D("2016-01-01"), Division::kScotland, "New Year’s Day"}});
  ASSERT_TRUE(before.ok() && after.ok());
  HolidayDiff diff = DiffHolidays(*before, *after);
  ASSERT_EQ(diff.retitled.size(), 1u);
  EXPECT_FALSE(diff.ChangesDates());
  EXPECT_EQ(DiffLines(diff), std::vector<std::string>{"~ 2016-01-01 scotland: New Year -> New Year’s Day"});
}

}  // namespace
}  // namespace foidesk::reg
