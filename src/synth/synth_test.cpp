// Tests for the synthetic force: determinism, the published FOI 000763/16
// table coming out of the force's own procedure, both export formats, the
// planted faults and the consistency of the ground truth. One small force
// (3,000 crimes a year, two files per source) is generated per suite and read
// back with the model's CSV reader, nlohmann::json and ICU time zones, none of
// which the generator itself uses to write.
#include "ingest/encoding.h"
#include "synth/synth.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "model/csv.h"
#include "model/date.h"
#include "synth/london_time.h"
#include "synth/seed_table.h"
#include "synth/text.h"

namespace foidesk::synth {
namespace {

namespace fs = std::filesystem;

constexpr int kCrsFields = 16;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<CsvRecord> ReadCsv(const std::string& bytes) {
  std::istringstream in(bytes);
  CsvReader reader(in);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (reader.Next(rec)) out.push_back(rec);
  return out;
}

// Rows of a CSV with a header, as maps from column name to value.
std::vector<std::map<std::string, std::string>> ReadTable(const fs::path& path) {
  auto records = ReadCsv(ReadFile(path));
  std::vector<std::map<std::string, std::string>> rows;
  for (size_t i = 1; i < records.size(); ++i) {
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < records[0].fields.size() && c < records[i].fields.size(); ++c)
      row[records[0].fields[c]] = records[i].fields[c];
    rows.push_back(row);
  }
  return rows;
}

fs::path MakeTempDir(const std::string& tag) {
  fs::path dir =
      fs::temp_directory_path() / ("foidesk_synth_" + tag + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

struct CrsRow {
  std::vector<std::string> fields;
  std::string file;
  int64_t line;
};

// One generated force, read back once for all tests of the suite.
class SynthForce : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(MakeTempDir("force"));
    Options options;
    options.seed = 16;
    options.crimes_per_year = 3000;
    options.files_per_source = 2;
    auto summary = Generate(options, dir_->string());
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    summary_ = new Summary(*summary);
    crs_ = new std::map<std::string, CrsRow>();
    rms_ = new std::map<std::string, nlohmann::json>();
    faults_ = new std::map<std::pair<std::string, int64_t>, std::string>();
    by_legacy_ref_ = new std::map<std::string, std::string>();
    for (const auto& row : ReadTable(*dir_ / "faults.csv"))
      (*faults_)[{row.at("file"), std::stoll(row.at("line"))}] = row.at("kind");
    for (int i = 1; i <= options.files_per_source; ++i) {
      const std::string name = "crs_" + std::to_string(i) + ".csv";
      for (const CsvRecord& rec : ReadCsv(ReadFile(*dir_ / name))) {
        if (rec.line == 1 || rec.fields.size() != kCrsFields) continue;
        (*crs_)[rec.fields[0]] = {rec.fields, name, rec.line};  // the later row wins
      }
      std::ifstream in(*dir_ / ("rms_" + std::to_string(i) + ".jsonl"), std::ios::binary);
      std::string line;
      while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (j.is_discarded() || !j.contains("id") || !j.contains("recorded")) continue;
        const std::string id = j["id"];
        if (j["legacy_ref"].is_string()) (*by_legacy_ref_)[j["legacy_ref"].get<std::string>()] = id;
        (*rms_)[id] = j;
      }
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete summary_;
    delete crs_;
    delete rms_;
    delete faults_;
    delete by_legacy_ref_;
  }

  static std::string Fault(const std::string& file, int64_t line) {
    auto it = faults_->find({file, line});
    return it == faults_->end() ? "" : it->second;
  }

  // The recorded year of a crime by its truth/decision id: CRS RECORDED_DATE,
  // or the Europe/London date of RMS "recorded".
  static int RecordedYear(const std::string& id) {
    if (auto it = crs_->find(id); it != crs_->end()) {
      auto d = ParseDatePattern(it->second.fields[1], "%d/%m/%Y");
      return d ? d->year : -1;
    }
    if (auto it = rms_->find(id); it != rms_->end()) {
      auto d = LocalDateOfTimestamp(it->second["recorded"].get<std::string>());
      return d ? d->year : -1;
    }
    return -1;
  }

  static fs::path* dir_;
  static Summary* summary_;
  static std::map<std::string, CrsRow>* crs_;
  static std::map<std::string, nlohmann::json>* rms_;
  static std::map<std::pair<std::string, int64_t>, std::string>* faults_;
  static std::map<std::string, std::string>* by_legacy_ref_;  // CRS number -> RMS id
};

fs::path* SynthForce::dir_ = nullptr;
Summary* SynthForce::summary_ = nullptr;
std::map<std::string, CrsRow>* SynthForce::crs_ = nullptr;
std::map<std::string, nlohmann::json>* SynthForce::rms_ = nullptr;
std::map<std::pair<std::string, int64_t>, std::string>* SynthForce::faults_ = nullptr;
std::map<std::string, std::string>* SynthForce::by_legacy_ref_ = nullptr;

TEST(SynthDeterminism, SameSeedSameBytesDifferentSeedDifferentBytes) {
  const fs::path a = MakeTempDir("a"), b = MakeTempDir("b"), c = MakeTempDir("c");
  Options options;
  options.seed = 7;
  options.crimes_per_year = 1500;
  ASSERT_TRUE(Generate(options, a.string()).ok());
  ASSERT_TRUE(Generate(options, b.string()).ok());
  options.seed = 8;
  ASSERT_TRUE(Generate(options, c.string()).ok());
  for (const char* name :
       {"crs_1.csv", "rms_1.jsonl", "truth.csv", "decisions.csv", "faults.csv", "pii_planted.csv"}) {
    SCOPED_TRACE(name);
    const std::string first = ReadFile(a / name);
    EXPECT_FALSE(first.empty());
    EXPECT_EQ(first, ReadFile(b / name));
    if (std::string_view(name) != "faults.csv") {
      EXPECT_NE(first, ReadFile(c / name));
    }
  }
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

TEST(SynthOptions, RejectsBadOptions) {
  struct Case {
    const char* what;
    Options options;
  };
  Options late_start, early_end, no_files, negative;
  late_start.first_year = 2012;
  early_end.last_year = 2014;
  no_files.files_per_source = 0;
  negative.crimes_per_year = -1;
  const Case cases[] = {{"years start after 2011", late_start},
                        {"years end before 2015", early_end},
                        {"no files", no_files},
                        {"negative size", negative}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    auto r = Generate(c.options, (fs::temp_directory_path() / "foidesk_synth_unused").string());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  }
}

TEST_F(SynthForce, SummaryMatchesTheFiles) {
  EXPECT_EQ(summary_->seed_crimes, 68);
  EXPECT_EQ(summary_->crimes, 7 * 3000);
  EXPECT_GE(summary_->keyword_missed, 10);
  EXPECT_LE(summary_->keyword_missed, 20);
  EXPECT_GT(summary_->migrated, 0);
  const auto truth = ReadTable(*dir_ / "truth.csv");
  EXPECT_EQ(summary_->blackmail, static_cast<int64_t>(truth.size()));
  int64_t relevant = 0;
  for (const auto& t : truth) relevant += t.at("relevant") == "1";
  EXPECT_EQ(summary_->relevant, relevant);
  EXPECT_EQ(summary_->faults, static_cast<int64_t>(faults_->size()));
  std::set<std::string> names;
  for (const auto& f : summary_->files) names.insert(fs::path(f).filename().string());
  EXPECT_EQ(names, (std::set<std::string>{"crs_1.csv", "crs_2.csv", "rms_1.jsonl", "rms_2.jsonl",
                                          "truth.csv", "decisions.csv", "faults.csv",
                                          "pii_planted.csv"}));
  EXPECT_EQ(summary_->pii_planted,
            static_cast<int64_t>(ReadTable(*dir_ / "pii_planted.csv").size()));
}

TEST_F(SynthForce, DecisionsReproduceThePublishedCountsPerYear) {
  const std::map<int, int> published = {{2011, 3}, {2012, 1}, {2013, 2}, {2014, 23}, {2015, 39}};
  std::map<int, int> yes;
  for (const auto& d : ReadTable(*dir_ / "decisions.csv"))
    if (d.at("relevant") == "yes") ++yes[RecordedYear(d.at("crime_id"))];
  EXPECT_EQ(yes, published);
}

TEST_F(SynthForce, EachSeedRowOnceWithItsSummaryOutcomeAndAge) {
  const auto seeds = SeedRows();
  std::map<std::string, std::string> summary_of;
  for (const auto& d : ReadTable(*dir_ / "decisions.csv"))
    if (d.at("relevant") == "yes") summary_of[d.at("crime_id")] = d.at("summary");
  std::map<int, int> seen;
  for (const auto& t : ReadTable(*dir_ / "truth.csv")) {
    if (t.at("category") != "seed") continue;
    const std::string& id = t.at("crime_id");
    const int row = std::stoi(t.at("seed_row"));
    SCOPED_TRACE("seed row " + std::to_string(row) + " " + id);
    ASSERT_GE(row, 1);
    ASSERT_LE(row, 68);
    ++seen[row];
    const SeedRow& seed = seeds[static_cast<size_t>(row - 1)];
    EXPECT_EQ(summary_of[id], seed.details);
    EXPECT_EQ(RecordedYear(id), seed.year);

    // Outcome and victim age from whichever record is newest.
    const std::map<std::string, int> ho = {
        {"Charge", 1}, {"Caution", 3}, {"Caution – Youth", 2}, {"Undetected", 18}};
    std::optional<Date> dob, start;
    std::optional<int> stated;
    int outcome = -1;
    const nlohmann::json* newer = nullptr;
    if (rms_->count(id)) newer = &rms_->at(id);
    if (by_legacy_ref_->count(id)) newer = &rms_->at(by_legacy_ref_->at(id));
    if (newer) {
      const auto& j = *newer;
      outcome = j["outcome"].is_null() ? 0 : j["outcome"]["ho_type"].get<int>();
      start = j["occurred"]["from"].is_string()
                  ? LocalDateOfTimestamp(j["occurred"]["from"].get<std::string>())
                  : LocalDateOfTimestamp(j["recorded"].get<std::string>());
      for (const auto& p : j["people"]) {
        if (p["role"] != "victim") continue;
        if (p["dob"].is_string()) dob = ParseIsoDate(p["dob"].get<std::string>());
        if (p.contains("age")) stated = p["age"].get<int>();
        break;
      }
    } else {
      const auto& f = crs_->at(id).fields;
      static const std::map<std::string, int> legacy = {
          {"CHG", 1}, {"CAU", 3}, {"YCC", 2}, {"UND", 18}};
      outcome = legacy.count(f[14]) ? legacy.at(f[14]) : -1;
      start = f[2].empty() ? ParseDatePattern(f[1], "%d/%m/%Y")
                           : ParseDatePattern(f[2].substr(0, 10), "%d/%m/%Y");
      if (!f[12].empty()) dob = ParseDatePattern(f[12], "%d/%m/%Y");
      if (!f[13].empty()) stated = std::stoi(f[13]);
    }
    EXPECT_EQ(outcome, ho.at(seed.outcome));
    ASSERT_TRUE(start.has_value());
    if (seed.age < 0) {
      EXPECT_FALSE(dob.has_value());
      EXPECT_FALSE(stated.has_value());
    } else {
      ASSERT_TRUE(dob.has_value());
      EXPECT_EQ(AgeOn(*dob, *start), seed.age);
    }
  }
  EXPECT_EQ(seen.size(), 68u);
  for (const auto& [row, n] : seen) EXPECT_EQ(n, 1) << "seed row " << row;
}

TEST_F(SynthForce, EmbeddedSeedTableMatchesThePublishedCsv) {
  // The force's published table, kept in the repository beside the tests.
  const fs::path csv = fs::path(FOIDESK_SOURCE_DIR) / "tests" / "golden" / "q2-details.csv";
  ASSERT_TRUE(fs::exists(csv)) << csv;
  const auto rows = ReadTable(csv);
  const auto seeds = SeedRows();
  ASSERT_EQ(rows.size(), seeds.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i + 1));
    EXPECT_EQ(rows[i].at("Year"), std::to_string(seeds[i].year));
    EXPECT_EQ(rows[i].at("Details"), seeds[i].details);
    EXPECT_EQ(rows[i].at("Outcome"), seeds[i].outcome);
    EXPECT_EQ(rows[i].at("Victim Age"),
              seeds[i].age < 0 ? "Not stated" : std::to_string(seeds[i].age));
  }
}

TEST_F(SynthForce, CrsFilesAreWindows1252CrlfWith16FieldsExceptPlantedFaults) {
  std::map<std::string, int> special;  // single-byte characters seen
  for (const char* name : {"crs_1.csv", "crs_2.csv"}) {
    SCOPED_TRACE(name);
    const std::string bytes = ReadFile(*dir_ / name);
    const bool first = std::string_view(name) == "crs_1.csv";
    EXPECT_EQ(bytes.rfind("\xEF\xBB\xBF", 0) == 0, first)
        << "BOM only at the start of the first file";
    EXPECT_TRUE(bytes.ends_with("\r\n\r\n")) << "planted trailing empty line";
    int64_t lone_lf = 0;
    for (size_t i = first ? 3 : 0; i < bytes.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(bytes[i]);
      // Bytes Windows-1252 leaves undefined.
      ASSERT_TRUE(c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D) << "offset " << i;
      if (c == 0xA3 || c == 0xE9 || c == 0x93 || c == 0x94 || c == 0x96)
        ++special[std::string(1, bytes[i])];
      if (c == '\n' && (i == 0 || bytes[i - 1] != '\r')) ++lone_lf;
    }
    auto records = ReadCsv(bytes.substr(first ? 3 : 0));
    // Records end in CRLF; a bare LF appears only inside a quoted MO_TEXT.
    int64_t lone_lf_in_fields = 0;
    for (const CsvRecord& rec : records)
      for (const std::string& field : rec.fields)
        for (size_t i = 0; i < field.size(); ++i)
          lone_lf_in_fields += field[i] == '\n' && (i == 0 || field[i - 1] != '\r');
    EXPECT_EQ(lone_lf, lone_lf_in_fields);
    ASSERT_FALSE(records.empty());
    EXPECT_EQ(records[0].fields.size(), static_cast<size_t>(kCrsFields));
    EXPECT_EQ(records[0].fields[0], "CRIME_NO");
    for (size_t r = 1; r < records.size(); ++r) {
      const CsvRecord& rec = records[r];
      const std::string fault = Fault(name, rec.line);
      SCOPED_TRACE("line " + std::to_string(rec.line) + " " + fault);
      EXPECT_FALSE(rec.malformed) << rec.problem;
      if (fault == "trailing_empty_line") {
        EXPECT_EQ(rec.fields, std::vector<std::string>{""});
        EXPECT_EQ(r + 1, records.size());
        continue;
      }
      if (fault == "short_row") {
        EXPECT_LT(rec.fields.size(), static_cast<size_t>(kCrsFields));
        continue;
      }
      if (fault == "long_row") {
        EXPECT_GT(rec.fields.size(), static_cast<size_t>(kCrsFields));
        continue;
      }
      ASSERT_EQ(rec.fields.size(), static_cast<size_t>(kCrsFields));
      const auto& f = rec.fields;
      EXPECT_EQ(ParseDatePattern(f[1], "%d/%m/%Y").has_value(), fault != "impossible_date") << f[1];
      if (!f[2].empty()) {
        EXPECT_TRUE(ParseDatePattern(f[2], "%d/%m/%Y %H:%M").has_value()) << f[2];
      }
      EXPECT_NE(f[9].find_first_not_of(" "), std::string::npos) << "MO_TEXT present";
      EXPECT_EQ(f[9].find('{'), std::string::npos) << "unfilled template slot: " << f[9];
      EXPECT_EQ(f[5].size(), 2u);
      if (fault != "unknown_offence") {
        EXPECT_GE(f[4].size(), 3u) << f[4];
      }
      if (!f[14].empty() && fault != "unknown_outcome") {
        static const std::set<std::string> codes = {"CHG", "RPM", "FWN", "YCC", "CAU", "TIC", "PND",
                                                    "CRS", "NPI", "EVD", "VNS", "UND", "OTH"};
        EXPECT_TRUE(codes.count(f[14])) << f[14];
      }
      if (fault == "age_dob_mismatch") {
        ASSERT_FALSE(f[12].empty());
        ASSERT_FALSE(f[13].empty());
        const Date start = *ParseDatePattern(f[2].empty() ? f[1] : f[2].substr(0, 10), "%d/%m/%Y");
        EXPECT_NE(AgeOn(*ParseDatePattern(f[12], "%d/%m/%Y"), start), std::stoi(f[13]));
      }
    }
  }
  for (const char* c : {"\xA3", "\xE9", "\x93", "\x94", "\x96"})
    EXPECT_GT(special[c], 0) << "byte " << static_cast<int>(static_cast<unsigned char>(c[0]));
}

TEST_F(SynthForce, RmsLinesAreJsonExceptPlantedFaults) {
  int64_t lines = 0, extra_keys = 0, local_offsets = 0;
  for (const char* name : {"rms_1.jsonl", "rms_2.jsonl"}) {
    std::ifstream in(*dir_ / name, std::ios::binary);
    std::string line;
    int64_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      ++lines;
      const std::string fault = Fault(name, n);
      SCOPED_TRACE(std::string(name) + ":" + std::to_string(n) + " " + fault);
      ASSERT_FALSE(line.empty());
      ASSERT_NE(line.back(), '\r');
      auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      EXPECT_EQ(j.is_discarded(), fault == "invalid_json");
      if (j.is_discarded()) continue;
      EXPECT_EQ(j.contains("id"), fault != "missing_id");
      EXPECT_EQ(j.contains("recorded"), fault != "missing_recorded");
      if (j.contains("recorded")) {
        const std::string rec = j["recorded"];
        EXPECT_TRUE(LocalDateOfTimestamp(rec).has_value()) << rec;
        local_offsets += rec.ends_with("+01:00");
      }
      for (const char* key : {"offence", "occurred", "location", "summary", "narrative", "people",
                              "outcome", "legacy_ref"})
        EXPECT_TRUE(j.contains(key)) << key;
      extra_keys += j.size() > 10;
      EXPECT_EQ(j["narrative"].get<std::string>().find('{'), std::string::npos);
      EXPECT_NE(j["offence"]["ho_class"].get<std::string>()[0], '0') << "no zero padding in RMS";
      if (!j["outcome"].is_null()) {
        const int t = j["outcome"]["ho_type"];
        EXPECT_GE(t, 1);
        EXPECT_LE(t, 22);
        EXPECT_TRUE(ParseIsoDate(j["outcome"]["date"].get<std::string>()).has_value());
      }
    }
  }
  EXPECT_EQ(lines, summary_->rms_rows);
  EXPECT_GT(extra_keys, 0) << "some lines carry an unknown key";
  EXPECT_GT(local_offsets, 0) << "some instants are written with +01:00";
}

TEST_F(SynthForce, FaultsListEachKindAtLeastTwice) {
  std::map<std::string, int> count;
  for (const auto& [where, kind] : *faults_) ++count[kind];
  struct Case {
    const char* kind;
    int at_least;
  };
  const Case cases[] = {{"bom", 1},  // the first file only, as the format says
                        {"trailing_empty_line", 2},
                        {"short_row", 2},
                        {"long_row", 2},
                        {"impossible_date", 2},
                        {"unknown_offence", 2},
                        {"unknown_outcome", 2},
                        {"duplicate", 2},
                        {"age_dob_mismatch", 2},
                        {"invalid_json", 2},
                        {"missing_id", 2},
                        {"missing_recorded", 2}};
  for (const Case& c : cases) EXPECT_GE(count[c.kind], c.at_least) << c.kind;
  EXPECT_EQ(count.size(), std::size(cases)) << "no unexpected kinds";
}

TEST_F(SynthForce, DuplicatedCrimeNumbersKeepTheLaterRowLast) {
  // For each duplicate fault the row at that line repeats an earlier crime
  // number in the same file.
  for (const auto& [where, kind] : *faults_) {
    if (kind != "duplicate") continue;
    const auto& [file, line] = where;
    SCOPED_TRACE(file + ":" + std::to_string(line));
    std::string bytes = ReadFile(*dir_ / file);
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
    int seen_before = 0;
    std::string number;
    for (const CsvRecord& rec : ReadCsv(bytes)) {
      if (rec.line == line) number = rec.fields[0];
    }
    ASSERT_FALSE(number.empty());
    for (const CsvRecord& rec : ReadCsv(bytes))
      if (rec.line < line && !rec.fields.empty() && rec.fields[0] == number) ++seen_before;
    EXPECT_EQ(seen_before, 1);
  }
}

TEST_F(SynthForce, MigratedCrimesAppearInBothExports) {
  int64_t migrated = 0;
  for (const auto& [id, j] : *rms_) {
    if (j["legacy_ref"].is_null()) continue;
    ++migrated;
    const std::string ref = j["legacy_ref"];
    SCOPED_TRACE(id + " <- " + ref);
    auto it = crs_->find(ref);
    ASSERT_NE(it, crs_->end());
    const auto& f = it->second.fields;
    EXPECT_TRUE(f[14].empty()) << "open in CRS at cut-over";
    const Date crs_recorded = *ParseDatePattern(f[1], "%d/%m/%Y");
    EXPECT_LT(crs_recorded, (Date{2015, 10, 19}));
    EXPECT_EQ(*LocalDateOfTimestamp(j["recorded"].get<std::string>()), crs_recorded);
    EXPECT_TRUE(id.starts_with("RMS-15-"));
  }
  EXPECT_EQ(migrated, summary_->migrated);
  // Cut-over: legacy records end on 18 October 2015 (local), new ones start on the 19th.
  for (const auto& [id, row] : *crs_) {
    if (auto d = ParseDatePattern(row.fields[1], "%d/%m/%Y")) {
      EXPECT_LT(*d, (Date{2015, 10, 19})) << id;
    }
  }
  for (const auto& [id, j] : *rms_) {
    if (j["legacy_ref"].is_null()) {
      EXPECT_GE(*LocalDateOfTimestamp(j["recorded"].get<std::string>()), (Date{2015, 10, 19}))
          << id;
    }
  }
  // Every other CRS crime is closed. (The stale first copy of a duplicated
  // crime is open; crs_ keeps the later row.)
  for (const auto& [id, row] : *crs_)
    if (row.fields[14].empty()) {
      EXPECT_TRUE(by_legacy_ref_->count(id)) << id << " open but not migrated";
    }
}

TEST_F(SynthForce, TruthAndDecisionIdsAreConsistent) {
  const auto truth = ReadTable(*dir_ / "truth.csv");
  const auto decisions = ReadTable(*dir_ / "decisions.csv");
  std::map<std::string, std::map<std::string, std::string>> by_id;
  for (const auto& t : truth) {
    EXPECT_TRUE(by_id.emplace(t.at("crime_id"), t).second)
        << "duplicate truth id " << t.at("crime_id");
    const std::string& id = t.at("crime_id");
    EXPECT_TRUE(crs_->count(id) || rms_->count(id)) << id << " in no export";
    const std::string& cat = t.at("category");
    EXPECT_TRUE(cat == "seed" || cat == "sextortion_missed" || cat == "sextortion_other_year" ||
                cat == "blackmail_other")
        << cat;
    EXPECT_EQ(t.at("relevant"), cat == "blackmail_other" ? "0" : "1");
    EXPECT_EQ(t.at("seed_row").empty(), cat != "seed");
    const int year = RecordedYear(id);
    if (cat == "sextortion_missed") {
      EXPECT_TRUE(year >= 2011 && year <= 2015) << id;
    }
    if (cat == "sextortion_other_year") {
      EXPECT_TRUE(year < 2011 || year > 2015) << id;
    }
  }
  std::set<std::string> candidates;
  for (const auto& d : decisions) {
    const std::string& id = d.at("crime_id");
    SCOPED_TRACE(id);
    EXPECT_TRUE(candidates.insert(id).second) << "decided twice";
    ASSERT_TRUE(by_id.count(id)) << "decision on a crime that is not blackmail";
    const bool seed = by_id[id].at("category") == "seed";
    EXPECT_EQ(d.at("relevant"), seed ? "yes" : "no");
    EXPECT_EQ(d.at("summary").empty(), !seed);
    EXPECT_TRUE(d.at("reviewer").starts_with("JPAD analyst ")) << d.at("reviewer");
    EXPECT_FALSE(d.at("reason").empty());
    const int year = RecordedYear(id);
    EXPECT_TRUE(year >= 2011 && year <= 2015) << year;
  }
  // The force's search, recomputed from the exports: legacy blackmail of the
  // request's years whose MO_TEXT has a search word, plus all such blackmail
  // that the current system holds.
  std::set<std::string> expected;
  int64_t missed = 0;
  for (const auto& t : truth) {
    const std::string& id = t.at("crime_id");
    const int year = RecordedYear(id);
    if (year < 2011 || year > 2015) continue;
    const bool in_rms = rms_->count(id) > 0 || by_legacy_ref_->count(id) > 0;
    const bool hit = in_rms || HasSearchKeyword(crs_->at(id).fields[9]);
    if (hit) expected.insert(id);
    if (!hit && t.at("relevant") == "1") ++missed;
  }
  EXPECT_EQ(candidates, expected);
  EXPECT_EQ(missed, summary_->keyword_missed);
}

// Windows-1252 bytes back to UTF-8, decoded as ingest decodes the export.
std::string Cp1252ToUtf8(std::string_view bytes) {
  static const ingest::Decoder decoder = ingest::Decoder::Create("windows-1252").value();
  std::string out;
  decoder.Decode(bytes, out);
  return out;
}

// The text of `field` in a CRS row (column name) or an RMS record (JSON
// Pointer), as UTF-8; nullopt when the row or field is not there.
std::optional<std::string> FieldText(const std::map<std::pair<std::string, int64_t>,
                                                    std::vector<std::string>>& crs_rows,
                                     const std::map<std::pair<std::string, int64_t>,
                                                    nlohmann::json>& rms_lines,
                                     const std::map<std::string, std::string>& row) {
  const std::pair<std::string, int64_t> key{row.at("file"), std::stoll(row.at("line"))};
  static const std::vector<std::string> kColumns = {
      "CRIME_NO", "RECORDED_DATE", "COMMITTED_FROM", "COMMITTED_TO", "HO_CLASS", "HO_SUBCLASS",
      "OFFENCE_TITLE", "TOWN", "BEAT", "MO_TEXT", "VICTIM_SURNAME", "VICTIM_FORENAMES",
      "VICTIM_DOB", "VICTIM_AGE", "OUTCOME_CODE", "OUTCOME_DATE"};
  if (auto it = crs_rows.find(key); it != crs_rows.end()) {
    const auto col = std::find(kColumns.begin(), kColumns.end(), row.at("field"));
    const size_t i = static_cast<size_t>(col - kColumns.begin());
    if (col == kColumns.end() || i >= it->second.size()) return std::nullopt;
    return Cp1252ToUtf8(it->second[i]);
  }
  if (auto it = rms_lines.find(key); it != rms_lines.end()) {
    const nlohmann::json::json_pointer ptr(row.at("field"));
    if (!it->second.contains(ptr) || !it->second.at(ptr).is_string()) return std::nullopt;
    return it->second.at(ptr).get<std::string>();
  }
  return std::nullopt;
}

TEST_F(SynthForce, PlantedPersonalDataIsWhereTheRecordSays) {
  // Every row of every export by (file, line), faulty rows included.
  std::map<std::pair<std::string, int64_t>, std::vector<std::string>> crs_rows;
  std::map<std::pair<std::string, int64_t>, nlohmann::json> rms_lines;
  for (int i = 1; i <= 2; ++i) {
    const std::string crs = "crs_" + std::to_string(i) + ".csv";
    for (const CsvRecord& rec : ReadCsv(ReadFile(*dir_ / crs)))
      if (rec.line > 1) crs_rows[{crs, rec.line}] = rec.fields;
    const std::string rms = "rms_" + std::to_string(i) + ".jsonl";
    std::ifstream in(*dir_ / rms, std::ios::binary);
    std::string line;
    for (int64_t n = 1; std::getline(in, line); ++n) {
      auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) rms_lines[{rms, n}] = j;
    }
  }
  const auto planted = ReadTable(*dir_ / "pii_planted.csv");
  ASSERT_GT(planted.size(), 10000u);
  // type -> style -> items in texts; every type in both styles' texts.
  std::map<std::string, std::map<std::string, int>> in_texts;
  int checked = 0;
  for (const auto& row : planted) {
    SCOPED_TRACE(row.at("file") + ":" + row.at("line") + " " + row.at("field"));
    auto text = FieldText(crs_rows, rms_lines, row);
    ASSERT_TRUE(text.has_value()) << "no such row or field";
    const size_t start = std::stoul(row.at("start")), end = std::stoul(row.at("end"));
    ASSERT_LE(start, end);
    ASSERT_LE(end, text->size());
    ASSERT_EQ(text->substr(start, end - start), row.at("value"));
    const std::string& field = row.at("field");
    if (field == "MO_TEXT" || field == "/narrative" || field == "/summary")
      ++in_texts[row.at("type")][row.at("file").substr(0, 3)];
    ++checked;
  }
  const char* const kTypes[] = {"person", "location", "address", "postcode", "phone",
                                "email", "url", "handle", "ip_address", "vehicle_registration",
                                "ni_number", "date", "date_of_birth", "crime_number",
                                "organisation", "financial", "id_number"};
  for (const char* type : kTypes) {
    EXPECT_GE(in_texts[type]["crs"], 20) << type << " in legacy texts";
    EXPECT_GE(in_texts[type]["rms"], 5) << type << " in current texts";
  }
  EXPECT_EQ(in_texts.size(), std::size(kTypes));
  EXPECT_EQ(checked, static_cast<int>(planted.size()));
}

TEST(SynthText, KeywordSearchIsWordOrPrefix) {
  struct Case {
    const char* text;
    bool match;
  };
  const Case cases[] = {
      {"IP PERFORMED A SEXUAL ACT ON WEBCAM", true},
      {"threatened to post the video", true},
      {"THE VIDEOS WERE SENT", false},  // `video` is a whole word, not a prefix
      {"sent photographs", true},
      {"PHOTO OF THE CAR", true},
      {"a cobweb", false},
      {"telephoto lens", false},
      {"VICTIM MR WEBB", true},  // a surname the prefix search matches
      {"“webcam”", true},
      {"video-call", true},
      {"footage, a recording, a clip, images", false},
      {"évideo", false},
      {"", false},
  };
  for (const Case& c : cases) EXPECT_EQ(HasSearchKeyword(c.text), c.match) << c.text;
}

TEST(SynthText, Windows1252AndUpperCase) {
  std::string out;
  AppendCp1252(out, "£5 café “quoted” – ’");
  EXPECT_EQ(out,
            "\xA3"
            "5 caf\xE9 \x93quoted\x94 \x96 \x92");
  std::string upper = "renée zoë o'brien";
  UpperInPlace(upper, 0);
  EXPECT_EQ(upper, "RENÉE ZOË O'BRIEN");
}

TEST(SynthTime, InstantsAgreeWithIcuEuropeLondon) {
  struct Case {
    Date date;
    int hour, minute;
    bool local_offset;
    const char* expected;
  };
  const Case cases[] = {
      {{2015, 10, 19}, 0, 30, false, "2015-10-18T23:30:00+00:00"},  // cut-over night, BST
      {{2015, 10, 19}, 0, 30, true, "2015-10-19T00:30:00+01:00"},
      {{2016, 7, 1}, 0, 30, false, "2016-06-30T23:30:00+00:00"},
      {{2015, 4, 1}, 0, 30, false, "2015-03-31T23:30:00+00:00"},
      {{2015, 12, 31}, 23, 59, true, "2015-12-31T23:59:00+00:00"},  // GMT
      {{2014, 3, 30}, 3, 0, false, "2014-03-30T02:00:00+00:00"},    // after the spring change
      {{2014, 10, 26}, 2, 0, false, "2014-10-26T02:00:00+00:00"},   // after the autumn change
      {{2014, 10, 26}, 0, 59, false, "2014-10-25T23:59:00+00:00"},
  };
  for (const Case& c : cases) {
    const int64_t minute = c.date.DaysSinceEpoch() * kMinutesPerDay + c.hour * 60 + c.minute;
    std::string out;
    AppendIsoInstant(out, minute, c.local_offset);
    EXPECT_EQ(out, c.expected);
    EXPECT_EQ(LocalDateOfTimestamp(out), c.date) << out;
  }
  EXPECT_TRUE(IsChangeHour((Date{2015, 3, 29}.DaysSinceEpoch()) * kMinutesPerDay + 90));
  EXPECT_FALSE(IsChangeHour((Date{2015, 3, 28}.DaysSinceEpoch()) * kMinutesPerDay + 90));
}

TEST(SynthFiles, ReusedFolderLosesStaleExports) {
  const fs::path dir = MakeTempDir("reuse");
  Options options;
  options.crimes_per_year = 500;
  options.files_per_source = 3;
  ASSERT_TRUE(Generate(options, dir.string()).ok());
  ASSERT_TRUE(fs::exists(dir / "crs_3.csv"));
  std::ofstream(dir / "notes.txt") << "kept";
  options.files_per_source = 1;
  auto summary = Generate(options, dir.string());
  ASSERT_TRUE(summary.ok());
  EXPECT_FALSE(fs::exists(dir / "crs_3.csv"));
  EXPECT_FALSE(fs::exists(dir / "rms_2.jsonl"));
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));
  EXPECT_EQ(summary->seed_crimes, 68);
  fs::remove_all(dir);
}

TEST(SynthFiles, WithoutFaultsEveryRowIsClean) {
  const fs::path dir = MakeTempDir("clean");
  Options options;
  options.crimes_per_year = 800;
  options.plant_faults = false;
  auto summary = Generate(options, dir.string());
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->faults, 0);
  const std::string bytes = ReadFile(dir / "crs_1.csv");
  EXPECT_NE(bytes.rfind("CRIME_NO,", 0), std::string::npos);
  std::set<std::string> numbers;
  auto records = ReadCsv(bytes);
  for (size_t r = 1; r < records.size(); ++r) {
    ASSERT_EQ(records[r].fields.size(), static_cast<size_t>(kCrsFields)) << records[r].line;
    EXPECT_TRUE(numbers.insert(records[r].fields[0]).second) << records[r].fields[0];
  }
  EXPECT_EQ(static_cast<int64_t>(records.size()) - 1, summary->crs_rows);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace foidesk::synth
