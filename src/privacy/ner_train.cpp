// Training data and training for the tagger (see ner_train.h).
#include "privacy/ner_train.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>

namespace foidesk::privacy {
namespace {

// ---- a small deterministic generator (splitmix64), so the examples and the
// training order do not depend on the standard library's distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  bool Chance(int percent) { return static_cast<int>(Below(100)) < percent; }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) {
    return a[Below(N)];
  }
  const std::string& Pick(const std::vector<std::string>& v) { return v[Below(v.size())]; }

 private:
  uint64_t s_;
};

// ---- CoNLL

int ConllType(std::string_view type) {
  if (type == "person") return kNerBPer;
  if (type == "location") return kNerBLoc;
  // Corporations (Twitter, Apple) and groups (bands, teams) are named in
  // WNUT; they identify no one, so they are O here, as in the evaluation.
  return kNerO;
}

// ---- word lists of the synthetic sentences. Names, towns and countries come
// from the gazetteers; these are the words around them.

constexpr const char* kCompanyWords[] = {
    "Logistics",   "Solutions",   "Group",        "Motors",       "Builders",     "Plumbing",
    "Electrical",  "Haulage",     "Transport",    "Construction", "Consulting",   "Services",
    "Systems",     "Media",       "Recruitment",  "Properties",   "Lettings",     "Estates",
    "Insurance",   "Engineering", "Security",     "Catering",     "Cleaning",     "Roofing",
    "Scaffolding", "Foods",       "Trading",      "Partners",     "Associates",   "Holdings",
    "Enterprises", "Industries",  "Technologies", "Software",     "Labs",         "Plant Hire",
    "Pharmacy",    "Dental",      "Garage",       "Cars",         "Taxis",        "Travel",
    "Fashion",     "Interiors",   "Design",       "Digital",      "Energy",       "Finance",
    "Capital",     "Investments", "Accountants",  "Solicitors",   "Removals",     "Landscaping",
    "Joinery",     "Carpets",     "Windows",      "Autos",        "Distribution", "Supplies",
    "Direct",      "Wholesale",   "Healthcare",   "Care",         "Homes",        "Bakery",
    "Butchers",    "Couriers",    "Storage",      "Networks",     "Telecom",      "Pharma",
    "Print",       "Studios",     "Fitness",      "Vets",         "Opticians",    "Electronics"};

constexpr const char* kLegalEndings[] = {"Ltd", "Limited", "PLC",  "plc",       "LLP",
                                         "Inc", "& Co",    "Ltd.", "Group Ltd", "UK Ltd"};

// Schools, surgeries, clubs and firms named after a town. Banks, councils
// and other public bodies are left out: they identify no one.
constexpr const char* kPlaceOrgs[] = {
    "High School",        "Primary School", "Academy",         "College",
    "General Hospital",   "Hospital",       "Medical Centre",  "Dental Practice",
    "Town Football Club", "Leisure Centre", "Community Trust", "Rugby Club",
    "Cricket Club",       "Taxis",          "Motors",          "Boxing Club"};

constexpr const char* kStreetTypes[] = {"Road",    "Street", "Lane",     "Close",   "Avenue",
                                        "Drive",   "Way",    "Crescent", "Gardens", "Place",
                                        "Terrace", "Grove",  "Row",      "Square",  "Walk",
                                        "Rise",    "Mews",   "Court",    "Hill",    "View"};

constexpr const char* kStreetWords[] = {
    "Church", "Mill",   "Station", "Park",    "High",   "Green",   "Victoria", "King",  "Queen",
    "Manor",  "School", "Orchard", "Meadow",  "Chapel", "Bridge",  "Water",    "North", "South",
    "Beech",  "Oak",    "Elm",     "Willow",  "Cedar",  "Market",  "Castle",   "Abbey", "Windsor",
    "Albert", "York",   "Spring",  "Harbour", "Cherry", "Rectory", "Vicarage", "Hall",  "Grange"};

constexpr const char* kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};
constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
constexpr const char* kMakes[] = {
    "Ford",    "Vauxhall", "BMW",   "Audi",       "Toyota",     "Volkswagen", "VW",     "Nissan",
    "Kia",     "Peugeot",  "Honda", "Mercedes",   "Land Rover", "Fiat",       "Skoda",  "Renault",
    "Citroen", "Hyundai",  "Mazda", "Seat",       "Volvo",      "Mini",       "Suzuki", "Dacia",
    "Jaguar",  "Lexus",    "Tesla", "Mitsubishi", "Yamaha",     "Piaggio",    "Vespa",  "Iveco"};
constexpr const char* kModels[] = {
    "Focus",     "Fiesta",  "Corsa", "Astra",    "Golf",  "Polo",    "Qashqai", "Juke",
    "Sportage",  "Picanto", "Civic", "Jazz",     "Yaris", "Aygo",    "Octavia", "Fabia",
    "Clio",      "Megane",  "C3",    "Berlingo", "i10",   "Tucson",  "Transit", "Sprinter",
    "Discovery", "Evoque",  "Punto", "Cooper",   "Swift", "Sandero", "Passat",  "Micra",
    "A3",        "320d",    "X5",    "208",      "3008",  "Leon",    "XC90",    "Model 3"};
constexpr const char* kBrands[] = {
    "Facebook",  "Snapchat",    "Instagram", "WhatsApp", "TikTok",       "Gumtree",
    "Messenger", "Marketplace", "Telegram",  "Tinder",   "PayPal",       "eBay",
    "Amazon",    "Google",      "YouTube",   "Twitter",  "Skype",        "Uber",
    "Deliveroo", "Vinted",      "Bumble",    "iPhone",   "Samsung",      "PlayStation",
    "Xbox",      "Netflix",     "Apple Pay", "Bitcoin",  "Zoom",         "Discord",
    "Reddit",    "Hinge",       "Revolut",   "Monzo",    "Western Union"};
constexpr const char* kJargon[] = {
    "SOCO",       "CSI",      "PNC",        "CCTV",     "ASB",         "RTC",     "DOB",
    "OIC",        "MO",       "IP",         "CAD",      "BWV",         "MARAC",   "DASH",
    "PACE",       "NFA",      "RUI",        "VRM",      "ANPR",        "CPS",     "Ransom",
    "Sextortion", "Phishing", "Harassment", "Burglary", "Shoplifting", "Robbery", "Update",
    "Outcome",    "Result",   "Summary",    "Note",     "Review",      "Action",  "Enquiry",
    "NI",         "NINO",     "DL",         "VIN",      "IMEI",        "URN",     "CRN",
    "PND",        "MG11",     "MG5"};

// Sentences with slots: {P} a person in one of several forms, {F} given name
// and surname, {S} surname, {G} given name, {L} a UK town, {W} a place or
// country abroad, {B} a business, {X} a school, hospital, council or club
// named after a town, {R} a street (a place), {D} weekday, {M} month, {N}
// number, {T} time, {Y} year, {V} vehicle, {A} app, website or brand, {C} a
// common word capitalised, {J} police jargon or a made-up abbreviation, {K}
// a bank or building society (a large institution, which identifies no one).
// Everything outside {P} {F} {S} {G} {L} {W} {B} {X} {R} is O.
constexpr const char* kTemplates[] = {
    // Narratives.
    "{P} was arrested on suspicion of burglary and conveyed to custody.",
    "Officers attended and spoke to {P}, who stated that the rear door had been forced.",
    "The victim, {F}, reports that her bank card was used at a shop in {L}.",
    "{S} was interviewed under caution and made no comment.",
    "{S} denies the offence and states that he was at home all evening.",
    "{F} works at {B} and was on shift at the time of the incident.",
    "CCTV has been requested from {B}.",
    "Enquiries are ongoing with {B} to identify the account holder.",
    "{B} reported the theft of stock from their premises on {D}.",
    "{F} and {F} were seen together outside the shop.",
    "The suspect is believed to have travelled from {L} to {L} by train.",
    "A statement was taken from {F} on {D} {N} {M}.",
    "Staff at {B} called police after a customer became abusive.",
    "{G} told officers that she had received threatening messages on {A}.",
    "The offender is described as a white male, aged about {N}, wearing a dark hoodie.",
    "Nothing was taken and there are no lines of enquiry.",
    "House-to-house enquiries were completed on {R} with negative results.",
    "{S} later returned to the address on {R} and was arrested.",
    "Victim states that {P} owes her money and has been sending abusive texts.",
    "{P} has been circulated as wanted on PNC.",
    "The vehicle, a silver {V}, was later found abandoned in {L}.",
    "The money was sent to an account held with {B}.",
    "{B} confirmed that the payment had been stopped.",
    "{X} has been informed and a safeguarding referral made.",
    "{G} attends {X} and disclosed the assault to a teacher.",
    "Ambulance attended and the victim was taken to {X}.",
    "{F} is a pupil at {X}.",
    "Her ex-partner, {F}, moved to {W} last year.",
    "The parcel was sent from {W} and collected by {P}.",
    "{P} flew to {W} on {D} and is not expected to return.",
    "Scam call from a male claiming to be from {B}.",
    "The caller said he worked for {B} and asked for remote access to the computer.",
    "{S} was released on bail to return on {N} {M}.",
    "{P} was charged and remanded to appear at court in {L}.",
    "Officer in the case is PC {N} {S}.",
    "{D} evening, {P} reported that his bike had been stolen from outside {B}.",
    "The handbag was later recovered in {L} town centre.",
    "{L} is a small village and the victim knows most residents.",
    "Walking along {R}, the victim was approached by two males.",
    "Following the report, {S} contacted the control room.",
    "Words used: \"I know where you live\".",
    "{P} met the suspect through {A} and they later met in {L}.",
    "{G} and {G} were both present when the damage was caused.",
    "Sergeant {S} reviewed the crime and filed it pending further information.",
    "Detective Constable {S} has taken ownership of the investigation.",
    "Intelligence suggests that {P} is living in {L} with family.",
    "{F}, aged {N}, of {R}, {L}, was issued with a community resolution.",
    "A complaint was received from {B} about a male shoplifting.",
    "{B} security staff detained the male until police arrived.",
    "Fraud reported by {F} after she paid a deposit for a flat in {L}.",
    "Funds were transferred to an account at {B} and withdrawn in {W}.",
    "{S} says he bought the phone from a man in a pub in {L}.",
    "Victim's daughter, {G}, witnessed the incident.",
    "{F} owns {B} and employs the suspect.",
    "Damage caused to a window at {B} on {R}.",
    "{B} is closed on {D} and the alarm did not activate.",
    "{P} is known to police and has previous convictions for theft.",
    "Victim was contacted by {P} who claimed to be an officer from {L}.",
    "On {D} {N} {M} {Y} at about {T}, {P} was assaulted outside {B}.",
    "No CCTV available. Victim does not wish to support a prosecution.",
    "Crime recorded as common assault. Victim given a crime reference number.",
    "{S} has been identified from CCTV by officers in {L}.",
    "Officers from {L} and {L} attended the scene.",
    "Both parties were spoken to and advice given.",
    "Update from {F}: the property has not been recovered.",
    "Suspect {F} remains outstanding.",
    "Victim {F} states that she had lent her car to {G}.",
    "Witness {S} saw a male climb over the fence.",
    "Text messages received from {P} have been screenshotted.",
    "{B} have provided bank statements for the period.",
    "The victim's employer, {B}, have been made aware.",
    "{F} from {B} attended the station with the footage.",
    "Partner {G} called police after hearing shouting.",
    "{G} said she was scared to go home.",
    "{F} reported that {F} had taken her phone and refused to give it back.",
    "{S} and {S} were both arrested at the scene.",
    "Arrested: {F}. Released under investigation.",
    "{F} ({N}) was reported missing by her mother.",
    "The complainant, {F} of {L}, called at {T}.",
    "Suspect {S} was later seen in {L} by a patrol.",
    "{G} {S} was stopped in {L} and found in possession of a knife.",
    "The stolen laptop was traced to {P} in {L}.",
    "Contact was made with {S}, who agreed to attend a voluntary interview.",
    "{S} handed himself in at {L} police station.",
    "{P} of {B} was spoken to about the missing cash.",
    "{B} staff reported a male acting suspiciously near the tills.",
    "Refund fraud at {B}, {L}, reported by the store manager.",
    // Witness statements.
    "My name is {F} and I live at {N} {R}, {L}.",
    "I work as a cleaner for {B}.",
    "I am the manager of {B} in {L}.",
    "I have known {S} for about {N} years.",
    "I was at home with my partner {G} when I heard a loud bang.",
    "I then phoned my sister {F} who lives in {L}.",
    "{G} told me that {P} had been following her.",
    "I recognised the man as {P}, who lives nearby.",
    "I moved here from {W} in {Y}.",
    "My son goes to {X}.",
    "I do not give anyone, including {F}, permission to use my card.",
    "I bank with {B} and noticed payments I did not make.",
    "Yesterday I received a call from a man saying he was from {B}.",
    "I have lived in {L} all my life.",
    "I was born in {W} and came to the UK in {Y}.",
    "{P} then punched me in the face.",
    "Later that evening {S} came back and started shouting.",
    "After that, I drove to {L} to stay with {G}.",
    "{S}'s car was parked outside my house.",
    "I have never met {P} before.",
    "I can identify the male if I see him again.",
    "I am willing to attend court if required.",
    "{G} is my ex-partner and we have two children together.",
    "We were on holiday in {W} when the house was broken into.",
    "I work for {B} as a delivery driver.",
    "{B} pays my wages into my account every month.",
    "Me and {G} went to {L} for the day.",
    "Then {S} said he would kill me.",
    "{F} is the father of my children.",
    "My neighbour {F} saw everything.",
    "Honestly I don't know why {G} did it.",
    // Organisations standing alone.
    "{B} has been contacted for the details of the account.",
    "{B} said the order was placed online.",
    "The delivery driver works for {B}.",
    "The cards were issued by {B}.",
    "Goods were ordered from {B} using the victim's details.",
    "The victim had recently left {B} after a dispute with a colleague.",
    "A letter was sent to {B} requesting footage.",
    "The invoice was sent to {B} in {L}.",
    "A contractor from {B} found the damage.",
    "{B} and {B} both hold accounts in the victim's name.",
    "{B} is a small family firm based in {L}.",
    "The van belongs to {B}.",
    "According to {B}, the account was opened in {M}.",
    // Places standing alone.
    "{L} was searched but the suspect was not found.",
    "The victim and suspect both live in {L}.",
    "He was last seen heading towards {L} on foot.",
    "The car was stopped on the A{N} near {L}.",
    "She has family in {W}.",
    "The package was posted to an address in {W}.",
    "He claimed to be working in {W} as an engineer.",
    "The victim met the suspect while on holiday in {W}.",
    "{W} is where the money was finally sent.",
    "Flights from {W} to {L} were checked.",
    "Stolen items were sold at a market in {L}.",
    "The vehicle was registered to a keeper in {L}.",
    "{L} and {L} have both seen similar offences this month.",
    "He is originally from {W} but has lived in {L} for years.",
    // Capitalised words that are no one.
    "Body Worn Video was activated throughout.",
    "Crime Scene Investigator attended and took swabs.",
    "Incident closed. No further action.",
    "On {D} morning the victim noticed the shed door open.",
    "In {M} the victim received further calls.",
    "Christmas Eve, the victim was assaulted at a party.",
    "Please see the attached statement.",
    "Section {N} Public Order Act offence recorded.",
    "Police National Computer checks were completed.",
    "Domestic abuse risk assessment completed: Medium risk.",
    "Custody record reviewed by the Inspector.",
    "A {A} account and a second {A} account were used.",
    "Search of the address under Section {N} was negative.",
    "Theft from motor vehicle. Entry via the rear window.",
    "Suspect fled the scene in a black {V}.",
    "Bank Holiday Monday, so the shop was closed.",
    "Victim advised. Crime Prevention advice given.",
    "Outcome: Evidential difficulties, victim does not support.",
    "Vulnerable adult. Referral made to Adult Social Care.",
    "Investigation complete. Filed as undetected.",
    "Stolen: one black {V}, keys taken from the hallway.",
    "Male, white, slim build, short dark hair.",
    "Suspect Unknown. Scene visited and no forensic opportunities.",
    "Nobody was injured and the fire was put out quickly.",
    "Entry gained by smashing the patio door.",
    "Report made online on {D} at {T}.",
    "Cash and jewellery taken. Estimated value {N} hundred pounds.",
    "Threats made over {A} to share private images.",
    "Breach of a Non-Molestation Order reported.",
    "Driver failed to stop. Vehicle described as a white {V}.",
    "Further Information: the victim has moved out.",
    "Risk: Standard. Safeguarding: Not required.",
    "Officers searched the area with negative results.",
    "Every effort was made to trace the owner.",
    "Following a review by the Crime Management Unit, no further action.",
    "Several {A} parcels were taken from the doorstep.",
    "{C} was found near the back door.",
    "{C} and other items were taken from the shed.",
    "{C}: see the attached report.",
    "{C} reported by the caller at {T}.",
    "{C} is believed to have been used to force the lock.",
    "{C} damaged beyond repair.",
    "{J} checks completed with negative results.",
    "{J}: {C}.",
    "{J} attended and examined the scene.",
    "{J} update: no further action.",
    "The victim paid with {A} and the seller stopped replying.",
    "She sent the money through {A} after being told to.",
    "The suspect drives a {V}.",
    "A {V} was seen leaving at speed.",
    "{V} seen in the area, registration not obtained.",
    "The victim's {V} was keyed overnight.",
    "Contact was through {A} and {A}.",
    "{A} account details were passed to the officer.",
    "Advised to report the profile to {A}.",
    "The case was sent to the Crown Court for trial.",
    "He will appear at {L} Magistrates' Court on {D}.",
    "Bail was refused and he was remanded to the Crown Court.",
    "Money was taken from her account at the Post Office.",
    "The victim was referred to Victim Support and the Citizens Advice service.",
    "The matter was reported to Action Fraud and the bank.",
    "Her card was cancelled by the bank and the Fraud Team informed.",
    "Passed to the Child Abuse Investigation Unit.",
    "The Crown Prosecution Service authorised a charge.",
    "The local authority and Social Services were informed.",
    "Advice from the Domestic Abuse Team was given.",
    "The money was transferred to her {K} account.",
    "{K} have refunded the victim in full.",
    "The victim banks with {K} and noticed the payments on {D}.",
    "Statements were requested from {K} and {B}.",
};

// Clauses made of a subject, a verb and what follows, so that names,
// places and firms are seen before and after many verbs, not only the
// templates' own words.
constexpr const char* kSubjects[] = {
    "{P}",        "{P}",        "{S}",         "{S}",         "{F}",
    "{B}",        "{B}",        "{X}",         "The victim",  "Her neighbour",
    "He",         "She",        "They",        "The manager", "A witness",
    "The caller", "Officers",   "The suspect", "His partner", "The owner",
    "Staff",      "The driver", "Nobody",      "Everyone",    "The landlord"};
constexpr const char* kVerbs[] = {
    "said",        "told officers", "asked",     "called",    "arrived",   "left",
    "returned",    "began",         "started",   "stopped",   "claimed",   "admitted",
    "denied",      "explained",     "confirmed", "agreed",    "refused",   "wanted",
    "decided",     "tried",         "moved",     "worked",    "lived",     "visited",
    "met",         "saw",           "heard",     "sent",      "received",  "paid",
    "bought",      "sold",          "took",      "gave",      "found",     "lost",
    "opened",      "closed",        "wrote",     "emailed",   "phoned",    "texted",
    "replied",     "reported",      "noticed",   "believed",  "knew",      "says",
    "states",      "lives",         "works",     "owns",      "runs",      "manages",
    "will attend", "has agreed",    "has been",  "was seen",  "was told",  "is believed",
    "had been",    "could not",     "would not", "did not",   "never",     "later",
    "then",        "also",          "often",     "walked",    "drove",     "ran",
    "shouted",     "waited",        "signed",    "checked",   "collected", "delivered",
    "employed",    "hired",         "supplied",  "contacted", "messaged",  "followed",
    "threatened",  "owed"};
constexpr const char* kComplements[] = {"{P}",
                                        "{F}",
                                        "{S}",
                                        "{B}",
                                        "{B}",
                                        "{X}",
                                        "in {L}",
                                        "in {L}",
                                        "to {W}",
                                        "from {W}",
                                        "in {W}",
                                        "near {L}",
                                        "outside {B}",
                                        "for {B}",
                                        "with {F}",
                                        "to {F}",
                                        "from {B}",
                                        "at {B}",
                                        "at {X}",
                                        "on {R}",
                                        "about the money",
                                        "the keys",
                                        "a letter",
                                        "the car",
                                        "at home",
                                        "last night",
                                        "on {D}",
                                        "at {T}",
                                        "twice",
                                        "the next day",
                                        "without a word",
                                        "the parcel",
                                        "the contract",
                                        "to the station",
                                        "by phone",
                                        "in {M}",
                                        "in {Y}",
                                        "towards {L}",
                                        "across {W}",
                                        "via {W}",
                                        "between {L} and {L}",
                                        "for {F} and {F}",
                                        "{P} and {P}",
                                        "the {A} account",
                                        "a {V}",
                                        "the deposit to {B}",
                                        "what happened",
                                        "that {P} had left",
                                        "that {B} was closed",
                                        "that {S} lives in {L}"};

std::string PseudoWord(Rng& rng) {
  static constexpr const char* kOnsets[] = {
      "b", "c", "d", "f",  "g",  "h",  "j",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",
      "v", "w", "z", "br", "ch", "dr", "gr", "kr", "sh", "st", "tr", "th", "vl", "zh", "y"};
  static constexpr const char* kVowels[] = {"a", "e", "i", "o", "u", "ai", "ou", "ee", "ya", "io"};
  static constexpr const char* kCodas[] = {"",  "",  "",  "n",  "r",  "s",  "l",
                                           "k", "m", "x", "th", "nd", "rt", "v"};
  std::string w;
  const size_t syllables = 2 + rng.Below(2);
  for (size_t s = 0; s < syllables; ++s) {
    w += rng.Pick(kOnsets);
    w += rng.Pick(kVowels);
    if (s + 1 == syllables || rng.Chance(30)) w += rng.Pick(kCodas);
  }
  w[0] = static_cast<char>(w[0] - 32);
  return w;
}

struct Builder {
  std::string text;
  struct Span {
    size_t start, end;
    int type;
  };
  std::vector<Span> spans;

  void Add(std::string_view s) { text.append(s); }
  void AddEntity(std::string_view s, int type) {
    spans.push_back({text.size(), text.size() + s.size(), type});
    text.append(s);
  }
};

class SynthWriter {
 public:
  SynthWriter(const NerSynthLists& lists, Rng& rng) : lists_(lists), rng_(rng) {}

  std::string Given() { return rng_.Chance(8) ? PseudoWord(rng_) : rng_.Pick(lists_.given); }
  std::string Surname() { return rng_.Chance(12) ? PseudoWord(rng_) : rng_.Pick(lists_.surnames); }
  std::string Town() { return rng_.Pick(lists_.uk_places); }
  std::string Abroad() { return rng_.Pick(lists_.world_places); }

  std::string Person() {
    const size_t r = rng_.Below(100);
    if (r < 45) return Given() + " " + Surname();
    if (r < 65) return Surname();
    if (r < 75) return Given();
    if (r < 83) return Given() + " " + Given() + " " + Surname();
    if (r < 90) return Given() + " " + Surname() + "-" + Surname();
    if (r < 93) return Given() + " " + (rng_.Chance(50) ? "de " : "van ") + Surname();
    return Given() + " " + Surname();
  }

  std::string Business() {
    const size_t r = rng_.Below(100);
    if (r < 28) return Surname() + " " + rng_.Pick(kCompanyWords);
    if (r < 42) return Surname() + " " + rng_.Pick(kCompanyWords) + " " + rng_.Pick(kLegalEndings);
    if (r < 50) return Surname() + " & " + Surname();
    if (r < 55) return Surname() + " and " + Surname();
    if (r < 59) return Surname() + " and Sons";
    if (r < 69) return PseudoWord(rng_) + " " + rng_.Pick(kCompanyWords);
    if (r < 74) return PseudoWord(rng_);
    if (r < 79) return PseudoWord(rng_) + " " + rng_.Pick(kLegalEndings);
    if (r < 85) return Town() + " " + rng_.Pick(kCompanyWords);
    if (r < 88) return Surname() + "-" + Surname();
    if (r < 92) return Given() + " " + Surname() + " " + rng_.Pick(kLegalEndings);
    return Surname() + " " + rng_.Pick(kLegalEndings);
  }

  std::string PlaceOrg() {
    if (rng_.Chance(15)) return Surname() + " " + rng_.Pick(kPlaceOrgs);
    return Town() + " " + rng_.Pick(kPlaceOrgs);
  }

  std::string Street() {
    const size_t r = rng_.Below(100);
    std::string first = r < 40   ? std::string(rng_.Pick(kStreetWords))
                        : r < 70 ? Surname()
                        : r < 85 ? Town()
                                 : Given();
    return first + " " + rng_.Pick(kStreetTypes);
  }

  void Render(std::string_view tmpl, Builder& b) {
    size_t i = 0;
    while (i < tmpl.size()) {
      if (tmpl[i] == '{' && i + 2 < tmpl.size() && tmpl[i + 2] == '}') {
        Slot(tmpl[i + 1], b);
        i += 3;
        continue;
      }
      b.text += tmpl[i++];
    }
  }

 private:
  void Slot(char c, Builder& b) {
    char num[32];
    switch (c) {
      case 'P':
        b.AddEntity(Person(), kNerBPer);
        break;
      case 'F':
        b.AddEntity(Given() + " " + Surname(), kNerBPer);
        break;
      case 'S':
        b.AddEntity(Surname(), kNerBPer);
        break;
      case 'G':
        b.AddEntity(Given(), kNerBPer);
        break;
      case 'L':
        b.AddEntity(Town(), kNerBLoc);
        break;
      case 'W':
        b.AddEntity(Abroad(), kNerBLoc);
        break;
      case 'B':
        b.AddEntity(Business(), kNerBOrg);
        break;
      case 'X':
        b.AddEntity(PlaceOrg(), kNerBOrg);
        break;
      case 'R':
        b.AddEntity(Street(), kNerBLoc);
        break;
      case 'D':
        b.Add(rng_.Pick(kDays));
        break;
      case 'M':
        b.Add(rng_.Pick(kMonths));
        break;
      case 'V':
        b.Add(rng_.Pick(kMakes));
        if (rng_.Chance(70)) {
          b.Add(" ");
          b.Add(rng_.Pick(kModels));
        }
        break;
      case 'A':
        b.Add(rng_.Pick(kBrands));
        break;
      case 'K':
        if (rng_.Chance(50)) {
          b.Add(Surname() + " Bank");
        } else if (rng_.Chance(50)) {
          b.Add(Town() + " Building Society");
        } else {
          b.Add(PseudoWord(rng_) + " Bank");
        }
        break;
      case 'J':
        if (rng_.Chance(50)) {
          b.Add(rng_.Pick(kJargon));
        } else {
          std::string a;
          for (size_t k = 0, len = 2 + rng_.Below(4); k < len; ++k)
            a += static_cast<char>('A' + rng_.Below(26));
          b.Add(a);
        }
        break;
      case 'C': {
        std::string w = rng_.Pick(lists_.common);
        if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 32);
        b.Add(w);
        break;
      }
      case 'N':
        std::snprintf(num, sizeof num, "%d", static_cast<int>(1 + rng_.Below(98)));
        b.Add(num);
        break;
      case 'Y':
        std::snprintf(num, sizeof num, "%d", static_cast<int>(1975 + rng_.Below(50)));
        b.Add(num);
        break;
      case 'T':
        std::snprintf(num, sizeof num, "%02d:%02d", static_cast<int>(rng_.Below(24)),
                      static_cast<int>(rng_.Below(12) * 5));
        b.Add(num);
        break;
      default:
        b.text += c;
        break;
    }
  }

  const NerSynthLists& lists_;
  Rng& rng_;
};

// Tags tokens from byte spans: the first token inside a span is B-X, the rest I-X.
NerExample ExampleFromSpans(std::string text, const std::vector<Builder::Span>& spans) {
  NerExample ex;
  ex.text = std::move(text);
  NerTokenize(ex.text, ex.tokens);
  ex.tags.assign(ex.tokens.size(), kNerO);
  for (const Builder::Span& s : spans) {
    bool first = true;
    for (size_t i = 0; i < ex.tokens.size(); ++i) {
      if (ex.tokens[i].start >= s.start && ex.tokens[i].end <= s.end) {
        ex.tags[i] = static_cast<uint8_t>(first ? s.type : s.type + 1);
        first = false;
      }
    }
  }
  return ex;
}

Status ReadList(const std::string& path, std::vector<std::string>& out, bool lower = false) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error::Io(path + ": cannot read the word list");
  std::string content;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) content.append(buf, n);
  std::fclose(f);
  size_t pos = 0;
  while (pos < content.size()) {
    size_t eol = content.find('\n', pos);
    if (eol == std::string::npos) eol = content.size();
    std::string_view line(content.data() + pos, eol - pos);
    pos = eol + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const unsigned char c = static_cast<unsigned char>(line.front());
    if (lower) {
      // Words of four to twelve small letters.
      if (line.size() < 4 || line.size() > 12 ||
          !std::all_of(line.begin(), line.end(), [](char x) { return x >= 'a' && x <= 'z'; }))
        continue;
    } else if (!(c >= 'A' && c <= 'Z') && c < 0xC3) {
      continue;  // capitalised entries only: the synthetic text writes names as names
    }
    out.emplace_back(line);
  }
  return {};
}

}  // namespace

std::vector<NerExample> NerExamplesFromConll(const std::vector<ConllSentence>& sentences) {
  std::vector<NerExample> out;
  out.reserve(sentences.size());
  for (const ConllSentence& s : sentences) {
    std::string text;
    std::vector<Builder::Span> spans;
    int open = -1;  // index in spans of the entity being read
    for (size_t k = 0; k < s.tokens.size(); ++k) {
      if (k) text += ' ';
      const size_t start = text.size();
      text += s.tokens[k];
      const std::string& tag = k < s.tags.size() ? s.tags[k] : std::string("O");
      const int type = tag.size() > 2 ? ConllType(std::string_view(tag).substr(2)) : kNerO;
      if (type == kNerO) {
        open = -1;
        continue;
      }
      if (tag[0] == 'I' && open >= 0 && spans[open].type == type) {
        spans[open].end = text.size();
      } else {
        spans.push_back({start, text.size(), type});
        open = static_cast<int>(spans.size()) - 1;
      }
    }
    out.push_back(ExampleFromSpans(std::move(text), spans));
  }
  return out;
}

Result<NerSynthLists> NerSynthLists::Load(const std::string& dir) {
  NerSynthLists l;
  const std::pair<const char*, std::vector<std::string>*> files[] = {
      {"given_names.txt", &l.given},         {"surnames.txt", &l.surnames},
      {"uk_places.txt", &l.uk_places},       {"places_local.txt", &l.uk_places},
      {"world_places.txt", &l.world_places}, {"countries.txt", &l.world_places}};
  for (const auto& [name, list] : files)
    if (Status s = ReadList(dir + "/" + name, *list); !s.ok()) return s.error();
  if (Status s = ReadList(dir + "/common_words.txt", l.common, true); !s.ok()) return s.error();
  for (const auto* v : {&l.given, &l.surnames, &l.uk_places, &l.world_places, &l.common})
    if (v->empty()) return Error::InvalidInput(dir + ": a gazetteer list has no usable entries");
  return l;
}

std::vector<NerExample> MakeSyntheticNerExamples(const NerSynthLists& lists, size_t count,
                                                 uint64_t seed) {
  Rng rng(seed * 0x2545F4914F6CDD1Dull + 17);
  SynthWriter w(lists, rng);
  std::vector<NerExample> out;
  out.reserve(count);
  for (size_t e = 0; e < count; ++e) {
    Builder b;
    const size_t sentences = 1 + rng.Below(3);
    for (size_t s = 0; s < sentences; ++s) {
      if (s) b.Add(rng.Chance(25) ? "\n" : " ");
      if (rng.Chance(40)) {
        // A generated clause: subject, verb, one or two complements.
        std::string clause = rng.Pick(kSubjects);
        clause += ' ';
        clause += rng.Pick(kVerbs);
        clause += ' ';
        clause += rng.Pick(kComplements);
        if (rng.Chance(35)) {
          clause += ' ';
          clause += rng.Pick(kComplements);
        }
        clause += rng.Chance(85) ? "." : rng.Chance(50) ? "!" : "?";
        w.Render(clause, b);
      } else {
        w.Render(rng.Pick(kTemplates), b);
      }
    }
    out.push_back(ExampleFromSpans(std::move(b.text), b.spans));
  }
  return out;
}

void NormaliseNerTags(const NerPrepared& p, std::vector<uint8_t>& tags) {
  for (size_t i = 0; i < tags.size(); ++i) {
    if (p.toks[i].kind == NerPrepared::kOther || p.toks[i].kind == NerPrepared::kCovered)
      tags[i] = kNerO;
    const int t = tags[i];
    if (t == kNerO) continue;
    const bool inside = (t - 1) % 2 == 1;
    if (p.toks[i].kind == NerPrepared::kConnector) {
      // A connector is inside an entity only between two of its tokens.
      const bool continues = i > 0 && tags[i - 1] != kNerO && (tags[i - 1] - 1) / 2 == (t - 1) / 2;
      const bool next_in = i + 1 < tags.size() && tags[i + 1] != kNerO &&
                           (tags[i + 1] - 1) % 2 == 1 && (tags[i + 1] - 1) / 2 == (t - 1) / 2 &&
                           p.toks[i + 1].kind != NerPrepared::kOther;
      if (!continues || !next_in) {
        tags[i] = kNerO;
        continue;
      }
      tags[i] = static_cast<uint8_t>(inside ? t : t + 1);
      continue;
    }
    if (inside) {
      const bool continues = i > 0 && (tags[i - 1] == t || tags[i - 1] == t - 1);
      if (!continues) tags[i] = static_cast<uint8_t>(t - 1);
    }
  }
}

NerModel TrainNerModel(const NerFeaturizer& featurizer, const std::vector<NerExample>& examples,
                       const NerTrainOptions& options, NerTrainReport* report) {
  NerTrainReport local;
  NerTrainReport& rep = report ? *report : local;
  rep = {};
  rep.examples = examples.size();
  // Prepare every example once, with its gold tags at the candidate level.
  std::vector<NerPrepared> prepared(examples.size());
  std::vector<std::vector<uint8_t>> gold(examples.size());
  for (size_t e = 0; e < examples.size(); ++e) {
    featurizer.Prepare(examples[e].text, examples[e].tokens, &examples[e].found, prepared[e]);
    gold[e] = examples[e].tags;
    gold[e].resize(examples[e].tokens.size(), kNerO);
    NormaliseNerTags(prepared[e], gold[e]);
    rep.tokens += examples[e].tokens.size();
    for (const auto& t : prepared[e].toks)
      rep.candidates += t.kind == NerPrepared::kCandidate || t.kind == NerPrepared::kConnector;
  }
  // Averaged perceptron with lazy averaging: per feature and tag the
  // current weight, its running total and when it last changed.
  struct Row {
    int32_t w[kNerTagCount] = {};
    int64_t total[kNerTagCount] = {};
    int64_t stamp = 0;  // totals are up to date until this step
  };
  std::unordered_map<uint64_t, uint32_t> index;
  std::vector<Row> rows;
  std::vector<std::string> keys;
  int64_t step = 1;
  auto update = [&](uint32_t r, int tag, int delta) {
    Row& row = rows[r];
    if (row.stamp != step) {
      for (int t = 0; t < kNerTagCount; ++t) row.total[t] += (step - row.stamp) * row.w[t];
      row.stamp = step;
    }
    row.w[tag] += delta;
  };
  Rng rng(options.seed);
  std::vector<size_t> order(examples.size());
  for (size_t e = 0; e < order.size(); ++e) order[e] = e;
  uint64_t hashes[NerFeaturizer::kMaxFeatures];
  std::vector<std::string> names;
  std::vector<uint8_t> tags;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng.Below(k)]);
    size_t right = 0, seen = 0;
    for (size_t e : order) {
      const NerPrepared& p = prepared[e];
      const std::vector<uint8_t>& g = gold[e];
      tags.assign(g.size(), kNerO);
      for (size_t i = 0; i < g.size(); ++i) {
        const uint8_t kind = p.toks[i].kind;
        if (kind == NerPrepared::kOther) continue;
        if (kind == NerPrepared::kCovered) {
          tags[i] = static_cast<uint8_t>(NerRuleTag(p, i, i > 0 ? int{tags[i - 1]} : int{kNerO}));
          continue;
        }
        const int prev = i > 0 ? int{tags[i - 1]} : int{kNerO};
        const int prev2 = i > 1 ? int{tags[i - 2]} : int{kNerO};
        const int n = featurizer.Features(p, i, prev, prev2, hashes);
        int64_t score[kNerTagCount] = {};
        for (int f = 0; f < n; ++f) {
          auto it = index.find(hashes[f]);
          if (it == index.end()) continue;
          for (int t = 0; t < kNerTagCount; ++t) score[t] += rows[it->second].w[t];
        }
        const bool connector = kind == NerPrepared::kConnector;
        int guess = kNerO;
        for (int t = 1; t < kNerTagCount; ++t) {
          const bool inside = (t - 1) % 2 == 1;
          const bool allowed = inside ? (prev == t || prev == t - 1) : !connector;
          if (allowed && score[t] > score[guess]) guess = t;
        }
        // Gold I-X after a predicted tag that is not X cannot be output: aim
        // for B-X, which covers the same words.
        int want = g[i];
        if (want != kNerO && (want - 1) % 2 == 1 && prev != want && prev != want - 1)
          want = connector ? int{kNerO} : want - 1;
        ++seen;
        if (guess == want) {
          ++right;
        } else {
          bool named = false;
          for (int f = 0; f < n; ++f) {
            auto it = index.find(hashes[f]);
            if (it == index.end()) {
              if (!named) {
                names.clear();
                featurizer.Features(p, i, prev, prev2, hashes, &names);
                named = true;
              }
              it = index.emplace(hashes[f], static_cast<uint32_t>(rows.size())).first;
              rows.emplace_back();
              keys.push_back(names[f]);
            }
            update(it->second, want, +1);
            update(it->second, guess, -1);
          }
        }
        tags[i] = static_cast<uint8_t>(guess);
        ++step;
      }
    }
    rep.epoch_accuracy.push_back(seen ? static_cast<double>(right) / static_cast<double>(seen) : 0);
  }
  // Averages, scaled and rounded; small ones dropped.
  rep.features_seen = rows.size();
  NerModel model;
  model.set_scale(options.scale);
  for (size_t r = 0; r < rows.size(); ++r) {
    NerModel::Weights w{};
    int largest = 0;
    for (int t = 0; t < kNerTagCount; ++t) {
      const Row& row = rows[r];
      const double total = static_cast<double>(row.total[t] + (step - row.stamp) * row.w[t]);
      const double avg = total / static_cast<double>(step);
      const long v = std::lround(avg * options.scale);
      const int clamped = static_cast<int>(std::clamp<long>(v, -32767, 32767));
      w[t] = static_cast<int16_t>(clamped);
      largest = std::max(largest, std::abs(clamped));
    }
    if (largest < options.min_weight) continue;
    model.Add(keys[r], w);
  }
  rep.features_kept = model.size();
  return model;
}

}  // namespace foidesk::privacy
