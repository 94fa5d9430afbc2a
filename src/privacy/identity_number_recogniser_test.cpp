// Tests of identity document numbers: DVLA driving licences, US social
// security numbers and numbers after the name of a document.
#include "privacy/identity_number_recogniser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "privacy/pattern_test_util.h"

namespace foidesk::privacy {
namespace {

std::vector<std::string> Ids(std::string_view text) {
  static const auto r = MakeIdNumberRecogniser();
  return FoundTexts(*r, text, PiiType::kIdNumber);
}

using Strings = std::vector<std::string>;

TEST(IdNumberRecogniser, DvlaDrivingLicence) {
  // MORGA: surname, 7: decade, 57: July for a woman, 05: day, 3: year, SM: initials.
  EXPECT_EQ(Ids("licence MORGA757053SM9IJ seen"), Strings{"MORGA757053SM9IJ"});
  EXPECT_EQ(Ids("LICENCE SMITH901234JD9AB"), Strings{"SMITH901234JD9AB"});
  EXPECT_TRUE(Ids("code MORGA713053SM9IJ").empty());  // month 13
  EXPECT_TRUE(Ids("code MORGA701003SM9IJ").empty());  // day 0
}

TEST(IdNumberRecogniser, SocialSecurityNumbers) {
  EXPECT_EQ(Ids("Here's my SSN: 460-89-9847"), Strings{"460-89-9847"});
  EXPECT_TRUE(Ids("ref 000-12-3456").empty());  // area 000
  EXPECT_TRUE(Ids("ref 666-12-3456").empty());  // area 666
  EXPECT_TRUE(Ids("ref 912-12-3456").empty());  // area 9xx
  EXPECT_TRUE(Ids("ref 123-00-3456").empty());  // group 00
  EXPECT_TRUE(Ids("ref 123-45-0000").empty());  // serial 0000
  EXPECT_TRUE(Ids("call 1-800-555-12-3456").empty());  // inside a longer number
}

TEST(IdNumberRecogniser, NumberAfterTheDocument) {
  EXPECT_EQ(Ids("passport no 123456789 issued"), Strings{"123456789"});
  EXPECT_EQ(Ids("My driver's license number is F162823540116"), Strings{"F162823540116"});
  EXPECT_EQ(Ids("ID card: X1234567"), Strings{"X1234567"});
  EXPECT_TRUE(Ids("passport control was busy").empty());
  EXPECT_TRUE(Ids("licence holder").empty());
}

}  // namespace
}  // namespace foidesk::privacy
