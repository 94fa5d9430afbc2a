// UK summer-time rule and the date/time text formats of the two exports.
#include "synth/london_time.h"

#include "model/date.h"

namespace foidesk::synth {

int64_t LastSundayOf(int year, int month) {
  const int64_t last = Date{year, month, DaysInMonth(year, month)}.DaysSinceEpoch();
  const int weekday = Date::FromDaysSinceEpoch(last).Weekday();  // 0 = Monday, 6 = Sunday
  return last - (weekday + 1) % 7;
}

bool IsChangeHour(int64_t local_minute) {
  const int64_t day = DayOf(local_minute);
  if ((local_minute - day * kMinutesPerDay) / 60 != 1) return false;
  const Date d = Date::FromDaysSinceEpoch(day);
  if (d.month != 3 && d.month != 10) return false;
  return day == LastSundayOf(d.year, d.month);
}

bool IsSummerTime(int64_t local_minute) {
  const int year = Date::FromDaysSinceEpoch(DayOf(local_minute)).year;
  // Summer time starts at 01:00 GMT (02:00 local after the jump) and ends at
  // 01:00 GMT (02:00 BST, which the clocks turn back to 01:00).
  const int64_t start = LastSundayOf(year, 3) * kMinutesPerDay + 2 * 60;
  const int64_t end = LastSundayOf(year, 10) * kMinutesPerDay + 1 * 60;
  return local_minute >= start && local_minute < end;
}

int64_t UtcMinute(int64_t local_minute) {
  return IsSummerTime(local_minute) ? local_minute - 60 : local_minute;
}

void AppendTwoDigits(std::string& out, int v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

void AppendInt(std::string& out, int64_t v) {
  if (v < 0) {
    out += '-';
    v = -v;
  }
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n > 0) out += buf[--n];
}

namespace {
void AppendYear(std::string& out, int y) {
  AppendTwoDigits(out, y / 100);
  AppendTwoDigits(out, y % 100);
}
}  // namespace

void AppendCrsDate(std::string& out, int64_t days) {
  const Date d = Date::FromDaysSinceEpoch(days);
  AppendTwoDigits(out, d.day);
  out += '/';
  AppendTwoDigits(out, d.month);
  out += '/';
  AppendYear(out, d.year);
}

void AppendClock(std::string& out, int64_t local_minute) {
  const int64_t in_day = local_minute - DayOf(local_minute) * kMinutesPerDay;
  AppendTwoDigits(out, static_cast<int>(in_day / 60));
  out += ':';
  AppendTwoDigits(out, static_cast<int>(in_day % 60));
}

void AppendCrsDateTime(std::string& out, int64_t local_minute) {
  AppendCrsDate(out, DayOf(local_minute));
  out += ' ';
  AppendClock(out, local_minute);
}

void AppendIsoDate(std::string& out, int64_t days) {
  const Date d = Date::FromDaysSinceEpoch(days);
  AppendYear(out, d.year);
  out += '-';
  AppendTwoDigits(out, d.month);
  out += '-';
  AppendTwoDigits(out, d.day);
}

void AppendIsoInstant(std::string& out, int64_t local_minute, bool local_offset) {
  const bool summer = IsSummerTime(local_minute);
  const int64_t shown = (local_offset || !summer) ? local_minute : local_minute - 60;
  AppendIsoDate(out, DayOf(shown));
  out += 'T';
  AppendClock(out, shown);
  out += ":00";
  out += (local_offset && summer) ? "+01:00" : "+00:00";
}

}  // namespace foidesk::synth
