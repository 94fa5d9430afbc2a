// The foidesk command: a thin shell over the library modules. Parses the
// command line, calls one library function, prints; catches everything at
// the top so no input can crash it without a clear message.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/bench.h"
#include "cli/clock_command.h"
#include "cli/request_command.h"
#include "register/request_register.h"
#include "cli/config_dir.h"
#include "cli/demo.h"
#include "cli/pii_eval_command.h"
#include "cli/pii_train_command.h"
#include "cli/review_bench.h"
#include "cli/review_command.h"
#include "ingest/ingest.h"
#include "model/clock.h"
#include "privacy/facets.h"
#include "privacy/pii.h"
#include "privacy/publish_gate.h"
#include "privacy/summary.h"
#include "privacy/redact.h"
#include "query/parser.h"
#include "query/searcher.h"
#include "respond/disclosure_log.h"
#include "respond/letter.h"
#include "respond/request_file.h"
#include "respond/respond.h"
#include "review/decisions_file.h"
#include "store/sqlite_store.h"
#include "synth/synth.h"
#include "tables/tables.h"

namespace foidesk::cli {
namespace {

namespace fs = std::filesystem;

int Fail(const Error& e) {
  std::cerr << "foidesk: " << e.message << "\n";
  return e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kMismatch ? 2 : 1;
}

std::unique_ptr<SqliteStore> OpenStore(const std::string& path, int& rc) {
  auto store = SqliteStore::Open(path);
  if (!store.ok()) {
    rc = Fail(store.error());
    return nullptr;
  }
  return std::move(*store);
}

int Ingest(const std::string& db, const std::vector<std::string>& files, const std::string& config,
           std::string findings, bool json) {
  int rc = 0;
  auto store = OpenStore(db, rc);
  if (!store) return rc;
  ingest::Options opt;
  opt.config_dir = config;
  opt.findings_path = findings.empty() ? db + ".findings.csv" : findings;
  opt.progress = &std::cerr;
  auto counts = ingest::Ingest(*store, files, opt);
  if (!counts.ok()) return Fail(counts.error());
  if (json) {
    nlohmann::json j = {{"read", counts->read},         {"loaded", counts->loaded},
                        {"rejected", counts->rejected}, {"duplicates", counts->duplicates},
                        {"migrated", counts->migrated}};
    std::cout << j.dump() << "\n";
  } else {
    std::cout << "read " << counts->read << ", loaded " << counts->loaded << ", rejected "
              << counts->rejected << ", duplicates " << counts->duplicates << ", migrated "
              << counts->migrated << "\n";
    if (counts->rejected + counts->duplicates > 0)
      std::cout << "findings: " << opt.findings_path << "\n";
  }
  return 0;
}

int Search(const std::string& db, const std::string& text, const std::string& by, bool csv,
           bool json, size_t limit) {
  auto q = query::ParseQuery(text);
  if (!q.ok()) return Fail(q.error());
  int rc = 0;
  auto store = OpenStore(db, rc);
  if (!store) return rc;
  query::Searcher searcher(*store);
  auto result = searcher.Search(*q);
  if (!result.ok()) return Fail(result.error());
  std::map<std::string, int64_t> buckets;
  if (!by.empty()) {
    query::Bucket b = by == "year" ? query::Bucket::kYear
                      : by == "fyear" ? query::Bucket::kFinancialYear
                                      : query::Bucket::kMonth;
    for (const auto& [k, n] : searcher.CountBy(*result, b)) buckets[k] = n;
  }
  if (json) {
    auto keys = store->CrimeKeys(result->rowids);
    if (!keys.ok()) return Fail(keys.error());
    nlohmann::json j = {{"total", result->rowids.size()}, {"by", buckets}, {"ids", *keys}};
    std::cout << j.dump() << "\n";
    return 0;
  }
  if (csv) {
    if (!by.empty()) {
      std::cout << by << ",count\r\n";
      for (const auto& [k, n] : buckets) std::cout << k << "," << n << "\r\n";
      std::cout << "Total," << result->rowids.size() << "\r\n";
      return 0;
    }
    auto keys = store->CrimeKeys(result->rowids);
    if (!keys.ok()) return Fail(keys.error());
    std::cout << "crime_id\r\n";
    for (const auto& k : *keys) std::cout << k << "\r\n";
    return 0;
  }
  if (!by.empty()) {
    std::cout << by << "\tcount\n";
    for (const auto& [k, n] : buckets) std::cout << k << "\t" << n << "\n";
    std::cout << "Total\t" << result->rowids.size() << "\n";
    return 0;
  }
  auto hits = searcher.Hits(*result, *q, limit);
  if (!hits.ok()) return Fail(hits.error());
  for (const auto& h : *hits) {
    // Staff-only output: the crime number, date, systems and matched words.
    auto crime = store->GetCrime(h.rowid);
    if (!crime.ok()) return Fail(crime.error());
    std::string systems;
    if (crime->has_value())
      for (const auto& r : (*crime)->refs) systems += (systems.empty() ? "" : "+") + r.source;
    std::cout << h.key << "  " << (crime->has_value() ? (*crime)->recorded.Iso() : "") << "  "
              << systems << "  " << h.snippet << "\n";
  }
  std::cout << result->rowids.size() << " crimes match";
  if (result->rowids.size() > hits->size()) std::cout << " (first " << hits->size() << " shown; --limit N)";
  std::cout << "\n";
  return 0;
}

int Publish(const std::string& db, const std::string& ref, const std::string& site, std::string base_url,
            const std::string& config) {
  int rc = 0;
  auto store = OpenStore(db, rc);
  if (!store) return rc;
  auto force = respond::LoadForceDetails((fs::path(config) / "force.toml").string());
  if (!force.ok()) return Fail(force.error());
  if (base_url.empty()) base_url = force->disclosure_log_url;
  if (base_url.empty())
    return Fail(Error::InvalidInput("publish: give --base-url, or disclosure_log_url in force.toml"));
  if (base_url.back() != '/') base_url += '/';
  if (auto s = store->SetPublished(ref, true); !s.ok()) return Fail(s.error());
  auto published = store->PublishedResponses();
  if (!published.ok()) return Fail(published.error());
  const auto files = respond::BuildDisclosureLog(*published, {force->name, base_url});
  if (auto s = respond::WriteSite(site, files); !s.ok()) return Fail(s.error());
  std::cout << "disclosure log: " << published->size() << " responses, " << files.size() << " files in " << site
            << "/ (index.html)\n";
  return 0;
}

int Respond(const std::string& request_path, const std::string& out, const std::string& config,
            const std::string& date) {
  std::optional<Date> response_date;
  if (!date.empty()) {
    response_date = ParseIsoDate(date);
    if (!response_date) return Fail(Error::InvalidInput("--date '" + date + "': expected a date YYYY-MM-DD"));
  }
  auto request = respond::LoadRequestFile(request_path);
  if (!request.ok()) return Fail(request.error());
  // A request whose store is gone is answered from its source exports again.
  bool fresh = !fs::exists(request->store);
  int rc = 0;
  auto store = OpenStore(request->store, rc);
  if (!store) return rc;
  if (fresh) {
    if (request->sources.empty())
      return Fail(Error::NotFound(request->store + ": no store, and the request names no sources"));
    ingest::Options opt;
    opt.config_dir = config;
    opt.findings_path = request->store + ".findings.csv";
    opt.progress = &std::cerr;
    auto counts = ingest::Ingest(*store, request->sources, opt);
    if (!counts.ok()) return Fail(counts.error());
  }
  // A request in the register answers from its record: the date received,
  // and the date responded when no --date is given; the response is then
  // recorded against it with the exemptions it relied on.
  std::optional<reg::RequestRegister> reg;
  if (auto found = store->GetRequest(request->reference); !found.ok()) {
    return Fail(found.error());
  } else if (*found) {
    auto r = reg::RequestRegister::Open(*store, config);
    if (!r.ok()) return Fail(r.error());
    reg.emplace(std::move(*r));
    if ((*found)->received != request->received)
      std::cerr << request->reference << ": received " << (*found)->received.Iso()
                << " in the register (the request file says " << request->received.Iso() << "); the register's date is used\n";
    request->received = (*found)->received;
    if (!response_date && (*found)->responded) response_date = (*found)->responded;
  }
  auto summary = respond::Respond(*store, *request, respond::Options{out, config, UtcNowIso(), response_date});
  if (!summary.ok()) return Fail(summary.error());
  if (reg) {
    std::string files;
    for (const auto& f : summary->files) files += (files.empty() ? "" : " ") + f;
    if (auto s = reg->RecordResponse(request->reference, summary->exemptions, files, {"foidesk respond", UtcNowIso()});
        !s.ok())
      return Fail(s.error());
  }
  std::cout << request->reference << ": ";
  if (respond::HasTables(summary->kind))
    std::cout << summary->candidates << " candidates, " << summary->relevant << " relevant";
  else
    std::cout << respond::KindName(summary->kind)
              << (summary->candidates > 0 ? " (" + std::to_string(summary->candidates) + " candidates)" : "");
  std::cout << "; written to " << out << "/:";
  for (const auto& f : summary->files) std::cout << " " << f;
  std::cout << "\n";
  for (const auto& w : summary->withheld) std::cout << "disclosure: " << w << "\n";
  for (const auto& o : summary->overridden) std::cerr << "publish gate override: " << o << "\n";
  return 0;
}

// The working tables before disclosure control, for the analyst's checks.
int WorkingTables(const std::string& request_path, const std::string& which,
                  const std::string& config) {
  auto request = respond::LoadRequestFile(request_path);
  if (!request.ok()) return Fail(request.error());
  if (!fs::exists(request->store))
    return Fail(Error::NotFound(request->store + ": no store; run 'foidesk respond' or 'foidesk ingest' first"));
  int rc = 0;
  auto store = OpenStore(request->store, rc);
  if (!store) return rc;
  auto t = respond::WorkingTables(*store, *request, respond::Options{"", config, UtcNowIso(), {}});
  if (!t.ok()) return Fail(t.error());
  std::cerr << "staff only: working tables before disclosure control; not for publication\n";
  std::cout << (which == "q1" ? tables::Q1Csv(*t) : tables::Q2Csv(*t));
  return 0;
}

}  // namespace
}  // namespace foidesk::cli

int main(int argc, char** argv) {
  using namespace foidesk;
  using namespace foidesk::cli;
  try {
    CLI::App app{"foidesk: answer Freedom of Information requests about crime records, from the "
                 "force's exports to the response letter."};
    app.set_version_flag("--version", std::string("foidesk ") + FOIDESK_VERSION);
    app.require_subcommand(1);
    app.footer("Run 'foidesk COMMAND --help' for a command's options and an example.");
    std::string config = ConfigDir(argv[0]);
    app.add_option("--config", config, "configuration folder (mappings, codes, templates)")
        ->capture_default_str();
    int rc = 0;

    auto* ingest = app.add_subcommand("ingest", "load source exports into a store");
    std::string db, findings;
    std::vector<std::string> files;
    bool json = false;
    ingest->add_option("--db", db, "store file (created if missing)")->required();
    ingest->add_option("--findings", findings, "findings CSV (default: DB.findings.csv)");
    ingest->add_flag("--json", json, "print the counts as one JSON object");
    ingest->add_option("SOURCE", files, "export files: crs_*.csv, rms_*.jsonl")->required();
    ingest->footer("Example: foidesk ingest --db force.db data/crs_1.csv data/rms_1.jsonl");
    ingest->callback([&] { rc = Ingest(db, files, config, findings, json); });

    auto* search = app.add_subcommand("search", "search crimes with the query language");
    std::string query_text, by;
    bool csv = false;
    size_t limit = 20;
    search->add_option("--db", db, "store file")->required()->check(CLI::ExistingFile);
    search->add_option("--by", by, "count by year, fyear (financial year) or month")
        ->check(CLI::IsMember({"year", "fyear", "month"}));
    search->add_flag("--csv", csv, "print CSV");
    search->add_flag("--json", json, "print {\"total\", \"by\", \"ids\"}");
    search->add_option("--limit", limit, "crimes shown with highlights")->capture_default_str();
    search->add_option("QUERY", query_text, "the query")->required();
    search->footer(
        "Query language: words, prefix*, \"phrases\", AND (or nothing), OR, NOT, ( ), and filters\n"
        "  offence:71  recorded:2011-01-01..2015-12-31  recorded:2014  recorded:2014/15\n"
        "  source:crs  outcome:18  outcome:open  town:\"great yarmouth\"\n"
        "Example: foidesk search --db force.db --by year "
        "'offence:71 recorded:2011-01-01..2015-12-31 (video OR web* OR photo*)'");
    search->callback([&] { rc = Search(db, query_text, by, csv, json, limit); });

    auto* decisions = app.add_subcommand("decisions", "review decisions");
    decisions->require_subcommand(1);
    decisions->footer("Example: foidesk decisions import --db force.db --request 'FOI 000763/16' decisions.csv");
    auto* import = decisions->add_subcommand("import", "import a decisions CSV for a request");
    std::string request_ref, decisions_file;
    import->add_option("--db", db, "store file")->required()->check(CLI::ExistingFile);
    import->add_option("--request", request_ref, "request reference, e.g. 'FOI 000763/16'")->required();
    import->add_option("FILE", decisions_file, "CSV: crime_id,relevant,reviewer,summary,reason")
        ->required();
    import->footer("Example: foidesk decisions import --db force.db --request 'FOI 000763/16' decisions.csv");
    import->callback([&] {
      int orc = 0;
      auto store = OpenStore(db, orc);
      if (!store) { rc = orc; return; }
      auto d = review::ReadDecisionsCsv(decisions_file, request_ref);
      if (!d.ok()) { rc = Fail(d.error()); return; }
      auto n = review::ImportDecisions(*store, *d, decisions_file, UtcNowIso());
      if (!n.ok()) { rc = Fail(n.error()); return; }
      std::cout << "imported " << n->imported << " decisions (" << n->relevant << " relevant) for "
                << request_ref << "\n";
    });

    auto* export_cmd = decisions->add_subcommand("export", "write a request's decisions as CSV");
    std::string export_out;
    export_cmd->add_option("--db", db, "store file")->required()->check(CLI::ExistingFile);
    export_cmd->add_option("--request", request_ref, "request reference")->required();
    export_cmd->add_option("--out", export_out, "CSV file to write (default: standard output)");
    export_cmd->footer("Example: foidesk decisions export --db force.db --request 'FOI 000763/16' --out d.csv");
    export_cmd->callback([&] {
      int orc = 0;
      auto store = OpenStore(db, orc);
      if (!store) { rc = orc; return; }
      auto d = store->Decisions(request_ref);
      if (!d.ok()) { rc = Fail(d.error()); return; }
      std::string csv = review::DecisionsCsv(*d);
      if (export_out.empty()) { std::cout << csv; return; }
      std::ofstream f(export_out, std::ios::binary);
      f << csv;
      f.close();
      if (!f) { rc = Fail(Error::Io(export_out + ": cannot write")); return; }
      std::cerr << "wrote " << d->size() << " decisions to " << export_out << "\n";
    });

    auto* respond_cmd = app.add_subcommand("respond", "write the response to a request file");
    std::string request_path, out;
    respond_cmd->add_option("REQUEST", request_path, "request file (TOML)")->required()->check(CLI::ExistingFile);
    respond_cmd->add_option("--out", out, "output folder")->required();
    std::string respond_date;
    respond_cmd->add_option("--date", respond_date,
                            "response date YYYY-MM-DD, and with it the law the letter cites (default: the request file's)");
    respond_cmd->footer(
        "Example: foidesk respond out/demo/inputs/request.toml --out out/again\n"
        "The tables are protected by the request's disclosure policy and checked by the publish\n"
        "gate; a refusal names the crime and check, which an approver may accept with\n"
        "[[override]] check = \"...\", subject = \"...\", approver = \"...\", reason = \"...\".");
    respond_cmd->callback([&] { rc = Respond(request_path, out, config, respond_date); });

    auto* tables_cmd = app.add_subcommand(
        "tables", "print a request's working tables before disclosure control (staff only)");
    std::string tables_request, tables_which = "q2";
    tables_cmd->add_option("REQUEST", tables_request, "request file (TOML)")->required()->check(CLI::ExistingFile);
    tables_cmd->add_option("--table", tables_which, "q1 (counts by year) or q2 (one row per crime)")
        ->check(CLI::IsMember({"q1", "q2"}))
        ->capture_default_str();
    tables_cmd->footer("Example: foidesk tables out/demo/inputs/request.toml --table q1");
    tables_cmd->callback([&] { rc = WorkingTables(tables_request, tables_which, config); });

    auto* pii = app.add_subcommand("pii", "find personal data in UTF-8 text read from standard input");
    bool pii_json = false;
    pii->add_flag("--json", pii_json,
                  "print {\"findings\": [{type, start, end, text, score, recogniser}]} with byte offsets");
    pii->footer("Example: foidesk pii --json < narrative.txt\n  (echo 'IP OF 12 HIGH STREET, NORWICH NR2 1AB' | foidesk pii)");
    pii->callback([&] {
      auto detector = privacy::Detector::CreateDefault(config);
      if (!detector.ok()) { rc = Fail(detector.error()); return; }
      std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      auto findings = detector->Detect(text);
      // The text of a finding goes to standard output only, never to a log.
      std::cout << (pii_json ? privacy::FindingsJson(text, findings) + "\n"
                             : privacy::FindingsText(text, findings));
    });

    auto* redact = app.add_subcommand("redact", "redact personal data in UTF-8 text read from standard input");
    std::string redact_field = "text", redact_policy;
    bool redact_log = false;
    redact->add_option("--field", redact_field, "field the text comes from (policy overrides per field)")
        ->capture_default_str();
    redact->add_option("--policy", redact_policy, "redaction policy (default: CONFIG/redaction/default.toml)");
    redact->add_flag("--log", redact_log, "print what was redacted, by type and operator, on stderr (no values)");
    redact->footer("Example: foidesk redact --field narrative < narrative.txt > narrative.redacted.txt");
    redact->callback([&] {
      auto detector = privacy::Detector::CreateDefault(config);
      if (!detector.ok()) { rc = Fail(detector.error()); return; }
      auto policy = privacy::LoadRedactionPolicy(
          redact_policy.empty() ? config + "/redaction/default.toml" : redact_policy);
      if (!policy.ok()) { rc = Fail(policy.error()); return; }
      std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      auto out = privacy::RedactTextWithLog(text, *detector, *policy, redact_field);
      if (!out.ok()) { rc = Fail(out.error()); return; }
      std::cout << out->text;
      if (redact_log) std::cerr << out->log.Text();
    });

    auto* summarise = app.add_subcommand(
        "summarise", "compose a safe public summary of a crime's text, or check a reviewer's summary");
    std::string summary_schema = "sextortion";
    bool summary_check = false;
    summarise->add_option("--schema", summary_schema, "facet schema (CONFIG/facets/NAME.toml)")
        ->capture_default_str();
    summarise->add_flag("--check", summary_check,
                        "read a reviewer's summary instead, and say whether the publish gate would "
                        "accept it (exit 1 if not)");
    summarise->footer(
        "Example: foidesk summarise < crime-text.txt\n"
        "  (echo 'Threat to post video to friends unless money paid' | foidesk summarise --check)");
    summarise->callback([&] {
      auto schema = privacy::LoadFacetSchema(config + "/facets/" + summary_schema + ".toml");
      if (!schema.ok()) { rc = Fail(schema.error()); return; }
      std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      if (!summary_check) {
        const privacy::Facets facets = privacy::ExtractFacets(*schema, text);
        for (const auto& [facet, values] : facets.values) {
          std::cout << facet << ":";
          for (const auto& v : values) std::cout << " " << v;
          std::cout << "\n";
        }
        std::cout << "summary: " << privacy::ComposeSummary(*schema, facets) << "\n";
        return;
      }
      auto detector = privacy::Detector::CreateDefault(config);
      if (!detector.ok()) { rc = Fail(detector.error()); return; }
      privacy::PublicRelease release;
      release.details.columns = {"details"};
      release.details.rows = {{text}};
      release.crime_ids = {"(summary)"};
      privacy::DisclosurePolicy no_tables;  // only the summary checks apply
      privacy::GateOptions gopt;
      gopt.schema = &*schema;
      auto gate = privacy::CheckRelease(release, no_tables, *detector, gopt, {});
      if (gate.passed()) {
        std::cout << "accepted: no personal data found, every word in the " << summary_schema
                  << " vocabulary\n";
        return;
      }
      std::cout << gate.Message();
      // The reviewer sees which ordinary words to reword; words inside a
      // finding are not repeated (they are personal data).
      const auto findings = detector->Detect(text);
      std::vector<std::string> ordinary;
      for (const auto& w : privacy::WordsOutsideVocabulary(*schema, text)) {
        const size_t at = text.find(w);
        const bool personal = std::any_of(findings.begin(), findings.end(), [&](const auto& f) {
          return at != std::string::npos && at < f.end && at + w.size() > f.start;
        });
        if (!personal) ordinary.push_back(w);
      }
      if (!ordinary.empty()) {
        std::cout << "ordinary words outside the vocabulary:";
        for (const auto& w : ordinary) std::cout << " " << w;
        std::cout << "\n";
      }
      rc = 1;
    });

    auto* synth_cmd = app.add_subcommand("synth", "write a synthetic force's exports with ground truth");
    synth::Options so;
    std::string synth_out;
    synth_cmd->add_option("--out", synth_out, "output folder")->required();
    synth_cmd->add_option("--seed", so.seed, "random seed")->capture_default_str();
    synth_cmd->add_option("--crimes-per-year", so.crimes_per_year)->capture_default_str();
    synth_cmd->add_option("--files", so.files_per_source, "files per source")->capture_default_str();
    synth_cmd->footer("Example: foidesk synth --out data --seed 16");
    synth_cmd->callback([&] {
      auto s = synth::Generate(so, synth_out);
      if (!s.ok()) { rc = Fail(s.error()); return; }
      std::cout << "wrote " << s->crimes << " crimes (" << s->crs_rows << " CRS rows, " << s->rms_rows
                << " RMS rows, " << s->migrated << " migrated, " << s->blackmail << " blackmail, "
                << s->relevant << " sextortion) to " << synth_out << "/\n";
    });

    auto* demo = app.add_subcommand("demo", "answer FOI 000763/16 end to end on a synthetic force");
    DemoOptions demo_opt;
    demo->add_option("--out", demo_opt.out_dir, "output folder")->capture_default_str();
    demo->add_option("--seed", demo_opt.seed, "synthetic force seed")->capture_default_str();
    demo->add_option("--crimes-per-year", demo_opt.crimes_per_year)->capture_default_str();
    demo->footer("Example: foidesk demo --out out/demo");
    demo->callback([&] {
      demo_opt.config_dir = config;
      auto s = RunDemo(demo_opt);
      if (!s.ok()) rc = Fail(s.error());
    });

    AddReviewCommands(app, rc);
    AddClockCommands(app, config, rc);
    AddPiiTrainCommand(app, config, rc);
    AddRequestCommands(app, config, rc);

    auto* publish = app.add_subcommand("publish", "add a response to the disclosure log and rebuild the site");
    std::string publish_ref, site_dir, base_url;
    publish->add_option("--db", db, "store file (respond records each response in it)")->required()->check(CLI::ExistingFile);
    publish->add_option("--site", site_dir, "the site's folder (rebuilt whole)")->required();
    publish->add_option("--base-url", base_url, "where the site is served (default: force.toml's disclosure_log_url)");
    publish->add_option("REF", publish_ref, "request reference, e.g. 'FOI 000763/16'")->required();
    publish->footer("Example: foidesk publish --db force.db --site out/site 'FOI 000763/16'");
    publish->callback([&] { rc = Publish(db, publish_ref, site_dir, base_url, config); });

    auto* bench = app.add_subcommand("bench", "ingest and search benchmarks on a synthetic force");
    BenchOptions bench_opt;
    bench->add_option("--crimes", bench_opt.crimes, "crimes to build")->capture_default_str();
    bench->add_option("--runs", bench_opt.runs, "repeats per query (median)")->capture_default_str();
    bench->add_option("--dir", bench_opt.dir, "work folder")->capture_default_str();
    bench->add_option("--pii-mb", bench_opt.pii_megabytes, "MB of text for the PII detection speed (0: skip)")
        ->capture_default_str();
    std::string pii_eval_dir;
    bool bench_json = false;
    int64_t review_candidates = 0;
    bench->add_option("--review", review_candidates,
                      "only measure retraining and re-ranking N review candidates (e.g. 100000)")
        ->check(CLI::Range(int64_t{100}, int64_t{10000000}));
    auto* pii_eval_opt =
        bench->add_option("--pii-eval", pii_eval_dir,
                          "only score PII detection on the public data sets in DIR (see docs/benchmarks.md)")
            ->check(CLI::ExistingDirectory);
    bench->add_flag("--json", bench_json, "with --pii-eval: print the scores as one JSON object")
        ->needs(pii_eval_opt);
    bench->footer("Example: foidesk bench --crimes 1000000 --runs 15\n"
                  "Example: foidesk bench --pii-eval ../shared/datasets/pii\n"
                  "Example: foidesk bench --review 100000");
    bench->callback([&] {
      bench_opt.config_dir = config;
      if (review_candidates > 0) {
        ReviewBenchOptions ro;
        ro.candidates = review_candidates;
        ro.runs = bench_opt.runs;
        ro.config_dir = config;
        if (auto s = RunReviewBench(ro); !s.ok()) rc = Fail(s.error());
        return;
      }
      if (!pii_eval_dir.empty()) {
        if (auto s = RunPiiEvalCommand(pii_eval_dir, config, bench_json); !s.ok()) rc = Fail(s.error());
        return;
      }
      auto s = RunBench(bench_opt);
      if (!s.ok()) rc = Fail(s.error());
    });

    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      return app.exit(e);
    }
    return rc;
  } catch (const std::exception& e) {
    std::cerr << "foidesk: internal error: " << e.what() << "\n";
    return 70;
  }
}
