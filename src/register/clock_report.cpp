#include "register/clock_report.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace foidesk::reg {
namespace {

// Labels padded to one width so the dates line up.
std::string Label(std::string s) {
  s.resize(17, ' ');
  return s;
}

std::string Short(const Date& d) { return WeekdayName(d).substr(0, 3) + " " + d.Iso(); }

nlohmann::json OptionalDate(const std::optional<Date>& d) {
  return d ? nlohmann::json(d->Iso()) : nlohmann::json(nullptr);
}

// "england-and-wales 2019 to 2027, scotland 2019 to 2027": runs of years per division.
std::string YearRuns(const std::vector<DivisionYear>& years) {
  std::map<Division, std::vector<int>> by_division;
  for (const auto& dy : years) by_division[dy.division].push_back(dy.year);
  std::string out;
  for (const auto& [division, ys] : by_division) {
    std::string runs;
    for (size_t i = 0; i < ys.size();) {
      size_t j = i;
      while (j + 1 < ys.size() && ys[j + 1] == ys[j] + 1) ++j;
      runs += (runs.empty() ? "" : ", ") + std::to_string(ys[i]) +
              (j > i ? " to " + std::to_string(ys[j]) : "");
      i = j + 1;
    }
    out += (out.empty() ? "" : "; ") + DivisionId(division) + " " + runs;
  }
  return out;
}

}  // namespace

Result<Date> ParseDateOption(const std::string& option, const std::string& value) {
  if (auto d = ParseIsoDate(value)) return *d;
  return Error::InvalidInput(option + " '" + value + "': expected a date YYYY-MM-DD");
}

Result<Pause> ParsePauseOption(const std::string& option, PauseKind kind, const std::string& value) {
  const size_t colon = value.find(':');
  const std::string from_text = value.substr(0, colon);
  const std::string to_text = colon == std::string::npos ? "" : value.substr(colon + 1);
  auto from = ParseIsoDate(from_text);
  if (!from)
    return Error::InvalidInput(option + " '" + value + "': FROM '" + from_text +
                               "' is not a date YYYY-MM-DD (expected FROM:TO, or FROM: while open)");
  Pause p{kind, *from, std::nullopt};
  if (!to_text.empty()) {
    auto to = ParseIsoDate(to_text);
    if (!to)
      return Error::InvalidInput(option + " '" + value + "': TO '" + to_text +
                                 "' is not a date YYYY-MM-DD");
    p.to = *to;
  }
  return p;
}

std::string WeekdayName(const Date& d) {
  static const char* kNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};
  return kNames[d.Weekday()];
}

std::string DeadlineText(const Regime& regime, const Deadline& dl) {
  std::ostringstream out;
  const bool days = regime.rule == RuleKind::kWorkingDays;
  out << regime.title << " (" << regime.name << "): " << regime.count << " "
      << (days ? "working day" : "calendar month") << (regime.count == 1 ? "" : "s") << "\n";
  out << Label("received") << Short(dl.received) << "\n";
  if (dl.date_of_receipt != dl.received) out << Label("date of receipt") << Short(dl.date_of_receipt) << "\n";
  if (dl.day_one) out << Label("day one") << Short(*dl.day_one) << "\n";
  if (dl.due) {
    out << Label("due") << Short(*dl.due) << "\n";
  } else {
    out << Label("due") << "none yet: " << dl.stopped.value_or("the clock is stopped") << "\n";
  }
  if (dl.extended_due) out << Label("extended due") << Short(*dl.extended_due) << "\n";
  if (dl.due && dl.stopped) out << Label("stopped") << *dl.stopped << "\n";
  if (!dl.skipped.empty()) {
    out << "days that did not count:\n";
    for (const auto& s : dl.skipped) out << "  " << Short(s.date) << "  " << s.reason << "\n";
  }
  for (const auto& n : dl.notes) out << "note: " << n << "\n";
  return out.str();
}

std::string DeadlineJson(const Deadline& dl) {
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& s : dl.skipped) skipped.push_back({{"date", s.date.Iso()}, {"reason", s.reason}});
  // nlohmann::json objects are std::map underneath: keys come out sorted.
  nlohmann::json j = {{"regime", dl.regime},
                      {"received", dl.received.Iso()},
                      {"date_of_receipt", dl.date_of_receipt.Iso()},
                      {"day_one", OptionalDate(dl.day_one)},
                      {"due", OptionalDate(dl.due)},
                      {"extended_due", OptionalDate(dl.extended_due)},
                      {"counted", dl.counted},
                      {"required", dl.required},
                      {"skipped", skipped},
                      {"notes", dl.notes},
                      {"stopped", dl.stopped ? nlohmann::json(*dl.stopped) : nlohmann::json(nullptr)}};
  return j.dump(2);
}

std::string HolidayListText(const std::vector<Holiday>& holidays) {
  std::ostringstream out;
  for (const auto& h : holidays) {
    std::string day = WeekdayName(h.date);
    day.resize(9, ' ');
    std::string division = DivisionId(h.division);
    division.resize(17, ' ');
    out << h.date.Iso() << "  " << day << "  " << division << "  " << h.title << "\n";
  }
  return out.str();
}

std::string MergeReportText(const std::string& file, const HolidayMerge& merge) {
  std::ostringstream out;
  out << file << ": replaces " << (merge.replaced.empty() ? "nothing" : YearRuns(merge.replaced))
      << "\n";
  if (!merge.partial_years.empty())
    out << "left out (part of a year only): " << YearRuns(merge.partial_years) << "\n";
  for (const auto& line : DiffLines(merge.diff)) out << line << "\n";
  out << merge.diff.added.size() << " added, " << merge.diff.removed.size() << " removed, "
      << merge.diff.retitled.size() << " retitled";
  out << (merge.diff.ChangesDates() ? ": deadlines of open requests may change\n"
                                    : ": no deadline changes\n");
  return out.str();
}

}  // namespace foidesk::reg
