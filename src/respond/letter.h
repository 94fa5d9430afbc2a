// The response letter: Mustache templates (config/templates/*.mustache),
// editable by the FOI team without rebuilding, filled from LetterContent.
#pragma once

#include <string>
#include <vector>

#include "model/result.h"
#include "tables/tables.h"

namespace foidesk::respond {

struct ForceDetails {
  std::string name;
  std::string department;
  std::vector<std::string> address;
  std::string telephone;
  std::string email;
  std::string analysis_unit;
  std::string signatory;
  std::string disclosure_log_url;  // where the disclosure log is served; optional
};

// Reads config/force.toml. Errors name the file and key.
Result<ForceDetails> LoadForceDetails(const std::string& path);

struct LetterContent {
  ForceDetails force;
  std::string reference;
  std::string received;        // "16th March 2016"
  std::string response_month;  // "March 2016"
  std::vector<std::string> questions;
  std::string definition;
  std::vector<std::string> methods;  // one paragraph per search
  std::vector<std::string> caveats;
  std::vector<std::string> s40;  // exemption paragraphs, from config/exemptions
  std::vector<std::string> disclosure;  // what this response withheld and why (s40(2) facts)
  // The s17 notice's rights (internal review, complaint to the Information
  // Commissioner), from config/exemptions/s17-notice.md.
  std::vector<std::string> rights;
  // The tables as published (after disclosure control); the last row of q1
  // is its total.
  tables::PublicTable q1;
  tables::PublicTable q2;
};

enum class LetterFormat { kMarkdown, kHtml };

// Renders `template_text` (Mustache) with the content. Markdown table cells
// have '|' escaped; HTML values are escaped by the template engine.
std::string RenderLetter(const std::string& template_text, const LetterContent& content,
                         LetterFormat format);

// "16th March 2016" and "March 2016".
std::string LongDate(const Date& d);
std::string MonthYear(const Date& d);

}  // namespace foidesk::respond
