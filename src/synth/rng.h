// Deterministic random numbers for the synthetic force: xoshiro256** seeded
// through splitmix64, with integer-only mappings to ranges. The same seed gives
// the same bytes with any compiler or standard library, which the
// std::*_distribution classes do not promise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace foidesk::synth {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& s : s_) s = SplitMix64(x);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) by multiply-shift. REQUIRES: n > 0. The bias (n / 2^64)
  // is far below anything a synthetic data set could show.
  uint64_t Below(uint64_t n) {
    __extension__ using U128 = unsigned __int128;
    return static_cast<uint64_t>((static_cast<U128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi], both included. REQUIRES: lo <= hi.
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  int Int(int lo, int hi) { return static_cast<int>(Range(lo, hi)); }
  bool Percent(int p) { return Below(100) < static_cast<uint64_t>(p); }
  bool PerMille(int p) { return Below(1000) < static_cast<uint64_t>(p); }
  bool PerMillion(int64_t p) { return static_cast<int64_t>(Below(1000000)) < p; }

  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }
  // Index into cumulative-free integer weights.
  template <size_t N>
  int Weighted(const int (&weights)[N]) {
    int total = 0;
    for (int w : weights) total += w;
    int r = static_cast<int>(Below(static_cast<uint64_t>(total)));
    for (size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return static_cast<int>(i);
      r -= weights[i];
    }
    return static_cast<int>(N - 1);
  }

  // An independent stream for one purpose, so that extra draws made for one
  // part of the force do not shift every other part.
  Rng Fork(uint64_t salt) { return Rng(Next() ^ (salt * 0x9E3779B97F4A7C15ULL)); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  uint64_t s_[4];
};

}  // namespace foidesk::synth
