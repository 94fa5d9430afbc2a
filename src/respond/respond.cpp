#include "respond/respond.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "model/outcomes.h"
#include "privacy/disclosure.h"
#include "privacy/disclosure_policy.h"
#include "privacy/facets.h"
#include "privacy/publish_gate.h"
#include "privacy/summary.h"
#include "query/parser.h"
#include "query/searcher.h"
#include "respond/letter.h"
#include "review/decisions_file.h"
#include "review/number_format.h"
#include "review/session.h"
#include "respond/exemptions.h"
#include "respond/letter_parts.h"
#include "respond/letter_pdf.h"
#include "respond/xlsx.h"
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


// Candidates: the union of each source's search, sorted rowids.
struct Searched {
  std::vector<int64_t> candidates;
  nlohmann::json searches = nlohmann::json::array();  // source, query, matches
};

Result<Searched> RunSearches(query::Searcher& searcher, const RequestFile& req) {
  Searched out;
  for (const auto& s : req.searches) {
    const std::string text = "source:" + s.source + " (" + s.query + ")";
    auto q = query::ParseQuery(text);
    if (!q.ok())
      return Error::InvalidInput(req.path + ": search on " + s.source + ": " + q.error().message +
                                 " (in '" + text + "')");
    auto r = searcher.Search(*q);
    if (!r.ok()) return r.error();
    out.searches.push_back({{"source", s.source}, {"query", s.query}, {"matches", r->rowids.size()}});
    std::vector<int64_t> merged;
    std::set_union(out.candidates.begin(), out.candidates.end(), r->rowids.begin(), r->rowids.end(),
                   std::back_inserter(merged));
    out.candidates.swap(merged);
  }
  return out;
}

// Everything before disclosure control: staff-only.
struct Prepared {
  std::vector<int64_t> candidates;
  nlohmann::json searches = nlohmann::json::array();
  review::ImportCounts imported;
  tables::ResponseTables tables;
};

// The facet schema a request names, or none.
Result<std::optional<privacy::FacetSchema>> LoadSchema(const RequestFile& req, const fs::path& config) {
  if (req.summary_schema.empty()) return std::optional<privacy::FacetSchema>();
  auto s = privacy::LoadFacetSchema((config / "facets" / (req.summary_schema + ".toml")).string());
  if (!s.ok()) return Error::InvalidInput(req.path + ": key 'summary_schema': " + s.error().message);
  return std::optional<privacy::FacetSchema>(std::move(*s));
}

Result<Prepared> Prepare(Store& store, const RequestFile& req, const Options& opt,
                         const OutcomeList& outcomes, const privacy::FacetSchema* schema) {
  Prepared p;
  // Decisions first: they are part of the request's inputs.
  auto decisions_in = review::ReadDecisionsCsv(req.decisions, req.reference);
  if (!decisions_in.ok()) return decisions_in.error();
  auto imported = review::ImportDecisions(store, *decisions_in, req.decisions, opt.now);
  if (!imported.ok()) return imported.error();
  p.imported = *imported;

  query::Searcher searcher(store);
  auto searched = RunSearches(searcher, req);
  if (!searched.ok()) return searched.error();
  p.candidates = std::move(searched->candidates);
  p.searches = std::move(searched->searches);
  std::vector<int64_t>& candidates = p.candidates;

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
    // A reviewer's own summary, else one composed from the facets of the
    // crime's text in the schema's fixed wording.
    std::string summary = relevant_decisions[i]->summary;
    if (summary.empty() && schema != nullptr)
      summary = privacy::ComposeSummary(*schema, privacy::ExtractFacets(*schema, c.text));
    rows.push_back(tables::DetailRow{std::to_string(c.recorded.year), summary,
                                     outcomes.PublicWording(c.outcome_type),
                                     age ? std::to_string(*age) : "Not stated", c.recorded, c.key,
                                     c.town.empty() ? "Not stated" : c.town});
  }
  auto t = tables::BuildTables(req.years, counts, std::move(rows));
  if (!t.ok()) return t.error();
  p.tables = std::move(*t);
  return p;
}

// The detail table's columns: the policy's names and the published headers.
constexpr std::pair<const char*, const char*> kDetailColumns[] = {
    {"year", "Year"}, {"details", "Details"}, {"outcome", "Outcome"},
    {"victim_age", "Victim Age"}, {"town", "Town"}};

privacy::Table DetailTable(const tables::ResponseTables& t) {
  privacy::Table out;
  for (const auto& [key, header] : kDetailColumns) out.columns.push_back(key);
  for (const auto& r : t.q2) out.rows.push_back({r.year, r.summary, r.outcome, r.victim_age, r.town});
  return out;
}

std::string Header(const std::string& key) {
  for (const auto& [k, header] : kDetailColumns)
    if (key == k) return header;
  return key;
}

// The tables as they will be published, the report of what was withheld,
// and the gate's verdict on them.
struct Release {
  tables::PublicTable q1, q2;
  privacy::DisclosureReport report;
  privacy::GateResult gate;
};

Result<Release> Protect(const RequestFile& req, const tables::ResponseTables& t,
                        const privacy::DisclosurePolicy& policy, const privacy::Detector& detector,
                        const privacy::FacetSchema* schema,
                        const std::vector<privacy::Override>& overrides) {
  if (policy.suppression == privacy::RowSuppression::kDrop)
    return Error::InvalidInput(policy.source + ": suppression.mode \"drop\" would make Q2 disagree "
                               "with Q1; use \"marker\" for a response");
  Release out;
  auto released = privacy::ApplyPolicy(DetailTable(t), policy);
  if (!released.ok())
    return Error::InvalidInput(req.path + ": disclosure policy " + policy.name + ": " +
                               released.error().message);
  out.report = std::move(released->report);
  // Rows in the order of their published values: the working order (by
  // recorded date) would tell a reader which year a suppressed or
  // generalised row is from.
  std::vector<size_t> order(released->table.rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return released->table.rows[a] < released->table.rows[b];
  });
  privacy::PublicRelease pub;
  pub.details.columns = released->table.columns;
  for (size_t i : order) {
    pub.details.rows.push_back(released->table.rows[i]);
    pub.crime_ids.push_back(t.q2[i].crime_key);
  }
  out.q2.name = "Q2";
  for (const auto& c : released->table.columns) out.q2.header.push_back(Header(c));
  out.q2.rows = pub.details.rows;

  privacy::CountTable counts;
  counts.name = "Q1";
  counts.row_header = "Year";
  counts.column_labels = {"Number of Crimes"};
  for (const auto& r : t.q1) {
    counts.row_labels.push_back(r.year);
    counts.counts.push_back({r.count});
  }
  auto q1 = privacy::SuppressCounts(counts, policy.counts);
  if (!q1.ok()) return q1.error();
  out.report.count_tables.push_back(q1->report);
  out.q1 = {"Q1", q1->table.columns, q1->table.rows};

  // The gate sees only what will be published.
  privacy::PublicCounts pc{"Q1", {}, {}, "year"};
  for (const auto& row : q1->table.rows) {
    pc.labels.push_back(row.front());
    pc.shown.push_back(row.back());
  }
  pub.counts.push_back(std::move(pc));
  privacy::GateOptions gopt;
  gopt.schema = schema;
  out.gate = privacy::CheckRelease(pub, policy, detector, gopt, overrides);
  return out;
}

Result<std::vector<privacy::Override>> Overrides(const RequestFile& req) {
  std::vector<privacy::Override> out;
  for (size_t i = 0; i < req.overrides.size(); ++i) {
    const GateOverride& o = req.overrides[i];
    auto check = privacy::GateCheckFromName(o.check);
    if (!check)
      return Error::InvalidInput(req.path + ": [[override]] " + std::to_string(i + 1) +
                                 ": key 'check': '" + o.check +
                                 "' is not one of summary-finding, summary-vocabulary, below-k, "
                                 "withheld-column, small-count");
    out.push_back({*check, o.subject, o.approver, o.reason});
  }
  return out;
}

}  // namespace

Result<tables::ResponseTables> WorkingTables(Store& store, const RequestFile& req,
                                             const Options& opt) {
  const fs::path config(opt.config_dir);
  auto outcomes = OutcomeList::Load((config / "codes" / "outcomes.csv").string());
  if (!outcomes.ok()) return outcomes.error();
  auto schema = LoadSchema(req, config);
  if (!schema.ok()) return schema.error();
  auto p = Prepare(store, req, opt, *outcomes, *schema ? &**schema : nullptr);
  if (!p.ok()) return p.error();
  return std::move(p->tables);
}

// The s40(2) paragraphs of the law in force on the response date. Before
// 25 May 2018 the force's own wording under the Data Protection Act 1998
// (exemptions/s40-2-dpa1998.md, as the seed letter has it); from then, the
// exemption library's version, its {{reason}} filled from
// exemptions/s40-2-reason.md, which the FOI team edits.
Result<std::vector<std::string>> S40Paragraphs(const fs::path& config, const Date& on) {
  if (on < Date{2018, 5, 25}) {
    auto text = ReadFile((config / "exemptions" / "s40-2-dpa1998.md").string());
    if (!text.ok()) return text.error();
    return Paragraphs(*text);
  }
  auto library = ExemptionLibrary::Load(config.string());
  if (!library.ok()) return library.error();
  auto version = library->Find("s40-2", on);
  if (!version.ok()) return version.error();
  auto reason = ReadFile((config / "exemptions" / "s40-2-reason.md").string());
  if (!reason.ok()) return reason.error();
  const std::vector<std::string> reasons = Paragraphs(*reason);
  std::vector<std::string> out = version->what;
  for (const std::string& p : version->why) {
    if (p == "{{reason}}") {
      out.insert(out.end(), reasons.begin(), reasons.end());
      continue;
    }
    std::string filled = p;
    std::string joined;
    for (const std::string& r : reasons) joined += (joined.empty() ? "" : " ") + r;
    for (size_t at; (at = filled.find("{{reason}}")) != std::string::npos;) filled.replace(at, 10, joined);
    out.push_back(filled);
  }
  return out;
}

namespace {

bool WithheldAnything(const privacy::DisclosureReport& r) {
  if (!r.withheld_columns.empty() || r.rows_suppressed > 0) return true;
  for (const auto& g : r.generalised)
    if (g.level > 0) return true;
  for (const auto& c : r.count_tables)
    if (c.primary + c.secondary > 0) return true;
  return false;
}

// What every kind of letter says: who writes, to whom, about what.
LetterContent LetterBase(const ForceDetails& force, const RequestFile& req, const Date& response_date) {
  LetterContent letter;
  letter.force = force;
  letter.kind = KindName(req.kind);
  letter.reference = req.reference;
  letter.received = LongDate(req.received);
  letter.response_month = MonthYear(response_date);
  letter.questions = req.questions;
  letter.definition = req.definition;
  return letter;
}

// The s17 notice's rights (internal review, complaint to the Commissioner):
// every response gives them; its first paragraph is for refusals only.
std::vector<std::string> Rights(const ExemptionLibrary& library, const std::string& force_name) {
  std::vector<std::string> out;
  const auto& notice = library.s17_notice().paragraphs;
  for (size_t i = 1; i < notice.size(); ++i) {
    std::string p = notice[i];
    for (size_t at; (at = p.find("{{force_name}}")) != std::string::npos;) p.replace(at, 14, force_name);
    out.push_back(std::move(p));
  }
  return out;
}

std::string Joined(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

// response.md and response.html from the kind's templates, and response.pdf
// laid out from the Markdown just rendered: the same words, the same cells.
Status RenderLetters(const LetterContent& letter, const RequestFile& req, const Options& opt,
                     const Date& response_date, std::map<std::string, std::string>& outputs) {
  auto templates = LoadLetterTemplates(opt.config_dir, KindName(req.kind));
  if (!templates.ok()) return templates.error();
  outputs["response.md"] = RenderLetter(templates->markdown, letter, LetterFormat::kMarkdown, templates->partials);
  outputs["response.html"] = RenderLetter(templates->html, letter, LetterFormat::kHtml, templates->partials);
  std::error_code ec;
  fs::create_directories(fs::path(opt.out_dir), ec);
  const PdfDocument pdf = LetterPdf(outputs["response.md"], letter, req.title, response_date);
  auto bytes = RenderPdf(pdf, (fs::path(opt.out_dir) / ".response.pdf.tmp").string());
  if (!bytes.ok()) return bytes.error();
  outputs["response.pdf"] = std::move(*bytes);
  return {};
}

// The manifest's inputs by hash: no personal data.
Result<nlohmann::json> ManifestBase(const RequestFile& req, const nlohmann::json& searches) {
  nlohmann::json manifest;
  manifest["foidesk_version"] = FOIDESK_VERSION;
  manifest["reference"] = req.reference;
  manifest["kind"] = KindName(req.kind);
  manifest["searches"] = searches;
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& src : req.sources) {
    auto h = Sha256File(src);
    if (!h.ok()) return h.error();
    sources.push_back({{"file", fs::path(src).filename().string()}, {"sha256", *h}});
  }
  manifest["sources"] = sources;
  auto rh = Sha256File(req.path);
  if (!rh.ok()) return rh.error();
  manifest["request"] = {{"file", fs::path(req.path).filename().string()}, {"sha256", *rh}};
  return manifest;
}

// Hashes of the public files as written, so a published copy can be checked.
void AddManifest(nlohmann::json manifest, std::map<std::string, std::string>& outputs) {
  nlohmann::json hashes = nlohmann::json::object();
  for (const auto& [name, content] : outputs) hashes[name] = Sha256String(content);
  manifest["outputs"] = hashes;
  outputs["manifest.json"] = manifest.dump(2) + "\n";
}

// The store keeps the public files (not the manifest, which is the force's
// record), so the disclosure log can be rebuilt from it; then the files go
// to the output folder.
Result<std::vector<std::string>> StoreAndWrite(Store& store, const RequestFile& req, const Date& response_date,
                                               const std::map<std::string, std::string>& outputs,
                                               const std::string& out_dir) {
  PublishedResponse stored;
  stored.reference = req.reference;
  stored.title = req.title;
  stored.response_date = response_date.Iso();
  stored.keywords = req.keywords;
  for (const auto& [name, content] : outputs)
    if (name != "manifest.json") stored.files[name] = content;
  if (auto s = store.PutResponse(stored); !s.ok()) return s.error();
  std::vector<std::string> files;
  for (const auto& [name, content] : outputs) {
    if (auto s = WriteFile(fs::path(out_dir) / name, content); !s.ok()) return s.error();
    files.push_back(name);
  }
  return files;
}

// Refusals under s12 or s14, neither confirm nor deny, and not held: a
// letter and data.json, no tables.
Result<Summary> RespondWithoutTables(Store& store, const RequestFile& req, const Options& opt,
                                     const Date& response_date) {
  const fs::path config(opt.config_dir);
  auto force = LoadForceDetails((config / "force.toml").string());
  if (!force.ok()) return force.error();
  auto library = ExemptionLibrary::Load(config.string());
  if (!library.ok()) return library.error();
  LetterContent letter = LetterBase(*force, req, response_date);
  std::vector<ExemptionUse> uses = req.exemptions;
  nlohmann::json data;
  nlohmann::json searches = nlohmann::json::array();
  Summary summary;
  summary.kind = req.kind;

  if (req.kind == ResponseKind::kRefusedS12) {
    query::Searcher searcher(store);
    auto searched = RunSearches(searcher, req);
    if (!searched.ok()) return searched.error();
    searches = searched->searches;
    query::SearchResult all;
    all.rowids = searched->candidates;
    std::map<int, int64_t> by_year;
    for (int y : req.years) by_year[y] = 0;
    for (const auto& [bucket, n] : searcher.CountBy(all, query::Bucket::kYear)) by_year[std::stoi(bucket)] += n;
    std::vector<std::string> method_lines;
    for (size_t i = 0; i < req.searches.size(); ++i)
      method_lines.push_back(force->analysis_unit + " has searched " + req.searches[i].method + " (search: " +
                             req.searches[i].query + "; " +
                             std::to_string(searches[i]["matches"].get<size_t>()) + " crimes).");
    const CostEstimate estimate = EstimateCost(by_year, req.seconds_per_record, method_lines);
    if (!estimate.exceeds_limit)
      return Error::InvalidInput(req.path + ": kind \"refused-s12\": the estimate is " +
                                 review::Fixed(estimate.hours, 1) + " hours for " +
                                 std::to_string(estimate.candidates) +
                                 " records, within the 18-hour limit: section 12 does not apply");
    std::vector<std::string> advice = estimate.advice;
    advice.insert(advice.end(), req.advice.begin(), req.advice.end());
    auto it = std::find_if(uses.begin(), uses.end(), [](const ExemptionUse& u) { return u.id == "s12"; });
    if (it == uses.end()) {
      ExemptionUse s12;
      s12.id = "s12";
      it = uses.insert(uses.begin(), s12);
    }
    if (it->reason.empty()) it->reason = Joined(estimate.reason);
    it->advice = Joined(advice) + (it->advice.empty() ? "" : "\n\n" + it->advice);
    summary.candidates = estimate.candidates;
    summary.candidate_rowids = searched->candidates;
    nlohmann::json per_year = nlohmann::json::object();
    for (const auto& [year, n] : estimate.by_year) per_year[std::to_string(year)] = n;
    data["estimate"] = {{"records", estimate.candidates},
                        {"records_by_year", per_year},
                        {"seconds_per_record", estimate.seconds_per_record},
                        {"hours", std::round(estimate.hours * 10) / 10},
                        {"limit_hours", estimate.limit_hours}};
  }
  if (req.kind == ResponseKind::kNotHeld) {
    letter.not_held = SplitParagraphs(req.not_held_reason);
    letter.advice = req.advice;
  }
  auto sections = ExemptionSections(*library, uses, response_date, req.path);
  if (!sections.ok()) return sections.error();
  letter.exemptions = std::move(*sections);
  if (req.kind != ResponseKind::kNotHeld)
    letter.refusal_notice = RefusalNoticeOpening(library->s17_notice(), force->name,
                                                 CitedSections(*library, uses, response_date));
  letter.rights = Rights(*library, force->name);

  std::map<std::string, std::string> outputs;
  if (auto s = RenderLetters(letter, req, opt, response_date, outputs); !s.ok()) return s.error();
  data["reference"] = req.reference;
  data["title"] = req.title;
  data["kind"] = KindName(req.kind);
  data["received"] = req.received.Iso();
  data["response_date"] = response_date.Iso();
  data["questions"] = req.questions;
  data["tables"] = nlohmann::json::object();
  nlohmann::json cited = nlohmann::json::array();
  for (const auto& u : uses) cited.push_back(u.id);
  data["exemptions"] = cited;
  outputs["data.json"] = data.dump(2) + "\n";

  auto manifest = ManifestBase(req, searches);
  if (!manifest.ok()) return manifest.error();
  AddManifest(std::move(*manifest), outputs);
  auto written = StoreAndWrite(store, req, response_date, outputs, opt.out_dir);
  if (!written.ok()) return written.error();
  summary.files = std::move(*written);
  for (const auto& u : uses) summary.exemptions.push_back(u.id);
  return summary;
}

}  // namespace

Result<Summary> Respond(Store& store, const RequestFile& req, const Options& opt) {
  const Date response_date = opt.date ? *opt.date : req.response_date;
  if (response_date < req.received)
    return Error::InvalidInput("--date " + response_date.Iso() + ": before the date the request was received (" +
                               req.received.Iso() + ")");
  if (!HasTables(req.kind)) return RespondWithoutTables(store, req, opt, response_date);
  const fs::path config(opt.config_dir);
  auto outcomes = OutcomeList::Load((config / "codes" / "outcomes.csv").string());
  if (!outcomes.ok()) return outcomes.error();
  auto force = LoadForceDetails((config / "force.toml").string());
  if (!force.ok()) return force.error();
  auto policy = privacy::LoadDisclosurePolicy(
      req.disclosure_policy.empty() ? (config / "disclosure" / "default.toml").string()
                                    : req.disclosure_policy);
  if (!policy.ok()) return policy.error();
  auto detector = privacy::Detector::CreateDefault(opt.config_dir);
  if (!detector.ok()) return detector.error();
  auto schema = LoadSchema(req, config);
  if (!schema.ok()) return schema.error();
  const privacy::FacetSchema* schema_ptr = *schema ? &**schema : nullptr;
  auto overrides = Overrides(req);
  if (!overrides.ok()) return overrides.error();

  auto prepared = Prepare(store, req, opt, *outcomes, schema_ptr);
  if (!prepared.ok()) return prepared.error();
  const Prepared& p = *prepared;
  const std::vector<int64_t>& candidates = p.candidates;
  const tables::ResponseTables& t = p.tables;

  auto release = Protect(req, t, *policy, *detector, schema_ptr, *overrides);
  if (!release.ok()) return release.error();
  if (!release->gate.passed())
    return Error::InvalidInput(
        req.path + ": the publish gate refused the response; nothing was written:\n" +
        release->gate.Message() +
        "An approver may accept a refusal with an [[override]] in the request file "
        "(check, subject, approver, reason).");

  if (req.kind == ResponseKind::kProvided && WithheldAnything(release->report))
    return Error::InvalidInput(req.path + ": key 'kind': \"provided\", but the disclosure policy withheld "
                               "part of the tables; use kind = \"provided-in-part\", which cites section 40(2)");

  auto library = ExemptionLibrary::Load(config.string());
  if (!library.ok()) return library.error();
  LetterContent letter = LetterBase(*force, req, response_date);
  auto sections = ExemptionSections(*library, req.exemptions, response_date, req.path);
  if (!sections.ok()) return sections.error();
  letter.exemptions = std::move(*sections);
  for (size_t i = 0; i < req.searches.size(); ++i) {
    const auto& s = req.searches[i];
    letter.methods.push_back(force->analysis_unit + " has undertaken research of " + s.method +
                             " (search: " + s.query + "; " +
                             std::to_string(p.searches[i]["matches"].get<size_t>()) + " crimes).");
  }
  letter.methods.push_back("These " + std::to_string(candidates.size()) +
                           " crimes have then been reviewed to retrieve those relevant to your "
                           "request: " + std::to_string(t.total) + " were found relevant.");
  // A question reviewed in a session: how it was read and when it stopped.
  for (size_t q = 1; q <= std::max<size_t>(req.questions.size(), 1); ++q) {
    auto session = review::Session::Load(store, req.reference, std::to_string(q));
    if (!session.ok()) {
      if (session.error().code == ErrorCode::kNotFound) continue;
      return session.error();
    }
    for (std::string& line : session->Progress().Methodology(session->session()))
      letter.methods.push_back(std::move(line));
  }
  letter.caveats = req.caveats;
  if (req.kind == ResponseKind::kProvidedInPart) {
    auto s40 = S40Paragraphs(config, response_date);
    if (!s40.ok()) return s40.error();
    letter.s40 = std::move(*s40);
    letter.disclosure = privacy::ReportSentences(release->report);
  }
  letter.rights = Rights(*library, force->name);
  letter.q1 = release->q1;
  letter.q2 = release->q2;

  std::map<std::string, std::string> outputs;
  if (auto s = RenderLetters(letter, req, opt, response_date, outputs); !s.ok()) return s.error();
  outputs["tables/q1.csv"] = tables::Csv(release->q1);
  outputs["tables/q2.csv"] = tables::Csv(release->q2);
  std::error_code ec;
  fs::create_directories(fs::path(opt.out_dir), ec);
  for (const tables::PublicTable* table : {&release->q1, &release->q2}) {
    const std::string lower = table == &release->q1 ? "q1" : "q2";
    auto bytes = XlsxBytes(*table, req.reference + " " + table->name, response_date,
                           (fs::path(opt.out_dir) / ("." + lower + ".xlsx.tmp")).string());
    if (!bytes.ok()) return bytes.error();
    outputs["tables/" + lower + ".xlsx"] = std::move(*bytes);
  }

  // data.json: the published figures for reuse, the same cells as the CSVs
  // and workbooks; what was asked and when it was answered; no personal data.
  {
    nlohmann::json data;
    data["reference"] = req.reference;
    data["title"] = req.title;
    data["kind"] = KindName(req.kind);
    data["exemptions"] = nlohmann::json::array();
    for (const auto& u : req.exemptions) data["exemptions"].push_back(u.id);
    if (req.kind == ResponseKind::kProvidedInPart) data["exemptions"].push_back("s40-2");
    data["received"] = req.received.Iso();
    data["response_date"] = response_date.Iso();
    data["questions"] = req.questions;
    nlohmann::json tables_json = nlohmann::json::object();
    for (const tables::PublicTable* table : {&release->q1, &release->q2})
      tables_json[table == &release->q1 ? "q1" : "q2"] = {
          {"name", table->name}, {"header", table->header}, {"rows", table->rows}};
    data["tables"] = tables_json;
    data["withheld"] = privacy::ReportSentences(release->report);
    outputs["data.json"] = data.dump(2) + "\n";
  }

  // disclosure.json: what was withheld and why, and which gate checks an
  // approver accepted (by kind only: subjects name crimes, reasons are free text).
  nlohmann::json disclosure = nlohmann::json::parse(privacy::ReportJson(release->report));
  nlohmann::json accepted = nlohmann::json::object();
  for (const auto& r : release->gate.refusals)
    if (r.override_by) accepted[privacy::GateCheckName(r.check)] = accepted.value(privacy::GateCheckName(r.check), 0) + 1;
  disclosure["gate"] = {{"passed", true}, {"overridden", accepted}};
  outputs["disclosure.json"] = disclosure.dump(2) + "\n";

  // The manifest: how the figures were made, by hash; no personal data
  // (no crime numbers, no names, no free text) and only published figures.
  auto base = ManifestBase(req, p.searches);
  if (!base.ok()) return base.error();
  nlohmann::json manifest = std::move(*base);
  auto dh = Sha256File(req.decisions);
  if (!dh.ok()) return dh.error();
  manifest["decisions"] = {{"file", fs::path(req.decisions).filename().string()},
                           {"sha256", *dh},
                           {"decided", p.imported.imported},
                           {"relevant", p.imported.relevant}};
  nlohmann::json by_year = nlohmann::json::object();
  for (const auto& row : release->q1.rows) by_year[row.front()] = row.back();
  manifest["counts"] = {{"candidates", candidates.size()}, {"published", by_year}};
  AddManifest(std::move(manifest), outputs);

  Summary summary;
  summary.kind = req.kind;
  auto written = StoreAndWrite(store, req, response_date, outputs, opt.out_dir);
  if (!written.ok()) return written.error();
  summary.files = std::move(*written);
  summary.candidates = static_cast<int64_t>(candidates.size());
  summary.relevant = t.total;
  for (const auto& r : t.q1) summary.relevant_by_year[r.year] = r.count;
  summary.candidate_rowids = candidates;
  for (const auto& r : release->gate.refusals)
    if (r.override_by)
      summary.overridden.push_back(r.subject + ": " + privacy::GateCheckName(r.check) +
                                   " accepted by " + r.override_by->approver);
  summary.withheld = privacy::ReportSentences(release->report);
  for (const auto& u : req.exemptions) summary.exemptions.push_back(u.id);
  if (req.kind == ResponseKind::kProvidedInPart) summary.exemptions.push_back("s40-2");
  return summary;
}

}  // namespace foidesk::respond
