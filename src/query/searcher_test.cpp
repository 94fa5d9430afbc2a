// Searcher over a real ":memory:" SqliteStore: the index path (FTS5) and the
// scan path (C++ matcher) give the same crimes for a table of queries, and
// both agree with a brute-force evaluation over the generated crimes; field
// filter semantics; counts by year, financial year and month at their
// boundaries; hits with snippets; the planner's choice; a store whose
// dialect has no compiler.
#include "query/searcher.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "model/crime.h"
#include "query/parser.h"
#include "store/sqlite_store.h"

namespace foidesk::query {
namespace {

// A Store with no text index: crimes in a map. Only what the Searcher uses
// is implemented.
class MemoryStore final : public Store {
 public:
  std::string Dialect() const override { return "memory"; }
  Status Begin() override { return {}; }
  Status Commit() override { return {}; }
  Status Rollback() override { return {}; }
  Result<std::optional<Crime>> FindCrimeByKey(const std::string&) override { return Unsupported(); }
  Result<std::optional<Crime>> FindCrimeBySourceId(const std::string&,
                                                   const std::string&) override {
    return Unsupported();
  }
  Result<std::optional<Crime>> GetCrime(int64_t rowid) override {
    auto it = crimes_.find(rowid);
    if (it == crimes_.end()) return std::optional<Crime>();
    return std::optional<Crime>(it->second);
  }
  Result<int64_t> PutCrime(const Crime& crime) override {
    Crime c = crime;
    if (c.rowid == 0) c.rowid = crimes_.empty() ? 1 : crimes_.rbegin()->first + 1;
    crimes_[c.rowid] = c;
    return c.rowid;
  }
  Result<int64_t> CrimeCount() override { return static_cast<int64_t>(crimes_.size()); }
  Result<std::vector<std::string>> CrimeKeys(const std::vector<int64_t>& rowids) override {
    std::vector<std::string> out;
    for (int64_t r : rowids) out.push_back(crimes_.at(r).key);
    return out;
  }
  Result<std::optional<int64_t>> ResolveCrimeId(const std::string&) override {
    return Unsupported();
  }
  Status BeginBulkLoad() override { return {}; }
  Status EndBulkLoad() override { return {}; }
  Result<DocValues> LoadDocValues() override {
    DocValues dv;
    size_t n = crimes_.empty() ? 1 : static_cast<size_t>(crimes_.rbegin()->first) + 1;
    dv.present.assign(n, 0);
    dv.recorded_day.assign(n, 0);
    dv.offence.assign(n, 0);
    dv.source_mask.assign(n, 0);
    dv.outcome.assign(n, 0);
    dv.town.assign(n, 0);
    auto intern = [](std::vector<std::string>& names, const std::string& v) {
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == v) return i;
      names.push_back(v);
      return names.size() - 1;
    };
    for (const auto& [r, c] : crimes_) {
      size_t i = static_cast<size_t>(r);
      dv.present[i] = 1;
      dv.recorded_day[i] = static_cast<int32_t>(c.recorded.DaysSinceEpoch());
      dv.offence[i] = static_cast<uint16_t>(intern(dv.offence_names, c.offence));
      dv.outcome[i] = static_cast<uint16_t>(intern(dv.outcome_names, c.outcome_type));
      dv.town[i] = static_cast<uint32_t>(intern(dv.town_names, c.town));  // case kept on purpose
      for (const auto& ref : c.refs)
        dv.source_mask[i] |= static_cast<uint8_t>(1u << intern(dv.source_names, ref.source));
      ++dv.count;
    }
    return dv;
  }
  Status ForEachTextMatch(const std::string&, const std::function<bool(int64_t)>&) override {
    return Error::Internal("MemoryStore has no text index");
  }
  Status ForEachText(const std::vector<int64_t>& rowids,
                     const std::function<void(int64_t, std::string_view)>& fn) override {
    for (int64_t r : rowids) {
      auto it = crimes_.find(r);
      if (it != crimes_.end()) fn(r, it->second.text);
    }
    return {};
  }
  Result<int64_t> StartIngestRun(const std::vector<std::string>&) override { return Unsupported(); }
  Status FinishIngestRun(int64_t, const IngestCounts&) override { return Unsupported(); }
  Status AddFinding(int64_t, const Finding&) override { return Unsupported(); }
  Result<std::vector<StoredFinding>> Findings(std::optional<int64_t>) override {
    return Unsupported();
  }
  Status PutDecision(const Decision&) override { return Unsupported(); }
  Result<std::vector<Decision>> Decisions(const std::string&) override { return Unsupported(); }
  Result<int64_t> CreateReviewSession(const ReviewSession&) override { return Unsupported(); }
  Result<std::optional<ReviewSession>> FindReviewSession(const std::string&,
                                                         const std::string&) override {
    return Unsupported();
  }
  Status AddReviewEvent(const ReviewEvent&) override { return Unsupported(); }
  Result<std::vector<ReviewEvent>> ReviewEvents(int64_t) override { return Unsupported(); }
  Status PutResponse(const PublishedResponse&) override { return Unsupported(); }
  Result<std::optional<PublishedResponse>> GetResponse(const std::string&) override { return Unsupported(); }
  Status SetPublished(const std::string&, bool) override { return Unsupported(); }
  Result<std::vector<PublishedResponse>> PublishedResponses() override { return Unsupported(); }
  Result<std::optional<FoiRequest>> GetRequest(const std::string&) override { return Unsupported(); }
  Result<std::vector<FoiRequest>> Requests() override { return Unsupported(); }
  Status PutRequest(const FoiRequest&, std::optional<std::pair<int, int>>) override { return Unsupported(); }
  Result<int> NextRequestNumber(int) override { return Unsupported(); }
  Status AddRequestEvent(const RequestEvent&) override { return Unsupported(); }
  Result<std::vector<RequestEvent>> RequestEvents(const std::string&) override { return Unsupported(); }
  Status AddTimeEntry(const TimeEntry&) override { return Unsupported(); }
  Result<std::vector<TimeEntry>> TimeEntries(const std::string&) override { return Unsupported(); }
  Status AddHolidayImport(const HolidayImport&) override { return Unsupported(); }
  Result<std::vector<HolidayImport>> HolidayImports() override { return Unsupported(); }

 private:
  static Error Unsupported() { return Error::Internal("not supported by MemoryStore"); }
  std::map<int64_t, Crime> crimes_;
};

// --- Generated corpus.

const char* const kWords[] = {
    "the",
    "victim",
    "was",
    "recorded",
    "on",
    "webcam",
    "web",
    "website",
    "video",
    "videos",
    "photo",
    "photos",
    "photograph",
    "threatened",
    "to",
    "share",
    "images",
    "online",
    "money",
    "paid",
    "suspect",
    "e-mail",
    "café",
    "CAFE",
    "naïve",
    "Straße",
    "don’t",
    "“sent”",
    "2",
    "22",
    "and",
    "or",
    "not",
    "NEAR",
    "the victim",
    "bad\xC3"
    "video",
    "x\xED\xA0\x80y",
    "\xE2\x82 photo",
    "ǡ",
    "µ",
    "Webcam,",
    "VIDEO.",
    "vidéo",
    "posted",
    "link",
    "phone",
};

const char* const kOffences[] = {"71", "8N", "105A", "28", "071", "008N"};
const char* const kOutcomes[] = {"", "18", "1", "1A", "16"};
const char* const kTowns[] = {"Norwich", "Great Yarmouth", "KING'S LYNN", "", "great  yarmouth"};

std::vector<Crime> Generate(int n) {
  std::mt19937 rng(20161028);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
  std::vector<Crime> out;
  const int64_t first = Date{2013, 1, 1}.DaysSinceEpoch();
  const int64_t last = Date{2016, 12, 31}.DaysSinceEpoch();
  for (int i = 0; i < n; ++i) {
    Crime c;
    c.key = "C" + std::to_string(1000 + i);
    int sources = pick(3);
    if (sources != 1) c.refs.push_back(SourceRef{"crs", c.key, "crs.csv", i + 2, "h"});
    if (sources != 0) c.refs.push_back(SourceRef{"rms", "R" + c.key, "rms.jsonl", i + 1, "h"});
    c.recorded = Date::FromDaysSinceEpoch(first + pick(static_cast<int>(last - first + 1)));
    c.offence = kOffences[pick(6)];
    c.outcome_type = kOutcomes[pick(5)];
    c.town = kTowns[pick(5)];
    int words = pick(30);
    for (int w = 0; w < words; ++w) {
      if (w) c.text += pick(8) == 0 ? "\n" : " ";
      c.text += kWords[pick(static_cast<int>(std::size(kWords)))];
    }
    out.push_back(std::move(c));
  }
  return out;
}

// Field semantics written again, straight from the Crime, as an oracle.
bool CrimeHas(const Crime& c, const FieldFilter& f) {
  auto in = [&](const std::string& v) {
    for (const auto& x : f.values)
      if (x == v) return true;
    return false;
  };
  switch (f.field) {
    case Field::kOffence:
      return in(CanonicalOffence(c.offence));
    case Field::kOutcome:
      return in(CanonicalOutcome(c.outcome_type));
    case Field::kTown:
      return in(NormalizeName(c.town));
    case Field::kSource:
      for (const auto& r : c.refs)
        if (in(r.source)) return true;
      return false;
    case Field::kRecorded:
      return (!f.from || c.recorded >= *f.from) && (!f.to || c.recorded <= *f.to);
  }
  return false;
}

const char* const kQueries[] = {
    "video",
    "web",
    "web*",
    "webcam",
    "\"the victim\"",
    "\"the vic\"*",
    "photo*",
    "café",
    "cafe",
    "naive",
    "straße",
    "don",
    "\"don t\"",
    "e-mail",
    "2",
    "2*",
    "\"and\" \"near\"",
    "sent",
    "video OR web* OR photo*",
    "video web",
    "video NOT web",
    "offence:71 (video OR web* OR photo*)",
    "offence:71,8N video",
    "offence:105a",
    "NOT video",
    "NOT video NOT web*",
    "video OR NOT web",
    "offence:71 OR video",
    "NOT offence:71 video",
    "recorded:2014/15 photo*",
    "recorded:2014-06 OR recorded:2015",
    "recorded:..2013-12-31 webcam",
    "source:rms video",
    "source:crs source:rms",
    "outcome:open \"the victim\"",
    "outcome:1a,16",
    "town:\"great yarmouth\" NOT web*",
    "town:\"king's lynn\"",
    "(offence:71 video) OR (town:norwich photo*)",
    "offence:71 (video OR (source:rms photo*))",
    "video NOT (web OR NOT photo)",
    "recorded:2014 web* NOT webcam",
    "NOT (offence:71 OR video)",
    "photo* NOT video NOT webcam",
    "(video OR photo) (web* OR e-mail) NOT (café OR 2)",
    "badvideo OR bad OR x OR y",
    "ǡ OR μ",
};

class SearcherEquivalenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteStore::Open(":memory:");
    ASSERT_TRUE(s.ok()) << s.error().message;
    sqlite_ = std::move(*s);
    crimes_ = Generate(400);
    for (auto& c : crimes_) {
      auto id = sqlite_->PutCrime(c);
      ASSERT_TRUE(id.ok()) << id.error().message;
      c.rowid = *id;
      auto mid = memory_.PutCrime(c);
      ASSERT_TRUE(mid.ok());
    }
  }

  // Whole-text evaluation (not the streaming matcher the scan path uses).
  std::vector<int64_t> Oracle(const Query& q) {
    Matcher m(q.root);
    TokenBuffer tokens;
    std::vector<int64_t> out;
    for (const auto& c : crimes_) {
      FieldTest fields = [&](const FieldFilter& f) { return CrimeHas(c, f); };
      tokens.Reset(c.text);
      if (m.Matches(tokens, fields)) out.push_back(c.rowid);
    }
    return out;
  }

  std::unique_ptr<SqliteStore> sqlite_;
  MemoryStore memory_;
  std::vector<Crime> crimes_;
};

TEST_F(SearcherEquivalenceTest, IndexScanAndOracleAgree) {
  using Strategy = SearchOptions::Strategy;
  SearchOptions index{Strategy::kIndex};
  SearchOptions scan{Strategy::kScan};
  // kAuto with a threshold that sends some ANDs each way.
  SearchOptions mixed{Strategy::kAuto, 0.0, 60};
  Searcher by_index(*sqlite_, index), by_scan(*sqlite_, scan), by_auto(*sqlite_, mixed);
  Searcher no_index(memory_);
  size_t informative = 0;  // queries matching some but not all crimes
  for (const char* text : kQueries) {
    auto q = ParseQuery(text);
    ASSERT_TRUE(q.ok()) << text << ": " << q.error().message;
    auto want = Oracle(*q);
    if (!want.empty() && want.size() < crimes_.size())
      ++informative;
    else
      ADD_FAILURE() << text << " matches " << want.size() << " of " << crimes_.size();
    for (Searcher* s : {&by_index, &by_scan, &by_auto, &no_index}) {
      auto got = s->Search(*q);
      ASSERT_TRUE(got.ok()) << text << ": " << got.error().message;
      EXPECT_EQ(got->rowids, want)
          << text << " with strategy " << static_cast<int>(s->options().strategy);
    }
  }
  EXPECT_EQ(informative, std::size(kQueries));
}

TEST_F(SearcherEquivalenceTest, CorpusIsNotTrivial) {
  // Guard against a generator change that makes the equivalence vacuous.
  Searcher s(*sqlite_);
  for (const char* text :
       {"video", "web*", "\"the victim\"", "offence:71 (video OR web* OR photo*)"}) {
    auto r = s.Search(text);
    ASSERT_TRUE(r.ok());
    EXPECT_GT(r->rowids.size(), 2u) << text;
    EXPECT_LT(r->rowids.size(), crimes_.size()) << text;
  }
}

TEST_F(SearcherEquivalenceTest, PlannerRacesTheIndexAgainstAScan) {
  // When streaming index hits costs more than reading the candidates'
  // texts, the index gives up and the candidates are scanned.
  SearchOptions scan_is_cheap;
  scan_is_cheap.index_hits_per_text = 0;
  Searcher s(*sqlite_, scan_is_cheap);
  auto narrow = s.Search("offence:71 (video OR web*)");
  ASSERT_TRUE(narrow.ok());
  ASSERT_GE(narrow->plan.size(), 2u);
  EXPECT_NE(narrow->plan[narrow->plan.size() - 2].find("so scanning the candidates instead"),
            std::string::npos)
      << narrow->plan[narrow->plan.size() - 2];
  EXPECT_EQ(narrow->plan.back().rfind("scan ", 0), 0u) << narrow->plan.back();

  SearchOptions index_is_cheap;
  index_is_cheap.index_hits_per_text = 1e9;
  s.set_options(index_is_cheap);
  auto broad = s.Search("offence:71 (video OR web*)");
  ASSERT_TRUE(broad.ok());
  ASSERT_FALSE(broad->plan.empty());
  EXPECT_EQ(broad->plan.back().rfind("index \"video\" OR \"web\" *: ", 0), 0u)
      << broad->plan.back();
  EXPECT_EQ(narrow->rowids, broad->rowids);

  // A pure text query always goes to the index, as one expression.
  auto text = s.Search("video OR web* OR photo*");
  ASSERT_TRUE(text.ok());
  ASSERT_EQ(text->plan.size(), 1u);
  EXPECT_EQ(text->plan[0].rfind("index \"video\" OR \"web\" * OR \"photo\" *: ", 0), 0u)
      << text->plan[0];
}

// --- Hand-made stores.

Crime Make(const std::string& key, Date recorded, const std::string& text,
           const std::string& offence = "71", std::vector<std::string> sources = {"crs"},
           const std::string& outcome = "18", const std::string& town = "Norwich") {
  Crime c;
  c.key = key;
  c.recorded = recorded;
  c.text = text;
  c.offence = offence;
  c.outcome_type = outcome;
  c.town = town;
  for (const auto& s : sources) c.refs.push_back(SourceRef{s, key + s, s + ".csv", 2, "h"});
  return c;
}

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteStore::Open(":memory:");
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
  }
  int64_t Put(const Crime& c) {
    auto id = store_->PutCrime(c);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }
  std::vector<int64_t> Find(Searcher& s, const char* query) {
    auto r = s.Search(query);
    EXPECT_TRUE(r.ok()) << query << ": " << r.error().message;
    return r.ok() ? r->rowids : std::vector<int64_t>{};
  }
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SearcherTest, CountByYearFinancialYearAndMonth) {
  // Financial years turn on 31 March / 1 April; calendar years on 31 Dec.
  const Date days[] = {{2014, 3, 31}, {2014, 4, 1}, {2014, 12, 31}, {2015, 1, 1},
                       {2015, 3, 31}, {2015, 4, 1}, {2015, 4, 30},  {2016, 2, 29}};
  int i = 0;
  for (const Date& d : days) Put(Make("K" + std::to_string(i++), d, "video"));
  Put(Make("OTHER", {2015, 6, 1}, "nothing here"));
  Searcher s(*store_);
  auto r = s.Search("video");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rowids.size(), 8u);
  EXPECT_EQ(s.CountBy(*r, Bucket::kYear), (Buckets{{"2014", 3}, {"2015", 4}, {"2016", 1}}));
  EXPECT_EQ(s.CountBy(*r, Bucket::kFinancialYear),
            (Buckets{{"2013/14", 1}, {"2014/15", 4}, {"2015/16", 3}}));
  EXPECT_EQ(s.CountBy(*r, Bucket::kMonth), (Buckets{{"2014-03", 1},
                                                    {"2014-04", 1},
                                                    {"2014-12", 1},
                                                    {"2015-01", 1},
                                                    {"2015-03", 1},
                                                    {"2015-04", 2},
                                                    {"2016-02", 1}}));
  EXPECT_TRUE(s.CountBy(SearchResult{}, Bucket::kYear).empty());
  SearchResult stale;
  stale.rowids = {r->rowids[0], 999};
  EXPECT_EQ(s.CountBy(stale, Bucket::kYear), (Buckets{{"2014", 1}, {"?", 1}}));

  // recorded: filters share the boundaries.
  EXPECT_EQ(Find(s, "recorded:2014/15").size(), 4u);
  EXPECT_EQ(Find(s, "recorded:2015/16").size(), 4u);  // includes OTHER
  EXPECT_EQ(Find(s, "recorded:2015-04").size(), 2u);
  EXPECT_EQ(Find(s, "recorded:2014-03-31").size(), 1u);
  EXPECT_EQ(Find(s, "recorded:..2014-04-01").size(), 2u);
  EXPECT_EQ(Find(s, "recorded:2016-02-29..").size(), 1u);
}

TEST_F(SearcherTest, FieldFilters) {
  int64_t a = Put(Make("A", {2014, 1, 1}, "video", "071", {"crs"}, "18", "Norwich"));
  int64_t b = Put(Make("B", {2014, 1, 1}, "video", "8N", {"rms"}, "", "GREAT YARMOUTH"));
  int64_t c = Put(Make("C", {2016, 1, 1}, "photo", "008n", {"crs", "rms"}, "1A", "Great Yarmouth"));
  int64_t d = Put(Make("D", {2016, 1, 1}, "photo", "105A", {"rms"}, "", ""));
  Searcher s(*store_);
  using V = std::vector<int64_t>;
  EXPECT_EQ(Find(s, "offence:71"), (V{a}));
  EXPECT_EQ(Find(s, "offence:071"), (V{a}));
  EXPECT_EQ(Find(s, "offence:8N"), (V{b, c}));
  EXPECT_EQ(Find(s, "offence:71,105A"), (V{a, d}));
  EXPECT_EQ(Find(s, "source:crs"), (V{a, c}));
  EXPECT_EQ(Find(s, "source:rms"), (V{b, c, d}));  // the migrated crime has both
  EXPECT_EQ(Find(s, "source:crs source:rms"), (V{c}));
  EXPECT_EQ(Find(s, "outcome:open"), (V{b, d}));
  EXPECT_EQ(Find(s, "outcome:1a,18"), (V{a, c}));
  EXPECT_EQ(Find(s, "NOT outcome:open"), (V{a, c}));
  EXPECT_EQ(Find(s, "town:\"great yarmouth\""), (V{b, c}));
  EXPECT_EQ(Find(s, "town:NORWICH"), (V{a}));
  EXPECT_EQ(Find(s, "NOT video"), (V{c, d}));
  EXPECT_EQ(Find(s, "NOT town:norwich NOT offence:105a"), (V{b, c}));
}

TEST_F(SearcherTest, WarnsAboutValuesNoCrimeHas) {
  Put(Make("A", {2014, 1, 1}, "video"));
  Searcher s(*store_);
  auto r = s.Search("offence:99 OR source:crz OR town:nowhere OR video");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rowids.size(), 1u);
  EXPECT_EQ(r->warnings, (std::vector<std::string>{"offence:99 matches no crime in this store",
                                                   "source:crz matches no crime in this store",
                                                   "town:nowhere matches no crime in this store"}));
}

TEST_F(SearcherTest, SyntaxErrorsComeBack) {
  Searcher s(*store_);
  auto r = s.Search("video OR");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().message, "column 9: expected a term, phrase, field filter or '(' after OR");
}

TEST_F(SearcherTest, EmptyStore) {
  Searcher s(*store_);
  EXPECT_TRUE(Find(s, "video").empty());
  EXPECT_TRUE(Find(s, "NOT video").empty());
  EXPECT_TRUE(Find(s, "offence:71 video").empty());
}

TEST_F(SearcherTest, HitsWithSnippets) {
  Put(Make("C1/00001/14", {2014, 6, 3}, "Nothing relevant."));
  int64_t b =
      Put(Make("C1/00002/14", {2014, 6, 3},
               "Suspect threatened to post a VIDEO of the victim online.\nThe victim paid."));
  int64_t c =
      Put(Make("C1/00003/14", {2014, 6, 4}, "Photos were sent by e-mail; the café was named."));
  Searcher s(*store_);
  auto q = ParseQuery("offence:71 (video OR photo* OR café) NOT audio");
  ASSERT_TRUE(q.ok());
  auto r = s.Search(*q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rowids, (std::vector<int64_t>{b, c}));
  auto hits = s.Hits(*r, *q, 10);
  ASSERT_TRUE(hits.ok()) << hits.error().message;
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].key, "C1/00002/14");
  EXPECT_EQ((*hits)[0].snippet,
            "Suspect threatened to post a [VIDEO] of the victim online. The victim paid.");
  EXPECT_EQ((*hits)[1].key, "C1/00003/14");
  EXPECT_EQ((*hits)[1].snippet, "[Photos] were sent by e-mail; the [café] was named.");
  auto one = s.Hits(*r, *q, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
}

TEST_F(SearcherTest, ReloadSeesNewCrimes) {
  Put(Make("A", {2014, 1, 1}, "video"));
  Searcher s(*store_);
  EXPECT_EQ(Find(s, "video").size(), 1u);
  Put(Make("B", {2014, 1, 1}, "video"));
  // Until reloaded, the new crime is outside the doc values and is left out.
  auto stale = s.Search("video");
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(stale->rowids.size(), 1u);
  ASSERT_TRUE(s.Reload().ok());
  EXPECT_EQ(Find(s, "video").size(), 2u);
}

}  // namespace
}  // namespace foidesk::query
