// Identity document numbers (see identity_number_recogniser.h).
#include "privacy/identity_number_recogniser.h"

#include <algorithm>
#include <string>
#include <vector>

namespace foidesk::privacy {
namespace {

constexpr double kReject = -1;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Number(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::unique_ptr<PatternRecogniser> MakeIdNumberRecogniser() {
  std::vector<PatternSpec> specs;
  // DVLA driving licence: 5 of the surname (padded with 9), the decade digit
  // of the year of birth, the month (plus 50 for a woman), the day, the year
  // digit, 2 initials (padded with 9), a digit and 2 check characters.
  specs.push_back({PiiType::kIdNumber,
                   "(?i)\\b([A-Z][A-Z9]{4}[0-9]([0156][0-9])([0-3][0-9])[0-9][A-Z9]{2}[0-9][A-Z0-9]{2})"
                   "(?:\\s?[0-9]{2})?\\b",
                   0.8, 1, [](PatternMatch& m) {
                     const int month = Number(m.groups[2]) % 50;
                     const int day = Number(m.groups[3]);
                     if (month < 1 || month > 12 || day < 1 || day > 31) return kReject;
                     return 0.8;
                   }});
  // US social security number, 123-45-6789.
  specs.push_back({PiiType::kIdNumber, "\\b(([0-9]{3})-([0-9]{2})-([0-9]{4}))\\b", 0.5, 1,
                   [](PatternMatch& m) {
                     const int area = Number(m.groups[2]);
                     if (area == 0 || area == 666 || area >= 900) return kReject;
                     if (Number(m.groups[3]) == 0 || Number(m.groups[4]) == 0) return kReject;
                     // Not inside a longer run of digits and dashes (a phone number).
                     if (m.end < m.text.size() && m.text[m.end] == '-') return kReject;
                     if (m.start > 0 && (m.text[m.start - 1] == '-' || m.text[m.start - 1] == '+'))
                       return kReject;
                     return 0.5;
                   }});
  // A number after the name of the document: "passport number 123456789",
  // "driver's license number is F162823540116", "ID card no: X1234567".
  specs.push_back({PiiType::kIdNumber,
                   "(?i)\\b(?:passport|driv(?:er|ing)'?s?\\s+licen[cs]e|licen[cs]e|id\\s+card|"
                   "identity\\s+card|social\\s+security|ssn)"
                   "(?:\\s+(?:number|no\\.?|num|#))?(?:\\s+(?:is|was))?\\s*[:#]?\\s*"
                   "([A-Z0-9][A-Z0-9\\-]{4,19})\\b",
                   0.7, 1, [](PatternMatch& m) {
                     const std::string_view v = m.groups[1];
                     const auto digits = std::count_if(v.begin(), v.end(), IsDigit);
                     if (digits < 4) return kReject;  // a word, not a number
                     return 0.7;
                   }});
  return std::make_unique<PatternRecogniser>("id_number", std::move(specs));
}

}  // namespace foidesk::privacy
