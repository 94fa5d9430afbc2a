// disclosure.json and the letter's s40(2) sentences from a DisclosureReport.
// Both are built only from counts, column names and policy wording, so
// neither can carry a cell value; the JSON's keys are sorted (nlohmann's
// default object is a std::map) so the file is byte-stable.
#include <nlohmann/json.hpp>

#include "privacy/disclosure.h"

namespace foidesk::privacy {
namespace {

using nlohmann::json;

json KJson(const KAnonymity& m) {
  return json{{"classes", m.classes}, {"k", m.k}, {"rows", m.rows}, {"unique_rows", m.unique_rows}};
}

// The file name alone: the same policy gives the same JSON on any machine.
std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string JoinAnd(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string Display(const DisclosureReport& r, const std::string& column) {
  for (const auto& [c, phrase] : r.display_names)
    if (c == column) return phrase;
  return column;
}

}  // namespace

std::string ReportJson(const DisclosureReport& r) {
  json generalised = json::array();
  for (const ColumnGeneralisation& g : r.generalised)
    generalised.push_back({{"column", g.column},
                           {"distinct_after", g.distinct_after},
                           {"distinct_before", g.distinct_before},
                           {"level", g.level},
                           {"level_name", g.level_name},
                           {"levels", g.levels},
                           {"one_value", g.one_value},
                           {"rows_at_risk_if_exact", g.rows_at_risk_if_exact}});
  json counts = json::array();
  for (const CountTableReport& c : r.count_tables)
    counts.push_back({{"cells", c.cells},
                      {"marker", c.marker},
                      {"primary", c.primary},
                      {"recoverable", c.recoverable},
                      {"secondary", c.secondary},
                      {"table", c.table},
                      {"threshold", c.threshold},
                      {"totals_withheld", c.totals_withheld}});
  json j = {
      {"policy",
       {{"name", r.policy_name},
        {"file", BaseName(r.policy_source)},
        {"k", r.k_required},
        {"suppression",
         {{"mode", r.suppression_mode},
          {"marker", r.suppression_marker},
          {"max_share", r.max_suppressed_share}}},
        {"counts", {{"threshold", r.count_threshold}, {"marker", r.count_marker}}}}},
      {"columns",
       {{"quasi_identifiers", r.quasi_identifiers},
        {"quasi_identifiers_absent", r.quasi_identifiers_absent},
        {"withheld", r.withheld_columns},
        {"generalise_order", r.generalise_order}}},
      {"k", {{"required", r.k_required}, {"before", KJson(r.before)}, {"after", KJson(r.after)}}},
      {"rows",
       {{"in", r.rows_in},
        {"out", r.rows_out},
        {"below_k_before", r.rows_below_k_before},
        {"suppressed", r.rows_suppressed},
        {"suppressed_reason", r.rows_suppressed > 0
                                  ? "group smaller than k after the least generalisation found"
                                  : ""}}},
      {"generalised", generalised},
      {"lattice_nodes", r.lattice_nodes},
      {"count_tables", counts},
  };
  return j.dump(2) + "\n";
}

std::vector<std::string> ReportSentences(const DisclosureReport& r) {
  std::vector<std::string> out;
  const std::string k = std::to_string(r.k_required);
  bool generalised = false;
  for (const ColumnGeneralisation& g : r.generalised) {
    if (g.level == 0) continue;
    generalised = true;
    const std::string name = Display(r, g.column);
    const std::string why = g.rows_at_risk_if_exact > 0
                                ? " would have left " + std::to_string(g.rows_at_risk_if_exact) +
                                      " " + r.subject + " in groups of fewer than " + k +
                                      " sharing the same details."
                                : "";
    if (g.one_value && !why.empty())
      out.push_back(Capitalised(name) + " are not given because giving them" + why);
    else if (g.one_value)
      out.push_back(Capitalised(name) + " are not given so that at least " + k + " " + r.subject +
                    " share any combination of details.");
    else if (!why.empty())
      out.push_back(Capitalised(name) + " are given as " + g.level_name + " because exact " + name +
                    why);
    else
      out.push_back(Capitalised(name) + " are given as " + g.level_name + " so that at least " + k +
                    " " + r.subject + " share any combination of details.");
  }
  if (!r.withheld_columns.empty()) {
    std::vector<std::string> names;
    for (const std::string& c : r.withheld_columns) names.push_back(Display(r, c));
    out.push_back(Capitalised(JoinAnd(names)) +
                  " are not given because, with the other details, they could identify " +
                  r.subject + ".");
  }
  if (r.rows_suppressed > 0) {
    std::vector<std::string> names;
    for (const std::string& c : r.quasi_identifiers) names.push_back(Display(r, c));
    const std::string rows =
        r.rows_suppressed == 1 ? "one row" : std::to_string(r.rows_suppressed) + " rows";
    if (r.suppression_mode == "drop")
      out.push_back(Capitalised(rows) + (r.rows_suppressed == 1 ? " is" : " are") +
                    " left out because, even when grouped, the details would have identified "
                    "the " +
                    r.subject + " concerned.");
    else
      out.push_back("In " + rows + " the " + JoinAnd(names) + " are shown as \"" +
                    r.suppression_marker +
                    "\" because, even when grouped, they would have identified the " + r.subject +
                    " concerned.");
  }
  if (!generalised && r.rows_suppressed == 0 && !r.quasi_identifiers.empty() && r.rows_in > 0) {
    std::vector<std::string> names;
    for (const std::string& c : r.quasi_identifiers) names.push_back(Display(r, c));
    out.push_back("Every combination of " + JoinAnd(names) + " is shared by at least " + k + " " +
                  r.subject + ", so they are given as recorded.");
  }
  for (const CountTableReport& c : r.count_tables) {
    if (c.primary == 0 && c.secondary == 0) continue;
    std::string s = "In " + c.table + ", ";
    s += c.threshold == 2   ? "figures of 1"
         : c.threshold == 3 ? "figures of 1 and 2"
                            : "figures from 1 to " + std::to_string(c.threshold - 1);
    s += " are shown as \"" + c.marker + "\"";
    if (c.secondary > 0)
      s += ", and " + std::to_string(c.secondary) +
           (c.secondary == 1 ? " further figure is" : " further figures are") +
           " also shown as \"" + c.marker +
           "\" so that the hidden figures cannot be worked out from the totals";
    out.push_back(s + ".");
  }
  return out;
}

}  // namespace foidesk::privacy
