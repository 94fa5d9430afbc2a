// Safe public summaries: composed only from a facet schema's fixed wording, so
// they cannot carry personal data; and a check that a reviewer's own summary
// keeps to that vocabulary.
//
//   std::string s = ComposeSummary(schema, ExtractFacets(schema, text));
//   // "Threat to post video to friends on Facebook unless money paid"
//   auto bad = WordsOutsideVocabulary(schema, "Threat to post video to John");
//   // {"John"}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "privacy/facets.h"

namespace foidesk::privacy {

// The first of the schema's templates whose required facets all have values,
// filled with the values' wording. Values the schema does not know are left
// out, so the result holds schema vocabulary only.
std::string ComposeSummary(const FacetSchema& schema, const Facets& facets);

// The words of `summary` outside the schema's vocabulary (its wording, its
// literal trigger words, its function and extra words), as written, each once,
// in order. Names, places, numbers, amounts and e-mail addresses come back.
std::vector<std::string> WordsOutsideVocabulary(const FacetSchema& schema,
                                                std::string_view summary);

}  // namespace foidesk::privacy
