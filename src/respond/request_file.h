// The request file (REQUEST.toml): everything `respond` needs to answer one
// request reproducibly: reference, dates, questions, the store and source
// exports, the searches run per source, and the decisions file. Paths in it
// are relative to the file's own folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/result.h"

namespace foidesk::respond {

struct SearchSpec {
  std::string source;  // source system the search ran on, e.g. "crs"
  std::string query;   // foidesk query language
  std::string method;  // how the letter describes it, e.g. "all recorded crimes of Blackmail"
};

// An approver's acceptance of one refusal of the publish gate
// (privacy/publish_gate.h), kept in the request file so the response can be
// rebuilt the same way and the decision is on record.
struct GateOverride {
  std::string check;    // "summary-finding", "below-k", ...
  std::string subject;  // crime id, column or "Q1 2012", as the refusal named it
  std::string approver;
  std::string reason;
};

// The kinds of response a letter can be, each with its own template
// (config/templates/letter-<name>.*.mustache).
enum class ResponseKind {
  kProvided,        // all the information, in tables
  kProvidedInPart,  // tables, some of it withheld under exemptions (the seed's kind)
  kRefusedS12,      // cost of compliance over the appropriate limit, with s16 advice
  kRefusedS14,      // vexatious or repeated
  kNeitherConfirmNorDeny,
  kNotHeld,
};

// "provided", "provided-in-part", "refused-s12", "refused-s14", "ncnd", "not-held".
std::string KindName(ResponseKind kind);
std::optional<ResponseKind> KindFromName(const std::string& name);
// Kinds that publish tables, and so need searches, decisions and years.
bool HasTables(ResponseKind kind);

// An exemption the response relies on beyond the s40(2) paragraphs that
// disclosure control adds: its id in the exemption library and the facts of
// this request that fill the library text's placeholders.
struct ExemptionUse {
  std::string id;      // "s30", "s40-5", "s12", ...
  std::string reason;  // {{reason}}: why it applies here
  std::string advice;  // {{advice}}: s16 advice (s12)
  std::string pit_for, pit_against, pit_balance;  // qualified exemptions' public interest test
};

struct RequestFile {
  std::string path;  // the file itself
  ResponseKind kind = ResponseKind::kProvidedInPart;
  std::string reference;
  std::string title;
  Date received;
  Date response_date;
  std::vector<std::string> questions;
  std::string definition;  // the requester's own definition, quoted back; may be empty
  std::vector<int> years;
  std::string store;                 // resolved path
  std::vector<std::string> sources;  // resolved paths of the exports behind the store
  std::string decisions;             // resolved path
  std::vector<SearchSpec> searches;
  std::vector<std::string> caveats;
  std::vector<std::string> keywords;  // subject words for the disclosure log; may be empty
  std::string disclosure_policy;  // resolved path; empty: config/disclosure/default.toml
  std::string summary_schema;     // facet schema name (config/facets/<name>.toml); may be empty
  std::vector<GateOverride> overrides;
  std::vector<ExemptionUse> exemptions;  // [[exemption]]
  // s12: the assumed time to read one candidate record, used when no review
  // has timed any; and the force's advice on narrowing the request (s16).
  double seconds_per_record = 60;
  std::vector<std::string> advice;
  std::string not_held_reason;  // not-held: why the force does not hold it
};

// Parses and checks a request file. Errors name the file, the key and why.
Result<RequestFile> LoadRequestFile(const std::string& path);

}  // namespace foidesk::respond
