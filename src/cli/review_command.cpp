#include "cli/review_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "model/clock.h"
#include "model/result.h"
#include "query/searcher.h"
#include "review/session.h"
#include "review/simulate.h"
#include "store/sqlite_store.h"

namespace foidesk::cli {
namespace {

int Fail(const Error& e) {
  std::cerr << "foidesk: " << e.message << "\n";
  return e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kMismatch ? 2 : 1;
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
  f.close();
  if (!f) return Error::Io(path + ": cannot write");
  return {};
}

struct SimulateArgs {
  std::string data, db, truth;
  int runs = 10;
  uint64_t seed = 1;
  double recall = 0.95;
  double c = 100;
  int char_ngrams = 0;
  int presumed = 0;
  bool json = false;
  bool raw = false;
  std::string curve, plot;
};

int RunSimulate(const SimulateArgs& a) {
  Result<review::LabelledData> data = Error::InvalidInput("review simulate: give --data, or --db and --truth");
  std::string name = a.data;
  if (!a.data.empty() && a.db.empty() && a.truth.empty()) {
    data = review::ReadLabelledCsv(a.data, !a.raw);
  } else if (a.data.empty() && !a.db.empty() && !a.truth.empty()) {
    auto store = SqliteStore::Open(a.db);
    if (!store.ok()) return Fail(store.error());
    data = review::ReadLabelledCrimes(**store, a.truth);
    name = a.truth;
  }
  if (!data.ok()) return Fail(data.error());
  if (data->relevant() == 0 || data->relevant() == static_cast<int64_t>(data->labels.size()))
    return Fail(Error::InvalidInput(a.data + ": needs both relevant and not relevant records"));
  review::SimulationOptions opt;
  opt.runs = a.runs;
  opt.seed = a.seed;
  opt.recall_target = a.recall;
  opt.learner.c = a.c;
  opt.learner.presumed_negatives = a.presumed;
  opt.features.char_min = opt.features.char_max = a.char_ngrams;
  const review::SimulationResult r = review::Simulate(*data, opt);
  if (!a.curve.empty())
    if (auto s = WriteFile(a.curve, r.CurveCsv()); !s.ok()) return Fail(s.error());
  if (!a.plot.empty()) {
    const std::string file = std::filesystem::path(name).filename().string();
    if (auto s = WriteFile(a.plot, r.PlotSvg("Recall against records read: " + file)); !s.ok())
      return Fail(s.error());
  }
  if (a.json) {
    std::cout << r.Json() << "\n";
    return 0;
  }
  const auto j = nlohmann::json::parse(r.Json());
  std::cout << name << ": " << r.records << " records, " << r.relevant << " relevant ("
            << data->dropped_empty << " without abstract and " << data->dropped_duplicates
            << " duplicates left out), " << r.runs.size() << " runs, medians:\n"
            << "  WSS@95 " << j["wss_95"] << "%, read to 95% recall " << j["read_to_95"]
            << ", RRF@10 " << j["rrf_10"] << "%\n"
            << "  knee rule stops at " << j["knee"]["read"] << " read, recall "
            << j["knee"]["recall"] << " (" << j["knee_runs_at_target"] << " of " << r.runs.size()
            << " runs at the target)\n"
            << "  target method stops at " << j["target"]["read"] << " read, recall "
            << j["target"]["recall"] << "\n"
            << "  hypergeometric test stops at " << j["hypergeometric"]["read"] << " read, recall "
            << j["hypergeometric"]["recall"] << "\n";
  return 0;
}

// What every session command names: the store, the request and question.
struct SessionArgs {
  std::string db, request, question = "1";
};

void AddSessionOptions(CLI::App* cmd, SessionArgs& a) {
  cmd->add_option("--db", a.db, "store file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--request", a.request, "request reference, e.g. 'FOI 000763/16'")->required();
  cmd->add_option("--question", a.question, "question of the request (default 1)");
}

// Opens the store and loads the session, or sets rc and returns nothing.
struct Opened {
  std::unique_ptr<SqliteStore> store;
  std::optional<review::Session> session;
};

Opened Open(const SessionArgs& a, int& rc) {
  Opened o;
  auto store = SqliteStore::Open(a.db);
  if (!store.ok()) {
    rc = Fail(store.error());
    return o;
  }
  o.store = std::move(*store);
  auto s = review::Session::Load(*o.store, a.request, a.question);
  if (!s.ok()) {
    rc = Fail(s.error());
    return o;
  }
  o.session.emplace(std::move(*s));
  return o;
}

nlohmann::json StatusJson(const review::SessionStatus& s) {
  nlohmann::json j{{"candidates", s.candidates},
                   {"read", s.read},
                   {"relevant", s.relevant},
                   {"unsure", s.unsure},
                   {"unread", s.unread},
                   {"can_stop", s.can_stop},
                   {"stop_rule", s.stop_rule},
                   {"saved", s.saved},
                   {"knee", {{"slope_ratio", s.knee.slope_ratio}, {"threshold", s.knee.threshold}, {"stop", s.knee.stop}}},
                   {"hypergeometric", {{"p", s.hypergeometric.p_value}, {"stop", s.hypergeometric.stop}}},
                   {"validation", {{"size", s.validation_size}, {"read", s.validation_read}}},
                   {"agreement", {{"records", s.agreement.records}, {"kappa", s.agreement.kappa}}},
                   {"disagreements", s.disagreements},
                   {"effort",
                    {{"seconds_per_record", s.effort.seconds_per_record},
                     {"rate_measured", s.effort.rate_measured},
                     {"hours_used", s.effort.hours_used},
                     {"hours_remaining", s.effort.hours_remaining},
                     {"hours_total", s.effort.hours_total},
                     {"limit_hours", s.effort.limit_hours},
                     {"exceeds_limit", s.effort.exceeds_limit}}}};
  if (s.recall)
    j["recall"] = {{"estimate", s.recall->point}, {"low", s.recall->low}, {"high", s.recall->high},
                   {"confidence", s.recall->confidence}};
  return j;
}

}  // namespace

void AddReviewCommands(CLI::App& app, int& rc) {
  auto* review = app.add_subcommand("review", "technology-assisted review of a request's candidates");
  review->require_subcommand(1);
  review->footer("Example: foidesk review start --db force.db --request 'FOI 000763/16' 'offence:71 recorded:2011..2015'\n"
                 "  then review next / decide / status / export / suggest; review simulate --data FILE.csv");

  static SimulateArgs sim;
  auto* simulate = review->add_subcommand(
      "simulate", "run the review loop on records with known labels and measure it");
  simulate->add_option("--data", sim.data, "CSV with title and abstract or text, and label_included or label")
      ->check(CLI::ExistingFile);
  simulate->add_option("--db", sim.db, "instead of --data: a store, with --truth")->check(CLI::ExistingFile);
  simulate->add_option("--truth", sim.truth, "CSV crime_id,relevant for crimes in --db (e.g. synth's truth.csv)")
      ->check(CLI::ExistingFile);
  simulate->add_option("--runs", sim.runs, "runs, each from a different random prior (default 10)")
      ->check(CLI::Range(1, 1000));
  simulate->add_option("--seed", sim.seed, "seed of the first run (default 1)");
  simulate->add_option("--recall", sim.recall, "recall target (default 0.95)")->check(CLI::Range(0.5, 0.999));
  simulate->add_flag("--json", sim.json, "print the medians as one JSON object");
  simulate->add_option("--c", sim.c, "the model's C: higher, weaker regularisation (default 100)")
      ->check(CLI::Range(0.001, 1e6));
  simulate->add_option("--char-ngrams", sim.char_ngrams, "add character n-grams of this length (default 0: none)")
      ->check(CLI::Range(0, 8));
  simulate->add_option("--presumed-negatives", sim.presumed, "random unread records taken as not relevant in each fit (default 0)")
      ->check(CLI::Range(0, 10000));
  simulate->add_flag("--raw", sim.raw, "keep records without abstract and duplicates");
  simulate->add_option("--curve", sim.curve, "write the recall curve of every run as CSV");
  simulate->add_option("--plot", sim.plot, "write the recall curves as an SVG plot");
  simulate->footer(
      "Example: foidesk review simulate --data ../shared/datasets/tar/cohen2006-ace-inhibitors.csv "
      "--runs 10 --json --plot ace.svg\n"
      "         foidesk review simulate --db out/demo/foidesk.db --truth out/demo/data/truth.csv");
  simulate->callback([&rc] { rc = RunSimulate(sim); });

  // review start
  static SessionArgs args;
  static std::string query_text, reviewer, crime, verdict, reason, summary, out;
  static int64_t seed = 1;
  static double recall = 0.95, seconds = 0, limit_hours = 18;
  static bool json = false, second = false;
  static size_t limit = 10;
  auto* start = review->add_subcommand("start", "start reviewing the candidates of a request's question");
  AddSessionOptions(start, args);
  start->add_option("--seed", seed, "seed of the random samples (default 1)");
  start->add_option("--recall", recall, "recall target (default 0.95)")->check(CLI::Range(0.5, 0.999));
  start->add_option("QUERY", query_text, "the query that chooses the candidates")->required();
  start->footer("Example: foidesk review start --db force.db --request 'FOI 000763/16' "
                "'offence:71 recorded:2011..2015 (video OR web* OR photo*)'");
  start->callback([&rc] {
    auto store = SqliteStore::Open(args.db);
    if (!store.ok()) { rc = Fail(store.error()); return; }
    review::StartOptions o;
    o.request_ref = args.request;
    o.question = args.question;
    o.query = query_text;
    o.seed = seed;
    o.recall_target = recall;
    o.now = UtcNowIso();
    auto s = review::StartSession(**store, o);
    if (!s.ok()) { rc = Fail(s.error()); return; }
    std::cout << "review session for " << args.request << " question " << args.question << ": "
              << s->candidates.size() << " candidates\n";
  });

  auto* next = review->add_subcommand("next", "show the next record to read");
  AddSessionOptions(next, args);
  next->add_option("--reviewer", reviewer, "who reads it")->required();
  next->add_flag("--second", second, "a record of the second reviewer's sample");
  next->add_flag("--json", json, "print {crime_id, phase, position, score, text, highlighted}");
  next->footer("Example: foidesk review next --db force.db --request 'FOI 000763/16' --reviewer analyst1");
  next->callback([&rc] {
    Opened o = Open(args, rc);
    if (!o.session) return;
    auto r = o.session->Next(reviewer, second);
    if (!r.ok()) { rc = Fail(r.error()); return; }
    if (!*r) {
      if (json) { std::cout << "{\"crime_id\": null}\n"; return; }
      std::cout << (second ? "the second reviewer's sample is read\n"
                           : "nothing left to read: see review status\n");
      return;
    }
    const review::NextRecord& n = **r;
    if (json) {
      std::cout << nlohmann::json{{"crime_id", n.crime_key}, {"phase", n.phase}, {"position", n.position},
                                  {"score", n.score}, {"text", n.text}, {"highlighted", n.highlighted}}
                       .dump(2)
                << "\n";
      return;
    }
    std::cout << n.crime_key << "  (" << n.phase << ", record " << n.position << ")\n\n"
              << n.highlighted << "\n";
  });

  auto* decide = review->add_subcommand("decide", "record a decision on a record");
  AddSessionOptions(decide, args);
  decide->add_option("--reviewer", reviewer, "who decided")->required();
  decide->add_option("--crime", crime, "the crime id")->required();
  decide->add_option("--reason", reason, "why (kept with the decision)");
  decide->add_option("--summary", summary, "public summary, for a relevant crime");
  decide->add_option("--seconds", seconds, "seconds spent on the record");
  decide->add_option("VERDICT", verdict, "relevant, not_relevant or unsure")
      ->required()
      ->check(CLI::IsMember({"relevant", "not_relevant", "unsure"}));
  decide->footer("Example: foidesk review decide --db force.db --request 'FOI 000763/16' --reviewer analyst1 "
                 "--crime 71/1234/14 --seconds 45 relevant");
  decide->callback([&rc] {
    Opened o = Open(args, rc);
    if (!o.session) return;
    if (auto s = o.session->Decide(crime, verdict, reviewer, reason, summary, seconds, UtcNowIso()); !s.ok()) {
      rc = Fail(s.error());
      return;
    }
    std::cout << "recorded: " << crime << " " << verdict << "\n";
  });

  auto* status = review->add_subcommand("status", "how far the review is, when it can stop, and the effort");
  AddSessionOptions(status, args);
  status->add_option("--limit-hours", limit_hours, "the section 12 limit in hours (default 18)");
  status->add_flag("--json", json, "print one JSON object");
  status->footer("Example: foidesk review status --db force.db --request 'FOI 000763/16'");
  status->callback([&rc] {
    Opened o = Open(args, rc);
    if (!o.session) return;
    review::EffortLimit lim;
    lim.hours = limit_hours;
    const review::SessionStatus s = o.session->Progress(lim);
    if (json) {
      std::cout << StatusJson(s).dump(2) << "\n";
      return;
    }
    for (const std::string& line : s.Lines(o.session->session())) std::cout << line << "\n";
    for (const std::string& key : s.disagreements) std::cout << "  to settle: " << key << "\n";
  });

  auto* export_cmd = review->add_subcommand("export", "write every decision of the session as CSV");
  AddSessionOptions(export_cmd, args);
  export_cmd->add_option("--out", out, "CSV file (default: standard output)");
  export_cmd->footer("Example: foidesk review export --db force.db --request 'FOI 000763/16' --out review.csv");
  export_cmd->callback([&rc] {
    Opened o = Open(args, rc);
    if (!o.session) return;
    const std::string csv = o.session->ExportCsv();
    if (out.empty()) {
      std::cout << csv;
      return;
    }
    if (auto s = WriteFile(out, csv); !s.ok()) rc = Fail(s.error());
  });

  auto* suggest = review->add_subcommand("suggest", "words in relevant records that the query lacks");
  AddSessionOptions(suggest, args);
  suggest->add_option("--limit", limit, "words shown (default 10)");
  suggest->footer("Example: foidesk review suggest --db force.db --request 'FOI 000763/16'");
  suggest->callback([&rc] {
    Opened o = Open(args, rc);
    if (!o.session) return;
    auto s = o.session->Suggest(limit);
    if (!s.ok()) { rc = Fail(s.error()); return; }
    if (s->empty()) {
      std::cout << "no suggestions yet: the model needs a relevant decision\n";
      return;
    }
    std::cout << "word            weight  in relevant  more candidates\n";
    for (const auto& g : *s)
      std::cout << fmt::format("{:<15} {:>6.2f}  {:>11}  {:>15}\n", g.word, g.weight, g.relevant,
                               g.adds < 0 ? std::string("-") : std::to_string(g.adds));
  });

  // foidesk estimate
  static std::string est_db;
  static double assumed = 60;
  auto* estimate = app.add_subcommand(
      "estimate", "project the hours of reviewing a query's candidates against section 12");
  estimate->add_option("--db", est_db, "store file")->required()->check(CLI::ExistingFile);
  estimate->add_option("--seconds-per-record", assumed, "assumed reading time (default 60)")
      ->check(CLI::Range(1.0, 3600.0));
  estimate->add_option("--limit-hours", limit_hours, "the section 12 limit in hours (default 18)");
  estimate->add_flag("--json", json, "print one JSON object");
  estimate->add_option("QUERY", query_text, "the query")->required();
  estimate->footer("Example: foidesk estimate --db force.db 'offence:71 recorded:2011..2015'");
  estimate->callback([&rc] {
    auto store = SqliteStore::Open(est_db);
    if (!store.ok()) { rc = Fail(store.error()); return; }
    query::Searcher searcher(**store);
    auto r = searcher.Search(query_text);
    if (!r.ok()) { rc = Fail(r.error()); return; }
    review::EffortInput in;
    in.remaining = static_cast<int64_t>(r->rowids.size());
    in.assumed_seconds = assumed;
    in.limit.hours = limit_hours;
    const review::EffortProjection p = review::ProjectEffort(in);
    if (json) {
      std::cout << nlohmann::json{{"candidates", in.remaining}, {"seconds_per_record", p.seconds_per_record},
                                  {"hours", p.hours_total}, {"limit_hours", p.limit_hours},
                                  {"exceeds_limit", p.exceeds_limit}}
                       .dump(2)
                << "\n";
      return;
    }
    std::cout << r->rowids.size() << " candidates. Reading all of them: " << p.Sentence() << "\n";
  });
}

}  // namespace foidesk::cli
