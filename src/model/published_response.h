// A response as the public receives it, kept in the store so the disclosure
// log can be rebuilt from the store alone: its public files and the facts the
// log's index shows. Nothing about the requester.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace foidesk {

struct PublishedResponse {
  std::string reference;      // "FOI 000763/16"
  std::string title;
  std::string response_date;  // ISO date
  std::vector<std::string> keywords;
  std::map<std::string, std::string> files;  // name ("response.pdf", "tables/q1.csv") -> bytes
  bool published = false;     // in the disclosure log
};

}  // namespace foidesk
