// Shared by the register tests: the shipped data, loaded once, and files
// written to a fresh temporary folder.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

#include "register/holidays.h"
#include "register/regime.h"

namespace foidesk::reg::testing {

inline const std::string kConfig = FOIDESK_SOURCE_DIR "/config";
inline const std::string kTestData = FOIDESK_SOURCE_DIR "/src/register/testdata";

inline Date D(const char* iso) {
  auto d = ParseIsoDate(iso);
  if (!d) ADD_FAILURE() << "bad date in test: " << iso;
  return d.value_or(Date{});
}

inline const HolidayCalendar& Shipped() {
  static const HolidayCalendar cal = [] {
    auto r = HolidayCalendar::Load(kConfig);
    if (!r.ok()) {
      ADD_FAILURE() << r.error().message;
      std::abort();
    }
    return *r;
  }();
  return cal;
}

inline const Regime& ShippedRegime(const std::string& name) {
  static std::map<std::string, Regime> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    auto r = FindRegime(kConfig, name);
    if (!r.ok()) {
      ADD_FAILURE() << r.error().message;
      std::abort();
    }
    it = cache.emplace(name, *r).first;
  }
  return it->second;
}

// A folder of its own per test, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "foidesk-register-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) const {
    const std::string p = path_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace foidesk::reg::testing
