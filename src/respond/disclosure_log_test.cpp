// The disclosure log: order, escaping, absolute feed and sitemap addresses,
// same bytes from the same responses, and a site folder that is replaced
// whole but never a folder of something else.
#include "respond/disclosure_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace foidesk::respond {
namespace {

namespace fs = std::filesystem;

PublishedResponse Response(const std::string& ref, const std::string& date, const std::string& title) {
  PublishedResponse r;
  r.reference = ref;
  r.title = title;
  r.response_date = date;
  r.keywords = {"blackmail", "statistics"};
  r.files["response.html"] = "<html><body><header>letterhead</header><main><p>The letter of " + ref +
                             "</p></main></body></html>";
  r.files["response.md"] = "# letter";
  r.files["tables/q1.csv"] = "Year,Number\r\n2015,3\r\n";
  r.published = true;
  return r;
}

const SiteOptions kSite{"Example Constabulary", "https://www.example.police.uk/log/"};

TEST(DisclosureLog, SlugsAreLowerCaseWords) {
  EXPECT_EQ(ResponseSlug("FOI 000763/16"), "foi-000763-16");
  EXPECT_EQ(ResponseSlug("  FOI//1 "), "foi-1");
  EXPECT_EQ(ResponseSlug("///"), "response");
}

TEST(DisclosureLog, IndexNewestFirstEscapedAndSearchable) {
  const auto files = BuildDisclosureLog(
      {Response("FOI 000001/16", "2016-01-10", "Old <one>"), Response("FOI 000900/16", "2016-05-01", "New & shiny")},
      kSite);
  const std::string& index = files.at("index.html");
  const size_t newer = index.find("FOI 000900/16"), older = index.find("FOI 000001/16");
  ASSERT_NE(newer, std::string::npos);
  ASSERT_NE(older, std::string::npos);
  EXPECT_LT(newer, older);
  EXPECT_NE(index.find("Old &lt;one&gt;"), std::string::npos);
  EXPECT_NE(index.find("New &amp; shiny"), std::string::npos);
  EXPECT_NE(index.find("<label for=\"search\">"), std::string::npos);
  EXPECT_NE(index.find("<th scope=\"col\">Keywords</th>"), std::string::npos);
  EXPECT_NE(index.find("lang=\"en-GB\""), std::string::npos);
  EXPECT_TRUE(files.count("search.js"));
  // A page per response with its letter and its downloads; the Markdown
  // copy of the letter is not offered (the page shows the letter).
  const std::string& page = files.at("responses/foi-000900-16/index.html");
  EXPECT_NE(page.find("<p>The letter of FOI 000900/16</p>"), std::string::npos);
  EXPECT_EQ(page.find("letterhead"), std::string::npos);
  EXPECT_NE(page.find("href=\"tables/q1.csv\""), std::string::npos);
  EXPECT_TRUE(files.count("responses/foi-000900-16/tables/q1.csv"));
  EXPECT_FALSE(files.count("responses/foi-000900-16/response.md"));
}

TEST(DisclosureLog, FeedAndSitemapUseAbsoluteAddresses) {
  const auto files = BuildDisclosureLog({Response("FOI 000001/16", "2016-01-10", "One")}, kSite);
  const std::string& feed = files.at("feed.xml");
  EXPECT_NE(feed.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), std::string::npos);
  EXPECT_NE(feed.find("<id>https://www.example.police.uk/log/responses/foi-000001-16/</id>"), std::string::npos);
  EXPECT_NE(feed.find("<updated>2016-01-10T00:00:00Z</updated>"), std::string::npos);
  const std::string& map = files.at("sitemap.xml");
  EXPECT_NE(map.find("<loc>https://www.example.police.uk/log/responses/foi-000001-16/</loc><lastmod>2016-01-10"),
            std::string::npos);
}

TEST(DisclosureLog, SameResponsesSameBytesWhateverTheirOrder) {
  auto a = Response("FOI 1", "2016-01-10", "A"), b = Response("FOI 2", "2016-01-10", "B");
  EXPECT_EQ(BuildDisclosureLog({a, b}, kSite), BuildDisclosureLog({b, a}, kSite));
}

TEST(DisclosureLog, WriteSiteReplacesItsOwnSiteAndRefusesAnythingElse) {
  const fs::path dir = fs::temp_directory_path() / ("foidesk_site_" + std::to_string(getpid()));
  fs::remove_all(dir);
  const auto files = BuildDisclosureLog({Response("FOI 1", "2016-01-10", "A")}, kSite);
  ASSERT_TRUE(WriteSite(dir.string(), files).ok());
  std::ofstream(dir / "stale.html") << "old";
  ASSERT_TRUE(WriteSite(dir.string(), files).ok());
  EXPECT_FALSE(fs::exists(dir / "stale.html"));
  EXPECT_TRUE(fs::exists(dir / "responses" / "foi-1" / "tables" / "q1.csv"));
  const fs::path other = dir.string() + "_other";
  fs::create_directories(other);
  std::ofstream(other / "precious.txt") << "keep";
  auto refused = WriteSite(other.string(), files);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("not a disclosure log foidesk wrote"), std::string::npos);
  EXPECT_TRUE(fs::exists(other / "precious.txt"));
  fs::remove_all(dir);
  fs::remove_all(other);
}

}  // namespace
}  // namespace foidesk::respond
