// Test helpers shared by facets_test.cpp and summary_test.cpp: the
// sextortion schema, the hand-annotated seed fixture and the captured seed
// crime texts (src/privacy/testdata/facets_*).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "privacy/facets.h"

namespace foidesk::privacy::testing {

inline std::string SourcePath(const std::string& rel) {
  return std::string(FOIDESK_SOURCE_DIR) + "/" + rel;
}

inline const FacetSchema& SextortionSchema() {
  static const FacetSchema schema = [] {
    auto s = LoadFacetSchema(SourcePath("config/facets/sextortion.toml"));
    if (!s.ok()) {
      ADD_FAILURE() << s.error().message;
      return FacetSchema{};
    }
    return *s;
  }();
  return schema;
}

// One CSV record (RFC 4180 quoting; no line breaks inside fields).
inline std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

inline std::vector<std::string> SplitValues(const std::string& field) {
  std::vector<std::string> out;
  std::stringstream ss(field);
  std::string v;
  while (std::getline(ss, v, ';'))
    if (!v.empty()) out.push_back(v);
  return out;
}

struct SeedRow {
  int row = 0;
  std::string details;
  Facets facets;  // as annotated by hand
};

inline std::vector<SeedRow> SeedFixture() {
  std::vector<SeedRow> rows;
  std::ifstream in(SourcePath("src/privacy/testdata/facets_seed.csv"));
  EXPECT_TRUE(in) << "cannot open facets_seed.csv";
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    const auto f = SplitCsv(line);
    EXPECT_EQ(f.size(), 6u) << line;
    if (f.size() != 6) continue;
    SeedRow r;
    r.row = std::stoi(f[0]);
    r.details = f[1];
    r.facets.values["media"] = SplitValues(f[2]);
    r.facets.values["threat"] = SplitValues(f[3]);
    r.facets.values["audience"] = SplitValues(f[4]);
    r.facets.values["demand"] = SplitValues(f[5]);
    rows.push_back(std::move(r));
  }
  return rows;
}

struct SeedText {
  int row = 0;
  std::string system;  // "crs" (upper case, converted from Windows-1252) or "rms"
  std::string crime_id;
  std::string text;
};

// The free texts of the 68 seed crimes of `foidesk synth --seed 763`, both
// copies of a migrated crime; captured once because privacy_test cannot link
// the synth library.
inline std::vector<SeedText> SeedTexts() {
  std::vector<SeedText> out;
  std::ifstream in(SourcePath("src/privacy/testdata/facets_seed_texts.jsonl"));
  EXPECT_TRUE(in) << "cannot open facets_seed_texts.jsonl";
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    out.push_back({j.at("seed_row").get<int>(), j.at("system").get<std::string>(),
                   j.at("crime_id").get<std::string>(), j.at("text").get<std::string>()});
  }
  return out;
}

}  // namespace foidesk::privacy::testing
