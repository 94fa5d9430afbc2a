// Embedded word lists for the synthetic force: common UK given names and
// surnames (with a few Norfolk ones), Norfolk towns with their police
// division, beat prefix, dialling code and postcode district, villages,
// streets, house names, schools, employers, nicknames, shops, vehicles, items,
// online platforms and foreign mobile number shapes. Built into the binary so
// that generation reads nothing at run time. They are the synth's own: the
// detector's gazetteers (config/pii/gazetteers) are built apart, so that
// recall measured on synthetic text is not the gazetteers finding themselves.
#pragma once

#include <cstddef>

namespace foidesk::synth {

inline constexpr const char* kMaleNames[] = {
    "James",  "John",    "David",   "Michael",     "Paul",      "Mark",    "Andrew", "Richard",
    "Robert", "Peter",   "Stephen", "Christopher", "Daniel",    "Matthew", "Thomas", "Jonathan",
    "Simon",  "Gary",    "Ian",     "Kevin",       "Steven",    "Lee",     "Craig",  "Darren",
    "Wayne",  "Jason",   "Adam",    "Ryan",        "Luke",      "Jack",    "Joshua", "Liam",
    "Callum", "Nathan",  "Jordan",  "Kieran",      "Connor",    "Ben",     "Sam",    "Harry",
    "Oliver", "Charlie", "George",  "William",     "Alexander", "Jamie",   "Dean",   "Scott",
    "Shaun",  "Martin",  "Neil",    "Graham",      "Keith",     "Colin",   "Trevor", "Barry",
    "André",  "José",    "Tomasz",  "Piotr",       "Mohammed",  "Aaron",   "Reece",  "Tyler",
    "Anthony", "Brian",  "Carl",    "Dale",        "Derek",     "Dominic", "Edward", "Elliot",
    "Frank",  "Gavin",   "Gordon",  "Henry",       "Jake",      "Jeffrey", "Joe",    "Karl",
    "Leon",   "Lewis",   "Malcolm", "Marcus",      "Mason",     "Mitchell", "Nigel", "Owen",
    "Patrick", "Philip", "Raymond", "Ricky",       "Roger",     "Ross",    "Russell", "Stuart",
    "Terry",  "Toby",    "Vincent", "Warren",      "Arjun",     "Mateusz", "Kyle",   "Bradley"};

inline constexpr const char* kFemaleNames[] = {
    "Sarah",    "Emma",     "Laura",  "Rebecca",  "Claire",   "Nicola",    "Lisa",    "Michelle",
    "Kelly",    "Rachel",   "Hannah", "Jessica",  "Amy",      "Charlotte", "Sophie",  "Lauren",
    "Chloe",    "Emily",    "Gemma",  "Katie",    "Jade",     "Danielle",  "Stacey",  "Samantha",
    "Victoria", "Amanda",   "Helen",  "Julie",    "Karen",    "Susan",     "Tracey",  "Joanne",
    "Louise",   "Jennifer", "Megan",  "Holly",    "Ellie",    "Olivia",    "Lucy",    "Abigail",
    "Paige",    "Shannon",  "Zoë",    "Renée",    "Chloé",    "Agnieszka", "Natalie", "Leanne",
    "Kirsty",   "Donna",    "Angela", "Margaret", "Patricia", "Jean",      "Anna",    "Maria",
    "Alison",   "Beverley", "Bethany", "Carly",   "Caroline", "Cheryl",    "Debbie",  "Denise",
    "Elaine",   "Fiona",    "Georgia", "Gillian", "Hayley",   "Jasmine",   "Jodie",   "Kayleigh",
    "Kerry",    "Leah",     "Lindsey", "Mandy",   "Melanie",  "Molly",     "Naomi",   "Pauline",
    "Rosie",    "Ruth",     "Sharon",  "Sian",    "Stephanie", "Tanya",    "Toni",    "Wendy",
    "Yvonne",   "Priya",    "Aleksandra", "Courtney", "Demi",  "Ellie-Mae", "Hollie", "Sinéad"};

// Webb and Webster are common surnames that the force's `web*` search matches
// wherever they appear in free text: a realistic source of false positives.
inline constexpr const char* kSurnames[] = {
    "Smith",     "Jones",     "Williams",   "Taylor",   "Brown",     "Davies",     "Evans",
    "Wilson",    "Thomas",    "Johnson",    "Roberts",  "Robinson",  "Thompson",   "Wright",
    "Walker",    "White",     "Edwards",    "Hughes",   "Green",     "Hall",       "Lewis",
    "Harris",    "Clarke",    "Patel",      "Jackson",  "Wood",      "Turner",     "Martin",
    "Cooper",    "Hill",      "Ward",       "Morris",   "Moore",     "Clark",      "Lee",
    "King",      "Baker",     "Harrison",   "Morgan",   "Allen",     "James",      "Scott",
    "Phillips",  "Watson",    "Davis",      "Parker",   "Price",     "Bennett",    "Young",
    "Griffiths", "Mitchell",  "Kelly",      "Cook",     "Carter",    "Richardson", "Bailey",
    "Collins",   "Bell",      "Shaw",       "Murphy",   "Miller",    "Cox",        "Richards",
    "Khan",      "Marshall",  "Anderson",   "Simpson",  "Ellis",     "Adams",      "Singh",
    "Begum",     "Wilkinson", "Foster",     "Chapman",  "Powell",    "Webb",       "Rogers",
    "Gray",      "Mason",     "Ali",        "Hunt",     "Hussain",   "Campbell",   "Matthews",
    "Owen",      "Palmer",    "Holmes",     "Mills",    "Barnes",    "Knight",     "Lloyd",
    "Butler",    "Russell",   "Barker",     "Fisher",   "Stevens",   "Jenkins",    "Murray",
    "Dixon",     "Harvey",    "Graham",     "Pearson",  "Ahmed",     "Fletcher",   "Walsh",
    "Kaur",      "Gibson",    "Howard",     "Andrews",  "Stewart",   "Elliott",    "Reynolds",
    "Saunders",  "Payne",     "Fox",        "Ford",     "Pearce",    "Day",        "Brooks",
    "West",      "Lawrence",  "Cole",       "Atkinson", "Bradley",   "Spencer",    "Gill",
    "Dawson",    "Ball",      "Burton",     "O'Brien",  "Watts",     "Rose",       "Booth",
    "Perry",     "Ryan",      "Grant",      "Wells",    "Armstrong", "Francis",    "Rees",
    "Hayes",     "Hardy",     "Lambert",    "Webster",  "Gooch",     "Thrower",    "Bunn",
    "Larter",    "Howes",     "Applegate",  "Chilvers", "Nobbs",     "Gotts",      "Loades",
    "Sayer",     "Kerrison",  "Bloomfield", "Pegg",     "Kowalski",  "Nowak",      "Abbott",
    "Barber",    "Bishop",    "Blackburn",  "Bond",     "Bray",      "Brennan",    "Cartwright",
    "Chambers",  "Crane",     "Curtis",     "Dunn",     "Farrow",    "Fenn",       "Frost",
    "Goddard",   "Hammond",   "Hewitt",     "Hubbard",  "Jarvis",    "Keeble",     "Knights",
    "Leeder",    "Lovett",    "Mayes",      "McDonald", "Moss",      "Newstead",   "Norman",
    "Oakes",     "Page",      "Pointer",    "Platten",  "Rix",       "Rudd",       "Seaman",
    "Sexton",    "Skipper",   "Spall",      "Tuck",     "Utting",    "Vincent",    "Waller",
    "Youngs",    "Mann",      "Reeve",      "Risebrow", "Blyth",     "Dack",       "Eke",
    "Fulcher",   "Garrod",    "Hipkin",     "Jermy",    "Lake",      "Mallett",    "O'Neill",
    "Wojcik"    , "Hussey",   "Daniels",    "Ferguson", "MacLeod",   "Sinclair",   "Doherty"};

struct Town {
  const char* name;
  const char* upper;     // as the legacy system holds it
  const char* division;  // first part of a CRS crime number
  const char* beat;      // beat code prefix
  const char* dial;      // landline dialling code
  const char* postcode;  // postcode district ("NR" alone: NR1-NR7)
  int weight;            // share of crime, relative
};

inline constexpr Town kTowns[] = {
    {"Norwich", "NORWICH", "C1", "NC", "01603", "NR", 300},
    {"Great Yarmouth", "GREAT YARMOUTH", "E1", "GY", "01493", "NR30", 100},
    {"Gorleston", "GORLESTON", "E1", "GO", "01493", "NR31", 30},
    {"Caister-on-Sea", "CAISTER-ON-SEA", "E1", "CS", "01493", "NR30", 10},
    {"King's Lynn", "KING'S LYNN", "W1", "KL", "01553", "PE30", 85},
    {"Thetford", "THETFORD", "S1", "TH", "01842", "IP24", 45},
    {"Dereham", "DEREHAM", "S1", "DE", "01362", "NR19", 35},
    {"Wymondham", "WYMONDHAM", "C2", "WY", "01953", "NR18", 25},
    {"Diss", "DISS", "S1", "DI", "01379", "IP22", 20},
    {"Cromer", "CROMER", "N1", "CR", "01263", "NR27", 15},
    {"North Walsham", "NORTH WALSHAM", "N1", "NW", "01692", "NR28", 18},
    {"Fakenham", "FAKENHAM", "N1", "FK", "01328", "NR21", 14},
    {"Swaffham", "SWAFFHAM", "W1", "SW", "01760", "PE37", 12},
    {"Downham Market", "DOWNHAM MARKET", "W1", "DM", "01366", "PE38", 14},
    {"Attleborough", "ATTLEBOROUGH", "S1", "AT", "01953", "NR17", 14},
    {"Aylsham", "AYLSHAM", "N1", "AY", "01263", "NR11", 9},
    {"Sheringham", "SHERINGHAM", "N1", "SH", "01263", "NR26", 9},
    {"Hunstanton", "HUNSTANTON", "W1", "HU", "01485", "PE36", 8},
    {"Wells-next-the-Sea", "WELLS-NEXT-THE-SEA", "N1", "WE", "01328", "NR23", 4},
    {"Holt", "HOLT", "N1", "HO", "01263", "NR25", 5},
    {"Watton", "WATTON", "S1", "WA", "01953", "IP25", 9},
    {"Costessey", "COSTESSEY", "C2", "CO", "01603", "NR8", 15},
    {"Sprowston", "SPROWSTON", "C2", "SP", "01603", "NR7", 18},
    {"Hellesdon", "HELLESDON", "C2", "HE", "01603", "NR6", 14},
    {"Taverham", "TAVERHAM", "C2", "TA", "01603", "NR8", 8},
    {"Hethersett", "HETHERSETT", "C2", "HT", "01603", "NR9", 6},
    {"Long Stratton", "LONG STRATTON", "C2", "LS", "01508", "NR15", 5},
    {"Loddon", "LODDON", "C2", "LO", "01508", "NR14", 4},
    {"Acle", "ACLE", "E1", "AC", "01493", "NR13", 5},
    {"Stalham", "STALHAM", "N1", "ST", "01692", "NR12", 5},
    {"Wroxham", "WROXHAM", "N1", "WX", "01603", "NR12", 4},
    {"Reepham", "REEPHAM", "C2", "RE", "01603", "NR10", 3},
    {"Harleston", "HARLESTON", "S1", "HA", "01379", "IP20", 4},
    {"Hingham", "HINGHAM", "S1", "HI", "01953", "NR9", 2},
    {"Martham", "MARTHAM", "E1", "MA", "01493", "NR29", 3},
    {"Hemsby", "HEMSBY", "E1", "HM", "01493", "NR29", 3},
    {"Heacham", "HEACHAM", "W1", "HC", "01485", "PE31", 4},
    {"Snettisham", "SNETTISHAM", "W1", "SN", "01485", "PE31", 2},
    {"Terrington St Clement", "TERRINGTON ST CLEMENT", "W1", "TC", "01553", "PE34", 3},
    {"Mundesley", "MUNDESLEY", "N1", "MU", "01263", "NR11", 2},
    {"Blakeney", "BLAKENEY", "N1", "BL", "01263", "NR25", 1},
    {"Poringland", "PORINGLAND", "C2", "PO", "01508", "NR14", 4},
    {"Brundall", "BRUNDALL", "C2", "BR", "01603", "NR13", 3},
    {"Feltwell", "FELTWELL", "W1", "FE", "01842", "IP26", 2},
    {"Shipdham", "SHIPDHAM", "S1", "SD", "01362", "IP25", 2},
};

inline constexpr const char* kStreets[] = {
    "Unthank Road",        "Dereham Road",   "Magdalen Street", "Prince of Wales Road",
    "Earlham Road",        "Aylsham Road",   "Plumstead Road",  "Ber Street",
    "St Benedicts Street", "Colman Road",    "Regent Road",     "King Street",
    "Northgate Street",    "Southtown Road", "Norfolk Street",  "Gaywood Road",
    "London Road",         "High Street",    "Church Lane",     "The Street",
    "Station Road",        "Mill Lane",      "School Lane",     "Norwich Road",
    "Market Place",        "Queens Road",    "Victoria Road",   "Yarmouth Road",
    "Cromer Road",         "Holt Road",      "Lynn Road",       "Mill Road",
    "Chapel Street",       "Bridge Street",  "Brandon Road",    "Mundford Road",
    "Tavern Lane",         "Jubilee Avenue", "Beech Drive",     "Orchard Close",
    "The Green",           "Hall Road",      "Long John Hill",  "Bowthorpe Road",
    "Sprowston Road",      "Wroxham Road",   "Fakenham Road",   "Vicarage Road",
    "Park Lane",           "Greyfriars Road"};

inline constexpr const char* kShops[] = {"Tesco Extra",
                                         "Sainsbury's",
                                         "Asda",
                                         "the Co-op",
                                         "Morrisons",
                                         "Lidl",
                                         "Aldi",
                                         "Boots",
                                         "Superdrug",
                                         "Primark",
                                         "B&M",
                                         "Poundland",
                                         "Wilko",
                                         "Argos",
                                         "Iceland",
                                         "TK Maxx",
                                         "Currys",
                                         "Halfords",
                                         "Jarrolds",
                                         "the Red Lion",
                                         "the White Swan",
                                         "the Bell",
                                         "Mercy nightclub",
                                         "Chapelfield shopping centre",
                                         "the Kwik Save garage",
                                         "Jet filling station",
                                         "Greggs",
                                         "McDonald's",
                                         "the Lamb Inn"};

inline constexpr const char* kItems[] = {
    "a mobile phone", "an iPhone 6",  "a laptop",   "an Xbox One",     "a PlayStation 4",
    "a handbag",      "a wallet",     "cash",       "power tools",     "jewellery",
    "a television",   "an iPad",      "a sat nav",  "a designer coat", "perfume",
    "spirits",        "razor blades", "Lego sets",  "fresh meat",      "baby milk",
    "a chainsaw",     "a strimmer",   "golf clubs", "a games console", "a watch"};

inline constexpr const char* kCars[] = {
    "Ford Fiesta",    "Ford Focus",           "Vauxhall Corsa",   "Vauxhall Astra", "VW Golf",
    "VW Polo",        "BMW 3 Series",         "Audi A3",          "Renault Clio",   "Peugeot 206",
    "Nissan Qashqai", "Toyota Yaris",         "Ford Transit van", "Citroen C3",     "Honda Civic",
    "Mini Cooper",    "Land Rover Discovery", "Skoda Octavia"};

inline constexpr const char* kBikes[] = {"Carrera",  "Specialized", "Raleigh", "Giant",
                                         "Boardman", "Trek",        "Apollo",  "Claud Butler"};

// Platforms an offender reaches a victim through. None may start with "web"
// or "photo", or be "video": they fill texts that must stay keyword-free.
inline constexpr const char* kPlatforms[] = {
    "Facebook", "Skype",  "Instagram", "Snapchat",       "Kik",
    "Badoo",    "Tinder", "Twitter",   "Plenty of Fish", "WhatsApp"};

inline constexpr const char* kEmailDomains[] = {
    "hotmail.co.uk", "hotmail.com", "gmail.com", "yahoo.co.uk",  "btinternet.com",
    "outlook.com",   "live.co.uk",  "aol.com",   "talktalk.net", "sky.com"};

inline constexpr const char* kCountries[] = {"Morocco", "the Philippines", "Ivory Coast",
                                             "Nigeria", "Ghana",           "Romania"};

// Registration area letters, mostly the Anglia (Norwich and Ipswich) codes.
inline constexpr const char* kVrmAreas[] = {"AO", "AU", "AV", "AY", "AK", "AE", "AJ", "AF",
                                            "EX", "FD", "KM", "MA", "LR", "YC", "AP", "AX"};

// Villages and small places, for where people live and where things
// happened; towns above carry the police division and dialling code.
inline constexpr const char* kVillages[] = {
    "Blofield",          "Brooke",           "Bawdeswell",       "Briston",
    "Burnham Market",    "Cawston",          "Coltishall",       "Dersingham",
    "Ditchingham",       "Docking",          "East Harling",     "Foulsham",
    "Framingham Earl",   "Gayton",           "Great Massingham", "Hickling",
    "Horsford",          "Horning",          "Hoveton",          "Ludham",
    "Marham",            "Mattishall",       "Methwold",         "Necton",
    "Old Catton",        "Ormesby St Margaret", "Overstrand",    "Pulham Market",
    "Rackheath",         "Roughton",         "Salhouse",         "Southery",
    "Spixworth",         "Stoke Holy Cross", "Swanton Morley",   "Thorpe St Andrew",
    "Trowse",            "Upwell",           "Watlington",       "Weybourne",
    "Winterton-on-Sea",  "Worstead",         "Yaxham",           "Bradwell",
    "Belton",            "Hopton-on-Sea",    "Scole",            "Kenninghall",
    "Banham",            "Old Buckenham",    "Great Ellingham",  "Saham Toney",
    "Ashill",            "Litcham",          "Narborough",       "Clenchwarton",
    "West Winch",        "North Wootton",    "South Wootton",    "Grimston",
    "Emneth",            "Outwell",          "Mulbarton",        "Newton Flotman",
    "Tasburgh",          "Bunwell",          "Wicklewood",       "Barnham Broom",
    "Little Melton",     "Cringleford",      "Drayton",          "Horsham St Faith",
    "Frettenham",        "Buxton",           "Corpusty",         "Melton Constable",
    "Cley next the Sea", "Stiffkey",         "Little Walsingham", "Castle Acre",
    "Brancaster",        "Thornham",         "Sedgeford",        "Ingoldisthorpe",
    "Caister St Edmund", "Bergh Apton",      "Surlingham",       "Rollesby"};

// Schools and colleges a victim or suspect attends.
inline constexpr const char* kSchools[] = {
    "Hellesdon High School",        "Notre Dame High School",
    "City of Norwich School",       "Sprowston Community Academy",
    "Taverham High School",         "Wymondham College",
    "Wymondham High Academy",       "Thorpe St Andrew School",
    "Hewett Academy",               "Open Academy",
    "Jane Austen College",          "Sewell Park Academy",
    "Framingham Earl High School",  "Long Stratton High School",
    "Dereham Neatherd High School", "Fakenham Academy",
    "North Walsham High School",    "Cromer Academy",
    "Sheringham High School",       "Aylsham High School",
    "Reepham High School",          "Great Yarmouth Charter Academy",
    "Ormiston Venture Academy",     "Lynn Grove Academy",
    "Flegg High Ormiston Academy",  "King Edward VII Academy",
    "Springwood High School",       "Downham Market Academy",
    "Smithdon High School",         "Thetford Academy",
    "Attleborough Academy",         "Diss High School",
    "Hethersett Academy",           "Acle Academy",
    "City College Norwich",         "Easton College",
    "the College of West Anglia",   "the University of East Anglia",
    "Norwich University of the Arts", "East Coast College"};

// Employers a person works for.
inline constexpr const char* kWorkplaces[] = {
    "Aviva",                      "Norfolk County Council",
    "Norwich City Council",       "the Norfolk and Norwich University Hospital",
    "the James Paget University Hospital", "the Queen Elizabeth Hospital",
    "Bernard Matthews",           "Lotus Cars",
    "Britvic",                    "Jarrold and Sons",
    "Norwich Airport",            "Royal Mail",
    "Anglian Water",              "Broadland District Council",
    "Breckland Council",          "Hotel Chocolat",
    "Adnams",                     "Bidwells",
    "Larking Gowen",              "Mills and Reeve",
    "Archant",                    "Lovewell Blake",
    "Marsh",                      "Virgin Money",
    "Norse Group",                "Saffron Housing Trust",
    "Tesco",                      "Sainsbury's",
    "the Co-op",                  "Greene King",
    "Morrisons",                  "Hovis"};

// Nicknames and shortened names a suspect or witness goes by.
inline constexpr const char* kNicknames[] = {
    "Dazza", "Gazza", "Jonno", "Robbo", "Tommo", "Wozza", "Jacko", "Macca",
    "Smudger", "Chalky", "Nobby", "Danny", "Jonny", "Mikey", "Stevie", "Becks",
    "Jess", "Kaz", "Shaz", "Tash", "Bex", "Gem", "Mel", "Kez", "Ollie", "Alfie",
    "Frankie", "Deano", "Stu", "Lenny"};

// House names in place of a number, common in villages.
inline constexpr const char* kHouseNames[] = {
    "Rose Cottage", "The Old Rectory", "Holly House", "Meadow View", "The Barn",
    "Orchard House", "Ivy Cottage", "The Old School House", "Willow Farm", "Church Farm"};

// Mobile number shapes of the countries an offender is in
// (kCountries order): country code, national prefixes, digits after the prefix.
struct IntlNumber {
  const char* code;
  const char* prefixes[4];
  int rest;
};
inline constexpr IntlNumber kIntlNumbers[] = {
    {"212", {"61", "66", "67", "65"}, 7},      // Morocco mobile: 6X XXXXXXX
    {"63", {"917", "918", "927", "905"}, 7},  // the Philippines: 9XX XXX XXXX
    {"225", {"0707", "0505", "0101", "0708"}, 6},  // Ivory Coast: 0X 0X XX XX XX
    {"234", {"803", "806", "813", "705"}, 7},  // Nigeria: 8XX XXX XXXX
    {"233", {"24", "54", "20", "55"}, 7},      // Ghana: 2X XXX XXXX
    {"40", {"722", "744", "755", "766"}, 6},   // Romania: 7XX XXX XXX
};

template <typename T, size_t N>
constexpr size_t CountOf(const T (&)[N]) {
  return N;
}

}  // namespace foidesk::synth
