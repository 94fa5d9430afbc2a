#include "tables/tables.h"

#include <algorithm>
#include <set>

#include "model/csv.h"

namespace foidesk::tables {

Result<ResponseTables> BuildTables(const std::vector<int>& years,
                                   const std::map<std::string, int64_t>& counts_by_year,
                                   std::vector<DetailRow> details) {
  std::set<std::string> wanted;
  for (int y : years) wanted.insert(std::to_string(y));
  std::map<std::string, int64_t> rows_by_year;
  for (const auto& d : details) {
    if (!wanted.count(d.year))
      return Error::Mismatch("a relevant crime recorded in " + d.year +
                             " lies outside the requested years");
    if (d.summary.empty())
      return Error::Mismatch("a relevant crime recorded in " + d.year +
                             " has no public summary: add one to its decision");
    ++rows_by_year[d.year];
  }
  for (const auto& [year, n] : counts_by_year)
    if (!wanted.count(year))
      return Error::Mismatch("Q1 counts " + std::to_string(n) + " crimes in " + year +
                             ", outside the requested years");
  ResponseTables t;
  for (int y : years) {
    std::string year = std::to_string(y);
    auto c = counts_by_year.find(year);
    int64_t count = c == counts_by_year.end() ? 0 : c->second;
    int64_t rows = rows_by_year[year];
    if (count != rows)
      return Error::Mismatch("Q1 and Q2 disagree for " + year + ": Q1 counts " +
                             std::to_string(count) + " crimes, Q2 has " + std::to_string(rows) +
                             " rows");
    t.q1.push_back(CountRow{year, count});
    t.total += count;
  }
  std::sort(details.begin(), details.end(), [](const DetailRow& a, const DetailRow& b) {
    if (a.year != b.year) return a.year < b.year;
    if (a.recorded != b.recorded) return a.recorded < b.recorded;
    return a.crime_key < b.crime_key;
  });
  t.q2 = std::move(details);
  return t;
}

std::string Csv(const PublicTable& t) {
  std::string out = CsvLine(t.header);
  for (const auto& r : t.rows) out += CsvLine(r);
  return out;
}

std::string Q1Csv(const ResponseTables& t) {
  std::string out = CsvLine({"Year", "Number of Crimes"});
  for (const auto& r : t.q1) out += CsvLine({r.year, std::to_string(r.count)});
  out += CsvLine({"Total", std::to_string(t.total)});
  return out;
}

std::string Q2Csv(const ResponseTables& t) {
  std::string out = CsvLine({"Year", "Details", "Outcome", "Victim Age"});
  for (const auto& r : t.q2) out += CsvLine({r.year, r.summary, r.outcome, r.victim_age});
  return out;
}

}  // namespace foidesk::tables
