// Labelled screening data: cleaning as the ASReview study did, and every
// kind of bad input named with file, line and column.
#include "review/labelled_data.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace foidesk::review {
namespace {

std::string Write(const std::string& name, const std::string& body) {
  const auto dir = std::filesystem::temp_directory_path() / ("foidesk_labelled_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << body;
  return path;
}

TEST(LabelledData, CleansEmptyAbstractsAndDuplicates) {
  const std::string p = Write("ok.csv",
                              "record_id,title,abstract,label_included\n"
                              "1,Nudge one,An abstract.,1\n"
                              "2,Nudge two,,0\n"
                              "3,NUDGE ONE,An abstract!,1\n"
                              "4,Other,\"Quoted, with comma\",0\n");
  auto d = ReadLabelledCsv(p);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->rows_read, 4);
  EXPECT_EQ(d->dropped_empty, 1);
  EXPECT_EQ(d->dropped_duplicates, 1);
  ASSERT_EQ(d->texts.size(), 2u);
  EXPECT_EQ(d->texts[1], "Other\nQuoted, with comma");
  EXPECT_EQ(d->relevant(), 1);
  auto raw = ReadLabelledCsv(p, false);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->texts.size(), 4u);
}

TEST(LabelledData, TextAndLabelColumnsAreAccepted) {
  // A spreadsheet's byte order mark before the header is skipped.
  auto d = ReadLabelledCsv(Write("text.csv", "\xEF\xBB\xBFtext,label\nfirst,1\nsecond,0\n"));
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->labels, (std::vector<uint8_t>{1, 0}));
}

TEST(LabelledData, BadInputNamesFileLineAndColumn) {
  auto missing = ReadLabelledCsv("/nonexistent/x.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/x.csv"), std::string::npos);

  auto no_label = ReadLabelledCsv(Write("nolabel.csv", "title,abstract\na,b\n"));
  ASSERT_FALSE(no_label.ok());
  EXPECT_NE(no_label.error().message.find("nolabel.csv:1: no 'label_included' or 'label' column"),
            std::string::npos);

  auto no_text = ReadLabelledCsv(Write("notext.csv", "id,label\n1,1\n"));
  ASSERT_FALSE(no_text.ok());
  EXPECT_NE(no_text.error().message.find("no 'title', 'abstract' or 'text' column"), std::string::npos);

  auto bad = ReadLabelledCsv(Write("bad.csv", "text,label\nfine,1\nodd,maybe\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("bad.csv:3: column label: expected 0 or 1"), std::string::npos);

  auto quote = ReadLabelledCsv(Write("quote.csv", "text,label\n\"open,1\n"));
  ASSERT_FALSE(quote.ok());
  EXPECT_NE(quote.error().message.find("quote.csv:2"), std::string::npos);

  auto empty = ReadLabelledCsv(Write("empty.csv", ""));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("empty file"), std::string::npos);
}

}  // namespace
}  // namespace foidesk::review
