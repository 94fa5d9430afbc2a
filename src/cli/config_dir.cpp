#include "cli/config_dir.h"

#include <cstdlib>
#include <filesystem>

namespace foidesk::cli {

std::string ConfigDir(const char* argv0) {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("FOIDESK_CONFIG"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  for (fs::path p : {exe.parent_path().parent_path() / "config", exe.parent_path() / "config"})
    if (fs::exists(p / "force.toml", ec)) return p.string();
  return std::string(FOIDESK_SOURCE_DIR) + "/config";
}

}  // namespace foidesk::cli
