// Test helper: a synthetic force's exports read back by (file, line), and
// the text of a field as UTF-8, for the tests that check the synth's
// pii_planted.csv and seed crime texts against the privacy module.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/encoding.h"
#include "model/csv.h"

namespace foidesk::testing {

inline std::string ReadFileBytes(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Windows-1252 bytes as UTF-8, decoded as ingest decodes the CRS export.
inline std::string Cp1252ToUtf8(std::string_view bytes) {
  static const ingest::Decoder decoder = ingest::Decoder::Create("windows-1252").value();
  std::string out;
  decoder.Decode(bytes, out);
  return out;
}

// Rows of a CSV file with a header, as maps from column name to value.
inline std::vector<std::map<std::string, std::string>>
ReadCsvTable(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  CsvReader reader(in);
  CsvRecord rec;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (reader.Next(rec)) {
    if (header.empty()) {
      header = rec.fields;
      continue;
    }
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < header.size() && c < rec.fields.size(); ++c)
      row[header[c]] = rec.fields[c];
    rows.push_back(std::move(row));
  }
  return rows;
}

using RowKey = std::pair<std::string, int64_t>; // file name, line

// Every row of crs_N.csv (fields decoded to UTF-8) and every readable line
// of rms_N.jsonl in `dir`, by file name and line.
struct SynthExports {
  std::map<RowKey, std::vector<std::string>> crs;
  std::map<RowKey, nlohmann::json> rms;

  static SynthExports Read(const std::filesystem::path &dir) {
    SynthExports e;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("crs_")) {
        std::ifstream in(entry.path(), std::ios::binary);
        CsvReader reader(in);
        CsvRecord rec;
        while (reader.Next(rec)) {
          if (rec.line == 1)
            continue;
          std::vector<std::string> fields;
          for (const auto &f : rec.fields)
            fields.push_back(Cp1252ToUtf8(f));
          e.crs[{name, rec.line}] = std::move(fields);
        }
      } else if (name.starts_with("rms_")) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::string line;
        for (int64_t n = 1; std::getline(in, line); ++n) {
          auto j =
              nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
          if (!j.is_discarded())
            e.rms[{name, n}] = std::move(j);
        }
      }
    }
    return e;
  }

  // The UTF-8 text of `field` (a CRS column name or a JSON Pointer into an
  // RMS record) of the row at `key`; nullopt when there is none.
  std::optional<std::string> FieldText(const RowKey &key,
                                       const std::string &field) const {
    static const std::vector<std::string> kColumns = {
        "CRIME_NO",   "RECORDED_DATE", "COMMITTED_FROM", "COMMITTED_TO",
        "HO_CLASS",   "HO_SUBCLASS",   "OFFENCE_TITLE",  "TOWN",
        "BEAT",       "MO_TEXT",       "VICTIM_SURNAME", "VICTIM_FORENAMES",
        "VICTIM_DOB", "VICTIM_AGE",    "OUTCOME_CODE",   "OUTCOME_DATE"};
    if (auto it = crs.find(key); it != crs.end()) {
      for (size_t i = 0; i < kColumns.size() && i < it->second.size(); ++i)
        if (kColumns[i] == field)
          return it->second[i];
      return std::nullopt;
    }
    if (auto it = rms.find(key); it != rms.end()) {
      if (field.empty() || field[0] != '/')
        return std::nullopt;
      const nlohmann::json::json_pointer ptr(field);
      if (!it->second.contains(ptr) || !it->second.at(ptr).is_string())
        return std::nullopt;
      return it->second.at(ptr).get<std::string>();
    }
    return std::nullopt;
  }
};

} // namespace foidesk::testing
