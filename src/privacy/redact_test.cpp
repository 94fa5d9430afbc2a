// Tests for redaction: each operator with exact outputs, field overrides, the
// "*" fallback, generalise falling back to replace, UTF-8 around findings,
// the default policy end to end over the Detector, and policy file errors.
#include "privacy/redact.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace foidesk::privacy {
namespace {

const std::string kDefaultPolicyPath = FOIDESK_SOURCE_DIR "/config/redaction/default.toml";

RedactionPolicy Policy(std::string_view toml) {
  auto p = ParseRedactionPolicy(toml, "test.toml");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  return p.ok() ? std::move(*p) : RedactionPolicy{};
}

// One finding covering `value`, found in `text`.
PiiFinding At(std::string_view text, std::string_view value, PiiType type) {
  const size_t start = text.find(value);
  EXPECT_NE(start, std::string_view::npos) << value;
  return {type, start, start + value.size(), 0.9, "test"};
}

struct Case {
  std::string name;
  std::string policy;
  std::string text;
  std::vector<std::pair<std::string, PiiType>> values;
  std::string field;
  std::string want;
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const RedactionPolicy policy = Policy(c.policy);
    std::vector<PiiFinding> findings;
    for (const auto& [v, t] : c.values) findings.push_back(At(c.text, v, t));
    EXPECT_EQ(Redact(c.text, findings, policy, c.field), c.want);
  }
}

TEST(RedactOperators, Replace) {
  RunCases({
      {"default labels",
       "",
       "Call John on 07700 900123.",
       {{"John", PiiType::kPerson}, {"07700 900123", PiiType::kPhone}},
       "",
       "Call [NAME] on [PHONE]."},
      {"configured label",
       "[default]\nperson = \"replace\"\n[labels]\nperson = \"<name>\"\n",
       "Seen by Ann.",
       {{"Ann", PiiType::kPerson}},
       "",
       "Seen by <name>."},
      {"every default label",
       "",
       "a b c",
       {{"a", PiiType::kIpAddress},
        {"b", PiiType::kVehicleRegistration},
        {"c", PiiType::kNiNumber}},
       "",
       "[IP ADDRESS] [VEHICLE REGISTRATION] [NI NUMBER]"},
  });
}

TEST(RedactOperators, Mask) {
  RunCases({
      {"each keeps length and spaces",
       "[default]\nphone = \"mask\"\n",
       "Tel 01603 123456 today",
       {{"01603 123456", PiiType::kPhone}},
       "",
       "Tel ***** ****** today"},
      {"each with another char",
       "[default]\nphone = \"mask\"\n[mask]\nchar = \"#\"\n",
       "Tel 01603 123456",
       {{"01603 123456", PiiType::kPhone}},
       "",
       "Tel ##### ######"},
      {"each counts characters not bytes",
       "[default]\nperson = \"mask\"\n",
       "Named Zoë Ó here",
       {{"Zoë Ó", PiiType::kPerson}},
       "",
       "Named *** * here"},
      {"multibyte mask char",
       "[default]\nperson = \"mask\"\n[mask]\nchar = \"•\"\n",
       "by Ann",
       {{"Ann", PiiType::kPerson}},
       "",
       "by •••"},
      {"fixed style",
       "[default]\nphone = \"mask\"\n[mask]\nstyle = \"fixed\"\n",
       "Tel 01603 123456",
       {{"01603 123456", PiiType::kPhone}},
       "",
       "Tel ****"},
      {"fixed per rule with own string",
       "[default]\nemail = \"mask:fixed\"\n[mask]\nfixed = \"XXX\"\n",
       "Mail a@b.com now",
       {{"a@b.com", PiiType::kEmail}},
       "",
       "Mail XXX now"},
      {"each per rule over fixed style",
       "[default]\nemail = \"mask:each\"\n[mask]\nstyle = \"fixed\"\n",
       "Mail a@b.com",
       {{"a@b.com", PiiType::kEmail}},
       "",
       "Mail *******"},
  });
}

TEST(RedactOperators, GeneraliseDate) {
  const std::string month = "[default]\ndate = \"generalise:month\"\n";
  const std::string year = "[default]\ndate = \"generalise:year\"\n";
  RunCases({
      {"slash to month",
       month,
       "On 14/02/1997 it",
       {{"14/02/1997", PiiType::kDate}},
       "",
       "On February 1997 it"},
      {"dots two-digit year as written",
       month,
       "On 3.11.14",
       {{"3.11.14", PiiType::kDate}},
       "",
       "On November 14"},
      {"iso to month",
       month,
       "At 2015-03-17.",
       {{"2015-03-17", PiiType::kDate}},
       "",
       "At March 2015."},
      {"words to month",
       month,
       "the 14th of Feb 1997",
       {{"14th of Feb 1997", PiiType::kDate}},
       "",
       "the February 1997"},
      {"month first",
       month,
       "SEPT 3RD, 2014",
       {{"SEPT 3RD, 2014", PiiType::kDate}},
       "",
       "September 2014"},
      {"no year to month",
       month,
       "on 30 October",
       {{"30 October", PiiType::kDate}},
       "",
       "on October"},
      {"day and month to month", month, "on 30/10", {{"30/10", PiiType::kDate}}, "", "on October"},
      {"slash to year", year, "On 14/02/1997", {{"14/02/1997", PiiType::kDate}}, "", "On 1997"},
      {"words to year",
       year,
       "on 1 January 2020",
       {{"1 January 2020", PiiType::kDate}},
       "",
       "on 2020"},
      {"bare generalise of date is month",
       "[default]\ndate = \"generalise\"\n",
       "on 1/2/2003",
       {{"1/2/2003", PiiType::kDate}},
       "",
       "on February 2003"},
      // A year alone is already coarser than a month: it stays.
      {"year to month", month, "founded in 1977.", {{"1977", PiiType::kDate}}, "", "founded in 1977."},
      {"year to year", year, "founded in 1977.", {{"1977", PiiType::kDate}}, "", "founded in 1977."},
      // A timestamp generalises as its date.
      {"timestamp to month",
       month,
       "When: 2000-04-16 11:34:35\n",
       {{"2000-04-16 11:34:35", PiiType::kDate}},
       "",
       "When: April 2000\n"},
      {"date and time to year",
       year,
       "seen 14/02/2021 at 23:10 by",
       {{"14/02/2021 at 23:10", PiiType::kDate}},
       "",
       "seen 2021 by"},
      // A weekday has no month or year: replaced, never kept.
      {"weekday to month", month, "on Tuesday", {{"Tuesday", PiiType::kDate}}, "", "on [DATE]"},
  });
}

TEST(RedactOperators, GeneraliseDateOfBirth) {
  RunCases({
      {"dob to year",
       "[default]\ndate_of_birth = \"generalise:year\"\n",
       "DOB 14/02/1997.",
       {{"14/02/1997", PiiType::kDateOfBirth}},
       "",
       "DOB 1997."},
      {"dob to month",
       "[default]\ndate_of_birth = \"generalise:month\"\n",
       "born 5 May 2001",
       {{"5 May 2001", PiiType::kDateOfBirth}},
       "",
       "born May 2001"},
      {"bare generalise of dob is year",
       "[default]\ndate_of_birth = \"generalise\"\n",
       "dob 2001-05-05",
       {{"2001-05-05", PiiType::kDateOfBirth}},
       "",
       "dob 2001"},
  });
}

TEST(RedactOperators, GeneraliseFallsBackToReplace) {
  const std::string policy =
      "[default]\ndate = \"generalise:year\"\ndate_of_birth = \"generalise:month\"\n"
      "postcode = \"generalise:outward\"\n";
  RunCases({
      {"no year for year", policy, "on 30/10", {{"30/10", PiiType::kDate}}, "", "on [DATE]"},
      {"impossible date",
       policy,
       "on 31/02/2015",
       {{"31/02/2015", PiiType::kDate}},
       "",
       "on [DATE]"},
      {"not a date at all",
       policy,
       "born yesterday",
       {{"yesterday", PiiType::kDateOfBirth}},
       "",
       "born [DATE OF BIRTH]"},
      {"unknown word",
       policy,
       "on 3 Fooday 2014",
       {{"3 Fooday 2014", PiiType::kDate}},
       "",
       "on [DATE]"},
      {"not a postcode", policy, "at ZZZZ", {{"ZZZZ", PiiType::kPostcode}}, "", "at [POSTCODE]"},
  });
  // The log counts a fallback as replace.
  const RedactionPolicy p = Policy(policy);
  const std::string text = "on 30/10 and 1/2/2003";
  const Redaction r = RedactWithLog(
      text, {At(text, "30/10", PiiType::kDate), At(text, "1/2/2003", PiiType::kDate)}, p, "");
  EXPECT_EQ(r.text, "on [DATE] and 2003");
  EXPECT_EQ(r.log.Count(PiiType::kDate, RedactOperator::kReplace), 1);
  EXPECT_EQ(r.log.Count(PiiType::kDate, RedactOperator::kGeneralise), 1);
  EXPECT_EQ(r.log.fallbacks, 1);
  EXPECT_EQ(r.log.Text(), "date replace 1\ndate generalise 1\nfallbacks 1\n");
}

TEST(RedactOperators, GeneralisePostcode) {
  const std::string policy = "[default]\npostcode = \"generalise:outward\"\n";
  RunCases({
      {"spaced", policy, "lives NR2 4PN.", {{"NR2 4PN", PiiType::kPostcode}}, "", "lives NR2."},
      {"unspaced lower", policy, "at nr24pn", {{"nr24pn", PiiType::kPostcode}}, "", "at NR2"},
      {"four-char outward", policy, "EC1A 1BB", {{"EC1A 1BB", PiiType::kPostcode}}, "", "EC1A"},
      {"outward alone",
       policy,
       "postcode NR31 area",
       {{"NR31", PiiType::kPostcode}},
       "",
       "postcode NR31 area"},
  });
}

TEST(RedactOperators, Keep) {
  RunCases({
      {"keep",
       "[default]\ndate = \"keep\"\n\"*\" = \"replace\"\n",
       "Ann on 3/4/2015",
       {{"Ann", PiiType::kPerson}, {"3/4/2015", PiiType::kDate}},
       "",
       "[NAME] on 3/4/2015"},
  });
}

TEST(RedactOperators, AgeBands) {
  auto p = LoadRedactionPolicy(kDefaultPolicyPath);
  ASSERT_TRUE(p.ok()) << p.error().message;
  const std::vector<std::pair<int, std::string>> cases = {
      {0, "0-15"},   {15, "0-15"},  {16, "16-17"}, {17, "16-17"}, {18, "18-24"}, {24, "18-24"},
      {25, "25-34"}, {54, "45-54"}, {55, "55+"},   {103, "55+"},  {-1, "[AGE]"},
  };
  for (const auto& [age, want] : cases) EXPECT_EQ(RedactAge(age, *p), want) << age;
  // No bands configured: the label.
  EXPECT_EQ(RedactAge(30, RedactionPolicy{}), "[AGE]");
}

TEST(RedactPolicy, FieldOverridesAndStarFallback) {
  const std::string policy =
      "[default]\nperson = \"replace\"\ndate = \"generalise:month\"\n\"*\" = \"mask\"\n"
      "[fields.summary]\ndate = \"keep\"\n"
      "[fields.notes]\n\"*\" = \"replace\"\n";
  const std::string text = "Ann 3/4/2015 01603 123456";
  const std::vector<std::pair<std::string, PiiType>> values = {
      {"Ann", PiiType::kPerson}, {"3/4/2015", PiiType::kDate}, {"01603 123456", PiiType::kPhone}};
  RunCases({
      {"default", policy, text, values, "", "[NAME] April 2015 ***** ******"},
      {"unknown field uses default", policy, text, values, "other",
       "[NAME] April 2015 ***** ******"},
      {"field type override", policy, text, values, "summary", "[NAME] 3/4/2015 ***** ******"},
      {"field star beats default type", policy, text, values, "notes", "[NAME] [DATE] [PHONE]"},
      {"no rules at all replace", "", text, values, "", "[NAME] [DATE] [PHONE]"},
  });
}

TEST(RedactText, Utf8AndEdges) {
  const std::string policy = "[default]\ndate = \"keep\"\n";
  RunCases({
      {"multibyte around",
       policy,
       "Café – Zoë “Ann” ☕ 📱 07700 900123 ✓",
       {{"Ann", PiiType::kPerson}, {"07700 900123", PiiType::kPhone}},
       "",
       "Café – Zoë “[NAME]” ☕ 📱 [PHONE] ✓"},
      {"multibyte value",
       "",
       "Seen: Zoë Łukasz.",
       {{"Zoë Łukasz", PiiType::kPerson}},
       "",
       "Seen: [NAME]."},
      {"at start and end",
       "",
       "Ann met Bob",
       {{"Ann", PiiType::kPerson}, {"Bob", PiiType::kPerson}},
       "",
       "[NAME] met [NAME]"},
      {"whole text", "", "07700 900123", {{"07700 900123", PiiType::kPhone}}, "", "[PHONE]"},
      {"no findings", "", "Nothing here ✓", {}, "", "Nothing here ✓"},
      {"empty", "", "", {}, "", ""},
  });
}

TEST(RedactText, DefensiveFindings) {
  const RedactionPolicy p;
  const std::string text = "Zoë met Ann";  // "ë" is bytes 2-3
  // Unsorted, overlapping, past the end, splitting a character.
  const std::vector<PiiFinding> findings = {
      {PiiType::kPerson, 9, 99, 0.9, "t"},
      {PiiType::kPerson, 0, 3, 0.9, "t"},  // ends inside "ë": widened
      {PiiType::kPerson, 1, 2, 0.9, "t"},  // inside the previous one: dropped
  };
  EXPECT_EQ(Redact(text, findings, p, ""), "[NAME] met [NAME]");
  // Invalid bytes outside findings become U+FFFD.
  EXPECT_EQ(Redact(std::string("a\xFF b"), {}, p, ""), "a\xEF\xBF\xBD b");
}

TEST(RedactText, DefaultPolicyEndToEnd) {
  auto detector = Detector::CreateDefault(FOIDESK_SOURCE_DIR "/config");
  ASSERT_TRUE(detector.ok()) << detector.error().message;
  auto policy = LoadRedactionPolicy(kDefaultPolicyPath);
  ASSERT_TRUE(policy.ok()) << policy.error().message;
  struct E2e {
    std::string text;
    std::vector<std::string> planted;
    std::vector<std::string> expected;  // generalised forms that should appear
    std::string want;
  };
  const std::vector<E2e> cases = {
      {"VICTIM DOB 14/02/1997 OF NR2 4PN TEL 07700 900123 REPORTED ON 03/11/2014 "
       "REF C1/04512/14 EMAIL JOE.BLOGGS@EXAMPLE.COM",
       {"14/02/1997", "4PN", "07700 900123", "900123", "03/11/2014", "C1/04512/14", "JOE.BLOGGS",
        "EXAMPLE.COM"},
       {"1997", "NR2", "November 2014"},
       "VICTIM DOB 1997 OF NR2 TEL [PHONE] REPORTED ON November 2014 REF [CRIME NUMBER] EMAIL "
       "[EMAIL]"},
      {"Victim (d.o.b. 5th May 2001) lives at nr2 4pn, mobile 07700 900456, "
       "reported on 2015-03-17; see RMS-15-0004711 and @joe_bloggs99.",
       {"5th May 2001", "May 2001", "4pn", "07700 900456", "900456", "2015-03-17", "RMS-15-0004711",
        "joe_bloggs99"},
       {"2001", "NR2", "March 2015"},
       "Victim (d.o.b. 2001) lives at NR2, mobile [PHONE], reported on March 2015; see "
       "[CRIME NUMBER] and [HANDLE]."},
  };
  for (const E2e& c : cases) {
    SCOPED_TRACE(c.text);
    auto out = RedactText(c.text, *detector, *policy, "summary");
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(*out, c.want);
    for (const std::string& v : c.planted)
      EXPECT_EQ(out->find(v), std::string::npos) << v << " in " << *out;
    for (const std::string& v : c.expected)
      EXPECT_NE(out->find(v), std::string::npos) << v << " not in " << *out;
  }
  auto bad = RedactText("a\xC3", *detector, *policy, "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "input is not valid UTF-8 at byte 1");
}

TEST(RedactPolicy, DefaultFileLoads) {
  auto p = LoadRedactionPolicy(kDefaultPolicyPath);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->RuleFor(PiiType::kPostcode, "").option, GeneraliseOption::kOutward);
  EXPECT_EQ(p->RuleFor(PiiType::kDateOfBirth, "").option, GeneraliseOption::kYear);
  EXPECT_EQ(p->RuleFor(PiiType::kDate, "").option, GeneraliseOption::kMonth);
  EXPECT_EQ(p->RuleFor(PiiType::kPerson, "").op, RedactOperator::kReplace);
  EXPECT_EQ(p->Label(PiiType::kPerson), "[NAME]");
  EXPECT_EQ(p->age_bands.size(), 7u);
}

TEST(RedactPolicy, Errors) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[default]\npersn = \"replace\"\n", "p.toml:2: default.persn: unknown PII type"},
      {"[default]\nperson = \"blank\"\n",
       "p.toml:2: default.person: unknown operator \"blank\" (expected replace, mask, generalise "
       "or keep)"},
      {"[default]\nphone = \"generalise:month\"\n",
       "p.toml:2: default.phone: generalise:month does not fit phone (only date, date_of_birth "
       "and postcode)"},
      {"[default]\npostcode = \"generalise:year\"\n",
       "p.toml:2: default.postcode: generalise:year does not fit postcode (expected outward)"},
      {"[default]\ndate = \"generalise:outward\"\n",
       "p.toml:2: default.date: generalise:outward does not fit date (expected month or year)"},
      {"[default]\ndate = \"generalise:week\"\n",
       "p.toml:2: default.date: unknown generalise option \"week\" (expected month, year or "
       "outward)"},
      {"[default]\nperson = \"generalise\"\n",
       "p.toml:2: default.person: generalise does not apply to person (only date, "
       "date_of_birth and postcode)"},
      {"[fields.summary]\n\"*\" = \"generalise\"\n",
       "p.toml:2: fields.summary.\"*\": generalise needs a type: it cannot apply to any type"},
      {"[default]\nphone = \"mask:half\"\n",
       "p.toml:2: default.phone: unknown mask option \"half\" (expected each or fixed)"},
      {"[default]\nphone = \"keep:all\"\n", "p.toml:2: default.phone: keep takes no option"},
      {"[default]\nphone = 3\n", "p.toml:2: default.phone: must be a string"},
      {"[labels]\nperon = \"X\"\n", "p.toml:2: labels.peron: unknown PII type"},
      {"[mask]\nchar = \"**\"\n", "p.toml:2: mask.char: must be exactly one character"},
      {"[mask]\nstyle = \"half\"\n",
       "p.toml:2: mask.style: unknown mask style \"half\" (expected each or fixed)"},
      {"[extra]\n",
       "p.toml:1: extra: unknown key (expected one of: default, fields, labels, mask, "
       "age)"},
      {"[age]\npolicy = \"no-such.toml\"\n",
       "p.toml:2: age.policy: no-such.toml: cannot read disclosure policy"},
      {"[default\n", "p.toml:1:9: not valid TOML: "},
  };
  for (const auto& [text, want] : cases) {
    SCOPED_TRACE(text);
    auto p = ParseRedactionPolicy(text, "p.toml");
    ASSERT_FALSE(p.ok());
    if (want.ends_with(": ")) {
      EXPECT_TRUE(p.error().message.starts_with(want)) << p.error().message;
    } else {
      EXPECT_EQ(p.error().message, want);
    }
  }
  auto missing = LoadRedactionPolicy("/no/such/redaction.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "/no/such/redaction.toml: cannot open redaction policy");
}

}  // namespace
}  // namespace foidesk::privacy
