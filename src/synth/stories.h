// What the synthetic force's crimes say: the offence list (offences.csv, with
// each class's share of recorded crime) and, per offence, templates for the
// free text; the kinds of blackmail that are not sextortion; and sextortion
// stories built to contain, or to avoid, the words the force searched for.
#pragma once

#include <array>
#include <string>

#include "synth/rng.h"
#include "synth/text.h"

namespace foidesk::synth {

// A text as a sequence of templates, rendered one after another with a space
// between. Templates are static strings, so Parts copies cheaply.
struct Parts {
  std::array<const char*, 10> p{};
  int n = 0;
  void Add(const char* s) {
    if (n < static_cast<int>(p.size())) p[static_cast<size_t>(n++)] = s;
  }
};

enum class VictimKind { kPerson, kBusiness, kNone };

struct OffenceInfo {
  const char* code;   // the force's code without padding: "71", "8N"
  const char* title;  // mixed case; the legacy system shows it upper case
  int share;          // per 10,000 recorded crimes
  VictimKind victim;
  int subclasses;  // subclass codes 0 .. subclasses-1
};

int OffenceCount();
const OffenceInfo& OffenceAt(int i);
int BlackmailOffence();
// An offence other than blackmail, in proportion to its share.
int PickOrdinaryOffence(Rng& rng);
// Sum of the shares, per 10,000 (offences.csv sums to 0.997).
int TotalShare();

// Body (the officer's account) and RMS summary of an ordinary crime.
void ComposeOrdinary(int offence, Rng& rng, Parts& body, const char*& summary);
// An investigation update, appended to some texts.
const char* PickUpdate(Rng& rng);
// A line of contact or circumstance details, added to some bodies.
const char* PickContactLine(Rng& rng);

// Blackmail that is not sextortion.
enum BlackmailKind : int {
  kDebt,
  kAffair,
  kBusiness,
  kRansomware,
  kCarSale,
  kReport,
  kNonIntimate,
  kStolenProperty,
  kAccountHijack,
  kBlackmailKindCount
};
// `with_keyword`: use the variant whose wording the force's search matches
// ("a photo of the car", "the website of the business").
void ComposeOtherBlackmail(int kind, bool with_keyword, Rng& rng, Parts& body,
                           const char*& summary);
const char* OtherBlackmailReason(int kind);
const char* BlackmailUpdate(Rng& rng);

// Sextortion.
enum class Story { kOnline, kMembership, kRansom, kKnownPeer, kExPartner, kUnderageClaim };
enum class KeywordRule { kAny, kRequire, kForbid };
// Composes a sextortion text for `story`; facts.medium/target/demand must be
// set (SetSextortionPlot). kRequire picks wording with a search word,
// kForbid wording without; the caller still checks the rendered text, since
// names and accounts can add a word (Webb, Webster).
void ComposeSextortion(Story story, KeywordRule rule, Rng& rng, const Facts& facts, Parts& body,
                       const char*& summary);
// What a sextortion offender demands (Facts::demand_kind).
enum DemandKind : int {
  kDemandMoney,
  kDemandMoreImages,
  kDemandLink,
  kDemandMoneyOrSexualAct,
  kDemandNone
};
// Sets the plot from a public summary ("Threat to post video to Facebook
// friends unless money paid") so that the crime's text states the same
// media, kind of threat (post, send, release, show, or none), audience and
// demand, in wording drawn from `rng` ("upload the footage on the web").
void SetSextortionPlotFromDetails(const std::string& details, Rng& rng, Facts& facts);
// Sets a random plot; with `forbid_keyword` only media whose word is not a
// search word and targets without one.
void SetRandomSextortionPlot(Rng& rng, bool forbid_keyword, Facts& facts);
// The reviewer's reason for a relevant decision.
std::string SextortionReason(Story story, const Facts& facts);
// An investigation update for an online sextortion report (no search word).
const char* SextortionUpdate(Rng& rng);
// The investigation's closing note for a known suspect, by HO outcome type.
const char* KnownSuspectUpdate(int ho_type);

}  // namespace foidesk::synth
