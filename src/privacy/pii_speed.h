// A reproducible throughput measurement of the personal-data detector:
// deterministic synthetic crime text (upper-case legacy entries and
// mixed-case narratives, with personal data at a realistic density and
// plain sentences without any), run through Detector::Detect one record
// (about 400 bytes) at a time, and a naive baseline on the same records.
// Used by `foidesk bench`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "privacy/pii.h"

namespace foidesk::privacy {

struct PiiSpeed {
  double mb_per_s = 0;   // bytes of text / 1e6 / seconds spent in Detect
  double seconds = 0;    // time spent in Detect only (text building excluded)
  size_t bytes = 0;      // bytes of text detected
  size_t records = 0;    // records detected
  size_t findings = 0;   // findings Detect returned over all records
};

// The synthetic records MeasurePiiSpeed uses: about `megabytes` MB in
// records of about 400 bytes, the same for the same seed.
std::vector<std::string> MakePiiSpeedRecords(size_t megabytes, uint64_t seed);

// Builds about `megabytes` MB of records from `seed` and times Detect on them.
PiiSpeed MeasurePiiSpeed(const Detector& detector, size_t megabytes, uint64_t seed);

// The baseline `foidesk bench` sets beside MeasurePiiSpeed, on the same
// records: the naive way (Presidio's), every pattern of the pattern
// recognisers run on its own over the whole record with its validator, and
// libphonenumber's PhoneNumberMatcher (region GB, leniency VALID) over the
// whole record; no pre-filter, no context, no overlap resolution. `findings`
// counts raw matches, so it is not comparable with the detector's.
PiiSpeed MeasureNaivePiiSpeed(size_t megabytes, uint64_t seed);

}  // namespace foidesk::privacy
