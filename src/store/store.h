// The Store interface: everything foidesk keeps (crimes, their text index,
// findings, ingest runs, decisions) behind one abstract class, so that a
// PostgreSQL backend can be added without touching callers. The embedded
// default is SqliteStore (sqlite_store.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/crime.h"
#include "model/decision.h"
#include "model/finding.h"
#include "model/foi_request.h"
#include "model/result.h"
#include "model/published_response.h"
#include "model/review_session.h"

namespace foidesk {

// Compact per-crime columns held in memory ("doc values") so that filters
// and counts by year never join rows through SQL. Indexed by rowid: slot r
// describes the crime with rowid r when present[r] is set.
struct DocValues {
  std::vector<uint8_t> present;
  std::vector<int32_t> recorded_day;  // Date::DaysSinceEpoch of the recorded date
  std::vector<uint16_t> offence;      // index into offence_names
  std::vector<uint8_t> source_mask;   // bit i set: a record of source_names[i] stands behind it
  std::vector<uint16_t> outcome;      // index into outcome_names ("" = open is a name too)
  std::vector<uint32_t> town;         // index into town_names (as stored; "" = none)
  std::vector<std::string> offence_names;
  std::vector<std::string> source_names;
  std::vector<std::string> outcome_names;
  std::vector<std::string> town_names;
  size_t count = 0;  // crimes present

  size_t size() const { return present.size(); }  // max rowid + 1
};

struct IngestCounts {
  int64_t read = 0;
  int64_t loaded = 0;
  int64_t rejected = 0;
  int64_t duplicates = 0;
  int64_t migrated = 0;
};

// A gov.uk bank-holidays.json imported into the store: the holidays it held
// as JSON, who imported it and when.
struct HolidayImport {
  std::string at;
  std::string actor;
  std::string file;  // the file's name as given
  std::string holidays_json;  // [{"date", "division", "title"}]
};

struct StoredFinding {
  int64_t run_id = 0;
  Finding finding;
};

class Store {
 public:
  virtual ~Store() = default;

  // Name of the text query dialect the backend's ForEachTextMatch accepts
  // ("sqlite-fts5"); the query module compiles to it.
  virtual std::string Dialect() const = 0;

  // --- Transactions. Writes between Begin and Commit land together.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // --- Crimes.
  virtual Result<std::optional<Crime>> FindCrimeByKey(const std::string& key) = 0;
  // The crime that holds the record `id` of `source`, whatever its key.
  virtual Result<std::optional<Crime>> FindCrimeBySourceId(const std::string& source,
                                                           const std::string& id) = 0;
  virtual Result<std::optional<Crime>> GetCrime(int64_t rowid) = 0;
  // Inserts (rowid == 0) or replaces (rowid != 0) a crime with its source
  // refs, and keeps the text index in step. Returns the rowid.
  virtual Result<int64_t> PutCrime(const Crime& crime) = 0;
  virtual Result<int64_t> CrimeCount() = 0;
  virtual Result<std::vector<std::string>> CrimeKeys(const std::vector<int64_t>& rowids) = 0;
  // Rowid of a crime by its key or by any of its source ids.
  virtual Result<std::optional<int64_t>> ResolveCrimeId(const std::string& id) = 0;

  // Bulk load: between these calls the text index may lag; EndBulkLoad
  // brings it up to date. Used when loading into an empty store.
  virtual Status BeginBulkLoad() = 0;
  virtual Status EndBulkLoad() = 0;

  // --- Search primitives.
  virtual Result<DocValues> LoadDocValues() = 0;
  // Streams the rowids whose text matches `expr` (in Dialect()), ascending,
  // until `fn` returns false.
  virtual Status ForEachTextMatch(const std::string& expr,
                                  const std::function<bool(int64_t)>& fn) = 0;
  // Streams (rowid, text) for the given rowids, ascending by rowid.
  virtual Status ForEachText(const std::vector<int64_t>& rowids,
                             const std::function<void(int64_t, std::string_view)>& fn) = 0;

  // --- Ingest runs and findings.
  virtual Result<int64_t> StartIngestRun(const std::vector<std::string>& files) = 0;
  virtual Status FinishIngestRun(int64_t run_id, const IngestCounts& counts) = 0;
  virtual Status AddFinding(int64_t run_id, const Finding& finding) = 0;
  virtual Result<std::vector<StoredFinding>> Findings(std::optional<int64_t> run_id) = 0;

  // --- Decisions (kept by request and crime key, so they survive re-ingest).
  // A later decision on the same request and crime replaces the earlier one.
  virtual Status PutDecision(const Decision& decision) = 0;
  virtual Result<std::vector<Decision>> Decisions(const std::string& request_ref) = 0;

  // --- Review sessions: one per request and question, its candidates
  // frozen at the start, its decisions appended one event at a time (each
  // committed on its own, so a crash loses at most the decision in hand).
  // Returns the new session's id; fails if the question has one already.
  virtual Result<int64_t> CreateReviewSession(const ReviewSession& session) = 0;
  virtual Result<std::optional<ReviewSession>> FindReviewSession(const std::string& request_ref,
                                                                 const std::string& question) = 0;
  virtual Status AddReviewEvent(const ReviewEvent& event) = 0;
  // In the order recorded.
  virtual Result<std::vector<ReviewEvent>> ReviewEvents(int64_t session_id) = 0;

  // --- Responses: the public files of each response as written (a later
  // response to the same reference replaces them, keeping `published`).
  virtual Status PutResponse(const PublishedResponse& response) = 0;
  virtual Result<std::optional<PublishedResponse>> GetResponse(const std::string& reference) = 0;
  virtual Status SetPublished(const std::string& reference, bool published) = 0;
  // Every published response, by reference.
  virtual Result<std::vector<PublishedResponse>> PublishedResponses() = 0;

  // --- The request register. These do not open transactions of their own:
  // the register wraps each change (read, check, write, record) in
  // Begin/Commit, so two processes updating at once lose nothing.
  virtual Result<std::optional<FoiRequest>> GetRequest(const std::string& reference) = 0;
  // Every request, by date received.
  virtual Result<std::vector<FoiRequest>> Requests() = 0;
  // Inserts or replaces; `sequence` (year, number) for a reference the
  // register numbered, so the next number is one more.
  virtual Status PutRequest(const FoiRequest& request, std::optional<std::pair<int, int>> sequence) = 0;
  virtual Result<int> NextRequestNumber(int year) = 0;
  virtual Status AddRequestEvent(const RequestEvent& event) = 0;
  virtual Result<std::vector<RequestEvent>> RequestEvents(const std::string& reference) = 0;
  virtual Status AddTimeEntry(const TimeEntry& entry) = 0;
  virtual Result<std::vector<TimeEntry>> TimeEntries(const std::string& reference) = 0;
  // Bank holidays imported from gov.uk, oldest first.
  virtual Status AddHolidayImport(const HolidayImport& import) = 0;
  virtual Result<std::vector<HolidayImport>> HolidayImports() = 0;
};

}  // namespace foidesk
