// Tests for the facet schema loader and ExtractFacets: the 68 published
// Details against a hand annotation, the synthetic force's seed crime texts
// against the same annotation, trigger context rules, and bad schema files.
#include "privacy/facets.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "privacy/facets_test_util.h"

namespace foidesk::privacy {
namespace {

using testing::SeedFixture;
using testing::SeedTexts;
using testing::SextortionSchema;

const char* const kFacetNames[] = {"media", "threat", "audience", "demand"};

std::string Show(const std::vector<std::string>& v) {
  std::string s = "{";
  for (const auto& x : v) s += (s.size() > 1 ? "," : "") + x;
  return s + "}";
}

TEST(FacetSchema, LoadsSextortion) {
  const FacetSchema& schema = SextortionSchema();
  ASSERT_EQ(schema.name, "sextortion");
  ASSERT_EQ(schema.facets.size(), 4u);
  EXPECT_EQ(schema.facets[0].name, "media");
  EXPECT_EQ(schema.facets[3].name, "demand");
}

TEST(FacetSeed, DetailsGiveTheAnnotatedFacets) {
  const auto rows = SeedFixture();
  ASSERT_EQ(rows.size(), 68u);
  for (const auto& r : rows) {
    const Facets got = ExtractFacets(SextortionSchema(), r.details);
    for (const char* f : kFacetNames) {
      EXPECT_EQ(got.values.at(f), r.facets.values.at(f))
          << "row " << r.row << " " << f << ": " << r.details;
    }
  }
}

// What the synthetic force's text cannot say, if anything: seed row, facet,
// the facets the crime text does give, and why they differ from the
// Details. Empty since the generator words each seed crime's threat from its
// Details (SetSextortionPlotFromDetails in src/synth/stories.cpp). The texts
// are src/privacy/testdata/facets_seed_texts.jsonl, written by the synth
// library: tests/facets_seed_synth_test.cpp checks they are current and
// rewrites them with FOIDESK_UPDATE_TESTDATA=1.
struct KnownGap {
  int row;
  const char* facet;
  const char* text_gives;  // ";"-separated, as in the fixture
  const char* why;
};
const std::vector<KnownGap> kKnownGaps = {};

TEST(FacetSeed, SynthTextsGiveTheDetailsFacets) {
  const auto rows = SeedFixture();
  const auto texts = SeedTexts();
  ASSERT_EQ(rows.size(), 68u);
  std::set<int> covered;
  std::map<std::string, int> agree;  // facet -> seed rows whose every text agrees
  std::map<std::pair<int, std::string>, const KnownGap*> gaps;
  for (const auto& g : kKnownGaps) gaps[{g.row, g.facet}] = &g;
  std::map<int, std::map<std::string, bool>> row_ok;
  for (const auto& t : texts) {
    ASSERT_GE(t.row, 1);
    ASSERT_LE(t.row, 68);
    covered.insert(t.row);
    const auto& want = rows[static_cast<size_t>(t.row - 1)].facets;
    const Facets got = ExtractFacets(SextortionSchema(), t.text);
    for (const char* f : kFacetNames) {
      const auto& g = got.values.at(f);
      const bool same = g == want.values.at(f);
      auto [it, fresh] = row_ok[t.row].emplace(f, same);
      if (!fresh) it->second = it->second && same;
      auto gap = gaps.find({t.row, f});
      if (gap == gaps.end()) {
        EXPECT_TRUE(same) << "row " << t.row << " " << t.system << " " << f << ": text gives "
                          << Show(g) << ", Details " << Show(want.values.at(f)) << "\n"
                          << t.text;
      } else {
        EXPECT_EQ(g, testing::SplitValues(gap->second->text_gives))
            << "row " << t.row << " " << t.system << " " << f << " (known gap: " << gap->second->why
            << ")\n"
            << t.text;
      }
    }
  }
  EXPECT_EQ(covered.size(), 68u);
  for (const auto& [row, facets] : row_ok)
    for (const auto& [f, ok] : facets) agree[f] += ok ? 1 : 0;
  std::printf("[ agreement ] seed crime texts vs published Details, of %zu rows:", covered.size());
  for (const char* f : kFacetNames) std::printf(" %s %d", f, agree[f]);
  std::printf("\n");
}

TEST(FacetExtract, CaseDoesNotMatter) {
  const std::string mixed =
      "The suspect then threatened to send the video to "
      "his Facebook friends unless he paid "
      "£300.";
  std::string upper = mixed;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  std::string lower = mixed;
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const Facets want = ExtractFacets(SextortionSchema(), mixed);
  EXPECT_EQ(want.values.at("audience"), (std::vector<std::string>{"friends", "facebook"}));
  EXPECT_EQ(ExtractFacets(SextortionSchema(), upper), want);
  EXPECT_EQ(ExtractFacets(SextortionSchema(), lower), want);
}

// Context rules: each text's facet, and what must (not) be found.
struct ContextCase {
  const char* text;
  const char* facet;
  const char* want;  // ";"-separated
};

class FacetContext : public ::testing::TestWithParam<ContextCase> {};

TEST_P(FacetContext, Extracts) {
  const ContextCase& c = GetParam();
  const Facets got = ExtractFacets(SextortionSchema(), c.text);
  EXPECT_EQ(got.values.at(c.facet), testing::SplitValues(c.want)) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    FacetRules, FacetContext,
    ::testing::Values(
        // Only threat sentences count: contact and contact details do not.
        ContextCase{"IP ACCEPTED A FRIEND REQUEST ON FACEBOOK FROM ANNA. S/T "
                    "THREATENED TO SEND "
                    "THE VIDEO TO HIS CONTACTS UNLESS HE PAID £500.",
                    "audience", "contacts"},
        ContextCase{"IP MET A FEMALE ON A DATING WEBSITE. S/T THREATENED TO "
                    "SEND THE VIDEO TO "
                    "THE INTERNET UNLESS HE PAID £500.",
                    "audience", "internet"},
        ContextCase{"The victim's Facebook profile is @jo. No threat sentence "
                    "here about video.",
                    "audience", ""},
        // Negation: the friends list, an ex-partner, a friend request.
        ContextCase{"Within minutes S/T sent IP screenshots of his friends "
                    "list and threatened to "
                    "send the video to his family unless he paid.",
                    "audience", "family"},
        ContextCase{"Ex-partner Jo threatened to post pictures of the victim "
                    "online unless paid.",
                    "audience", "internet"},
        ContextCase{"Threatened to post pictures online and show them to her "
                    "spouse unless paid.",
                    "audience", "partner;internet"},
        // Sending to a public place is posting; to people it is sending.
        ContextCase{"S/T threatened to send the video to websites unless he paid.", "threat",
                    "post"},
        ContextCase{"S/T threatened to send the video to his Facebook page "
                    "unless he paid.",
                    "threat", "post"},
        ContextCase{"S/T threatened to send the video to his Facebook friends "
                    "unless he paid.",
                    "threat", "send"},
        ContextCase{"Threat of blackmail after sending explicit video", "threat", ""},
        ContextCase{"Threat to expose himself", "threat", ""},
        // Quotes are the offender's rhetoric.
        ContextCase{"S/T threatened to post the clip online unless he paid. "
                    "Message read “I send "
                    "it to your family now”",
                    "audience", "internet"},
        // The demand clause is not the media or the audience.
        ContextCase{"Threat to post video on internet unless more images are "
                    "sent to offender",
                    "media", "video"},
        ContextCase{"Threat to post video on internet unless more images are "
                    "sent to offender",
                    "demand", "more_images"},
        ContextCase{"Threat to post video to Facebook friends unless victim "
                    "opens internet link",
                    "demand", "other"},
        ContextCase{"Threat to post video of sexual acts online unless money paid", "demand",
                    "money"},
        ContextCase{"Threat to post video online unless he paid £200 or "
                    "performed a sexual act",
                    "demand", "money;sexual_act"},
        // A victim who paid is not a demand; a stated demand is.
        ContextCase{"S/T threatened to post the video online unless more "
                    "images were sent. IP "
                    "paid £1450 in iTunes vouchers.",
                    "demand", "more_images"},
        ContextCase{"Tablet locked, stating IP viewed pornography and "
                    "demanding a £100 fine.",
                    "demand", "money"},
        // Synonyms map to the fixed value.
        ContextCase{"Threat to circulate footage unless money paid", "media", "video"},
        ContextCase{"Threat to circulate footage unless money paid", "threat", "release"},
        ContextCase{"Threat to upload a nude selfie unless paid", "media", "images"},
        ContextCase{"Threat to place recording on internet unless money paid", "threat", "post"},
        ContextCase{"Threat to post video of photos to internet sites", "media", "video"},
        ContextCase{"Threat to post video of photos to internet sites", "audience", "website"},
        // Legacy bytes not yet converted from Windows-1252 (0xA3 is the pound
        // sign).
        ContextCase{"S/T THREATENED TO SEND THE VIDEO TO HIS FAMILY UNLESS HE "
                    "PAID \xA3" "500.",
                    "demand", "money"},
        ContextCase{"S/T THREATENED TO SEND THE VIDEO TO HIS FAMILY UNLESS HE "
                    "PAID \xA3" "500.",
                    "audience", "family"},
        // Names that hold a trigger's letters are not triggers.
        ContextCase{"OIC PC 704 WEBB THREATENED? NO: S/T THREATENED TO SEND IT "
                    "TO BTINTERNET.COM",
                    "audience", ""}));

// Bad schema files: the error names the file, the key and the reason.
struct BadSchema {
  const char* label;
  std::string toml;
  const char* key;
  const char* reason;
};

std::string ReplaceOnce(std::string s, const std::string& from, const std::string& to) {
  const size_t p = s.find(from);
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

const char* const kGoodSchema = R"(
name = "test"
[scope]
anchors = ["threat"]
clause_break = ["unless"]
[[facet]]
name = "media"
  [[facet.value]]
  name = "video"
  wording = "video"
  words = ["video"]
[compose]
templates = ["Threat to share[ {media}]"]
)";

std::vector<BadSchema> BadSchemas() {
  const std::string good = kGoodSchema;
  return {
      {"syntax", "name = \"x\"\n[scope\n", ":2:", "expected"},
      {"missing wording", ReplaceOnce(good, "wording = \"video\"", ""), "facet[0].value[0].wording",
       "missing"},
      {"empty wording", ReplaceOnce(good, "wording = \"video\"", "wording = \"\""),
       "facet[0].value[0].wording", "non-empty"},
      {"wording not a string", ReplaceOnce(good, "wording = \"video\"", "wording = 3"),
       "facet[0].value[0].wording", "must be a string"},
      {"bad pattern", ReplaceOnce(good, "words = [\"video\"]", "patterns = [\"(video\"]"),
       "facet[0].value[0].patterns[0]", "invalid pattern"},
      {"typo key", ReplaceOnce(good, "words = [\"video\"]", "wrods = [\"video\"]"),
       "facet[0].value[0].wrods", "unknown key"},
      {"no triggers", ReplaceOnce(good, "words = [\"video\"]", ""), "facet[0].value[0]",
       "'words' or 'patterns'"},
      {"unknown facet in template", ReplaceOnce(good, "{media}", "{medium}"),
       "compose.templates[0]", "unknown facet 'medium'"},
      {"last template needs a facet",
       ReplaceOnce(good, "\"Threat to share[ {media}]\"", "\"Threat to share {media}\""),
       "compose.templates", "last template"},
      {"unbalanced bracket", ReplaceOnce(good, "[ {media}]", "[ {media}"), "compose.templates[0]",
       "'[' without ']'"},
      {"bad clause", ReplaceOnce(good, "name = \"media\"", "name = \"media\"\nclause = \"all\""),
       "facet[0].clause", "must be \"threat\" or \"sentence\""},
      {"no scope", ReplaceOnce(good, "[scope]\nanchors = [\"threat\"]", "[scop]"), "scop",
       "unknown key"},
      {"empty anchors", ReplaceOnce(good, "anchors = [\"threat\"]", "anchors = []"),
       "scope.anchors", "at least one"},
      {"anchor not a string", ReplaceOnce(good, "anchors = [\"threat\"]", "anchors = [1]"),
       "scope.anchors[0]", "non-empty string"},
      {"duplicate value",
       ReplaceOnce(good, "[compose]",
                   "  [[facet.value]]\n  name = \"video\"\n  wording = \"v\"\n "
                   " words = "
                   "[\"v\"]\n[compose]"),
       "facet[0].value[1].name", "duplicate value 'video'"},
  };
}

TEST(FacetSchema, BadFileNamesFileKeyAndReason) {
  const auto dir = std::filesystem::temp_directory_path() / "foidesk_facets_test";
  std::filesystem::create_directories(dir);
  {
    const auto path = (dir / "good.toml").string();
    std::ofstream(path) << kGoodSchema;
    auto ok = LoadFacetSchema(path);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
  }
  for (const auto& c : BadSchemas()) {
    const auto path = (dir / "bad.toml").string();
    std::ofstream(path, std::ios::trunc) << c.toml;
    auto r = LoadFacetSchema(path);
    ASSERT_FALSE(r.ok()) << c.label;
    const std::string& m = r.error().message;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << c.label;
    EXPECT_NE(m.find(path), std::string::npos) << c.label << ": " << m;
    EXPECT_NE(m.find(c.key), std::string::npos) << c.label << ": " << m;
    EXPECT_NE(m.find(c.reason), std::string::npos) << c.label << ": " << m;
  }
  auto missing = LoadFacetSchema((dir / "no-such.toml").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no-such.toml"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace foidesk::privacy
