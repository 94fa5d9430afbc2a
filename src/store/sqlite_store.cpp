#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "model/clock.h"

namespace foidesk {
namespace {

// Migration N brings the schema from version N to N+1. Append only: a
// released migration is never edited.
const char* const kMigrations[] = {
    // 0 -> 1: crimes, their source records, the text index, ingest runs,
    // findings and decisions.
    R"sql(
CREATE TABLE crimes(
  rowid INTEGER PRIMARY KEY,
  crime_key TEXT NOT NULL UNIQUE,
  recorded_day INTEGER NOT NULL,
  committed_day INTEGER,
  offence TEXT NOT NULL,
  offence_subclass TEXT NOT NULL DEFAULT '',
  offence_title TEXT NOT NULL DEFAULT '',
  town TEXT NOT NULL DEFAULT '',
  beat TEXT NOT NULL DEFAULT '',
  lsoa TEXT NOT NULL DEFAULT '',
  outcome_type TEXT NOT NULL DEFAULT '',
  outcome_day INTEGER,
  people TEXT NOT NULL DEFAULT '[]',
  text TEXT NOT NULL DEFAULT '');
CREATE TABLE crime_sources(
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  crime_rowid INTEGER NOT NULL REFERENCES crimes(rowid),
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY(source, source_id)) WITHOUT ROWID;
CREATE INDEX crime_sources_by_crime ON crime_sources(crime_rowid);
CREATE VIRTUAL TABLE crime_text USING fts5(
  text, content='crimes', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2', detail=full);
CREATE TABLE ingest_runs(
  id INTEGER PRIMARY KEY,
  started_utc TEXT NOT NULL,
  files TEXT NOT NULL,
  finished INTEGER NOT NULL DEFAULT 0,
  read INTEGER, loaded INTEGER, rejected INTEGER, duplicates INTEGER, migrated INTEGER);
CREATE TABLE findings(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  field TEXT NOT NULL,
  reason TEXT NOT NULL);
CREATE TABLE decisions(
  request_ref TEXT NOT NULL,
  crime_key TEXT NOT NULL,
  relevant INTEGER NOT NULL,
  reviewer TEXT NOT NULL,
  summary TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY(request_ref, crime_key));
)sql",
    // 1 -> 2: review sessions, their frozen candidates and their events.
    R"sql(
CREATE TABLE review_sessions(
  id INTEGER PRIMARY KEY,
  request_ref TEXT NOT NULL,
  question TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at TEXT NOT NULL,
  seed INTEGER NOT NULL,
  recall_target REAL NOT NULL,
  UNIQUE(request_ref, question));
CREATE TABLE review_candidates(
  session_id INTEGER NOT NULL REFERENCES review_sessions(id),
  position INTEGER NOT NULL,
  crime_key TEXT NOT NULL,
  PRIMARY KEY(session_id, position)) WITHOUT ROWID;
CREATE TABLE review_events(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES review_sessions(id),
  crime_key TEXT NOT NULL,
  verdict TEXT NOT NULL,
  phase TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  reason TEXT NOT NULL,
  summary TEXT NOT NULL,
  seconds REAL NOT NULL,
  decided_at TEXT NOT NULL);
CREATE INDEX review_events_by_session ON review_events(session_id, id);
)sql",
    // 2 -> 3: responses and their public files, for the disclosure log.
    R"sql(
CREATE TABLE responses(
  reference TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  response_date TEXT NOT NULL,
  keywords TEXT NOT NULL,
  published INTEGER NOT NULL DEFAULT 0);
CREATE TABLE response_files(
  reference TEXT NOT NULL REFERENCES responses(reference),
  name TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY(reference, name)) WITHOUT ROWID;
)sql",
    // 3 -> 4: the request register, its audit trail, time logged for s12,
    // and imported bank holidays. A request is kept whole as JSON; the
    // columns beside it are what lists filter on.
    R"sql(
CREATE TABLE requests(
  reference TEXT PRIMARY KEY,
  seq_year INTEGER,
  seq INTEGER,
  status TEXT NOT NULL,
  received INTEGER NOT NULL,
  due INTEGER,
  record TEXT NOT NULL);
CREATE UNIQUE INDEX requests_by_seq ON requests(seq_year, seq);
CREATE TABLE request_events(
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL REFERENCES requests(reference),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  date INTEGER,
  detail TEXT NOT NULL);
CREATE INDEX request_events_by_reference ON request_events(reference, id);
CREATE TABLE request_time(
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL REFERENCES requests(reference),
  date INTEGER NOT NULL,
  actor TEXT NOT NULL,
  activity TEXT NOT NULL,
  hours REAL NOT NULL,
  note TEXT NOT NULL);
CREATE TABLE holiday_imports(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  file TEXT NOT NULL,
  holidays TEXT NOT NULL);
)sql",
};

constexpr int kSchemaVersion = sizeof(kMigrations) / sizeof(kMigrations[0]);


nlohmann::json PeopleToJson(const std::vector<Person>& people) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& p : people) {
    nlohmann::json j = {{"role", p.role}, {"surname", p.surname}, {"forenames", p.forenames}};
    j["dob"] = p.dob ? nlohmann::json(p.dob->Iso()) : nlohmann::json(nullptr);
    j["age"] = p.stated_age ? nlohmann::json(*p.stated_age) : nlohmann::json(nullptr);
    j["online_ids"] = p.online_ids;
    arr.push_back(std::move(j));
  }
  return arr;
}

std::vector<Person> PeopleFromJson(const std::string& text) {
  std::vector<Person> people;
  auto arr = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!arr.is_array()) return people;
  for (const auto& j : arr) {
    Person p;
    p.role = j.value("role", "");
    p.surname = j.value("surname", "");
    p.forenames = j.value("forenames", "");
    if (j.contains("dob") && j["dob"].is_string()) p.dob = ParseIsoDate(j["dob"].get<std::string>());
    if (j.contains("age") && j["age"].is_number_integer()) p.stated_age = j["age"].get<int>();
    if (j.contains("online_ids") && j["online_ids"].is_array())
      for (const auto& id : j["online_ids"])
        if (id.is_string()) p.online_ids.push_back(id.get<std::string>());
    people.push_back(std::move(p));
  }
  return people;
}

std::optional<Date> DayFromJson(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  return ParseIsoDate(j[key].get<std::string>());
}

void DayToJson(nlohmann::json& j, const char* key, const std::optional<Date>& d) {
  j[key] = d ? nlohmann::json(d->Iso()) : nlohmann::json(nullptr);
}

std::string RequestToJson(const FoiRequest& r) {
  nlohmann::json j;
  j["reference"] = r.reference;
  j["regime"] = r.regime;
  j["received"] = r.received.Iso();
  j["channel"] = r.channel;
  j["requester"] = r.requester;
  j["contact"] = r.contact;
  j["subject"] = r.subject;
  j["questions"] = r.questions;
  j["status"] = StatusId(r.status);
  nlohmann::json stops = nlohmann::json::array();
  for (const auto& st : r.stops) {
    nlohmann::json o{{"kind", st.kind}, {"from", st.from.Iso()}};
    DayToJson(o, "to", st.to);
    stops.push_back(std::move(o));
  }
  j["stops"] = stops;
  if (r.extension) {
    j["extension"] = {{"date", r.extension->date.Iso()}, {"reason", r.extension->reason},
                      {"working_days", r.extension->working_days ? nlohmann::json(*r.extension->working_days)
                                                                 : nlohmann::json(nullptr)}};
  } else {
    j["extension"] = nullptr;
  }
  DayToJson(j, "responded", r.responded);
  j["exemptions"] = r.exemptions;
  j["similar_to"] = r.similar_to;
  DayToJson(j, "review_requested", r.review_requested);
  DayToJson(j, "review_responded", r.review_responded);
  DayToJson(j, "complaint_received", r.complaint_received);
  DayToJson(j, "due", r.due);
  DayToJson(j, "extended_due", r.extended_due);
  DayToJson(j, "review_due", r.review_due);
  return j.dump();
}

std::optional<FoiRequest> RequestFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  FoiRequest r;
  auto str = [&](const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; };
  auto strs = [&](const char* key) {
    std::vector<std::string> out;
    if (j.contains(key) && j[key].is_array())
      for (const auto& v : j[key])
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
  };
  r.reference = str("reference");
  r.regime = str("regime");
  auto received = DayFromJson(j, "received");
  auto status = ParseStatus(str("status"));
  if (!received || !status) return std::nullopt;
  r.received = *received;
  r.status = *status;
  r.channel = str("channel");
  r.requester = str("requester");
  r.contact = str("contact");
  r.subject = str("subject");
  r.questions = strs("questions");
  if (j.contains("stops") && j["stops"].is_array())
    for (const auto& o : j["stops"]) {
      auto from = DayFromJson(o, "from");
      if (!from) continue;
      r.stops.push_back({o.value("kind", ""), *from, DayFromJson(o, "to")});
    }
  if (j.contains("extension") && j["extension"].is_object()) {
    const auto& e = j["extension"];
    if (auto d = DayFromJson(e, "date")) {
      DeadlineExtension ext{*d, std::nullopt, e.value("reason", "")};
      if (e.contains("working_days") && e["working_days"].is_number_integer()) ext.working_days = e["working_days"].get<int>();
      r.extension = ext;
    }
  }
  r.responded = DayFromJson(j, "responded");
  r.exemptions = strs("exemptions");
  r.similar_to = strs("similar_to");
  r.review_requested = DayFromJson(j, "review_requested");
  r.review_responded = DayFromJson(j, "review_responded");
  r.complaint_received = DayFromJson(j, "complaint_received");
  r.due = DayFromJson(j, "due");
  r.extended_due = DayFromJson(j, "extended_due");
  r.review_due = DayFromJson(j, "review_due");
  return r;
}

}  // namespace

// Holds one read transaction over a run of single-row reads: each read in
// autocommit mode would take and drop the lock (about 5 us a row).
class ReadTransaction {
 public:
  explicit ReadTransaction(sqlite3* db) : db_(db), own_(sqlite3_get_autocommit(db) != 0) {
    if (own_) sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
  }
  ~ReadTransaction() {
    if (own_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  }

 private:
  sqlite3* db_;
  bool own_;
};

// A prepared statement, reset for reuse after each use.
class SqliteStore::Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return rc_ == SQLITE_OK; }
  int prepare_rc() const { return rc_; }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  void BindReal(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void BindBlob(int i, std::string_view v) {
    sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  std::string Blob(int col) {
    const char* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  double Real(int col) { return sqlite3_column_double(stmt_, col); }
  void BindDay(int i, const std::optional<Date>& d) {
    if (d) Bind(i, d->DaysSinceEpoch()); else BindNull(i);
  }
  int Step() { return sqlite3_step(stmt_); }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string_view Text(int col) {
    const char* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string_view(p, sqlite3_column_bytes(stmt_, col)) : std::string_view();
  }
  std::string Str(int col) { return std::string(Text(col)); }
  std::optional<Date> Day(int col) {
    if (IsNull(col)) return std::nullopt;
    return Date::FromDaysSinceEpoch(Int(col));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

SqliteStore::SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

SqliteStore::~SqliteStore() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close(db_);
}

int SqliteStore::SchemaVersion() { return kSchemaVersion; }

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = path + ": cannot open store: " + sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error::Store(msg);
  }
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<SqliteStore> store(new SqliteStore(db, path));
  // No memory-mapped I/O: measured at 1M crimes it made ingest slower
  // (32.6 s against 28.4 s) and counted the whole file in the process's RSS.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                             "PRAGMA foreign_keys=ON", "PRAGMA cache_size=-65536",
                             "PRAGMA temp_store=MEMORY",
                             "PRAGMA mmap_size=0"}) {
    if (auto s = store->Exec(pragma); !s.ok()) return s.error();
  }
  if (auto s = store->Migrate(); !s.ok()) return s.error();
  return store;
}

Status SqliteStore::Check(int rc, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return {};
  return Error::Store(path_ + ": " + what + ": " + sqlite3_errstr(rc) + " (" + sqlite3_errmsg(db_) + ")");
}

Status SqliteStore::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = path_ + ": " + sqlite3_errstr(rc) + (err ? std::string(" (") + err + ")" : "");
    sqlite3_free(err);
    return Error::Store(msg);
  }
  return {};
}

Status SqliteStore::Migrate() {
  Statement v(db_, "PRAGMA user_version");
  if (!v.ok() || v.Step() != SQLITE_ROW) return Check(v.prepare_rc(), "reading schema version");
  int version = static_cast<int>(v.Int(0));
  if (version > kSchemaVersion)
    return Error::Store(path_ + ": store schema version " + std::to_string(version) +
                        " is newer than this foidesk understands (" +
                        std::to_string(kSchemaVersion) + ")");
  for (int i = version; i < kSchemaVersion; ++i) {
    if (auto s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    auto s = Exec(kMigrations[i]);
    if (s.ok()) s = Exec("PRAGMA user_version=" + std::to_string(i + 1));
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return Error::Store(s.error().message + " (migration " + std::to_string(i + 1) + ")");
    }
    if (auto c = Exec("COMMIT"); !c.ok()) return c;
  }
  return {};
}

SqliteStore::Statement& SqliteStore::Prepared(const char* sql) {
  for (auto& [key, stmt] : cache_)
    if (key == sql) {
      stmt->Reset();
      return *stmt;
    }
  cache_.emplace_back(sql, std::make_unique<Statement>(db_, sql));
  return *cache_.back().second;
}

Status SqliteStore::Begin() { return Exec("BEGIN IMMEDIATE"); }
Status SqliteStore::Commit() { return Exec("COMMIT"); }
Status SqliteStore::Rollback() { return Exec("ROLLBACK"); }

Result<std::optional<Crime>> SqliteStore::ReadCrime(const char* sql,
                                                    const std::function<void(Statement&)>& bind) {
  Statement& st = Prepared(sql);
  if (!st.ok()) return Check(st.prepare_rc(), "preparing crime lookup").error();
  bind(st);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<Crime>();
  if (rc != SQLITE_ROW) return Check(rc, "reading a crime").error();
  Crime c;
  c.rowid = st.Int(0);
  c.key = st.Str(1);
  c.recorded = Date::FromDaysSinceEpoch(st.Int(2));
  c.committed_from = st.Day(3);
  c.offence = st.Str(4);
  c.offence_subclass = st.Str(5);
  c.offence_title = st.Str(6);
  c.town = st.Str(7);
  c.beat = st.Str(8);
  c.lsoa = st.Str(9);
  c.outcome_type = st.Str(10);
  c.outcome_date = st.Day(11);
  c.people = PeopleFromJson(st.Str(12));
  c.text = st.Str(13);
  st.Reset();
  Statement& refs = Prepared(
      "SELECT source, source_id, file, line, hash FROM crime_sources WHERE crime_rowid=? "
      "ORDER BY source, source_id");
  refs.Bind(1, c.rowid);
  while ((rc = refs.Step()) == SQLITE_ROW)
    c.refs.push_back(SourceRef{refs.Str(0), refs.Str(1), refs.Str(2), refs.Int(3), refs.Str(4)});
  refs.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading a crime's sources").error();
  return std::optional<Crime>(std::move(c));
}

#define FOIDESK_CRIME_COLUMNS                                                                 \
  "rowid, crime_key, recorded_day, committed_day, offence, offence_subclass, offence_title, " \
  "town, beat, lsoa, outcome_type, outcome_day, people, text"

Result<std::optional<Crime>> SqliteStore::FindCrimeByKey(const std::string& key) {
  return ReadCrime("SELECT " FOIDESK_CRIME_COLUMNS " FROM crimes WHERE crime_key=?",
                   [&](Statement& st) { st.Bind(1, key); });
}

Result<std::optional<Crime>> SqliteStore::FindCrimeBySourceId(const std::string& source,
                                                              const std::string& id) {
  return ReadCrime("SELECT " FOIDESK_CRIME_COLUMNS
                   " FROM crimes WHERE rowid=(SELECT crime_rowid FROM crime_sources "
                   "WHERE source=? AND source_id=?)",
                   [&](Statement& st) {
                     st.Bind(1, source);
                     st.Bind(2, id);
                   });
}

Result<std::optional<Crime>> SqliteStore::GetCrime(int64_t rowid) {
  return ReadCrime("SELECT " FOIDESK_CRIME_COLUMNS " FROM crimes WHERE rowid=?",
                   [&](Statement& st) { st.Bind(1, rowid); });
}

Result<int64_t> SqliteStore::PutCrime(const Crime& c) {
  int64_t rowid = c.rowid;
  if (rowid != 0 && !bulk_) {
    // Remove the old text from the index before the row changes.
    Statement& del = Prepared(
        "INSERT INTO crime_text(crime_text, rowid, text) SELECT 'delete', rowid, text "
        "FROM crimes WHERE rowid=?");
    del.Bind(1, rowid);
    if (auto s = Check(del.Step(), "updating the text index"); !s.ok()) return s.error();
  }
  Statement& st = Prepared(
      rowid == 0
          ? "INSERT INTO crimes(crime_key, recorded_day, committed_day, offence, offence_subclass, "
            "offence_title, town, beat, lsoa, outcome_type, outcome_day, people, text) "
            "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)"
          : "UPDATE crimes SET crime_key=?1, recorded_day=?2, committed_day=?3, offence=?4, "
            "offence_subclass=?5, offence_title=?6, town=?7, beat=?8, lsoa=?9, outcome_type=?10, "
            "outcome_day=?11, people=?12, text=?13 WHERE rowid=?14");
  if (!st.ok()) return Check(st.prepare_rc(), "preparing crime write").error();
  st.Bind(1, c.key);
  st.Bind(2, c.recorded.DaysSinceEpoch());
  st.BindDay(3, c.committed_from);
  st.Bind(4, c.offence);
  st.Bind(5, c.offence_subclass);
  st.Bind(6, c.offence_title);
  st.Bind(7, c.town);
  st.Bind(8, c.beat);
  st.Bind(9, c.lsoa);
  st.Bind(10, c.outcome_type);
  st.BindDay(11, c.outcome_date);
  st.Bind(12, c.people.empty() ? std::string("[]") : PeopleToJson(c.people).dump());
  st.Bind(13, c.text);
  if (rowid != 0) st.Bind(14, rowid);
  if (auto s = Check(st.Step(), "writing a crime"); !s.ok()) return s.error();
  if (rowid == 0) rowid = sqlite3_last_insert_rowid(db_);
  if (!bulk_) {
    Statement& ins = Prepared("INSERT INTO crime_text(rowid, text) VALUES(?, ?)");
    ins.Bind(1, rowid);
    ins.Bind(2, c.text);
    if (auto s = Check(ins.Step(), "indexing crime text"); !s.ok()) return s.error();
  }
  if (c.rowid != 0) {
    Statement& clear = Prepared("DELETE FROM crime_sources WHERE crime_rowid=?");
    clear.Bind(1, rowid);
    if (auto s = Check(clear.Step(), "replacing crime sources"); !s.ok()) return s.error();
  }
  for (const auto& r : c.refs) {
    Statement& ref = Prepared(
        "INSERT OR REPLACE INTO crime_sources(source, source_id, crime_rowid, file, line, hash) "
        "VALUES(?,?,?,?,?,?)");
    ref.Bind(1, r.source);
    ref.Bind(2, r.id);
    ref.Bind(3, rowid);
    ref.Bind(4, r.file);
    ref.Bind(5, r.line);
    ref.Bind(6, r.hash);
    if (auto s = Check(ref.Step(), "writing a crime source"); !s.ok()) return s.error();
  }
  return rowid;
}

Result<int64_t> SqliteStore::CrimeCount() {
  Statement& st = Prepared("SELECT count(*) FROM crimes");
  int rc = st.Step();
  if (rc != SQLITE_ROW) return Check(rc, "counting crimes").error();
  int64_t n = st.Int(0);
  st.Reset();
  return n;
}

Result<std::vector<std::string>> SqliteStore::CrimeKeys(const std::vector<int64_t>& rowids) {
  std::vector<std::string> keys;
  keys.reserve(rowids.size());
  ReadTransaction txn(db_);
  Statement& st = Prepared("SELECT crime_key FROM crimes WHERE rowid=?");
  for (int64_t r : rowids) {
    st.Reset();
    st.Bind(1, r);
    int rc = st.Step();
    if (rc == SQLITE_ROW) keys.push_back(st.Str(0));
    else if (rc == SQLITE_DONE) return Error::NotFound("no crime with store id " + std::to_string(r));
    else return Check(rc, "reading crime keys").error();
  }
  st.Reset();
  return keys;
}

Result<std::optional<int64_t>> SqliteStore::ResolveCrimeId(const std::string& id) {
  Statement& st = Prepared(
      "SELECT rowid FROM crimes WHERE crime_key=?1 UNION ALL "
      "SELECT crime_rowid FROM crime_sources WHERE source_id=?1 LIMIT 1");
  st.Bind(1, id);
  int rc = st.Step();
  std::optional<int64_t> out;
  if (rc == SQLITE_ROW) out = st.Int(0);
  else if (rc != SQLITE_DONE) return Check(rc, "resolving a crime id").error();
  st.Reset();
  return out;
}

Status SqliteStore::BeginBulkLoad() {
  bulk_ = true;
  return {};
}

Status SqliteStore::EndBulkLoad() {
  if (!bulk_) return {};
  bulk_ = false;
  return Exec("INSERT INTO crime_text(crime_text) VALUES('rebuild')");
}

Result<DocValues> SqliteStore::LoadDocValues() {
  DocValues dv;
  Statement& mx = Prepared("SELECT coalesce(max(rowid), 0), count(*) FROM crimes");
  if (mx.Step() != SQLITE_ROW) return Check(sqlite3_errcode(db_), "sizing doc values").error();
  size_t n = static_cast<size_t>(mx.Int(0)) + 1;
  dv.count = static_cast<size_t>(mx.Int(1));
  mx.Reset();
  dv.present.assign(n, 0);
  dv.recorded_day.assign(n, 0);
  dv.offence.assign(n, 0);
  dv.source_mask.assign(n, 0);
  dv.outcome.assign(n, 0);
  dv.town.assign(n, 0);
  // Small dictionaries: names seen once each, in first-seen order.
  struct Dictionary {
    std::unordered_map<std::string, uint32_t> index;
    std::string key;  // reused buffer: no allocation per row
    uint32_t Intern(std::vector<std::string>& names, std::string_view v) {
      key.assign(v.data(), v.size());
      auto it = index.find(key);
      if (it != index.end()) return it->second;
      uint32_t id = static_cast<uint32_t>(names.size());
      names.push_back(key);
      index.emplace(key, id);
      return id;
    }
  };
  Dictionary off_ix, out_ix, town_ix, src_ix;
  auto intern = [](Dictionary& d, std::vector<std::string>& names, std::string_view v) {
    return d.Intern(names, v);
  };
  ReadTransaction txn(db_);
  Statement& st = Prepared("SELECT rowid, recorded_day, offence, outcome_type, town FROM crimes");
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    size_t r = static_cast<size_t>(st.Int(0));
    dv.present[r] = 1;
    dv.recorded_day[r] = static_cast<int32_t>(st.Int(1));
    dv.offence[r] = static_cast<uint16_t>(intern(off_ix, dv.offence_names, st.Text(2)));
    dv.outcome[r] = static_cast<uint16_t>(intern(out_ix, dv.outcome_names, st.Text(3)));
    dv.town[r] = intern(town_ix, dv.town_names, st.Text(4));
  }
  st.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "loading doc values").error();
  Statement& src = Prepared("SELECT crime_rowid, source FROM crime_sources");
  while ((rc = src.Step()) == SQLITE_ROW) {
    size_t r = static_cast<size_t>(src.Int(0));
    uint32_t bit = intern(src_ix, dv.source_names, src.Text(1));
    if (bit < 8 && r < n) dv.source_mask[r] |= static_cast<uint8_t>(1u << bit);
  }
  src.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "loading crime sources").error();
  if (dv.source_names.size() > 8)
    return Error::Store(path_ + ": more than 8 source systems are not supported yet");
  return dv;
}

Status SqliteStore::ForEachTextMatch(const std::string& expr,
                                     const std::function<bool(int64_t)>& fn) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(
      db_, "SELECT rowid FROM crime_text WHERE crime_text MATCH ? ORDER BY rowid", -1, &st, nullptr);
  if (rc != SQLITE_OK) return Check(rc, "preparing text search");
  sqlite3_bind_text(st, 1, expr.data(), static_cast<int>(expr.size()), SQLITE_TRANSIENT);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (!fn(sqlite3_column_int64(st, 0))) {
      rc = SQLITE_DONE;
      break;
    }
  sqlite3_finalize(st);
  return Check(rc, "text search");
}

Status SqliteStore::ForEachText(const std::vector<int64_t>& rowids,
                                const std::function<void(int64_t, std::string_view)>& fn) {
  ReadTransaction txn(db_);
  Statement& st = Prepared("SELECT text FROM crimes WHERE rowid=?");
  for (int64_t r : rowids) {
    st.Reset();
    st.Bind(1, r);
    int rc = st.Step();
    if (rc == SQLITE_ROW) fn(r, st.Text(0));
    else if (rc != SQLITE_DONE) return Check(rc, "reading crime text");
  }
  st.Reset();
  return {};
}

Result<int64_t> SqliteStore::StartIngestRun(const std::vector<std::string>& files) {
  Statement& st = Prepared("INSERT INTO ingest_runs(started_utc, files) VALUES(?, ?)");
  st.Bind(1, UtcNowIso());
  st.Bind(2, nlohmann::json(files).dump());
  if (auto s = Check(st.Step(), "starting an ingest run"); !s.ok()) return s.error();
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status SqliteStore::FinishIngestRun(int64_t run_id, const IngestCounts& n) {
  Statement& st = Prepared(
      "UPDATE ingest_runs SET finished=1, read=?, loaded=?, rejected=?, duplicates=?, migrated=? "
      "WHERE id=?");
  st.Bind(1, n.read);
  st.Bind(2, n.loaded);
  st.Bind(3, n.rejected);
  st.Bind(4, n.duplicates);
  st.Bind(5, n.migrated);
  st.Bind(6, run_id);
  return Check(st.Step(), "finishing an ingest run");
}

Status SqliteStore::AddFinding(int64_t run_id, const Finding& f) {
  Statement& st = Prepared(
      "INSERT INTO findings(run_id, kind, file, line, field, reason) VALUES(?,?,?,?,?,?)");
  st.Bind(1, run_id);
  st.Bind(2, std::string_view(FindingKindName(f.kind)));
  st.Bind(3, f.file);
  st.Bind(4, f.line);
  st.Bind(5, f.field);
  st.Bind(6, f.reason);
  return Check(st.Step(), "recording a finding");
}

Result<std::vector<StoredFinding>> SqliteStore::Findings(std::optional<int64_t> run_id) {
  Statement& st = Prepared(
      "SELECT run_id, kind, file, line, field, reason FROM findings "
      "WHERE ?1 IS NULL OR run_id=?1 ORDER BY id");
  if (run_id) st.Bind(1, *run_id); else st.BindNull(1);
  std::vector<StoredFinding> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    StoredFinding sf;
    sf.run_id = st.Int(0);
    std::string kind = st.Str(1);
    sf.finding.kind = kind == "duplicate" ? FindingKind::kDuplicate
                      : kind == "warning" ? FindingKind::kWarning
                                          : FindingKind::kRejected;
    sf.finding.file = st.Str(2);
    sf.finding.line = st.Int(3);
    sf.finding.field = st.Str(4);
    sf.finding.reason = st.Str(5);
    out.push_back(std::move(sf));
  }
  st.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading findings").error();
  return out;
}

Status SqliteStore::PutDecision(const Decision& d) {
  Statement& st = Prepared(
      "INSERT OR REPLACE INTO decisions(request_ref, crime_key, relevant, reviewer, summary, "
      "reason, decided_at) VALUES(?,?,?,?,?,?,?)");
  st.Bind(1, d.request_ref);
  st.Bind(2, d.crime_key);
  st.Bind(3, d.relevant ? 1 : 0);
  st.Bind(4, d.reviewer);
  st.Bind(5, d.summary);
  st.Bind(6, d.reason);
  st.Bind(7, d.decided_at);
  return Check(st.Step(), "recording a decision");
}

Result<std::vector<Decision>> SqliteStore::Decisions(const std::string& request_ref) {
  Statement& st = Prepared(
      "SELECT request_ref, crime_key, relevant, reviewer, summary, reason, decided_at "
      "FROM decisions WHERE request_ref=? ORDER BY crime_key");
  st.Bind(1, request_ref);
  std::vector<Decision> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.push_back(Decision{st.Str(0), st.Str(1), st.Int(2) != 0, st.Str(3), st.Str(4), st.Str(5),
                           st.Str(6)});
  }
  st.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading decisions").error();
  return out;
}

Result<int64_t> SqliteStore::CreateReviewSession(const ReviewSession& session) {
  if (auto s = Begin(); !s.ok()) return s.error();
  Statement& st = Prepared(
      "INSERT INTO review_sessions(request_ref, question, query, created_at, seed, recall_target) "
      "VALUES(?,?,?,?,?,?)");
  st.Bind(1, session.request_ref);
  st.Bind(2, session.question);
  st.Bind(3, session.query);
  st.Bind(4, session.created_at);
  st.Bind(5, session.seed);
  st.BindReal(6, session.recall_target);
  const int rc = st.Step();
  st.Reset();
  if (rc == SQLITE_CONSTRAINT) {
    (void)Rollback();
    return Error::InvalidInput("request " + session.request_ref + " question " + session.question +
                               " already has a review session");
  }
  if (rc != SQLITE_DONE) {
    (void)Rollback();
    return Check(rc, "creating a review session").error();
  }
  const int64_t id = sqlite3_last_insert_rowid(db_);
  Statement& c = Prepared("INSERT INTO review_candidates(session_id, position, crime_key) VALUES(?,?,?)");
  for (size_t i = 0; i < session.candidates.size(); ++i) {
    c.Bind(1, id);
    c.Bind(2, static_cast<int64_t>(i));
    c.Bind(3, session.candidates[i]);
    const int crc = c.Step();
    c.Reset();
    if (auto s = Check(crc, "recording review candidates"); !s.ok()) {
      (void)Rollback();
      return s.error();
    }
  }
  if (auto s = Commit(); !s.ok()) return s.error();
  return id;
}

Result<std::optional<ReviewSession>> SqliteStore::FindReviewSession(const std::string& request_ref,
                                                                    const std::string& question) {
  Statement& st = Prepared(
      "SELECT id, query, created_at, seed, recall_target FROM review_sessions "
      "WHERE request_ref=? AND question=?");
  st.Bind(1, request_ref);
  st.Bind(2, question);
  int rc = st.Step();
  if (rc == SQLITE_DONE) {
    st.Reset();
    return std::optional<ReviewSession>();
  }
  if (rc != SQLITE_ROW) {
    st.Reset();
    return Check(rc, "reading a review session").error();
  }
  ReviewSession s;
  s.id = st.Int(0);
  s.request_ref = request_ref;
  s.question = question;
  s.query = st.Str(1);
  s.created_at = st.Str(2);
  s.seed = st.Int(3);
  s.recall_target = st.Real(4);
  st.Reset();
  Statement& c =
      Prepared("SELECT crime_key FROM review_candidates WHERE session_id=? ORDER BY position");
  c.Bind(1, s.id);
  while ((rc = c.Step()) == SQLITE_ROW) s.candidates.push_back(c.Str(0));
  c.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading review candidates").error();
  return std::optional<ReviewSession>(std::move(s));
}

Status SqliteStore::AddReviewEvent(const ReviewEvent& e) {
  Statement& st = Prepared(
      "INSERT INTO review_events(session_id, crime_key, verdict, phase, reviewer, reason, summary, "
      "seconds, decided_at) VALUES(?,?,?,?,?,?,?,?,?)");
  st.Bind(1, e.session_id);
  st.Bind(2, e.crime_key);
  st.Bind(3, e.verdict);
  st.Bind(4, e.phase);
  st.Bind(5, e.reviewer);
  st.Bind(6, e.reason);
  st.Bind(7, e.summary);
  st.BindReal(8, e.seconds);
  st.Bind(9, e.decided_at);
  return Check(st.Step(), "recording a review decision");
}

Result<std::vector<ReviewEvent>> SqliteStore::ReviewEvents(int64_t session_id) {
  Statement& st = Prepared(
      "SELECT crime_key, verdict, phase, reviewer, reason, summary, seconds, decided_at "
      "FROM review_events WHERE session_id=? ORDER BY id");
  st.Bind(1, session_id);
  std::vector<ReviewEvent> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    ReviewEvent e;
    e.session_id = session_id;
    e.crime_key = st.Str(0);
    e.verdict = st.Str(1);
    e.phase = st.Str(2);
    e.reviewer = st.Str(3);
    e.reason = st.Str(4);
    e.summary = st.Str(5);
    e.seconds = st.Real(6);
    e.decided_at = st.Str(7);
    out.push_back(std::move(e));
  }
  st.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading review decisions").error();
  return out;
}

Status SqliteStore::PutResponse(const PublishedResponse& r) {
  if (auto s = Begin(); !s.ok()) return s;
  auto fail = [&](int rc, const char* what) {
    (void)Rollback();
    return Check(rc, what);
  };
  Statement& st = Prepared(
      "INSERT INTO responses(reference, title, response_date, keywords, published) VALUES(?,?,?,?,?) "
      "ON CONFLICT(reference) DO UPDATE SET title=excluded.title, response_date=excluded.response_date, "
      "keywords=excluded.keywords");
  st.Bind(1, r.reference);
  st.Bind(2, r.title);
  st.Bind(3, r.response_date);
  st.Bind(4, nlohmann::json(r.keywords).dump());
  st.Bind(5, int64_t{r.published ? 1 : 0});
  if (int rc = st.Step(); rc != SQLITE_DONE) return fail(rc, "recording a response");
  st.Reset();
  Statement& del = Prepared("DELETE FROM response_files WHERE reference=?");
  del.Bind(1, r.reference);
  if (int rc = del.Step(); rc != SQLITE_DONE) return fail(rc, "replacing a response's files");
  del.Reset();
  Statement& ins = Prepared("INSERT INTO response_files(reference, name, bytes) VALUES(?,?,?)");
  for (const auto& [name, bytes] : r.files) {
    ins.Bind(1, r.reference);
    ins.Bind(2, name);
    ins.BindBlob(3, bytes);
    const int rc = ins.Step();
    ins.Reset();
    if (rc != SQLITE_DONE) return fail(rc, "recording a response's files");
  }
  return Commit();
}

Result<std::optional<PublishedResponse>> SqliteStore::GetResponse(const std::string& reference) {
  Statement& st = Prepared(
      "SELECT title, response_date, keywords, published FROM responses WHERE reference=?");
  st.Bind(1, reference);
  int rc = st.Step();
  if (rc == SQLITE_DONE) {
    st.Reset();
    return std::optional<PublishedResponse>();
  }
  if (rc != SQLITE_ROW) {
    st.Reset();
    return Check(rc, "reading a response").error();
  }
  PublishedResponse r;
  r.reference = reference;
  r.title = st.Str(0);
  r.response_date = st.Str(1);
  r.keywords = nlohmann::json::parse(st.Str(2)).get<std::vector<std::string>>();
  r.published = st.Int(3) != 0;
  st.Reset();
  Statement& f = Prepared("SELECT name, bytes FROM response_files WHERE reference=? ORDER BY name");
  f.Bind(1, reference);
  while ((rc = f.Step()) == SQLITE_ROW) r.files.emplace(f.Str(0), f.Blob(1));
  f.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading a response's files").error();
  return std::optional<PublishedResponse>(std::move(r));
}

Status SqliteStore::SetPublished(const std::string& reference, bool published) {
  Statement& st = Prepared("UPDATE responses SET published=? WHERE reference=?");
  st.Bind(1, int64_t{published ? 1 : 0});
  st.Bind(2, reference);
  if (auto s = Check(st.Step(), "publishing a response"); !s.ok()) return s;
  if (sqlite3_changes(db_) == 0)
    return Error::NotFound("no response to " + reference + " in the store; run respond first");
  return {};
}

Result<std::vector<PublishedResponse>> SqliteStore::PublishedResponses() {
  std::vector<std::string> refs;
  {
    Statement& st = Prepared("SELECT reference FROM responses WHERE published=1 ORDER BY reference");
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) refs.push_back(st.Str(0));
    st.Reset();
    if (rc != SQLITE_DONE) return Check(rc, "listing published responses").error();
  }
  std::vector<PublishedResponse> out;
  for (const std::string& ref : refs) {
    auto r = GetResponse(ref);
    if (!r.ok()) return r.error();
    if (*r) out.push_back(std::move(**r));
  }
  return out;
}

}  // namespace foidesk

namespace foidesk {

Result<std::optional<FoiRequest>> SqliteStore::GetRequest(const std::string& reference) {
  Statement& st = Prepared("SELECT record FROM requests WHERE reference=?");
  st.Bind(1, reference);
  const int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<FoiRequest>();
  if (rc != SQLITE_ROW) return Check(rc, "reading a request").error();
  auto r = RequestFromJson(st.Str(0));
  st.Reset();
  if (!r) return Error::Store(path_ + ": request " + reference + ": its stored record cannot be read");
  return r;
}

Result<std::vector<FoiRequest>> SqliteStore::Requests() {
  ReadTransaction tx(db_);
  Statement& st = Prepared("SELECT reference, record FROM requests ORDER BY received, reference");
  std::vector<FoiRequest> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    auto r = RequestFromJson(st.Str(1));
    if (!r) {
      const std::string ref = st.Str(0);
      st.Reset();
      return Error::Store(path_ + ": request " + ref + ": its stored record cannot be read");
    }
    out.push_back(std::move(*r));
  }
  st.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "listing requests").error();
  return out;
}

Status SqliteStore::PutRequest(const FoiRequest& r, std::optional<std::pair<int, int>> sequence) {
  Statement& st = Prepared(
      "INSERT INTO requests(reference, seq_year, seq, status, received, due, record) VALUES(?,?,?,?,?,?,?) "
      "ON CONFLICT(reference) DO UPDATE SET status=excluded.status, received=excluded.received, "
      "due=excluded.due, record=excluded.record");
  st.Bind(1, r.reference);
  if (sequence) {
    st.Bind(2, int64_t{sequence->first});
    st.Bind(3, int64_t{sequence->second});
  } else {
    st.BindNull(2);
    st.BindNull(3);
  }
  st.Bind(4, StatusId(r.status));
  st.Bind(5, r.received.DaysSinceEpoch());
  st.BindDay(6, r.extended_due ? r.extended_due : r.due);
  st.Bind(7, RequestToJson(r));
  const int rc = st.Step();
  st.Reset();
  return Check(rc, "recording a request");
}

Result<int> SqliteStore::NextRequestNumber(int year) {
  Statement& st = Prepared("SELECT COALESCE(MAX(seq), 0) + 1 FROM requests WHERE seq_year=?");
  st.Bind(1, int64_t{year});
  const int rc = st.Step();
  if (rc != SQLITE_ROW) return Check(rc, "numbering a request").error();
  const int next = static_cast<int>(st.Int(0));
  st.Reset();
  return next;
}

Status SqliteStore::AddRequestEvent(const RequestEvent& e) {
  Statement& st = Prepared(
      "INSERT INTO request_events(reference, at, actor, kind, from_status, to_status, date, detail) "
      "VALUES(?,?,?,?,?,?,?,?)");
  st.Bind(1, e.reference);
  st.Bind(2, e.at);
  st.Bind(3, e.actor);
  st.Bind(4, e.kind);
  st.Bind(5, e.from_status);
  st.Bind(6, e.to_status);
  st.BindDay(7, e.date);
  st.Bind(8, e.detail);
  const int rc = st.Step();
  st.Reset();
  return Check(rc, "recording a request's history");
}

Result<std::vector<RequestEvent>> SqliteStore::RequestEvents(const std::string& reference) {
  Statement& st = Prepared(
      "SELECT id, reference, at, actor, kind, from_status, to_status, date, detail FROM request_events "
      "WHERE reference=? ORDER BY id");
  st.Bind(1, reference);
  std::vector<RequestEvent> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW)
    out.push_back({st.Int(0), st.Str(1), st.Str(2), st.Str(3), st.Str(4), st.Str(5), st.Str(6), st.Day(7), st.Str(8)});
  st.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading a request's history").error();
  return out;
}

Status SqliteStore::AddTimeEntry(const TimeEntry& t) {
  Statement& st = Prepared(
      "INSERT INTO request_time(reference, date, actor, activity, hours, note) VALUES(?,?,?,?,?,?)");
  st.Bind(1, t.reference);
  st.Bind(2, t.date.DaysSinceEpoch());
  st.Bind(3, t.actor);
  st.Bind(4, t.activity);
  st.BindReal(5, t.hours);
  st.Bind(6, t.note);
  const int rc = st.Step();
  st.Reset();
  return Check(rc, "logging time");
}

Result<std::vector<TimeEntry>> SqliteStore::TimeEntries(const std::string& reference) {
  Statement& st = Prepared(
      "SELECT reference, date, actor, activity, hours, note FROM request_time WHERE reference=? ORDER BY id");
  st.Bind(1, reference);
  std::vector<TimeEntry> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW)
    out.push_back({st.Str(0), *st.Day(1), st.Str(2), st.Str(3), st.Real(4), st.Str(5)});
  st.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading logged time").error();
  return out;
}

Status SqliteStore::AddHolidayImport(const HolidayImport& h) {
  Statement& st = Prepared("INSERT INTO holiday_imports(at, actor, file, holidays) VALUES(?,?,?,?)");
  st.Bind(1, h.at);
  st.Bind(2, h.actor);
  st.Bind(3, h.file);
  st.Bind(4, h.holidays_json);
  const int rc = st.Step();
  st.Reset();
  return Check(rc, "recording imported bank holidays");
}

Result<std::vector<HolidayImport>> SqliteStore::HolidayImports() {
  Statement& st = Prepared("SELECT at, actor, file, holidays FROM holiday_imports ORDER BY id");
  std::vector<HolidayImport> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back({st.Str(0), st.Str(1), st.Str(2), st.Str(3)});
  st.Reset();
  if (rc != SQLITE_DONE) return Check(rc, "reading imported bank holidays").error();
  return out;
}

}  // namespace foidesk
