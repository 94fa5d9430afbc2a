// The published answer to FOI 000763/16 (seed/q2-details.csv): one row per
// crime the force counted as sextortion, embedded so that generation reads
// nothing at run time. Each row also says where the synthetic force records
// its crime and which story and age trap it carries.
#pragma once

#include <span>

#include "synth/stories.h"

namespace foidesk::synth {

enum class Placement {
  kCrs,       // recorded and closed in the legacy system
  kMigrated,  // recorded in the legacy system, open at cut-over, closed in RMS
  kRms,       // recorded after cut-over
};

// Ways a victim's age can be computed wrongly, planted on some seed crimes.
enum class AgeTrap {
  kNone,
  kBirthdayOnStart,     // birthday on the offence start date
  kBirthdayAfterStart,  // birthday between offence start and recording
  kSummerMidnight,      // offence starts 00:30 BST on the birthday: UTC date is the day before
  kOtherPersonFirst,    // RMS lists a reporting parent before the victim
  kNoVictimPerson,      // RMS lists no victim at all ("Not stated")
};

struct SeedRow {
  int year;
  const char* details;  // public summary, exactly as published
  const char* outcome;  // public wording: Charge, Caution, Caution – Youth, Undetected
  int age;              // victim age; -1 for "Not stated"
  Placement placement;
  Story story;
  AgeTrap trap;
};

// The 68 rows in published order (seed_row = index + 1).
std::span<const SeedRow> SeedRows();

}  // namespace foidesk::synth
