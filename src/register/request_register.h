// The request register: requests with references in the force's format,
// their life from receipt to closure (and internal review and complaint),
// the statutory deadline of each kept right as holidays and clock stops
// change, time logged against section 12, and reports. Every change is one
// transaction that reads, checks, writes and records who did it, so a
// refused change alters nothing and two processes at once lose nothing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/foi_request.h"
#include "model/result.h"
#include "register/holidays.h"
#include "register/regime.h"
#include "register/statutory_clock.h"
#include "store/store.h"

namespace foidesk::reg {

// Who makes a change, and when it was recorded (ISO 8601 UTC).
struct Actor {
  std::string name;
  std::string at;
};

struct NewRequest {
  Date received;
  std::string regime = "foia";
  std::string channel;
  std::string requester;  // private
  std::string contact;    // private
  std::string subject;
  std::vector<std::string> questions;
  std::string reference;  // empty: the next in the force's format
};

// Field changes (`request update`); unset fields stay as they are.
struct RequestChanges {
  std::optional<std::string> subject;
  std::vector<std::string> add_questions;
  std::optional<std::vector<std::string>> exemptions;
  std::vector<std::string> similar_to;  // references to aggregate with (s12)
};

struct RegisterSettings {
  std::string reference_format = "FOI {seq:6}/{yy}";
  double limit_gbp = 450;
  double rate_gbp = 25;
};

// Reads reference_format, appropriate_limit_gbp and hourly_rate_gbp from
// <config_dir>/force.toml (each optional). Errors name the file and key.
Result<RegisterSettings> LoadRegisterSettings(const std::string& config_dir);

// "FOI {seq:6}/{yy}" with 763 in 2016: "FOI 000763/16". Tokens: {seq:N},
// {seq}, {yy}, {yyyy}. Errors name an unknown token.
Result<std::string> FormatReference(const std::string& format, int seq, int year);

// Whether a request in this status waits for the force to answer.
bool AwaitsResponse(RequestStatus s);
// The statuses a request may move to from `from`.
std::vector<RequestStatus> AllowedNext(RequestStatus from);

struct ActivityHours {
  std::string activity;
  double hours = 0;
  bool counted = false;  // one of the four activities reg 4(3) allows
};

struct CostReport {
  std::string reference;
  std::vector<ActivityHours> by_activity;  // sorted by activity
  double counted_hours = 0;
  double limit_hours = 18;
  double limit_gbp = 450;
  double rate_gbp = 25;
  // Aggregated under reg 5 with the requests in `similar_to`.
  std::vector<std::string> aggregated;
  double aggregated_hours = 0;  // counted hours of this request and those
  bool exceeds_limit = false;   // aggregated_hours > limit_hours
  // Requests from the same requester received within 60 consecutive working
  // days that are not aggregated yet: for the officer to judge whether they
  // are for the same or similar information.
  std::vector<std::string> same_requester_within_60_days;
};

struct ListFilter {
  std::optional<RequestStatus> status;
  std::optional<Date> due_before;  // effective due date before this day
  bool overdue = false;            // awaiting response and past its due date on `today`
  std::vector<std::string> subject_words;  // every word in the subject (case-insensitive)
};

struct MonthRow {
  std::string month;  // "2016-03", by date received
  int received = 0;
  int responded = 0;
  int responded_in_time = 0;
  int open_overdue = 0;  // still awaiting a response past the deadline on `today`
  int open_in_time = 0;  // awaiting a response, deadline not passed
  // responded_in_time / (responded + open_overdue): the share the ICO
  // monitors, over requests whose outcome on time is known; none when none is.
  std::optional<double> share_in_time;
  std::optional<int> median_working_days;  // receipt to response
  std::map<std::string, int> exemptions;   // requests relying on each
};

struct RegisterReport {
  Date today;
  Date week_start, week_end;  // Monday to Sunday of today's week
  std::vector<FoiRequest> due_this_week;
  std::vector<FoiRequest> overdue;
  std::vector<FoiRequest> reviews_due_this_week;
  std::vector<MonthRow> months;
};

class RequestRegister {
 public:
  // Reads the regimes and the shipped holidays from `config_dir`, and the
  // holidays imported into the store.
  static Result<RequestRegister> Open(Store& store, const std::string& config_dir);

  Result<FoiRequest> Create(const NewRequest& request, const Actor& who);
  Result<FoiRequest> Get(const std::string& reference);
  // Moves a request on, on day `on`, with a reason. Illegal moves, a day
  // before receipt or before the last change, are refused and change nothing.
  Result<FoiRequest> ChangeStatus(const std::string& reference, RequestStatus to, const Date& on,
                                  const std::string& reason, const Actor& who);
  // A further deadline (FOIA s10(3), EIR reg 7): `working_days` more than
  // the regime's default when given. Refused when the regime has none, the
  // request is not awaiting a response, or the notice is after the due date.
  Result<FoiRequest> Extend(const std::string& reference, const Date& on, std::optional<int> working_days,
                            const std::string& reason, const Actor& who);
  Result<FoiRequest> Update(const std::string& reference, const RequestChanges& changes, const Actor& who);
  Status LogTime(const TimeEntry& entry, const Actor& who);
  // Records what `respond` wrote for the request (the exemptions it relied on).
  Status RecordResponse(const std::string& reference, const std::vector<std::string>& exemptions,
                        const std::string& files, const Actor& who);

  Result<CostReport> Cost(const std::string& reference);
  // The deadline's working: every day skipped and why.
  Result<Deadline> Working(const FoiRequest& request) const;
  Result<std::vector<RequestEvent>> History(const std::string& reference);
  Result<std::vector<FoiRequest>> List(const ListFilter& filter, const Date& today);
  Result<RegisterReport> Report(const Date& today);

  // Imports gov.uk's bank-holidays.json into the store, then works out again
  // the deadline of every request, recording each that moved. Returns the
  // lines of what changed (holidays, then deadlines).
  Result<std::vector<std::string>> ImportHolidays(const std::string& path, const Actor& who);

  const HolidayCalendar& calendar() const { return calendar_; }

 private:
  RequestRegister(Store& store, std::string config_dir, RegisterSettings settings, HolidayCalendar calendar,
                  std::map<std::string, Regime> regimes);
  Result<const Regime*> FindRegime(const std::string& name) const;
  // Fills due, extended_due and review_due from the request's facts.
  Status Recompute(FoiRequest& request) const;
  // Begin; read; `change` (which may refuse); recompute; write; record; commit.
  template <typename Change>
  Result<FoiRequest> Apply(const std::string& reference, const Actor& who, Change change);

  Store& store_;
  std::string config_dir_;
  RegisterSettings settings_;
  HolidayCalendar calendar_;
  std::map<std::string, Regime> regimes_;
};

// The report as text, CSV (one row per month) and JSON (sorted keys). None
// holds a requester's name or contact.
std::string ReportText(const RegisterReport& report);
std::string ReportCsv(const RegisterReport& report);
std::string ReportJson(const RegisterReport& report);

}  // namespace foidesk::reg
