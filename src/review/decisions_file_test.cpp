// Decisions CSV: good files import under the crime's key, bad rows are named.
#include "review/decisions_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite_store.h"

namespace foidesk::review {
namespace {

std::string WriteTemp(const std::string& name, const std::string& content) {
  auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

TEST(DecisionsFileTest, ReadsAndImportsUnderTheCrimeKey) {
  auto path = WriteTemp("dec_ok.csv",
                        "\xEF\xBB\xBF" "crime_id,relevant,reviewer,summary,reason\r\n"
                        "RMS-15-0000001,yes,A,\"Threat to post video, online\",sextortion\r\n"
                        "C1/00002/14,no,A,,debt\r\n");
  auto d = ReadDecisionsCsv(path, "FOI 000763/16");
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->size(), 2u);
  EXPECT_TRUE((*d)[0].relevant);
  EXPECT_EQ((*d)[0].summary, "Threat to post video, online");

  auto store = SqliteStore::Open(":memory:");
  ASSERT_TRUE(store.ok());
  for (auto [key, src, id] : {std::tuple{"C1/00001/15", "rms", "RMS-15-0000001"},
                              std::tuple{"C1/00002/14", "crs", "C1/00002/14"}}) {
    Crime c;
    c.key = key;
    c.offence = "71";
    c.refs.push_back(SourceRef{src, id, "f", 1, "h"});
    ASSERT_TRUE((*store)->PutCrime(c).ok());
  }
  auto n = ImportDecisions(**store, *d, path, "2016-03-20T10:00:00Z");
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(n->imported, 2);
  EXPECT_EQ(n->relevant, 1);
  auto stored = (*store)->Decisions("FOI 000763/16");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ((*stored)[0].crime_key, "C1/00001/15");  // the RMS id resolved to the crime key
  EXPECT_EQ((*stored)[0].decided_at, "2016-03-20T10:00:00Z");
  // Exported decisions read back as the same decisions.
  auto csv_path = WriteTemp("dec_roundtrip.csv", DecisionsCsv(*stored));
  auto back = ReadDecisionsCsv(csv_path, "FOI 000763/16");
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->size(), stored->size());
  for (size_t i = 0; i < back->size(); ++i) {
    EXPECT_EQ((*back)[i].crime_key, (*stored)[i].crime_key);
    EXPECT_EQ((*back)[i].relevant, (*stored)[i].relevant);
    EXPECT_EQ((*back)[i].summary, (*stored)[i].summary);
    EXPECT_EQ((*back)[i].decided_at, (*stored)[i].decided_at);
  }
}

TEST(DecisionsFileTest, BadRowsAreNamed) {
  struct Case { const char* content; const char* error; } cases[] = {
      {"crime,relevant,reviewer,summary,reason\n", ":1: column 1: expected header 'crime_id'"},
      {"crime_id,relevant,reviewer,summary,reason\nX,maybe,A,,r\n",
       ":2: column relevant: expected yes or no, got 'maybe'"},
      {"crime_id,relevant,reviewer,summary,reason\nX,yes,A,,r\n",
       ":2: column summary: a relevant crime needs a public summary"},
      {"crime_id,relevant,reviewer,summary,reason\nX,no,A\n", ":2: expected 5 fields, found 3"},
      {"crime_id,relevant,reviewer,summary,reason,extra\n",
       ":1: column 6: expected no more columns, or 'decided_at'"},
      {"crime_id,relevant,reviewer,summary,reason\n,no,A,,r\n", ":2: column crime_id: empty"},
      {"", ": empty decisions file"},
  };
  for (const auto& c : cases) {
    auto path = WriteTemp("dec_bad.csv", c.content);
    auto d = ReadDecisionsCsv(path, "R");
    ASSERT_FALSE(d.ok()) << c.error;
    EXPECT_EQ(d.error().message, path + c.error);
  }
}

TEST(DecisionsFileTest, UnknownCrimeStoresNothing) {
  auto store = SqliteStore::Open(":memory:");
  ASSERT_TRUE(store.ok());
  Crime c;
  c.key = "K1";
  c.offence = "71";
  ASSERT_TRUE((*store)->PutCrime(c).ok());
  std::vector<Decision> d = {{"R", "K1", false, "A", "", "", ""}, {"R", "K9", false, "A", "", "", ""}};
  auto n = ImportDecisions(**store, d, "d.csv", "2016-03-20T10:00:00Z");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().message, "d.csv: crime K9 is not in the store");
  EXPECT_TRUE((*store)->Decisions("R")->empty());
}

}  // namespace
}  // namespace foidesk::review
