// Small deterministic hashing for ingest: content hashes of mapped records
// (stored in SourceRef.hash to recognise a re-ingested record), computed
// with xxHash's XXH3, and a flat set of 64-bit hashes that remembers which
// records and crime keys a run has already written, at 16 bytes a record.
#pragma once

#include <xxhash.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace foidesk::ingest {

// Streaming 64-bit hash: XXH3 (seed 0) over the added values. Not
// cryptographic; the same input gives the same value on every run and
// machine (integers and lengths are added as 8 little-endian bytes).
class Hasher {
 public:
  Hasher() : state_(XXH3_createState()) {
    if (!state_ || XXH3_64bits_reset(state_.get()) != XXH_OK) throw std::bad_alloc();
  }

  // Adds a length-prefixed string, so ("ab","c") and ("a","bc") differ.
  void Add(std::string_view s) {
    AddWord(s.size());
    XXH3_64bits_update(state_.get(), s.data(), s.size());
  }
  void AddInt(int64_t v) { AddWord(static_cast<uint64_t>(v)); }

  uint64_t Digest() const { return XXH3_64bits_digest(state_.get()); }

  // Digest as 16 lower-case hex digits.
  std::string Hex() const {
    static constexpr char kHex[] = "0123456789abcdef";
    uint64_t d = Digest();
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, d >>= 4) out[i] = kHex[d & 15];
    return out;
  }

 private:
  struct FreeState {
    void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
  };

  void AddWord(uint64_t w) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(w >> (8 * i));
    XXH3_64bits_update(state_.get(), bytes, sizeof bytes);
  }

  std::unique_ptr<XXH3_state_t, FreeState> state_;
};

inline uint64_t Hash64(std::string_view a, std::string_view b = {}) {
  Hasher h;
  h.Add(a);
  h.Add(b);
  return h.Digest();
}

// Open-addressing set of 64-bit values (linear probing, kept at most half
// full). Value 0 is stored as 1: a false "seen" only costs a store lookup.
class HashSet64 {
 public:
  bool Contains(uint64_t v) const {
    if (slots_.empty()) return false;
    v = v ? v : 1;
    for (size_t i = v & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == v) return true;
      if (slots_[i] == 0) return false;
    }
  }
  void Insert(uint64_t v) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    v = v ? v : 1;
    for (size_t i = v & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == v) return;
      if (slots_[i] == 0) {
        slots_[i] = v;
        ++size_;
        return;
      }
    }
  }
  size_t size() const { return size_; }

 private:
  void Grow() {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (uint64_t v : old)
      if (v) Insert(v);
  }
  std::vector<uint64_t> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace foidesk::ingest
