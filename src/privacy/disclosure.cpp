// k-anonymity measurement and the policy's generalise-then-suppress step for
// row-per-crime tables. The search is over the whole lattice of level
// combinations (policies give a few levels per column, so it is small),
// which makes "least coarsening that reaches k" exact rather than greedy.
#include "privacy/disclosure.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace foidesk::privacy {
namespace {

// Guards against a policy whose lattice would take too long to search.
constexpr int64_t kMaxLatticeNodes = 1'000'000;

int FindColumn(const std::vector<std::string>& columns, const std::string& name) {
  auto it = std::find(columns.begin(), columns.end(), name);
  return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
}

// Strict whole number: optional '-', then digits only ("17", not " 17" or "17y").
std::optional<int64_t> ParseWhole(const std::string& s) {
  if (s.empty()) return std::nullopt;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size() || s.size() - i > 15) return std::nullopt;
  int64_t v = 0;
  for (size_t j = i; j < s.size(); ++j) {
    if (s[j] < '0' || s[j] > '9') return std::nullopt;
    v = v * 10 + (s[j] - '0');
  }
  return i ? -v : v;
}

bool Digits(const std::string& s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The value at `level`, or why it cannot be generalised (never quoting it).
Result<std::string> Generalise(const std::string& value, const Hierarchy& h, const Level& level) {
  if (std::find(h.keep.begin(), h.keep.end(), value) != h.keep.end()) return value;
  switch (level.kind) {
    case Level::Kind::kBands: {
      auto v = ParseWhole(value);
      if (!v) return Error::InvalidInput("not a whole number and not in keep");
      for (const Band& b : level.bands)
        if (*v >= b.min && (!b.max || *v <= *b.max)) return b.label;
      return Error::InvalidInput("outside every band");
    }
    case Level::Kind::kWidth: {
      auto v = ParseWhole(value);
      if (!v) return Error::InvalidInput("not a whole number and not in keep");
      int64_t start = level.origin + FloorDiv(*v - level.origin, level.width) * level.width;
      return std::to_string(start) + "-" + std::to_string(start + level.width - 1);
    }
    case Level::Kind::kMap: {
      if (auto it = level.map.find(value); it != level.map.end()) return it->second;
      if (level.other) return *level.other;
      return Error::InvalidInput("not in the map, which has no 'other'");
    }
    case Level::Kind::kDate: {
      // ISO dates ("2015-03-17"), months ("2015-03") and, for years, years.
      bool year_ok = Digits(value, 0, 4) && (value.size() == 4 || value[4] == '-');
      bool month_ok = year_ok && value.size() >= 7 && Digits(value, 5, 2) &&
                      (value.size() == 7 || value[7] == '-');
      if (level.to_year ? !year_ok : !month_ok)
        return Error::InvalidInput("not a date (YYYY-MM-DD)");
      return value.substr(0, level.to_year ? 4 : 7);
    }
    case Level::Kind::kAll:
      return level.label;
  }
  return Error::Internal("unknown level kind");
}

// Column values per level as small integer ids, so that a row's class key
// at any lattice node is a vector of ints.
struct Coded {
  std::vector<std::vector<int32_t>> ids;         // [level][row]
  std::vector<std::vector<std::string>> values;  // [level][id]
};

Coded Encode(const std::vector<std::vector<std::string>>& by_level) {
  Coded c;
  for (const auto& column : by_level) {
    std::unordered_map<std::string, int32_t> index;
    std::vector<int32_t> ids;
    std::vector<std::string> values;
    ids.reserve(column.size());
    for (const std::string& v : column) {
      auto [it, inserted] = index.emplace(v, static_cast<int32_t>(values.size()));
      if (inserted) values.push_back(v);
      ids.push_back(it->second);
    }
    c.ids.push_back(std::move(ids));
    c.values.push_back(std::move(values));
  }
  return c;
}

struct VectorHash {
  size_t operator()(const std::vector<int32_t>& v) const {
    size_t h = 1469598103934665603ull;
    for (int32_t x : v) h = (h ^ static_cast<uint32_t>(x)) * 1099511628211ull;
    return h;
  }
};

// Class size per row given each quasi-identifier's level; rows with
// `skip[r]` set are left out (size 0).
std::vector<int64_t> ClassSizes(const std::vector<Coded>& quasi, const std::vector<int>& levels,
                                size_t rows, const std::vector<bool>* skip = nullptr) {
  std::unordered_map<std::vector<int32_t>, int64_t, VectorHash> count;
  std::vector<std::vector<int32_t>> keys(rows);
  for (size_t r = 0; r < rows; ++r) {
    if (skip && (*skip)[r]) continue;
    keys[r].reserve(quasi.size());
    for (size_t q = 0; q < quasi.size(); ++q) keys[r].push_back(quasi[q].ids[levels[q]][r]);
    ++count[keys[r]];
  }
  std::vector<int64_t> sizes(rows, 0);
  for (size_t r = 0; r < rows; ++r)
    if (!(skip && (*skip)[r])) sizes[r] = count[keys[r]];
  return sizes;
}

int64_t Below(const std::vector<int64_t>& sizes, int64_t k) {
  int64_t n = 0;
  for (int64_t s : sizes) n += (s > 0 && s < k);
  return n;
}

KAnonymity Summarise(const std::vector<int64_t>& sizes) {
  KAnonymity m;
  m.class_size = sizes;
  std::map<int64_t, int64_t> rows_by_size;
  for (int64_t s : sizes) {
    if (s == 0) continue;  // left out
    ++m.rows;
    ++rows_by_size[s];
  }
  for (const auto& [size, n] : rows_by_size) m.classes += n / size;
  m.k = rows_by_size.empty() ? 0 : rows_by_size.begin()->first;
  m.unique_rows = rows_by_size.count(1) ? rows_by_size[1] : 0;
  return m;
}

Status CheckTable(const Table& table) {
  std::set<std::string> names;
  for (const std::string& c : table.columns)
    if (!names.insert(c).second)
      return Error::InvalidInput("table: column '" + c + "' appears twice");
  for (size_t r = 0; r < table.rows.size(); ++r)
    if (table.rows[r].size() != table.columns.size())
      return Error::InvalidInput("table: row " + std::to_string(r + 1) + " has " +
                                 std::to_string(table.rows[r].size()) + " fields, expected " +
                                 std::to_string(table.columns.size()));
  return {};
}

}  // namespace

Result<std::string> GeneraliseValue(const std::string& value, const Hierarchy& h, int level) {
  if (level < 0 || level > static_cast<int>(h.levels.size()))
    return Error::InvalidInput("no level " + std::to_string(level) + " (the hierarchy has " +
                               std::to_string(h.levels.size()) + ")");
  if (level == 0) return value;
  return Generalise(value, h, h.levels[level - 1]);
}

int64_t KAnonymity::RowsBelow(int64_t k_required) const { return Below(class_size, k_required); }

KAnonymity Measure(const Table& table, const std::vector<std::string>& quasi) {
  std::vector<Coded> coded;
  std::vector<std::string> missing;
  for (const std::string& q : quasi) {
    int c = FindColumn(table.columns, q);
    if (c < 0) {
      missing.push_back(q);
      continue;
    }
    std::vector<std::string> column;
    column.reserve(table.rows.size());
    for (const auto& row : table.rows)
      column.push_back(c < static_cast<int>(row.size()) ? row[c] : "");
    coded.push_back(Encode({column}));
  }
  KAnonymity m = Summarise(ClassSizes(coded, std::vector<int>(coded.size(), 0), table.rows.size()));
  m.missing_columns = std::move(missing);
  return m;
}

Result<Released> ApplyPolicy(const Table& input, const DisclosurePolicy& policy) {
  if (auto s = CheckTable(input); !s.ok()) return s.error();
  Released out;
  DisclosureReport& rep = out.report;
  rep.policy_name = policy.name;
  rep.policy_source = policy.source;
  rep.k_required = policy.k;
  rep.suppression_mode = RowSuppressionName(policy.suppression);
  rep.suppression_marker = policy.marker;
  rep.max_suppressed_share = policy.max_suppressed_share;
  rep.count_threshold = policy.counts.threshold;
  rep.count_marker = policy.counts.marker;
  rep.subject = policy.subject;
  rep.rows_in = static_cast<int64_t>(input.rows.size());

  // Withheld columns go first: what is not published cannot identify.
  std::vector<int> keep_columns;
  for (size_t c = 0; c < input.columns.size(); ++c) {
    const std::string& name = input.columns[c];
    if (std::find(policy.withheld.begin(), policy.withheld.end(), name) != policy.withheld.end())
      rep.withheld_columns.push_back(name);
    else
      keep_columns.push_back(static_cast<int>(c));
  }
  Table& t = out.table;
  for (int c : keep_columns) t.columns.push_back(input.columns[c]);
  t.rows.reserve(input.rows.size());
  for (const auto& row : input.rows) {
    std::vector<std::string> r;
    r.reserve(keep_columns.size());
    for (int c : keep_columns) r.push_back(row[c]);
    t.rows.push_back(std::move(r));
  }
  const size_t rows = t.rows.size();

  // Quasi-identifiers present, and for each its values at every level.
  std::vector<int> quasi_col;
  for (const std::string& q : policy.quasi_identifiers) {
    int c = FindColumn(t.columns, q);
    if (c >= 0) {
      rep.quasi_identifiers.push_back(q);
      quasi_col.push_back(c);
    } else if (std::find(rep.withheld_columns.begin(), rep.withheld_columns.end(), q) ==
               rep.withheld_columns.end()) {
      rep.quasi_identifiers_absent.push_back(q);
    }
  }
  std::vector<Coded> coded;
  std::vector<size_t> quasi_of_dim;
  for (size_t q = 0; q < quasi_col.size(); ++q) {
    const std::string& name = rep.quasi_identifiers[q];
    std::vector<std::vector<std::string>> by_level(1);
    for (const auto& row : t.rows) by_level[0].push_back(row[quasi_col[q]]);
    auto h = policy.hierarchies.find(name);
    if (h != policy.hierarchies.end()) {
      for (const Level& level : h->second.levels) {
        std::vector<std::string> values;
        values.reserve(rows);
        for (size_t r = 0; r < rows; ++r) {
          auto v = Generalise(t.rows[r][quasi_col[q]], h->second, level);
          if (!v.ok())
            return Error::InvalidInput(name + ": row " + std::to_string(r + 1) +
                                       ": cannot be generalised to '" + level.name +
                                       "': " + v.error().message);
          values.push_back(std::move(*v));
        }
        by_level.push_back(std::move(values));
      }
      // Each level must merge whole groups of the one below, or "coarser"
      // could split a class and the search's minimum would mean nothing.
      for (size_t l = 1; l + 1 < by_level.size(); ++l) {
        std::unordered_map<std::string, const std::string*> up;
        for (size_t r = 0; r < rows; ++r) {
          auto [it, inserted] = up.emplace(by_level[l][r], &by_level[l + 1][r]);
          if (!inserted && *it->second != by_level[l + 1][r])
            return Error::InvalidInput(
                name + ": level '" + h->second.levels[l].name + "' is not a coarsening of level '" +
                h->second.levels[l - 1].name + "' (one group is split between two)");
        }
      }
    }
    coded.push_back(Encode(by_level));
  }
  for (const std::string& name : policy.generalise_order) {
    auto it = std::find(rep.quasi_identifiers.begin(), rep.quasi_identifiers.end(), name);
    if (it == rep.quasi_identifiers.end()) continue;
    size_t q = static_cast<size_t>(it - rep.quasi_identifiers.begin());
    quasi_of_dim.push_back(q);
    rep.generalise_order.push_back(name);
  }

  std::vector<int> levels(quasi_col.size(), 0);
  std::vector<int64_t> sizes = ClassSizes(coded, levels, rows);
  rep.before = Summarise(sizes);
  rep.rows_below_k_before = Below(sizes, policy.k);
  rep.before.class_size.clear();

  // Search every combination of levels. Accept those leaving at most
  // `allowed` rows below k; prefer the fewest steps up (least information
  // lost), then the fewest suppressed rows, then coarsening the column the
  // policy gives up first. If none is acceptable, take the one suppressing
  // fewest rows, again with the fewest steps.
  const int64_t allowed =
      policy.suppression == RowSuppression::kNone
          ? 0
          : static_cast<int64_t>(std::floor(policy.max_suppressed_share * rows + 1e-9));
  int64_t nodes = 1;
  for (size_t q : quasi_of_dim) {
    nodes *= static_cast<int64_t>(coded[q].ids.size());
    if (nodes > kMaxLatticeNodes)
      return Error::InvalidInput(policy.source + ": hierarchies: more than " +
                                 std::to_string(kMaxLatticeNodes) +
                                 " combinations of levels to search; use fewer levels");
  }
  rep.lattice_nodes = nodes;
  struct Candidate {
    bool acceptable;
    int height;
    int64_t below;
    std::vector<int> dims;
  };
  auto better = [](const Candidate& a, const Candidate& b) {
    if (a.acceptable != b.acceptable) return a.acceptable;
    if (a.acceptable) {
      if (a.height != b.height) return a.height < b.height;
      if (a.below != b.below) return a.below < b.below;
    } else {
      if (a.below != b.below) return a.below < b.below;
      if (a.height != b.height) return a.height < b.height;
    }
    return a.dims > b.dims;  // lexicographically: the first-declared column coarsened most
  };
  std::optional<Candidate> best;
  std::vector<int> dims(quasi_of_dim.size(), 0);
  for (int64_t n = 0; n < nodes; ++n) {
    for (size_t d = 0; d < dims.size(); ++d) levels[quasi_of_dim[d]] = dims[d];
    Candidate c{false, 0, Below(ClassSizes(coded, levels, rows), policy.k), dims};
    for (int l : dims) c.height += l;
    c.acceptable = c.below <= allowed;
    if (!best || better(c, *best)) best = c;
    for (size_t d = 0; d < dims.size(); ++d) {  // next combination
      if (++dims[d] < static_cast<int>(coded[quasi_of_dim[d]].ids.size())) break;
      dims[d] = 0;
    }
  }
  for (size_t d = 0; d < best->dims.size(); ++d) levels[quasi_of_dim[d]] = best->dims[d];
  sizes = ClassSizes(coded, levels, rows);
  std::vector<bool> suppressed(rows, false);
  for (size_t r = 0; r < rows; ++r) suppressed[r] = sizes[r] < policy.k;
  rep.rows_suppressed = Below(sizes, policy.k);
  if (rep.rows_suppressed > 0 && policy.suppression == RowSuppression::kNone)
    return Error::InvalidInput("k = " + std::to_string(policy.k) +
                               " cannot be reached without suppressing " +
                               std::to_string(rep.rows_suppressed) + " rows, and " + policy.source +
                               " sets suppression.mode = \"none\"");

  // Why each coarsened column was coarsened: the rows that would fall below
  // k were it left as recorded.
  for (size_t d = 0; d < quasi_of_dim.size(); ++d) {
    size_t q = quasi_of_dim[d];
    const Hierarchy& h = policy.hierarchies.at(rep.quasi_identifiers[q]);
    ColumnGeneralisation g;
    g.column = rep.quasi_identifiers[q];
    g.level = levels[q];
    g.level_name = g.level == 0 ? "as recorded" : h.levels[g.level - 1].name;
    g.levels = static_cast<int>(h.levels.size());
    g.one_value = g.level > 0 && h.levels[g.level - 1].kind == Level::Kind::kAll;
    g.distinct_before = static_cast<int64_t>(coded[q].values[0].size());
    std::set<int32_t> after;
    for (size_t r = 0; r < rows; ++r)
      if (!suppressed[r]) after.insert(coded[q].ids[g.level][r]);
    g.distinct_after = static_cast<int64_t>(after.size());
    if (g.level > 0) {
      std::vector<int> exact = levels;
      exact[q] = 0;
      g.rows_at_risk_if_exact = Below(ClassSizes(coded, exact, rows), policy.k);
    }
    rep.generalised.push_back(std::move(g));
  }

  rep.after = Summarise(ClassSizes(coded, levels, rows, &suppressed));
  rep.after.class_size.clear();

  // Write the released values.
  std::vector<std::vector<std::string>> released;
  released.reserve(rows);
  for (size_t r = 0; r < rows; ++r) {
    if (suppressed[r] && policy.suppression == RowSuppression::kDrop) continue;
    std::vector<std::string> row = std::move(t.rows[r]);
    for (size_t q = 0; q < quasi_col.size(); ++q)
      row[quasi_col[q]] =
          suppressed[r] ? policy.marker : coded[q].values[levels[q]][coded[q].ids[levels[q]][r]];
    released.push_back(std::move(row));
  }
  t.rows = std::move(released);
  rep.rows_out = static_cast<int64_t>(t.rows.size());

  for (const std::string& c : rep.quasi_identifiers)
    rep.display_names.emplace_back(c, policy.DisplayName(c));
  for (const std::string& c : rep.withheld_columns)
    rep.display_names.emplace_back(c, policy.DisplayName(c));
  return out;
}

}  // namespace foidesk::privacy
