// SqliteStore: the embedded Store backend. One SQLite file in WAL mode; the
// crime text is indexed by an FTS5 table (unicode61, diacritics removed,
// detail=full so phrases work) that reads its content from `crimes`.
// Schema changes go through numbered migrations (sqlite_schema.cpp).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace foidesk {

class SqliteStore final : public Store {
 public:
  // Opens or creates the store at `path` (":memory:" for a private one) and
  // brings its schema up to date. Fails with a message naming the file.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // Version the schema is at after Open (PRAGMA user_version).
  static int SchemaVersion();

  std::string Dialect() const override { return "sqlite-fts5"; }
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;

  Result<std::optional<Crime>> FindCrimeByKey(const std::string& key) override;
  Result<std::optional<Crime>> FindCrimeBySourceId(const std::string& source,
                                                   const std::string& id) override;
  Result<std::optional<Crime>> GetCrime(int64_t rowid) override;
  Result<int64_t> PutCrime(const Crime& crime) override;
  Result<int64_t> CrimeCount() override;
  Result<std::vector<std::string>> CrimeKeys(const std::vector<int64_t>& rowids) override;
  Result<std::optional<int64_t>> ResolveCrimeId(const std::string& id) override;
  Status BeginBulkLoad() override;
  Status EndBulkLoad() override;

  Result<DocValues> LoadDocValues() override;
  Status ForEachTextMatch(const std::string& expr,
                          const std::function<bool(int64_t)>& fn) override;
  Status ForEachText(const std::vector<int64_t>& rowids,
                     const std::function<void(int64_t, std::string_view)>& fn) override;

  Result<int64_t> StartIngestRun(const std::vector<std::string>& files) override;
  Status FinishIngestRun(int64_t run_id, const IngestCounts& counts) override;
  Status AddFinding(int64_t run_id, const Finding& finding) override;
  Result<std::vector<StoredFinding>> Findings(std::optional<int64_t> run_id) override;

  Status PutDecision(const Decision& decision) override;
  Result<std::vector<Decision>> Decisions(const std::string& request_ref) override;
  Result<int64_t> CreateReviewSession(const ReviewSession& session) override;
  Result<std::optional<ReviewSession>> FindReviewSession(const std::string& request_ref,
                                                         const std::string& question) override;
  Status AddReviewEvent(const ReviewEvent& event) override;
  Result<std::vector<ReviewEvent>> ReviewEvents(int64_t session_id) override;
  Status PutResponse(const PublishedResponse& response) override;
  Result<std::optional<PublishedResponse>> GetResponse(const std::string& reference) override;
  Status SetPublished(const std::string& reference, bool published) override;
  Result<std::vector<PublishedResponse>> PublishedResponses() override;
  Result<std::optional<FoiRequest>> GetRequest(const std::string& reference) override;
  Result<std::vector<FoiRequest>> Requests() override;
  Status PutRequest(const FoiRequest& request, std::optional<std::pair<int, int>> sequence) override;
  Result<int> NextRequestNumber(int year) override;
  Status AddRequestEvent(const RequestEvent& event) override;
  Result<std::vector<RequestEvent>> RequestEvents(const std::string& reference) override;
  Status AddTimeEntry(const TimeEntry& entry) override;
  Result<std::vector<TimeEntry>> TimeEntries(const std::string& reference) override;
  Status AddHolidayImport(const HolidayImport& import) override;
  Result<std::vector<HolidayImport>> HolidayImports() override;

  // Runs one SQL statement with no result rows (tests, benchmarks, tools).
  Status Exec(const std::string& sql);
  sqlite3* handle() { return db_; }

 private:
  class Statement;
  explicit SqliteStore(sqlite3* db, std::string path);
  Status Migrate();
  Statement& Prepared(const char* sql);
  Result<std::optional<Crime>> ReadCrime(const char* where_sql, const std::function<void(Statement&)>& bind);
  Status Check(int rc, const char* what);

  sqlite3* db_;
  std::string path_;
  bool bulk_ = false;
  std::vector<std::pair<const char*, std::unique_ptr<Statement>>> cache_;
};

}  // namespace foidesk
