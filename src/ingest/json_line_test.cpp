// JsonLine agrees with nlohmann::json: on a table of tricky lines and on
// thousands of random mutations of a record, it accepts exactly what
// nlohmann accepts and reads the same values.
#include "ingest/json_line.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace foidesk::ingest {
namespace {

using nlohmann::json;

json ToNlohmann(const JsonLine& doc, const JsonLine::Node& n) {
  switch (n.type) {
    case JsonLine::Type::kNull:
      return nullptr;
    case JsonLine::Type::kTrue:
      return true;
    case JsonLine::Type::kFalse:
      return false;
    case JsonLine::Type::kNumber:
      return json::parse(n.text);
    case JsonLine::Type::kString:
      return std::string(n.text);
    case JsonLine::Type::kArray: {
      json a = json::array();
      for (auto* c = doc.FirstChild(n); c; c = doc.Next(*c)) a.push_back(ToNlohmann(doc, *c));
      return a;
    }
    case JsonLine::Type::kObject: {
      json o = json::object();
      for (auto* c = doc.FirstChild(n); c; c = doc.Next(*c))
        o[std::string(c->key)] = ToNlohmann(doc, *c);
      return o;
    }
  }
  return nullptr;
}

// Checks one line; returns whether it was accepted.
bool Agrees(const std::string& line) {
  JsonLine doc;
  bool mine = doc.Parse(line);
  bool theirs = json::accept(line);
  EXPECT_EQ(mine, theirs) << line;
  if (mine && theirs) {
    EXPECT_EQ(ToNlohmann(doc, doc.root()), json::parse(line)) << line;
  }
  return mine;
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

TEST(JsonLineTest, TrickyLines) {
  struct Case {
    std::string line;
    bool ok;
  };
  const Case kCases[] = {
      {kRecord, true},
      {"{}", true},
      {" [ ] ", true},
      {"\"just a string\"", true},
      {"0", true},
      {"-0.0e-0", true},
      {R"({"a":1,"a":2})", true},  // repeated key: the last wins
      {R"({"k\u0041y": "\u0000"})", true},
      {"", false},
      {"{", false},
      {"{\"a\":1,}", false},
      {"[1,]", false},
      {"01", false},
      {"1.", false},
      {".5", false},
      {"+1", false},
      {"1e", false},
      {"tru", false},
      {"nul", false},
      {"{\"a\" 1}", false},
      {"{'a': 1}", false},
      {"\"tab\tinside\"", false},
      {"\"bad escape \\x\"", false},
      {"\"\\u12\"", false},
      {"\"\\ud83d alone\"", false},
      {"\"\\ude00 alone\"", false},
      {"\"caf\xE9\"", false},   // Windows-1252, not UTF-8
      {"\"\xC0\xAF\"", false},  // overlong
      {"{} {}", false},
      {"[1] x", false},
  };
  for (const auto& c : kCases) EXPECT_EQ(Agrees(c.line), c.ok) << c.line;
}

TEST(JsonLineTest, RandomMutationsAgreeWithNlohmann) {
  std::mt19937 rng(7);
  const std::string base = kRecord;
  const char kBytes[] = "{}[]\",:\\ u0a9eE.-+tfn\x80\xC3\xA9\x01";
  int accepted = 0;
  for (int i = 0; i < 5000; ++i) {
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
    accepted += Agrees(s);
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(accepted, 100);  // the mutations exercise both outcomes
}

TEST(JsonLineTest, ViewsSurviveLaterStrings) {
  // Unescaped strings live in an arena sized to the line: earlier views
  // stay valid however many escaped strings follow.
  std::string line = "[";
  for (int i = 0; i < 200; ++i)
    line += std::string(i ? "," : "") + "\"a\\nb\\u00e9" + std::to_string(i) + "\"";
  line += "]";
  JsonLine doc;
  ASSERT_TRUE(doc.Parse(line));
  int i = 0;
  for (auto* c = doc.FirstChild(doc.root()); c; c = doc.Next(*c), ++i)
    EXPECT_EQ(c->text, "a\nb\xC3\xA9" + std::to_string(i));
  EXPECT_EQ(i, 200);
}

}  // namespace
}  // namespace foidesk::ingest
