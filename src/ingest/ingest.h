// Ingest: the public entry point of the ingest module. Reads source exports
// (CSV, JSON Lines) through their mapping files into canonical crimes in a
// Store, merges the copies of a crime held by several systems, and reports
// every row that is not loaded as it stood as a finding.
//
//   foidesk::ingest::Options options;
//   options.config_dir = "config";               // sources/*.toml, codes/*.csv
//   options.findings_path = "out/findings.csv";  // optional
//   auto counts = foidesk::ingest::Ingest(store, {"crs_2014.csv", "rms_2016.jsonl"}, options);
//   if (!counts.ok()) std::cerr << counts.error().message << "\n";
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "ingest/mapping.h"
#include "model/result.h"
#include "store/store.h"

namespace foidesk::ingest {

struct Options {
  // Holds sources/*.toml (the mapping files) and codes/ (outcomes.csv and
  // the offence code lists the mappings name).
  std::string config_dir;
  // Findings CSV to write (header file,line,kind,field,reason); empty: the
  // findings go to the store only.
  std::string findings_path;
  // Progress lines (every 100,000 rows or few seconds); null: silent.
  std::ostream* progress = nullptr;
  // Rows per store transaction.
  int64_t batch_rows = 10000;
};

// Ingests `files` in order into `store` as one ingest run.
//
// Each file is read through the mapping whose file patterns match its base
// name. Every row is counted in `read` and ends loaded, rejected (with a
// finding) or a duplicate: read = loaded + rejected + duplicates. A record
// merged into a crime that another system's record already stands behind
// is loaded and also counted in `migrated`. Re-ingesting the same records
// adds nothing: they count as duplicates (without findings).
//
// Returns an Error, naming the file and the reason, when a mapping file is
// bad, a file matches no mapping, cannot be read or has a header other than
// its mapping's, or the store fails. Files are checked before anything is
// loaded; a store failure part-way leaves the batches already committed
// (re-running the ingest completes it without double counting).
Result<IngestCounts> Ingest(Store& store, const std::vector<std::string>& files,
                            const Options& options);

}  // namespace foidesk::ingest
