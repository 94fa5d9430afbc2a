// Pattern recognisers for personal data with a fixed shape: postcodes,
// e-mail, URLs, IP addresses, handles, vehicle registrations, NI numbers,
// dates, crime numbers, street addresses (RE2) and phone numbers
// (libphonenumber). Gazetteer recognisers for names and places come later
// and implement the same Recogniser interface.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/pii.h"

namespace re2 {
class RE2;
}


namespace foidesk::privacy {

// What a validator sees of one regular-expression match.
struct PatternMatch {
  std::string_view text;                // the whole input
  std::vector<std::string_view> groups;  // group 0 is the whole match; unmatched are empty
  size_t start = 0;                     // the finding's span, which the validator may
  size_t end = 0;                       // narrow (trim punctuation, drop a cue word)
};

// Returns the finding's score, or a negative number to reject the match.
using PatternValidator = std::function<double(PatternMatch&)>;

struct PatternSpec {
  PiiType type;
  std::string regex;  // RE2 syntax
  double score;       // used when there is no validator
  int span_group = 0;  // which capture group is the finding
  PatternValidator validate;  // optional
};

// Runs several regular expressions; every match of every pattern is a raw
// finding (overlap resolution happens in the Detector). A rejected match
// lets the scan resume one character later, so a wrong leftmost match does
// not hide a right one that starts inside it.
class PatternRecogniser : public Recogniser {
 public:
  PatternRecogniser(std::string name, std::vector<PatternSpec> specs);
  ~PatternRecogniser() override;

  std::string_view Name() const override { return name_; }
  std::vector<PiiType> Types() const override;
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;

  // False when a pattern failed to compile (a programming error; tests check it).
  bool ok() const { return ok_; }

 private:
  std::string name_;
  std::vector<PatternSpec> specs_;
  std::vector<std::unique_ptr<re2::RE2>> compiled_;
  // One DFA pass over the text says which patterns match at all, so the
  // patterns that do not are never scanned one by one.
  struct SetHolder;
  std::unique_ptr<SetHolder> set_;
  bool ok_ = true;
};

// UK and international phone numbers through libphonenumber's
// PhoneNumberMatcher (region GB, leniency VALID). A cheap RE2 scan picks
// digit runs first, since the matcher is too slow to run over all text.
// What libphonenumber says of a digit run depends on the run alone, so the
// answers for recent runs are kept (numbers recur across a case's records).
class PhoneRecogniser : public Recogniser {
 public:
  PhoneRecogniser();
  ~PhoneRecogniser() override;
  std::string_view Name() const override { return "phone"; }
  std::vector<PiiType> Types() const override { return {PiiType::kPhone}; }
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;

 private:
  std::unique_ptr<re2::RE2> candidate_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// Each pattern recogniser on its own, for tests and for picking a subset.
std::unique_ptr<PatternRecogniser> MakePostcodeRecogniser();
std::unique_ptr<PatternRecogniser> MakeEmailRecogniser();
std::unique_ptr<PatternRecogniser> MakeUrlRecogniser();
std::unique_ptr<PatternRecogniser> MakeIpAddressRecogniser();
std::unique_ptr<PatternRecogniser> MakeHandleRecogniser();
std::unique_ptr<PatternRecogniser> MakeVehicleRegistrationRecogniser();
std::unique_ptr<PatternRecogniser> MakeNiNumberRecogniser();
std::unique_ptr<PatternRecogniser> MakeDateRecogniser();
std::unique_ptr<PatternRecogniser> MakeCrimeNumberRecogniser();
std::unique_ptr<PatternRecogniser> MakeAddressRecogniser();

// All of the above plus the phone recogniser.
std::vector<std::unique_ptr<Recogniser>> MakePatternRecognisers();

}  // namespace foidesk::privacy
