#include "respond/exemptions.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "config/toml_reading.h"

namespace foidesk::respond {
namespace {

namespace fs = std::filesystem;

const char kS17File[] = "s17-notice.md";

using config::CheckKnownKeys;
using config::Presence;
using config::ReadDate;
using config::ReadStrings;

// Required strings must also be non-blank: an empty title or text would
// print as a hole in a letter.
Result<std::string> ReadString(const toml::table& t, const std::string& key, const std::string& where) {
  return config::ReadString(t, key, where, Presence::kNonBlank);
}

// Every text must say where it comes from, so a reviewer can check the law.
Result<std::vector<std::string>> ReadSources(const toml::table& t, const std::string& where) {
  return config::ReadSources(t, "sources", where);
}

Result<std::vector<std::string>> ReadText(const toml::table& t, const std::string& key,
                                          const std::string& where) {
  auto s = ReadString(t, key, where);
  if (!s.ok()) return s.error();
  return SplitParagraphs(*s);
}

// "s12", "s40-2", "s40-5": the section, and the subsection when the law
// treats them differently.
bool ValidId(const std::string& id) {
  if (id.size() < 2 || id[0] != 's') return false;
  size_t i = 1;
  auto digits = [&] {
    size_t start = i;
    while (i < id.size() && std::isdigit(static_cast<unsigned char>(id[i]))) ++i;
    return i > start;
  };
  if (!digits()) return false;
  if (i == id.size()) return true;
  if (id[i] != '-') return false;
  ++i;
  if (!digits()) return false;
  if (i < id.size() && std::isupper(static_cast<unsigned char>(id[i]))) ++i;
  return i == id.size();
}

Result<ExemptionVersion> LoadVersion(const std::string& path) {
  auto parsed = config::ParseTomlFile(path, "an exemption file");
  if (!parsed.ok()) return parsed.error();
  const toml::table& t = *parsed;
  const std::string& where = path;
  if (auto s = CheckKnownKeys(t,
                         {"id", "section", "title", "kind", "basis", "in_force_from", "in_force_to",
                          "refusal_notice", "written", "sources", "to_check", "what", "why",
                          "public_interest"},
                         where);
      !s.ok())
    return s.error();
  ExemptionVersion v;
  v.file = path;
#define FOIDESK_TRY(var, expr) \
  auto var = (expr);           \
  if (!var.ok()) return var.error();
  FOIDESK_TRY(id, ReadString(t, "id", where));
  FOIDESK_TRY(section, ReadString(t, "section", where));
  FOIDESK_TRY(title, ReadString(t, "title", where));
  FOIDESK_TRY(kind, ReadString(t, "kind", where));
  FOIDESK_TRY(basis, ReadString(t, "basis", where));
  FOIDESK_TRY(from, ReadDate(t, "in_force_from", where));
  FOIDESK_TRY(notice, ReadString(t, "refusal_notice", where));
  FOIDESK_TRY(written, ReadDate(t, "written", where));
  FOIDESK_TRY(sources, ReadSources(t, where));
  FOIDESK_TRY(to_check, ReadStrings(t, "to_check", where));
  FOIDESK_TRY(what, ReadText(t, "what", where));
  FOIDESK_TRY(why, ReadText(t, "why", where));
  if (!ValidId(*id))
    return Error::InvalidInput(where + ": key 'id': '" + *id +
                               "' is not an exemption id such as \"s31\" or \"s40-2\"");
  v.id = *id;
  v.section = *section;
  v.title = *title;
  if (*kind == "absolute") {
    v.kind = ExemptionKind::kAbsolute;
  } else if (*kind == "qualified") {
    v.kind = ExemptionKind::kQualified;
  } else if (*kind == "procedural") {
    v.kind = ExemptionKind::kProcedural;
  } else {
    return Error::InvalidInput(where + ": key 'kind': expected \"absolute\", \"qualified\" or "
                               "\"procedural\", not \"" + *kind + "\"");
  }
  v.basis = *basis;
  v.in_force_from = *from;
  if (t.contains("in_force_to")) {
    FOIDESK_TRY(to, ReadDate(t, "in_force_to", where));
    if (*to < *from)
      return Error::InvalidInput(where + ": key 'in_force_to': " + to->Iso() +
                                 " is before in_force_from " + from->Iso());
    v.in_force_to = *to;
  }
  v.refusal_notice = *notice;
  v.written = *written;
  v.sources = *sources;
  v.to_check = *to_check;
  v.what = *what;
  v.why = *why;
  // The officer's case-specific reasons are what s17(1)(c) asks for; a text
  // without a place for them would send a generic refusal.
  bool has_reason = std::any_of(v.why.begin(), v.why.end(), [](const std::string& p) {
    return p.find("{{reason}}") != std::string::npos;
  });
  if (!has_reason)
    return Error::InvalidInput(where + ": key 'why': must hold the placeholder {{reason}}");

  const toml::node* pit = t.get("public_interest");
  if (v.kind == ExemptionKind::kQualified) {
    if (!pit)
      return Error::InvalidInput(where + ": key 'public_interest': missing; a qualified exemption "
                                 "needs a [public_interest] table (s2(2)(b), s17(3))");
    const toml::table* pt = pit->as_table();
    if (!pt) return Error::InvalidInput(where + ": key 'public_interest': expected a table");
    const std::string pwhere = where + ": [public_interest]";
    if (auto s = CheckKnownKeys(*pt, {"favouring_disclosure", "favouring_non_disclosure", "balance"},
                           pwhere);
        !s.ok())
      return s.error();
    FOIDESK_TRY(for_d, ReadText(*pt, "favouring_disclosure", pwhere));
    FOIDESK_TRY(against, ReadText(*pt, "favouring_non_disclosure", pwhere));
    FOIDESK_TRY(balance, ReadText(*pt, "balance", pwhere));
    v.public_interest = PublicInterestTest{*for_d, *against, *balance};
  } else if (pit) {
    return Error::InvalidInput(where + ": key 'public_interest': a " + KindName(v.kind) +
                               " exemption has no public interest test");
  }
#undef FOIDESK_TRY
  return v;
}

Result<RefusalNotice> LoadNotice(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot read the s17 refusal notice");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  // TOML front matter between "+++" lines, as static site generators use.
  if (text.rfind("+++\n", 0) != 0)
    return Error::InvalidInput(path + ": expected front matter: a first line \"+++\", TOML keys, "
                               "then a line \"+++\"");
  size_t end = text.find("\n+++\n", 3);
  if (end == std::string::npos)
    return Error::InvalidInput(path + ": front matter has no closing \"+++\" line");
  const std::string front = text.substr(4, end - 3);
  toml::table t;
  try {
    t = toml::parse(front, path);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    // Front matter starts on the file's second line.
    return Error::InvalidInput(path + ":" + std::to_string(b.line + 1) + ":" +
                               std::to_string(b.column) + ": " + std::string(e.description()));
  }
  if (auto s = CheckKnownKeys(t, {"title", "written", "sources", "to_check"}, path); !s.ok())
    return s.error();
  RefusalNotice n;
  n.file = path;
  auto written = ReadDate(t, "written", path);
  if (!written.ok()) return written.error();
  auto sources = ReadSources(t, path);
  if (!sources.ok()) return sources.error();
  auto to_check = ReadStrings(t, "to_check", path);
  if (!to_check.ok()) return to_check.error();
  n.written = *written;
  n.sources = *sources;
  n.to_check = *to_check;
  n.paragraphs = SplitParagraphs(text.substr(end + 5));
  if (n.paragraphs.empty())
    return Error::InvalidInput(path + ": no notice text after the front matter");
  return n;
}

std::string Describe(const ExemptionVersion& v) {
  return v.file + " (" + v.in_force_from.Iso() + " to " +
         (v.in_force_to ? v.in_force_to->Iso() : std::string("open")) + ")";
}

}  // namespace

std::string KindName(ExemptionKind kind) {
  switch (kind) {
    case ExemptionKind::kAbsolute: return "absolute";
    case ExemptionKind::kQualified: return "qualified";
    case ExemptionKind::kProcedural: return "procedural";
  }
  return "?";
}

bool ExemptionVersion::InForceOn(const Date& d) const {
  return in_force_from <= d && (!in_force_to || d <= *in_force_to);
}

std::vector<std::string> SplitParagraphs(const std::string& text) {
  std::vector<std::string> out;
  std::string current, line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      if (!current.empty()) current += ' ';
      current += line;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

Result<ExemptionLibrary> ExemptionLibrary::Load(const std::string& config_dir) {
  const fs::path dir = fs::path(config_dir) / "exemptions";
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".toml")
      files.push_back(it->path().string());
  }
  if (ec) return Error::Io(dir.string() + ": cannot read the exemption library: " + ec.message());
  if (files.empty()) return Error::InvalidInput(dir.string() + ": no exemption files (*.toml)");
  // Sorted, so the first error reported does not depend on the file system.
  std::sort(files.begin(), files.end());

  ExemptionLibrary lib;
  for (const auto& f : files) {
    auto v = LoadVersion(f);
    if (!v.ok()) return v.error();
    lib.by_id_[v->id].push_back(std::move(*v));
  }
  for (auto& [id, versions] : lib.by_id_) {
    std::sort(versions.begin(), versions.end(),
              [](const auto& a, const auto& b) { return a.in_force_from < b.in_force_from; });
    // One version in force on any day from the first: a letter must never
    // find two texts, or none, for the law on its date.
    for (size_t i = 1; i < versions.size(); ++i) {
      const ExemptionVersion& prev = versions[i - 1];
      const ExemptionVersion& next = versions[i];
      if (!prev.in_force_to || next.in_force_from <= *prev.in_force_to)
        return Error::InvalidInput(next.file + ": key 'in_force_from': versions of '" + id +
                                   "' overlap: " + Describe(prev) + " and " + Describe(next));
      const Date day_after = Date::FromDaysSinceEpoch(prev.in_force_to->DaysSinceEpoch() + 1);
      if (next.in_force_from != day_after)
        return Error::InvalidInput(next.file + ": key 'in_force_from': versions of '" + id +
                                   "' leave a gap from " + day_after.Iso() + ": " +
                                   Describe(prev) + " and " + Describe(next));
    }
  }
  auto notice = LoadNotice((dir / kS17File).string());
  if (!notice.ok()) return notice.error();
  lib.s17_ = std::move(*notice);
  return lib;
}

Result<ExemptionVersion> ExemptionLibrary::Find(const std::string& id, const Date& on) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) {
    std::string known;
    for (const auto& [k, v] : by_id_) known += (known.empty() ? "" : ", ") + k;
    return Error::NotFound("no exemption '" + id + "' in the exemption library (known: " + known +
                           ")");
  }
  for (const auto& v : it->second) {
    if (v.InForceOn(on)) return v;
  }
  const auto& first = it->second.front();
  const auto& last = it->second.back();
  return Error::NotFound("exemption '" + id + "': no version in force on " + on.Iso() +
                         " (versions cover " + first.in_force_from.Iso() +
                         (last.in_force_to ? " to " + last.in_force_to->Iso() : " onwards") + ")");
}

std::vector<std::string> ExemptionLibrary::Ids() const {
  std::vector<std::string> out;
  for (const auto& [id, v] : by_id_) out.push_back(id);
  return out;
}

const std::vector<ExemptionVersion>& ExemptionLibrary::Versions(const std::string& id) const {
  static const std::vector<ExemptionVersion> kNone;
  auto it = by_id_.find(id);
  return it == by_id_.end() ? kNone : it->second;
}

}  // namespace foidesk::respond
