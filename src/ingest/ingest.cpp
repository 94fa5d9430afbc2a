// The ingest run (see ingest.h): checks every file first, then reads and
// maps rows on one thread while the calling thread merges them into the
// store, so that parsing and the store's work overlap on two cores. Batches
// of rows pass through a small bounded queue: memory stays bounded.
#include "ingest/ingest.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <thread>

#include "ingest/merger.h"
#include "ingest/reader.h"
#include "model/csv.h"

namespace foidesk::ingest {
namespace {

constexpr size_t kBatchItems = 512;     // rows handed over at a time
constexpr size_t kBatchesInFlight = 4;  // bounds memory: 4 x 512 rows
constexpr int64_t kProgressRows = 100000;
constexpr double kProgressSeconds = 3.0;

struct Batch {
  std::vector<Item> items;  // reused: the rows' strings keep their capacity
  size_t count = 0;
  size_t file_index = 0;
  bool file_done = false;
  int64_t bytes_read = 0;
  int64_t file_size = 0;
  std::optional<Error> error;  // the reader failed: ends the run
};

// Single producer, single consumer hand-over of batches. A null batch from
// Pop means the producer has finished.
class Channel {
 public:
  Channel() {
    for (size_t i = 0; i < kBatchesInFlight; ++i) free_.push_back(std::make_unique<Batch>());
  }
  // Producer side. TakeFree returns null once the consumer has cancelled.
  std::unique_ptr<Batch> TakeFree() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return cancelled_ || !free_.empty(); });
    if (cancelled_) return nullptr;
    auto b = std::move(free_.front());
    free_.pop_front();
    return b;
  }
  void Push(std::unique_ptr<Batch> b) {
    std::lock_guard lock(mu_);
    full_.push_back(std::move(b));
    cv_.notify_all();
  }
  // Consumer side.
  std::unique_ptr<Batch> Pop() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !full_.empty(); });
    auto b = std::move(full_.front());
    full_.pop_front();
    return b;
  }
  void Recycle(std::unique_ptr<Batch> b) {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(b));
    cv_.notify_all();
  }
  void Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> free_, full_;
  bool cancelled_ = false;
};

// Reads every file in turn into batches. Runs on its own thread.
void Produce(const std::vector<std::string>& files, const std::vector<const Mapping*>& mappings,
             const CodeLists& codes, Channel& channel) {
  auto fail = [&](Error e) {
    if (auto b = channel.TakeFree()) {
      b->count = 0;
      b->error = std::move(e);
      channel.Push(std::move(b));
    }
  };
  try {
    for (size_t f = 0; f < files.size(); ++f) {
      auto reader = SourceReader::Open(files[f], *mappings[f], codes);
      if (!reader.ok()) return fail(reader.error());
      bool done = false;
      while (!done) {
        auto b = channel.TakeFree();
        if (!b) return;
        b->count = 0;
        b->file_index = f;
        b->error.reset();
        while (b->count < kBatchItems) {
          if (b->count == b->items.size()) b->items.emplace_back();
          if (!(*reader)->Next(b->items[b->count])) {
            done = true;
            break;
          }
          ++b->count;
        }
        b->file_done = done;
        b->bytes_read = (*reader)->bytes_read();
        b->file_size = (*reader)->file_size();
        if (done && !(*reader)->status().ok()) b->error = (*reader)->status().error();
        channel.Push(std::move(b));
      }
    }
  } catch (const std::exception& e) {
    return fail(Error::Internal(std::string("ingest reader: ") + e.what()));
  }
  channel.Push(nullptr);
}

// Findings go to the store and, when asked, to a CSV file.
class FindingSink {
 public:
  FindingSink(Store& store, int64_t run_id, std::ofstream* out)
      : store_(store), run_id_(run_id), out_(out) {}
  Status Add(const Finding& f) {
    if (out_) {
      *out_ << CsvLine(
          {f.file, std::to_string(f.line), FindingKindName(f.kind), f.field, f.reason});
      if (!*out_) return Error::Io("cannot write the findings file");
    }
    return store_.AddFinding(run_id_, f);
  }

 private:
  Store& store_;
  int64_t run_id_;
  std::ofstream* out_;
};

class Progress {
 public:
  explicit Progress(std::ostream* out) : out_(out), start_(Clock::now()), last_(start_) {}
  void Rows(const std::string& file, int64_t rows, int64_t bytes, int64_t size, bool done) {
    if (!out_) return;
    auto now = Clock::now();
    bool due = rows - last_rows_ >= kProgressRows ||
               std::chrono::duration<double>(now - last_).count() >= kProgressSeconds;
    if (!due && !done) return;
    double secs = std::chrono::duration<double>(now - file_start_).count();
    *out_ << "ingest: " << file << ": " << rows << " rows";
    if (done) {
      *out_ << ", done";
    } else if (size > 0) {
      *out_ << " (" << (100 * bytes / size) << "%)";
    }
    if (secs > 0.5) *out_ << ", " << static_cast<int64_t>(rows / secs) << " rows/s";
    *out_ << "\n" << std::flush;
    last_ = now;
    last_rows_ = rows;
  }
  void StartFile() {
    file_start_ = last_ = Clock::now();
    last_rows_ = 0;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream* out_;
  Clock::time_point start_, last_, file_start_;
  int64_t last_rows_ = 0;
};

// The part of a run after the checks: the store side of the pipeline.
class Run {
 public:
  Run(Store& store, const std::vector<std::string>& files, const std::vector<Mapping>& mappings,
      const Options& options, int64_t run_id, bool store_was_empty, std::ofstream* findings)
      : store_(store),
        files_(files),
        options_(options),
        sink_(store, run_id, findings),
        merger_(store, mappings, store_was_empty),
        progress_(options.progress) {}

  // Consumes batches until the producer finishes or something fails.
  Status Consume(Channel& channel) {
    if (auto s = store_.Begin(); !s.ok()) return s;
    int64_t in_transaction = 0, file_rows = 0;
    size_t current_file = SIZE_MAX;
    while (auto batch = channel.Pop()) {
      if (batch->error) return *batch->error;
      if (batch->file_index != current_file) {
        current_file = batch->file_index;
        file_rows = 0;
        progress_.StartFile();
      }
      for (size_t i = 0; i < batch->count; ++i) {
        if (auto s = Row(batch->items[i]); !s.ok()) return s;
        ++file_rows;
        if (++in_transaction >= options_.batch_rows) {
          if (auto s = store_.Commit(); !s.ok()) return s;
          if (auto s = store_.Begin(); !s.ok()) return s;
          in_transaction = 0;
        }
      }
      progress_.Rows(files_[current_file], file_rows, batch->bytes_read, batch->file_size,
                     batch->file_done);
      channel.Recycle(std::move(batch));
    }
    return store_.Commit();
  }

  const IngestCounts& counts() const { return counts_; }

 private:
  Status Row(Item& item) {
    ++counts_.read;
    if (item.rejected) {
      ++counts_.rejected;
      return sink_.Add(item.rejection);
    }
    findings_.clear();
    Status s = merger_.Add(item.record, counts_, findings_);
    for (const auto& f : findings_)
      if (auto w = sink_.Add(f); !w.ok()) return w;
    return s;
  }

  Store& store_;
  const std::vector<std::string>& files_;
  const Options& options_;
  FindingSink sink_;
  Merger merger_;
  Progress progress_;
  IngestCounts counts_;
  std::vector<Finding> findings_;
};

Result<IngestCounts> IngestFiles(Store& store, const std::vector<std::string>& files,
                                 const Options& options) {
  // Everything that can be checked before loading is checked first, so a
  // bad file or mapping leaves the store untouched.
  auto mappings = LoadMappings(options.config_dir + "/sources");
  if (!mappings.ok()) return mappings.error();
  auto codes = LoadCodeLists(options.config_dir + "/codes", *mappings);
  if (!codes.ok()) return codes.error();
  for (const auto& m : *mappings)
    if (auto s = CheckMappingCodes(m, *codes); !s.ok()) return s.error();
  if (files.empty()) return Error::InvalidInput("no source files to ingest");
  std::vector<const Mapping*> file_mappings;
  for (const auto& file : files) {
    auto m = SelectMapping(*mappings, file);
    if (!m.ok()) return m.error();
    auto reader = SourceReader::Open(file, **m, *codes);  // checks the header too
    if (!reader.ok()) return reader.error();
    file_mappings.push_back(*m);
  }
  std::ofstream findings;
  if (!options.findings_path.empty()) {
    findings.open(options.findings_path, std::ios::binary | std::ios::trunc);
    if (!findings) return Error::Io(options.findings_path + ": cannot write the findings file");
    findings << CsvLine({"file", "line", "kind", "field", "reason"});
  }

  auto crimes = store.CrimeCount();
  if (!crimes.ok()) return crimes.error();
  const bool bulk = *crimes == 0;
  auto run_id = store.StartIngestRun(files);
  if (!run_id.ok()) return run_id.error();
  if (bulk)
    if (auto s = store.BeginBulkLoad(); !s.ok()) return s.error();

  Run run(store, files, *mappings, options, *run_id, bulk,
          options.findings_path.empty() ? nullptr : &findings);
  Channel channel;
  Status status;
  try {
    std::thread producer([&] { Produce(files, file_mappings, *codes, channel); });
    try {
      status = run.Consume(channel);
    } catch (const std::exception& e) {
      status = Error::Internal(std::string("ingest: ") + e.what());
    }
    if (!status.ok()) channel.Cancel();  // unblocks a producer waiting for a free batch
    producer.join();
  } catch (const std::exception& e) {  // the thread could not start
    status = Error::Internal(std::string("ingest: ") + e.what());
  }
  if (!status.ok()) {
    (void)store.Rollback();
    if (bulk) (void)store.EndBulkLoad();
    return status.error();
  }
  if (bulk) {
    // Building the text index of a fresh store takes a while: say so.
    auto start = std::chrono::steady_clock::now();
    if (options.progress) *options.progress << "ingest: building the text index\n" << std::flush;
    if (auto s = store.EndBulkLoad(); !s.ok()) return s.error();
    if (options.progress) {
      char secs[32];
      std::snprintf(
          secs, sizeof secs, "%.1f",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      *options.progress << "ingest: text index built in " << secs << " s\n" << std::flush;
    }
  }
  if (auto s = store.FinishIngestRun(*run_id, run.counts()); !s.ok()) return s.error();
  if (findings.is_open()) {
    findings.close();
    if (!findings) return Error::Io(options.findings_path + ": cannot write the findings file");
  }
  return run.counts();
}

}  // namespace

Result<IngestCounts> Ingest(Store& store, const std::vector<std::string>& files,
                            const Options& options) {
  try {
    return IngestFiles(store, files, options);
  } catch (const std::exception& e) {  // e.g. out of memory: an error, not a crash
    return Error::Internal(std::string("ingest: ") + e.what());
  }
}

}  // namespace foidesk::ingest
