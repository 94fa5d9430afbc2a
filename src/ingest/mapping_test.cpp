// Mapping files: the shipped ones load; a bad one gives an error naming the
// file, line, key and reason; files are matched to mappings by name.
#include "ingest/mapping.h"

#include <gtest/gtest.h>

#include "ingest/test_util.h"

namespace foidesk::ingest {
namespace {

using testing::kConfigDir;
using testing::TempDir;

TEST(MappingTest, ShippedMappingsLoad) {
  auto mappings = LoadMappings(kConfigDir + "/sources");
  ASSERT_TRUE(mappings.ok()) << mappings.error().message;
  auto codes = LoadCodeLists(kConfigDir + "/codes", *mappings);
  ASSERT_TRUE(codes.ok()) << codes.error().message;
  std::map<std::string, const Mapping*> by_name;
  for (const auto& m : *mappings) {
    EXPECT_TRUE(CheckMappingCodes(m, *codes).ok()) << m.path;
    by_name[m.name] = &m;
  }
  ASSERT_TRUE(by_name.count("crs") && by_name.count("rms"));

  const Mapping& crs = *by_name["crs"];
  EXPECT_EQ(crs.format, Format::kCsv);
  EXPECT_EQ(crs.encoding, "windows-1252");
  EXPECT_EQ(crs.header.size(), 16u);
  EXPECT_EQ(crs.field(Field::kId).column, 0);
  EXPECT_EQ(crs.field(Field::kRecorded).date.pattern, "%d/%m/%Y");
  EXPECT_EQ(crs.field(Field::kCommittedFrom).date.pattern, "%d/%m/%Y %H:%M");
  EXPECT_TRUE(crs.has_victim);
  EXPECT_TRUE(crs.victim.dob.personal);
  EXPECT_TRUE(crs.is_required(Field::kOffence));
  const std::map<std::string, std::string> kCrsOutcomes = {
      {"CHG", "1"},  {"RPM", "2"},  {"FWN", "2"}, {"YCC", "2"},  {"CAU", "3"},
      {"TIC", "4"},  {"PND", "6"},  {"CRS", "8"}, {"NPI", "10"}, {"EVD", "15"},
      {"VNS", "16"}, {"UND", "18"}, {"OTH", "20"}};
  EXPECT_EQ(crs.outcome_codes, kCrsOutcomes);
  EXPECT_GT(crs.date_priority, by_name["rms"]->date_priority);

  const Mapping& rms = *by_name["rms"];
  EXPECT_EQ(rms.format, Format::kJsonl);
  EXPECT_EQ(rms.field(Field::kOffence).path, (std::vector<std::string>{"offence", "ho_class"}));
  EXPECT_EQ(rms.field(Field::kRecorded).date.kind, DateFormat::Kind::kIsoLocalDate);
  EXPECT_EQ(rms.field(Field::kLegacyRef).from, "legacy_ref");
  EXPECT_TRUE(rms.has_people);
  EXPECT_FALSE(rms.has_outcome_codes);
  ASSERT_EQ(rms.text.size(), 2u);
  EXPECT_EQ(rms.text_separator, "\n");
  EXPECT_GT(rms.content_priority, crs.content_priority);
}

TEST(MappingTest, SelectsMappingByFileName) {
  auto mappings = LoadMappings(kConfigDir + "/sources");
  ASSERT_TRUE(mappings.ok());
  struct Case {
    const char* file;
    const char* want;  // mapping name, or error text
    bool ok;
  };
  static const Case kCases[] = {
      {"crs_2014.csv", "crs", true},
      {"/data/exports/crs_part1.csv", "crs", true},
      {"rms_2016-01.jsonl", "rms", true},
      {"crs_2014.jsonl", "crs_2014.jsonl: no mapping matches this file name", false},
      {"notes.txt", "notes.txt: no mapping matches this file name", false},
  };
  for (const auto& c : kCases) {
    auto m = SelectMapping(*mappings, c.file);
    ASSERT_EQ(m.ok(), c.ok) << c.file;
    if (c.ok) {
      EXPECT_EQ((*m)->name, c.want);
    } else {
      EXPECT_NE(m.error().message.find(c.want), std::string::npos) << m.error().message;
    }
  }
}

// A valid CSV mapping; each bad case replaces one piece of it.
const char kGood[] = R"(name = "test"
format = "csv"
encoding = "utf-8"
files = ["test_*.csv"]
[csv]
header = ["ID", "DATE", "CODE"]
[key]
id = "ID"
[fields]
recorded = { from = "DATE", date = "%d/%m/%Y" }
offence = "CODE"
)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return pos == std::string::npos ? s : s.replace(pos, from.size(), to);
}

TEST(MappingTest, BadMappingsSayWhereAndWhy) {
  struct Case {
    const char* name;
    std::string text;
    const char* want;  // expected after "<path>"
  };
  const Case kCases[] = {
      {"syntax", Replace(kGood, "name = \"test\"", "name = \"test"), ":1:"},
      {"missing name", Replace(kGood, "name = \"test\"\n", ""), ": name: missing"},
      {"bad name", Replace(kGood, "name = \"test\"", "name = \"My Source\""),
       ":1: name: must be lower-case letters"},
      {"format", Replace(kGood, "format = \"csv\"", "format = \"xml\""),
       ":2: format: 'xml' is not a known format (csv or jsonl)"},
      {"encoding", Replace(kGood, "\"utf-8\"", "\"klingon-8\""),
       ":3: encoding: unknown encoding 'klingon-8'"},
      {"unknown key", Replace(kGood, "files =", "fles = 1\nfiles ="), ":4: fles: unknown key"},
      {"no files", Replace(kGood, "files = [\"test_*.csv\"]", "files = []"),
       ":4: files: must not be empty"},
      {"column", Replace(kGood, "offence = \"CODE\"", "offence = \"HO_CLASS\""),
       ":11: fields.offence: column 'HO_CLASS' is not in csv.header"},
      {"date directive", Replace(kGood, "%d/%m/%Y", "%d/%b/%Y"),
       ":10: fields.recorded.date: unknown date format directive %b"},
      {"date needed", Replace(kGood, "{ from = \"DATE\", date = \"%d/%m/%Y\" }", "\"DATE\""),
       ":10: fields.recorded: needs a date format"},
      {"not a date",
       Replace(kGood, "offence = \"CODE\"", "offence = { from = \"CODE\", date = \"%Y-%m\" }"),
       ":11: fields.offence.date: this field is not a date"},
      {"no recorded", Replace(kGood, "recorded = { from = \"DATE\", date = \"%d/%m/%Y\" }\n", ""),
       ":9: fields.recorded: missing"},
      {"unknown field", Replace(kGood, "offence = \"CODE\"", "ofence = \"CODE\""),
       ":11: fields.ofence: unknown field"},
      {"no header", Replace(kGood, "header = [\"ID\", \"DATE\", \"CODE\"]", "columns = 3"),
       ":6: csv.columns: unknown key"},
      {"required unmapped",
       Replace(kGood, "files = [\"test_*.csv\"]",
               "files = [\"test_*.csv\"]\nrequired = [\"town\"]"),
       ":5: required: 'town' is required but not mapped"},
      {"people in csv", std::string(kGood) + "[people]\nfrom = \"P\"\n",
       ":12: people: a people array is for JSONL sources"},
      {"outcome codes unmapped", std::string(kGood) + "[outcome_codes]\nCHG = 1\n",
       ":12: outcome_codes: given, but fields.outcome is not mapped"},
      {"no key", Replace(kGood, "[key]\nid = \"ID\"\n", ""), ": key: missing [key] table"},
  };
  TempDir dir;
  for (const auto& c : kCases) {
    std::string path = dir.Write("m.toml", c.text);
    auto m = LoadMapping(path);
    ASSERT_FALSE(m.ok()) << c.name;
    EXPECT_EQ(m.error().message.rfind(path, 0), 0u) << c.name << ": " << m.error().message;
    EXPECT_NE(m.error().message.find(path + c.want), std::string::npos)
        << c.name << ": " << m.error().message;
  }
  EXPECT_TRUE(LoadMapping(dir.Write("good.toml", kGood)).ok());
  auto missing = LoadMapping(dir.path() + "/absent.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("absent.toml: cannot read mapping file"),
            std::string::npos);
}

TEST(MappingTest, OutcomeTableIsCheckedAgainstTheCodeList) {
  TempDir dir;
  std::string config = dir.CopyConfig();
  std::string crs = testing::ReadFile(config + "/sources/crs.toml");
  dir.Write("config/sources/crs.toml", Replace(crs, "OTH = \"20\"", "OTH = \"99\""));
  auto mappings = LoadMappings(config + "/sources");
  ASSERT_TRUE(mappings.ok());
  auto codes = LoadCodeLists(config + "/codes", *mappings);
  ASSERT_TRUE(codes.ok());
  auto crs_mapping = SelectMapping(*mappings, "crs_1.csv");
  ASSERT_TRUE(crs_mapping.ok());
  Status s = CheckMappingCodes(**crs_mapping, *codes);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, config +
                                   "/sources/crs.toml: outcome_codes.OTH: Home Office outcome "
                                   "type '99' is not in codes/outcomes.csv");
}

TEST(MappingTest, DuplicateSourceNamesAreRefused) {
  TempDir dir;
  std::string config = dir.CopyConfig();
  std::string crs = testing::ReadFile(config + "/sources/crs.toml");
  dir.Write("config/sources/crs2.toml", Replace(crs, "crs_*.csv", "crs2_*.csv"));
  auto mappings = LoadMappings(config + "/sources");
  ASSERT_FALSE(mappings.ok());
  EXPECT_NE(mappings.error().message.find("crs2.toml: name: source name 'crs' is also used by"),
            std::string::npos)
      << mappings.error().message;
}

}  // namespace
}  // namespace foidesk::ingest
