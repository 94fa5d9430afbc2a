// Facets of what happened in a crime, read from its free text by a schema
// that is data (config/facets/<crime type>.toml): each facet (media, threat,
// audience, demand ...) has a fixed list of values, each value its trigger
// words and the fixed wording a public summary uses (see summary.h).
//
//   auto schema = LoadFacetSchema("config/facets/sextortion.toml");
//   if (!schema.ok()) return schema.error();
//   Facets f = ExtractFacets(*schema, crime_text);
//   f.values["media"];  // {"video"}
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"

namespace re2 {
class RE2;
}

namespace foidesk::privacy {

// Compiled patterns are shared so a schema copies cheaply (RE2 cannot copy).
using Pattern = std::shared_ptr<const re2::RE2>;

struct FacetValue {
  std::string name;                // the value's id: "video", "social_media"
  std::string wording;             // its fixed wording in a summary: "video", "social media"
  std::string prefix;              // wording before a run of values in a summary ("to",
                                   // "on"); may be empty
  std::vector<std::string> words;  // literal triggers as written (also vocabulary)
  std::vector<Pattern> triggers;   // words and patterns, compiled
  std::vector<Pattern> excludes;   // a trigger inside a match of one of these does not count
};

// Which part of the text a facet is read from.
enum class FacetClause {
  kSentence,  // the whole of each threat sentence
  kThreat,    // each threat sentence up to its clause break ("unless ...")
};

struct Facet {
  std::string name;  // "media"
  FacetClause clause = FacetClause::kThreat;
  std::string join = ", ";          // between values in a summary
  std::string last_join = " and ";  // before the last value
  std::vector<FacetValue> values;   // in schema order
};

// One part of a summary template: fixed text, or a facet's values.
struct TemplatePart {
  std::string text;         // fixed text when facet is empty
  std::string facet;        // facet name
  int optional_group = -1;  // parts sharing a group >= 0 are dropped together
};

struct SummaryTemplate {
  std::string source;  // as written in the schema
  std::vector<TemplatePart> parts;
  std::vector<std::string> required;  // facets outside [brackets]
};

struct FacetSchema {
  std::string name;      // "sextortion"
  std::string path;      // the file it was read from
  Pattern anchor;        // a threat sentence holds a match
  Pattern clause_break;  // may be null: kThreat clauses are then whole sentences
  bool skip_quotes = false;
  std::vector<Facet> facets;
  std::vector<SummaryTemplate> templates;  // the last one needs no facet
  std::set<std::string> vocabulary;        // lower-case words a summary may use

  const Facet* Find(std::string_view facet) const;
};

// Reads and checks a schema file. Errors name the file, the key and the
// reason, e.g. "x.toml: facet[2].value[1].wording: must be a non-empty string".
Result<FacetSchema> LoadFacetSchema(const std::string& path);

struct Facets {
  // facet -> values present, in schema order; every facet of the schema has
  // an entry, empty when the text names none of its values.
  std::map<std::string, std::vector<std::string>> values;

  bool operator==(const Facets&) const = default;
};

// Reads the facets from a crime's free text (UTF-8; upper-case legacy text
// or mixed case alike). Only sentences holding a scope anchor are read.
Facets ExtractFacets(const FacetSchema& schema, std::string_view text);

// The sentences ExtractFacets reads, quotes removed (for tests and review).
std::vector<std::string> ThreatSentences(const FacetSchema& schema, std::string_view text);

}  // namespace foidesk::privacy
