// Section 12 effort arithmetic and its sentence.
#include "review/effort.h"

#include <gtest/gtest.h>

namespace foidesk::review {
namespace {

TEST(EffortTest, MedianOfTheTimedEvenCount) {
  EffortInput in;
  // Ten timed (0 and -1 are untimed): sorted 20 25 30 35 40 45 50 55 60 100,
  // median (40 + 45) / 2 = 42.5; sum 460 s.
  in.seconds = {30, 40, 50, 0, -1, 100, 20, 45, 35, 60, 55, 25};
  in.remaining = 1000;
  in.validation = 100;
  EffortProjection p = ProjectEffort(in);
  EXPECT_EQ(p.timed, 10);
  EXPECT_TRUE(p.rate_measured);
  EXPECT_DOUBLE_EQ(p.seconds_per_record, 42.5);
  EXPECT_NEAR(p.hours_used, 460.0 / 3600, 1e-12);
  EXPECT_NEAR(p.hours_remaining, 1100 * 42.5 / 3600, 1e-12);
  EXPECT_NEAR(p.hours_total, (460 + 1100 * 42.5) / 3600, 1e-12);
  EXPECT_NEAR(p.cost_gbp, 25 * (460 + 1100 * 42.5) / 3600, 1e-9);
  EXPECT_DOUBLE_EQ(p.limit_hours, 18);
  EXPECT_FALSE(p.exceeds_limit);
}

TEST(EffortTest, MedianOddCountIgnoresAnOutlier) {
  EffortInput in;
  in.min_timed = 3;
  in.seconds = {10, 3600, 30};  // an hour left open does not move the median
  in.remaining = 10;
  EffortProjection p = ProjectEffort(in);
  EXPECT_DOUBLE_EQ(p.seconds_per_record, 30);
  EXPECT_NEAR(p.hours_used, 3640.0 / 3600, 1e-12);
  EXPECT_NEAR(p.hours_remaining, 300.0 / 3600, 1e-12);
}

TEST(EffortTest, AssumedRateWhenTooFewTimed) {
  EffortInput in;
  in.seconds = {20, 20, 20, 0};
  in.remaining = 2000;
  in.assumed_seconds = 60;
  EffortProjection p = ProjectEffort(in);
  EXPECT_EQ(p.timed, 3);
  EXPECT_FALSE(p.rate_measured);
  EXPECT_DOUBLE_EQ(p.seconds_per_record, 60);
  EXPECT_NEAR(p.hours_remaining, 2000 * 60 / 3600.0, 1e-12);  // 33.3 hours
  EXPECT_TRUE(p.exceeds_limit);
  EXPECT_EQ(p.Sentence(),
            "0.0 hours used and 33.3 projected (assumed 60 s a record; 3 timed decisions so "
            "far): 33.4 hours, over the 18-hour limit.");
}

TEST(EffortTest, CentralGovernmentLimit) {
  EffortInput in;
  in.remaining = 1200;  // 20 hours at the assumed 60 s
  in.limit = {24, 25};
  EffortProjection p = ProjectEffort(in);
  EXPECT_FALSE(p.exceeds_limit);
  EXPECT_DOUBLE_EQ(p.limit_hours, 24);
  EXPECT_NEAR(p.cost_gbp, 500, 1e-9);
  in.limit = {18, 25};
  EXPECT_TRUE(ProjectEffort(in).exceeds_limit);
}

TEST(EffortTest, SentenceAsInTheHeader) {
  EffortInput in;
  // 100 at 40 s and 1,000 at 41 s: median 41, 45,000 s = 12.5 hours.
  in.seconds.assign(100, 40);
  in.seconds.insert(in.seconds.end(), 1000, 41);
  in.remaining = 281;  // 281 * 41 s = 3.2 hours
  EffortProjection p = ProjectEffort(in);
  EXPECT_EQ(p.timed, 1100);
  EXPECT_DOUBLE_EQ(p.seconds_per_record, 41);
  EXPECT_NEAR(p.hours_used, 12.5, 1e-9);
  EXPECT_EQ(p.Sentence(),
            "12.5 hours used and 3.2 projected (median 41 s a record over 1,100 timed "
            "decisions): 15.7 of the 18-hour limit.");
}

TEST(EffortTest, SentenceGroupsLargeFigures) {
  EffortInput in;
  in.remaining = 3'600'000;  // 60,000 hours at 60 s
  in.limit = {18.5, 25};
  EXPECT_EQ(ProjectEffort(in).Sentence(),
            "0.0 hours used and 60,000.0 projected (assumed 60 s a record; 0 timed decisions "
            "so far): 60,000.0 hours, over the 18.5-hour limit.");
}

}  // namespace
}  // namespace foidesk::review
