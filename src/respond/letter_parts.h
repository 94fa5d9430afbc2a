// The parts of a letter that come from the exemption library and the facts
// of one request: each exemption set out with its placeholders filled, the
// s17 notice's opening naming them, and the section 12 estimate with the
// section 16 advice on narrowing the request.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/result.h"
#include "respond/exemptions.h"
#include "respond/letter.h"
#include "respond/request_file.h"

namespace foidesk::respond {

// The library's text of each exemption in force on `on`, in the request's
// order, {{reason}}, {{advice}} and the public interest placeholders filled
// from `uses`. A paragraph that is only a placeholder left empty is dropped;
// a {{reason}} left empty is an error naming the [[exemption]] and its id.
Result<std::vector<ExemptionSection>> ExemptionSections(const ExemptionLibrary& library,
                                                        const std::vector<ExemptionUse>& uses,
                                                        const Date& on, const std::string& where);

// "section 30(1) (Investigations and proceedings) and section 40(5) (...)".
std::string CitedSections(const ExemptionLibrary& library, const std::vector<ExemptionUse>& uses,
                          const Date& on);

// The s17 notice's first paragraph with the force and the sections named.
std::string RefusalNoticeOpening(const RefusalNotice& notice, const std::string& force_name,
                                 const std::string& sections);

// The section 12 estimate for the candidates a request's searches return.
struct CostEstimate {
  int64_t candidates = 0;
  std::map<int, int64_t> by_year;  // candidates per year recorded
  double seconds_per_record = 60;
  double hours = 0;
  double limit_hours = 18;
  bool exceeds_limit = false;
  std::vector<std::string> reason;  // the estimate, worked, for {{reason}}
  std::vector<std::string> advice;  // narrowing that would fit the limit (s16)
};

// `method_lines` describe each search and its matches, as the letter does.
CostEstimate EstimateCost(const std::map<int, int64_t>& by_year, double seconds_per_record,
                          const std::vector<std::string>& method_lines);

}  // namespace foidesk::respond
