// A strict JSON parser for one record (see json_line.h).
#include "ingest/json_line.h"

#include "ingest/encoding.h"

namespace foidesk::ingest {
namespace {

constexpr uint32_t kMaxDepth = 128;  // deeper lines go to nlohmann::json

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t cp, std::string& out) {
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

}  // namespace

bool JsonLine::Parse(std::string_view line) {
  nodes_.clear();
  unescaped_.clear();
  unescaped_.reserve(line.size());  // unescaping never lengthens a string
  pos_ = line.data();
  end_ = line.data() + line.size();
  SkipSpace();
  if (!Value(0)) return false;
  SkipSpace();
  return pos_ == end_;
}

const JsonLine::Node* JsonLine::Member(const Node& object, std::string_view key) const {
  const Node* found = nullptr;
  for (const Node* c = FirstChild(object); c; c = Next(*c))
    if (c->key == key) found = c;
  return found;
}

bool JsonLine::Value(uint32_t depth) {
  if (pos_ >= end_ || depth > kMaxDepth) return false;
  const uint32_t index = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  const char c = *pos_;
  if (c == '{' || c == '[') {
    const bool object = c == '{';
    const char close = object ? '}' : ']';
    nodes_[index].type = object ? Type::kObject : Type::kArray;
    ++pos_;
    SkipSpace();
    if (pos_ < end_ && *pos_ == close) {
      ++pos_;
      return true;
    }
    uint32_t previous = 0, count = 0;
    while (true) {
      std::string_view key;
      if (object) {
        if (pos_ >= end_ || *pos_ != '"' || !String(key)) return false;
        SkipSpace();
        if (pos_ >= end_ || *pos_ != ':') return false;
        ++pos_;
        SkipSpace();
      }
      const uint32_t child = static_cast<uint32_t>(nodes_.size());
      if (!Value(depth + 1)) return false;  // may grow nodes_: index, never hold a reference
      nodes_[child].key = key;
      if (previous == 0)
        nodes_[index].first_child = child;
      else
        nodes_[previous].next_sibling = child;
      previous = child;
      ++count;
      SkipSpace();
      if (pos_ >= end_) return false;
      if (*pos_ == ',') {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (*pos_ != close) return false;
      ++pos_;
      nodes_[index].count = count;
      return true;
    }
  }
  if (c == '"') {
    std::string_view s;
    if (!String(s)) return false;
    nodes_[index].type = Type::kString;
    nodes_[index].text = s;
    return true;
  }
  if (c == 't') {
    nodes_[index].type = Type::kTrue;
    return Literal("true");
  }
  if (c == 'f') {
    nodes_[index].type = Type::kFalse;
    return Literal("false");
  }
  if (c == 'n') {
    nodes_[index].type = Type::kNull;
    return Literal("null");
  }
  const char* start = pos_;
  if (!Number()) return false;
  nodes_[index].type = Type::kNumber;
  nodes_[index].text = std::string_view(start, pos_ - start);
  return true;
}

bool JsonLine::Literal(std::string_view word) {
  if (static_cast<size_t>(end_ - pos_) < word.size() || std::string_view(pos_, word.size()) != word)
    return false;
  pos_ += word.size();
  return true;
}

bool JsonLine::Number() {
  auto digit = [&] { return pos_ < end_ && *pos_ >= '0' && *pos_ <= '9'; };
  if (pos_ < end_ && *pos_ == '-') ++pos_;
  if (!digit()) return false;
  if (*pos_ == '0') {
    ++pos_;
  } else {
    while (digit()) ++pos_;
  }
  if (pos_ < end_ && *pos_ == '.') {
    ++pos_;
    if (!digit()) return false;
    while (digit()) ++pos_;
  }
  if (pos_ < end_ && (*pos_ == 'e' || *pos_ == 'E')) {
    ++pos_;
    if (pos_ < end_ && (*pos_ == '+' || *pos_ == '-')) ++pos_;
    if (!digit()) return false;
    while (digit()) ++pos_;
  }
  return true;
}

bool JsonLine::String(std::string_view& out) {
  ++pos_;  // the opening quote
  const char* start = pos_;
  const std::string_view all(start, end_ - start);
  // Fast path: no escapes, so the string is a view of the line.
  while (pos_ < end_) {
    const unsigned char c = static_cast<unsigned char>(*pos_);
    if (c == '"') {
      out = std::string_view(start, pos_ - start);
      ++pos_;
      return true;
    }
    if (c == '\\') break;
    if (c < 0x20) return false;
    if (c < 0x80) {
      ++pos_;
      continue;
    }
    size_t n = Utf8SequenceLength(all, pos_ - start);
    if (n == 0) return false;
    pos_ += n;
  }
  if (pos_ >= end_) return false;

  // Escapes: unescape into the arena.
  const size_t out_start = unescaped_.size();
  unescaped_.append(start, pos_);
  while (pos_ < end_) {
    const unsigned char c = static_cast<unsigned char>(*pos_);
    if (c == '"') {
      out = std::string_view(unescaped_.data() + out_start, unescaped_.size() - out_start);
      ++pos_;
      return true;
    }
    if (c < 0x20) return false;
    if (c >= 0x80) {
      size_t n = Utf8SequenceLength(all, pos_ - start);
      if (n == 0) return false;
      unescaped_.append(pos_, n);
      pos_ += n;
      continue;
    }
    if (c != '\\') {
      unescaped_ += static_cast<char>(c);
      ++pos_;
      continue;
    }
    if (++pos_ >= end_) return false;
    const char e = *pos_++;
    switch (e) {
      case '"':
        unescaped_ += '"';
        break;
      case '\\':
        unescaped_ += '\\';
        break;
      case '/':
        unescaped_ += '/';
        break;
      case 'b':
        unescaped_ += '\b';
        break;
      case 'f':
        unescaped_ += '\f';
        break;
      case 'n':
        unescaped_ += '\n';
        break;
      case 'r':
        unescaped_ += '\r';
        break;
      case 't':
        unescaped_ += '\t';
        break;
      case 'u': {
        auto hex4 = [&](uint32_t& v) {
          if (end_ - pos_ < 4) return false;
          v = 0;
          for (int i = 0; i < 4; ++i) {
            int d = HexDigit(pos_[i]);
            if (d < 0) return false;
            v = v * 16 + static_cast<uint32_t>(d);
          }
          pos_ += 4;
          return true;
        };
        uint32_t cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low;
          if (end_ - pos_ < 2 || pos_[0] != '\\' || pos_[1] != 'u') return false;
          pos_ += 2;
          if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(cp, unescaped_);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

}  // namespace foidesk::ingest
