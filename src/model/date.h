// Calendar dates (proleptic Gregorian, no time zone) and the Europe/London
// conversion of instants to local dates. Every date foidesk buckets on is a
// local Europe/London date; nothing here reads the host's clock or zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace foidesk {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Days since 1970-01-01 (negative before).
  int64_t DaysSinceEpoch() const;
  static Date FromDaysSinceEpoch(int64_t days);

  // "YYYY-MM-DD".
  std::string Iso() const;
  // Financial year (1 April to 31 March) as "2014/15".
  std::string FinancialYear() const;
  // "YYYY-MM".
  std::string YearMonth() const;
  int Weekday() const;  // 0 = Monday ... 6 = Sunday

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

bool IsValidDate(int year, int month, int day);
int DaysInMonth(int year, int month);

// Parses "YYYY-MM-DD"; nullopt when malformed or impossible (2013-02-31).
std::optional<Date> ParseIsoDate(std::string_view s);

// Parses a date with a strftime-like pattern of %d %m %Y %H %M %S and
// literal characters, e.g. "%d/%m/%Y %H:%M". Time fields are checked and
// dropped. nullopt when the text does not fit or the date is impossible.
std::optional<Date> ParseDatePattern(std::string_view s, std::string_view pattern);

// Parses an ISO 8601 timestamp with offset ("2015-03-31T23:30:00+00:00",
// "...Z", fractional seconds allowed) and returns its Europe/London local
// date. A timestamp without offset is taken as local time already.
std::optional<Date> LocalDateOfTimestamp(std::string_view s);

// Whole years from `dob` to `on` (the age on that date).
int AgeOn(const Date& dob, const Date& on);

}  // namespace foidesk
