// The victim-age rule and canonical offence classes.
#include "model/crime.h"

#include <gtest/gtest.h>

namespace foidesk {
namespace {

TEST(CrimeTest, CanonicalOffenceStripsPadding) {
  struct Case { const char* in; const char* want; } cases[] = {
      {"071", "71"}, {"71", "71"}, {"008N", "8N"}, {"8n", "8N"}, {"105A", "105A"},
      {" 0092D ", "92D"}, {"0", "0"}, {"019C", "19C"},
  };
  for (const auto& c : cases) EXPECT_EQ(CanonicalOffence(c.in), c.want) << c.in;
}

TEST(CrimeTest, VictimAgeRule) {
  Crime c;
  c.recorded = {2014, 6, 3};
  EXPECT_EQ(VictimAge(c), std::nullopt);  // nobody: Not stated
  c.people.push_back(Person{"suspect", "", "", Date{1980, 1, 1}, 40, {}});
  EXPECT_EQ(VictimAge(c), std::nullopt);  // no victim
  c.people.push_back(Person{"victim", "", "", std::nullopt, 17, {}});
  EXPECT_EQ(VictimAge(c), 17);  // the stated age when there is no date of birth
  c.people.back().dob = Date{1997, 6, 2};
  EXPECT_EQ(VictimAge(c), 17);  // date of birth wins, on the recorded date
  c.people.back().stated_age = 30;
  EXPECT_EQ(VictimAge(c), 17);
  c.committed_from = Date{2014, 5, 30};  // offence start date before the birthday
  EXPECT_EQ(VictimAge(c), 16);
  c.people.push_back(Person{"victim", "", "", Date{1950, 1, 1}, std::nullopt, {}});
  EXPECT_EQ(VictimAge(c), 16);  // the first victim counts
}

}  // namespace
}  // namespace foidesk
