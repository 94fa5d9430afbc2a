// Mapping files (config/sources/*.toml): how one source system's export maps
// onto the canonical Crime, so that another force's system needs a new
// mapping file rather than new code. The file format is described in
// mapping_format.md beside this header; LoadMapping checks a file against it
// and says what is wrong.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/outcomes.h"
#include "model/result.h"

namespace foidesk::ingest {

enum class Format { kCsv, kJsonl };

// Canonical scalar fields a mapping can fill. People and text are separate.
enum class Field {
  kId,
  kLegacyRef,
  kRecorded,
  kCommittedFrom,
  kOffence,
  kOffenceSubclass,
  kOffenceTitle,
  kTown,
  kBeat,
  kLsoa,
  kOutcome,
  kOutcomeDate,
};
inline constexpr size_t kFieldCount = 12;

// Canonical name of a field as written in mapping files ("committed_from").
const char* FieldName(Field f);

// How a field's text becomes a date.
struct DateFormat {
  enum class Kind { kNone, kPattern, kIsoLocalDate };
  Kind kind = Kind::kNone;
  // For kPattern: %d %m %Y %H %M %S and literals. A pattern without %d
  // ("%Y-%m") gives the first day of the month.
  std::string pattern;
  bool month_only = false;
  // Human form for findings: "dd/mm/yyyy", "ISO 8601 timestamp".
  std::string display;
};

// Where one canonical value comes from in a source record.
struct FieldSource {
  std::string from;               // column name (CSV) or dotted path (JSONL); empty: unmapped
  std::vector<std::string> path;  // `from` split at '.', for JSONL
  int column = -1;                // index in the CSV header
  DateFormat date;
  bool personal = false;  // never quote its value in a finding (dates of birth)

  bool mapped() const { return !from.empty(); }
};

// The fields of one person, relative to the person (JSONL people array) or
// absolute columns (a CSV's fixed victim columns).
struct PersonMap {
  FieldSource role;
  FieldSource surname;
  FieldSource forenames;
  FieldSource dob;
  FieldSource age;
  FieldSource online_ids;  // JSONL: array of strings, or one string
};

struct Mapping {
  std::string path;  // mapping file, for messages
  std::string name;  // source name stored with each record ("crs")
  Format format = Format::kCsv;
  std::string encoding = "utf-8";
  std::vector<std::string> file_patterns;  // globs on the file's base name

  // Merging copies of one crime from several systems: the content (text,
  // people, offence, outcome, location, committed_from) comes from the copy
  // whose source has the highest content_priority, the recorded date from
  // the one with the highest date_priority. Ties: the later record wins.
  int64_t content_priority = 0;
  int64_t date_priority = 0;

  std::vector<std::string> header;  // CSV: expected header row, in order

  std::array<FieldSource, kFieldCount> fields;
  std::array<bool, kFieldCount> required{};  // id and recorded always are

  std::vector<FieldSource> text;  // concatenated, non-empty parts only
  std::string text_separator = "\n";

  // A single victim in fixed fields (CSV columns or JSON paths).
  bool has_victim = false;
  PersonMap victim;
  // A people array (JSONL): each element an object with PersonMap fields.
  bool has_people = false;
  FieldSource people;  // the array's path
  PersonMap person;
  std::map<std::string, std::string> role_codes;  // source role -> canonical; empty: as is

  // Source outcome code -> Home Office outcome type ("" = open). Empty when
  // the source gives Home Office types itself (checked against the list).
  bool has_outcome_codes = false;
  std::map<std::string, std::string> outcome_codes;

  // Offence code list in <config>/codes/; empty: offence codes not checked.
  std::string offence_codes = "offences.csv";

  const FieldSource& field(Field f) const { return fields[static_cast<size_t>(f)]; }
  bool is_required(Field f) const { return required[static_cast<size_t>(f)]; }
};

// Reads and checks one mapping file. Errors name the file, the line, the key
// and the reason: "config/sources/crs.toml:12: fields.recorded.date: ...".
Result<Mapping> LoadMapping(const std::string& path);

// Loads every *.toml in `dir`, sorted by file name; source names must be
// unique.
Result<std::vector<Mapping>> LoadMappings(const std::string& dir);

// The one mapping whose file patterns match the base name of `file`; an
// error when none or several match.
Result<const Mapping*> SelectMapping(const std::vector<Mapping>& mappings, const std::string& file);

// Code lists a mapping is checked against.
struct CodeLists {
  OutcomeList outcomes;
  // Canonical offence codes (CanonicalOffence) by code-list file name.
  std::map<std::string, std::set<std::string, std::less<>>> offences;
};

// Loads codes/outcomes.csv and every offence list the mappings name.
Result<CodeLists> LoadCodeLists(const std::string& codes_dir, const std::vector<Mapping>& mappings);

// Checks a mapping's outcome table against the outcome list.
Status CheckMappingCodes(const Mapping& mapping, const CodeLists& codes);

}  // namespace foidesk::ingest
