// Compilation of text sub-queries to SQLite FTS5 MATCH expressions, the
// dialect of SqliteStore::ForEachTextMatch ("sqlite-fts5").
#pragma once

#include <string>

#include "query/compile.h"

namespace foidesk::query {

inline constexpr const char* kFts5Dialect = "sqlite-fts5";

// Every term is quoted ("video", "web" *, "the victim") so that words such
// as AND, NEAR or column names never read as FTS5 syntax. FTS5's NOT is
// binary, so a negation compiles only inside an AND with at least one
// positive operand: a NOT b c -> ("a" AND "c") NOT "b".
class Fts5Compiler final : public TextCompiler {
 public:
  std::string Dialect() const override { return kFts5Dialect; }
  bool CanCompile(const Node& node) const override;
  Result<std::string> Compile(const Node& node) const override;
};

// Shorthands for Fts5Compiler.
bool CanCompileFts5(const Node& node);
Result<std::string> CompileFts5(const Node& node);

}  // namespace foidesk::query
