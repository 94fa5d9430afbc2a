// Dates the day-month-year patterns (recognisers.h) leave out: a timestamp
// ("2000-04-16 11:34:35", "14/02/2021 23:10"), a weekday ("on Tuesday",
// "Saturday morning") and a year after a word of time ("in 1977", "during
// 2017"). Each narrows when something happened, and with a place, to whom.
// Reported as PiiType::kDate; the redaction policy decides what stays of them
// (a year generalised to its year stays itself).
#pragma once

#include <memory>

#include "privacy/recognisers.h"

namespace foidesk::privacy {

std::unique_ptr<PatternRecogniser> MakeTimeRecogniser();

}  // namespace foidesk::privacy
