// FTS5 compilation: the exact MATCH strings, and which subtrees FTS5 cannot
// answer alone.
#include "query/sqlite_compile.h"

#include <gtest/gtest.h>

#include "query/parser.h"

namespace foidesk::query {
namespace {

struct CompileCase {
  const char* query;
  const char* fts5;  // nullptr: not compilable on its own
};

const CompileCase kCases[] = {
    {"video", "\"video\""},
    {"VIDEO", "\"video\""},
    {"web*", "\"web\" *"},
    {"\"the victim\"", "\"the victim\""},
    {"\"the vic\"*", "\"the vic\" *"},
    {"Café", "\"cafe\""},
    {"e-mail", "\"e mail\""},
    {"\"AND\" near", "\"and\" AND \"near\""},  // keywords are quoted, so harmless
    {"video OR web* OR photo*", "\"video\" OR \"web\" * OR \"photo\" *"},
    {"video web", "\"video\" AND \"web\""},
    {"video NOT web", "\"video\" NOT \"web\""},
    {"NOT web video", "\"video\" NOT \"web\""},
    {"a b NOT c NOT d", "(\"a\" AND \"b\") NOT (\"c\" OR \"d\")"},
    {"(a OR b) NOT c", "(\"a\" OR \"b\") NOT \"c\""},
    {"a NOT (b OR c)", "\"a\" NOT (\"b\" OR \"c\")"},
    {"a OR b c", "\"a\" OR (\"b\" AND \"c\")"},
    {"(a OR b) (c OR d)", "(\"a\" OR \"b\") AND (\"c\" OR \"d\")"},
    {"a OR (b NOT c)", "\"a\" OR (\"b\" NOT \"c\")"},
    {"NOT video", nullptr},
    {"NOT video NOT web", nullptr},
    {"video OR NOT web", nullptr},
    {"a NOT (b OR NOT c)", nullptr},
    {"offence:71", nullptr},
    {"offence:71 video", nullptr},
};

TEST(Fts5CompileTest, Strings) {
  Fts5Compiler compiler;
  for (const auto& c : kCases) {
    auto q = ParseQuery(c.query);
    ASSERT_TRUE(q.ok()) << c.query << ": " << q.error().message;
    auto out = compiler.Compile(q->root);
    if (c.fts5) {
      EXPECT_TRUE(compiler.CanCompile(q->root)) << c.query;
      ASSERT_TRUE(out.ok()) << c.query << ": " << out.error().message;
      EXPECT_EQ(*out, c.fts5) << c.query;
    } else {
      EXPECT_FALSE(compiler.CanCompile(q->root)) << c.query;
      EXPECT_FALSE(out.ok()) << c.query << " -> " << *out;
    }
  }
}

TEST(Fts5CompileTest, RegistryByDialect) {
  auto fts = MakeTextCompiler("sqlite-fts5");
  ASSERT_NE(fts, nullptr);
  EXPECT_EQ(fts->Dialect(), "sqlite-fts5");
  EXPECT_EQ(MakeTextCompiler("postgres-tsquery"), nullptr);
}

}  // namespace
}  // namespace foidesk::query
