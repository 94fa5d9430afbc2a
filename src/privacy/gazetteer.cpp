// Loading the gazetteer files and the open-addressing table behind Lookup.
// One table holds every key with its flags, so classifying a word costs one
// hash and, nearly always, one probe.
#include "privacy/gazetteer.h"

#include <cstdio>

namespace foidesk::privacy {
namespace {

bool ReadFile(const std::string& path, std::string& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return true;
}

// FNV-1a: keys are a few bytes long, so a simple inline hash beats a call.
inline uint32_t HashKey(std::string_view key) {
  uint32_t h = 2166136261u;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  h ^= h >> 15;
  return h;
}

// Length of the UTF-8 sequence starting with byte `c`, or 0 when `c` cannot start one.
size_t Utf8Length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

// Why an entry cannot be a word-list entry, or nullptr when it is fine.
const char* EntryProblem(std::string_view s) {
  if (s.empty()) return nullptr;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = Utf8Length(c);
    if (len == 0 || i + len > s.size()) return "not valid UTF-8";
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return "not valid UTF-8";
    if (len == 1) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '\'' ||
                      c == '.' || c == '/' || c == '&';
      if (!ok) return "a character that no name or word has (only letters, digits, space and - ' . / & are allowed)";
    }
    i += len;
  }
  return nullptr;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

void AppendGazetteerKey(std::string_view word, std::string& out) {
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (c == '.') {
      continue;
    } else if (c == 0xC3 && i + 1 < word.size()) {
      // Latin-1 capitals U+00C0..U+00DE (not U+00D7, the multiplication sign).
      unsigned char d = static_cast<unsigned char>(word[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      out += static_cast<char>(c);
      out += static_cast<char>(d);
      ++i;
    } else if (c == 0xE2 && i + 2 < word.size() && word[i + 1] == '\x80' && word[i + 2] == '\x99') {
      out += '\'';
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
}

Gazetteer::Gazetteer() : slots_(1024) {}

void Gazetteer::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.flags() == 0) continue;
    size_t i = HashKey(std::string_view(arena_).substr(
                   s.offset() + 1, static_cast<unsigned char>(arena_[s.offset()]))) &
               mask;
    while (slots_[i].flags() != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void Gazetteer::Insert(std::string_view key, uint16_t flags) {
  // Keys longer than 255 bytes are no word.
  if (key.empty() || flags == 0 || key.size() > 0xFF) return;
  // Load at most 0.7: linear probing stays short and the table small.
  if ((count_ + 1) * 10 > slots_.size() * 7) Grow();
  const uint32_t h = HashKey(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.flags() == 0) {
      s.tag = static_cast<uint16_t>(h >> 16);
      s.flags_ = flags;
      s.offset_ = static_cast<uint32_t>(arena_.size());
      arena_ += static_cast<char>(key.size());
      arena_.append(key);
      ++count_;
      return;
    }
    const unsigned char len = static_cast<unsigned char>(arena_[s.offset()]);
    if (s.tag == static_cast<uint16_t>(h >> 16) &&
        std::string_view(arena_).substr(s.offset() + 1, len) == key) {
      s.flags_ |= flags;
      return;
    }
  }
}

uint16_t Gazetteer::Lookup(std::string_view key) const {
  if (key.empty()) return 0;
  const uint32_t h = HashKey(key);
  const size_t mask = slots_.size() - 1;
  const char* arena = arena_.data();
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.flags() == 0) return 0;
    if (s.tag == static_cast<uint16_t>(h >> 16)) {
      const char* a = arena + s.offset();
      if (static_cast<unsigned char>(a[0]) == key.size()) {
        size_t k = 0;
        while (k < key.size() && a[k + 1] == key[k]) ++k;
        if (k == key.size()) return s.flags();
      }
    }
  }
}

Status Gazetteer::AddList(std::string_view text, std::string_view source_name, uint16_t flag) {
  std::string key;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (const char* problem = EntryProblem(line)) {
      return Error::InvalidInput(std::string(source_name) + ":" + std::to_string(line_no) +
                                 ": entry has " + problem);
    }
    if (line.find("  ") != std::string_view::npos)
      return Error::InvalidInput(std::string(source_name) + ":" + std::to_string(line_no) +
                                 ": entry has two spaces in a row");
    key.clear();
    AppendGazetteerKey(line, key);
    if (key.empty())
      return Error::InvalidInput(std::string(source_name) + ":" + std::to_string(line_no) +
                                 ": entry has no letters");
    Insert(key, flag);
    if (flag & kPlace) {
      const size_t space = key.find(' ');
      if (space != std::string::npos) {
        Insert(std::string_view(key).substr(0, space), kPlaceStart);
        int words = 1;
        for (char c : key) words += c == ' ';
        if (words > max_place_words_) max_place_words_ = words;
      }
    }
  }
  return {};
}

Result<Gazetteer> Gazetteer::Load(const std::string& dir) {
  struct ListFile {
    const char* name;
    uint16_t flag;
  };
  static constexpr ListFile kFiles[] = {
      {"given_names.txt", kGivenName},     {"surnames.txt", kSurname},
      {"uk_places.txt", kPlace},           {"places_local.txt", kPlace},
      {"countries.txt", kPlace | kForeignPlace},
      {"world_places.txt", kPlace | kForeignPlace},
      {"common_words.txt", kCommonWord},   {"ambiguous_words.txt", kCommonWord},
      {"not_names.txt", kNotName},
  };
  Gazetteer g;
  std::string text;
  for (const ListFile& f : kFiles) {
    const std::string path = dir + "/" + f.name;
    text.clear();
    if (!ReadFile(path, text)) return Error::Io(path + ": cannot read the gazetteer");
    Status s = g.AddList(text, path, f.flag);
    if (!s.ok()) return s.error();
  }
  return g;
}

}  // namespace foidesk::privacy
