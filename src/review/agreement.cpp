// Cohen's kappa over the three verdicts, from the 3x3 agreement table.
#include "review/agreement.h"

#include <cstddef>

namespace foidesk::review {

const char* Agreement::Strength() const {
  // Landis and Koch (1977) bands: <0, 0-0.20, 0.21-0.40, ... on a continuous
  // scale, each band closed above; the slack keeps a computed 0.6000000001
  // in the band its table means.
  const double e = 1e-12;
  if (kappa < 0) return "poor";
  if (kappa <= 0.20 + e) return "slight";
  if (kappa <= 0.40 + e) return "fair";
  if (kappa <= 0.60 + e) return "moderate";
  if (kappa <= 0.80 + e) return "substantial";
  return "almost perfect";
}

Agreement CohenKappa(const std::vector<std::pair<Verdict, Verdict>>& pairs) {
  Agreement a;
  for (const auto& [first, second] : pairs) {
    auto i = static_cast<std::size_t>(first), j = static_cast<std::size_t>(second);
    if (i > 2 || j > 2) continue;  // not a verdict: left out of the table
    ++a.table[i][j];
    ++a.records;
  }
  if (a.records == 0) return a;  // nothing compared: all zero
  const double n = static_cast<double>(a.records);
  int64_t agree = 0;
  for (std::size_t c = 0; c < 3; ++c) {
    agree += a.table[c][c];
    int64_t row = a.table[c][0] + a.table[c][1] + a.table[c][2];
    int64_t col = a.table[0][c] + a.table[1][c] + a.table[2][c];
    a.expected += (static_cast<double>(row) / n) * (static_cast<double>(col) / n);
  }
  a.observed = static_cast<double>(agree) / n;
  // p_e == 1 only when both gave one and the same verdict throughout.
  if (a.expected >= 1) {
    a.kappa = a.observed >= 1 ? 1 : 0;
  } else {
    a.kappa = (a.observed - a.expected) / (1 - a.expected);
  }
  return a;
}

}  // namespace foidesk::review
