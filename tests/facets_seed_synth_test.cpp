// The synthetic force's 68 seed crimes against their published Details: the
// facets (media, threat, audience, demand) read from each crime's text must
// be those annotated by hand for its Details (src/privacy/testdata/
// facets_seed.csv), in both systems' copies. The texts come from the synth
// library directly; src/privacy/testdata/facets_seed_texts.jsonl, which the
// privacy tests read (they cannot link synth), must hold exactly these texts.
// To rewrite it after a change to the generator:
//   FOIDESK_UPDATE_TESTDATA=1 ./tests/facets_seed_synth_test
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "privacy/facets.h"
#include "privacy/facets_test_util.h"
#include "synth/synth.h"
#include "synth_exports.h"

namespace foidesk {
namespace {

namespace fs = std::filesystem;

// `foidesk synth --seed 763 --crimes-per-year 3000`: the demo's seed at a
// test's size.
std::vector<privacy::testing::SeedText> GenerateSeedTexts() {
  const fs::path dir = fs::temp_directory_path() /
                       ("foidesk_facets_seed_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  synth::Options options;
  options.seed = 763;
  options.crimes_per_year = 3000;
  options.write_planted = false;
  auto summary = synth::Generate(options, dir.string());
  EXPECT_TRUE(summary.ok()) << summary.error().message;
  if (!summary.ok())
    return {};
  const auto exports = testing::SynthExports::Read(dir);
  std::map<std::string, int> seed_row;
  for (const auto &t : testing::ReadCsvTable(dir / "truth.csv"))
    if (t.at("category") == "seed")
      seed_row[t.at("crime_id")] = std::stoi(t.at("seed_row"));
  // The later row of a crime number wins (a duplicate is an earlier export).
  std::map<std::string, std::string> crs_text;
  for (const auto &[key, fields] : exports.crs)
    if (fields.size() == 16 && seed_row.count(fields[0]))
      crs_text[fields[0]] = fields[9];
  std::map<std::pair<int, std::string>, privacy::testing::SeedText> texts;
  for (const auto &[id, text] : crs_text)
    texts[{seed_row[id], "crs"}] = {seed_row[id], "crs", id, text};
  for (const auto &[key, j] : exports.rms) {
    if (!j.contains("id") || !j["narrative"].is_string())
      continue;
    std::string id = j["id"].get<std::string>();
    if (j.contains("legacy_ref") && j["legacy_ref"].is_string())
      id = j["legacy_ref"]
               .get<std::string>(); // the crime's key is its CRS number
    if (auto it = seed_row.find(id); it != seed_row.end())
      texts[{it->second, "rms"}] = {it->second, "rms", id,
                                    j["narrative"].get<std::string>()};
  }
  fs::remove_all(dir);
  std::vector<privacy::testing::SeedText> out;
  for (auto &[k, t] : texts)
    out.push_back(std::move(t));
  return out;
}

std::string ToJsonl(const std::vector<privacy::testing::SeedText> &texts) {
  std::string out;
  for (const auto &t : texts) {
    nlohmann::ordered_json j;
    j["seed_row"] = t.row;
    j["system"] = t.system;
    j["crime_id"] = t.crime_id;
    j["text"] = t.text;
    out += j.dump() + "\n";
  }
  return out;
}

TEST(FacetSeedSynth, SynthTextsGiveTheDetailsFacets) {
  const auto rows = privacy::testing::SeedFixture();
  const auto texts = GenerateSeedTexts();
  ASSERT_EQ(rows.size(), 68u);
  std::map<int, int> copies;
  for (const auto &t : texts) {
    ++copies[t.row];
    const auto &want = rows.at(static_cast<size_t>(t.row - 1)).facets;
    const privacy::Facets got =
        privacy::ExtractFacets(privacy::testing::SextortionSchema(), t.text);
    for (const char *f : {"media", "threat", "audience", "demand"}) {
      EXPECT_EQ(got.values.at(f), want.values.at(f))
          << "row " << t.row << " " << t.system << " " << f << ": "
          << rows.at(static_cast<size_t>(t.row - 1)).details << "\n"
          << t.text;
    }
  }
  EXPECT_EQ(copies.size(), 68u);
}

TEST(FacetSeedSynth, CapturedTextsAreTheSynthTexts) {
  const std::string want = ToJsonl(GenerateSeedTexts());
  const std::string path = privacy::testing::SourcePath(
      "src/privacy/testdata/facets_seed_texts.jsonl");
  if (const char *update = std::getenv("FOIDESK_UPDATE_TESTDATA");
      update && *update == '1') {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << want;
  }
  EXPECT_EQ(testing::ReadFileBytes(path), want)
      << path << " is stale; rewrite it with FOIDESK_UPDATE_TESTDATA=1 "
      << "facets_seed_synth_test";
}

} // namespace
} // namespace foidesk
