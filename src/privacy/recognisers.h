// Pattern recognisers for personal data with a fixed shape: postcodes,
// e-mail, URLs, IP addresses, handles, vehicle registrations, NI numbers,
// dates, crime numbers, street addresses (RE2) and phone numbers
// (libphonenumber, with its +44 numbering rules in RE2 for plain UK shapes),
// all behind one shared RE2::Set pre-filter (PatternGroup). Gazetteer
// recognisers for names and places implement the same Recogniser interface.
#pragma once

#include <cstdint>
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

// A condition every match of a pattern meets, so that the search can skip
// text where no match can start and stop when none can follow. The match
// holds a byte of `alone`, or a byte of `pair` followed by one of `next`, at
// most `reach` bytes after its start (npos: anywhere in it) and, when `run`
// is given, after at most `lead` bytes and then bytes of `run` only. With
// `within`, the hint is instead that every byte of the match is one of
// `within` and that it has at least `min_run` bytes: it lies in one run of
// them. A wrong hint loses findings; a test compares every pattern with and
// without its hints.
struct MatchHint {
  std::string alone;
  std::string pair = {};
  std::string next = {};
  size_t reach = std::string::npos;
  std::string run = {};
  size_t lead = 0;
  std::string within = {};
  size_t min_run = 1;
};

struct HintTable;  // a MatchHint as byte tables (recognisers.cpp)

struct PatternSpec {
  PiiType type;
  std::string regex;  // RE2 syntax
  double score;       // used when there is no validator
  int span_group = 0;  // which capture group is the finding
  PatternValidator validate;  // optional
  std::vector<MatchHint> hints = {};  // optional, all must hold
  // The longest match in bytes, when it is bounded: then the search reads a
  // window of the text at a time, not all of it after each match.
  size_t max_length = std::string::npos;
  // For the shared RE2::Set pre-filter only: a looser pattern that matches
  // wherever `regex` does. A pattern whose threads stay alive through every
  // word ("[A-Za-z]{6,}[0-9]{2}") multiplies the states of the set's
  // automaton; a short necessary condition does not. A wrong one loses
  // findings: a test compares the group with its members run one by one.
  // Empty: the set uses `regex`.
  std::string prefilter = {};

  const std::string& SetRegex() const { return prefilter.empty() ? regex : prefilter; }
};

// Runs several regular expressions; every match of every pattern is a raw
// finding (overlap resolution happens in the Detector). A rejected match
// lets the scan resume one character later, so a wrong leftmost match does
// not hide a right one that starts inside it.
class PatternRecogniser : public Recogniser {
 public:
  // Without `shortcuts` the specs' hints, max_length and pre-filter patterns are ignored and RE2
  // extracts every submatch: the plain search, which tests compare with.
  PatternRecogniser(std::string name, std::vector<PatternSpec> specs, bool shortcuts = true);
  ~PatternRecogniser() override;

  std::string_view Name() const override { return name_; }
  std::vector<PiiType> Types() const override;
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;

  // Find for the patterns whose bit is set in `wanted` (bit k for specs()[k])
  // only, for a caller that already knows which patterns match somewhere in
  // `text` (PatternGroup's shared pre-filter). A pattern left out that does
  // match loses its findings.
  void FindSelected(std::string_view text, uint64_t wanted, std::vector<PiiFinding>& out) const;

  const std::vector<PatternSpec>& specs() const { return specs_; }

  // False when a pattern failed to compile (a programming error; tests check it).
  bool ok() const { return ok_; }

 private:
  static constexpr int kMaxGroups = 16;  // capture groups of one pattern, whole match included
  static constexpr size_t kMaxHints = 4;  // hints of one pattern
  uint64_t AllSpecs() const {
    return specs_.size() >= 64 ? ~uint64_t{0} : (uint64_t{1} << specs_.size()) - 1;
  }

  std::string name_;
  std::vector<PatternSpec> specs_;
  std::vector<std::unique_ptr<re2::RE2>> compiled_;
  // By spec: its hints as byte tables, and whether its only group is the
  // whole match (then RE2 need not extract submatches).
  std::vector<std::vector<HintTable>> hints_;
  std::vector<bool> whole_;
  bool shortcuts_;
  // One DFA pass over the text says which patterns match at all, so the
  // patterns that do not are never scanned one by one.
  struct SetHolder;
  std::unique_ptr<SetHolder> set_;
  bool ok_ = true;
};

// UK and international phone numbers through libphonenumber's
// PhoneNumberMatcher (region GB, leniency VALID). A cheap RE2 scan picks
// digit runs first, since the matcher is too slow to run over all text.
// What libphonenumber says of a digit run depends on the run alone, so its
// answers for recent runs are kept (numbers recur across a case's records).
class PhoneRecogniser : public Recogniser {
 public:
  // With `uk_rules`, candidates in the plain UK shapes ("07700 900123",
  // "01603-123456", "+44 1603 123456") are judged by libphonenumber's own
  // numbering plan for +44, read once from its metadata into RE2, with the
  // same answers; the rest, and all candidates without `uk_rules`, go to
  // libphonenumber.
  // Without `shortcuts` the candidates are searched for in all the text
  // (tests compare).
  explicit PhoneRecogniser(bool uk_rules = true, bool shortcuts = true);
  ~PhoneRecogniser() override;
  std::string_view Name() const override { return "phone"; }
  std::vector<PiiType> Types() const override { return {PiiType::kPhone}; }
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;

 private:
  class UkRules;
  std::unique_ptr<re2::RE2> candidate_;
  std::vector<HintTable> candidate_hint_;  // empty without shortcuts
  size_t candidate_max_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
  const UkRules* uk_rules_;  // shared and never freed; null without the rules
};

// Several pattern recognisers and the phone recogniser behind one RE2::Set of
// all their patterns (and the phone candidates): one DFA pass over the text
// says which patterns match at all, and only those are searched for, member
// by member in order. The findings are those of the members run one after
// the other, in the same order, each carrying its member's name.
class PatternGroup : public Recogniser {
 public:
  // REQUIRES: at most kMaxMembers members. `phone` may be null.
  PatternGroup(std::vector<std::unique_ptr<PatternRecogniser>> members,
               std::unique_ptr<PhoneRecogniser> phone);
  ~PatternGroup() override;

  static constexpr size_t kMaxMembers = 32;

  std::string_view Name() const override { return "patterns"; }
  std::vector<PiiType> Types() const override;
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;

  const std::vector<std::unique_ptr<PatternRecogniser>>& members() const { return members_; }

 private:
  static constexpr uint32_t kPhoneOwner = ~uint32_t{0};
  struct Owner {
    uint32_t member;  // index into members_, or kPhoneOwner
    uint32_t spec;    // index into that member's specs()
  };
  std::vector<std::unique_ptr<PatternRecogniser>> members_;
  std::unique_ptr<PhoneRecogniser> phone_;
  std::vector<Owner> owner_;  // by pattern index in the set
  struct SetHolder;
  std::unique_ptr<SetHolder> set_;  // null: the members run on their own
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

// All of the above, the time and identity number recognisers
// (time_recogniser.h, identity_number_recogniser.h) and the phone
// recogniser, as one PatternGroup.
std::vector<std::unique_ptr<Recogniser>> MakePatternRecognisers();

}  // namespace foidesk::privacy
