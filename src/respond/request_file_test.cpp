// Request files: a good file resolves paths; bad ones name file and key.
#include "respond/request_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace foidesk::respond {
namespace {

const char* kGood = R"(reference = "FOI 000763/16"
received = 2016-03-16
response_date = "2016-03-30"
years = [2011, 2012]
questions = ["How many?"]
store = "../foidesk.db"
decisions = "decisions.csv"
sources = ["../data/crs_1.csv"]
[[search]]
source = "crs"
query = "offence:71 video"
method = "crimes of Blackmail"
)";

// One folder per test process: ctest runs the tests of this file in parallel.
std::string Write(const std::string& text) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::temp_directory_path() /
             ("foidesk_req_" + std::string(test ? test->name() : "x") + "_" +
              std::to_string(::getpid())) /
             "inputs";
  std::filesystem::create_directories(dir);
  auto p = dir / "request.toml";
  std::ofstream(p) << text;
  return p.string();
}

TEST(RequestFileTest, ParsesAndResolvesPaths) {
  auto path = Write(kGood);
  auto r = LoadRequestFile(path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->reference, "FOI 000763/16");
  EXPECT_EQ(r->received, (Date{2016, 3, 16}));
  EXPECT_EQ(r->response_date, (Date{2016, 3, 30}));
  EXPECT_EQ(r->years, (std::vector<int>{2011, 2012}));
  auto base = std::filesystem::path(path).parent_path().parent_path();
  EXPECT_EQ(r->store, (base / "foidesk.db").string());
  EXPECT_EQ(r->decisions, (base / "inputs" / "decisions.csv").string());
  EXPECT_EQ(r->sources[0], (base / "data" / "crs_1.csv").string());
  ASSERT_EQ(r->searches.size(), 1u);
  EXPECT_EQ(r->searches[0].query, "offence:71 video");
}

TEST(RequestFileTest, ReadsPolicySchemaAndOverrides) {
  // Top-level keys before kGood's [[search]] table; the override after it.
  auto path = Write("disclosure_policy = \"policy.toml\"\nsummary_schema = \"sextortion\"\n" +
                    std::string(kGood) +
                    "[[override]]\ncheck = \"small-count\"\nsubject = \"Q1 2012\"\n"
                    "approver = \"A. Approver\"\nreason = \"already published\"\n");
  auto r = LoadRequestFile(path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->disclosure_policy,
            (std::filesystem::path(path).parent_path() / "policy.toml").string());
  EXPECT_EQ(r->summary_schema, "sextortion");
  ASSERT_EQ(r->overrides.size(), 1u);
  EXPECT_EQ(r->overrides[0].check, "small-count");
  EXPECT_EQ(r->overrides[0].subject, "Q1 2012");
  EXPECT_EQ(r->overrides[0].approver, "A. Approver");
  EXPECT_EQ(r->overrides[0].reason, "already published");
  auto bad = LoadRequestFile(Write(std::string(kGood) +
                                   "[[override]]\ncheck = \"below-k\"\nsubject = \"x\"\n"
                                   "approver = \"A\"\nreason = \"\"\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("[[override]] 1: key 'reason': must not be empty"),
            std::string::npos)
      << bad.error().message;
  auto path_schema = LoadRequestFile(Write("summary_schema = \"../x\"\n" + std::string(kGood)));
  ASSERT_FALSE(path_schema.ok());
  EXPECT_NE(path_schema.error().message.find("key 'summary_schema'"), std::string::npos);
}

TEST(RequestFileTest, BadFilesNameTheKey) {
  struct Case { std::string from, to, error; } cases[] = {
      {"received = 2016-03-16", "", ": missing key 'received' (a date, YYYY-MM-DD)"},
      {"received = 2016-03-16", "received = \"16/03/2016\"", ": key 'received': expected a date YYYY-MM-DD"},
      {"years = [2011, 2012]", "years = [2012, 2011]", ": key 'years': list them once each, in ascending order"},
      {"response_date = \"2016-03-30\"", "response_date = \"2016-03-01\"",
       ": key 'response_date': before the date the request was received"},
      {"method = \"crimes of Blackmail\"", "", ": [[search]] 1: missing key 'method'"},
  };
  for (const auto& c : cases) {
    std::string text = kGood;
    text.replace(text.find(c.from), c.from.size(), c.to);
    auto path = Write(text);
    auto r = LoadRequestFile(path);
    ASSERT_FALSE(r.ok()) << c.error;
    EXPECT_EQ(r.error().message, path + c.error);
  }
  auto path = Write("reference = \n");
  auto r = LoadRequestFile(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind(path + ":1:", 0), 0u) << r.error().message;
}

// Kinds of response: tables need searches, decisions and years; refusals
// and "not held" need none, but must say why.
TEST(RequestFileTest, KindsOfResponse) {
  auto r = LoadRequestFile(Write(kGood));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->kind, ResponseKind::kProvidedInPart);

  const std::string head = "reference = \"FOI 000902/16\"\nreceived = 2016-04-05\nresponse_date = 2016-04-20\n"
                           "questions = [\"Again?\"]\nstore = \"foidesk.db\"\n";
  auto s14 = LoadRequestFile(Write("kind = \"refused-s14\"\n" + head +
                                   "[[exemption]]\nid = \"s14\"\nreason = \"The thirty-first request.\"\n"));
  ASSERT_TRUE(s14.ok()) << s14.error().message;
  EXPECT_EQ(s14->kind, ResponseKind::kRefusedS14);
  EXPECT_TRUE(s14->searches.empty());
  EXPECT_TRUE(s14->decisions.empty());
  ASSERT_EQ(s14->exemptions.size(), 1u);
  EXPECT_EQ(s14->exemptions[0].reason, "The thirty-first request.");

  auto no_reason = LoadRequestFile(Write("kind = \"refused-s14\"\n" + head));
  ASSERT_FALSE(no_reason.ok());
  EXPECT_NE(no_reason.error().message.find("needs [[exemption]] id = \"s14\" with a 'reason'"), std::string::npos);

  auto ncnd = LoadRequestFile(Write("kind = \"ncnd\"\n" + head));
  ASSERT_FALSE(ncnd.ok());
  EXPECT_NE(ncnd.error().message.find("kind \"ncnd\" needs at least one [[exemption]]"), std::string::npos);

  auto unknown = LoadRequestFile(Write("kind = \"refused\"\n" + head));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("key 'kind': 'refused' is not one of provided"), std::string::npos);

  auto s12 = LoadRequestFile(Write("kind = \"refused-s12\"\n" + head));
  ASSERT_FALSE(s12.ok()) << "an s12 estimate needs searches and years";
  EXPECT_NE(s12.error().message.find("key 'years'"), std::string::npos) << s12.error().message;

  auto slow = LoadRequestFile(Write("seconds_per_record = 0\n" + std::string(kGood)));
  ASSERT_FALSE(slow.ok());
  EXPECT_NE(slow.error().message.find("key 'seconds_per_record'"), std::string::npos);

  auto no_id = LoadRequestFile(Write(std::string(kGood) + "[[exemption]]\nreason = \"x\"\n"));
  ASSERT_FALSE(no_id.ok());
  EXPECT_NE(no_id.error().message.find("[[exemption]] 1: missing key 'id'"), std::string::npos)
      << no_id.error().message;
}

}  // namespace
}  // namespace foidesk::respond
