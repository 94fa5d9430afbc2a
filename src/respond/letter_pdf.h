// The letter as a PDF: the blocks of the rendered Markdown letter (headings,
// paragraphs, tables) laid out by pdf.h under the force's letterhead, with a
// bar chart of the Q1 counts after the Q1 table. Built from the same
// rendered letter as response.md, so the PDF cannot say anything the
// Markdown letter does not.
#pragma once

#include <string>

#include "respond/letter.h"
#include "respond/pdf.h"

namespace foidesk::respond {

// `markdown` is the letter rendered with its letter-<kind>.md.mustache; everything up
// to its date line (the letterhead) is replaced by the PDF's own.
PdfDocument LetterPdf(const std::string& markdown, const LetterContent& content, const std::string& title,
                      const Date& date);

}  // namespace foidesk::respond
