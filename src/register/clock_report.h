// What `foidesk clock` and `foidesk holidays` print, kept in the library so
// the words and the JSON are tested with the clock: option parsing with
// messages that name the option and value, the working as text, the
// deadline as JSON with sorted keys, and the record of a holiday update.
#pragma once

#include <string>
#include <vector>

#include "model/date.h"
#include "model/result.h"
#include "register/holidays.h"
#include "register/statutory_clock.h"

namespace foidesk::reg {

// "--received '2016-13-01': expected a date YYYY-MM-DD".
Result<Date> ParseDateOption(const std::string& option, const std::string& value);

// "FROM:TO", or "FROM:" / "FROM" for a pause still open.
Result<Pause> ParsePauseOption(const std::string& option, PauseKind kind, const std::string& value);

std::string WeekdayName(const Date& d);  // "Monday"

// "received Fri 2016-12-23 ... due Mon 2017-01-23", then one line per
// skipped day and the notes.
std::string DeadlineText(const Regime& regime, const Deadline& deadline);

// One JSON object with sorted keys: received, due (null while stopped),
// skipped [{date, reason}], and counted, date_of_receipt, day_one,
// extended_due, notes, regime, required, stopped.
std::string DeadlineJson(const Deadline& deadline);

// One line per holiday: "2016-12-27  Tuesday  england-and-wales  Christmas Day (substitute day)".
std::string HolidayListText(const std::vector<Holiday>& holidays);

// What importing a gov.uk file would change, for `holidays check`.
std::string MergeReportText(const std::string& file, const HolidayMerge& merge);

}  // namespace foidesk::reg
