// The statutory clock: when a request is due under a regime, and the working
// behind it (every day that did not count, and why). Dates never depend on
// the host's clock or zone; a date the holiday data does not cover is an
// error, never a guess.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/result.h"
#include "register/holidays.h"
#include "register/regime.h"

namespace foidesk::reg {

// A stop of the clock from `from`; no `to` means it is still stopped.
// Clarification: `from` is the day the authority asked, `to` the day the
// answer arrived. Fees: `from` is the day the fees notice was given, `to`
// the day the fee was received.
struct Pause {
  PauseKind kind = PauseKind::kClarification;
  Date from;
  std::optional<Date> to;
};

struct Extension {
  std::string reason;
  std::optional<int> count;  // further working days (months for a month rule); none: the regime's default
};

struct DeadlineInput {
  Date received;
  std::vector<Pause> pauses;
  std::optional<Extension> extension;
};

struct SkippedDay {
  Date date;
  std::string reason;  // "Saturday", "Christmas Day", "bank holiday in Scotland: St Andrew’s Day", "paused: ..."

  friend bool operator==(const SkippedDay&, const SkippedDay&) = default;
};

struct Deadline {
  std::string regime;
  Date received;         // as given
  Date date_of_receipt;  // after the last clarification (FOIA s10(6)(b)); else `received`
  // The first day the clock counts: the first working day after the date of
  // receipt (the date of receipt itself for a month rule). None while the
  // clock was stopped before it.
  std::optional<Date> day_one;
  std::optional<Date> due;           // none while a pause is open
  std::optional<Date> extended_due;  // with an extension, and no open pause
  int counted = 0;   // working days (or months) counted so far
  int required = 0;  // the regime's count, plus the extension's
  // Every day between the date of receipt and the last date worked out that
  // did not count, in date order: non-working days and paused days.
  std::vector<SkippedDay> skipped;
  // Plain sentences on how the date was reached: restarts, pauses, extension.
  std::vector<std::string> notes;
  // Why there is no due date, when a pause is open.
  std::optional<std::string> stopped;
};

// Works out the due date. Errors: a pause that ends before it starts,
// starts before receipt or overlaps another; a pause or extension the
// regime does not allow; a date the holiday data does not cover.
Result<Deadline> ComputeDeadline(const Regime& regime, const HolidayCalendar& calendar,
                                 const DeadlineInput& input);

// Why `date` is not a working day under the regime, or nullopt when it is
// one. Errors when the calendar does not cover the date for a division the
// regime uses.
Result<std::optional<std::string>> NonWorkingReason(const Regime& regime,
                                                    const HolidayCalendar& calendar,
                                                    const Date& date);

// Working days after `from` up to and including `to` (0 when to <= from):
// an answer sent on the due date took exactly the regime's count. Also the
// measure of the s12 aggregation window (60 consecutive working days).
Result<int> WorkingDaysBetween(const Regime& regime, const HolidayCalendar& calendar,
                               const Date& from, const Date& to);

// The `n`th working day after `from` (n >= 1); `from` itself for n == 0.
Result<Date> AddWorkingDays(const Regime& regime, const HolidayCalendar& calendar,
                            const Date& from, int n);

// Easter Sunday of a Gregorian year (Meeus/Jones/Butcher), for Good Friday.
Date EasterSunday(int year);

// The corresponding date `months` later; the last day of that month when it
// has no such day (31 January + 1 month = 28 or 29 February).
Date AddCalendarMonths(const Date& date, int months);

}  // namespace foidesk::reg
