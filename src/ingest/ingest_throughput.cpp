// Measures end-to-end ingest throughput (read, map, merge, SQLite store and
// its text index) on generated CRS and RMS exports of a realistic shape:
//
//   ingest_throughput [crs_rows] [rms_rows] [work_dir]
//
// Prints rows/s of reading and mapping each file alone (no store), then of
// the whole run. Not a test: run it by hand (it writes a few hundred MB to
// work_dir, by default the system temp directory).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "ingest/ingest.h"
#include "ingest/mapping.h"
#include "ingest/reader.h"
#include "store/sqlite_store.h"

namespace {

const char* const kWords[] = {
    "victim",  "reports",  "that",      "suspect",    "entered",  "the",        "premises",
    "through", "rear",     "door",      "and",        "took",     "a",          "laptop",
    "phone",   "wallet",   "officer",   "attended",   "scene",    "no",         "witnesses",
    "cctv",    "checked",  "enquiries", "made",       "with",     "neighbours", "vehicle",
    "damaged", "window",   "smashed",   "money",      "demanded", "online",     "account",
    "friend",  "request",  "webcam",    "threatened", "to",       "share",      "images",
    "Norwich", "Yarmouth", "King's",    "Lynn",       "£50",      "café",       "“said”",
    "–"};

std::string Words(std::mt19937& rng, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += kWords[rng() % std::size(kWords)];
  }
  return out;
}

std::string Csv(std::string s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// UTF-8 to Windows-1252 for the few non-ASCII words above.
std::string To1252(std::string s) {
  const std::pair<const char*, const char*> kMap[] = {{"\xC2\xA3", "\xA3"},
                                                      {"\xC3\xA9", "\xE9"},
                                                      {"\xE2\x80\x9C", "\x93"},
                                                      {"\xE2\x80\x9D", "\x94"},
                                                      {"\xE2\x80\x93", "\x96"}};
  for (auto [from, to] : kMap)
    for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, std::strlen(from), to);
  return s;
}

// Reads and maps every row of `file` without storing it; prints rows/s.
bool TimeReader(const std::string& config_dir, const std::string& file) {
  using namespace foidesk::ingest;
  auto mappings = LoadMappings(config_dir + "/sources");
  if (!mappings.ok()) return std::cerr << mappings.error().message << "\n", false;
  auto codes = LoadCodeLists(config_dir + "/codes", *mappings);
  if (!codes.ok()) return std::cerr << codes.error().message << "\n", false;
  auto mapping = SelectMapping(*mappings, file);
  if (!mapping.ok()) return std::cerr << mapping.error().message << "\n", false;
  auto t0 = std::chrono::steady_clock::now();
  auto reader = SourceReader::Open(file, **mapping, *codes);
  if (!reader.ok()) return std::cerr << reader.error().message << "\n", false;
  Item item;
  long long rows = 0, rejected = 0;
  while ((*reader)->Next(item)) {
    ++rows;
    rejected += item.rejected;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("read+map %s: %lld rows (%lld rejected), %.2f s, %.0f rows/s, %.1f MB/s\n",
              std::filesystem::path(file).filename().c_str(), rows, rejected, secs, rows / secs,
              std::filesystem::file_size(file) / secs / 1e6);
  return (*reader)->status().ok();
}

}  // namespace

int main(int argc, char** argv) {
  const int crs_rows = argc > 1 ? std::atoi(argv[1]) : 200000;
  const int rms_rows = argc > 2 ? std::atoi(argv[2]) : 100000;
  std::string dir = argc > 3 ? argv[3] : std::filesystem::temp_directory_path().string();
  dir += "/ingest_throughput";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::mt19937 rng(42);
  const char* const kCodes[] = {"058", "049", "105A", "008N", "046", "028", "045", "071"};
  const char* const kRmsCodes[] = {"58", "49", "105A", "8N", "46", "28", "45", "71"};
  const char* const kOutcomes[] = {"UND", "CHG", "CAU", "", "EVD", "VNS"};
  {
    std::ofstream crs(dir + "/crs_all.csv", std::ios::binary);
    crs << "CRIME_NO,RECORDED_DATE,COMMITTED_FROM,COMMITTED_TO,HO_CLASS,HO_SUBCLASS,"
           "OFFENCE_TITLE,TOWN,BEAT,MO_TEXT,VICTIM_SURNAME,VICTIM_FORENAMES,VICTIM_DOB,"
           "VICTIM_AGE,OUTCOME_CODE,OUTCOME_DATE\r\n";
    char buf[512];
    for (int i = 0; i < crs_rows; ++i) {
      int d = 1 + rng() % 28, m = 1 + rng() % 12, y = 2005 + rng() % 10;
      std::snprintf(buf, sizeof buf,
                    "C1/%06d/14,%02d/%02d/%04d,%02d/%02d/%04d 22:15,,%s,00,TITLE,NORWICH,NC%02d,",
                    i, d, m, y, d, m, y, kCodes[rng() % 8], int(rng() % 40));
      crs << buf << To1252(Csv(Words(rng, 45 + rng() % 40)));
      std::snprintf(buf, sizeof buf, ",SMITH,JOHN,%02d/%02d/%04d,,%s,\r\n", d, m,
                    y - 20 - int(rng() % 50), kOutcomes[rng() % 6]);
      crs << buf;
    }
  }
  {
    std::ofstream rms(dir + "/rms_all.jsonl", std::ios::binary);
    char buf[1024];
    for (int i = 0; i < rms_rows; ++i) {
      // One in ten RMS records is a migrated CRS crime.
      std::string legacy = "null";
      if (i % 10 == 0 && i < crs_rows) {
        std::snprintf(buf, sizeof buf, "\"C1/%06d/14\"", i);
        legacy = buf;
      }
      std::snprintf(
          buf, sizeof buf,
          "{\"id\": \"RMS-%07d\", \"recorded\": \"2016-%02d-%02dT%02d:30:00+00:00\", "
          "\"offence\": {\"ho_class\": \"%s\", \"ho_subclass\": \"0\", \"title\": \"T\"}, "
          "\"occurred\": {\"from\": \"2016-01-01T10:00:00Z\", \"to\": null}, "
          "\"location\": {\"town\": \"Norwich\", \"beat\": \"NC12\", \"lsoa\": \"E01026835\"}, ",
          i, 1 + int(rng() % 12), 1 + int(rng() % 28), int(rng() % 24), kRmsCodes[rng() % 8]);
      rms << buf << "\"summary\": \"" << Words(rng, 12) << "\", \"narrative\": \""
          << Words(rng, 150 + rng() % 100) << "\", "
          << "\"people\": [{\"role\": \"victim\", \"surname\": \"Smith\", \"forenames\": \"John\", "
             "\"dob\": \"1990-03-02\"}, {\"role\": \"suspect\", \"surname\": null, \"online_ids\": "
             "[\"x.y\"]}], "
          << "\"outcome\": {\"ho_type\": 18, \"date\": \"2016-12-01\"}, \"legacy_ref\": " << legacy
          << "}\n";
    }
  }
  const std::string config_dir = std::string(FOIDESK_SOURCE_DIR) + "/config";
  if (!TimeReader(config_dir, dir + "/crs_all.csv") ||
      !TimeReader(config_dir, dir + "/rms_all.jsonl"))
    return 1;
  std::string db = dir + "/foidesk.db";
  auto store = foidesk::SqliteStore::Open(db);
  if (!store.ok()) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  foidesk::ingest::Options options;
  options.config_dir = config_dir;
  options.findings_path = dir + "/findings.csv";
  options.progress = &std::cerr;
  auto bytes = std::filesystem::file_size(dir + "/crs_all.csv") +
               std::filesystem::file_size(dir + "/rms_all.jsonl");
  auto t0 = std::chrono::steady_clock::now();
  auto counts =
      foidesk::ingest::Ingest(**store, {dir + "/crs_all.csv", dir + "/rms_all.jsonl"}, options);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!counts.ok()) {
    std::cerr << counts.error().message << "\n";
    return 1;
  }
  std::printf("read %lld loaded %lld rejected %lld duplicates %lld migrated %lld\n",
              (long long)counts->read, (long long)counts->loaded, (long long)counts->rejected,
              (long long)counts->duplicates, (long long)counts->migrated);
  std::printf("%.2f s, %.0f rows/s, %.1f MB/s of input\n", secs, counts->read / secs,
              bytes / secs / 1e6);
  return 0;
}
