// The canonical crime: what every source's export is mapped to, whatever
// system recorded it. Holds personal data (people, text): staff-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/date.h"

namespace foidesk {

struct Person {
  std::string role;  // "victim", "suspect", "witness", "other"
  std::string surname;
  std::string forenames;
  std::optional<Date> dob;
  std::optional<int> stated_age;  // the age the source states, when it gives one
  std::vector<std::string> online_ids;

  friend bool operator==(const Person&, const Person&) = default;
};

// One source record behind a crime: which export row it came from.
struct SourceRef {
  std::string source;  // mapping name, e.g. "crs", "rms"
  std::string id;      // the record's id in that system
  std::string file;    // file name as given to ingest
  int64_t line = 0;    // 1-based line where the record starts
  std::string hash;    // content hash of the mapped record (re-ingest detection)

  friend bool operator==(const SourceRef&, const SourceRef&) = default;
};

struct Crime {
  int64_t rowid = 0;  // store id; 0 until stored
  // The crime's identity across systems: the id of the system that first
  // recorded it (a migrated RMS crime keeps its CRS number).
  std::string key;
  std::vector<SourceRef> refs;  // one per merged source record
  Date recorded;                // Europe/London local date of recording
  std::optional<Date> committed_from;
  std::string offence;  // canonical class without zero padding: "71", "8N"
  std::string offence_subclass;
  std::string offence_title;
  std::string town;
  std::string beat;
  std::string lsoa;
  std::string text;  // free text for search and review
  std::vector<Person> people;
  std::string outcome_type;  // Home Office outcome type ("18", "1A"); empty while open
  std::optional<Date> outcome_date;

  // Whether a record of `source` stands behind this crime.
  bool HasSource(const std::string& source) const {
    for (const auto& r : refs)
      if (r.source == source) return true;
    return false;
  }
};

// The victim age rule of formats/README.md: age in whole years of the first
// victim on the offence start date (else the recorded date) from the date of
// birth; else the age the source states; else nullopt ("Not stated").
std::optional<int> VictimAge(const Crime& crime);

// Canonical offence class: strips zero padding before the first letter
// ("071" -> "71", "008N" -> "8N", "105A" -> "105A") and upper-cases letters.
std::string CanonicalOffence(const std::string& code);

}  // namespace foidesk
