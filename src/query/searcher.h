// Query execution over a Store: rowid sets from in-memory doc values (field
// filters) and from the backend's text index (text terms), combined as
// bitsets; counts by year, financial year or month from doc values; hits
// with highlighted snippets for review. See notes/search-performance.md for
// why nothing here joins rows through SQL.
//
//   Searcher searcher(store);
//   auto query = ParseQuery("offence:71 (video OR web* OR photo*)");
//   auto result = searcher.Search(*query);
//   Buckets by_year = searcher.CountBy(*result, Bucket::kYear);
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"
#include "query/ast.h"
#include "query/compile.h"
#include "query/text.h"
#include "store/store.h"

namespace foidesk::query {

struct SearchOptions {
  enum class Strategy {
    kAuto,   // planner rule: scan texts of narrow candidate sets, else the index
    kIndex,  // always the text index (when the dialect compiles)
    kScan,   // always scan texts with the C++ matcher (the reference path)
  };
  Strategy strategy = Strategy::kAuto;
  // In an AND, the text side is matched by reading the candidates' texts
  // when the field side leaves at most max(scan_rows, scan_fraction * crimes)
  // candidates; otherwise the text index answers it over all crimes.
  // Measured at 1M crimes: reading and matching a text costs 3-5 us, an
  // index hit about 0.1 us, so scanning wins only for a few thousand
  // candidates against a broad text side; hence 0.5%, not 2%.
  double scan_fraction = 0.005;
  size_t scan_rows = 2000;
  // Reading and matching one candidate's text costs about as much as
  // streaming this many hits from the text index (measured: ~4 us against
  // ~0.15 us). An AND of narrow filters and compilable text streams the
  // index until it has cost this much per candidate, then scans instead.
  double index_hits_per_text = 25;
};

struct SearchResult {
  std::vector<int64_t> rowids;        // ascending
  std::vector<std::string> warnings;  // e.g. a filter value no crime has
  std::vector<std::string> plan;      // the steps taken, for --explain and logs
};

enum class Bucket {
  kYear,           // "2014"
  kFinancialYear,  // "2014/15" (1 April to 31 March)
  kMonth,          // "2014-06"
};

// Bucket -> number of crimes, in bucket order.
using Buckets = std::map<std::string, int64_t>;

// Counts rowids by their recorded date (Europe/London local date). A rowid
// not present in `values` is counted under "?".
Buckets CountBy(const DocValues& values, const std::vector<int64_t>& rowids, Bucket by);

struct Hit {
  int64_t rowid = 0;
  std::string key;               // crime key
  std::string snippet;           // matched words in context, in brackets
  std::vector<Span> highlights;  // byte offsets in the crime's text
};

class Searcher {
 public:
  // `store` must outlive the Searcher. Doc values are loaded on first use
  // and kept: build one Searcher for many queries.
  explicit Searcher(Store& store, SearchOptions options = {});
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // (Re)loads doc values, e.g. after an ingest changed the store.
  Status Reload();

  // Runs a query. Fails only when the store fails.
  Result<SearchResult> Search(const Query& query);
  // Parses and runs; a syntax error comes back as Error::InvalidInput.
  Result<SearchResult> Search(std::string_view query_text);

  // Counts a result by recorded date. REQUIRES: `result` came from this
  // Searcher since its last Reload.
  Buckets CountBy(const SearchResult& result, Bucket by) const;

  // The first `limit` hits (by rowid) with crime key and a snippet whose
  // highlights are the query's matched positive terms.
  Result<std::vector<Hit>> Hits(const SearchResult& result, const Query& query, size_t limit,
                                const SnippetOptions& snippet = {});

  // Loaded doc values (loads them if needed).
  Result<const DocValues*> Values();
  const SearchOptions& options() const { return options_; }
  void set_options(const SearchOptions& options) { options_ = options; }

 private:
  class Run;
  Status EnsureLoaded();

  Store& store_;
  SearchOptions options_;
  std::unique_ptr<TextCompiler> compiler_;
  struct Loaded;
  std::unique_ptr<Loaded> loaded_;
};

}  // namespace foidesk::query
