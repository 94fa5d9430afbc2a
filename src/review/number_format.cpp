#include "review/number_format.h"

#include <cmath>

namespace foidesk::review {

std::string Grouped(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string Fixed(double v, int decimals) {
  double scale = std::pow(10.0, decimals);
  int64_t units = std::llround(v * scale);
  bool negative = units < 0;
  if (negative) units = -units;
  auto p = static_cast<int64_t>(scale);
  std::string out = Grouped(units / p);
  if (decimals > 0) {
    std::string frac = std::to_string(units % p);
    while (static_cast<int>(frac.size()) < decimals) frac.insert(frac.begin(), '0');
    out += '.';
    out += frac;
  }
  return negative ? "-" + out : out;
}

}  // namespace foidesk::review
