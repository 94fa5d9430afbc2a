#include "cli/request_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/clock.h"
#include "model/result.h"
#include "register/clock_report.h"
#include "register/request_register.h"
#include "store/sqlite_store.h"

namespace foidesk::cli {
namespace {

int Fail(const Error& e) {
  std::cerr << "foidesk: " << e.message << "\n";
  return e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kMismatch || e.code == ErrorCode::kNotFound ? 2
                                                                                                                 : 1;
}

// The store and the register over it, or the exit status of the failure.
struct Opened {
  std::unique_ptr<SqliteStore> store;
  std::optional<reg::RequestRegister> reg;
};

std::optional<Opened> OpenRegister(const std::string& db, const std::string& config, int& rc) {
  auto store = SqliteStore::Open(db);
  if (!store.ok()) {
    rc = Fail(store.error());
    return std::nullopt;
  }
  Opened o;
  o.store = std::move(*store);
  auto r = reg::RequestRegister::Open(*o.store, config);
  if (!r.ok()) {
    rc = Fail(r.error());
    return std::nullopt;
  }
  o.reg.emplace(std::move(*r));
  return o;
}

// Today in Europe/London, unless the officer gives the day (reports of a
// past day, and tests).
Result<Date> Today(const std::string& given) {
  if (!given.empty()) return reg::ParseDateOption("--today", given);
  auto d = LocalDateOfTimestamp(UtcNowIso());
  if (!d) return Error::Internal("cannot work out today's date in Europe/London");
  return *d;
}

std::string Show(const std::optional<Date>& d) { return d ? d->Iso() : "-"; }

nlohmann::json Json(const FoiRequest& r, bool with_private) {
  auto day = [](const std::optional<Date>& d) { return d ? nlohmann::json(d->Iso()) : nlohmann::json(nullptr); };
  nlohmann::json j{{"reference", r.reference},     {"regime", r.regime},
                   {"received", r.received.Iso()}, {"channel", r.channel},
                   {"subject", r.subject},         {"questions", r.questions},
                   {"status", StatusId(r.status)}, {"due", day(r.due)},
                   {"extended_due", day(r.extended_due)}, {"responded", day(r.responded)},
                   {"exemptions", r.exemptions},   {"similar_to", r.similar_to},
                   {"review_requested", day(r.review_requested)}, {"review_due", day(r.review_due)}};
  if (r.extension)
    j["extension"] = {{"date", r.extension->date.Iso()}, {"reason", r.extension->reason}};
  if (with_private) j["requester"] = {{"name", r.requester}, {"contact", r.contact}};
  return j;
}

void PrintRequest(const FoiRequest& r, const reg::RequestRegister& reg, bool with_private) {
  std::cout << r.reference << "  " << StatusId(r.status) << "  (" << r.regime << ")\n"
            << "subject:   " << r.subject << "\n"
            << "received:  " << r.received.Iso() << (r.channel.empty() ? "" : " by " + r.channel) << "\n"
            << "requester: " << (with_private ? r.requester + " <" + r.contact + ">" : "(private: --private shows it)")
            << "\n";
  for (size_t i = 0; i < r.questions.size(); ++i) std::cout << "Q" << i + 1 << ": " << r.questions[i] << "\n";
  std::cout << "due:       " << Show(r.due);
  if (r.extended_due) std::cout << ", extended to " << r.extended_due->Iso();
  std::cout << "\n";
  if (r.responded) std::cout << "responded: " << r.responded->Iso() << "\n";
  if (r.review_requested) std::cout << "internal review: asked " << r.review_requested->Iso() << ", due " << Show(r.review_due) << "\n";
  if (!r.exemptions.empty()) {
    std::cout << "exemptions:";
    for (const auto& e : r.exemptions) std::cout << " " << e;
    std::cout << "\n";
  }
  if (auto w = reg.Working(r); w.ok()) {
    std::cout << "\nHow the deadline was worked out\n";
    for (const auto& s : w->skipped) std::cout << "  " << s.date.Iso() << "  " << reg::WeekdayName(s.date) << "  " << s.reason << "\n";
    for (const auto& n : w->notes) std::cout << "  " << n << "\n";
    if (w->stopped) std::cout << "  " << *w->stopped << "\n";
  }
}

// What the subcommands parse into: it must outlive AddRequestCommands, as
// the callbacks run when the app parses.
struct Common {
  std::string db;
  std::string by;
  std::string reference;
  std::string date;
  std::string today;
  bool json = false;
};
Common c;

reg::Actor who() { return reg::Actor{c.by, UtcNowIso()}; }

}  // namespace

void AddRequestCommands(CLI::App& app, const std::string& config, int& rc) {
  auto* request = app.add_subcommand("request", "the request register: requests, their deadlines and their life");
  request->require_subcommand(1);
  request->footer(
      "Example: foidesk request open --db force.db --received 2016-03-16 --channel email --requester 'A. Person' \\\n"
      "           --subject 'Sextortion reports' --question 'How many were recorded each year?' --by officer1\n"
      "Dates are Europe/London calendar dates. The requester's name and contact are private: no list,\n"
      "report, public file or log line holds them.");

  auto db_option = [](CLI::App* cmd) { cmd->add_option("--db", c.db, "the store (SQLite file)")->required(); };

  // open
  static reg::NewRequest n;
  static std::string received;
  auto* open = request->add_subcommand("open", "record a new request and give it the next reference");
  db_option(open);
  open->add_option("--received", received, "date received, YYYY-MM-DD")->required();
  open->add_option("--channel", n.channel, "email, post, web, ...");
  open->add_option("--requester", n.requester, "requester's name (private)");
  open->add_option("--contact", n.contact, "requester's address or e-mail (private)");
  open->add_option("--subject", n.subject, "what the request is about")->required();
  open->add_option("--question", n.questions, "a question, as asked (repeat for each)")->required();
  open->add_option("--regime", n.regime, "foia, foisa, eir, sar, internal-review")->capture_default_str();
  open->add_option("--reference", n.reference, "a reference given already (default: the next in the force's format)");
  open->add_option("--by", c.by, "who records it")->required();
  open->add_flag("--json", c.json, "print the request as JSON");
  open->callback([&] {
    auto d = reg::ParseDateOption("--received", received);
    if (!d.ok()) { rc = Fail(d.error()); return; }
    n.received = *d;
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    auto r = o->reg->Create(n, who());
    if (!r.ok()) { rc = Fail(r.error()); return; }
    if (c.json) std::cout << Json(*r, false).dump(2) << "\n";
    else std::cout << r->reference << ": received " << r->received.Iso() << ", due " << Show(r->due) << "\n";
  });

  // show
  static bool with_private = false;
  auto* show = request->add_subcommand("show", "one request, its deadline worked out, and its history");
  db_option(show);
  show->add_option("REFERENCE", c.reference, "e.g. 'FOI 000763/16'")->required();
  show->add_flag("--private", with_private, "show the requester's name and contact (staff only)");
  show->add_flag("--json", c.json, "as JSON");
  show->callback([&] {
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    auto r = o->reg->Get(c.reference);
    if (!r.ok()) { rc = Fail(r.error()); return; }
    auto history = o->reg->History(c.reference);
    if (!history.ok()) { rc = Fail(history.error()); return; }
    if (c.json) {
      nlohmann::json j = Json(*r, with_private);
      nlohmann::json h = nlohmann::json::array();
      for (const auto& e : *history)
        h.push_back({{"at", e.at}, {"actor", e.actor}, {"kind", e.kind}, {"from", e.from_status},
                     {"to", e.to_status}, {"date", e.date ? nlohmann::json(e.date->Iso()) : nlohmann::json(nullptr)},
                     {"detail", e.detail}});
      j["history"] = h;
      if (auto w = o->reg->Working(*r); w.ok()) j["deadline"] = nlohmann::json::parse(reg::DeadlineJson(*w));
      std::cout << j.dump(2) << "\n";
      return;
    }
    PrintRequest(*r, *o->reg, with_private);
    std::cout << "\nHistory\n";
    for (const auto& e : *history) {
      std::cout << "  " << e.at << "  " << e.actor << "  " << e.kind;
      if (!e.to_status.empty() && e.kind == "status") std::cout << " " << e.from_status << " -> " << e.to_status;
      if (e.date) std::cout << " on " << e.date->Iso();
      if (!e.detail.empty()) std::cout << ": " << e.detail;
      std::cout << "\n";
    }
  });

  // list
  static std::string status, due_before;
  static bool overdue = false;
  static std::vector<std::string> words;
  auto* list = request->add_subcommand("list", "requests, filtered; never the requester's details");
  db_option(list);
  list->add_option("--status", status, "only requests in this status");
  list->add_option("--due-before", due_before, "only requests due before this date");
  list->add_flag("--overdue", overdue, "only requests awaiting a response past their due date");
  list->add_option("--subject", words, "only requests whose subject holds every word");
  list->add_option("--today", c.today, "the day overdue is measured on (default: today in Europe/London)");
  list->add_flag("--json", c.json, "as JSON");
  list->callback([&] {
    reg::ListFilter f;
    if (!status.empty()) {
      f.status = ParseStatus(status);
      if (!f.status) { rc = Fail(Error::InvalidInput("--status '" + status + "': not a status of a request")); return; }
    }
    if (!due_before.empty()) {
      auto d = reg::ParseDateOption("--due-before", due_before);
      if (!d.ok()) { rc = Fail(d.error()); return; }
      f.due_before = *d;
    }
    f.overdue = overdue;
    f.subject_words = words;
    auto today = Today(c.today);
    if (!today.ok()) { rc = Fail(today.error()); return; }
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    auto rs = o->reg->List(f, *today);
    if (!rs.ok()) { rc = Fail(rs.error()); return; }
    if (c.json) {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& r : *rs) a.push_back(Json(r, false));
      std::cout << a.dump(2) << "\n";
      return;
    }
    for (const auto& r : *rs)
      std::cout << r.reference << "  " << r.received.Iso() << "  due " << Show(r.extended_due ? r.extended_due : r.due)
                << "  " << StatusId(r.status) << "  " << r.subject << "\n";
    std::cerr << rs->size() << " requests\n";
  });

  // update: a change of status, or of the request's fields
  static std::string to, reason;
  static reg::RequestChanges changes;
  static std::vector<std::string> exemptions;
  static bool clear_exemptions = false;
  auto* update = request->add_subcommand("update", "move a request on (--status) or change its details");
  db_option(update);
  update->add_option("REFERENCE", c.reference, "e.g. 'FOI 000763/16'")->required();
  update->add_option("--status", to, "the status it moves to");
  update->add_option("--date", c.date, "the day it happened (default: today in Europe/London)");
  update->add_option("--reason", reason, "why");
  update->add_option("--subject", changes.subject, "a new subject");
  update->add_option("--add-question", changes.add_questions, "a further question");
  update->add_option("--exemption", exemptions, "an exemption the response relies on (s40-2, s30, ...)");
  update->add_flag("--no-exemptions", clear_exemptions, "the response relies on none");
  update->add_option("--similar-to", changes.similar_to, "aggregate with this request for section 12");
  update->add_option("--by", c.by, "who makes the change")->required();
  update->footer(
      "Statuses: received, awaiting-clarification, awaiting-fee, in-progress, approval, responded, closed,\n"
      "internal-review, ico-complaint. Entering awaiting-clarification or awaiting-fee stops the clock;\n"
      "moving to in-progress records the day the answer or fee arrived.\n"
      "Example: foidesk request update 'FOI 000001/16' --db force.db --status responded --date 2016-03-30 \\\n"
      "           --reason 'letter sent' --by officer1");
  update->callback([&] {
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    if (!exemptions.empty() || clear_exemptions) changes.exemptions = exemptions;
    const bool fields = changes.subject || !changes.add_questions.empty() || changes.exemptions || !changes.similar_to.empty();
    if (to.empty() && !fields) {
      rc = Fail(Error::InvalidInput("nothing to update: give --status, --subject, --add-question, --exemption or --similar-to"));
      return;
    }
    if (fields) {
      auto r = o->reg->Update(c.reference, changes, who());
      if (!r.ok()) { rc = Fail(r.error()); return; }
    }
    if (!to.empty()) {
      auto s = ParseStatus(to);
      if (!s) { rc = Fail(Error::InvalidInput("--status '" + to + "': not a status of a request")); return; }
      auto on = Today(c.date);
      if (!c.date.empty()) on = reg::ParseDateOption("--date", c.date);
      if (!on.ok()) { rc = Fail(on.error()); return; }
      auto r = o->reg->ChangeStatus(c.reference, *s, *on, reason, who());
      if (!r.ok()) { rc = Fail(r.error()); return; }
      std::cout << r->reference << ": " << StatusId(r->status) << ", due "
                << Show(r->extended_due ? r->extended_due : r->due) << "\n";
      return;
    }
    std::cout << c.reference << ": updated\n";
  });

  // extend
  static std::optional<int> days;
  auto* extend = request->add_subcommand("extend", "a further deadline (FOIA s10(3) public interest test, EIR reg 7)");
  db_option(extend);
  extend->add_option("REFERENCE", c.reference, "e.g. 'FOI 000763/16'")->required();
  extend->add_option("--days", days, "further working days (default: the regime's, 20 under FOIA)");
  extend->add_option("--reason", reason, "why, as the notice to the requester says it")->required();
  extend->add_option("--date", c.date, "the day the requester was told")->required();
  extend->add_option("--by", c.by, "who extends")->required();
  extend->callback([&] {
    auto on = reg::ParseDateOption("--date", c.date);
    if (!on.ok()) { rc = Fail(on.error()); return; }
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    auto r = o->reg->Extend(c.reference, *on, days, reason, who());
    if (!r.ok()) { rc = Fail(r.error()); return; }
    std::cout << r->reference << ": due " << Show(r->due) << ", extended to " << Show(r->extended_due) << "\n";
  });

  // log-time
  static TimeEntry entry;
  auto* log = request->add_subcommand("log-time", "time spent on a request, by activity, for section 12");
  db_option(log);
  log->add_option("REFERENCE", c.reference, "e.g. 'FOI 000763/16'")->required();
  log->add_option("--activity", entry.activity,
                  "determining, locating, retrieving, extracting (counted); redacting, other (not counted)")
      ->required();
  log->add_option("--hours", entry.hours, "hours spent")->required();
  log->add_option("--date", c.date, "the day (default: today in Europe/London)");
  log->add_option("--note", entry.note, "what was done");
  log->add_option("--by", c.by, "who spent it")->required();
  log->callback([&] {
    auto on = Today(c.date);
    if (!c.date.empty()) on = reg::ParseDateOption("--date", c.date);
    if (!on.ok()) { rc = Fail(on.error()); return; }
    entry.reference = c.reference;
    entry.date = *on;
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    if (auto s = o->reg->LogTime(entry, who()); !s.ok()) { rc = Fail(s.error()); return; }
    std::cout << c.reference << ": " << entry.hours << " h " << entry.activity << " logged\n";
  });

  // cost
  auto* cost = request->add_subcommand("cost", "where a request stands against the section 12 limit");
  db_option(cost);
  cost->add_option("REFERENCE", c.reference, "e.g. 'FOI 000763/16'")->required();
  cost->add_flag("--json", c.json, "as JSON");
  cost->callback([&] {
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    auto r = o->reg->Cost(c.reference);
    if (!r.ok()) { rc = Fail(r.error()); return; }
    if (c.json) {
      nlohmann::json by = nlohmann::json::object();
      for (const auto& a : r->by_activity) by[a.activity] = {{"hours", a.hours}, {"counted", a.counted}};
      std::cout << nlohmann::json{{"reference", r->reference},
                                  {"by_activity", by},
                                  {"counted_hours", r->counted_hours},
                                  {"aggregated_with", r->aggregated},
                                  {"aggregated_hours", r->aggregated_hours},
                                  {"limit_hours", r->limit_hours},
                                  {"limit_gbp", r->limit_gbp},
                                  {"exceeds_limit", r->exceeds_limit},
                                  {"same_requester_within_60_working_days", r->same_requester_within_60_days}}
                       .dump(2)
                << "\n";
      return;
    }
    std::cout << r->reference << ": section 12\n";
    for (const auto& a : r->by_activity)
      std::cout << "  " << a.activity << ": " << a.hours << " h" << (a.counted ? "" : " (not counted)") << "\n";
    std::cout << "  counted: " << r->counted_hours << " h of the " << r->limit_hours << "-hour limit (£"
              << r->limit_gbp << " at £" << r->rate_gbp << " an hour)\n";
    if (!r->aggregated.empty()) {
      std::cout << "  aggregated with";
      for (const auto& a : r->aggregated) std::cout << " " << a;
      std::cout << ": " << r->aggregated_hours << " h\n";
    }
    std::cout << "  " << (r->exceeds_limit ? "over the limit: section 12 may apply" : "within the limit") << "\n";
    if (!r->same_requester_within_60_days.empty()) {
      std::cout << "  same requester within 60 working days (aggregate if for similar information):";
      for (const auto& a : r->same_requester_within_60_days) std::cout << " " << a;
      std::cout << "\n";
    }
  });

  // report
  static std::string format = "table";
  auto* report = request->add_subcommand("report", "due this week, overdue, and per month the share answered in time");
  db_option(report);
  report->add_option("--today", c.today, "the day the report is for (default: today in Europe/London)");
  report->add_option("--format", format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  report->callback([&] {
    auto today = Today(c.today);
    if (!today.ok()) { rc = Fail(today.error()); return; }
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    auto r = o->reg->Report(*today);
    if (!r.ok()) { rc = Fail(r.error()); return; }
    std::cout << (format == "csv" ? reg::ReportCsv(*r) : format == "json" ? reg::ReportJson(*r) : reg::ReportText(*r));
  });

  // holidays import: beside `holidays list` and `holidays check`.
  CLI::App* holidays = nullptr;
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    if (sub->get_name() == "holidays") holidays = sub;
  if (holidays == nullptr) holidays = app.add_subcommand("holidays", "UK bank holidays");
  static std::string file;
  auto* import = holidays->add_subcommand(
      "import", "import gov.uk's bank-holidays.json into a store; deadlines of requests in hand move with it");
  db_option(import);
  import->add_option("FILE", file, "bank-holidays.json from gov.uk")->required()->check(CLI::ExistingFile);
  import->add_option("--by", c.by, "who imports it")->required();
  import->callback([&] {
    auto o = OpenRegister(c.db, config, rc);
    if (!o) return;
    auto lines = o->reg->ImportHolidays(file, who());
    if (!lines.ok()) { rc = Fail(lines.error()); return; }
    for (const auto& l : *lines) std::cout << l << "\n";
    std::cerr << "imported " << file << "; " << lines->size() << " changes\n";
  });
}

}  // namespace foidesk::cli
