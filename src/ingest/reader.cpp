// CSV and JSON Lines readers (see reader.h). JSON lines are parsed with
// simdjson's DOM parser; a line it refuses goes to nlohmann::json, whose
// parse error (caught here) says where the line is broken and becomes a
// rejected row.
#include "ingest/reader.h"

#include <simdjson.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "ingest/encoding.h"
#include "model/csv.h"

namespace foidesk::ingest {
namespace {

using nlohmann::json;

constexpr size_t kReadBuffer = 1 << 16;

// Opens `file` with a large buffer and skips a UTF-8 byte order mark.
Status OpenFile(const std::string& file, std::vector<char>& buffer, std::ifstream& in, bool& bom,
                int64_t& size) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    return Error::Io(file + ": cannot read: is a directory");
  buffer.resize(kReadBuffer);
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  errno = 0;
  in.open(file, std::ios::binary);
  if (!in) {
    std::string why = errno ? std::strerror(errno) : "cannot open";
    return Error::Io(file + ": cannot read: " + why);
  }
  auto sz = std::filesystem::file_size(file, ec);
  size = ec ? 0 : static_cast<int64_t>(sz);
  char head[3] = {0, 0, 0};
  in.read(head, 3);
  bom = in.gcount() == 3 && head[0] == '\xEF' && head[1] == '\xBB' && head[2] == '\xBF';
  if (!bom) {
    in.clear();
    in.seekg(0);
    if (!in) return Error::Io(file + ": cannot read: seek failed");
  }
  return {};
}

// A header cell for an error message. A file without a header row has data
// there, so only identifier-like text is quoted.
std::string ShownHeader(const std::string& cell) {
  bool plain = !cell.empty() && cell.size() <= 40;
  for (char c : cell)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ')) plain = false;
  return plain ? "'" + cell + "'" : "not a header name (value not shown)";
}

// Values of one CSV record, decoded to UTF-8.
class CsvFields : public RecordFields {
 public:
  std::vector<std::string> decoded;
  Value Get(const FieldSource& f) override {
    return f.column >= 0 && static_cast<size_t>(f.column) < decoded.size()
               ? Value{decoded[f.column]}
               : Value{};
  }
  int64_t PeopleCount(const FieldSource&) override { return 0; }
  Value GetPerson(size_t, const FieldSource&) override { return {}; }
  bool GetPersonList(size_t, const FieldSource&, std::vector<std::string>& out) override {
    out.clear();
    return true;
  }
};

class CsvSource : public SourceReader {
 public:
  CsvSource(const std::string& file, const Mapping& mapping, const CodeLists& codes,
            Decoder decoder)
      : file_(file), mapping_(mapping), decoder_(std::move(decoder)), mapper_(mapping, codes) {}

  Status Start() {
    if (auto s = OpenFile(file_, buffer_, in_, bom_, file_size_); !s.ok()) return s;
    csv_ = std::make_unique<CsvReader>(in_);
    if (!csv_->Next(rec_) || (rec_.fields.size() == 1 && rec_.fields[0].empty())) {
      if (in_.bad()) return Error::Io(file_ + ": read error");
      return Error::InvalidInput(file_ + ":1: empty file, expected a header row (mapping " +
                                 mapping_.path + ")");
    }
    Decode();
    const auto& want = mapping_.header;
    const auto& got = fields_.decoded;
    std::string problem;
    for (size_t i = 0; i < std::min(want.size(), got.size()) && problem.empty(); ++i)
      if (got[i] != want[i])
        problem = "column " + std::to_string(i + 1) + " is " + ShownHeader(got[i]) +
                  ", expected '" + want[i] + "'";
    if (problem.empty() && got.size() != want.size())
      problem = std::to_string(got.size()) + " columns, expected " + std::to_string(want.size());
    if (!problem.empty())
      return Error::Mismatch(file_ + ":" + std::to_string(rec_.line) +
                             ": header does not match mapping '" + mapping_.name + "' (" +
                             mapping_.path + "): " + problem);
    return {};
  }

  bool Next(Item& item) override {
    while (true) {
      if (!csv_->Next(rec_)) {
        if (in_.bad())
          status_ = Error::Io(file_ + ": read error after line " + std::to_string(rec_.line));
        return false;
      }
      if (rec_.fields.size() == 1 && rec_.fields[0].empty()) continue;  // blank line: not a row
      break;
    }
    const size_t want = mapping_.header.size();
    const size_t got = rec_.fields.size();
    if (rec_.malformed) return Reject(item, "", "malformed CSV: " + rec_.problem);
    if (got < want)
      return Reject(
          item, mapping_.header[got],
          "row cut short: " + std::to_string(got) + " of " + std::to_string(want) + " fields");
    if (got > want)
      return Reject(
          item, "",
          "too many fields: " + std::to_string(got) + ", expected " + std::to_string(want));
    Decode();
    item.rejected = !mapper_.Map(fields_, file_, rec_.line, item.record, item.rejection);
    return true;
  }

  Status status() const override { return status_; }
  int64_t bytes_read() const override { return csv_ ? csv_->bytes_read() : 0; }

 private:
  bool Reject(Item& item, std::string field, std::string reason) {
    item.rejected = true;
    item.rejection =
        Finding{FindingKind::kRejected, file_, rec_.line, std::move(field), std::move(reason)};
    return true;
  }

  void Decode() {
    auto& out = fields_.decoded;
    out.resize(rec_.fields.size());
    for (size_t i = 0; i < rec_.fields.size(); ++i) {
      const std::string& raw = rec_.fields[i];
      // A byte order mark says the exporter wrote UTF-8 whatever the
      // mapping expects; a field that is not valid UTF-8 still decodes.
      if (bom_ && IsValidUtf8(raw))
        out[i].assign(raw);
      else
        decoder_.Decode(raw, out[i]);
      // Line breaks inside quoted fields arrive as CRLF: keep LF only.
      if (out[i].find('\r') != std::string::npos) {
        std::string& s = out[i];
        size_t w = 0;
        for (size_t r = 0; r < s.size(); ++r)
          if (!(s[r] == '\r' && r + 1 < s.size() && s[r + 1] == '\n')) s[w++] = s[r];
        s.resize(w);
      }
    }
  }

  std::string file_;
  const Mapping& mapping_;
  Decoder decoder_;
  RecordMapper mapper_;
  std::vector<char> buffer_;
  std::ifstream in_;
  bool bom_ = false;
  std::unique_ptr<CsvReader> csv_;
  CsvRecord rec_;
  CsvFields fields_;
  Status status_;
};

// Values of one parsed JSON object. Views point into the parser's
// document and scratch strings, both kept until the next record.
class JsonFields : public RecordFields {
 public:
  using Element = simdjson::dom::element;
  using Type = simdjson::dom::element_type;

  void Reset(Element root) {
    root_ = root;
    people_.clear();
    used_ = 0;
  }

  Value Get(const FieldSource& f) override { return Lookup(root_, f.path); }

  int64_t PeopleCount(const FieldSource& array) override {
    people_.clear();
    bool bad = false;
    Element a;
    bool found = Find(root_, array.path, a, bad);
    if (bad) return -1;
    if (!found || a.is_null()) return 0;
    if (a.type() != Type::ARRAY) return -1;
    simdjson::dom::array elements = a.get_array().value_unsafe();
    for (Element e : elements) people_.push_back(e);
    return static_cast<int64_t>(people_.size());
  }

  Value GetPerson(size_t i, const FieldSource& f) override {
    const Element& e = people_[i];
    if (e.type() != Type::OBJECT) return {{}, true};
    return Lookup(e, f.path);
  }

  bool GetPersonList(size_t i, const FieldSource& f, std::vector<std::string>& out) override {
    out.clear();
    const Element& e = people_[i];
    if (e.type() != Type::OBJECT) return false;
    bool bad = false;
    Element v;
    bool found = Find(e, f.path, v, bad);
    if (bad) return false;
    if (!found || v.is_null()) return true;
    if (v.type() == Type::STRING) {
      out.emplace_back(v.get_string().value_unsafe());
      return true;
    }
    if (v.type() != Type::ARRAY) return false;
    simdjson::dom::array list = v.get_array().value_unsafe();
    for (Element x : list) {
      if (x.is_null()) continue;
      if (x.type() != Type::STRING) return false;
      out.emplace_back(x.get_string().value_unsafe());
    }
    return true;
  }

 private:
  // The member `key` of `object`: the last one when the key is repeated.
  static bool Member(Element object, std::string_view key, Element& out) {
    bool found = false;
    simdjson::dom::object members = object.get_object().value_unsafe();
    for (const auto& member : members)
      if (member.key == key) {
        out = member.value;
        found = true;
      }
    return found;
  }

  // Follows `path` from `base`. False when absent (a missing member or a
  // null on the way); `bad` when the way crosses a value that is not an
  // object.
  static bool Find(Element base, const std::vector<std::string>& path, Element& out, bool& bad) {
    Element cur = base;
    for (const auto& seg : path) {
      if (cur.is_null()) return false;
      if (cur.type() != Type::OBJECT) {
        bad = true;
        return false;
      }
      if (!Member(cur, seg, cur)) return false;
    }
    out = cur;
    return true;
  }

  Value Lookup(Element base, const std::vector<std::string>& path) {
    bool bad = false;
    Element v;
    bool found = Find(base, path, v, bad);
    if (bad) return {{}, true};
    if (!found) return {};
    switch (v.type()) {
      case Type::NULL_VALUE:
        return {};
      case Type::STRING:
        return {v.get_string().value_unsafe()};
      case Type::BOOL:
        return {v.get_bool().value_unsafe() ? "true" : "false"};
      case Type::INT64:
      case Type::UINT64:
      case Type::DOUBLE:
        return {Number(v)};
      default:
        return {{}, true};
    }
  }

  // A number as text: integers in decimal, others in a plain form, so 18.0
  // reads as the outcome type 18.
  std::string_view Number(Element v) {
    char buf[64];
    char* end = buf;
    if (v.type() == Type::INT64) {
      end = std::to_chars(buf, buf + sizeof buf, v.get_int64().value_unsafe()).ptr;
    } else if (v.type() == Type::UINT64) {
      end = std::to_chars(buf, buf + sizeof buf, v.get_uint64().value_unsafe()).ptr;
    } else {
      double d = v.get_double().value_unsafe();
      int n = std::floor(d) == d && std::fabs(d) < 1e15
                  ? std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d))
                  : std::snprintf(buf, sizeof buf, "%g", d);
      end = buf + (n > 0 ? n : 0);
    }
    // Views must outlive this call: keep the text until the next record.
    if (used_ == scratch_.size()) scratch_.emplace_back();
    std::string& s = scratch_[used_++];
    s.assign(buf, end);
    return s;
  }

  Element root_;
  std::vector<Element> people_;
  std::deque<std::string> scratch_;  // deque: growing keeps earlier strings in place
  size_t used_ = 0;
};

// `s` as simdjson input: simdjson reads up to SIMDJSON_PADDING bytes past
// the end of what it parses, so that much spare capacity is kept after the
// text (reserved once, then reused from line to line).
simdjson::padded_string_view Padded(std::string& s) {
  if (s.capacity() - s.size() < simdjson::SIMDJSON_PADDING)
    s.reserve(s.size() + simdjson::SIMDJSON_PADDING);
  return simdjson::padded_string_view(s.data(), s.size(), s.capacity());
}

// The part of nlohmann's parse error message that cannot quote the input:
// it ends "; last read: '<input>'", which might hold personal data.
std::string JsonProblem(const json::parse_error& e) {
  std::string what = e.what();
  size_t start = what.find(": ", what.find("column"));
  std::string out = start == std::string::npos ? "syntax error" : what.substr(start + 2);
  size_t cut = out.find("; last read");
  if (cut != std::string::npos) out.resize(cut);
  return out;
}

class JsonlSource : public SourceReader {
 public:
  JsonlSource(const std::string& file, const Mapping& mapping, const CodeLists& codes,
              Decoder decoder)
      : file_(file), mapping_(mapping), decoder_(std::move(decoder)), mapper_(mapping, codes) {}

  Status Start() {
    bool bom = false;
    if (auto s = OpenFile(file_, buffer_, in_, bom, file_size_); !s.ok()) return s;
    bytes_ = bom ? 3 : 0;
    return {};
  }

  bool Next(Item& item) override {
    while (true) {
      if (!std::getline(in_, line_)) {
        if (in_.bad())
          status_ = Error::Io(file_ + ": read error after line " + std::to_string(line_no_));
        return false;
      }
      ++line_no_;
      bytes_ += static_cast<int64_t>(line_.size()) + 1;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (line_.find_first_not_of(" \t") != std::string::npos) break;  // blank: not a row
    }
    std::string* text = &line_;
    if (!decoder_.is_utf8()) {
      decoder_.Decode(line_, decoded_);
      text = &decoded_;
    }
    simdjson::dom::element root;
    if (auto error = parser_.parse(Padded(*text)).get(root)) {
      // Refused: nlohmann::json says where a broken line breaks. A valid
      // line simdjson cannot take (an integer beyond 64 bits) is read from
      // nlohmann's rewriting of it.
      try {
        auto doc = json::parse(*text);
        if (error != simdjson::DEPTH_ERROR) fallback_ = doc.dump();
      } catch (const json::parse_error& e) {
        return Reject(item, "",
                      "not valid JSON: parse failed at column " + std::to_string(e.byte) + " (" +
                          JsonProblem(e) + ")");
      } catch (const std::exception&) {
        return Reject(item, "", "not valid JSON");
      }
      if (error != simdjson::DEPTH_ERROR) error = parser_.parse(Padded(fallback_)).get(root);
      if (error == simdjson::DEPTH_ERROR) return Reject(item, "", "JSON nested too deeply to read");
      if (error)
        return Reject(item, "",
                      std::string("JSON could not be read: ") + simdjson::error_message(error));
    }
    if (root.type() != simdjson::dom::element_type::OBJECT)
      return Reject(item, "", "not a JSON object");
    fields_.Reset(root);
    try {
      item.rejected = !mapper_.Map(fields_, file_, line_no_, item.record, item.rejection);
    } catch (const std::exception&) {
      return Reject(item, "", "record could not be mapped (unexpected JSON value types)");
    }
    return true;
  }

  Status status() const override { return status_; }
  int64_t bytes_read() const override { return bytes_; }

 private:
  bool Reject(Item& item, std::string field, std::string reason) {
    item.rejected = true;
    item.rejection =
        Finding{FindingKind::kRejected, file_, line_no_, std::move(field), std::move(reason)};
    return true;
  }

  std::string file_;
  const Mapping& mapping_;
  Decoder decoder_;
  RecordMapper mapper_;
  std::vector<char> buffer_;
  std::ifstream in_;
  std::string line_;
  std::string decoded_;
  int64_t line_no_ = 0;
  int64_t bytes_ = 0;
  simdjson::dom::parser parser_;  // reused: its buffers grow to the longest line
  std::string fallback_;
  JsonFields fields_;
  Status status_;
};

}  // namespace

Result<std::unique_ptr<SourceReader>> SourceReader::Open(const std::string& file,
                                                         const Mapping& mapping,
                                                         const CodeLists& codes) {
  auto decoder = Decoder::Create(mapping.encoding);
  if (!decoder.ok())
    return Error::InvalidInput(mapping.path + ": encoding: " + decoder.error().message);
  try {
    if (mapping.format == Format::kCsv) {
      auto r = std::make_unique<CsvSource>(file, mapping, codes, std::move(*decoder));
      if (auto s = r->Start(); !s.ok()) return s.error();
      return std::unique_ptr<SourceReader>(std::move(r));
    }
    auto r = std::make_unique<JsonlSource>(file, mapping, codes, std::move(*decoder));
    if (auto s = r->Start(); !s.ok()) return s.error();
    return std::unique_ptr<SourceReader>(std::move(r));
  } catch (const std::exception& e) {
    return Error::Io(file + ": cannot read: " + e.what());
  }
}

}  // namespace foidesk::ingest
