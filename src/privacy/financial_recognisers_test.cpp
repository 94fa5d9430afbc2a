// Tests of the financial recognisers: card numbers with the Luhn check,
// IBANs with the mod-97 check, UK sort codes and account numbers after cue
// words; exact spans (byte offsets) and the numbers that must not match.
#include "privacy/financial_recognisers.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace foidesk::privacy {
namespace {

template <typename R>
std::vector<std::string> Spans(std::string_view text) {
  std::vector<PiiFinding> out;
  R().Find(text, out);
  std::vector<std::string> got;
  for (const PiiFinding& f : out) {
    EXPECT_EQ(f.type, PiiType::kFinancial);
    got.emplace_back(text.substr(f.start, f.end - f.start));
  }
  return got;
}

struct Case {
  const char* text;
  std::vector<std::string> want;
};

TEST(LuhnValid, KnownNumbers) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_TRUE(LuhnValid("4111 1111 1111 1111"));
  EXPECT_TRUE(LuhnValid("378282246310005"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  EXPECT_FALSE(LuhnValid(""));
}

TEST(IbanChecksumValid, KnownNumbers) {
  EXPECT_TRUE(IbanChecksumValid("GB82WEST12345698765432"));
  EXPECT_TRUE(IbanChecksumValid("DE89370400440532013000"));
  EXPECT_FALSE(IbanChecksumValid("GB83WEST12345698765432"));
  EXPECT_FALSE(IbanChecksumValid("GB82"));
}

TEST(PaymentCardRecogniser, Cases) {
  const Case kCases[] = {
      {"card 4111 1111 1111 1111 was used", {"4111 1111 1111 1111"}},
      {"VISA 4111-1111-1111-1111.", {"4111-1111-1111-1111"}},
      {"number 4111111111111111", {"4111111111111111"}},
      {"Amex 3782 822463 10005 declined", {"3782 822463 10005"}},
      {"5555555555554444, 4012888888881881", {"5555555555554444", "4012888888881881"}},
      {"paid 20 4111 1111 1111 1111 today", {"4111 1111 1111 1111"}},
      // After a card word: 12 digits (Maestro) or another start (old JCB).
      {"What is the limit for card 501864667909?", {"501864667909"}},
      {"my credit card number is 180045984582343.", {"180045984582343"}},
      {"CC # 675984103431 lost", {"675984103431"}},
      // The same numbers with no card word, and a cued one failing Luhn.
      {"ref 501864667909 and 180045984582343", {}},
      {"card 501864667908", {}},
      // Luhn fails: not a card.
      {"card 4111 1111 1111 1112", {}},
      {"ref 4111111111111112", {}},
      // Wrong length, wrong grouping, inside a longer number, a decimal.
      {"phone 07700 900123", {}},
      {"4111 11 1111 1111 1111", {}},
      {"41111111111111110", {}},
      {"0.4111111111111111", {}},
      {"ABC4111111111111111", {}},
      {"0000 0000 0000 0000", {}},
  };
  for (const Case& c : kCases) EXPECT_EQ(Spans<PaymentCardRecogniser>(c.text), c.want) << c.text;
}

TEST(IbanRecogniser, Cases) {
  const Case kCases[] = {
      {"IBAN GB82 WEST 1234 5698 7654 32 for the transfer", {"GB82 WEST 1234 5698 7654 32"}},
      {"to GB82WEST12345698765432.", {"GB82WEST12345698765432"}},
      {"DE89 3704 0044 0532 0130 00", {"DE89 3704 0044 0532 0130 00"}},
      {"NL91ABNA0417164300 and FR1420041010050500013M02606",
       {"NL91ABNA0417164300", "FR1420041010050500013M02606"}},
      // Check digits wrong, country unknown, too short, glued to a word.
      {"GB83 WEST 1234 5698 7654 32", {}},
      {"ZZ82WEST12345698765432", {}},
      {"GB82 WEST 1234", {}},
      {"XGB82WEST12345698765432", {}},
      {"GB82WEST123456987654321", {}},
  };
  for (const Case& c : kCases) EXPECT_EQ(Spans<IbanRecogniser>(c.text), c.want) << c.text;
}

TEST(BankAccountRecogniser, Cases) {
  const Case kCases[] = {
      {"sort code 40-11-62 account 12345678", {"40-11-62", "12345678"}},
      {"SORT CODE: 401162, ACCOUNT NO. 12345678", {"401162", "12345678"}},
      {"s/c 40 11 62 a/c 12345678", {"40 11 62", "12345678"}},
      {"transferred to a/c no 1234 5678", {"1234 5678"}},
      {"Account number: 87654321.", {"87654321"}},
      {"paid into 40-11-62 12345678 on Monday", {"40-11-62 12345678"}},
      // No cue, too short, a phone number after "account".
      {"ref 12345678", {}},
      {"account 1234", {}},
      {"account 07700900123", {}},
      {"the sort code was wrong", {}},
  };
  for (const Case& c : kCases) EXPECT_EQ(Spans<BankAccountRecogniser>(c.text), c.want) << c.text;
}

}  // namespace
}  // namespace foidesk::privacy
