// End-to-end ingest into SqliteStore(":memory:"): one finding per kind of
// bad input, encodings, line numbers, local dates, the victim age rule,
// migrated crimes, re-ingest and the errors that stop a run.
#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ingest/test_util.h"
#include "model/csv.h"
#include "store/sqlite_store.h"

namespace foidesk::ingest {
namespace {

using testing::CrsRow;
using testing::kConfigDir;
using testing::kCrsHeader;
using testing::ReadFile;
using testing::RmsLine;
using testing::TempDir;

std::unique_ptr<SqliteStore> NewStore() {
  auto s = SqliteStore::Open(":memory:");
  EXPECT_TRUE(s.ok()) << s.error().message;
  return s.ok() ? std::move(*s) : nullptr;
}

// Ingests and checks the counting invariant every run must keep.
Result<IngestCounts> IngestFiles(Store& store, const std::vector<std::string>& files,
                                 const std::string& findings_path = "",
                                 const std::string& config = kConfigDir) {
  Options options;
  options.config_dir = config;
  options.findings_path = findings_path;
  auto counts = Ingest(store, files, options);
  if (counts.ok()) {
    EXPECT_EQ(counts->read, counts->loaded + counts->rejected + counts->duplicates);
    EXPECT_LE(counts->migrated, counts->loaded);
  }
  return counts;
}

Crime GetBySource(Store& store, const std::string& source, const std::string& id) {
  auto c = store.FindCrimeBySourceId(source, id);
  EXPECT_TRUE(c.ok() && c->has_value()) << source << " " << id;
  return c.ok() && c->has_value() ? **c : Crime{};
}

std::vector<Finding> AllFindings(Store& store) {
  std::vector<Finding> out;
  auto f = store.Findings(std::nullopt);
  EXPECT_TRUE(f.ok());
  if (f.ok())
    for (const auto& sf : *f) out.push_back(sf.finding);
  return out;
}

// ---------------------------------------------------------------------------
// One case per kind of bad input: the row and the one finding it must give.

struct BadInputCase {
  const char* name;
  const char* file;      // file name (selects the mapping)
  std::string contents;  // whole file
  FindingKind kind;
  int64_t line;
  const char* field;
  std::string reason;
  IngestCounts counts;  // read, loaded, rejected, duplicates, migrated
};

const std::string kDob = "14/02/1997";

std::vector<BadInputCase> BadInputCases() {
  const std::string h = kCrsHeader;
  return {
      {"row cut short",
       "crs_a.csv",
       h + CrsRow() + "C1/00002/14,03/06/2014,01/06/2014 22:15\r\n",
       FindingKind::kRejected,
       3,
       "COMMITTED_TO",
       "row cut short: 3 of 16 fields",
       {2, 1, 1, 0, 0}},
      {"too many fields",
       "crs_a.csv",
       h + CrsRow({{"OUTCOME_DATE", "20/07/2014,EXTRA,MORE"}}),
       FindingKind::kRejected,
       2,
       "",
       "too many fields: 18, expected 16",
       {1, 0, 1, 0, 0}},
      {"impossible recorded date",
       "crs_a.csv",
       h + CrsRow({{"RECORDED_DATE", "31/02/2013"}}),
       FindingKind::kRejected,
       2,
       "RECORDED_DATE",
       "impossible date 31/02/2013 in RECORDED_DATE",
       {1, 0, 1, 0, 0}},
      {"impossible committed date",
       "crs_a.csv",
       h + CrsRow({{"COMMITTED_FROM", "30/02/2014 10:00"}}),
       FindingKind::kRejected,
       2,
       "COMMITTED_FROM",
       "impossible date 30/02/2014 10:00 in COMMITTED_FROM",
       {1, 0, 1, 0, 0}},
      {"date in another form",
       "crs_a.csv",
       h + CrsRow({{"RECORDED_DATE", "2014-06-03"}}),
       FindingKind::kRejected,
       2,
       "RECORDED_DATE",
       "date 2014-06-03 in RECORDED_DATE is not in the form dd/mm/yyyy",
       {1, 0, 1, 0, 0}},
      {"impossible date of birth (never quoted)",
       "crs_a.csv",
       h + CrsRow({{"VICTIM_DOB", "30/02/1990"}}),
       FindingKind::kRejected,
       2,
       "VICTIM_DOB",
       "impossible date in VICTIM_DOB",
       {1, 0, 1, 0, 0}},
      {"unknown offence code",
       "crs_a.csv",
       h + CrsRow({{"HO_CLASS", "999"}}),
       FindingKind::kRejected,
       2,
       "HO_CLASS",
       "unknown offence code 999 in HO_CLASS",
       {1, 0, 1, 0, 0}},
      {"unknown outcome code",
       "crs_a.csv",
       h + CrsRow({{"OUTCOME_CODE", "XYZ"}}),
       FindingKind::kRejected,
       2,
       "OUTCOME_CODE",
       "unknown outcome code XYZ in OUTCOME_CODE",
       {1, 0, 1, 0, 0}},
      {"missing crime number",
       "crs_a.csv",
       h + CrsRow({{"CRIME_NO", ""}}),
       FindingKind::kRejected,
       2,
       "CRIME_NO",
       "missing CRIME_NO",
       {1, 0, 1, 0, 0}},
      {"missing offence",
       "crs_a.csv",
       h + CrsRow({{"HO_CLASS", ""}}),
       FindingKind::kRejected,
       2,
       "HO_CLASS",
       "missing HO_CLASS",
       {1, 0, 1, 0, 0}},
      {"unterminated quote",
       "crs_a.csv",
       h + CrsRow() + "C1/00002/14,\"03/06/2014\r\n",
       FindingKind::kRejected,
       3,
       "",
       "malformed CSV: unterminated quoted field",
       {2, 1, 1, 0, 0}},
      {"same crime twice",
       "crs_a.csv",
       h + CrsRow() + CrsRow({{"CRIME_NO", "C1/00002/14"}}) + CrsRow({{"HO_CLASS", "058"}}),
       FindingKind::kDuplicate,
       4,
       "CRIME_NO",
       "same crime as <dir>/crs_a.csv line 2; this later row wins",
       {3, 2, 0, 1, 0}},
      {"same row twice",
       "crs_a.csv",
       h + CrsRow() + CrsRow(),
       FindingKind::kDuplicate,
       3,
       "CRIME_NO",
       "repeats the record at <dir>/crs_a.csv line 2",
       {2, 1, 0, 1, 0}},
      {"age disagrees with date of birth",
       "crs_a.csv",
       h + CrsRow({{"VICTIM_AGE", "30"}}),
       FindingKind::kWarning,
       2,
       "VICTIM_AGE",
       "VICTIM_AGE disagrees with VICTIM_DOB; loaded with the age from the date of birth",
       {1, 1, 0, 0, 0}},
      {"age not a number",
       "crs_a.csv",
       h + CrsRow({{"VICTIM_AGE", "adult"}}),
       FindingKind::kRejected,
       2,
       "VICTIM_AGE",
       "VICTIM_AGE is not an age in whole years",
       {1, 0, 1, 0, 0}},
      {"not JSON",
       "rms_a.jsonl",
       RmsLine() + "{\"id\": \"RMS-15-0000002\", \"recorded\": \n",
       FindingKind::kRejected,
       2,
       "",
       "not valid JSON: parse failed at column 38 (syntax error while parsing value - unexpected "
       "end of input; expected '[', '{', or a literal)",
       {2, 1, 1, 0, 0}},
      {"not an object",
       "rms_a.jsonl",
       "[1, 2]\n",
       FindingKind::kRejected,
       1,
       "",
       "not a JSON object",
       {1, 0, 1, 0, 0}},
      {"missing id",
       "rms_a.jsonl",
       RmsLine({{"id", ""}}),
       FindingKind::kRejected,
       1,
       "id",
       "missing id",
       {1, 0, 1, 0, 0}},
      {"null id",
       "rms_a.jsonl",
       RmsLine({{"id", "null"}}),
       FindingKind::kRejected,
       1,
       "id",
       "missing id",
       {1, 0, 1, 0, 0}},
      {"missing recorded",
       "rms_a.jsonl",
       "\n" + RmsLine({{"recorded", ""}}),
       FindingKind::kRejected,
       2,
       "recorded",
       "missing recorded",
       {1, 0, 1, 0, 0}},
      {"bad timestamp",
       "rms_a.jsonl",
       RmsLine({{"recorded", "\"2015-13-01T00:00:00Z\""}}),
       FindingKind::kRejected,
       1,
       "recorded",
       "bad timestamp 2015-13-01T00:00:00Z in recorded (expected an ISO 8601 timestamp)",
       {1, 0, 1, 0, 0}},
      {"recorded is an object",
       "rms_a.jsonl",
       RmsLine({{"recorded", "{}"}}),
       FindingKind::kRejected,
       1,
       "recorded",
       "recorded is not a single value",
       {1, 0, 1, 0, 0}},
      {"unknown ho_type",
       "rms_a.jsonl",
       RmsLine({{"outcome", R"({"ho_type": 23})"}}),
       FindingKind::kRejected,
       1,
       "outcome.ho_type",
       "unknown Home Office outcome type 23 in outcome.ho_type",
       {1, 0, 1, 0, 0}},
      {"unknown RMS offence",
       "rms_a.jsonl",
       RmsLine({{"offence", R"({"ho_class": "8Z"})"}}),
       FindingKind::kRejected,
       1,
       "offence.ho_class",
       "unknown offence code 8Z in offence.ho_class",
       {1, 0, 1, 0, 0}},
      {"bad person date of birth",
       "rms_a.jsonl",
       RmsLine({{"people", R"([{"role": "victim", "surname": "Smith", "dob": "1994-02-30"}])"}}),
       FindingKind::kRejected,
       1,
       "people[0].dob",
       "impossible date in people[0].dob",
       {1, 0, 1, 0, 0}},
      {"people not a list",
       "rms_a.jsonl",
       RmsLine({{"people", R"({"role": "victim"})"}}),
       FindingKind::kRejected,
       1,
       "people",
       "people is not a list",
       {1, 0, 1, 0, 0}},
      {"same RMS record id twice",
       "rms_a.jsonl",
       RmsLine() + RmsLine({{"summary", "\"Changed.\""}}),
       FindingKind::kDuplicate,
       2,
       "id",
       "same crime as <dir>/rms_a.jsonl line 1; this later row wins",
       {2, 1, 0, 1, 0}},
      {"two RMS records for one legacy crime",
       "rms_a.jsonl",
       RmsLine({{"legacy_ref", "\"C1/00001/15\""}}) +
           RmsLine({{"id", "\"RMS-15-0000009\""}, {"legacy_ref", "\"C1/00001/15\""}}),
       FindingKind::kDuplicate,
       2,
       "id",
       "same crime key as the record at <dir>/rms_a.jsonl line 1; this later row wins",
       {2, 1, 0, 1, 0}},
      {"RMS age disagrees",
       "rms_a.jsonl",
       RmsLine({{"people", R"([{"role": "victim", "dob": "1994-03-02", "age": 40}])"}}),
       FindingKind::kWarning,
       1,
       "people[0].age",
       "people[0].age disagrees with people[0].dob; loaded with the age from the date of birth",
       {1, 1, 0, 0, 0}},
  };
}

std::string ReplaceDir(std::string s, const std::string& dir) {
  const std::string tag = "<dir>";
  size_t pos = s.find(tag);
  return pos == std::string::npos ? s : s.replace(pos, tag.size(), dir);
}

TEST(IngestTest, EachBadInputGivesOneFinding) {
  for (const auto& c : BadInputCases()) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    std::string file = dir.Write(c.file, c.contents);
    std::string findings_csv = dir.path() + "/findings.csv";
    auto store = NewStore();
    auto counts = IngestFiles(*store, {file}, findings_csv);
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    EXPECT_EQ(counts->read, c.counts.read);
    EXPECT_EQ(counts->loaded, c.counts.loaded);
    EXPECT_EQ(counts->rejected, c.counts.rejected);
    EXPECT_EQ(counts->duplicates, c.counts.duplicates);
    EXPECT_EQ(counts->migrated, c.counts.migrated);

    std::vector<Finding> findings = AllFindings(*store);
    ASSERT_EQ(findings.size(), 1u);
    const Finding& f = findings[0];
    EXPECT_EQ(f.kind, c.kind);
    EXPECT_EQ(f.file, file);
    EXPECT_EQ(f.line, c.line);
    EXPECT_EQ(f.field, c.field);
    EXPECT_EQ(f.reason, ReplaceDir(c.reason, dir.path()));
    // Reasons quote codes and dates, never names, dates of birth or text.
    for (const char* personal : {"SMITH", "Smith", "JOHN", "1997", "1994", "FRIEND", "friend"})
      EXPECT_EQ(f.reason.find(personal), std::string::npos) << personal;

    // The same finding in the findings file, after its header.
    std::string want_csv = "file,line,kind,field,reason\r\n" +
                           CsvLine({file, std::to_string(c.line), FindingKindName(c.kind), c.field,
                                    ReplaceDir(c.reason, dir.path())});
    EXPECT_EQ(ReadFile(findings_csv), want_csv);
  }
}

TEST(IngestTest, ByteOrderMarkAndTrailingEmptyLine) {
  TempDir dir;
  std::string file = dir.Write("crs_bom.csv", "\xEF\xBB\xBF" + kCrsHeader + CrsRow() + "\r\n");
  auto store = NewStore();
  auto counts = IngestFiles(*store, {file});
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->read, 1);  // the trailing empty line is not a row
  EXPECT_EQ(counts->loaded, 1);
  EXPECT_TRUE(AllFindings(*store).empty());
  Crime c = GetBySource(*store, "crs", "C1/00001/14");
  EXPECT_EQ(c.key, "C1/00001/14");
  EXPECT_EQ(c.recorded, (Date{2014, 6, 3}));
  EXPECT_EQ(c.committed_from, (Date{2014, 6, 1}));
  EXPECT_EQ(c.offence, "71");
  EXPECT_EQ(c.offence_title, "BLACKMAIL");
  EXPECT_EQ(c.town, "GREAT YARMOUTH");
  EXPECT_EQ(c.outcome_type, "18");
  EXPECT_EQ(c.outcome_date, (Date{2014, 7, 20}));
  ASSERT_EQ(c.people.size(), 1u);
  EXPECT_EQ(c.people[0], (Person{"victim", "SMITH", "JOHN PAUL", Date{1997, 2, 14}, 17, {}}));
  ASSERT_EQ(c.refs.size(), 1u);
  EXPECT_EQ(c.refs[0].file, file);
  EXPECT_EQ(c.refs[0].line, 2);
  EXPECT_EQ(c.refs[0].hash.size(), 16u);
}

TEST(IngestTest, QuotedMultiLineTextKeepsLineNumbers) {
  TempDir dir;
  // Row 1 spans physical lines 2-4; row 2 starts on line 5 and is bad.
  std::string file = dir.Write(
      "crs_ml.csv",
      kCrsHeader +
          CrsRow({{"MO_TEXT", "\"IP SAYS \"\"PAY\"\", OR ELSE\r\nS/T LEFT,\r\nOIC INFORMED\""}}) +
          CrsRow({{"CRIME_NO", "C1/00002/14"}, {"HO_CLASS", "12Q"}}) +
          CrsRow({{"CRIME_NO", "C1/00003/14"}}));
  auto store = NewStore();
  auto counts = IngestFiles(*store, {file});
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->read, 3);
  EXPECT_EQ(counts->loaded, 2);
  Crime c = GetBySource(*store, "crs", "C1/00001/14");
  EXPECT_EQ(c.text, "IP SAYS \"PAY\", OR ELSE\nS/T LEFT,\nOIC INFORMED");
  EXPECT_EQ(c.refs[0].line, 2);
  EXPECT_EQ(GetBySource(*store, "crs", "C1/00003/14").refs[0].line, 6);
  auto findings = AllFindings(*store);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 5);
  EXPECT_EQ(findings[0].reason, "unknown offence code 12Q in HO_CLASS");
}

TEST(IngestTest, Windows1252TextBecomesUtf8) {
  struct Case {
    const char* name;
    bool bom;
    std::string mo_text;  // bytes in the file
    std::string want;     // UTF-8
  };
  static const Case kCases[] = {
      {"cp1252", false,
       "OWED \xA3"
       "50 \x96 SAID \x93PAY\x94 AT CAF\xE9",
       "OWED \xC2\xA3"
       "50 \xE2\x80\x93 SAID \xE2\x80\x9CPAY\xE2\x80\x9D AT CAF\xC3\xA9"},
      // A byte order mark on a CP1252 export: bytes that are not UTF-8 still decode.
      {"cp1252 with BOM", true,
       "\xA3"
       "50 CAF\xE9",
       "\xC2\xA3"
       "50 CAF\xC3\xA9"},
      // A byte order mark on a UTF-8 export: UTF-8 is kept as it is.
      {"utf-8 with BOM", true,
       "\xC2\xA3"
       "50 CAF\xC3\xA9",
       "\xC2\xA3"
       "50 CAF\xC3\xA9"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    std::string file = dir.Write(
        "crs_enc.csv", (c.bom ? "\xEF\xBB\xBF" : "") + kCrsHeader +
                           CrsRow({{"MO_TEXT", c.mo_text}, {"VICTIM_SURNAME", "O\x92NEILL"}}));
    auto store = NewStore();
    ASSERT_TRUE(IngestFiles(*store, {file}).ok());
    Crime crime = GetBySource(*store, "crs", "C1/00001/14");
    EXPECT_EQ(crime.text, c.want);
    if (!c.bom) {
      EXPECT_EQ(crime.people.at(0).surname, "O\xE2\x80\x99NEILL");
    }
  }
}

TEST(IngestTest, RecordedDateIsTheLondonLocalDate) {
  struct Case {
    const char* recorded;
    Date want;
  };
  static const Case kCases[] = {
      {"2015-03-31T23:30:00+00:00", {2015, 4, 1}},  // BST: already 1 April
      {"2015-03-31T22:30:00+00:00", {2015, 3, 31}},
      {"2015-10-24T23:30:00+00:00", {2015, 10, 25}},  // BST until 01:00 UTC on 25 October
      {"2015-10-25T00:30:00+00:00", {2015, 10, 25}},
      {"2015-10-25T23:30:00+00:00", {2015, 10, 25}},  // GMT again
      {"2015-12-31T23:59:59Z", {2015, 12, 31}},
      {"2016-01-01T00:30:00+01:00", {2015, 12, 31}},  // offset honoured
      {"2015-06-30T23:30:00.250+00:00", {2015, 7, 1}},
  };
  TempDir dir;
  std::string lines;
  for (size_t i = 0; i < std::size(kCases); ++i)
    lines += RmsLine({{"id", "\"RMS-" + std::to_string(i) + "\""},
                      {"recorded", std::string("\"") + kCases[i].recorded + "\""}});
  std::string file = dir.Write("rms_bst.jsonl", lines);
  auto store = NewStore();
  auto counts = IngestFiles(*store, {file});
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->loaded, static_cast<int64_t>(std::size(kCases)));
  for (size_t i = 0; i < std::size(kCases); ++i)
    EXPECT_EQ(GetBySource(*store, "rms", "RMS-" + std::to_string(i)).recorded, kCases[i].want)
        << kCases[i].recorded;
}

TEST(IngestTest, VictimAgeRule) {
  struct Case {
    const char* name;
    std::string row;  // CRS row or RMS line
    std::optional<int> want;
    bool warning;
  };
  const Case kCases[] = {
      {"date of birth gives the age", CrsRow(), 17, false},
      {"date of birth wins over the stated age", CrsRow({{"VICTIM_AGE", "30"}}), 17, true},
      // 16 on the offence start date (01/06/2014), 17 when recorded (03/06/2014).
      {"age on the offence start date", CrsRow({{"VICTIM_DOB", "02/06/1997"}}), 16, false},
      {"no offence date: age on the recorded date",
       CrsRow({{"VICTIM_DOB", "02/06/1997"}, {"COMMITTED_FROM", ""}}), 17, false},
      {"stated age when there is no date of birth",
       CrsRow({{"VICTIM_DOB", ""}, {"VICTIM_AGE", "40"}}), 40, false},
      {"neither", CrsRow({{"VICTIM_DOB", ""}, {"VICTIM_AGE", ""}}), std::nullopt, false},
      {"no victim at all",
       CrsRow({{"VICTIM_DOB", ""},
               {"VICTIM_AGE", ""},
               {"VICTIM_SURNAME", ""},
               {"VICTIM_FORENAMES", ""}}),
       std::nullopt, false},
      {"RMS: first victim, after a suspect",
       RmsLine({{"people", R"([{"role": "suspect", "dob": "1980-01-01"}, )"
                           R"({"role": "victim", "dob": "1994-03-02"}, )"
                           R"({"role": "victim", "dob": "1950-01-01"}])"}}),
       21, false},
      {"RMS: stated age only",
       RmsLine({{"people", R"([{"role": "victim", "dob": null, "age": 33}])"}}), 33, false},
      {"RMS: nobody", RmsLine({{"people", "[]"}}), std::nullopt, false},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    bool rms = c.row[0] == '{';
    std::string file =
        rms ? dir.Write("rms_age.jsonl", c.row) : dir.Write("crs_age.csv", kCrsHeader + c.row);
    auto store = NewStore();
    auto counts = IngestFiles(*store, {file});
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    ASSERT_EQ(counts->loaded, 1);
    Crime crime = GetBySource(*store, rms ? "rms" : "crs", rms ? "RMS-15-0000001" : "C1/00001/14");
    EXPECT_EQ(VictimAge(crime), c.want);
    auto findings = AllFindings(*store);
    EXPECT_EQ(findings.size(), c.warning ? 1u : 0u);
  }
}

// A CRS export and an RMS export sharing one migrated crime.
struct MigrationFixture {
  std::string crs, rms;
  explicit MigrationFixture(const TempDir& dir) {
    crs = dir.Write("crs_2015.csv",
                    kCrsHeader +
                        CrsRow({{"CRIME_NO", "C1/00001/15"},
                                {"RECORDED_DATE", "01/10/2015"},
                                {"COMMITTED_FROM", "30/09/2015 10:00"},
                                {"HO_CLASS", "058"},
                                {"VICTIM_AGE", "18"},
                                {"MO_TEXT", "CRS MO TEXT"},
                                {"OUTCOME_CODE", ""},
                                {"OUTCOME_DATE", ""}}) +
                        CrsRow({{"CRIME_NO", "C1/00002/15"}, {"RECORDED_DATE", "02/10/2015"}}));
    rms = dir.Write("rms_2015.jsonl",
                    RmsLine({{"id", "\"RMS-15-0000001\""},
                             {"legacy_ref", "\"C1/00001/15\""},
                             {"recorded", "\"2015-10-19T09:00:00+01:00\""},
                             {"occurred", R"({"from": "2015-09-29T21:00:00+00:00"})"},
                             {"offence", R"({"ho_class": "56", "title": "Arson"})"},
                             {"summary", "\"Shed set alight.\""},
                             {"narrative", "\"Migrated from CRS; suspect interviewed.\""},
                             {"outcome", R"({"ho_type": 15, "date": "2015-11-20"})"}}) +
                        RmsLine({{"id", "\"RMS-15-0000002\""}}));
  }
};

TEST(IngestTest, MigratedCrimeIsOneCrimeInEitherOrder) {
  for (bool crs_first : {true, false}) {
    SCOPED_TRACE(crs_first ? "CRS first" : "RMS first");
    TempDir dir;
    MigrationFixture fx(dir);
    auto store = NewStore();
    std::vector<std::string> files =
        crs_first ? std::vector{fx.crs, fx.rms} : std::vector{fx.rms, fx.crs};
    auto counts = IngestFiles(*store, files);
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    EXPECT_EQ(counts->read, 4);
    EXPECT_EQ(counts->loaded, 4);
    EXPECT_EQ(counts->migrated, 1);
    EXPECT_EQ(*store->CrimeCount(), 3);
    EXPECT_TRUE(AllFindings(*store).empty());

    Crime c = GetBySource(*store, "rms", "RMS-15-0000001");
    EXPECT_EQ(GetBySource(*store, "crs", "C1/00001/15").rowid, c.rowid);
    EXPECT_EQ(c.key, "C1/00001/15");
    EXPECT_EQ(c.recorded, (Date{2015, 10, 1}));  // the CRS date
    EXPECT_EQ(c.committed_from, (Date{2015, 9, 29}));
    EXPECT_EQ(c.offence, "56");
    EXPECT_EQ(c.offence_title, "Arson");
    EXPECT_EQ(c.text, "Shed set alight.\nMigrated from CRS; suspect interviewed.");
    EXPECT_EQ(c.town, "Norwich");
    EXPECT_EQ(c.lsoa, "E01026835");
    EXPECT_EQ(c.outcome_type, "15");
    EXPECT_EQ(c.outcome_date, (Date{2015, 11, 20}));
    ASSERT_EQ(c.people.size(), 1u);
    EXPECT_EQ(c.people[0].surname, "Smith");
    ASSERT_EQ(c.refs.size(), 2u);
    EXPECT_EQ(c.refs[0].source, "crs");
    EXPECT_EQ(c.refs[1].source, "rms");
    EXPECT_TRUE(c.HasSource("crs") && c.HasSource("rms"));

    // The others stand alone under their own keys.
    EXPECT_EQ(GetBySource(*store, "crs", "C1/00002/15").key, "C1/00002/15");
    EXPECT_EQ(GetBySource(*store, "rms", "RMS-15-0000002").key, "RMS-15-0000002");
  }
}

TEST(IngestTest, ReIngestAddsNothing) {
  TempDir dir;
  MigrationFixture fx(dir);
  std::string bad = dir.Write(
      "crs_bad.csv", kCrsHeader + CrsRow({{"CRIME_NO", "C1/00009/15"}, {"HO_CLASS", "999"}}));
  auto store = NewStore();
  auto first = IngestFiles(*store, {fx.crs, fx.rms, bad});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->loaded, 4);
  EXPECT_EQ(first->rejected, 1);
  auto crimes = *store->CrimeCount();

  // Same files again, in another order.
  auto second = IngestFiles(*store, {fx.rms, fx.crs, bad});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->read, 5);
  EXPECT_EQ(second->loaded, 0);
  EXPECT_EQ(second->migrated, 0);
  EXPECT_EQ(second->duplicates, 4);
  EXPECT_EQ(second->rejected, 1);  // a bad row is reported on every run
  EXPECT_EQ(*store->CrimeCount(), crimes);
  Crime c = GetBySource(*store, "crs", "C1/00001/15");
  EXPECT_EQ(c.recorded, (Date{2015, 10, 1}));
  EXPECT_EQ(c.outcome_type, "15");
  // No duplicate findings for a re-run: only the rejected row again.
  auto runs = store->Findings(std::nullopt);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_NE((*runs)[0].run_id, (*runs)[1].run_id);
  EXPECT_EQ((*runs)[1].finding.kind, FindingKind::kRejected);

  // A newer export of the same files with clean data: nothing to add.
  auto third = IngestFiles(*store, {fx.crs, fx.rms});
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->duplicates, third->read);
  EXPECT_EQ(third->loaded, 0);
}

TEST(IngestTest, ReIngestOfAFileWithRepeatsAddsNothing) {
  TempDir dir;
  // The later copy of a repeated record wins; a re-run meets the earlier
  // (superseded) copy first and must still add nothing.
  std::string crs = dir.Write("crs_rep.csv", kCrsHeader + CrsRow() +
                                                 CrsRow({{"CRIME_NO", "C1/00002/14"}}) +
                                                 CrsRow({{"HO_CLASS", "058"}}));
  std::string rms = dir.Write(
      "rms_rep.jsonl", RmsLine({{"id", "\"RMS-1\""}, {"legacy_ref", "\"C1/00002/14\""}}) +
                           RmsLine({{"id", "\"RMS-2\""}}) +
                           RmsLine({{"id", "\"RMS-1\""},
                                    {"legacy_ref", "\"C1/00002/14\""},
                                    {"summary", "\"Later.\""}}));
  auto store = NewStore();
  auto first = IngestFiles(*store, {crs, rms});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->read, 6);
  EXPECT_EQ(first->loaded, 4);
  EXPECT_EQ(first->duplicates, 2);
  EXPECT_EQ(first->migrated, 1);
  for (int run = 0; run < 2; ++run) {
    auto again = IngestFiles(*store, {crs, rms});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->read, 6);
    EXPECT_EQ(again->loaded, 0);
    EXPECT_EQ(again->migrated, 0);
    EXPECT_EQ(again->duplicates, 6);
  }
  EXPECT_EQ(GetBySource(*store, "crs", "C1/00001/14").offence, "58");
  EXPECT_EQ(GetBySource(*store, "rms", "RMS-1").text,
            "Later.\nVictim reports a friend request.");
  EXPECT_EQ(*store->CrimeCount(), 3);

  // A new export under the same name that holds the record once, changed.
  dir.Write("crs_rep.csv", kCrsHeader + CrsRow({{"HO_CLASS", "028"}}));
  auto changed = IngestFiles(*store, {crs});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->loaded, 1);
  EXPECT_EQ(GetBySource(*store, "crs", "C1/00001/14").offence, "28");
}

TEST(IngestTest, ChangedRecordReplacesItsSourcesContent) {
  TempDir dir;
  MigrationFixture fx(dir);
  auto store = NewStore();
  ASSERT_TRUE(IngestFiles(*store, {fx.crs, fx.rms}).ok());

  // A later CRS export changes the migrated crime: only its date counts,
  // the content stays RMS's. A later RMS export changes the content.
  std::string crs2 =
      dir.Write("crs_2015b.csv", kCrsHeader + CrsRow({{"CRIME_NO", "C1/00001/15"},
                                                      {"RECORDED_DATE", "05/10/2015"},
                                                      {"HO_CLASS", "058"},
                                                      {"MO_TEXT", "CRS CHANGED"}}));
  std::string rms2 = dir.Write("rms_2015b.jsonl", RmsLine({{"id", "\"RMS-15-0000001\""},
                                                           {"legacy_ref", "\"C1/00001/15\""},
                                                           {"summary", "\"Updated.\""},
                                                           {"narrative", "\"\""},
                                                           {"outcome", "null"}}));
  auto counts = IngestFiles(*store, {crs2});
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->loaded, 1);
  EXPECT_EQ(counts->migrated, 1);
  Crime c = GetBySource(*store, "crs", "C1/00001/15");
  EXPECT_EQ(c.recorded, (Date{2015, 10, 5}));
  EXPECT_EQ(c.text, "Shed set alight.\nMigrated from CRS; suspect interviewed.");

  counts = IngestFiles(*store, {rms2});
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->loaded, 1);
  c = GetBySource(*store, "crs", "C1/00001/15");
  EXPECT_EQ(c.recorded, (Date{2015, 10, 5}));
  EXPECT_EQ(c.text, "Updated.");
  EXPECT_EQ(c.outcome_type, "");  // open again
  EXPECT_EQ(*store->CrimeCount(), 3);
}

TEST(IngestTest, ErrorsThatStopARun) {
  TempDir dir;
  std::string good = dir.Write("crs_good.csv", kCrsHeader + CrsRow());
  std::string wrong_header =
      dir.Write("crs_wrong.csv", "CRIME_NO,RECORDED,COMMITTED_FROM\r\n" + CrsRow());
  std::string no_header = dir.Write("crs_noheader.csv", CrsRow());
  std::string empty = dir.Write("crs_empty.csv", "");
  std::string other = dir.Write("notes.txt", "hello");
  std::filesystem::create_directories(dir.path() + "/crs_dir.csv");
  std::string bad_config = dir.CopyConfig();
  dir.Write("config/sources/zz.toml", "name = \"zz\"\nformat = \"xml\"\n");

  struct Case {
    const char* name;
    std::vector<std::string> files;
    std::string config;
    std::string want;
  };
  const Case kCases[] = {
      {"missing file",
       {good, dir.path() + "/crs_absent.csv"},
       kConfigDir,
       dir.path() + "/crs_absent.csv: cannot read: No such file or directory"},
      {"directory",
       {dir.path() + "/crs_dir.csv"},
       kConfigDir,
       dir.path() + "/crs_dir.csv: cannot read: is a directory"},
      {"no mapping",
       {good, other},
       kConfigDir,
       other + ": no mapping matches this file name (patterns: "},
      {"wrong header",
       {wrong_header},
       kConfigDir,
       wrong_header + ":1: header does not match mapping 'crs' (" + kConfigDir +
           "/sources/crs.toml): column 2 is 'RECORDED', expected 'RECORDED_DATE'"},
      {"data where the header goes",
       {no_header},
       kConfigDir,
       no_header + ":1: header does not match mapping 'crs' (" + kConfigDir +
           "/sources/crs.toml): column 1 is not a header name (value not shown), expected "
           "'CRIME_NO'"},
      {"empty file", {empty}, kConfigDir, empty + ":1: empty file, expected a header row"},
      {"bad mapping",
       {good},
       bad_config,
       bad_config + "/sources/zz.toml:2: format: 'xml' is not a known format (csv or jsonl)"},
      {"no config",
       {good},
       dir.path() + "/nowhere",
       dir.path() + "/nowhere/sources: cannot list mapping files"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    auto store = NewStore();
    auto counts = IngestFiles(*store, c.files, "", c.config);
    ASSERT_FALSE(counts.ok());
    EXPECT_EQ(counts.error().message.rfind(c.want, 0), 0u) << counts.error().message;
    EXPECT_EQ(*store->CrimeCount(), 0);  // checked before anything is loaded
  }
}

TEST(IngestTest, PoliceUkStreetFile) {
  TempDir dir;
  const std::string head =
      "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
      "Crime type,Last outcome category,Context\n";
  const std::string place =
      "Norfolk Constabulary,Norfolk Constabulary,1.29,52.63,On or near Prince "
      "Of Wales Road,E01026835,Norwich 013A,";
  std::string file = dir.Write(
      "2015-10-norfolk-street.csv",
      head + "aa11,2015-10," + place + "Violence and sexual offences,Under investigation,\n" +
          ",2015-10," + place + "Anti-social behaviour,,\n" + "bb22,2015-10," + place +
          "Burglary,Investigation complete; no suspect identified,\n" + "cc33,2015-13," + place +
          "Burglary,Local resolution,\n");
  auto store = NewStore();
  auto counts = IngestFiles(*store, {file});
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->read, 4);
  EXPECT_EQ(counts->loaded, 2);
  EXPECT_EQ(counts->rejected, 2);
  Crime a = GetBySource(*store, "police-uk", "aa11");
  EXPECT_EQ(a.recorded, (Date{2015, 10, 1}));  // month only: the first
  EXPECT_EQ(a.offence, "");
  EXPECT_EQ(a.offence_title, "Violence and sexual offences");
  EXPECT_EQ(a.lsoa, "E01026835");
  EXPECT_EQ(a.outcome_type, "");
  EXPECT_EQ(GetBySource(*store, "police-uk", "bb22").outcome_type, "18");
  auto findings = AllFindings(*store);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].line, 3);
  EXPECT_EQ(findings[0].reason, "missing Crime ID");
  EXPECT_EQ(findings[1].line, 5);
  EXPECT_EQ(findings[1].reason, "impossible date 2015-13 in Month");
}

TEST(IngestTest, AnotherSystemNeedsOnlyAMappingFile) {
  TempDir dir;
  std::string config = dir.CopyConfig();
  dir.Write("config/sources/acme.toml", R"(name = "acme"
format = "jsonl"
encoding = "windows-1252"
files = ["acme_*.jsonl"]
content_priority = 3
required = ["id", "recorded", "offence"]
[key]
id = "ref"
legacy_ref = "old_ref"
[fields]
recorded = { from = "when.logged", date = "%d.%m.%Y" }
offence = "class"
text = { from = ["notes", "more"], separator = " | " }
outcome = "result"
[people]
from = "parties"
role = "kind"
surname = "name"
dob = { from = "born", date = "%d.%m.%Y" }
role_codes = { V = "victim", S = "suspect" }
[outcome_codes]
NFA = 18
CHARGED = "1"
)");
  std::string crs = dir.Write("crs_1.csv", kCrsHeader + CrsRow());
  std::string acme = dir.Write(
      "acme_1.jsonl",
      "{\"ref\": \"A-1\", \"when\": {\"logged\": \"05.11.2016\"}, \"class\": \"058\", "
      "\"notes\": \"Caf\xE9 \x96 \xA3"
      "5\", \"more\": \"\", \"result\": \"NFA\", \"parties\": ["
      "{\"kind\": \"S\", \"name\": \"X\"}, {\"kind\": \"V\", \"name\": \"Y\", \"born\": "
      "\"01.02.1990\"}]}\n"
      "{\"ref\": \"A-2\", \"old_ref\": \"C1/00001/14\", \"when\": {\"logged\": \"06.11.2016\"}, "
      "\"class\": \"71\", \"notes\": \"Taken over.\", \"result\": \"CHARGED\"}\n"
      "{\"ref\": \"A-3\", \"when\": {\"logged\": \"07.11.2016\"}, \"class\": \"71\", \"result\": "
      "\"DROPPED\"}\n");
  auto store = NewStore();
  auto counts = IngestFiles(*store, {crs, acme}, "", config);
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->read, 4);
  EXPECT_EQ(counts->loaded, 3);
  EXPECT_EQ(counts->migrated, 1);
  EXPECT_EQ(counts->rejected, 1);

  Crime a = GetBySource(*store, "acme", "A-1");
  EXPECT_EQ(a.recorded, (Date{2016, 11, 5}));
  EXPECT_EQ(a.offence, "58");
  EXPECT_EQ(a.text,
            "Caf\xC3\xA9 \xE2\x80\x93 \xC2\xA3"
            "5");
  EXPECT_EQ(a.outcome_type, "18");
  ASSERT_EQ(a.people.size(), 2u);
  EXPECT_EQ(a.people[0].role, "suspect");
  EXPECT_EQ(a.people[1].role, "victim");
  EXPECT_EQ(VictimAge(a), 26);

  // Merged into the CRS crime: content from acme (priority 3), the recorded
  // date still CRS's (acme's date priority is the default 0).
  Crime m = GetBySource(*store, "crs", "C1/00001/14");
  EXPECT_EQ(GetBySource(*store, "acme", "A-2").rowid, m.rowid);
  EXPECT_EQ(m.recorded, (Date{2014, 6, 3}));
  EXPECT_EQ(m.text, "Taken over.");
  EXPECT_EQ(m.outcome_type, "1");

  auto findings = AllFindings(*store);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 3);
  EXPECT_EQ(findings[0].reason, "unknown outcome code DROPPED in result");
}

TEST(IngestTest, ProgressLinesWhenAsked) {
  TempDir dir;
  std::string file = dir.Write("crs_p.csv", kCrsHeader + CrsRow());
  auto store = NewStore();
  std::ostringstream progress;
  Options options;
  options.config_dir = kConfigDir;
  options.progress = &progress;
  ASSERT_TRUE(Ingest(*store, {file}, options).ok());
  EXPECT_EQ(progress.str().rfind("ingest: " + file + ": 1 rows, done", 0), 0u) << progress.str();
}

TEST(IngestTest, TransactionsOfAFewRowsAndLargerFiles) {
  // More rows than one hand-over batch and several transactions.
  TempDir dir;
  std::string crs = kCrsHeader, rms;
  for (int i = 0; i < 1500; ++i) {
    char no[32];
    std::snprintf(no, sizeof no, "C1/%05d/14", i);
    crs += CrsRow({{"CRIME_NO", no}});
    if (i % 3 == 0)
      rms += RmsLine({{"id", "\"RMS-" + std::to_string(i) + "\""},
                      {"legacy_ref", i % 2 ? std::string("\"") + no + "\"" : "null"}});
  }
  std::string crs_file = dir.Write("crs_many.csv", crs);
  std::string rms_file = dir.Write("rms_many.jsonl", rms);
  auto store = NewStore();
  Options options;
  options.config_dir = kConfigDir;
  options.batch_rows = 7;
  auto counts = Ingest(*store, {crs_file, rms_file}, options);
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->read, 2000);
  EXPECT_EQ(counts->loaded, 2000);
  EXPECT_EQ(counts->migrated, 250);  // odd multiples of 3 below 1500
  EXPECT_EQ(*store->CrimeCount(), 1750);
}

}  // namespace
}  // namespace foidesk::ingest
