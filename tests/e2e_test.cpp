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
#include <regex>
#include <cctype>
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

// Runs a shell command; stderr joins stdout unless `keep_stderr_apart`.
CommandRun Shell(const std::string& command, bool keep_stderr_apart = false) {
  const std::string cmd = command + (keep_stderr_apart ? " 2>/dev/null" : " 2>&1");
  CommandRun r{0, ""};
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// Runs foidesk; stderr joins stdout unless `keep_stderr_apart` (for JSON).
CommandRun Foidesk(const std::string& args, bool keep_stderr_apart = false) {
  const char* bin = std::getenv("FOIDESK_BIN");
  return Shell(std::string(bin ? bin : FOIDESK_SOURCE_DIR "/build/foidesk") + " " + args, keep_stderr_apart);
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

TEST_F(DemoTest, WorkingTablesEqualTheSeed) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path golden = fs::path(FOIDESK_SOURCE_DIR) / "tests" / "golden";
  const std::string request = (*dir_ / "inputs" / "request.toml").string();
  CommandRun q1 = Foidesk("tables " + request + " --table q1", true);
  ASSERT_EQ(q1.status, 0) << q1.out;
  EXPECT_EQ(q1.out, Slurp(golden / "q1-counts.csv"));
  CommandRun q2run = Foidesk("tables " + request + " --table q2", true);
  ASSERT_EQ(q2run.status, 0) << q2run.out;
  fs::path q2file = *dir_ / "working-q2.csv";
  std::ofstream(q2file, std::ios::binary) << q2run.out;
  auto q2 = ReadCsv(q2file);
  auto seed = ReadCsv(golden / "q2-details.csv");
  ASSERT_FALSE(q2.empty());
  EXPECT_EQ(q2[0], seed[0]);  // header
  EXPECT_EQ(q2.size(), seed.size());
  EXPECT_EQ(ByYear(q2), ByYear(seed));
  // Years ascend: rows may move only within a year.
  for (size_t i = 2; i < q2.size(); ++i) EXPECT_LE(q2[i - 1][0], q2[i][0]);
}

// Checked here from the files alone, independently of the code that
// protected them: no town, every unsuppressed combination of the
// quasi-identifiers shared by at least k = 3 rows, no count of 1 or 2 shown,
// and the published figures add up.
TEST_F(DemoTest, PublicTablesPassDisclosureControl) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path tables = *dir_ / "response" / "tables";
  auto q2 = ReadCsv(tables / "q2.csv");
  ASSERT_EQ(q2.size(), 69u);
  EXPECT_EQ(q2[0], (std::vector<std::string>{"Year", "Details", "Outcome", "Victim Age"}));
  std::map<std::vector<std::string>, int> groups;
  for (size_t i = 1; i < q2.size(); ++i)
    if (q2[i][0] != "Suppressed") ++groups[{q2[i][0], q2[i][2], q2[i][3]}];
  for (const auto& [key, n] : groups) EXPECT_GE(n, 3) << key[0] << " " << key[1] << " " << key[2];
  auto q1 = ReadCsv(tables / "q1.csv");
  ASSERT_EQ(q1.size(), 7u);  // header, five years, total
  EXPECT_EQ(q1.back(), (std::vector<std::string>{"Total", "68"}));
  int shown = 0, hidden = 0;
  for (size_t i = 1; i + 1 < q1.size(); ++i) {
    if (q1[i][1] == "*") {
      ++hidden;
      continue;
    }
    const int n = std::stoi(q1[i][1]);
    EXPECT_TRUE(n == 0 || n >= 3) << q1[i][0] << ": " << n;
    shown += n;
  }
  EXPECT_NE(hidden, 1) << "one hidden figure is the total less the others";
  EXPECT_LE(shown, 68);
  auto report = nlohmann::json::parse(Slurp(*dir_ / "response" / "disclosure.json"));
  EXPECT_EQ(report["columns"]["withheld"], nlohmann::json::array({"town"}));
  EXPECT_EQ(report["gate"]["passed"], true);
  EXPECT_EQ(report["k"]["required"], 3);
  EXPECT_GE(report["k"]["after"]["k"].get<int>(), 3);
  // The letter carries the facts of this release in its s40(2) section.
  const std::string letter = Slurp(*dir_ / "response" / "response.md");
  EXPECT_NE(letter.find("Towns are not given"), std::string::npos);
}

TEST_F(DemoTest, PrintsWhereAndWhatTheKeywordsMissed) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  EXPECT_NE(demo_->out.find("response (public) written to"), std::string::npos) << demo_->out;
  EXPECT_NE(demo_->out.find("the keyword search missed"), std::string::npos) << demo_->out;
  EXPECT_NE(demo_->out.find("disclosure control:"), std::string::npos) << demo_->out;
  EXPECT_NE(demo_->out.find("ranked review (simulated, 3 runs): reading all 1382 blackmail crimes"),
            std::string::npos)
      << demo_->out;
  for (const char* f : {"response/response.md", "response/response.html", "response/manifest.json",
                        "response/disclosure.json", "response/data.json", "response/tables/q1.xlsx",
                        "inputs/request.toml", "inputs/decisions.csv"})
    EXPECT_TRUE(fs::exists(*dir_ / f)) << f;
}

TEST_F(DemoTest, RespondAgainGivesTheSameBytes) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  fs::path again = *dir_ / "again";
  CommandRun r = Foidesk("respond " + (*dir_ / "inputs" / "request.toml").string() + " --out " + again.string());
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* f : {"response.md", "response.html", "response.pdf", "manifest.json", "disclosure.json", "data.json",
                        "tables/q1.csv", "tables/q2.csv", "tables/q1.xlsx", "tables/q2.xlsx"})
    EXPECT_EQ(Slurp(*dir_ / "response" / f), Slurp(again / f)) << f;
}

// A copy of the demo's inputs beside the originals, so the request's
// relative paths (../foidesk.db, ../data/...) still hold.
fs::path CopyInputs(const fs::path& demo, const std::string& name) {
  fs::path in = demo / name;
  fs::remove_all(in);
  fs::create_directories(in);
  fs::copy_file(demo / "inputs" / "request.toml", in / "request.toml");
  fs::copy_file(demo / "inputs" / "decisions.csv", in / "decisions.csv");
  return in;
}

TEST_F(DemoTest, GateRefusesAPersonalSummaryUntilAnApproverAccepts) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  fs::path in = CopyInputs(*dir_, "gate-inputs");
  // A reviewer writes a name and a phone number into one public summary.
  auto rows = ReadCsv(in / "decisions.csv");
  std::string crime;
  std::string csv;
  for (auto& row : rows) {
    if (crime.empty() && row.size() > 3 && row[1] == "yes") {
      crime = row[0];
      row[3] = "Threat to send video to Mr John Smith on 07700 900123 unless money paid";
    }
    csv += CsvLine(row);
  }
  ASSERT_FALSE(crime.empty());
  std::ofstream(in / "decisions.csv", std::ios::binary) << csv;
  fs::path out = *dir_ / "gate-out";
  CommandRun refused = Foidesk("respond " + (in / "request.toml").string() + " --out " + out.string());
  EXPECT_NE(refused.status, 0);
  EXPECT_NE(refused.out.find("crime " + crime + ": summary-finding: phone"), std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("crime " + crime + ": summary-finding: person"), std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("crime " + crime + ": summary-vocabulary"), std::string::npos)
      << refused.out;
  for (const char* text : {"John", "Smith", "07700"})
    EXPECT_EQ(refused.out.find(text), std::string::npos) << text << " in " << refused.out;
  EXPECT_FALSE(fs::exists(out)) << "nothing may be written when the gate refuses";

  std::ofstream(in / "request.toml", std::ios::app)
      << "\n[[override]]\ncheck = \"summary-finding\"\nsubject = \"" << crime
      << "\"\napprover = \"Test Approver\"\nreason = \"e2e test of the override\"\n"
      << "\n[[override]]\ncheck = \"summary-vocabulary\"\nsubject = \"" << crime
      << "\"\napprover = \"Test Approver\"\nreason = \"e2e test of the override\"\n";
  CommandRun accepted = Foidesk("respond " + (in / "request.toml").string() + " --out " + out.string());
  ASSERT_EQ(accepted.status, 0) << accepted.out;
  EXPECT_NE(accepted.out.find("publish gate override: " + crime + ": summary-finding accepted by Test Approver"),
            std::string::npos)
      << accepted.out;
  auto report = nlohmann::json::parse(Slurp(out / "disclosure.json"));
  EXPECT_EQ(report["gate"]["overridden"]["summary-finding"], 2);  // the person and the phone
  EXPECT_EQ(report["gate"]["overridden"]["summary-vocabulary"], 1);
  EXPECT_EQ(Slurp(out / "disclosure.json").find(crime), std::string::npos);
}

TEST_F(DemoTest, GateOverrideNamingAnUnknownCheckFailsClearly) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  fs::path in = CopyInputs(*dir_, "bad-override-inputs");
  std::ofstream(in / "request.toml", std::ios::app)
      << "\n[[override]]\ncheck = \"everything\"\nsubject = \"x\"\napprover = \"A\"\nreason = \"r\"\n";
  CommandRun r = Foidesk("respond " + (in / "request.toml").string() + " --out " + (*dir_ / "bad-out").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("request.toml: [[override]] 1: key 'check': 'everything' is not one of"),
            std::string::npos)
      << r.out;
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

// A review session from the command line on the demo's store: the queue,
// decisions, status, export, suggestions, and the simulation on the
// synthetic force's ground truth.
TEST_F(DemoTest, ReviewSessionFromTheCommandLine) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const std::string db = " --db " + (*dir_ / "foidesk.db").string();
  const std::string req = " --request 'FOI 000900/16'";
  std::map<std::string, std::string> truth;
  for (const auto& row : ReadCsv(*dir_ / "data" / "truth.csv")) truth[row[0]] = row[1];

  CommandRun start = Foidesk("review start" + db + req +
                             " 'offence:71 recorded:2011-01-01..2015-12-31 (video OR web* OR photo*)'");
  ASSERT_EQ(start.status, 0) << start.out;
  EXPECT_NE(start.out.find("397 candidates"), std::string::npos) << start.out;
  CommandRun twice = Foidesk("review start" + db + req + " 'offence:71'");
  EXPECT_EQ(twice.status, 2);
  EXPECT_NE(twice.out.find("already has a review session"), std::string::npos) << twice.out;

  int relevant = 0;
  std::string first;
  for (int i = 0; i < 30; ++i) {
    CommandRun next = Foidesk("review next --json --reviewer analyst1" + db + req, true);
    ASSERT_EQ(next.status, 0) << next.out;
    const auto j = nlohmann::json::parse(next.out);
    const std::string id = j["crime_id"];
    if (first.empty()) first = id;
    EXPECT_EQ(j["phase"], "ranked");
    const bool rel = truth[id] == "1";
    relevant += rel;
    CommandRun d = Foidesk("review decide --reviewer analyst1 --seconds 20 --crime '" + id + "'" + db + req +
                           (rel ? " relevant" : " not_relevant"));
    ASSERT_EQ(d.status, 0) << d.out;
  }
  // The model reads relevant crimes first: most of the first 30 are.
  EXPECT_GE(relevant, 25);
  CommandRun status = Foidesk("review status --json" + db + req, true);
  ASSERT_EQ(status.status, 0) << status.out;
  const auto st = nlohmann::json::parse(status.out);
  EXPECT_EQ(st["read"], 30);
  EXPECT_EQ(st["relevant"], relevant);
  EXPECT_EQ(st["candidates"], 397);
  EXPECT_DOUBLE_EQ(st["effort"]["hours_used"].get<double>(), 30 * 20 / 3600.0);
  CommandRun text = Foidesk("review status" + db + req);
  EXPECT_NE(text.out.find("397 candidates; 30 read in ranked order"), std::string::npos) << text.out;

  CommandRun exported = Foidesk("review export" + db + req, true);
  ASSERT_EQ(exported.status, 0);
  EXPECT_EQ(std::count(exported.out.begin(), exported.out.end(), '\n'), 31);
  EXPECT_NE(exported.out.find("1," + first + ",relevant,ranked,analyst1,20,"), std::string::npos) << exported.out;

  CommandRun suggest = Foidesk("review suggest" + db + req);
  ASSERT_EQ(suggest.status, 0) << suggest.out;
  EXPECT_NE(suggest.out.find("more candidates"), std::string::npos) << suggest.out;

  CommandRun unknown = Foidesk("review decide --reviewer a --crime NOPE" + db + req + " relevant");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.out.find("crime NOPE is not a candidate"), std::string::npos) << unknown.out;

  // The letter's methodology quotes the session.
  std::string request = Slurp(*dir_ / "inputs" / "request.toml");
  for (size_t at; (at = request.find("FOI 000763/16")) != std::string::npos;) request.replace(at, 13, "FOI 000900/16");
  std::ofstream(*dir_ / "inputs" / "request900.toml") << request;
  CommandRun respond = Foidesk("respond " + (*dir_ / "inputs" / "request900.toml").string() + " --out " +
                               (*dir_ / "response900").string());
  ASSERT_EQ(respond.status, 0) << respond.out;
  const std::string letter = Slurp(*dir_ / "response900" / "response.md");
  EXPECT_NE(letter.find("The 397 candidate records were read in an order set by a model that learned "
                        "from each decision, most likely relevant first: 30 were read"),
            std::string::npos)
      << letter;

  CommandRun estimate = Foidesk("estimate --json" + db + " 'offence:71 recorded:2011..2015'", true);
  ASSERT_EQ(estimate.status, 0) << estimate.out;
  const auto e = nlohmann::json::parse(estimate.out);
  EXPECT_GT(e["candidates"].get<int>(), 397);
  EXPECT_DOUBLE_EQ(e["hours"].get<double>(), e["candidates"].get<int>() * 60 / 3600.0);
}

TEST_F(DemoTest, ReviewSimulationOnTheSyntheticBlackmailCrimes) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path svg = *dir_ / "recall.svg", curve = *dir_ / "recall.csv";
  CommandRun sim = Foidesk("review simulate --runs 3 --json --db " + (*dir_ / "foidesk.db").string() +
                               " --truth " + (*dir_ / "data" / "truth.csv").string() + " --plot " +
                               svg.string() + " --curve " + curve.string(),
                           true);
  ASSERT_EQ(sim.status, 0) << sim.out;
  const auto j = nlohmann::json::parse(sim.out);
  EXPECT_EQ(j["records"], 1382);
  EXPECT_EQ(j["relevant"], 115);
  EXPECT_EQ(j["runs"], 3);
  // Issue 4's target: 95% recall after reading at most 25% of them.
  EXPECT_LE(j["read_to_95"].get<double>(), 0.25 * 1382);
  EXPECT_GE(j["knee"]["recall"].get<double>(), 0.95);
  EXPECT_NE(Slurp(svg).find("<svg"), std::string::npos);
  EXPECT_EQ(ReadCsv(curve).size(), 1 + 3 * 1382u);
}

TEST(CliTest, ReviewSimulateNamesBadInput) {
  const fs::path dir = fs::temp_directory_path() / ("foidesk_sim_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "bad.csv") << "title,abstract,label_included\nA,b,1\nC,d,2\n";
  CommandRun bad = Foidesk("review simulate --data " + (dir / "bad.csv").string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("bad.csv:3: column label_included: expected 0 or 1"), std::string::npos) << bad.out;
  std::ofstream(dir / "one.csv") << "text,label\na,1\nb,1\n";
  CommandRun one = Foidesk("review simulate --data " + (dir / "one.csv").string());
  EXPECT_EQ(one.status, 2);
  EXPECT_NE(one.out.find("needs both relevant and not relevant records"), std::string::npos) << one.out;
  CommandRun neither = Foidesk("review simulate");
  EXPECT_EQ(neither.status, 2);
  EXPECT_NE(neither.out.find("give --data, or --db and --truth"), std::string::npos) << neither.out;
  fs::remove_all(dir);
}

// The letter cites the law in force on its date: the Data Protection Act
// 1998 in 2016 (the seed's wording), the UK GDPR in 2024.
TEST_F(DemoTest, ResponseDateChoosesTheLawTheLetterCites) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const std::string request = (*dir_ / "inputs" / "request.toml").string();
  const std::string y2016 = Slurp(*dir_ / "response" / "response.md");
  EXPECT_NE(y2016.find("breach of any of the 8 principles of the Data Protection Act 1998"), std::string::npos);
  EXPECT_EQ(y2016.find("UK GDPR"), std::string::npos);
  CommandRun r = Foidesk("respond " + request + " --date 2024-05-01 --out " + (*dir_ / "r2024").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string y2024 = Slurp(*dir_ / "r2024" / "response.md");
  EXPECT_NE(y2024.find("section 40(3A)"), std::string::npos);
  EXPECT_NE(y2024.find("Article 5(1)(a) of the UK GDPR"), std::string::npos);
  EXPECT_EQ(y2024.find("Data Protection Act 1998"), std::string::npos);
  EXPECT_NE(y2024.find("May 2024"), std::string::npos);
  // The figures do not change with the date.
  EXPECT_EQ(Slurp(*dir_ / "r2024" / "tables" / "q1.csv"), Slurp(*dir_ / "response" / "tables" / "q1.csv"));
  // The store keeps the latest response to a reference; put the 2016 one
  // back for the tests that rebuild the disclosure log from it.
  ASSERT_EQ(Foidesk("respond " + request + " --out " + (*dir_ / "r2016").string()).status, 0);
  CommandRun bad = Foidesk("respond " + request + " --date 2016-02-30 --out " + (*dir_ / "rbad").string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("--date '2016-02-30': expected a date YYYY-MM-DD"), std::string::npos) << bad.out;
  CommandRun early = Foidesk("respond " + request + " --date 2016-03-01 --out " + (*dir_ / "rbad").string());
  EXPECT_EQ(early.status, 2);
  EXPECT_NE(early.out.find("before the date the request was received (2016-03-16)"), std::string::npos) << early.out;
}

// data.json holds the same published cells as the CSVs, and the request's
// own words and dates.
TEST_F(DemoTest, DataJsonHoldsThePublishedTables) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const auto data = nlohmann::json::parse(Slurp(*dir_ / "response" / "data.json"));
  EXPECT_EQ(data["reference"], "FOI 000763/16");
  EXPECT_EQ(data["response_date"], "2016-03-30");
  EXPECT_EQ(data["questions"].size(), 2u);
  for (const char* t : {"q1", "q2"}) {
    const auto csv = ReadCsv(*dir_ / "response" / "tables" / (std::string(t) + ".csv"));
    ASSERT_FALSE(csv.empty());
    EXPECT_EQ(data["tables"][t]["header"].get<std::vector<std::string>>(), csv[0]) << t;
    const auto rows = data["tables"][t]["rows"].get<std::vector<std::vector<std::string>>>();
    EXPECT_EQ(rows, std::vector<std::vector<std::string>>(csv.begin() + 1, csv.end())) << t;
  }
}

TEST_F(DemoTest, ManifestHoldsNoPersonalData) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path response = *dir_ / "response";
  auto m = nlohmann::json::parse(Slurp(response / "manifest.json"));
  EXPECT_EQ(m["reference"], "FOI 000763/16");
  EXPECT_GT(m["counts"]["candidates"].get<int>(), 68);  // candidates reviewed, relevant or not
  EXPECT_EQ(m["counts"]["published"]["Total"], "68");
  EXPECT_GE(m["sources"].size(), 2u);
  for (const auto& s : m["sources"]) EXPECT_EQ(s["sha256"].get<std::string>().size(), 64u);
  // The manifest's hash of each public file matches the file.
  for (const auto& [name, hash] : m["outputs"].items()) EXPECT_TRUE(fs::exists(response / name)) << name;
  std::string text;
  for (const auto& e : fs::recursive_directory_iterator(response))
    if (e.is_regular_file()) text += Slurp(e.path());
  // No crime numbers of either system reach a public artefact.
  std::smatch hit;
  EXPECT_FALSE(std::regex_search(text, hit, std::regex(R"([A-Z][0-9]/[0-9]{5}/[0-9]{2}|RMS-[0-9]{2}-[0-9]+)")))
      << hit.str();
}

// Words of a text with leading and trailing punctuation dropped, so that
// "NORWICH," and "NORWICH" compare equal.
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string w;
  auto punct = [](unsigned char c) { return std::ispunct(c) && c != '@' && c != '#'; };
  while (in >> w) {
    size_t a = 0, b = w.size();
    while (a < b && punct(static_cast<unsigned char>(w[a]))) ++a;
    while (b > a && punct(static_cast<unsigned char>(w[b - 1]))) --b;
    if (a < b) out.push_back(w.substr(a, b - a));
  }
  return out;
}

std::string Join(const std::vector<std::string>& words, size_t from, size_t n) {
  std::string s;
  for (size_t i = from; i < from + n; ++i) s += (i > from ? " " : "") + words[i];
  return s;
}

// Issue 3: every value the synthetic force planted (names, places,
// addresses, phones, ..., in both systems' styles) is looked for, word for
// word, in every public file the demo wrote. The force's own letterhead is
// public by design and is left out of the comparison (a planted town may be
// the headquarters' town).
// The text a reader of a public file sees: an XLSX workbook's XML parts
// unpacked (unzip, from deps), any other file as it is.
std::string PublicText(const fs::path& p) {
  if (p.extension() == ".pdf") return Shell("pdftotext -layout '" + p.string() + "' -", true).out;
  if (p.extension() != ".xlsx") return Slurp(p);
  return Shell("unzip -p '" + p.string() + "'", true).out;
}

// Each XLSX holds exactly the CSV's cells: one visible sheet, nothing
// hidden, no comments or pivot caches.
TEST_F(DemoTest, XlsxTablesHoldExactlyThePublishedCells) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  for (const char* t : {"q1", "q2"}) {
    const fs::path x = *dir_ / "response" / "tables" / (std::string(t) + ".xlsx");
    ASSERT_TRUE(fs::exists(x)) << x;
    auto part = [&](const std::string& name) {
      return Shell("unzip -p '" + x.string() + "' " + name, true).out;
    };
    const std::string list = Shell("unzip -Z1 '" + x.string() + "'", true).out;
    EXPECT_EQ(list.find("comments"), std::string::npos) << list;
    EXPECT_EQ(list.find("pivot"), std::string::npos) << list;
    EXPECT_EQ(list.find("sheet2"), std::string::npos) << list;
    const std::string workbook = part("xl/workbook.xml"), sheet = part("xl/worksheets/sheet1.xml");
    EXPECT_EQ(workbook.find("hidden"), std::string::npos);
    EXPECT_EQ(sheet.find("hidden"), std::string::npos);
    EXPECT_EQ(part("docProps/core.xml").find("<dc:creator></dc:creator>") != std::string::npos, true);
    // Shared strings in order, then every cell of the sheet as text.
    std::vector<std::string> strings;
    const std::string shared = part("xl/sharedStrings.xml");
    std::regex si("<t[^>]*>([^<]*)</t>");
    for (auto it = std::sregex_iterator(shared.begin(), shared.end(), si); it != std::sregex_iterator(); ++it)
      strings.push_back((*it)[1]);
    std::map<std::pair<int, int>, std::string> cells;
    std::regex cell("<c r=\"([A-Z]+)([0-9]+)\"([^>]*)><v>([^<]*)</v></c>");
    for (auto it = std::sregex_iterator(sheet.begin(), sheet.end(), cell); it != std::sregex_iterator(); ++it) {
      const std::string col = (*it)[1];
      const int c = col.size() == 1 ? col[0] - 'A' : (col[0] - 'A' + 1) * 26 + (col[1] - 'A');
      const int r = std::stoi((*it)[2]) - 1;
      const bool shared_string = std::string((*it)[3]).find("t=\"s\"") != std::string::npos;
      cells[{r, c}] = shared_string ? strings.at(std::stoul((*it)[4].str())) : (*it)[4].str();
    }
    const auto csv = ReadCsv(*dir_ / "response" / "tables" / (std::string(t) + ".csv"));
    std::map<std::pair<int, int>, std::string> expected;
    for (size_t r = 0; r < csv.size(); ++r)
      for (size_t c = 0; c < csv[r].size(); ++c)
        if (!csv[r][c].empty()) expected[{static_cast<int>(r), static_cast<int>(c)}] = csv[r][c];
    auto unescape = [](std::string v) {
      for (auto [from, to] : {std::pair<std::string, std::string>{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                              {"&quot;", "\""}, {"&apos;", "'"}})
        for (size_t at; (at = v.find(from)) != std::string::npos;) v.replace(at, from.size(), to);
      return v;
    };
    for (auto& [k, v] : cells) v = unescape(v);
    EXPECT_EQ(cells, expected) << t;
  }
}

// The PDF letter holds every published cell of both tables (word by word:
// a long cell wraps inside its column) and the s40(2) text, and its
// properties name no one.
TEST_F(DemoTest, PdfHoldsEveryCellAndTheExemptionText) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path pdf = *dir_ / "response" / "response.pdf";
  const std::string text = PublicText(pdf);
  ASSERT_FALSE(text.empty());
  std::string flat;  // white space runs as one space
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (space) {
      if (!flat.empty() && flat.back() != ' ') flat += ' ';
    } else {
      flat += c;
    }
  }
  size_t cells = 0;
  for (const char* t : {"q1", "q2"})
    for (const auto& row : ReadCsv(*dir_ / "response" / "tables" / (std::string(t) + ".csv")))
      for (const std::string& cell : row) {
        ++cells;
        std::istringstream words(cell);
        for (std::string w; words >> w;) EXPECT_NE(flat.find(w), std::string::npos) << t << ": " << cell;
      }
  EXPECT_GT(cells, 200u);
  for (const char* phrase : {"Section 40(2)", "Principle 1 of the Data Protection Act", "Page 1 of"})
    EXPECT_NE(flat.find(phrase), std::string::npos) << phrase;
  const std::string info = Shell("pdfinfo '" + pdf.string() + "'").out;
  EXPECT_NE(info.find("Title:           FOI 000763/16"), std::string::npos) << info;
  EXPECT_EQ(info.find("Author:"), std::string::npos) << info;
  EXPECT_NE(info.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos) << info;
}

// The disclosure log is rebuilt from the store alone to the same bytes, and
// holds the response's page, feed entry and sitemap address.
TEST_F(DemoTest, DisclosureLogRebuildsFromTheStoreToTheSameBytes) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path site = *dir_ / "site", again = *dir_ / "site-again";
  ASSERT_TRUE(fs::exists(site / "index.html"));
  EXPECT_NE(demo_->out.find("disclosure log (public) written to"), std::string::npos);
  CommandRun r = Foidesk("publish --db " + (*dir_ / "foidesk.db").string() + " --site " + again.string() +
                         " 'FOI 000763/16'");
  ASSERT_EQ(r.status, 0) << r.out;
  std::map<std::string, std::string> a, b;
  for (const auto& [root, files] : {std::pair{site, &a}, std::pair{again, &b}})
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file()) (*files)[fs::relative(e.path(), root).string()] = Slurp(e.path());
  EXPECT_EQ(a, b);
  EXPECT_TRUE(a.count("responses/foi-000763-16/response.pdf"));
  EXPECT_TRUE(a.count("responses/foi-000763-16/tables/q2.xlsx"));
  EXPECT_FALSE(a.count("responses/foi-000763-16/manifest.json"));
  EXPECT_NE(a["index.html"].find("Sextortion reports, 2011 to 2015"), std::string::npos);
  EXPECT_NE(a["index.html"].find("sextortion, blackmail"), std::string::npos);
  EXPECT_NE(a["feed.xml"].find("https://www.example.police.uk/foi/disclosure-log/responses/foi-000763-16/"),
            std::string::npos);
  EXPECT_NE(a["sitemap.xml"].find("<lastmod>2016-03-30</lastmod>"), std::string::npos);
  CommandRun unknown = Foidesk("publish --db " + (*dir_ / "foidesk.db").string() + " --site " +
                               (*dir_ / "site-x").string() + " 'FOI 999999/16'");
  EXPECT_NE(unknown.status, 0);
  EXPECT_NE(unknown.out.find("no response to FOI 999999/16 in the store"), std::string::npos) << unknown.out;
}

// Consistency: one decision changed, and every artefact (letter, PDF,
// CSV, XLSX, data.json) shows the new figures together, because all of them
// come from the same computed tables.
TEST_F(DemoTest, OneDecisionChangesEveryArtefactTogether) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  auto decisions = ReadCsv(*dir_ / "inputs" / "decisions.csv");
  std::string flipped;
  for (size_t i = decisions.size(); i-- > 1;)
    if (decisions[i][1] == "yes" && decisions[i][0].size() > 3 &&
        decisions[i][0].compare(decisions[i][0].size() - 3, 3, "/15") == 0) {
      decisions[i][1] = "no";
      decisions[i][3] = "";
      flipped = decisions[i][0];
      break;
    }
  ASSERT_FALSE(flipped.empty());
  {
    std::ofstream out(*dir_ / "inputs" / "decisions-changed.csv", std::ios::binary);
    for (const auto& row : decisions) out << CsvLine(row);
  }
  std::string request = Slurp(*dir_ / "inputs" / "request.toml");
  for (size_t at; (at = request.find("FOI 000763/16")) != std::string::npos;) request.replace(at, 13, "FOI 000901/16");
  request.replace(request.find("decisions = \"decisions.csv\""), 27, "decisions = \"decisions-changed.csv\"");
  std::ofstream(*dir_ / "inputs" / "request901.toml") << request;
  const fs::path out = *dir_ / "changed";
  CommandRun r = Foidesk("respond " + (*dir_ / "inputs" / "request901.toml").string() + " --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.out;

  auto cell = [](const std::vector<std::vector<std::string>>& rows, const std::string& first) {
    for (const auto& row : rows)
      if (!row.empty() && row.front() == first) return row.back();
    return std::string("?");
  };
  const auto before = ReadCsv(*dir_ / "response" / "tables" / "q1.csv");
  const auto after = ReadCsv(out / "tables" / "q1.csv");
  const int y2015 = std::stoi(cell(before, "2015")), total = std::stoi(cell(before, "Total"));
  EXPECT_EQ(cell(after, "2015"), std::to_string(y2015 - 1));
  EXPECT_EQ(cell(after, "Total"), std::to_string(total - 1));
  const std::string new_total = std::to_string(total - 1), new_2015 = std::to_string(y2015 - 1);
  // The letter in Markdown and HTML.
  EXPECT_NE(Slurp(out / "response.md").find("| **Total** | **" + new_total + "** |"), std::string::npos);
  EXPECT_NE(Slurp(out / "response.md").find("| 2015 | " + new_2015 + " |"), std::string::npos);
  EXPECT_NE(Slurp(out / "response.html").find(">" + new_total + "<"), std::string::npos);
  // data.json and the workbook.
  const auto data = nlohmann::json::parse(Slurp(out / "data.json"));
  EXPECT_EQ(data["tables"]["q1"]["rows"].back().back(), new_total);
  EXPECT_EQ(data["tables"]["q2"]["rows"].size(), ReadCsv(out / "tables" / "q2.csv").size() - 1);
  EXPECT_EQ(ReadCsv(out / "tables" / "q2.csv").size() + 1, ReadCsv(*dir_ / "response" / "tables" / "q2.csv").size());
  const std::string sheet = Shell("unzip -p '" + (out / "tables" / "q1.xlsx").string() + "' xl/worksheets/sheet1.xml", true).out;
  EXPECT_NE(sheet.find("<v>" + new_total + "</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<v>" + new_2015 + "</v>"), std::string::npos);
  // The PDF's table and chart.
  std::string pdf;  // white space runs as one space
  for (char c : PublicText(out / "response.pdf")) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\r' || c == '\t';
    if (!space) pdf += c;
    else if (!pdf.empty() && pdf.back() != ' ') pdf += ' ';
  }
  EXPECT_NE(pdf.find("Total " + new_total), std::string::npos);
  EXPECT_NE(pdf.find("2015 " + new_2015), std::string::npos);
}

// Every public HTML page validates (HTML Tidy: no errors and no warnings)
// and passes structural accessibility checks: a language, a title, tables
// with captions and header cells with scope, labelled inputs, no image
// without alternative text. The WCAG 2.2 AA audit (axe-core in chromium) is
// tests/a11y, run by ctest as a11y_demo_pages.
TEST_F(DemoTest, PublicHtmlValidatesAndIsStructurallyAccessible) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  size_t pages = 0;
  for (const fs::path& root : {*dir_ / "response", *dir_ / "site"})
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file() || e.path().extension() != ".html") continue;
      ++pages;
      const std::string name = fs::relative(e.path(), *dir_).string();
      CommandRun tidy = Shell("tidy -q -e -utf8 '" + e.path().string() + "'");
      EXPECT_EQ(tidy.status, 0) << name << "\n" << tidy.out;
      const std::string html = Slurp(e.path());
      EXPECT_NE(html.find("<html lang=\"en-GB\">"), std::string::npos) << name;
      EXPECT_NE(html.find("<title>"), std::string::npos) << name;
      const auto count = [&](const std::string& what) {
        size_t n = 0;
        for (size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) ++n;
        return n;
      };
      EXPECT_EQ(count("<table"), count("<caption")) << name << ": every table has a caption";
      EXPECT_EQ(count("<th>"), 0u) << name << ": header cells say their scope";
      EXPECT_EQ(count("<img"), count(" alt=")) << name;
      EXPECT_EQ(count("<input"), count("<label for=")) << name;
    }
  EXPECT_GE(pages, 3u);
}

// The letters against golden files: the demo's (2016, in Markdown and HTML)
// and the same request answered in 2024. A change to a template, the
// exemption texts or the figures shows here as a diff to review.
TEST_F(DemoTest, LettersMatchTheGoldenFiles) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path golden = fs::path(FOIDESK_SOURCE_DIR) / "tests" / "golden";
  EXPECT_EQ(Slurp(*dir_ / "response" / "response.md"), Slurp(golden / "letter-2016.md"));
  // Every refusal in part carries the s17 rights: internal review and the ICO.
  for (const char* right : {"within 40 working days", "section 50 of the Freedom of Information Act 2000",
                            "Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF"})
    EXPECT_NE(Slurp(*dir_ / "response" / "response.md").find(right), std::string::npos) << right;
  EXPECT_EQ(Slurp(*dir_ / "response" / "response.html"), Slurp(golden / "letter-2016.html"));
  const fs::path y2024 = *dir_ / "golden-2024";
  CommandRun r = Foidesk("respond " + (*dir_ / "inputs" / "request.toml").string() + " --date 2024-05-01 --out " +
                         y2024.string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(Slurp(y2024 / "response.md"), Slurp(golden / "letter-2024.md"));
  // Put the 2016 response back in the store for the disclosure log tests.
  ASSERT_EQ(Foidesk("respond " + (*dir_ / "inputs" / "request.toml").string() + " --out " +
                    (*dir_ / "golden-2016").string()).status, 0);
}

TEST_F(DemoTest, NoPlantedPersonalDataInAnyPublicFile) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  std::set<std::string> letterhead;
  {
    auto words = Words(Slurp(fs::path(FOIDESK_SOURCE_DIR) / "config" / "force.toml"));
    for (size_t n = 1; n <= 4; ++n)
      for (size_t i = 0; i + n <= words.size(); ++i) letterhead.insert(Join(words, i, n));
    // The letter's own dates (request received 2016-03-16, answered March
    // 2016, as inputs/request.toml says) are public too.
    const std::string request = Slurp(*dir_ / "inputs" / "request.toml");
    ASSERT_NE(request.find("received = 2016-03-16"), std::string::npos);
    for (const char* d : {"16th March 2016", "March 2016"}) letterhead.insert(d);
    // The PDF's footer, "Page 1 of 5", is furniture, not a surname.
    letterhead.insert("Page");
  }
  std::set<std::string> planted;
  size_t longest = 1, rows = 0;
  std::map<std::string, size_t> by_type;
  {
    std::ifstream in(*dir_ / "data" / "pii_planted.csv", std::ios::binary);
    ASSERT_TRUE(in) << "the synthetic force writes data/pii_planted.csv";
    CsvReader reader(in);
    CsvRecord rec;
    bool header = true;
    while (reader.Next(rec)) {
      if (header) { header = false; continue; }
      ASSERT_GE(rec.fields.size(), 6u);
      ++rows;
      ++by_type[rec.fields[4]];
      auto words = Words(rec.fields[5]);
      if (words.empty() || rec.fields[5].size() < 3) continue;
      const std::string v = Join(words, 0, words.size());
      if (letterhead.count(v)) continue;
      planted.insert(v);
      longest = std::max(longest, words.size());
    }
  }
  EXPECT_GT(rows, 10000u);
  EXPECT_GE(by_type.size(), 15u) << "every type is planted";
  size_t files = 0;
  for (const fs::path& root : {*dir_ / "response", *dir_ / "site"})
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    ++files;
    auto words = Words(PublicText(e.path()));
    for (size_t i = 0; i < words.size(); ++i)
      for (size_t n = 1; n <= longest && i + n <= words.size(); ++n) {
        const std::string g = Join(words, i, n);
        EXPECT_FALSE(planted.count(g)) << "a planted value is in " << e.path().filename() << ": " << g;
      }
  }
  EXPECT_GE(files, 20u);
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

// Every kind of response has its own letter: refusals under s12 and s14,
// neither confirm nor deny, not held, and provided in full. Each is compared
// with a golden file, validates as HTML, and says what the law requires of it.
// The requests run on a copy of the demo's store, so the demo's disclosure
// log is left as it was.
TEST_F(DemoTest, EachKindOfResponseHasItsLetter) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path kinds = *dir_ / "kinds";
  fs::create_directories(kinds);
  fs::copy_file(*dir_ / "foidesk.db", kinds / "foidesk.db", fs::copy_options::overwrite_existing);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(kinds / name) << text;
    return (kinds / name).string();
  };
  const std::string blackmail =
      "years = [2011, 2012, 2013, 2014, 2015]\n"
      "[[search]]\nsource = \"crs\"\nquery = \"offence:71 recorded:2011-01-01..2015-12-31\"\n"
      "method = \"all recorded crimes of Blackmail on the legacy crime recording system\"\n"
      "[[search]]\nsource = \"rms\"\nquery = \"offence:71 recorded:2011-01-01..2015-12-31\"\n"
      "method = \"all recorded crimes of Blackmail on the current records management system\"\n";
  const std::string s12_head =
      "kind = \"refused-s12\"\nreference = \"FOI 000901/16\"\ntitle = \"Blackmail crimes, 2011 to 2015\"\n"
      "received = 2016-04-04\nresponse_date = 2016-04-28\nstore = \"foidesk.db\"\n"
      "questions = [\"For every crime of blackmail recorded from 2011 to 2015, what happened and what was the "
      "outcome?\"]\n"
      "advice = [\"The force's published crime figures by offence are not limited by section 12.\"]\n";
  const std::map<std::string, std::string> requests{
      {"refused-s12", s12_head + "seconds_per_record = 90\n" + blackmail},
      {"refused-s14",
       "kind = \"refused-s14\"\nreference = \"FOI 000902/16\"\ntitle = \"Repeated request\"\n"
       "received = 2016-04-05\nresponse_date = 2016-04-20\nstore = \"foidesk.db\"\n"
       "questions = [\"Provide every blackmail report again.\"]\n"
       "[[exemption]]\nid = \"s14\"\nreason = \"This is the thirty-first request in eight weeks for substantially "
       "the same information, each answered in full.\"\n"},
      {"ncnd",
       "kind = \"ncnd\"\nreference = \"FOI 000903/16\"\ntitle = \"Reports about a named person\"\n"
       "received = 2016-04-06\nresponse_date = 2016-04-27\nstore = \"foidesk.db\"\n"
       "questions = [\"Has the force received a report of blackmail from a named individual?\"]\n"
       "[[exemption]]\nid = \"s40-5\"\nreason = \"To confirm or deny whether a named individual made a report "
       "would itself disclose whether they are a victim of crime.\"\n"},
      {"not-held",
       "kind = \"not-held\"\nreference = \"FOI 000904/16\"\ntitle = \"Blackmail reports by platform\"\n"
       "received = 2016-04-07\nresponse_date = 2016-04-21\nstore = \"foidesk.db\"\n"
       "questions = [\"How many blackmail reports named each social media platform in 2015?\"]\n"
       "not_held_reason = \"The force does not record the platform involved in a crime in any field.\"\n"
       "advice = [\"A request for the number of blackmail crimes recorded in 2015 could be answered.\"]\n"},
  };
  const fs::path golden = fs::path(FOIDESK_SOURCE_DIR) / "tests" / "golden";
  for (const auto& [kind, text] : requests) {
    const fs::path out = kinds / ("out-" + kind);
    CommandRun r = Foidesk("respond " + write(kind + ".toml", text) + " --out " + out.string());
    ASSERT_EQ(r.status, 0) << kind << "\n" << r.out;
    EXPECT_NE(r.out.find(kind), std::string::npos) << r.out;
    const std::string md = Slurp(out / "response.md");
    // FOIDESK_UPDATE_GOLDEN=1 rewrites the golden letters after a reviewed change.
    if (std::getenv("FOIDESK_UPDATE_GOLDEN")) std::ofstream(golden / ("letter-" + kind + ".md"), std::ios::binary) << md;
    EXPECT_EQ(md, Slurp(golden / ("letter-" + kind + ".md"))) << kind;
    EXPECT_FALSE(fs::exists(out / "tables")) << kind << ": no tables";
    EXPECT_TRUE(fs::exists(out / "response.pdf")) << kind;
    CommandRun tidy = Shell("tidy -q -e -utf8 '" + (out / "response.html").string() + "'");
    EXPECT_EQ(tidy.status, 0) << kind << "\n" << tidy.out;
    // Every response gives the rights to a review and to complain; only a
    // refusal is a section 17 notice.
    EXPECT_NE(md.find("Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF"), std::string::npos) << kind;
    EXPECT_EQ(md.find("serves as a refusal notice under section 17") != std::string::npos, kind != "not-held")
        << kind;
    EXPECT_EQ(md.find("{{"), std::string::npos) << kind << ": a placeholder left unfilled";
    const auto data = nlohmann::json::parse(Slurp(out / "data.json"));
    EXPECT_EQ(data["kind"], kind);
    EXPECT_TRUE(data["tables"].empty());
  }
  // s12: the estimate in the letter is the one in data.json, and the advice
  // names the years that would fit the limit.
  const auto s12 = nlohmann::json::parse(Slurp(kinds / "out-refused-s12" / "data.json"));
  const std::string s12_md = Slurp(kinds / "out-refused-s12" / "response.md");
  EXPECT_GT(s12["estimate"]["hours"].get<double>(), 18.0);
  EXPECT_NE(s12_md.find("return " + std::to_string(s12["estimate"]["records"].get<int>()) + " crimes"),
            std::string::npos);
  EXPECT_NE(s12_md.find("If you were to narrow your request to crimes recorded in "), std::string::npos);
  EXPECT_NE(s12_md.find("Under section 16 of the Act"), std::string::npos);
  EXPECT_NE(Slurp(kinds / "out-ncnd" / "response.md").find("can neither confirm nor deny"), std::string::npos);
  EXPECT_NE(Slurp(kinds / "out-not-held" / "response.md").find("## Advice and assistance"), std::string::npos);

  // Refusals that the facts do not support are refused, and nothing is written.
  CommandRun within = Foidesk("respond " + write("within.toml", s12_head + "seconds_per_record = 30\n" + blackmail) +
                              " --out " + (kinds / "out-within").string());
  EXPECT_EQ(within.status, 2);
  EXPECT_NE(within.out.find("within the 18-hour limit: section 12 does not apply"), std::string::npos) << within.out;
  EXPECT_FALSE(fs::exists(kinds / "out-within"));

  // "provided" means nothing withheld: under the default policy (town
  // withheld, k = 3) the demo's tables are provided in part, not in full.
  std::string seed = Slurp(*dir_ / "inputs" / "request.toml");
  seed = std::regex_replace(seed, std::regex("\\.\\./foidesk\\.db"), "foidesk.db");
  seed = std::regex_replace(seed, std::regex("\"\\.\\./data/"), "\"" + (*dir_ / "data").string() + "/");
  seed = std::regex_replace(seed, std::regex("decisions = \"decisions\\.csv\""),
                            "decisions = \"" + (*dir_ / "inputs" / "decisions.csv").string() + "\"");
  seed = std::regex_replace(seed, std::regex("FOI 000763/16"), "FOI 000905/16");
  CommandRun full = Foidesk("respond " + write("provided.toml", "kind = \"provided\"\n" + seed) + " --out " +
                            (kinds / "out-provided-bad").string());
  EXPECT_EQ(full.status, 2);
  EXPECT_NE(full.out.find("use kind = \"provided-in-part\""), std::string::npos) << full.out;
  // Under a policy that withholds nothing (its one quasi-identifier, offence,
  // is not a column of these tables), the same tables are provided in
  // full: no section 40 paragraphs, no refusal notice.
  write("open.toml",
        "name = \"open\"\nk = 2\nquasi_identifiers = [\"offence\"]\nwithheld = []\ngeneralise_order = []\n"
        "subject = \"victims\"\n[suppression]\nmode = \"marker\"\nmarker = \"Suppressed\"\nmax_share = 0.1\n"
        "[counts]\nthreshold = 1\nmarker = \"*\"\n");
  CommandRun open = Foidesk("respond " +
                            write("provided-open.toml", "kind = \"provided\"\ndisclosure_policy = \"open.toml\"\n" + seed) +
                            " --out " + (kinds / "out-provided").string());
  ASSERT_EQ(open.status, 0) << open.out;
  const std::string provided = Slurp(kinds / "out-provided" / "response.md");
  EXPECT_NE(provided.find("and provides all of it"), std::string::npos);
  EXPECT_EQ(provided.find("40(2)"), std::string::npos);
  EXPECT_EQ(provided.find("refusal notice"), std::string::npos);
  EXPECT_NE(provided.find("| Town |"), std::string::npos);
  // Nothing suppressed: the counts are the force's working figures.
  EXPECT_EQ(ReadCsv(kinds / "out-provided" / "tables" / "q1.csv"),
            ReadCsv(fs::path(FOIDESK_SOURCE_DIR) / "tests" / "golden" / "q1-counts.csv"));
}

// The register end to end: FOI 000763/16 logged as it arrived, answered by
// `respond` (which takes its dates from the register and records the
// exemptions used), then reported on. On a copy of the demo's store.
TEST_F(DemoTest, RegisterHoldsTheRequestThroughItsLife) {
  ASSERT_EQ(demo_->status, 0) << demo_->out;
  const fs::path dir = *dir_ / "register";
  fs::create_directories(dir);
  fs::copy_file(*dir_ / "foidesk.db", dir / "foidesk.db", fs::copy_options::overwrite_existing);
  const std::string db = " --db " + (dir / "foidesk.db").string();
  // The demo logged FOI 000763/16 as it arrived (Wed 16 March 2016: 17 March
  // (NI), Good Friday and Easter Monday do not count; the 20th working day
  // is Mon 18 April) and answered it on 30 March.
  EXPECT_NE(demo_->out.find("register: FOI 000763/16 received 2016-03-16, due 2016-04-18 (foidesk request show), "
                            "answered 2016-03-30 in 7 working days"),
            std::string::npos)
      << demo_->out;
  CommandRun next = Foidesk("request open" + db +
                            " --received 2016-03-17 --subject 'Blackmail by year' --question 'How many?' --by officer1");
  ASSERT_EQ(next.status, 0) << next.out;
  EXPECT_NE(next.out.find("FOI 000001/16"), std::string::npos) << next.out;

  // respond takes the response date from the register (no --date given).
  std::string seed = Slurp(*dir_ / "inputs" / "request.toml");
  seed = std::regex_replace(seed, std::regex("\\.\\./foidesk\\.db"), "foidesk.db");
  seed = std::regex_replace(seed, std::regex("response_date = 2016-03-30"), "response_date = 2016-04-15");
  seed = std::regex_replace(seed, std::regex("\"\\.\\./data/"), "\"" + (*dir_ / "data").string() + "/");
  seed = std::regex_replace(seed, std::regex("decisions = \"decisions\\.csv\""),
                            "decisions = \"" + (*dir_ / "inputs" / "decisions.csv").string() + "\"");
  std::ofstream(dir / "request.toml") << seed;
  CommandRun resp = Foidesk("respond " + (dir / "request.toml").string() + " --out " + (dir / "out").string());
  ASSERT_EQ(resp.status, 0) << resp.out;
  EXPECT_EQ(nlohmann::json::parse(Slurp(dir / "out" / "data.json"))["response_date"], "2016-03-30");

  CommandRun show = Foidesk("request show 'FOI 000763/16'" + db + " --json", true);
  ASSERT_EQ(show.status, 0) << show.out;
  const auto shown = nlohmann::json::parse(show.out);
  EXPECT_EQ(shown["status"], "responded");
  EXPECT_EQ(shown["exemptions"], nlohmann::json::array({"s40-2"}));
  EXPECT_FALSE(shown.contains("requester")) << "private unless --private";
  EXPECT_EQ(show.out.find("Synthetic Requester"), std::string::npos);
  CommandRun with_private = Foidesk("request show 'FOI 000763/16'" + db + " --private");
  EXPECT_NE(with_private.out.find("Synthetic Requester"), std::string::npos) << with_private.out;
  EXPECT_EQ(shown["deadline"]["due"], "2016-04-18");
  ASSERT_TRUE(shown["deadline"]["skipped"].is_array());
  EXPECT_EQ(shown["deadline"]["skipped"][0]["date"], "2016-03-17");

  CommandRun report = Foidesk("request report" + db + " --today 2016-04-19 --format csv", true);
  ASSERT_EQ(report.status, 0) << report.out;
  // One answered in time, in 7 working days (18, 21-24, 29, 30 March); FOI
  // 000001/16 (due Mon 18 April) is overdue.
  EXPECT_NE(report.out.find("2016-03,2,1,1,1,0,50.0,7,s40-2=1\r\n"), std::string::npos) << report.out;
  CommandRun overdue = Foidesk("request list" + db + " --overdue --today 2016-04-19");
  EXPECT_NE(overdue.out.find("FOI 000001/16"), std::string::npos) << overdue.out;
  EXPECT_EQ(overdue.out.find("FOI 000763/16"), std::string::npos) << overdue.out;
  for (const CommandRun* r : {&report, &overdue}) EXPECT_EQ(r->out.find("Synthetic Requester"), std::string::npos);

  // Bad input: a clear message, exit 2, and nothing changed.
  const auto before = Foidesk("request show 'FOI 000001/16'" + db + " --json", true).out;
  for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
           {"request open" + db + " --received 2016-02-30 --subject s --question q --by o",
            "--received '2016-02-30': expected a date YYYY-MM-DD"},
           {"request update 'FOI 000001/16'" + db + " --status responded --date 2016-03-01 --reason sent --by o",
            "before FOI 000001/16 was received (2016-03-17)"},
           {"request update 'FOI 000001/16'" + db + " --status internal-review --date 2016-04-01 --reason r --by o",
            "FOI 000001/16 is received: it cannot move to internal-review"},
           {"request show 'FOI 999999/16'" + db, "no request FOI 999999/16 in the register"},
           {"request log-time 'FOI 000001/16'" + db + " --activity redaction --hours 2 --by o", "--activity 'redaction'"}}) {
    CommandRun bad = Foidesk(args);
    EXPECT_EQ(bad.status, 2) << args << "\n" << bad.out;
    EXPECT_NE(bad.out.find(message), std::string::npos) << args << "\n" << bad.out;
  }
  EXPECT_EQ(Foidesk("request show 'FOI 000001/16'" + db + " --json", true).out, before);

  // Two processes opening requests at once: each gets its own number.
  CommandRun both = Shell("for w in 1 2; do ( for i in 1 2 3 4 5 6 7 8; do " +
                          std::string(std::getenv("FOIDESK_BIN") ? std::getenv("FOIDESK_BIN") : FOIDESK_SOURCE_DIR "/build/foidesk") +
                          " request open" + db + " --received 2016-05-03 --subject s --question q --by w$w >/dev/null || echo FAILED; done ) & done; wait");
  EXPECT_EQ(both.out.find("FAILED"), std::string::npos) << both.out;
  CommandRun all = Foidesk("request list" + db + " --json", true);
  const auto listed = nlohmann::json::parse(all.out);
  std::set<std::string> refs;
  for (const auto& r : listed) refs.insert(r["reference"].get<std::string>());
  EXPECT_EQ(refs.size(), 18u);
  EXPECT_TRUE(refs.count("FOI 000017/16"));

  // gov.uk's own 2016 file changes no deadline: the shipped table agrees.
  CommandRun imported = Foidesk("holidays import " + std::string(FOIDESK_SOURCE_DIR) +
                                "/src/register/testdata/govuk-bank-holidays-2016.json" + db + " --by officer1");
  EXPECT_EQ(imported.status, 0) << imported.out;
  EXPECT_NE(imported.out.find("0 changes"), std::string::npos) << imported.out;
}

TEST(CliTest, ClockShowsItsWorkingAsJson) {
  CommandRun r = Foidesk("clock --received 2016-12-23 --json", true);
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  // Fri 23 Dec 2016: 24-25 weekend, 26 Boxing Day, 27 substitute Christmas,
  // so day 1 is Wed 28 Dec; 2 Jan (substitute New Year) and 3 Jan (2
  // January, Scotland) do not count either.
  EXPECT_EQ(j["received"], "2016-12-23");
  ASSERT_TRUE(j["skipped"].is_array());
  bool scotland = false;
  for (const auto& s : j["skipped"]) scotland |= s["date"] == "2017-01-03";
  EXPECT_TRUE(scotland) << r.out;
  EXPECT_TRUE(j["due"].is_string());
  CommandRun bad = Foidesk("clock --received 2016-13-01");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("--received '2016-13-01'"), std::string::npos) << bad.out;
}

TEST(CliTest, QuerySyntaxErrorNamesTheColumn) {
  CommandRun r = Foidesk("search --db /dev/null 'video OR'");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("column"), std::string::npos) << r.out;
}

TEST(CliTest, HelpExplainsEveryCommandWithAnExample) {
  CommandRun top = Foidesk("--help");
  EXPECT_EQ(top.status, 0);
  for (const char* cmd : {"ingest", "search", "decisions", "respond", "tables", "pii", "redact",
                          "summarise", "synth", "demo", "bench", "review", "estimate", "publish"}) {
    EXPECT_NE(top.out.find(cmd), std::string::npos) << cmd;
    if (std::string(cmd) == "decisions") cmd = "decisions import";
    if (std::string(cmd) == "review") {
      for (const char* sub : {"start", "next", "decide", "status", "export", "suggest", "simulate"}) {
        CommandRun r = Foidesk(std::string("review ") + sub + " --help");
        EXPECT_NE(r.out.find("Example: foidesk review"), std::string::npos) << sub << "\n" << r.out;
      }
      cmd = "review start";
    }
    CommandRun r = Foidesk(std::string(cmd) + " --help");
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("Example: foidesk"), std::string::npos) << cmd << "\n" << r.out;
  }
}

// Runs foidesk with `input` on standard input (from a file, so the exit
// status is foidesk's own).
CommandRun FoideskWithInput(const std::string& args, const std::string& input, bool keep_stderr_apart = false) {
  const fs::path in = fs::temp_directory_path() / ("foidesk_e2e_stdin_" + std::to_string(getpid()));
  std::ofstream(in, std::ios::binary) << input;
  CommandRun r = Foidesk(args + " < " + in.string(), keep_stderr_apart);
  fs::remove(in);
  return r;
}

TEST(CliTest, SummariseComposesFromFacetsAndChecksAReviewersSummary) {
  CommandRun composed = FoideskWithInput(
      "summarise",
      "IP NATHAN CHILVERS HAD BEEN CHATTING ON SKYPE. S/T THREATENED TO POST THE VIDEO "
      "TO HIS FACEBOOK FRIENDS UNLESS HE PAID 500 POUNDS.\n",
      true);
  ASSERT_EQ(composed.status, 0) << composed.out;
  EXPECT_NE(composed.out.find("summary: Threat to post video to friends on Facebook unless money paid"),
            std::string::npos)
      << composed.out;
  EXPECT_EQ(composed.out.find("CHILVERS"), std::string::npos) << composed.out;
  CommandRun good = FoideskWithInput("summarise --check", "Threat to send images to family unless money paid\n");
  EXPECT_EQ(good.status, 0) << good.out;
  EXPECT_NE(good.out.find("accepted"), std::string::npos) << good.out;
  CommandRun bad = FoideskWithInput("summarise --check",
                                    "Threat to send images to family unless money paid, call 07700 900123\n");
  EXPECT_EQ(bad.status, 1) << bad.out;
  EXPECT_NE(bad.out.find("summary-finding: phone"), std::string::npos) << bad.out;
  EXPECT_EQ(bad.out.find("07700"), std::string::npos) << "findings are named by kind, not quoted";
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
  EXPECT_TRUE(types.count("email")) << r.out;
  EXPECT_TRUE(types.count("address")) << r.out;
  // The address takes in its town and postcode as one span.
  bool postcode_covered = false;
  const size_t pc = input.find("NR2 1AB");
  for (const auto& f : j["findings"])
    if (f["start"].get<size_t>() <= pc && f["end"].get<size_t>() >= pc + 7) postcode_covered = true;
  EXPECT_TRUE(postcode_covered) << r.out;
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
