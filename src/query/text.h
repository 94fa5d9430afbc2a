// Text matching in C++ that agrees with SQLite FTS5's unicode61 tokenizer
// (remove_diacritics 2), so that a query gives the same crimes whether the
// index answers it or the Searcher scans candidate texts itself; plus the
// highlighting and snippets shown to reviewers.
//
// Tokens are maximal runs of letters, digits and private-use characters
// (Unicode L*, N*, Co), folded to lower case with diacritics removed
// ("Café" -> "cafe"). Everything else separates tokens ("don’t" -> "don",
// "t"). Matching is on whole tokens: a word equals a token, a prefix starts
// one, a phrase is consecutive tokens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "query/ast.h"

namespace foidesk::query {

// One token of a text: its folded form and where it stands in the text
// (byte offsets, end exclusive).
struct TextToken {
  std::string text;
  size_t begin = 0;
  size_t end = 0;

  friend bool operator==(const TextToken&, const TextToken&) = default;
};

// Tokenizes UTF-8 text. Invalid UTF-8 bytes separate tokens.
std::vector<TextToken> Tokenize(std::string_view text);

// The folded tokens of a text, without offsets: how query words are split
// ("e-mail" -> {"e", "mail"}, "Café" -> {"cafe"}).
std::vector<std::string> FoldedTokens(std::string_view text);

// A reusable tokenized text: the allocation-free form the scan path uses,
// one document after another.
class TokenBuffer {
 public:
  // Tokenizes `text`, replacing what the buffer held. The buffer keeps no
  // reference to `text`.
  void Reset(std::string_view text);
  // As Reset, calling on_token(i) once token i is in; tokenizing stops
  // (leaving the buffer partial) when it returns false.
  void Reset(std::string_view text, const std::function<bool(size_t)>& on_token);

  size_t size() const { return tokens_.size(); }
  std::string_view token(size_t i) const {
    return std::string_view(folded_).substr(tokens_[i].folded_begin, tokens_[i].folded_size);
  }
  size_t begin(size_t i) const { return tokens_[i].begin; }
  size_t end(size_t i) const { return tokens_[i].end; }

 private:
  struct Entry {
    uint32_t begin, end;  // in the source text
    uint32_t folded_begin, folded_size;
  };
  std::string folded_;
  std::vector<Entry> tokens_;
};

// A highlighted region of a text, byte offsets (end exclusive).
struct Span {
  size_t begin = 0;
  size_t end = 0;

  friend bool operator==(const Span&, const Span&) = default;
};

// Whether `term` occurs in the tokens, and where.
bool TermMatches(const TokenBuffer& tokens, const Term& term);
void TermSpans(const TokenBuffer& tokens, const Term& term, std::vector<Span>& out);

// Answers field filters for the document being matched (the Searcher looks
// them up in doc values). Without one, a field filter never matches.
using FieldTest = std::function<bool(const FieldFilter&)>;

// Evaluates a query tree against one text at a time. Cheap to reuse: build
// once per query, call Matches for each candidate.
class Matcher {
 public:
  explicit Matcher(const Node& root);

  // Tokenizes only as far as needed to decide.
  bool Matches(std::string_view text, const FieldTest& fields = nullptr);
  // On a text already tokenized.
  bool Matches(const TokenBuffer& tokens, const FieldTest& fields = nullptr);

  // Spans of the positive (not negated) terms that take part in the match:
  // terms in subtrees that evaluated true. Sorted, overlaps merged. Empty if
  // the text does not match or the match rests on field filters and
  // negations only.
  std::vector<Span> Highlights(std::string_view text, const FieldTest& fields = nullptr);

 private:
  struct MNode {
    NodeKind kind;
    std::vector<int> children;
    int term = -1;   // index into terms_ (kTerm)
    int field = -1;  // index into fields_ (kField)
  };
  enum class Tri { kFalse, kTrue, kUnknown };
  int Compile(const Node& node);
  bool Eval(int node, std::vector<Span>* spans);
  // Three-valued: a term not seen yet is unknown until `final`.
  Tri Eval3(int node, bool final);
  bool TermState(int term);

  std::vector<MNode> nodes_;
  std::vector<Term> terms_;
  std::map<std::string, int> term_index_;
  // Terms by their last token (exact terms) and the prefix terms.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::vector<int>, Hash, std::equal_to<>> by_last_token_;
  std::vector<int> prefix_terms_;
  std::vector<FieldFilter> fields_;
  int root_ = 0;

  // Per-document state.
  const TokenBuffer* tokens_ = nullptr;
  const FieldTest* field_test_ = nullptr;
  std::vector<int8_t> term_state_;  // -1 unknown, 0 no, 1 yes
  TokenBuffer own_buffer_;
};

struct SnippetOptions {
  size_t context = 80;       // characters of context either side of a match
  size_t max_fragments = 4;  // matched regions shown, at most
  size_t lead = 160;         // characters shown when nothing is highlighted
};

// "... victim was [recorded] on [webcam] and ...": the text around each
// highlighted span, highlights in brackets, fragments joined by " ... ",
// whitespace runs (newlines too) shown as one space. Cuts fall on whole
// UTF-8 characters, and on word boundaries where one is near.
std::string Snippet(std::string_view text, std::vector<Span> highlights,
                    const SnippetOptions& options = {});

}  // namespace foidesk::query
