// The response PDF read back with poppler (pdftotext, pdfinfo): every table
// cell is there, the header row repeats on each page the table spans, the
// footer counts pages, the properties hold no author, UTF-8 survives, and the
// same document gives the same bytes in one process and in another.
#include "respond/pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace foidesk::respond {
namespace {

namespace fs = std::filesystem;

PdfDocument Sample() {
  PdfDocument doc;
  doc.letterhead.force_name = "Anyshire Constabulary";
  doc.letterhead.address_lines = {"Freedom of Information Unit", "Police Headquarters", "Anytown AN1 2BC"};
  doc.letterhead.contact_lines = {"Telephone: 101", "foi@anyshire.police.example"};
  doc.reference = "FOI 000763/16";
  doc.date = Date{2016, 3, 14};
  doc.title = "Stop and search by area";
  doc.blocks.push_back(PdfBlock::Heading("Your request"));
  doc.blocks.push_back(PdfBlock::Paragraph(
      "You asked for the number of stop and search encounters by area. The cost of "
      "answering in full would exceed the appropriate limit of \u00a3450 \u2013 so part of the "
      "request is refused under section 12."));
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 60; ++i) {
    char area[32], count[16];
    std::snprintf(area, sizeof area, "Ward-%03d", i);
    std::snprintf(count, sizeof count, "%d", 1000 + i);
    rows.push_back({area, count, i % 7 == 0 ? "*" : "Arrest " + std::to_string(i)});
  }
  doc.blocks.push_back(PdfBlock::Table("Table 1: Encounters by ward", {"Ward name", "Encounters", "Outcome kind"}, rows));
  doc.blocks.push_back(PdfBlock::BarChart("Figure 1: Encounters per year", {"2012", "2013", "2014", "2015"},
                                          {"1,204", "987", "*", "Suppressed"}));
  doc.blocks.push_back(PdfBlock::Heading("Section 40(2) \u2013 personal information"));
  doc.blocks.push_back(PdfBlock::Paragraph("Exemption text: figures below three are withheld."));
  return doc;
}

class PdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("foidesk_pdf_" + std::string(test->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Render(const PdfDocument& doc) {
    auto r = RenderPdf(doc, (dir_ / "scratch.pdf").string());
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    EXPECT_FALSE(fs::exists(dir_ / "scratch.pdf"));
    return r.ok() ? *r : "";
  }

  fs::path Write(const std::string& bytes, const std::string& name) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    // FOIDESK_PDF_KEEP=DIR keeps a copy of each PDF to look at.
    if (const char* keep = std::getenv("FOIDESK_PDF_KEEP"))
      fs::copy_file(p, fs::path(keep) / name, fs::copy_options::overwrite_existing);
    return p;
  }

  static std::string Run(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
  }

  fs::path dir_;
};

// The value of one pdfinfo field, e.g. "Title", without the padding.
std::string Field(const std::string& info, const std::string& name) {
  std::istringstream in(info);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + ":", 0) != 0) continue;
    const size_t start = line.find_first_not_of(' ', name.size() + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

std::vector<std::string> Pages(const std::string& text) {
  std::vector<std::string> pages;
  std::string page;
  for (char c : text) {
    if (c == '\f') {
      pages.push_back(page);
      page.clear();
    } else {
      page += c;
    }
  }
  if (!page.empty()) pages.push_back(page);
  return pages;
}

TEST_F(PdfTest, HoldsEveryCellAndRepeatsTheHeader) {
  const PdfDocument doc = Sample();
  const fs::path pdf = Write(Render(doc), "response.pdf");
  const std::string text = Run("pdftotext -layout '" + pdf.string() + "' -");
  ASSERT_FALSE(text.empty());
  for (const PdfBlock& b : doc.blocks) {
    if (b.kind != PdfBlock::Kind::kTable) continue;
    for (const auto& h : b.header) EXPECT_NE(text.find(h), std::string::npos) << h;
    for (const auto& row : b.rows)
      for (const auto& cell : row) EXPECT_NE(text.find(cell), std::string::npos) << cell;
  }
  // 60 rows do not fit on the first page: the header is on every page
  // holding a row of the table, and on no other.
  const std::vector<std::string> pages = Pages(text);
  ASSERT_GE(pages.size(), 2u);
  size_t table_pages = 0;
  for (const std::string& page : pages) {
    if (page.find("Ward-") == std::string::npos) continue;
    ++table_pages;
    EXPECT_EQ(Count(page, "Ward name"), 1u) << page;
    EXPECT_EQ(Count(page, "Outcome kind"), 1u);
  }
  EXPECT_GE(table_pages, 2u);
  EXPECT_EQ(Count(text, "Ward name"), table_pages);
  // Letterhead, chart labels and the hidden values printed as text.
  for (const char* s : {"Anyshire Constabulary", "Our reference: FOI 000763/16", "14 March 2016", "2012", "2015",
                        "1,204", "987", "Suppressed", "Figure 1: Encounters per year", "Exemption text"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_NE(text.find("Page 1 of " + std::to_string(pages.size())), std::string::npos);
  EXPECT_NE(text.find("Page " + std::to_string(pages.size()) + " of " + std::to_string(pages.size())),
            std::string::npos);
}

TEST_F(PdfTest, Utf8Survives) {
  const fs::path pdf = Write(Render(Sample()), "response.pdf");
  const std::string text = Run("pdftotext '" + pdf.string() + "' -");
  EXPECT_NE(text.find("\u00a3450"), std::string::npos);
  EXPECT_NE(text.find("\u2013"), std::string::npos);
  EXPECT_NE(text.find("Section 40(2) \u2013 personal information"), std::string::npos);
}

TEST_F(PdfTest, PropertiesHoldTitleAndNoAuthor) {
  const fs::path pdf = Write(Render(Sample()), "response.pdf");
  const std::string info = Run("TZ=UTC pdfinfo -isodates '" + pdf.string() + "'");
  EXPECT_EQ(Field(info, "Title"), "FOI 000763/16 \u2013 Stop and search by area") << info;
  EXPECT_EQ(Field(info, "Creator"), "foidesk") << info;
  EXPECT_EQ(info.find("Author:"), std::string::npos) << info;
  EXPECT_EQ(info.find("Subject:"), std::string::npos) << info;
  EXPECT_EQ(info.find("Keywords:"), std::string::npos) << info;
  EXPECT_EQ(Field(info, "Page size"), "595.276 x 841.89 pts (A4)") << info;
  // The creation date is the response date, not the clock.
  EXPECT_EQ(Field(info, "CreationDate").rfind("2016-03-14T00:00:00", 0), 0u) << info;
  EXPECT_EQ(info.find("Anytown"), std::string::npos);
}

TEST_F(PdfTest, SameDocumentSameBytes) {
  const std::string a = Render(Sample());
  const std::string b = Render(Sample());
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == b) << "two renders differ";
  PdfDocument later = Sample();
  later.date = Date{2024, 5, 1};
  EXPECT_NE(Render(later), a);
}

// Renders in a fresh process (this binary, one test) and compares: nothing
// cached in this process may be what makes the bytes repeat.
TEST_F(PdfTest, SameBytesInAnotherProcess) {
  if (const char* out = std::getenv("FOIDESK_PDF_CHILD_OUT")) {
    Write(Render(Sample()), "child.pdf");
    fs::copy_file(dir_ / "child.pdf", out, fs::copy_options::overwrite_existing);
    return;
  }
  const fs::path child = dir_ / "from_child.pdf";
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  // Another zone and locale too: neither may reach the bytes.
  Run("TZ=Pacific/Auckland LC_ALL=C FOIDESK_PDF_CHILD_OUT='" + child.string() + "' '" + self +
      "' --gtest_filter=PdfTest.SameBytesInAnotherProcess >/dev/null 2>&1");
  ASSERT_TRUE(fs::exists(child));
  std::ifstream in(child, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string mine = Render(Sample());
  EXPECT_TRUE(bytes.str() == mine) << "the PDF differs between processes";
}

// Words of `s`, for text that may wrap inside a cell or across a page.
std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST_F(PdfTest, LongParagraphsAndWideTablesBreakAndWrap) {
  PdfDocument doc = Sample();
  doc.blocks.clear();
  std::string para;
  for (int i = 1; i <= 150; ++i) para += "Sentence" + std::to_string(i) + " of a long reply about the request. ";
  doc.blocks.push_back(PdfBlock::Paragraph(para));
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 30; ++i)
    rows.push_back({"Y" + std::to_string(2000 + i), std::to_string(i * 3),
                    "Long description number " + std::to_string(i) +
                        " that cannot fit in one line of a column and so wraps inside its cell",
                    "Another wordy column " + std::to_string(i) + " with several words in it to wrap"});
  doc.blocks.push_back(PdfBlock::Table("Wide table", {"Year", "Count", "Description", "Notes"}, rows));
  doc.blocks.push_back(PdfBlock::BarChart("All hidden", {"2001", "2002"}, {"*", "Suppressed"}));
  const fs::path pdf = Write(Render(doc), "wide.pdf");
  const std::string text = Run("pdftotext '" + pdf.string() + "' -");
  ASSERT_FALSE(text.empty());
  const std::vector<std::string> got = Words(text);
  const std::string joined = [&] {
    std::string j;
    for (const auto& w : got) j += w + " ";
    return j;
  }();
  EXPECT_NE(joined.find("Sentence1 of"), std::string::npos);
  EXPECT_NE(joined.find("Sentence150 of"), std::string::npos);
  for (const auto& row : rows)
    for (const auto& cell : row)
      for (const auto& w : Words(cell)) EXPECT_NE(joined.find(w), std::string::npos) << w;
  EXPECT_GE(Pages(text).size(), 3u);
  EXPECT_NE(text.find("Suppressed"), std::string::npos);
}

TEST_F(PdfTest, EmptyDocumentStillRenders) {
  PdfDocument doc;
  doc.reference = "FOI 1/24";
  doc.date = Date{2024, 1, 2};
  const fs::path pdf = Write(Render(doc), "empty.pdf");
  const std::string text = Run("pdftotext '" + pdf.string() + "' -");
  EXPECT_NE(text.find("Page 1 of 1"), std::string::npos);
  EXPECT_NE(text.find("2 January 2024"), std::string::npos);
}

TEST_F(PdfTest, RefusesInvalidUtf8) {
  PdfDocument doc = Sample();
  doc.blocks.push_back(PdfBlock::Paragraph("bad \xff byte"));
  auto r = RenderPdf(doc, (dir_ / "scratch.pdf").string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace foidesk::respond
