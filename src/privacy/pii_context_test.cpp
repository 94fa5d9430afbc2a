// The context words of Detector::ApplyContext are read in place (spans of
// the text compared lower-cased without dots) rather than copied into a
// string per word. This test keeps the previous implementation, which built
// a std::string per word, as a reference and checks that both give the same
// findings (types, spans and scores) on the speed benchmark's synthetic
// crime text and on hand-written texts with dotted, quoted, slashed,
// non-ASCII and upper-case cue words.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "privacy/address_recogniser.h"
#include "privacy/financial_recognisers.h"
#include "privacy/gazetteer.h"
#include "privacy/name_recognisers.h"
#include "privacy/pii.h"
#include "privacy/pii_speed.h"
#include "privacy/recognisers.h"

namespace foidesk::privacy {
namespace {

// ---- The previous ApplyContext, word for word (a std::string per word). ----

void RefContextWords(std::string_view s, std::vector<std::string>& words) {
  std::string cur;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '.') continue;
    if (std::isalnum(c) || c == '\'' || c == '/' || c >= 0x80) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
}

bool RefContainsPhrase(const std::vector<std::string>& window,
                       const std::vector<std::string>& p) {
  if (p.empty() || p.size() > window.size()) return false;
  for (size_t i = 0; i + p.size() <= window.size(); ++i) {
    if (std::equal(p.begin(), p.end(), window.begin() + static_cast<std::ptrdiff_t>(i)))
      return true;
  }
  return false;
}

size_t RefClauseStart(std::string_view text, size_t lo, size_t pos) {
  for (size_t i = pos; i > lo; --i) {
    const char c = text[i - 1];
    if (c == '\n' || c == ';' || c == '!' || c == '?') return i;
    if (c == '.' && i < text.size() && (text[i] == ' ' || text[i] == '\n')) {
      size_t letters = 0;
      size_t j = i - 1;
      while (j > lo && std::isalpha(static_cast<unsigned char>(text[j - 1]))) {
        --j;
        ++letters;
      }
      const bool dotted = j > lo && text[j - 1] == '.';
      if (letters >= 4 && !dotted && i != pos) return i;
    }
  }
  return lo;
}

void RefApplyContext(const ContextRules& context, std::string_view text,
                     std::vector<PiiFinding>& findings) {
  if (context.rules.empty() || findings.empty()) return;
  std::vector<size_t> ends;
  for (const PiiFinding& f : findings) ends.push_back(f.end);
  std::sort(ends.begin(), ends.end());
  uint32_t ruled = 0;
  for (const ContextRule& rule : context.rules)
    for (PiiType t : rule.types) ruled |= uint32_t{1} << static_cast<int>(t);
  std::vector<std::string> window;
  for (PiiFinding& f : findings) {
    if (!(ruled >> static_cast<int>(f.type) & 1)) continue;
    auto it = std::upper_bound(ends.begin(), ends.end(), f.start);
    size_t lo = it == ends.begin() ? 0 : *(it - 1);
    const size_t cap = static_cast<size_t>(context.window_words) * 24;
    if (f.start > cap) lo = std::max(lo, f.start - cap);
    lo = RefClauseStart(text, lo, f.start);
    window.clear();
    RefContextWords(text.substr(lo, f.start - lo), window);
    if (window.size() > static_cast<size_t>(context.window_words))
      window.erase(window.begin(),
                   window.end() - static_cast<std::ptrdiff_t>(context.window_words));
    if (window.empty()) continue;
    for (const ContextRule& rule : context.rules) {
      if (std::find(rule.types.begin(), rule.types.end(), f.type) == rule.types.end()) continue;
      const bool hit = std::any_of(rule.phrases.begin(), rule.phrases.end(),
                                   [&](const auto& p) { return RefContainsPhrase(window, p); });
      if (!hit) continue;
      f.score = std::clamp(f.score + rule.boost, 0.0, 1.0);
      if (rule.retype) f.type = *rule.retype;
    }
  }
}

// ---- The comparison. ----

std::vector<std::unique_ptr<Recogniser>> AllRecognisers(std::shared_ptr<const Gazetteer> g) {
  std::vector<std::unique_ptr<Recogniser>> r = MakePatternRecognisers();
  r.push_back(std::make_unique<NameRecogniser>(std::move(g)));
  r.push_back(std::make_unique<AddressRecogniser>());
  r.push_back(std::make_unique<PaymentCardRecogniser>());
  r.push_back(std::make_unique<IbanRecogniser>());
  r.push_back(std::make_unique<BankAccountRecogniser>());
  return r;
}

struct Pair {
  ContextRules rules;
  std::unique_ptr<Detector> with;     // the context rules applied by Detector
  std::unique_ptr<Detector> without;  // no rules: raw findings for the reference
};

const Pair& Detectors() {
  static const Pair* p = [] {
    auto* pair = new Pair();
    auto rules = ContextRules::Load(FOIDESK_SOURCE_DIR "/config/pii/context.toml");
    auto gaz = Gazetteer::Load(FOIDESK_SOURCE_DIR "/config/pii/gazetteers");
    if (!rules.ok() || !gaz.ok()) {
      ADD_FAILURE() << "cannot load config/pii";
      pair->with = std::make_unique<Detector>(std::vector<std::unique_ptr<Recogniser>>{},
                                              ContextRules{});
      pair->without = std::make_unique<Detector>(std::vector<std::unique_ptr<Recogniser>>{},
                                                 ContextRules{});
      return pair;
    }
    auto shared = std::make_shared<const Gazetteer>(std::move(*gaz));
    pair->rules = *rules;
    pair->with = std::make_unique<Detector>(AllRecognisers(shared), *rules);
    pair->without = std::make_unique<Detector>(AllRecognisers(shared), ContextRules{});
    return pair;
  }();
  return *p;
}

// The findings the previous ApplyContext gave, in DetectAll's order.
std::vector<PiiFinding> Reference(std::string_view text) {
  std::vector<PiiFinding> f = Detectors().without->DetectAll(text);
  RefApplyContext(Detectors().rules, text, f);
  std::stable_sort(f.begin(), f.end(), [](const PiiFinding& a, const PiiFinding& b) {
    return std::tie(a.start, a.end) < std::tie(b.start, b.end);
  });
  return f;
}

TEST(PiiContextWordsTest, InPlaceWordsGiveThePreviousFindingsOnSyntheticText) {
  const auto records = MakePiiSpeedRecords(1, 11);
  ASSERT_GT(records.size(), 1000u);
  size_t findings = 0, differ = 0;
  for (const std::string& r : records) {
    const auto want = Reference(r);
    const auto got = Detectors().with->DetectAll(r);
    findings += got.size();
    if (got != want) {
      if (++differ <= 3) ADD_FAILURE() << "findings differ on: " << r;
    }
  }
  EXPECT_EQ(differ, 0u);
  EXPECT_GT(findings, 1000u);
}

TEST(PiiContextWordsTest, InPlaceWordsGiveThePreviousFindingsOnCueForms) {
  const std::vector<std::string> texts = {
      "D.O.B. 14/02/1997, seen on 03/06/2014",
      "d.o.b 14/02/1997 and DOB: 01/01/1980",
      "VICTIM D O B 14/02/1997 TEL. 07700 900123",
      "Born on 3 March 1990.  Recorded on 4 May 2015; reported 05/05/2015",
      "He said his mobile no. is 07700 900123 and his e-mail is a.b@example.com",
      "Mobile:07700900123 tel/fax 01603 123456",
      "John's DOB '14/02/1997' ... date of birth: 12.03.1985",
      "Caf\xC3\xA9 owner D.O.B.\xC2\xA0" "14/02/1997 \xE2\x80\x9C" "dob\xE2\x80\x9D 1/2/1990",
      "...DOB...14/02/1997 .. d..o..b 14/02/1998 ..",
      "Ms SMITH, DATE OF BIRTH 14/02/1997, OF 12 HIGH STREET NORWICH NR2 4PN, TEL 01603 123456",
      "the offence occurred between 01/01/2015 and 02/01/2015 at the address",
      "Phone number / mobile number / contact: 07700 900123.",
      "",
      ".",
      "DOB",
  };
  for (const std::string& t : texts) EXPECT_EQ(Detectors().with->DetectAll(t), Reference(t)) << t;
}

}  // namespace
}  // namespace foidesk::privacy
