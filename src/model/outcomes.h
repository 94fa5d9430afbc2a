// The outcome code list: Home Office outcome type -> public wording
// (config/codes/outcomes.csv). Open crimes read "Ongoing".
#pragma once

#include <map>
#include <string>

#include "model/result.h"

namespace foidesk {

class OutcomeList {
 public:
  // Loads a CSV with columns ho_type,home_office_name,public_wording.
  static Result<OutcomeList> Load(const std::string& path);

  bool Has(const std::string& ho_type) const { return wording_.count(ho_type) > 0; }
  // Public wording for a type; "Ongoing" for an empty (open) type.
  std::string PublicWording(const std::string& ho_type) const;
  const std::map<std::string, std::string>& All() const { return wording_; }

 private:
  std::map<std::string, std::string> wording_;
};

}  // namespace foidesk
