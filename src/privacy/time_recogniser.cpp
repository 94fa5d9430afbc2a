// Timestamps, weekdays and years (see time_recogniser.h).
#include "privacy/time_recogniser.h"

#include <string>
#include <vector>

namespace foidesk::privacy {
namespace {

constexpr double kReject = -1;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::unique_ptr<PatternRecogniser> MakeTimeRecogniser() {
  std::vector<PatternSpec> specs;
  // ISO timestamps, as systems write them: 2000-04-16 11:34:35, 2000-04-16T11:34Z.
  specs.push_back({PiiType::kDate,
                   "\\b((?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[T ]"
                   "(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]+)?)?"
                   "(?:Z|[+-][0-9]{2}:?[0-9]{2})?)",
                   0.6, 1, {}});
  // A day-month-year date with its time: 14/02/2021 23:10, 14.02.2021 at 9.30pm.
  specs.push_back({PiiType::kDate,
                   "(?i)\\b((?:0?[1-9]|[12][0-9]|3[01])[/.](?:0?[1-9]|1[0-2])[/.](?:19|20)[0-9]{2}"
                   ",?\\s+(?:at\\s+)?(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9](?::[0-5][0-9])?"
                   "(?:\\s?(?:am|pm|hrs))?)\\b",
                   0.6, 1, {}});
  // A weekday: "on Tuesday", "last friday", "Saturday morning", "MONDAY".
  // Capitalised or upper case on its own; lower case only after a word that
  // makes it a day.
  specs.push_back({PiiType::kDate,
                   "\\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
                   "(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY)s?\\b",
                   0.35, 1, {}});
  specs.push_back({PiiType::kDate,
                   "(?i)\\b(?:on|last|next|this|every|from|until|since|by|that)\\s+"
                   "((?:mon|tues|wednes|thurs|fri|satur|sun)day)\\b",
                   0.35, 1, {}});
  // A year after a word of time: "in 1977", "during 2017", "since 1990".
  specs.push_back({PiiType::kDate,
                   "(?i)\\b(?:in|during|since|from|until|till|by|before|after|around|circa|"
                   "of|year)\\s+((?:19|20)[0-9]{2})\\b",
                   0.3, 1, [](PatternMatch& m) {
                     // Not a count or part of a longer number ("in 2000 homes", "of 2015/16").
                     if (m.end < m.text.size() &&
                         (m.text[m.end] == '/' || m.text[m.end] == '-' || m.text[m.end] == ',' ||
                          m.text[m.end] == ':' ||
                          (m.text[m.end] == '.' && m.end + 1 < m.text.size() &&
                           IsDigit(m.text[m.end + 1]))))
                       return m.text[m.end] == ',' ? 0.3 : kReject;
                     size_t i = m.end;
                     while (i < m.text.size() && m.text[i] == ' ') ++i;
                     size_t j = i;
                     while (j < m.text.size() && m.text[j] >= 'a' && m.text[j] <= 'z') ++j;
                     const std::string_view next = m.text.substr(i, j - i);
                     static constexpr std::string_view kCounted[] = {
                         "people", "homes", "houses", "crimes", "offences", "cases", "officers",
                         "pounds", "miles", "metres", "times", "records", "calls", "victims"};
                     for (std::string_view w : kCounted)
                       if (next == w) return kReject;
                     return 0.3;
                   }});
  return std::make_unique<PatternRecogniser>("time", std::move(specs));
}

}  // namespace foidesk::privacy
