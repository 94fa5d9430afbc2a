// The exemption library: the law in force on the response date, one version
// a day per exemption, and errors that name the file and key for bad data.
#include "respond/exemptions.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace foidesk::respond {
namespace {

namespace fs = std::filesystem;

const std::string kConfig = FOIDESK_SOURCE_DIR "/config";

Date D(const char* iso) { return *ParseIsoDate(iso); }

std::string Join(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) out += p + "\n\n";
  return out;
}

std::string AllText(const ExemptionVersion& v) {
  std::string out = Join(v.what) + Join(v.why);
  if (v.public_interest) {
    out += Join(v.public_interest->favouring_disclosure) +
           Join(v.public_interest->favouring_non_disclosure) + Join(v.public_interest->balance);
  }
  return out;
}

const ExemptionLibrary& Library() {
  static const ExemptionLibrary lib = [] {
    auto r = ExemptionLibrary::Load(kConfig);
    if (!r.ok()) {
      ADD_FAILURE() << r.error().message;
      std::abort();
    }
    return *r;
  }();
  return lib;
}

ExemptionVersion Find(const std::string& id, const char* on) {
  auto r = Library().Find(id, D(on));
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? *r : ExemptionVersion{};
}

TEST(ExemptionLibraryTest, HoldsTheExemptionsPoliceUseMost) {
  std::vector<std::string> want = {"s12", "s14",   "s21",   "s30", "s31",
                                   "s38", "s40-2", "s40-5", "s41", "s42"};
  EXPECT_EQ(Library().Ids(), want);
}

TEST(ExemptionLibraryTest, S40_2In2016CitesTheDataProtectionAct1998) {
  auto v = Find("s40-2", "2016-03-30");
  std::string text = AllText(v);
  EXPECT_NE(text.find("Data Protection Act 1998"), std::string::npos);
  EXPECT_NE(text.find("Principle 1"), std::string::npos);
  EXPECT_EQ(text.find("GDPR"), std::string::npos);
  EXPECT_EQ(text.find("40(3A)"), std::string::npos);
  EXPECT_EQ(v.kind, ExemptionKind::kAbsolute);
  EXPECT_EQ(fs::path(v.file).filename(), "s40-2-dpa1998.toml");
}

// The library's 1998 text is the seed letter's wording, which the demo
// letter still reads from s40-2-dpa1998.md: the two must not drift apart.
TEST(ExemptionLibraryTest, S40_2Dpa1998MatchesTheSeedWording) {
  std::ifstream in(kConfig + "/exemptions/s40-2-dpa1998.md", std::ios::binary);
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  auto seed = SplitParagraphs(ss.str());
  auto v = Find("s40-2", "2016-03-30");
  ASSERT_LE(v.what.size(), seed.size());
  for (size_t i = 0; i < v.what.size(); ++i) EXPECT_EQ(v.what[i], seed[i]) << "paragraph " << i;
  EXPECT_EQ(v.why.back(), seed.back());
}

TEST(ExemptionLibraryTest, S40_2In2024CitesS40_3AAndUkGdprArticle5_1_a) {
  auto v = Find("s40-2", "2024-05-01");
  std::string text = AllText(v);
  EXPECT_NE(text.find("40(3A)"), std::string::npos);
  EXPECT_NE(text.find("Article 5(1)(a) of the UK GDPR"), std::string::npos);
  EXPECT_NE(text.find("absolute exemption"), std::string::npos);
  EXPECT_EQ(text.find("1998"), std::string::npos);
  EXPECT_EQ(v.kind, ExemptionKind::kAbsolute);
  EXPECT_FALSE(v.in_force_to.has_value());
}

TEST(ExemptionLibraryTest, S40_2In2019CitesTheGdprAndDataProtectionAct2018) {
  auto v = Find("s40-2", "2019-06-01");
  std::string text = AllText(v);
  EXPECT_NE(text.find("Data Protection Act 2018"), std::string::npos);
  EXPECT_NE(text.find("40(3A)"), std::string::npos);
  EXPECT_NE(text.find("Article 5(1)(a) of the GDPR"), std::string::npos);
  EXPECT_EQ(text.find("UK GDPR"), std::string::npos);
  EXPECT_EQ(text.find("1998"), std::string::npos);
}

TEST(ExemptionLibraryTest, SwitchesLawOnTheBoundaryDays) {
  for (const std::string id : {"s40-2", "s40-5"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(fs::path(Find(id, "2018-05-24").file).stem(), id + "-dpa1998");
    EXPECT_EQ(fs::path(Find(id, "2018-05-25").file).stem(), id + "-gdpr2018");
    EXPECT_EQ(fs::path(Find(id, "2020-12-31").file).stem(), id + "-gdpr2018");
    EXPECT_EQ(fs::path(Find(id, "2021-01-01").file).stem(), id + "-ukgdpr");
  }
}

// Every day, not a sample: 26 years of 10 ids is cheap and catches a gap a
// sample would miss.
TEST(ExemptionLibraryTest, ExactlyOneVersionInForceEveryDay2005To2030) {
  const int64_t first = D("2005-01-01").DaysSinceEpoch();
  const int64_t last = D("2030-12-31").DaysSinceEpoch();
  for (const auto& id : Library().Ids()) {
    const auto& versions = Library().Versions(id);
    for (int64_t day = first; day <= last; ++day) {
      const Date d = Date::FromDaysSinceEpoch(day);
      int n = 0;
      for (const auto& v : versions) n += v.InForceOn(d) ? 1 : 0;
      ASSERT_EQ(n, 1) << id << " on " << d.Iso();
    }
  }
  for (const char* day : {"2005-01-01", "2018-05-24", "2018-05-25", "2020-12-31", "2021-01-01",
                          "2030-12-31"}) {
    for (const auto& id : Library().Ids()) {
      auto r = Library().Find(id, D(day));
      EXPECT_TRUE(r.ok()) << id << " on " << day;
    }
  }
}

TEST(ExemptionLibraryTest, NoVersionBeforeTheActNamesIdAndDate) {
  auto r = Library().Find("s31", D("2004-12-31"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_NE(r.error().message.find("'s31'"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("2004-12-31"), std::string::npos) << r.error().message;
  auto u = Library().Find("s99", D("2016-03-30"));
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.error().message.find("'s99'"), std::string::npos) << u.error().message;
}

TEST(ExemptionLibraryTest, QualifiedHavePublicInterestTestOthersNone) {
  const std::set<std::string> qualified = {"s30", "s31", "s38", "s42"};
  const std::set<std::string> procedural = {"s12", "s14"};
  for (const auto& id : Library().Ids()) {
    for (const auto& v : Library().Versions(id)) {
      SCOPED_TRACE(v.file);
      if (qualified.count(id)) {
        EXPECT_EQ(v.kind, ExemptionKind::kQualified);
        ASSERT_TRUE(v.public_interest.has_value());
        EXPECT_FALSE(v.public_interest->favouring_disclosure.empty());
        EXPECT_FALSE(v.public_interest->favouring_non_disclosure.empty());
        EXPECT_FALSE(v.public_interest->balance.empty());
      } else {
        EXPECT_EQ(v.kind, procedural.count(id) ? ExemptionKind::kProcedural
                                               : ExemptionKind::kAbsolute);
        EXPECT_FALSE(v.public_interest.has_value());
      }
    }
  }
}

TEST(ExemptionLibraryTest, EveryVersionHasSourcesAndAPlaceForReasons) {
  for (const auto& id : Library().Ids()) {
    for (const auto& v : Library().Versions(id)) {
      SCOPED_TRACE(v.file);
      bool legislation = false;
      for (const auto& s : v.sources)
        legislation |= s.rfind("https://www.legislation.gov.uk/", 0) == 0;
      EXPECT_TRUE(legislation);
      EXPECT_NE(Join(v.why).find("{{reason}}"), std::string::npos);
      EXPECT_GE(v.written, D("2026-01-01"));
      EXPECT_FALSE(v.refusal_notice.empty());
    }
  }
}

TEST(ExemptionLibraryTest, S12GivesThePoliceLimitAndAdvice) {
  auto v = Find("s12", "2016-03-30");
  std::string text = AllText(v);
  EXPECT_NE(text.find("£450"), std::string::npos);
  EXPECT_NE(text.find("18 hours"), std::string::npos);
  EXPECT_NE(text.find("£25"), std::string::npos);
  EXPECT_NE(text.find("section 16"), std::string::npos);
  EXPECT_NE(text.find("{{advice}}"), std::string::npos);
  EXPECT_EQ(v.refusal_notice, "17(5)");
}

TEST(ExemptionLibraryTest, S17NoticeGivesReviewAndComplaintRights) {
  const RefusalNotice& n = Library().s17_notice();
  std::string text = Join(n.paragraphs);
  for (const char* want : {"section 17", "internal review", "40 working days",
                           "Information Commissioner", "section 50", "Wycliffe House",
                           "Wilmslow", "SK9 5AF", "{{exemptions}}"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want;
  }
  EXPECT_FALSE(n.sources.empty());
}

// ---- bad data files ----

// One folder per test and process: ctest runs these in parallel.
class BadLibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("foidesk_exempt_" + std::string(test->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "exemptions");
    fs::copy_file(kConfig + "/exemptions/s17-notice.md", root_ / "exemptions/s17-notice.md");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string Write(const std::string& name, const std::string& text) {
    auto p = root_ / "exemptions" / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  // Expects Load to fail with a message holding every one of `parts`.
  void ExpectError(std::initializer_list<std::string> parts) {
    auto r = ExemptionLibrary::Load(root_.string());
    ASSERT_FALSE(r.ok()) << "loaded a bad library";
    for (const auto& p : parts)
      EXPECT_NE(r.error().message.find(p), std::string::npos)
          << "'" << p << "' not in: " << r.error().message;
  }

  static std::string Version(const std::string& id, const std::string& dates,
                             const std::string& extra = "") {
    return "id = \"" + id + "\"\nsection = \"31\"\ntitle = \"Law enforcement\"\n" +
           "kind = \"absolute\"\nbasis = \"class\"\n" + dates +
           "\nrefusal_notice = \"17(1)\"\nwritten = 2026-11-29\n"
           "sources = [\"https://www.legislation.gov.uk/ukpga/2000/36/section/31\"]\n"
           "what = \"Section 31.\"\nwhy = \"{{reason}}\"\n" + extra;
  }

  fs::path root_;
};

TEST_F(BadLibraryTest, AGoodMinimalLibraryLoads) {
  Write("s31.toml", Version("s31", "in_force_from = 2005-01-01"));
  auto r = ExemptionLibrary::Load(root_.string());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->Find("s31", D("2030-01-01")).ok());
}

TEST_F(BadLibraryTest, MissingFieldNamesFileAndField) {
  std::string text = Version("s31", "in_force_from = 2005-01-01");
  text.erase(text.find("title"), text.find('\n', text.find("title")) + 1 - text.find("title"));
  auto path = Write("s31.toml", text);
  ExpectError({path, "missing key 'title'"});
}

TEST_F(BadLibraryTest, BadDateNamesFileAndField) {
  auto path = Write("s31.toml", Version("s31", "in_force_from = \"2018-02-30\""));
  ExpectError({path, "'in_force_from'", "YYYY-MM-DD"});
}

TEST_F(BadLibraryTest, EndBeforeStartNamesField) {
  auto path =
      Write("s31.toml", Version("s31", "in_force_from = 2018-05-25\nin_force_to = 2018-05-24"));
  ExpectError({path, "'in_force_to'"});
}

TEST_F(BadLibraryTest, OverlappingVersionsNameBothFiles) {
  auto a = Write("s31-a.toml", Version("s31", "in_force_from = 2005-01-01\nin_force_to = 2018-05-25"));
  auto b = Write("s31-b.toml", Version("s31", "in_force_from = 2018-05-25"));
  ExpectError({a, b, "overlap", "'s31'", "'in_force_from'"});
}

TEST_F(BadLibraryTest, OpenEndedVersionFollowedByAnotherOverlaps) {
  auto a = Write("s31-a.toml", Version("s31", "in_force_from = 2005-01-01"));
  auto b = Write("s31-b.toml", Version("s31", "in_force_from = 2021-01-01"));
  ExpectError({a, b, "overlap"});
}

TEST_F(BadLibraryTest, GappedVersionsNameBothFilesAndTheFirstMissingDay) {
  auto a = Write("s31-a.toml", Version("s31", "in_force_from = 2005-01-01\nin_force_to = 2018-05-23"));
  auto b = Write("s31-b.toml", Version("s31", "in_force_from = 2018-05-25"));
  ExpectError({a, b, "gap", "2018-05-24"});
}

TEST_F(BadLibraryTest, QualifiedWithoutPublicInterestTest) {
  std::string text = Version("s31", "in_force_from = 2005-01-01");
  text.replace(text.find("absolute"), 8, "qualified");
  auto path = Write("s31.toml", text);
  ExpectError({path, "'public_interest'", "qualified"});
}

TEST_F(BadLibraryTest, PublicInterestTestMissingBalance) {
  std::string text = Version("s31", "in_force_from = 2005-01-01",
                             "[public_interest]\nfavouring_disclosure = \"a\"\n"
                             "favouring_non_disclosure = \"b\"\n");
  text.replace(text.find("absolute"), 8, "qualified");
  auto path = Write("s31.toml", text);
  ExpectError({path, "[public_interest]", "missing key 'balance'"});
}

TEST_F(BadLibraryTest, AbsoluteWithPublicInterestTest) {
  auto path = Write("s31.toml", Version("s31", "in_force_from = 2005-01-01",
                                        "[public_interest]\nbalance = \"x\"\n"));
  ExpectError({path, "'public_interest'", "absolute"});
}

TEST_F(BadLibraryTest, WhyWithoutReasonPlaceholder) {
  std::string text = Version("s31", "in_force_from = 2005-01-01");
  text.replace(text.find("{{reason}}"), 10, "Because.");
  auto path = Write("s31.toml", text);
  ExpectError({path, "'why'", "{{reason}}"});
}

TEST_F(BadLibraryTest, UnknownKindAndUnknownKey) {
  std::string text = Version("s31", "in_force_from = 2005-01-01");
  text.replace(text.find("absolute"), 8, "sometimes");
  auto path = Write("s31.toml", text);
  ExpectError({path, "'kind'", "sometimes"});
  Write("s31.toml", Version("s31", "in_force_from = 2005-01-01\nin_force_form = 2005-01-01"));
  ExpectError({path, "unknown key 'in_force_form'"});
}

TEST_F(BadLibraryTest, SourceMustBeAnAddress) {
  std::string text = Version("s31", "in_force_from = 2005-01-01");
  text.replace(text.find("https://"), 8, "");
  auto path = Write("s31.toml", text);
  ExpectError({path, "'sources'"});
}

TEST_F(BadLibraryTest, TomlSyntaxErrorNamesFileAndLine) {
  auto path = Write("s31.toml", "id = \"s31\nsection = \"31\"\n");
  ExpectError({path + ":1:"});
}

TEST_F(BadLibraryTest, MissingNoticeNamesTheFile) {
  Write("s31.toml", Version("s31", "in_force_from = 2005-01-01"));
  fs::remove(root_ / "exemptions/s17-notice.md");
  ExpectError({"s17-notice.md"});
}

TEST_F(BadLibraryTest, NoticeWithoutWrittenDateNamesFileAndField) {
  Write("s31.toml", Version("s31", "in_force_from = 2005-01-01"));
  auto path = Write("s17-notice.md",
                    "+++\nsources = [\"https://www.legislation.gov.uk/ukpga/2000/36/section/17\"]\n"
                    "+++\nThis is a refusal notice.\n");
  ExpectError({path, "missing key 'written'"});
}

TEST_F(BadLibraryTest, NoticeWithoutFrontMatter) {
  Write("s31.toml", Version("s31", "in_force_from = 2005-01-01"));
  auto path = Write("s17-notice.md", "This is a refusal notice.\n");
  ExpectError({path, "front matter"});
}

TEST_F(BadLibraryTest, EmptyFolder) { ExpectError({"no exemption files"}); }

}  // namespace
}  // namespace foidesk::respond
