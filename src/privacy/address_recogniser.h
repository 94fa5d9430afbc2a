// Postal addresses as whole spans: a hand-written token scanner that anchors
// on a street line and extends it over the premise before it and the unit,
// town, county, postcode and country lines after it.
#pragma once

#include <string_view>
#include <vector>

#include "privacy/pii.h"

namespace foidesk::privacy {

// Finds addresses in UK and common international forms, in mixed and upper
// case, on one line or several (lines separated by commas or newlines):
//
//   "Flat 3, 12 High Street, Norwich NR2 4PN"      premise, street, town, postcode
//   "FLAT 2 14 ST GILES STREET NORWICH"             legacy upper case
//   "The Old Rectory, Mill Road"                    named building
//   "Unit 4 Riverside Industrial Estate"
//   "123 N Main St, Apt. 4B\nSpringfield, IL 62704\nUSA"
//   "Hauptstraße 5, 10115 Berlin"   "Via Roma 12"   "12 rue de Rivoli"
//   "Király u. 15."   "Karl Johans gate 22"   "17 2202 Rissik St" (building number)
//   "12 Eriksson Bridge" (USPS suffixes that are common words, after a number)
//   "Kuuse 53 Apt. 641"   "address: Tylova 285" (no street word: a unit or cue)
//   "P.O. Box 242"   "ul. Grochowa 80 and Lahtinen Road"   "ZIP: 48750"
//
// A street line is a street name (one to four capitalised words) ending in a
// street-type word (Road, Rd, STREET, Lane, ...), or a street-type word that
// comes first (Rue, Via, Calle, ...), or a compound (...straße, ...weg), with
// a house number before or after. Lower-case street lines count only with a
// house number before them ("12 high street"); "the road" or "street" alone
// never does. A street without a number, premise or town line is reported
// with a low score, so context words decide.
//
// The scan is linear in the text and does no backtracking; Find is
// thread-safe. Only windows around street-type, unit, box, cue and compound
// words are tokenised and scanned, which gives the findings of the whole-text
// scan.
class AddressRecogniser : public Recogniser {
 public:
  std::string_view Name() const override { return "address"; }
  std::vector<PiiType> Types() const override { return {PiiType::kAddress}; }
  // Scans only windows around the words an address could be anchored at.
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;

  // The same findings by tokenising and scanning the whole text (slower on
  // text without addresses); Find falls back to it, and tests compare both.
  void FindWithoutWindows(std::string_view text, std::vector<PiiFinding>& out) const;
};

}  // namespace foidesk::privacy
