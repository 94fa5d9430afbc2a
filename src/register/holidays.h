// UK bank holidays by division, as data: the shipped table
// (config/holidays/uk-bank-holidays.csv) and gov.uk's bank-holidays.json,
// which replaces the shipped list for every division and year it covers.
// A date outside the data is an error for the caller to report, never a
// day without holidays.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/date.h"
#include "model/result.h"

namespace foidesk::reg {

// The three divisions of the Banking and Financial Dealings Act 1971, in
// gov.uk's order.
enum class Division { kEnglandAndWales, kScotland, kNorthernIreland };

inline constexpr Division kAllDivisions[] = {Division::kEnglandAndWales, Division::kScotland,
                                             Division::kNorthernIreland};

std::string DivisionId(Division d);    // "england-and-wales", as gov.uk spells it
std::string DivisionName(Division d);  // "England and Wales"
std::optional<Division> ParseDivision(std::string_view id);

struct Holiday {
  Date date;
  Division division = Division::kEnglandAndWales;
  std::string title;  // gov.uk's title, with its note in brackets: "Boxing Day (substitute day)"

  friend bool operator==(const Holiday&, const Holiday&) = default;
};

// One division's holidays of one calendar year: the unit that imported data
// replaces.
struct DivisionYear {
  Division division = Division::kEnglandAndWales;
  int year = 0;
  friend auto operator<=>(const DivisionYear&, const DivisionYear&) = default;
};

class HolidayCalendar {
 public:
  // Reads <config_dir>/holidays/uk-bank-holidays.csv.
  static Result<HolidayCalendar> Load(const std::string& config_dir);
  // Reads a CSV with the header date,division,title; lines starting with '#'
  // are comments. Errors name the file, line and column. A (division, year)
  // is covered when the file holds any holiday for it.
  static Result<HolidayCalendar> LoadCsv(const std::string& path);
  // The calendar of exactly these holidays; a repeated (date, division) is an
  // error naming it.
  static Result<HolidayCalendar> FromHolidays(std::vector<Holiday> holidays);

  // True when the data holds this division's holidays for the year.
  bool Covers(Division division, int year) const;
  // The first and last covered year of a division, for messages.
  std::optional<std::pair<int, int>> CoveredYears(Division division) const;

  // The holiday's title, or nullopt when `date` is no holiday in `division`.
  // Call Covers() first: outside the data every date is nullopt.
  std::optional<std::string> Title(const Date& date, Division division) const;
  bool IsHoliday(const Date& date, Division division) const { return Title(date, division).has_value(); }

  // Sorted by date, then division; filtered when a year or division is given.
  std::vector<Holiday> List(std::optional<int> year = std::nullopt,
                            std::optional<Division> division = std::nullopt) const;

  const std::set<DivisionYear>& coverage() const { return coverage_; }

 private:
  std::map<std::pair<Date, Division>, std::string> by_day_;
  std::set<DivisionYear> coverage_;
};

// Parses gov.uk's bank-holidays.json: {"england-and-wales": {"division": ...,
// "events": [{"title", "date", "notes", "bunting"}]}, "scotland": ...,
// "northern-ireland": ...}. A non-empty note goes in brackets after the
// title, its first letter in lower case, as the shipped table writes it.
// Errors name the file and the JSON path of the bad entry.
Result<std::vector<Holiday>> ImportGovUkJson(const std::string& path);

// What changed between two calendars, for the record of an update.
struct HolidayDiff {
  std::vector<Holiday> added;    // in the new data only
  std::vector<Holiday> removed;  // in the old data only
  std::vector<std::pair<Holiday, Holiday>> retitled;  // same day, new title: {old, new}

  bool empty() const { return added.empty() && removed.empty() && retitled.empty(); }
  // Only added or removed days move deadlines; a new title does not.
  bool ChangesDates() const { return !added.empty() || !removed.empty(); }
};

HolidayDiff DiffHolidays(const HolidayCalendar& before, const HolidayCalendar& after);

struct HolidayMerge {
  HolidayCalendar calendar;                  // the shipped data with the imported years in place
  HolidayDiff diff;                          // shipped -> merged
  std::vector<DivisionYear> replaced;        // years the import supplied
  std::vector<DivisionYear> partial_years;   // years left out: the import lacks New Year or Christmas
};

// For every (division, year) the import holds whole, the imported list
// replaces the shipped one (and may extend coverage to new years). A year
// without its New Year and Christmas holidays is a partial window and is
// left out, so a feed that starts in June cannot erase January to May.
// `imported` normally comes from ImportGovUkJson, which refuses a repeated
// day; should one be repeated anyway, its first entry is kept.
HolidayMerge MergeImported(const HolidayCalendar& shipped, const std::vector<Holiday>& imported);

// "2016-12-27 england-and-wales: Christmas Day (substitute day)", one line
// per change, with a sign: + added, - removed, ~ retitled.
std::vector<std::string> DiffLines(const HolidayDiff& diff);

}  // namespace foidesk::reg
