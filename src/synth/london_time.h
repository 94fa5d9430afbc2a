// Europe/London wall-clock time for the synthetic force. Times are minutes
// since 1970-01-01 00:00 counted on the local clock; the UK summer-time rule
// (from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
// of October) is computed here rather than read from the host or ICU, so the
// output is the same on every machine. The model's ICU-based conversion
// (LocalDateOfTimestamp) is what the tests check these against.
#pragma once

#include <cstdint>
#include <string>

namespace foidesk::synth {

constexpr int64_t kMinutesPerDay = 1440;

inline int64_t DayOf(int64_t local_minute) {
  return local_minute >= 0 ? local_minute / kMinutesPerDay
                           : (local_minute - kMinutesPerDay + 1) / kMinutesPerDay;
}

// Days since the epoch of the last Sunday of `month` in `year`.
int64_t LastSundayOf(int year, int month);

// Whether local minute `m` falls in the hour 01:00-01:59 of a clock-change
// Sunday, which does not exist (March) or happens twice (October). The
// generator moves such times out of that hour so every local time it writes
// is unambiguous.
bool IsChangeHour(int64_t local_minute);

// Whether British Summer Time is in force at local minute `m`.
// REQUIRES: !IsChangeHour(m).
bool IsSummerTime(int64_t local_minute);

// The UTC minute of local minute `m`. REQUIRES: !IsChangeHour(m).
int64_t UtcMinute(int64_t local_minute);

void AppendTwoDigits(std::string& out, int v);
void AppendInt(std::string& out, int64_t v);
// "dd/mm/yyyy", the legacy export's date.
void AppendCrsDate(std::string& out, int64_t days);
// "dd/mm/yyyy HH:MM", the legacy export's local time.
void AppendCrsDateTime(std::string& out, int64_t local_minute);
// "HH:MM".
void AppendClock(std::string& out, int64_t local_minute);
// "YYYY-MM-DD".
void AppendIsoDate(std::string& out, int64_t days);
// ISO 8601 instant with seconds and offset: as UTC ("...+00:00"), or when
// `local_offset` on the local clock with its own offset ("+01:00" in summer).
void AppendIsoInstant(std::string& out, int64_t local_minute, bool local_offset);

}  // namespace foidesk::synth
