// Cohen's kappa on tables whose kappa is worked out by hand.
#include "review/agreement.h"

#include <gtest/gtest.h>

namespace foidesk::review {
namespace {

using V = Verdict;

// Adds `count` copies of the pair (a, b).
void Add(std::vector<std::pair<Verdict, Verdict>>& pairs, V a, V b, int count) {
  for (int i = 0; i < count; ++i) pairs.emplace_back(a, b);
}

TEST(AgreementTest, TwoByTwoFromTheLiterature) {
  // The worked example on Wikipedia's "Cohen's kappa" page: 50 proposals,
  // both yes 20, A yes B no 5, A no B yes 10, both no 15.
  // p_o = 35/50 = 0.7; A says yes 25/50 = 0.5, B 30/50 = 0.6;
  // p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
  std::vector<std::pair<Verdict, Verdict>> pairs;
  Add(pairs, V::kRelevant, V::kRelevant, 20);
  Add(pairs, V::kRelevant, V::kNotRelevant, 5);
  Add(pairs, V::kNotRelevant, V::kRelevant, 10);
  Add(pairs, V::kNotRelevant, V::kNotRelevant, 15);
  Agreement a = CohenKappa(pairs);
  EXPECT_EQ(a.records, 50);
  EXPECT_EQ(a.table[0][1], 5);
  EXPECT_EQ(a.table[1][0], 10);
  EXPECT_EQ(a.table[2][2], 0);
  EXPECT_NEAR(a.observed, 0.7, 1e-12);
  EXPECT_NEAR(a.expected, 0.5, 1e-12);
  EXPECT_NEAR(a.kappa, 0.4, 1e-12);
  EXPECT_STREQ(a.Strength(), "fair");  // 0.4 closes the "fair" band
}

TEST(AgreementTest, ThreeByThree) {
  // Rows the first reviewer, columns the second (relevant, not, unsure):
  //   25  2  3 | 30
  //    5 30  5 | 40
  //    0  3 27 | 30
  //   30 35 35 | 100
  // p_o = (25 + 30 + 27) / 100 = 0.82
  // p_e = (30*30 + 40*35 + 30*35) / 100^2 = (900 + 1400 + 1050) / 10000 = 0.335
  // kappa = (0.82 - 0.335) / (1 - 0.335) = 0.485 / 0.665 = 0.7293233...
  std::vector<std::pair<Verdict, Verdict>> pairs;
  const int t[3][3] = {{25, 2, 3}, {5, 30, 5}, {0, 3, 27}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) Add(pairs, static_cast<V>(i), static_cast<V>(j), t[i][j]);
  Agreement a = CohenKappa(pairs);
  EXPECT_EQ(a.records, 100);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_EQ(a.table[i][j], t[i][j]);
  EXPECT_NEAR(a.observed, 0.82, 1e-12);
  EXPECT_NEAR(a.expected, 0.335, 1e-12);
  EXPECT_NEAR(a.kappa, 0.485 / 0.665, 1e-12);
  EXPECT_STREQ(a.Strength(), "substantial");
}

TEST(AgreementTest, WorseThanChanceIsNegative) {
  // Always disagreeing on a 50/50 split: p_o = 0, p_e = 0.5, kappa = -1.
  std::vector<std::pair<Verdict, Verdict>> pairs;
  Add(pairs, V::kRelevant, V::kNotRelevant, 10);
  Add(pairs, V::kNotRelevant, V::kRelevant, 10);
  Agreement a = CohenKappa(pairs);
  EXPECT_NEAR(a.kappa, -1, 1e-12);
  EXPECT_STREQ(a.Strength(), "poor");
}

TEST(AgreementTest, OneSharedVerdictThroughoutIsPerfect) {
  std::vector<std::pair<Verdict, Verdict>> pairs;
  Add(pairs, V::kNotRelevant, V::kNotRelevant, 12);
  Agreement a = CohenKappa(pairs);
  EXPECT_DOUBLE_EQ(a.expected, 1);
  EXPECT_DOUBLE_EQ(a.kappa, 1);
  EXPECT_STREQ(a.Strength(), "almost perfect");
}

TEST(AgreementTest, EmptyIsAllZero) {
  Agreement a = CohenKappa({});
  EXPECT_EQ(a.records, 0);
  EXPECT_EQ(a.kappa, 0);
}

TEST(AgreementTest, StrengthBoundaries) {
  auto words = [](double k) {
    Agreement a;
    a.kappa = k;
    return std::string(a.Strength());
  };
  EXPECT_EQ(words(-0.01), "poor");
  EXPECT_EQ(words(0.0), "slight");
  EXPECT_EQ(words(0.20), "slight");
  EXPECT_EQ(words(0.2001), "fair");
  EXPECT_EQ(words(0.40), "fair");
  EXPECT_EQ(words(0.41), "moderate");
  EXPECT_EQ(words(0.60), "moderate");
  EXPECT_EQ(words(0.6001), "substantial");
  EXPECT_EQ(words(0.80), "substantial");
  EXPECT_EQ(words(0.81), "almost perfect");
  EXPECT_EQ(words(1.0), "almost perfect");
}

}  // namespace
}  // namespace foidesk::review
