// Typed reads of configuration files: each mistake named by file and key.
#include "config/toml_reading.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace foidesk::config {
namespace {

toml::table Parse(std::string_view text) { return toml::parse(text); }

TEST(TomlReadingTest, StringsByPresence) {
  const toml::table t = Parse("name = \"x\"\nblank = \"  \"\nn = 3\n");
  EXPECT_EQ(*ReadString(t, "name", "f.toml"), "x");
  EXPECT_EQ(*ReadString(t, "missing", "f.toml", Presence::kOptional), "");
  EXPECT_EQ(ReadString(t, "missing", "f.toml").error().message, "f.toml: missing key 'missing'");
  EXPECT_EQ(*ReadString(t, "blank", "f.toml"), "  ");
  EXPECT_EQ(ReadString(t, "blank", "f.toml", Presence::kNonBlank).error().message,
            "f.toml: key 'blank': must not be empty");
  EXPECT_EQ(ReadString(t, "n", "f.toml").error().message, "f.toml: key 'n': expected a string");
}

TEST(TomlReadingTest, ListsDatesSourcesAndKeys) {
  const toml::table t = Parse(
      "a = [\"x\", \"y\"]\nbad = [\"x\", 1]\nd1 = 2016-03-16\nd2 = \"2016-03-30\"\nd3 = \"2016-02-30\"\n"
      "src = [\"https://www.legislation.gov.uk/ukpga/2000/36\"]\nnot_web = [\"a book\"]\nnone = []\n");
  EXPECT_EQ(*ReadStrings(t, "a", "f"), (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(ReadStrings(t, "missing", "f")->empty());
  EXPECT_EQ(ReadStrings(t, "missing", "f", Presence::kRequired).error().message,
            "f: missing key 'missing' (a list of strings)");
  EXPECT_EQ(ReadStrings(t, "bad", "f").error().message, "f: key 'bad': expected a list of strings");
  EXPECT_EQ(*ReadDate(t, "d1", "f"), (Date{2016, 3, 16}));
  EXPECT_EQ(*ReadDate(t, "d2", "f"), (Date{2016, 3, 30}));
  EXPECT_EQ(ReadDate(t, "d3", "f").error().message, "f: key 'd3': expected a date YYYY-MM-DD");
  EXPECT_EQ(ReadDate(t, "dx", "f").error().message, "f: missing key 'dx' (a date, YYYY-MM-DD)");
  EXPECT_EQ(ReadSources(t, "src", "f")->size(), 1u);
  EXPECT_EQ(ReadSources(t, "not_web", "f").error().message, "f: key 'not_web': 'a book' is not a web address");
  EXPECT_EQ(ReadSources(t, "none", "f").error().message, "f: key 'none': name at least one source");
  EXPECT_EQ(CheckKnownKeys(Parse("a = 1\nb = 2\n"), {"a"}, "f").error().message, "f: unknown key 'b'");
  EXPECT_TRUE(CheckKnownKeys(Parse("a = 1\n"), {"a", "b"}, "f").ok());
}

TEST(TomlReadingTest, ParseErrorsNameLineAndColumn) {
  const auto path = std::filesystem::temp_directory_path() / ("foidesk_toml_" + std::to_string(getpid()) + ".toml");
  std::ofstream(path) << "a = 1\nb = = 2\n";
  auto r = ParseTomlFile(path.string(), "a test file");
  std::filesystem::remove(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind(path.string() + ":2:", 0), 0u) << r.error().message;
  auto missing = ParseTomlFile("/nonexistent/x.toml", "a test file");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("cannot read a test file"), std::string::npos) << missing.error().message;
}

}  // namespace
}  // namespace foidesk::config
