#include "cli/bench.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>

#include "ingest/ingest.h"
#include "privacy/pii.h"
#include "privacy/pii_speed.h"
#include "privacy/recognisers.h"
#include "query/parser.h"
#include "query/text.h"
#include "query/searcher.h"
#include "store/sqlite_store.h"
#include "synth/synth.h"

namespace foidesk::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Median wall time in milliseconds of `runs` calls after one warm-up.
double MedianMs(int runs, const std::function<void()>& fn) {
  fn();
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto a = Clock::now();
    fn();
    t.push_back(Seconds(a, Clock::now()) * 1000);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

const char* const kYearSql = "strftime('%Y', recorded_day * 86400, 'unixepoch')";

// Counts by year with one SQL statement; returns the total.
int64_t SqlCountByYear(SqliteStore& store, const std::string& sql, const std::string& match = "") {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return -1;
  if (!match.empty()) sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
  int64_t n = 0;
  while (sqlite3_step(st) == SQLITE_ROW) n += sqlite3_column_int64(st, 1);
  sqlite3_finalize(st);
  return n;
}

// Full scan baseline: SQL over every crime's text, counted by year.
int64_t ScanCount(SqliteStore& store, const std::string& where) {
  return SqlCountByYear(store, std::string("SELECT ") + kYearSql +
                                   ", count(*) FROM crimes WHERE " + where + " GROUP BY 1");
}

// Raw FTS5 joined naively to the crimes table for the filter and the year.
int64_t NaiveJoinCount(SqliteStore& store, const std::string& match, const std::string& filter) {
  return SqlCountByYear(store,
                        std::string("SELECT ") + kYearSql +
                            ", count(*) FROM crime_text JOIN crimes ON crimes.rowid = "
                            "crime_text.rowid WHERE crime_text MATCH ?1" +
                            (filter.empty() ? "" : " AND " + filter) + " GROUP BY 1",
                        match);
}

}  // namespace

Result<std::vector<std::string>> WriteBenchForce(const std::string& dir_name, int64_t crimes) {
  const fs::path dir(dir_name);
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir / "data", ec);
  synth::Options so;
  so.seed = 1;
  so.first_year = 2010;
  so.last_year = 2016;
  so.crimes_per_year = static_cast<int>((crimes + 6) / 7);
  std::cerr << "bench: writing " << so.crimes_per_year * 7 << " synthetic crimes\n";
  auto synth = synth::Generate(so, (dir / "data").string());
  if (!synth.ok()) return synth.error();
  std::vector<std::string> exports;
  for (const auto& f : synth->files) {
    const std::string name = fs::path(f).filename().string();
    if (name.rfind("crs_", 0) == 0 || name.rfind("rms_", 0) == 0) exports.push_back((dir / "data" / name).string());
  }
  std::sort(exports.begin(), exports.end());
  return exports;
}

Status RunBench(const BenchOptions& opt) {
  const fs::path dir(opt.dir);
  std::error_code ec;
  auto t0 = Clock::now();
  auto written = WriteBenchForce(opt.dir, opt.crimes);
  if (!written.ok()) return written.error();
  const std::vector<std::string>& exports = *written;
  auto t1 = Clock::now();
  const std::string db = (dir / "bench.db").string();
  auto store = SqliteStore::Open(db);
  if (!store.ok()) return store.error();
  ingest::Options io;
  io.config_dir = opt.config_dir;
  io.findings_path = (dir / "findings.csv").string();
  auto t2 = Clock::now();
  auto counts = ingest::Ingest(**store, exports, io);
  if (!counts.ok()) return counts.error();
  auto t3 = Clock::now();
  if (auto s = (*store)->Exec("PRAGMA wal_checkpoint(TRUNCATE)"); !s.ok()) return s;
  auto crimes = (*store)->CrimeCount();
  if (!crimes.ok()) return crimes.error();
  int64_t bytes = static_cast<int64_t>(fs::file_size(db, ec));
  int64_t input_bytes = 0;
  for (const auto& f : exports) input_bytes += static_cast<int64_t>(fs::file_size(f, ec));

  std::printf("synthetic force: %lld crimes written in %.1f s\n", static_cast<long long>(*crimes),
              Seconds(t0, t1));
  std::printf("ingest: %lld rows read, %lld crimes in %.1f s = %.0f crimes/s (text index included)\n",
              static_cast<long long>(counts->read), static_cast<long long>(*crimes),
              Seconds(t2, t3), *crimes / Seconds(t2, t3));
  std::printf("store: %.0f bytes per crime (%.1f MB; exports %.1f MB)\n",
              static_cast<double>(bytes) / *crimes, bytes / 1e6, input_bytes / 1e6);

  auto t4 = Clock::now();
  query::Searcher searcher(**store);
  if (auto s = searcher.Reload(); !s.ok()) return s;
  std::printf("doc values loaded in %.0f ms (once per process)\n", Seconds(t4, Clock::now()) * 1000);

  struct Case {
    const char* name;
    const char* query;
    const char* scan_where;
    const char* fts_match;   // the same words as a raw FTS5 query
    const char* sql_filter;  // the field filter for the naive join
  } cases[] = {
      {"(a) FOI query", "offence:71 (video OR web* OR photo*)",
       "(text LIKE '%video%' OR text LIKE '%web%' OR text LIKE '%photo%') AND offence='71'",
       "video OR web* OR photo*", "crimes.offence='71'"},
      {"(b) same words, all crimes", "video OR web* OR photo*",
       "text LIKE '%video%' OR text LIKE '%web%' OR text LIKE '%photo%'", "video OR web* OR photo*",
       ""},
      {"(c) rare word", "befriended", "text LIKE '%befriended%'", "befriended", ""},
      {"(d) phrase", "\"money demanded\"", "text LIKE '%money demanded%'", "\"money demanded\"", ""},
      {"(e) narrow filter, common word", "offence:71 the", "text LIKE '%the%' AND offence='71'", "the",
       "crimes.offence='71'"},
  };
  std::printf(
      "\n| query | hits | foidesk median ms | naive FTS5 join median ms | full scan median ms | "
      "scan / foidesk |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (const auto& c : cases) {
    auto q = query::ParseQuery(c.query);
    if (!q.ok()) return q.error();
    size_t hits = 0;
    double ms = MedianMs(opt.runs, [&] {
      auto r = searcher.Search(*q);
      if (r.ok()) {
        auto by = searcher.CountBy(*r, query::Bucket::kYear);
        hits = r->rowids.size();
        (void)by;
      }
    });
    int64_t join_hits = 0;
    double join_ms = MedianMs(std::max(3, opt.runs / 3),
                              [&] { join_hits = NaiveJoinCount(**store, c.fts_match, c.sql_filter); });
    if (join_hits != static_cast<int64_t>(hits))
      return Error::Internal(std::string("bench: the naive join disagrees on ") + c.query + ": " +
                             std::to_string(join_hits) + " against " + std::to_string(hits));
    double scan_ms = MedianMs(std::max(3, opt.runs / 4), [&] { ScanCount(**store, c.scan_where); });
    std::printf("| %s `%s` | %zu | %.2f | %.1f | %.0f | %.0fx |\n", c.name, c.query, hits, ms,
                join_ms, scan_ms, scan_ms / ms);
    std::fflush(stdout);
  }
  std::printf("\n(scan hits differ from word hits: LIKE matches substrings, the index matches words)\n");
  if (opt.pii_megabytes == 0) return {};

  // PII detection speed on synthetic crime text, beside two references on
  // the same records in the same run: the naive baseline (every pattern on
  // its own plus libphonenumber's matcher over the whole text, as Presidio
  // does) and one pass of the index's tokenizer as a floor.
  auto detector = privacy::Detector::CreateDefault(opt.config_dir);
  if (!detector.ok()) return detector.error();
  auto speed = privacy::MeasurePiiSpeed(*detector, opt.pii_megabytes, /*seed=*/42);
  auto context = privacy::ContextRules::Load(opt.config_dir + "/pii/context.toml");
  if (!context.ok()) return context.error();
  auto pattern_detector = privacy::Detector(privacy::MakePatternRecognisers(), std::move(*context));
  auto pattern_speed = privacy::MeasurePiiSpeed(pattern_detector, opt.pii_megabytes, /*seed=*/42);
  auto naive = privacy::MeasureNaivePiiSpeed(opt.pii_megabytes, /*seed=*/42);
  auto records = privacy::MakePiiSpeedRecords(opt.pii_megabytes, /*seed=*/42);
  size_t tokens = 0;
  auto p0 = Clock::now();
  for (const auto& r : records) tokens += query::Tokenize(r).size();
  double tokenize_s = Seconds(p0, Clock::now());
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  std::printf("\n| pii detection, %.1f MB in %zu records | MB/s | findings | baseline / this |\n",
              speed.bytes / 1e6, speed.records);
  std::printf("| --- | ---: | ---: | ---: |\n");
  std::printf("| default detector | %.1f | %zu | %.1fx |\n", speed.mb_per_s, speed.findings,
              ratio(naive.seconds, speed.seconds));
  std::printf("| pattern recognisers only | %.1f | %zu | %.1fx |\n", pattern_speed.mb_per_s,
              pattern_speed.findings, ratio(naive.seconds, pattern_speed.seconds));
  std::printf("| baseline: each pattern alone + PhoneNumberMatcher | %.1f | %zu raw | 1.0x |\n",
              naive.mb_per_s, naive.findings);
  std::printf("| tokenizer pass (floor) | %.1f | - | %.1fx |\n",
              speed.bytes / 1e6 / tokenize_s, ratio(naive.seconds, tokenize_s));
  (void)tokens;
  return {};
}

}  // namespace foidesk::cli
