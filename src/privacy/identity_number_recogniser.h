// Numbers of identity documents other than the National Insurance number:
// UK driving licence numbers (the DVLA's 16-character shape, which encodes
// surname, date of birth and initials), US social security numbers (the
// SSA's rules: no area 000, 666 or 9xx, no group 00, no serial 0000), and any
// number written after "passport", "driving licence" or "ID card" and the
// like. Reported as PiiType::kIdNumber.
#pragma once

#include <memory>

#include "privacy/recognisers.h"

namespace foidesk::privacy {

std::unique_ptr<PatternRecogniser> MakeIdNumberRecogniser();

}  // namespace foidesk::privacy
