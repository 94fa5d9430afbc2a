// The foidesk query language: field filters and boolean text search in one
// expression, as typed after `foidesk search`.
//
//   offence:71 recorded:2011-01-01..2015-12-31 (video OR web* OR photo*)
//
// Grammar (keywords upper case; lower-case and/or/not are plain words):
//
//   query   := or
//   or      := and ( "OR" and )*
//   and     := unary ( ["AND"] unary )*        juxtaposition is AND
//   unary   := "NOT" unary | primary
//   primary := word | word* | "phrase" | "phrase"* | field | "(" or ")"
//   field   := name ":" value | name ":" "quoted value"
//
// Fields: offence:71 or offence:071,8N (canonical class, zero padding
// ignored); recorded:2011-01-01..2015-12-31, 2014-01-01.., ..2015-12-31,
// 2014, 2014-06, 2014-06-03, 2014/15 (financial year), and ranges of these
// (2011..2015 = 2011-01-01..2015-12-31); source:crs,rms; outcome:18,1A or
// outcome:open; town:norwich or town:"great yarmouth" (case-insensitive).
// Words are split and folded as the index does (text.h): e-mail is the
// phrase "e mail". Precedence: NOT > AND > OR.
#pragma once

#include <string>
#include <string_view>

#include "model/result.h"
#include "query/ast.h"

namespace foidesk::query {

// Parses a query. On a syntax error, returns Error::InvalidInput whose
// message names the 1-based column (in characters) and what was expected:
//   "column 18: expected a term, phrase, field filter or '(' after OR"
//   "column 10: recorded: expected a date range like 2011-01-01..2015-12-31, got '2011-13-01'"
Result<Query> ParseQuery(std::string_view text);

// How town names (and source names) are compared: lower case (full
// Unicode), surrounding space trimmed, inner runs of space made single.
std::string NormalizeName(std::string_view name);

// Canonical outcome type: zero padding stripped, letters upper case
// ("01a" -> "1A"); "" stays "" (open).
std::string CanonicalOutcome(std::string_view type);

}  // namespace foidesk::query
