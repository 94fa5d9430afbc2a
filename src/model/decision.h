// A reviewer's decision on one crime for one request.
#pragma once

#include <string>

namespace foidesk {

struct Decision {
  std::string request_ref;  // "FOI 000763/16"
  std::string crime_key;
  bool relevant = false;
  std::string reviewer;
  std::string summary;  // public summary, for a relevant crime
  std::string reason;
  std::string decided_at;  // ISO date or timestamp given by the file, else import date
};

}  // namespace foidesk
