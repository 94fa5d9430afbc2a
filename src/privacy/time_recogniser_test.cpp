// Tests of timestamps, weekdays and years after a word of time.
#include "privacy/time_recogniser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "privacy/pattern_test_util.h"

namespace foidesk::privacy {
namespace {

std::vector<std::string> Dates(std::string_view text) {
  static const auto r = MakeTimeRecogniser();
  return FoundTexts(*r, text, PiiType::kDate);
}

using Strings = std::vector<std::string>;

TEST(TimeRecogniser, Timestamps) {
  EXPECT_EQ(Dates("When: 2000-04-16 11:34:35\n"), Strings{"2000-04-16 11:34:35"});
  EXPECT_EQ(Dates("at 2015-11-02T14:03Z."), Strings{"2015-11-02T14:03Z"});
  EXPECT_EQ(Dates("seen 14/02/2021 at 23:10 by"), Strings{"14/02/2021 at 23:10"});
  EXPECT_TRUE(Dates("2000-13-16 11:34").empty());  // no month 13
}

TEST(TimeRecogniser, Weekdays) {
  EXPECT_EQ(Dates("flew to Leppen on Tuesday morning."), Strings{"Tuesday"});
  EXPECT_EQ(Dates("SEEN ON SATURDAY"), Strings{"SATURDAY"});
  EXPECT_EQ(Dates("we returned last friday"), Strings{"friday"});
  EXPECT_TRUE(Dates("a sunday roast").empty());  // lower case needs a cue
}

TEST(TimeRecogniser, YearsAfterAWordOfTime) {
  EXPECT_EQ(Dates("The orchestra was founded in 1977. Since then"), Strings{"1977"});
  EXPECT_EQ(Dates("During 2017, the firm"), Strings{"2017"});
  EXPECT_TRUE(Dates("delivered in 2000 homes").empty());
  EXPECT_TRUE(Dates("figures of 2015/16 show").empty());
  EXPECT_TRUE(Dates("item 1977 was seized").empty());
  EXPECT_TRUE(Dates("in 1850 the town").empty());  // outside 1900-2099
}

}  // namespace
}  // namespace foidesk::privacy
