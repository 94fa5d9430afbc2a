#include "register/holidays.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/csv.h"

namespace foidesk::reg {
namespace {

constexpr char kHolidaysFile[] = "holidays/uk-bank-holidays.csv";
const std::vector<std::string> kCsvHeader = {"date", "division", "title"};

std::string Where(const std::string& path, int64_t line, size_t column) {
  return path + ":" + std::to_string(line) + ": column " + std::to_string(column + 1) + " (" +
         kCsvHeader[column] + ")";
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

// One data line as fields; the table never needs a field across lines, so
// each line is parsed alone and its number is exact.
Result<std::vector<std::string>> SplitLine(const std::string& path, int64_t line_no,
                                           const std::string& line) {
  std::istringstream in(line);
  CsvReader reader(in);
  CsvRecord rec;
  reader.Next(rec);
  if (rec.malformed)
    return Error::InvalidInput(path + ":" + std::to_string(line_no) + ": " + rec.problem);
  return rec.fields;
}

Result<Holiday> ParseRow(const std::string& path, int64_t line_no,
                         const std::vector<std::string>& f) {
  if (f.size() != kCsvHeader.size())
    return Error::InvalidInput(path + ":" + std::to_string(line_no) + ": expected 3 columns " +
                               "(date,division,title), found " + std::to_string(f.size()));
  Holiday h;
  auto date = ParseIsoDate(f[0]);
  if (!date)
    return Error::InvalidInput(Where(path, line_no, 0) + ": '" + f[0] +
                               "' is not a date YYYY-MM-DD");
  h.date = *date;
  auto division = ParseDivision(f[1]);
  if (!division)
    return Error::InvalidInput(Where(path, line_no, 1) + ": '" + f[1] +
                               "' is not england-and-wales, scotland or northern-ireland");
  h.division = *division;
  if (Blank(f[2])) return Error::InvalidInput(Where(path, line_no, 2) + ": empty title");
  h.title = f[2];
  return h;
}

std::string LowerFirst(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

Result<Holiday> ParseEvent(const std::string& path, const std::string& where, Division division,
                           const nlohmann::json& e) {
  if (!e.is_object()) return Error::InvalidInput(path + ": " + where + ": expected an object");
  auto text = [&](const char* key, bool required) -> Result<std::string> {
    auto it = e.find(key);
    if (it == e.end()) {
      if (!required) return std::string();
      return Error::InvalidInput(path + ": " + where + ": missing \"" + key + "\"");
    }
    if (!it->is_string())
      return Error::InvalidInput(path + ": " + where + "/" + key + ": expected a string");
    return it->get<std::string>();
  };
  auto date_text = text("date", true);
  if (!date_text.ok()) return date_text.error();
  auto title = text("title", true);
  if (!title.ok()) return title.error();
  auto notes = text("notes", false);
  if (!notes.ok()) return notes.error();
  auto date = ParseIsoDate(*date_text);
  if (!date)
    return Error::InvalidInput(path + ": " + where + "/date: '" + *date_text +
                               "' is not a date YYYY-MM-DD");
  if (Blank(*title)) return Error::InvalidInput(path + ": " + where + "/title: empty");
  std::string full = *title;
  if (!Blank(*notes)) full += " (" + LowerFirst(*notes) + ")";
  return Holiday{*date, division, full};
}

// A whole year has its New Year holiday (1-4 January) and its Christmas
// holiday (25-31 December).
std::set<DivisionYear> WholeYears(const std::vector<Holiday>& holidays) {
  std::map<DivisionYear, std::pair<bool, bool>> ends;
  for (const auto& h : holidays) {
    auto& [january, december] = ends[{h.division, h.date.year}];
    january = january || h.date.month == 1;
    december = december || (h.date.month == 12 && h.date.day >= 25);
  }
  std::set<DivisionYear> out;
  for (const auto& [dy, e] : ends)
    if (e.first && e.second) out.insert(dy);
  return out;
}

}  // namespace

std::string DivisionId(Division d) {
  switch (d) {
    case Division::kEnglandAndWales: return "england-and-wales";
    case Division::kScotland: return "scotland";
    case Division::kNorthernIreland: return "northern-ireland";
  }
  return "?";
}

std::string DivisionName(Division d) {
  switch (d) {
    case Division::kEnglandAndWales: return "England and Wales";
    case Division::kScotland: return "Scotland";
    case Division::kNorthernIreland: return "Northern Ireland";
  }
  return "?";
}

std::optional<Division> ParseDivision(std::string_view id) {
  for (Division d : kAllDivisions)
    if (DivisionId(d) == id) return d;
  return std::nullopt;
}

Result<HolidayCalendar> HolidayCalendar::Load(const std::string& config_dir) {
  return LoadCsv((std::filesystem::path(config_dir) / kHolidaysFile).string());
}

Result<HolidayCalendar> HolidayCalendar::LoadCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot read the bank holiday table");
  SkipUtf8Bom(in);
  std::vector<Holiday> holidays;
  std::map<std::pair<Date, Division>, int64_t> first_line;
  bool header_seen = false;
  std::string line;
  for (int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind('#', 0) == 0 || Blank(line)) continue;
    auto fields = SplitLine(path, line_no, line);
    if (!fields.ok()) return fields.error();
    if (!header_seen) {
      if (*fields != kCsvHeader)
        return Error::InvalidInput(path + ":" + std::to_string(line_no) +
                                   ": expected the header date,division,title");
      header_seen = true;
      continue;
    }
    auto h = ParseRow(path, line_no, *fields);
    if (!h.ok()) return h.error();
    auto [it, fresh] = first_line.emplace(std::make_pair(h->date, h->division), line_no);
    if (!fresh)
      return Error::InvalidInput(path + ":" + std::to_string(line_no) + ": " + h->date.Iso() +
                                 " " + DivisionId(h->division) + " is already on line " +
                                 std::to_string(it->second));
    holidays.push_back(std::move(*h));
  }
  if (!header_seen) return Error::InvalidInput(path + ": no header date,division,title");
  if (holidays.empty()) return Error::InvalidInput(path + ": no holidays");
  return FromHolidays(std::move(holidays));
}

Result<HolidayCalendar> HolidayCalendar::FromHolidays(std::vector<Holiday> holidays) {
  HolidayCalendar cal;
  for (auto& h : holidays) {
    auto [it, fresh] = cal.by_day_.emplace(std::make_pair(h.date, h.division), h.title);
    if (!fresh)
      return Error::InvalidInput("two holidays on " + h.date.Iso() + " in " +
                                 DivisionId(h.division) + ": '" + it->second + "' and '" +
                                 h.title + "'");
    cal.coverage_.insert({h.division, h.date.year});
  }
  return cal;
}

bool HolidayCalendar::Covers(Division division, int year) const {
  return coverage_.count({division, year}) > 0;
}

std::optional<std::pair<int, int>> HolidayCalendar::CoveredYears(Division division) const {
  std::optional<std::pair<int, int>> out;
  for (const auto& dy : coverage_) {
    if (dy.division != division) continue;
    if (!out) out = std::make_pair(dy.year, dy.year);
    out->first = std::min(out->first, dy.year);
    out->second = std::max(out->second, dy.year);
  }
  return out;
}

std::optional<std::string> HolidayCalendar::Title(const Date& date, Division division) const {
  auto it = by_day_.find({date, division});
  if (it == by_day_.end()) return std::nullopt;
  return it->second;
}

std::vector<Holiday> HolidayCalendar::List(std::optional<int> year,
                                           std::optional<Division> division) const {
  std::vector<Holiday> out;
  for (const auto& [key, title] : by_day_) {
    if (year && key.first.year != *year) continue;
    if (division && key.second != *division) continue;
    out.push_back({key.first, key.second, title});
  }
  return out;
}

Result<std::vector<Holiday>> ImportGovUkJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot read");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    return Error::InvalidInput(path + ": not JSON (byte " + std::to_string(e.byte) + ")");
  }
  if (!doc.is_object()) return Error::InvalidInput(path + ": expected a JSON object of divisions");
  std::vector<Holiday> out;
  for (const auto& [key, body] : doc.items()) {
    auto division = ParseDivision(key);
    if (!division)
      return Error::InvalidInput(path + ": /" + key +
                                 ": unknown division (expected england-and-wales, scotland or "
                                 "northern-ireland)");
    const std::string where = "/" + key;
    if (!body.is_object() || !body.contains("events") || !body["events"].is_array())
      return Error::InvalidInput(path + ": " + where + ": expected an object with \"events\": [...]");
    if (body.contains("division") && body["division"] != key)
      return Error::InvalidInput(path + ": " + where + "/division: does not match its key");
    const auto& events = body["events"];
    for (size_t i = 0; i < events.size(); ++i) {
      auto h = ParseEvent(path, where + "/events/" + std::to_string(i), *division, events[i]);
      if (!h.ok()) return h.error();
      out.push_back(std::move(*h));
    }
  }
  if (out.empty()) return Error::InvalidInput(path + ": no events");
  // One event per day and division, as the calendar needs.
  if (auto check = HolidayCalendar::FromHolidays(out); !check.ok())
    return Error::InvalidInput(path + ": " + check.error().message);
  return out;
}

HolidayDiff DiffHolidays(const HolidayCalendar& before, const HolidayCalendar& after) {
  HolidayDiff diff;
  for (const auto& h : before.List()) {
    auto now = after.Title(h.date, h.division);
    if (!now) {
      diff.removed.push_back(h);
    } else if (*now != h.title) {
      diff.retitled.push_back({h, Holiday{h.date, h.division, *now}});
    }
  }
  for (const auto& h : after.List())
    if (!before.IsHoliday(h.date, h.division)) diff.added.push_back(h);
  return diff;
}

HolidayMerge MergeImported(const HolidayCalendar& shipped, const std::vector<Holiday>& imported) {
  const std::set<DivisionYear> whole = WholeYears(imported);
  std::set<DivisionYear> partial;
  std::vector<Holiday> merged;
  for (const auto& h : shipped.List())
    if (!whole.count({h.division, h.date.year})) merged.push_back(h);
  std::set<std::pair<Date, Division>> taken;
  for (const auto& h : imported) {
    if (whole.count({h.division, h.date.year})) {
      if (taken.insert({h.date, h.division}).second) merged.push_back(h);
    } else {
      partial.insert({h.division, h.date.year});
    }
  }
  HolidayMerge out;
  // Every year comes from one side only and repeats were dropped above, so
  // the calendar always builds.
  out.calendar = *HolidayCalendar::FromHolidays(std::move(merged));
  out.diff = DiffHolidays(shipped, out.calendar);
  out.replaced.assign(whole.begin(), whole.end());
  out.partial_years.assign(partial.begin(), partial.end());
  return out;
}

std::vector<std::string> DiffLines(const HolidayDiff& diff) {
  std::vector<std::pair<std::string, std::string>> keyed;  // sort key, line
  auto key = [](const Holiday& h) { return h.date.Iso() + " " + DivisionId(h.division); };
  for (const auto& h : diff.added) keyed.push_back({key(h), "+ " + key(h) + ": " + h.title});
  for (const auto& h : diff.removed) keyed.push_back({key(h), "- " + key(h) + ": " + h.title});
  for (const auto& [was, now] : diff.retitled)
    keyed.push_back({key(now), "~ " + key(now) + ": " + was.title + " -> " + now.title});
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [k, line] : keyed) out.push_back(std::move(line));
  return out;
}

}  // namespace foidesk::reg
