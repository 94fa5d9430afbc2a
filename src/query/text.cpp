// The FTS5-compatible tokenizer, the per-document matcher and snippets.
// Agreement with SQLite's unicode61 (fts5_tokenize.c) is what matters here:
// the planner may answer one query through the index and the next through
// this code, and an FOI count must not depend on which path ran.
#include "query/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace foidesk::query {
namespace {

// The Unicode version of SQLite's FTS5 character tables (fts5_unicode2.c).
constexpr int kSqliteUnicodeMajor = 6;
constexpr int kSqliteUnicodeMinor = 1;

enum CharKind : uint8_t {
  kSeparator = 0,
  kTokenChar = 1,  // starts or continues a token
  kDiacritic = 2,  // continues a token, then dropped
};

struct CharClass {
  UChar32 fold = 0;  // folded code point (kTokenChar only)
  CharKind kind = kSeparator;
};

// SQLite's sqlite3Fts5UnicodeIsdiacritic: the combining marks that continue
// a token (and are then removed) rather than end it. Not every Mn character
// qualifies, only these, so the same bit masks are used here.
bool SqliteIsDiacritic(UChar32 c) {
  constexpr uint32_t kMask0 = 0x08029FDF;
  constexpr uint32_t kMask1 = 0x000361F8;
  if (c < 768 || c > 817) return false;
  return c < 768 + 32 ? (kMask0 & (1u << (c - 768))) != 0 : (kMask1 & (1u << (c - 768 - 32))) != 0;
}

// remove_diacritics=2 maps a letter whose canonical decomposition is an
// ASCII letter plus combining marks to that letter (é, ǖ, ẽ -> e, u, e);
// letters without such a decomposition (ø, ß, ł) stay as they are.
UChar32 RemoveDiacritic(UChar32 c) {
  if (c < 0x80) return c;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || nfd == nullptr) return c;
  icu::UnicodeString d;
  if (!nfd->getDecomposition(c, d) || d.length() < 2) return c;
  UChar32 base = d.char32At(0);
  if (base >= 0x80 || !((base >= 'a' && base <= 'z') || (base >= 'A' && base <= 'Z'))) return c;
  for (int32_t i = U16_LENGTH(base); i < d.length();) {
    UChar32 m = d.char32At(i);
    if (u_charType(m) != U_NON_SPACING_MARK) return c;
    i += U16_LENGTH(m);
  }
  return base | 0x20;  // lower case: U+0130 (İ) folds to "i"
}

// Characters whose general category changed after Unicode 6.1, and two that
// SQLite's diacritic table leaves alone; found by comparing every code
// point with SQLite 3.40.1's tokenizer.
bool SqliteException(UChar32 c, CharClass& out) {
  if (c == 0x1E0 || c == 0x1E1) {
    out = {0x1E1, kTokenChar};
    return true;
  }
  if (c == 0x1885 || c == 0x1886) {
    out = {c, kTokenChar};
    return true;
  }
  if ((c >= 0x19B0 && c <= 0x19C0) || c == 0x19C8 || c == 0x19C9 || c == 0x1CF2 || c == 0x1CF3 ||
      c == 0xFFFE || c == 0xFFFF) {
    out = {0, kSeparator};
    return true;
  }
  return false;
}

CharClass ComputeClass(UChar32 c) {
  if (SqliteIsDiacritic(c)) return {0, kDiacritic};
  if (CharClass exception; SqliteException(c, exception)) return exception;
  // A character assigned after SQLite's Unicode version is unassigned to
  // SQLite, and unassigned code points (Cn) are token characters there,
  // kept as they are; so here too.
  UVersionInfo age;
  u_charAge(c, age);
  if (age[0] > kSqliteUnicodeMajor ||
      (age[0] == kSqliteUnicodeMajor && age[1] > kSqliteUnicodeMinor))
    return {c, kTokenChar};
  uint32_t mask = U_MASK(u_charType(c));
  if ((mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK | U_GC_CN_MASK)) == 0)
    return {0, kSeparator};
  // Simple case folding, not lower-casing: SQLite folds µ to μ and ſ to s.
  return {RemoveDiacritic(u_foldCase(c, U_FOLD_CASE_DEFAULT)), kTokenChar};
}

// Classes of the first code points (Latin, Greek, Cyrillic, ... up to the
// CJK blocks) are computed once; the rest are rare enough to ask ICU each
// time.
constexpr UChar32 kTableSize = 0x3400;

const std::vector<CharClass>& ClassTable() {
  static const std::vector<CharClass>* table = [] {
    auto* t = new std::vector<CharClass>(kTableSize);
    for (UChar32 c = 0; c < kTableSize; ++c) (*t)[c] = ComputeClass(c);
    return t;
  }();
  return *table;
}

inline CharClass Classify(UChar32 c) {
  if (c < kTableSize) return ClassTable()[c];
  return ComputeClass(c);
}

// ASCII fast path: the folded byte of a token character, 0 for a separator
// (and for bytes >= 0x80, which take the slow path).
struct AsciiTable {
  char fold[256] = {};
  constexpr AsciiTable() {
    for (int c = '0'; c <= '9'; ++c) fold[c] = static_cast<char>(c);
    for (int c = 'a'; c <= 'z'; ++c) fold[c] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) fold[c] = static_cast<char>(c + 32);
  }
};
constexpr AsciiTable kAscii;

// Walks the tokens of `text`, appending each token's folded bytes to
// `folded` and then calling emit(begin, end, folded_begin, folded_end),
// which returns false to stop early.
// This mirrors fts5UnicodeTokenize: skip separators, then take token
// characters (and, inside a token, diacritics) until a separator.
template <typename Emit>
void Scan(std::string_view text, std::string& folded, Emit emit) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  // A folded character takes at most 1.5 times its bytes (U+023A, 2 bytes,
  // folds to U+2C65, 3 bytes), so twice the text always fits.
  const size_t base = folded.size();
  folded.resize(base + 2 * text.size() + 8);
  char* out = folded.data();
  size_t w = base;
  int32_t i = 0;
  while (i < n) {
    // Skip separators up to the first token character.
    int32_t start = -1;
    while (i < n) {
      if (s[i] < 0x80) {
        if (kAscii.fold[s[i]]) {
          start = i;
          break;
        }
        ++i;
        continue;
      }
      int32_t at = i;
      UChar32 c;
      U8_NEXT(s, i, n, c);
      if (c >= 0 && Classify(c).kind == kTokenChar) {
        start = at;
        i = at;
        break;
      }
    }
    if (start < 0) break;
    const size_t fold_begin = w;
    while (i < n) {
      char f = kAscii.fold[s[i]];
      if (f) {
        out[w++] = f;
        ++i;
        continue;
      }
      if (s[i] < 0x80) break;  // an ASCII separator
      int32_t at = i;
      UChar32 c;
      U8_NEXT(s, i, n, c);
      CharClass cls = c >= 0 ? Classify(c) : CharClass{};
      if (cls.kind == kSeparator) {
        i = at;
        break;
      }
      if (cls.kind == kTokenChar) {
        int32_t len = static_cast<int32_t>(w);
        // Folds are valid scalar values and the buffer has room: no error.
        U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(out), len, cls.fold);
        w = static_cast<size_t>(len);
      }
    }
    if (!emit(static_cast<size_t>(start), static_cast<size_t>(i), fold_begin, w)) break;
  }
  folded.resize(w);
}

}  // namespace

std::vector<TextToken> Tokenize(std::string_view text) {
  std::vector<TextToken> out;
  std::string folded;
  Scan(text, folded, [&](size_t b, size_t e, size_t fb, size_t fe) {
    out.push_back(TextToken{std::string(), b, e});
    out.back().text.assign(folded.data() + fb, fe - fb);
    return true;
  });
  return out;
}

std::vector<std::string> FoldedTokens(std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : Tokenize(text)) out.push_back(std::move(t.text));
  return out;
}

void TokenBuffer::Reset(std::string_view text) {
  folded_.clear();
  tokens_.clear();
  Scan(text, folded_, [&](size_t b, size_t e, size_t fb, size_t fe) {
    tokens_.push_back(Entry{static_cast<uint32_t>(b), static_cast<uint32_t>(e),
                            static_cast<uint32_t>(fb), static_cast<uint32_t>(fe - fb)});
    return true;
  });
}

void TokenBuffer::Reset(std::string_view text, const std::function<bool(size_t)>& on_token) {
  folded_.clear();
  tokens_.clear();
  Scan(text, folded_, [&](size_t b, size_t e, size_t fb, size_t fe) {
    tokens_.push_back(Entry{static_cast<uint32_t>(b), static_cast<uint32_t>(e),
                            static_cast<uint32_t>(fb), static_cast<uint32_t>(fe - fb)});
    return on_token(tokens_.size() - 1);
  });
}

namespace {

// Whether the term's tokens occur at position i.
inline bool MatchesAt(const TokenBuffer& tokens, const Term& term, size_t i) {
  const size_t k = term.tokens.size();
  if (i + k > tokens.size()) return false;
  for (size_t j = 0; j < k; ++j) {
    std::string_view tok = tokens.token(i + j);
    const std::string& want = term.tokens[j];
    if (term.prefix && j + 1 == k) {
      if (tok.size() < want.size() || tok.compare(0, want.size(), want) != 0) return false;
    } else if (tok != want) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool TermMatches(const TokenBuffer& tokens, const Term& term) {
  if (term.tokens.empty()) return false;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (MatchesAt(tokens, term, i)) return true;
  return false;
}

void TermSpans(const TokenBuffer& tokens, const Term& term, std::vector<Span>& out) {
  if (term.tokens.empty()) return;
  const size_t k = term.tokens.size();
  for (size_t i = 0; i < tokens.size(); ++i)
    if (MatchesAt(tokens, term, i)) out.push_back(Span{tokens.begin(i), tokens.end(i + k - 1)});
}

Matcher::Matcher(const Node& root) {
  root_ = Compile(root);
  term_index_.clear();  // only needed while compiling
  // The streaming matcher looks terms up by the token that completes them:
  // exact last tokens by hash, prefixes by a (short) list.
  for (size_t t = 0; t < terms_.size(); ++t) {
    const Term& term = terms_[t];
    if (term.tokens.empty()) continue;
    if (term.prefix)
      prefix_terms_.push_back(static_cast<int>(t));
    else
      by_last_token_[term.tokens.back()].push_back(static_cast<int>(t));
  }
}

int Matcher::Compile(const Node& node) {
  MNode m{node.kind, {}, -1, -1};
  if (node.kind == NodeKind::kTerm) {
    // Equal terms share one slot, so "video OR (video AND web)" tests
    // "video" once per document.
    std::string key(node.term.prefix ? "*" : "=");
    for (const auto& t : node.term.tokens) key += t + '\0';
    auto [it, added] = term_index_.emplace(std::move(key), static_cast<int>(terms_.size()));
    if (added) terms_.push_back(node.term);
    m.term = it->second;
  } else if (node.kind == NodeKind::kField) {
    m.field = static_cast<int>(fields_.size());
    fields_.push_back(node.filter);
  } else {
    for (const auto& c : node.children) m.children.push_back(Compile(c));
  }
  nodes_.push_back(std::move(m));
  return static_cast<int>(nodes_.size()) - 1;
}

bool Matcher::TermState(int term) {
  int8_t& s = term_state_[term];
  if (s < 0) s = TermMatches(*tokens_, terms_[term]) ? 1 : 0;
  return s == 1;
}

bool Matcher::Eval(int index, std::vector<Span>* spans) {
  const MNode& n = nodes_[index];
  switch (n.kind) {
    case NodeKind::kTerm: {
      bool yes = TermState(n.term);
      if (yes && spans) TermSpans(*tokens_, terms_[n.term], *spans);
      return yes;
    }
    case NodeKind::kField:
      return field_test_ && *field_test_ && (*field_test_)(fields_[n.field]);
    case NodeKind::kNot:
      // Negated terms are never highlighted: they are what is absent.
      return !Eval(n.children.front(), nullptr);
    case NodeKind::kAnd: {
      size_t mark = spans ? spans->size() : 0;
      for (int c : n.children) {
        if (!Eval(c, spans)) {
          if (spans) spans->resize(mark);
          return false;
        }
      }
      return true;
    }
    case NodeKind::kOr: {
      bool any = false;
      for (int c : n.children) {
        if (Eval(c, spans)) {
          any = true;
          if (!spans) return true;  // highlighting wants every true branch
        }
      }
      return any;
    }
  }
  return false;
}

bool Matcher::Matches(const TokenBuffer& tokens, const FieldTest& fields) {
  tokens_ = &tokens;
  field_test_ = &fields;
  term_state_.assign(terms_.size(), -1);
  bool yes = Eval(root_, nullptr);
  tokens_ = nullptr;
  field_test_ = nullptr;
  return yes;
}

Matcher::Tri Matcher::Eval3(int index, bool final) {
  const MNode& n = nodes_[index];
  switch (n.kind) {
    case NodeKind::kTerm:
      if (term_state_[n.term] == 1) return Tri::kTrue;
      return final ? Tri::kFalse : Tri::kUnknown;
    case NodeKind::kField:
      return field_test_ && *field_test_ && (*field_test_)(fields_[n.field]) ? Tri::kTrue
                                                                             : Tri::kFalse;
    case NodeKind::kNot: {
      Tri t = Eval3(n.children.front(), final);
      return t == Tri::kUnknown ? t : t == Tri::kTrue ? Tri::kFalse : Tri::kTrue;
    }
    case NodeKind::kAnd: {
      Tri out = Tri::kTrue;
      for (int c : n.children) {
        Tri t = Eval3(c, final);
        if (t == Tri::kFalse) return t;
        if (t == Tri::kUnknown) out = t;
      }
      return out;
    }
    case NodeKind::kOr: {
      Tri out = Tri::kFalse;
      for (int c : n.children) {
        Tri t = Eval3(c, final);
        if (t == Tri::kTrue) return t;
        if (t == Tri::kUnknown) out = t;
      }
      return out;
    }
  }
  return Tri::kFalse;
}

bool Matcher::Matches(std::string_view text, const FieldTest& fields) {
  // Streaming: terms only ever go from absent to present as tokens arrive,
  // so the answer is often settled before the end of the text (the first
  // "video" settles video OR web*; a false field filter settles an AND
  // before any token). Most texts the scan path reads do match, so this
  // roughly halves its tokenizing.
  field_test_ = &fields;
  term_state_.assign(terms_.size(), 0);
  Tri result = Eval3(root_, false);
  if (result == Tri::kUnknown) {
    own_buffer_.Reset(text, [&](size_t i) {
      bool changed = false;
      // Whether term t ends at token i.
      auto check = [&](int t) {
        if (term_state_[t]) return;
        size_t k = terms_[t].tokens.size();
        if (i + 1 >= k && MatchesAt(own_buffer_, terms_[t], i + 1 - k)) {
          term_state_[t] = 1;
          changed = true;
        }
      };
      if (!by_last_token_.empty()) {
        auto it = by_last_token_.find(own_buffer_.token(i));
        if (it != by_last_token_.end())
          for (int t : it->second) check(t);
      }
      for (int t : prefix_terms_) check(t);
      if (changed) result = Eval3(root_, false);
      return result == Tri::kUnknown;
    });
    if (result == Tri::kUnknown) result = Eval3(root_, true);
  }
  field_test_ = nullptr;
  return result == Tri::kTrue;
}

std::vector<Span> Matcher::Highlights(std::string_view text, const FieldTest& fields) {
  own_buffer_.Reset(text);
  tokens_ = &own_buffer_;
  field_test_ = &fields;
  term_state_.assign(terms_.size(), -1);
  std::vector<Span> spans;
  if (!Eval(root_, &spans)) spans.clear();
  tokens_ = nullptr;
  field_test_ = nullptr;
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
  });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

// --- Snippets.

namespace {

inline bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
inline bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

// Moves to the start of the UTF-8 character holding byte `pos`.
size_t CharStart(std::string_view s, size_t pos) {
  pos = std::min(pos, s.size());
  while (pos > 0 && pos < s.size() && IsContinuation(s[pos])) --pos;
  return pos;
}

size_t BackChars(std::string_view s, size_t pos, size_t n) {
  while (pos > 0 && n > 0) {
    --pos;
    while (pos > 0 && IsContinuation(s[pos])) --pos;
    --n;
  }
  return pos;
}

size_t ForwardChars(std::string_view s, size_t pos, size_t n) {
  while (pos < s.size() && n > 0) {
    ++pos;
    while (pos < s.size() && IsContinuation(s[pos])) ++pos;
    --n;
  }
  return pos;
}

// Appends s[from, to) with whitespace runs shown as single spaces.
void AppendText(std::string& out, std::string_view s, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (IsSpace(s[i])) {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else {
      out += s[i];
    }
  }
}

}  // namespace

std::string Snippet(std::string_view text, std::vector<Span> spans, const SnippetOptions& options) {
  // Clamp spans to the text and to whole characters, then merge.
  for (Span& sp : spans) {
    sp.begin = CharStart(text, std::min(sp.begin, text.size()));
    sp.end = std::min(std::max(sp.end, sp.begin), text.size());
    if (sp.end < text.size()) sp.end = CharStart(text, sp.end);
  }
  spans.erase(
      std::remove_if(spans.begin(), spans.end(), [](const Span& s) { return s.begin >= s.end; }),
      spans.end());
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }

  struct Window {
    size_t begin, end;
    std::vector<Span> spans;
  };
  std::vector<Window> windows;
  if (merged.empty()) {
    windows.push_back({0, ForwardChars(text, 0, options.lead), {}});
  } else {
    for (const Span& s : merged) {
      size_t b = BackChars(text, s.begin, options.context);
      size_t e = ForwardChars(text, s.end, options.context);
      if (!windows.empty() && b <= windows.back().end) {
        windows.back().end = std::max(windows.back().end, e);
        windows.back().spans.push_back(s);
      } else {
        if (windows.size() == options.max_fragments) break;
        windows.push_back({b, e, {s}});
      }
    }
  }

  std::string out;
  for (size_t w = 0; w < windows.size(); ++w) {
    Window& win = windows[w];
    size_t first = win.spans.empty() ? win.end : win.spans.front().begin;
    size_t last = win.spans.empty() ? win.begin : win.spans.back().end;
    // Cut at word boundaries when the cut would split a word: start after
    // the first space, end before the last one, never inside a highlight.
    if (win.begin > 0 && !IsSpace(text[win.begin - 1])) {
      for (size_t i = win.begin; i < first; ++i)
        if (IsSpace(text[i])) {
          win.begin = i + 1;
          break;
        }
    }
    if (win.end < text.size() && !IsSpace(text[win.end])) {
      for (size_t i = win.end; i > last; --i)
        if (IsSpace(text[i - 1])) {
          win.end = i - 1;
          break;
        }
    }
    if (w == 0 && win.begin > 0) out += "... ";
    if (w > 0) out += " ... ";
    std::string frag;
    size_t at = win.begin;
    for (const Span& s : win.spans) {
      AppendText(frag, text, at, s.begin);
      frag += '[';
      AppendText(frag, text, s.begin, s.end);
      frag += ']';
      at = s.end;
    }
    AppendText(frag, text, at, win.end);
    size_t a = frag.find_first_not_of(' ');
    size_t z = frag.find_last_not_of(' ');
    if (a != std::string::npos) out.append(frag, a, z - a + 1);
  }
  if (!windows.empty() && windows.back().end < text.size()) out += " ...";
  return out;
}

}  // namespace foidesk::query
