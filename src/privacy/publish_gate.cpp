#include "privacy/publish_gate.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "privacy/summary.h"

namespace foidesk::privacy {
namespace {

constexpr std::pair<GateCheck, const char*> kNames[] = {
    {GateCheck::kSummaryFinding, "summary-finding"},
    {GateCheck::kSummaryVocabulary, "summary-vocabulary"},
    {GateCheck::kBelowK, "below-k"},
    {GateCheck::kWithheldColumn, "withheld-column"},
    {GateCheck::kSmallCount, "small-count"},
};

int FindColumn(const Table& t, const std::string& name) {
  for (size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c] == name) return static_cast<int>(c);
  return -1;
}

std::optional<int64_t> AsCount(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string CrimeId(const PublicRelease& r, size_t row) {
  return row < r.crime_ids.size() ? r.crime_ids[row] : "row " + std::to_string(row + 1);
}

void CheckSummaries(const PublicRelease& r, const Detector& detector, const GateOptions& opt,
                    std::vector<Refusal>& out) {
  const int col = FindColumn(r.details, r.summary_column);
  if (col < 0) return;
  for (size_t i = 0; i < r.details.rows.size(); ++i) {
    const std::string& text = r.details.rows[i][static_cast<size_t>(col)];
    for (const PiiFinding& f : detector.Detect(text)) {
      if (f.score < opt.min_score) continue;
      out.push_back({GateCheck::kSummaryFinding, CrimeId(r, i),
                     std::string(PiiTypeName(f.type)) + " (recogniser " + f.recogniser +
                         ") at bytes " + std::to_string(f.start) + "-" + std::to_string(f.end)});
    }
    if (opt.schema == nullptr) continue;
    const auto outside = WordsOutsideVocabulary(*opt.schema, text);
    if (!outside.empty())
      out.push_back({GateCheck::kSummaryVocabulary, CrimeId(r, i),
                     std::to_string(outside.size()) + (outside.size() == 1 ? " word" : " words") +
                         " outside the " + opt.schema->name + " vocabulary"});
  }
}

void CheckBelowK(const PublicRelease& r, const DisclosurePolicy& policy, std::vector<Refusal>& out) {
  std::vector<size_t> quasi;
  for (const std::string& q : policy.quasi_identifiers) {
    int c = FindColumn(r.details, q);
    if (c >= 0) quasi.push_back(static_cast<size_t>(c));
  }
  if (quasi.empty()) return;
  // A row whose quasi-identifiers read the marker is suppressed: it belongs
  // to no group and cannot single anyone out.
  auto suppressed = [&](const std::vector<std::string>& row) {
    return policy.suppression == RowSuppression::kMarker &&
           std::any_of(quasi.begin(), quasi.end(), [&](size_t c) { return row[c] == policy.marker; });
  };
  auto key = [&](const std::vector<std::string>& row) {
    std::string k;
    for (size_t c : quasi) k += row[c] + '\x1f';
    return k;
  };
  std::map<std::string, int64_t> sizes;
  for (const auto& row : r.details.rows)
    if (!suppressed(row)) ++sizes[key(row)];
  for (size_t i = 0; i < r.details.rows.size(); ++i) {
    const auto& row = r.details.rows[i];
    if (suppressed(row)) continue;
    const int64_t n = sizes[key(row)];
    if (n < policy.k)
      out.push_back({GateCheck::kBelowK, CrimeId(r, i),
                     "in a group of " + std::to_string(n) + " (k = " + std::to_string(policy.k) +
                         ") and not suppressed"});
  }
}

// The years a detail label covers: "2012" or "2012-2013"; nullopt for
// anything else (a suppressed row's marker).
std::optional<std::pair<int64_t, int64_t>> YearRange(const std::string& s) {
  if (auto y = AsCount(s)) return std::pair{*y, *y};
  const size_t dash = s.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto a = AsCount(s.substr(0, dash)), b = AsCount(s.substr(dash + 1));
  if (!a || !b || *b < *a) return std::nullopt;
  return std::pair{*a, *b};
}

// A hidden count is recoverable from the detail rows when a detail label
// covers it and no other hidden count, and no row is suppressed (a
// suppressed row could belong to any label, so the count is then a range).
void CheckCountsAgainstDetails(const PublicCounts& t, const PublicRelease& r,
                               const DisclosurePolicy& policy, std::vector<Refusal>& out) {
  const int col = FindColumn(r.details, t.detail_column);
  if (col < 0 || t.shown.empty()) return;
  std::map<std::string, int64_t> rows_by_label;
  for (const auto& row : r.details.rows) {
    const std::string& v = row[static_cast<size_t>(col)];
    if (v == policy.marker || !YearRange(v)) return;  // suppressed or unknown: not exact
    ++rows_by_label[v];
  }
  for (size_t i = 0; i + 1 < t.shown.size() && i < t.labels.size(); ++i) {
    if (AsCount(t.shown[i])) continue;
    auto year = AsCount(t.labels[i]);
    if (!year) continue;
    for (const auto& [label, n] : rows_by_label) {
      auto range = YearRange(label);
      if (*year < range->first || *year > range->second) continue;
      int hidden_in_range = 0;
      for (size_t j = 0; j + 1 < t.shown.size() && j < t.labels.size(); ++j) {
        auto y = AsCount(t.labels[j]);
        if (y && *y >= range->first && *y <= range->second && !AsCount(t.shown[j])) ++hidden_in_range;
      }
      if (hidden_in_range == 1)
        out.push_back({GateCheck::kSmallCount, t.name + " " + t.labels[i],
                       "is hidden but can be worked out by counting the detail rows of " + label});
    }
  }
}

void CheckCounts(const PublicCounts& t, const CountRules& rules, std::vector<Refusal>& out) {
  if (t.shown.empty()) return;
  const size_t total = t.shown.size() - 1;
  auto label = [&](size_t i) { return t.name + " " + (i < t.labels.size() ? t.labels[i] : "?"); };
  std::vector<size_t> hidden;
  for (size_t i = 0; i < t.shown.size(); ++i) {
    auto v = AsCount(t.shown[i]);
    if (!v) {
      if (i < total) hidden.push_back(i);
      continue;
    }
    if (*v > 0 && *v < rules.threshold)
      out.push_back({GateCheck::kSmallCount, label(i),
                     "shows a figure below the threshold of " + std::to_string(rules.threshold)});
  }
  // Secondary suppression: with the total shown, one hidden figure is the
  // total less the others.
  const bool total_shown = AsCount(t.shown[total]).has_value();
  if (total_shown && hidden.size() == 1)
    out.push_back({GateCheck::kSmallCount, label(hidden[0]),
                   "is hidden but can be worked out from the total and the other figures"});
  if (!total_shown && hidden.empty() && total > 0)
    out.push_back({GateCheck::kSmallCount, label(total),
                   "is hidden but is the sum of the figures shown"});
}

}  // namespace

const char* GateCheckName(GateCheck check) {
  for (const auto& [c, name] : kNames)
    if (c == check) return name;
  return "?";
}

std::optional<GateCheck> GateCheckFromName(const std::string& name) {
  for (const auto& [c, n] : kNames)
    if (name == n) return c;
  return std::nullopt;
}

bool GateResult::passed() const {
  return std::all_of(refusals.begin(), refusals.end(),
                     [](const Refusal& r) { return r.override_by != nullptr; });
}

std::string GateResult::Message() const {
  std::string out;
  for (const Refusal& r : refusals) {
    if (r.override_by) continue;
    const bool crime = r.check == GateCheck::kSummaryFinding ||
                       r.check == GateCheck::kSummaryVocabulary || r.check == GateCheck::kBelowK;
    out += std::string(crime ? "crime " : r.check == GateCheck::kWithheldColumn ? "column " : "") +
           r.subject + ": " + GateCheckName(r.check) + ": " + r.detail + "\n";
  }
  return out;
}

GateResult CheckRelease(const PublicRelease& release, const DisclosurePolicy& policy,
                        const Detector& detector, const GateOptions& options,
                        const std::vector<Override>& overrides) {
  GateResult result;
  auto& out = result.refusals;
  for (const std::string& c : release.details.columns)
    if (std::find(policy.withheld.begin(), policy.withheld.end(), c) != policy.withheld.end())
      out.push_back({GateCheck::kWithheldColumn, c, "is withheld by policy " + policy.name});
  CheckSummaries(release, detector, options, out);
  CheckBelowK(release, policy, out);
  for (const PublicCounts& t : release.counts) {
    CheckCounts(t, policy.counts, out);
    CheckCountsAgainstDetails(t, release, policy, out);
  }
  for (Refusal& r : out)
    for (const Override& o : overrides)
      if (o.check == r.check && o.subject == r.subject && !o.approver.empty() && !o.reason.empty())
        r.override_by = &o;
  return result;
}

}  // namespace foidesk::privacy
