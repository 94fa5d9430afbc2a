// A statutory time limit as data (config/regimes/*.toml): how long, counted
// how, which days do not count, which pauses the law allows and the default
// extension. FOIA, FOISA, the EIR, subject access and internal review differ
// only in these values.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/result.h"
#include "register/holidays.h"

namespace foidesk::reg {

enum class RuleKind {
  kWorkingDays,     // the Nth working day following the date of receipt
  kCalendarMonths,  // the corresponding date N months on (UK GDPR Art 12(3))
};

// Why the clock stops. Clarification (FOIA s1(3)) restarts it: the day the
// answer arrives becomes the date of receipt (s10(6)(b)). Fees (s10(2))
// suspends it: working days from the fees notice to the payment do not count.
enum class PauseKind { kClarification, kFees };

std::string PauseKindId(PauseKind k);  // "clarification", "fees"
std::optional<PauseKind> ParsePauseKind(const std::string& id);

struct RegimeExtension {
  std::string name;         // "public interest test"
  std::string legal_basis;  // where the extension comes from
  int default_count = 0;    // further units (working days or months) when none is given
};

struct Regime {
  std::string file;
  std::string name;   // "foia": the file's stem and what --regime takes
  std::string title;  // "Freedom of Information Act 2000"
  std::string legal_basis;
  std::vector<std::string> sources;
  RuleKind rule = RuleKind::kWorkingDays;
  int count = 20;
  // Bank holidays of these divisions are non-working days.
  std::vector<Division> holiday_divisions;
  // Named non-working days, whether or not they are bank holidays.
  bool christmas_day = false;
  bool good_friday = false;
  std::set<PauseKind> pauses;
  std::optional<RegimeExtension> extension;
  std::vector<std::string> to_check;  // points not confirmed from a source
};

// Reads one regime file. Errors name the file and the key.
Result<Regime> LoadRegime(const std::string& path);
// Reads <config_dir>/regimes/<name>.toml; NotFound lists the regimes there.
Result<Regime> FindRegime(const std::string& config_dir, const std::string& name);
// Every regime in <config_dir>/regimes/, sorted by name.
Result<std::vector<Regime>> LoadRegimes(const std::string& config_dir);

}  // namespace foidesk::reg
