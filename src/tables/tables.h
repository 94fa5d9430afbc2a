// The response's tables, built from one set of relevant crimes: Q1 counts a
// year with a Total row, Q2 one row per crime (year, public summary,
// outcome, victim age). Q1 is counted independently of Q2's rows and the
// two are cross-checked: a mismatch is an error, never a published table.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/result.h"

namespace foidesk::tables {

// One relevant crime as it is to be published, with what sorts it.
struct DetailRow {
  std::string year;
  std::string summary;
  std::string outcome;     // public wording
  std::string victim_age;  // "17" or "Not stated"
  Date recorded;           // sort key within a year; never published
  std::string crime_key;   // tie-break; never published
  std::string town;        // as recorded; published only where the disclosure policy allows
};

struct CountRow {
  std::string year;
  int64_t count = 0;
};

struct ResponseTables {
  std::vector<CountRow> q1;  // one row per requested year, zeros included
  int64_t total = 0;
  std::vector<DetailRow> q2;  // by year, then recorded date, then key
};

// Builds both tables. `counts_by_year` is the independent count of relevant
// crimes per year (e.g. from the search's doc values); `details` the rows.
// REQUIRES: `years` ascending. Fails (kMismatch) when a year's count differs
// from its Q2 rows, when a crime falls outside the requested years, or when
// a relevant crime has no public summary.
Result<ResponseTables> BuildTables(const std::vector<int>& years,
                                   const std::map<std::string, int64_t>& counts_by_year,
                                   std::vector<DetailRow> details);

// A table as published: every cell is text, so a withheld figure ("*"), an
// age band ("18-24") or a suppressed row ("Suppressed") fits.
struct PublicTable {
  std::string name;  // "Q1"
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// CSV of a published table (header row, CRLF).
std::string Csv(const PublicTable& t);

// CSV of the working tables, before disclosure control (header and layout of
// the seed tables, CRLF): staff-only.
std::string Q1Csv(const ResponseTables& t);
std::string Q2Csv(const ResponseTables& t);

}  // namespace foidesk::tables
