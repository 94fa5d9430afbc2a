#include "review/decisions_file.h"

#include <algorithm>
#include <fstream>

#include "model/csv.h"

namespace foidesk::review {
namespace {

const char* const kColumns[] = {"crime_id", "relevant", "reviewer", "summary", "reason"};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

Result<std::vector<Decision>> ReadDecisionsCsv(const std::string& path,
                                               const std::string& request_ref) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot open the decisions file");
  SkipUtf8Bom(in);
  CsvReader reader(in);
  CsvRecord rec;
  std::vector<Decision> out;
  bool header = true;
  size_t columns = std::size(kColumns);
  while (reader.Next(rec)) {
    const std::string where = path + ":" + std::to_string(rec.line);
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;  // blank line
    if (rec.malformed) return Error::InvalidInput(where + ": " + rec.problem);
    if (header) {
      header = false;
      for (size_t i = 0; i < std::size(kColumns); ++i)
        if (i >= rec.fields.size() || Lower(rec.fields[i]) != kColumns[i])
          return Error::InvalidInput(where + ": column " + std::to_string(i + 1) +
                                     ": expected header '" + kColumns[i] + "'");
      if (rec.fields.size() == columns + 1 && Lower(rec.fields[columns]) == "decided_at") {
        ++columns;
      } else if (rec.fields.size() != columns) {
        return Error::InvalidInput(where + ": column " + std::to_string(columns + 1) +
                                   ": expected no more columns, or 'decided_at'");
      }
      continue;
    }
    if (rec.fields.size() != columns)
      return Error::InvalidInput(where + ": expected " + std::to_string(columns) +
                                 " fields, found " + std::to_string(rec.fields.size()));
    Decision d;
    d.request_ref = request_ref;
    d.crime_key = rec.fields[0];
    if (d.crime_key.empty()) return Error::InvalidInput(where + ": column crime_id: empty");
    std::string rel = Lower(rec.fields[1]);
    if (rel == "yes" || rel == "y" || rel == "1" || rel == "true") d.relevant = true;
    else if (rel == "no" || rel == "n" || rel == "0" || rel == "false") d.relevant = false;
    else
      return Error::InvalidInput(where + ": column relevant: expected yes or no, got '" +
                                 rec.fields[1] + "'");
    d.reviewer = rec.fields[2];
    d.summary = rec.fields[3];
    d.reason = rec.fields[4];
    if (columns > 5) d.decided_at = rec.fields[5];
    if (d.relevant && d.summary.empty())
      return Error::InvalidInput(where + ": column summary: a relevant crime needs a public summary");
    out.push_back(std::move(d));
  }
  if (header) return Error::InvalidInput(path + ": empty decisions file");
  return out;
}

std::string DecisionsCsv(const std::vector<Decision>& decisions) {
  std::string out = CsvLine({"crime_id", "relevant", "reviewer", "summary", "reason", "decided_at"});
  for (const auto& d : decisions)
    out += CsvLine({d.crime_key, d.relevant ? "yes" : "no", d.reviewer, d.summary, d.reason,
                    d.decided_at});
  return out;
}

Result<ImportCounts> ImportDecisions(Store& store, const std::vector<Decision>& decisions,
                                     const std::string& path, const std::string& now) {
  ImportCounts n;
  if (auto s = store.Begin(); !s.ok()) return s.error();
  for (const auto& d : decisions) {
    auto id = store.ResolveCrimeId(d.crime_key);
    if (!id.ok() || !id->has_value()) {
      (void)store.Rollback();
      if (!id.ok()) return id.error();
      // The id is a crime number: staff-only, but this message goes to the
      // analyst who wrote the file, not to the public.
      return Error::NotFound(path + ": crime " + d.crime_key + " is not in the store");
    }
    // Decisions are kept under the crime's key, whichever of its ids was given.
    auto keys = store.CrimeKeys({**id});
    if (!keys.ok()) {
      (void)store.Rollback();
      return keys.error();
    }
    Decision stored = d;
    stored.crime_key = (*keys)[0];
    if (stored.decided_at.empty()) stored.decided_at = now;
    if (auto s = store.PutDecision(stored); !s.ok()) {
      (void)store.Rollback();
      return s.error();
    }
    ++n.imported;
    if (d.relevant) ++n.relevant;
  }
  if (auto s = store.Commit(); !s.ok()) return s.error();
  return n;
}

}  // namespace foidesk::review
