// `foidesk respond`: answers one request file from the store. Runs the
// request's searches, applies its decisions, builds the tables (cross-
// checked), and writes the letter (md, html), the tables as CSV and a
// manifest. The same inputs give byte-identical outputs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/result.h"
#include "respond/request_file.h"
#include "store/store.h"
#include "tables/tables.h"

namespace foidesk::respond {

struct Options {
  std::string out_dir;
  std::string config_dir;  // holds force.toml, templates/, exemptions/, codes/
  std::string now;         // ISO 8601 UTC, stamps imported decisions; never in an output
  // The response date, and with it the law the letter cites; default: the
  // request file's response_date.
  std::optional<Date> date;
};

struct Summary {
  ResponseKind kind = ResponseKind::kProvidedInPart;
  int64_t candidates = 0;
  int64_t relevant = 0;
  std::map<std::string, int64_t> relevant_by_year;
  std::vector<int64_t> candidate_rowids;  // sorted; staff-only
  std::vector<std::string> files;         // written, relative to out_dir
  std::vector<std::string> overridden;    // gate refusals an approver accepted; staff-only
  std::vector<std::string> withheld;      // what disclosure control did, as the letter says it
  std::vector<std::string> exemptions;    // ids the response relies on ("s40-2", "s12", ...)
};

// REQUIRES: the store holds the crimes the request's searches run over.
// Fails without writing a public file when a search does not parse, a
// candidate has no decision, the tables do not cross-check, or the publish
// gate (privacy/publish_gate.h) refuses the protected tables and no approver
// has accepted the refusal in the request file. The tables written are
// those after the request's disclosure policy (default
// config/disclosure/default.toml); disclosure.json says what it withheld.
Result<Summary> Respond(Store& store, const RequestFile& request, const Options& options);

// The tables before disclosure control, as the analyst checks them: staff-only,
// never written by Respond.
Result<tables::ResponseTables> WorkingTables(Store& store, const RequestFile& request,
                                             const Options& options);

// SHA-256 of a file as lower-case hex.
Result<std::string> Sha256File(const std::string& path);
std::string Sha256String(const std::string& data);

}  // namespace foidesk::respond
