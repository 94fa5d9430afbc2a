// Source text to UTF-8 through ICU converters (see encoding.h).
#include "ingest/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

namespace foidesk::ingest {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool AllAscii(std::string_view s) {
  // Eight bytes at a time: the common case is plain ASCII.
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::copy(s.data() + i, s.data() + i + 8, reinterpret_cast<char*>(&w));
    if (w & 0x8080808080808080ull) return false;
  }
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  return true;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

Result<ConverterPtr> OpenConverter(const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status) || !conv)
    return Error::InvalidInput("unknown encoding '" + encoding + "' (" + u_errorName(status) + ")");
  return conv;
}

// Decodes through ICU; for encodings that are not single-byte.
void DecodeWithIcu(const std::string& encoding, std::string_view in, std::string& out) {
  out.clear();
  auto conv = OpenConverter(encoding);
  if (!conv.ok()) return;
  std::vector<UChar> u16(in.size() * 2 + 4);
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucnv_toUChars(conv->get(), u16.data(), static_cast<int32_t>(u16.size()), in.data(),
                            static_cast<int32_t>(in.size()), &status);
  if (U_FAILURE(status)) return;
  int32_t need = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(nullptr, 0, &need, u16.data(), n, 0xFFFD, nullptr, &status);
  out.resize(need);
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), need, &need, u16.data(), n, 0xFFFD, nullptr, &status);
}

}  // namespace

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

bool IsValidUtf8(std::string_view s) {
  if (AllAscii(s)) return true;
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void AppendSanitisedUtf8(std::string_view in, std::string& out) {
  for (size_t i = 0; i < in.size();) {
    size_t n = Utf8SequenceLength(in, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(in.data() + i, n);
      i += n;
    }
  }
}

Result<Decoder> Decoder::Create(const std::string& encoding) {
  Decoder d;
  d.encoding_ = encoding;
  std::string lower = Lower(encoding);
  if (lower == "utf-8" || lower == "utf8") {
    d.kind_ = Kind::kUtf8;
    return d;
  }
  auto conv = OpenConverter(encoding);
  if (!conv.ok()) return conv.error();
  if (ucnv_getMaxCharSize(conv->get()) != 1) {
    d.kind_ = Kind::kIcu;
    return d;
  }
  // Single-byte: decode each byte value once and keep the UTF-8 bytes.
  d.kind_ = Kind::kTable;
  d.table_ = std::make_shared<std::array<std::array<char, 4>, 256>>();
  for (int b = 0; b < 256; ++b) {
    char in = static_cast<char>(b);
    UChar u[4];
    UErrorCode status = U_ZERO_ERROR;
    ucnv_reset(conv->get());
    int32_t n = ucnv_toUChars(conv->get(), u, 4, &in, 1, &status);
    char32_t cp = 0xFFFD;
    // ICU substitutes U+001A or U+FFFD for undefined bytes; keep U+FFFD.
    if (U_SUCCESS(status) && n == 1 && !(u[0] == 0x1A && b != 0x1A)) cp = u[0];
    std::string utf8;
    AppendUtf8(cp, utf8);
    auto& slot = (*d.table_)[b];
    std::copy(utf8.begin(), utf8.end(), slot.begin());
    slot[3] = static_cast<char>(utf8.size());
  }
  return d;
}

void Decoder::Decode(std::string_view in, std::string& out) const {
  if (AllAscii(in)) {
    out.assign(in.data(), in.size());
    return;
  }
  switch (kind_) {
    case Kind::kUtf8:
      out.clear();
      AppendSanitisedUtf8(in, out);
      return;
    case Kind::kTable: {
      out.clear();
      out.reserve(in.size() + 16);
      const auto& table = *table_;
      for (char c : in) {
        const auto& e = table[static_cast<unsigned char>(c)];
        out.append(e.data(), static_cast<size_t>(e[3]));
      }
      return;
    }
    case Kind::kIcu:
      DecodeWithIcu(encoding_, in, out);
      return;
  }
}

}  // namespace foidesk::ingest
