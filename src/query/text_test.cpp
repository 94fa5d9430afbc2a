// Tokenizer (FTS5 unicode61 agreement: case, diacritics, punctuation,
// digits, curly quotes), matcher semantics (word, prefix, phrase, NOT,
// field filters), highlight spans and snippets on UTF-8 text.
#include "query/text.h"

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include "query/parser.h"

namespace foidesk::query {
namespace {

struct TokenCase {
  const char* text;
  std::vector<std::string> tokens;
};

const TokenCase kTokenCases[] = {
    {"", {}},
    {"  ,;! ", {}},
    {"Hello, World!", {"hello", "world"}},
    {"VIDEO video Video", {"video", "video", "video"}},
    {"Café CAFÉ cafe\xCC\x81", {"cafe", "cafe", "cafe"}},  // precomposed, upper, e + U+0301
    {"naïve coöperate façade", {"naive", "cooperate", "facade"}},
    {"İstanbul", {"istanbul"}},
    {"Straße STRASSE", {"straße", "strasse"}},  // ß has no decomposition
    {"Łódź", {"łodz"}},                         // ł neither
    {"don’t ‘quoted’ “double”", {"don", "t", "quoted", "double"}},
    {"don't", {"don", "t"}},
    {"e-mail web/site under_score", {"e", "mail", "web", "site", "under", "score"}},
    {"abc123 4.5 £20 20%", {"abc123", "4", "5", "20", "20"}},
    {"½ ²", {"½", "²"}},  // No: numbers are token characters
    {"µ", {"μ"}},         // case folding, as SQLite, not lower-casing
    {"日本語 テスト", {"日本語", "テスト"}},
    {"tab\tnew\nline\r\nend", {"tab", "new", "line", "end"}},
    {"\xCC\x81"
     "abc",
     {"abc"}},  // a combining mark cannot start a token
    {"ab\xFF"
     "cd",
     {"ab", "cd"}},  // invalid UTF-8 separates
    {"#hashtag @user", {"hashtag", "user"}},
};

TEST(TokenizerTest, FoldsLikeUnicode61) {
  for (const auto& c : kTokenCases) EXPECT_EQ(FoldedTokens(c.text), c.tokens) << c.text;
}

TEST(TokenizerTest, OffsetsAreBytesOfTheOriginal) {
  auto t = Tokenize("Café au lait, cafe\xCC\x81!");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0], (TextToken{"cafe", 0, 5}));
  EXPECT_EQ(t[1], (TextToken{"au", 6, 8}));
  EXPECT_EQ(t[2], (TextToken{"lait", 9, 13}));
  EXPECT_EQ(t[3], (TextToken{"cafe", 15, 21}));  // the combining mark belongs to the token
}

TEST(TokenizerTest, BufferMatchesTokenize) {
  TokenBuffer buf;
  for (const auto& c : kTokenCases) {
    buf.Reset(c.text);
    auto t = Tokenize(c.text);
    ASSERT_EQ(buf.size(), t.size()) << c.text;
    for (size_t i = 0; i < t.size(); ++i) {
      EXPECT_EQ(buf.token(i), t[i].text);
      EXPECT_EQ(buf.begin(i), t[i].begin);
      EXPECT_EQ(buf.end(i), t[i].end);
    }
  }
}

struct MatchCase {
  const char* text;
  const char* query;
  bool match;
};

const char kVictim[] = "The victim was recorded on webcam; she said the photos were posted.";

const MatchCase kMatchCases[] = {
    {kVictim, "webcam", true},
    {kVictim, "WEBCAM", true},
    {kVictim, "web", false},  // words, not substrings
    {kVictim, "cam", false},
    {kVictim, "web*", true},
    {kVictim, "photo*", true},
    {kVictim, "photo", false},
    {kVictim, "photos", true},
    {kVictim, "\"the victim\"", true},
    {kVictim, "\"victim the\"", false},
    {kVictim, "\"victim recorded\"", false},  // consecutive tokens only
    {kVictim, "\"was rec*\"", true},          // phrase ending in a prefix
    {kVictim, "\"on web\"*", true},
    {kVictim, "\"on web\"", false},
    {kVictim, "webcam; she", true},  // punctuation in a query word is dropped
    {kVictim, "\"webcam she\"", true},
    {kVictim, "NOT video", true},
    {kVictim, "NOT webcam", false},
    {kVictim, "webcam NOT victim", false},
    {kVictim, "webcam NOT video", true},
    {kVictim, "video OR webcam", true},
    {kVictim, "video OR audio", false},
    {kVictim, "(video OR photos) victim", true},
    {kVictim, "(video OR photo) victim", false},
    {kVictim, "victim AND NOT (video OR audio)", true},
    {kVictim, "victi", false},
    {"Le café était fermé", "cafe etait", true},
    {"Le café était fermé", "CAFÉ", true},
    {"Le cafe etait ferme", "café", true},
    {"He said ‘don’t post it’", "\"don t post\"", true},
    {"He said ‘don’t post it’", "don’t", true},
    {"Threat to share 2 images", "2", true},
    {"Threat to share 22 images", "2", false},
    {"Threat to share 22 images", "2*", true},
    {"", "NOT video", true},
    {"", "video", false},
    {kVictim, "offence:71 webcam", false},  // no field test: filters never match
};

TEST(MatcherTest, Semantics) {
  for (const auto& c : kMatchCases) {
    auto q = ParseQuery(c.query);
    ASSERT_TRUE(q.ok()) << c.query << ": " << q.error().message;
    Matcher m(q->root);
    EXPECT_EQ(m.Matches(c.text), c.match) << c.query << " on " << c.text;
    TokenBuffer tokens;
    tokens.Reset(c.text);
    EXPECT_EQ(m.Matches(tokens), c.match) << c.query << " on " << c.text << " (tokenized)";
  }
}

TEST(MatcherTest, StreamingStopsOnceDecided) {
  // A false filter settles an AND before any token is read; the first
  // "video" settles an OR. Either way the answer must equal the full one.
  auto q = ParseQuery("offence:71 video OR \"the victim\" NOT web*");
  ASSERT_TRUE(q.ok());
  Matcher m(q->root);
  FieldTest no = [](const FieldFilter&) { return false; };
  FieldTest yes = [](const FieldFilter&) { return true; };
  const char* texts[] = {"video first then web",
                         "the victim then web later",
                         "the victim only",
                         "web the victim",
                         "nothing",
                         "video",
                         ""};
  TokenBuffer tokens;
  for (const char* t : texts) {
    for (const FieldTest* f : {&no, &yes}) {
      tokens.Reset(t);
      EXPECT_EQ(m.Matches(t, *f), m.Matches(tokens, *f)) << t;
    }
  }
  EXPECT_TRUE(m.Matches("video first then web", yes));
  EXPECT_FALSE(m.Matches("the victim then web later", no));
  EXPECT_TRUE(m.Matches("the victim only", no));

  int calls = 0;
  TokenBuffer partial;
  partial.Reset("a b c d e", [&](size_t i) {
    ++calls;
    return i < 1;
  });
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(partial.size(), 2u);
}

TEST(MatcherTest, FieldTestAnswersFilters) {
  auto q = ParseQuery("offence:71 webcam OR town:norwich");
  ASSERT_TRUE(q.ok());
  Matcher m(q->root);
  FieldTest blackmail = [](const FieldFilter& f) { return f.field == Field::kOffence; };
  FieldTest norwich = [](const FieldFilter& f) { return f.field == Field::kTown; };
  FieldTest none = [](const FieldFilter&) { return false; };
  EXPECT_TRUE(m.Matches(kVictim, blackmail));
  EXPECT_FALSE(m.Matches("no such word", blackmail));
  EXPECT_TRUE(m.Matches("no such word", norwich));
  EXPECT_FALSE(m.Matches(kVictim, none));
}

std::vector<std::string> Marked(std::string_view text, const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const auto& s : spans) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

struct HighlightCase {
  const char* text;
  const char* query;
  std::vector<std::string> marked;
};

const HighlightCase kHighlightCases[] = {
    {"He sent a video and a photo; no web link",
     "video OR (photo AND missing) OR web*",
     {"video", "web"}},  // the false branch's "photo" is not marked
    {"He sent a video and a photo", "video NOT audio", {"video"}},
    {"He sent a video and a photo", "NOT audio", {}},  // negations mark nothing
    {"He sent a video and a photo", "video NOT photo", {}},
    {"Video, VIDEO and vidéo", "video", {"Video", "VIDEO", "vidéo"}},
    {"posted on the web by the victim", "\"the victim\" OR web", {"web", "the victim"}},
    {"Webcam footage, webcams", "webcam*", {"Webcam", "webcams"}},
    {"a b a b", "\"a b\" \"b a\"", {"a b a b"}},  // overlapping phrases merge
};

TEST(MatcherTest, HighlightsPositiveTermsOfTrueBranches) {
  for (const auto& c : kHighlightCases) {
    auto q = ParseQuery(c.query);
    ASSERT_TRUE(q.ok()) << c.query;
    Matcher m(q->root);
    EXPECT_EQ(Marked(c.text, m.Highlights(c.text)), c.marked) << c.query << " on " << c.text;
  }
}

bool ValidUtf8(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string SnippetFor(const std::string& text, const char* query, const SnippetOptions& o = {}) {
  auto q = ParseQuery(query);
  EXPECT_TRUE(q.ok()) << query;
  Matcher m(q->root);
  return Snippet(text, m.Highlights(text), o);
}

TEST(SnippetTest, ShortTextWhole) {
  EXPECT_EQ(SnippetFor("The victim was recorded on webcam.", "recorded webcam"),
            "The victim was [recorded] on [webcam].");
}

TEST(SnippetTest, NewlinesBecomeSpaces) {
  EXPECT_EQ(SnippetFor("line one\r\n\r\nvideo\n\tline two", "video"), "line one [video] line two");
}

TEST(SnippetTest, ContextAndEllipses) {
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "word" + std::to_string(i) + " ";
  std::string text = filler + "the victim was recorded on webcam and " + filler;
  std::string s = SnippetFor(text, "recorded webcam");
  EXPECT_EQ(s.rfind("... ", 0), 0u) << s;
  EXPECT_EQ(s.substr(s.size() - 4), " ...") << s;
  EXPECT_NE(s.find("victim was [recorded] on [webcam] and"), std::string::npos) << s;
  // About 80 characters either side, cut between words.
  EXPECT_LT(s.size(), 220u) << s;
  EXPECT_GT(s.size(), 150u) << s;
  EXPECT_EQ(s.find("... word"), 0u) << s;  // starts on a whole word
}

TEST(SnippetTest, DistantMatchesAreJoined) {
  std::string gap(300, 'x');
  std::string text = "video " + gap + " middle " + gap + " photo";
  SnippetOptions o;
  o.context = 10;
  std::string s = SnippetFor(text, "video OR photo", o);
  EXPECT_EQ(s.rfind("[video]", 0), 0u) << s;
  EXPECT_NE(s.find(" ... "), std::string::npos) << s;
  EXPECT_EQ(s.substr(s.size() - 7), "[photo]") << s;
  EXPECT_TRUE(ValidUtf8(s));
}

TEST(SnippetTest, CutsWholeUtf8Characters) {
  // No spaces to cut at: the cut must still fall between characters.
  std::string run;
  for (int i = 0; i < 100; ++i) run += "é€";
  std::string text = run + " vidéo " + run;
  for (size_t ctx : {1, 2, 3, 5, 8, 13, 80}) {
    SnippetOptions o;
    o.context = ctx;
    std::string s = SnippetFor(text, "video", o);
    EXPECT_TRUE(ValidUtf8(s)) << ctx;
    EXPECT_NE(s.find("[vidéo]"), std::string::npos) << s;
  }
  // Spans given mid-character are pulled back to whole characters.
  std::string s = Snippet("aé b", {Span{2, 3}});
  EXPECT_TRUE(ValidUtf8(s)) << s;
}

TEST(SnippetTest, NothingHighlightedShowsTheStart) {
  std::string text(500, 'a');
  text[100] = ' ';
  std::string s = Snippet(text, {});
  EXPECT_EQ(s.substr(s.size() - 4), " ...");
  EXPECT_EQ(s.size(), 100u + 4u);  // cut back to the space at 100
  EXPECT_EQ(Snippet("short text", {}), "short text");
}

}  // namespace
}  // namespace foidesk::query
