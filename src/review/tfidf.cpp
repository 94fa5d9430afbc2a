#include "review/tfidf.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace foidesk::review {
namespace {

// Function words carry no topic; dropping them keeps bigrams meaningful
// ("threatened post" rather than "to post").
const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> kWords = {
      "a",    "an",    "and",   "are",   "as",    "at",   "be",    "been",  "but",   "by",
      "can",  "did",   "do",    "does",  "for",   "from", "had",   "has",   "have",  "he",
      "her",  "him",   "his",   "i",     "if",    "in",   "into",  "is",    "it",    "its",
      "me",   "my",    "no",    "not",   "of",    "on",   "or",    "our",   "she",   "so",
      "that", "the",   "their", "them",  "then",  "there", "these", "they", "this",  "those",
      "to",   "too",   "up",    "us",    "was",   "we",   "were",  "what",  "when",  "which",
      "who",  "will",  "with",  "would", "you",   "your", "than",  "also",  "all",   "any",
      "about", "after", "before", "over", "under", "such", "other", "more", "most", "some",
      "very", "should", "could", "may",  "might", "must", "shall", "being", "both",  "each",
      "few",  "how",   "why",   "where", "here",  "out",  "off",   "only",  "own",   "same",
      "just", "now",   "once",  "while", "during", "between", "through", "against", "above",
      "below", "again", "further", "nor", "am",  "itself", "himself", "herself", "themselves"};
  return kWords;
}

bool WordByte(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80; }

uint64_t Hash(std::string_view s, uint64_t seed) { return XXH3_64bits_withSeed(s.data(), s.size(), seed); }

constexpr uint64_t kWordSeed = 1, kBigramSeed = 2, kCharSeed = 3;

}  // namespace

std::vector<std::string_view> FeatureWords(std::string_view text, std::string& lowered) {
  lowered.assign(text);
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::vector<std::string_view> words;
  size_t i = 0;
  const size_t n = lowered.size();
  while (i < n) {
    while (i < n && !WordByte(static_cast<unsigned char>(lowered[i]))) ++i;
    const size_t start = i;
    while (i < n && WordByte(static_cast<unsigned char>(lowered[i]))) ++i;
    if (i > start) words.emplace_back(lowered.data() + start, i - start);
  }
  return words;
}

Tfidf BuildTfidf(const std::vector<std::string>& texts, const TfidfOptions& options) {
  // Pass 1: each document's hashed terms with counts; hashes numbered as
  // first seen, so columns depend only on the texts and their order.
  std::unordered_map<uint64_t, uint32_t> column_of;
  std::vector<std::string> word_of_column;
  std::vector<uint32_t> df;
  std::unordered_set<uint64_t> char_hashes;  // which hashes are character n-grams
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> docs(texts.size());
  column_of.reserve(texts.size() * 4 + 1024);  // rehashing cost a tenth of the build
  std::string lowered;
  std::vector<uint64_t> hashes;
  std::vector<std::string_view> kept;
  for (size_t d = 0; d < texts.size(); ++d) {
    const auto words = FeatureWords(texts[d], lowered);
    hashes.clear();
    kept.clear();
    for (std::string_view w : words) {
      if (options.char_min > 0 && static_cast<int>(w.size()) >= options.char_min) {
        // Character n-grams of the word with its boundaries marked, so
        // "footage" and "footages" share most of their grams.
        std::string padded = " " + std::string(w) + " ";
        for (int len = options.char_min; len <= options.char_max; ++len)
          for (size_t p = 0; p + len <= padded.size(); ++p)
          {
            const uint64_t h = Hash(std::string_view(padded).substr(p, len), kCharSeed);
            hashes.push_back(h);
            if (options.char_weight != 1.0) char_hashes.insert(h);
          }
      }
      if (options.drop_stop_words && StopWords().count(w)) continue;
      kept.push_back(w);
    }
    for (size_t k = 0; k < kept.size(); ++k) {
      const uint64_t h = Hash(kept[k], kWordSeed);
      hashes.push_back(h);
      if (column_of.try_emplace(h, static_cast<uint32_t>(word_of_column.size())).second) {
        word_of_column.emplace_back(kept[k]);
        df.push_back(0);
      }
      if (options.word_bigrams && k + 1 < kept.size()) {
        std::string bigram(kept[k]);
        bigram += ' ';
        bigram += kept[k + 1];
        hashes.push_back(Hash(bigram, kBigramSeed));
        if (options.word_trigrams && k + 2 < kept.size()) {
          bigram += ' ';
          bigram += kept[k + 2];
          hashes.push_back(Hash(bigram, kBigramSeed));
        }
      }
    }
    std::sort(hashes.begin(), hashes.end());
    auto& terms = docs[d];
    for (size_t i = 0; i < hashes.size();) {
      size_t j = i;
      while (j < hashes.size() && hashes[j] == hashes[i]) ++j;
      auto [it, added] = column_of.emplace(hashes[i], static_cast<uint32_t>(word_of_column.size()));
      if (added) {
        word_of_column.emplace_back();
        df.push_back(0);
      }
      ++df[it->second];
      terms.emplace_back(it->second, static_cast<uint32_t>(j - i));
      i = j;
    }
  }

  Tfidf out;
  std::vector<uint8_t> is_char(word_of_column.size(), 0);
  for (uint64_t h : char_hashes) is_char[column_of[h]] = 1;
  const uint32_t cols = static_cast<uint32_t>(word_of_column.size());
  out.idf.resize(cols);
  const double n = static_cast<double>(texts.size());
  for (uint32_t c = 0; c < cols; ++c) out.idf[c] = static_cast<float>(std::log((1 + n) / (1 + df[c])) + 1);
  out.word = std::move(word_of_column);
  out.doc_freq = std::move(df);

  // Pass 2: weights, L2-normalised rows with columns ascending.
  SparseMatrix& m = out.matrix;
  m.cols = cols;
  m.row_start.reserve(texts.size() + 1);
  for (auto& terms : docs) {
    std::sort(terms.begin(), terms.end());
    double norm = 0;
    const size_t base = m.val.size();
    for (auto [c, tf] : terms) {
      if (out.doc_freq[c] < options.min_df) continue;
      const double v = (1 + std::log(static_cast<double>(tf))) * out.idf[c] *
                       (is_char[c] ? options.char_weight : 1.0);
      m.col.push_back(c);
      m.val.push_back(static_cast<float>(v));
      norm += v * v;
    }
    if (norm > 0) {
      const double inv = 1 / std::sqrt(norm);
      for (size_t i = base; i < m.val.size(); ++i) m.val[i] = static_cast<float>(m.val[i] * inv);
    }
    m.row_start.push_back(m.val.size());
    std::vector<std::pair<uint32_t, uint32_t>>().swap(terms);
  }
  return out;
}

}  // namespace foidesk::review
