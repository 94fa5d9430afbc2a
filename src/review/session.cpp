#include "review/session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "model/csv.h"
#include "query/parser.h"
#include "query/searcher.h"
#include "query/text.h"
#include "review/active_learner.h"
#include "review/number_format.h"
#include "review/tfidf.h"

namespace foidesk::review {
namespace {

constexpr int8_t kNone = -1, kNo = 0, kYes = 1, kUnsure = 2;

int8_t VerdictCode(const std::string& v) {
  if (v == "relevant") return kYes;
  if (v == "not_relevant") return kNo;
  if (v == "unsure") return kUnsure;
  return kNone;
}

// The positive text terms of a query (under no NOT), OR-ed: what the
// reviewer's eye and the first ranking look for.
void CollectTerms(const query::Node& n, bool negated, std::vector<query::Node>& out) {
  if (n.kind == query::NodeKind::kTerm) {
    if (!negated) out.push_back(n);
    return;
  }
  for (const query::Node& c : n.children)
    CollectTerms(c, negated || n.kind == query::NodeKind::kNot, out);
}

// A deterministic shuffle of 0..n-1 (Fisher-Yates on a seeded engine).
std::vector<uint32_t> Permutation(size_t n, uint64_t seed) {
  std::vector<uint32_t> p(n);
  for (size_t i = 0; i < n; ++i) p[i] = static_cast<uint32_t>(i);
  std::mt19937_64 rng(seed);
  for (size_t i = n; i > 1; --i) std::swap(p[i - 1], p[rng() % i]);
  return p;
}


// The query with `word` OR-ed into its text part, its field filters kept:
// "offence:71 (video OR photo*)" + footage ->
// "offence:71 (video OR photo* OR footage)". A query without text gains
// nothing from a word: returned empty.
std::string WidenedQuery(const std::string& text, const std::string& word) {
  auto q = query::ParseQuery(text);
  if (!q.ok() || !query::HasText(q->root)) return "";
  const query::Node& root = q->root;
  const query::Node term = query::Node::MakeTerm(query::Term{{word}, false});
  if (query::IsPureText(root))
    return query::ToQueryText(query::Node::MakeBool(query::NodeKind::kOr, {root, term}));
  if (root.kind != query::NodeKind::kAnd) return "";
  std::vector<query::Node> fields, texts;
  for (const query::Node& c : root.children) (query::IsPureField(c) ? fields : texts).push_back(c);
  if (texts.empty()) return "";
  query::Node text_part = texts.size() == 1 ? texts[0] : query::Node::MakeBool(query::NodeKind::kAnd, texts);
  fields.push_back(query::Node::MakeBool(query::NodeKind::kOr, {text_part, term}));
  return query::ToQueryText(query::Node::MakeBool(query::NodeKind::kAnd, fields));
}

}  // namespace

struct Session::State {
  Tfidf features;
  std::unique_ptr<ActiveLearner> learner;
  std::unique_ptr<query::Matcher> highlighter;
  std::vector<std::string> query_words;
  std::unordered_map<std::string, uint32_t> index;  // crime key -> candidate
  std::vector<int8_t> first;       // the first reviewer's latest verdict
  std::vector<std::string> first_reviewer;
  std::vector<int8_t> second;      // the second reviewer's latest verdict
  std::vector<uint8_t> ranked;     // read in the ranked phase
  std::vector<uint8_t> validated;  // read as part of the validation sample
  std::vector<uint32_t> ranked_order;  // candidates in ranked reading order
  int64_t stop_at = -1;            // ranked records read when a rule said stop
  std::string stop_rule;
};

Result<ReviewSession> StartSession(Store& store, const StartOptions& o) {
  if (o.request_ref.empty()) return Error::InvalidInput("review start: --request is empty");
  if (o.question.empty()) return Error::InvalidInput("review start: --question is empty");
  auto existing = store.FindReviewSession(o.request_ref, o.question);
  if (!existing.ok()) return existing.error();
  if (*existing)
    return Error::InvalidInput("request " + o.request_ref + " question " + o.question +
                               " already has a review session; use review next to resume it");
  query::Searcher searcher(store);
  auto result = searcher.Search(o.query);
  if (!result.ok()) return Error::InvalidInput("review start: query: " + result.error().message);
  if (result->rowids.empty())
    return Error::InvalidInput("review start: the query finds no crimes, so there is nothing to review");
  auto keys = store.CrimeKeys(result->rowids);
  if (!keys.ok()) return keys.error();
  ReviewSession s;
  s.request_ref = o.request_ref;
  s.question = o.question;
  s.query = o.query;
  s.created_at = o.now;
  s.seed = o.seed;
  s.recall_target = o.recall_target;
  s.candidates = std::move(*keys);
  auto id = store.CreateReviewSession(s);
  if (!id.ok()) return id.error();
  s.id = *id;
  return s;
}

Result<Session> Session::Load(Store& store, const std::string& request_ref,
                              const std::string& question) {
  auto found = store.FindReviewSession(request_ref, question);
  if (!found.ok()) return found.error();
  if (!*found)
    return Error::NotFound("request " + request_ref + " question " + question +
                           " has no review session; start one with review start");
  Session s(store, std::move(**found));
  if (auto st = s.Prepare(); !st.ok()) return st.error();
  return s;
}

Status Session::Prepare() {
  state_ = std::make_shared<State>();
  State& st = *state_;
  const size_t n = session_.candidates.size();
  std::vector<int64_t> rowids(n);
  std::map<int64_t, uint32_t> by_rowid;
  for (size_t i = 0; i < n; ++i) {
    st.index.emplace(session_.candidates[i], static_cast<uint32_t>(i));
    auto r = store_->ResolveCrimeId(session_.candidates[i]);
    if (!r.ok()) return r.error();
    if (!*r)
      return Error::Mismatch("review session: candidate " + session_.candidates[i] +
                             " is no longer in the store");
    by_rowid.emplace(**r, static_cast<uint32_t>(i));
  }
  texts_.assign(n, "");
  std::vector<int64_t> sorted;
  for (auto& [rowid, i] : by_rowid) sorted.push_back(rowid);
  if (auto s = store_->ForEachText(sorted, [&](int64_t rowid, std::string_view text) {
        texts_[by_rowid[rowid]] = std::string(text);
      });
      !s.ok())
    return s;

  st.features = BuildTfidf(texts_);
  LearnerOptions lo;
  lo.seed = static_cast<uint64_t>(session_.seed);
  lo.warm_start = false;
  st.learner = std::make_unique<ActiveLearner>(st.features.matrix, lo);

  // The first ranking: how many of the query's words a record holds.
  auto q = query::ParseQuery(session_.query);
  std::vector<query::Node> terms;
  if (q.ok()) CollectTerms(q->root, false, terms);
  std::vector<double> seed(n, 0.0);
  if (!terms.empty()) {
    for (const query::Node& t : terms)
      for (const std::string& tok : t.term.tokens) st.query_words.push_back(tok);
    st.highlighter = std::make_unique<query::Matcher>(
        terms.size() == 1 ? terms[0] : query::Node::MakeBool(query::NodeKind::kOr, terms));
    for (size_t i = 0; i < n; ++i)
      seed[i] = static_cast<double>(st.highlighter->Highlights(texts_[i]).size());
  }
  st.learner->SetSeedScores(seed);

  auto events = store_->ReviewEvents(session_.id);
  if (!events.ok()) return events.error();
  events_ = std::move(*events);
  Replay();
  return {};
}

void Session::Replay() {
  State& st = *state_;
  const size_t n = session_.candidates.size();
  st.first.assign(n, kNone);
  st.first_reviewer.assign(n, "");
  st.second.assign(n, kNone);
  st.ranked.assign(n, 0);
  st.validated.assign(n, 0);
  st.ranked_order.clear();
  for (const ReviewEvent& e : events_) {
    auto it = st.index.find(e.crime_key);
    if (it == st.index.end()) continue;
    const uint32_t i = it->second;
    const int8_t v = VerdictCode(e.verdict);
    if (e.phase == "second") {
      st.second[i] = v;
      continue;
    }
    st.first[i] = v;
    st.first_reviewer[i] = e.reviewer;
    if (e.phase == "validation") {
      st.validated[i] = 1;
    } else if (!st.ranked[i]) {
      st.ranked[i] = 1;
      st.ranked_order.push_back(i);
    }
  }
  for (size_t i = 0; i < n; ++i)
    if (st.first[i] == kYes || st.first[i] == kNo) st.learner->Label(static_cast<uint32_t>(i), st.first[i] == kYes);

  // Where the rules would have stopped the ranked reading, checked after
  // every record read in order; unsure records are left out until settled.
  ReviewOrder order;
  st.stop_at = -1;
  st.stop_rule.clear();
  for (uint32_t i : st.ranked_order) {
    if (st.first[i] == kUnsure) continue;
    order.push_back(st.first[i] == kYes ? 1 : 0);
    if (st.stop_at >= 0) continue;
    if (HypergeometricStop(order, static_cast<int64_t>(n), session_.recall_target).stop) {
      st.stop_at = static_cast<int64_t>(order.size());
      st.stop_rule = "hypergeometric";
    } else if (KneeStop(order).stop) {
      st.stop_at = static_cast<int64_t>(order.size());
      st.stop_rule = "knee";
    }
  }
}

std::vector<uint32_t> Session::ValidationSample(size_t size) const {
  const State& st = *state_;
  std::vector<uint32_t> out;
  for (uint32_t i : Permutation(session_.candidates.size(), static_cast<uint64_t>(session_.seed) ^ 0xE1u)) {
    if (out.size() >= size) break;
    if (!st.ranked[i]) out.push_back(i);
  }
  return out;
}

SessionStatus Session::Progress(const EffortLimit& limit) const {
  const State& st = *state_;
  SessionStatus s;
  const size_t n = session_.candidates.size();
  s.candidates = static_cast<int64_t>(n);
  ReviewOrder order;
  int64_t found_ranked = 0;
  for (uint32_t i : st.ranked_order) {
    if (st.first[i] == kUnsure) continue;
    order.push_back(st.first[i] == kYes ? 1 : 0);
    found_ranked += st.first[i] == kYes;
  }
  for (size_t i = 0; i < n; ++i) {
    s.relevant += st.first[i] == kYes;
    s.unsure += st.first[i] == kUnsure;
  }
  s.read = static_cast<int64_t>(order.size());
  int64_t ranked_read = 0;
  for (size_t i = 0; i < n; ++i) ranked_read += st.ranked[i];
  s.unread = static_cast<int64_t>(n) - ranked_read;
  s.knee = KneeStop(order);
  s.hypergeometric = HypergeometricStop(order, static_cast<int64_t>(n), session_.recall_target);
  s.can_stop = st.stop_at >= 0;
  s.stop_rule = st.stop_rule;
  if (s.can_stop) s.saved = s.unread;

  const int64_t want = ElusionSampleSize(std::max<int64_t>(found_ranked, 1), s.unread, session_.recall_target);
  s.validation_size = std::clamp<int64_t>(want, 0, s.unread);
  int64_t sample_relevant = 0;
  for (uint32_t i : ValidationSample(static_cast<size_t>(s.validation_size))) {
    if (st.validated[i]) {
      ++s.validation_read;
      sample_relevant += st.first[i] == kYes;
    }
  }
  if (s.can_stop && s.validation_read == s.validation_size && s.validation_size > 0)
    s.recall = EstimateRecallByElusion(found_ranked, s.unread, s.validation_size, sample_relevant);

  std::vector<std::pair<Verdict, Verdict>> pairs;
  auto as_verdict = [](int8_t v) {
    return v == kYes ? Verdict::kRelevant : v == kNo ? Verdict::kNotRelevant : Verdict::kUnsure;
  };
  for (size_t i = 0; i < n; ++i)
    if (st.second[i] != kNone && st.first[i] != kNone) {
      pairs.emplace_back(as_verdict(st.first[i]), as_verdict(st.second[i]));
      if (st.first[i] != st.second[i]) s.disagreements.push_back(session_.candidates[i]);
    }
  s.agreement = CohenKappa(pairs);

  EffortInput in;
  for (const ReviewEvent& e : events_) in.seconds.push_back(e.seconds);
  in.remaining = s.can_stop ? 0 : s.unread;
  in.validation = s.validation_size - s.validation_read;
  if (!s.can_stop) in.validation = 0;  // the unread already include them
  in.limit = limit;
  s.effort = ProjectEffort(in);
  return s;
}

Result<std::optional<NextRecord>> Session::Next(const std::string& reviewer, bool second) {
  State& st = *state_;
  const size_t n = session_.candidates.size();
  NextRecord r;
  int64_t pick = -1;
  if (second) {
    // A random tenth of the first reviewer's decisions (at least 20), in a
    // fixed random order, that another person has not yet judged.
    std::vector<uint32_t> decided;
    for (uint32_t i : Permutation(n, static_cast<uint64_t>(session_.seed) ^ 0x5Eu))
      if (st.first[i] == kYes || st.first[i] == kNo) decided.push_back(i);
    const size_t size = std::min(decided.size(), std::max<size_t>(20, decided.size() / 10));
    for (size_t k = 0; k < size && pick < 0; ++k) {
      const uint32_t i = decided[k];
      if (st.second[i] == kNone && st.first_reviewer[i] != reviewer) pick = i;
    }
    r.phase = "second";
  } else if (st.stop_at < 0) {
    st.learner->Train();
    const auto queue = st.learner->Queue(n);
    for (uint32_t i : queue)
      if (st.first[i] == kNone) {
        pick = i;
        break;
      }
    r.phase = "ranked";
  } else {
    const SessionStatus s = Progress();
    for (uint32_t i : ValidationSample(static_cast<size_t>(s.validation_size)))
      if (!st.validated[i]) {
        pick = i;
        break;
      }
    r.phase = "validation";
  }
  if (pick < 0) return std::optional<NextRecord>();
  const uint32_t i = static_cast<uint32_t>(pick);
  r.crime_key = session_.candidates[i];
  r.score = st.learner->scores()[i];
  r.position = static_cast<int64_t>(events_.size()) + 1;
  r.text = texts_[i];
  r.highlighted = st.highlighter ? query::Snippet(r.text, st.highlighter->Highlights(r.text),
                                                  {r.text.size(), 1000, r.text.size()})
                                 : r.text;
  return std::optional<NextRecord>(std::move(r));
}

Status Session::Decide(const std::string& crime_key, const std::string& verdict,
                       const std::string& reviewer, const std::string& reason,
                       const std::string& summary, double seconds, const std::string& now) {
  State& st = *state_;
  auto it = st.index.find(crime_key);
  if (it == st.index.end())
    return Error::InvalidInput("review decide: crime " + crime_key + " is not a candidate of request " +
                               session_.request_ref + " question " + session_.question);
  if (VerdictCode(verdict) == kNone)
    return Error::InvalidInput("review decide: verdict '" + verdict +
                               "': expected relevant, not_relevant or unsure");
  if (reviewer.empty()) return Error::InvalidInput("review decide: --reviewer is empty");
  if (!(seconds >= 0) || seconds > 86400)
    return Error::InvalidInput("review decide: --seconds must be between 0 and 86400");
  const uint32_t i = it->second;
  ReviewEvent e;
  e.session_id = session_.id;
  e.crime_key = crime_key;
  e.verdict = verdict;
  e.reviewer = reviewer;
  e.reason = reason;
  e.summary = verdict == "relevant" ? summary : "";
  e.seconds = seconds;
  e.decided_at = now;
  if (st.first[i] != kNone && st.first_reviewer[i] != reviewer) {
    e.phase = "second";
  } else if (st.stop_at >= 0 && !st.ranked[i]) {
    e.phase = "validation";
  } else {
    e.phase = st.validated[i] ? "validation" : "ranked";
  }
  // The event and the request's decision land together.
  if (auto s = store_->Begin(); !s.ok()) return s;
  Status s = store_->AddReviewEvent(e);
  if (s.ok() && e.phase != "second" && verdict != "unsure")
    s = store_->PutDecision(Decision{session_.request_ref, crime_key, verdict == "relevant", reviewer,
                                     e.summary, reason, now});
  if (!s.ok()) {
    (void)store_->Rollback();
    return s;
  }
  if (auto c = store_->Commit(); !c.ok()) return c;
  events_.push_back(std::move(e));
  Replay();
  return {};
}

Result<std::vector<Suggestion>> Session::Suggest(size_t limit) {
  State& st = *state_;
  st.learner->Train();
  const auto& w = st.learner->weights();
  std::vector<Suggestion> out;
  if (w.empty()) return out;
  std::set<std::string> in_query(st.query_words.begin(), st.query_words.end());
  std::vector<uint32_t> cols;
  for (uint32_t c = 0; c < st.features.word.size(); ++c)
    if (!st.features.word[c].empty() && w[c] > 0 && !in_query.count(st.features.word[c]) &&
        st.features.word[c].size() > 2 &&
        !std::all_of(st.features.word[c].begin(), st.features.word[c].end(),
                     [](char ch) { return ch >= '0' && ch <= '9'; }))
      cols.push_back(c);
  std::sort(cols.begin(), cols.end(), [&](uint32_t a, uint32_t b) {
    return w[a] != w[b] ? w[a] > w[b] : st.features.word[a] < st.features.word[b];
  });
  if (cols.size() > limit) cols.resize(limit);
  const SparseMatrix& m = st.features.matrix;
  query::Searcher searcher(*store_);
  auto base = searcher.Search(session_.query);
  for (uint32_t c : cols) {
    Suggestion sg;
    sg.word = st.features.word[c];
    sg.weight = w[c];
    for (size_t i = 0; i < m.rows(); ++i) {
      if (st.first[i] != kYes) continue;
      for (uint64_t k = m.row_start[i]; k < m.row_start[i + 1]; ++k)
        if (m.col[k] == c) {
          ++sg.relevant;
          break;
        }
    }
    // The query with the word OR-ed into its text: how many more crimes.
    if (const std::string widened = WidenedQuery(session_.query, sg.word); base.ok() && !widened.empty()) {
      auto wider = searcher.Search(widened);
      if (wider.ok())
        sg.adds = static_cast<int64_t>(wider->rowids.size()) - static_cast<int64_t>(base->rowids.size());
    }
    out.push_back(std::move(sg));
  }
  return out;
}

std::string Session::ExportCsv() const {
  std::string out = CsvLine({"position", "crime_id", "verdict", "phase", "reviewer", "seconds",
                             "decided_at", "reason", "summary"});
  int64_t pos = 0;
  for (const ReviewEvent& e : events_)
    out += CsvLine({std::to_string(++pos), e.crime_key, e.verdict, e.phase, e.reviewer,
                    fmt::format("{:g}", e.seconds), e.decided_at, e.reason, e.summary});
  return out;
}

std::vector<std::string> SessionStatus::Methodology(const ReviewSession& session) const {
  std::vector<std::string> l;
  l.push_back(fmt::format(
      "The {} candidate records were read in an order set by a model that learned from each "
      "decision, most likely relevant first: {} were read and {} found relevant.",
      Grouped(candidates), Grouped(read), Grouped(relevant)));
  if (can_stop)
    l.push_back(fmt::format(
        "Reading stopped when {} showed that at least {:.0f}% of the relevant records had been "
        "found; {} records were not read.",
        stop_rule == "knee" ? "the knee method (Cormack and Grossman, 2016)"
                            : "a statistical test (Callaghan and Mueller-Hansen, 2020, 95% confidence)",
        session.recall_target * 100, Grouped(saved)));
  if (recall) l.push_back(recall->Sentence());
  return l;
}

std::vector<std::string> SessionStatus::Lines(const ReviewSession& session) const {
  std::vector<std::string> l;
  l.push_back(fmt::format("{} candidates; {} read in ranked order, {} relevant; {} not read; {} unsure to settle",
                          Grouped(candidates), Grouped(read), Grouped(relevant),
                          Grouped(unread), Grouped(unsure)));
  if (can_stop) {
    l.push_back(fmt::format(
        "The {} rule says the ranked reading may stop (recall target {:.0f}%), saving {} records.",
        stop_rule == "knee" ? "knee" : "hypergeometric", session.recall_target * 100, Grouped(saved)));
  } else {
    l.push_back(fmt::format("Keep reading: hypergeometric test p = {:.3f} (stops below 0.05); knee "
                            "slope ratio {:.1f} (stops at {:.0f}, after 150 read).",
                            hypergeometric.p_value, knee.slope_ratio, knee.threshold));
  }
  if (can_stop && validation_size > 0 && !recall)
    l.push_back(fmt::format("Validation: {} of a random sample of {} unread records read.",
                            Grouped(validation_read), Grouped(validation_size)));
  if (recall) l.push_back(recall->Sentence());
  if (agreement.records > 0)
    l.push_back(fmt::format("Second reviewer: {} records, kappa {:.2f} ({}); {} disagreements to settle.",
                            Grouped(agreement.records), agreement.kappa, agreement.Strength(),
                            Grouped(static_cast<int64_t>(disagreements.size()))));
  l.push_back(effort.Sentence());
  return l;
}

}  // namespace foidesk::review
