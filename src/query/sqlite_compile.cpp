// Text sub-query -> FTS5 MATCH expression. The tokens in the tree are
// already folded the way unicode61 folds them, and FTS5 tokenizes quoted
// strings again with the same tokenizer, so quoting them is lossless.
#include "query/sqlite_compile.h"

namespace foidesk::query {
namespace {

std::string Quote(const Term& term) {
  std::string out = "\"";
  for (size_t i = 0; i < term.tokens.size(); ++i) {
    if (i) out += ' ';
    for (char c : term.tokens[i]) {
      if (c == '"') out += '"';  // FTS5 escapes a quote by doubling it
      out += c;
    }
  }
  out += '"';
  if (term.prefix) out += " *";
  return out;
}

// Operands of AND/OR/NOT are bracketed unless they are single terms, so
// FTS5's own precedence never matters.
std::string Operand(const Node& node, std::string compiled) {
  if (node.kind == NodeKind::kTerm) return compiled;
  return "(" + compiled + ")";
}

bool Compilable(const Node& node) {
  switch (node.kind) {
    case NodeKind::kTerm:
      return !node.term.tokens.empty();
    case NodeKind::kField:
    case NodeKind::kNot:
      return false;
    case NodeKind::kOr:
      for (const auto& c : node.children)
        if (!Compilable(c)) return false;
      return true;
    case NodeKind::kAnd: {
      bool positive = false;
      for (const auto& c : node.children) {
        if (c.kind == NodeKind::kNot) {
          if (!Compilable(c.children.front())) return false;
        } else {
          if (!Compilable(c)) return false;
          positive = true;
        }
      }
      return positive;
    }
  }
  return false;
}

std::string Emit(const Node& node) {
  switch (node.kind) {
    case NodeKind::kTerm:
      return Quote(node.term);
    case NodeKind::kOr: {
      std::string out;
      for (const auto& c : node.children) {
        if (!out.empty()) out += " OR ";
        out += Operand(c, Emit(c));
      }
      return out;
    }
    case NodeKind::kAnd: {
      std::vector<const Node*> pos, neg;
      for (const auto& c : node.children) {
        if (c.kind == NodeKind::kNot)
          neg.push_back(&c.children.front());
        else
          pos.push_back(&c);
      }
      std::string p;
      for (const Node* c : pos) {
        if (!p.empty()) p += " AND ";
        p += Operand(*c, Emit(*c));
      }
      if (neg.empty()) return p;
      std::string n;
      for (const Node* c : neg) {
        if (!n.empty()) n += " OR ";
        n += Operand(*c, Emit(*c));
      }
      if (pos.size() > 1) p = "(" + p + ")";
      if (neg.size() > 1) n = "(" + n + ")";
      return p + " NOT " + n;
    }
    case NodeKind::kField:
    case NodeKind::kNot:
      break;
  }
  return "";
}

}  // namespace

bool Fts5Compiler::CanCompile(const Node& node) const { return Compilable(node); }

Result<std::string> Fts5Compiler::Compile(const Node& node) const {
  if (!Compilable(node))
    return Error::Internal("query cannot be compiled to FTS5 alone: " + ToString(node));
  return Emit(node);
}

bool CanCompileFts5(const Node& node) { return Compilable(node); }

Result<std::string> CompileFts5(const Node& node) { return Fts5Compiler().Compile(node); }

}  // namespace foidesk::query
