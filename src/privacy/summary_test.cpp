// Tests for ComposeSummary (schema wording only, reads like the published
// Details) and WordsOutsideVocabulary (flags personal data in a reviewer's
// own summary).
#include "privacy/summary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "privacy/facets_test_util.h"

namespace foidesk::privacy {
namespace {

using testing::SeedFixture;
using testing::SeedTexts;
using testing::SextortionSchema;

TEST(SummaryCompose, SeedFacetsUseOnlySchemaVocabulary) {
  const auto rows = SeedFixture();
  ASSERT_EQ(rows.size(), 68u);
  for (const auto& r : rows) {
    const std::string s = ComposeSummary(SextortionSchema(), r.facets);
    EXPECT_FALSE(s.empty()) << "row " << r.row;
    EXPECT_EQ(WordsOutsideVocabulary(SextortionSchema(), s), std::vector<std::string>{})
        << "row " << r.row << ": " << s;
  }
}

TEST(SummaryCompose, SynthCrimeTextsGiveVocabularyOnly) {
  for (const auto& t : SeedTexts()) {
    const std::string s =
        ComposeSummary(SextortionSchema(), ExtractFacets(SextortionSchema(), t.text));
    EXPECT_FALSE(s.empty()) << t.crime_id;
    EXPECT_EQ(WordsOutsideVocabulary(SextortionSchema(), s), std::vector<std::string>{})
        << t.crime_id << ": " << s;
  }
}

// Seed row -> the summary composed from its annotated facets.
struct ComposeCase {
  int row;
  const char* want;
};

class SummarySeed : public ::testing::TestWithParam<ComposeCase> {};

TEST_P(SummarySeed, ReadsLikeThePublishedDetails) {
  static const auto rows = SeedFixture();
  const ComposeCase& c = GetParam();
  const auto& r = rows.at(static_cast<size_t>(c.row - 1));
  EXPECT_EQ(ComposeSummary(SextortionSchema(), r.facets), c.want) << r.details;
}

INSTANTIATE_TEST_SUITE_P(
    SummaryRows, SummarySeed,
    ::testing::Values(
        ComposeCase{1,
                    "Threat to post images on the internet unless money "
                    "paid or sexual act "
                    "performed"},
        ComposeCase{2, "Threat to post images on social media unless more images sent"},
        ComposeCase{7, "Threat to show unless money paid"},
        ComposeCase{9, "Threat to send video to family and friends unless money paid"},
        ComposeCase{13,
                    "Threat to post and show images to partner on the "
                    "internet unless money "
                    "paid"},
        ComposeCase{14, "Threat to post video unless money paid"},
        ComposeCase{15, "Threat over video"},
        ComposeCase{16, "Threat over images unless money paid"},
        ComposeCase{17, "Threat to post video to friends on Facebook unless money paid"},
        ComposeCase{26,
                    "Threat to release video to employer on the internet "
                    "unless money paid"},
        ComposeCase{33, "Threat to post video on Facebook unless money paid"},
        ComposeCase{49,
                    "Threat to post video and images to family and friends "
                    "unless money paid"},
        ComposeCase{60,
                    "Threat to post video to friends on Facebook unless "
                    "other demand met"},
        ComposeCase{62, "Threat to show images to friends unless more images sent"},
        ComposeCase{66, "Threat made unless money paid"}));

TEST(SummaryCompose, UnknownValuesAreLeftOut) {
  Facets f;
  f.values["media"] = {"video", "John Smith"};
  f.values["threat"] = {"post"};
  f.values["audience"] = {"Norwich"};
  f.values["demand"] = {};
  f.values["victim"] = {"07700 900123"};
  EXPECT_EQ(ComposeSummary(SextortionSchema(), f), "Threat to post video");
  EXPECT_EQ(ComposeSummary(SextortionSchema(), Facets{}), "Threat made");
}

// A reviewer's summary -> the words it may not use.
struct VocabCase {
  const char* summary;
  std::vector<std::string> outside;
};

class SummaryVocabulary : public ::testing::TestWithParam<VocabCase> {};

TEST_P(SummaryVocabulary, FlagsWordsOutside) {
  const VocabCase& c = GetParam();
  EXPECT_EQ(WordsOutsideVocabulary(SextortionSchema(), c.summary), c.outside) << c.summary;
}

INSTANTIATE_TEST_SUITE_P(
    SummaryCases, SummaryVocabulary,
    ::testing::Values(
        VocabCase{"Threat to post video to Facebook friends unless money paid", {}},
        VocabCase{"threat to UPLOAD footage to websites unless money paid.", {}},
        VocabCase{"Threat to release video to victim's contacts unless money paid", {}},
        VocabCase{"Threat to post video to John Smith's friends", {"John", "Smith's"}},
        VocabCase{"Threat to post video of Nathan Chilvers unless paid", {"Nathan", "Chilvers"}},
        VocabCase{"Threat to send images to family in Norwich", {"Norwich"}},
        VocabCase{"Threat to post video on internet unless £5500 paid", {"£5500"}},
        VocabCase{"Threat to send video unless money paid, call 07611 325017",
                  {"call", "07611", "325017"}},
        VocabCase{"Threat made from amy.wood.90@hotmail.com", {"amy.wood.90@hotmail.com"}},
        VocabCase{"Threat made by @hot_laura_91 on Skype", {"@hot_laura_91", "Skype"}},
        VocabCase{"Victim aged 17 threatened", {"aged", "17"}},
        VocabCase{"Threat to post video (Tinder) — unless paid", {"Tinder"}},
        VocabCase{"Threat to post video to Facebook, Facebook and Bob, Bob", {"Bob"}},
        VocabCase{"Threat to post video on 12 Mill Road", {"12", "Mill", "Road"}},
        VocabCase{"Threat to post \u201Cvideo\u201D to Bob\u2019s family", {"Bob\u2019s"}},
        VocabCase{"Threat to send images to Zo\u00EB \u2013 unless paid", {"Zo\u00EB"}},
        VocabCase{"Threat to send images to family's friends", {}}));

TEST(SummaryVocabulary, PublishedDetailsPass) {
  for (const auto& r : SeedFixture())
    EXPECT_EQ(WordsOutsideVocabulary(SextortionSchema(), r.details), std::vector<std::string>{})
        << "row " << r.row << ": " << r.details;
}

}  // namespace
}  // namespace foidesk::privacy
