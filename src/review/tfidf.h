// TF-IDF features of record texts for the review model: word unigrams and
// bigrams and character n-grams inside words, hashed (xxHash) and then
// numbered densely over the collection, sublinear term frequency, smoothed
// idf, rows L2-normalised. Built once per candidate set; the model is
// retrained over it many times.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace foidesk::review {

// Compressed sparse rows; columns ascending within a row.
struct SparseMatrix {
  std::vector<uint64_t> row_start{0};  // rows() + 1 entries
  std::vector<uint32_t> col;
  std::vector<float> val;
  uint32_t cols = 0;

  size_t rows() const { return row_start.size() - 1; }
  // Dot product of row r with a dense weight vector of `cols` entries.
  double Dot(size_t r, const double* w) const {
    double s = 0;
    for (uint64_t i = row_start[r]; i < row_start[r + 1]; ++i) s += w[col[i]] * val[i];
    return s;
  }
};

struct TfidfOptions {
  // Word n-grams up to three; character n-grams are there but off: on the
  // benchmark sets they cost 1 to 6 points of WSS@95 (docs/benchmarks.md).
  bool word_bigrams = true;
  bool word_trigrams = true;
  int char_min = 0;  // character n-grams of words, lengths char_min..char_max
  int char_max = 0;  // (0 to turn off); words shorter than char_min give none
  double char_weight = 1.0;  // scale of the character n-grams against the words
  bool drop_stop_words = true;
  uint32_t min_df = 1;  // terms in fewer records carry no weight (left out of rows)
};

struct Tfidf {
  SparseMatrix matrix;
  std::vector<float> idf;            // per column
  std::vector<std::string> word;     // per column: the word of a unigram column, else ""
  std::vector<uint32_t> doc_freq;    // per column
};

Tfidf BuildTfidf(const std::vector<std::string>& texts, const TfidfOptions& options = {});

// The lower-cased words of a text as the features see them (letters and
// digits; other bytes split words; UTF-8 letters kept as they are).
std::vector<std::string_view> FeatureWords(std::string_view text, std::string& lowered);

}  // namespace foidesk::review
