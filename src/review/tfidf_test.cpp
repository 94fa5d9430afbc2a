// TF-IDF: rows unit length, stop words dropped, unigram words named,
// columns deterministic, character n-grams shared by related words.
#include "review/tfidf.h"

#include <gtest/gtest.h>

#include <cmath>

namespace foidesk::review {
namespace {

double RowNorm(const SparseMatrix& m, size_t r) {
  double s = 0;
  for (uint64_t i = m.row_start[r]; i < m.row_start[r + 1]; ++i) s += double(m.val[i]) * m.val[i];
  return std::sqrt(s);
}

TEST(Tfidf, RowsAreUnitLengthAndEmptyTextsEmpty) {
  const Tfidf t = BuildTfidf({"Threat to post the VIDEO online", "", "video video video"});
  ASSERT_EQ(t.matrix.rows(), 3u);
  EXPECT_NEAR(RowNorm(t.matrix, 0), 1.0, 1e-5);
  EXPECT_EQ(t.matrix.row_start[2] - t.matrix.row_start[1], 0u);
  EXPECT_NEAR(RowNorm(t.matrix, 2), 1.0, 1e-5);
}

TEST(Tfidf, UnigramColumnsAreNamedAndStopWordsDropped) {
  TfidfOptions o;
  o.char_min = o.char_max = 0;
  o.word_bigrams = false;
  o.word_trigrams = false;
  const Tfidf t = BuildTfidf({"the webcam and the footage", "webcam"}, o);
  std::vector<std::string> words;
  for (const std::string& w : t.word)
    if (!w.empty()) words.push_back(w);
  EXPECT_EQ(words, (std::vector<std::string>{"webcam", "footage"}));
  // "webcam" is in both documents, so its idf is lower than "footage"'s.
  EXPECT_LT(t.idf[0], t.idf[1]);
  EXPECT_EQ(t.doc_freq[0], 2u);
}

TEST(Tfidf, CharacterGramsLinkRelatedWords) {
  TfidfOptions words_only;
  words_only.char_min = words_only.char_max = 0;
  auto shared = [](const Tfidf& t) {
    const SparseMatrix& m = t.matrix;
    int common = 0;
    for (uint64_t i = m.row_start[0]; i < m.row_start[1]; ++i)
      for (uint64_t j = m.row_start[1]; j < m.row_start[2]; ++j) common += m.col[i] == m.col[j];
    return common;
  };
  EXPECT_EQ(shared(BuildTfidf({"recording", "recorded"}, words_only)), 0);
  TfidfOptions grams;
  grams.char_min = 3;
  grams.char_max = 5;
  EXPECT_GT(shared(BuildTfidf({"recording", "recorded"}, grams)), 2);
}

TEST(Tfidf, SameTextsGiveTheSameMatrix) {
  const std::vector<std::string> texts = {"IP sent a video", "S/T demanded money", "video call"};
  const Tfidf a = BuildTfidf(texts), b = BuildTfidf(texts);
  EXPECT_EQ(a.matrix.col, b.matrix.col);
  EXPECT_EQ(a.matrix.val, b.matrix.val);
}

}  // namespace
}  // namespace foidesk::review
