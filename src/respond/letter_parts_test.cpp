// The letter's parts from the exemption library and one request's facts.
#include "respond/letter_parts.h"

#include <gtest/gtest.h>

namespace foidesk::respond {
namespace {

const std::string kConfig = FOIDESK_SOURCE_DIR "/config";

ExemptionUse Use(const std::string& id, const std::string& reason) {
  ExemptionUse u;
  u.id = id;
  u.reason = reason;
  return u;
}

TEST(LetterPartsTest, FillsTheLibraryTextWithTheRequestsFacts) {
  auto library = ExemptionLibrary::Load(kConfig);
  ASSERT_TRUE(library.ok()) << library.error().message;
  ExemptionUse s30 = Use("s30", "The crimes asked about are still under investigation.");
  s30.pit_for = "Disclosure would show how the force investigates blackmail.";
  s30.pit_balance = "The balance lies in withholding the information while the investigation goes on.";
  auto sections = ExemptionSections(*library, {s30}, Date{2016, 4, 1}, "r.toml");
  ASSERT_TRUE(sections.ok()) << sections.error().message;
  ASSERT_EQ(sections->size(), 1u);
  const ExemptionSection& s = (*sections)[0];
  EXPECT_EQ(s.heading, "Section 30 – Investigations and proceedings conducted by public authorities");
  bool reason = false;
  for (const auto& p : s.paragraphs) {
    reason |= p == s30.reason;
    EXPECT_EQ(p.find("{{"), std::string::npos) << p;
  }
  EXPECT_TRUE(reason);
  ASSERT_FALSE(s.favouring_disclosure.empty());
  EXPECT_NE(s.favouring_disclosure.back().find(s30.pit_for), std::string::npos);
  ASSERT_FALSE(s.balance.empty());
  EXPECT_NE(s.balance.back().find(s30.pit_balance), std::string::npos);
  for (const auto& p : s.favouring_non_disclosure) EXPECT_EQ(p.find("{{"), std::string::npos) << p;
}

TEST(LetterPartsTest, RefusesALetterThatDoesNotSayWhy) {
  auto library = ExemptionLibrary::Load(kConfig);
  ASSERT_TRUE(library.ok());
  auto no_reason = ExemptionSections(*library, {Use("s14", "")}, Date{2016, 4, 1}, "r.toml");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().message,
            "r.toml: [[exemption]] 1 (s14): key 'reason': the letter must say why section 14 applies to this request");
  auto no_balance = ExemptionSections(*library, {Use("s31", "Tactics.")}, Date{2016, 4, 1}, "r.toml");
  ASSERT_FALSE(no_balance.ok());
  EXPECT_NE(no_balance.error().message.find("(s31): key 'pit_balance': section 31 is qualified"), std::string::npos)
      << no_balance.error().message;
  auto unknown = ExemptionSections(*library, {Use("s99", "x")}, Date{2016, 4, 1}, "r.toml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("[[exemption]] 1 (s99)"), std::string::npos);
}

TEST(LetterPartsTest, CitesTheSectionsOfTheLawOnTheDate) {
  auto library = ExemptionLibrary::Load(kConfig);
  ASSERT_TRUE(library.ok());
  const std::string cited =
      CitedSections(*library, {Use("s30", "a"), Use("s40-5", "b"), Use("s14", "c")}, Date{2024, 1, 10});
  EXPECT_EQ(cited.find("section 30 ("), 0u) << cited;
  EXPECT_NE(cited.find(", section 40(5) ("), std::string::npos) << cited;
  EXPECT_NE(cited.find(" and section 14 (Vexatious or repeated requests)"), std::string::npos) << cited;
  const std::string opening = RefusalNoticeOpening(library->s17_notice(), "Example Constabulary", cited);
  EXPECT_NE(opening.find("Example Constabulary relies on section 30 ("), std::string::npos) << opening;
  EXPECT_EQ(opening.find("{{"), std::string::npos);
}

// 60 s a record: 18 hours is 1,080 records.
TEST(LetterPartsTest, CostEstimateAndTheYearsThatWouldFit) {
  const std::map<int, int64_t> by_year{{2011, 400}, {2012, 400}, {2013, 500}, {2014, 300}, {2015, 700}};
  const CostEstimate e = EstimateCost(by_year, 60, {"searched X."});
  EXPECT_EQ(e.candidates, 2300);
  EXPECT_NEAR(e.hours, 2300.0 / 60, 1e-9);
  EXPECT_TRUE(e.exceeds_limit);
  ASSERT_EQ(e.reason.size(), 2u);
  EXPECT_EQ(e.reason[0], "searched X.");
  EXPECT_NE(e.reason[1].find("return 2,300 crimes"), std::string::npos) << e.reason[1];
  EXPECT_NE(e.reason[1].find("about 38.3 hours"), std::string::npos) << e.reason[1];
  // 2015 + 2014 = 1,000 records (16.7 hours) fits; with 2013 it is 1,500.
  ASSERT_EQ(e.advice.size(), 1u);
  EXPECT_NE(e.advice[0].find("crimes recorded in 2014 to 2015 (1,000 records, about 16.7 hours)"), std::string::npos)
      << e.advice[0];

  const CostEstimate one = EstimateCost({{2014, 2000}, {2015, 1000}}, 60, {});
  EXPECT_NE(one.advice[0].find("crimes recorded in 2015 (1,000 records"), std::string::npos) << one.advice[0];
  const CostEstimate none = EstimateCost({{2014, 2000}, {2015, 1100}}, 60, {});
  EXPECT_NE(none.advice[0].find("Even a single year (2015: 1,100 records, about 18.3 hours)"), std::string::npos)
      << none.advice[0];
  const CostEstimate within = EstimateCost({{2015, 1080}}, 60, {});
  EXPECT_FALSE(within.exceeds_limit) << "exactly 18 hours is within the limit";
}

}  // namespace
}  // namespace foidesk::respond
