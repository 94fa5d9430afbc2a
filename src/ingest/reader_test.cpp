// The JSON Lines reader (simdjson, with nlohmann::json to explain a broken
// line): it accepts exactly the lines nlohmann::json accepts, reads values
// as written (keys in any order, unknown keys ignored, the last of repeated
// keys, escapes, numbers), handles lines of any length, and reads valid
// lines simdjson itself cannot take.
#include "ingest/reader.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "ingest/test_util.h"

namespace foidesk::ingest {
namespace {

using nlohmann::json;
using testing::kConfigDir;
using testing::RmsLine;
using testing::TempDir;

// The shipped mappings and code lists, loaded once.
struct Config {
  std::vector<Mapping> mappings;
  CodeLists codes;
};

const Config& ShippedConfig() {
  static const Config* config = [] {
    auto* c = new Config;
    auto mappings = LoadMappings(kConfigDir + "/sources");
    EXPECT_TRUE(mappings.ok()) << mappings.error().message;
    if (mappings.ok()) c->mappings = std::move(*mappings);
    auto codes = LoadCodeLists(kConfigDir + "/codes", c->mappings);
    EXPECT_TRUE(codes.ok()) << codes.error().message;
    if (codes.ok()) c->codes = std::move(*codes);
    return c;
  }();
  return *config;
}

// Reads every row of `contents`, written to an rms_*.jsonl file.
std::vector<Item> ReadRms(const std::string& contents) {
  TempDir dir;
  std::string file = dir.Write("rms_test.jsonl", contents);
  const Config& config = ShippedConfig();
  auto mapping = SelectMapping(config.mappings, file);
  EXPECT_TRUE(mapping.ok()) << mapping.error().message;
  if (!mapping.ok()) return {};
  auto reader = SourceReader::Open(file, **mapping, config.codes);
  EXPECT_TRUE(reader.ok()) << reader.error().message;
  if (!reader.ok()) return {};
  std::vector<Item> items;
  for (Item item; (*reader)->Next(item);) items.push_back(std::move(item));
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status().error().message;
  return items;
}

int64_t LineOf(const Item& item) {
  return item.rejected ? item.rejection.line : item.record.crime.refs.at(0).line;
}

TEST(JsonlReaderTest, ReadsValuesAsWritten) {
  const std::string line =
      R"({"narrative": "£50 – “quoted” \ud83d\ude00 tab\there", "unknown": {"deep": [[{"x": )"
      R"([true, false, null, -0.5e+3, 1E2]}]], "n": 123456789012}, "id": "RMS-OLD", )"
      R"("people": [{"age": 21.0, "online_ids": ["a", null, "b"], "role": "victim", )"
      R"("surname": "Sm\u0069th", "dob": "1994-03-02"}, {"role": "suspect", "online_ids": "c.d"}], )"
      R"("outcome": {"ho_type": 18.0, "date": "2015-12-01"}, "recorded": "2015-11-02T14:03:00Z", )"
      R"("offence": {"ho_class": "58", "title": "Blackmail", "ho_class": "71"}, )"
      R"("summary": "Caf\u00e9 \"x\"\n\/", "legacy_ref": null, "id": "RMS-15-0004711"})"
      "\n";
  auto items = ReadRms(line);
  ASSERT_EQ(items.size(), 1u);
  ASSERT_FALSE(items[0].rejected) << items[0].rejection.reason;
  const Crime& c = items[0].record.crime;
  EXPECT_EQ(c.refs.at(0).id, "RMS-15-0004711");  // repeated key: the last wins
  EXPECT_EQ(c.key, "RMS-15-0004711");
  EXPECT_EQ(c.offence, "71");
  EXPECT_EQ(c.offence_title, "Blackmail");
  EXPECT_EQ(c.recorded, (Date{2015, 11, 2}));
  EXPECT_EQ(c.text, "Caf\xC3\xA9 \"x\"\n/\n£50 – “quoted” \xF0\x9F\x98\x80 tab\there");
  EXPECT_EQ(c.outcome_type, "18");  // 18.0 is the outcome type 18
  EXPECT_EQ(c.outcome_date, (Date{2015, 12, 1}));
  ASSERT_EQ(c.people.size(), 2u);
  EXPECT_EQ(c.people[0], (Person{"victim", "Smith", "", Date{1994, 3, 2}, 21, {"a", "b"}}));
  EXPECT_EQ(c.people[1], (Person{"suspect", "", "", std::nullopt, std::nullopt, {"c.d"}}));
}

TEST(JsonlReaderTest, NumbersReadAsText) {
  struct Case {
    const char* ho_type;
    const char* want;  // the outcome type read
  };
  const Case kCases[] = {{"18", "18"},     {"18.0", "18"},   {"1.8e1", "18"},
                         {"180E-1", "18"}, {"\"18\"", "18"}, {"1", "1"}};
  std::string lines;
  for (const auto& c : kCases)
    lines += RmsLine({{"outcome", std::string("{\"ho_type\": ") + c.ho_type + "}"}});
  auto items = ReadRms(lines);
  ASSERT_EQ(items.size(), std::size(kCases));
  for (size_t i = 0; i < items.size(); ++i) {
    SCOPED_TRACE(kCases[i].ho_type);
    ASSERT_FALSE(items[i].rejected) << items[i].rejection.reason;
    EXPECT_EQ(items[i].record.crime.outcome_type, kCases[i].want);
  }
  // Not a Home Office outcome type: the reason quotes the number as read.
  items = ReadRms(RmsLine({{"outcome", R"({"ho_type": 2.5})"}}) +
                  RmsLine({{"outcome", R"({"ho_type": -7})"}}) +
                  RmsLine({{"outcome", R"({"ho_type": true})"}}));
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].rejection.reason, "unknown Home Office outcome type 2.5 in outcome.ho_type");
  EXPECT_EQ(items[1].rejection.reason, "unknown Home Office outcome type -7 in outcome.ho_type");
  EXPECT_EQ(items[2].rejection.reason, "unknown Home Office outcome type true in outcome.ho_type");
}

TEST(JsonlReaderTest, LinesOfAnyLength) {
  // Narratives from empty to 200 kB, longest in the middle: the line buffer
  // grows and shrinks back, and every line keeps its padding for simdjson.
  std::vector<size_t> sizes;
  for (size_t n = 0; n < 300; ++n) sizes.push_back(n);
  for (size_t n : {4096u, 65535u, 65536u, 200000u, 63u, 64u, 65u, 1u}) sizes.push_back(n);
  std::string lines;
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::string text(sizes[i], 'a' + i % 26);
    lines += RmsLine({{"id", "\"RMS-" + std::to_string(i) + "\""},
                      {"summary", ""},
                      {"narrative", "\"" + text + "\""}});
  }
  auto items = ReadRms(lines);
  ASSERT_EQ(items.size(), sizes.size());
  for (size_t i = 0; i < items.size(); ++i) {
    ASSERT_FALSE(items[i].rejected) << i << ": " << items[i].rejection.reason;
    EXPECT_EQ(items[i].record.crime.refs.at(0).id, "RMS-" + std::to_string(i));
    EXPECT_EQ(items[i].record.crime.text, std::string(sizes[i], 'a' + i % 26)) << i;
  }
}

TEST(JsonlReaderTest, ValidLinesSimdjsonCannotTake) {
  std::string deep_valid = RmsLine({{"summary", std::string(3000, '[') + std::string(3000, ']')}});
  std::string deep_broken = RmsLine({{"summary", std::string(3000, '[') + std::string(2999, ']')}});
  auto items = ReadRms(
      // An integer beyond 64 bits: valid JSON, read through nlohmann::json.
      RmsLine({{"unknown", "123456789012345678901234567890"}}) + deep_valid + deep_broken);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_FALSE(items[0].rejected) << items[0].rejection.reason;
  EXPECT_EQ(items[0].record.crime.refs.at(0).id, "RMS-15-0000001");
  EXPECT_TRUE(items[1].rejected);
  EXPECT_EQ(items[1].rejection.reason, "JSON nested too deeply to read");
  EXPECT_TRUE(items[2].rejected);
  EXPECT_EQ(items[2].rejection.reason.rfind("not valid JSON: parse failed at column ", 0), 0u)
      << items[2].rejection.reason;
}

const char kRecord[] =
    R"({"id": "RMS-15-0004711", "recorded": "2015-11-02T14:03:00+00:00", )"
    R"("offence": {"ho_class": "71", "ho_subclass": "0", "title": "Blackmail"}, )"
    R"("occurred": {"from": "2015-10-30T22:00:00+00:00", "to": null}, )"
    R"("summary": "Caf\u00e9 \"x\"\n", )"
    R"("narrative": "£50 – “quoted” \ud83d\ude00 tab\there", )"
    R"("people": [{"role": "victim", "dob": "1994-03-02", "age": 21, "online_ids": ["a", "b"]}], )"
    R"("outcome": {"ho_type": 18, "date": "2015-12-01"}, )"
    R"("n": [-0.5e+3, 0, 1E2, true, false], "legacy_ref": null})";

// The text the mapping makes of summary and narrative, read by nlohmann;
// nullopt when either is neither a string nor absent or null.
std::optional<std::string> NlohmannText(const json& j) {
  std::string text;
  for (const char* key : {"summary", "narrative"}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) return std::nullopt;
    const auto& s = it->get_ref<const std::string&>();
    if (s.empty()) continue;
    if (!text.empty()) text += "\n";
    text += s;
  }
  return text;
}

TEST(JsonlReaderTest, AcceptsExactlyWhatNlohmannAccepts) {
  std::vector<std::string> lines = {
      kRecord,
      R"({"a":1,"a":2})",
      R"({"k\u0041y": "\u0000"})",
      "{",
      "{\"a\":1,}",
      "{\"a\" 1}",
      "{'a': 1}",
      "01",
      "1.",
      "-",
      "tru",
      "\"tab\tinside\"",
      "\"bad escape \\x\"",
      "\"\\u12\"",
      "\"\\ud83d alone\"",
      "\"\\ude00 alone\"",
      "\"caf\xE9\"",   // Windows-1252, not UTF-8
      "\"\xC0\xAF\"",  // overlong
      "{} {}",
      "[1] x",
      "1e400",
  };
  std::mt19937 rng(7);
  const std::string base = kRecord;
  const char kBytes[] = "{}[]\",:\\ u0a9eE.-+tfn\x80\xC3\xA9\x01";
  while (lines.size() < 5000) {
    std::string s = base;
    int edits = 1 + rng() % 3;
    for (int e = 0; e < edits; ++e) {
      size_t pos = rng() % s.size();
      switch (rng() % 3) {
        case 0:
          s[pos] = kBytes[rng() % (sizeof kBytes - 1)];
          break;
        case 1:
          s.erase(pos, 1 + rng() % 3);
          break;
        case 2:
          s.insert(pos, 1, kBytes[rng() % (sizeof kBytes - 1)]);
          break;
      }
      if (s.empty()) s = "x";
    }
    if (rng() % 10 == 0) s.resize(rng() % s.size());
    if (s.find_first_not_of(" \t") == std::string::npos) continue;  // blank: not a row
    lines.push_back(s);
  }
  std::string contents;
  for (const auto& l : lines) contents += l + "\n";
  auto items = ReadRms(contents);
  ASSERT_EQ(items.size(), lines.size());
  int accepted = 0;
  for (const Item& item : items) {
    const std::string& line = lines.at(LineOf(item) - 1);
    bool theirs = json::accept(line);
    bool mine = !(item.rejected && item.rejection.reason.rfind("not valid JSON", 0) == 0);
    EXPECT_EQ(mine, theirs) << line << "\n" << item.rejection.reason;
    accepted += mine;
    if (item.rejected || !theirs) continue;
    // Loaded: the values are the ones nlohmann reads.
    json j = json::parse(line);
    if (j.at("id").is_string()) {
      std::string id = j["id"];
      id.erase(0, id.find_first_not_of(" \t\r\n"));
      id.erase(id.find_last_not_of(" \t\r\n") + 1);
      EXPECT_EQ(item.record.crime.refs.at(0).id, id) << line;
    }
    if (auto text = NlohmannText(j)) {
      EXPECT_EQ(item.record.crime.text, *text) << line;
    }
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(accepted, 100);                                   // the mutations exercise
  EXPECT_LT(accepted, static_cast<int>(lines.size()) - 100);  // both outcomes
}

}  // namespace
}  // namespace foidesk::ingest
