// Calendar arithmetic (Howard Hinnant's days_from_civil) and Europe/London
// offsets from ICU's time zone data, so the host's zone never matters.
#include "model/date.h"

#include <unicode/timezone.h>

#include <cstdio>
#include <memory>
#include <mutex>

namespace foidesk {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Reads exactly `n` digits at s[pos]; advances pos.
bool ReadDigits(std::string_view s, size_t& pos, int n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

const icu::TimeZone& London() {
  static std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone("Europe/London"));
  return *zone;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

int64_t Date::DaysSinceEpoch() const {
  int y = year - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Date Date::FromDaysSinceEpoch(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

std::string Date::Iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::YearMonth() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string Date::FinancialYear() const {
  int start = month >= 4 ? year : year - 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d/%02d", start, (start + 1) % 100);
  return buf;
}

int Date::Weekday() const {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  int64_t d = (DaysSinceEpoch() + 3) % 7;
  return static_cast<int>(d < 0 ? d + 7 : d);
}

std::optional<Date> ParseIsoDate(std::string_view s) {
  return ParseDatePattern(s, "%Y-%m-%d");
}

std::optional<Date> ParseDatePattern(std::string_view s, std::string_view pattern) {
  size_t pos = 0;
  int y = -1, m = -1, d = -1, unused = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '%' && i + 1 < pattern.size()) {
      char f = pattern[++i];
      bool ok = false;
      switch (f) {
        case 'Y': ok = ReadDigits(s, pos, 4, y); break;
        case 'm': ok = ReadDigits(s, pos, 2, m); break;
        case 'd': ok = ReadDigits(s, pos, 2, d); break;
        case 'H': ok = ReadDigits(s, pos, 2, unused) && unused < 24; break;
        case 'M': ok = ReadDigits(s, pos, 2, unused) && unused < 60; break;
        case 'S': ok = ReadDigits(s, pos, 2, unused) && unused < 61; break;
        default: return std::nullopt;
      }
      if (!ok) return std::nullopt;
    } else {
      if (pos >= s.size() || s[pos] != pattern[i]) return std::nullopt;
      ++pos;
    }
  }
  if (pos != s.size() || y < 0 || m < 0 || d < 0 || !IsValidDate(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::optional<Date> LocalDateOfTimestamp(std::string_view s) {
  size_t pos = 0;
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!ReadDigits(s, pos, 4, y) || pos >= s.size() || s[pos++] != '-' ||
      !ReadDigits(s, pos, 2, mo) || pos >= s.size() || s[pos++] != '-' ||
      !ReadDigits(s, pos, 2, d) || !IsValidDate(y, mo, d))
    return std::nullopt;
  if (pos == s.size()) return Date{y, mo, d};  // a bare date
  if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
  ++pos;
  if (!ReadDigits(s, pos, 2, h) || h > 23 || pos >= s.size() || s[pos++] != ':' ||
      !ReadDigits(s, pos, 2, mi) || mi > 59)
    return std::nullopt;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadDigits(s, pos, 2, sec) || sec > 60) return std::nullopt;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  if (pos == s.size()) return Date{y, mo, d};  // no offset: already local
  int offset_minutes = 0;
  if (s[pos] == 'Z' && pos + 1 == s.size()) {
    offset_minutes = 0;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om = 0;
    if (!ReadDigits(s, pos, 2, oh) || oh > 23) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (pos < s.size() && !ReadDigits(s, pos, 2, om)) return std::nullopt;
    if (pos != s.size() || om > 59) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  int64_t utc_seconds = Date{y, mo, d}.DaysSinceEpoch() * 86400 + h * 3600 + mi * 60 + sec -
                        static_cast<int64_t>(offset_minutes) * 60;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  {
    static std::mutex mu;  // icu::TimeZone::getOffset is not documented thread-safe
    std::lock_guard<std::mutex> lock(mu);
    London().getOffset(static_cast<UDate>(utc_seconds) * 1000.0, /*local=*/false, raw, dst,
                       status);
  }
  if (U_FAILURE(status)) return std::nullopt;
  int64_t local_seconds = utc_seconds + (raw + dst) / 1000;
  int64_t days = local_seconds >= 0 ? local_seconds / 86400 : (local_seconds - 86399) / 86400;
  return Date::FromDaysSinceEpoch(days);
}

int AgeOn(const Date& dob, const Date& on) {
  int age = on.year - dob.year;
  if (on.month < dob.month || (on.month == dob.month && on.day < dob.day)) --age;
  return age;
}

}  // namespace foidesk
