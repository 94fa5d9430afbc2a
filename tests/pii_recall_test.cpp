// Recall of the personal-data detector on what the synthetic force plants:
// a small force is generated, every item pii_planted.csv lists in a free
// text (CRS MO_TEXT, RMS narrative and summary) is looked up in its text, the
// default Detector runs on that text, and an item counts as found when
// findings of any type cover every byte of it. Issue 3 asks for recall of at
// least 0.99 for each type, in legacy upper case and current mixed case.
// The test prints a table by type and style, and the missed items grouped
// by type and form (the item's shape: letters as A/a runs, digits as 9).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "privacy/pii.h"
#include "synth/synth.h"
#include "synth_exports.h"

namespace foidesk {
namespace {

namespace fs = std::filesystem;
using testing::RowKey;
using testing::SynthExports;

bool IsTextField(const std::string &field) {
  return field == "MO_TEXT" || field == "/narrative" || field == "/summary";
}

// The shape of a value: a run of capitalised letters "Aa", upper "A", lower
// "a", each digit "9", other characters as they are. "NR2 1AB" -> "A9 9A",
// "Mr J. Smith" -> "Aa A. Aa", "+44 7700 900123" -> "+99 9999 999999".
std::string Shape(std::string_view v) {
  std::string out;
  size_t i = 0;
  auto letter = [&](size_t k) {
    const unsigned char c = static_cast<unsigned char>(v[k]);
    return std::isalpha(c) || c >= 0x80;
  };
  while (i < v.size()) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    if (letter(i)) {
      const size_t b = i;
      bool upper = false, lower = false;
      while (i < v.size() && letter(i)) {
        const unsigned char d = static_cast<unsigned char>(v[i]);
        if (std::isupper(d))
          upper = true;
        if (std::islower(d))
          lower = true;
        ++i;
      }
      const bool cap = std::isupper(static_cast<unsigned char>(v[b])) && lower;
      out += cap ? "Aa" : upper && !lower ? "A" : "a";
    } else if (c >= '0' && c <= '9') {
      out += '9';
      ++i;
    } else {
      out += static_cast<char>(c);
      ++i;
    }
  }
  return out;
}

struct Tally {
  int planted = 0, found = 0;
  int crs_planted = 0, crs_found = 0, rms_planted = 0, rms_found = 0;
};
struct Missed {
  int count = 0;
  std::vector<std::string> examples; // value in context
};

TEST(PiiRecall, PlantedItemsInSynthTextsAreFound) {
  const fs::path dir = fs::temp_directory_path() /
                       ("foidesk_pii_recall_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  synth::Options options;
  options.seed = 3;
  options.crimes_per_year = 2000;
  auto summary = synth::Generate(options, dir.string());
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  const SynthExports exports = SynthExports::Read(dir);
  const auto planted = testing::ReadCsvTable(dir / "pii_planted.csv");
  ASSERT_EQ(static_cast<int64_t>(planted.size()), summary->pii_planted);

  auto detector = privacy::Detector::CreateDefault(
      std::string(FOIDESK_SOURCE_DIR) + "/config");
  ASSERT_TRUE(detector.ok()) << detector.error().message;

  // Coverage of the current text by findings; planted rows come grouped by
  // row and field, so one text is scanned once.
  std::string cur_key, text;
  std::vector<char> covered;
  std::map<std::string, Tally> tally;
  std::map<std::string, std::map<std::string, Missed>>
      missed; // type -> form -> items
  std::set<std::string> unknown;
  for (const auto &row : planted) {
    const std::string &field = row.at("field");
    if (!IsTextField(field))
      continue;
    const RowKey key{row.at("file"), std::stoll(row.at("line"))};
    const std::string k =
        key.first + ":" + std::to_string(key.second) + ":" + field;
    if (k != cur_key) {
      cur_key = k;
      auto t = exports.FieldText(key, field);
      ASSERT_TRUE(t.has_value()) << k << ": not in the exports";
      text = *t;
      covered.assign(text.size(), 0);
      for (const privacy::PiiFinding &f : detector->Detect(text))
        for (size_t b = f.start; b < f.end && b < text.size(); ++b)
          covered[b] = 1;
    }
    const size_t start = std::stoul(row.at("start")),
                 end = std::stoul(row.at("end"));
    ASSERT_LE(end, text.size()) << k;
    ASSERT_EQ(text.substr(start, end - start), row.at("value")) << k;
    const bool found =
        std::all_of(covered.begin() + static_cast<std::ptrdiff_t>(start),
                    covered.begin() + static_cast<std::ptrdiff_t>(end),
                    [](char c) { return c; });
    const std::string &type = row.at("type");
    // A type the synth plants that this build's detector does not know yet
    // is reported below, not failed on.
    if (!privacy::PiiTypeFromName(type))
      unknown.insert(type);
    Tally &t = tally[type];
    const bool crs = key.first.starts_with("crs_");
    ++t.planted;
    ++(crs ? t.crs_planted : t.rms_planted);
    if (found) {
      ++t.found;
      ++(crs ? t.crs_found : t.rms_found);
      continue;
    }
    Missed &m = missed[type][Shape(row.at("value"))];
    if (++m.count <= 3) {
      const size_t from = start >= 40 ? start - 40 : 0;
      std::string ctx = text.substr(from, start - from) + "[" +
                        row.at("value") + "]" + text.substr(end, 40);
      std::replace(ctx.begin(), ctx.end(), '\n', ' ');
      std::replace(ctx.begin(), ctx.end(), '\r', ' ');
      m.examples.push_back(ctx);
    }
  }

  auto ratio = [](int found, int n) {
    return n ? static_cast<double>(found) / n : 1.0;
  };
  std::printf("\n%-22s %8s %8s %7s %7s %7s\n", "type", "planted", "found",
              "recall", "crs", "rms");
  for (int i = 0; i < privacy::kPiiTypeCount; ++i) {
    const std::string type(
        privacy::PiiTypeName(static_cast<privacy::PiiType>(i)));
    const Tally &t = tally[type];
    std::printf("%-22s %8d %8d %7.4f %7.4f %7.4f\n", type.c_str(), t.planted,
                t.found, ratio(t.found, t.planted),
                ratio(t.crs_found, t.crs_planted),
                ratio(t.rms_found, t.rms_planted));
  }
  for (const std::string &type : unknown)
    std::printf("planted type unknown to the detector: %s (%d items)\n",
                type.c_str(), tally[type].planted);
  for (const auto &[type, forms] : missed) {
    std::vector<std::pair<int, std::string>> order;
    for (const auto &[form, m] : forms)
      order.push_back({-m.count, form});
    std::sort(order.begin(), order.end());
    std::printf("\nmissed %s (%zu forms):\n", type.c_str(), forms.size());
    for (size_t i = 0; i < order.size() && i < 12; ++i) {
      const Missed &m = forms.at(order[i].second);
      std::printf("  %5d  %s\n", m.count, order[i].second.c_str());
      for (const auto &e : m.examples)
        std::printf("           ...%s...\n", e.c_str());
    }
  }

  for (int i = 0; i < privacy::kPiiTypeCount; ++i) {
    const std::string type(
        privacy::PiiTypeName(static_cast<privacy::PiiType>(i)));
    const Tally &t = tally[type];
    EXPECT_GT(t.crs_planted, 0) << type << " never planted in a legacy text";
    EXPECT_GT(t.rms_planted, 0) << type << " never planted in a current text";
    EXPECT_GE(ratio(t.found, t.planted), 0.99)
        << type << ": " << t.found << " of " << t.planted
        << " planted items found";
  }
  fs::remove_all(dir);
}

} // namespace
} // namespace foidesk
