// The active learner: seed ranking first, then a model that puts records
// like the relevant ones on top; queue order deterministic; labels replace.
#include "review/active_learner.h"

#include <gtest/gtest.h>

namespace foidesk::review {
namespace {

std::vector<std::string> Texts() {
  std::vector<std::string> t;
  for (int i = 0; i < 60; ++i)
    t.push_back(i % 10 == 0 ? "threatened to post the intimate video online unless paid " + std::to_string(i)
                            : "car stolen from the driveway overnight number " + std::to_string(i));
  return t;
}

TEST(ActiveLearner, SeedScoresOrderTheFirstQueue) {
  const Tfidf t = BuildTfidf(Texts());
  ActiveLearner l(t.matrix, {});
  std::vector<double> seed(60, 0.0);
  seed[7] = 2;
  seed[3] = 1;
  l.SetSeedScores(seed);
  l.Train();  // no relevant decision yet: the seed order stays
  const auto q = l.Queue(3);
  EXPECT_EQ(q, (std::vector<uint32_t>{7, 3, 0}));
}

TEST(ActiveLearner, RelevantLookalikesRiseToTheTop) {
  const Tfidf t = BuildTfidf(Texts());
  ActiveLearner l(t.matrix, {});
  l.Label(0, true);
  l.Label(1, false);
  l.Train();
  const auto q = l.Queue(5);
  ASSERT_EQ(q.size(), 5u);
  for (uint32_t r : q) EXPECT_EQ(r % 10, 0u) << r;
  EXPECT_FALSE(l.weights().empty());
}

TEST(ActiveLearner, LabelsReplaceAndLabelledRowsLeaveTheQueue) {
  const Tfidf t = BuildTfidf(Texts());
  ActiveLearner l(t.matrix, {});
  l.Label(0, true);
  l.Label(0, false);
  l.Label(10, true);
  EXPECT_EQ(l.labelled(), 2);
  EXPECT_EQ(l.positives(), 1);
  l.Train();
  for (uint32_t r : l.Queue(60)) {
    EXPECT_NE(r, 0u);
    EXPECT_NE(r, 10u);
  }
  EXPECT_EQ(l.Queue(1000).size(), 58u);
}

TEST(ActiveLearner, SameSeedSameScores) {
  const Tfidf t = BuildTfidf(Texts());
  ActiveLearner a(t.matrix, {}), b(t.matrix, {});
  for (ActiveLearner* l : {&a, &b}) {
    l->Label(20, true);
    l->Label(21, false);
    l->Train();
    l->Label(30, true);
    l->Train();  // warm start from the first fit
  }
  EXPECT_EQ(a.scores(), b.scores());
}

}  // namespace
}  // namespace foidesk::review
