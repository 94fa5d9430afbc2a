#include "review/simulate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

namespace foidesk::review {
namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

StopPoint PointAt(const ReviewOrder& order, int64_t read, int64_t relevant) {
  StopPoint p;
  p.read = read < 0 ? static_cast<int64_t>(order.size()) : read;
  const int64_t found = std::count(order.begin(), order.begin() + p.read, 1);
  p.recall = relevant ? static_cast<double>(found) / relevant : 1.0;
  return p;
}

// Cormack and Grossman's target method on this run: a random sample drawn
// until it holds T relevant records, then the ranked order read until all
// of them are found. What is read is the union of the two.
StopPoint TargetMethod(const std::vector<uint32_t>& rows_in_order, const ReviewOrder& order,
                       int64_t relevant, const SimulationOptions& options, uint64_t seed) {
  const size_t n = order.size();
  const int64_t t = TargetSetSize(options.recall_target, options.confidence);
  std::vector<uint32_t> shuffled(rows_in_order);
  std::mt19937_64 rng(seed ^ 0x7a7a7a7aULL);
  for (size_t i = n; i > 1; --i) std::swap(shuffled[i - 1], shuffled[rng() % i]);
  std::vector<uint8_t> rel_of_row(n, 0), in_sample(n, 0);
  for (size_t i = 0; i < n; ++i) rel_of_row[rows_in_order[i]] = order[i];
  int64_t targets = 0;
  size_t drawn = 0;
  while (drawn < n && targets < t) {
    const uint32_t r = shuffled[drawn++];
    in_sample[r] = 1;
    targets += rel_of_row[r];
  }
  StopPoint p;
  if (targets < t) {  // the sample took the whole collection
    p.read = static_cast<int64_t>(n);
    p.recall = 1.0;
    return p;
  }
  int64_t left = targets, read = static_cast<int64_t>(drawn), found = targets;
  for (size_t i = 0; i < n && left > 0; ++i) {
    const uint32_t r = rows_in_order[i];
    if (in_sample[r]) {
      if (rel_of_row[r]) --left;
      continue;
    }
    ++read;
    found += rel_of_row[r];
  }
  p.read = read;
  p.recall = relevant ? static_cast<double>(found) / relevant : 1.0;
  return p;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

}  // namespace

RunResult SimulateRun(const SparseMatrix& features, const std::vector<uint8_t>& labels,
                      const SimulationOptions& options, uint64_t run_seed) {
  const size_t n = labels.size();
  const int64_t relevant = std::count(labels.begin(), labels.end(), 1);
  LearnerOptions lo = options.learner;
  lo.seed = run_seed;
  ActiveLearner learner(features, lo);
  std::mt19937_64 rng(run_seed);
  RunResult run;
  std::vector<uint32_t> rows;  // in reading order
  auto read = [&](uint32_t r) {
    learner.Label(r, labels[r] == 1);
    rows.push_back(r);
    run.order.push_back(labels[r]);
  };
  // The prior: one relevant and one not, drawn at random.
  std::vector<uint32_t> rel, irr;
  for (uint32_t r = 0; r < n; ++r) (labels[r] ? rel : irr).push_back(r);
  if (!rel.empty()) read(rel[rng() % rel.size()]);
  if (!irr.empty()) read(irr[rng() % irr.size()]);

  int64_t found = rel.empty() ? 0 : 1;
  while (found < relevant) {
    learner.Train();
    const int64_t done = static_cast<int64_t>(rows.size());
    const size_t batch = done < options.single_steps
                             ? 1
                             : std::max<size_t>(1, static_cast<size_t>(done * options.batch_fraction));
    for (uint32_t r : learner.Queue(batch)) {
      read(r);
      found += labels[r];
    }
  }
  // Every relevant record is found: the rest are not relevant and their
  // order changes no measure.
  for (uint32_t r : learner.Queue(n)) read(r);

  const int64_t need = static_cast<int64_t>(std::ceil(options.recall_target * relevant - 1e-9));
  int64_t f = 0;
  for (size_t i = 0; i < n; ++i) {
    f += run.order[i];
    if (f >= need) {
      run.read_to_95 = static_cast<int64_t>(i + 1);
      break;
    }
  }
  run.wss_95 = 100.0 * (static_cast<double>(n - run.read_to_95) / n - (1 - options.recall_target));
  const int64_t tenth = static_cast<int64_t>(std::ceil(0.10 * n));
  run.rrf_10 = relevant ? 100.0 * std::count(run.order.begin(), run.order.begin() + tenth, 1) / relevant : 0;
  // The rules are checked at batch-like steps, as a reviewer would.
  const int64_t step = std::max<int64_t>(1, static_cast<int64_t>(n) / 1000);
  run.knee = PointAt(run.order, FirstKneeStop(run.order, 150, step), relevant);
  run.hypergeometric =
      PointAt(run.order,
              FirstHypergeometricStop(run.order, static_cast<int64_t>(n), options.recall_target,
                                      options.confidence, step),
              relevant);
  run.target = TargetMethod(rows, run.order, relevant, options, run_seed);
  run.rows = std::move(rows);
  return run;
}

SimulationResult Simulate(const LabelledData& data, const SimulationOptions& options) {
  SimulationResult out;
  out.options = options;
  out.records = static_cast<int64_t>(data.labels.size());
  out.relevant = data.relevant();
  const Tfidf features = BuildTfidf(data.texts, options.features);
  for (int i = 0; i < options.runs; ++i)
    out.runs.push_back(SimulateRun(features.matrix, data.labels, options,
                                   options.seed * 1000003ULL + static_cast<uint64_t>(i)));
  return out;
}

std::string SimulationResult::Json() const {
  auto med = [&](auto get) {
    std::vector<double> v;
    for (const RunResult& r : runs) v.push_back(get(r));
    return Median(v);
  };
  auto range = [&](auto get) {
    std::vector<double> v;
    for (const RunResult& r : runs) v.push_back(get(r));
    std::sort(v.begin(), v.end());
    return nlohmann::json::array({v.empty() ? 0 : v.front(), v.empty() ? 0 : v.back()});
  };
  auto stop = [&](auto get) {
    return nlohmann::json{{"read", med([&](const RunResult& r) { return double(get(r).read); })},
                          {"recall", med([&](const RunResult& r) { return get(r).recall; })}};
  };
  auto round1 = [](double x) { return std::round(x * 10) / 10; };
  auto round3 = [](double x) { return std::round(x * 1000) / 1000; };
  nlohmann::json j;
  j["records"] = records;
  j["relevant"] = relevant;
  j["runs"] = runs.size();
  j["wss_95"] = round1(med([](const RunResult& r) { return r.wss_95; }));
  j["read_to_95"] = med([](const RunResult& r) { return double(r.read_to_95); });
  j["rrf_10"] = round1(med([](const RunResult& r) { return r.rrf_10; }));
  j["knee"] = stop([](const RunResult& r) { return r.knee; });
  j["target"] = stop([](const RunResult& r) { return r.target; });
  j["hypergeometric"] = stop([](const RunResult& r) { return r.hypergeometric; });
  for (auto* k : {"knee", "target", "hypergeometric"}) j[k]["recall"] = round3(j[k]["recall"].get<double>());
  j["spread"] = {{"wss_95", range([&](const RunResult& r) { return round1(r.wss_95); })},
                 {"read_to_95", range([](const RunResult& r) { return double(r.read_to_95); })},
                 {"knee_recall", range([&](const RunResult& r) { return round3(r.knee.recall); })}};
  int knee_ok = 0;
  for (const RunResult& r : runs) knee_ok += r.knee.recall >= options.recall_target;
  j["knee_runs_at_target"] = knee_ok;
  j["settings"] = {{"recall_target", options.recall_target},
                   {"confidence", options.confidence},
                   {"target_set", TargetSetSize(options.recall_target, options.confidence)},
                   {"seed", options.seed}};
  return j.dump(2);
}

std::string SimulationResult::CurveCsv() const {
  std::string out = "run,read,found,recall\r\n";
  for (size_t k = 0; k < runs.size(); ++k) {
    int64_t found = 0;
    for (size_t i = 0; i < runs[k].order.size(); ++i) {
      found += runs[k].order[i];
      out += fmt::format("{},{},{},{:.4f}\r\n", k + 1, i + 1, found,
                         relevant ? double(found) / relevant : 1.0);
    }
  }
  return out;
}

std::string SimulationResult::PlotSvg(const std::string& title) const {
  // 640 x 420, plot area 60..620 x 30..370; recall 0..1 up, read 0..N right.
  constexpr double x0 = 60, x1 = 620, y0 = 370, y1 = 30;
  const double n = std::max<int64_t>(records, 1);
  auto px = [&](double read) { return x0 + (x1 - x0) * read / n; };
  auto py = [&](double recall) { return y0 - (y0 - y1) * recall; };
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"420\" viewBox=\"0 0 640 420\" "
      "role=\"img\" aria-labelledby=\"t\">\n<title id=\"t\">{}</title>\n"
      "<rect width=\"640\" height=\"420\" fill=\"#fff\"/>\n"
      "<path d=\"M{} {}H{}M{} {}V{}\" stroke=\"#0b0c0c\" fill=\"none\"/>\n",
      XmlEscape(title), x0, y0, x1, x0, y0, y1);
  for (int k = 0; k <= 4; ++k) {
    const double r = k / 4.0;
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\" "
                     "font-family=\"sans-serif\">{:.2f}</text>\n",
                     x0 - 6, py(r) + 4, r);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" "
                     "font-family=\"sans-serif\">{}</text>\n",
                     px(n * r), y0 + 16, static_cast<int64_t>(std::llround(n * r)));
  }
  s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#b1b4b6\" "
                   "stroke-dasharray=\"4 4\"/>\n",
                   px(0), py(0), px(n), py(1));
  s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d4351c\" "
                   "stroke-dasharray=\"2 3\"/>\n",
                   x0, py(options.recall_target), x1, py(options.recall_target));
  for (const RunResult& run : runs) {
    std::string d = fmt::format("M{} {}", x0, y0);
    int64_t found = 0;
    for (size_t i = 0; i < run.order.size(); ++i) {
      if (!run.order[i]) continue;
      d += fmt::format("H{:.1f}", px(double(i)));
      ++found;
      d += fmt::format("V{:.1f}", py(relevant ? double(found) / relevant : 1.0));
    }
    d += fmt::format("H{}", x1);
    s += "<path d=\"" + d + "\" stroke=\"#1d70b8\" stroke-opacity=\"0.5\" fill=\"none\"/>\n";
  }
  s += fmt::format("<text x=\"340\" y=\"405\" font-size=\"12\" text-anchor=\"middle\" "
                   "font-family=\"sans-serif\">records read (of {})</text>\n",
                   records);
  s += "<text x=\"16\" y=\"200\" font-size=\"12\" text-anchor=\"middle\" font-family=\"sans-serif\" "
       "transform=\"rotate(-90 16 200)\">recall</text>\n</svg>\n";
  return s;
}

}  // namespace foidesk::review
