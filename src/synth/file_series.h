// A numbered series of export files (crs_1.csv, crs_2.csv, ...) written in
// order through one buffer, splitting a stream of records evenly across the
// files and counting physical lines so that planted faults can be located
// exactly as a reader counts them (1-based, '\n' ends a line).
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"

namespace foidesk::synth {

class FileSeries {
 public:
  // Files are dir/prefix_N.ext for N = 1..count, each starting with `header`
  // (which may be empty). REQUIRES: count >= 1.
  FileSeries(std::string dir, std::string prefix, std::string ext, int count, std::string header);
  ~FileSeries();
  FileSeries(const FileSeries&) = delete;
  FileSeries& operator=(const FileSeries&) = delete;

  // Called with the file index just after a file is opened (before its
  // header) and just before it is closed, so the caller can plant a byte
  // order mark or a trailing empty line, or finish a pending record.
  std::function<Status(int)> on_open;
  std::function<Status(int)> on_close;

  // Makes current the file that record `index` of `total` belongs in,
  // closing and opening files as needed. Indexes must not decrease.
  Status Select(int64_t index, int64_t total);
  // Appends bytes to the current file; returns the line they start on.
  int64_t Write(std::string_view bytes);
  // Opens any files not yet opened (so every file exists) and closes all.
  Status Finish();

  int current() const { return current_; }
  const std::string& name() const { return name_; }
  int64_t next_line() const { return line_; }
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  Status Open(int index);
  Status Close();
  Status Flush();

  std::string dir_, prefix_, ext_, header_;
  int count_;
  int current_ = -1;
  std::FILE* file_ = nullptr;
  std::string name_;
  std::string buffer_;
  int64_t line_ = 1;
  bool write_failed_ = false;
  int write_errno_ = 0;
  std::vector<std::string> paths_;
};

}  // namespace foidesk::synth
