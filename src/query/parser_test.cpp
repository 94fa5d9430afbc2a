// Parser: accepted queries and their canonical trees (precedence, field
// normalisation, date forms), and rejected queries with the exact column
// and message a user sees.
#include "query/parser.h"

#include <gtest/gtest.h>

namespace foidesk::query {
namespace {

struct Accept {
  const char* query;
  const char* tree;
};

const Accept kAccepted[] = {
    // Terms.
    {"video", "\"video\""},
    {"Video", "\"video\""},
    {"web*", "\"web\"*"},
    {"\"the victim\"", "\"the victim\""},
    {"\"The  Victim\"", "\"the victim\""},
    {"\"video cam\"*", "\"video cam\"*"},
    {"\"video cam*\"", "\"video cam\"*"},
    {"e-mail", "\"e mail\""},
    {"Café", "\"cafe\""},
    {"don’t", "\"don t\""},
    {"12:30", "\"12 30\""},
    {"\"http://example.com\"", "\"http example com\""},
    // Precedence: NOT > AND > OR; juxtaposition is AND.
    {"video web", "(AND \"video\" \"web\")"},
    {"video AND web", "(AND \"video\" \"web\")"},
    {"video OR web photo", "(OR \"video\" (AND \"web\" \"photo\"))"},
    {"video web OR photo", "(OR (AND \"video\" \"web\") \"photo\")"},
    {"video OR web AND photo", "(OR \"video\" (AND \"web\" \"photo\"))"},
    {"NOT video web", "(AND (NOT \"video\") \"web\")"},
    {"video OR NOT web", "(OR \"video\" (NOT \"web\"))"},
    {"NOT (video OR web)", "(NOT (OR \"video\" \"web\"))"},
    {"(video OR web) photo", "(AND (OR \"video\" \"web\") \"photo\")"},
    {"a OR b OR c", "(OR \"a\" \"b\" \"c\")"},
    {"a (b c)", "(AND \"a\" \"b\" \"c\")"},
    {"((a))", "\"a\""},
    {"NOT NOT video", "\"video\""},
    {"NOT video", "(NOT \"video\")"},
    {"NOT video NOT web", "(AND (NOT \"video\") (NOT \"web\"))"},
    // Lower-case operators are words.
    {"video and web", "(AND \"video\" \"and\" \"web\")"},
    {"video or not web", "(AND \"video\" \"or\" \"not\" \"web\")"},
    {"video(web)", "(AND \"video\" \"web\")"},
    // offence: canonical class, comma lists.
    {"offence:71", "offence:71"},
    {"offence:071", "offence:71"},
    {"offence:008n", "offence:8N"},
    {"offence:8N", "offence:8N"},
    {"offence:71,086", "offence:71,86"},
    {"Offence:105a", "offence:105A"},
    {"offence:\"71, 86\"", "offence:71,86"},
    // recorded: every date form.
    {"recorded:2014", "recorded:2014-01-01..2014-12-31"},
    {"recorded:2014-06", "recorded:2014-06-01..2014-06-30"},
    {"recorded:2016-02", "recorded:2016-02-01..2016-02-29"},
    {"recorded:2014-06-03", "recorded:2014-06-03..2014-06-03"},
    {"recorded:2014/15", "recorded:2014-04-01..2015-03-31"},
    {"recorded:1999/2000", "recorded:1999-04-01..2000-03-31"},
    {"recorded:1999/00", "recorded:1999-04-01..2000-03-31"},
    {"recorded:2011-01-01..2015-12-31", "recorded:2011-01-01..2015-12-31"},
    {"recorded:2014-01-01..", "recorded:2014-01-01.."},
    {"recorded:..2015-12-31", "recorded:..2015-12-31"},
    {"recorded:2011..2015", "recorded:2011-01-01..2015-12-31"},
    {"recorded:2014/15..2015/16", "recorded:2014-04-01..2016-03-31"},
    {"recorded:2014-06..2014-07", "recorded:2014-06-01..2014-07-31"},
    // source, outcome, town.
    {"source:CRS", "source:crs"},
    {"source:crs,rms", "source:crs,rms"},
    {"outcome:18", "outcome:18"},
    {"outcome:01a", "outcome:1A"},
    {"outcome:open", "outcome:open"},
    {"outcome:Open,18", "outcome:open,18"},
    {"town:Norwich", "town:norwich"},
    {"town:\"Great  Yarmouth\"", "town:\"great yarmouth\""},
    {"town:\"King's Lynn\"", "town:\"king's lynn\""},
    // Everything together.
    {"offence:71 recorded:2011-01-01..2015-12-31 (video OR web* OR photo*)",
     "(AND offence:71 recorded:2011-01-01..2015-12-31 (OR \"video\" \"web\"* \"photo\"*))"},
    {"NOT offence:71", "(NOT offence:71)"},
    {"offence:71 OR town:norwich video", "(OR offence:71 (AND town:norwich \"video\"))"},
};

TEST(ParserTest, AcceptsAndBuildsTree) {
  for (const auto& c : kAccepted) {
    auto q = ParseQuery(c.query);
    ASSERT_TRUE(q.ok()) << c.query << ": " << q.error().message;
    EXPECT_EQ(ToString(q->root), c.tree) << c.query;
    EXPECT_EQ(q->text, c.query);
  }
}

struct Reject {
  const char* query;
  const char* message;
};

const Reject kRejected[] = {
    {"", "column 1: empty query: expected a term, phrase, field filter or '('"},
    {"   ", "column 1: empty query: expected a term, phrase, field filter or '('"},
    {"video AND", "column 10: expected a term, phrase, field filter or '(' after AND"},
    {"video OR", "column 9: expected a term, phrase, field filter or '(' after OR"},
    {"video OR web* OR", "column 17: expected a term, phrase, field filter or '(' after OR"},
    {"NOT", "column 4: expected a term, phrase, field filter or '(' after NOT"},
    {"video NOT", "column 10: expected a term, phrase, field filter or '(' after NOT"},
    {"AND video", "column 1: expected a term, phrase, field filter or '(', got AND"},
    {"OR video", "column 1: expected a term, phrase, field filter or '(', got OR"},
    {"video OR OR web", "column 10: expected a term, phrase, field filter or '(' after OR, got OR"},
    {"video AND OR web",
     "column 11: expected a term, phrase, field filter or '(' after AND, got OR"},
    {"()", "column 2: expected a term, phrase, field filter or '(' after '(', got ')'"},
    {"video ()", "column 8: expected a term, phrase, field filter or '(' after '(', got ')'"},
    {"(video", "column 7: expected ')' to close the '(' at column 1"},
    {"((video) web", "column 13: expected ')' to close the '(' at column 1"},
    {"video)", "column 6: unmatched ')': no '(' before it"},
    {"(video))", "column 8: unmatched ')': no '(' before it"},
    {"\"video", "column 1: unterminated quote: expected a closing '\"'"},
    {"video \"web cam", "column 7: unterminated quote: expected a closing '\"'"},
    {"town:\"great yarmouth", "column 6: unterminated quote: expected a closing '\"'"},
    {"\"\"", "column 1: empty phrase: expected words between the quotes"},
    {"\" - \"", "column 1: empty phrase: expected words between the quotes"},
    {"foo:bar",
     "column 1: unknown field 'foo': expected offence, recorded, source, outcome or town "
     "(put text containing ':' in quotes)"},
    {"video http://x",
     "column 7: unknown field 'http': expected offence, recorded, source, outcome or town "
     "(put text containing ':' in quotes)"},
    {"recorded:2011-13-01",
     "column 10: recorded: expected a date range like 2011-01-01..2015-12-31, got '2011-13-01'"},
    {"recorded:2013-02-29",
     "column 10: recorded: expected a date range like 2011-01-01..2015-12-31, got '2013-02-29'"},
    {"recorded:2011-01-01..2015-02-30",
     "column 22: recorded: expected a date range like 2011-01-01..2015-12-31, got '2015-02-30'"},
    {"recorded:14",
     "column 10: recorded: expected a date range like 2011-01-01..2015-12-31, got '14'"},
    {"recorded:2014-6-3",
     "column 10: recorded: expected a date range like 2011-01-01..2015-12-31, got '2014-6-3'"},
    {"recorded:",
     "column 10: recorded: expected a date range like 2011-01-01..2015-12-31, got nothing"},
    {"recorded:..",
     "column 10: recorded: expected a date range like 2011-01-01..2015-12-31, got '..'"},
    {"recorded:2014/16",
     "column 10: recorded: 2014/16 is not a financial year (did you mean 2014/15?)"},
    {"recorded:2015..2011", "column 10: recorded: the range 2015..2011 ends before it starts"},
    {"offence:", "column 9: offence: expected an offence class like 71 or 8N, got nothing"},
    {"offence:71,", "column 12: offence: expected an offence class like 71 or 8N, got nothing"},
    {"offence:7-1", "column 9: offence: expected an offence class like 71 or 8N, got '7-1'"},
    {"offence:N8", "column 9: offence: expected an offence class like 71 or 8N, got 'N8'"},
    {"outcome:closed",
     "column 9: outcome: expected an outcome type like 18 or 1A, or open, got 'closed'"},
    {"source:", "column 8: source: expected a source name like crs or rms, got nothing"},
    {"town:",
     "column 6: town: expected a town name like norwich or \"great yarmouth\", got nothing"},
    {"-video", "column 1: '-video': use NOT to leave out a word ('-' is not an operator)"},
    {"w*b", "column 2: '*' must end a word, as in web* (prefix search)"},
    {"video *", "column 7: '*' has no letters or digits to search for"},
    {"video & web", "column 7: '&' has no letters or digits to search for"},
    // Columns count characters, not bytes.
    {"café OR", "column 8: expected a term, phrase, field filter or '(' after OR"},
    {"“video” )", "column 9: unmatched ')': no '(' before it"},
};

TEST(ParserTest, RejectsWithColumnAndExpectation) {
  for (const auto& c : kRejected) {
    auto q = ParseQuery(c.query);
    ASSERT_FALSE(q.ok()) << c.query << " parsed as " << ToString(q->root);
    EXPECT_EQ(q.error().code, ErrorCode::kInvalidInput) << c.query;
    EXPECT_EQ(q.error().message, c.message) << c.query;
  }
}

TEST(ParserTest, NestingIsBounded) {
  std::string ok = std::string(100, '(') + "video" + std::string(100, ')');
  EXPECT_TRUE(ParseQuery(ok).ok());
  std::string deep = std::string(101, '(') + "video" + std::string(101, ')');
  auto q = ParseQuery(deep);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().message,
            "column 101: too deeply nested: at most 100 levels of brackets and NOT");
  std::string nots;
  for (int i = 0; i < 200000; ++i) nots += "NOT ";
  EXPECT_FALSE(ParseQuery(nots + "video").ok());
}

TEST(ParserTest, FieldValuesAreCanonical) {
  // offence:071 and offence:71 are the same filter, as are 008N and 8n.
  auto a = ParseQuery("offence:071");
  auto b = ParseQuery("offence:71");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->root.filter, b->root.filter);
  auto c = ParseQuery("offence:008N");
  auto d = ParseQuery("offence:8n");
  ASSERT_TRUE(c.ok() && d.ok());
  EXPECT_EQ(c->root.filter.values, std::vector<std::string>{"8N"});
  EXPECT_EQ(c->root.filter, d->root.filter);

  auto fy = ParseQuery("recorded:2014/15");
  ASSERT_TRUE(fy.ok());
  EXPECT_EQ(fy->root.filter.from, (Date{2014, 4, 1}));
  EXPECT_EQ(fy->root.filter.to, (Date{2015, 3, 31}));
  auto open_end = ParseQuery("recorded:2014-01-01..");
  ASSERT_TRUE(open_end.ok());
  EXPECT_FALSE(open_end->root.filter.to.has_value());

  auto open = ParseQuery("outcome:OPEN");
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->root.filter.values, std::vector<std::string>{""});
}

TEST(ParserTest, ColumnsPointAtNodes) {
  auto q = ParseQuery("offence:71 (video OR web*)");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->root.children.size(), 2u);
  EXPECT_EQ(q->root.children[0].column, 1);
  EXPECT_EQ(q->root.children[1].children[0].column, 13);
  EXPECT_EQ(q->root.children[1].children[1].column, 22);
}

TEST(ParserTest, NormalizeName) {
  EXPECT_EQ(NormalizeName("  Great   Yarmouth "), "great yarmouth");
  EXPECT_EQ(NormalizeName("ÉTAPLES"), "étaples");
  EXPECT_EQ(CanonicalOutcome("01a"), "1A");
  EXPECT_EQ(CanonicalOutcome(""), "");
}

}  // namespace
}  // namespace foidesk::query
