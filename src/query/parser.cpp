// Lexer and recursive-descent parser for the query language (parser.h).
// Errors name the column and what was expected, because the people typing
// these are FOI officers, not programmers: "unexpected token" is no help.
#include "query/parser.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "model/crime.h"
#include "query/text.h"

namespace foidesk::query {

std::string NormalizeName(std::string_view name) {
  std::string lowered;
  bool ascii = true;
  for (char c : name)
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  if (ascii) {
    for (char c : name) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    u.toLower(icu::Locale::getRoot());
    u.toUTF8String(lowered);
  }
  std::string out;
  for (char c : lowered) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string CanonicalOutcome(std::string_view type) {
  // Outcome types share the offence class shape (digits, then letters).
  return CanonicalOffence(std::string(type));
}

namespace {

enum class Tok { kWord, kPhrase, kField, kAnd, kOr, kNot, kLParen, kRParen, kEnd };

struct Lexeme {
  Tok kind = Tok::kEnd;
  int column = 0;
  Term term;           // kWord, kPhrase
  FieldFilter filter;  // kField
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string Got(std::string_view s) {
  if (s.empty()) return "nothing";
  return "'" + std::string(s) + "'";
}

constexpr const char* kDateRangeHint = "expected a date range like 2011-01-01..2015-12-31";

// A period written as one date form: its first and last day.
struct Period {
  Date first, last;
};

// Reads exactly n digits.
bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!IsDigit(s[pos + i])) return false;
    v = v * 10 + (s[pos + i] - '0');
  }
  out = v;
  return true;
}

// Parses 2014, 2014-06, 2014-06-03, 2014/15, 2014/2015. On a financial year
// whose second half does not follow the first, sets `fy_hint`.
std::optional<Period> ParsePeriod(std::string_view s, std::string& fy_hint) {
  int y = 0, m = 0, d = 0;
  if (!Digits(s, 0, 4, y) || y < 1) return std::nullopt;
  if (s.size() == 4) return Period{{y, 1, 1}, {y, 12, 31}};
  if (s[4] == '/') {
    int y2 = 0;
    bool ok = false;
    if (s.size() == 7 && Digits(s, 5, 2, y2))
      ok = y2 == (y + 1) % 100;
    else if (s.size() == 9 && Digits(s, 5, 4, y2))
      ok = y2 == y + 1;
    else
      return std::nullopt;
    if (!ok) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d/%02d", y, (y + 1) % 100);
      fy_hint = buf;
      return std::nullopt;
    }
    if (y >= 9999) return std::nullopt;
    return Period{{y, 4, 1}, {y + 1, 3, 31}};
  }
  if (s[4] != '-' || !Digits(s, 5, 2, m) || m < 1 || m > 12) return std::nullopt;
  if (s.size() == 7) return Period{{y, m, 1}, {y, m, DaysInMonth(y, m)}};
  if (s.size() != 10 || s[7] != '-' || !Digits(s, 8, 2, d) || !IsValidDate(y, m, d))
    return std::nullopt;
  return Period{{y, m, d}, {y, m, d}};
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  Result<std::vector<Lexeme>> Run() {
    std::vector<Lexeme> out;
    while (true) {
      while (i_ < s_.size() && IsSpace(s_[i_])) ++i_;
      Lexeme lx;
      lx.column = Column(i_);
      if (i_ >= s_.size()) {
        lx.kind = Tok::kEnd;
        out.push_back(std::move(lx));
        return out;
      }
      char c = s_[i_];
      if (c == '(' || c == ')') {
        lx.kind = c == '(' ? Tok::kLParen : Tok::kRParen;
        ++i_;
      } else if (c == '"') {
        auto st = LexPhrase(lx);
        if (!st.ok()) return st.error();
      } else {
        auto st = LexWord(lx);
        if (!st.ok()) return st.error();
      }
      out.push_back(std::move(lx));
    }
  }

 private:
  // 1-based column, counting characters, not bytes. Resumes from the last
  // position asked for, so lexing a long query stays linear.
  int Column(size_t byte) const {
    byte = std::min(byte, s_.size());
    if (byte < col_byte_) {
      col_byte_ = 0;
      col_ = 1;
    }
    for (; col_byte_ < byte; ++col_byte_)
      if ((static_cast<unsigned char>(s_[col_byte_]) & 0xC0) != 0x80) ++col_;
    return col_;
  }

  Error At(size_t byte, const std::string& what) const {
    return Error::InvalidInput("column " + std::to_string(Column(byte)) + ": " + what);
  }

  // Reads a quoted string starting at the '"' at i_; leaves i_ after the
  // closing quote.
  Result<std::string_view> Quoted() {
    size_t open = i_;
    size_t close = s_.find('"', open + 1);
    if (close == std::string_view::npos)
      return At(open, "unterminated quote: expected a closing '\"'");
    i_ = close + 1;
    return s_.substr(open + 1, close - open - 1);
  }

  Status LexPhrase(Lexeme& lx) {
    size_t open = i_;
    auto body = Quoted();
    if (!body.ok()) return body.error();
    std::string_view text = *body;
    bool prefix = false;
    // "video cam*" and "video cam"* both ask for a prefix on the last word.
    if (!text.empty() && text.back() == '*') {
      prefix = true;
      text.remove_suffix(1);
    }
    if (i_ < s_.size() && s_[i_] == '*') {
      prefix = true;
      ++i_;
    }
    lx.kind = Tok::kPhrase;
    lx.term.tokens = FoldedTokens(text);
    lx.term.prefix = prefix;
    if (lx.term.tokens.empty()) return At(open, "empty phrase: expected words between the quotes");
    return {};
  }

  Status LexWord(Lexeme& lx) {
    size_t start = i_;
    while (i_ < s_.size() && !IsSpace(s_[i_]) && s_[i_] != '(' && s_[i_] != ')' && s_[i_] != '"')
      ++i_;
    std::string_view word = s_.substr(start, i_ - start);
    if (word == "AND" || word == "OR" || word == "NOT") {
      lx.kind = word == "AND" ? Tok::kAnd : word == "OR" ? Tok::kOr : Tok::kNot;
      return {};
    }
    // name: introduces a field filter.
    size_t name_end = 0;
    while (name_end < word.size() && (IsAlpha(word[name_end]) || word[name_end] == '_')) ++name_end;
    if (name_end > 0 && name_end < word.size() && word[name_end] == ':')
      return LexField(lx, start, word.substr(0, name_end), start + name_end + 1);

    if (word.front() == '-')
      return At(start, "'" + std::string(word) +
                           "': use NOT to leave out a word ('-' is not an operator)");
    bool prefix = false;
    std::string_view body = word;
    if (body.back() == '*') {
      prefix = true;
      body.remove_suffix(1);
    }
    if (size_t star = body.find('*'); star != std::string_view::npos)
      return At(start + star, "'*' must end a word, as in web* (prefix search)");
    lx.kind = Tok::kWord;
    lx.term.tokens = FoldedTokens(body);
    lx.term.prefix = prefix;
    if (lx.term.tokens.empty())
      return At(start, "'" + std::string(word) + "' has no letters or digits to search for");
    return {};
  }

  Status LexField(Lexeme& lx, size_t start, std::string_view raw_name, size_t value_at) {
    std::string name;
    for (char c : raw_name) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Field field;
    if (name == "offence")
      field = Field::kOffence;
    else if (name == "recorded")
      field = Field::kRecorded;
    else if (name == "source")
      field = Field::kSource;
    else if (name == "outcome")
      field = Field::kOutcome;
    else if (name == "town")
      field = Field::kTown;
    else
      return At(start, "unknown field '" + std::string(raw_name) +
                           "': expected offence, recorded, source, outcome or town "
                           "(put text containing ':' in quotes)");
    std::string_view value;
    size_t value_start = value_at;
    if (value_at == i_ && i_ < s_.size() && s_[i_] == '"') {
      value_start = i_ + 1;
      auto q = Quoted();
      if (!q.ok()) return q.error();
      value = *q;
    } else {
      value = s_.substr(value_at, i_ - value_at);
    }
    lx.kind = Tok::kField;
    lx.filter.field = field;
    if (field == Field::kRecorded) return RecordedValue(lx.filter, value, value_start);
    return ListValue(lx.filter, value, value_start);
  }

  Status RecordedValue(FieldFilter& f, std::string_view v, size_t at) {
    std::string fy_hint;
    auto bad = [&](std::string_view part, size_t part_at) {
      if (!fy_hint.empty())
        return At(part_at, "recorded: " + std::string(part) +
                               " is not a financial year (did you mean " + fy_hint + "?)");
      return At(part_at, std::string("recorded: ") + kDateRangeHint + ", got " + Got(part));
    };
    size_t dots = v.find("..");
    if (dots == std::string_view::npos) {
      auto p = ParsePeriod(v, fy_hint);
      if (!p) return bad(v, at);
      f.from = p->first;
      f.to = p->last;
      return {};
    }
    std::string_view left = v.substr(0, dots), right = v.substr(dots + 2);
    if (left.empty() && right.empty()) return bad(v, at);
    if (!left.empty()) {
      auto p = ParsePeriod(left, fy_hint);
      if (!p) return bad(left, at);
      f.from = p->first;
    }
    if (!right.empty()) {
      auto p = ParsePeriod(right, fy_hint);
      if (!p) return bad(right, at + dots + 2);
      f.to = p->last;
    }
    if (f.from && f.to && *f.to < *f.from)
      return At(at, "recorded: the range " + std::string(v) + " ends before it starts");
    return {};
  }

  Status ListValue(FieldFilter& f, std::string_view v, size_t at) {
    const char* hint = "";
    switch (f.field) {
      case Field::kOffence:
        hint = "offence: expected an offence class like 71 or 8N";
        break;
      case Field::kSource:
        hint = "source: expected a source name like crs or rms";
        break;
      case Field::kOutcome:
        hint = "outcome: expected an outcome type like 18 or 1A, or open";
        break;
      case Field::kTown:
        hint = "town: expected a town name like norwich or \"great yarmouth\"";
        break;
      case Field::kRecorded:
        break;
    }
    size_t pos = 0;
    while (true) {
      size_t comma = v.find(',', pos);
      std::string_view item =
          v.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
      size_t item_at = at + pos;
      // Trim spaces inside a quoted list ("crs, rms").
      while (!item.empty() && IsSpace(item.front())) {
        item.remove_prefix(1);
        ++item_at;
      }
      while (!item.empty() && IsSpace(item.back())) item.remove_suffix(1);
      auto fail = [&] { return At(item_at, std::string(hint) + ", got " + Got(item)); };
      if (item.empty()) return fail();
      switch (f.field) {
        case Field::kOffence:
        case Field::kOutcome: {
          std::string lower;
          for (char c : item)
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (f.field == Field::kOutcome && lower == "open") {
            f.values.push_back("");
            break;
          }
          // Digits, then letters: 71, 008N, 105A, 1A.
          size_t k = 0;
          while (k < item.size() && IsDigit(item[k])) ++k;
          if (k == 0) return fail();
          while (k < item.size() && IsAlpha(item[k])) ++k;
          if (k != item.size()) return fail();
          f.values.push_back(CanonicalOffence(std::string(item)));
          break;
        }
        case Field::kSource: {
          for (char c : item)
            if (!IsAlpha(c) && !IsDigit(c) && c != '-' && c != '_' && c != '.') return fail();
          f.values.push_back(NormalizeName(item));
          break;
        }
        case Field::kTown:
          f.values.push_back(NormalizeName(item));
          break;
        case Field::kRecorded:
          break;
      }
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
    return {};
  }

  std::string_view s_;
  size_t i_ = 0;
  mutable size_t col_byte_ = 0;
  mutable int col_ = 1;
};

constexpr const char* kExpectedPrimary = "expected a term, phrase, field filter or '('";

class Parser {
 public:
  explicit Parser(std::vector<Lexeme> lexemes) : lx_(std::move(lexemes)) {}

  Result<Node> Run() {
    if (Peek().kind == Tok::kEnd)
      return Error::InvalidInput(std::string("column 1: empty query: ") + kExpectedPrimary);
    auto root = ParseOr(nullptr);
    if (!root.ok()) return root;
    if (Peek().kind == Tok::kRParen) return Fail(Peek(), "unmatched ')': no '(' before it");
    if (Peek().kind != Tok::kEnd) return Fail(Peek(), "expected the end of the query");
    return root;
  }

 private:
  const Lexeme& Peek() const { return lx_[pos_]; }
  Lexeme& Take() { return lx_[pos_++]; }

  static Error Fail(const Lexeme& at, const std::string& what) {
    return Error::InvalidInput("column " + std::to_string(at.column) + ": " + what);
  }

  static std::string Describe(Tok t) {
    switch (t) {
      case Tok::kAnd:
        return "AND";
      case Tok::kOr:
        return "OR";
      case Tok::kNot:
        return "NOT";
      case Tok::kLParen:
        return "'('";
      case Tok::kRParen:
        return "')'";
      default:
        return "";
    }
  }

  static bool StartsUnary(Tok t) {
    return t == Tok::kWord || t == Tok::kPhrase || t == Tok::kField || t == Tok::kNot ||
           t == Tok::kLParen;
  }

  // `after` names the operator or bracket just read, for error messages.
  Result<Node> ParseOr(const char* after) {
    int column = Peek().column;
    std::vector<Node> parts;
    auto first = ParseAnd(after);
    if (!first.ok()) return first;
    parts.push_back(std::move(*first));
    while (Peek().kind == Tok::kOr) {
      Take();
      auto next = ParseAnd("OR");
      if (!next.ok()) return next;
      parts.push_back(std::move(*next));
    }
    return Node::MakeBool(NodeKind::kOr, std::move(parts), column);
  }

  Result<Node> ParseAnd(const char* after) {
    int column = Peek().column;
    std::vector<Node> parts;
    auto first = ParseUnary(after);
    if (!first.ok()) return first;
    parts.push_back(std::move(*first));
    while (Peek().kind == Tok::kAnd || StartsUnary(Peek().kind)) {
      const char* op = nullptr;
      if (Peek().kind == Tok::kAnd) {
        Take();
        op = "AND";
      }
      auto next = ParseUnary(op);
      if (!next.ok()) return next;
      parts.push_back(std::move(*next));
    }
    return Node::MakeBool(NodeKind::kAnd, std::move(parts), column);
  }

  // Bounds recursion, so a hostile query cannot exhaust the stack.
  static constexpr int kMaxDepth = 100;

  Status Deeper(const Lexeme& at) {
    if (++depth_ > kMaxDepth)
      return Fail(at, "too deeply nested: at most " + std::to_string(kMaxDepth) +
                          " levels of brackets and NOT");
    return {};
  }

  Result<Node> ParseUnary(const char* after) {
    if (Peek().kind == Tok::kNot) {
      if (auto st = Deeper(Peek()); !st.ok()) return st.error();
      int column = Take().column;
      auto child = ParseUnary("NOT");
      --depth_;
      if (!child.ok()) return child;
      return Node::MakeNot(std::move(*child), column);
    }
    return ParsePrimary(after);
  }

  Result<Node> ParsePrimary(const char* after) {
    const Lexeme& t = Peek();
    switch (t.kind) {
      case Tok::kWord:
      case Tok::kPhrase: {
        Lexeme& l = Take();
        return Node::MakeTerm(std::move(l.term), l.column);
      }
      case Tok::kField: {
        Lexeme& l = Take();
        return Node::MakeField(std::move(l.filter), l.column);
      }
      case Tok::kLParen: {
        if (auto st = Deeper(t); !st.ok()) return st.error();
        const Lexeme& open = Take();
        int open_column = open.column;
        auto inner = ParseOr("'('");
        if (!inner.ok()) return inner;
        if (Peek().kind != Tok::kRParen) {
          std::string what =
              "expected ')' to close the '(' at column " + std::to_string(open_column);
          return Fail(Peek(), what);
        }
        Take();
        --depth_;
        return inner;
      }
      default: {
        std::string what = kExpectedPrimary;
        if (after) what += std::string(" after ") + after;
        if (t.kind != Tok::kEnd) what += ", got " + Describe(t.kind);
        return Fail(t, what);
      }
    }
  }

  std::vector<Lexeme> lx_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Result<Query> ParseQuery(std::string_view text) {
  auto lexemes = Lexer(text).Run();
  if (!lexemes.ok()) return lexemes.error();
  auto root = Parser(std::move(*lexemes)).Run();
  if (!root.ok()) return root.error();
  return Query{std::string(text), std::move(*root)};
}

}  // namespace foidesk::query
