// The response letter: Mustache templates (config/templates/*.mustache),
// editable by the FOI team without rebuilding, filled from LetterContent.
#pragma once

#include <map>
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

// One exemption (or s12/s14 refusal) as the letter sets it out: the
// library's text for the response date with this request's facts filled in.
struct ExemptionSection {
  std::string heading;  // "Section 30 – Investigations and proceedings"
  std::vector<std::string> paragraphs;
  // Qualified exemptions only; empty otherwise.
  std::vector<std::string> favouring_disclosure, favouring_non_disclosure, balance;
};

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
  std::string kind;  // KindName of the response, for templates shared between kinds
  std::vector<ExemptionSection> exemptions;  // [[exemption]]s, in the request file's order
  std::string refusal_notice;  // the s17 notice's opening, naming the exemptions; refusals only
  std::vector<std::string> effort;  // s12: the estimate, worked
  std::vector<std::string> advice;  // s16 advice and assistance
  std::vector<std::string> not_held;  // not-held: why the force does not hold it
  // The tables as published (after disclosure control); the last row of q1
  // is its total.
  tables::PublicTable q1;
  tables::PublicTable q2;
};

enum class LetterFormat { kMarkdown, kHtml };

// Renders `template_text` (Mustache) with the content. Markdown table cells
// have '|' escaped; HTML values are escaped by the template engine.
// `partials` maps a partial's name ({{> letterhead.md}}) to its text.
std::string RenderLetter(const std::string& template_text, const LetterContent& content,
                         LetterFormat format,
                         const std::map<std::string, std::string>& partials = {});

// The templates of a kind of response, and every partial, from
// <config_dir>/templates: letter-<kind>.md.mustache, letter-<kind>.html.mustache
// and partials/*.mustache. Errors name the missing file.
struct LetterTemplates {
  std::string markdown, html;
  std::map<std::string, std::string> partials;
};
Result<LetterTemplates> LoadLetterTemplates(const std::string& config_dir, const std::string& kind);

// "16th March 2016" and "March 2016".
std::string LongDate(const Date& d);
std::string MonthYear(const Date& d);

}  // namespace foidesk::respond
