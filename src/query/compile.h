// Compilation of the text part of a query to a backend's own full-text
// query syntax (Store::Dialect()). One compiler per backend, each in its own
// file (sqlite_compile.cpp; a PostgreSQL tsquery compiler can follow), so
// the Searcher's planning stays backend-neutral.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "model/result.h"
#include "query/ast.h"

namespace foidesk::query {

class TextCompiler {
 public:
  virtual ~TextCompiler() = default;

  // The Store::Dialect() this compiler writes for.
  virtual std::string Dialect() const = 0;

  // Whether `node` can be answered by the backend alone as one expression.
  // Field filters never can; what else cannot depends on the backend (FTS5
  // has no unary NOT, so "NOT video" needs the set of all crimes).
  virtual bool CanCompile(const Node& node) const = 0;

  // The backend expression for `node`. REQUIRES: CanCompile(node); else
  // returns Error::Internal.
  virtual Result<std::string> Compile(const Node& node) const = 0;
};

// The compiler for a store dialect; nullptr for a dialect foidesk cannot
// compile to (the Searcher then scans texts with its own matcher).
std::unique_ptr<TextCompiler> MakeTextCompiler(std::string_view dialect);

}  // namespace foidesk::query
