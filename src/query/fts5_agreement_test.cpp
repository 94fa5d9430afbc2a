// The C++ tokenizer against SQLite's own unicode61 (remove_diacritics 2),
// code point by code point: every BMP character and a few supplementary
// blocks, alone between two letters ("x?y", which shows whether it
// separates, joins or is dropped) and at the start of a token ("?y"). If a
// SQLite upgrade changes its Unicode tables, this is the test that says so.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unicode/utf8.h>

#include <map>
#include <string>
#include <vector>

#include "query/text.h"

namespace foidesk::query {
namespace {

std::string Utf8(UChar32 c) {
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  return std::string(buf, static_cast<size_t>(n));
}

std::string Joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

class Db {
 public:
  Db() { sqlite3_open(":memory:", &db_); }
  ~Db() { sqlite3_close(db_); }
  bool Exec(const char* sql) {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

TEST(Fts5AgreementTest, EveryCodePointTokenizesAsUnicode61) {
  Db db;
  ASSERT_TRUE(db.Exec(
      "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2', detail=full);"
      "CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);"));
  std::vector<UChar32> points;
  for (UChar32 c = 0x20; c < 0x10000; ++c)
    if (c < 0xD800 || c > 0xDFFF) points.push_back(c);
  for (UChar32 c = 0x10400; c < 0x10450; ++c) points.push_back(c);  // Deseret (case pairs)
  for (UChar32 c = 0x1D400; c < 0x1D800; ++c) points.push_back(c);  // mathematical letters
  for (UChar32 c : {0x1F600, 0x20000, 0xF0000}) points.push_back(c);

  std::vector<std::string> docs;
  for (UChar32 c : points) {
    docs.push_back("x" + Utf8(c) + "y");
    docs.push_back(Utf8(c) + "y");
  }
  ASSERT_TRUE(db.Exec("BEGIN"));
  sqlite3_stmt* ins = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db.get(), "INSERT INTO t(rowid, x) VALUES(?, ?)", -1, &ins, nullptr),
            SQLITE_OK);
  for (size_t i = 0; i < docs.size(); ++i) {
    sqlite3_bind_int64(ins, 1, static_cast<sqlite3_int64>(i + 1));
    sqlite3_bind_text(ins, 2, docs[i].data(), static_cast<int>(docs[i].size()), SQLITE_STATIC);
    ASSERT_EQ(sqlite3_step(ins), SQLITE_DONE);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  ASSERT_TRUE(db.Exec("COMMIT"));

  std::map<int64_t, std::vector<std::string>> sqlite_tokens;
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db.get(), "SELECT doc, term FROM v ORDER BY doc, offset", -1, &q, nullptr),
      SQLITE_OK);
  while (sqlite3_step(q) == SQLITE_ROW) {
    sqlite_tokens[sqlite3_column_int64(q, 0)].emplace_back(
        reinterpret_cast<const char*>(sqlite3_column_text(q, 1)));
  }
  sqlite3_finalize(q);

  int differences = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    std::string want = Joined(sqlite_tokens[static_cast<int64_t>(i + 1)]);
    std::string got = Joined(FoldedTokens(docs[i]));
    if (want != got && ++differences <= 20) {
      ADD_FAILURE() << "U+" << std::hex << points[i / 2] << " in '" << docs[i] << "': SQLite '"
                    << want << "', foidesk '" << got << "'";
    }
  }
  EXPECT_EQ(differences, 0);
}

}  // namespace
}  // namespace foidesk::query
