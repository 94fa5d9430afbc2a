// Q1/Q2 construction, ordering, CSV layout and the cross-check.
#include "tables/tables.h"

#include <gtest/gtest.h>

namespace foidesk::tables {
namespace {

DetailRow Row(const char* year, Date recorded, const char* key, const char* summary = "Threat") {
  return DetailRow{year, summary, "Undetected", "17", recorded, key};
}

TEST(TablesTest, BuildsCountsWithZerosAndSortedDetails) {
  auto t = BuildTables({2011, 2012, 2013}, {{"2011", 1}, {"2013", 2}},
                       {Row("2013", {2013, 5, 1}, "B"), Row("2011", {2011, 2, 1}, "A"),
                        Row("2013", {2013, 1, 9}, "C", "Threat to post video, \"online\"")});
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->total, 3);
  EXPECT_EQ(Q1Csv(*t), "Year,Number of Crimes\r\n2011,1\r\n2012,0\r\n2013,2\r\nTotal,3\r\n");
  EXPECT_EQ(Q2Csv(*t),
            "Year,Details,Outcome,Victim Age\r\n"
            "2011,Threat,Undetected,17\r\n"
            "2013,\"Threat to post video, \"\"online\"\"\",Undetected,17\r\n"
            "2013,Threat,Undetected,17\r\n");
}

TEST(TablesTest, CrossCheckRefusesMismatches) {
  struct Case {
    std::map<std::string, int64_t> counts;
    std::vector<DetailRow> rows;
    const char* error;
  } cases[] = {
      {{{"2011", 2}}, {Row("2011", {2011, 1, 1}, "A")},
       "Q1 and Q2 disagree for 2011: Q1 counts 2 crimes, Q2 has 1 rows"},
      {{{"2011", 1}}, {Row("2011", {2011, 1, 1}, "A"), Row("2012", {2012, 1, 1}, "B")},
       "Q1 and Q2 disagree for 2012: Q1 counts 0 crimes, Q2 has 1 rows"},
      {{{"2010", 1}}, {}, "Q1 counts 1 crimes in 2010, outside the requested years"},
      {{}, {Row("2014", {2014, 1, 1}, "A")},
       "a relevant crime recorded in 2014 lies outside the requested years"},
      {{{"2011", 1}}, {Row("2011", {2011, 1, 1}, "A", "")},
       "a relevant crime recorded in 2011 has no public summary: add one to its decision"},
  };
  for (const auto& c : cases) {
    auto t = BuildTables({2011, 2012}, c.counts, c.rows);
    ASSERT_FALSE(t.ok()) << c.error;
    EXPECT_EQ(t.error().code, ErrorCode::kMismatch);
    EXPECT_EQ(t.error().message, c.error);
  }
}

}  // namespace
}  // namespace foidesk::tables
