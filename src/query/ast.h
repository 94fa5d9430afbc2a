// The syntax tree of a foidesk search query: boolean operators over text
// terms (words, prefixes, phrases) and field filters (offence, recorded,
// source, outcome, town). Produced by ParseQuery (parser.h), evaluated by
// the Searcher (searcher.h), compiled per backend (sqlite_compile.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/date.h"

namespace foidesk::query {

enum class NodeKind {
  kAnd,    // all children match (n-ary, at least two children)
  kOr,     // any child matches (n-ary, at least two children)
  kNot,    // the single child does not match
  kTerm,   // a text term: word, prefix or phrase
  kField,  // a field filter
};

// A text term, already folded by the text tokenizer (text.h), so both the
// index and the scan matcher see the same tokens. One token is a word; more
// than one is a phrase (consecutive tokens). With `prefix`, the last token
// matches any token that starts with it ("web*" matches "webcam").
struct Term {
  std::vector<std::string> tokens;
  bool prefix = false;

  bool IsPhrase() const { return tokens.size() > 1; }
  friend bool operator==(const Term&, const Term&) = default;
};

enum class Field { kOffence, kRecorded, kSource, kOutcome, kTown };

// Name as written in queries ("offence").
const char* FieldName(Field field);

// A field filter. `values` are canonical: offence classes as
// CanonicalOffence gives them ("71", "8N"), outcome types upper-case with
// "" for open crimes, sources and towns lower case with single spaces.
// For kRecorded, `from`/`to` bound the recorded date (inclusive; absent =
// open end) and `values` is empty.
struct FieldFilter {
  Field field = Field::kOffence;
  std::vector<std::string> values;
  std::optional<Date> from;
  std::optional<Date> to;

  friend bool operator==(const FieldFilter&, const FieldFilter&) = default;
};

struct Node {
  NodeKind kind = NodeKind::kTerm;
  std::vector<Node> children;  // kAnd, kOr: two or more; kNot: exactly one
  Term term;                   // kTerm only
  FieldFilter filter;          // kField only
  int column = 0;              // 1-based column in the query text (0 if synthetic)

  static Node MakeTerm(Term term, int column = 0);
  static Node MakeField(FieldFilter filter, int column = 0);
  static Node MakeNot(Node child, int column = 0);
  // Builds kAnd/kOr; flattens nested nodes of the same kind and returns a
  // single child unchanged.
  static Node MakeBool(NodeKind kind, std::vector<Node> children, int column = 0);
};

// A parsed query: the text as given and its tree.
struct Query {
  std::string text;
  Node root;
};

// True if the subtree contains a text term / a field filter.
bool HasText(const Node& node);
bool HasField(const Node& node);
// A subtree of text terms and boolean operators only.
inline bool IsPureText(const Node& node) { return !HasField(node); }
// A subtree of field filters and boolean operators only.
inline bool IsPureField(const Node& node) { return !HasText(node); }

// Canonical one-line form, fully parenthesised, for tests, logs and the
// manifest: (AND offence:71 (OR "video" "web"* "photo"*)).
std::string ToString(const Node& node);

// The tree written back in the query language, which ParseQuery reads to
// the same tree: offence:71 ("video" OR "web"*).
std::string ToQueryText(const Node& node);

}  // namespace foidesk::query
