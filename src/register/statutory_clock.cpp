#include "register/statutory_clock.h"

#include <algorithm>
#include <map>

namespace foidesk::reg {
namespace {

Date NextDay(const Date& d) { return Date::FromDaysSinceEpoch(d.DaysSinceEpoch() + 1); }

std::string CoverageError(const HolidayCalendar& calendar, Division division, const Date& date) {
  std::string covered = "no years";
  if (auto years = calendar.CoveredYears(division))
    covered = std::to_string(years->first) + " to " + std::to_string(years->second);
  return date.Iso() + " is outside the bank holiday data for " + DivisionId(division) +
         " (it covers " + covered +
         "): a newer gov.uk bank-holidays.json is needed (see 'foidesk holidays check FILE')";
}

// "bank holiday in England and Wales, Northern Ireland: New Year’s Day
// (substitute day); bank holiday in Scotland: 2nd January": one entry per
// date, divisions with the same title together.
std::optional<std::string> BankHolidayReason(const Regime& regime, const HolidayCalendar& calendar,
                                             const Date& date) {
  std::vector<std::pair<std::string, std::vector<Division>>> by_title;  // first-seen order
  for (Division d : regime.holiday_divisions) {
    auto title = calendar.Title(date, d);
    if (!title) continue;
    auto it = std::find_if(by_title.begin(), by_title.end(),
                           [&](const auto& e) { return e.first == *title; });
    if (it == by_title.end()) {
      by_title.push_back({*title, {d}});
    } else {
      it->second.push_back(d);
    }
  }
  if (by_title.empty()) return std::nullopt;
  std::string out;
  for (const auto& [title, divisions] : by_title) {
    std::string names;
    for (Division d : divisions) names += (names.empty() ? "" : ", ") + DivisionName(d);
    out += (out.empty() ? "" : "; ") + std::string("bank holiday in ") + names + ": " + title;
  }
  return out;
}

std::string PauseText(const Pause& p) {
  if (p.kind == PauseKind::kClarification)
    return "clarification asked on " + p.from.Iso() +
           (p.to ? ", answer received on " + p.to->Iso() : ", no answer yet");
  return "fees notice given on " + p.from.Iso() +
         (p.to ? ", fee received on " + p.to->Iso() : ", fee not yet received");
}

Status CheckPauses(const Regime& regime, const Date& received, std::vector<Pause>& pauses) {
  for (const auto& p : pauses) {
    if (!regime.pauses.count(p.kind))
      return Error::InvalidInput("the " + regime.name + " regime takes no " + PauseKindId(p.kind) +
                                 " pause (" + regime.file + ", key 'pauses')");
    if (p.from < received)
      return Error::InvalidInput(PauseKindId(p.kind) + " pause from " + p.from.Iso() +
                                 " starts before the request was received on " + received.Iso());
    if (p.to && *p.to < p.from)
      return Error::InvalidInput(PauseKindId(p.kind) + " pause ends on " + p.to->Iso() +
                                 ", before it starts on " + p.from.Iso());
  }
  std::sort(pauses.begin(), pauses.end(),
            [](const Pause& a, const Pause& b) { return a.from < b.from; });
  // One stop at a time: the law gives no meaning to a fees notice given
  // while a clarification is outstanding. Touching on one day is allowed.
  for (size_t i = 1; i < pauses.size(); ++i) {
    const Pause& prev = pauses[i - 1];
    if (!prev.to || pauses[i].from < *prev.to)
      return Error::InvalidInput("pauses overlap: " + PauseText(prev) + "; " + PauseText(pauses[i]));
  }
  return {};
}

const Pause* FeesPauseOn(const std::vector<Pause>& pauses, const Date& d) {
  for (const auto& p : pauses)
    if (p.kind == PauseKind::kFees && p.from <= d && (!p.to || d <= *p.to)) return &p;
  return nullptr;
}

// Counts working days after `after` until out.counted reaches `target`.
// Returns the day it does, or nullopt when an open pause stops the clock.
Result<std::optional<Date>> CountWorkingDays(const Regime& regime, const HolidayCalendar& calendar,
                                             const std::vector<Pause>& pauses, Date after,
                                             int target, Deadline& out) {
  Date d = after;
  while (out.counted < target) {
    d = NextDay(d);
    const Pause* pause = FeesPauseOn(pauses, d);
    if (pause && !pause->to) {
      out.stopped = "the clock is stopped from " + pause->from.Iso() + ": " + PauseText(*pause) +
                    "; " + std::to_string(out.counted) + " of " + std::to_string(target) +
                    " working days counted";
      return std::optional<Date>();
    }
    auto reason = NonWorkingReason(regime, calendar, d);
    if (!reason.ok()) return reason.error();
    if (*reason) {
      out.skipped.push_back({d, **reason});
      continue;
    }
    if (pause) {
      out.skipped.push_back({d, "paused: " + PauseText(*pause)});
      continue;
    }
    ++out.counted;
    if (!out.day_one) out.day_one = d;
  }
  return std::optional<Date>(d);
}

// Month rules end on a working day: a due date that falls on a non-working
// day moves to the next working day.
Result<Date> RollToWorkingDay(const Regime& regime, const HolidayCalendar& calendar, Date d,
                              Deadline& out) {
  while (true) {
    auto reason = NonWorkingReason(regime, calendar, d);
    if (!reason.ok()) return reason.error();
    if (!*reason) return d;
    out.skipped.push_back({d, **reason});
    d = NextDay(d);
  }
}

std::string MonthNote(const Date& from, int months, const Date& nominal) {
  std::string note = std::to_string(months) + (months == 1 ? " calendar month" : " calendar months") +
                     " from " + from.Iso() + " is " + nominal.Iso();
  if (nominal.day != from.day)
    note += " (that month has no day " + std::to_string(from.day) + ", so its last day)";
  return note;
}

Result<std::optional<Date>> MonthsDue(const Regime& regime, const HolidayCalendar& calendar,
                                      int months, Deadline& out) {
  const Date nominal = AddCalendarMonths(out.date_of_receipt, months);
  out.notes.push_back(MonthNote(out.date_of_receipt, months, nominal));
  auto due = RollToWorkingDay(regime, calendar, nominal, out);
  if (!due.ok()) return due.error();
  if (*due != nominal) out.notes.push_back(nominal.Iso() + " is not a working day: due on the next one, " + due->Iso());
  out.counted = months;
  return std::optional<Date>(*due);
}

// The last clarification restarts the clock; an open one stops it.
void ApplyClarifications(const std::vector<Pause>& pauses, Deadline& out) {
  for (const auto& p : pauses) {
    if (p.kind != PauseKind::kClarification) continue;
    if (!p.to) {
      out.stopped = "the clock is stopped from " + p.from.Iso() + ": " + PauseText(p) +
                    "; it starts again from the day the answer arrives";
      return;
    }
    out.date_of_receipt = *p.to;
    out.notes.push_back(PauseText(p) + ": the clock restarts, and " + p.to->Iso() +
                        " is the new date of receipt");
  }
}

Result<int> ExtensionCount(const Regime& regime, const Extension& e) {
  if (!regime.extension)
    return Error::InvalidInput("the " + regime.name + " regime has no extension (" + regime.file + ")");
  if (e.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::InvalidInput("an extension needs a reason");
  const int n = e.count.value_or(regime.extension->default_count);
  if (n < 1 || n > 366)
    return Error::InvalidInput("extension of " + std::to_string(n) + ": give between 1 and 366");
  return n;
}

std::string Unit(const Regime& regime) {
  return regime.rule == RuleKind::kWorkingDays ? "working days" : "calendar months";
}

// Due date and extended due date by calendar months (UK GDPR Art 12(3)).
Status CountMonths(const Regime& regime, const HolidayCalendar& calendar, bool extended,
                   Deadline& out) {
  out.day_one = out.date_of_receipt;  // the month runs from the day of receipt
  auto due = MonthsDue(regime, calendar, regime.count, out);
  if (!due.ok()) return due.error();
  out.due = *due;
  if (!extended) return {};
  auto ext = MonthsDue(regime, calendar, out.required, out);
  if (!ext.ok()) return ext.error();
  out.extended_due = *ext;
  return {};
}

// Due date and extended due date by working days; the extension counts on
// from the due date with the same pauses.
Status CountDays(const Regime& regime, const HolidayCalendar& calendar,
                 const std::vector<Pause>& pauses, bool extended, Deadline& out) {
  auto due = CountWorkingDays(regime, calendar, pauses, out.date_of_receipt, regime.count, out);
  if (!due.ok()) return due.error();
  out.due = *due;
  if (!out.due || !extended) return {};
  auto ext = CountWorkingDays(regime, calendar, pauses, *out.due, out.required, out);
  if (!ext.ok()) return ext.error();
  out.extended_due = *ext;
  return {};
}

std::string ExtensionNote(const Regime& regime, const Extension& e, int extra, int required) {
  // Months are counted from the date of receipt so a month-end start keeps
  // its month end (31 January + 3 months = 30 April, not 28 April).
  const std::string from = regime.rule == RuleKind::kWorkingDays
                               ? "counted on from the due date"
                               : "the period runs " + std::to_string(required) +
                                     " calendar months from the date of receipt";
  return "extension (" + regime.extension->name + ", " + regime.extension->legal_basis + "): " +
         std::to_string(extra) + " further " + Unit(regime) + ", " + from + "; reason: " + e.reason;
}

}  // namespace

Date EasterSunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date{y, month, day};
}

Date AddCalendarMonths(const Date& date, int months) {
  const int index = date.year * 12 + (date.month - 1) + months;
  const int year = index / 12, month = index % 12 + 1;
  return Date{year, month, std::min(date.day, DaysInMonth(year, month))};
}

Result<std::optional<std::string>> NonWorkingReason(const Regime& regime,
                                                    const HolidayCalendar& calendar,
                                                    const Date& date) {
  for (Division d : regime.holiday_divisions)
    if (!calendar.Covers(d, date.year)) return Error::InvalidInput(CoverageError(calendar, d, date));
  const int weekday = date.Weekday();
  if (weekday == 5) return std::optional<std::string>("Saturday");
  if (weekday == 6) return std::optional<std::string>("Sunday");
  if (regime.christmas_day && date.month == 12 && date.day == 25)
    return std::optional<std::string>("Christmas Day");
  if (regime.good_friday &&
      date == Date::FromDaysSinceEpoch(EasterSunday(date.year).DaysSinceEpoch() - 2))
    return std::optional<std::string>("Good Friday");
  return BankHolidayReason(regime, calendar, date);
}

Result<int> WorkingDaysBetween(const Regime& regime, const HolidayCalendar& calendar,
                               const Date& from, const Date& to) {
  int n = 0;
  for (Date d = NextDay(from); d <= to; d = NextDay(d)) {
    auto reason = NonWorkingReason(regime, calendar, d);
    if (!reason.ok()) return reason.error();
    if (!*reason) ++n;
  }
  return n;
}

Result<Date> AddWorkingDays(const Regime& regime, const HolidayCalendar& calendar,
                            const Date& from, int n) {
  if (n < 0) return Error::InvalidInput("cannot add " + std::to_string(n) + " working days");
  Deadline scratch;
  auto d = CountWorkingDays(regime, calendar, {}, from, n, scratch);
  if (!d.ok()) return d.error();
  return **d;  // no pauses, so the count always ends on a date
}

Result<Deadline> ComputeDeadline(const Regime& regime, const HolidayCalendar& calendar,
                                 const DeadlineInput& input) {
  Deadline out;
  out.regime = regime.name;
  out.received = out.date_of_receipt = input.received;
  if (auto r = NonWorkingReason(regime, calendar, input.received); !r.ok()) return r.error();
  std::vector<Pause> pauses = input.pauses;
  if (auto s = CheckPauses(regime, input.received, pauses); !s.ok()) return s.error();
  int extra = 0;
  if (input.extension) {
    auto n = ExtensionCount(regime, *input.extension);
    if (!n.ok()) return n.error();
    extra = *n;
  }
  out.required = regime.count + extra;
  ApplyClarifications(pauses, out);
  if (out.stopped) return out;
  for (const auto& p : pauses)
    if (p.kind == PauseKind::kFees && p.to && *p.to <= out.date_of_receipt)
      out.notes.push_back(PauseText(p) + ": before the clock restarted, so it changes nothing");
  auto s = regime.rule == RuleKind::kCalendarMonths
               ? CountMonths(regime, calendar, extra > 0, out)
               : CountDays(regime, calendar, pauses, extra > 0, out);
  if (!s.ok()) return s.error();
  if (extra > 0) out.notes.push_back(ExtensionNote(regime, *input.extension, extra, out.required));
  return out;
}

}  // namespace foidesk::reg
