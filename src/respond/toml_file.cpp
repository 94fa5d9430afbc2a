#include "respond/toml_file.h"

namespace foidesk::respond {

Result<toml::table> ReadTomlFile(const std::string& path, const std::string& what) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return Error::InvalidInput(path + ":" + std::to_string(b.line) + ":" +
                               std::to_string(b.column) + ": " + std::string(e.description()));
  } catch (const std::exception& e) {
    return Error::Io(path + ": cannot read " + what + ": " + e.what());
  }
}

}  // namespace foidesk::respond
