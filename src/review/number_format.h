// Figures in sentences, without locales (the host's settings must not change
// a letter): digits grouped in thousands, fixed decimals.
#pragma once

#include <cstdint>
#include <string>

namespace foidesk::review {

// "1,880", "-12,000".
std::string Grouped(int64_t v);

// `v` with `decimals` places, rounded half away from zero, digits grouped:
// "12.5", "1,100.0".
std::string Fixed(double v, int decimals);

}  // namespace foidesk::review
