#include "cli/clock_command.h"

#include <iostream>

#include "model/result.h"
#include "register/clock_report.h"
#include "register/holidays.h"
#include "register/regime.h"
#include "register/statutory_clock.h"

namespace foidesk::cli {
namespace {

int Fail(const Error& e) {
  std::cerr << "foidesk: " << e.message << "\n";
  return e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kMismatch ? 2 : 1;
}

struct ClockArgs {
  std::string received, regime = "foia", extend, reason;
  std::vector<std::string> clarifications, fees;
  bool extend_given = false;
  bool json = false;
};

// Turns the options into the clock's input; errors name the option and value.
Result<reg::DeadlineInput> ReadInput(const ClockArgs& a) {
  reg::DeadlineInput in;
  auto received = reg::ParseDateOption("--received", a.received);
  if (!received.ok()) return received.error();
  in.received = *received;
  const std::pair<const std::vector<std::string>*, reg::PauseKind> lists[] = {
      {&a.clarifications, reg::PauseKind::kClarification}, {&a.fees, reg::PauseKind::kFees}};
  for (const auto& [values, kind] : lists) {
    for (const auto& v : *values) {
      auto p = reg::ParsePauseOption("--" + reg::PauseKindId(kind), kind, v);
      if (!p.ok()) return p.error();
      in.pauses.push_back(*p);
    }
  }
  if (a.extend_given) {
    reg::Extension e{a.reason, std::nullopt};
    if (!a.extend.empty()) {
      size_t used = 0;
      int n = 0;
      try {
        n = std::stoi(a.extend, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != a.extend.size() || n < 1)
        return Error::InvalidInput("--extend '" + a.extend + "': expected a whole number of " +
                                   "working days (months for sar) above 0");
      e.count = n;
    }
    if (a.reason.empty()) return Error::InvalidInput("--extend needs --reason TEXT");
    in.extension = e;
  } else if (!a.reason.empty()) {
    return Error::InvalidInput("--reason is for --extend");
  }
  return in;
}

int RunClock(const ClockArgs& a, const std::string& config) {
  auto input = ReadInput(a);
  if (!input.ok()) return Fail(input.error());
  auto regime = reg::FindRegime(config, a.regime);
  // An unknown name is the user's mistake: name the option, exit 2.
  if (!regime.ok() && regime.error().code == ErrorCode::kNotFound)
    return Fail(Error::InvalidInput("--regime '" + a.regime + "': " + regime.error().message));
  if (!regime.ok()) return Fail(regime.error());
  auto calendar = reg::HolidayCalendar::Load(config);
  if (!calendar.ok()) return Fail(calendar.error());
  auto deadline = reg::ComputeDeadline(*regime, *calendar, *input);
  if (!deadline.ok()) return Fail(deadline.error());
  std::cout << (a.json ? reg::DeadlineJson(*deadline) + "\n" : reg::DeadlineText(*regime, *deadline));
  return 0;
}

int RunHolidaysList(const std::string& config, int year, const std::string& division) {
  std::optional<reg::Division> d;
  if (!division.empty()) {
    d = reg::ParseDivision(division);
    if (!d)
      return Fail(Error::InvalidInput("--division '" + division +
                                      "': expected england-and-wales, scotland or northern-ireland"));
  }
  auto calendar = reg::HolidayCalendar::Load(config);
  if (!calendar.ok()) return Fail(calendar.error());
  const auto list = calendar->List(year > 0 ? std::optional<int>(year) : std::nullopt, d);
  std::cout << reg::HolidayListText(list);
  return 0;
}

int RunHolidaysCheck(const std::string& config, const std::string& file) {
  auto imported = reg::ImportGovUkJson(file);
  if (!imported.ok()) return Fail(imported.error());
  auto calendar = reg::HolidayCalendar::Load(config);
  if (!calendar.ok()) return Fail(calendar.error());
  std::cout << reg::MergeReportText(file, reg::MergeImported(*calendar, *imported));
  return 0;
}

}  // namespace

void AddClockCommands(CLI::App& app, const std::string& config, int& rc) {
  static ClockArgs args;
  auto* clock = app.add_subcommand("clock", "when a request is due, with every day that did not count");
  clock->add_option("--received", args.received, "the day the request arrived, YYYY-MM-DD")->required();
  clock->add_option("--regime", args.regime, "foia, foisa, eir, sar or internal-review (CONFIG/regimes/)")
      ->capture_default_str();
  clock->add_option("--clarification", args.clarifications,
                    "FROM:TO clarification asked on FROM, answered on TO (FROM: while waiting); the clock restarts");
  clock->add_option("--fees", args.fees,
                    "FROM:TO fees notice given on FROM, fee received on TO (FROM: while unpaid); the clock stops");
  static CLI::Option* extend =
      clock->add_option("--extend", args.extend,
                        "extend by N working days (months for sar); without N, the regime's default")
          ->expected(0, 1);
  clock->add_option("--reason", args.reason, "why the extension is taken (with --extend)");
  clock->add_flag("--json", args.json, "print one JSON object (sorted keys)");
  clock->footer(
      "Example: foidesk clock --received 2016-12-23\n"
      "Example: foidesk clock --received 2016-10-03 --fees 2016-10-05:2016-10-10 --json\n"
      "Example: foidesk clock --received 2016-10-14 --extend --reason 'public interest test (s31)'\n"
      "See docs/statutory-clock.md.");
  clock->callback([&config, &rc] {
    args.extend_given = extend->count() > 0;
    rc = RunClock(args, config);
  });

  auto* holidays = app.add_subcommand("holidays", "the bank holiday data behind the clock");
  holidays->require_subcommand(1);
  static int year = 0;
  static std::string division, file;
  auto* list = holidays->add_subcommand("list", "list the shipped bank holidays");
  list->add_option("--year", year, "only this year")->check(CLI::Range(1900, 2200));
  list->add_option("--division", division, "england-and-wales, scotland or northern-ireland");
  list->footer("Example: foidesk holidays list --year 2016 --division scotland");
  list->callback([&config, &rc] { rc = RunHolidaysList(config, year, division); });

  auto* check = holidays->add_subcommand(
      "check", "compare a gov.uk bank-holidays.json with the shipped data (changes nothing)");
  check->add_option("FILE", file, "a copy of https://www.gov.uk/bank-holidays.json")
      ->required()
      ->check(CLI::ExistingFile);
  check->footer("Example: foidesk holidays check bank-holidays.json");
  check->callback([&config, &rc] { rc = RunHolidaysCheck(config, file); });
}

}  // namespace foidesk::cli
