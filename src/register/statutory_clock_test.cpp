// The statutory clock against dates worked out by hand from the law and a
// calendar. Each row's comment is that working: "d1" is day one, "(n)" the
// count reached on a day, and skipped days are named.
#include "register/statutory_clock.h"

#include <gtest/gtest.h>

#include "register/test_util.h"

namespace foidesk::reg {
namespace {

using testing::D;
using testing::Shipped;
using testing::ShippedRegime;

struct Row {
  const char* name;
  const char* regime;
  const char* received;
  const char* due;
  const char* day_one;
};

// gtest prints a failing row by its name, not its bytes.
void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

class ClockTableTest : public ::testing::TestWithParam<Row> {};

TEST_P(ClockTableTest, DueDateAndDayOne) {
  const Row& row = GetParam();
  auto d = ComputeDeadline(ShippedRegime(row.regime), Shipped(), {D(row.received), {}, {}});
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_TRUE(d->due.has_value());
  EXPECT_EQ(d->due->Iso(), row.due);
  ASSERT_TRUE(d->day_one.has_value());
  EXPECT_EQ(d->day_one->Iso(), row.day_one);
  EXPECT_EQ(d->counted, ShippedRegime(row.regime).count);
  EXPECT_FALSE(d->stopped.has_value());
}

const Row kRows[] = {
    // Fri 2016-12-23. 24/25 weekend, 26 Boxing Day, 27 Christmas (substitute):
    // d1 Wed 28 (1), 29 (2), 30 (3); 31/1 weekend, Mon 2 Jan New Year
    // (substitute, all), Tue 3 Jan 2nd January (Scotland only, counts for
    // FOIA); Wed 4 (4) ... Fri 6 (6), 9-13 (7-11), 16-20 (12-16), 23-26 (17-20).
    {"foia_christmas_2016", "foia", "2016-12-23", "2017-01-26", "2016-12-28"},
    // FOISA skips the same days here: 3 January is a Scottish holiday.
    {"foisa_christmas_2016", "foisa", "2016-12-23", "2017-01-26", "2016-12-28"},
    // Fri 2019-12-20. d1 Mon 23 (1), 24 (2); Wed 25 Christmas Day, Thu 26
    // Boxing Day; 27 (3), 30 (4), 31 (5); Wed 1 Jan New Year, Thu 2 Jan 2nd
    // January (Scotland); Fri 3 (6), 6-10 (7-11), 13-17 (12-16), 20-23 (17-20).
    {"foia_christmas_2019", "foia", "2019-12-20", "2020-01-23", "2019-12-23"},
    // Thu 2015-12-31. Fri 1 Jan New Year; 2/3 weekend; Mon 4 Jan 2nd January
    // (Scotland, substitute) is no FOIA working day either: d1 Tue 5 (1), 5-8
    // (1-4), 11-15 (5-9), 18-22 (10-14), 25-29 (15-19), Mon 1 Feb (20).
    {"foia_second_january_2016", "foia", "2015-12-31", "2016-02-01", "2016-01-05"},
    // Wed 2016-03-23. d1 Thu 24 (1); Fri 25 Good Friday, 26/27, Mon 28 Easter
    // Monday; 29-31 (2-4), Fri 1 Apr (5), 4-8 (6-10), 11-15 (11-15), 18-22 (16-20).
    {"foia_easter_2016", "foia", "2016-03-23", "2016-04-22", "2016-03-24"},
    // FOISA: Easter Monday is no Scottish bank holiday, so it counts: 24 (1),
    // Mon 28 (2), 29-31 (3-5), 1 Apr (6), 4-8 (7-11), 11-15 (12-16), 18-21 (17-20).
    {"foisa_easter_2016", "foisa", "2016-03-23", "2016-04-21", "2016-03-24"},
    // Mon 2016-11-28. d1 Tue 29 (1); Wed 30 St Andrew's Day (Scotland); Thu 1
    // Dec (2), 2 (3), 5-9 (4-8), 12-16 (9-13), 19-23 (14-18); 26 Boxing, 27
    // Christmas (substitute); Wed 28 (19), Thu 29 (20).
    {"foia_st_andrews_2016", "foia", "2016-11-28", "2016-12-29", "2016-11-29"},
    {"foisa_st_andrews_2016", "foisa", "2016-11-28", "2016-12-29", "2016-11-29"},
    // Fri 2016-07-29. Mon 1 Aug is Scotland's summer holiday: d1 Tue 2 (1),
    // 2-5 (1-4), 8-12 (5-9), 15-19 (10-14), 22-26 (15-19); Mon 29 Aug is the
    // summer holiday elsewhere; Tue 30 (20).
    {"foia_summer_2016", "foia", "2016-07-29", "2016-08-30", "2016-08-02"},
    // FOISA skips 1 Aug but counts Mon 29 Aug as the 20th day.
    {"foisa_summer_2016", "foisa", "2016-07-29", "2016-08-29", "2016-08-02"},
    // Mon 2016-03-14. d1 Tue 15 (1), 16 (2); Thu 17 St Patrick's Day (NI);
    // 18 (3), 21-24 (4-7); 25 Good Friday, 28 Easter Monday; 29-31 (8-10), 1
    // Apr (11), 4-8 (12-16), 11-14 (17-20).
    {"foia_st_patricks_2016", "foia", "2016-03-14", "2016-04-14", "2016-03-15"},
    // FOISA counts 17 Mar and Easter Monday: 15-18 (1-4), 21-24 (5-8); 25
    // Good Friday; 28-31 (9-12), 1 Apr (13), 4-8 (14-18), 11-12 (19-20).
    {"foisa_st_patricks_2016", "foisa", "2016-03-14", "2016-04-12", "2016-03-15"},
    // Fri 2016-07-08. d1 Mon 11 (1); Tue 12 Battle of the Boyne (NI); 13-15
    // (2-4), 18-22 (5-9), 25-29 (10-14); Mon 1 Aug (Scotland); 2-5 (15-18),
    // Mon 8 (19), Tue 9 (20).
    {"foia_boyne_2016", "foia", "2016-07-08", "2016-08-09", "2016-07-11"},
    // FOISA counts 12 Jul: 11-15 (1-5), 18-22 (6-10), 25-29 (11-15); 1 Aug
    // skipped; 2-5 (16-19), Mon 8 (20).
    {"foisa_boyne_2016", "foisa", "2016-07-08", "2016-08-08", "2016-07-11"},
    // Thu 2011-04-21. Fri 22 Good Friday, 23/24, Mon 25 Easter Monday: d1 Tue
    // 26 (1), 27 (2), 28 (3); Fri 29 royal wedding, 30/1, Mon 2 May Early May;
    // 3-6 (4-7), 9-13 (8-12), 16-20 (13-17), 23-25 (18-20).
    {"foia_royal_wedding_2011", "foia", "2011-04-21", "2011-05-25", "2011-04-26"},
    // Fri 2012-05-25. Mon 28 May is a working day in 2012 (the Spring holiday
    // moved): d1 Mon 28 (1), 29-31 (2-4), Fri 1 Jun (5); Mon 4 Spring
    // (moved), Tue 5 Diamond Jubilee; 6-8 (6-8), 11-15 (9-13), 18-22
    // (14-18), 25 (19), 26 (20).
    {"foia_diamond_jubilee_2012", "foia", "2012-05-25", "2012-06-26", "2012-05-28"},
    // Thu 2020-04-30. Mon 4 May is a working day in 2020: d1 Fri 1 May (1),
    // 4-7 (2-5); Fri 8 VE day; 11-15 (6-10), 18-22 (11-15); Mon 25 Spring;
    // 26-29 (16-19), Mon 1 Jun (20).
    {"foia_ve_day_2020", "foia", "2020-04-30", "2020-06-01", "2020-05-01"},
    // Fri 2022-05-27. Mon 30 May is a working day in 2022: d1 Mon 30 (1), 31
    // (2), Wed 1 Jun (3); Thu 2 Spring (moved), Fri 3 Platinum Jubilee; 6-10
    // (4-8), 13-17 (9-13), 20-24 (14-18), 27 (19), 28 (20).
    {"foia_platinum_jubilee_2022", "foia", "2022-05-27", "2022-06-28", "2022-05-30"},
    // Fri 2022-09-09. d1 Mon 12 (1), 12-16 (1-5); Mon 19 State Funeral; 20-23
    // (6-9), 26-30 (10-14), 3-7 Oct (15-19), Mon 10 Oct (20).
    {"foia_state_funeral_2022", "foia", "2022-09-09", "2022-10-10", "2022-09-12"},
    // Fri 2023-04-28. Mon 1 May Early May: d1 Tue 2 (1), 2-5 (1-4); Mon 8
    // Coronation; 9-12 (5-8), 15-19 (9-13), 22-26 (14-18); Mon 29 Spring;
    // 30 (19), 31 (20).
    {"foia_coronation_2023", "foia", "2023-04-28", "2023-05-31", "2023-05-02"},
    // Received Fri, Sat or Sun 14-16 Oct 2016: day one is Mon 17 in each case.
    // 17-21 (1-5), 24-28 (6-10), 31 Oct-4 Nov (11-15), 7-11 (16-20); no
    // holiday in between.
    {"foia_received_friday", "foia", "2016-10-14", "2016-11-11", "2016-10-17"},
    {"foia_received_saturday", "foia", "2016-10-15", "2016-11-11", "2016-10-17"},
    {"foia_received_sunday", "foia", "2016-10-16", "2016-11-11", "2016-10-17"},
    // Received on Mon 2016-05-30, the Spring bank holiday: d1 Tue 31 (1), 1-3
    // Jun (2-4), 6-10 (5-9), 13-17 (10-14), 20-24 (15-19), Mon 27 (20).
    {"foia_received_bank_holiday", "foia", "2016-05-30", "2016-06-27", "2016-05-31"},
    // EIR reg 5(2) counts as FOIA does: the Christmas 2016 row again.
    {"eir_christmas_2016", "eir", "2016-12-23", "2017-01-26", "2016-12-28"},
    // Internal review asked for on Thu 2016-12-01: d1 Fri 2 (1), 5-9 (2-6),
    // 12-16 (7-11), 19-23 (12-16); 26, 27 holidays; 28-30 (17-19); 2, 3 Jan
    // holidays; Wed 4 Jan (20).
    {"internal_review_2016", "internal-review", "2016-12-01", "2017-01-04", "2016-12-02"},
    // SAR: the month runs from the day of receipt to the corresponding date.
    // Tue 2023-01-31: there is no 31 February, so the last day, Tue 28 Feb.
    {"sar_month_end", "sar", "2023-01-31", "2023-02-28", "2023-01-31"},
    // Wed 2024-01-31 in a leap year: Thu 29 Feb.
    {"sar_month_end_leap_year", "sar", "2024-01-31", "2024-02-29", "2024-01-31"},
    // Received on Sun 2016-01-31 (a leap year): Mon 29 Feb, a working day.
    {"sar_received_sunday", "sar", "2016-01-31", "2016-02-29", "2016-01-31"},
    // Sat 2016-11-26: 26 Dec is Boxing Day and 27 Dec Christmas (substitute)
    // in England and Wales, so the next working day, Wed 28 Dec.
    {"sar_due_on_bank_holiday", "sar", "2016-11-26", "2016-12-28", "2016-11-26"},
    // Sun 2016-10-30: 30 Nov is St Andrew's Day, but only England and Wales
    // holidays count for this force's SAR regime, so Wed 30 Nov stands.
    {"sar_scottish_holiday_does_not_count", "sar", "2016-10-30", "2016-11-30", "2016-10-30"},
};

INSTANTIATE_TEST_SUITE_P(HandWorked, ClockTableTest, ::testing::ValuesIn(kRows),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ClockWorkingTest, ChristmasTwentySixteenListsEverySkippedDayWithItsReason) {
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(), {D("2016-12-23"), {}, {}});
  ASSERT_TRUE(d.ok()) << d.error().message;
  const std::string all = "bank holiday in England and Wales, Scotland, Northern Ireland: ";
  const std::vector<SkippedDay> want = {
      {D("2016-12-24"), "Saturday"},
      {D("2016-12-25"), "Sunday"},
      {D("2016-12-26"), all + "Boxing Day"},
      {D("2016-12-27"), all + "Christmas Day (substitute day)"},
      {D("2016-12-31"), "Saturday"},
      {D("2017-01-01"), "Sunday"},
      {D("2017-01-02"), all + "New Year\u2019s Day (substitute day)"},
      {D("2017-01-03"), "bank holiday in Scotland: 2nd January (substitute day)"},
      {D("2017-01-07"), "Saturday"},
      {D("2017-01-08"), "Sunday"},
      {D("2017-01-14"), "Saturday"},
      {D("2017-01-15"), "Sunday"},
      {D("2017-01-21"), "Saturday"},
      {D("2017-01-22"), "Sunday"},
  };
  EXPECT_EQ(d->skipped, want);
}

TEST(ClockWorkingTest, NamedDaysAndDivisionsInReasons) {
  const Regime& foia = ShippedRegime("foia");
  const Regime& foisa = ShippedRegime("foisa");
  // s10(6) names Christmas Day and Good Friday; FOISA s73 names only Christmas Day.
  EXPECT_EQ(*NonWorkingReason(foia, Shipped(), D("2019-12-25")), "Christmas Day");
  EXPECT_EQ(*NonWorkingReason(foia, Shipped(), D("2016-03-25")), "Good Friday");
  EXPECT_EQ(*NonWorkingReason(foisa, Shipped(), D("2016-03-25")), "bank holiday in Scotland: Good Friday");
  EXPECT_EQ(*NonWorkingReason(foia, Shipped(), D("2016-11-30")), "bank holiday in Scotland: St Andrew\u2019s Day");
  EXPECT_EQ(*NonWorkingReason(foia, Shipped(), D("2016-03-28")),
            "bank holiday in England and Wales, Northern Ireland: Easter Monday");
  EXPECT_EQ(*NonWorkingReason(foisa, Shipped(), D("2016-03-28")), std::nullopt);
  EXPECT_EQ(*NonWorkingReason(foisa, Shipped(), D("2016-03-17")), std::nullopt);
  EXPECT_EQ(*NonWorkingReason(foia, Shipped(), D("2016-10-17")), std::nullopt);
}

TEST(ClockWorkingTest, DivisionsWithDifferentTitlesOnOneDayAreGrouped) {
  auto cal = HolidayCalendar::FromHolidays({
      {D("2012-01-02"), Division::kEnglandAndWales, "New Year"},
      {D("2012-01-02"), Division::kScotland, "2nd January"},
      {D("2012-01-02"), Division::kNorthernIreland, "New Year"},
  });
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(*NonWorkingReason(ShippedRegime("foia"), *cal, D("2012-01-02")),
            "bank holiday in England and Wales, Northern Ireland: New Year; "
            "bank holiday in Scotland: 2nd January");
}

// s1(3) and s10(6)(b): the day the answer arrives is the new date of receipt.
TEST(ClockPauseTest, ClarificationRestartsTheClock) {
  // Received Mon 2016-10-03; asked Wed 5, answer Mon 10 Oct. d1 Tue 11 (1),
  // 11-14 (1-4), 17-21 (5-9), 24-28 (10-14), 31 Oct-4 Nov (15-19), Mon 7 (20).
  DeadlineInput in{D("2016-10-03"), {{PauseKind::kClarification, D("2016-10-05"), D("2016-10-10")}}, {}};
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(), in);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->date_of_receipt, D("2016-10-10"));
  EXPECT_EQ(d->day_one, D("2016-10-11"));
  EXPECT_EQ(d->due, D("2016-11-07"));
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_NE(d->notes[0].find("2016-10-10 is the new date of receipt"), std::string::npos);
}

// s10(2): working days from the fees notice to the fee are disregarded.
TEST(ClockPauseTest, FeesSuspendTheClockWithoutRestartingIt) {
  // Received Mon 2016-10-03. d1 Tue 4 (1); notice Wed 5, fee Mon 10: Wed 5,
  // Thu 6, Fri 7 and Mon 10 disregarded (8/9 weekend); 11-14 (2-5), 17-21
  // (6-10), 24-28 (11-15), 31 Oct-4 Nov (16-20). Without the pause: Mon 31 Oct.
  DeadlineInput in{D("2016-10-03"), {{PauseKind::kFees, D("2016-10-05"), D("2016-10-10")}}, {}};
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(), in);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->day_one, D("2016-10-04"));
  EXPECT_EQ(d->due, D("2016-11-04"));
  const std::string paused = "paused: fees notice given on 2016-10-05, fee received on 2016-10-10";
  const std::vector<SkippedDay> first = {{D("2016-10-05"), paused}, {D("2016-10-06"), paused},
                                         {D("2016-10-07"), paused}, {D("2016-10-08"), "Saturday"},
                                         {D("2016-10-09"), "Sunday"},  {D("2016-10-10"), paused}};
  ASSERT_GE(d->skipped.size(), first.size());
  EXPECT_EQ(std::vector<SkippedDay>(d->skipped.begin(), d->skipped.begin() + 6), first);
}

TEST(ClockPauseTest, AnOpenFeesPauseLeavesNoDueDate) {
  // Received Mon 2016-10-03; Tue 4 counted (1); notice Wed 5, no fee yet.
  DeadlineInput in{D("2016-10-03"), {{PauseKind::kFees, D("2016-10-05"), std::nullopt}}, {}};
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(), in);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_FALSE(d->due.has_value());
  EXPECT_EQ(d->counted, 1);
  ASSERT_TRUE(d->stopped.has_value());
  EXPECT_NE(d->stopped->find("fee not yet received; 1 of 20 working days counted"), std::string::npos)
      << *d->stopped;
}

TEST(ClockPauseTest, AnOpenClarificationLeavesNoDueDate) {
  DeadlineInput in{D("2016-10-03"), {{PauseKind::kClarification, D("2016-10-05"), std::nullopt}}, {}};
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(), in);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_FALSE(d->due.has_value());
  EXPECT_FALSE(d->day_one.has_value());
  ASSERT_TRUE(d->stopped.has_value());
  EXPECT_NE(d->stopped->find("clarification asked on 2016-10-05, no answer yet"), std::string::npos);
}

TEST(ClockPauseTest, AnOpenPauseAfterTheDueDateLeavesTheDueDate) {
  // Received Fri 2016-10-14, due Fri 11 Nov; a fees notice on Mon 14 Nov
  // comes too late to move it.
  DeadlineInput in{D("2016-10-14"), {{PauseKind::kFees, D("2016-11-14"), std::nullopt}}, {}};
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(), in);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->due, D("2016-11-11"));
}

// s10(3): the extension is counted on from the original due date.
TEST(ClockExtensionTest, PublicInterestExtensionDefaultsToTwentyWorkingDays) {
  // Received Fri 2016-10-14, due Fri 11 Nov. Then 14-18 Nov (1-5), 21-25
  // (6-10), Mon 28 (11), Tue 29 (12), Wed 30 St Andrew's Day, 1-2 Dec
  // (13-14), 5-9 (15-19), Mon 12 Dec (20).
  DeadlineInput in{D("2016-10-14"), {}, Extension{"public interest test for s31", std::nullopt}};
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(), in);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->due, D("2016-11-11"));
  EXPECT_EQ(d->extended_due, D("2016-12-12"));
  EXPECT_EQ(d->required, 40);
  EXPECT_EQ(d->skipped.back(), (SkippedDay{D("2016-12-11"), "Sunday"}));
}

TEST(ClockExtensionTest, EirAndInternalReviewExtendToFortyWorkingDays) {
  // EIR reg 7: Fri 2016-12-23, due Thu 26 Jan; then Fri 27 (21), 30 Jan-3 Feb
  // (22-26), 6-10 (27-31), 13-17 (32-36), 20-23 (37-40).
  auto eir = ComputeDeadline(ShippedRegime("eir"), Shipped(),
                             {D("2016-12-23"), {}, Extension{"complex and voluminous", std::nullopt}});
  ASSERT_TRUE(eir.ok()) << eir.error().message;
  EXPECT_EQ(eir->extended_due, D("2017-02-23"));
  // Internal review: Thu 2016-12-01, due Wed 4 Jan; then 5-6 (21-22), 9-13
  // (23-27), 16-20 (28-32), 23-27 (33-37), 30-31 (38-39), Wed 1 Feb (40).
  auto review = ComputeDeadline(ShippedRegime("internal-review"), Shipped(),
                                {D("2016-12-01"), {}, Extension{"complex", std::nullopt}});
  ASSERT_TRUE(review.ok()) << review.error().message;
  EXPECT_EQ(review->extended_due, D("2017-02-01"));
}

TEST(ClockExtensionTest, AnExplicitCountOverridesTheDefault) {
  // Due Fri 2016-11-11; 5 more working days: 14-18 Nov.
  auto d = ComputeDeadline(ShippedRegime("foia"), Shipped(),
                           {D("2016-10-14"), {}, Extension{"s31", 5}});
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->extended_due, D("2016-11-18"));
}

TEST(ClockExtensionTest, SarExtensionRunsThreeMonthsFromReceipt) {
  // Tue 2023-01-31 + 3 months = 30 April (no 31st), a Sunday; Mon 1 May is
  // Early May bank holiday; so Tue 2 May.
  auto d = ComputeDeadline(ShippedRegime("sar"), Shipped(),
                           {D("2023-01-31"), {}, Extension{"complex", std::nullopt}});
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->due, D("2023-02-28"));
  EXPECT_EQ(d->extended_due, D("2023-05-02"));
  const std::vector<SkippedDay> want = {
      {D("2023-04-30"), "Sunday"},
      {D("2023-05-01"), "bank holiday in England and Wales: Early May bank holiday"}};
  EXPECT_EQ(d->skipped, want);
}

TEST(ClockErrorTest, BadPausesAreRefusedWithAClearMessage) {
  auto message = [](const char* regime, DeadlineInput in) {
    auto d = ComputeDeadline(ShippedRegime(regime), Shipped(), in);
    return d.ok() ? std::string("computed") : d.error().message;
  };
  EXPECT_EQ(message("foia", {D("2016-10-03"), {{PauseKind::kFees, D("2016-10-10"), D("2016-10-05")}}, {}}),
            "fees pause ends on 2016-10-05, before it starts on 2016-10-10");
  EXPECT_EQ(message("foia", {D("2016-10-03"), {{PauseKind::kFees, D("2016-10-01"), D("2016-10-05")}}, {}}),
            "fees pause from 2016-10-01 starts before the request was received on 2016-10-03");
  EXPECT_NE(message("foia", {D("2016-10-03"),
                             {{PauseKind::kClarification, D("2016-10-04"), D("2016-10-10")},
                              {PauseKind::kFees, D("2016-10-06"), D("2016-10-12")}},
                             {}})
                .find("pauses overlap"),
            std::string::npos);
  EXPECT_NE(message("internal-review", {D("2016-10-03"), {{PauseKind::kFees, D("2016-10-04"), D("2016-10-05")}}, {}})
                .find("the internal-review regime takes no fees pause"),
            std::string::npos);
  EXPECT_NE(message("foisa", {D("2016-10-03"), {}, Extension{"public interest", std::nullopt}})
                .find("the foisa regime has no extension"),
            std::string::npos);
  EXPECT_EQ(message("foia", {D("2016-10-03"), {}, Extension{" ", std::nullopt}}), "an extension needs a reason");
}

TEST(ClockErrorTest, DatesOutsideTheHolidayDataAreAnErrorNotAGuess) {
  // Fri 2030-12-20: the count reaches 1 January 2031, which the data lacks.
  auto late = ComputeDeadline(ShippedRegime("foia"), Shipped(), {D("2030-12-20"), {}, {}});
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("2031-01-01 is outside the bank holiday data for "
                                      "england-and-wales (it covers 2005 to 2030)"),
            std::string::npos)
      << late.error().message;
  auto early = ComputeDeadline(ShippedRegime("foia"), Shipped(), {D("2004-12-31"), {}, {}});
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message.find("2004-12-31 is outside"), std::string::npos);
  EXPECT_FALSE(WorkingDaysBetween(ShippedRegime("foia"), Shipped(), D("2030-12-01"), D("2031-01-05")).ok());
}

TEST(WorkingDaysTest, CountsAfterTheFirstDateUpToTheSecond) {
  const Regime& foia = ShippedRegime("foia");
  // Christmas 2016: the due date is exactly the 20th working day.
  EXPECT_EQ(*WorkingDaysBetween(foia, Shipped(), D("2016-12-23"), D("2017-01-26")), 20);
  EXPECT_EQ(*WorkingDaysBetween(foia, Shipped(), D("2016-12-23"), D("2016-12-27")), 0);
  EXPECT_EQ(*WorkingDaysBetween(foia, Shipped(), D("2016-12-23"), D("2016-12-28")), 1);
  EXPECT_EQ(*WorkingDaysBetween(foia, Shipped(), D("2016-12-28"), D("2016-12-23")), 0);
  // FOISA counts Easter Monday 2016: after Wed 23 Mar, Thu 24 and Mon 28;
  // FOIA only Thu 24.
  EXPECT_EQ(*WorkingDaysBetween(ShippedRegime("foisa"), Shipped(), D("2016-03-23"), D("2016-03-28")), 2);
  EXPECT_EQ(*WorkingDaysBetween(foia, Shipped(), D("2016-03-23"), D("2016-03-28")), 1);
}

TEST(WorkingDaysTest, AddWorkingDaysMatchesTheClock) {
  const Regime& foia = ShippedRegime("foia");
  EXPECT_EQ(*AddWorkingDays(foia, Shipped(), D("2016-12-23"), 20), D("2017-01-26"));
  EXPECT_EQ(*AddWorkingDays(foia, Shipped(), D("2016-12-23"), 1), D("2016-12-28"));
  EXPECT_EQ(*AddWorkingDays(foia, Shipped(), D("2016-12-23"), 0), D("2016-12-23"));
  EXPECT_FALSE(AddWorkingDays(foia, Shipped(), D("2016-12-23"), -1).ok());
  // The s12 aggregation window: 60 working days after Fri 14 Oct 2016.
  // 17 Oct-25 Nov is 30; 28-29 Nov (32), 30 Nov skipped, 1-2 Dec (34), 5-23
  // Dec (49), 26-27 skipped, 28-30 (52), 2-3 Jan skipped, 4-6 Jan (55),
  // 9-13 Jan (60).
  EXPECT_EQ(*AddWorkingDays(foia, Shipped(), D("2016-10-14"), 60), D("2017-01-13"));
}

TEST(CalendarArithmeticTest, EasterAndMonths) {
  EXPECT_EQ(EasterSunday(2016), D("2016-03-27"));
  EXPECT_EQ(EasterSunday(2011), D("2011-04-24"));
  EXPECT_EQ(EasterSunday(2019), D("2019-04-21"));
  EXPECT_EQ(AddCalendarMonths(D("2023-01-31"), 1), D("2023-02-28"));
  EXPECT_EQ(AddCalendarMonths(D("2024-01-31"), 1), D("2024-02-29"));
  EXPECT_EQ(AddCalendarMonths(D("2016-12-15"), 1), D("2017-01-15"));
  EXPECT_EQ(AddCalendarMonths(D("2023-01-31"), 3), D("2023-04-30"));
}

}  // namespace
}  // namespace foidesk::reg
