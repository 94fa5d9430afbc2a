#include "respond/letter.h"

#include <filesystem>
#include <fstream>
#include <mstch/mstch.hpp>
#include <sstream>
#include "config/toml_reading.h"

namespace foidesk::respond {
namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

std::string Cell(const std::string& s, LetterFormat format) {
  if (format != LetterFormat::kMarkdown) return s;
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

mstch::array Strings(const std::vector<std::string>& v) {
  mstch::array a;
  for (const auto& s : v) a.push_back(s);
  return a;
}

}  // namespace

std::string LongDate(const Date& d) {
  const char* suffix = "th";
  if (d.day % 100 < 11 || d.day % 100 > 13) {
    if (d.day % 10 == 1) suffix = "st";
    else if (d.day % 10 == 2) suffix = "nd";
    else if (d.day % 10 == 3) suffix = "rd";
  }
  return std::to_string(d.day) + suffix + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

std::string MonthYear(const Date& d) {
  return std::string(kMonths[d.month - 1]) + " " + std::to_string(d.year);
}

Result<ForceDetails> LoadForceDetails(const std::string& path) {
  auto parsed = config::ParseTomlFile(path, "the force details");
  if (!parsed.ok()) return parsed.error();
  const toml::table& t = *parsed;
  ForceDetails f;
  struct { const char* key; std::string* out; } fields[] = {
      {"name", &f.name},           {"department", &f.department},
      {"telephone", &f.telephone}, {"email", &f.email},
      {"analysis_unit", &f.analysis_unit}, {"signatory", &f.signatory},
  };
  for (auto& [key, out] : fields) {
    auto v = t[key].value<std::string>();
    if (!v) return Error::InvalidInput(path + ": key '" + key + "': expected a string");
    *out = *v;
  }
  if (const toml::array* a = t["address"].as_array()) {
    for (const auto& line : *a)
      if (auto s = line.value<std::string>()) f.address.push_back(*s);
  }
  if (f.address.empty()) return Error::InvalidInput(path + ": key 'address': expected a list of lines");
  f.disclosure_log_url = t["disclosure_log_url"].value_or(std::string());
  return f;
}

Result<LetterTemplates> LoadLetterTemplates(const std::string& config_dir, const std::string& kind) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(config_dir) / "templates";
  auto read = [](const fs::path& p) -> Result<std::string> {
    std::ifstream in(p, std::ios::binary);
    if (!in) return Error::Io(p.string() + ": cannot open (the letter template for this kind of response)");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  LetterTemplates out;
  auto md = read(dir / ("letter-" + kind + ".md.mustache"));
  if (!md.ok()) return md.error();
  auto html = read(dir / ("letter-" + kind + ".html.mustache"));
  if (!html.ok()) return html.error();
  out.markdown = std::move(*md);
  out.html = std::move(*html);
  std::error_code ec;
  for (fs::directory_iterator it(dir / "partials", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::string suffix = ".mustache";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    auto text = read(it->path());
    if (!text.ok()) return text.error();
    out.partials[name.substr(0, name.size() - suffix.size())] = std::move(*text);
  }
  return out;
}

std::string RenderLetter(const std::string& template_text, const LetterContent& c,
                         LetterFormat format, const std::map<std::string, std::string>& partials) {
  mstch::map force{{"name", c.force.name},
                   {"department", c.force.department},
                   {"address", Strings(c.force.address)},
                   {"telephone", c.force.telephone},
                   {"email", c.force.email},
                   {"signatory", c.force.signatory}};
  mstch::array questions;
  for (size_t i = 0; i < c.questions.size(); ++i)
    questions.push_back(mstch::map{{"number", std::to_string(i + 1)}, {"text", c.questions[i]}});
  // A table for a template: {{#header}}, and {{#rows}} each with {{#cells}};
  // the last row is flagged {{#last}} (a count table's total); {{first}} and
  // {{#rest}} split a row for a row header.
  auto table = [&](const tables::PublicTable& t) {
    mstch::array header, rows;
    for (const auto& h : t.header) header.push_back(Cell(h, format));
    for (size_t i = 0; i < t.rows.size(); ++i) {
      mstch::array cells, rest;
      for (const auto& v : t.rows[i]) cells.push_back(Cell(v, format));
      for (size_t j = 1; j < t.rows[i].size(); ++j) rest.push_back(Cell(t.rows[i][j], format));
      rows.push_back(mstch::map{{"cells", cells},
                                {"first", t.rows[i].empty() ? std::string() : Cell(t.rows[i][0], format)},
                                {"rest", rest},
                                {"last", i + 1 == t.rows.size()}});
    }
    return mstch::map{{"name", t.name}, {"header", header}, {"rows", rows}};
  };
  mstch::map context{{"force", force},
                     {"reference", c.reference},
                     {"received", c.received},
                     {"response_month", c.response_month},
                     {"questions", questions},
                     {"methods", Strings(c.methods)},
                     {"caveats", Strings(c.caveats)},
                     {"s40", Strings(c.s40)},
                     {"disclosure", Strings(c.disclosure)},
                     {"rights", Strings(c.rights)},
                     {"q1", table(c.q1)},
                     {"q2", table(c.q2)},
                     {"kind", c.kind},
                     {"effort", Strings(c.effort)},
                     {"advice", Strings(c.advice)},
                     {"not_held", Strings(c.not_held)},
                     {"has_advice", !c.advice.empty()}};
  mstch::array exemptions;
  for (const auto& e : c.exemptions) {
    mstch::map m{{"heading", e.heading}, {"paragraphs", Strings(e.paragraphs)}};
    if (!e.favouring_disclosure.empty() || !e.favouring_non_disclosure.empty() || !e.balance.empty())
      m.emplace("public_interest", mstch::map{{"favouring_disclosure", Strings(e.favouring_disclosure)},
                                              {"favouring_non_disclosure", Strings(e.favouring_non_disclosure)},
                                              {"balance", Strings(e.balance)}});
    exemptions.push_back(std::move(m));
  }
  context.emplace("exemptions", exemptions);
  if (!c.refusal_notice.empty()) context.emplace("refusal_notice", c.refusal_notice);
  if (!c.definition.empty()) context.emplace("definition", c.definition);
  return mstch::render(template_text, context, partials);
}

}  // namespace foidesk::respond
