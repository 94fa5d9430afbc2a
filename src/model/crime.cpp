#include "model/crime.h"

#include <cctype>

namespace foidesk {

std::optional<int> VictimAge(const Crime& crime) {
  for (const auto& p : crime.people) {
    if (p.role != "victim") continue;
    if (p.dob) return AgeOn(*p.dob, crime.committed_from.value_or(crime.recorded));
    return p.stated_age;
  }
  return std::nullopt;
}

std::string CanonicalOffence(const std::string& code) {
  std::string out;
  size_t i = 0;
  while (i < code.size() && std::isspace(static_cast<unsigned char>(code[i]))) ++i;
  size_t end = code.size();
  while (end > i && std::isspace(static_cast<unsigned char>(code[end - 1]))) --end;
  // Drop leading zeros while a digit follows (keep a lone "0").
  while (i + 1 < end && code[i] == '0' && std::isdigit(static_cast<unsigned char>(code[i + 1]))) ++i;
  for (; i < end; ++i) out += static_cast<char>(std::toupper(static_cast<unsigned char>(code[i])));
  return out;
}

}  // namespace foidesk
