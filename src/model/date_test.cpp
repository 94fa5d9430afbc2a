// Calendar arithmetic, date parsing, financial years and the Europe/London
// local date of an instant (British Summer Time).
#include "model/date.h"

#include <gtest/gtest.h>

namespace foidesk {
namespace {

TEST(DateTest, DaysRoundTrip) {
  for (int64_t d = -800000; d < 800000; d += 997) {
    Date date = Date::FromDaysSinceEpoch(d);
    EXPECT_EQ(date.DaysSinceEpoch(), d);
  }
  EXPECT_EQ((Date{1970, 1, 1}.DaysSinceEpoch()), 0);
  EXPECT_EQ((Date{2016, 3, 16}.Weekday()), 2);  // a Wednesday
}

TEST(DateTest, FinancialYear) {
  struct Case { Date date; const char* fy; } cases[] = {
      {{2014, 3, 31}, "2013/14"}, {{2014, 4, 1}, "2014/15"}, {{2015, 1, 1}, "2014/15"},
      {{1999, 4, 1}, "1999/00"},  {{2000, 3, 31}, "1999/00"},
  };
  for (const auto& c : cases) EXPECT_EQ(c.date.FinancialYear(), c.fy) << c.date.Iso();
}

TEST(DateTest, ParsePatterns) {
  struct Case { const char* text; const char* pattern; std::optional<Date> want; } cases[] = {
      {"03/06/2014", "%d/%m/%Y", Date{2014, 6, 3}},
      {"31/02/2013", "%d/%m/%Y", std::nullopt},  // impossible date
      {"29/02/2016", "%d/%m/%Y", Date{2016, 2, 29}},
      {"29/02/2015", "%d/%m/%Y", std::nullopt},
      {"01/06/2014 22:15", "%d/%m/%Y %H:%M", Date{2014, 6, 1}},
      {"01/06/2014 25:15", "%d/%m/%Y %H:%M", std::nullopt},
      {"1/6/2014", "%d/%m/%Y", std::nullopt},
      {"2014-06-03", "%Y-%m-%d", Date{2014, 6, 3}},
      {"2014-06-03x", "%Y-%m-%d", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseDatePattern(c.text, c.pattern), c.want) << c.text;
}

TEST(DateTest, LocalDateOfTimestampHonoursBritishSummerTime) {
  struct Case { const char* ts; std::optional<Date> want; } cases[] = {
      {"2015-03-31T23:30:00+00:00", Date{2015, 4, 1}},   // BST: 00:30 local
      {"2015-01-31T23:30:00+00:00", Date{2015, 1, 31}},  // GMT
      {"2015-03-29T00:30:00Z", Date{2015, 3, 29}},       // before the 01:00 UTC change
      {"2015-03-28T23:30:00Z", Date{2015, 3, 28}},
      {"2015-10-24T23:30:00+00:00", Date{2015, 10, 25}},  // still BST
      {"2015-10-25T00:30:00+00:00", Date{2015, 10, 25}},
      {"2015-10-25T23:30:00+00:00", Date{2015, 10, 25}},  // GMT again
      {"2016-06-30T23:30:00+00:00", Date{2016, 7, 1}},
      {"2016-07-01T00:10:00+01:00", Date{2016, 7, 1}},
      {"2016-06-30T22:59:59.123+00:00", Date{2016, 6, 30}},
      {"2016-01-01T01:00:00+02:00", Date{2015, 12, 31}},
      {"2016-02-30T01:00:00+00:00", std::nullopt},
      {"2016-01-01T01:00:00+0x:00", std::nullopt},
      {"yesterday", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(LocalDateOfTimestamp(c.ts), c.want) << c.ts;
}

TEST(DateTest, AgeOnBirthday) {
  EXPECT_EQ(AgeOn({1997, 2, 14}, {2014, 2, 13}), 16);
  EXPECT_EQ(AgeOn({1997, 2, 14}, {2014, 2, 14}), 17);
  EXPECT_EQ(AgeOn({1996, 2, 29}, {2014, 2, 28}), 17);
  EXPECT_EQ(AgeOn({1996, 2, 29}, {2014, 3, 1}), 18);
}

}  // namespace
}  // namespace foidesk
