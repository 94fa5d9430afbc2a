// A review session for one question of a request: the candidates chosen by
// a query, frozen at the start; a queue ordered by the active learner,
// rebuilt from the recorded decisions every time (so a session resumes
// exactly where it stopped, after a crash too); the stopping rules; an
// elusion sample to validate; a second reviewer's sample for agreement; and
// the effort against section 12. Relevant and not-relevant decisions of the
// first reviewer also go to the request's decisions, which `respond` reads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/result.h"
#include "model/review_session.h"
#include "review/agreement.h"
#include "review/effort.h"
#include "review/stopping.h"
#include "store/store.h"

namespace foidesk::review {

struct StartOptions {
  std::string request_ref;
  std::string question = "1";
  std::string query;
  int64_t seed = 1;
  double recall_target = 0.95;
  std::string now;  // ISO 8601 UTC, the caller's clock
};

// Runs the query and records the session with its candidates. Fails when the
// query is bad, finds nothing, or the question has a session already.
Result<ReviewSession> StartSession(Store& store, const StartOptions& options);

// What to read next.
struct NextRecord {
  std::string crime_key;
  std::string phase;  // "ranked", "validation", "second"
  double score = 0;   // the model's score (ranked)
  int64_t position = 0;  // 1-based: the n-th record read in the session
  std::string text;      // the crime's text (staff only)
  std::string highlighted;  // the text with the query's words in [brackets]
};

struct SessionStatus {
  int64_t candidates = 0;
  int64_t read = 0;          // ranked decisions (relevant or not)
  int64_t relevant = 0;      // relevant among all first-reviewer decisions
  int64_t unsure = 0;        // unsure and not settled since
  int64_t unread = 0;
  KneeResult knee;
  HypergeometricResult hypergeometric;
  bool can_stop = false;     // a rule says the ranked review may stop
  std::string stop_rule;     // "hypergeometric", "knee" or ""
  int64_t saved = 0;         // unread candidates when it stopped
  int64_t validation_size = 0;  // the elusion sample's size
  int64_t validation_read = 0;
  std::optional<RecallEstimate> recall;  // when the validation sample is read
  Agreement agreement;                   // the second reviewer's sample
  std::vector<std::string> disagreements;  // crime keys to settle
  EffortProjection effort;
  // Sentences for the letter's methodology paragraph and the analyst.
  std::vector<std::string> Lines(const ReviewSession& session) const;
  // For the letter's methodology paragraph: how the records were read, when
  // and why reading stopped, and the recall estimate. Figures only.
  std::vector<std::string> Methodology(const ReviewSession& session) const;
};

struct Suggestion {
  std::string word;
  double weight = 0;      // in the model
  int64_t relevant = 0;   // relevant records that hold it
  int64_t adds = -1;      // crimes the query gains by OR-ing it in (-1: not counted)
};

class Session {
 public:
  // Loads the session of the question and replays its decisions.
  static Result<Session> Load(Store& store, const std::string& request_ref,
                              const std::string& question);

  // The next record for `reviewer` in the current phase, or nullopt when
  // there is nothing to read. `second`: the second reviewer's sample.
  Result<std::optional<NextRecord>> Next(const std::string& reviewer, bool second);

  // Records a decision on a candidate. `verdict` is relevant, not_relevant
  // or unsure. The phase is worked out: a second reviewer's decision on a
  // record someone else decided is "second"; a record of the validation
  // sample is "validation".
  Status Decide(const std::string& crime_key, const std::string& verdict,
                const std::string& reviewer, const std::string& reason,
                const std::string& summary, double seconds, const std::string& now);

  SessionStatus Progress(const EffortLimit& limit = {}) const;
  // Words the model finds in relevant records that the query lacks.
  Result<std::vector<Suggestion>> Suggest(size_t limit);
  // Every event as CSV: position,crime_id,verdict,phase,reviewer,seconds,
  // decided_at,reason,summary.
  std::string ExportCsv() const;

  const ReviewSession& session() const { return session_; }

 private:
  Session(Store& store, ReviewSession session) : store_(&store), session_(std::move(session)) {}
  Status Prepare();
  void Replay();
  std::vector<uint32_t> ValidationSample(size_t unread_at_stop) const;

  Store* store_;
  ReviewSession session_;
  std::vector<ReviewEvent> events_;
  std::vector<std::string> texts_;  // per candidate
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace foidesk::review
