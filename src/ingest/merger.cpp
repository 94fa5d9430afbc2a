// Merging records into crimes (see merger.h).
#include "ingest/merger.h"

#include <algorithm>
#include <limits>

namespace foidesk::ingest {
namespace {

std::string Where(const SourceRef& ref) { return ref.file + " line " + std::to_string(ref.line); }

bool HasOtherSource(const Crime& crime, const std::string& source) {
  for (const auto& r : crime.refs)
    if (r.source != source) return true;
  return false;
}

}  // namespace

Merger::Merger(Store& store, const std::vector<Mapping>& mappings, bool store_was_empty)
    : store_(store), store_was_empty_(store_was_empty) {
  for (const auto& m : mappings)
    priorities_[m.name] = Priority{m.content_priority, m.date_priority};
}

Merger::Priority Merger::PriorityOf(const std::string& source) const {
  auto it = priorities_.find(source);
  return it == priorities_.end() ? Priority{} : it->second;
}

void Merger::Apply(Crime& crime, MappedRecord& rec) const {
  Crime& r = rec.crime;
  const SourceRef& ref = r.refs[0];
  const Priority mine = PriorityOf(ref.source);
  bool others = false;
  Priority best{std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min()};
  for (const auto& other : crime.refs) {
    if (other.source == ref.source) continue;
    others = true;
    Priority p = PriorityOf(other.source);
    best.content = std::max(best.content, p.content);
    best.date = std::max(best.date, p.date);
  }
  if (!others || mine.content >= best.content) {
    crime.committed_from = r.committed_from;
    crime.offence.swap(r.offence);
    crime.offence_subclass.swap(r.offence_subclass);
    crime.offence_title.swap(r.offence_title);
    crime.town.swap(r.town);
    crime.beat.swap(r.beat);
    crime.lsoa.swap(r.lsoa);
    crime.text.swap(r.text);
    crime.people.swap(r.people);
    crime.outcome_type.swap(r.outcome_type);
    crime.outcome_date = r.outcome_date;
  }
  if (!others || mine.date >= best.date) crime.recorded = r.recorded;
  std::erase_if(crime.refs, [&](const SourceRef& x) { return x.source == ref.source; });
  crime.refs.push_back(ref);
  // One order whatever order the files came in.
  std::sort(crime.refs.begin(), crime.refs.end(), [](const SourceRef& a, const SourceRef& b) {
    return std::tie(a.source, a.id) < std::tie(b.source, b.id);
  });
}

Status Merger::Add(MappedRecord& rec, IngestCounts& counts, std::vector<Finding>& findings) {
  const SourceRef& ref = rec.crime.refs[0];
  const std::string& id_field = rec.mapping->field(Field::kId).from;
  // A record's caveats are reported when it is loaded, not when it repeats.
  auto warn = [&] {
    for (auto& w : rec.warnings) findings.push_back(std::move(w));
  };
  const uint64_t record_hash = Hash64(ref.source, ref.id);
  const uint64_t key_hash = Hash64(rec.crime.key);
  const bool record_in_run = records_seen_.Contains(record_hash);

  // 1. This very record (source, id) is already stored: a repeat or update.
  std::optional<Crime> existing;
  if (!store_was_empty_ || record_in_run) {
    auto found = store_.FindCrimeBySourceId(ref.source, ref.id);
    if (!found.ok()) return found.error();
    existing = std::move(*found);
  }
  if (existing) {
    const SourceRef* old = nullptr;
    for (const auto& r : existing->refs)
      if (r.source == ref.source && r.id == ref.id) old = &r;
    if (old && old->hash == ref.hash) {
      // Same content: a re-run adds nothing; a repeat within this run is
      // reported.
      ++counts.duplicates;
      if (record_in_run)
        findings.push_back({FindingKind::kDuplicate, ref.file, ref.line, id_field,
                            "repeats the record at " + Where(*old)});
      return {};
    }
    if (record_in_run) {
      ++counts.duplicates;
      findings.push_back({FindingKind::kDuplicate, ref.file, ref.line, id_field,
                          "same crime as " + (old ? Where(*old) : std::string("an earlier row")) +
                              "; this later row wins"});
      auto prior = updated_.find(record_hash);
      if (prior != updated_.end() && prior->second.hash == ref.hash) {
        // Back to what the store held: the earlier row was no update.
        --counts.loaded;
        ++counts.duplicates;
        if (prior->second.migrated) --counts.migrated;
        updated_.erase(prior);
      }
    } else {
      ++counts.loaded;  // a newer copy of a record loaded by an earlier run
      bool migrated = HasOtherSource(*existing, ref.source);
      if (migrated) ++counts.migrated;
      if (old) updated_[record_hash] = Prior{old->hash, migrated};
    }
    warn();
    if (existing->key != rec.crime.key && !record_in_run)
      findings.push_back({FindingKind::kWarning, ref.file, ref.line, id_field,
                          "the record's crime key differs from its earlier copy; kept with the "
                          "crime it was first loaded into"});
    Apply(*existing, rec);
    records_seen_.Insert(record_hash);
    auto put = store_.PutCrime(*existing);
    if (!put.ok()) return put.error();
    return {};
  }
  records_seen_.Insert(record_hash);

  // 2. Another record of the same crime (by key) is stored: merge.
  std::optional<Crime> same_key;
  if (!store_was_empty_ || keys_seen_.Contains(key_hash)) {
    auto found = store_.FindCrimeByKey(rec.crime.key);
    if (!found.ok()) return found.error();
    same_key = std::move(*found);
  }
  keys_seen_.Insert(key_hash);
  if (same_key) {
    const SourceRef* twin = nullptr;
    for (const auto& r : same_key->refs)
      if (r.source == ref.source) twin = &r;
    if (twin) {
      // Two records of one system for one crime (e.g. the same legacy_ref).
      ++counts.duplicates;
      bool twin_in_run = records_seen_.Contains(Hash64(twin->source, twin->id));
      findings.push_back({FindingKind::kDuplicate, ref.file, ref.line, id_field,
                          "same crime key as the record at " + Where(*twin) +
                              (twin_in_run ? "; this later row wins"
                                           : " (loaded by an earlier run); this row wins")});
    } else {
      ++counts.loaded;
      ++counts.migrated;
    }
    warn();
    Apply(*same_key, rec);
    auto put = store_.PutCrime(*same_key);
    if (!put.ok()) return put.error();
    return {};
  }

  // 3. A new crime.
  warn();
  ++counts.loaded;
  rec.crime.rowid = 0;
  auto put = store_.PutCrime(rec.crime);
  if (!put.ok()) return put.error();
  return {};
}

}  // namespace foidesk::ingest
