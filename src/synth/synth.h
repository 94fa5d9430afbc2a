// Synthetic police force with ground truth, modelled on the force that
// answered FOI 000763/16 ('sextortion' reports 2011-2015). Writes both of the
// force's exports exactly as formats/legacy-crs.md and formats/current-rms.md
// describe them, faults included, plus what a test or benchmark needs to
// judge a search: which blackmail crimes are really sextortion (truth.csv),
// what the force's analysts decided (decisions.csv) and where the data
// faults are (faults.csv).
//
//   foidesk::synth::Options options;
//   options.seed = 16;
//   options.crimes_per_year = 3000;
//   auto summary = foidesk::synth::Generate(options, "out/data");
//   if (!summary.ok()) std::cerr << summary.error().message << "\n";
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/result.h"

namespace foidesk::synth {

struct Options {
  uint64_t seed = 1;
  int first_year = 2010, last_year = 2016;  // recorded years
  int crimes_per_year = 60000;
  int files_per_source = 1;  // split each export into this many files (crs_1.csv, crs_2.csv ...)
  bool plant_faults = true;  // the data faults the format docs list
  bool write_planted = true;  // write pii_planted.csv (about 1.4 times the exports' size)
};

struct Summary {
  int64_t crs_rows = 0;        // data rows written to crs_*.csv, faulty and repeated rows included
  int64_t rms_rows = 0;        // lines written to rms_*.jsonl, faulty lines included
  int64_t crimes = 0;          // distinct crimes
  int64_t migrated = 0;        // crimes in both exports (RMS legacy_ref set)
  int64_t blackmail = 0;       // rows of truth.csv
  int64_t relevant = 0;        // sextortion crimes, all years
  int64_t seed_crimes = 0;     // always 68
  int64_t keyword_missed = 0;  // sextortion recorded 2011-2015 the force's search did not return
  int64_t faults = 0;          // rows of faults.csv
  int64_t pii_planted = 0;     // rows of pii_planted.csv (0 without write_planted)
  std::vector<std::string> files;  // every file written, as out_dir/name
};

// Writes into `out_dir` (created if missing):
//   crs_N.csv     legacy export: Windows-1252, CRLF, header row, 16 columns
//   rms_N.jsonl   current export: UTF-8, one JSON object a line, LF
//   truth.csv     crime_id,relevant,category,seed_row: one row per blackmail crime
//   decisions.csv crime_id,relevant,reviewer,summary,reason: the force's review
//   faults.csv    file,line,kind: every planted data fault
//   pii_planted.csv file,line,crime_id,field,type,value,start,end: every
//                 piece of personal data written (pii_planted.md)
// Existing crs_N.csv and rms_N.jsonl files in `out_dir` are removed first, so
// a folder reused with fewer files holds no stale export.
//
// The same Options give byte-identical files on any machine. The 68 crimes of
// the published answer are generated whatever the size; other crime scales
// with crimes_per_year. REQUIRES: the recorded years cover 2011-2015 (the
// request's years; the force changed system on 19 October 2015).
// Returns kInvalidInput for such options, kIo when a file cannot be written.
Result<Summary> Generate(const Options& options, const std::string& out_dir);

}  // namespace foidesk::synth
