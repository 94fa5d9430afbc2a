// Gazetteer recognisers: person names, UK towns and villages, countries and
// towns abroad, schools and workplaces, and companies by their suffix
// ("Acme LLC", "Smith, Jones and Brown LLP"), found in one pass over the words of a text with hash
// lookups in the Gazetteer (gazetteer.h); no regular expressions.
//
// Upper-case legacy text ("IP NATHAN CHILVERS (AGED 17)") and mixed-case
// text ("the victim, Nathan Chilvers, 17") are told apart line by line: in
// mixed case capitalisation is evidence, in upper case only the word lists
// and cue words are. Words that are names or places and also common words
// (Will, May, Mark, Rose; Bath, Reading, March) need a neighbouring name
// word or a cue ("named", "lives in") to count. A naming phrase ("my name
// is", "call me") or a list of names closed by "and" ("Usamov and Bowers")
// makes even lower-case or common words names.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "privacy/gazetteer.h"
#include "privacy/pii.h"

namespace foidesk::privacy {

// Finds persons (recogniser "person"), towns, villages and countries ("place")
// and organisations ("organisation": a suffix, or a cue such as "works for"). Shares the gazetteer;
// Find is thread-safe.
//
//   auto g = Gazetteer::Load("config/pii/gazetteers");
//   NameRecogniser r(std::make_shared<const Gazetteer>(std::move(*g)));
//   r.Find("Mr John Smith of Great Yarmouth", findings);  // person, location
class NameRecogniser : public Recogniser {
 public:
  explicit NameRecogniser(std::shared_ptr<const Gazetteer> gazetteer);

  std::string_view Name() const override { return "names"; }
  std::vector<PiiType> Types() const override {
    return {PiiType::kPerson, PiiType::kLocation, PiiType::kOrganisation};
  }
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const Gazetteer> cues_;  // cue words and not_names, built from code and gazetteer_
};

}  // namespace foidesk::privacy
