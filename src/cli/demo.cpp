#include "cli/demo.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <set>

#include "ingest/ingest.h"
#include "model/clock.h"
#include "model/csv.h"
#include "respond/disclosure_log.h"
#include "respond/letter.h"
#include "respond/request_file.h"
#include "respond/respond.h"
#include "register/request_register.h"
#include "review/labelled_data.h"
#include "review/simulate.h"
#include "store/sqlite_store.h"
#include "synth/synth.h"

namespace foidesk::cli {
namespace {

namespace fs = std::filesystem;

// The request as FOI 000763/16 put it, and the searches the force described.
std::string RequestToml(const std::vector<std::string>& sources) {
  std::string s = R"toml(# FOI 000763/16 as the force answered it. Written by `foidesk demo`;
# `foidesk respond inputs/request.toml --out DIR` answers it again.
reference = "FOI 000763/16"
title = "Sextortion reports, 2011 to 2015"
received = 2016-03-16
response_date = 2016-03-30
years = [2011, 2012, 2013, 2014, 2015]
questions = [
  "How many reports of 'sextortion' have been recorded by your force in 2011, 2012, 2013, 2014 and 2015? Can I please have a figure for each year?",
  "For each report can you please provide any additional information recorded – the age, town/city report made, details of what happened, conclusion of the investigation.",
]
definition = "By sextortion I mean where victims are persuaded to perform intimate acts over social media and then asked to make a payment to avoid the footage being distributed. They are also known as webcam or photo blackmail scams."
store = "../foidesk.db"
decisions = "decisions.csv"
# Reviewers' summaries are checked against this facet schema's vocabulary;
# a relevant crime without one gets a summary composed from its facets.
summary_schema = "sextortion"
keywords = ["sextortion", "blackmail", "webcam", "crime statistics"]
# Omitted: disclosure_policy = "..." (default: config/disclosure/default.toml).
caveats = [
  "Please note, the crime figures are reliant on the inclusion of one or more of the keywords used.",
  "Due to a change in the recording database from October 2015 all crimes of blackmail on the current system have been reviewed to locate those relevant to your request.",
]
sources = [
)toml";
  for (const auto& src : sources) s += "  \"../data/" + fs::path(src).filename().string() + "\",\n";
  s += R"toml(]

[[search]]
source = "crs"
query = "offence:71 recorded:2011-01-01..2015-12-31 (video OR web* OR photo*)"
method = "recorded crimes of Blackmail on the legacy crime recording system where the words 'video', 'web' and/or 'photo' are contained within the text"

[[search]]
source = "rms"
query = "offence:71 recorded:2011-01-01..2015-12-31"
method = "all recorded crimes of Blackmail on the current records management system"
)toml";
  return s;
}

}  // namespace

Status RunDemo(const DemoOptions& opt) {
  const fs::path out(opt.out_dir);
  const fs::path data = out / "data";
  const fs::path inputs = out / "inputs";
  std::error_code ec;
  // A demo always starts from nothing, so that it is reproducible.
  for (const char* f : {"foidesk.db", "foidesk.db-wal", "foidesk.db-shm"}) fs::remove(out / f, ec);
  fs::remove_all(data, ec);
  fs::remove_all(out / "response", ec);
  fs::create_directories(inputs, ec);

  std::cerr << "foidesk demo: building the synthetic force (seed " << opt.seed << ")\n";
  synth::Options so;
  so.seed = opt.seed;
  so.crimes_per_year = opt.crimes_per_year;
  auto synth = synth::Generate(so, data.string());
  if (!synth.ok()) return synth.error();

  auto store = SqliteStore::Open((out / "foidesk.db").string());
  if (!store.ok()) return store.error();
  std::vector<std::string> exports;
  for (const auto& f : synth->files) {
    std::string name = fs::path(f).filename().string();
    if (name.rfind("crs_", 0) == 0 || name.rfind("rms_", 0) == 0) exports.push_back((data / name).string());
  }
  std::sort(exports.begin(), exports.end());
  ingest::Options io;
  io.config_dir = opt.config_dir;
  io.findings_path = (out / "findings.csv").string();
  io.progress = &std::cerr;
  auto counts = ingest::Ingest(**store, exports, io);
  if (!counts.ok()) return counts.error();
  std::cout << "ingest: read " << counts->read << ", loaded " << counts->loaded << ", rejected "
            << counts->rejected << ", duplicates " << counts->duplicates << ", migrated "
            << counts->migrated << " (findings in " << io.findings_path << ")\n";

  {
    std::ofstream(inputs / "request.toml", std::ios::binary) << RequestToml(exports);
    fs::copy_file(data / "decisions.csv", inputs / "decisions.csv",
                  fs::copy_options::overwrite_existing, ec);
    if (ec) return Error::Io((inputs / "decisions.csv").string() + ": " + ec.message());
  }
  auto request = respond::LoadRequestFile((inputs / "request.toml").string());
  if (!request.ok()) return request.error();
  auto response = respond::Respond(**store, *request, respond::Options{(out / "response").string(), opt.config_dir, UtcNowIso(), {}});
  if (!response.ok()) return response.error();

  // The disclosure log, with this response published in it.
  {
    auto force = respond::LoadForceDetails((fs::path(opt.config_dir) / "force.toml").string());
    if (!force.ok()) return force.error();
    if (auto s = (*store)->SetPublished(request->reference, true); !s.ok()) return s;
    auto published = (*store)->PublishedResponses();
    if (!published.ok()) return published.error();
    std::string base = force->disclosure_log_url.empty() ? "https://www.example.police.uk/disclosure-log/"
                                                         : force->disclosure_log_url;
    if (base.back() != '/') base += '/';
    if (auto s = respond::WriteSite((out / "site").string(),
                                    respond::BuildDisclosureLog(*published, {force->name, base}));
        !s.ok())
      return s;
  }

  // The register, as the FOI team kept it: received by e-mail on 16 March,
  // answered on 30 March with the response just written.
  std::string register_line;
  {
    auto reg = reg::RequestRegister::Open(**store, opt.config_dir);
    if (!reg.ok()) return reg.error();
    reg::NewRequest n;
    n.reference = request->reference;
    n.received = request->received;
    n.channel = "email";
    n.requester = "Synthetic Requester";  // private: never in a public file
    n.subject = request->title;
    n.questions = request->questions;
    const reg::Actor officer{"foi-officer", UtcNowIso()};
    auto opened = reg->Create(n, officer);
    if (!opened.ok()) return opened.error();
    for (auto [to, on, why] : {std::tuple{RequestStatus::kInProgress, request->received, "searches run"},
                               std::tuple{RequestStatus::kResponded, request->response_date, "letter sent"}}) {
      auto moved = reg->ChangeStatus(request->reference, to, on, why, officer);
      if (!moved.ok()) return moved.error();
    }
    if (auto s = reg->RecordResponse(request->reference, response->exemptions, "response/", officer); !s.ok()) return s;
    auto r = reg->Get(request->reference);
    if (!r.ok()) return r.error();
    auto foia = reg::FindRegime(opt.config_dir, r->regime);
    if (!foia.ok()) return foia.error();
    auto days = reg::WorkingDaysBetween(*foia, reg->calendar(), r->received, *r->responded);
    if (!days.ok()) return days.error();
    register_line = "register: " + r->reference + " received " + r->received.Iso() + ", due " +
                    (r->due ? r->due->Iso() : std::string("-")) + " (foidesk request show), answered " +
                    r->responded->Iso() + " in " + std::to_string(*days) + " working days\n";
  }

  // Against the ground truth: relevant crimes of the requested years that
  // the keyword search never put in front of a reviewer.
  std::set<int64_t> candidates(response->candidate_rowids.begin(), response->candidate_rowids.end());
  std::ifstream truth(data / "truth.csv", std::ios::binary);
  CsvReader reader(truth);
  CsvRecord rec;
  int64_t relevant_in_years = 0, missed = 0;
  bool header = true;
  while (reader.Next(rec)) {
    if (header) { header = false; continue; }
    if (rec.fields.size() < 2 || rec.fields[1] != "1") continue;
    auto id = (*store)->ResolveCrimeId(rec.fields[0]);
    if (!id.ok() || !id->has_value()) continue;
    auto crime = (*store)->GetCrime(**id);
    if (!crime.ok() || !crime->has_value()) continue;
    int year = (**crime).recorded.year;
    if (year < request->years.front() || year > request->years.back()) continue;
    ++relevant_in_years;
    if (!candidates.count(**id)) ++missed;
  }
  std::cout << "search: " << response->candidates << " candidate crimes reviewed, "
            << response->relevant << " relevant\n";
  std::cout << "ground truth: " << relevant_in_years << " relevant crimes in "
            << request->years.front() << "-" << request->years.back() << "; the keyword search missed "
            << missed << " of them\n";
  // What ranked review would have done: every blackmail crime read in the
  // order the active learner sets, against the same ground truth.
  {
    auto labelled = review::ReadLabelledCrimes(**store, (data / "truth.csv").string());
    if (!labelled.ok()) return labelled.error();
    review::SimulationOptions so;
    so.runs = 3;
    const review::SimulationResult sim = review::Simulate(*labelled, so);
    const auto j = nlohmann::json::parse(sim.Json());
    const double read95 = j["read_to_95"].get<double>();
    std::cout << "ranked review (simulated, 3 runs): reading all " << sim.records
              << " blackmail crimes in the model's order finds 95% of the " << sim.relevant
              << " relevant ones after " << std::llround(read95) << " (" << std::fixed << std::setprecision(1)
              << 100.0 * read95 / sim.records << "%); the knee rule stops after "
              << std::llround(j["knee"]["read"].get<double>()) << " with recall " << std::setprecision(3)
              << j["knee"]["recall"].get<double>() << std::defaultfloat << "\n";
  }
  std::cout << register_line;
  std::cout << "disclosure control:";
  for (const auto& w : response->withheld) std::cout << "\n  " << w;
  std::cout << "\nresponse (public) written to " << (out / "response").string() << "/:";
  for (const auto& f : response->files) std::cout << " " << f;
  std::cout << "\ndisclosure log (public) written to " << (out / "site").string() << "/index.html";
  std::cout << "\ninputs kept in " << inputs.string() << "/ (request.toml, decisions.csv)\n";
  return {};
}

}  // namespace foidesk::cli
