// Streaming readers: one source file, one record at a time, mapped through
// its Mapping. Memory stays bounded by the longest record whatever the file
// size. A bad row becomes a rejected Item (never an error); only a file that
// cannot be read at all, or whose header does not match, is an Error.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "ingest/mapping.h"
#include "ingest/record_mapper.h"
#include "model/finding.h"
#include "model/result.h"

namespace foidesk::ingest {

// One input row: a record ready to merge, or the finding that rejects it.
struct Item {
  bool rejected = false;
  MappedRecord record;  // when !rejected
  Finding rejection;    // when rejected
};

class SourceReader {
 public:
  virtual ~SourceReader() = default;

  // Opens `file` for `mapping`: strips a UTF-8 byte order mark and, for CSV,
  // checks the header row against the mapping. `mapping` and `codes` must
  // outlive the reader.
  static Result<std::unique_ptr<SourceReader>> Open(const std::string& file, const Mapping& mapping,
                                                    const CodeLists& codes);

  // Reads the next row into `item`. Returns false at the end of the file
  // or on a read error (then status() is not OK). Blank lines are skipped
  // and are not rows.
  virtual bool Next(Item& item) = 0;
  virtual Status status() const = 0;

  // For progress reports.
  virtual int64_t bytes_read() const = 0;
  int64_t file_size() const { return file_size_; }

 protected:
  int64_t file_size_ = 0;
};

}  // namespace foidesk::ingest
