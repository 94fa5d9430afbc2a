// The registry of text compilers, one per store dialect.
#include "query/compile.h"

#include "query/sqlite_compile.h"

namespace foidesk::query {

std::unique_ptr<TextCompiler> MakeTextCompiler(std::string_view dialect) {
  if (dialect == kFts5Dialect) return std::make_unique<Fts5Compiler>();
  return nullptr;
}

}  // namespace foidesk::query
