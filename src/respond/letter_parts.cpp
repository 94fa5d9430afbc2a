#include "respond/letter_parts.h"

#include "review/number_format.h"

namespace foidesk::respond {
namespace {

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
}

// Placeholders filled; a paragraph that was nothing but an empty
// placeholder goes.
std::vector<std::string> Fill(const std::vector<std::string>& paragraphs,
                              const std::map<std::string, std::string>& values) {
  std::vector<std::string> out;
  for (std::string p : paragraphs) {
    for (const auto& [key, value] : values) ReplaceAll(p, "{{" + key + "}}", value);
    // A value of several paragraphs (blank-line separated) stays several.
    for (std::string& part : SplitParagraphs(p))
      if (part.find_first_not_of(" \t") != std::string::npos) out.push_back(std::move(part));
  }
  return out;
}

std::string Hours(double h) { return review::Fixed(h, 1); }

std::string YearSpan(int from, int to) {
  return from == to ? std::to_string(from) : std::to_string(from) + " to " + std::to_string(to);
}

}  // namespace

Result<std::vector<ExemptionSection>> ExemptionSections(const ExemptionLibrary& library,
                                                        const std::vector<ExemptionUse>& uses,
                                                        const Date& on, const std::string& where) {
  std::vector<ExemptionSection> out;
  for (size_t i = 0; i < uses.size(); ++i) {
    const ExemptionUse& use = uses[i];
    const std::string at = where + ": [[exemption]] " + std::to_string(i + 1) + " (" + use.id + ")";
    auto version = library.Find(use.id, on);
    if (!version.ok()) return Error::InvalidInput(at + ": " + version.error().message);
    bool wants_reason = false;
    for (const auto& p : version->why) wants_reason |= p.find("{{reason}}") != std::string::npos;
    if (wants_reason && use.reason.empty())
      return Error::InvalidInput(at + ": key 'reason': the letter must say why section " + version->section +
                                 " applies to this request");
    const std::map<std::string, std::string> values{{"reason", use.reason},
                                                    {"advice", use.advice},
                                                    {"pit_for", use.pit_for},
                                                    {"pit_against", use.pit_against},
                                                    {"pit_balance", use.pit_balance}};
    ExemptionSection section;
    section.heading = "Section " + version->section + " – " + version->title;
    section.paragraphs = Fill(version->what, values);
    for (std::string& p : Fill(version->why, values)) section.paragraphs.push_back(std::move(p));
    if (version->public_interest) {
      if (use.pit_balance.empty())
        return Error::InvalidInput(at + ": key 'pit_balance': section " + version->section +
                                   " is qualified; the letter must say where the balance of the public interest lies");
      section.favouring_disclosure = Fill(version->public_interest->favouring_disclosure, values);
      section.favouring_non_disclosure = Fill(version->public_interest->favouring_non_disclosure, values);
      section.balance = Fill(version->public_interest->balance, values);
    }
    out.push_back(std::move(section));
  }
  return out;
}

std::string CitedSections(const ExemptionLibrary& library, const std::vector<ExemptionUse>& uses,
                          const Date& on) {
  std::vector<std::string> parts;
  for (const auto& use : uses) {
    auto version = library.Find(use.id, on);
    if (!version.ok()) continue;
    parts.push_back("section " + version->section + " (" + version->title + ")");
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string RefusalNoticeOpening(const RefusalNotice& notice, const std::string& force_name,
                                 const std::string& sections) {
  if (notice.paragraphs.empty()) return "";
  std::string p = notice.paragraphs.front();
  ReplaceAll(p, "{{force_name}}", force_name);
  ReplaceAll(p, "{{exemptions}}", sections);
  return p;
}

CostEstimate EstimateCost(const std::map<int, int64_t>& by_year, double seconds_per_record,
                          const std::vector<std::string>& method_lines) {
  CostEstimate e;
  e.by_year = by_year;
  e.seconds_per_record = seconds_per_record;
  for (const auto& [year, n] : by_year) e.candidates += n;
  auto hours = [&](int64_t n) { return static_cast<double>(n) * seconds_per_record / 3600.0; };
  e.hours = hours(e.candidates);
  e.exceeds_limit = e.hours > e.limit_hours;

  for (const auto& line : method_lines) e.reason.push_back(line);
  e.reason.push_back(
      "Together the searches return " + review::Grouped(e.candidates) +
      " crimes (a crime held on both systems is counted once). The information you ask for is not held in a "
      "field that can be counted: each record would have to be located, retrieved and read to determine "
      "whether it is relevant, and the details you ask for extracted from it. At an estimated " +
      review::Fixed(seconds_per_record, 0) + " seconds a record, that would take about " + Hours(e.hours) +
      " hours.");

  // Section 16: the most recent run of years that fits the limit, so the
  // requester can narrow the request to something the force can answer.
  if (!by_year.empty()) {
    const int last = by_year.rbegin()->first;
    int64_t n = 0;
    int first_fitting = 0;
    int64_t fitting_n = 0;
    for (auto it = by_year.rbegin(); it != by_year.rend(); ++it) {
      n += it->second;
      if (hours(n) > e.limit_hours) break;
      first_fitting = it->first;
      fitting_n = n;
    }
    if (first_fitting != 0) {
      e.advice.push_back("If you were to narrow your request to crimes recorded in " + YearSpan(first_fitting, last) +
                         " (" + review::Grouped(fitting_n) + " records, about " + Hours(hours(fitting_n)) +
                         " hours), we would expect to be able to answer it within the appropriate limit.");
    } else {
      e.advice.push_back("Even a single year (" + std::to_string(last) + ": " + review::Grouped(by_year.rbegin()->second) +
                         " records, about " + Hours(hours(by_year.rbegin()->second)) +
                         " hours) would exceed the appropriate limit. Narrowing the request to a type of offence, "
                         "an area or a shorter period may bring it within the limit.");
    }
  }
  return e;
}

}  // namespace foidesk::respond
