// Turning one source record into a canonical Crime, whatever the format:
// the readers (reader.h) expose a record's values through RecordFields and
// RecordMapper applies the mapping's rules (dates, required fields, code
// lists, people, text) and says why a record cannot be loaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/mapping.h"
#include "model/crime.h"
#include "model/finding.h"

namespace foidesk::ingest {

// One value of a record: empty when absent, null or blank; `bad` when the
// source holds something that is not a scalar (a JSON object or array).
struct Value {
  std::string_view text;
  bool bad = false;
};

// A source record's values, addressed by the mapping's FieldSources. Views
// stay valid until the reader moves to the next record.
class RecordFields {
 public:
  virtual ~RecordFields() = default;
  virtual Value Get(const FieldSource& f) = 0;
  // Elements in the people array at `array`; -1 when it is not an array.
  virtual int64_t PeopleCount(const FieldSource& array) = 0;
  // Field `f` (relative path) of element i of the people array; `bad` also
  // when the element is not an object.
  virtual Value GetPerson(size_t i, const FieldSource& f) = 0;
  // A list of strings (online ids) of element i; false when not a list of
  // strings or a string.
  virtual bool GetPersonList(size_t i, const FieldSource& f, std::vector<std::string>& out) = 0;
};

// A mapped record, ready to merge: crime.key is the legacy_ref when set,
// else the id; crime.refs holds this record's one SourceRef (with its
// content hash); crime.rowid is 0.
struct MappedRecord {
  const Mapping* mapping = nullptr;
  Crime crime;
  std::vector<Finding> warnings;  // loaded with a caveat
};

class RecordMapper {
 public:
  // `mapping` and `codes` must outlive the mapper.
  RecordMapper(const Mapping& mapping, const CodeLists& codes);

  // Maps one record read from `file` at `line`. Returns true and fills `out`
  // when it can be loaded; otherwise false with `rejection` saying why
  // (reasons quote codes and dates only, never names, dates of birth or
  // free text).
  bool Map(RecordFields& in, const std::string& file, int64_t line, MappedRecord& out,
           Finding& rejection);

 private:
  // Each returns false after filling reason_/field_.
  bool ReadDate(const FieldSource& f, std::string_view value, const std::string& name,
                std::optional<Date>& out);
  bool ReadScalar(RecordFields& in, Field field, std::string_view& out);
  bool ReadPeople(RecordFields& in, Crime& crime);
  bool ReadVictim(RecordFields& in, Crime& crime);
  bool FinishPerson(Person& p, Value dob, Value age, const std::string& dob_name,
                    const std::string& age_name);
  bool Reject(std::string field, std::string reason);

  const Mapping& mapping_;
  const CodeLists& codes_;
  const std::set<std::string, std::less<>>* offences_ = nullptr;
  std::string reason_;
  std::string field_;
  std::vector<Finding>* warnings_ = nullptr;
  const std::string* file_ = nullptr;
  int64_t line_ = 0;
  std::string month_buffer_;  // month-only dates get a day appended
};

}  // namespace foidesk::ingest
