// Tests of the gazetteer and of the person, place and organisation
// recogniser: legacy upper-case text, mixed case, titles, initials,
// nicknames, multi-word places, ambiguous words without and with cues,
// officers, organisations, byte offsets, and errors of bad list files.
#include "privacy/name_recognisers.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "privacy/gazetteer.h"

namespace foidesk::privacy {
namespace {

const std::string kGazetteerDir = FOIDESK_SOURCE_DIR "/config/pii/gazetteers";

const NameRecogniser& TheRecogniser() {
  static const NameRecogniser* r = [] {
    auto g = Gazetteer::Load(kGazetteerDir);
    if (!g.ok()) {
      ADD_FAILURE() << g.error().message;
      return new NameRecogniser(std::make_shared<const Gazetteer>());
    }
    return new NameRecogniser(std::make_shared<const Gazetteer>(std::move(*g)));
  }();
  return *r;
}

std::vector<PiiFinding> Find(std::string_view text) {
  std::vector<PiiFinding> out;
  TheRecogniser().Find(text, out);
  return out;
}

// The text of every finding of `type`, in order.
std::vector<std::string> Texts(std::string_view text, PiiType type) {
  std::vector<std::string> out;
  for (const PiiFinding& f : Find(text))
    if (f.type == type) out.emplace_back(text.substr(f.start, f.end - f.start));
  return out;
}

using Strings = std::vector<std::string>;

struct Case {
  const char* text;
  Strings persons;
  Strings places;
  Strings organisations;
};

// Every case lists all findings of the three types, so a test fails on a
// miss and on a false alarm alike.
const Case kCases[] = {
    // Legacy upper-case style.
    {"IP NATHAN CHILVERS (AGED 17) WAS ASSAULTED BY S/T THOMAS BAKER OUTSIDE THE BAR.",
     {"NATHAN CHILVERS", "THOMAS BAKER"}, {}, {}},
    {"IP STATES S/T GOOCH HAS FOLLOWED HER HOME FROM GREAT YARMOUTH.",
     {"GOOCH"}, {"GREAT YARMOUTH"}, {}},
    {"OIC PC 1234 LARTER UPDATED IP BY PHONE. DC JONES TO REVIEW.", {"LARTER", "JONES"}, {}, {}},
    {"PC ATTENDED AND SPOKE TO STAFF.", {}, {}, {}},
    {"IP LIVES IN WELLS-NEXT-THE-SEA AND WORKS AT TESCO IN KING'S LYNN.",
     {}, {"WELLS-NEXT-THE-SEA", "KING'S LYNN"}, {"TESCO"}},
    {"MR J SMITH AND MRS A.B. O'BRIEN OF LONG STRATTON.", {"J SMITH", "A.B. O'BRIEN"},
     {"LONG STRATTON"}, {}},
    // Mixed-case current style.
    {"The victim, Nathan Chilvers, 17, was punched by Kieran McAllister-Jones in Norwich.",
     {"Nathan Chilvers", "Kieran McAllister-Jones"}, {"Norwich"}, {}},
    {"Mrs Rose reported that Smith's car was damaged. J. Smith and J.A. Smith deny it.",
     {"Rose", "J. Smith", "J.A. Smith"}, {}, {}},
    {"Dr Sarah O'Neill-Smith saw the child at the surgery.", {"Sarah O'Neill-Smith"}, {}, {}},
    {"Nathan's phone was taken.", {"Nathan"}, {}, {}},
    // Lower case, as typed in chat: a given name and a surname or unknown word.
    {"follow up with patricia desrosiers in a couple of months.", {"patricia desrosiers"}, {}, {}},
    {"have you heard eric g. samoylova speak yet", {"eric g. samoylova"}, {}, {}},
    {"i will mark the door and bill them", {}, {}, {}},
    {"they had 3: silvana, adam, chad and caleb.", {"silvana", "adam", "chad", "caleb"}, {}, {}},
    {"we sold milk, bread, eggs and jam.", {}, {}, {}},
    // Speakers of a dialogue or chat log.
    {"Ubul: What a wife.\nNicole: Remember me?", {"Ubul", "Nicole"}, {}, {}},
    {"Note: none of this was seen.", {}, {}, {}},
    // Three surnames make a firm when a capitalised word or a cue goes with them.
    {"The Clark, Romero and Bryce Orchestra played.", {}, {}, {"Clark, Romero and Bryce"}},
    // Nicknames.
    {"Suspect known as 'Smudge' and aka Dazza was seen in Diss.", {"Smudge", "Dazza"}, {"Diss"}, {}},
    {"S/T KNOWN AS \"BIG DAVE\" ON THE ESTATE.", {"BIG DAVE"}, {}, {}},
    // Given names that are common words need a neighbour or a cue.
    {"I will mark the bill and hope for grace in May.", {}, {}, {}},
    {"WILL ATTEND ON MONDAY. MARK THE EXHIBIT.", {}, {}, {}},
    {"Will Smith and May Baker were named. Victim named as Grace.",
     {"Will Smith", "May Baker", "Grace"}, {}, {}},
    {"WITNESS MARK TAYLOR STATES HOPE WAS THERE.", {"MARK TAYLOR"}, {}, {}},
    // Places that are common words need a cue or capitals.
    {"Reading the statement, he went to the street in March.", {}, {}, {}},
    {"She lives in Bath, travels from Reading and stays near March.", {},
     {"Bath", "Reading", "March"}, {}},
    {"Dereham Road was closed.", {}, {}, {}},
    // Jargon, offence words, days, months are not persons.
    {"IP REPORTS ABH. OIC TO ARRANGE ABE INTERVIEW ON MONDAY 3 JUNE.", {}, {}, {}},
    // Organisations.
    {"Victim attends Hethersett Old Hall School and works at Smith & Sons Ltd.",
     {}, {}, {"Hethersett Old Hall School", "Smith & Sons Ltd"}},
    {"IP IS A PUPIL AT NORWICH HIGH SCHOOL FOR GIRLS.", {}, {}, {"NORWICH HIGH SCHOOL"}},
    {"He was taken to the Queen Elizabeth Hospital by her sister Jade.", {"Jade"}, {},
     {"Queen Elizabeth Hospital"}},
    {"the high school was closed", {}, {}, {}},
    // Streets, handles, e-mail addresses and verbs are not names or places.
    {"Reported by Lee Chapman of 12 Magdalen Street.", {"Lee Chapman"}, {}, {}},
    {"VICTIM CONTACTED BY ACCOUNT DANIEL_123 AND J.SMITH12@GMAIL.COM.", {}, {}, {}},
    {"S/T LEFT THE CAR PARK TO SEND THE VIDEO.", {}, {}, {}},
    {"BUS FROM GREAT YARMOUTH TO DISS; SARAH LARTER TEL 07700 900123.", {"SARAH LARTER"},
     {"GREAT YARMOUTH", "DISS"}, {}},
    // Countries and towns abroad, one word or several.
    {"The suspect flew from Gdansk to Buenos Aires and then on to Romania.", {},
     {"Gdansk", "Buenos Aires", "Romania"}, {}},
    {"Victim was born in Rio de Janeiro and lived in New York before moving to Norwich.", {},
     {"Rio de Janeiro", "New York", "Norwich"}, {}},
    {"IP IS FROM KAUNAS, LITHUANIA.", {}, {"KAUNAS", "LITHUANIA"}, {}},
    // A country that is a common word needs a cue; a given name that is a
    // town abroad stays a person without a place cue.
    {"Turkey was on the menu.", {}, {}, {}},
    {"He moved to Turkey in 2019.", {}, {"Turkey"}, {}},
    {"Victoria reported the theft.", {"Victoria"}, {}, {}},
    {"the parcel came from nice people in the police station", {}, {}, {}},
    // Organisations standing alone: a company suffix, or a list closed by "and".
    {"Funds went to Acme LLC and Bernard Group.", {}, {}, {"Acme LLC", "Bernard Group"}},
    {"Invoices from Smith, Jones and Brown LLP were forged.", {}, {},
     {"Smith, Jones and Brown LLP"}},
    {"She works for Smith, Jones and Brown in Leeds.", {}, {"Leeds"},
     {"Smith, Jones and Brown"}},
    {"He works for Kowalczyk, who lives nearby.", {}, {}, {"Kowalczyk"}},
    {"Paid by Halliwell & Co, then by the firm Hargreaves Lansdown.", {}, {},
     {"Halliwell & Co", "Hargreaves Lansdown"}},
    {"The support group met; the company said sorry.", {}, {}, {}},
    // No organisation without a suffix; a list of names closed by "and"
    // makes each a person, at a sentence start or a common word ("Brown").
    {"Smith, Jones and Brown attended.", {"Smith", "Jones", "Brown"}, {}, {}},
    {"Usamov and Bowers were arrested.", {"Usamov", "Bowers"}, {}, {}},
    {"They had three: Hleb, Sheila and Donna.", {"Hleb", "Sheila", "Donna"}, {}, {}},
    // Lists of things, places or unknown words alone are not persons.
    {"Bread, Butter and Jam were taken.", {}, {}, {}},
    {"He visited Norwich, Diss and Thetford.", {}, {"Norwich", "Diss", "Thetford"}, {}},
    {"Zorbekia and Quillfeatheria were closed.", {"Quillfeatheria"}, {}, {}},  // the fallback
    {"She went to Marks & Spencer and Dolce.", {"Dolce"}, {}, {}},  // no list; the fallback
    // A lone given name counts; a lone surname at a sentence start does not.
    {"Later Priya said she saw it.", {"Priya"}, {}, {}},
    {"Hargreaves said nothing. Police attended. However nothing was taken.", {}, {}, {}},
    {"Neighbour Kowalski heard shouting.", {"Kowalski"}, {}, {}},
    // Upper case: a surname that is also a common word, after a role or a
    // rank, or before the end of the clause; not a common word that follows.
    {"S/T MOHAMMED THROWER (DOB 19/07/1987) ENTERED THE SHOP.", {"MOHAMMED THROWER"}, {}, {}},
    {"DETAINED BY SECURITY OFFICER RICHARD BARKER. VALUE 50.", {"RICHARD BARKER"}, {}, {}},
    {"CAUSING IP ANTHONY GAVIN CRANE ALARM AND DISTRESS.", {"ANTHONY GAVIN CRANE"}, {}, {}},
    {"HIS FORD FOCUS AV61 AMA STOLEN FROM THE DRIVEWAY.", {"AMA"}, {}, {}},
    {"OIC PC 920 WATTS SPOKE TO IP MR L BARKER.", {"WATTS", "L BARKER"}, {}, {}},
    {"IP PRIYA TOOK THE CAR KEYS. S/T PRIYA PUNCHED HIM.", {"PRIYA", "PRIYA"}, {}, {}},
    {"The suspect Harry Barker (DOB 16/05/1975) was arrested.", {"Harry Barker"}, {}, {}},
    // The legacy "SURNAME, FORENAMES" after a role.
    {"IP FOSTER, ALEKSANDRA LEFT HER BICYCLE.", {"FOSTER, ALEKSANDRA"}, {}, {}},
    {"IP CAR, PHONE AND WALLET STOLEN.", {}, {}, {}},
    // A nickname in quotes between the given name and the surname.
    {"A LODGER, KARL 'STEVIE' FOX, HAS TAKEN SPIRITS.", {"KARL 'STEVIE' FOX"}, {}, {}},
    {"The suspect Luke 'Nobby' Kelly was seen.", {"Luke 'Nobby' Kelly"}, {}, {}},
    {"Partner Elliot ‘Smudger’ Butler grabbed her.", {"Elliot ‘Smudger’ Butler"}, {},
     {}},
    // An initial right after digits, or before a hyphenated common word, is no name.
    {"NI NO NP 42 52 90 B. HOUSE-TO-HOUSE ENQUIRIES NEGATIVE.", {}, {}, {}},
    {"SEEN AT 10 B. HOUSE-TO-HOUSE DONE.", {}, {}, {}},
    // Villages no list holds, after a place cue.
    {"CAR SOLD TO S/T FLETCHER SIMON OF WORSTEAD.", {"FLETCHER SIMON"}, {"WORSTEAD"}, {}},
    {"IP LIVES IN HICKLING.", {}, {"HICKLING"}, {}},
    {"A CAR DROVE OFF TOWARDS BARNHAM BROOM. NO WITNESSES.", {}, {"BARNHAM BROOM"}, {}},
    {"BANK CARDS USED SHORTLY AFTER IN THORPE ST ANDREW.", {}, {"THORPE ST ANDREW"}, {}},
    {"Similar offences in the Blofield area this month.", {}, {"Blofield"}, {}},
    {"An argument outside the pub in Gayton on 09/10/2015.", {}, {"Gayton"}, {}},
    {"The car was found abandoned in Cley next the Sea.", {}, {"Cley next the Sea"}, {}},
    {"S/T ENTERED HALFORDS, DISS AND TOOK A LAPTOP.", {}, {"DISS"}, {}},
    {"IP WAS IN FEAR. HE WENT TO SEND IT. SHE WAS IN HOSPITAL.", {}, {}, {}},
    {"She was messaged in Snapchat groups and in the evening area.", {}, {}, {}},
    // Organisations after a workplace or school cue.
    {"IP MR WAYNE TAYLOR, AN EMPLOYEE OF ANGLIAN WATER, WAS ASSAULTED.", {"WAYNE TAYLOR"}, {},
     {"ANGLIAN WATER"}},
    {"IP, WHO IS AN EMPLOYEE OF NORWICH CITY COUNCIL; NOTHING TO ADD.", {}, {},
     {"NORWICH CITY COUNCIL"}},
    {"S/T FOLLOWED HER FROM WORK AT HOTEL CHOCOLAT TO THE BUS.", {}, {}, {"HOTEL CHOCOLAT"}},
    {"THREATENED TO TELL IP'S EMPLOYER, HOVIS, ABOUT IT.", {}, {}, {"HOVIS"}},
    {"IP (AN EMPLOYEE OF THE CO-OP) REPORTS DAMAGE.", {}, {}, {"CO-OP"}},
    {"IP IS A STUDENT AT THE UNIVERSITY OF EAST ANGLIA; NOTHING TO ADD.", {}, {},
     {"UNIVERSITY OF EAST ANGLIA"}},
    {"The victim is a student at Norwich University of the Arts.", {}, {},
     {"Norwich University of the Arts"}},
    {"IP WORKS AT NIGHT AND IS AN EMPLOYEE OF THE MONTH.", {}, {}, {}},
    // Upper case after a role or cue: list words that are also common words.
    {"IP JADE REPORTS HER BIKE STOLEN.", {"JADE"}, {}, {}},
    {"BIKE TAKEN. S/T MARK SEARCHED AND RELEASED.", {"MARK"}, {}, {}},
    {"DOOR SMASHED. S/T BAKER ANTHONY WAS ARRESTED.", {"BAKER ANTHONY"}, {}, {}},
    {"IP WAS KICKED BY S/T HARRY LEE WHEN LEAVING.", {"HARRY LEE"}, {}, {}},
    {"CHECKS RETURN TO HARRY LEE OF FLAT 3.", {"HARRY LEE"}, {}, {}},
    {"ONE YOUTH NAMED AS T WATTS. WORDS USED: \u201cyou are dead\u201d", {"T WATTS"}, {}, {}},
    {"SHOUTING, CAUSING IP KIRSTY WATTS ALARM AND DISTRESS. WORDS USED: \u201cget out of here "
     "now\u201d",
     {"KIRSTY WATTS"}, {}, {}},
    {"TOOLS STOLEN. IP GRAY, HOLLY DISCOVERED IT.", {"GRAY, HOLLY"}, {}, {}},
    // Negatives: a verb or a thing after a role is no name.
    {"IP REPORTS THAT HER CAR WAS TAKEN.", {}, {}, {}},
    {"IP STATES S/T LEFT BEFORE POLICE ARRIVED.", {}, {}, {}},
    {"S/T WHITE MALE, 30S, SLIM BUILD.", {}, {}, {}},
    {"VICTIM WILL BE SPOKEN TO.", {}, {}, {}},
    {"The victim reports that a mark was left on the car.", {}, {}, {}},
    {"THE DOOR WAS FORCED BY A CROWBAR.", {}, {}, {}},
    // Proper nouns no list holds, in mixed case, away from a sentence start:
    // a person, or a place after "in", "at", "from", "to", "near".
    {"The victim met Zorbek Quillfeather outside the shop.", {"Zorbek Quillfeather"}, {}, {}},
    {"She later told Quillfeather about it.", {"Quillfeather"}, {}, {}},
    {"He was seen at Zorbekton on foot.", {}, {"Zorbekton"}, {}},
    {"Smith, Zorbek and Quillfeather ran off.", {"Smith", "Zorbek", "Quillfeather"}, {}, {}},
    // Not at a sentence start, after an opening quote or a bullet.
    {"Zorbek said nothing and left. Quillfeather agreed.", {}, {}, {}},
    {"She said \"Zorbek is coming\" twice.", {}, {}, {}},
    {"Items:\n- Zorbek phone\n* Quillfeather bag", {}, {}, {}},
    // A given name at a sentence start still counts; a common word does not.
    {"Priya bought a knife. Hector bought nothing.", {"Priya"}, {}, {}},
    // Acronyms, platforms and brands, courts, months and days are no names.
    {"The OIC checked CCTV and PNC with the NHS and DVLA.", {}, {}, {}},
    {"He sent images via Snapchat and then Facebook, WhatsApp and YouTube.", {}, {}, {}},
    {"Paid by Bitcoin and PayPal on his iPhone, Xbox and PlayStation via Skype.", {}, {}, {}},
    {"The case went to Crown Court in May and resumed on Monday.", {}, {}, {}},
    // A business name or a street: not reported as a person.
    {"Funds went to Zorbek Solutions, then Barclays Bank.", {}, {}, {}},
    // Contractions of common words.
    {"Then I'm sure I'll go, he said, and I've paid.", {}, {}, {}},
    // A name the speaker gives: lower case and ambiguous names count.
    {"My name is Martin and I live here.", {"Martin"}, {}, {}},
    {"my name is borna jerkovic but he said", {"borna jerkovic"}, {}, {}},
    {"Her maiden name was nyberg.", {"nyberg"}, {}, {}},
    {"Name:   hyuuma t. maida\nAddress: unit 4", {"hyuuma t. maida"}, {}, {}},
    {"I'm Priya's daughter.", {"Priya"}, {}, {}},
    {"MY NAME IS JOHN SMITH.", {"JOHN SMITH"}, {}, {}},
    // The same words with no name after them.
    {"I'm sure the name is wrong, I am fine and my name is on the list. Call me back.", {}, {},
     {}},
    {"I'M GOING OUT. HIS NAME IS NOT KNOWN. I AM HAPPY.", {}, {}, {}},
    // A town in capitals inside mixed case, after a strong cue only.
    {"He grew up in KNIVSTA and is based in Zorbekton.", {}, {"KNIVSTA", "Zorbekton"}, {}},
    {"She was seen on CCTV in ASDA and checked in PNC.", {}, {}, {}},
    // A legal form names a company; a brand is an employer after a cue; a
    // business right after a person is their workplace.
    {"Funds went to Hill Inc. and Park Ltd.", {}, {}, {"Hill Inc", "Park Ltd"}},
    {"She works for Microsoft in Leeds.", {}, {"Leeds"}, {"Microsoft"}},
    {"Anna Berg from Zorbek Solutions spoke.", {"Anna Berg"}, {}, {"Zorbek Solutions"}},
    {"Anna Berg from Rapid Cycle Solutions spoke.", {"Anna Berg"}, {}, {"Rapid Cycle Solutions"}},
    {"The van came from Rapid Cycle Solutions.", {}, {}, {}},
    {"Very little damage. The Inc. paid. He works for himself via Facebook.", {}, {}, {}},
    // Capitals beyond Latin-1 (Polish, Czech names) are capitals.
    {"The victim, Łukasz Kowalczyk, was assaulted.", {"Łukasz Kowalczyk"}, {}, {}},
    {"IP ŁUKASZ KOWALCZYK WAS ASSAULTED.", {"ŁUKASZ KOWALCZYK"}, {}, {}},
    {"We met Šárka in Wells.", {"Šárka"}, {"Wells"}, {}},
    {"dzień dobry, żółć i źle", {}, {}, {}},
    // Countries named with an article, or in words that are common.
    {"He moved to the United States in May.", {}, {"United States"}, {}},
    {"Then United Kingdom rules applied.", {}, {"United Kingdom"}, {}},
    {"the united front was there. Zorbek Country Club was shut.", {}, {}, {}},
    // Upper case: capitals are no evidence, so no fallback.
    {"THE BAG WAS SEEN BY STAFF WITH ZORBEK QUILLFEATHER AT THE SHOP.", {}, {}, {}},
};

TEST(NameRecogniserTest, ProperNounFallbackHasALowScore) {
  const std::string text = "The victim met Zorbek Quillfeather outside.";
  const auto findings = Find(text);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].recogniser, "proper_noun");
  EXPECT_EQ(findings[0].type, PiiType::kPerson);
  EXPECT_DOUBLE_EQ(findings[0].score, 0.3);
}

TEST(NameRecogniserTest, Cases) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Texts(c.text, PiiType::kPerson), c.persons);
    EXPECT_EQ(Texts(c.text, PiiType::kLocation), c.places);
    EXPECT_EQ(Texts(c.text, PiiType::kOrganisation), c.organisations);
  }
}

TEST(NameRecogniserTest, ByteOffsetsAfterMultiByteText) {
  // "‘" and "é" are multi-byte: offsets are bytes, not characters.
  const std::string text =
      "Caf\xC3\xA9 \xE2\x80\x98quote\xE2\x80\x99 - Mrs Zo\xC3\xAB Kowalski of Diss.";
  const auto fs = Find(text);
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].type, PiiType::kPerson);
  EXPECT_EQ(fs[0].start, text.find("Zo"));
  EXPECT_EQ(fs[0].end, text.find(" of"));
  EXPECT_EQ(fs[0].recogniser, "person");
  EXPECT_EQ(fs[1].type, PiiType::kLocation);
  EXPECT_EQ(fs[1].start, text.find("Diss"));
  EXPECT_EQ(fs[1].end, text.find("Diss") + 4);
  EXPECT_EQ(fs[1].recogniser, "place");
}

TEST(NameRecogniserTest, PossessiveWithTypographicApostrophe) {
  const std::string text = "Chilvers\xE2\x80\x99s car, seen by neighbour Gooch.";
  // A lone surname needs a cue; "neighbour" is one.
  EXPECT_EQ(Texts(text, PiiType::kPerson), Strings({"Gooch"}));
  const std::string text2 = "Nathan Chilvers\xE2\x80\x99s car.";
  EXPECT_EQ(Texts(text2, PiiType::kPerson), Strings({"Nathan Chilvers"}));
}

TEST(NameRecogniserTest, ScoresRiseWithEvidence) {
  const std::string text = "Mr Gooch met Nathan.";
  const auto fs = Find(text);
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_GT(fs[0].score, fs[1].score);  // a title is stronger evidence than a lone given name
}

TEST(NameRecogniserTest, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(Find("").empty());
  EXPECT_TRUE(Find("... ,,, \n\n --").empty());
  EXPECT_TRUE(Find("\xE2\x80\x9C\xE2\x80\x9D").empty());
}

TEST(GazetteerTest, LookupNormalisesCase) {
  Gazetteer g;
  ASSERT_TRUE(g.AddList("# header\nO'Brien\n\nGreat Yarmouth\n", "test", kSurname).ok());
  std::string key;
  AppendGazetteerKey("O\xE2\x80\x99" "BRIEN", key);
  EXPECT_EQ(key, "o'brien");
  EXPECT_EQ(g.Lookup(key), kSurname);
  EXPECT_EQ(g.Lookup("great yarmouth"), kSurname);
  EXPECT_EQ(g.Lookup("yarmouth"), 0);
  key.clear();
  AppendGazetteerKey("\xC3\x89MILE", key);  // É
  EXPECT_EQ(key, "\xC3\xA9mile");
}

TEST(GazetteerTest, PlacesMarkTheirFirstWord) {
  Gazetteer g;
  ASSERT_TRUE(g.AddList("Great Yarmouth\nTerrington St Clement\n", "test", kPlace).ok());
  EXPECT_EQ(g.Lookup("great"), kPlaceStart);
  EXPECT_EQ(g.Lookup("terrington st clement"), kPlace);
  EXPECT_EQ(g.max_place_words(), 3);
}

TEST(GazetteerTest, BadEntryNamesFileAndLine) {
  Gazetteer g;
  const Status s = g.AddList("# header\nSmith\nJo<nes\n", "surnames.txt", kSurname);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message.rfind("surnames.txt:3: entry has a character", 0), 0u)
      << s.error().message;
  EXPECT_EQ(s.error().message.find("Jo<nes"), std::string::npos);  // never the entry
  const Status bad_utf8 = g.AddList("Smith\n\xC3(\n", "x.txt", kSurname);
  ASSERT_FALSE(bad_utf8.ok());
  EXPECT_EQ(bad_utf8.error().message, "x.txt:2: entry has not valid UTF-8");
}

TEST(GazetteerTest, LoadReportsTheBadFile) {
  char dir_template[] = "/tmp/foidesk-gazetteer-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  for (const char* f : {"given_names.txt", "surnames.txt", "uk_places.txt", "places_local.txt",
                        "countries.txt", "world_places.txt", "common_words.txt",
                        "ambiguous_words.txt", "not_names.txt"}) {
    std::ofstream(dir + "/" + f) << "# test\nword\n";
  }
  ASSERT_TRUE(Gazetteer::Load(dir).ok());
  std::ofstream(dir + "/uk_places.txt") << "# test\nNorwich\nDiss\tNorfolk\n";
  auto bad = Gazetteer::Load(dir);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.find(dir + "/uk_places.txt:3: "), 0u) << bad.error().message;
  std::ofstream(dir + "/uk_places.txt") << "# test\nNorwich\n";
  std::remove((dir + "/not_names.txt").c_str());
  auto missing = Gazetteer::Load(dir);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("not_names.txt"), std::string::npos);
  for (const char* f : {"given_names.txt", "surnames.txt", "uk_places.txt", "places_local.txt",
                        "countries.txt", "world_places.txt", "common_words.txt",
                        "ambiguous_words.txt"})
    std::remove((dir + "/" + f).c_str());
  std::remove(dir.c_str());
}

TEST(GazetteerTest, ShippedListsLoad) {
  auto g = Gazetteer::Load(kGazetteerDir);
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_GT(g->size(), 300000u);
  EXPECT_TRUE(g->Lookup("nathan") & kGivenName);
  EXPECT_TRUE(g->Lookup("chilvers") & kSurname);
  EXPECT_TRUE(g->Lookup("great yarmouth") & kPlace);
  EXPECT_TRUE(g->Lookup("will") & kCommonWord);
  EXPECT_TRUE(g->Lookup("monday") & kNotName);
}

}  // namespace
}  // namespace foidesk::privacy
