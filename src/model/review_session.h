// A review session (the candidates of one question of a request, frozen when
// the session starts) and the events recorded in it, one per decision.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace foidesk {

struct ReviewSession {
  int64_t id = 0;
  std::string request_ref;  // "FOI 000763/16"
  std::string question;     // "1", "Q2"
  std::string query;        // the query that chose the candidates
  std::string created_at;   // ISO 8601 UTC
  int64_t seed = 1;         // for the random samples (validation, second review)
  double recall_target = 0.95;
  std::vector<std::string> candidates;  // crime keys in search order
};

struct ReviewEvent {
  int64_t session_id = 0;
  std::string crime_key;
  std::string verdict;  // "relevant", "not_relevant", "unsure"
  std::string phase;    // "ranked", "validation", "second"
  std::string reviewer;
  std::string reason;
  std::string summary;
  double seconds = 0;   // time spent, 0 when not measured
  std::string decided_at;
};

}  // namespace foidesk
