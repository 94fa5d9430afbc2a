// The response letter as an A4 PDF (cairo draws, pango lays out text):
// letterhead, reference and date, title, then headings, paragraphs, tables
// whose header row repeats on every page they span, and vertical bar charts
// drawn as vector graphics; "Page N of M" in the footer. The document
// properties hold only the reference and title, creator "foidesk" and the
// response date, never personal data. Same document, same bytes: the font is
// fixed (DejaVu Sans, refused if missing), hinting is off so layout does not
// depend on the host, and the creation date is the response date.
#pragma once

#include <string>
#include <vector>

#include "model/date.h"
#include "model/result.h"

namespace foidesk::respond {

struct PdfLetterhead {
  std::string force_name;                  // "Anyshire Constabulary"
  std::vector<std::string> address_lines;  // one line each
  std::vector<std::string> contact_lines;  // "Telephone: 101", "foi@..."
};

// One block of the letter body, drawn in order. Plain text only (no markup).
struct PdfBlock {
  enum class Kind { kHeading, kParagraph, kTable, kBarChart };
  Kind kind = Kind::kParagraph;
  std::string text;  // heading or paragraph text; the caption of a table or chart
  // kTable: header cells and rows of cells.
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // kBarChart: one bar per label. A value that is not a whole number ("*",
  // "Suppressed") draws no bar and is printed as it is.
  std::vector<std::string> labels;
  std::vector<std::string> values;

  static PdfBlock Heading(std::string text);
  static PdfBlock Paragraph(std::string text);
  static PdfBlock Table(std::string caption, std::vector<std::string> header,
                        std::vector<std::vector<std::string>> rows);
  static PdfBlock BarChart(std::string caption, std::vector<std::string> labels,
                           std::vector<std::string> values);
};

struct PdfDocument {
  PdfLetterhead letterhead;
  std::string reference;  // "FOI 000763/16"
  Date date;              // the response date: also the PDF creation date
  std::string date_line;  // shown as is; empty: "29 November 2026" from `date`
  std::string title;
  std::vector<PdfBlock> blocks;
};

// The PDF's bytes. cairo writes to a file: `scratch_path` is used and
// removed. Text must be valid UTF-8.
Result<std::string> RenderPdf(const PdfDocument& doc, const std::string& scratch_path);

}  // namespace foidesk::respond
