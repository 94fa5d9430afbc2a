// `foidesk bench --pii-eval DIR`: the PII evaluation table (see pii_eval_command.h).
#include "cli/pii_eval_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "privacy/pii.h"
#include "privacy/pii_eval.h"

namespace foidesk::cli {
namespace {

// Presidio's default analyzer on the same file, as published by
// presidio-research (notebook 4_Evaluate_Presidio_Analyzer.ipynb).
constexpr double kPresidioRecall = 0.603;
constexpr double kPresidioPrecision = 0.685;

std::string Fixed(std::optional<double> r) {
  if (!r) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", *r);
  return buf;
}

std::optional<double> Ratio(int64_t num, int64_t den) {
  if (den <= 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

void PrintTable(const privacy::PiiEvalReport& r) {
  const privacy::PresidioEval& p = r.presidio;
  std::string ignored;
  for (const std::string& t : p.ignored_types) ignored += (ignored.empty() ? "" : ", ") + t;
  std::printf("%s: %lld sentences, %lld spans, %lld tokens (%lld of %s not scored)\n\n",
              privacy::kPresidioFileName, static_cast<long long>(p.records),
              static_cast<long long>(p.spans), static_cast<long long>(p.tokens),
              static_cast<long long>(p.ignored_tokens), ignored.empty() ? "no type" : ignored.c_str());
  std::printf("%-30s %6s %9s %6s %6s %6s %9s %6s\n", "any personal data vs none", "recall",
              "precision", "F1", "F2", "gold", "predicted", "both");
  std::printf("%-30s %6s %9s %6s %6s %6lld %9lld %6lld\n", "foidesk", Fixed(p.any.Recall()).c_str(),
              Fixed(p.any.Precision()).c_str(), Fixed(p.any.F(1)).c_str(), Fixed(p.any.F(2)).c_str(),
              static_cast<long long>(p.any.gold), static_cast<long long>(p.any.predicted),
              static_cast<long long>(p.any.both));
  std::printf("%-30s %6.3f %9.3f\n", "Presidio default (published)", kPresidioRecall,
              kPresidioPrecision);
  std::printf("%-30s %6.3f %9.3f\n\n", "target (issue 3)", 0.9, 0.7);

  // Gold types, most missed tokens first; ignored types last.
  std::vector<std::pair<std::string, privacy::GoldTypeScore>> gold(p.by_gold_type.begin(),
                                                                  p.by_gold_type.end());
  std::stable_sort(gold.begin(), gold.end(), [](const auto& a, const auto& b) {
    if (a.second.counted != b.second.counted) return a.second.counted;
    return a.second.tokens - a.second.detected > b.second.tokens - b.second.detected;
  });
  std::printf("%-18s %7s %8s %7s %7s %6s %8s %11s\n", "gold type", "tokens", "detected", "missed",
              "recall", "spans", "covered", "span recall");
  for (const auto& [type, g] : gold) {
    std::printf("%-18s %7lld %8lld %7lld %7s %6lld %8lld %11s\n",
                (type + (g.counted ? "" : " *")).c_str(), static_cast<long long>(g.tokens),
                static_cast<long long>(g.detected), static_cast<long long>(g.tokens - g.detected),
                Fixed(Ratio(g.detected, g.tokens)).c_str(), static_cast<long long>(g.spans),
                static_cast<long long>(g.spans_covered), Fixed(Ratio(g.spans_covered, g.spans)).c_str());
  }
  if (!ignored.empty()) std::printf("(* not scored; covered: every token of the span flagged)\n");

  std::printf("\n%-20s %7s %8s %10s %9s\n", "predicted type", "tokens", "on gold", "on ignored",
              "precision");
  for (const auto& [type, s] : p.by_predicted_type)
    std::printf("%-20s %7lld %8lld %10lld %9s\n", type.c_str(), static_cast<long long>(s.tokens),
                static_cast<long long>(s.on_gold), static_cast<long long>(s.on_ignored),
                Fixed(s.Precision()).c_str());

  const privacy::WnutEval& w = r.wnut;
  std::printf("\n%s: %lld sentences, %lld tokens\n", privacy::kWnutDevFileName,
              static_cast<long long>(w.sentences), static_cast<long long>(w.tokens));
  std::printf("%-15s %7s %8s %12s %9s %8s %13s\n", "gold type", "tokens", "flagged", "token recall",
              "entities", "covered", "entity recall");
  // person and location first: the types that matter for redaction.
  std::vector<std::string> order = {"person", "location"};
  for (const auto& [type, s] : w.by_type)
    if (type != "person" && type != "location" && type != "none") order.push_back(type);
  order.push_back("none");
  for (const std::string& type : order) {
    auto it = w.by_type.find(type);
    if (it == w.by_type.end()) continue;
    const privacy::WnutTypeScore& s = it->second;
    const bool none = type == "none";
    std::printf("%-15s %7lld %8lld %12s %9s %8s %13s\n", type.c_str(), static_cast<long long>(s.tokens),
                static_cast<long long>(s.flagged), Fixed(Ratio(s.flagged, s.tokens)).c_str(),
                none ? "-" : std::to_string(s.entities).c_str(),
                none ? "-" : std::to_string(s.entities_covered).c_str(),
                none ? "-" : Fixed(Ratio(s.entities_covered, s.entities)).c_str());
  }
  std::printf("(for group, corporation, product, creative-work and none, flagged tokens are not "
              "personal data in WNUT's annotation)\n");
}

}  // namespace

Status RunPiiEvalCommand(const std::string& dir, const std::string& config_dir, bool json) {
  auto detector = privacy::Detector::CreateDefault(config_dir);
  if (!detector.ok()) return detector.error();
  const privacy::Detector& d = *detector;
  auto report = privacy::RunPiiEval(dir, [&d](std::string_view text) { return d.Detect(text); });
  if (!report.ok()) return report.error();
  if (json) {
    std::cout << privacy::PiiEvalJson(*report);
  } else {
    PrintTable(*report);
  }
  std::fflush(stdout);
  return {};
}

}  // namespace foidesk::cli
