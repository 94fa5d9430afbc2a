// The request file (REQUEST.toml): everything `respond` needs to answer one
// request reproducibly: reference, dates, questions, the store and source
// exports, the searches run per source, and the decisions file. Paths in it
// are relative to the file's own folder.
#pragma once

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

struct RequestFile {
  std::string path;  // the file itself
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
};

// Parses and checks a request file. Errors name the file, the key and why.
Result<RequestFile> LoadRequestFile(const std::string& path);

}  // namespace foidesk::respond
