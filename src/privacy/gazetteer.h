// Word lists for the name, place and organisation recognisers: given names,
// surnames, UK and world places, countries, common English words and words that are never names,
// read from config/pii/gazetteers/ (see the README.md there), and a fast
// lookup of a word or phrase by its normalised key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"

namespace foidesk::privacy {

// What a key is. A key may be several things at once ("rose": given name,
// surname, common word).
enum GazetteerFlag : uint16_t {
  kGivenName = 1 << 0,
  kSurname = 1 << 1,
  kCommonWord = 1 << 2,   // an ordinary lower-case English word
  kNotName = 1 << 3,      // never part of a person's name (jargon, pronouns, days)
  kPlace = 1 << 4,        // a whole place name ("great yarmouth", "diss")
  kPlaceStart = 1 << 5,   // the first word of a place name of two or more words
  kForeignPlace = 1 << 6,  // a place outside the UK or a country (with kPlace)
};

// Appends the normalised key of `word` to `out`: ASCII and Latin-1 letters
// lower-cased, the typographic apostrophe (U+2019) as "'", dots dropped
// ("St." is "st"). Phrases are keys of their words joined by one space.
void AppendGazetteerKey(std::string_view word, std::string& out);

class Gazetteer {
 public:
  Gazetteer();

  // Reads the lists in `dir`: given_names.txt, surnames.txt, uk_places.txt,
  // places_local.txt, countries.txt, world_places.txt (kPlace | kForeignPlace),
  // common_words.txt, ambiguous_words.txt, not_names.txt.
  // Lines starting with '#' and blank lines are skipped. A missing file or a
  // bad entry is an error naming the file and line, never the entry.
  static Result<Gazetteer> Load(const std::string& dir);

  // Adds every entry of one list (the text of a file) with `flag`.
  // `source_name` names the list in errors. Place names also mark their
  // first word with kPlaceStart.
  Status AddList(std::string_view text, std::string_view source_name, uint16_t flag);

  // The flags of a normalised key (see AppendGazetteerKey); 0 when unknown.
  uint16_t Lookup(std::string_view key) const;

  // Calls `fn(key)` for every key carrying `flag`, in no particular order.
  template <typename Fn>
  void ForEachKey(uint16_t flag, Fn&& fn) const {
    for (const Slot& s : slots_)
      if (s.flags() & flag)
        fn(std::string_view(arena_).substr(s.offset() + 1,
                                           static_cast<unsigned char>(arena_[s.offset()])));
  }

  // The most words a place name has, for bounding phrase lookups.
  int max_place_words() const { return max_place_words_; }
  size_t size() const { return count_; }

 private:
  // Eight bytes a slot, so the table of ~360,000 keys stays a few MB: 16
  // bits of the hash, the flags (0 marks an empty slot) and the key's
  // offset in arena_, where a length byte precedes the key.
  struct Slot {
    uint16_t tag = 0;
    uint16_t flags_ = 0;
    uint32_t offset_ = 0;
    uint32_t offset() const { return offset_; }
    uint16_t flags() const { return flags_; }
  };
  void Insert(std::string_view key, uint16_t flags);
  void Grow();

  std::string arena_;  // the bytes of every key
  std::vector<Slot> slots_;
  size_t count_ = 0;
  int max_place_words_ = 1;
};

}  // namespace foidesk::privacy
