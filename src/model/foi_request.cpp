#include "model/foi_request.h"

namespace foidesk {

const std::vector<RequestStatus>& AllStatuses() {
  static const std::vector<RequestStatus> all = {
      RequestStatus::kReceived,   RequestStatus::kAwaitingClarification, RequestStatus::kAwaitingFee,
      RequestStatus::kInProgress, RequestStatus::kApproval,              RequestStatus::kResponded,
      RequestStatus::kClosed,     RequestStatus::kInternalReview,        RequestStatus::kIcoComplaint};
  return all;
}

std::string StatusId(RequestStatus s) {
  switch (s) {
    case RequestStatus::kReceived: return "received";
    case RequestStatus::kAwaitingClarification: return "awaiting-clarification";
    case RequestStatus::kAwaitingFee: return "awaiting-fee";
    case RequestStatus::kInProgress: return "in-progress";
    case RequestStatus::kApproval: return "approval";
    case RequestStatus::kResponded: return "responded";
    case RequestStatus::kClosed: return "closed";
    case RequestStatus::kInternalReview: return "internal-review";
    case RequestStatus::kIcoComplaint: return "ico-complaint";
  }
  return "received";
}

std::optional<RequestStatus> ParseStatus(std::string_view id) {
  for (RequestStatus s : AllStatuses())
    if (StatusId(s) == id) return s;
  return std::nullopt;
}

}  // namespace foidesk
