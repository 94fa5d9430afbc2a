#include "respond/request_file.h"

#include <filesystem>
#include <tuple>
#include "config/toml_reading.h"

namespace foidesk::respond {
namespace {

namespace fs = std::filesystem;

using config::ReadDate;
using config::ReadStrings;

Result<std::string> ReadString(const toml::table& t, const std::string& key, const std::string& where,
                               bool required = true) {
  return config::ReadString(t, key, where, required ? config::Presence::kRequired : config::Presence::kOptional);
}

Result<std::vector<ExemptionUse>> ReadExemptions(const toml::table& t, const std::string& path) {
  std::vector<ExemptionUse> out;
  const toml::node* node = t.get("exemption");
  if (!node) return out;
  const toml::array* arr = node->as_array();
  if (!arr) return Error::InvalidInput(path + ": [[exemption]]: expected a list of tables");
  int n = 0;
  for (const auto& el : *arr) {
    ++n;
    const std::string where = path + ": [[exemption]] " + std::to_string(n);
    const toml::table* et = el.as_table();
    if (!et) return Error::InvalidInput(where + ": expected a table");
    ExemptionUse e;
    for (auto [key, field, required] :
         {std::tuple{"id", &e.id, true}, std::tuple{"reason", &e.reason, false},
          std::tuple{"advice", &e.advice, false}, std::tuple{"pit_for", &e.pit_for, false},
          std::tuple{"pit_against", &e.pit_against, false},
          std::tuple{"pit_balance", &e.pit_balance, false}}) {
      auto v = ReadString(*et, key, where, required);
      if (!v.ok()) return v.error();
      *field = *v;
    }
    if (e.id.empty()) return Error::InvalidInput(where + ": key 'id': must not be empty");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::string KindName(ResponseKind kind) {
  switch (kind) {
    case ResponseKind::kProvided: return "provided";
    case ResponseKind::kProvidedInPart: return "provided-in-part";
    case ResponseKind::kRefusedS12: return "refused-s12";
    case ResponseKind::kRefusedS14: return "refused-s14";
    case ResponseKind::kNeitherConfirmNorDeny: return "ncnd";
    case ResponseKind::kNotHeld: return "not-held";
  }
  return "provided-in-part";
}

std::optional<ResponseKind> KindFromName(const std::string& name) {
  for (ResponseKind k : {ResponseKind::kProvided, ResponseKind::kProvidedInPart, ResponseKind::kRefusedS12,
                         ResponseKind::kRefusedS14, ResponseKind::kNeitherConfirmNorDeny, ResponseKind::kNotHeld})
    if (KindName(k) == name) return k;
  return std::nullopt;
}

bool HasTables(ResponseKind kind) {
  return kind == ResponseKind::kProvided || kind == ResponseKind::kProvidedInPart;
}

Result<RequestFile> LoadRequestFile(const std::string& path) {
  auto parsed = config::ParseTomlFile(path, "the request file");
  if (!parsed.ok()) return parsed.error();
  const toml::table& t = *parsed;
  RequestFile r;
  r.path = path;
  const fs::path dir = fs::path(path).parent_path();
  auto resolve = [&](const std::string& p) {
    return (fs::path(p).is_absolute() ? fs::path(p) : dir / p).lexically_normal().string();
  };
#define FOIDESK_TRY(var, expr)            \
  auto var = (expr);                      \
  if (!var.ok()) return var.error();
  FOIDESK_TRY(reference, ReadString(t, "reference", path));
  FOIDESK_TRY(title, ReadString(t, "title", path, false));
  FOIDESK_TRY(received, ReadDate(t, "received", path));
  FOIDESK_TRY(response_date, ReadDate(t, "response_date", path));
  FOIDESK_TRY(questions, ReadStrings(t, "questions", path));
  FOIDESK_TRY(definition, ReadString(t, "definition", path, false));
  FOIDESK_TRY(store, ReadString(t, "store", path));
  FOIDESK_TRY(sources, ReadStrings(t, "sources", path));
  FOIDESK_TRY(kind_name, ReadString(t, "kind", path, false));
  const std::optional<ResponseKind> kind =
      kind_name->empty() ? ResponseKind::kProvidedInPart : KindFromName(*kind_name);
  if (!kind)
    return Error::InvalidInput(path + ": key 'kind': '" + *kind_name +
                               "' is not one of provided, provided-in-part, refused-s12, refused-s14, "
                               "ncnd, not-held");
  // Only responses with tables read decisions.
  FOIDESK_TRY(decisions, ReadString(t, "decisions", path, HasTables(*kind)));
  FOIDESK_TRY(exemptions, ReadExemptions(t, path));
  FOIDESK_TRY(advice, ReadStrings(t, "advice", path));
  FOIDESK_TRY(not_held_reason, ReadString(t, "not_held_reason", path, false));
  FOIDESK_TRY(caveats, ReadStrings(t, "caveats", path));
  FOIDESK_TRY(keywords, ReadStrings(t, "keywords", path));
  FOIDESK_TRY(policy, ReadString(t, "disclosure_policy", path, false));
  FOIDESK_TRY(schema, ReadString(t, "summary_schema", path, false));
#undef FOIDESK_TRY
  r.kind = *kind;
  r.exemptions = *exemptions;
  r.advice = *advice;
  r.not_held_reason = *not_held_reason;
  if (const toml::node* spr = t.get("seconds_per_record")) {
    auto v = spr->value<double>();
    if (!v || *v <= 0 || *v > 86400)
      return Error::InvalidInput(path + ": key 'seconds_per_record': expected seconds, more than 0");
    r.seconds_per_record = *v;
  }
  r.reference = *reference;
  r.title = *title;
  r.received = *received;
  r.response_date = *response_date;
  r.questions = *questions;
  r.definition = *definition;
  r.store = resolve(*store);
  for (const auto& s : *sources) r.sources.push_back(resolve(s));
  if (!decisions->empty()) r.decisions = resolve(*decisions);
  r.caveats = *caveats;
  r.keywords = *keywords;
  if (!policy->empty()) r.disclosure_policy = resolve(*policy);
  r.summary_schema = *schema;
  if (r.summary_schema.find_first_of("/\\.") != std::string::npos)
    return Error::InvalidInput(path + ": key 'summary_schema': a schema name such as \"sextortion\", not a path");
  if (r.questions.empty()) return Error::InvalidInput(path + ": key 'questions': at least one question");
  if (r.response_date < r.received)
    return Error::InvalidInput(path + ": key 'response_date': before the date the request was received");
  // Tables and the s12 estimate are by year; the other kinds need neither
  // years nor searches.
  const bool searches_needed = HasTables(r.kind) || r.kind == ResponseKind::kRefusedS12;
  const toml::array* years = t["years"].as_array();
  if (searches_needed && (!years || years->empty()))
    return Error::InvalidInput(path + ": key 'years': expected a list of years, e.g. [2011, 2012]");
  if (years) for (const auto& y : *years) {
    auto v = y.value<int64_t>();
    if (!v || *v < 1900 || *v > 2999)
      return Error::InvalidInput(path + ": key 'years': expected years like 2011");
    if (!r.years.empty() && *v <= r.years.back())
      return Error::InvalidInput(path + ": key 'years': list them once each, in ascending order");
    r.years.push_back(static_cast<int>(*v));
  }
  const toml::array* searches = t["search"].as_array();
  if (searches_needed && (!searches || searches->empty()))
    return Error::InvalidInput(path + ": missing [[search]]: name at least one search per source");
  int i = 0;
  if (searches) for (const auto& s : *searches) {
    ++i;
    const std::string where = path + ": [[search]] " + std::to_string(i);
    const toml::table* st = s.as_table();
    if (!st) return Error::InvalidInput(where + ": expected a table");
    SearchSpec spec;
    auto source = ReadString(*st, "source", where);
    if (!source.ok()) return source.error();
    auto query = ReadString(*st, "query", where);
    if (!query.ok()) return query.error();
    auto method = ReadString(*st, "method", where);
    if (!method.ok()) return method.error();
    spec.source = *source;
    spec.query = *query;
    spec.method = *method;
    r.searches.push_back(std::move(spec));
  }
  if (const toml::node* o = t.get("override")) {
    const toml::array* arr = o->as_array();
    if (!arr) return Error::InvalidInput(path + ": [[override]]: expected a list of tables");
    int n = 0;
    for (const auto& el : *arr) {
      ++n;
      const std::string where = path + ": [[override]] " + std::to_string(n);
      const toml::table* ot = el.as_table();
      if (!ot) return Error::InvalidInput(where + ": expected a table");
      GateOverride g;
      for (auto [key, field] : {std::pair{"check", &g.check}, std::pair{"subject", &g.subject},
                                std::pair{"approver", &g.approver}, std::pair{"reason", &g.reason}}) {
        auto v = ReadString(*ot, key, where);
        if (!v.ok()) return v.error();
        if (v->empty()) return Error::InvalidInput(where + ": key '" + key + "': must not be empty");
        *field = *v;
      }
      r.overrides.push_back(std::move(g));
    }
  }
  // The letter must say why it refuses: the library text has no facts of its own.
  auto uses = [&](const std::string& id) {
    for (const auto& e : r.exemptions)
      if (e.id == id) return !e.reason.empty();
    return false;
  };
  if (r.kind == ResponseKind::kRefusedS14 && !uses("s14"))
    return Error::InvalidInput(path + ": kind \"refused-s14\" needs [[exemption]] id = \"s14\" with a 'reason'");
  if (r.kind == ResponseKind::kNeitherConfirmNorDeny && r.exemptions.empty())
    return Error::InvalidInput(path + ": kind \"ncnd\" needs at least one [[exemption]] (e.g. id = \"s40-5\")");
  return r;
}

}  // namespace foidesk::respond
