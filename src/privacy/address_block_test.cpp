// Tests of address completion: house numbers and postal codes next to an
// address, place or street-like name; the lines of an address block; and
// where it must stop (years, counts, prose, labels, contact lines).
#include "privacy/address_block.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace foidesk::privacy {
namespace {

PiiFinding At(std::string_view text, std::string_view part, PiiType type,
              const char* recogniser = "test") {
  const size_t at = text.find(part);
  EXPECT_NE(at, std::string_view::npos) << part;
  return {type, at, at + part.size(), 0.5, recogniser};
}

// The texts of the findings completion added.
std::vector<std::string> Added(std::string_view text, std::vector<PiiFinding> findings) {
  const std::vector<PiiFinding> before = findings;
  CompleteAddresses(text, findings);
  std::vector<std::string> out;
  for (const PiiFinding& f : findings)
    if (f.recogniser == "address_block") {
      EXPECT_EQ(f.type, PiiType::kAddress);
      out.emplace_back(text.substr(f.start, f.end - f.start));
    }
  // The findings given are all still there, unchanged, and all are in order.
  size_t k = 0;
  for (const PiiFinding& f : findings)
    if (k < before.size() && f == before[k]) ++k;
  EXPECT_EQ(k, before.size());
  for (size_t i = 1; i < findings.size(); ++i) EXPECT_LE(findings[i - 1].start, findings[i].start);
  return out;
}

using Strings = std::vector<std::string>;

TEST(CompleteAddresses, NumberAfterAStreetOrPlace) {
  const std::string t = "Looking to support them in Bjert 6091 in its mission";
  EXPECT_EQ(Added(t, {At(t, "Bjert", PiiType::kLocation)}), Strings{"6091"});
  const std::string s = "in Quinta de Sao Tiago 3610-114 and";
  EXPECT_EQ(Added(s, {At(s, "Quinta de Sao Tiago", PiiType::kLocation)}), Strings{"3610-114"});
  const std::string sw = "in OVERTURINGEN 840 24 in its";
  EXPECT_EQ(Added(sw, {At(sw, "OVERTURINGEN", PiiType::kLocation)}), Strings{"840 24"});
}

TEST(CompleteAddresses, NotAYearACountOrATime) {
  const std::string y = "moved to Norwich 2019 and";
  EXPECT_TRUE(Added(y, {At(y, "Norwich", PiiType::kLocation)}).empty());
  const std::string c = "in Leeds 3 people were hurt";
  EXPECT_TRUE(Added(c, {At(c, "Leeds", PiiType::kLocation)}).empty());
  const std::string tm = "in Leeds 10:30 on";
  EXPECT_TRUE(Added(tm, {At(tm, "Leeds", PiiType::kLocation)}).empty());
  // After a name, a number is an address only at the end of a clause.
  const std::string n = "Smith 12 goals this season";
  EXPECT_TRUE(Added(n, {At(n, "Smith", PiiType::kPerson)}).empty());
  const std::string e = "meet at Joaquin Suarez 2906, then";
  EXPECT_EQ(Added(e, {At(e, "Joaquin Suarez", PiiType::kPerson)}), Strings{"2906"});
}

TEST(CompleteAddresses, NumberNameNumberIsAStreet) {
  const std::string t = "The bus drops you off at 87818 Dalmatinova 68 St.";
  EXPECT_EQ(Added(t, {At(t, "Dalmatinova", PiiType::kPerson)}), (Strings{"87818", "68", "St."}));
}

TEST(CompleteAddresses, LinesOfABlock) {
  const std::string t =
      "> Benito Bianchi\n> Locavore\n> 040 Snellmaninkatu 12\n> Suite 318\n> SEINAJOKI\n"
      "> Finland 38524\nPhone: 555 0100";
  const auto added = Added(t, {At(t, "Benito Bianchi", PiiType::kPerson),
                               At(t, "040 Snellmaninkatu 12", PiiType::kAddress)});
  EXPECT_EQ(added, (Strings{"Locavore", "Suite 318", "SEINAJOKI", "Finland 38524"}));
}

TEST(CompleteAddresses, OneBlankLineInsideABlock) {
  const std::string t = "7167 Postbox 53\n Apt. 631\n Narsarsuaq\n\n Greenlander 60864";
  EXPECT_EQ(Added(t, {At(t, "7167 Postbox 53", PiiType::kAddress)}),
            (Strings{"Apt. 631", "Narsarsuaq", "Greenlander 60864"}));
}

TEST(CompleteAddresses, StopsAtProseLabelsAndContactLines) {
  // Lines above count only when the address starts its line.
  const std::string t = "I'll meet you at 12 Vej 3\nApt. 4\nAarhus 8000 after the concert.";
  EXPECT_EQ(Added(t, {At(t, "12 Vej 3", PiiType::kAddress)}), (Strings{"Apt. 4", "Aarhus 8000"}));
  const std::string label = "Name: A\nAddress: 12 High Street\nNorwich";
  EXPECT_EQ(Added(label, {At(label, "12 High Street", PiiType::kAddress)}), Strings{"Norwich"});
  const std::string phone = "12 High Street\n01603 123456 office\nNorwich";
  EXPECT_TRUE(Added(phone, {At(phone, "12 High Street", PiiType::kAddress),
                            At(phone, "01603 123456", PiiType::kPhone)})
                  .empty());
  const std::string sentence = "12 High Street\nThe victim was not there.";
  EXPECT_TRUE(Added(sentence, {At(sentence, "12 High Street", PiiType::kAddress)}).empty());
}

TEST(CompleteAddresses, NotTheRestOfALegacyLine) {
  // The rest of the line holds other findings: it is a record, not an address.
  const std::string t = "VICTIM OF NR2 4PN TEL 07700 900123 REPORTED ON 03/11/2014";
  EXPECT_TRUE(Added(t, {At(t, "NR2 4PN", PiiType::kPostcode), At(t, "07700 900123", PiiType::kPhone),
                        At(t, "03/11/2014", PiiType::kDate)})
                  .empty());
}

TEST(CompleteAddresses, NoFindingsNoChange) {
  std::vector<PiiFinding> none;
  CompleteAddresses("12 High Street", none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace foidesk::privacy
