// Decoding source text to UTF-8. Single-byte encodings (Windows-1252 and
// the like) go through a 256-entry table built once from ICU's converter,
// so a field costs a table lookup per byte and nothing for pure ASCII.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "model/result.h"

namespace foidesk::ingest {

class Decoder {
 public:
  // "utf-8" or any encoding ICU knows ("windows-1252", "iso-8859-1", ...).
  static Result<Decoder> Create(const std::string& encoding);

  // Sets `out` to `in` decoded to UTF-8. Bytes the encoding does not define
  // (and, for UTF-8, ill-formed sequences) become U+FFFD.
  void Decode(std::string_view in, std::string& out) const;

  bool is_utf8() const { return kind_ == Kind::kUtf8; }

 private:
  enum class Kind { kUtf8, kTable, kIcu };
  Kind kind_ = Kind::kUtf8;
  std::string encoding_;
  // kTable: UTF-8 bytes of each byte value, length in byte 3.
  std::shared_ptr<std::array<std::array<char, 4>, 256>> table_;
};

// Length of the well-formed UTF-8 sequence starting at s[i] (1-4), or 0
// when the bytes there are ill-formed. REQUIRES: i < s.size().
size_t Utf8SequenceLength(std::string_view s, size_t i);

// Whether `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Appends `in` to `out`, replacing ill-formed UTF-8 with U+FFFD.
void AppendSanitisedUtf8(std::string_view in, std::string& out);

}  // namespace foidesk::ingest
