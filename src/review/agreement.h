// Agreement between two reviewers on the same records (Cohen's kappa), for
// the quality check on a random sample.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace foidesk::review {

// The three decisions a reviewer can give.
enum class Verdict : uint8_t { kRelevant = 0, kNotRelevant = 1, kUnsure = 2 };

struct Agreement {
  int64_t records = 0;
  // table[a][b]: records the first reviewer judged a and the second b.
  std::array<std::array<int64_t, 3>, 3> table{};
  double observed = 0;  // p_o
  double expected = 0;  // p_e, from the two reviewers' marginals
  double kappa = 0;     // (p_o - p_e) / (1 - p_e); 1 when p_e == 1 and they agree
  // Landis and Koch's words for kappa: "poor", "slight", "fair", "moderate",
  // "substantial", "almost perfect".
  const char* Strength() const;
};

// pairs[i] = (first reviewer's verdict, second reviewer's) on record i.
Agreement CohenKappa(const std::vector<std::pair<Verdict, Verdict>>& pairs);

}  // namespace foidesk::review
