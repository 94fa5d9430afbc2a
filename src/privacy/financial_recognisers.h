// Financial identifiers in crime narratives (fraud, theft): payment card
// numbers, IBANs, and UK sort codes and bank account numbers. All are
// reported as PiiType::kFinancial.
#pragma once

#include <string_view>
#include <vector>

#include "privacy/pii.h"

namespace foidesk::privacy {

// Payment card numbers: 13 to 19 digits, unbroken or in groups separated by
// single spaces or dashes ("4111 1111 1111 1111", "3782-822463-10005"), that
// pass the Luhn check and start like a card (2-6); after a card word
// ("card", "cc") also 12 digits or another start (Maestro, old JCB). A digit
// run that fails the check is not reported.
class PaymentCardRecogniser : public Recogniser {
 public:
  std::string_view Name() const override { return "payment_card"; }
  std::vector<PiiType> Types() const override { return {PiiType::kFinancial}; }
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;
};

// IBANs: country code, two check digits and the national account, written
// unbroken or in groups of four ("GB82 WEST 1234 5698 7654 32"). The length
// must fit the country when the country is known, and the mod-97 check must
// hold.
class IbanRecogniser : public Recogniser {
 public:
  std::string_view Name() const override { return "iban"; }
  std::vector<PiiType> Types() const override { return {PiiType::kFinancial}; }
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;
};

// UK sort codes and account numbers after their cue words: "sort code
// 40-11-62", "s/c 401162", "account 12345678", "a/c no. 1234 5678", and a
// dashed sort code directly followed by an eight-digit account
// ("40-11-62 12345678"). Only the digits are reported.
class BankAccountRecogniser : public Recogniser {
 public:
  std::string_view Name() const override { return "bank_account"; }
  std::vector<PiiType> Types() const override { return {PiiType::kFinancial}; }
  void Find(std::string_view text, std::vector<PiiFinding>& out) const override;
};

// Luhn check over the digits of `s` (other characters are skipped).
bool LuhnValid(std::string_view s);

// ISO 13616 mod-97 check over an IBAN with spaces removed (upper case).
bool IbanChecksumValid(std::string_view compact);

}  // namespace foidesk::privacy
