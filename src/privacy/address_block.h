// Completing postal addresses. The recognisers find the parts of an address
// they know (a street, a town, a postcode); once part of an address is
// personal data, so are the parts they do not know: the house number after a
// foreign street name ("Skogstien 106"), the postal code after a town
// ("Bjert 6091"), a number before the street ("87818 Dalmatinova 68"), and
// the other lines of an address block (addressee, firm, town, region,
// country). This step runs after overlap resolution and only adds findings
// where there were none.
#pragma once

#include <string_view>
#include <vector>

#include "privacy/pii.h"

namespace foidesk::privacy {

// `findings`: non-overlapping and sorted by start, as Detector::Detect makes
// them. Adds address findings (recogniser "address_block") for the uncovered
// parts of the addresses they touch, keeps the order, and never changes or
// drops a finding.
void CompleteAddresses(std::string_view text, std::vector<PiiFinding>& findings);

}  // namespace foidesk::privacy
