// SqliteStore: crimes round-trip, the text index follows updates, bulk
// load, doc values, findings, decisions, and reopening a file store.
#include "store/sqlite_store.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace foidesk {
namespace {

Crime MakeCrime(const std::string& key, const std::string& text) {
  Crime c;
  c.key = key;
  c.refs.push_back(SourceRef{"crs", key, "crs_1.csv", 2, "h1"});
  c.recorded = {2014, 6, 3};
  c.committed_from = Date{2014, 6, 1};
  c.offence = "71";
  c.offence_title = "BLACKMAIL";
  c.town = "Norwich";
  c.text = text;
  c.people.push_back(Person{"victim", "Smith", "John", Date{1997, 2, 14}, 17, {"jsmith"}});
  c.outcome_type = "18";
  c.outcome_date = Date{2014, 7, 20};
  return c;
}

std::vector<int64_t> Match(SqliteStore& s, const std::string& expr) {
  std::vector<int64_t> out;
  EXPECT_TRUE(s.ForEachTextMatch(expr, [&](int64_t r) {
    out.push_back(r);
    return true;
  }).ok());
  return out;
}

TEST(SqliteStoreTest, CrimeRoundTripAndTextIndex) {
  auto store = SqliteStore::Open(":memory:");
  ASSERT_TRUE(store.ok()) << store.error().message;
  SqliteStore& s = **store;
  Crime c = MakeCrime("C1/00001/14", "Threat to post VIDEO on the web");
  auto id = s.PutCrime(c);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto back = s.GetCrime(*id);
  ASSERT_TRUE(back.ok() && back->has_value());
  const Crime& b = **back;
  EXPECT_EQ(b.key, c.key);
  EXPECT_EQ(b.recorded, c.recorded);
  EXPECT_EQ(b.committed_from, c.committed_from);
  EXPECT_EQ(b.people, c.people);
  EXPECT_EQ(b.refs, c.refs);
  EXPECT_EQ(b.outcome_date, c.outcome_date);
  EXPECT_EQ(Match(s, "video"), std::vector<int64_t>{*id});

  // Replacing the text moves the index with it.
  Crime changed = b;
  changed.text = "Threat to send photographs";
  ASSERT_TRUE(s.PutCrime(changed).ok());
  EXPECT_TRUE(Match(s, "video").empty());
  EXPECT_EQ(Match(s, "photo*"), std::vector<int64_t>{*id});

  auto by_source = s.FindCrimeBySourceId("crs", "C1/00001/14");
  ASSERT_TRUE(by_source.ok() && by_source->has_value());
  EXPECT_EQ((*by_source)->rowid, *id);
  EXPECT_EQ(*s.ResolveCrimeId("C1/00001/14"), std::optional<int64_t>(*id));
  EXPECT_EQ(*s.ResolveCrimeId("nope"), std::nullopt);
}

TEST(SqliteStoreTest, BulkLoadIndexesAtTheEnd) {
  auto store = SqliteStore::Open(":memory:");
  ASSERT_TRUE(store.ok());
  SqliteStore& s = **store;
  ASSERT_TRUE(s.BeginBulkLoad().ok());
  ASSERT_TRUE(s.Begin().ok());
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(s.PutCrime(MakeCrime("K" + std::to_string(i), i % 2 ? "webcam" : "car")).ok());
  ASSERT_TRUE(s.Commit().ok());
  ASSERT_TRUE(s.EndBulkLoad().ok());
  EXPECT_EQ(Match(s, "webcam").size(), 25u);
  EXPECT_EQ(*s.CrimeCount(), 50);
  auto dv = s.LoadDocValues();
  ASSERT_TRUE(dv.ok());
  EXPECT_EQ(dv->count, 50u);
  EXPECT_EQ(dv->offence_names, std::vector<std::string>{"71"});
  EXPECT_EQ(dv->town_names, std::vector<std::string>{"Norwich"});
  EXPECT_EQ(dv->source_mask[1], 1);
  EXPECT_EQ(dv->recorded_day[1], (Date{2014, 6, 3}.DaysSinceEpoch()));
  std::vector<std::string> texts;
  ASSERT_TRUE(s.ForEachText({1, 2}, [&](int64_t, std::string_view t) { texts.emplace_back(t); }).ok());
  EXPECT_EQ(texts, (std::vector<std::string>{"car", "webcam"}));
}

TEST(SqliteStoreTest, FindingsDecisionsAndReopen) {
  auto path = std::filesystem::temp_directory_path() / "foidesk_store_test.db";
  std::filesystem::remove(path);
  {
    auto store = SqliteStore::Open(path.string());
    ASSERT_TRUE(store.ok()) << store.error().message;
    SqliteStore& s = **store;
    auto run = s.StartIngestRun({"crs_1.csv"});
    ASSERT_TRUE(run.ok());
    ASSERT_TRUE(s.AddFinding(*run, Finding{FindingKind::kRejected, "crs_1.csv", 7, "RECORDED_DATE",
                                           "impossible date 31/02/2013"}).ok());
    ASSERT_TRUE(s.FinishIngestRun(*run, IngestCounts{10, 9, 1, 0, 0}).ok());
    ASSERT_TRUE(s.PutDecision(Decision{"FOI 000763/16", "K1", true, "a", "Threat", "r", ""}).ok());
    ASSERT_TRUE(s.PutDecision(Decision{"FOI 000763/16", "K1", false, "b", "", "changed", ""}).ok());
  }
  auto store = SqliteStore::Open(path.string());
  ASSERT_TRUE(store.ok());
  auto findings = (*store)->Findings(std::nullopt);
  ASSERT_TRUE(findings.ok());
  ASSERT_EQ(findings->size(), 1u);
  EXPECT_EQ((*findings)[0].finding.line, 7);
  EXPECT_EQ((*findings)[0].finding.field, "RECORDED_DATE");
  auto decisions = (*store)->Decisions("FOI 000763/16");
  ASSERT_TRUE(decisions.ok());
  ASSERT_EQ(decisions->size(), 1u);  // the later decision replaced the first
  EXPECT_FALSE((*decisions)[0].relevant);
  EXPECT_EQ((*decisions)[0].reviewer, "b");
  std::filesystem::remove(path);
}

TEST(SqliteStoreTest, RefusesANewerSchema) {
  auto path = std::filesystem::temp_directory_path() / "foidesk_store_newer.db";
  std::filesystem::remove(path);
  {
    auto store = SqliteStore::Open(path.string());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Exec("PRAGMA user_version=99").ok());
  }
  auto store = SqliteStore::Open(path.string());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("schema version 99 is newer"), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace foidesk

namespace foidesk {
namespace {

TEST(SqliteStoreTest, ResponsesKeepTheirFilesAndPublishedFlag) {
  auto s = SqliteStore::Open(":memory:");
  ASSERT_TRUE(s.ok());
  PublishedResponse r;
  r.reference = "FOI 1";
  r.title = "T";
  r.response_date = "2016-03-30";
  r.keywords = {"a", "b"};
  r.files["response.pdf"] = std::string("%PDF\0binary", 11);
  ASSERT_TRUE((*s)->PutResponse(r).ok());
  EXPECT_TRUE((*s)->PublishedResponses()->empty());
  ASSERT_TRUE((*s)->SetPublished("FOI 1", true).ok());
  r.title = "T2";
  r.files = {{"data.json", "{}"}};
  ASSERT_TRUE((*s)->PutResponse(r).ok());  // answered again: files replaced, still published
  auto all = (*s)->PublishedResponses();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].title, "T2");
  EXPECT_EQ((*all)[0].keywords, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*all)[0].files, (std::map<std::string, std::string>{{"data.json", "{}"}}));
  auto missing = (*s)->SetPublished("FOI 2", true);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no response to FOI 2"), std::string::npos);
}

}  // namespace
}  // namespace foidesk
