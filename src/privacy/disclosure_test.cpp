// Disclosure control: k-anonymity measurement, least-step generalisation,
// row suppression, withheld columns, hierarchies, small-cell primary and
// secondary suppression, the report's freedom from personal data, policy
// file errors, and the seed's own Q2 under the default policy.
#include "privacy/disclosure.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "model/csv.h"

namespace foidesk::privacy {
namespace {

const std::string kDefaultPolicy = FOIDESK_SOURCE_DIR "/config/disclosure/default.toml";

DisclosurePolicy MustParse(const std::string& text) {
  auto p = ParseDisclosurePolicy(text, "test.toml");
  EXPECT_TRUE(p.ok()) << p.error().message;
  return p.ok() ? *p : DisclosurePolicy{};
}

// A small policy over year and age, year given up first, as tests need.
std::string YearAgePolicy(int k, double max_share, const std::string& mode = "marker") {
  return "name = \"test\"\nk = " + std::to_string(k) +
         "\nquasi_identifiers = [\"year\", \"age\", \"outcome\"]\n"
         "withheld = [\"town\"]\n"
         "generalise_order = [\"year\", \"age\"]\n"
         "subject = \"victims\"\n"
         "[names]\nage = \"victim ages\"\n"
         "[suppression]\nmode = \"" +
         mode + "\"\nmax_share = " + std::to_string(max_share) +
         "\n"
         "[hierarchies.year]\n"
         "levels = [{ name = \"two-year periods\", width = 2, origin = 2014 },\n"
         "          { name = \"any year\", all = \"Any year\" }]\n"
         "[hierarchies.age]\n"
         "keep = [\"Not stated\"]\n"
         "levels = [{ name = \"age bands\", bands = [{ label = \"0-17\", min = 0, max = 17 },\n"
         "  { label = \"18-24\", min = 18, max = 24 }, { label = \"25-34\", min = 25, max = 34 },\n"
         "  { label = \"35-44\", min = 35, max = 44 }, { label = \"45+\", min = 45 }] },\n"
         "  { name = \"any age\", all = \"Any age\" }]\n";
}

Table YearAge(const std::vector<std::pair<std::string, std::string>>& rows) {
  Table t{{"year", "age"}, {}};
  for (const auto& [y, a] : rows) t.rows.push_back({y, a});
  return t;
}

// Levels chosen per column, from the report.
std::map<std::string, int> Levels(const DisclosureReport& r) {
  std::map<std::string, int> out;
  for (const auto& g : r.generalised) out[g.column] = g.level;
  return out;
}

TEST(DisclosureMeasureTest, KClassesAndUniqueness) {
  Table t{{"year", "age", "outcome"},
          {{"2014", "21", "Undetected"},
           {"2014", "21", "Undetected"},
           {"2014", "21", "Undetected"},
           {"2014", "34", "Undetected"},
           {"2014", "34", "Undetected"},
           {"2015", "17", "Charge"}}};
  struct Case {
    std::vector<std::string> quasi;
    int64_t k, classes, unique;
    std::vector<int64_t> sizes;
    std::vector<std::string> missing;
  } cases[] = {
      {{"year", "age", "outcome"}, 1, 3, 1, {3, 3, 3, 2, 2, 1}, {}},
      {{"year"}, 1, 2, 1, {5, 5, 5, 5, 5, 1}, {}},
      {{"age"}, 1, 3, 1, {3, 3, 3, 2, 2, 1}, {}},
      {{"outcome", "town"}, 1, 2, 1, {5, 5, 5, 5, 5, 1}, {"town"}},
      {{}, 6, 1, 0, {6, 6, 6, 6, 6, 6}, {}},
  };
  for (const auto& c : cases) {
    KAnonymity m = Measure(t, c.quasi);
    SCOPED_TRACE(c.quasi.empty() ? "none" : c.quasi[0]);
    EXPECT_EQ(m.k, c.k);
    EXPECT_EQ(m.rows, 6);
    EXPECT_EQ(m.classes, c.classes);
    EXPECT_EQ(m.unique_rows, c.unique);
    EXPECT_EQ(m.class_size, c.sizes);
    EXPECT_EQ(m.missing_columns, c.missing);
  }
  EXPECT_EQ(Measure(t, {"year", "age", "outcome"}).RowsBelow(3), 3);
  EXPECT_EQ(Measure(Table{{"year"}, {}}, {"year"}).k, 0);
}

TEST(DisclosureApplyTest, GeneralisesByTheLeastSteps) {
  DisclosurePolicy p = MustParse(YearAgePolicy(2, 0));
  struct Case {
    const char* name;
    std::vector<std::pair<std::string, std::string>> rows;
    int year, age;
    std::vector<std::vector<std::string>> released;
  } cases[] = {
      // Banding ages is one step; coarsening years (declared first) never
      // separates 21 from 23, so a greedy year-first walk would take three.
      {"age bands",
       {{"2014", "21"}, {"2014", "23"}, {"2015", "40"}, {"2015", "44"}},
       0,
       1,
       {{"2014", "18-24"}, {"2014", "18-24"}, {"2015", "35-44"}, {"2015", "35-44"}}},
      {"year periods",
       {{"2014", "21"}, {"2015", "21"}, {"2016", "40"}, {"2017", "40"}},
       1,
       0,
       {{"2014-2015", "21"}, {"2014-2015", "21"}, {"2016-2017", "40"}, {"2016-2017", "40"}}},
      // Either single step reaches k: the column declared first goes.
      {"tie to declared order",
       {{"2014", "21"}, {"2014", "23"}, {"2015", "21"}, {"2015", "23"}},
       1,
       0,
       {{"2014-2015", "21"}, {"2014-2015", "23"}, {"2014-2015", "21"}, {"2014-2015", "23"}}},
      // Both columns one step (height 2) beats age to the top (also 2)
      // only by the tie-break; "Not stated" is kept at every level.
      {"two steps",
       {{"2014", "21"},
        {"2015", "23"},
        {"2016", "40"},
        {"2017", "44"},
        {"2016", "Not stated"},
        {"2017", "Not stated"}},
       1,
       1,
       {{"2014-2015", "18-24"},
        {"2014-2015", "18-24"},
        {"2016-2017", "35-44"},
        {"2016-2017", "35-44"},
        {"2016-2017", "Not stated"},
        {"2016-2017", "Not stated"}}},
      {"already k-anonymous",
       {{"2014", "21"}, {"2014", "21"}},
       0,
       0,
       {{"2014", "21"}, {"2014", "21"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = ApplyPolicy(YearAge(c.rows), p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(Levels(r->report), (std::map<std::string, int>{{"year", c.year}, {"age", c.age}}));
    EXPECT_EQ(r->table.rows, c.released);
    EXPECT_EQ(r->report.rows_suppressed, 0);
    EXPECT_GE(r->report.after.k, 2);
    EXPECT_EQ(Measure(r->table, {"year", "age"}).k, r->report.after.k);
  }
}

TEST(DisclosureApplyTest, SuppressesWhatGeneralisingCannotProtect) {
  // outcome has no hierarchy: the only Charge stays unique at every level.
  Table t{{"year", "age", "outcome", "summary"},
          {{"2014", "21", "Undetected", "Threat to post video"},
           {"2014", "23", "Undetected", "Threat to send images"},
           {"2014", "40", "Charge", "Threat to email employer"}}};
  for (std::string mode : {"marker", "drop"}) {
    SCOPED_TRACE(mode);
    auto r = ApplyPolicy(t, MustParse(YearAgePolicy(2, 0, mode)));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(Levels(r->report), (std::map<std::string, int>{{"year", 0}, {"age", 1}}));
    EXPECT_EQ(r->report.rows_suppressed, 1);
    EXPECT_EQ(r->report.before.k, 1);
    EXPECT_EQ(r->report.after.k, 2);
    EXPECT_EQ(r->report.after.rows, 2);
    std::vector<std::vector<std::string>> want = {
        {"2014", "18-24", "Undetected", "Threat to post video"},
        {"2014", "18-24", "Undetected", "Threat to send images"}};
    if (mode == "marker")
      want.push_back({"Suppressed", "Suppressed", "Suppressed", "Threat to email employer"});
    EXPECT_EQ(r->table.rows, want);
    EXPECT_EQ(r->report.rows_out, mode == "marker" ? 3 : 2);
  }
  auto sentences = ReportSentences(ApplyPolicy(t, MustParse(YearAgePolicy(2, 0))).value().report);
  EXPECT_EQ(sentences,
            (std::vector<std::string>{
                "Victim ages are given as age bands because exact victim ages would have left 3 "
                "victims in groups of fewer than 2 sharing the same details.",
                "In one row the year, victim ages and outcome are shown as \"Suppressed\" because, "
                "even when grouped, they would have identified the victims concerned."}));

  auto refused = ApplyPolicy(t, MustParse(YearAgePolicy(2, 0, "none")));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "k = 2 cannot be reached without suppressing 1 rows, and test.toml sets "
            "suppression.mode = \"none\"");
}

TEST(DisclosureApplyTest, SuppressionShareTradesAgainstCoarsening) {
  Table t = YearAge({{"2014", "21"},
                     {"2014", "21"},
                     {"2014", "21"},
                     {"2014", "22"},
                     {"2014", "22"},
                     {"2014", "22"},
                     {"2015", "40"}});
  // 1 row in 7 may be suppressed at 20%: nothing is coarsened.
  auto lax = ApplyPolicy(t, MustParse(YearAgePolicy(3, 0.2)));
  ASSERT_TRUE(lax.ok()) << lax.error().message;
  EXPECT_EQ(Levels(lax->report), (std::map<std::string, int>{{"year", 0}, {"age", 0}}));
  EXPECT_EQ(lax->report.rows_suppressed, 1);
  EXPECT_EQ(lax->report.after.k, 3);
  // None may be: every row is coarsened to the top of both hierarchies'
  // cheapest combination that protects the 2015 row.
  auto strict = ApplyPolicy(t, MustParse(YearAgePolicy(3, 0)));
  ASSERT_TRUE(strict.ok()) << strict.error().message;
  EXPECT_EQ(Levels(strict->report), (std::map<std::string, int>{{"year", 1}, {"age", 2}}));
  EXPECT_EQ(strict->report.rows_suppressed, 0);
  EXPECT_EQ(strict->report.after.k, 7);
}

TEST(DisclosureApplyTest, WithheldColumnIsAbsent) {
  Table t{{"year", "town", "age"},
          {{"2014", "Wymondham", "21"}, {"2014", "Diss", "21"}, {"2014", "Cromer", "21"}}};
  auto r = ApplyPolicy(t, MustParse(YearAgePolicy(2, 0)));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->table.columns, (std::vector<std::string>{"year", "age"}));
  for (const auto& row : r->table.rows) EXPECT_EQ(row, (std::vector<std::string>{"2014", "21"}));
  EXPECT_EQ(r->report.withheld_columns, std::vector<std::string>{"town"});
  EXPECT_EQ(r->report.quasi_identifiers, (std::vector<std::string>{"year", "age"}));
  EXPECT_EQ(r->report.quasi_identifiers_absent, std::vector<std::string>{"outcome"});
  EXPECT_EQ(ReportSentences(r->report),
            (std::vector<std::string>{
                "Town are not given because, with the other details, they could identify victims.",
                "Every combination of year and victim ages is shared by at least 2 victims, so "
                "they are given as recorded."}));
}

TEST(DisclosureApplyTest, RefusesValuesAndTablesItCannotHandle) {
  DisclosurePolicy p = MustParse(YearAgePolicy(2, 0));
  struct Case {
    Table table;
    const char* error;
  } cases[] = {
      {YearAge({{"2014", "21"}, {"2014", "twenty"}}),
       "age: row 2: cannot be generalised to 'age bands': not a whole number and not in keep"},
      {YearAge({{"2014", "-3"}}),
       "age: row 1: cannot be generalised to 'age bands': outside every band"},
      {YearAge({{"circa 2014", "21"}}),
       "year: row 1: cannot be generalised to 'two-year periods': not a whole number and not in "
       "keep"},
      {Table{{"year", "year"}, {}}, "table: column 'year' appears twice"},
      {Table{{"year", "age"}, {{"2014"}}}, "table: row 1 has 1 fields, expected 2"},
  };
  for (const auto& c : cases) {
    auto r = ApplyPolicy(c.table, p);
    ASSERT_FALSE(r.ok()) << c.error;
    EXPECT_EQ(r.error().message, c.error);
  }
  // A level that splits a group of the level below is refused.
  DisclosurePolicy bad = MustParse(
      "name = \"t\"\nk = 2\nquasi_identifiers = [\"age\"]\ngeneralise_order = [\"age\"]\n"
      "[hierarchies.age]\nlevels = [\n"
      "  { name = \"tens\", bands = [{ label = \"10-19\", min = 10, max = 19 }, "
      "{ label = \"20-29\", min = 20, max = 29 }] },\n"
      "  { name = \"odd\", bands = [{ label = \"10-14\", min = 10, max = 14 }, "
      "{ label = \"15-29\", min = 15, max = 29 }] }]\n");
  auto r = ApplyPolicy(Table{{"age"}, {{"12"}, {"17"}}}, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(
      r.error().message,
      "age: level 'odd' is not a coarsening of level 'tens' (one group is split between two)");
}

TEST(DisclosureHierarchyTest, DefaultPolicyBoundaries) {
  auto p = LoadDisclosurePolicy(kDefaultPolicy);
  ASSERT_TRUE(p.ok()) << p.error().message;
  struct Case {
    const char* column;
    const char* value;
    int level;
    const char* want;  // or the error, prefixed "!"
  } cases[] = {
      {"victim_age", "0", 1, "0-15"},
      {"victim_age", "15", 1, "0-15"},
      {"victim_age", "16", 1, "16-17"},
      {"victim_age", "17", 1, "16-17"},
      {"victim_age", "18", 1, "18-24"},
      {"victim_age", "24", 1, "18-24"},
      {"victim_age", "25", 1, "25-34"},
      {"victim_age", "34", 1, "25-34"},
      {"victim_age", "35", 1, "35-44"},
      {"victim_age", "44", 1, "35-44"},
      {"victim_age", "45", 1, "45-54"},
      {"victim_age", "54", 1, "45-54"},
      {"victim_age", "55", 1, "55+"},
      {"victim_age", "104", 1, "55+"},
      {"victim_age", "Not stated", 1, "Not stated"},
      {"victim_age", "Not stated", 3, "Not stated"},
      {"victim_age", "17", 2, "0-17"},
      {"victim_age", "18", 2, "18-34"},
      {"victim_age", "17", 3, "Under 18"},
      {"victim_age", "18", 3, "18 and over"},
      {"victim_age", "17", 0, "17"},
      {"victim_age", "-1", 1, "!outside every band"},
      {"victim_age", "17 ", 1, "!not a whole number and not in keep"},
      {"victim_age", "", 1, "!not a whole number and not in keep"},
      {"victim_age", "17", 4, "!no level 4 (the hierarchy has 3)"},
      {"year", "2015", 1, "2014-2015"},
      {"year", "2013", 1, "2012-2013"},
      {"year", "2013", 2, "2012-2015"},
      {"date", "2015-03-17", 1, "2015-03"},
      {"date", "2015-03-17", 2, "2015"},
      {"date", "17/03/2015", 1, "!not a date (YYYY-MM-DD)"},
      {"outcome", "Caution – Youth", 1, "Offender dealt with"},
      {"outcome", "Undetected", 1, "No further action"},
      {"outcome", "Under investigation", 1, "Other outcome"},
      {"outcome", "Charge", 2, "Any outcome"},
      {"town", "Gorleston", 1, "Great Yarmouth"},
      {"town", "Atlantis", 1, "Other district"},
      {"town", "Diss", 2, "Norfolk"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.column) + " " + c.value);
    auto v = GeneraliseValue(c.value, p->hierarchies.at(c.column), c.level);
    if (c.want[0] == '!') {
      ASSERT_FALSE(v.ok());
      EXPECT_EQ(v.error().message, c.want + 1);
    } else {
      ASSERT_TRUE(v.ok()) << v.error().message;
      EXPECT_EQ(*v, c.want);
    }
  }
}

// An independent check of a two-way table with margins: after flipping
// signs, its equations are those of the bipartite graph whose nodes are the
// rows and columns (margins included) and whose edges are the withheld
// figures; a withheld figure is determined exactly when its edge lies on no
// cycle (a bridge). Returns how many are.
int DerivableFigures(const std::vector<std::vector<CellState>>& st) {
  const int R = static_cast<int>(st.size()), C = static_cast<int>(st[0].size());
  auto hidden = [&](int r, int c) { return st[r][c] != CellState::kShown; };
  int derivable = 0;
  for (int r0 = 0; r0 < R; ++r0)
    for (int c0 = 0; c0 < C; ++c0) {
      if (!hidden(r0, c0)) continue;
      // Is column c0 reachable from row r0 without the edge (r0, c0)?
      std::vector<bool> row_seen(R), col_seen(C);
      std::vector<std::pair<bool, int>> pending = {{true, r0}};
      row_seen[r0] = true;
      while (!pending.empty()) {
        auto [is_row, n] = pending.back();
        pending.pop_back();
        for (int m = 0; m < (is_row ? C : R); ++m) {
          int r = is_row ? n : m, c = is_row ? m : n;
          if (!hidden(r, c) || (r == r0 && c == c0)) continue;
          if (is_row && !col_seen[c]) col_seen[c] = true, pending.push_back({false, c});
          if (!is_row && !row_seen[r]) row_seen[r] = true, pending.push_back({true, r});
        }
      }
      derivable += !col_seen[c0];
    }
  return derivable;
}

TEST(DisclosureCountsTest, AuditProtectsWhatPairsPerLineMiss) {
  // Found by the random test below: after every line has two withheld
  // figures, one still links two separate groups and the margins fix it;
  // the audit adds a partner.
  CountTable t{"T",
               "Row",
               {"r0", "r1", "r2", "r3", "r4"},
               {"c0", "c1", "c2", "c3"},
               {{4, 26, 4, 32}, {31, 5, 34, 1}, {34, 3, 1, 3}, {24, 27, 1, 35}, {0, 27, 31, 0}}};
  auto out = SuppressCounts(t, CountRules{5, "*"});
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_FALSE(out->report.recoverable);
  EXPECT_EQ(DerivableFigures(out->state), 0);
  EXPECT_EQ(out->report.primary, 7);
}

TEST(DisclosureCountsTest, OneDimensionWithTotal) {
  struct Case {
    std::vector<int64_t> counts;
    std::vector<std::string> shown;  // cells then total
    int64_t primary, secondary;
  } cases[] = {
      {{12, 3, 20, 9}, {"12", "*", "20", "*", "44"}, 1, 1},
      // The seed's Q1: three small counts protect each other.
      {{3, 1, 2, 23, 39}, {"*", "*", "*", "23", "39", "68"}, 3, 0},
      // A zero is left as 0 and is a poor partner: the 30 is withheld.
      {{0, 2, 30}, {"0", "*", "*", "32"}, 1, 1},
      {{7, 2}, {"*", "*", "9"}, 1, 1},
      // One row: the total is the cell, so both go.
      {{3}, {"*", "*"}, 2, 0},
      {{8}, {"8", "8"}, 0, 0},
      {{5, 6}, {"5", "6", "11"}, 0, 0},
  };
  for (const auto& c : cases) {
    CountTable t{"Q1", "Year", {}, {"Number of Crimes"}, {}};
    for (size_t i = 0; i < c.counts.size(); ++i) {
      t.row_labels.push_back(std::to_string(2011 + i));
      t.counts.push_back({c.counts[i]});
    }
    auto r = SuppressCounts(t, CountRules{5, "*"});
    ASSERT_TRUE(r.ok()) << r.error().message;
    std::vector<std::string> shown;
    for (const auto& row : r->table.rows) shown.push_back(row[1]);
    SCOPED_TRACE(::testing::PrintToString(c.counts));
    EXPECT_EQ(shown, c.shown);
    EXPECT_EQ(r->table.columns, (std::vector<std::string>{"Year", "Number of Crimes"}));
    EXPECT_EQ(r->table.rows.back()[0], "Total");
    EXPECT_EQ(r->report.primary, c.primary);
    EXPECT_EQ(r->report.secondary, c.secondary);
    EXPECT_FALSE(r->report.recoverable);

    // Arithmetic: the total minus the shown cells is what the hidden cells
    // share. With two or more hidden, each small one has several values
    // consistent with everything published.
    if (shown.back() != "*") {
      int64_t rest = std::stoll(shown.back());
      int hidden = 0;
      for (size_t i = 0; i < c.counts.size(); ++i)
        if (shown[i] == "*")
          ++hidden;
        else
          rest -= std::stoll(shown[i]);
      for (size_t i = 0; i < c.counts.size(); ++i) {
        if (shown[i] != "*" || c.counts[i] >= 5) continue;
        std::set<int64_t> consistent;  // values the hidden cell could take
        for (int64_t v = 0; v <= rest; ++v)
          if (hidden >= 2 || v == rest) consistent.insert(v);
        EXPECT_GE(consistent.size(), 2u) << "cell " << i << " is recoverable from the total";
      }
    }
  }
}

TEST(DisclosureCountsTest, TwoDimensionsWithMargins) {
  CountTable t{"Q3",
               "Year",
               {"2014", "2015", "2016"},
               {"Charge", "Undetected", "Caution"},
               {{2, 10, 8}, {6, 12, 7}, {9, 11, 6}}};
  auto r = SuppressCounts(t, CountRules{5, "*"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->table.columns,
            (std::vector<std::string>{"Year", "Charge", "Undetected", "Caution", "Total"}));
  EXPECT_EQ(r->table.rows,
            (std::vector<std::vector<std::string>>{{"2014", "*", "10", "*", "20"},
                                                   {"2015", "*", "12", "*", "25"},
                                                   {"2016", "9", "11", "6", "26"},
                                                   {"Total", "17", "33", "21", "71"}}));
  EXPECT_EQ(r->report.primary, 1);
  EXPECT_EQ(r->report.secondary, 3);
  EXPECT_EQ(r->report.cells, 16);
  EXPECT_FALSE(r->report.recoverable);
  EXPECT_EQ(DerivableFigures(r->state), 0);
  // Arithmetic: moving one crime around the hidden rectangle keeps every
  // published total, so the 2 could as well be a 3 (or 0, 1, ...).
  std::vector<std::vector<int64_t>> other = t.counts;
  other[0][0] += 1, other[0][2] -= 1, other[1][0] -= 1, other[1][2] += 1;
  for (int i = 0; i < 3; ++i) {
    int64_t row = 0, row_other = 0, col = 0, col_other = 0;
    for (int j = 0; j < 3; ++j) {
      row += t.counts[i][j], row_other += other[i][j];
      col += t.counts[j][i], col_other += other[j][i];
    }
    EXPECT_EQ(row, row_other);
    EXPECT_EQ(col, col_other);
  }
  EXPECT_NE(other[0][0], t.counts[0][0]);

  // A small margin is itself withheld, with partners in its own line.
  CountTable small{"Q4", "Year", {"2014", "2015"}, {"A", "B"}, {{1, 1}, {20, 30}}};
  auto s = SuppressCounts(small, CountRules{5, "*"});
  ASSERT_TRUE(s.ok()) << s.error().message;
  // The 2 (row total) needs a partner in the row-total column: the 50,
  // which then needs partners in its own row.
  EXPECT_EQ(s->table.rows,
            (std::vector<std::vector<std::string>>{
                {"2014", "*", "*", "*"}, {"2015", "*", "*", "*"}, {"Total", "21", "31", "52"}}));
  EXPECT_EQ(s->report.primary, 3);
  EXPECT_EQ(s->report.secondary, 3);
  EXPECT_EQ(s->report.totals_withheld, 2);
  EXPECT_EQ(DerivableFigures(s->state), 0);
  EXPECT_FALSE(s->report.recoverable);
}

// Many two-way tables: no line (a row or column with its total) is left
// with exactly one withheld figure, and the audit finds nothing derivable.
TEST(DisclosureCountsTest, RandomTablesAreProtected) {
  uint64_t seed = 12345;
  auto next = [&](int n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<int>((seed >> 33) % n);
  };
  for (int trial = 0; trial < 300; ++trial) {
    CountTable t{"T", "Row", {}, {}, {}};
    int rows = 1 + next(5), cols = 1 + next(5);
    for (int c = 0; c < cols; ++c) t.column_labels.push_back("c" + std::to_string(c));
    for (int r = 0; r < rows; ++r) {
      t.row_labels.push_back("r" + std::to_string(r));
      t.counts.emplace_back();
      for (int c = 0; c < cols; ++c) t.counts[r].push_back(next(3) == 0 ? next(5) : next(40));
    }
    auto out = SuppressCounts(t, CountRules{5, "*"});
    ASSERT_TRUE(out.ok()) << out.error().message;
    SCOPED_TRACE(::testing::PrintToString(t.counts));
    EXPECT_FALSE(out->report.recoverable);
    if (cols > 1) {
      EXPECT_EQ(DerivableFigures(out->state), 0);
    }
    const auto& st = out->state;
    const size_t R = st.size(), C = st[0].size();
    for (size_t r = 0; r < R; ++r) {
      int hidden = 0;
      for (size_t c = 0; c < C; ++c) hidden += st[r][c] != CellState::kShown;
      if (C > 1) {
        EXPECT_NE(hidden, 1) << "row " << r;
      }
    }
    for (size_t c = 0; c < C; ++c) {
      int hidden = 0;
      for (size_t r = 0; r < R; ++r) hidden += st[r][c] != CellState::kShown;
      EXPECT_NE(hidden, 1) << "column " << c;
    }
    for (size_t r = 0; r + 1 < R; ++r)
      for (size_t c = 0; c < static_cast<size_t>(cols); ++c)
        if (t.counts[r][c] > 0 && t.counts[r][c] < 5) {
          EXPECT_EQ(st[r][c], CellState::kPrimary);
        }
  }
}

TEST(DisclosureCountsTest, RefusesMalformedTables) {
  struct Case {
    CountTable table;
    const char* error;
  } cases[] = {
      {{"Q1", "Year", {"2014"}, {}, {{}}}, "count table Q1: no columns"},
      {{"Q1", "Year", {}, {"N"}, {}}, "count table Q1: no rows"},
      {{"Q1", "Year", {"2014"}, {"N"}, {{1}, {2}}},
       "count table Q1: 1 row labels but 2 rows of counts"},
      {{"Q1", "Year", {"2014", "2015"}, {"N"}, {{1}, {2, 3}}},
       "count table Q1: row 2 has 2 counts, expected 1"},
      {{"Q1", "Year", {"2014"}, {"N"}, {{-1}}}, "count table Q1: row 1 has a negative count"},
  };
  for (const auto& c : cases) {
    auto r = SuppressCounts(c.table, CountRules{});
    ASSERT_FALSE(r.ok()) << c.error;
    EXPECT_EQ(r.error().message, c.error);
  }
}

std::vector<std::vector<std::string>> ReadSeedQ2() {
  std::ifstream in(FOIDESK_SOURCE_DIR "/tests/golden/q2-details.csv", std::ios::binary);
  EXPECT_TRUE(in) << "cannot read the seed's Q2";
  CsvReader reader(in);
  CsvRecord rec;
  std::vector<std::vector<std::string>> rows;
  bool header = true;
  while (reader.Next(rec)) {
    if (header) {
      header = false;
      continue;
    }
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    EXPECT_EQ(rec.fields.size(), 4u) << "line " << rec.line;
    for (auto& f : rec.fields)
      if (!f.empty() && f.back() == '\r') f.pop_back();
    rows.push_back(rec.fields);
  }
  return rows;
}

Table SeedQ2() { return Table{{"year", "summary", "outcome", "victim_age"}, ReadSeedQ2()}; }

// Every string in the JSON document, keys included.
void Strings(const nlohmann::json& j, std::set<std::string>& out) {
  if (j.is_string()) out.insert(j.get<std::string>());
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) {
      out.insert(it.key());
      Strings(it.value(), out);
    }
  if (j.is_array())
    for (const auto& e : j) Strings(e, out);
}

// Keys under which the report may hold a number: every number it holds is
// a count, a level index or a policy setting, never a cell value.
const std::set<std::string> kNumberKeys = {
    "below_k_before",  "cells",      "classes",   "distinct_after",
    "distinct_before", "in",         "k",         "lattice_nodes",
    "level",           "levels",     "max_share", "out",
    "primary",         "required",   "rows",      "rows_at_risk_if_exact",
    "secondary",       "suppressed", "threshold", "totals_withheld",
    "unique_rows"};

void ExpectNumbersAreCounts(const nlohmann::json& j, const std::string& key) {
  if (j.is_number()) {
    EXPECT_TRUE(kNumberKeys.count(key)) << "a number under " << key;
  }
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) ExpectNumbersAreCounts(it.value(), it.key());
  if (j.is_array())
    for (const auto& e : j) ExpectNumbersAreCounts(e, key);
}

// No input value of a non-count column appears in the report or the
// sentences. Text values may not appear inside any string. Numeric values
// (ages, years) cannot be told from counts by their digits, so they may not
// be a whole JSON string, and with `strict` (tables built so no count
// coincides with a value) not a bare number or word either; every JSON
// number must sit under a count key.
void ExpectNoValues(const Table& input, const DisclosureReport& report, bool strict) {
  const std::string text = ReportJson(report);
  nlohmann::json j = nlohmann::json::parse(text);
  ExpectNumbersAreCounts(j, "");
  std::set<std::string> strings;
  Strings(j, strings);
  std::vector<std::string> sentences = ReportSentences(report);
  std::set<std::string> values;
  for (const auto& row : input.rows) values.insert(row.begin(), row.end());
  for (const std::string& v : values) {
    if (v.empty()) continue;
    bool numeric = std::all_of(v.begin(), v.end(), [](char c) { return isdigit(c); });
    if (numeric && !strict) {
      EXPECT_EQ(strings.count(v), 0u) << v << " is a string in the report";
      continue;
    }
    for (const std::string& s : strings)
      EXPECT_EQ(s.find(v), std::string::npos) << v << " in " << s;
    for (const std::string& s : sentences)
      EXPECT_EQ(s.find(v), std::string::npos) << v << " in " << s;
    EXPECT_EQ(text.find(v), std::string::npos) << v << " appears in the report";
  }
}

TEST(DisclosureReportTest, HoldsNoCellValue) {
  Table t{
      {"year", "town", "age", "outcome", "summary", "crime_ref"},
      {{"2014", "Wymondham", "21", "Undetected", "Threat to post video to Facebook", "NC/123/14"},
       {"2014", "Diss", "23", "Undetected", "Threat to send images to employer", "NC/124/14"},
       {"2015", "Cromer", "47", "Charge", "Threat to email partner", "NC/125/15"},
       {"2015", "Holt", "Not stated", "Undetected", "Jane Smith threatened online", "NC/126/15"}}};
  auto r = ApplyPolicy(t, MustParse(YearAgePolicy(2, 0)));
  ASSERT_TRUE(r.ok()) << r.error().message;
  CountTable counts{"Q1", "Year", {"2014", "2015"}, {"Number of Crimes"}, {{2}, {2}}};
  auto c = SuppressCounts(counts, CountRules{5, "*"});
  ASSERT_TRUE(c.ok()) << c.error().message;
  r->report.count_tables.push_back(c->report);
  ExpectNoValues(t, r->report, /*strict=*/true);
  // Byte-stable, and with keys in sorted order.
  std::string json = ReportJson(r->report);
  EXPECT_EQ(json, ReportJson(r->report));
  EXPECT_EQ(json, nlohmann::json::parse(json).dump(2) + "\n");

  auto seed = ApplyPolicy(SeedQ2(), LoadDisclosurePolicy(kDefaultPolicy).value());
  ASSERT_TRUE(seed.ok()) << seed.error().message;
  ExpectNoValues(SeedQ2(), seed->report, /*strict=*/false);
}

TEST(DisclosureReportTest, JsonLayout) {
  Table t = YearAge({{"2014", "21"}, {"2014", "23"}, {"2015", "40"}, {"2015", "44"}});
  auto r = ApplyPolicy(t, MustParse(YearAgePolicy(2, 0)));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(ReportJson(r->report), R"({
  "columns": {
    "generalise_order": [
      "year",
      "age"
    ],
    "quasi_identifiers": [
      "year",
      "age"
    ],
    "quasi_identifiers_absent": [
      "outcome"
    ],
    "withheld": []
  },
  "count_tables": [],
  "generalised": [
    {
      "column": "year",
      "distinct_after": 2,
      "distinct_before": 2,
      "level": 0,
      "level_name": "as recorded",
      "levels": 2,
      "one_value": false,
      "rows_at_risk_if_exact": 0
    },
    {
      "column": "age",
      "distinct_after": 2,
      "distinct_before": 4,
      "level": 1,
      "level_name": "age bands",
      "levels": 2,
      "one_value": false,
      "rows_at_risk_if_exact": 4
    }
  ],
  "k": {
    "after": {
      "classes": 2,
      "k": 2,
      "rows": 4,
      "unique_rows": 0
    },
    "before": {
      "classes": 4,
      "k": 1,
      "rows": 4,
      "unique_rows": 4
    },
    "required": 2
  },
  "lattice_nodes": 9,
  "policy": {
    "counts": {
      "marker": "*",
      "threshold": 5
    },
    "file": "test.toml",
    "k": 2,
    "name": "test",
    "suppression": {
      "marker": "Suppressed",
      "max_share": 0.0,
      "mode": "marker"
    }
  },
  "rows": {
    "below_k_before": 4,
    "in": 4,
    "out": 4,
    "suppressed": 0,
    "suppressed_reason": ""
  }
}
)");
}

TEST(DisclosurePolicyTest, DefaultPolicyLoads) {
  auto p = LoadDisclosurePolicy(kDefaultPolicy);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->name, "default");
  EXPECT_EQ(p->k, 3);
  EXPECT_EQ(p->withheld, std::vector<std::string>{"town"});
  EXPECT_EQ(p->generalise_order,
            (std::vector<std::string>{"date", "victim_age", "outcome", "year", "town"}));
  EXPECT_EQ(p->suppression, RowSuppression::kMarker);
  EXPECT_EQ(p->marker, "Suppressed");
  EXPECT_DOUBLE_EQ(p->max_suppressed_share, 0.1);
  EXPECT_EQ(p->counts.threshold, 3);  // = k: see the policy file
  EXPECT_EQ(p->counts.marker, "*");
  EXPECT_EQ(p->hierarchies.at("victim_age").levels.size(), 3u);
  EXPECT_EQ(p->hierarchies.at("victim_age").keep, std::vector<std::string>{"Not stated"});
  EXPECT_EQ(p->DisplayName("victim_age"), "victim ages");
  EXPECT_EQ(p->DisplayName("crime_type"), "crime type");
}

TEST(DisclosurePolicyTest, FileErrorsNameFileKeyAndReason) {
  const std::string head = "name = \"t\"\nk = 3\nquasi_identifiers = [\"age\"]\n";
  const std::string age = "[hierarchies.age]\n";
  struct Case {
    std::string text;
    const char* error;
  } cases[] = {
      {"k = 3\nquasi_identifiers = [\"age\"]\n",
       "test.toml: name: missing (the policy's name, reported with each release)"},
      {"name = \"t\"\nquasi_identifiers = [\"age\"]\n",
       "test.toml: k: missing (the smallest group of rows allowed to share details)"},
      {"name = \"t\"\nk = 1\nquasi_identifiers = [\"age\"]\n",
       "test.toml:2: k: must be at least 2 (k = 1 protects no one)"},
      {"name = \"t\"\nk = \"3\"\nquasi_identifiers = [\"age\"]\n",
       "test.toml:2: k: must be an integer"},
      {"name = \"t\"\nk = 3\n",
       "test.toml: quasi_identifiers: missing (columns that identify in combination)"},
      {"name = \"t\"\nk = 3\nquasi_identifiers = [\"age\", 4]\n",
       "test.toml:3: quasi_identifiers: must be an array of strings"},
      {"name = \"t\"\nk = 3\nquasi_identifiers = [\"age\", \"age\"]\n",
       "test.toml:3: quasi_identifiers: names a column twice"},
      {head + "kay = 4\n",
       "test.toml:4: kay: unknown key (expected one of: name, k, quasi_identifiers, withheld, "
       "generalise_order, subject, names, suppression, counts, hierarchies)"},
      {head + "[suppression]\nmode = \"hide\"\n",
       "test.toml:5: suppression.mode: 'hide' is not marker, drop or none"},
      {head + "[suppression]\nmax_share = 1.5\n",
       "test.toml:5: suppression.max_share: must be a number from 0 to 1"},
      {head + "[counts]\nthreshold = 0\n", "test.toml:5: counts.threshold: must be at least 1"},
      {head + "[counts]\nmarker = \"\"\n", "test.toml:5: counts.marker: must not be empty"},
      {head + "generalise_order = [\"age\"]\n[hierarchies.town]\nlevels = [{ name = \"d\", all = "
              "\"N\" }]\n",
       "test.toml:5: hierarchies.town: is not one of quasi_identifiers"},
      {head + age + "keep = [\"Not stated\"]\n",
       "test.toml:4: hierarchies.age.levels: missing (at least one level)"},
      {head + age + "levels = [{ name = \"b\", all = \"Any\" }]\n",
       "test.toml: generalise_order: missing (the hierarchy columns, the one to coarsen first "
       "first)"},
      {head + "generalise_order = [\"year\"]\n" + age +
           "levels = [{ name = \"b\", all = \"Any\" }]\n",
       "test.toml:4: generalise_order: 'year' has no hierarchy"},
      {head + "generalise_order = []\n" + age + "levels = [{ name = \"b\", all = \"Any\" }]\n",
       "test.toml:4: generalise_order: leaves out 'age', which has a hierarchy"},
      {head + "generalise_order = [\"age\"]\n" + age + "levels = [{ all = \"Any\" }]\n",
       "test.toml:6: hierarchies.age.levels[0].name: missing (e.g. \"age bands\", shown in the "
       "letter)"},
      {head + "generalise_order = [\"age\"]\n" + age + "levels = [{ name = \"b\" }]\n",
       "test.toml:6: hierarchies.age.levels[0]: needs exactly one of bands, width, map, date or "
       "all (found 0)"},
      {head + "generalise_order = [\"age\"]\n" + age +
           "levels = [{ name = \"b\", all = \"A\", width = 5 }]\n",
       "test.toml:6: hierarchies.age.levels[0]: needs exactly one of bands, width, map, date or "
       "all (found 2)"},
      {head + "generalise_order = [\"age\"]\n" + age +
           "levels = [{ name = \"b\", bands = [{ label = \"0-9\", min = 0, max = 9 }, "
           "{ label = \"5-20\", min = 5, max = 20 }] }]\n",
       "test.toml:6: hierarchies.age.levels[0].bands[1].min: overlaps or precedes the band before "
       "(bands ascend without overlap)"},
      {head + "generalise_order = [\"age\"]\n" + age +
           "levels = [{ name = \"b\", bands = [{ label = \"0+\", min = 0 }, "
           "{ label = \"5-20\", min = 5, max = 20 }] }]\n",
       "test.toml:6: hierarchies.age.levels[0].bands[1]: follows an open-ended band (only the "
       "last may omit max)"},
      {head + "generalise_order = [\"age\"]\n" + age +
           "levels = [{ name = \"b\", bands = [{ label = \"9-0\", min = 9, max = 0 }] }]\n",
       "test.toml:6: hierarchies.age.levels[0].bands[0].max: is below min"},
      {head + "generalise_order = [\"age\"]\n" + age +
           "levels = [{ name = \"b\", date = \"week\" }]\n",
       "test.toml:6: hierarchies.age.levels[0].date: 'week' is not month or year"},
      {head + "generalise_order = [\"age\"]\n" + age + "levels = [{ name = \"b\", width = 1 }]\n",
       "test.toml:6: hierarchies.age.levels[0].width: must be at least 2"},
      {head + "generalise_order = [\"age\"]\n" + age +
           "levels = [{ name = \"b\", all = \"A\", other = \"O\" }]\n",
       "test.toml:6: hierarchies.age.levels[0].other: only goes with map"},
      {head + "generalise_order = [\"age\"]\n" + age +
           "levels = [{ name = \"b\", map = { \"x\" = 1 } }]\n",
       "test.toml:6: hierarchies.age.levels[0].map.x: must be a string"},
      {"name = \"t\"\nk = 3 3\n",
       "test.toml:2:7: not valid TOML: Error while parsing key-value pair: expected a "
       "comment or whitespace, saw '3'"},
  };
  for (const auto& c : cases) {
    auto p = ParseDisclosurePolicy(c.text, "test.toml");
    ASSERT_FALSE(p.ok()) << c.error;
    EXPECT_EQ(p.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(p.error().message, c.error);
  }
  auto missing = LoadDisclosurePolicy("/nonexistent/policy.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  EXPECT_EQ(missing.error().message, "/nonexistent/policy.toml: cannot read disclosure policy");
}

TEST(DisclosureSeedTest, SeedQ2MeetsKUnderTheDefaultPolicy) {
  Table q2 = SeedQ2();
  ASSERT_EQ(q2.rows.size(), 68u);
  auto policy = LoadDisclosurePolicy(kDefaultPolicy);
  ASSERT_TRUE(policy.ok()) << policy.error().message;
  const std::vector<std::string> quasi = {"year", "victim_age", "outcome"};
  KAnonymity before = Measure(q2, quasi);
  auto r = ApplyPolicy(q2, *policy);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const DisclosureReport& rep = r->report;
  EXPECT_EQ(rep.quasi_identifiers, quasi);
  EXPECT_EQ(rep.before.k, before.k);
  // For the record: what the default policy does to the seed.
  std::cout << "seed Q2: k before " << before.k << " (" << before.unique_rows << " of "
            << before.rows << " rows unique, " << before.RowsBelow(policy->k)
            << " below k = " << policy->k << "); after " << rep.after.k << " over "
            << rep.after.rows << " rows, " << rep.rows_suppressed << " suppressed\n";
  for (const auto& s : ReportSentences(rep)) std::cout << "  " << s << "\n";
  EXPECT_EQ(before.k, 1);
  EXPECT_EQ(before.unique_rows, 30);
  EXPECT_EQ(rep.after.k, 3);
  // Six rows suppressed keep every outcome as recorded (the requester asked
  // for the "conclusion of the investigation"); at 5% the outcomes went.
  EXPECT_EQ(rep.rows_suppressed, 6);
  EXPECT_EQ(Levels(rep),
            (std::map<std::string, int>{{"year", 1}, {"victim_age", 3}, {"outcome", 0}}));
  EXPECT_GE(rep.after.k, policy->k);
  KAnonymity after = Measure(r->table, quasi);  // suppressed rows form their own class
  std::vector<std::vector<std::string>> kept;
  for (const auto& row : r->table.rows)
    if (row[0] != policy->marker) kept.push_back(row);
  EXPECT_GE(Measure(Table{r->table.columns, kept}, quasi).k, policy->k);
  EXPECT_EQ(after.rows, 68);
  EXPECT_LE(rep.rows_suppressed, 6);  // 10% of 68
}

}  // namespace
}  // namespace foidesk::privacy
