// Small-cell suppression for count tables with published totals. Primary:
// counts from 1 to threshold-1 (totals included) are withheld. Secondary: a
// line (a row or column with its total) with exactly one withheld figure
// gives it away by subtraction, so the next smallest figure in that line is
// withheld too. Two withheld figures per line is not always enough in two
// dimensions (a withheld cell linking two otherwise separate groups is still
// fixed by the margins), so every release is audited by solving the
// published equations: a withheld figure the equations pin down gets one
// more partner, until none is pinned down.
#include <algorithm>
#include <tuple>

#include "privacy/disclosure.h"

namespace foidesk::privacy {
namespace {

// Ranks are computed modulo a large prime. The equations of a table with
// margins form a network matrix (totally unimodular), whose ranks are the
// same over the rationals and over any prime field, so this is exact.
constexpr int64_t kPrime = 2147483647;

int64_t Mod(int64_t a) { return ((a % kPrime) + kPrime) % kPrime; }

int64_t Inverse(int64_t a) {
  int64_t result = 1, base = Mod(a), e = kPrime - 2;
  while (e) {
    if (e & 1) result = result * base % kPrime;
    base = base * base % kPrime;
    e >>= 1;
  }
  return result;
}

struct Grid {
  int rows = 0, cols = 0;  // including the Total row and (2-D) Total column
  bool two_d = false;
  std::vector<int64_t> value;  // row-major
  std::vector<CellState> state;
  // Each line: member cell indices; the last is the line's total.
  std::vector<std::vector<int>> lines;

  bool IsTotal(int i) const {
    int r = i / cols, c = i % cols;
    return r == rows - 1 || (two_d && c == cols - 1);
  }
  bool Hidden(int i) const { return state[i] != CellState::kShown; }
};

// Which withheld figures the published figures and totals determine exactly.
std::vector<bool> Determined(const Grid& g) {
  std::vector<int> var(g.value.size(), -1);
  int n = 0;
  for (size_t i = 0; i < g.value.size(); ++i)
    if (g.Hidden(static_cast<int>(i))) var[i] = n++;
  std::vector<std::vector<int64_t>> m;
  for (const auto& line : g.lines) {
    std::vector<int64_t> eq(n, 0);
    bool any = false;
    for (size_t j = 0; j < line.size(); ++j) {
      int v = var[line[j]];
      if (v < 0) continue;
      eq[v] = Mod(eq[v] + (j + 1 == line.size() ? -1 : 1));
      any = true;
    }
    if (any) m.push_back(std::move(eq));
  }
  // Reduced row echelon form; a variable is determined exactly when some
  // reduced row is its unit vector.
  size_t rank = 0;
  std::vector<int> pivot_row(n, -1);
  for (int c = 0; c < n && rank < m.size(); ++c) {
    size_t p = rank;
    while (p < m.size() && m[p][c] == 0) ++p;
    if (p == m.size()) continue;
    std::swap(m[p], m[rank]);
    int64_t inv = Inverse(m[rank][c]);
    for (int64_t& x : m[rank]) x = x * inv % kPrime;
    for (size_t r = 0; r < m.size(); ++r) {
      if (r == rank || m[r][c] == 0) continue;
      int64_t f = m[r][c];
      for (int j = 0; j < n; ++j) m[r][j] = Mod(m[r][j] - f * m[rank][j] % kPrime);
    }
    pivot_row[c] = static_cast<int>(rank++);
  }
  std::vector<bool> out(g.value.size(), false);
  for (size_t i = 0; i < g.value.size(); ++i) {
    int v = var[i];
    if (v < 0 || pivot_row[v] < 0) continue;
    const auto& row = m[pivot_row[v]];
    out[i] = std::count_if(row.begin(), row.end(), [](int64_t x) { return x != 0; }) == 1;
  }
  return out;
}

// Order of preference for a secondary: first a figure whose other lines
// already have a withheld figure (withholding it exposes no new line, where
// the plain "next smallest" can cascade across a two-way table), then cells
// before totals, non-zero before zero (a withheld zero beside a small count
// protects little), then the smallest, then the first. In one dimension
// every cell lies in one line only, so this is the next smallest.
std::tuple<int, bool, bool, int64_t, int> SecondaryRank(const Grid& g, int i,
                                                        const std::vector<int>& line) {
  int exposes = 0;
  for (const auto& other : g.lines) {
    if (&other == &line || std::find(other.begin(), other.end(), i) == other.end()) continue;
    exposes += std::none_of(other.begin(), other.end(), [&](int j) { return g.Hidden(j); });
  }
  return {exposes, g.IsTotal(i), g.value[i] == 0, g.value[i], i};
}

std::vector<int> Candidates(const Grid& g, const std::vector<int>& line) {
  std::vector<int> c;
  for (int i : line)
    if (!g.Hidden(i) && std::find(c.begin(), c.end(), i) == c.end()) c.push_back(i);
  std::sort(c.begin(), c.end(),
            [&](int a, int b) { return SecondaryRank(g, a, line) < SecondaryRank(g, b, line); });
  return c;
}

Status Secondary(Grid& g) {
  for (;;) {
    bool changed = false;
    for (const auto& line : g.lines) {
      int hidden = static_cast<int>(
          std::count_if(line.begin(), line.end(), [&](int i) { return g.Hidden(i); }));
      if (hidden != 1) continue;
      std::vector<int> c = Candidates(g, line);
      if (c.empty()) return Error::Internal("count table: a line has one member");
      g.state[c[0]] = CellState::kSecondary;
      changed = true;
    }
    if (changed) continue;
    std::vector<bool> fixed = Determined(g);
    auto it = std::find(fixed.begin(), fixed.end(), true);
    if (it == fixed.end()) return {};
    int x = static_cast<int>(it - fixed.begin());
    std::vector<int> near;
    for (const auto& line : g.lines)
      if (std::find(line.begin(), line.end(), x) != line.end())
        near.insert(near.end(), line.begin(), line.end());
    std::vector<int> c = Candidates(g, near);
    if (c.empty()) return Error::Internal("count table: a withheld figure cannot be protected");
    int pick = c[0];
    for (int i : c) {  // the smallest partner that actually frees x
      g.state[i] = CellState::kSecondary;
      bool frees = !Determined(g)[x];
      g.state[i] = CellState::kShown;
      if (frees) {
        pick = i;
        break;
      }
    }
    g.state[pick] = CellState::kSecondary;
  }
}

}  // namespace

Result<CountRelease> SuppressCounts(const CountTable& t, const CountRules& rules) {
  const std::string name = "count table " + t.name;
  if (t.column_labels.empty()) return Error::InvalidInput(name + ": no columns");
  if (t.row_labels.empty()) return Error::InvalidInput(name + ": no rows");
  if (t.counts.size() != t.row_labels.size())
    return Error::InvalidInput(name + ": " + std::to_string(t.row_labels.size()) +
                               " row labels but " + std::to_string(t.counts.size()) +
                               " rows of counts");
  for (size_t r = 0; r < t.counts.size(); ++r) {
    if (t.counts[r].size() != t.column_labels.size())
      return Error::InvalidInput(name + ": row " + std::to_string(r + 1) + " has " +
                                 std::to_string(t.counts[r].size()) + " counts, expected " +
                                 std::to_string(t.column_labels.size()));
    for (int64_t v : t.counts[r])
      if (v < 0)
        return Error::InvalidInput(name + ": row " + std::to_string(r + 1) +
                                   " has a negative count");
  }
  if (rules.threshold < 1) return Error::InvalidInput(name + ": threshold must be at least 1");

  Grid g;
  g.two_d = t.column_labels.size() > 1;
  g.rows = static_cast<int>(t.row_labels.size()) + 1;
  g.cols = static_cast<int>(t.column_labels.size()) + (g.two_d ? 1 : 0);
  g.value.assign(g.rows * g.cols, 0);
  g.state.assign(g.rows * g.cols, CellState::kShown);
  const int inner_rows = g.rows - 1, inner_cols = static_cast<int>(t.column_labels.size());
  for (int r = 0; r < inner_rows; ++r)
    for (int c = 0; c < inner_cols; ++c) {
      int64_t v = t.counts[r][c];
      g.value[r * g.cols + c] = v;
      g.value[(g.rows - 1) * g.cols + c] += v;
      if (g.two_d) {
        g.value[r * g.cols + g.cols - 1] += v;
        g.value[(g.rows - 1) * g.cols + g.cols - 1] += v;
      }
    }
  // Lines: every row's cells with its row total (2-D, margin row included),
  // every column's cells with its column total (margin column included).
  if (g.two_d)
    for (int r = 0; r < g.rows; ++r) {
      std::vector<int> line;
      for (int c = 0; c < g.cols; ++c) line.push_back(r * g.cols + c);
      g.lines.push_back(std::move(line));
    }
  for (int c = 0; c < g.cols; ++c) {
    std::vector<int> line;
    for (int r = 0; r < g.rows; ++r) line.push_back(r * g.cols + c);
    g.lines.push_back(std::move(line));
  }

  for (size_t i = 0; i < g.value.size(); ++i)
    if (g.value[i] > 0 && g.value[i] < rules.threshold) g.state[i] = CellState::kPrimary;
  if (auto s = Secondary(g); !s.ok()) return s.error();

  CountRelease out;
  CountTableReport& rep = out.report;
  rep.table = t.name;
  rep.threshold = rules.threshold;
  rep.marker = rules.marker;
  rep.cells = static_cast<int64_t>(g.value.size());
  std::vector<bool> fixed = Determined(g);
  rep.recoverable = std::find(fixed.begin(), fixed.end(), true) != fixed.end();

  out.table.columns.push_back(t.row_header);
  out.table.columns.insert(out.table.columns.end(), t.column_labels.begin(), t.column_labels.end());
  if (g.two_d) out.table.columns.push_back(t.total_label);
  for (int r = 0; r < g.rows; ++r) {
    std::vector<std::string> row{r < inner_rows ? t.row_labels[r] : t.total_label};
    std::vector<CellState> states;
    for (int c = 0; c < g.cols; ++c) {
      int i = r * g.cols + c;
      CellState s = g.state[i];
      row.push_back(s == CellState::kShown ? std::to_string(g.value[i]) : rules.marker);
      states.push_back(s);
      rep.primary += s == CellState::kPrimary;
      rep.secondary += s == CellState::kSecondary;
      rep.totals_withheld += s != CellState::kShown && g.IsTotal(i);
    }
    out.table.rows.push_back(std::move(row));
    out.state.push_back(std::move(states));
  }
  return out;
}

}  // namespace foidesk::privacy
