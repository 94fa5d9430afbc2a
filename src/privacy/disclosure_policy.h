// Disclosure policies (config/disclosure/*.toml): which columns of a released
// table identify people in combination, how far each may be coarsened, what
// happens to rows that still stand out, and the small-cell rule for count
// tables. Kept as data so a force changes its policy without new code;
// LoadDisclosurePolicy says which file, key and why when a policy is wrong.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"

namespace foidesk::privacy {

// A numeric range [min, max] (max absent: open-ended, "55+").
struct Band {
  std::string label;
  int64_t min = 0;
  std::optional<int64_t> max;
};

// One generalisation level of a column. Every level is defined on the
// original value (not on the previous level), so the file reads directly:
// "age 17 is in 16-17 at level 1 and in 0-17 at level 2".
struct Level {
  enum class Kind {
    kBands,  // integer values into labelled bands
    kWidth,  // integer values into equal ranges "2010-2011" (years)
    kMap,    // a lookup table (town -> district), with an optional catch-all
    kDate,   // ISO date "2015-03-17" to month "2015-03" or year "2015"
    kAll,    // every value becomes one label (the top of a hierarchy)
  };
  std::string name;  // shown in the report and the letter: "age bands"
  Kind kind = Kind::kAll;
  std::vector<Band> bands;                 // kBands
  int64_t width = 0, origin = 0;           // kWidth: ranges start at origin + n*width
  std::map<std::string, std::string> map;  // kMap
  std::optional<std::string> other;        // kMap: label for unmapped values
  bool to_year = false;                    // kDate: year rather than month
  std::string label;                       // kAll
};

// A column's hierarchy: level 0 is the value as recorded, then `levels`.
struct Hierarchy {
  std::vector<std::string> keep;  // values left as they are at every level ("Not stated")
  std::vector<Level> levels;
};

// What happens to rows whose class is still smaller than k.
enum class RowSuppression {
  kMarker,  // the row stays; its quasi-identifiers read `marker`
  kDrop,    // the row is left out
  kNone,    // refuse to release instead
};

// Small-cell rule for count tables: a count c with 0 < c < threshold is
// withheld (primary), and further cells are withheld (secondary) until no
// withheld cell can be worked out from the published totals.
struct CountRules {
  int64_t threshold = 5;
  std::string marker = "*";
};

struct DisclosurePolicy {
  std::string name;    // the policy's own name, reported with each release
  std::string source;  // file it was read from
  int64_t k = 3;
  std::vector<std::string> quasi_identifiers;
  std::vector<std::string> withheld;          // removed from every released table
  std::vector<std::string> generalise_order;  // hierarchy columns, first given up first
  std::map<std::string, Hierarchy> hierarchies;
  RowSuppression suppression = RowSuppression::kMarker;
  std::string marker = "Suppressed";
  double max_suppressed_share = 0;           // rows we may suppress before generalising further
  std::string subject = "people";            // what a row is about, plural, for the letter
  std::map<std::string, std::string> names;  // column -> plural phrase for the letter
  CountRules counts;

  // "victim ages" for victim_age: the policy's phrase, else the column name.
  std::string DisplayName(const std::string& column) const;
};

// Reads and checks a policy file. Errors read "<path>:<line>: <key>: <reason>".
Result<DisclosurePolicy> LoadDisclosurePolicy(const std::string& path);

// As LoadDisclosurePolicy, from text; `source` names it in errors.
Result<DisclosurePolicy> ParseDisclosurePolicy(std::string_view text, const std::string& source);

const char* RowSuppressionName(RowSuppression s);

}  // namespace foidesk::privacy
