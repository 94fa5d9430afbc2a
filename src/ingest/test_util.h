// Helpers for the ingest tests: a temporary directory for fixture files, a
// copy of the project's config (mapping files and code lists), and a CRS
// row builder so each test states only the fields it is about.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace foidesk::ingest::testing {

inline const std::string kConfigDir = std::string(FOIDESK_SOURCE_DIR) + "/config";

inline const std::string kCrsHeader =
    "CRIME_NO,RECORDED_DATE,COMMITTED_FROM,COMMITTED_TO,HO_CLASS,HO_SUBCLASS,OFFENCE_TITLE,TOWN,"
    "BEAT,MO_TEXT,VICTIM_SURNAME,VICTIM_FORENAMES,VICTIM_DOB,VICTIM_AGE,OUTCOME_CODE,"
    "OUTCOME_DATE\r\n";

// A CRS row (CRLF-terminated) with sensible values; `changes` overrides
// columns by name. Values are written as given: quote them yourself.
inline std::string CrsRow(const std::map<std::string, std::string>& changes = {}) {
  static const std::vector<std::pair<std::string, std::string>> kDefaults = {
      {"CRIME_NO", "C1/00001/14"},
      {"RECORDED_DATE", "03/06/2014"},
      {"COMMITTED_FROM", "01/06/2014 22:15"},
      {"COMMITTED_TO", "02/06/2014 01:00"},
      {"HO_CLASS", "071"},
      {"HO_SUBCLASS", "00"},
      {"OFFENCE_TITLE", "BLACKMAIL"},
      {"TOWN", "GREAT YARMOUTH"},
      {"BEAT", "GY04"},
      {"MO_TEXT", "IP RECEIVED FRIEND REQUEST"},
      {"VICTIM_SURNAME", "SMITH"},
      {"VICTIM_FORENAMES", "JOHN PAUL"},
      {"VICTIM_DOB", "14/02/1997"},
      {"VICTIM_AGE", "17"},
      {"OUTCOME_CODE", "UND"},
      {"OUTCOME_DATE", "20/07/2014"}};
  std::string row;
  for (const auto& [col, value] : kDefaults) {
    if (col != "CRIME_NO") row += ',';
    auto it = changes.find(col);
    row += it == changes.end() ? value : it->second;
  }
  return row + "\r\n";
}

// One RMS line with the given top-level members (raw JSON), others
// defaulted; a member set to "" is left out.
inline std::string RmsLine(const std::map<std::string, std::string>& changes = {}) {
  static const std::vector<std::pair<std::string, std::string>> kDefaults = {
      {"id", "\"RMS-15-0000001\""},
      {"recorded", "\"2015-11-02T14:03:00+00:00\""},
      {"offence", R"({"ho_class": "71", "ho_subclass": "0", "title": "Blackmail"})"},
      {"occurred", R"({"from": "2015-10-30T22:00:00+00:00", "to": null})"},
      {"location", R"({"town": "Norwich", "beat": "NC12", "lsoa": "E01026835"})"},
      {"summary", "\"Victim befriended online.\""},
      {"narrative", "\"Victim reports a friend request.\""},
      {"people",
       R"([{"role": "victim", "surname": "Smith", "forenames": "John", "dob": "1994-03-02"}])"},
      {"outcome", R"({"ho_type": 18, "date": "2015-12-01"})"},
      {"legacy_ref", "null"}};
  std::string line = "{";
  for (const auto& [key, value] : kDefaults) {
    auto it = changes.find(key);
    const std::string& v = it == changes.end() ? value : it->second;
    if (v.empty()) continue;
    if (line.size() > 1) line += ", ";
    line += "\"" + key + "\": " + v;
  }
  return line + "}\n";
}

// A fresh directory under the test temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "ingest_test_XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    path_ = mkdtemp(buf.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

  // Writes `bytes` exactly to path()/name and returns the full path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::string p = path_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p;
  }

  // Copies the project's config (sources and codes) to path()/config.
  std::string CopyConfig() const {
    std::string dst = path_ + "/config";
    std::filesystem::create_directories(dst);
    std::filesystem::copy(kConfigDir + "/sources", dst + "/sources",
                          std::filesystem::copy_options::recursive);
    std::filesystem::copy(kConfigDir + "/codes", dst + "/codes",
                          std::filesystem::copy_options::recursive);
    return dst;
  }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace foidesk::ingest::testing
