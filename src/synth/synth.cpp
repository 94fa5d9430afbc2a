// Generate(): plans each year's blackmail (the 68 published crimes, the
// sextortion the force's keyword search missed, sextortion outside the
// request's years, other blackmail), then streams every crime in recording
// order into the legacy export until cut-over (19 October 2015) and into the
// current export after it, planting faults and collecting the ground truth.
// Only blackmail and migrated crimes are held in memory.
#include "synth/synth.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <span>
#include <string_view>
#include <system_error>

#include "model/csv.h"
#include "model/date.h"
#include "synth/file_series.h"
#include "synth/london_time.h"
#include "synth/rng.h"
#include "synth/seed_table.h"
#include "synth/stories.h"
#include "synth/text.h"
#include "synth/word_lists.h"

namespace foidesk::synth {
namespace {

namespace fs = std::filesystem;

constexpr int kRequestFirstYear = 2011;
constexpr int kRequestLastYear = 2015;
constexpr int kMinOtherBlackmailPerYear = 30;
constexpr int kKeywordVariantPercent = 35;

int64_t CutoverDay() {
  static const int64_t day = Date{2015, 10, 19}.DaysSinceEpoch();
  return day;
}
int64_t DayOfDate(int y, int m, int d) { return Date{y, m, d}.DaysSinceEpoch(); }
int YearOfDay(int64_t day) { return Date::FromDaysSinceEpoch(day).year; }

// Sextortion the force's search missed, per request year (15 in all).
int MissedCount(int year) {
  switch (year) {
    case 2011:
      return 1;
    case 2012:
      return 2;
    case 2013:
      return 3;
    case 2014:
      return 5;
    case 2015:
      return 4;
    default:
      return 0;
  }
}
// Sextortion outside the request's years: rare before, common after.
int OtherYearSextortionCount(int year) {
  if (year >= kRequestFirstYear && year <= kRequestLastYear) return 0;
  if (year > kRequestLastYear) return 30;
  return year == 2010 ? 2 : year == 2009 ? 1 : 0;
}

enum class Category { kOrdinary, kSeed, kMissed, kOtherYear, kBlackmailOther };

const char* CategoryName(Category c) {
  switch (c) {
    case Category::kSeed:
      return "seed";
    case Category::kMissed:
      return "sextortion_missed";
    case Category::kOtherYear:
      return "sextortion_other_year";
    case Category::kBlackmailOther:
      return "blackmail_other";
    case Category::kOrdinary:
      break;
  }
  return "";
}

// The legacy outcome codes (legacy-crs.md) and their Home Office types.
struct LegacyOutcome {
  const char* code;
  int ho_type;
};
constexpr LegacyOutcome kLegacy[] = {{"CHG", 1},  {"RPM", 2},  {"FWN", 2}, {"YCC", 2},  {"CAU", 3},
                                     {"TIC", 4},  {"PND", 6},  {"CRS", 8}, {"NPI", 10}, {"EVD", 15},
                                     {"VNS", 16}, {"UND", 18}, {"OTH", 20}};
enum LegacyIndex {
  kChg,
  kRpm,
  kFwn,
  kYcc,
  kCau,
  kTic,
  kPnd,
  kCrsRes,
  kNpi,
  kEvd,
  kVns,
  kUnd,
  kOth
};
constexpr int kLegacyWeights[] = {16, 0, 0, 2, 4, 1, 2, 6, 2, 10, 13, 40, 2};
constexpr int kLegacyBlackmailWeights[] = {12, 0, 0, 0, 3, 0, 0, 0, 3, 15, 20, 45, 2};
constexpr int kRmsTypes[] = {1, 2, 3, 4, 6, 8, 10, 14, 15, 16, 18, 20, 21, 22};
constexpr int kRmsWeights[] = {16, 2, 4, 1, 2, 6, 2, 3, 10, 13, 40, 2, 1, 1};
constexpr int kRmsBlackmailWeights[] = {12, 0, 3, 0, 0, 0, 3, 0, 15, 20, 45, 2, 0, 0};

constexpr const char* kUnknownOffences[] = {"035", "072", "121", "008X", "999"};
constexpr const char* kUnknownOutcomes[] = {"NFA", "UNK", "DET", "XXX"};
constexpr const char* kExtraKeys[] = {"\"priority\": \"P3\"", "\"export_batch\": 17",
                                      "\"flags\": [\"repeat_victim\"]",
                                      "\"review_due\": \"2016-02-01\"", "\"_rev\": 4"};

// Recording is busier by day and in summer; integer weights keep the
// allocation exact and platform-independent.
constexpr int kHourWeights[] = {30, 20, 15, 10, 8,  8,  12, 20, 35, 45, 50, 55,
                                58, 58, 60, 62, 65, 68, 70, 68, 62, 55, 48, 40};
constexpr int kMonthWeights[] = {92, 88, 96, 98, 104, 106, 110, 108, 102, 100, 96, 92};
constexpr int kWeekdayWeights[] = {104, 102, 100, 102, 108, 96, 88};

enum class FaultKind {
  kBom,
  kTrailingEmptyLine,
  kShortRow,
  kLongRow,
  kImpossibleDate,
  kUnknownOffence,
  kUnknownOutcome,
  kDuplicate,
  kAgeDobMismatch,
  kInvalidJson,
  kMissingId,
  kMissingRecorded,
  kNone
};
const char* FaultName(FaultKind k) {
  switch (k) {
    case FaultKind::kBom:
      return "bom";
    case FaultKind::kTrailingEmptyLine:
      return "trailing_empty_line";
    case FaultKind::kShortRow:
      return "short_row";
    case FaultKind::kLongRow:
      return "long_row";
    case FaultKind::kImpossibleDate:
      return "impossible_date";
    case FaultKind::kUnknownOffence:
      return "unknown_offence";
    case FaultKind::kUnknownOutcome:
      return "unknown_outcome";
    case FaultKind::kDuplicate:
      return "duplicate";
    case FaultKind::kAgeDobMismatch:
      return "age_dob_mismatch";
    case FaultKind::kInvalidJson:
      return "invalid_json";
    case FaultKind::kMissingId:
      return "missing_id";
    case FaultKind::kMissingRecorded:
      return "missing_recorded";
    case FaultKind::kNone:
      break;
  }
  return "";
}
constexpr FaultKind kCrsRowFaults[] = {FaultKind::kShortRow,       FaultKind::kLongRow,
                                       FaultKind::kImpossibleDate, FaultKind::kUnknownOffence,
                                       FaultKind::kUnknownOutcome, FaultKind::kDuplicate,
                                       FaultKind::kAgeDobMismatch};
constexpr FaultKind kRmsLineFaults[] = {FaultKind::kInvalidJson, FaultKind::kMissingId,
                                        FaultKind::kMissingRecorded};

struct PlannedFault {
  int64_t ordinal;
  FaultKind kind;
};

// A blackmail crime fixed before streaming.
struct Planned {
  int64_t minute = 0;
  Category category = Category::kBlackmailOther;
  int seed_row = 0;  // 1-based
  int kind = 0;      // BlackmailKind
  bool keyword = false;
  bool utc_recorded = false;  // write RMS "recorded" as UTC whatever the draw
};

enum class SuspectKind { kNone, kNamed, kOnline };

struct CrimeRec {
  Category category = Category::kOrdinary;
  int seed_row = 0;
  Story story = Story::kOnline;
  int blackmail_kind = 0;
  int offence = 0, subclass = 0;
  int64_t recorded = 0;  // local minute
  bool has_from = false, has_to = false;
  int64_t from = 0, to = 0;
  bool utc_from = false;  // write occurred.from as UTC (the summer-midnight trap)
  int town = -1, beat = 0, lsoa = 0;
  Facts facts;
  Parts body;
  const char* summary = "";
  const char* crs_update = nullptr;
  const char* rms_update = nullptr;
  int crs_break = 0;  // 0 space, 1 CRLF, 2 LF between MO_TEXT body and update
  // Victim.
  VictimKind victim = VictimKind::kPerson;
  bool has_dob = false;
  int64_t dob_days = 0;
  int crs_age = -1;  // VICTIM_AGE, -1 empty
  int rms_age = -1;  // "age" where dob is null, -1 absent
  bool rms_no_victim = false;
  bool other_first = false;
  int64_t other_dob_days = 0;
  SuspectKind suspect = SuspectKind::kNone;
  bool witness = false;
  // Outcomes: legacy code (-1 open) and the final RMS type (0 open).
  int legacy = -1;
  int64_t legacy_day = 0;
  int ho_type = 0;
  int64_t ho_day = 0;
  bool migrated = false;
  std::string crs_no, rms_id;
  bool rms_local_offset = false, rms_shuffle = false;
  int rms_extra_key = -1;
};

struct TruthRow {
  std::string id;
  bool relevant;
  Category category;
  int seed_row;
  int year;
  bool candidate;
};
struct DecisionRow {
  std::string id;
  bool relevant;
  int reviewer;
  std::string summary;
  std::string reason;
};
struct FaultRow {
  std::string file;
  int64_t line;
  FaultKind kind;
};

std::string PaddedCode(std::string_view code) {
  size_t digits = 0;
  while (digits < code.size() && code[digits] >= '0' && code[digits] <= '9') ++digits;
  std::string out(digits < 3 ? 3 - digits : 0, '0');
  out += code;
  return out;
}

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void RenderParts(const Parts& parts, const Facts& f, Style style, std::string& out,
                 std::vector<PlantedSpan>* planted = nullptr) {
  for (int i = 0; i < parts.n; ++i) {
    if (i) out += ' ';
    Render(parts.p[static_cast<size_t>(i)], f, style, out, planted);
  }
}

// One planted item of a row, before the row's file and line are known.
struct PlantedItem {
  std::string field;  // CRS column name, or a JSON Pointer into the RMS record
  PiiKind kind;
  std::string value;  // UTF-8
  size_t start, end;  // byte offsets into the field's UTF-8 text
};

void AddSpans(std::string_view field, const std::string& text,
              const std::vector<PlantedSpan>& spans, std::vector<PlantedItem>& items) {
  for (const PlantedSpan& sp : spans)
    items.push_back({std::string(field), sp.kind, text.substr(sp.start, sp.end - sp.start),
                     sp.start, sp.end});
}

// A whole field holding one item (a surname, a date of birth).
void AddField(std::string_view field, PiiKind kind, const std::string& text,
              std::vector<PlantedItem>& items) {
  if (!text.empty()) items.push_back({std::string(field), kind, text, 0, text.size()});
}

// crs_N.csv or rms_N.jsonl.
bool IsExportName(std::string_view name) {
  std::string_view rest;
  if (name.starts_with("crs_") && name.ends_with(".csv"))
    rest = name.substr(4, name.size() - 8);
  else if (name.starts_with("rms_") && name.ends_with(".jsonl"))
    rest = name.substr(4, name.size() - 10);
  else
    return false;
  return !rest.empty() && rest.find_first_not_of("0123456789") == std::string_view::npos;
}

int64_t FixChangeHour(int64_t minute) {
  // Move out of the hour that a clock change skips or repeats.
  return IsChangeHour(minute) ? minute + 120 : minute;
}

class Generator {
 public:
  Generator(const Options& options, std::string dir)
      : options_(options),
        dir_(std::move(dir)),
        master_(options.seed),
        plan_rng_(master_.Fork(1)),
        rng_(master_.Fork(2)),
        crs_(dir_, "crs", "csv", options.files_per_source, CrsHeader()),
        rms_(dir_, "rms", "jsonl", options.files_per_source, "") {
    export_day_ = DayOfDate(options.last_year + 1, 1, 31);
    for (const Town& t : kTowns) town_total_ += t.weight;
  }

  ~Generator() {
    if (planted_file_) std::fclose(planted_file_);
  }
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  Result<Summary> Run();

 private:
  static std::string CrsHeader() {
    return "CRIME_NO,RECORDED_DATE,COMMITTED_FROM,COMMITTED_TO,HO_CLASS,HO_SUBCLASS,"
           "OFFENCE_TITLE,TOWN,BEAT,MO_TEXT,VICTIM_SURNAME,VICTIM_FORENAMES,VICTIM_DOB,"
           "VICTIM_AGE,OUTCOME_CODE,OUTCOME_DATE\r\n";
  }

  void Plan();
  void PlanSeeds();
  void PlanFaults();
  std::vector<int> DayCounts(int year, int64_t n) const;
  int64_t RandomMinuteOnDay(Rng& rng, int64_t day);
  int PickTown(Rng& rng);

  Status StreamYear(int year);
  Status Process(const Planned* planned, int64_t minute);
  void FillOrdinary(CrimeRec& c);
  Status FillBlackmail(const Planned& p, CrimeRec& c);
  void FillCommon(CrimeRec& c, int64_t minute);
  void SetPersonVictim(CrimeRec& c, int age);
  void DecideOutcome(CrimeRec& c, bool forced_closed, bool forced_migrated, int legacy, int ho);
  void RenderCrsText(const CrimeRec& c, bool with_update, std::string& out,
                     std::vector<PlantedSpan>* planted = nullptr) const;
  void BuildCrsRow(const CrimeRec& c, FaultKind fault, bool stale, std::string& line);
  void CollectCrsItems(const CrimeRec& c, std::vector<PlantedItem>& items) const;
  Status WritePlanted(const std::string& file, int64_t line, const std::string& crime_id,
                      const std::vector<PlantedItem>& items);
  Status OpenPlanted();
  Status ClosePlanted();
  Status WriteCrs(const CrimeRec& c, FaultKind fault);
  Status WriteRms(const CrimeRec& c, FaultKind fault, int64_t ordinal);
  Status SwitchToRms();
  Status FlushPendingDuplicates();
  void RecordBlackmail(const CrimeRec& c, const std::string& crs_text);
  FaultKind TakeFault(std::vector<PlannedFault>& plan, size_t& next, int64_t ordinal,
                      const CrimeRec& c);
  Status WriteGroundTruth(Summary& summary);
  void AddFault(const std::string& file, int64_t line, FaultKind kind) {
    faults_.push_back({file, line, kind});
  }

  const Options options_;
  const std::string dir_;
  Rng master_, plan_rng_, rng_;
  FileSeries crs_, rms_;
  int64_t export_day_ = 0;
  int town_total_ = 0;

  std::vector<std::vector<Planned>> specials_;  // per year
  std::vector<std::vector<int>> day_counts_;    // per year, per day of year
  int64_t crs_total_ = 0, rms_new_total_ = 0, total_crimes_ = 0;
  std::vector<PlannedFault> crs_faults_, rms_faults_;
  size_t next_crs_fault_ = 0, next_rms_fault_ = 0;
  int dup_seed_row_ = 0;

  int64_t crs_ordinal_ = 0, rms_ordinal_ = 0;
  bool switched_ = false;
  std::vector<CrimeRec> migrated_;
  std::array<std::vector<int>, 6> crs_seq_;  // per division, per year
  std::vector<int> rms_seq_;                 // per two-digit year
  struct PendingRow {
    std::string line;  // UTF-8, without line end
    int rows_to_wait;
    std::string crime_id;
    std::vector<PlantedItem> planted;
  };
  std::vector<PendingRow> pending_;

  std::vector<TruthRow> truth_;
  std::vector<DecisionRow> decisions_;
  std::vector<FaultRow> faults_;
  int64_t crs_rows_ = 0, rms_rows_ = 0;

  // pii_planted.csv, streamed: every planted item of every row written.
  std::FILE* planted_file_ = nullptr;
  std::string planted_path_, planted_buf_;
  int64_t planted_rows_ = 0;
  std::vector<PlantedSpan> spans_;
  std::vector<PlantedItem> items_;
  size_t crs_fields_written_ = 0;

  // Scratch buffers reused for every row.
  std::string text_, line_, out_, narrative_, summary_text_;
  std::array<std::string, 16> fields_;
  std::vector<std::string> pieces_;
};

int Generator::PickTown(Rng& rng) {
  int r = static_cast<int>(rng.Below(static_cast<uint64_t>(town_total_)));
  for (size_t i = 0; i < CountOf(kTowns); ++i) {
    if (r < kTowns[i].weight) return static_cast<int>(i);
    r -= kTowns[i].weight;
  }
  return 0;
}

int64_t Generator::RandomMinuteOnDay(Rng& rng, int64_t day) {
  const int hour = rng.Weighted(kHourWeights);
  return FixChangeHour(day * kMinutesPerDay + hour * 60 + rng.Int(0, 59));
}

std::vector<int> Generator::DayCounts(int year, int64_t n) const {
  const int64_t first = DayOfDate(year, 1, 1);
  const int days = static_cast<int>(DayOfDate(year + 1, 1, 1) - first);
  std::vector<int64_t> cum(static_cast<size_t>(days) + 1, 0);
  for (int d = 0; d < days; ++d) {
    const Date date = Date::FromDaysSinceEpoch(first + d);
    cum[static_cast<size_t>(d) + 1] =
        cum[static_cast<size_t>(d)] +
        kMonthWeights[date.month - 1] * kWeekdayWeights[date.Weekday()];
  }
  std::vector<int> counts(static_cast<size_t>(days));
  const int64_t total = cum.back();
  for (int d = 0; d < days; ++d) {
    counts[static_cast<size_t>(d)] = static_cast<int>(n * cum[static_cast<size_t>(d) + 1] / total -
                                                      n * cum[static_cast<size_t>(d)] / total);
  }
  return counts;
}

void Generator::PlanSeeds() {
  // Published rows are in recording order within a year; dates are drawn
  // in windows and assigned in that order. 2015 rows fall in three windows:
  // closed in CRS early, around the migrated ones late, and after cut-over.
  const auto rows = SeedRows();
  const int first_year = options_.first_year;
  struct Window {
    int64_t from_day, to_day;
    std::vector<int> rows;  // 1-based
  };
  std::vector<Window> windows;
  for (int year = kRequestFirstYear; year <= kRequestLastYear; ++year) {
    if (year < 2015) {
      windows.push_back({DayOfDate(year, 1, 1), DayOfDate(year, 12, 31), {}});
    } else {
      windows.push_back({DayOfDate(2015, 1, 1), DayOfDate(2015, 8, 19), {}});
      windows.push_back({DayOfDate(2015, 8, 20), DayOfDate(2015, 10, 12), {}});
      windows.push_back({CutoverDay(), DayOfDate(2015, 12, 31), {}});
    }
  }
  int first_migrated = 0;
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i].placement == Placement::kMigrated && !first_migrated)
      first_migrated = static_cast<int>(i) + 1;
  for (size_t i = 0; i < rows.size(); ++i) {
    const SeedRow& r = rows[i];
    const int row = static_cast<int>(i) + 1;
    size_t w = static_cast<size_t>(r.year - kRequestFirstYear);
    if (r.year == 2015) {
      w = 4;
      if (r.placement == Placement::kRms)
        w = 6;
      else if (row >= first_migrated)
        w = 5;
    }
    windows[w].rows.push_back(row);
  }
  for (Window& w : windows) {
    std::vector<int64_t> minutes;
    for (size_t k = 0; k < w.rows.size(); ++k) {
      const int64_t day = plan_rng_.Range(w.from_day, w.to_day);
      minutes.push_back(RandomMinuteOnDay(plan_rng_, day));
    }
    std::stable_sort(minutes.begin(), minutes.end());
    for (size_t k = 0; k < w.rows.size(); ++k) {
      Planned p;
      p.minute = minutes[k];
      p.category = Category::kSeed;
      p.seed_row = w.rows[k];
      const int year = YearOfDay(DayOf(p.minute));
      specials_[static_cast<size_t>(year - first_year)].push_back(p);
    }
  }
}

void Generator::Plan() {
  const int years = options_.last_year - options_.first_year + 1;
  specials_.assign(static_cast<size_t>(years), {});
  PlanSeeds();
  const int64_t other_per_year =
      std::max<int64_t>(kMinOtherBlackmailPerYear,
                        (static_cast<int64_t>(options_.crimes_per_year) * 30 + 4985) / 9970);
  for (int year = options_.first_year; year <= options_.last_year; ++year) {
    auto& list = specials_[static_cast<size_t>(year - options_.first_year)];
    const int64_t jan1 = DayOfDate(year, 1, 1), dec31 = DayOfDate(year, 12, 31);
    for (int k = 0; k < MissedCount(year); ++k) {
      Planned p;
      p.category = Category::kMissed;
      // Closed well before cut-over, so never migrated into RMS.
      const int64_t last = year == 2015 ? DayOfDate(2015, 7, 31) : dec31;
      p.minute = RandomMinuteOnDay(plan_rng_, plan_rng_.Range(jan1, last));
      list.push_back(p);
    }
    for (int k = 0; k < OtherYearSextortionCount(year); ++k) {
      Planned p;
      p.category = Category::kOtherYear;
      p.minute = RandomMinuteOnDay(plan_rng_, plan_rng_.Range(jan1, dec31));
      list.push_back(p);
    }
    for (int64_t k = 0; k < other_per_year; ++k) {
      Planned p;
      p.category = Category::kBlackmailOther;
      p.kind = static_cast<int>(plan_rng_.Below(kBlackmailKindCount));
      p.keyword = plan_rng_.Percent(kKeywordVariantPercent);
      p.minute = RandomMinuteOnDay(plan_rng_, plan_rng_.Range(jan1, dec31));
      if (year == 2015 && k < 2) {
        // Either side of cut-over midnight: 23:45 on 18 October is legacy;
        // 00:30 BST on 19 October is RMS, written as 2015-10-18T23:30:00+00:00.
        p.minute = k == 0 ? (CutoverDay() - 1) * kMinutesPerDay + 23 * 60 + 45
                          : CutoverDay() * kMinutesPerDay + 30;
        p.utc_recorded = true;
      }
      list.push_back(p);
    }
    std::stable_sort(list.begin(), list.end(),
                     [](const Planned& a, const Planned& b) { return a.minute < b.minute; });
  }

  day_counts_.clear();
  for (int year = options_.first_year; year <= options_.last_year; ++year) {
    const auto& list = specials_[static_cast<size_t>(year - options_.first_year)];
    const int64_t ordinary =
        std::max<int64_t>(0, options_.crimes_per_year - static_cast<int64_t>(list.size()));
    day_counts_.push_back(DayCounts(year, ordinary));
    const int64_t jan1 = DayOfDate(year, 1, 1);
    const auto& counts = day_counts_.back();
    for (size_t d = 0; d < counts.size(); ++d) {
      (jan1 + static_cast<int64_t>(d) < CutoverDay() ? crs_total_ : rms_new_total_) += counts[d];
    }
    for (const Planned& p : list)
      (DayOf(p.minute) < CutoverDay() ? crs_total_ : rms_new_total_) += 1;
  }
  total_crimes_ = crs_total_ + rms_new_total_;

  const int n_years = options_.last_year - options_.first_year + 1;
  for (auto& v : crs_seq_) v.assign(static_cast<size_t>(n_years), 0);
  rms_seq_.assign(100, 0);
  if (options_.plant_faults) PlanFaults();
}

void Generator::PlanFaults() {
  Rng rng = master_.Fork(3);
  const int64_t per_kind = std::max<int64_t>(2, total_crimes_ / 150000);
  auto spread = [&](int64_t total, std::span<const FaultKind> kinds,
                    std::vector<PlannedFault>& out) {
    if (total <= 0) return;
    // Away from both ends, so an eligible crime always follows.
    const int64_t lo = total / 20, span = std::max<int64_t>(1, total * 17 / 20);
    for (FaultKind k : kinds)
      for (int64_t i = 0; i < per_kind; ++i)
        out.push_back({lo + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(span))), k});
    std::stable_sort(out.begin(), out.end(), [](const PlannedFault& a, const PlannedFault& b) {
      return a.ordinal < b.ordinal;
    });
  };
  spread(crs_total_, kCrsRowFaults, crs_faults_);
  spread(rms_new_total_, kRmsLineFaults, rms_faults_);
  // One duplicate on a published crime too: the later row is right, so a
  // reader that keeps the later row loses nothing.
  const auto rows = SeedRows();
  std::vector<int> closed_crs;
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i].placement == Placement::kCrs) closed_crs.push_back(static_cast<int>(i) + 1);
  dup_seed_row_ = closed_crs[rng.Below(closed_crs.size())];
}

FaultKind Generator::TakeFault(std::vector<PlannedFault>& plan, size_t& next, int64_t ordinal,
                               const CrimeRec& c) {
  if (next >= plan.size() || plan[next].ordinal > ordinal) return FaultKind::kNone;
  if (c.category != Category::kOrdinary || c.migrated) return FaultKind::kNone;
  const FaultKind k = plan[next].kind;
  if (k == FaultKind::kAgeDobMismatch && !(c.victim == VictimKind::kPerson && c.has_dob))
    return FaultKind::kNone;
  if (k == FaultKind::kUnknownOutcome && c.legacy < 0) return FaultKind::kNone;
  ++next;
  return k;
}

void Generator::FillCommon(CrimeRec& c, int64_t minute) {
  c.recorded = minute;
  c.town = rng_.Percent(2) ? -1 : PickTown(rng_);
  const int facts_town = c.town >= 0 ? c.town : PickTown(rng_);
  c.beat = rng_.Int(1, facts_town == 0 ? 20 : 8);
  c.lsoa = rng_.Int(6000, 7999);
  c.has_from = rng_.Percent(95);
  if (c.has_from) {
    const int64_t back =
        rng_.Percent(80) ? rng_.Range(10, 72 * 60) : rng_.Range(60, 7 * kMinutesPerDay);
    c.from = minute - back;
    if (IsChangeHour(c.from)) c.from -= 120;
    c.has_to = rng_.Percent(50);
    if (c.has_to) {
      c.to = std::min(minute, c.from + rng_.Range(10, 12 * 60));
      if (IsChangeHour(c.to)) c.to = c.from;
    }
  }
  FillFacts(rng_, facts_town, c.has_from ? c.from : minute, c.facts);
  c.crs_break = rng_.Percent(96) ? 0 : rng_.Percent(75) ? 1 : 2;
  c.rms_local_offset = rng_.Percent(15);
  c.rms_shuffle = rng_.Percent(8);
  c.rms_extra_key = rng_.Percent(3) ? static_cast<int>(rng_.Below(CountOf(kExtraKeys))) : -1;
}

void Generator::SetPersonVictim(CrimeRec& c, int age) {
  // DOB from an age on the offence start date; exact age is recomputed
  // from dates wherever it is written.
  const int64_t start = DayOf(c.has_from ? c.from : c.recorded);
  c.victim = VictimKind::kPerson;
  c.dob_days =
      start - (static_cast<int64_t>(age) * 365 + age / 4) - static_cast<int64_t>(rng_.Below(365));
  c.has_dob = rng_.Percent(80);
  const Date start_date = Date::FromDaysSinceEpoch(start);
  const Date dob = Date::FromDaysSinceEpoch(c.dob_days);
  const int on_start = AgeOn(dob, start_date);
  const int on_recorded = AgeOn(dob, Date::FromDaysSinceEpoch(DayOf(c.recorded)));
  c.facts.v_age = on_start;
  c.facts.v_dob_days = c.dob_days;
  if (c.has_dob) {
    // A stated age only where it cannot disagree with the date of birth
    // (the planted age_dob_mismatch faults are the only disagreements).
    if (on_start == on_recorded && rng_.Percent(60)) c.crs_age = on_start;
  } else if (rng_.Percent(50)) {
    c.crs_age = on_start;
    c.rms_age = on_start;
  }
}

void Generator::DecideOutcome(CrimeRec& c, bool forced_closed, bool forced_migrated, int legacy,
                              int ho) {
  const int64_t day = DayOf(c.recorded);
  const bool blackmail = c.offence == BlackmailOffence();
  auto delay = [&] { return rng_.Percent(70) ? rng_.Range(1, 45) : rng_.Range(30, 240); };
  auto pick_legacy = [&] {
    int i = blackmail ? rng_.Weighted(kLegacyBlackmailWeights) : rng_.Weighted(kLegacyWeights);
    // Reprimands and final warnings until youth cautions replaced them in June 2013.
    if (i == kYcc && day < DayOfDate(2013, 6, 1)) i = rng_.Percent(50) ? kRpm : kFwn;
    return i;
  };
  auto pick_ho = [&] {
    return kRmsTypes[blackmail ? rng_.Weighted(kRmsBlackmailWeights) : rng_.Weighted(kRmsWeights)];
  };
  auto rms_open = [&](int64_t age) {
    return rng_.PerMillion(600000LL * 40 * 40 / ((40 + age) * (40 + age)) + 5000);
  };
  if (day < CutoverDay()) {
    const int64_t age = CutoverDay() - day;
    c.migrated = forced_migrated ||
                 (!forced_closed && rng_.PerMillion(300000LL * 35 * 35 / ((35 + age) * (35 + age)) +
                                                    (age < 1100 ? 400 : 0)));
    if (!c.migrated) {
      c.legacy = legacy >= 0 ? legacy : pick_legacy();
      c.legacy_day = day + delay();
      if (c.legacy_day >= CutoverDay()) c.legacy_day = rng_.Range(day, CutoverDay() - 1);
      return;
    }
    // Open at cut-over: closed, if at all, in RMS.
    if (ho > 0 || !rms_open(export_day_ - day)) {
      c.ho_type = ho > 0 ? ho : pick_ho();
      c.ho_day = std::min(export_day_, std::max(CutoverDay() + rng_.Range(1, 20), day + delay()));
    }
    return;
  }
  if (ho > 0 || forced_closed || !rms_open(export_day_ - day)) {
    c.ho_type = ho > 0 ? ho : pick_ho();
    c.ho_day = std::min(export_day_, day + delay());
  }
}

void Generator::FillOrdinary(CrimeRec& c) {
  c.offence = PickOrdinaryOffence(rng_);
  const OffenceInfo& info = OffenceAt(c.offence);
  c.subclass = info.subclasses > 1 ? rng_.Int(0, info.subclasses - 1) : 0;
  ComposeOrdinary(c.offence, rng_, c.body, c.summary);
  if (rng_.Percent(55)) c.body.Add(PickContactLine(rng_));
  if (rng_.Percent(45)) c.crs_update = PickUpdate(rng_);
  if (rng_.Percent(30)) c.rms_update = PickUpdate(rng_);
  c.victim = info.victim;
  if (info.victim == VictimKind::kPerson) {
    const int age = rng_.Percent(3)    ? rng_.Int(10, 15)
                    : rng_.Percent(40) ? rng_.Int(16, 29)
                                       : rng_.Int(30, 85);
    SetPersonVictim(c, age);
  }
  c.suspect = info.victim == VictimKind::kNone ? SuspectKind::kNamed
              : rng_.Percent(35)               ? SuspectKind::kNamed
                                               : SuspectKind::kNone;
  c.witness = rng_.Percent(15);
  DecideOutcome(c, false, false, -1, 0);
}

// Date of birth giving exactly `age` on `on`; `back` days before the
// latest such birthday.
int64_t DobForAge(const Date& on, int age, int64_t back) {
  Date latest{on.year - age, on.month, on.day};
  if (!IsValidDate(latest.year, latest.month, latest.day)) latest.day = 28;  // 29 February
  int64_t dob = latest.DaysSinceEpoch() - back;
  while (AgeOn(Date::FromDaysSinceEpoch(dob), on) > age) ++dob;
  while (AgeOn(Date::FromDaysSinceEpoch(dob), on) < age) --dob;
  return dob;
}

Status Generator::FillBlackmail(const Planned& p, CrimeRec& c) {
  c.category = p.category;
  c.seed_row = p.seed_row;
  c.offence = BlackmailOffence();
  c.victim = VictimKind::kPerson;
  c.suspect = SuspectKind::kNamed;
  const SeedRow* seed =
      p.category == Category::kSeed ? &SeedRows()[static_cast<size_t>(p.seed_row - 1)] : nullptr;
  const bool sextortion = p.category != Category::kBlackmailOther;
  KeywordRule rule = KeywordRule::kAny;
  if (seed && seed->placement != Placement::kRms) rule = KeywordRule::kRequire;
  if (p.category == Category::kMissed) rule = KeywordRule::kForbid;
  if (p.category == Category::kBlackmailOther && p.keyword) rule = KeywordRule::kRequire;

  if (p.utc_recorded) c.rms_local_offset = false;
  const AgeTrap trap = seed ? seed->trap : AgeTrap::kNone;
  const int64_t day = DayOf(c.recorded);
  if (seed || sextortion) {
    // Reported within a few days of the offence; traps fix the start.
    c.has_from = true;
    c.from = FixChangeHour(c.recorded - rng_.Range(30, 3 * kMinutesPerDay));
    if (c.from > c.recorded) c.from = c.recorded;
    c.has_to = rng_.Percent(30);
    c.to = std::min(c.recorded, c.from + rng_.Range(10, 120));
    if (IsChangeHour(c.to)) c.to = c.from;
    if (trap == AgeTrap::kBirthdayAfterStart) {
      c.from = (day - 2) * kMinutesPerDay + rng_.Int(18, 22) * 60 + rng_.Int(0, 59);
    } else if (trap == AgeTrap::kSummerMidnight) {
      c.from = (day - 1) * kMinutesPerDay + 30;
      c.utc_from = true;
      c.has_to = false;
    }
    if (c.has_to && c.to < c.from) c.to = c.from;
  }
  const int64_t start_day = DayOf(c.has_from ? c.from : c.recorded);
  const Date start = Date::FromDaysSinceEpoch(start_day);

  // Victim.
  bool female;
  int age;
  if (seed) {
    female = seed->story == Story::kKnownPeer   ? rng_.Percent(70)
             : seed->story == Story::kExPartner ? true
                                                : rng_.Percent(12);
    age = seed->age;
  } else if (sextortion) {
    female = rng_.Percent(15);
    age = rng_.Percent(40) ? rng_.Int(16, 24) : rng_.Int(25, 60);
  } else {
    female = rng_.Percent(40);
    age = rng_.Int(18, 70);
  }
  if (seed) {
    c.has_dob = age >= 0;
    if (c.has_dob) {
      switch (trap) {
        case AgeTrap::kBirthdayOnStart:
        case AgeTrap::kSummerMidnight:
          c.dob_days = DobForAge(start, age, 0);
          break;
        case AgeTrap::kBirthdayAfterStart: {
          // The next birthday is the day after the offence started, before
          // the crime was recorded.
          const Date next = Date::FromDaysSinceEpoch(start_day + 1);
          if (IsValidDate(next.year - age - 1, next.month, next.day)) {
            c.dob_days = Date{next.year - age - 1, next.month, next.day}.DaysSinceEpoch();
          } else {
            c.dob_days = DobForAge(start, age, static_cast<int64_t>(rng_.Below(365)));
          }
          break;
        }
        default:
          c.dob_days = DobForAge(start, age, static_cast<int64_t>(rng_.Below(365)));
      }
      const int on_recorded =
          AgeOn(Date::FromDaysSinceEpoch(c.dob_days), Date::FromDaysSinceEpoch(day));
      if (on_recorded == age && rng_.Percent(70)) c.crs_age = age;
    }
    c.rms_no_victim = trap == AgeTrap::kNoVictimPerson;
    c.other_first = trap == AgeTrap::kOtherPersonFirst;
    c.other_dob_days = start_day - rng_.Range(38 * 365, 55 * 365);
  } else {
    c.has_dob = rng_.Percent(sextortion ? 85 : 70);
    c.dob_days = DobForAge(start, age, static_cast<int64_t>(rng_.Below(365)));
    const int on_recorded =
        AgeOn(Date::FromDaysSinceEpoch(c.dob_days), Date::FromDaysSinceEpoch(day));
    if (c.has_dob && on_recorded == age && rng_.Percent(60)) c.crs_age = age;
    if (!c.has_dob && rng_.Percent(50)) c.crs_age = c.rms_age = age;
  }

  // Text: draw details and wording until the search words are present or
  // absent as the rule needs (names such as Webb can add one by chance).
  const Story story = seed ? seed->story : Story::kOnline;
  c.story = story;
  int seed_legacy = -1;
  if (seed) {
    const std::string_view w = seed->outcome;
    seed_legacy = w == "Charge" ? kChg : w == "Caution" ? kCau : w == "Undetected" ? kUnd : kYcc;
  }
  const bool known_suspect = story == Story::kKnownPeer || story == Story::kExPartner;
  c.blackmail_kind = p.kind;
  for (int attempt = 0;; ++attempt) {
    if (attempt == 200) {
      return Error::Internal("synth: cannot word a blackmail text to the keyword rule (seed row " +
                             std::to_string(p.seed_row) + ")");
    }
    FillFacts(rng_, c.town >= 0 ? c.town : PickTown(rng_), c.has_from ? c.from : c.recorded,
              c.facts);
    c.facts.v_female = female;
    c.facts.v_first =
        static_cast<int>(rng_.Below(female ? CountOf(kFemaleNames) : CountOf(kMaleNames)));
    c.facts.v_age = age;
    c.facts.v_dob_days = c.dob_days;
    c.body = Parts{};
    if (sextortion) {
      c.facts.quote_pool = kQuoteSextortion;
      if (seed)
        SetSextortionPlotFromDetails(seed->details, rng_, c.facts);
      else
        SetRandomSextortionPlot(rng_, rule == KeywordRule::kForbid, c.facts);
      if (seed && story == Story::kKnownPeer) {
        // The offender is a named young person: a youth caution needs a youth.
        const int s_age =
            seed->outcome == std::string_view("Caution – Youth") ? 16 : rng_.Int(18, 24);
        c.facts.s_dob_days = DobForAge(start, s_age, static_cast<int64_t>(rng_.Below(365)));
      }
      ComposeSextortion(story, rule, rng_, c.facts, c.body, c.summary);
    } else {
      c.facts.quote_pool = kQuoteDebt;
      ComposeOtherBlackmail(p.kind, p.keyword, rng_, c.body, c.summary);
    }
    c.crs_update = nullptr;
    if (seed && known_suspect) {
      c.crs_update = KnownSuspectUpdate(kLegacy[seed_legacy].ho_type);
    } else if (rng_.Percent(60)) {
      c.crs_update = sextortion ? SextortionUpdate(rng_) : BlackmailUpdate(rng_);
    }
    RenderCrsText(c, true, text_);
    const bool has = HasSearchKeyword(text_);
    if (rule == KeywordRule::kRequire && !has) continue;
    if (rule == KeywordRule::kForbid && has) continue;
    break;
  }
  c.suspect = (known_suspect || !sextortion)
                  ? (rng_.Percent(sextortion ? 100 : 50) ? SuspectKind::kNamed : SuspectKind::kNone)
              : story == Story::kRansom ? SuspectKind::kNone
                                        : SuspectKind::kOnline;
  c.witness = false;

  // Outcome.
  if (seed) {
    const int legacy = seed_legacy;
    const int ho = kLegacy[legacy].ho_type;
    if (seed->placement == Placement::kCrs) {
      c.legacy = legacy;
      c.legacy_day = std::min(day + rng_.Range(7, 120), CutoverDay() - 1);
      if (c.legacy_day < day) c.legacy_day = day;
    } else {
      c.migrated = seed->placement == Placement::kMigrated;
      c.ho_type = ho;
      c.ho_day = c.migrated ? CutoverDay() + rng_.Range(5, 90) : day + rng_.Range(7, 120);
      c.ho_day = std::max(day, std::min(c.ho_day, export_day_));
    }
    c.rms_update = c.crs_update;
  } else if (sextortion) {
    DecideOutcome(c, /*forced_closed=*/true, false,
                  rng_.Percent(80)   ? kUnd
                  : rng_.Percent(50) ? kEvd
                                     : kVns,
                  0);
  } else {
    DecideOutcome(c, false, false, -1, 0);
  }
  if (!c.rms_update && rng_.Percent(50))
    c.rms_update = sextortion ? SextortionUpdate(rng_) : BlackmailUpdate(rng_);
  return {};
}

void Generator::RenderCrsText(const CrimeRec& c, bool with_update, std::string& out,
                              std::vector<PlantedSpan>* planted) const {
  out.clear();
  if (planted) planted->clear();
  RenderParts(c.body, c.facts, Style::kCrs, out, planted);
  if (with_update && c.crs_update) {
    out += c.crs_break == 1 ? "\r\n" : c.crs_break == 2 ? "\n" : " ";
    Render(c.crs_update, c.facts, Style::kCrs, out, planted);
  }
}

void Generator::CollectCrsItems(const CrimeRec& c, std::vector<PlantedItem>& items) const {
  // The fields of the row just built (fields_), in column order; a short
  // row's missing columns hold nothing.
  items.clear();
  const size_t n = crs_fields_written_;
  if (n > 7) AddField("TOWN", PiiKind::kLocation, fields_[7], items);
  if (n > 9) AddSpans("MO_TEXT", fields_[9], spans_, items);
  if (c.victim == VictimKind::kPerson) {
    if (n > 10) AddField("VICTIM_SURNAME", PiiKind::kPerson, fields_[10], items);
    if (n > 11) AddField("VICTIM_FORENAMES", PiiKind::kPerson, fields_[11], items);
    if (n > 12) AddField("VICTIM_DOB", PiiKind::kDateOfBirth, fields_[12], items);
  }
}

Status Generator::OpenPlanted() {
  planted_path_ = dir_ + "/pii_planted.csv";
  planted_file_ = std::fopen(planted_path_.c_str(), "wb");
  if (!planted_file_) return Error::Io(planted_path_ + ": cannot create");
  planted_buf_ = "file,line,crime_id,field,type,value,start,end\n";
  return {};
}

Status Generator::WritePlanted(const std::string& file, int64_t line, const std::string& crime_id,
                               const std::vector<PlantedItem>& items) {
  if (!planted_file_) return {};  // not asked for
  for (const PlantedItem& it : items) {
    planted_buf_ += CsvEscape(file);
    planted_buf_ += ',';
    AppendInt(planted_buf_, line);
    planted_buf_ += ',';
    planted_buf_ += CsvEscape(crime_id);
    planted_buf_ += ',';
    planted_buf_ += CsvEscape(it.field);
    planted_buf_ += ',';
    planted_buf_ += PiiKindName(it.kind);
    planted_buf_ += ',';
    planted_buf_ += CsvEscape(it.value);
    planted_buf_ += ',';
    AppendInt(planted_buf_, static_cast<int64_t>(it.start));
    planted_buf_ += ',';
    AppendInt(planted_buf_, static_cast<int64_t>(it.end));
    planted_buf_ += '\n';
    ++planted_rows_;
  }
  if (planted_buf_.size() >= (1u << 20)) {
    if (std::fwrite(planted_buf_.data(), 1, planted_buf_.size(), planted_file_) !=
        planted_buf_.size())
      return Error::Io(planted_path_ + ": write failed");
    planted_buf_.clear();
  }
  return {};
}

Status Generator::ClosePlanted() {
  if (!planted_file_) return {};
  const bool ok = std::fwrite(planted_buf_.data(), 1, planted_buf_.size(), planted_file_) ==
                  planted_buf_.size();
  const bool closed = std::fclose(planted_file_) == 0;
  planted_file_ = nullptr;
  planted_buf_.clear();
  if (!ok || !closed) return Error::Io(planted_path_ + ": write failed");
  return {};
}

void Generator::BuildCrsRow(const CrimeRec& c, FaultKind fault, bool stale, std::string& line) {
  for (auto& f : fields_) f.clear();
  const OffenceInfo& info = OffenceAt(c.offence);
  const int64_t day = DayOf(c.recorded);
  fields_[0] = c.crs_no;
  if (fault == FaultKind::kImpossibleDate) {
    static constexpr const char* kBad[] = {"31/02/", "30/02/", "31/04/",
                                           "31/06/", "31/09/", "31/11/"};
    fields_[1] = rng_.Pick(kBad);
    AppendInt(fields_[1], YearOfDay(day));
  } else {
    AppendCrsDate(fields_[1], day);
  }
  if (c.has_from) AppendCrsDateTime(fields_[2], c.from);
  if (c.has_to) AppendCrsDateTime(fields_[3], c.to);
  fields_[4] =
      fault == FaultKind::kUnknownOffence ? rng_.Pick(kUnknownOffences) : PaddedCode(info.code);
  AppendTwoDigits(fields_[5], c.subclass);
  fields_[6] = info.title;
  UpperInPlace(fields_[6], 0);
  if (c.town >= 0 && !stale) {
    fields_[7] = kTowns[c.town].upper;
    fields_[8] = kTowns[c.town].beat;
    AppendTwoDigits(fields_[8], c.beat);
  }
  RenderCrsText(c, true, fields_[9], &spans_);
  if (c.victim == VictimKind::kPerson) {
    fields_[10] = VictimSurname(c.facts);
    AppendVictimForenames(c.facts, fields_[11]);
    UpperInPlace(fields_[10], 0);
    UpperInPlace(fields_[11], 0);
    if (c.has_dob) AppendCrsDate(fields_[12], c.dob_days);
    int age = c.crs_age;
    if (fault == FaultKind::kAgeDobMismatch) {
      const int true_age = AgeOn(Date::FromDaysSinceEpoch(c.dob_days),
                                 Date::FromDaysSinceEpoch(DayOf(c.has_from ? c.from : c.recorded)));
      const int delta = rng_.Int(3, 12);
      age = true_age >= delta + 1 && rng_.Percent(50) ? true_age - delta : true_age + delta;
    }
    if (age >= 0) AppendInt(fields_[13], age);
  } else if (c.victim == VictimKind::kBusiness) {
    fields_[10] = kShops[c.facts.shop];
    UpperInPlace(fields_[10], 0);
  }
  if (c.legacy >= 0 && !stale) {
    fields_[14] =
        fault == FaultKind::kUnknownOutcome ? rng_.Pick(kUnknownOutcomes) : kLegacy[c.legacy].code;
    AppendCrsDate(fields_[15], c.legacy_day);
  }
  size_t n = fields_.size();
  if (fault == FaultKind::kShortRow) n = static_cast<size_t>(rng_.Int(8, 13));
  crs_fields_written_ = n;
  line.clear();
  for (size_t i = 0; i < n; ++i) {
    if (i) line += ',';
    AppendCsvField(line, fields_[i]);
  }
  if (fault == FaultKind::kLongRow) {
    // A stray delimiter from a hand edit: one or two extra fields.
    line += rng_.Percent(50) ? "," : ",N,";
  }
}

Status Generator::FlushPendingDuplicates() {
  for (PendingRow& p : pending_) {
    out_.clear();
    AppendCp1252(out_, p.line);
    out_ += "\r\n";
    const int64_t at = crs_.Write(out_);
    ++crs_rows_;
    AddFault(crs_.name(), at, FaultKind::kDuplicate);
    if (auto s = WritePlanted(crs_.name(), at, p.crime_id, p.planted); !s.ok()) return s;
  }
  pending_.clear();
  return {};
}

Status Generator::WriteCrs(const CrimeRec& c, FaultKind fault) {
  if (auto s = crs_.Select(crs_ordinal_, crs_total_); !s.ok()) return s;
  const bool duplicate = fault == FaultKind::kDuplicate;
  BuildCrsRow(c, duplicate ? FaultKind::kNone : fault, /*stale=*/duplicate, line_);
  CollectCrsItems(c, items_);
  out_.clear();
  AppendCp1252(out_, line_);
  out_ += "\r\n";
  const int64_t at = crs_.Write(out_);
  ++crs_rows_;
  if (fault != FaultKind::kNone && !duplicate) AddFault(crs_.name(), at, fault);
  if (auto s = WritePlanted(crs_.name(), at, c.crs_no, items_); !s.ok()) return s;
  // Release held correct rows once enough rows have passed.
  for (size_t i = 0; i < pending_.size();) {
    if (--pending_[i].rows_to_wait > 0) {
      ++i;
      continue;
    }
    out_.clear();
    AppendCp1252(out_, pending_[i].line);
    out_ += "\r\n";
    const int64_t dup_at = crs_.Write(out_);
    ++crs_rows_;
    AddFault(crs_.name(), dup_at, FaultKind::kDuplicate);
    if (auto s = WritePlanted(crs_.name(), dup_at, pending_[i].crime_id, pending_[i].planted);
        !s.ok())
      return s;
    pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  if (duplicate) {
    // The first row was an earlier export of an open crime; the correct row
    // follows a few rows later in the same file.
    BuildCrsRow(c, FaultKind::kNone, false, line_);
    CollectCrsItems(c, items_);
    pending_.push_back({line_, rng_.Int(1, 6), c.crs_no, items_});
  }
  ++crs_ordinal_;
  return {};
}

Status Generator::WriteRms(const CrimeRec& c, FaultKind fault, int64_t ordinal) {
  if (auto s = rms_.Select(ordinal, static_cast<int64_t>(migrated_.size()) + rms_new_total_);
      !s.ok())
    return s;
  const OffenceInfo& info = OffenceAt(c.offence);
  const Facts& f = c.facts;
  const bool record = fault != FaultKind::kInvalidJson;  // a cut line cannot be read back
  items_.clear();

  // narrative: dated log entries, newest last. Each entry's date and the
  // officer's name are planted items too.
  narrative_.clear();
  spans_.clear();
  auto entry = [&](int64_t stamp, bool with_time) {
    if (!narrative_.empty()) narrative_ += '\n';
    const size_t at = narrative_.size();
    if (with_time)
      AppendCrsDateTime(narrative_, stamp);
    else
      AppendCrsDate(narrative_, stamp);
    spans_.push_back({PiiKind::kDate, at, at + 10});  // dd/mm/yyyy
    if (with_time) {
      narrative_ += ' ';
      Render("{officer}", f, Style::kRms, narrative_, &spans_);
    }
    narrative_ += ": ";
  };
  entry(c.recorded, true);
  RenderParts(c.body, f, Style::kRms, narrative_, &spans_);
  int64_t stamp = c.recorded + rng_.Range(1, 20) * kMinutesPerDay + rng_.Range(0, 600);
  if (c.crs_update) {
    entry(stamp, true);
    Render(c.crs_update, f, Style::kRms, narrative_, &spans_);
  }
  if (c.migrated) {
    stamp = CutoverDay() * kMinutesPerDay + rng_.Range(7 * 60, 17 * 60);
    entry(stamp, true);
    Render("Record migrated from CRS {crsno}; investigation continues.", f, Style::kRms,
           narrative_, &spans_);
    stamp += rng_.Range(1, 10) * kMinutesPerDay;
  }
  if (c.rms_update && c.rms_update != c.crs_update) {
    entry(stamp, true);
    Render(c.rms_update, f, Style::kRms, narrative_, &spans_);
  }
  if (c.ho_type > 0) {
    entry(c.ho_day, false);
    narrative_.resize(narrative_.size() - 1);  // "dd/mm/yyyy: Finalised"
    narrative_ += " Finalised – outcome ";
    AppendInt(narrative_, c.ho_type);
    narrative_ += '.';
  }
  AddSpans("/narrative", narrative_, spans_, items_);
  summary_text_.clear();
  spans_.clear();
  if (c.category != Category::kOrdinary || rng_.Percent(98))
    Render(c.summary, f, Style::kRms, summary_text_, &spans_);
  AddSpans("/summary", summary_text_, spans_, items_);

  pieces_.resize(10);
  std::string* p = pieces_.data();
  p[0] = "\"id\": ";
  AppendJsonString(p[0], c.rms_id);
  p[1] = "\"recorded\": \"";
  AppendIsoInstant(p[1], c.recorded, c.rms_local_offset);
  p[1] += '"';
  p[2] = "\"offence\": {\"ho_class\": ";
  AppendJsonString(p[2], info.code);
  p[2] += ", \"ho_subclass\": \"";
  AppendInt(p[2], c.subclass);
  p[2] += "\", \"title\": ";
  AppendJsonString(p[2], info.title);
  p[2] += '}';
  p[3] = "\"occurred\": {\"from\": ";
  if (c.has_from) {
    p[3] += '"';
    AppendIsoInstant(p[3], c.from, c.rms_local_offset && !c.utc_from);
    p[3] += '"';
  } else {
    p[3] += "null";
  }
  p[3] += ", \"to\": ";
  if (c.has_to) {
    p[3] += '"';
    AppendIsoInstant(p[3], c.to, c.rms_local_offset);
    p[3] += '"';
  } else {
    p[3] += "null";
  }
  p[3] += '}';
  p[4] = "\"location\": {";
  if (c.town >= 0) {
    p[4] += "\"town\": ";
    AppendJsonString(p[4], kTowns[c.town].name);
    AddField("/location/town", PiiKind::kLocation, kTowns[c.town].name, items_);
    p[4] += ", \"beat\": ";
    if (rng_.Percent(97)) {
      p[4] += '"';
      p[4] += kTowns[c.town].beat;
      AppendTwoDigits(p[4], c.beat);
      p[4] += '"';
    } else {
      p[4] += "null";
    }
    if (rng_.Percent(95)) {
      p[4] += ", \"lsoa\": \"E0102";
      AppendInt(p[4], c.lsoa);
      p[4] += '"';
    }
  } else {
    p[4] += "\"town\": null";
  }
  p[4] += '}';
  p[5] = "\"summary\": ";
  AppendJsonString(p[5], summary_text_);
  p[6] = "\"narrative\": ";
  AppendJsonString(p[6], narrative_);

  std::string& people = p[7];
  people = "\"people\": [";
  bool first = true;
  int index = -1;
  // `named` is false for a business, whose name is not personal data.
  auto person = [&](const char* role, std::string_view surname, std::string_view forenames,
                    bool has_dob, int64_t dob, int age, bool named = true) {
    if (!first) people += ", ";
    first = false;
    const std::string at = "/people/" + std::to_string(++index) + "/";
    if (named) {
      AddField(at + "surname", PiiKind::kPerson, std::string(surname), items_);
      AddField(at + "forenames", PiiKind::kPerson, std::string(forenames), items_);
    }
    people += "{\"role\": \"";
    people += role;
    people += "\", \"surname\": ";
    if (surname.empty())
      people += "null";
    else
      AppendJsonString(people, surname);
    people += ", \"forenames\": ";
    if (forenames.empty())
      people += "null";
    else
      AppendJsonString(people, forenames);
    people += ", \"dob\": ";
    if (has_dob) {
      people += '"';
      const size_t from = people.size();
      AppendIsoDate(people, dob);
      AddField(at + "dob", PiiKind::kDateOfBirth, people.substr(from), items_);
      people += '"';
    } else {
      people += "null";
    }
    if (!has_dob && age >= 0) {
      people += ", \"age\": ";
      AppendInt(people, age);
    }
  };
  if (c.other_first) {
    // The parent who reported it, listed before the victim.
    person("other", VictimSurname(f), kFemaleNames[f.w_first % CountOf(kFemaleNames)], true,
           c.other_dob_days, -1);
    people += '}';
  }
  if (c.victim == VictimKind::kPerson && !c.rms_no_victim) {
    std::string forenames;
    AppendVictimForenames(f, forenames);
    person("victim", VictimSurname(f), forenames, c.has_dob, c.dob_days, c.rms_age);
    people += '}';
  } else if (c.victim == VictimKind::kBusiness) {
    person("victim", kShops[f.shop], "", false, 0, -1, /*named=*/false);
    people += '}';
  }
  if (c.suspect == SuspectKind::kNamed) {
    person("suspect", SuspectSurname(f), SuspectForename(f), rng_.Percent(70), f.s_dob_days, -1);
    people += '}';
  } else if (c.suspect == SuspectKind::kOnline) {
    person("suspect", "", "", false, 0, -1);
    people += ", \"online_ids\": [";
    std::string id;
    AppendOnlineId(f, id);
    AppendJsonString(people, id);
    AddField("/people/" + std::to_string(index) + "/online_ids/0", PiiKind::kHandle, id, items_);
    people += "]}";
  }
  if (c.witness) {
    std::string wf = f.w_female ? kFemaleNames[f.w_first % CountOf(kFemaleNames)]
                                : kMaleNames[f.w_first % CountOf(kMaleNames)];
    person("witness", kSurnames[f.w_sur], wf, false, 0, -1);
    people += '}';
  }
  people += ']';

  p[8] = "\"outcome\": ";
  if (c.ho_type > 0) {
    p[8] += "{\"ho_type\": ";
    AppendInt(p[8], c.ho_type);
    p[8] += ", \"date\": \"";
    AppendIsoDate(p[8], c.ho_day);
    p[8] += "\"}";
  } else {
    p[8] += "null";
  }
  p[9] = "\"legacy_ref\": ";
  if (c.migrated)
    AppendJsonString(p[9], c.crs_no);
  else
    p[9] += "null";

  std::array<int, 11> order{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1};
  int n = 10;
  if (c.rms_extra_key >= 0) order[static_cast<size_t>(n++)] = 10;
  if (c.rms_shuffle) {
    for (int i = n - 1; i > 0; --i)
      std::swap(order[static_cast<size_t>(i)], order[rng_.Below(static_cast<uint64_t>(i) + 1)]);
  }
  line_.clear();
  line_ += '{';
  bool any = false;
  for (int i = 0; i < n; ++i) {
    const int k = order[static_cast<size_t>(i)];
    if (k == 0 && fault == FaultKind::kMissingId) continue;
    if (k == 1 && fault == FaultKind::kMissingRecorded) continue;
    if (any) line_ += ", ";
    any = true;
    line_ += k == 10 ? kExtraKeys[c.rms_extra_key] : pieces_[static_cast<size_t>(k)];
  }
  line_ += '}';
  if (fault == FaultKind::kInvalidJson) {
    // Cut off mid-record, as a truncated export would be, at an ASCII byte
    // so the file stays valid UTF-8.
    size_t cut = static_cast<size_t>(
        rng_.Range(static_cast<int64_t>(line_.size() / 3), static_cast<int64_t>(line_.size()) - 2));
    while (cut > 1 && static_cast<unsigned char>(line_[cut]) >= 0x80) --cut;
    line_.resize(cut);
  }
  line_ += '\n';
  const int64_t at = rms_.Write(line_);
  ++rms_rows_;
  if (fault != FaultKind::kNone) AddFault(rms_.name(), at, fault);
  if (record) return WritePlanted(rms_.name(), at, c.rms_id, items_);
  return {};
}

Status Generator::SwitchToRms() {
  switched_ = true;
  if (auto s = crs_.Finish(); !s.ok()) return s;
  int64_t ordinal = 0;
  for (CrimeRec& c : migrated_) {
    // Migrated records took the first RMS numbers of 2015.
    c.rms_id = "RMS-15-";
    const int seq = ++rms_seq_[15];
    std::string digits;
    AppendInt(digits, seq);
    c.rms_id += std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
    if (auto s = WriteRms(c, FaultKind::kNone, ordinal++); !s.ok()) return s;
  }
  rms_ordinal_ = ordinal;
  return {};
}

void Generator::RecordBlackmail(const CrimeRec& c, const std::string& crs_text) {
  const int year = YearOfDay(DayOf(c.recorded));
  const bool in_years = year >= kRequestFirstYear && year <= kRequestLastYear;
  const bool in_rms = c.migrated || DayOf(c.recorded) >= CutoverDay();
  // The force's candidates: legacy blackmail whose text has a search word,
  // and every blackmail crime the current system holds.
  const bool candidate = in_years && (in_rms || HasSearchKeyword(crs_text));
  const bool relevant = c.category != Category::kBlackmailOther;
  const std::string& id = DayOf(c.recorded) < CutoverDay() ? c.crs_no : c.rms_id;
  truth_.push_back({id, relevant, c.category, c.seed_row, year, candidate});
  if (!candidate) return;
  DecisionRow d;
  d.id = id;
  d.relevant = c.category == Category::kSeed;
  d.reviewer = rng_.Int(1, 3);
  if (d.relevant) {
    d.summary = SeedRows()[static_cast<size_t>(c.seed_row - 1)].details;
    d.reason = SextortionReason(c.story, c.facts);
  } else {
    d.reason = OtherBlackmailReason(c.blackmail_kind);
  }
  decisions_.push_back(std::move(d));
}

Status Generator::Process(const Planned* planned, int64_t minute) {
  const int64_t day = DayOf(minute);
  const bool in_crs = day < CutoverDay();
  if (!in_crs && !switched_) {
    if (auto s = SwitchToRms(); !s.ok()) return s;
  }
  CrimeRec c;
  FillCommon(c, minute);
  if (planned) {
    if (auto s = FillBlackmail(*planned, c); !s.ok()) return s;
  } else {
    FillOrdinary(c);
  }
  const int year = YearOfDay(day);
  if (in_crs) {
    const Town& t = kTowns[c.town >= 0 ? c.town : 0];
    static constexpr std::string_view kDivisions[] = {"C1", "C2", "E1", "N1", "S1", "W1"};
    size_t div = 0;
    while (div + 1 < std::size(kDivisions) && kDivisions[div] != t.division) ++div;
    const int seq = ++crs_seq_[div][static_cast<size_t>(year - options_.first_year)];
    c.crs_no = t.division;
    c.crs_no += '/';
    std::string digits;
    AppendInt(digits, seq);
    c.crs_no += std::string(digits.size() < 5 ? 5 - digits.size() : 0, '0') + digits;
    c.crs_no += '/';
    AppendTwoDigits(c.crs_no, year % 100);
    c.facts.crs_no = c.crs_no;

    FaultKind fault = FaultKind::kNone;
    if (options_.plant_faults) {
      fault = TakeFault(crs_faults_, next_crs_fault_, crs_ordinal_, c);
      if (c.category == Category::kSeed && c.seed_row == dup_seed_row_)
        fault = FaultKind::kDuplicate;
    }
    if (auto s = WriteCrs(c, fault); !s.ok()) return s;
    if (c.offence == BlackmailOffence()) {
      RenderCrsText(c, true, text_);
      RecordBlackmail(c, text_);
    }
    if (c.migrated) migrated_.push_back(std::move(c));
    return {};
  }
  const int yy = year % 100;
  const int seq = ++rms_seq_[static_cast<size_t>(yy)];
  c.rms_id = "RMS-";
  AppendTwoDigits(c.rms_id, yy);
  c.rms_id += '-';
  std::string digits;
  AppendInt(digits, seq);
  c.rms_id += std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
  const int64_t new_ordinal = rms_ordinal_ - static_cast<int64_t>(migrated_.size());
  FaultKind fault = options_.plant_faults ? TakeFault(rms_faults_, next_rms_fault_, new_ordinal, c)
                                          : FaultKind::kNone;
  if (auto s = WriteRms(c, fault, rms_ordinal_); !s.ok()) return s;
  ++rms_ordinal_;
  if (c.offence == BlackmailOffence()) RecordBlackmail(c, std::string());
  return {};
}

Status Generator::StreamYear(int year) {
  const size_t yi = static_cast<size_t>(year - options_.first_year);
  const auto& counts = day_counts_[yi];
  const auto& specials = specials_[yi];
  const int64_t jan1 = DayOfDate(year, 1, 1);
  size_t next_special = 0;
  std::vector<int64_t> minutes;
  for (size_t d = 0; d < counts.size(); ++d) {
    const int64_t day = jan1 + static_cast<int64_t>(d);
    minutes.clear();
    for (int k = 0; k < counts[d]; ++k) minutes.push_back(RandomMinuteOnDay(rng_, day));
    std::sort(minutes.begin(), minutes.end());
    size_t k = 0;
    while (k < minutes.size() ||
           (next_special < specials.size() && DayOf(specials[next_special].minute) == day)) {
      const bool take_special = next_special < specials.size() &&
                                DayOf(specials[next_special].minute) == day &&
                                (k >= minutes.size() || specials[next_special].minute < minutes[k]);
      if (take_special) {
        const Planned& p = specials[next_special++];
        if (auto s = Process(&p, p.minute); !s.ok()) return s;
      } else {
        if (auto s = Process(nullptr, minutes[k++]); !s.ok()) return s;
      }
    }
  }
  return {};
}

Status Generator::WriteGroundTruth(Summary& summary) {
  auto write = [&](const std::string& name, const std::string& body) -> Status {
    const std::string path = dir_ + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return Error::Io(path + ": cannot create");
    const bool ok = std::fwrite(body.data(), 1, body.size(), f) == body.size();
    if (std::fclose(f) != 0 || !ok) return Error::Io(path + ": write failed");
    summary.files.push_back(path);
    return {};
  };
  std::string out = "crime_id,relevant,category,seed_row\n";
  for (const TruthRow& t : truth_) {
    out += CsvEscape(t.id);
    out += t.relevant ? ",1," : ",0,";
    out += CategoryName(t.category);
    out += ',';
    if (t.seed_row > 0) AppendInt(out, t.seed_row);
    out += '\n';
  }
  if (auto s = write("truth.csv", out); !s.ok()) return s;
  out = "crime_id,relevant,reviewer,summary,reason\n";
  for (const DecisionRow& d : decisions_) {
    out += CsvEscape(d.id);
    out += d.relevant ? ",yes," : ",no,";
    out += "JPAD analyst ";
    AppendInt(out, d.reviewer);
    out += ',';
    out += CsvEscape(d.summary);
    out += ',';
    out += CsvEscape(d.reason);
    out += '\n';
  }
  if (auto s = write("decisions.csv", out); !s.ok()) return s;
  out = "file,line,kind\n";
  for (const FaultRow& f : faults_) {
    out += CsvEscape(f.file);
    out += ',';
    AppendInt(out, f.line);
    out += ',';
    out += FaultName(f.kind);
    out += '\n';
  }
  return write("faults.csv", out);
}

Result<Summary> Generator::Run() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Error::Io(dir_ + ": " + ec.message());
  // Stale exports from an earlier run with more files would be read as ours.
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.is_regular_file() && IsExportName(entry.path().filename().string()))
      stale.push_back(entry.path());
  }
  if (ec) return Error::Io(dir_ + ": " + ec.message());
  for (const fs::path& path : stale) {
    if (!fs::remove(path, ec) && ec) return Error::Io(path.string() + ": " + ec.message());
  }

  Plan();
  if (options_.write_planted) {
    if (auto s = OpenPlanted(); !s.ok()) return s.error();
  }
  if (options_.plant_faults) {
    crs_.on_open = [this](int index) -> Status {
      if (index == 0) {
        // A hand export through a tool that adds a UTF-8 mark to a
        // Windows-1252 file.
        crs_.Write("\xEF\xBB\xBF");
        AddFault(crs_.name(), 1, FaultKind::kBom);
      }
      return {};
    };
  }
  crs_.on_close = [this](int index) -> Status {
    if (auto s = FlushPendingDuplicates(); !s.ok()) return s;
    const int last = options_.files_per_source - 1;
    if (options_.plant_faults && (index == last || (index == 0 && last > 0))) {
      const int64_t at = crs_.Write("\r\n");
      AddFault(crs_.name(), at, FaultKind::kTrailingEmptyLine);
    }
    return {};
  };

  for (int year = options_.first_year; year <= options_.last_year; ++year) {
    if (auto s = StreamYear(year); !s.ok()) return s.error();
  }
  if (!switched_) {
    if (auto s = SwitchToRms(); !s.ok()) return s.error();
  }
  if (auto s = rms_.Finish(); !s.ok()) return s.error();

  Summary summary;
  summary.crs_rows = crs_rows_;
  summary.rms_rows = rms_rows_;
  summary.crimes = total_crimes_;
  summary.migrated = static_cast<int64_t>(migrated_.size());
  summary.files = crs_.paths();
  summary.files.insert(summary.files.end(), rms_.paths().begin(), rms_.paths().end());

  // The published table must come out of the force's own procedure.
  std::array<int, kRequestLastYear - kRequestFirstYear + 1> yes{}, published{};
  for (const SeedRow& r : SeedRows()) ++published[static_cast<size_t>(r.year - kRequestFirstYear)];
  for (const TruthRow& t : truth_) {
    summary.blackmail++;
    if (t.relevant) summary.relevant++;
    if (t.category == Category::kSeed) {
      summary.seed_crimes++;
      if (!t.candidate)
        return Error::Internal("synth: seed row " + std::to_string(t.seed_row) +
                               " is not found by the force's search");
      if (t.year >= kRequestFirstYear && t.year <= kRequestLastYear)
        ++yes[static_cast<size_t>(t.year - kRequestFirstYear)];
    } else if (t.relevant && t.candidate) {
      return Error::Internal("synth: unpublished sextortion " + t.id + " is a search candidate");
    }
    if (t.relevant && !t.candidate && t.year >= kRequestFirstYear && t.year <= kRequestLastYear)
      summary.keyword_missed++;
  }
  if (yes != published) return Error::Internal("synth: seed crimes fall in the wrong years");
  if (auto s = WriteGroundTruth(summary); !s.ok()) return s.error();
  summary.faults = static_cast<int64_t>(faults_.size());
  if (auto s = ClosePlanted(); !s.ok()) return s.error();
  if (options_.write_planted) {
    summary.files.push_back(planted_path_);
    summary.pii_planted = planted_rows_;
  }
  return summary;
}

}  // namespace

Result<Summary> Generate(const Options& options, const std::string& out_dir) {
  if (options.first_year > kRequestFirstYear || options.last_year < kRequestLastYear)
    return Error::InvalidInput("synth: the recorded years must cover 2011-2015 (got " +
                               std::to_string(options.first_year) + "-" +
                               std::to_string(options.last_year) + ")");
  if (options.first_year < 1990 || options.last_year > 2090)
    return Error::InvalidInput("synth: recorded years must lie within 1990-2090");
  if (options.crimes_per_year < 0 || options.crimes_per_year > 20000000)
    return Error::InvalidInput("synth: crimes_per_year must be 0..20,000,000");
  if (options.files_per_source < 1 || options.files_per_source > 999)
    return Error::InvalidInput("synth: files_per_source must be 1..999");
  if (out_dir.empty()) return Error::InvalidInput("synth: no output folder given");
  Generator generator(options, out_dir);
  return generator.Run();
}

}  // namespace foidesk::synth
