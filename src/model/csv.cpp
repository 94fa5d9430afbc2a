#include "model/csv.h"

namespace foidesk {

int CsvReader::Get() {
  int c = in_.get();
  if (c != std::char_traits<char>::eof()) ++bytes_read_;
  return c;
}

bool CsvReader::Next(CsvRecord& record) {
  constexpr int kEof = std::char_traits<char>::eof();
  record.fields.clear();
  record.malformed = false;
  record.problem.clear();
  record.line = line_;
  int c = Get();
  if (c == kEof) return false;
  std::string field;
  size_t record_bytes = 0;
  bool cut = false;
  // Appends unless the record is over the limit: then it is only consumed.
  auto append = [&](char c) {
    if (++record_bytes <= max_record_bytes_) {
      field += c;
    } else if (!cut) {
      cut = true;
      record.malformed = true;
      record.problem = "record longer than " + std::to_string(max_record_bytes_) +
                       " bytes (an unterminated quote?); the rest of it was not read";
    }
  };
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // this field started with a quote
  bool after_quote = false; // just closed a quoted field
  while (true) {
    if (quoted) {
      if (c == kEof) {
        if (!record.malformed) record.problem = "unterminated quoted field";
        record.malformed = true;
        record.fields.push_back(std::move(field));
        return true;
      }
      if (c == '"') {
        int n = in_.peek();
        if (n == '"') {
          Get();
          append('"');
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line_;
        append(static_cast<char>(c));
      }
      c = Get();
      continue;
    }
    if (c == kEof || c == '\n' || c == '\r') {
      if (c == '\r' && in_.peek() == '\n') Get();
      if (c != kEof) ++line_;
      record.fields.push_back(std::move(field));
      return true;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      was_quoted = after_quote = false;
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else {
      if (after_quote && !record.malformed) {
        record.malformed = true;
        record.problem = "text after a closing quote";
      }
      append(static_cast<char>(c));
    }
    c = Get();
  }
}

std::string CsvEscape(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvEscape(fields[i]);
  }
  out += "\r\n";
  return out;
}

void SkipUtf8Bom(std::istream& in) {
  if (in.peek() != 0xEF) return;
  char bom[3];
  in.read(bom, 3);
  if (!(in.gcount() == 3 && bom[0] == '\xEF' && bom[1] == '\xBB' && bom[2] == '\xBF')) {
    in.clear();
    in.seekg(0);
  }
}

}  // namespace foidesk
