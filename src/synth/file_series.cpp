// Buffered, line-counted writing of a numbered series of export files.
#include "synth/file_series.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace foidesk::synth {

namespace {
constexpr size_t kFlushBytes = 1 << 20;
}

FileSeries::FileSeries(std::string dir, std::string prefix, std::string ext, int count,
                       std::string header)
    : dir_(std::move(dir)),
      prefix_(std::move(prefix)),
      ext_(std::move(ext)),
      header_(std::move(header)),
      count_(std::max(1, count)) {}

FileSeries::~FileSeries() {
  if (file_) std::fclose(file_);
}

Status FileSeries::Open(int index) {
  name_ = prefix_ + "_" + std::to_string(index + 1) + "." + ext_;
  const std::string path = dir_ + "/" + name_;
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) return Error::Io(path + ": " + std::strerror(errno));
  paths_.push_back(path);
  current_ = index;
  line_ = 1;
  buffer_.clear();
  if (on_open) {
    if (auto s = on_open(index); !s.ok()) return s;
  }
  Write(header_);
  return {};
}

Status FileSeries::Flush() {
  if (buffer_.empty()) return {};
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    return Error::Io(dir_ + "/" + name_ + ": write failed: " + std::strerror(errno));
  buffer_.clear();
  return {};
}

Status FileSeries::Close() {
  if (!file_) return {};
  if (on_close) {
    if (auto s = on_close(current_); !s.ok()) return s;
  }
  if (write_failed_) {
    std::fclose(file_);
    file_ = nullptr;
    return Error::Io(dir_ + "/" + name_ + ": write failed: " + std::strerror(write_errno_));
  }
  if (auto s = Flush(); !s.ok()) return s;
  const bool failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (failed) return Error::Io(dir_ + "/" + name_ + ": close failed: " + std::strerror(errno));
  return {};
}

Status FileSeries::Select(int64_t index, int64_t total) {
  int want = 0;
  if (total > 0) want = static_cast<int>(std::min<int64_t>(count_ - 1, index * count_ / total));
  if (current_ < 0) {
    if (auto s = Open(0); !s.ok()) return s;
  }
  while (current_ < want) {
    const int next = current_ + 1;
    if (auto s = Close(); !s.ok()) return s;
    if (auto s = Open(next); !s.ok()) return s;
  }
  return {};
}

int64_t FileSeries::Write(std::string_view bytes) {
  const int64_t start = line_;
  buffer_.append(bytes);
  line_ += std::count(bytes.begin(), bytes.end(), '\n');
  if (buffer_.size() >= kFlushBytes) {
    // Remembered and reported by Close, so callers need not check each row.
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size() && !write_failed_) {
      write_failed_ = true;
      write_errno_ = errno;
    }
    buffer_.clear();
  }
  return start;
}

Status FileSeries::Finish() {
  if (current_ < 0) {
    if (auto s = Open(0); !s.ok()) return s;
  }
  while (current_ < count_ - 1) {
    const int next = current_ + 1;
    if (auto s = Close(); !s.ok()) return s;
    if (auto s = Open(next); !s.ok()) return s;
  }
  return Close();
}

}  // namespace foidesk::synth
