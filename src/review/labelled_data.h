// Screening data with known labels, for simulating review: a CSV with
// `title` and `abstract` or `text`, and `label_included` or `label` (1 =
// relevant), as the ASReview benchmark collection and `foidesk synth` write.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/result.h"
#include "store/store.h"

namespace foidesk::review {

struct LabelledData {
  std::vector<std::string> texts;  // title and abstract joined
  std::vector<uint8_t> labels;     // 1 relevant
  int64_t rows_read = 0;
  int64_t dropped_empty = 0;       // no abstract (or no text)
  int64_t dropped_duplicates = 0;  // same title and abstract, letters and digits only
  int64_t relevant() const;
};

// Reads the CSV. With `clean`, drops records whose abstract is empty and
// later copies of a record (compared on title and abstract, lower case,
// letters and digits only), as the ASReview simulation study did. Bad input
// (no such file, missing column, a label other than 0 or 1, malformed CSV)
// fails with file, line and column.
Result<LabelledData> ReadLabelledCsv(const std::string& path, bool clean = true);

// Labels for crimes in a store: a CSV with `crime_id` and `relevant` (1/0,
// yes/no, true/false), such as the synthetic force's truth.csv or a past
// request's decisions; the texts come from the store. A crime id the store
// does not hold fails with file and line.
Result<LabelledData> ReadLabelledCrimes(Store& store, const std::string& truth_path);

}  // namespace foidesk::review
