#include "respond/respond.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "model/outcomes.h"
#include "query/parser.h"
#include "query/searcher.h"
#include "respond/letter.h"
#include "review/decisions_file.h"
#include "tables/tables.h"

namespace foidesk::respond {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status WriteFile(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return Error::Io(path.string() + ": cannot write");
  return {};
}

// Paragraphs of an exemption text file, separated by blank lines.
std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::string current, line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      if (!current.empty()) current += ' ';
      current += line;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

}  // namespace

Result<Summary> Respond(Store& store, const RequestFile& req, const Options& opt) {
  const fs::path config(opt.config_dir);
  auto outcomes = OutcomeList::Load((config / "codes" / "outcomes.csv").string());
  if (!outcomes.ok()) return outcomes.error();
  auto force = LoadForceDetails((config / "force.toml").string());
  if (!force.ok()) return force.error();

  // Decisions first: they are part of the request's inputs.
  auto decisions_in = review::ReadDecisionsCsv(req.decisions, req.reference);
  if (!decisions_in.ok()) return decisions_in.error();
  auto imported = review::ImportDecisions(store, *decisions_in, req.decisions, opt.now);
  if (!imported.ok()) return imported.error();

  // Candidates: the union of each source's search.
  query::Searcher searcher(store);
  std::vector<int64_t> candidates;
  nlohmann::json searches = nlohmann::json::array();
  for (const auto& s : req.searches) {
    const std::string text = "source:" + s.source + " (" + s.query + ")";
    auto q = query::ParseQuery(text);
    if (!q.ok())
      return Error::InvalidInput(req.path + ": search on " + s.source + ": " + q.error().message +
                                 " (in '" + text + "')");
    auto r = searcher.Search(*q);
    if (!r.ok()) return r.error();
    searches.push_back({{"source", s.source}, {"query", s.query}, {"matches", r->rowids.size()}});
    std::vector<int64_t> merged;
    std::set_union(candidates.begin(), candidates.end(), r->rowids.begin(), r->rowids.end(),
                   std::back_inserter(merged));
    candidates.swap(merged);
  }

  // Every candidate must carry a decision: an unread candidate would make
  // the published figures silently incomplete.
  auto decisions = store.Decisions(req.reference);
  if (!decisions.ok()) return decisions.error();
  std::unordered_map<std::string, const Decision*> by_key;
  for (const auto& d : *decisions) by_key[d.crime_key] = &d;
  auto keys = store.CrimeKeys(candidates);
  if (!keys.ok()) return keys.error();
  int64_t undecided = 0;
  std::vector<int64_t> relevant;
  std::vector<const Decision*> relevant_decisions;
  for (size_t i = 0; i < candidates.size(); ++i) {
    auto it = by_key.find((*keys)[i]);
    if (it == by_key.end()) {
      ++undecided;
    } else if (it->second->relevant) {
      relevant.push_back(candidates[i]);
      relevant_decisions.push_back(it->second);
    }
  }
  if (undecided > 0)
    return Error::InvalidInput(req.path + ": " + std::to_string(undecided) + " of " +
                               std::to_string(candidates.size()) +
                               " candidate crimes have no decision for " + req.reference +
                               ": review them before responding");

  // Q1 from the doc values, Q2 from the crime rows: two paths, cross-checked.
  query::SearchResult relevant_set;
  relevant_set.rowids = relevant;
  std::map<std::string, int64_t> counts;
  for (const auto& [bucket, n] : searcher.CountBy(relevant_set, query::Bucket::kYear))
    counts[bucket] = n;
  std::vector<tables::DetailRow> rows;
  for (size_t i = 0; i < relevant.size(); ++i) {
    auto crime = store.GetCrime(relevant[i]);
    if (!crime.ok()) return crime.error();
    const Crime& c = **crime;
    auto age = VictimAge(c);
    rows.push_back(tables::DetailRow{std::to_string(c.recorded.year), relevant_decisions[i]->summary,
                                     outcomes->PublicWording(c.outcome_type),
                                     age ? std::to_string(*age) : "Not stated", c.recorded, c.key});
  }
  auto t = tables::BuildTables(req.years, counts, std::move(rows));
  if (!t.ok()) return t.error();

  LetterContent letter;
  letter.force = *force;
  letter.reference = req.reference;
  letter.received = LongDate(req.received);
  letter.response_month = MonthYear(req.response_date);
  letter.questions = req.questions;
  letter.definition = req.definition;
  for (size_t i = 0; i < req.searches.size(); ++i) {
    const auto& s = req.searches[i];
    letter.methods.push_back(force->analysis_unit + " has undertaken research of " + s.method +
                             " (search: " + s.query + "; " +
                             std::to_string(searches[i]["matches"].get<size_t>()) + " crimes).");
  }
  letter.methods.push_back("These " + std::to_string(candidates.size()) +
                           " crimes have then been reviewed to retrieve those relevant to your "
                           "request: " + std::to_string(relevant.size()) + " were found relevant.");
  letter.caveats = req.caveats;
  auto s40 = ReadFile((config / "exemptions" / "s40-2-dpa1998.md").string());
  if (!s40.ok()) return s40.error();
  letter.s40 = Paragraphs(*s40);
  letter.tables = *t;

  std::map<std::string, std::string> outputs;
  for (auto [name, fmt] : {std::pair{"response.md", LetterFormat::kMarkdown},
                           std::pair{"response.html", LetterFormat::kHtml}}) {
    const std::string tpl_name = fmt == LetterFormat::kMarkdown ? "letter.md.mustache" : "letter.html.mustache";
    auto tpl = ReadFile((config / "templates" / tpl_name).string());
    if (!tpl.ok()) return tpl.error();
    outputs[name] = RenderLetter(*tpl, letter, fmt);
  }
  outputs["tables/q1.csv"] = tables::Q1Csv(*t);
  outputs["tables/q2.csv"] = tables::Q2Csv(*t);

  // The manifest: how the figures were made, by hash; no personal data
  // (no crime numbers, no names, no free text).
  nlohmann::json manifest;
  manifest["foidesk_version"] = FOIDESK_VERSION;
  manifest["reference"] = req.reference;
  manifest["searches"] = searches;
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& src : req.sources) {
    auto h = Sha256File(src);
    if (!h.ok()) return h.error();
    sources.push_back({{"file", fs::path(src).filename().string()}, {"sha256", *h}});
  }
  manifest["sources"] = sources;
  auto dh = Sha256File(req.decisions);
  if (!dh.ok()) return dh.error();
  manifest["decisions"] = {{"file", fs::path(req.decisions).filename().string()},
                           {"sha256", *dh},
                           {"decided", imported->imported},
                           {"relevant", imported->relevant}};
  nlohmann::json by_year = nlohmann::json::object();
  for (const auto& r : t->q1) by_year[r.year] = r.count;
  manifest["counts"] = {{"candidates", candidates.size()}, {"relevant", relevant.size()},
                        {"by_year", by_year}};
  nlohmann::json hashes = nlohmann::json::object();
  // Hashes of the public files as written, so a published copy can be checked.
  for (const auto& [name, content] : outputs) hashes[name] = Sha256String(content);
  manifest["outputs"] = hashes;
  outputs["manifest.json"] = manifest.dump(2) + "\n";

  Summary summary;
  for (const auto& [name, content] : outputs) {
    if (auto s = WriteFile(fs::path(opt.out_dir) / name, content); !s.ok()) return s.error();
    summary.files.push_back(name);
  }
  summary.candidates = static_cast<int64_t>(candidates.size());
  summary.relevant = static_cast<int64_t>(relevant.size());
  for (const auto& r : t->q1) summary.relevant_by_year[r.year] = r.count;
  summary.candidate_rowids = candidates;
  return summary;
}

}  // namespace foidesk::respond
