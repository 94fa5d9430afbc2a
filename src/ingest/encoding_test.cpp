// Decoding to UTF-8: Windows-1252 single bytes, UTF-8 validation and repair.
#include "ingest/encoding.h"

#include <gtest/gtest.h>

namespace foidesk::ingest {
namespace {

TEST(EncodingTest, Windows1252ToUtf8) {
  struct Case {
    const char* in;
    const char* want;
  };
  static const Case kCases[] = {
      {"plain ASCII, 123", "plain ASCII, 123"},
      {"\xA3"
       "50",
       "\xC2\xA3"
       "50"},  // pound sign
      {"10\x96"
       "12",
       "10\xE2\x80\x93"
       "12"},                                                        // en dash
      {"\x93quoted\x94", "\xE2\x80\x9Cquoted\xE2\x80\x9D"},          // curly double quotes
      {"caf\xE9", "caf\xC3\xA9"},                                    // e acute
      {"\x80 \x85 \x92", "\xE2\x82\xAC \xE2\x80\xA6 \xE2\x80\x99"},  // euro, ellipsis, apostrophe
      {"", ""},
  };
  auto d = Decoder::Create("windows-1252");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_FALSE(d->is_utf8());
  std::string out;
  for (const auto& c : kCases) {
    d->Decode(c.in, out);
    EXPECT_EQ(out, c.want) << c.in;
  }
}

TEST(EncodingTest, Utf8IsCheckedAndRepaired) {
  struct Case {
    std::string in;
    bool valid;
    std::string repaired;
  };
  static const Case kCases[] = {
      {"ascii", true, "ascii"},
      {"\xC2\xA3 and \xE2\x80\x93", true, "\xC2\xA3 and \xE2\x80\x93"},
      {"\xF0\x9F\x98\x80", true, "\xF0\x9F\x98\x80"},
      {"caf\xE9", false, "caf\xEF\xBF\xBD"},                            // a Windows-1252 byte
      {"\xC0\xAF", false, "\xEF\xBF\xBD\xEF\xBF\xBD"},                  // overlong
      {"\xED\xA0\x80", false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // surrogate
      {"cut \xE2\x80", false, "cut \xEF\xBF\xBD\xEF\xBF\xBD"},
  };
  auto d = Decoder::Create("UTF-8");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->is_utf8());
  std::string out;
  for (const auto& c : kCases) {
    EXPECT_EQ(IsValidUtf8(c.in), c.valid) << c.in;
    d->Decode(c.in, out);
    EXPECT_EQ(out, c.repaired) << c.in;
  }
}

TEST(EncodingTest, OtherEncodingsAndUnknownNames) {
  auto latin1 = Decoder::Create("iso-8859-1");
  ASSERT_TRUE(latin1.ok());
  std::string out;
  latin1->Decode("\xE9\x96", out);
  EXPECT_EQ(out, "\xC3\xA9\xC2\x96");  // 0x96 is a C1 control in Latin-1

  auto sjis = Decoder::Create("Shift_JIS");  // multi-byte: through ICU
  ASSERT_TRUE(sjis.ok());
  sjis->Decode("\x82\xA0", out);
  EXPECT_EQ(out, "\xE3\x81\x82");  // HIRAGANA LETTER A

  auto bad = Decoder::Create("klingon-8");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("unknown encoding 'klingon-8'"), std::string::npos)
      << bad.error().message;
}

}  // namespace
}  // namespace foidesk::ingest
