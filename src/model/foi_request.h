// A request in the register: what was asked, by whom (private), when, under
// which regime, where it stands, and the facts its deadline is worked out
// from (clock stops, extension). Plain values; the register module
// (src/register/request_register.h) owns the rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.h"

namespace foidesk {

// The life of a request. Pauses of the clock are statuses of their own:
// entering one stops the clock, leaving it records the day the answer (or
// fee) arrived.
enum class RequestStatus {
  kReceived,
  kAwaitingClarification,  // FOIA s1(3)
  kAwaitingFee,            // fees notice, s9 / s10(2)
  kInProgress,
  kApproval,
  kResponded,
  kClosed,
  kInternalReview,
  kIcoComplaint,
};

// "received", "awaiting-clarification", "awaiting-fee", "in-progress",
// "approval", "responded", "closed", "internal-review", "ico-complaint".
std::string StatusId(RequestStatus s);
std::optional<RequestStatus> ParseStatus(std::string_view id);
const std::vector<RequestStatus>& AllStatuses();

struct ClockStop {
  std::string kind;  // "clarification" or "fees"
  Date from;
  std::optional<Date> to;  // none: still outstanding
};

struct DeadlineExtension {
  Date date;  // when the requester was told
  std::optional<int> working_days;  // none: the regime's default
  std::string reason;
};

struct FoiRequest {
  std::string reference;  // "FOI 000763/16"
  std::string regime = "foia";
  Date received;
  std::string channel;  // "email", "post", "web", ...
  // Private: never in a public artefact, a report, a list or a log line.
  std::string requester;
  std::string contact;
  std::string subject;
  std::vector<std::string> questions;
  RequestStatus status = RequestStatus::kReceived;
  std::vector<ClockStop> stops;
  std::optional<DeadlineExtension> extension;
  std::optional<Date> responded;        // the day the response was sent
  std::vector<std::string> exemptions;  // ids the response relied on ("s40-2")
  std::vector<std::string> similar_to;  // references aggregated with it for s12
  std::optional<Date> review_requested;  // internal review asked for
  std::optional<Date> review_responded;
  std::optional<Date> complaint_received;  // ICO complaint
  // Worked out by the register from the above and the holidays; kept so
  // lists can filter without the calendar.
  std::optional<Date> due;
  std::optional<Date> extended_due;
  std::optional<Date> review_due;
};

// One change to a request, as the audit trail keeps it.
struct RequestEvent {
  int64_t id = 0;
  std::string reference;
  std::string at;     // ISO 8601 UTC, when it was recorded
  std::string actor;  // who
  std::string kind;   // "opened", "status", "extension", "updated", "time", "deadline", "response"
  std::string from_status, to_status;  // for kind "status"
  std::optional<Date> date;            // the day it happened, when not the day recorded
  std::string detail;                  // why, or what changed (never the requester's details)
};

// Time spent on a request, by activity. Only determining whether held,
// locating, retrieving and extracting count towards section 12 (Fees
// Regulations 2004, reg 4(3)); other activities are logged but not counted.
struct TimeEntry {
  std::string reference;
  Date date;
  std::string actor;
  std::string activity;  // "determining", "locating", "retrieving", "extracting", "redacting", "other"
  double hours = 0;
  std::string note;
};

}  // namespace foidesk
