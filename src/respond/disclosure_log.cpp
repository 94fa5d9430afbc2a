#include "respond/disclosure_log.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace foidesk::respond {
namespace {

namespace fs = std::filesystem;

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// Newest first; the reference breaks ties so the order never depends on
// the store's.
std::vector<const PublishedResponse*> ByDate(const std::vector<PublishedResponse>& responses) {
  std::vector<const PublishedResponse*> out;
  for (const auto& r : responses) out.push_back(&r);
  std::sort(out.begin(), out.end(), [](const PublishedResponse* a, const PublishedResponse* b) {
    return a->response_date != b->response_date ? a->response_date > b->response_date
                                                : a->reference < b->reference;
  });
  return out;
}

std::string Page(const std::string& title, const std::string& root, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         Escape(title) + "</title>\n<link rel=\"stylesheet\" href=\"" + root + "site.css\">\n" +
         "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Disclosure log\" href=\"" + root +
         "feed.xml\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to main content</a>\n" + body +
         "</body>\n</html>\n";
}

const char* const kCss =
    "body { font-family: Arial, Helvetica, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; "
    "line-height: 1.5; color: #0b0c0c; background: #fff; }\n"
    "a { color: #1d70b8; } a:visited { color: #4c2c92; } a:focus { outline: 3px solid #fd0; background: #fd0; "
    "color: #0b0c0c; }\n"
    ".skip { position: absolute; left: -9999px; } .skip:focus { position: static; }\n"
    "table { border-collapse: collapse; margin: 1rem 0; width: 100%; }\n"
    "caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }\n"
    "th, td { border: 1px solid #505a5f; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }\n"
    "label { display: block; font-weight: bold; } input { font-size: 1rem; padding: 0.3rem; border: 2px solid "
    "#0b0c0c; width: 100%; max-width: 30rem; }\n";

// Hides the index rows whose text does not hold every word typed; says how
// many are shown in a live region for screen readers.
const char* const kSearchJs =
    "document.addEventListener('DOMContentLoaded', function () {\n"
    "  var input = document.getElementById('search');\n"
    "  var rows = document.querySelectorAll('#log tbody tr');\n"
    "  var status = document.getElementById('search-status');\n"
    "  input.addEventListener('input', function () {\n"
    "    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);\n"
    "    var shown = 0;\n"
    "    rows.forEach(function (row) {\n"
    "      var text = row.textContent.toLowerCase();\n"
    "      var match = words.every(function (w) { return text.indexOf(w) !== -1; });\n"
    "      row.hidden = !match;\n"
    "      if (match) shown++;\n"
    "    });\n"
    "    status.textContent = shown + (shown === 1 ? ' response' : ' responses') + ' shown';\n"
    "  });\n"
    "});\n";

// The letter's <main> content from response.html, to show on the page.
std::string LetterBody(const std::string& html) {
  const size_t a = html.find("<main>");
  const size_t b = html.find("</main>");
  if (a == std::string::npos || b == std::string::npos || b < a) return "";
  std::string body = html.substr(a + 6, b - a - 6);
  // The letter's own headings start at h2; the page's title is the h1.
  return body;
}

}  // namespace

std::string ResponseSlug(const std::string& reference) {
  std::string slug;
  for (char c : reference) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      slug += static_cast<char>(std::tolower(u));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "response" : slug;
}

std::map<std::string, std::string> BuildDisclosureLog(const std::vector<PublishedResponse>& responses,
                                                      const SiteOptions& o) {
  std::map<std::string, std::string> files;
  const auto ordered = ByDate(responses);
  const std::string site_title = o.force_name + " – Freedom of Information disclosure log";

  std::string rows;
  for (const PublishedResponse* r : ordered) {
    const std::string slug = ResponseSlug(r->reference);
    rows += "<tr><td>" + Escape(r->response_date) + "</td><td><a href=\"responses/" + slug + "/\">" +
            Escape(r->reference) + "</a></td><td>" + Escape(r->title) + "</td><td>" +
            Escape(Join(r->keywords, ", ")) + "</td></tr>\n";
  }
  files["index.html"] = Page(
      site_title, "",
      "<header><p>" + Escape(o.force_name) + "</p></header>\n<main id=\"main\">\n<h1>Freedom of Information disclosure log</h1>\n"
      "<p>Responses to Freedom of Information requests, newest first. Each page has the letter and the "
      "information released. <a href=\"feed.xml\">Atom feed</a>.</p>\n"
      "<form role=\"search\" onsubmit=\"return false\">\n<label for=\"search\">Search titles and keywords</label>\n"
      "<input type=\"search\" id=\"search\" name=\"q\" autocomplete=\"off\">\n</form>\n"
      "<p id=\"search-status\" aria-live=\"polite\"></p>\n"
      "<table id=\"log\">\n<caption>Published responses</caption>\n<thead><tr><th scope=\"col\">Date</th>"
      "<th scope=\"col\">Reference</th><th scope=\"col\">Title</th><th scope=\"col\">Keywords</th></tr></thead>\n"
      "<tbody>\n" + rows + "</tbody>\n</table>\n</main>\n<script src=\"search.js\" defer></script>\n");
  files["site.css"] = kCss;
  files["search.js"] = kSearchJs;

  std::string entries, urls = "<url><loc>" + Escape(o.base_url) + "</loc>" +
                              (ordered.empty() ? "" : "<lastmod>" + ordered.front()->response_date + "</lastmod>") +
                              "</url>\n";
  for (const PublishedResponse* r : ordered) {
    const std::string slug = ResponseSlug(r->reference);
    const std::string dir = "responses/" + slug + "/";
    std::string downloads;
    for (const auto& [name, bytes] : r->files) {
      if (name == "response.md") continue;  // the page shows the letter itself
      files[dir + name] = bytes;
      downloads += "<li><a href=\"" + Escape(name) + "\">" + Escape(name) + "</a> (" +
                   std::to_string((bytes.size() + 1023) / 1024) + " KB)</li>\n";
    }
    const auto html = r->files.find("response.html");
    const std::string letter = html == r->files.end() ? "" : LetterBody(html->second);
    files[dir + "index.html"] = Page(
        r->reference + " " + r->title + " – " + site_title, "../../",
        "<header><p><a href=\"../../\">" + Escape(o.force_name) + " disclosure log</a></p></header>\n"
        "<main id=\"main\">\n<h1>" + Escape(r->title) + "</h1>\n<dl>\n<dt>Reference</dt><dd>" +
        Escape(r->reference) + "</dd>\n<dt>Date of response</dt><dd>" + Escape(r->response_date) +
        "</dd>\n<dt>Keywords</dt><dd>" + Escape(Join(r->keywords, ", ")) + "</dd>\n</dl>\n"
        "<h2>Downloads</h2>\n<ul>\n" + downloads + "</ul>\n<section aria-label=\"The response letter\">\n" +
        letter + "</section>\n</main>\n");
    entries += "<entry>\n<title>" + Escape(r->reference + " " + r->title) + "</title>\n<id>" +
               Escape(o.base_url + dir) + "</id>\n<link href=\"" + Escape(o.base_url + dir) + "\"/>\n<updated>" +
               r->response_date + "T00:00:00Z</updated>\n<summary>" + Escape(Join(r->keywords, ", ")) +
               "</summary>\n</entry>\n";
    urls += "<url><loc>" + Escape(o.base_url + dir) + "</loc><lastmod>" + r->response_date + "</lastmod></url>\n";
  }
  const std::string updated = ordered.empty() ? "2000-01-01" : ordered.front()->response_date;
  files["feed.xml"] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>" +
                      Escape(site_title) + "</title>\n<id>" + Escape(o.base_url) + "</id>\n<link href=\"" +
                      Escape(o.base_url) + "\"/>\n<link rel=\"self\" href=\"" + Escape(o.base_url + "feed.xml") +
                      "\"/>\n<updated>" + updated + "T00:00:00Z</updated>\n<author><name>" + Escape(o.force_name) +
                      "</name></author>\n" + entries + "</feed>\n";
  files["sitemap.xml"] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                         "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" + urls + "</urlset>\n";
  files[".foidesk-site"] = "This folder is a foidesk disclosure log; foidesk publish rebuilds it whole.\n";
  return files;
}

Status WriteSite(const std::string& dir_name, const std::map<std::string, std::string>& files) {
  const fs::path dir(dir_name);
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    const bool ours = fs::exists(dir / ".foidesk-site", ec);
    const bool empty = fs::is_empty(dir, ec);
    if (!ours && !empty)
      return Error::InvalidInput(dir_name + ": not empty and not a disclosure log foidesk wrote; give an empty folder");
    fs::remove_all(dir, ec);
    if (ec) return Error::Io(dir_name + ": cannot clear the old site: " + ec.message());
  }
  for (const auto& [name, bytes] : files) {
    const fs::path p = dir / name;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    out.close();
    if (!out) return Error::Io(p.string() + ": cannot write");
  }
  return {};
}

}  // namespace foidesk::respond
