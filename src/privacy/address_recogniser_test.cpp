// Table-driven tests of the address recogniser on its own: each positive
// case names the exact substring the address finding must cover (so byte
// offsets are checked), each negative case a text with no address in it.
#include "privacy/address_recogniser.h"
#include "privacy/pii_speed.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace foidesk::privacy {
namespace {

std::vector<std::string> Addresses(std::string_view text) {
  std::vector<PiiFinding> out;
  AddressRecogniser().Find(text, out);
  std::vector<std::string> got;
  for (const PiiFinding& f : out) {
    EXPECT_EQ(f.type, PiiType::kAddress);
    EXPECT_LE(f.end, text.size());
    EXPECT_LT(f.start, f.end);
    got.emplace_back(text.substr(f.start, f.end - f.start));
  }
  return got;
}

struct Case {
  const char* text;
  std::vector<std::string> want;
};

const Case kCases[] = {
    // UK forms, mixed case.
    {"He lives at Flat 3, 12 High Street, Norwich NR2 4PN and works nearby.",
     {"Flat 3, 12 High Street, Norwich NR2 4PN"}},
    {"stolen from 12A Church Lane overnight", {"12A Church Lane"}},
    {"The Old Rectory, Mill Road", {"The Old Rectory, Mill Road"}},
    {"parked outside Unit 4 Riverside Industrial Estate.", {"Unit 4 Riverside Industrial Estate"}},
    {"lives at Flat 3, 27a Prince of Wales Road, Norwich", {"Flat 3, 27a Prince of Wales Road, Norwich"}},
    {"seen at 7 St. Mary's Road yesterday", {"7 St. Mary's Road"}},
    {"home address 12 The Street, Hemsby.", {"12 The Street, Hemsby"}},
    {"Riverside House, 4 Quay Side Walk, Great Yarmouth", {"Riverside House, 4 Quay Side Walk, Great Yarmouth"}},
    // Legacy upper case, town on the same line.
    {"IP RESIDES AT FLAT 2 14 ST GILES STREET NORWICH", {"FLAT 2 14 ST GILES STREET NORWICH"}},
    {"OF 56 LONG JOHN HILL, GREAT YARMOUTH, NR30 1AB.", {"56 LONG JOHN HILL, GREAT YARMOUTH, NR30 1AB"}},
    {"SUSPECT WENT TO 9 CHURCH HILL ROAD AND LEFT", {"9 CHURCH HILL ROAD"}},
    // Lower case with a house number.
    {"address 7 the street, hemsby", {"7 the street"}},
    {"victim lives at 22 dereham road with her mum", {"22 dereham road"}},
    // Multi-line, with unit, town, state and zip, country.
    {"Send it to:\n123 N Main St, Apt. 4B\nSpringfield, IL 62704\nUSA\n\nThanks",
     {"123 N Main St, Apt. 4B\nSpringfield, IL 62704\nUSA"}},
    {"Office: 500 Market Street Suite 300, San Francisco, CA 94105", {"500 Market Street Suite 300, San Francisco, CA 94105"}},
    {"John Smith\nThe Old Barn\nMill Lane\nHOLT\nNR25 6AB\nUnited Kingdom",
     {"The Old Barn\nMill Lane\nHOLT\nNR25 6AB\nUnited Kingdom"}},
    // A region code that is also a word ("ON", "AT") before its postal code.
    {"Write to 9 Rue Gafsa Apt. 981\nToronto\n, ON\n K1A 0B1\n\nThanks",
     {"9 Rue Gafsa Apt. 981\nToronto\n, ON\n K1A 0B1"}},
    {"from 12 Queen Street, Brisbane, QLD 4000 by post", {"12 Queen Street, Brisbane, QLD 4000"}},
    {"MET HIM AT 12 HIGH STREET AT 1400 HOURS", {"12 HIGH STREET"}},
    // Number after the street name; street type first.
    {"wohnt in der Hauptstraße 5, 10115 Berlin seit", {"Hauptstraße 5, 10115 Berlin"}},
    {"sent to Via Roma 12, Milano", {"Via Roma 12, Milano"}},
    {"apartment at 12 rue de Rivoli, 75001 Paris", {"12 rue de Rivoli, 75001 Paris"}},
    {"lived on Main Street 4, Springfield", {"Main Street 4, Springfield"}},
    // A unit alone, and with the lines after it.
    {"the keys to Flat 3 were taken", {"Flat 3"}},
    {"Apt. 591", {"Apt. 591"}},
    {"Suite 300\nSan Francisco, CA 94105", {"Suite 300\nSan Francisco, CA 94105"}},
    {"the flat 3 doors down", {}},
    // A street without a number is still reported (with a low score).
    {"walking along Dereham Road when", {"Dereham Road"}},
    // A line that follows must be a whole address line.
    {"12 High Street\nVictim states she was at home", {"12 High Street"}},
    {"at 40 Tavern Lane, and then left", {"40 Tavern Lane"}},
    {"lives at 3 Mill Road. He is 40.", {"3 Mill Road"}},
    // A street named "The Green" / "THE STREET" with no number.
    {"TOOK A COAT FROM PRIMARK, THE GREEN, NORWICH AT 16:19", {"THE GREEN, NORWICH"}},
    {"OUTSIDE BOOTS, THE GREEN, WELLS-NEXT-THE-SEA; RETURNED", {"THE GREEN, WELLS-NEXT-THE-SEA"}},
    {"\u201cmeet me at the caf\u00e9 on The Green or I\u2019ll come round\u201d", {"The Green"}},
    {"meet me on The Street tonight", {"The Street"}},
    {"WHILE PARKED ON THE GREEN, GREAT YARMOUTH. ESTIMATED", {"THE GREEN, GREAT YARMOUTH"}},
    {"IP WAS ON THE GREEN, HE SAID", {}},
    {"of The Old School House, The Green, Norwich after", {"The Old School House, The Green, Norwich"}},
    // A house name before a street without a number.
    {"IP JADE THROWER OF ORCHARD HOUSE, BOWTHORPE ROAD, NORWICH NR7 3YE",
     {"ORCHARD HOUSE, BOWTHORPE ROAD, NORWICH NR7 3YE"}},
    {"BY MITCHELL COLIN OF THE OLD SCHOOL HOUSE, KING STREET, COSTESSEY NR8 1YB",
     {"THE OLD SCHOOL HOUSE, KING STREET, COSTESSEY NR8 1YB"}},
    {"forced the rear door of Orchard House, Vicarage Road, Fakenham NR21 7PR and",
     {"Orchard House, Vicarage Road, Fakenham NR21 7PR"}},
    {"RETURN TO P DACK OF MEADOW VIEW, LONG JOHN HILL, WYMONDHAM.",
     {"MEADOW VIEW, LONG JOHN HILL, WYMONDHAM"}},
    {"damage Ivy Cottage, Long John Hill, Costessey.", {"Ivy Cottage, Long John Hill, Costessey"}},
    {"OF 64 SCHOOL LANE, THETFORD, TEL", {"64 SCHOOL LANE, THETFORD"}},
    // US forms: unit after the street, military mail (APO, FPO, DPO).
    {"mail it to 1234 Elm St. Apt. 5B, Springfield, IL 62704 please",
     {"1234 Elm St. Apt. 5B, Springfield, IL 62704"}},
    {"Ship to:\n1234 Elm St.\nSpringfield, IL 62704\nUSA", {"1234 Elm St.\nSpringfield, IL 62704\nUSA"}},
    {"SGT Brown, PSC 1234, Box 5678, APO AE 09123 was the address", {"PSC 1234, Box 5678, APO AE 09123"}},
    {"forward to Unit 1234 Box 567, DPO AP 12345.", {"Unit 1234 Box 567, DPO AP 12345"}},
    {"posted to USNS Comfort, FPO AA 12345 in May", {"USNS Comfort, FPO AA 12345"}},
    // European street words as suffix or prefix, number after or before, and
    // the postcode before the town on the next line.
    {"asuu Mannerheimintie 5 B 12, 00100 Helsinki", {"Mannerheimintie 5 B 12, 00100 Helsinki"}},
    {"osoite Aleksanterinkatu 15\n00100 HELSINKI\nFINLAND", {"Aleksanterinkatu 15\n00100 HELSINKI\nFINLAND"}},
    {"bor på Drottninggatan 12, 111 51 Stockholm", {"Drottninggatan 12, 111 51 Stockholm"}},
    {"bor på Sveavägen 44\n113 59 Stockholm", {"Sveavägen 44\n113 59 Stockholm"}},
    {"wohnt Berliner Straße 12, 10115 Berlin", {"Berliner Straße 12, 10115 Berlin"}},
    {"Kaiserstrasse 7\n60311 FRANKFURT AM MAIN\nGERMANY", {"Kaiserstrasse 7\n60311 FRANKFURT AM MAIN\nGERMANY"}},
    {"Große Gasse 3, 1010 Wien", {"Große Gasse 3, 1010 Wien"}},
    {"Vesterbrogade 10, 1620 København V", {"Vesterbrogade 10, 1620 København V"}},
    {"woont op Kerkstraat 21, 1017 GC Amsterdam", {"Kerkstraat 21, 1017 GC Amsterdam"}},
    {"Váci utca 5, 1052 Budapest", {"Váci utca 5, 1052 Budapest"}},
    {"mieszka ul. Marszałkowska 10, 00-001 Warszawa", {"ul. Marszałkowska 10, 00-001 Warszawa"}},
    {"Plac Zamkowy 4, Warszawa", {"Plac Zamkowy 4, Warszawa"}},
    {"vive en Calle Mayor 10, 28013 Madrid", {"Calle Mayor 10, 28013 Madrid"}},
    {"Avenida da Liberdade 110, 1250-146 Lisboa", {"Avenida da Liberdade 110, 1250-146 Lisboa"}},
    {"mora na Rua Augusta 20, Lisboa", {"Rua Augusta 20, Lisboa"}},
    {"Via Roma 12\n00184 ROMA\nITALY", {"Via Roma 12\n00184 ROMA\nITALY"}},
    {"habite 5 Rue de la Paix\n75001 PARIS\nFRANCE", {"5 Rue de la Paix\n75001 PARIS\nFRANCE"}},
    {"12 Boulevard Haussmann, 75009 Paris", {"12 Boulevard Haussmann, 75009 Paris"}},
    // A building number before a numbered street, and a number both before
    // and after the street name.
    {"the restaurant is at 17 2450 Crown St", {"17 2450 Crown St"}},
    {"his address: 6138 Via Roma 131", {"6138 Via Roma 131"}},
    {"at 18 Hauptstraße 5, Berlin", {"18 Hauptstraße 5, Berlin"}},
    // Street words of more languages: Hungarian "u." and "útja", Slovene
    // "cesta", Norwegian "gate", Estonian "tänav", Finnish "-kuja",
    // Icelandic "-vegur", Dutch "-kade", Italian "Vicolo", Spanish "Avda.".
    {"lakcím: Király u. 15., Budapest", {"Király u. 15., Budapest"}},
    {"6076 Piroska u. 97.\nPorto Alegre", {"6076 Piroska u. 97.\nPorto Alegre"}},
    {"Bajcsy-Zsilinszky útja 3, Budapest", {"Bajcsy-Zsilinszky útja 3, Budapest"}},
    {"naslov Dunajska cesta 56, 1000 Ljubljana", {"Dunajska cesta 56, 1000 Ljubljana"}},
    {"bor i Karl Johans gate 22, 0159 Oslo", {"Karl Johans gate 22, 0159 Oslo"}},
    {"elab Pärnu tänav 12, Tallinn", {"Pärnu tänav 12, Tallinn"}},
    {"asuu Harjukuja 54, SEINÄJOKI", {"Harjukuja 54, SEINÄJOKI"}},
    {"býr á Hlíðarvegur 97, Reykjavík", {"Hlíðarvegur 97, Reykjavík"}},
    {"woont Prinsenkade 8, Breda", {"Prinsenkade 8, Breda"}},
    {"abita in Vicolo Calcirelli 13, Trapani", {"Vicolo Calcirelli 13, Trapani"}},
    {"vive en Avda. Generalísimo 6, Madrid", {"Avda. Generalísimo 6, Madrid"}},
    {"habite 36 rue de pologne, Paris", {"36 rue de pologne, Paris"}},
    {"9554 62 Rue Gafsa Apt. 981\nToronto\nCanada", {"9554 62 Rue Gafsa Apt. 981\nToronto\nCanada"}},
    // A USPS street suffix that is also a common word, after a house number.
    {"meet me at 12 Eriksson Bridge tonight", {"12 Eriksson Bridge"}},
    {"ship to 450 Pinto Hill Ridge, Denver, CO 80202", {"450 Pinto Hill Ridge, Denver, CO 80202"}},
    // A crossing of two streets.
    {"at the corner of ul. Grochowa 80 and Lahtinen Road today", {"ul. Grochowa 80 and Lahtinen Road"}},
    {"crash at 5th Ave & Main St, Springfield", {"5th Ave & Main St, Springfield"}},
    {"lives at 12 High Street and John went home", {"12 High Street"}},
    {"bor i Stensås terrasse 38, Arendal", {"Stensås terrasse 38, Arendal"}},
    // A street with no street word, known by the unit after it.
    {"lives at Kuuse 53 Apt. 641, Grubbenvorst", {"Kuuse 53 Apt. 641, Grubbenvorst"}},
    {"Mary Jones\n20789 Allika 46\nSuite 501\nRiisa", {"20789 Allika 46\nSuite 501\nRiisa"}},
    // A street with no street word, known by a cue before it.
    {"his address: 87331 Dunajska 56, Studenec", {"87331 Dunajska 56, Studenec"}},
    {"she lives at Tylova 285\nOstrov nad Ohří\nCzech Republic",
     {"Tylova 285\nOstrov nad Ohří\nCzech Republic"}},
    {"the address of Chapter 3 is unknown", {}},
    {"he lives at Manchester 3 days a week", {}},
    // A postal code after its label.
    {"ZIP: 48750", {"48750"}},
    {"my zip code is 394 13, thanks", {"394 13"}},
    {"Postcode: 7412 SL", {"7412 SL"}},
    {"postal code 1000 in Ljubljana", {"1000"}},
    {"Postcode: PE31", {}},  // a UK postcode is the postcode recogniser's
    {"My zip code is 90010-170", {"90010-170"}},
    {"the zip code field was empty", {}},
    {"a zip 2 inches long", {}},
    {"postal service 24 hours", {}},
    // Post-office boxes.
    {"write to P.O. Box 242, Springfield, IL 62704", {"P.O. Box 242, Springfield, IL 62704"}},
    {"send it to PO Box 17 today", {"PO Box 17"}},
    {"Post Office Box 9, Nuuk", {"Post Office Box 9, Nuuk"}},
    {"Postfach 10 12 34, 80087 München", {"Postfach 10 12 34, 80087 München"}},
    // Not addresses: the new words in ordinary sentences.
    {"the Forth Bridge was painted in 2019", {}},
    {"we crossed the bridge 3 times", {}},
    {"Tech Summit 2019 opens on Monday", {}},
    {"the 2019 Tech Summit was cancelled", {}},
    {"he has a Point 5 lead", {}},
    {"12 Cue The Lonely Island", {}},
    {"a box 3 feet wide", {}},
    {"put it in Box 3 on the shelf", {}},
    {"love u. 2 days to go", {}},
    {"the Blockade 2 film", {}},
    {"the kuja 5 times", {}},
    // Not addresses: a street word alone or in a sentence.
    {"the files were sent via email 3 times", {}},
    {"sent Via Email on 3 March", {}},
    {"a rue 5 minutes later", {}},
    {"the rue was empty", {}},
    {"Sweetie 5 was his nickname", {}},
    {"he wore a Necktie 3 days running", {}},
    {"Bertie 12 years old", {}},
    // Not addresses.
    {"IP WENT TO THE PARK THEN THE GREEN GROCER", {}},
    {"The Green party won. The Street was quiet", {}},
    {"THE STREET WAS QUIET AND THE GREEN WAS EMPTY", {}},
    {"he ran across the road and down the street", {}},
    {"Street lighting was poor; the road was wet.", {}},
    {"2 men in the car park", {}},
    {"she lived there for 3 years", {}},
    {"High Street 3 years ago", {"High Street"}},
    {"paid £12 via PayPal", {}},
    {"at 21:00 Road closed", {}},
};

TEST(AddressRecogniser, Cases) {
  for (const Case& c : kCases) EXPECT_EQ(Addresses(c.text), c.want) << c.text;
}

TEST(AddressRecogniser, ByteOffsetsAfterMultiByteText) {
  const std::string text = "Zoë’s café, 12 High Street, Norwich";
  std::vector<PiiFinding> out;
  AddressRecogniser().Find(text, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].start, text.find("12 High"));
  EXPECT_EQ(out[0].end, text.size());
  EXPECT_EQ(out[0].recogniser, "postal_address");
}

TEST(AddressRecogniser, ScoresRiseWithEvidence) {
  auto score = [](std::string_view text) {
    std::vector<PiiFinding> out;
    AddressRecogniser().Find(text, out);
    return out.empty() ? -1.0 : out[0].score;
  };
  EXPECT_LT(score("along Dereham Road"), score("at 4 Dereham Road"));
  EXPECT_LT(score("at 4 Dereham Road"), score("at 4 Dereham Road, Norwich NR2 4PN"));
  EXPECT_LT(score("at Dereham Road, Norwich"), score("at 4 Dereham Road, Norwich"));
}

TEST(AddressRecogniser, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(Addresses("").empty());
  EXPECT_TRUE(Addresses(",,,\n\n.").empty());
  EXPECT_TRUE(Addresses("Road").empty());
  EXPECT_TRUE(Addresses("12").empty());
}

// Find scans only windows around possible anchors; it must report exactly
// what the whole-text scan reports: on the speed benchmark's records, on
// several records run together (windows that merge and grow), with the
// spaces between words stretched (windows cut short), and on every case
// above.
TEST(AddressRecogniser, WindowsFindWhatTheWholeScanFinds) {
  std::vector<std::string> texts = MakePiiSpeedRecords(1, 5);
  texts.resize(1500);
  const size_t records = texts.size();
  for (size_t i = 0; i + 8 <= records; i += 8) {
    std::string joined;
    for (size_t k = i; k < i + 8; ++k) joined += texts[k] + (k % 2 ? "\n" : ", ");
    texts.push_back(std::move(joined));
  }
  for (size_t i = 0; i < records; i += 5) {
    std::string stretched;
    for (char c : texts[i]) stretched += c == ' ' ? std::string(40, ' ') : std::string(1, c);
    texts.push_back(std::move(stretched));
  }
  for (const Case& c : kCases) texts.emplace_back(c.text);
  const AddressRecogniser r;
  size_t found = 0;
  for (const std::string& text : texts) {
    std::vector<PiiFinding> windows, whole;
    r.Find(text, windows);
    r.FindWithoutWindows(text, whole);
    EXPECT_EQ(windows, whole) << text;
    found += whole.size();
  }
  EXPECT_GT(found, 1000u);
}

}  // namespace
}  // namespace foidesk::privacy
