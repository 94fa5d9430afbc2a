#include "respond/letter_pdf.h"

#include <sstream>

namespace foidesk::respond {
namespace {

std::string Trim(std::string s) {
  const size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  const size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

// Markdown emphasis and escapes dropped: the PDF sets its own type.
std::string Plain(std::string s) {
  for (size_t at; (at = s.find("**")) != std::string::npos;) s.erase(at, 2);
  for (size_t at = 0; (at = s.find("\\|", at)) != std::string::npos;) s.erase(at, 1);
  return Trim(s);
}

// A table row "| a | b \| c |" as its cells.
std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  const std::string t = Trim(line);
  for (size_t i = 1; i < t.size(); ++i) {
    if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
      cell += "\\|";
      ++i;
    } else if (t[i] == '|') {
      cells.push_back(Plain(cell));
      cell.clear();
    } else {
      cell += t[i];
    }
  }
  return cells;
}

std::vector<std::vector<std::string>> Blocks(const std::string& markdown) {
  std::vector<std::vector<std::string>> blocks(1);
  std::istringstream in(markdown);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
      continue;
    }
    blocks.back().push_back(line);
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

}  // namespace

PdfDocument LetterPdf(const std::string& markdown, const LetterContent& content, const std::string& title,
                      const Date& date) {
  PdfDocument doc;
  doc.letterhead.force_name = content.force.name;
  if (!content.force.department.empty()) doc.letterhead.address_lines.push_back(content.force.department);
  for (const std::string& a : content.force.address) doc.letterhead.address_lines.push_back(a);
  if (!content.force.telephone.empty()) doc.letterhead.contact_lines.push_back("Tel: " + content.force.telephone);
  if (!content.force.email.empty()) doc.letterhead.contact_lines.push_back("Email: " + content.force.email);
  doc.reference = content.reference;
  doc.date = date;
  doc.date_line = content.response_month;
  doc.title = title;

  bool past_letterhead = false;
  std::string pending_heading;
  auto flush_heading = [&] {
    if (!pending_heading.empty()) doc.blocks.push_back(PdfBlock::Heading(pending_heading));
    pending_heading.clear();
  };
  for (const auto& block : Blocks(markdown)) {
    if (!past_letterhead) {
      past_letterhead = block.size() == 1 && Trim(block[0]) == content.response_month;
      continue;
    }
    if (block[0].rfind("#", 0) == 0) {
      flush_heading();
      pending_heading = Plain(block[0].substr(block[0].find_first_not_of('#')));
      continue;
    }
    if (Trim(block[0]).rfind("|", 0) == 0) {
      std::vector<std::vector<std::string>> rows;
      for (size_t i = 2; i < block.size(); ++i) rows.push_back(Cells(block[i]));
      const std::vector<std::string> header = Cells(block[0]);
      doc.blocks.push_back(PdfBlock::Table(pending_heading, header, rows));
      // Q1's counts as a chart, the total left out.
      if (header == content.q1.header && !rows.empty()) {
        std::vector<std::string> labels, values;
        for (size_t r = 0; r + 1 < rows.size(); ++r) {
          labels.push_back(rows[r].front());
          values.push_back(rows[r].back());
        }
        doc.blocks.push_back(PdfBlock::BarChart(pending_heading + ": " + header.back() + " by year", labels, values));
      }
      pending_heading.clear();
      continue;
    }
    flush_heading();
    // Lines ending in two spaces are hard breaks (addresses, signatures);
    // numbered items are paragraphs of their own; other lines flow.
    std::string para;
    for (const std::string& line : block) {
      const bool hard = line.size() >= 2 && line.compare(line.size() - 2, 2, "  ") == 0;
      const bool item = !line.empty() && std::isdigit(static_cast<unsigned char>(line[0])) &&
                        line.find(". ") != std::string::npos && line.find(". ") < 4;
      if (item && !para.empty()) {
        doc.blocks.push_back(PdfBlock::Paragraph(Plain(para)));
        para.clear();
      }
      para += (para.empty() ? "" : " ") + Trim(line);
      if (hard) {
        doc.blocks.push_back(PdfBlock::Paragraph(Plain(para)));
        para.clear();
      }
    }
    if (!para.empty()) doc.blocks.push_back(PdfBlock::Paragraph(Plain(para)));
  }
  flush_heading();
  return doc;
}

}  // namespace foidesk::respond
