// Disclosure control on released tables, independent of the store: measures
// k-anonymity of a row-per-crime table over its quasi-identifiers, coarsens
// it by a policy's hierarchies (full-domain generalisation, smallest change
// first, as ARX and Samarati do) and suppresses what still stands out;
// withholds small counts in count tables with secondary suppression so no
// withheld cell can be worked out from the totals. Every step is reported
// (disclosure.json and the letter's s40(2) sentences) without personal data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/result.h"
#include "privacy/disclosure_policy.h"

namespace foidesk::privacy {

// A released microdata table: named columns, one row per crime.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

// k-anonymity of a table over a set of quasi-identifier columns.
struct KAnonymity {
  int64_t k = 0;  // smallest class; 0 for a table without rows
  int64_t rows = 0;
  int64_t classes = 0;                       // distinct combinations of the quasi-identifiers
  int64_t unique_rows = 0;                   // rows alone in their class
  std::vector<int64_t> class_size;           // per row, in row order
  std::vector<std::string> missing_columns;  // asked for but not in the table: ignored

  // Rows whose class is smaller than `k_required`.
  int64_t RowsBelow(int64_t k_required) const;
};

KAnonymity Measure(const Table& table, const std::vector<std::string>& quasi);

// `value` at `level` of `h` (0: as recorded; 1: h.levels[0]; ...), or why it
// cannot be generalised. The reason never quotes the value.
Result<std::string> GeneraliseValue(const std::string& value, const Hierarchy& h, int level);

// What happened to one hierarchy column.
struct ColumnGeneralisation {
  std::string column;
  int level = 0;           // 0: as recorded
  std::string level_name;  // "as recorded" or the policy's level name
  int levels = 0;          // levels the hierarchy offers above 0
  bool one_value = false;  // the level gives every row the same value
  int64_t distinct_before = 0;
  int64_t distinct_after = 0;
  // Rows that would be in classes smaller than k had this column been left
  // as recorded (the others as released): why it was coarsened.
  int64_t rows_at_risk_if_exact = 0;
};

// Report on one count table's small-cell suppression.
struct CountTableReport {
  std::string table;  // the caller's name for it, e.g. "Q1"
  int64_t threshold = 0;
  std::string marker;
  int64_t cells = 0;            // published figures, totals included
  int64_t primary = 0;          // small counts withheld
  int64_t secondary = 0;        // withheld so the small ones cannot be worked out
  int64_t totals_withheld = 0;  // of primary + secondary, how many are totals
  bool recoverable = false;     // whether any withheld cell is still exactly derivable
};

// Everything a release did, as counts, column names and level names only:
// never a cell value of any column, never an id.
struct DisclosureReport {
  // The policy used.
  std::string policy_name;
  std::string policy_source;
  int64_t k_required = 0;
  std::string suppression_mode;
  std::string suppression_marker;
  double max_suppressed_share = 0;
  int64_t count_threshold = 0;
  std::string count_marker;

  // Columns.
  std::vector<std::string> quasi_identifiers;         // used: in policy and table
  std::vector<std::string> quasi_identifiers_absent;  // in policy, not in table
  std::vector<std::string> withheld_columns;          // removed from this table
  std::vector<std::string> generalise_order;

  // Rows and k.
  int64_t rows_in = 0;
  int64_t rows_out = 0;
  KAnonymity before;  // class_size is not reported
  KAnonymity after;   // over rows not suppressed
  int64_t rows_below_k_before = 0;
  std::vector<ColumnGeneralisation> generalised;  // in generalise_order
  int64_t rows_suppressed = 0;
  int64_t lattice_nodes = 0;  // generalisation combinations examined

  std::vector<CountTableReport> count_tables;

  // Policy phrases for sentences (not in the JSON twice: they are policy).
  std::string subject;
  std::vector<std::pair<std::string, std::string>> display_names;  // column, phrase
};

struct Released {
  Table table;
  DisclosureReport report;
};

// Withholds the policy's withheld columns, generalises the quasi-identifiers
// to the least-coarsened combination that reaches k (suppressing at most the
// policy's share of rows), then suppresses rows still below k. Fails when a
// value cannot be generalised (reported by column and row number, never by
// value), when a hierarchy is not a coarsening, or when k cannot be reached
// and the policy forbids suppression.
Result<Released> ApplyPolicy(const Table& table, const DisclosurePolicy& policy);

// A count table: one dimension (one column, a Total row) or two (Total row
// and Total column). Totals are computed here from the unrounded counts.
struct CountTable {
  std::string name;        // for the report, e.g. "Q1"
  std::string row_header;  // e.g. "Year"
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;    // one label: one dimension
  std::vector<std::vector<int64_t>> counts;  // [row][column]
  std::string total_label = "Total";
};

enum class CellState { kShown, kPrimary, kSecondary };

struct CountRelease {
  Table table;  // header row_header, columns (, Total); rows then the Total row
  // Per published figure, [row][column] with the Total row/column last.
  std::vector<std::vector<CellState>> state;
  CountTableReport report;
};

Result<CountRelease> SuppressCounts(const CountTable& table, const CountRules& rules);

// disclosure.json: keys sorted, two-space indent, final newline.
std::string ReportJson(const DisclosureReport& report);

// Plain-English sentences for the letter's s40(2) paragraph.
std::vector<std::string> ReportSentences(const DisclosureReport& report);

}  // namespace foidesk::privacy
