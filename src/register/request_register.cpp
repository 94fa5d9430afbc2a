#include "register/request_register.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "config/toml_reading.h"

namespace foidesk::reg {
namespace {

// The four activities regulation 4(3) of the Fees Regulations 2004 allows to
// be counted; anything else (redacting, considering exemptions) is not.
const std::set<std::string> kCountedActivities = {"determining", "locating", "retrieving", "extracting"};
const std::set<std::string> kActivities = {"determining", "locating", "retrieving", "extracting",
                                           "redacting",   "other"};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trimmed(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

std::optional<Date> EffectiveDue(const FoiRequest& r) { return r.extended_due ? r.extended_due : r.due; }

std::string Hours(double h) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(2);
  o << h;
  return o.str();
}

// The last day a request's life was changed on: a later change may not be
// dated before it.
Date LastChangeDay(const FoiRequest& r) {
  Date last = r.received;
  auto later = [&](const std::optional<Date>& d) {
    if (d && *d > last) last = *d;
  };
  for (const auto& s : r.stops) {
    later(s.from);
    later(s.to);
  }
  if (r.extension) later(r.extension->date);
  later(r.responded);
  later(r.review_requested);
  later(r.review_responded);
  later(r.complaint_received);
  return last;
}

std::vector<Holiday> HolidaysFromJson(const std::string& text) {
  std::vector<Holiday> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& h : j) {
    auto date = ParseIsoDate(h.value("date", ""));
    auto division = ParseDivision(h.value("division", ""));
    if (date && division) out.push_back({*date, *division, h.value("title", "")});
  }
  return out;
}

std::string HolidaysToJson(const std::vector<Holiday>& holidays) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& h : holidays)
    j.push_back({{"date", h.date.Iso()}, {"division", DivisionId(h.division)}, {"title", h.title}});
  return j.dump();
}

// The shipped holidays with every import merged in, oldest first.
Result<HolidayCalendar> CalendarWithImports(Store& store, const std::string& config_dir) {
  auto calendar = HolidayCalendar::Load(config_dir);
  if (!calendar.ok()) return calendar.error();
  auto imports = store.HolidayImports();
  if (!imports.ok()) return imports.error();
  HolidayCalendar merged = std::move(*calendar);
  for (const auto& imp : *imports) merged = MergeImported(merged, HolidaysFromJson(imp.holidays_json)).calendar;
  return merged;
}

}  // namespace

Result<RegisterSettings> LoadRegisterSettings(const std::string& config_dir) {
  const std::string path = (std::filesystem::path(config_dir) / "force.toml").string();
  auto parsed = config::ParseTomlFile(path, "the force details");
  if (!parsed.ok()) return parsed.error();
  const toml::table& t = *parsed;
  RegisterSettings s;
  if (const toml::node* n = t.get("reference_format")) {
    auto v = n->value<std::string>();
    if (!v || v->find("{seq") == std::string::npos)
      return Error::InvalidInput(path + ": key 'reference_format': expected a string holding {seq:N}");
    s.reference_format = *v;
  }
  for (auto [key, out] : {std::pair{"appropriate_limit_gbp", &s.limit_gbp}, std::pair{"hourly_rate_gbp", &s.rate_gbp}}) {
    if (const toml::node* n = t.get(key)) {
      auto v = n->value<double>();
      if (!v || *v <= 0) return Error::InvalidInput(path + ": key '" + key + "': expected an amount in pounds, more than 0");
      *out = *v;
    }
  }
  return s;
}

Result<std::string> FormatReference(const std::string& format, int seq, int year) {
  std::string out;
  for (size_t i = 0; i < format.size();) {
    if (format[i] != '{') {
      out += format[i++];
      continue;
    }
    const size_t close = format.find('}', i);
    if (close == std::string::npos) return Error::InvalidInput("reference_format: '{' without '}'");
    const std::string token = format.substr(i + 1, close - i - 1);
    if (token == "yy") {
      const int yy = year % 100;
      out += (yy < 10 ? "0" : "") + std::to_string(yy);
    } else if (token == "yyyy") {
      out += std::to_string(year);
    } else if (token == "seq" || token.rfind("seq:", 0) == 0) {
      int width = 0;
      if (token.size() > 4) {
        try {
          width = std::stoi(token.substr(4));
        } catch (const std::exception&) {
          return Error::InvalidInput("reference_format: '{" + token + "}': expected {seq:N}, N a width");
        }
      }
      std::string n = std::to_string(seq);
      if (static_cast<int>(n.size()) < width) n.insert(0, static_cast<size_t>(width) - n.size(), '0');
      out += n;
    } else {
      return Error::InvalidInput("reference_format: unknown token '{" + token + "}' (use {seq:N}, {yy}, {yyyy})");
    }
    i = close + 1;
  }
  return out;
}

bool AwaitsResponse(RequestStatus s) {
  return s == RequestStatus::kReceived || s == RequestStatus::kAwaitingClarification ||
         s == RequestStatus::kAwaitingFee || s == RequestStatus::kInProgress || s == RequestStatus::kApproval;
}

std::vector<RequestStatus> AllowedNext(RequestStatus from) {
  using S = RequestStatus;
  switch (from) {
    case S::kReceived:
      return {S::kAwaitingClarification, S::kAwaitingFee, S::kInProgress, S::kApproval, S::kResponded, S::kClosed};
    case S::kAwaitingClarification: return {S::kInProgress, S::kClosed};
    case S::kAwaitingFee: return {S::kInProgress, S::kClosed};
    case S::kInProgress:
      return {S::kAwaitingClarification, S::kAwaitingFee, S::kApproval, S::kResponded, S::kClosed};
    case S::kApproval: return {S::kInProgress, S::kResponded};
    case S::kResponded: return {S::kClosed, S::kInternalReview, S::kIcoComplaint};
    case S::kClosed: return {S::kInternalReview, S::kIcoComplaint};
    case S::kInternalReview: return {S::kClosed, S::kIcoComplaint};
    case S::kIcoComplaint: return {S::kClosed};
  }
  return {};
}

RequestRegister::RequestRegister(Store& store, std::string config_dir, RegisterSettings settings,
                                 HolidayCalendar calendar, std::map<std::string, Regime> regimes)
    : store_(store),
      config_dir_(std::move(config_dir)),
      settings_(std::move(settings)),
      calendar_(std::move(calendar)),
      regimes_(std::move(regimes)) {}

Result<RequestRegister> RequestRegister::Open(Store& store, const std::string& config_dir) {
  auto settings = LoadRegisterSettings(config_dir);
  if (!settings.ok()) return settings.error();
  auto calendar = CalendarWithImports(store, config_dir);
  if (!calendar.ok()) return calendar.error();
  auto regimes = LoadRegimes(config_dir);
  if (!regimes.ok()) return regimes.error();
  std::map<std::string, Regime> by_name;
  for (auto& r : *regimes) by_name[r.name] = std::move(r);
  return RequestRegister(store, config_dir, std::move(*settings), std::move(*calendar), std::move(by_name));
}

Result<const Regime*> RequestRegister::FindRegime(const std::string& name) const {
  auto it = regimes_.find(name);
  if (it != regimes_.end()) return &it->second;
  std::string known;
  for (const auto& [n, r] : regimes_) known += (known.empty() ? "" : ", ") + n;
  return Error::InvalidInput("unknown regime '" + name + "' (known: " + known + ")");
}

Status RequestRegister::Recompute(FoiRequest& r) const {
  auto regime = FindRegime(r.regime);
  if (!regime.ok()) return regime.error();
  auto deadline = Working(r);
  if (!deadline.ok()) return deadline.error();
  r.due = deadline->due;
  r.extended_due = deadline->extended_due;
  r.review_due.reset();
  if (r.review_requested) {
    auto review = FindRegime("internal-review");
    if (!review.ok()) return review.error();
    DeadlineInput in;
    in.received = *r.review_requested;
    auto d = ComputeDeadline(**review, calendar_, in);
    if (!d.ok()) return d.error();
    r.review_due = d->due;
  }
  return {};
}

Result<Deadline> RequestRegister::Working(const FoiRequest& r) const {
  auto regime = FindRegime(r.regime);
  if (!regime.ok()) return regime.error();
  DeadlineInput in;
  in.received = r.received;
  for (const auto& s : r.stops) {
    auto kind = ParsePauseKind(s.kind);
    if (!kind) return Error::InvalidInput("request " + r.reference + ": unknown clock stop '" + s.kind + "'");
    in.pauses.push_back({*kind, s.from, s.to});
  }
  if (r.extension) in.extension = Extension{r.extension->reason, r.extension->working_days};
  auto d = ComputeDeadline(**regime, calendar_, in);
  if (!d.ok()) return Error::InvalidInput("request " + r.reference + ": " + d.error().message);
  return d;
}

template <typename Change>
Result<FoiRequest> RequestRegister::Apply(const std::string& reference, const Actor& who, Change change) {
  if (auto s = store_.Begin(); !s.ok()) return s.error();
  auto fail = [&](Error e) -> Result<FoiRequest> {
    (void)store_.Rollback();
    return e;
  };
  auto found = store_.GetRequest(reference);
  if (!found.ok()) return fail(found.error());
  if (!*found) return fail(Error::NotFound("no request " + reference + " in the register"));
  FoiRequest r = std::move(**found);
  std::vector<RequestEvent> events;
  if (auto s = change(r, events); !s.ok()) return fail(s.error());
  const std::optional<Date> due_before = EffectiveDue(r);
  if (auto s = Recompute(r); !s.ok()) return fail(s.error());
  if (EffectiveDue(r) != due_before && due_before && EffectiveDue(r))
    events.push_back({0, reference, who.at, who.name, "deadline", "", "", std::nullopt,
                      "due " + due_before->Iso() + " -> " + EffectiveDue(r)->Iso()});
  if (auto s = store_.PutRequest(r, std::nullopt); !s.ok()) return fail(s.error());
  for (auto& e : events) {
    e.reference = reference;
    e.at = who.at;
    e.actor = who.name;
    if (auto s = store_.AddRequestEvent(e); !s.ok()) return fail(s.error());
  }
  if (auto s = store_.Commit(); !s.ok()) return fail(s.error());
  return r;
}

Result<FoiRequest> RequestRegister::Create(const NewRequest& in, const Actor& who) {
  if (Trimmed(in.subject).empty()) return Error::InvalidInput("--subject: a request needs a subject");
  if (in.questions.empty()) return Error::InvalidInput("--question: a request needs at least one question");
  if (Trimmed(who.name).empty()) return Error::InvalidInput("--by: say who is recording the request");
  FoiRequest r;
  r.regime = in.regime;
  r.received = in.received;
  r.channel = in.channel;
  r.requester = in.requester;
  r.contact = in.contact;
  r.subject = in.subject;
  r.questions = in.questions;
  if (auto regime = FindRegime(r.regime); !regime.ok()) return regime.error();
  // The deadline first: a date the holidays do not cover is refused before
  // a reference is taken.
  if (auto s = Recompute(r); !s.ok()) return s.error();

  if (auto s = store_.Begin(); !s.ok()) return s.error();
  auto fail = [&](Error e) -> Result<FoiRequest> {
    (void)store_.Rollback();
    return e;
  };
  std::optional<std::pair<int, int>> sequence;
  if (!in.reference.empty()) {
    r.reference = in.reference;
    auto existing = store_.GetRequest(r.reference);
    if (!existing.ok()) return fail(existing.error());
    if (*existing) return fail(Error::InvalidInput("--reference: " + r.reference + " is already in the register"));
  } else {
    auto next = store_.NextRequestNumber(r.received.year);
    if (!next.ok()) return fail(next.error());
    // A reference entered by hand may hold a number the sequence reaches.
    for (int n = *next;; ++n) {
      auto ref = FormatReference(settings_.reference_format, n, r.received.year);
      if (!ref.ok()) return fail(ref.error());
      auto existing = store_.GetRequest(*ref);
      if (!existing.ok()) return fail(existing.error());
      if (*existing) continue;
      r.reference = *ref;
      sequence = std::pair{r.received.year, n};
      break;
    }
  }
  if (auto s = store_.PutRequest(r, sequence); !s.ok()) return fail(s.error());
  RequestEvent e{0, r.reference, who.at, who.name, "opened", "", StatusId(r.status), r.received,
                 "received by " + (r.channel.empty() ? std::string("an unrecorded channel") : r.channel) +
                     " under " + r.regime + "; due " + (r.due ? r.due->Iso() : "not set")};
  if (auto s = store_.AddRequestEvent(e); !s.ok()) return fail(s.error());
  if (auto s = store_.Commit(); !s.ok()) return fail(s.error());
  return r;
}

Result<FoiRequest> RequestRegister::Get(const std::string& reference) {
  auto r = store_.GetRequest(reference);
  if (!r.ok()) return r.error();
  if (!*r) return Error::NotFound("no request " + reference + " in the register");
  return std::move(**r);
}

Result<FoiRequest> RequestRegister::ChangeStatus(const std::string& reference, RequestStatus to, const Date& on,
                                                 const std::string& reason, const Actor& who) {
  return Apply(reference, who, [&](FoiRequest& r, std::vector<RequestEvent>& events) -> Status {
    const RequestStatus from = r.status;
    const auto allowed = AllowedNext(from);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
      std::string next;
      for (RequestStatus s : allowed) next += (next.empty() ? "" : ", ") + StatusId(s);
      return Error::InvalidInput(reference + " is " + StatusId(from) + ": it cannot move to " + StatusId(to) +
                                 " (from " + StatusId(from) + ": " + next + ")");
    }
    if (on < r.received)
      return Error::InvalidInput("--date " + on.Iso() + ": before " + reference + " was received (" +
                                 r.received.Iso() + ")");
    if (on < LastChangeDay(r))
      return Error::InvalidInput("--date " + on.Iso() + ": before the last change to " + reference + " (" +
                                 LastChangeDay(r).Iso() + ")");
    if (Trimmed(reason).empty() && to != RequestStatus::kInProgress)
      return Error::InvalidInput("--reason: say why " + reference + " moves to " + StatusId(to));
    // Leaving a clock stop: the day the answer or the fee arrived.
    if (from == RequestStatus::kAwaitingClarification || from == RequestStatus::kAwaitingFee) {
      if (!r.stops.empty() && !r.stops.back().to) r.stops.back().to = on;
    }
    switch (to) {
      case RequestStatus::kAwaitingClarification: r.stops.push_back({"clarification", on, std::nullopt}); break;
      case RequestStatus::kAwaitingFee: r.stops.push_back({"fees", on, std::nullopt}); break;
      case RequestStatus::kResponded: r.responded = on; break;
      case RequestStatus::kInternalReview:
        r.review_requested = on;
        r.review_responded.reset();
        break;
      case RequestStatus::kIcoComplaint: r.complaint_received = on; break;
      case RequestStatus::kClosed:
        if (from == RequestStatus::kInternalReview) r.review_responded = on;
        break;
      default: break;
    }
    r.status = to;
    events.push_back({0, "", "", "", "status", StatusId(from), StatusId(to), on, reason});
    return {};
  });
}

Result<FoiRequest> RequestRegister::Extend(const std::string& reference, const Date& on,
                                           std::optional<int> working_days, const std::string& reason,
                                           const Actor& who) {
  return Apply(reference, who, [&](FoiRequest& r, std::vector<RequestEvent>& events) -> Status {
    auto regime = FindRegime(r.regime);
    if (!regime.ok()) return regime.error();
    if (!(*regime)->extension)
      return Error::InvalidInput(reference + ": the " + r.regime + " regime allows no extension");
    if (!AwaitsResponse(r.status))
      return Error::InvalidInput(reference + " is " + StatusId(r.status) + ": only a request awaiting its response can be extended");
    if (r.extension) return Error::InvalidInput(reference + " was extended already, on " + r.extension->date.Iso());
    if (Trimmed(reason).empty()) return Error::InvalidInput("--reason: an extension needs its reason (s17(2))");
    if (working_days && (*working_days < 1 || *working_days > 366))
      return Error::InvalidInput("--days " + std::to_string(*working_days) + ": give between 1 and 366");
    if (on < r.received) return Error::InvalidInput("--date " + on.Iso() + ": before the request was received");
    // The extension is given in the refusal notice, which is due by the
    // original deadline.
    if (r.due && on > *r.due)
      return Error::InvalidInput("--date " + on.Iso() + ": after the due date " + r.due->Iso() +
                                 "; the requester must be told within the time for compliance");
    r.extension = DeadlineExtension{on, working_days, reason};
    events.push_back({0, "", "", "", "extension", "", "", on,
                      (*regime)->extension->name + ", " +
                          std::to_string(working_days.value_or((*regime)->extension->default_count)) +
                          " further: " + reason});
    return {};
  });
}

Result<FoiRequest> RequestRegister::Update(const std::string& reference, const RequestChanges& c, const Actor& who) {
  return Apply(reference, who, [&](FoiRequest& r, std::vector<RequestEvent>& events) -> Status {
    std::vector<std::string> what;
    if (c.subject) {
      if (Trimmed(*c.subject).empty()) return Error::InvalidInput("--subject: must not be empty");
      r.subject = *c.subject;
      what.push_back("subject");
    }
    for (const auto& q : c.add_questions) {
      if (Trimmed(q).empty()) return Error::InvalidInput("--add-question: must not be empty");
      r.questions.push_back(q);
      what.push_back("question " + std::to_string(r.questions.size()) + " added");
    }
    if (c.exemptions) {
      r.exemptions = *c.exemptions;
      what.push_back("exemptions: " + (r.exemptions.empty() ? std::string("none") : [&] {
                       std::string s;
                       for (const auto& e : r.exemptions) s += (s.empty() ? "" : ", ") + e;
                       return s;
                     }()));
    }
    for (const auto& other : c.similar_to) {
      if (other == reference) return Error::InvalidInput("--similar-to: " + other + " is this request");
      auto o = store_.GetRequest(other);
      if (!o.ok()) return o.error();
      if (!*o) return Error::NotFound("--similar-to: no request " + other + " in the register");
      if (std::find(r.similar_to.begin(), r.similar_to.end(), other) == r.similar_to.end())
        r.similar_to.push_back(other);
      what.push_back("aggregated with " + other + " for section 12");
    }
    if (what.empty()) return Error::InvalidInput("nothing to update: give --subject, --add-question, --exemption or --similar-to");
    std::string detail;
    for (const auto& w : what) detail += (detail.empty() ? "" : "; ") + w;
    events.push_back({0, "", "", "", "updated", "", "", std::nullopt, detail});
    return {};
  });
}

Status RequestRegister::LogTime(const TimeEntry& entry, const Actor& who) {
  if (!kActivities.count(entry.activity))
    return Error::InvalidInput("--activity '" + entry.activity +
                               "': one of determining, locating, retrieving, extracting (counted for s12), "
                               "redacting, other (not counted)");
  if (!(entry.hours > 0) || entry.hours > 24)
    return Error::InvalidInput("--hours: between 0 and 24 for one entry");
  auto r = Apply(entry.reference, who, [&](FoiRequest& req, std::vector<RequestEvent>& events) -> Status {
    if (entry.date < req.received)
      return Error::InvalidInput("--date " + entry.date.Iso() + ": before the request was received (" +
                                 req.received.Iso() + ")");
    TimeEntry t = entry;
    t.actor = who.name;
    if (auto s = store_.AddTimeEntry(t); !s.ok()) return s;
    events.push_back({0, "", "", "", "time", "", "", entry.date,
                      Hours(entry.hours) + " h " + entry.activity +
                          (kCountedActivities.count(entry.activity) ? " (counted for s12)" : " (not counted for s12)")});
    return {};
  });
  if (!r.ok()) return r.error();
  return {};
}

Status RequestRegister::RecordResponse(const std::string& reference, const std::vector<std::string>& exemptions,
                                       const std::string& files, const Actor& who) {
  auto r = Apply(reference, who, [&](FoiRequest& req, std::vector<RequestEvent>& events) -> Status {
    req.exemptions = exemptions;
    events.push_back({0, "", "", "", "response", "", "", std::nullopt, "response written: " + files});
    return {};
  });
  if (!r.ok()) return r.error();
  return {};
}

Result<CostReport> RequestRegister::Cost(const std::string& reference) {
  auto r = Get(reference);
  if (!r.ok()) return r.error();
  CostReport out;
  out.reference = reference;
  out.limit_gbp = settings_.limit_gbp;
  out.rate_gbp = settings_.rate_gbp;
  out.limit_hours = settings_.limit_gbp / settings_.rate_gbp;
  auto counted = [&](const std::string& ref, std::map<std::string, double>* by) -> Result<double> {
    auto entries = store_.TimeEntries(ref);
    if (!entries.ok()) return entries.error();
    double total = 0;
    for (const auto& e : *entries) {
      if (by) (*by)[e.activity] += e.hours;
      if (kCountedActivities.count(e.activity)) total += e.hours;
    }
    return total;
  };
  std::map<std::string, double> by;
  auto own = counted(reference, &by);
  if (!own.ok()) return own.error();
  for (const auto& [activity, hours] : by) out.by_activity.push_back({activity, hours, kCountedActivities.count(activity) > 0});
  out.counted_hours = *own;
  out.aggregated_hours = *own;
  for (const auto& other : r->similar_to) {
    auto h = counted(other, nullptr);
    if (!h.ok()) return h.error();
    out.aggregated.push_back(other);
    out.aggregated_hours += *h;
  }
  out.exceeds_limit = out.aggregated_hours > out.limit_hours;

  // Regulation 5: requests by the same person within 60 consecutive working days.
  const std::string who = Lower(Trimmed(r->requester)), contact = Lower(Trimmed(r->contact));
  if (!who.empty() || !contact.empty()) {
    auto all = store_.Requests();
    if (!all.ok()) return all.error();
    auto foia = FindRegime("foia");
    if (!foia.ok()) return foia.error();
    for (const auto& o : *all) {
      if (o.reference == reference) continue;
      if (std::find(r->similar_to.begin(), r->similar_to.end(), o.reference) != r->similar_to.end()) continue;
      const bool same = (!who.empty() && Lower(Trimmed(o.requester)) == who) ||
                        (!contact.empty() && Lower(Trimmed(o.contact)) == contact);
      if (!same) continue;
      const Date a = std::min(o.received, r->received), b = std::max(o.received, r->received);
      auto gap = WorkingDaysBetween(**foia, calendar_, a, b);
      if (!gap.ok()) return gap.error();
      if (*gap < 60) out.same_requester_within_60_days.push_back(o.reference);
    }
  }
  return out;
}

Result<std::vector<RequestEvent>> RequestRegister::History(const std::string& reference) {
  if (auto r = Get(reference); !r.ok()) return r.error();
  return store_.RequestEvents(reference);
}

Result<std::vector<FoiRequest>> RequestRegister::List(const ListFilter& f, const Date& today) {
  auto all = store_.Requests();
  if (!all.ok()) return all.error();
  std::vector<std::string> words;
  for (const auto& w : f.subject_words) words.push_back(Lower(w));
  std::vector<FoiRequest> out;
  for (auto& r : *all) {
    if (f.status && r.status != *f.status) continue;
    const auto due = EffectiveDue(r);
    if (f.due_before && !(due && *due < *f.due_before)) continue;
    if (f.overdue && !(AwaitsResponse(r.status) && due && *due < today)) continue;
    const std::string subject = Lower(r.subject);
    bool all_words = true;
    for (const auto& w : words) all_words &= subject.find(w) != std::string::npos;
    if (!all_words) continue;
    out.push_back(std::move(r));
  }
  return out;
}

Result<RegisterReport> RequestRegister::Report(const Date& today) {
  auto all = store_.Requests();
  if (!all.ok()) return all.error();
  auto foia = FindRegime("foia");
  if (!foia.ok()) return foia.error();
  RegisterReport rep;
  rep.today = today;
  rep.week_start = Date::FromDaysSinceEpoch(today.DaysSinceEpoch() - today.Weekday());
  rep.week_end = Date::FromDaysSinceEpoch(rep.week_start.DaysSinceEpoch() + 6);
  std::map<std::string, MonthRow> months;
  std::map<std::string, std::vector<int>> taken;
  for (const auto& r : *all) {
    const auto due = EffectiveDue(r);
    if (AwaitsResponse(r.status) && due) {
      if (*due < today) rep.overdue.push_back(r);
      else if (*due <= rep.week_end) rep.due_this_week.push_back(r);
    }
    if (r.status == RequestStatus::kInternalReview && r.review_due && *r.review_due >= rep.week_start &&
        *r.review_due <= rep.week_end)
      rep.reviews_due_this_week.push_back(r);
    MonthRow& m = months[r.received.YearMonth()];
    m.month = r.received.YearMonth();
    ++m.received;
    if (r.responded) {
      ++m.responded;
      if (due && *r.responded <= *due) ++m.responded_in_time;
      auto days = WorkingDaysBetween(**foia, calendar_, r.received, *r.responded);
      if (!days.ok()) return days.error();
      taken[m.month].push_back(*days);
      for (const auto& e : r.exemptions) ++m.exemptions[e];
    } else if (AwaitsResponse(r.status)) {
      if (due && *due < today) ++m.open_overdue;
      else ++m.open_in_time;
    }
  }
  for (auto& [month, m] : months) {
    const int known = m.responded + m.open_overdue;
    if (known > 0) m.share_in_time = static_cast<double>(m.responded_in_time) / known;
    auto& v = taken[month];
    if (!v.empty()) {
      std::sort(v.begin(), v.end());
      m.median_working_days = v[v.size() / 2];
    }
    rep.months.push_back(m);
  }
  return rep;
}

Result<std::vector<std::string>> RequestRegister::ImportHolidays(const std::string& path, const Actor& who) {
  auto imported = ImportGovUkJson(path);
  if (!imported.ok()) return imported.error();
  HolidayMerge merge = MergeImported(calendar_, *imported);
  std::vector<std::string> lines;
  for (const auto& l : DiffLines(merge.diff)) lines.push_back("holiday " + l);
  const HolidayCalendar before = calendar_;

  if (auto s = store_.Begin(); !s.ok()) return s.error();
  auto fail = [&](Error e) -> Result<std::vector<std::string>> {
    (void)store_.Rollback();
    calendar_ = before;
    return e;
  };
  const std::string file = std::filesystem::path(path).filename().string();
  if (auto s = store_.AddHolidayImport({who.at, who.name, file, HolidaysToJson(*imported)}); !s.ok())
    return fail(s.error());
  calendar_ = merge.calendar;
  auto all = store_.Requests();
  if (!all.ok()) return fail(all.error());
  for (auto& r : *all) {
    const auto old_due = r.due, old_extended = r.extended_due, old_review = r.review_due;
    if (auto s = Recompute(r); !s.ok()) return fail(s.error());
    if (r.due == old_due && r.extended_due == old_extended && r.review_due == old_review) continue;
    auto show = [](const std::optional<Date>& d) { return d ? d->Iso() : std::string("none"); };
    std::string detail = "bank holidays updated from " + file + ":";
    if (r.due != old_due) detail += " due " + show(old_due) + " -> " + show(r.due);
    if (r.extended_due != old_extended) detail += " extended due " + show(old_extended) + " -> " + show(r.extended_due);
    if (r.review_due != old_review) detail += " review due " + show(old_review) + " -> " + show(r.review_due);
    if (auto s = store_.PutRequest(r, std::nullopt); !s.ok()) return fail(s.error());
    if (auto s = store_.AddRequestEvent({0, r.reference, who.at, who.name, "deadline", "", "", std::nullopt, detail});
        !s.ok())
      return fail(s.error());
    lines.push_back(r.reference + ": " + detail.substr(detail.find(':') + 2));
  }
  if (auto s = store_.Commit(); !s.ok()) return fail(s.error());
  return lines;
}

namespace {

std::string Share(const std::optional<double>& s) {
  if (!s) return "";
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  o << *s * 100;
  return o.str();
}

std::string ExemptionList(const std::map<std::string, int>& e) {
  std::string out;
  for (const auto& [id, n] : e) out += (out.empty() ? "" : " ") + id + "=" + std::to_string(n);
  return out;
}

std::string Line(const FoiRequest& r, const std::optional<Date>& due) {
  return "  " + r.reference + "  due " + (due ? due->Iso() : std::string("(clock stopped)")) + "  " +
         StatusId(r.status) + "  " + r.subject + "\n";
}

}  // namespace

std::string ReportText(const RegisterReport& rep) {
  std::ostringstream o;
  o << "Register on " << rep.today.Iso() << " (week " << rep.week_start.Iso() << " to " << rep.week_end.Iso() << ")\n";
  o << "Overdue: " << rep.overdue.size() << "\n";
  for (const auto& r : rep.overdue) o << Line(r, EffectiveDue(r));
  o << "Due this week: " << rep.due_this_week.size() << "\n";
  for (const auto& r : rep.due_this_week) o << Line(r, EffectiveDue(r));
  o << "Internal reviews due this week: " << rep.reviews_due_this_week.size() << "\n";
  for (const auto& r : rep.reviews_due_this_week) o << Line(r, r.review_due);
  o << "\nmonth    received  responded  in time  open overdue  open in time  % in time  median days  exemptions\n";
  for (const auto& m : rep.months) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%-8s %8d  %9d  %7d  %12d  %12d  %9s  %11s  ", m.month.c_str(), m.received,
                  m.responded, m.responded_in_time, m.open_overdue, m.open_in_time, Share(m.share_in_time).c_str(),
                  m.median_working_days ? std::to_string(*m.median_working_days).c_str() : "");
    o << buf << ExemptionList(m.exemptions) << "\n";
  }
  return o.str();
}

std::string ReportCsv(const RegisterReport& rep) {
  std::ostringstream o;
  o << "month,received,responded,responded_in_time,open_overdue,open_in_time,percent_in_time,"
       "median_working_days,exemptions\r\n";
  for (const auto& m : rep.months)
    o << m.month << ',' << m.received << ',' << m.responded << ',' << m.responded_in_time << ','
      << m.open_overdue << ',' << m.open_in_time << ',' << Share(m.share_in_time) << ','
      << (m.median_working_days ? std::to_string(*m.median_working_days) : "") << ','
      << ExemptionList(m.exemptions) << "\r\n";
  return o.str();
}

std::string ReportJson(const RegisterReport& rep) {
  auto list = [](const std::vector<FoiRequest>& v, bool review) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& r : v) {
      const auto due = review ? r.review_due : EffectiveDue(r);
      a.push_back({{"reference", r.reference},
                   {"subject", r.subject},
                   {"status", StatusId(r.status)},
                   {"due", due ? nlohmann::json(due->Iso()) : nlohmann::json(nullptr)}});
    }
    return a;
  };
  nlohmann::json j;
  j["today"] = rep.today.Iso();
  j["week"] = {{"from", rep.week_start.Iso()}, {"to", rep.week_end.Iso()}};
  j["overdue"] = list(rep.overdue, false);
  j["due_this_week"] = list(rep.due_this_week, false);
  j["reviews_due_this_week"] = list(rep.reviews_due_this_week, true);
  nlohmann::json months = nlohmann::json::array();
  for (const auto& m : rep.months)
    months.push_back({{"month", m.month},
                      {"received", m.received},
                      {"responded", m.responded},
                      {"responded_in_time", m.responded_in_time},
                      {"open_overdue", m.open_overdue},
                      {"open_in_time", m.open_in_time},
                      {"share_in_time", m.share_in_time ? nlohmann::json(*m.share_in_time) : nlohmann::json(nullptr)},
                      {"median_working_days",
                       m.median_working_days ? nlohmann::json(*m.median_working_days) : nlohmann::json(nullptr)},
                      {"exemptions", m.exemptions}});
  j["months"] = months;
  return j.dump(2) + "\n";
}

}  // namespace foidesk::reg
