// RFC 4180 CSV, streaming: one record at a time from an istream, with the
// physical line it started on, so memory stays bounded whatever the file
// size. Bytes are passed through unchanged (decode afterwards): every
// encoding foidesk reads keeps '"', ',', CR and LF as single ASCII bytes.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace foidesk {

struct CsvRecord {
  std::vector<std::string> fields;
  int64_t line = 0;        // physical line where the record starts (1-based)
  bool malformed = false;  // unterminated quote or text after a closing quote
  std::string problem;     // why, when malformed
};

class CsvReader {
 public:
  // A record longer than this is cut and marked malformed: an unterminated
  // quote would otherwise read the rest of a file into memory.
  static constexpr size_t kMaxRecordBytes = 1 << 20;

  explicit CsvReader(std::istream& in, size_t max_record_bytes = kMaxRecordBytes)
      : in_(in), max_record_bytes_(max_record_bytes) {}

  // Reads the next record. Returns false at end of input. A blank line
  // yields a record with one empty field; callers decide what it means.
  bool Next(CsvRecord& record);
  int64_t bytes_read() const { return bytes_read_; }

 private:
  int Get();
  std::istream& in_;
  size_t max_record_bytes_;
  int64_t line_ = 1;
  int64_t bytes_read_ = 0;
};

// Skips a UTF-8 byte order mark at the start of `in`, as spreadsheets
// write one; leaves any other start untouched.
void SkipUtf8Bom(std::istream& in);

// Quotes a field for CSV output when it holds a comma, quote, CR or LF.
std::string CsvEscape(const std::string& field);

// Joins fields into one CSV line ending in CRLF (RFC 4180).
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace foidesk
