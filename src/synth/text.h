// Free text for the synthetic force. A crime's personal details (names,
// addresses, phone numbers, accounts, ...) are drawn once into Facts; the
// same template is then rendered in each system's style: the legacy system's
// upper-case officer shorthand (IP, S/T, OIC) or the current system's mixed
// case. Rendering the same Facts twice gives the two copies of a migrated
// crime the same people and places.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "synth/rng.h"

namespace foidesk::synth {

enum class Style { kCrs, kRms };

// The kinds of personal data a text or field can carry, in the order and
// with the names of privacy::PiiType (src/privacy/pii.h); synth does not
// depend on privacy, so it keeps its own copy.
enum class PiiKind : int {
  kPerson,
  kLocation,
  kAddress,
  kPostcode,
  kPhone,
  kEmail,
  kUrl,
  kHandle,
  kIpAddress,
  kVehicleRegistration,
  kNiNumber,
  kDate,
  kDateOfBirth,
  kCrimeNumber,
  kOrganisation,
  kFinancial,  // sort code, bank account number
  kIdNumber,   // passport number
};
inline constexpr int kPiiKindCount = 17;
// "person", "location", ..., "organisation", as privacy::PiiTypeName.
const char* PiiKindName(PiiKind kind);

// One piece of personal data a template slot wrote: its byte span in the
// rendered UTF-8 text, end exclusive.
struct PlantedSpan {
  PiiKind kind;
  size_t start;
  size_t end;
};

// What a sextortion story threatens to share; see kMedia in text.cpp.
enum Medium : int {
  kVideo,
  kFootage,
  kRecording,
  kClip,
  kImages,
  kImage,
  kPictures,
  kPicture,
  kPhotos,
  kPhotograph,
  kMediumCount
};
// Whether the word for `m` is itself one of the force's search words.
bool MediumHasKeyword(int m);
// Whether `m` is shown by camera (video, footage, ...) rather than sent (images, ...).
bool MediumIsFilmed(int m);
const char* MediumWord(int m);

// Quote pools: words a victim or witness reports, kept in their own case
// and holding the characters Windows-1252 stores as single bytes.
enum QuotePool : int { kQuoteGeneral, kQuoteDebt, kQuoteSextortion, kQuotePoolCount };

struct Facts {
  // Victim.
  int v_first = 0, v_first2 = -1, v_sur = 0;
  bool v_female = false;
  int v_age = 0;
  int64_t v_dob_days = 0;
  // Suspect, witness and officer.
  int s_first = 0, s_sur = 0;
  bool s_female = false;
  int64_t s_dob_days = 0;
  int w_first = 0, w_sur = 0;
  bool w_female = false;
  int o_sur = 0, o_collar = 1000, o_rank = 0;
  int alias = 0;  // the name an online offender uses (female names list)
  // How each person is written: title, initial, nickname (see Render).
  int v_form = 0, s_form = 0, w_form = 0;
  int s_nick = 0;
  // Places. `place` indexes kTowns, then kVillages.
  int town = 0, place = 0, village = 0, street = 0, house = 1;
  int addr_form = 0, flat = 1, house_name = 0;
  int pc_district = 1, pc_sector = 1, pc_unit = 0, pc_form = 0;
  int school = 0, work = 0;
  // Contact details and accounts.
  int mobile_a = 0, mobile_b = 0, landline = 0;
  int phone_form = 0, phone2_form = 0;
  int intl = 0, intl_prefix = 0, intl_form = 0;
  int64_t intl_digits = 0;
  int email_style = 0, email_domain = 0, email_num = 0;
  int vhandle_style = 0, vhandle_num = 0;
  int handle2_style = 0, handle2_sur = 0, handle2_num = 0;
  int platform = 0;
  int url_style = 0;
  int64_t url_id = 0;
  uint32_t ipv4 = 0;
  bool ipv6 = false;
  uint64_t ipv6_low = 0;
  int ni_letters = 0, ni_digits = 0, ni_suffix = 0, ni_form = 0;
  // Another crime the text refers to ("linked to C1/01234/13").
  int ref_division = 0, ref_seq = 1, ref_year = 10, ref_form = 0;
  // A bank account: sort code (six digits) and account number (eight).
  int sort_code = 0, account = 0;
  // How dates are written: {date} and the dates of birth.
  int date_form = 0, dob_form = 0;
  // Things.
  int car = 0, item = 0, shop = 0, bike = 0, country = 0;
  int vrm_area = 0, vrm_age = 0, vrm_letters = 0;
  int amount = 0;
  int frame = 0;
  int64_t mtcn = 0;
  int64_t event_minute = 0;  // local time the text's {date}/{time} name
  int quote_pool = kQuoteGeneral, quote = 0;
  // Sextortion story: what is threatened ({verb} the {medium}{target}
  // {demand}); see SetSextortionPlotFromDetails.
  int medium = kVideo;
  int medium2 = -1;         // a second medium ("the pictures and the video"), or -1
  const char* verb = "send";  // a template
  const char* target = "";  // a template; empty, or starting with a space
  const char* demand = "";  // a template
  int demand_kind = 0;      // DemandKind (stories.h)
  std::string crs_no;       // the legacy crime number, for the migration note
};

// Draws every detail at random; `town` is where the crime happened.
// `event_minute` anchors {date} and {time}.
void FillFacts(Rng& rng, int town, int64_t event_minute, Facts& facts);

// Appends `tpl` with its {slot}s filled from `facts`, in `style`. Unknown
// slots are copied through verbatim (a test checks none remain). When
// `planted` is given, every piece of personal data a slot writes is added to
// it with its span in `out` (titles, ranks and cue words stay outside spans).
void Render(std::string_view tpl, const Facts& facts, Style style, std::string& out,
            std::vector<PlantedSpan>* planted = nullptr);

// The victim's forenames ("John Paul") and surname, in mixed case.
void AppendVictimForenames(const Facts& facts, std::string& out);
const char* VictimSurname(const Facts& facts);
const char* SuspectForename(const Facts& facts);
const char* SuspectSurname(const Facts& facts);
// The offender's online account name (lower case).
void AppendOnlineId(const Facts& facts, std::string& out);

// The force's FOI 000763/16 search over a text: true when some word is
// `video`, or starts with `web` or `photo`, ignoring case. Words are runs of
// ASCII letters and digits and Latin-1 letters, as an FTS unicode61
// tokenizer splits them.
bool HasSearchKeyword(std::string_view utf8);

// Upper-cases ASCII and Latin-1 letters of out[from..] in place (UTF-8).
void UpperInPlace(std::string& out, size_t from);

// Appends `utf8` encoded as Windows-1252. Every character the generator
// writes has a Windows-1252 byte; any other becomes '?'.
void AppendCp1252(std::string& out, std::string_view utf8);

}  // namespace foidesk::synth
