// JsonLine: a small strict JSON parser for one JSON Lines record, fast on
// long narratives. nlohmann::json copies every input byte twice while
// lexing, which made it the most expensive step of an RMS ingest; this one
// keeps strings without escapes as views of the line and reuses its node
// arrays from line to line. It accepts only what RFC 8259 allows (UTF-8
// checked); when it refuses a line the reader asks nlohmann::json, which
// says where the line is broken.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace foidesk::ingest {

class JsonLine {
 public:
  enum class Type : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

  struct Node {
    Type type = Type::kNull;
    uint32_t count = 0;         // arrays and objects: number of children
    uint32_t first_child = 0;   // index of the first child; 0 when none
    uint32_t next_sibling = 0;  // index of the next sibling; 0 when last
    std::string_view text;      // string (unescaped) or number (as written)
    std::string_view key;       // member name, inside an object
  };

  // Parses `line`, which must outlive the views handed out. Returns false
  // when `line` is not exactly one valid JSON value (or nests too deeply).
  bool Parse(std::string_view line);

  const Node& root() const { return nodes_[0]; }
  // The member `key` of an object (the last one when repeated), or null.
  const Node* Member(const Node& object, std::string_view key) const;
  const Node* FirstChild(const Node& n) const {
    return n.first_child ? &nodes_[n.first_child] : nullptr;
  }
  const Node* Next(const Node& n) const {
    return n.next_sibling ? &nodes_[n.next_sibling] : nullptr;
  }

 private:
  bool Value(uint32_t depth);
  bool String(std::string_view& out);
  bool Number();
  bool Literal(std::string_view word);
  void SkipSpace() {
    while (pos_ < end_ && (*pos_ == ' ' || *pos_ == '\t' || *pos_ == '\n' || *pos_ == '\r')) ++pos_;
  }

  const char* pos_ = nullptr;
  const char* end_ = nullptr;
  std::vector<Node> nodes_;
  // Unescaped strings; reserved to the line's size so views stay valid.
  std::string unescaped_;
};

}  // namespace foidesk::ingest
