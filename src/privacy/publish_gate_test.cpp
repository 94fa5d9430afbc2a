#include "privacy/publish_gate.h"

#include <gtest/gtest.h>

#include <fstream>

#include "model/csv.h"

#include "privacy/disclosure_policy.h"

namespace foidesk::privacy {
namespace {

const Detector& TheDetector() {
  static const Detector d = [] {
    auto r = Detector::CreateDefault(FOIDESK_SOURCE_DIR "/config");
    EXPECT_TRUE(r.ok()) << r.error().message;
    return std::move(r).value();
  }();
  return d;
}

const FacetSchema& Sextortion() {
  static const FacetSchema s = [] {
    auto r = LoadFacetSchema(FOIDESK_SOURCE_DIR "/config/facets/sextortion.toml");
    EXPECT_TRUE(r.ok()) << r.error().message;
    return std::move(r).value();
  }();
  return s;
}

DisclosurePolicy Policy() {
  auto p = LoadDisclosurePolicy(FOIDESK_SOURCE_DIR "/config/disclosure/default.toml");
  EXPECT_TRUE(p.ok()) << p.error().message;
  return *p;
}

// Six rows in two groups of three over (year, outcome, victim_age): passes k = 3.
PublicRelease CleanRelease() {
  PublicRelease r;
  r.details.columns = {"year", "details", "outcome", "victim_age"};
  const char* summary = "Threat to post video to friends on Facebook unless money paid";
  for (int i = 0; i < 6; ++i) {
    r.details.rows.push_back(
        {i < 3 ? "2014" : "2015", summary, "No further action", i < 3 ? "18-24" : "25-34"});
    r.crime_ids.push_back("S1/0000" + std::to_string(i) + "/14");
  }
  r.counts.push_back({"Q1", {"2014", "2015", "Total"}, {"23", "39", "62"}});
  return r;
}

GateResult Check(const PublicRelease& r, const std::vector<Override>& overrides = {}) {
  GateOptions opt;
  opt.schema = &Sextortion();
  return CheckRelease(r, Policy(), TheDetector(), opt, overrides);
}

TEST(PublishGate, CleanReleasePasses) {
  auto g = Check(CleanRelease());
  EXPECT_TRUE(g.passed()) << g.Message();
  EXPECT_TRUE(g.refusals.empty());
}

TEST(PublishGate, RefusesSummaryWithFindingNamingCrimeAndKindNotText) {
  auto r = CleanRelease();
  r.details.rows[4][1] = "Threat to send images to nr2 4pn unless money paid, call 07700 900123";
  auto g = Check(r);
  ASSERT_FALSE(g.passed());
  bool phone = false;
  for (const auto& f : g.refusals) {
    EXPECT_EQ(f.subject, "S1/00004/14");
    if (f.check == GateCheck::kSummaryFinding && f.detail.find("phone") != std::string::npos)
      phone = true;
  }
  EXPECT_TRUE(phone) << g.Message();
  const std::string msg = g.Message();
  EXPECT_NE(msg.find("crime S1/00004/14: summary-finding: phone"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("07700"), std::string::npos) << "the message must not quote the finding";
  EXPECT_EQ(msg.find("nr2"), std::string::npos);
}

TEST(PublishGate, RefusesSummaryOutsideVocabulary) {
  auto r = CleanRelease();
  r.details.rows[0][1] = "Threat to post video to friends unless money paid to Dazza";
  auto g = Check(r);
  ASSERT_FALSE(g.passed());
  bool vocab = false;
  for (const auto& f : g.refusals)
    if (f.check == GateCheck::kSummaryVocabulary && f.subject == "S1/00000/14") vocab = true;
  EXPECT_TRUE(vocab) << g.Message();
  EXPECT_EQ(g.Message().find("Dazza"), std::string::npos);
}

TEST(PublishGate, RefusesRowBelowKWithoutSuppression) {
  auto r = CleanRelease();
  r.details.rows[5][3] = "55+";  // alone in its group
  auto g = Check(r);
  ASSERT_FALSE(g.passed());
  std::vector<std::string> below;
  for (const auto& f : g.refusals)
    if (f.check == GateCheck::kBelowK) below.push_back(f.subject);
  // The lone row, and the two it left behind in a group of two.
  EXPECT_EQ(below, (std::vector<std::string>{"S1/00003/14", "S1/00004/14", "S1/00005/14"}));
}

TEST(PublishGate, SuppressedRowsDoNotCountAsBelowK) {
  auto r = CleanRelease();
  const std::string marker = Policy().marker;
  r.details.rows.push_back({marker, "Threat to post video unless money paid", marker, marker});
  r.crime_ids.push_back("S1/00099/15");
  auto g = Check(r);
  EXPECT_TRUE(g.passed()) << g.Message();
}

TEST(PublishGate, RefusesWithheldColumn) {
  auto r = CleanRelease();
  r.details.columns.push_back("town");
  for (auto& row : r.details.rows) row.push_back("Norfolk");
  auto g = Check(r);
  ASSERT_FALSE(g.passed());
  EXPECT_NE(g.Message().find("column town: withheld-column"), std::string::npos) << g.Message();
}

TEST(PublishGate, RefusesSmallCountShown) {
  auto r = CleanRelease();
  r.counts[0] = {"Q1", {"2013", "2014", "2015", "Total"}, {"2", "23", "39", "64"}};
  auto g = Check(r);
  ASSERT_FALSE(g.passed());
  EXPECT_NE(g.Message().find("Q1 2013: small-count"), std::string::npos) << g.Message();
}

TEST(PublishGate, RefusesHiddenFigureDerivableFromTotal) {
  auto r = CleanRelease();
  r.counts[0] = {"Q1", {"2013", "2014", "2015", "Total"}, {"*", "23", "39", "64"}};
  auto g = Check(r);
  ASSERT_FALSE(g.passed());
  EXPECT_NE(g.Message().find("Q1 2013: small-count: is hidden but can be worked out"),
            std::string::npos)
      << g.Message();
  // Two hidden figures cannot be told apart from the total: that passes.
  r.counts[0] = {"Q1", {"2012", "2013", "2014", "2015", "Total"}, {"*", "*", "23", "39", "65"}};
  EXPECT_TRUE(Check(r).passed()) << Check(r).Message();
  // A hidden total with every figure shown is their sum.
  r.counts[0] = {"Q1", {"2014", "2015", "Total"}, {"23", "39", "*"}};
  EXPECT_NE(Check(r).Message().find("Q1 Total: small-count"), std::string::npos);
}

TEST(PublishGate, RefusesHiddenFigureRecoverableFromDetailRows) {
  auto r = CleanRelease();  // detail rows: three of 2014, three of 2015
  r.counts[0] = {"Q1", {"2013", "2014", "2015", "Total"}, {"0", "*", "39", "*"}, "year"};
  auto g = Check(r);
  EXPECT_NE(g.Message().find("Q1 2014: small-count: is hidden but can be worked out by counting "
                             "the detail rows of 2014"),
            std::string::npos)
      << g.Message();
  // Two hidden years inside one published range cannot be told apart.
  for (auto& row : r.details.rows) row[0] = "2014-2015";
  r.counts[0] = {"Q1", {"2014", "2015", "Total"}, {"*", "*", "6"}, "year"};
  EXPECT_TRUE(Check(r).passed()) << Check(r).Message();
  // One hidden year in a range whose other year is shown is the difference.
  r.counts[0] = {"Q1", {"2014", "2015", "Total"}, {"*", "5", "*"}, "year"};
  EXPECT_NE(Check(r).Message().find("Q1 2014: small-count"), std::string::npos);
  // A suppressed row could be of any year: the count is then only a range.
  r.details.rows[0][0] = Policy().marker;
  r.details.rows[0][2] = Policy().marker;
  r.details.rows[0][3] = Policy().marker;
  EXPECT_EQ(Check(r).Message().find("Q1 2014: small-count: is hidden but can be worked out by "
                                    "counting"),
            std::string::npos);
}

TEST(PublishGate, OverrideWithApproverAndReasonAcceptsOneRefusal) {
  auto r = CleanRelease();
  r.counts[0] = {"Q1", {"2013", "2014", "2015", "Total"}, {"2", "23", "39", "64"}};
  r.details.columns.push_back("town");
  for (auto& row : r.details.rows) row.push_back("Norfolk");
  std::vector<Override> o = {{GateCheck::kSmallCount, "Q1 2013", "A. Approver", "figure already public"}};
  auto g = Check(r, o);
  EXPECT_FALSE(g.passed()) << "the withheld column is still refused";
  EXPECT_EQ(g.Message().find("Q1 2013"), std::string::npos) << g.Message();
  o.push_back({GateCheck::kWithheldColumn, "town", "A. Approver", "county only"});
  g = Check(r, o);
  EXPECT_TRUE(g.passed()) << g.Message();
  int overridden = 0;
  for (const auto& f : g.refusals) overridden += f.override_by != nullptr;
  EXPECT_EQ(overridden, 2);
}

TEST(PublishGate, OverrideWithoutReasonDoesNotCount) {
  auto r = CleanRelease();
  r.details.columns.push_back("town");
  for (auto& row : r.details.rows) row.push_back("Norfolk");
  auto g = Check(r, {{GateCheck::kWithheldColumn, "town", "A. Approver", ""}});
  EXPECT_FALSE(g.passed());
}

// The force's own 68 published Details carry no personal data: the gate
// must not refuse them (a false positive here would block a real response).
TEST(PublishGate, SeedDetailsPassTheSummaryChecks) {
  std::ifstream in(FOIDESK_SOURCE_DIR "/tests/golden/q2-details.csv", std::ios::binary);
  CsvReader reader(in);
  CsvRecord rec;
  PublicRelease r;
  r.details.columns = {"details"};
  bool header = true;
  while (reader.Next(rec)) {
    if (header || rec.fields.size() < 2) { header = false; continue; }
    r.details.rows.push_back({rec.fields[1]});
    r.crime_ids.push_back("row " + std::to_string(r.details.rows.size()));
  }
  ASSERT_EQ(r.details.rows.size(), 68u);
  DisclosurePolicy summaries_only;
  GateOptions opt;
  opt.schema = &Sextortion();
  auto g = CheckRelease(r, summaries_only, TheDetector(), opt, {});
  EXPECT_TRUE(g.passed()) << g.Message();
}

TEST(PublishGate, CheckNamesRoundTrip) {
  for (auto c : {GateCheck::kSummaryFinding, GateCheck::kSummaryVocabulary, GateCheck::kBelowK,
                 GateCheck::kWithheldColumn, GateCheck::kSmallCount})
    EXPECT_EQ(GateCheckFromName(GateCheckName(c)), c);
  EXPECT_FALSE(GateCheckFromName("everything").has_value());
}

}  // namespace
}  // namespace foidesk::privacy
