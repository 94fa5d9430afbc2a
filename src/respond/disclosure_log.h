// The disclosure log: a static site of published responses that any web
// server can serve. An index by date with reference, title and keywords and
// a client-side search over them, a page per response with its letter and
// downloads, an Atom feed and a sitemap. Built from the store's published
// responses alone, in a fixed order, with no clock: the same store gives the
// same bytes. Nothing about requesters is held, so nothing can leak here.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/published_response.h"
#include "model/result.h"

namespace foidesk::respond {

struct SiteOptions {
  std::string force_name;  // "Example Constabulary"
  std::string base_url;    // absolute, ending in '/': the feed and sitemap need it
};

// The site's files: path relative to the site's folder -> bytes.
std::map<std::string, std::string> BuildDisclosureLog(const std::vector<PublishedResponse>& responses,
                                                      const SiteOptions& options);

// "foi-000763-16": the folder of a response's page.
std::string ResponseSlug(const std::string& reference);

// Replaces the site in `dir` with `files`. A folder that holds anything but a
// previous site (marked by .foidesk-site) is refused, not emptied.
Status WriteSite(const std::string& dir, const std::map<std::string, std::string>& files);

}  // namespace foidesk::respond
