#include "model/outcomes.h"

#include <fstream>

#include "model/csv.h"

namespace foidesk {

Result<OutcomeList> OutcomeList::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot open the outcome code list");
  CsvReader reader(in);
  CsvRecord rec;
  OutcomeList list;
  bool header = true;
  while (reader.Next(rec)) {
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    if (header) {
      header = false;
      if (rec.fields.size() < 3 || rec.fields[0] != "ho_type" || rec.fields[2] != "public_wording")
        return Error::InvalidInput(path + ":1: expected header ho_type,home_office_name,public_wording");
      continue;
    }
    if (rec.malformed || rec.fields.size() != 3)
      return Error::InvalidInput(path + ":" + std::to_string(rec.line) +
                                 ": expected 3 fields (ho_type,home_office_name,public_wording)");
    list.wording_[rec.fields[0]] = rec.fields[2];
  }
  if (list.wording_.empty()) return Error::InvalidInput(path + ": no outcome types");
  return list;
}

std::string OutcomeList::PublicWording(const std::string& ho_type) const {
  if (ho_type.empty()) return "Ongoing";
  auto it = wording_.find(ho_type);
  return it == wording_.end() ? "Unknown outcome " + ho_type : it->second;
}

}  // namespace foidesk
