// The synthetic force's offence list and text templates. Templates are
// written once in plain English with {slots}; text.cpp renders them in each
// system's style. Only blackmail texts matter to the force's keyword search,
// so only those are built with or without the search words on purpose.
#include "synth/stories.h"

#include <algorithm>
#include <initializer_list>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "synth/word_lists.h"

namespace foidesk::synth {
namespace {

using Texts = std::span<const char* const>;

struct OffenceTexts {
  OffenceInfo info;
  Texts bodies;
  Texts summaries;
};

constexpr const char* kMurder[] = {
    "{IP} {vname} was found unresponsive at {addr} by {wname} at {time}. Pronounced dead at "
    "scene. {ST} {sname} (DOB {sdob}) arrested nearby. Major investigation team informed, scene "
    "preserved."};
constexpr const char* kMurderSum[] = {"Sudden death treated as murder, suspect arrested."};

constexpr const char* kAssaultInjury[] = {
    "{IP} {vname} was punched repeatedly to the face outside {shop}, {street}, {town} at {time} "
    "by {st} {sname} following an argument. {IP} sustained a cut eye and broken nose, taken to "
    "NNUH. Witness {wname} tel {phone}.",
    "Domestic: {IP} {vname} states partner {sname} grabbed {him} by the throat and pushed {him} "
    "into a door at {addr}, causing bruising. DASH completed, high risk. {ST} left prior to police "
    "arrival in {car} {vrm}.",
    "{IP} {vname} was struck with a bottle in the beer garden of {shop}, {town}, needing stitches "
    "to a head wound. {ST} described as white male, 30s, shaved head, England shirt. Door staff "
    "{wname} detained {st}.",
    "{IP} {vname}, {occ}, was assaulted by {sname} (DOB {sdob}) of {addr} after an argument "
    "outside {shop} in {village} on {date}. {IP} contact {phone}."};
constexpr const char* kAssaultInjurySum[] = {"Assault with injury outside licensed premises.",
                                             "Domestic assault, victim injured.",
                                             "Assault occasioning actual bodily harm.",
                                             "Assault after an argument."};

constexpr const char* kAssaultNoInjury[] = {
    "{IP} {vname} was pushed and spat at by {st} on {street}, {town}, after asking him to stop "
    "shouting. No injury. {ST} described as white male, 20s, grey hoodie, NFD. CCTV from {shop} "
    "requested.",
    "{IP}, a door supervisor at {shop}, {town}, was kicked by {st} {sname} when ejecting him at "
    "{time}. No visible injury. {ST} detained by staff until police arrival. Body-worn camera "
    "retained."};
constexpr const char* kAssaultNoInjurySum[] = {"Common assault in the street, no injury.",
                                               "Door supervisor assaulted, no injury."};

constexpr const char* kHarassment[] = {
    "{IP} {vname} reports repeated unwanted calls and messages from ex-partner {sname} on {phone} "
    "and to {email} since {date}, despite being told to stop. {ST} also turns up outside {addr}. "
    "Latest message: {quote}",
    "{IP} states {st} {sname} has followed {him} from work at {work} to {addr} several times and "
    "posts about {him} on {platform}. {IP} in fear. Harassment warning to be issued by "
    "{oic}.",
    "{IP} {vname} ({occ}) reports that ex-partner {sname} has set up a fake account in {his} "
    "name, {vhandle}, and messages {his} friends from it; {platform} says the account was "
    "created from IP address {ipaddr}. {IP} contact {phone}."};
constexpr const char* kHarassmentSum[] = {"Harassment by ex-partner, calls and messages.",
                                          "Victim followed home, harassment.",
                                          "Fake social media account in victim's name."};

constexpr const char* kMaliciousComms[] = {
    "{IP} {vname} received abusive and threatening messages on {platform} from an account "
    "believed to be run by {sname} of {place}. Messages read {quote}. Screenshots taken, {ip} "
    "contact {phone}.",
    "Offensive letter posted through door of {addr} addressed to {vname}, making threats about "
    "{his} family. Handwriting believed to be that of neighbour {sname}. Letter seized as exhibit "
    "{exhibit}.",
    "{IP} {vname} of {addr} {pc} received abusive emails at {email} from an account traced to IP "
    "address {ipaddr}. Comments also left on {his} page {url}. Suspected to be {sname} of "
    "{village}."};
constexpr const char* kMaliciousCommsSum[] = {"Threatening messages received on social media.",
                                              "Offensive letter delivered to victim's home.",
                                              "Abusive emails and online comments."};

constexpr const char* kRape[] = {
    "{IP} {vname} (DOB {vdob}) reports a rape by {st} {sname}, known to {him}, at {addr} on "
    "{date}. SARC referral made, ABE interview arranged. {ST} arrested and interviewed, released "
    "under investigation pending forensic results."};
constexpr const char* kRapeSum[] = {"Rape reported, suspect known to victim."};

constexpr const char* kSexualAssault[] = {
    "{IP} {vname} was touched inappropriately over clothing by an unknown male on a bus from "
    "{town} to {place} at {time}. {ST} described as white, 50s, glasses, NFD. Bus company CCTV "
    "requested by {oic}."};
constexpr const char* kSexualAssaultSum[] = {"Sexual assault on public transport."};

constexpr const char* kBurglaryDwelling[] = {
    "Between {date} and {time} offenders forced the rear door of {addr} {pc} and stole {item} and "
    "jewellery. {IP} {vname} returned home to find the house ransacked. SOCO attended, glove marks "
    "only. H2H negative, neighbour {wname} saw a {car} {vrm} nearby.",
    "Insecure burglary: {IP} {vname} left the back door unlocked at {addr}; offender entered "
    "overnight and stole {item}, a handbag and car keys. Car {vrm} later found abandoned in "
    "{place}."};
constexpr const char* kBurglaryDwellingSum[] = {"Dwelling burglary, rear door forced.",
                                                "Insecure dwelling burglary, car keys taken."};

constexpr const char* kBurglaryOther[] = {
    "Shed at {addr} broken into, padlock cut, {item} and power tools stolen. {IP} {vname} "
    "discovered it at {time}. No CCTV. Similar offences in the {place} area this month.",
    "Commercial premises {shop}, {street}, {town} entered via a forced fire door overnight; cash "
    "box and {item} taken. Alarm activated {time}, keyholder {wname} tel {phone2} attended."};
constexpr const char* kBurglaryOtherSum[] = {"Shed broken into, tools stolen.",
                                             "Business premises burgled overnight."};

constexpr const char* kRobbery[] = {
    "{IP} {vname} was approached by two males on {street}, {town} at {time}; one produced a knife "
    "and demanded {his} phone and wallet. {ST} made off towards {place} with {item}. Descriptions: "
    "white males, teens, dark clothing."};
constexpr const char* kRobberySum[] = {"Street robbery at knifepoint."};

constexpr const char* kTheftPerson[] = {
    "{IP} {vname} had {his} purse taken from {his} bag while shopping in {shop}, {town}. Bank "
    "cards "
    "used shortly after in {place}. {IP} contact {phone}."};
constexpr const char* kTheftPersonSum[] = {"Purse stolen from bag while shopping."};

constexpr const char* kBicycle[] = {
    "{IP} {vname} left {his} {bike} bicycle locked outside {shop}, {street}, {town}; returned at "
    "{time} to find the lock cut and the bike gone. Frame number {frame}. No CCTV."};
constexpr const char* kBicycleSum[] = {"Pedal cycle stolen, lock cut."};

constexpr const char* kTheftFromVehicle[] = {
    "{IP} {vname}'s {car} {vrm} parked on {street}, {town} overnight had the nearside window "
    "smashed and {item} taken from the footwell. No witnesses. {IP} contact {phone}."};
constexpr const char* kTheftFromVehicleSum[] = {"Vehicle window smashed, property taken."};

constexpr const char* kVehicleTheft[] = {
    "{IP} {vname} reports {his} {car} {vrm} stolen from the driveway of {addr} overnight; keys "
    "taken in an earlier burglary. ANPR hit in {place} at {time}. Vehicle circulated on PNC."};
constexpr const char* kVehicleTheftSum[] = {"Car stolen from driveway."};

constexpr const char* kShoplifting[] = {
    "{ST} {sname} (DOB {sdob}) entered {shop}, {town} and concealed {item} in a bag, leaving "
    "without payment. Detained by security officer {wname}. Value {amount}. CCTV retained.",
    "Unknown female took {item} from {shop}, {street}, {town} at {time} and left without paying. "
    "Value {amount}. Store manager {wname} tel {phone2} has CCTV."};
constexpr const char* kShopliftingSum[] = {"Shoplifter detained by security.",
                                           "Shoplifting, offender left the store."};

constexpr const char* kOtherTheft[] = {
    "{IP} {vname} reports {item} stolen from {place} while left unattended at {time}. No "
    "suspects. Reported for insurance purposes, contact {email}.",
    "Fuel drive-off at {shop}, {town}: {car} {vrm} filled with {amount} of diesel and left "
    "without paying. Registration returns to a different vehicle.",
    "{IP} {vname} reports that a lodger, {sname}, has taken {item} from {addr} and left the "
    "address. {ST} phone {phone} now switched off.",
    "{IP} {vname} (DOB {vdob}) reports {item} ordered in {his} name, NI number {ni}, and "
    "delivered to {addr} {pc}; orders placed from IP address {ipaddr}."};
constexpr const char* kOtherTheftSum[] = {"Property stolen while unattended.", "Fuel drive-off.",
                                          "Theft by lodger.", "Goods ordered in victim's name."};

constexpr const char* kArson[] = {
    "Wheelie bin set alight against the rear wall of {addr} at {time}; fire spread to the fence. "
    "Fire service attended, {IP} {vname} evacuated. Youths seen running towards {street}."};
constexpr const char* kArsonSum[] = {"Bin set alight, fire spread to fence."};

constexpr const char* kDamage[] = {
    "{IP} {vname} reports {his} {car} {vrm} scratched along both sides while parked on {street}, "
    "{town}. Estimated damage {amount}. Believed to be neighbour {sname} following a dispute.",
    "Front window of {addr} smashed with a brick at {time}. {IP} {vname} heard a car drive off "
    "towards {place}. No witnesses, H2H negative.",
    "Graffiti sprayed on the wall of {shop}, {street}, {town} overnight. Manager {wname} tel "
    "{phone2}. Tag matches others in the area."};
constexpr const char* kDamageSum[] = {"Car keyed while parked.", "Window smashed with brick.",
                                      "Graffiti on business premises."};

constexpr const char* kPublicOrder[] = {
    "{ST} {sname} was shouting racial abuse at staff in {shop}, {town}, causing alarm and "
    "distress. Staff member {wname} filmed the incident on a phone. {ST} arrested at scene."};
constexpr const char* kPublicOrderSum[] = {"Racially aggravated public order offence."};

constexpr const char* kPublicFear[] = {
    "Group of youths shouting and throwing bottles in {street}, {town} at {time}, causing {IP} "
    "{vname} alarm and distress. One youth named as {sname}. Words used: {quote}"};
constexpr const char* kPublicFearSum[] = {"Youths causing alarm and distress."};

constexpr const char* kObscene[] = {
    "Indecent images of children found on the laptop of {st} {sname} of {addr} following a "
    "referral from CEOP. Devices seized for examination by the digital forensics unit. {ST} "
    "interviewed and released under investigation."};
constexpr const char* kObsceneSum[] = {"Indecent images of children, devices seized."};

constexpr const char* kTrafficking[] = {
    "{ST} {sname} (DOB {sdob}) stopped in {car} {vrm} on {street}, {town}; found with 14 wraps of "
    "crack cocaine and {amount} cash. Phone {phone} seized, messages indicative of supply (county "
    "lines)."};
constexpr const char* kTraffickingSum[] = {"Possession with intent to supply class A."};

constexpr const char* kPossession[] = {
    "{ST} {sname} searched under s23 MDA on {street}, {town} at {time}; found with a small bag of "
    "cannabis. Admitted possession. Dealt with by {oic} {officer}."};
constexpr const char* kPossessionSum[] = {"Possession of cannabis."};

constexpr const char* kOtherNotifiable[] = {
    "{ST} {sname} gave the false details of {wname} when stopped in {car} {vrm} on {street}, "
    "{town}, to avoid a warrant. Identity confirmed by fingerprints in custody."};
constexpr const char* kOtherNotifiableSum[] = {"Perverting the course of justice, false details."};

constexpr const char* kBlackmailPlaceholder[] = {"{IP} {vname} reports blackmail."};

// offences.csv, in its order; shares per 10,000.
const OffenceTexts kOffences[] = {
    {{"1", "Murder", 2, VictimKind::kPerson, 1}, kMurder, kMurderSum},
    {{"8N", "Assault with injury", 900, VictimKind::kPerson, 3}, kAssaultInjury, kAssaultInjurySum},
    {{"105A", "Assault without injury", 1100, VictimKind::kPerson, 2},
     kAssaultNoInjury,
     kAssaultNoInjurySum},
    {{"8L", "Harassment", 600, VictimKind::kPerson, 1}, kHarassment, kHarassmentSum},
    {{"8R", "Malicious communications", 300, VictimKind::kPerson, 1},
     kMaliciousComms,
     kMaliciousCommsSum},
    {{"19C", "Rape of a female aged 16 or over", 100, VictimKind::kPerson, 1}, kRape, kRapeSum},
    {{"20", "Sexual assault", 120, VictimKind::kPerson, 1}, kSexualAssault, kSexualAssaultSum},
    {{"28", "Burglary in a dwelling", 600, VictimKind::kPerson, 2},
     kBurglaryDwelling,
     kBurglaryDwellingSum},
    {{"30", "Burglary other than a dwelling", 500, VictimKind::kBusiness, 1},
     kBurglaryOther,
     kBurglaryOtherSum},
    {{"34B", "Robbery of personal property", 80, VictimKind::kPerson, 1}, kRobbery, kRobberySum},
    {{"39", "Theft from the person", 120, VictimKind::kPerson, 1}, kTheftPerson, kTheftPersonSum},
    {{"44", "Bicycle theft", 250, VictimKind::kPerson, 1}, kBicycle, kBicycleSum},
    {{"45", "Theft from a vehicle", 550, VictimKind::kPerson, 1},
     kTheftFromVehicle,
     kTheftFromVehicleSum},
    {{"48", "Theft of a motor vehicle", 200, VictimKind::kPerson, 1},
     kVehicleTheft,
     kVehicleTheftSum},
    {{"46", "Shoplifting", 800, VictimKind::kBusiness, 1}, kShoplifting, kShopliftingSum},
    {{"49", "Other theft", 1110, VictimKind::kPerson, 4}, kOtherTheft, kOtherTheftSum},
    {{"56", "Arson", 80, VictimKind::kPerson, 1}, kArson, kArsonSum},
    {{"58", "Criminal damage", 1400, VictimKind::kPerson, 3}, kDamage, kDamageSum},
    {{"66", "Other offences against the state or public order", 100, VictimKind::kNone, 1},
     kPublicOrder,
     kPublicOrderSum},
    {{"9A", "Public fear alarm or distress", 400, VictimKind::kPerson, 1},
     kPublicFear,
     kPublicFearSum},
    {{"71", "Blackmail", 30, VictimKind::kPerson, 1}, kBlackmailPlaceholder, kBlackmailPlaceholder},
    {{"86", "Obscene publications and indecent images", 30, VictimKind::kNone, 1},
     kObscene,
     kObsceneSum},
    {{"92A", "Trafficking in controlled drugs", 120, VictimKind::kNone, 1},
     kTrafficking,
     kTraffickingSum},
    {{"92D", "Possession of controlled drugs", 450, VictimKind::kNone, 1},
     kPossession,
     kPossessionSum},
    {{"99", "Other notifiable offences", 28, VictimKind::kNone, 1},
     kOtherNotifiable,
     kOtherNotifiableSum},
};
constexpr int kBlackmailIndex = 20;

constexpr const char* kUpdates[] = {
    "Linked to {crimeref}; same suspect believed responsible.",
    "Subscriber checks on {phone} return to {wname} of {addr}.",
    "{ST} {sname} (DOB {sdob}, NI {ni}) interviewed under caution on {date}, denies the offence.",
    "Intelligence links the {car} {vrm} to {st} {sname} of {village}.",
    "{OIC} {officer} spoke to {ip}, who is {occ}; nothing further to add.",
    "{OIC} {officer} updated {ip} by phone on {phone}.",
    "CCTV viewed, no evidential value. No further lines of enquiry.",
    "House-to-house enquiries in {street} negative.",
    "Crime reviewed by supervisor, filed pending further information.",
    "{ST} {sname} (DOB {sdob}) arrested on {date}, interviewed and denied the offence.",
    "Victim personal statement taken, {ip} contact {email}.",
    "Witness {wname} spoken to, statement to follow, tel {phone2}.",
    "Forensic submission made, awaiting result."};

// Blackmail that is not sextortion: {plain, with a search word}, summary, reason.
struct OtherBlackmail {
  const char* plain;
  const char* keyword;
  const char* summary;
  const char* reason;
};

constexpr OtherBlackmail kOther[kBlackmailKindCount] = {
    {"{ST} {sname} has demanded {amount} from {IP} {vname}, claiming it is owed for a previous "
     "drug deal, and threatened to burn down {addr} if it is not paid by {date}. Message read "
     "{quote}",
     "{ST} {sname} sent {ip} a photo of {addr} with the message {quote} demanding {amount} said "
     "to be owed.",
     "Threats to damage home unless alleged debt paid.", "not sextortion: threats over a debt"},
    {"{ST} {sname}, the husband of a woman {IP} {vname} had an affair with, demanded {amount} or "
     "he "
     "would tell {ip}'s spouse and employer about the affair.",
     "{ST} says he has photos of {IP} {vname} meeting a woman in a car park in {place} and "
     "demands {amount} not to show them to {ip}'s spouse.",
     "Threat to reveal affair unless paid.", "not sextortion: threat to reveal an affair"},
    {"Owner of {shop}, {street}, {town}, {IP} {vname}, was told by two males to pay {amount} a "
     "month for protection or the premises would be smashed up.",
     "Former employee {sname} threatened to post false reviews and customer details on the "
     "website of the business, {shop}, {town}, unless paid {amount} in unpaid wages.",
     "Business owner threatened unless money paid.", "not sextortion: extortion of a business"},
    {"Computers at {shop}, {town} infected with ransomware; customer files encrypted and {amount} "
     "in Bitcoin demanded for the key. Business contact {wname} tel {phone2}. Attack came from IP "
     "address {ipaddr}. Action Fraud reference obtained.",
     "Web server of {shop}, {town} hacked and the customer database encrypted; offenders demand "
     "{amount} in Bitcoin for its return. IT contractor {wname} tel {phone2}, logs show IP "
     "address {ipaddr}.",
     "Ransomware attack on business computers.", "not sextortion: ransomware attack on a business"},
    {"{IP} {vname} sold a {car} {vrm} to {sname}, who now demands {amount} back and threatens to "
     "report {ip} to Trading Standards and damage {addr}.",
     "{ST} {sname} bought a {car} {vrm} from {IP} {vname} and is demanding {amount} back, "
     "threatening to post a photo of the car and {ip}'s address online as a scammer.",
     "Threats after private car sale.", "not sextortion: dispute over a car sale"},
    {"{ST} {sname} threatened to report {IP} {vname} to the DWP for benefit fraud unless {he} "
     "paid {amount}. {IP} denies any fraud. Contact {phone}.",
     "{ST} {sname} threatened to report {IP} {vname}'s cash-in-hand work to HMRC and post about it "
     "on the community webpage unless {he} paid {amount}.",
     "Threat to report victim to authorities unless paid.",
     "not sextortion: threat to report to authorities"},
    {"Ex-partner {sname} threatened to tell {ip}'s employer, {work}, about {his} criminal record "
     "unless {amount} was paid. Messages from {phone}.",
     "Ex-partner {sname} threatened to send photos of {IP} {vname} smoking cannabis to {his} "
     "employer, {work}, unless {he} paid {amount}.",
     "Ex-partner threatens to contact employer unless paid.",
     "not sextortion: non-intimate material"},
    {"{IP} {vname} lost a handbag in {town}; a male calling from {phone} demanded {amount} for its "
     "return and threatened to use {ip}'s bank cards.",
     "{IP} {vname}'s phone was stolen in {town}; {st} texted from {phone} demanding {amount} to "
     "return it and the family photos on it.",
     "Ransom demanded for return of stolen property.",
     "not sextortion: ransom for stolen property"},
    {"{IP} {vname}'s {platform} account {vhandle} was taken over from IP address {ipaddr} and the "
     "offender demands {amount} to return it, threatening to message all contacts asking for "
     "money.",
     "{IP} {vname}'s {platform} account ({url}) and the webshop of {his} family business were "
     "taken over; the offender demands {amount} to return access.",
     "Social media account held to ransom.", "not sextortion: account held to ransom"},
};

constexpr const char* kBlackmailUpdates[] = {
    "Linked to {crimeref}.",
    "Money was to be paid into account {account}, sort code {sortcode}; bank enquiries made.",
    "{ST} {sname} (DOB {sdob}, NI {ni}, passport {passport}) arrested on {date} and bailed.",
    "Enquiries with the bank made, no further lines of enquiry.",
    "{IP} advised not to pay and to keep all messages. {OIC} {officer}.",
    "{ST} {sname} (DOB {sdob}) interviewed under caution, denies the offence.",
    "Phone {phone} subscriber checks negative, pay as you go.",
    "{IP} no longer supports a prosecution, statement of withdrawal taken."};

// Sextortion parts. "kw" variants hold a search word; plain variants none.
constexpr const char* kContactPlain[] = {
    "{IP} {vname} accepted a friend request on {platform} from a female calling herself {alias} "
    "(account {handle2}).",
    "{IP} {vname} was contacted on {platform} by a female using the name {alias}, profile "
    "{handle2}, after chatting on a dating app.",
    "{IP} {vname} was added on {platform} by {handle2}, a profile showing a young woman called "
    "{alias}.",
    "{IP} {vname} was messaged on {platform} by {alias} ({handle2}), who gave a mobile number of "
    "{intl}."};
constexpr const char* kContactKeyword[] = {
    "{IP} {vname} met a female calling herself {alias} on a dating website, who moved the chat to "
    "{platform} ({handle2})."};

constexpr const char* kActFilmedPlain[] = {
    "The conversation moved to a Skype call where {ip} was persuaded to undress and perform a "
    "sexual act on camera; {st} then said the {medium} had been saved.",
    "{IP} was persuaded to expose {himself} on camera during a Skype call; {st} then sent {ip} "
    "{mediump} of the call."};
constexpr const char* kActFilmedKeyword[] = {
    "The conversation moved to Skype where {ip} was persuaded to perform a sexual act on webcam, "
    "which {st} recorded.",
    "{IP} performed a sexual act on webcam at {st}'s request and was then sent {mediump} of it."};
constexpr const char* kActSentPlain[] = {
    "{IP} was persuaded to send {mediump} of {himself} to {st}.",
    "After some flirting {ip} sent {mediump} of {himself} to {st}."};
constexpr const char* kActSentKeyword[] = {
    "{IP} sent {mediump} of {himself} to {st} after a webcam chat.",
    "{IP} was persuaded to send {mediump} of {himself} to {st}, who sent photos in return."};

constexpr const char* kThreats[] = {
    "{ST} then threatened to {verb} the {medium}{target}{demand}.",
    "Within minutes {st} sent {ip} screenshots of {his} friends list and threatened to {verb} the "
    "{medium}{target}{demand}."};
// When the Details name no threat: blackmail over the material, nothing said
// of what would be done with it.
constexpr const char* kNoThreats[] = {"{ST} then tried to blackmail {ip} over the {medium}.",
                                      "{ST} then attempted to blackmail {ip} with the {medium}."};
constexpr const char* kQuoteLine = "Message read {quote}";
constexpr const char* kPayments[] = {
    "{IP} paid {amount} via Western Union to {country} (MTCN {mtcn}) but further demands followed.",
    "{IP} did not pay and blocked the account; {st} has not made contact since.",
    "{IP} paid {amount} in iTunes vouchers before reporting.",
    "{IP} sent {amount} by MoneyGram to a recipient in {country}.",
    "{IP} paid {amount} by Western Union to {country}; the offender's WhatsApp number is {intl}.",
    "{IP} paid {amount} by bank transfer to sort code {sortcode}, account {account}."};
constexpr const char* kDetails[] = {
    "{IP}'s {platform} profile {vhandle}, email {email}, mobile {phone}.",
    "{IP} lives at {addr} {pc} and is {occ}. Contact {phone}.",
    "{IP} contact {phone} or {email}.",
    "{IP}'s online profile is {url}; {ip} is {occ}.",
    "{IP} {vname}, DOB {vdob}, NI {ni}, of {addr}, tel {phone2}.",
    "{IP}'s account was later accessed from IP address {ipaddr}. Contact {phone}."};

constexpr const char* kMembership[] = {
    "{IP} {vname} received an email from {handle2} stating that {his} membership of an adult "
    "dating website had been discovered and threatening to expose it unless {amount} in Bitcoin "
    "was paid. {IP} has not paid. {IP} email {email}.",
    "{IP} {vname} received an email from {handle2} claiming to know of {his} membership of an "
    "adult dating website and threatening to reveal it unless {he} paid {amount} in Bitcoin. {IP} "
    "has not paid; {ip} is {occ}. Email {email}."};
constexpr const char* kRansomScreen =
    "{IP} {vname}'s tablet computer locked with a screen claiming to be from the Metropolitan "
    "Police, stating {ip} had viewed banned pornography and demanding a {amount} fine by Ukash "
    "voucher. {IP} did not pay; the device was reset at {shop}, {town}.";
constexpr const char* kKnownPeer[] = {
    "{IP} {vname} (aged {vage}) had been messaging {st} {sname} (DOB {sdob}) of {place} on "
    "{platform}. {IP} sent {mediump} of {himself}; {st} then threatened to {verb} the {medium}"
    "{target}{demand}.",
    "{IP} {vname} (aged {vage}), {occ}, had been messaging {st} {sname} (DOB {sdob}) of {place} "
    "on {platform}. {IP} sent {mediump} of {himself}; {st} then threatened to {verb} the {medium}"
    "{target}{demand}."};
// A known suspect when the Details name no threat ("threats made after
// photograph sent and money demanded").
constexpr const char* kKnownPeerNoThreat[] = {
    "{IP} {vname} (aged {vage}) had been messaging {st} {sname} (DOB {sdob}) of {place} on "
    "{platform}. {IP} sent {mediump} of {himself}; {st} then made threats and demanded money.",
    "{IP} {vname} (aged {vage}), {occ}, had been messaging {st} {sname} (DOB {sdob}) of {place} "
    "on {platform}. {IP} sent {mediump} of {himself}, after which {st} made threats and demanded "
    "{amount}."};
constexpr const char* kKnownPeerEvidencePlain =
    "{OIC} downloaded the messages from {ip}'s phone, exhibit {exhibit}.";
constexpr const char* kKnownPeerEvidenceKeyword =
    "{OIC} downloaded the messages and photos from {ip}'s phone, exhibit {exhibit}.";
constexpr const char* kExPartner =
    "Following the end of their relationship, ex-partner {sname} (DOB {sdob}) threatened to post "
    "{mediump} of {IP} {vname} on the internet and show them to {his} spouse unless {he} paid "
    "{amount}. {ST} sent one photo to {ip} as proof.";
constexpr const char* kUnderage =
    "After exchanging naked photos with {alias} ({handle2}) on {platform}, {ip} received messages "
    "claiming {alias} was 15 and threatening to report {him} to police and post the chat on "
    "Facebook unless {he} paid {amount}.";

constexpr const char* kSextortionSummaries[] = {
    "Victim befriended online, intimate {medium} obtained, money demanded.",
    "Online blackmail: threat to {verb} intimate {medium}{target}.",
    "Sextortion report, offender overseas."};

// Targets without search words, for random plots.
constexpr const char* kTargetsPlain[] = {
    " to {his} Facebook friends", " to {his} family and friends", " to all {his} contacts",
    " to {his} employer",         " on internet sites",           " to {his} partner",
    " online"};
constexpr const char* kVerbsPlain[] = {"send", "send", "post", "share"};
constexpr const char* kDemandMoneyWords = " unless {he} paid {amount}";

}  // namespace

int OffenceCount() { return static_cast<int>(std::size(kOffences)); }
const OffenceInfo& OffenceAt(int i) { return kOffences[i].info; }
int BlackmailOffence() { return kBlackmailIndex; }

int TotalShare() {
  int total = 0;
  for (const auto& o : kOffences) total += o.info.share;
  return total;
}

int PickOrdinaryOffence(Rng& rng) {
  static const int ordinary_total = TotalShare() - kOffences[kBlackmailIndex].info.share;
  int r = static_cast<int>(rng.Below(static_cast<uint64_t>(ordinary_total)));
  for (int i = 0; i < OffenceCount(); ++i) {
    if (i == kBlackmailIndex) continue;
    if (r < kOffences[i].info.share) return i;
    r -= kOffences[i].info.share;
  }
  return 0;
}

void ComposeOrdinary(int offence, Rng& rng, Parts& body, const char*& summary) {
  const OffenceTexts& o = kOffences[offence];
  const size_t b = rng.Below(o.bodies.size());
  body.Add(o.bodies[b]);
  summary = o.summaries[b < o.summaries.size() ? b : 0];
}

const char* PickUpdate(Rng& rng) { return rng.Pick(kUpdates); }

const char* PickContactLine(Rng& rng) {
  static constexpr const char* kContacts[] = {
      "{IP} contact {phone}.",
      "Reported by {wname} of {addr}, tel {phone2}.",
      "{IP} can be reached on {phone} or at {email}.",
      "{IP} lives at {addr} {pc}; prefers contact by email, {email}.",
      "Attending officer {officer}, {oic} to follow up.",
      "Occurred around {time} on {date}, {street}, {town}.",
      "{IP}'s online profile {url}, mobile {phone}.",
      "{IP} is {occ}; contact {phone}.",
      "{IP} DOB {vdob}, NI no {ni}, passport no {passport}.",
      "{IP} has since moved to {addr} {pc}, tel {phone2}.",
      "{IP} can be reached on {phone2} (home) or {phone} (mobile).",
      "Previous report {crimeref} refers.",
      "{IP}'s Instagram account is {vhandle}; {ip} lives in {village}.",
      "Reported online from IP address {ipaddr}, email {email}.",
      "{IP}'s bank account {account}, sort code {sortcode}, has been frozen."};
  return rng.Pick(kContacts);
}

void ComposeOtherBlackmail(int kind, bool with_keyword, Rng& rng, Parts& body,
                           const char*& summary) {
  const OtherBlackmail& o = kOther[kind];
  body.Add(with_keyword ? o.keyword : o.plain);
  if (rng.Percent(50)) body.Add("{IP} contact {phone}, email {email}.");
  summary = o.summary;
}

const char* OtherBlackmailReason(int kind) { return kOther[kind].reason; }
const char* BlackmailUpdate(Rng& rng) { return rng.Pick(kBlackmailUpdates); }

void ComposeSextortion(Story story, KeywordRule rule, Rng& rng, const Facts& f, Parts& body,
                       const char*& summary) {
  const bool require = rule == KeywordRule::kRequire;
  const bool forbid = rule == KeywordRule::kForbid;
  switch (story) {
    case Story::kMembership:
      body.Add(rng.Pick(kMembership));
      summary = "Email threat to expose dating website membership unless paid.";
      return;
    case Story::kRansom:
      body.Add(kRansomScreen);
      summary = "Tablet locked by screen claiming police fine for pornography.";
      return;
    case Story::kExPartner:
      body.Add(kExPartner);
      body.Add(rng.Pick(kDetails));
      summary = "Ex-partner threatens to post intimate pictures unless paid.";
      return;
    case Story::kUnderageClaim:
      body.Add(kUnderage);
      body.Add(rng.Pick(kPayments));
      body.Add(rng.Pick(kDetails));
      summary = "Blackmail after exchange of naked photos online.";
      return;
    case Story::kKnownPeer:
      body.Add(f.verb[0] ? rng.Pick(kKnownPeer) : rng.Pick(kKnownPeerNoThreat));
      if (rng.Percent(50)) body.Add(kQuoteLine);
      // The evidence line carries the search word when the medium does not.
      body.Add(require && !MediumHasKeyword(f.medium) ? kKnownPeerEvidenceKeyword
               : forbid                               ? kKnownPeerEvidencePlain
               : rng.Percent(50)                      ? kKnownPeerEvidenceKeyword
                                                      : kKnownPeerEvidencePlain);
      summary = "Threat to share intimate images, suspect known to victim.";
      return;
    case Story::kOnline:
      break;
  }
  const bool medium_kw = MediumHasKeyword(f.medium);
  // Where a search word comes from when one is required: the medium's own
  // word, else the contact (a dating website) or the act (on webcam).
  bool kw_contact = false, kw_act = false;
  if (require && !medium_kw) {
    if (rng.Percent(30))
      kw_contact = true;
    else
      kw_act = true;
  } else if (!forbid) {
    kw_contact = rng.Percent(15);
    kw_act = rng.Percent(40);
  }
  body.Add(kw_contact ? rng.Pick(kContactKeyword) : rng.Pick(kContactPlain));
  if (MediumIsFilmed(f.medium)) {
    body.Add(kw_act ? rng.Pick(kActFilmedKeyword) : rng.Pick(kActFilmedPlain));
  } else {
    body.Add(kw_act ? rng.Pick(kActSentKeyword) : rng.Pick(kActSentPlain));
  }
  body.Add(f.verb[0] ? rng.Pick(kThreats) : rng.Pick(kNoThreats));
  if (rng.Percent(40)) body.Add(kQuoteLine);
  body.Add(rng.Pick(kPayments));
  if (rng.Percent(60)) body.Add(rng.Pick(kDetails));
  summary = rng.Pick(kSextortionSummaries);
}

namespace {

// Where `word` occurs in `d` as a whole word at or after `from`, else npos.
size_t FindWord(std::string_view d, std::string_view word, size_t from = 0) {
  auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; };
  for (size_t p = d.find(word, from); p != std::string_view::npos; p = d.find(word, p + 1)) {
    const bool left = p == 0 || !is_letter(d[p - 1]);
    const bool right = p + word.size() >= d.size() || !is_letter(d[p + word.size()]);
    if (left && right) return p;
  }
  return std::string_view::npos;
}

}  // namespace

void SetSextortionPlotFromDetails(const std::string& details, Rng& rng, Facts& f) {
  std::string lower;
  for (char c : details) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const std::string_view d = lower;
  auto has = [&](std::string_view w) { return FindWord(d, w) != std::string_view::npos; };
  // What is threatened comes before "unless"; what is demanded after it.
  const size_t unless = FindWord(d, "unless");
  const std::string_view threat = d.substr(0, unless);
  const std::string_view demand =
      unless == std::string_view::npos ? std::string_view() : d.substr(unless);

  // Media in the order named; a second one only when it is another kind
  // ("pictures and video"), not what the first shows ("video of photos").
  static constexpr std::pair<std::string_view, int> kWords[] = {
      {"video", kVideo},       {"footage", kFootage},     {"recording", kRecording},
      {"clip", kClip},         {"photograph", kPhotograph}, {"photos", kPhotos},
      {"pictures", kPictures}, {"picture", kPicture},     {"images", kImages},
      {"image", kImage}};
  std::vector<std::pair<size_t, int>> named;
  for (const auto& [word, m] : kWords)
    for (size_t p = FindWord(threat, word); p != std::string_view::npos;
         p = FindWord(threat, word, p + 1))
      named.push_back({p, m});
  std::sort(named.begin(), named.end());
  f.medium = named.empty() ? kVideo : named[0].second;
  f.medium2 = -1;
  for (size_t i = 1; i < named.size(); ++i) {
    const bool filmed = MediumIsFilmed(named[i].second) != MediumIsFilmed(f.medium);
    const size_t gap_from = named[i - 1].first;
    const std::string_view between = threat.substr(gap_from, named[i].first - gap_from);
    if (filmed && between.find(" of ") == std::string_view::npos) {
      f.medium2 = named[i].second;
      break;
    }
  }

  // The kind of threat: the first verb the Details use.
  struct VerbGroup {
    std::array<std::string_view, 6> words;
    std::array<const char*, 5> wording;
  };
  static constexpr VerbGroup kVerbs[] = {
      {{"post", "posting", "upload", "uploaded", "place", "put"},
       {"post", "post", "upload", "publish", "post"}},
      {{"send", "sending", "forward", "", "", ""}, {"send", "send", "forward", "send", "send"}},
      {{"release", "leak", "circulate", "distributed", "disseminate", "share"},
       {"release", "share", "circulate", "distribute", "leak"}},
      {{"show", "expose", "reveal", "", "", ""}, {"show", "show", "expose", "show", "reveal"}},
  };
  size_t best = std::string_view::npos;
  int group = -1;
  for (int g = 0; g < 4; ++g) {
    for (std::string_view w : kVerbs[g].words) {
      if (w.empty()) continue;
      for (size_t p = FindWord(d, w); p != std::string_view::npos; p = FindWord(d, w, p + 1)) {
        if (d.substr(p).starts_with("send more")) continue;  // the demand, not the threat
        if (p >= 6 && d.substr(p - 6, 6) == "after ") continue;  // what the victim did first
        if (p < best) {
          best = p;
          group = g;
        }
        break;
      }
    }
  }
  const int wording = static_cast<int>(rng.Below(5));
  f.verb = group < 0 ? "" : kVerbs[group].wording[static_cast<size_t>(wording)];
  // "to the internet" after send would read as posting; keep send to people.
  const bool release = group == 2;

  // Audience.
  auto in_threat = [&](std::string_view w) { return FindWord(threat, w) != std::string_view::npos; };
  const bool facebook = in_threat("facebook");
  const bool friends = in_threat("friends");
  const bool family = in_threat("family") || in_threat("family's");
  const bool contacts = in_threat("contacts");
  const bool partner = in_threat("partner") || in_threat("spouse");
  const bool employer = in_threat("employer") || in_threat("colleagues");
  const bool social = threat.find("social networking") != std::string_view::npos ||
                      threat.find("social media") != std::string_view::npos;
  const bool website = !social && (in_threat("website") || in_threat("websites") ||
                                   in_threat("site") || in_threat("sites"));
  const bool internet = !website && (in_threat("internet") || in_threat("online") ||
                                     in_threat("web"));
  auto pick = [&](std::initializer_list<const char*> options) {
    return options.begin()[rng.Below(options.size())];
  };
  if (facebook && friends) {
    f.target = pick({" to {his} Facebook friends", " to {his} friends on Facebook"});
  } else if (facebook && family) {
    f.target = pick({" to {his} family on Facebook", " on Facebook for {his} family to see"});
  } else if (facebook && contacts) {
    f.target = pick({" to {his} Facebook contacts", " to {his} contacts on Facebook"});
  } else if (facebook) {
    f.target = pick({" on Facebook", " on {his} Facebook page", " to Facebook"});
  } else if (family && friends) {
    f.target = pick({" to {his} family and friends", " to {his} friends and family"});
  } else if (partner) {
    f.target = pick({" to {his} partner", " to {his} spouse"});
  } else if (employer && website) {
    f.target = pick({" to a website and {his} colleagues", " on a website and to {his} employer"});
  } else if (employer && internet) {
    f.target = pick({" on the internet and to {his} employer", " on the web and to {his} colleagues"});
  } else if (contacts && website) {
    f.target = pick({" to a website and to {his} contacts",
                     " on a website and to everyone in {his} contact list"});
  } else if (friends && website) {
    f.target = pick({" to internet sites and to {his} friends", " on websites and to {his} friends"});
  } else if (contacts) {
    f.target = release ? pick({" amongst {his} contacts", " to {his} contacts"})
                       : pick({" to {his} contacts", " to everyone in {his} contact list"});
  } else if (friends) {
    f.target = " to {his} friends";
  } else if (family) {
    f.target = " to {his} family";
  } else if (employer) {
    f.target = " to {his} employer";
  } else if (social) {
    f.target = pick({" on social networking sites", " on social media"});
  } else if (website) {
    f.target = pick({" to websites", " on a website", " to internet sites", " on several websites"});
  } else if (internet) {
    f.target = pick({" on the internet", " online", " on the web"});
  } else {
    f.target = "";
  }

  // Demand.
  auto in_demand = [&](std::string_view w) { return demand.find(w) != std::string_view::npos; };
  if (in_demand("sexual act")) {
    f.demand_kind = kDemandMoneyOrSexualAct;
    f.demand = pick({" unless {he} paid {amount} or performed a sexual act on camera",
                     " unless {he} paid {amount} or performed another sexual act"});
  } else if (in_demand("real pictures")) {
    f.demand_kind = kDemandMoreImages;
    f.demand = " unless {he} sent real pictures";
  } else if (in_demand("further are sent") || in_demand("more images") || has("send more")) {
    f.demand_kind = kDemandMoreImages;
    f.demand = pick({" unless more images were sent", " unless {he} sent more pictures",
                     " unless {he} sent further images"});
  } else if (in_demand("link")) {
    f.demand_kind = kDemandLink;
    f.demand = pick({" unless {he} opened an internet link", " unless {he} clicked on a link"});
  } else if (in_demand("money") || in_demand("paid") || has("money")) {
    f.demand_kind = kDemandMoney;
    f.demand = pick({" unless {he} paid {amount}", " unless {amount} was paid",
                     " unless {he} paid {amount} within 24 hours"});
  } else {
    f.demand_kind = kDemandNone;
    f.demand = "";
  }
}

void SetRandomSextortionPlot(Rng& rng, bool forbid_keyword, Facts& f) {
  static constexpr int kPlain[] = {kFootage, kRecording, kClip, kImages, kPictures, kImage};
  static constexpr int kAny[] = {kVideo, kVideo,  kVideo,  kFootage, kRecording,
                                 kClip,  kImages, kPhotos, kPictures};
  f.medium = forbid_keyword ? rng.Pick(kPlain) : rng.Pick(kAny);
  f.medium2 = -1;
  f.verb = rng.Pick(kVerbsPlain);
  f.target = rng.Pick(kTargetsPlain);
  f.demand = kDemandMoneyWords;
  f.demand_kind = kDemandMoney;
}

std::string SextortionReason(Story story, const Facts& f) {
  switch (story) {
    case Story::kMembership:
      return "sextortion: threat to expose adult website membership unless paid";
    case Story::kRansom:
      return "sextortion: device locked over alleged pornography, payment demanded";
    case Story::kKnownPeer:
      return "sextortion: threat to share intimate images, suspect identified";
    case Story::kExPartner:
      return "sextortion: ex-partner threatened to post intimate pictures";
    case Story::kUnderageClaim:
      return "sextortion: naked photos exchanged, threat to post unless paid";
    case Story::kOnline:
      break;
  }
  static constexpr const char* kDemands[] = {" unless paid", " unless more images sent",
                                             " unless a link opened",
                                             " unless paid or a sexual act", ""};
  return std::string("sextortion: threat to share intimate ") + MediumWord(f.medium) +
         kDemands[f.demand_kind];
}

const char* SextortionUpdate(Rng& rng) {
  static constexpr const char* kUpdates[] = {
      "Enquiries with {platform} via SPOC: account registered in {country}, no further lines of "
      "enquiry.",
      "Advice given on blocking the account and not paying; Revenge Porn Helpline details given.",
      "{OIC} {officer} reviewed, undetected pending any new information."};
  return rng.Pick(kUpdates);
}

const char* KnownSuspectUpdate(int ho_type) {
  switch (ho_type) {
    case 1:
      return "{ST} {sname} arrested on {date}, interviewed, admitted the offence and charged.";
    case 2:
      return "{ST} {sname} admitted the offence in interview and received a youth caution.";
    case 3:
      return "{ST} {sname} arrested on {date}, admitted the offence and was cautioned.";
    default:
      return "{ST} {sname} interviewed, no further action.";
  }
}

}  // namespace foidesk::synth
