// Tests of the PII evaluation harness: the tokenizer, token-level scores on
// hand-made examples worked out by hand, the JSON and CoNLL readers with
// malformed inputs, the JSON report, and the real data sets' record counts.
#include "privacy/pii_eval.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace foidesk::privacy {
namespace {

const std::string kDataDir = FOIDESK_SOURCE_DIR "/../shared/datasets/pii";

std::vector<std::string> TokenTexts(std::string_view text) {
  std::vector<std::string> out;
  for (const EvalToken& t : TokenizeForEval(text)) out.emplace_back(text.substr(t.start, t.end - t.start));
  return out;
}

TEST(TokenizeForEvalTest, SplitsLikeSpacy) {
  const struct {
    std::string text;
    std::vector<std::string> tokens;
  } cases[] = {
      {"Hello, world!", {"Hello", ",", "world", "!"}},
      {"(905) 674-3793.", {"(", "905", ")", "674-3793", "."}},
      {"J. Smith's U.S. car", {"J.", "Smith", "'s", "U.S.", "car"}},
      {"e-mail me: a.b@c.co.uk.", {"e-mail", "me", ":", "a.b@c.co.uk", "."}},
      {"see https://x.org/a/ now", {"see", "https://x.org/a/", "now"}},
      {"  multiple\n\tspaces \u00a0 ", {"multiple", "spaces"}},
      {"\u201cZo\u00eb\u201d \u2026", {"\u201c", "Zo\u00eb", "\u201d", "\u2026"}},
      {"$5 # ? Mr. Jean-Pierre", {"$", "5", "#", "?", "Mr", ".", "Jean-Pierre"}},
      {"", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(TokenTexts(c.text), c.tokens) << c.text;
}

TEST(TokenizeForEvalTest, OffsetsAreBytes) {
  const std::string text = "Zo\u00eb Ball";
  const std::vector<EvalToken> want = {{0, 4}, {5, 9}};
  EXPECT_EQ(TokenizeForEval(text), want);
}

// Findings at the first occurrence of each piece of text.
FindFunction FindAt(std::vector<std::pair<std::string, PiiType>> pieces) {
  return [pieces](std::string_view text) {
    std::vector<PiiFinding> out;
    for (const auto& [piece, type] : pieces) {
      const size_t at = text.find(piece);
      if (at != std::string_view::npos) out.push_back({type, at, at + piece.size(), 1.0, "test"});
    }
    return out;
  };
}

// Tokens: Call | Mr | . | John | Smith | on | 07700 | 900123 | today | .
// Gold: TITLE "Mr." (ignored), PERSON "John Smith", PHONE_NUMBER "07700 900123".
// Found: location "Call", person "Mr", person "John", phone "07700 900123", date "today".
// Scored tokens (TITLE's "Mr" and "." left out): gold 4 (John Smith 07700 900123),
// predicted 5 (Call John 07700 900123 today), both 3 (John 07700 900123).
// Recall 3/4, precision 3/5, F1 = 2pr/(p+r) = 0.9/1.35, F2 = 5pr/(4p+r) = 2.25/3.15.
GoldRecord HandExample() {
  return {"Call Mr. John Smith on 07700 900123 today.",
          {{"TITLE", 5, 8}, {"PERSON", 9, 19}, {"PHONE_NUMBER", 23, 35}}};
}

FindFunction HandFindings() {
  return FindAt({{"Call", PiiType::kLocation},
                 {"Mr", PiiType::kPerson},
                 {"John", PiiType::kPerson},
                 {"07700 900123", PiiType::kPhone},
                 {"today", PiiType::kDate}});
}

TEST(EvaluatePresidioTest, HandExampleCounts) {
  const PresidioEval ev = EvaluatePresidio({HandExample()}, HandFindings());
  EXPECT_EQ(ev.records, 1);
  EXPECT_EQ(ev.spans, 3);
  EXPECT_EQ(ev.tokens, 10);
  EXPECT_EQ(ev.ignored_tokens, 2);
  EXPECT_EQ(ev.any.gold, 4);
  EXPECT_EQ(ev.any.predicted, 5);
  EXPECT_EQ(ev.any.both, 3);
  EXPECT_DOUBLE_EQ(*ev.any.Recall(), 0.75);
  EXPECT_DOUBLE_EQ(*ev.any.Precision(), 0.6);
  EXPECT_DOUBLE_EQ(*ev.any.F(1), 0.9 / 1.35);
  EXPECT_DOUBLE_EQ(*ev.any.F(2), 2.25 / 3.15);

  const GoldTypeScore& person = ev.by_gold_type.at("PERSON");
  EXPECT_TRUE(person.counted);
  EXPECT_EQ(person.tokens, 2);
  EXPECT_EQ(person.detected, 1);
  EXPECT_EQ(person.spans, 1);
  EXPECT_EQ(person.spans_covered, 0);
  const GoldTypeScore& phone = ev.by_gold_type.at("PHONE_NUMBER");
  EXPECT_EQ(phone.tokens, 2);
  EXPECT_EQ(phone.detected, 2);
  EXPECT_EQ(phone.spans_covered, 1);
  const GoldTypeScore& title = ev.by_gold_type.at("TITLE");
  EXPECT_FALSE(title.counted);
  EXPECT_EQ(title.tokens, 2);
  EXPECT_EQ(title.detected, 1);

  const PredictedTypeScore& p = ev.by_predicted_type.at("person");
  EXPECT_EQ(p.tokens, 2);  // Mr, John
  EXPECT_EQ(p.on_gold, 1);
  EXPECT_EQ(p.on_ignored, 1);
  EXPECT_DOUBLE_EQ(*p.Precision(), 1.0);
  EXPECT_DOUBLE_EQ(*ev.by_predicted_type.at("location").Precision(), 0.0);
  EXPECT_DOUBLE_EQ(*ev.by_predicted_type.at("phone").Precision(), 1.0);
  EXPECT_EQ(ev.by_predicted_type.at("date").tokens, 1);
}

TEST(EvaluatePresidioTest, CountingEveryTypeScoresTheTitle) {
  // With nothing ignored, "Mr" and "." are gold (TITLE); "Mr" is found.
  const PresidioEval ev = EvaluatePresidio({HandExample()}, HandFindings(), PresidioOptions{{}});
  EXPECT_EQ(ev.ignored_tokens, 0);
  EXPECT_EQ(ev.any.gold, 6);
  EXPECT_EQ(ev.any.predicted, 6);
  EXPECT_EQ(ev.any.both, 4);
}

TEST(EvaluatePresidioTest, NoFindingsAndNoGold) {
  const PresidioEval ev =
      EvaluatePresidio({{"nothing here", {}}}, [](std::string_view) { return std::vector<PiiFinding>{}; });
  EXPECT_EQ(ev.tokens, 2);
  EXPECT_FALSE(ev.any.Recall().has_value());
  EXPECT_FALSE(ev.any.Precision().has_value());
  EXPECT_FALSE(ev.any.F(1).has_value());
}

TEST(ParsePresidioJsonTest, ReadsSpansAndConvertsCodePointsToBytes) {
  // "Zoë" is 3 code points and 4 bytes; the second record spells ö as \u00f6.
  const std::string json = R"([
    {"full_text": "Zoë Ball in Köln", "masked": "x", "template_id": 1, "metadata": null,
     "spans": [{"entity_type": "PERSON", "entity_value": "Zoë Ball", "start_position": 0, "end_position": 8},
               {"entity_type": "GPE", "entity_value": "Köln", "start_position": 12, "end_position": 16}]},
    {"full_text": "K\u00f6ln", "spans": [{"entity_type": "GPE", "start_position": 0, "end_position": 4}]},
    {"full_text": "What are my options?", "spans": []}
  ])";
  auto r = ParsePresidioJson(json, "x.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  const GoldRecord& a = (*r)[0];
  ASSERT_EQ(a.spans.size(), 2u);
  EXPECT_EQ(a.spans[0].type, "PERSON");
  EXPECT_EQ(a.spans[0].start, 0u);
  EXPECT_EQ(a.spans[0].end, 9u);
  EXPECT_EQ(a.spans[1].start, 13u);
  EXPECT_EQ(a.spans[1].end, 18u);
  EXPECT_EQ(a.text.substr(13, 5), "K\u00f6ln");
  EXPECT_EQ((*r)[1].spans[0].end, 5u);
  EXPECT_TRUE((*r)[2].spans.empty());
}

TEST(ParsePresidioJsonTest, ErrorsNameFileAndPositionNotText) {
  const struct {
    std::string json;
    std::string want;  // in the message
  } cases[] = {
      {"[{\"full_text\": \"secret\", \"spans\": [}]", "x.json:1:36: not valid JSON"},
      {"[\n{\"full_text\": \"secret\",\n \"spans\": [,]}]", "x.json:3:12: not valid JSON"},
      {"[{\"full_text\": \"secret\" \"spans\"", "x.json:1:31:"},  // end of the unexpected string
      {"[{\"full_text\": \"secret\xff\", \"spans\": []}]", "x.json:1:"},
      {"{}", "x.json: (top level): expected an array"},
      {"[3]", "x.json: [0]: expected an object"},
      {"[{\"spans\": []}]", "x.json: [0].full_text: missing or not a string"},
      {"[{\"full_text\": \"secret\"}]", "x.json: [0].spans: missing or not an array"},
      {"[{\"full_text\": \"secret\", \"spans\": [{\"start_position\": 0, \"end_position\": 1}]}]",
       "x.json: [0].spans[0].entity_type: missing"},
      {"[{\"full_text\": \"secret\", \"spans\": [{\"entity_type\": \"PERSON\", \"start_position\": -1, "
       "\"end_position\": 1}]}]",
       "x.json: [0].spans[0].start_position: missing or not a non-negative integer"},
      {"[{\"full_text\": \"secret\", \"spans\": [{\"entity_type\": \"PERSON\", \"start_position\": 0, "
       "\"end_position\": 1.5}]}]",
       "x.json: [0].spans[0].end_position: missing or not a non-negative integer"},
      {"[{\"full_text\": \"secret\", \"spans\": []}, {\"full_text\": \"secret\", \"spans\": [7, "
       "{\"entity_type\": \"PERSON\", \"start_position\": 0, \"end_position\": 7}]}]",
       "x.json: [1].spans[0]: expected an object"},
      {"[{\"full_text\": \"secret\", \"spans\": [{\"entity_type\": \"PERSON\", \"start_position\": 0, "
       "\"end_position\": 7}]}]",
       "x.json: [0].spans[0].end_position: beyond the end of full_text (6 characters)"},
      {"[{\"full_text\": \"secret\", \"spans\": [{\"entity_type\": \"PERSON\", \"start_position\": 4, "
       "\"end_position\": 2}]}]",
       "x.json: [0].spans[0].start_position: after end_position"},
      {"[{\"full_text\": \"secret\", \"spans\": [{\"entity_type\": \"PERSON\", \"entity_value\": \"secrex\", "
       "\"start_position\": 0, \"end_position\": 6}]}]",
       "x.json: [0].spans[0].entity_value: differs from full_text"},
  };
  for (const auto& c : cases) {
    auto r = ParsePresidioJson(c.json, "x.json");
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().message.find(c.want), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find("secre"), std::string::npos) << r.error().message;
  }
}

TEST(ParsePresidioJsonTest, MissingFileIsNamed) {
  auto r = ReadPresidioJson("/nonexistent/presidio.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r.error().message, "/nonexistent/presidio.json: cannot open");
}

TEST(ParseConllTest, ReadsSentences) {
  // CRLF lines, two blank lines between sentences, no final blank line.
  auto r = ParseConll("I\tO\r\nmet\tO\r\nJo\tB-person\r\n\r\n\r\nin\tO\nNew\tB-location\nYork\tI-location",
                      "x.conll");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].tokens, (std::vector<std::string>{"I", "met", "Jo"}));
  EXPECT_EQ((*r)[0].tags, (std::vector<std::string>{"O", "O", "B-person"}));
  EXPECT_EQ((*r)[0].first_line, 1);
  EXPECT_EQ((*r)[1].tokens, (std::vector<std::string>{"in", "New", "York"}));
  EXPECT_EQ((*r)[1].first_line, 6);
  auto empty = ParseConll("\n\n", "x.conll");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(ParseConllTest, ErrorsNameFileAndLineNotText) {
  const struct {
    std::string text;
    std::string want;
  } cases[] = {
      {"secret\tO\nsecret O\n", "x.conll:2: expected TOKEN<TAB>TAG (exactly one tab)"},
      {"secret\tO\tO\n", "x.conll:1: expected TOKEN<TAB>TAG (exactly one tab)"},
      {"a\tO\n\n\tO\n", "x.conll:3: empty token"},
      {"secret\tX-person\n", "x.conll:1: tag must be O, B-TYPE or I-TYPE"},
      {"secret\tB-\n", "x.conll:1: tag must be O, B-TYPE or I-TYPE"},
      {"secret\t\n", "x.conll:1: tag must be O, B-TYPE or I-TYPE"},
  };
  for (const auto& c : cases) {
    auto r = ParseConll(c.text, "x.conll");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().message, c.want);
  }
  auto missing = ReadConll("/nonexistent/w.conll");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "/nonexistent/w.conll: cannot open");
}

// Sentence 1: "Met Jo Ann in New York ; @bob ok", found: "Jo Ann", "York", "ok".
// Sentence 2: "in Paris and Leeds" tagged O I-location O I-location (two
// entities, as an I- after O starts one), found: "Paris".
// person: tokens Jo Ann @bob, flagged 2, entities 2 (Jo Ann; @bob), covered 1.
// location: tokens New York Paris Leeds, flagged 2, entities 3, covered 1 (Paris).
// none: Met in ; ok in and, flagged 1 (ok).
std::vector<ConllSentence> WnutExample() {
  return {{{"Met", "Jo", "Ann", "in", "New", "York", ";", "@bob", "ok"},
           {"O", "B-person", "I-person", "O", "B-location", "I-location", "O", "B-person", "O"},
           1},
          {{"in", "Paris", "and", "Leeds"}, {"O", "I-location", "O", "I-location"}, 11}};
}

TEST(EvaluateWnutTest, HandExampleCounts) {
  const WnutEval ev = EvaluateWnut(WnutExample(), FindAt({{"Jo Ann", PiiType::kPerson},
                                                          {"York", PiiType::kLocation},
                                                          {" ok", PiiType::kHandle},
                                                          {"Paris", PiiType::kLocation}}));
  EXPECT_EQ(ev.sentences, 2);
  EXPECT_EQ(ev.tokens, 13);
  const WnutTypeScore& person = ev.by_type.at("person");
  EXPECT_EQ(person.tokens, 3);
  EXPECT_EQ(person.flagged, 2);
  EXPECT_EQ(person.entities, 2);
  EXPECT_EQ(person.entities_covered, 1);
  const WnutTypeScore& location = ev.by_type.at("location");
  EXPECT_EQ(location.tokens, 4);
  EXPECT_EQ(location.flagged, 2);
  EXPECT_EQ(location.entities, 3);
  EXPECT_EQ(location.entities_covered, 1);
  const WnutTypeScore& none = ev.by_type.at("none");
  EXPECT_EQ(none.tokens, 6);
  // " ok" also overlaps the space before it, which belongs to no token.
  EXPECT_EQ(none.flagged, 1);
  EXPECT_EQ(none.entities, 0);
}

TEST(PiiEvalJsonTest, SortedKeysAndRatios) {
  PiiEvalReport report;
  report.presidio = EvaluatePresidio({HandExample()}, HandFindings());
  report.wnut = EvaluateWnut(WnutExample(), FindAt({{"Jo Ann", PiiType::kPerson}}));
  const std::string text = PiiEvalJson(report);
  EXPECT_LT(text.find("\"presidio\""), text.find("\"wnut\""));
  EXPECT_LT(text.find("\"any\""), text.find("\"by_gold_type\""));
  EXPECT_LT(text.find("\"by_gold_type\""), text.find("\"records\""));
  const auto j = nlohmann::json::parse(text);
  const auto& any = j["presidio"]["any"];
  EXPECT_EQ(any["gold_tokens"], 4);
  EXPECT_EQ(any["predicted_tokens"], 5);
  EXPECT_EQ(any["true_positive_tokens"], 3);
  EXPECT_DOUBLE_EQ(any["recall"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(any["precision"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(any["f1"].get<double>(), 0.6667);
  EXPECT_DOUBLE_EQ(any["f2"].get<double>(), 0.7143);
  EXPECT_EQ(j["presidio"]["ignored_types"], nlohmann::json({"AGE", "TITLE"}));
  EXPECT_EQ(j["presidio"]["by_gold_type"]["PERSON"]["missed"], 1);
  EXPECT_EQ(j["presidio"]["by_gold_type"]["TITLE"]["counted"], false);
  EXPECT_EQ(j["wnut"]["by_type"]["person"]["entities_covered"], 1);
  EXPECT_DOUBLE_EQ(j["wnut"]["by_type"]["person"]["entity_recall"].get<double>(), 0.5);
  EXPECT_FALSE(j["wnut"]["by_type"]["none"].contains("entities"));
  EXPECT_DOUBLE_EQ(j["presidio"]["by_predicted_type"]["location"]["precision"].get<double>(), 0.0);
}

// The real data sets (../shared beside the checkout): record counts, and an
// oracle that reports exactly the gold spans scores recall and precision 1.
TEST(PiiEvalDataTest, RealFilesLoad) {
  auto presidio = ReadPresidioJson(kDataDir + "/" + kPresidioFileName);
  ASSERT_TRUE(presidio.ok()) << presidio.error().message;
  EXPECT_EQ(presidio->size(), 1500u);
  size_t spans = 0;
  for (const GoldRecord& r : *presidio) spans += r.spans.size();
  EXPECT_EQ(spans, 2863u);
  // EvaluatePresidio calls `find` once per record, in order.
  size_t next = 0;
  auto oracle = [&](std::string_view text) {
    std::vector<PiiFinding> out;
    const GoldRecord& r = (*presidio)[next++];
    EXPECT_EQ(text, r.text);
    for (const GoldSpan& g : r.spans)
      if (g.type != "AGE" && g.type != "TITLE") out.push_back({PiiType::kPerson, g.start, g.end, 1.0, "oracle"});
    return out;
  };
  const PresidioEval ev = EvaluatePresidio(*presidio, oracle);
  EXPECT_EQ(ev.records, 1500);
  EXPECT_GT(ev.any.gold, 0);
  EXPECT_EQ(ev.any.both, ev.any.gold);
  EXPECT_EQ(ev.any.both, ev.any.predicted);

  auto wnut = ReadConll(kDataDir + "/" + kWnutDevFileName);
  ASSERT_TRUE(wnut.ok()) << wnut.error().message;
  EXPECT_EQ(wnut->size(), 1009u);
  size_t tokens = 0, person_entities = 0;
  for (const ConllSentence& s : *wnut) {
    tokens += s.tokens.size();
    for (const std::string& t : s.tags) person_entities += t == "B-person";
  }
  EXPECT_EQ(tokens, 15733u);
  EXPECT_EQ(person_entities, 470u);

  auto report = RunPiiEval(kDataDir, [](std::string_view) { return std::vector<PiiFinding>{}; });
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->wnut.sentences, 1009);
  EXPECT_EQ(report->wnut.by_type.at("person").flagged, 0);
  EXPECT_EQ(report->wnut.by_type.at("person").entities, 470);
}

}  // namespace
}  // namespace foidesk::privacy
