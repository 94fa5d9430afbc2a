// Merging mapped records into the store's crimes (the rules of
// formats/README.md): one crime per key however many systems hold a copy,
// content from the copy with the highest content_priority, recorded date
// from the one with the highest date_priority, later rows winning ties;
// re-ingested records recognised by their content hash.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ingest/hash.h"
#include "ingest/mapping.h"
#include "ingest/record_mapper.h"
#include "model/finding.h"
#include "store/store.h"

namespace foidesk::ingest {

class Merger {
 public:
  // `store_was_empty`: the store held no crimes when the run started, so a
  // key or record this run has not written needs no store lookup.
  Merger(Store& store, const std::vector<Mapping>& mappings, bool store_was_empty);

  // Loads one record: a new crime, a merge into an existing one, or a
  // duplicate. Updates `counts` (loaded, duplicates, migrated; not read)
  // and appends duplicate and warning findings to `findings`. `rec` is
  // left in an unspecified state. Errors are store errors.
  Status Add(MappedRecord& rec, IngestCounts& counts, std::vector<Finding>& findings);

 private:
  struct Priority {
    int64_t content = 0;
    int64_t date = 0;
  };
  Priority PriorityOf(const std::string& source) const;
  // Takes `rec`'s content and/or recorded date into `crime` by priority,
  // and replaces the refs of rec's source with rec's ref.
  void Apply(Crime& crime, MappedRecord& rec) const;

  Store& store_;
  std::map<std::string, Priority, std::less<>> priorities_;
  bool store_was_empty_;
  HashSet64 records_seen_;  // (source, id) written in this run
  HashSet64 keys_seen_;     // crime keys written in this run

  // Records this run changed from the version an earlier run stored. Re-
  // running a file that holds a record twice first meets the superseded
  // copy, which differs from the stored (later) copy; when the later copy
  // follows and restores what was stored, the earlier one added nothing.
  struct Prior {
    std::string hash;  // content hash stored before this run
    bool migrated = false;
  };
  std::unordered_map<uint64_t, Prior> updated_;
};

}  // namespace foidesk::ingest
