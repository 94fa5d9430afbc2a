// End to end: the real `foidesk` binary answers FOI 000763/16 on the
// synthetic force, its tables equal the force's published ones, and the
// response reproduces byte for byte from the inputs it kept.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "model/csv.h"

namespace foidesk {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int status;
  std::string out;
};

// Runs foidesk; stderr joins stdout unless `keep_stderr_apart` (for JSON).
CommandRun Foidesk(const std::string& args, bool keep_stderr_apart = false) {
  const char* bin = std::getenv("FOIDESK_BIN");
  std::string cmd = std::string(bin ? bin : FOIDESK_SOURCE_DIR "/build/foidesk") + " " + args +
                    (keep_stderr_apart ? " 2>/dev/null" : " 2>&1");
  CommandRun r{0, ""};
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::vector<std::string>> ReadCsv(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  CsvReader r(in);
  CsvRecord rec;
  std::vector<std::vector<std::string>> rows;
  while (r.Next(rec))
    if (!(rec.fields.size() == 1 && rec.fields[0].empty())) rows.push_back(rec.fields);
  return rows;
}

// Rows grouped by year, each year's rows sorted: order within a year is free.
std::map<std::string, std::vector<std::vector<std::string>>> ByYear(
    const std::vector<std::vector<std::string>>& rows) {
  std::map<std::string, std::vector<std::vector<std::string>>> out;
  for (size_t i = 1; i < rows.size(); ++i) out[rows[i][0]].push_back(rows[i]);
  for (auto& [y, v] : out) std::sort(v.begin(), v.end());
  return out;
}

class DemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("foidesk_e2e_demo_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    demo_ = new CommandRun(Foidesk("demo --out " + dir_->string()));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete demo_;
  }
  static fs::path* dir_;
  static CommandRun* demo_;
};
fs::path* DemoTest::dir_ = nullptr;
CommandRun* DemoTest::demo_ = nullptr;

TEST_F(DemoTest, TablesEqualTheSeed) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path golden = fs::path(FOIDESK_SOURCE_DIR) / "tests" / "golden";
  EXPECT_EQ(Slurp(*dir_ / "tables" / "q1.csv"), Slurp(golden / "q1-counts.csv"));
  auto q2 = ReadCsv(*dir_ / "tables" / "q2.csv");
  auto seed = ReadCsv(golden / "q2-details.csv");
  ASSERT_FALSE(q2.empty());
  EXPECT_EQ(q2[0], seed[0]);  // header
  EXPECT_EQ(q2.size(), seed.size());
  EXPECT_EQ(ByYear(q2), ByYear(seed));
  // Years ascend: rows may move only within a year.
  for (size_t i = 2; i < q2.size(); ++i) EXPECT_LE(q2[i - 1][0], q2[i][0]);
}

TEST_F(DemoTest, PrintsWhereAndWhatTheKeywordsMissed) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  EXPECT_NE(demo_->out.find("response written to"), std::string::npos) << demo_->out;
  EXPECT_NE(demo_->out.find("the keyword search missed"), std::string::npos) << demo_->out;
  for (const char* f : {"response.md", "response.html", "manifest.json", "inputs/request.toml",
                        "inputs/decisions.csv"})
    EXPECT_TRUE(fs::exists(*dir_ / f)) << f;
}

TEST_F(DemoTest, RespondAgainGivesTheSameBytes) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  fs::path again = *dir_ / "again";
  CommandRun r = Foidesk("respond " + (*dir_ / "inputs" / "request.toml").string() + " --out " + again.string());
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* f : {"response.md", "response.html", "manifest.json", "tables/q1.csv", "tables/q2.csv"})
    EXPECT_EQ(Slurp(*dir_ / f), Slurp(again / f)) << f;
}

TEST_F(DemoTest, DecisionsSurviveReingest) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  std::string exports;
  for (const auto& e : fs::directory_iterator(*dir_ / "data")) {
    std::string name = e.path().filename().string();
    if (name.rfind("crs_", 0) == 0 || name.rfind("rms_", 0) == 0) exports += " " + e.path().string();
  }
  CommandRun again = Foidesk("ingest --json --db " + (*dir_ / "foidesk.db").string() + exports, true);
  ASSERT_EQ(again.status, 0) << again.out;
  EXPECT_EQ(nlohmann::json::parse(again.out)["loaded"], 0);
  // The store still holds every decision, as imported.
  fs::path exported = *dir_ / "decisions-after-reingest.csv";
  CommandRun r = Foidesk("decisions export --db " + (*dir_ / "foidesk.db").string() +
                         " --request 'FOI 000763/16' --out " + exported.string());
  ASSERT_EQ(r.status, 0) << r.out;
  auto rows = ReadCsv(exported);
  auto imported = ReadCsv(*dir_ / "inputs" / "decisions.csv");
  EXPECT_EQ(rows.size(), imported.size());
  size_t relevant = 0;
  for (const auto& row : rows) relevant += row[1] == "yes";
  EXPECT_EQ(relevant, 68u);
}

TEST_F(DemoTest, ManifestHoldsNoPersonalData) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  auto m = nlohmann::json::parse(Slurp(*dir_ / "manifest.json"));
  EXPECT_EQ(m["reference"], "FOI 000763/16");
  EXPECT_EQ(m["counts"]["relevant"], 68);
  EXPECT_GE(m["sources"].size(), 2u);
  for (const auto& s : m["sources"]) EXPECT_EQ(s["sha256"].get<std::string>().size(), 64u);
  std::string text = Slurp(*dir_ / "manifest.json") + Slurp(*dir_ / "response.md") +
                     Slurp(*dir_ / "response.html");
  // No crime numbers of either system reach a public artefact.
  EXPECT_EQ(text.find("RMS-1"), std::string::npos);
  EXPECT_EQ(text.find("C1/"), std::string::npos);
}

TEST_F(DemoTest, SearchCountsByYearAsJson) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  CommandRun r = Foidesk("search --db " + (*dir_ / "foidesk.db").string() +
                  " --by fyear --json 'offence:071 recorded:2014-04-01..2015-03-31'", true);
  ASSERT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j["by"].contains("2014/15")) << r.out;
  EXPECT_EQ(j["by"].size(), 1u);
  EXPECT_EQ(j["by"]["2014/15"], j["total"]);
  EXPECT_EQ(j["ids"].size(), j["total"].get<size_t>());
}

TEST(CliTest, QuerySyntaxErrorNamesTheColumn) {
  CommandRun r = Foidesk("search --db /dev/null 'video OR'");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("column"), std::string::npos) << r.out;
}

TEST(CliTest, HelpExplainsEveryCommandWithAnExample) {
  CommandRun top = Foidesk("--help");
  EXPECT_EQ(top.status, 0);
  for (const char* cmd : {"ingest", "search", "decisions", "respond", "pii", "redact", "synth", "demo", "bench"}) {
    EXPECT_NE(top.out.find(cmd), std::string::npos) << cmd;
    if (std::string(cmd) == "decisions") cmd = "decisions import";
    CommandRun r = Foidesk(std::string(cmd) + " --help");
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("Example: foidesk"), std::string::npos) << cmd << "\n" << r.out;
  }
}

TEST(CliTest, PiiReadsStdinAndPrintsByteOffsets) {
  CommandRun r = Foidesk(
      "pii --json <<'EOF'\nIP SEEN AT 12 HIGH STREET, NORWICH NR2 1AB, EMAIL J.SMITH@EXAMPLE.COM\nEOF", true);
  ASSERT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  const std::string input = "IP SEEN AT 12 HIGH STREET, NORWICH NR2 1AB, EMAIL J.SMITH@EXAMPLE.COM\n";
  std::set<std::string> types;
  for (const auto& f : j["findings"]) {
    types.insert(f["type"].get<std::string>());
    size_t start = f["start"], end = f["end"];
    EXPECT_EQ(input.substr(start, end - start), f["text"].get<std::string>());
  }
  EXPECT_TRUE(types.count("postcode")) << r.out;
  EXPECT_TRUE(types.count("email")) << r.out;
  EXPECT_TRUE(types.count("address")) << r.out;
}

TEST(CliTest, RedactLeavesNoPlantedValue) {
  CommandRun r = Foidesk(
      "redact <<'EOF'\nIP OF 12 HIGH STREET NR2 1AB DOB 14/02/1997 TEL 01603 123456 EMAIL J.SMITH@EXAMPLE.COM\nEOF",
      true);
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* planted : {"12 HIGH STREET", "NR2 1AB", "14/02/1997", "01603 123456", "J.SMITH@EXAMPLE.COM"})
    EXPECT_EQ(r.out.find(planted), std::string::npos) << planted << " in " << r.out;
  EXPECT_NE(r.out.find("IP OF"), std::string::npos) << r.out;
}

TEST(CliTest, UnreadableSourceFailsClearly) {
  auto db = fs::temp_directory_path() / "foidesk_cli_unreadable.db";
  fs::remove(db);
  CommandRun r = Foidesk("ingest --db " + db.string() + " /nonexistent/crs_1.csv");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("/nonexistent/crs_1.csv"), std::string::npos) << r.out;
  fs::remove(db);
}

}  // namespace
}  // namespace foidesk

namespace foidesk {
namespace {

// A small synthetic force, ingested twice through the real command.
class IngestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("foidesk_e2e_ingest_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    synth_ = new CommandRun(Foidesk("synth --out " + (*dir_ / "data").string() +
                             " --seed 5 --crimes-per-year 3000 --files 2"));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete synth_;
  }
  static std::string Exports() {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(*dir_ / "data")) {
      std::string name = e.path().filename().string();
      if (name.rfind("crs_", 0) == 0 || name.rfind("rms_", 0) == 0) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    std::string out;
    for (const auto& f : files) out += " " + f;
    return out;
  }
  static fs::path* dir_;
  static CommandRun* synth_;
};
fs::path* IngestTest::dir_ = nullptr;
CommandRun* IngestTest::synth_ = nullptr;

TEST_F(IngestTest, CountsAddUpAndReingestAddsNothing) {
  ASSERT_EQ(synth_->status, 0) << synth_->out;
  const std::string db = (*dir_ / "force.db").string();
  CommandRun first = Foidesk("ingest --json --db " + db + Exports(), true);
  ASSERT_EQ(first.status, 0) << first.out;
  auto a = nlohmann::json::parse(first.out);
  EXPECT_EQ(a["read"], a["loaded"].get<int64_t>() + a["rejected"].get<int64_t>() +
                           a["duplicates"].get<int64_t>());
  EXPECT_GT(a["loaded"].get<int64_t>(), 20000);
  EXPECT_GT(a["rejected"].get<int64_t>(), 0);
  EXPECT_GT(a["migrated"].get<int64_t>(), 0);
  CommandRun second = Foidesk("ingest --json --db " + db + Exports(), true);
  ASSERT_EQ(second.status, 0) << second.out;
  auto b = nlohmann::json::parse(second.out);
  EXPECT_EQ(b["read"], a["read"]);
  EXPECT_EQ(b["loaded"], 0);
  EXPECT_EQ(b["migrated"], 0);
  EXPECT_EQ(b["read"], b["rejected"].get<int64_t>() + b["duplicates"].get<int64_t>());
}

TEST_F(IngestTest, EveryPlantedFaultIsAFinding) {
  ASSERT_EQ(synth_->status, 0) << synth_->out;
  const std::string db = (*dir_ / "faults.db").string();
  const std::string findings_path = (*dir_ / "faults.findings.csv").string();
  CommandRun r = Foidesk("ingest --db " + db + " --findings " + findings_path + Exports(), true);
  ASSERT_EQ(r.status, 0) << r.out;
  // Findings by (file name, line).
  std::set<std::pair<std::string, std::string>> found;
  auto findings = ReadCsv(findings_path);
  ASSERT_GT(findings.size(), 1u);
  for (size_t i = 1; i < findings.size(); ++i)
    found.insert({fs::path(findings[i][0]).filename().string(), findings[i][1]});
  auto faults = ReadCsv(*dir_ / "data" / "faults.csv");
  ASSERT_GT(faults.size(), 1u);
  int checked = 0;
  for (size_t i = 1; i < faults.size(); ++i) {
    const std::string& kind = faults[i][2];
    // A BOM and a trailing empty line are handled, not reported.
    if (kind == "bom" || kind == "trailing_empty_line") continue;
    EXPECT_TRUE(found.count({fs::path(faults[i][0]).filename().string(), faults[i][1]}))
        << "planted " << kind << " at " << faults[i][0] << ":" << faults[i][1] << " not reported";
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace foidesk
