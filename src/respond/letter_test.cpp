// Letter rendering: dates in the letter's style, escaping per format.
#include "respond/letter.h"

#include <gtest/gtest.h>

namespace foidesk::respond {
namespace {

TEST(LetterTest, LongDates) {
  struct Case { Date d; const char* want; } cases[] = {
      {{2016, 3, 16}, "16th March 2016"}, {{2016, 3, 1}, "1st March 2016"},
      {{2016, 3, 2}, "2nd March 2016"},   {{2016, 3, 3}, "3rd March 2016"},
      {{2016, 3, 11}, "11th March 2016"}, {{2016, 3, 12}, "12th March 2016"},
      {{2016, 3, 13}, "13th March 2016"}, {{2016, 3, 21}, "21st March 2016"},
      {{2016, 3, 22}, "22nd March 2016"}, {{2016, 3, 31}, "31st March 2016"},
  };
  for (const auto& c : cases) EXPECT_EQ(LongDate(c.d), c.want);
  EXPECT_EQ(MonthYear({2016, 3, 30}), "March 2016");
}

TEST(LetterTest, EscapesPerFormat) {
  LetterContent c;
  c.force.name = "A & B Police";
  c.reference = "FOI 1/16";
  c.q2 = {"Q2", {"Year", "Details"}, {{"2015", "Threat <b>x</b> | y"}}};
  const std::string tpl = "{{force.name}}|{{#q2.rows}}{{#rest}}{{{.}}}/{{.}}{{/rest}}{{/q2.rows}}";
  EXPECT_EQ(RenderLetter(tpl, c, LetterFormat::kHtml),
            "A &amp; B Police|Threat <b>x</b> | y/Threat &lt;b&gt;x&lt;&#x2F;b&gt; | y");
  EXPECT_EQ(RenderLetter("{{#q2.rows}}{{#rest}}{{{.}}}{{/rest}}{{/q2.rows}}", c, LetterFormat::kMarkdown),
            "Threat <b>x</b> \\| y");
}

TEST(LetterTest, TablesRenderHeaderRowsAndTotal) {
  LetterContent c;
  c.q1 = {"Q1", {"Year", "Number of Crimes"}, {{"2013", "*"}, {"2014", "23"}, {"Total", "28"}}};
  const std::string tpl =
      "{{#q1.header}}[{{.}}]{{/q1.header}}\n{{#q1.rows}}{{^last}}{{first}}:{{#rest}}{{.}}{{/rest}};"
      "{{/last}}{{#last}}={{#rest}}{{.}}{{/rest}}{{/last}}{{/q1.rows}}";
  EXPECT_EQ(RenderLetter(tpl, c, LetterFormat::kHtml),
            "[Year][Number of Crimes]\n2013:*;2014:23;=28");
}

}  // namespace
}  // namespace foidesk::respond
