// Review sessions on a store: start, the ranked queue, resume after a crash
// (a session rebuilt from the store continues exactly where the lost one
// was), unsure records, the second reviewer's sample and kappa, the
// validation sample and recall estimate, and the errors a user can make.
#include "review/session.h"

#include <gtest/gtest.h>

#include <set>

#include "store/sqlite_store.h"

namespace foidesk::review {
namespace {

constexpr const char* kRef = "FOI 000001/16";
constexpr const char* kNow = "2016-03-20T10:00:00Z";

bool IsRelevant(const std::string& key) { return std::stoi(key.substr(1)) % 15 == 4; }

std::unique_ptr<SqliteStore> StoreWithCrimes(int n = 300) {
  auto s = SqliteStore::Open(":memory:");
  EXPECT_TRUE(s.ok());
  for (int i = 0; i < n; ++i) {
    Crime c;
    c.key = "K" + std::to_string(i);
    c.refs.push_back(SourceRef{"crs", c.key, "crs_1.csv", i + 2, "h"});
    c.recorded = {2014, 6, 3};
    c.offence = "71";
    const bool rel = IsRelevant(c.key);
    c.text = rel ? "S/T recorded the victim on webcam and threatened to send the video unless paid " + c.key
                 : "S/T demanded money to return a stolen phone, number " + c.key;
    EXPECT_TRUE((*s)->PutCrime(c).ok());
  }
  return std::move(*s);
}

StartOptions Start(const std::string& query = "offence:71") {
  StartOptions o;
  o.request_ref = kRef;
  o.query = query;
  o.now = kNow;
  return o;
}

// Reads and decides `count` records as the truth says; returns their keys.
std::vector<std::string> ReadSome(Session& s, int count, const std::string& reviewer = "alice") {
  std::vector<std::string> keys;
  for (int k = 0; k < count; ++k) {
    auto n = s.Next(reviewer, false);
    EXPECT_TRUE(n.ok());
    if (!n.ok() || !*n) break;
    const std::string key = (*n)->crime_key;
    EXPECT_TRUE(s.Decide(key, IsRelevant(key) ? "relevant" : "not_relevant", reviewer, "", "", 30, kNow).ok());
    keys.push_back(key);
  }
  return keys;
}

TEST(ReviewSession, StartFreezesCandidatesAndRefusesASecondStart) {
  auto store = StoreWithCrimes(30);
  auto s = StartSession(*store, Start());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->candidates.size(), 30u);
  auto again = StartSession(*store, Start());
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("already has a review session"), std::string::npos);
  auto none = StartSession(*store, [] { auto o = Start("nosuchword"); o.question = "2"; return o; }());
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("finds no crimes"), std::string::npos);
  auto bad = StartSession(*store, [] { auto o = Start("offence:71 ("); o.question = "3"; return o; }());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("column"), std::string::npos);
}

TEST(ReviewSession, FirstRankingFollowsTheQueryAndHighlightsIt) {
  auto store = StoreWithCrimes(30);
  ASSERT_TRUE(StartSession(*store, Start("offence:71 (webcam OR video)")).ok());
  auto s = Session::Load(*store, kRef, "1");
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto n = s->Next("alice", false);
  ASSERT_TRUE(n.ok() && *n);
  EXPECT_TRUE(IsRelevant((*n)->crime_key));
  EXPECT_EQ((*n)->phase, "ranked");
  EXPECT_NE((*n)->highlighted.find("[webcam]"), std::string::npos);
}

TEST(ReviewSession, ResumesAfterACrashExactlyWhereItWas) {
  auto store = StoreWithCrimes();
  ASSERT_TRUE(StartSession(*store, Start()).ok());
  std::string expected_next;
  {
    auto s = Session::Load(*store, kRef, "1");
    ASSERT_TRUE(s.ok());
    ReadSome(*s, 25);
    auto n = s->Next("alice", false);
    ASSERT_TRUE(n.ok() && *n);
    expected_next = (*n)->crime_key;
    // The session object is lost here, as in a crash: nothing was saved
    // beyond the decisions already made.
  }
  auto resumed = Session::Load(*store, kRef, "1");
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->Progress().read, 25);
  auto n = resumed->Next("alice", false);
  ASSERT_TRUE(n.ok() && *n);
  EXPECT_EQ((*n)->crime_key, expected_next);
  // The request's decisions hold every relevant and not-relevant one.
  auto decisions = store->Decisions(kRef);
  ASSERT_TRUE(decisions.ok());
  EXPECT_EQ(decisions->size(), 25u);
}

TEST(ReviewSession, UnsureIsHeldAsideAndSettledLater) {
  auto store = StoreWithCrimes(30);
  ASSERT_TRUE(StartSession(*store, Start()).ok());
  auto s = Session::Load(*store, kRef, "1");
  ASSERT_TRUE(s.ok());
  auto n = s->Next("alice", false);
  ASSERT_TRUE(n.ok() && *n);
  const std::string key = (*n)->crime_key;
  ASSERT_TRUE(s->Decide(key, "unsure", "alice", "ask the OIC", "", 40, kNow).ok());
  EXPECT_EQ(s->Progress().unsure, 1);
  EXPECT_EQ(s->Progress().read, 0);
  EXPECT_TRUE(store->Decisions(kRef)->empty());  // no decision for respond yet
  ASSERT_TRUE(s->Decide(key, "relevant", "alice", "", "Threat to send video", 20, kNow).ok());
  EXPECT_EQ(s->Progress().unsure, 0);
  EXPECT_EQ(s->Progress().relevant, 1);
  ASSERT_EQ(store->Decisions(kRef)->size(), 1u);
  EXPECT_EQ((*store->Decisions(kRef))[0].summary, "Threat to send video");
}

TEST(ReviewSession, StopsValidatesAndEstimatesRecall) {
  auto store = StoreWithCrimes();
  ASSERT_TRUE(StartSession(*store, Start()).ok());
  auto s = Session::Load(*store, kRef, "1");
  ASSERT_TRUE(s.ok());
  int ranked = 0, validation = 0;
  for (int guard = 0; guard < 400; ++guard) {
    auto n = s->Next("alice", false);
    ASSERT_TRUE(n.ok());
    if (!*n) break;
    ((*n)->phase == "ranked" ? ranked : validation)++;
    const std::string key = (*n)->crime_key;
    ASSERT_TRUE(s->Decide(key, IsRelevant(key) ? "relevant" : "not_relevant", "alice", "", "", 30, kNow).ok());
  }
  const SessionStatus st = s->Progress();
  EXPECT_TRUE(st.can_stop);
  EXPECT_FALSE(st.stop_rule.empty());
  EXPECT_EQ(st.relevant, 20);  // every relevant one of 300 found
  EXPECT_LT(ranked, 300);
  EXPECT_GT(st.saved, 0);
  EXPECT_EQ(st.validation_read, st.validation_size);
  EXPECT_EQ(validation, st.validation_size);
  ASSERT_TRUE(st.recall.has_value());
  EXPECT_DOUBLE_EQ(st.recall->point, 1.0);
  EXPECT_GT(st.recall->low, 0.5);
  // 30 seconds a record, every decision timed.
  EXPECT_NEAR(st.effort.hours_used, (ranked + validation) * 30 / 3600.0, 1e-9);
  const auto lines = st.Lines(s->session());
  EXPECT_NE(lines[1].find("may stop"), std::string::npos);
}

TEST(ReviewSession, SecondReviewerGivesKappaAndDisagreements) {
  auto store = StoreWithCrimes(60);
  ASSERT_TRUE(StartSession(*store, Start()).ok());
  auto s = Session::Load(*store, kRef, "1");
  ASSERT_TRUE(s.ok());
  ReadSome(*s, 40);
  // Bob reads the sample (20 records) and disagrees on the first one.
  std::set<std::string> seen;
  std::string first;
  for (int guard = 0; guard < 100; ++guard) {
    auto n = s->Next("bob", true);
    ASSERT_TRUE(n.ok());
    if (!*n) break;
    const std::string key = (*n)->crime_key;
    EXPECT_EQ((*n)->phase, "second");
    EXPECT_TRUE(seen.insert(key).second);
    const bool rel = IsRelevant(key) != first.empty();
    if (first.empty()) first = key;
    ASSERT_TRUE(s->Decide(key, rel ? "relevant" : "not_relevant", "bob", "", "", 20, kNow).ok());
  }
  EXPECT_EQ(seen.size(), 20u);
  const SessionStatus st = s->Progress();
  EXPECT_EQ(st.agreement.records, 20);
  EXPECT_EQ(st.disagreements, std::vector<std::string>{first});
  EXPECT_LT(st.agreement.kappa, 1.0);
  // The first reviewer's decision stands for respond.
  auto d = store->Decisions(kRef);
  ASSERT_TRUE(d.ok());
  for (const Decision& x : *d)
    if (x.crime_key == first) EXPECT_EQ(x.relevant, IsRelevant(first));
}

TEST(ReviewSession, BadDecisionsAreRefusedWithTheReason) {
  auto store = StoreWithCrimes(10);
  ASSERT_TRUE(StartSession(*store, Start()).ok());
  auto s = Session::Load(*store, kRef, "1");
  ASSERT_TRUE(s.ok());
  auto unknown = s->Decide("NOPE", "relevant", "alice", "", "", 1, kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("crime NOPE is not a candidate"), std::string::npos);
  auto verdict = s->Decide("K1", "maybe", "alice", "", "", 1, kNow);
  ASSERT_FALSE(verdict.ok());
  EXPECT_NE(verdict.error().message.find("expected relevant, not_relevant or unsure"), std::string::npos);
  EXPECT_FALSE(s->Decide("K1", "relevant", "", "", "", 1, kNow).ok());
  EXPECT_FALSE(s->Decide("K1", "relevant", "alice", "", "", -5, kNow).ok());
  auto missing = Session::Load(*store, kRef, "9");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("has no review session"), std::string::npos);
}

TEST(ReviewSession, ExportHasEveryEvent) {
  auto store = StoreWithCrimes(20);
  ASSERT_TRUE(StartSession(*store, Start()).ok());
  auto s = Session::Load(*store, kRef, "1");
  ASSERT_TRUE(s.ok());
  ReadSome(*s, 3);
  const std::string csv = s->ExportCsv();
  EXPECT_EQ(csv.rfind("position,crime_id,verdict,phase,reviewer,seconds,decided_at,reason,summary\r\n", 0), 0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
  EXPECT_NE(csv.find(",ranked,alice,30," + std::string(kNow)), std::string::npos);
}

}  // namespace
}  // namespace foidesk::review
