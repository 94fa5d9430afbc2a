// Query tree construction helpers and the canonical printed form.
#include "query/ast.h"

#include <utility>

namespace foidesk::query {

const char* FieldName(Field field) {
  switch (field) {
    case Field::kOffence:
      return "offence";
    case Field::kRecorded:
      return "recorded";
    case Field::kSource:
      return "source";
    case Field::kOutcome:
      return "outcome";
    case Field::kTown:
      return "town";
  }
  return "?";
}

Node Node::MakeTerm(Term term, int column) {
  Node n;
  n.kind = NodeKind::kTerm;
  n.term = std::move(term);
  n.column = column;
  return n;
}

Node Node::MakeField(FieldFilter filter, int column) {
  Node n;
  n.kind = NodeKind::kField;
  n.filter = std::move(filter);
  n.column = column;
  return n;
}

Node Node::MakeNot(Node child, int column) {
  // NOT NOT x is x; keeping it would only hide x from the FTS compiler.
  if (child.kind == NodeKind::kNot) return std::move(child.children.front());
  Node n;
  n.kind = NodeKind::kNot;
  n.column = column;
  n.children.push_back(std::move(child));
  return n;
}

Node Node::MakeBool(NodeKind kind, std::vector<Node> children, int column) {
  if (children.size() == 1) return std::move(children.front());
  Node n;
  n.kind = kind;
  n.column = column;
  for (auto& c : children) {
    // Flattening keeps AND/OR n-ary, so the planner sees every operand of
    // one conjunction together (a b c, not a (b c)).
    if (c.kind == kind) {
      for (auto& g : c.children) n.children.push_back(std::move(g));
    } else {
      n.children.push_back(std::move(c));
    }
  }
  return n;
}

bool HasText(const Node& node) {
  if (node.kind == NodeKind::kTerm) return true;
  for (const auto& c : node.children)
    if (HasText(c)) return true;
  return false;
}

bool HasField(const Node& node) {
  if (node.kind == NodeKind::kField) return true;
  for (const auto& c : node.children)
    if (HasField(c)) return true;
  return false;
}

namespace {

bool NeedsQuotes(const std::string& v) {
  if (v.empty()) return true;
  for (char c : v)
    if (c == ' ' || c == '(' || c == ')' || c == '"' || c == ',') return true;
  return false;
}

void Print(const Node& node, std::string& out) {
  switch (node.kind) {
    case NodeKind::kTerm: {
      out += '"';
      for (size_t i = 0; i < node.term.tokens.size(); ++i) {
        if (i) out += ' ';
        out += node.term.tokens[i];
      }
      out += '"';
      if (node.term.prefix) out += '*';
      return;
    }
    case NodeKind::kField: {
      const FieldFilter& f = node.filter;
      out += FieldName(f.field);
      out += ':';
      if (f.field == Field::kRecorded) {
        if (f.from) out += f.from->Iso();
        out += "..";
        if (f.to) out += f.to->Iso();
        return;
      }
      for (size_t i = 0; i < f.values.size(); ++i) {
        if (i) out += ',';
        const std::string& v = f.values[i];
        if (f.field == Field::kOutcome && v.empty()) {
          out += "open";
        } else if (NeedsQuotes(v)) {
          out += '"' + v + '"';
        } else {
          out += v;
        }
      }
      return;
    }
    case NodeKind::kNot:
      out += "(NOT ";
      Print(node.children.front(), out);
      out += ')';
      return;
    case NodeKind::kAnd:
    case NodeKind::kOr:
      out += node.kind == NodeKind::kAnd ? "(AND" : "(OR";
      for (const auto& c : node.children) {
        out += ' ';
        Print(c, out);
      }
      out += ')';
      return;
  }
}

// The query language (parser.h) for a tree: terms quoted, fields as
// Print writes them, groups in brackets.
void PrintQuery(const Node& node, std::string& out) {
  switch (node.kind) {
    case NodeKind::kTerm:
    case NodeKind::kField:
      Print(node, out);
      return;
    case NodeKind::kNot:
      out += "NOT ";
      PrintQuery(node.children.front(), out);
      return;
    case NodeKind::kAnd:
    case NodeKind::kOr:
      out += '(';
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i) out += node.kind == NodeKind::kAnd ? " AND " : " OR ";
        PrintQuery(node.children[i], out);
      }
      out += ')';
      return;
  }
}

}  // namespace

std::string ToQueryText(const Node& node) {
  std::string out;
  PrintQuery(node, out);
  return out;
}

std::string ToString(const Node& node) {
  std::string out;
  Print(node, out);
  return out;
}

}  // namespace foidesk::query
