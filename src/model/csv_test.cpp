// The streaming CSV reader: quoting, embedded line breaks, line numbers.
#include "model/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace foidesk {
namespace {

TEST(CsvTest, QuotedFieldsAndLineNumbers) {
  std::istringstream in("A,B,C\r\n1,\"x, \"\"y\"\"\r\nz\",3\r\n4,5,6\r\n\r\n");
  CsvReader r(in);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.line, 1);
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"A", "B", "C"}));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.line, 2);
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"1", "x, \"y\"\r\nz", "3"}));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.line, 4);
  EXPECT_EQ(rec.fields.size(), 3u);
  ASSERT_TRUE(r.Next(rec));  // blank line
  EXPECT_EQ(rec.line, 5);
  EXPECT_EQ(rec.fields, (std::vector<std::string>{""}));
  EXPECT_FALSE(r.Next(rec));
}

TEST(CsvTest, MalformedQuotes) {
  std::istringstream in("a,\"open\r\nb,c");
  CsvReader r(in);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  EXPECT_TRUE(rec.malformed);
  EXPECT_EQ(rec.problem, "unterminated quoted field");
  std::istringstream in2("a,\"x\"y,c\n");
  CsvReader r2(in2);
  ASSERT_TRUE(r2.Next(rec));
  EXPECT_TRUE(rec.malformed);
}

TEST(CsvTest, LongRecordIsCutAndReported) {
  // An unterminated quote swallows the rest of the input, but only up to
  // the record limit is kept in memory.
  std::string big = "a,\"" + std::string(100, 'x') + "\r\n" + std::string(100, 'y');
  std::istringstream in(big);
  CsvReader r(in, /*max_record_bytes=*/50);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  EXPECT_TRUE(rec.malformed);
  EXPECT_EQ(rec.problem,
            "record longer than 50 bytes (an unterminated quote?); the rest of it was not read");
  EXPECT_LE(rec.fields[0].size() + rec.fields[1].size(), 50u);
  EXPECT_FALSE(r.Next(rec));
}

TEST(CsvTest, EscapeRoundTrip) {
  EXPECT_EQ(CsvLine({"a", "b,c", "say \"hi\""}), "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
  std::istringstream in(CsvLine({"a", "b,c", "say \"hi\"", "line\nbreak"}));
  CsvReader r(in);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"a", "b,c", "say \"hi\"", "line\nbreak"}));
}

}  // namespace
}  // namespace foidesk
