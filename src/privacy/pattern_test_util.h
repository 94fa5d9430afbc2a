// For tests of one pattern recogniser: the texts it finds in a text, each
// span once (two patterns may find the same span; the detector keeps one).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "privacy/recognisers.h"

namespace foidesk::privacy {

inline std::vector<std::string> FoundTexts(const PatternRecogniser& r, std::string_view text,
                                           PiiType type) {
  EXPECT_TRUE(r.ok());
  std::vector<PiiFinding> found;
  r.Find(text, found);
  std::sort(found.begin(), found.end(), [](const PiiFinding& a, const PiiFinding& b) {
    return std::tie(a.start, a.end) < std::tie(b.start, b.end);
  });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const PiiFinding& a, const PiiFinding& b) {
                            return a.start == b.start && a.end == b.end;
                          }),
              found.end());
  std::vector<std::string> out;
  for (const PiiFinding& f : found) {
    EXPECT_EQ(f.type, type) << text.substr(f.start, f.end - f.start);
    out.emplace_back(text.substr(f.start, f.end - f.start));
  }
  return out;
}

}  // namespace foidesk::privacy
