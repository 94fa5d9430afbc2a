// The simulation on constructed data: the loop finds the relevant records
// early, the measures follow their definitions, and runs are reproducible.
#include "review/simulate.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace foidesk::review {
namespace {

// 400 records, 20 relevant: the relevant ones talk about a webcam video
// threat in varied words, the rest about other blackmail.
LabelledData Constructed() {
  LabelledData d;
  const char* rel[] = {"threatened to post the webcam video to friends unless paid",
                       "intimate images recorded on skype, demand for money or the footage is shared",
                       "victim filmed during a video call and asked to pay to stop the clip being sent"};
  const char* other[] = {"demanded money to return a stolen phone", "threat to report cash work to the tax office",
                         "neighbour dispute with threats over a fence", "debt collector threatened the family",
                         "business owner asked to pay protection money"};
  for (int i = 0; i < 400; ++i) {
    const bool r = i % 20 == 7;
    d.texts.push_back(std::string(r ? rel[i % 3] : other[i % 5]) + " case " + std::to_string(i));
    d.labels.push_back(r ? 1 : 0);
  }
  return d;
}

TEST(Simulate, FindsTheRelevantEarlyAndMeasuresIt) {
  SimulationOptions o;
  o.runs = 3;
  const SimulationResult r = Simulate(Constructed(), o);
  ASSERT_EQ(r.runs.size(), 3u);
  EXPECT_EQ(r.records, 400);
  EXPECT_EQ(r.relevant, 20);
  for (const RunResult& run : r.runs) {
    ASSERT_EQ(run.order.size(), 400u);
    // 19 of 20 relevant is 95%: read_to_95 is where the 19th was read.
    int found = 0;
    int64_t at = 0;
    for (size_t i = 0; i < run.order.size() && !at; ++i)
      if ((found += run.order[i]) == 19) at = static_cast<int64_t>(i + 1);
    EXPECT_EQ(run.read_to_95, at);
    EXPECT_NEAR(run.wss_95, 100.0 * ((400.0 - at) / 400 - 0.05), 1e-9);
    EXPECT_GT(run.wss_95, 80);  // 20 easy records among 400
    EXPECT_LE(run.knee.read, 400);
    EXPECT_GE(run.knee.recall, 0.95);
  }
  const auto j = nlohmann::json::parse(r.Json());
  for (const char* key : {"records", "relevant", "runs", "wss_95", "read_to_95", "rrf_10", "knee", "target"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_TRUE(j["knee"].contains("read") && j["knee"].contains("recall"));
}

TEST(Simulate, SameSeedSameResultOtherSeedOtherPriors) {
  SimulationOptions o;
  o.runs = 2;
  const LabelledData d = Constructed();
  const std::string a = Simulate(d, o).Json(), b = Simulate(d, o).Json();
  EXPECT_EQ(a, b);
  o.seed = 99;
  const SimulationResult c = Simulate(d, o);
  const SimulationResult first = Simulate(d, SimulationOptions{.runs = 2});
  EXPECT_NE(c.runs[0].rows, first.runs[0].rows);
}

TEST(Simulate, CurveAndPlot) {
  SimulationOptions o;
  o.runs = 2;
  const SimulationResult r = Simulate(Constructed(), o);
  const std::string csv = r.CurveCsv();
  EXPECT_EQ(csv.rfind("run,read,found,recall\r\n", 0), 0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 400);
  EXPECT_NE(csv.find("\r\n2,400,20,1.0000\r\n"), std::string::npos);
  const std::string svg = r.PlotSvg("test <plot>");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '\n') > 10, true);
  EXPECT_NE(svg.find("stroke=\"#1d70b8\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"t\">test &lt;plot&gt;</title>"), std::string::npos);
}

}  // namespace
}  // namespace foidesk::review
