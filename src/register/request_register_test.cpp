// The request register: references, the life of a request, deadlines kept
// right through clock stops, extensions and new holidays, section 12 time,
// reports, and two writers at once. Expected dates are worked out by hand
// from FOIA s10 and the 2016 calendar (UK bank holidays in 2016: 1 and 4
// Jan, 17 Mar (NI), 25 Mar Good Friday, 28 Mar Easter Monday, 2 May, 30 May,
// 12 Jul (NI), 1 Aug (Scot), 29 Aug, 30 Nov (Scot), 26 and 27 Dec).
#include "register/request_register.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <unistd.h>

#include "store/sqlite_store.h"

namespace foidesk::reg {
namespace {

namespace fs = std::filesystem;
const std::string kConfig = FOIDESK_SOURCE_DIR "/config";
const Actor kOfficer{"officer1", "2016-03-16T10:00:00Z"};

class RegisterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("foidesk_register_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = SqliteStore::Open((dir_ / "register.db").string());
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    auto r = RequestRegister::Open(*store_, kConfig);
    ASSERT_TRUE(r.ok()) << r.error().message;
    register_.emplace(std::move(*r));
  }
  void TearDown() override {
    register_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  NewRequest Request(Date received, std::string requester = "A. Requester") {
    NewRequest n;
    n.received = received;
    n.channel = "email";
    n.requester = std::move(requester);
    n.contact = "requester@example.org";
    n.subject = "Sextortion reports 2011 to 2015";
    n.questions = {"How many reports of sextortion were recorded in each year?"};
    return n;
  }
  FoiRequest Open(Date received, std::string requester = "A. Requester") {
    auto r = register_->Create(Request(received, std::move(requester)), kOfficer);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : FoiRequest{};
  }
  fs::path dir_;
  std::unique_ptr<SqliteStore> store_;
  std::optional<RequestRegister> register_;
};

TEST(ReferenceFormatTest, FormatsTheForcesReferences) {
  EXPECT_EQ(*FormatReference("FOI {seq:6}/{yy}", 763, 2016), "FOI 000763/16");
  EXPECT_EQ(*FormatReference("FOI-{yyyy}-{seq}", 7, 2009), "FOI-2009-7");
  EXPECT_EQ(*FormatReference("{seq:3}/{yy}", 12345, 2005), "12345/05");
  auto bad = FormatReference("FOI {number}", 1, 2016);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("unknown token '{number}'"), std::string::npos);
}

// Received Wed 16 March 2016. Day 1 is Fri 18 March (17 March is St
// Patrick's Day, a bank holiday in Northern Ireland, so not a working day
// anywhere under FOIA). Days 1-5: 18, 21-24 Mar; 25 Good Friday, 28 Easter
// Monday; 6-9: 29-31 Mar, 1 Apr; 10-14: 4-8 Apr; 15-19: 11-15 Apr; day 20:
// Mon 18 April.
TEST_F(RegisterTest, NumbersReferencesAndWorksOutTheDeadline) {
  FoiRequest a = Open({2016, 3, 16});
  EXPECT_EQ(a.reference, "FOI 000001/16");
  EXPECT_EQ(a.due, (Date{2016, 4, 18}));
  EXPECT_EQ(Open({2016, 3, 17}).reference, "FOI 000002/16");
  EXPECT_EQ(Open({2017, 1, 3}).reference, "FOI 000001/17");
  // A reference entered by hand, and the sequence steps over it.
  NewRequest by_hand = Request({2016, 3, 20});
  by_hand.reference = "FOI 000003/16";
  ASSERT_TRUE(register_->Create(by_hand, kOfficer).ok());
  EXPECT_EQ(Open({2016, 3, 21}).reference, "FOI 000004/16");
  auto again = register_->Create(by_hand, kOfficer);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("FOI 000003/16 is already in the register"), std::string::npos);
  auto history = register_->History("FOI 000001/16");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].kind, "opened");
  EXPECT_EQ((*history)[0].actor, "officer1");
  EXPECT_EQ((*history)[0].detail.find("A. Requester"), std::string::npos) << "the requester stays private";
}

TEST_F(RegisterTest, BadInputIsRefusedAndChangesNothing) {
  FoiRequest a = Open({2016, 3, 16});
  const auto events_before = store_->RequestEvents(a.reference)->size();
  auto illegal = register_->ChangeStatus(a.reference, RequestStatus::kInternalReview, {2016, 3, 20}, "asked", kOfficer);
  ASSERT_FALSE(illegal.ok());
  EXPECT_NE(illegal.error().message.find("FOI 000001/16 is received: it cannot move to internal-review"),
            std::string::npos)
      << illegal.error().message;
  auto early = register_->ChangeStatus(a.reference, RequestStatus::kResponded, {2016, 3, 15}, "sent", kOfficer);
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message.find("before FOI 000001/16 was received (2016-03-16)"), std::string::npos);
  auto unknown = register_->ChangeStatus("FOI 999999/16", RequestStatus::kInProgress, {2016, 3, 20}, "", kOfficer);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "no request FOI 999999/16 in the register");
  auto no_reason = register_->ChangeStatus(a.reference, RequestStatus::kClosed, {2016, 3, 20}, " ", kOfficer);
  ASSERT_FALSE(no_reason.ok());
  auto late = register_->Extend(a.reference, {2016, 4, 19}, std::nullopt, "public interest test: s31", kOfficer);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("after the due date 2016-04-18"), std::string::npos) << late.error().message;
  auto outside = register_->Create(Request({2031, 6, 2}), kOfficer);
  ASSERT_FALSE(outside.ok()) << "a date the holidays do not cover is an error, not a guess";

  auto after = register_->Get(a.reference);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->status, RequestStatus::kReceived);
  EXPECT_FALSE(after->responded);
  EXPECT_FALSE(after->extension);
  EXPECT_EQ(store_->RequestEvents(a.reference)->size(), events_before);
  EXPECT_EQ(store_->Requests()->size(), 1u);
}

// Clarification asked Fri 18 March, answered Thu 24 March: the 20 days start
// again from 24 March. 25 Good Friday, 26-27 weekend, 28 Easter Monday: day 1
// is Tue 29 Mar; 1-4: 29-31 Mar, 1 Apr; 5-9: 4-8 Apr; 10-14: 11-15 Apr;
// 15-19: 18-22 Apr; day 20: Mon 25 April.
TEST_F(RegisterTest, ClarificationRestartsTheClock) {
  FoiRequest a = Open({2016, 3, 16});
  auto asked = register_->ChangeStatus(a.reference, RequestStatus::kAwaitingClarification, {2016, 3, 18},
                                       "which years?", kOfficer);
  ASSERT_TRUE(asked.ok()) << asked.error().message;
  EXPECT_FALSE(asked->due) << "no due date while the clock is stopped";
  auto answered = register_->ChangeStatus(a.reference, RequestStatus::kInProgress, {2016, 3, 24}, "", kOfficer);
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->due, (Date{2016, 4, 25}));
  auto working = register_->Working(*answered);
  ASSERT_TRUE(working.ok());
  EXPECT_EQ(working->date_of_receipt, (Date{2016, 3, 24}));
  EXPECT_EQ(working->day_one, (Date{2016, 3, 29}));
}

// The public interest extension: 20 further working days from Mon 18 April.
// 1-4: 19-22 Apr; 5-9: 25-29 Apr; 2 May Early May bank holiday; 10-13: 3-6
// May; 14-18: 9-13 May; 19-20: 16-17 May. Extended due: Tue 17 May.
TEST_F(RegisterTest, ExtensionForThePublicInterestTest) {
  FoiRequest a = Open({2016, 3, 16});
  auto ext = register_->Extend(a.reference, {2016, 4, 14}, std::nullopt, "public interest test under s31", kOfficer);
  ASSERT_TRUE(ext.ok()) << ext.error().message;
  EXPECT_EQ(ext->due, (Date{2016, 4, 18}));
  EXPECT_EQ(ext->extended_due, (Date{2016, 5, 17}));
  auto twice = register_->Extend(a.reference, {2016, 4, 15}, 5, "again", kOfficer);
  ASSERT_FALSE(twice.ok());
  // Responded on the extended day: in time.
  ASSERT_TRUE(register_->ChangeStatus(a.reference, RequestStatus::kInProgress, {2016, 4, 15}, "", kOfficer).ok());
  ASSERT_TRUE(register_->ChangeStatus(a.reference, RequestStatus::kResponded, {2016, 5, 17}, "letter sent", kOfficer).ok());
  auto rep = register_->Report({2016, 5, 20});
  ASSERT_TRUE(rep.ok());
  ASSERT_EQ(rep->months.size(), 1u);
  EXPECT_EQ(rep->months[0].responded_in_time, 1);
}

// Internal review asked on Mon 13 June 2016: 20 working days, no holiday in
// between: 14-17 Jun (4), 20-24 (9), 27 Jun-1 Jul (14), 4-8 Jul (19), Mon 11 July.
TEST_F(RegisterTest, LifeThroughInternalReviewAndComplaint) {
  FoiRequest a = Open({2016, 3, 16});
  for (auto [to, on] : {std::pair{RequestStatus::kInProgress, Date{2016, 3, 17}},
                        std::pair{RequestStatus::kApproval, Date{2016, 3, 29}},
                        std::pair{RequestStatus::kResponded, Date{2016, 3, 30}},
                        std::pair{RequestStatus::kClosed, Date{2016, 3, 30}},
                        std::pair{RequestStatus::kInternalReview, Date{2016, 6, 13}}}) {
    auto r = register_->ChangeStatus(a.reference, to, on, "step", kOfficer);
    ASSERT_TRUE(r.ok()) << StatusId(to) << ": " << r.error().message;
  }
  auto reviewing = register_->Get(a.reference);
  EXPECT_EQ(reviewing->review_due, (Date{2016, 7, 11}));
  ASSERT_TRUE(register_->ChangeStatus(a.reference, RequestStatus::kClosed, {2016, 7, 8}, "upheld", kOfficer).ok());
  ASSERT_TRUE(register_->ChangeStatus(a.reference, RequestStatus::kIcoComplaint, {2016, 8, 1}, "ICO case", kOfficer).ok());
  auto done = register_->Get(a.reference);
  EXPECT_EQ(done->review_responded, (Date{2016, 7, 8}));
  EXPECT_EQ(done->complaint_received, (Date{2016, 8, 1}));
  auto history = register_->History(a.reference);
  ASSERT_EQ(history->size(), 8u);  // opened, 7 changes
  EXPECT_EQ((*history)[5].from_status, "closed");
  EXPECT_EQ((*history)[5].to_status, "internal-review");
}

TEST_F(RegisterTest, SectionTwelveCountsOnlyTheFourActivitiesAndAggregates) {
  FoiRequest a = Open({2016, 3, 16});
  FoiRequest b = Open({2016, 4, 20});   // 24 working days later, same requester
  FoiRequest c = Open({2016, 9, 1});    // over 60 working days after a
  NewRequest other = Request({2016, 3, 20}, "Someone Else");
  other.contact = "someone@example.org";
  ASSERT_TRUE(register_->Create(other, kOfficer).ok());
  for (auto [ref, activity, hours] : {std::tuple{a.reference, "locating", 10.0}, std::tuple{a.reference, "extracting", 5.0},
                                      std::tuple{a.reference, "redacting", 4.0}, std::tuple{b.reference, "retrieving", 4.0}})
    ASSERT_TRUE(register_->LogTime({ref, Date{2016, 4, 20}, "", activity, hours, ""}, kOfficer).ok());
  auto bad = register_->LogTime({a.reference, Date{2016, 4, 20}, "", "thinking", 1, ""}, kOfficer);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("--activity 'thinking'"), std::string::npos);

  auto cost = register_->Cost(a.reference);
  ASSERT_TRUE(cost.ok()) << cost.error().message;
  EXPECT_DOUBLE_EQ(cost->counted_hours, 15.0);
  EXPECT_DOUBLE_EQ(cost->limit_hours, 18.0);
  EXPECT_FALSE(cost->exceeds_limit);
  EXPECT_EQ(cost->same_requester_within_60_days, std::vector<std::string>{b.reference});
  (void)c;
  RequestChanges link;
  link.similar_to = {b.reference};
  ASSERT_TRUE(register_->Update(a.reference, link, kOfficer).ok());
  auto aggregated = register_->Cost(a.reference);
  EXPECT_DOUBLE_EQ(aggregated->aggregated_hours, 19.0);
  EXPECT_TRUE(aggregated->exceeds_limit);
  EXPECT_TRUE(aggregated->same_requester_within_60_days.empty());
}

TEST_F(RegisterTest, ReportsWhatIsDueOverdueAndTheShareInTime) {
  FoiRequest on_time = Open({2016, 3, 16});   // due 18 Apr
  FoiRequest late = Open({2016, 3, 17});      // due 18 Apr too (17 Mar is not a working day)
  FoiRequest open_late = Open({2016, 3, 21}); // day 1 Tue 22 Mar; due Wed 20 Apr
  FoiRequest this_week = Open({2016, 3, 29}); // 20th working day: Tue 26 Apr
  ASSERT_EQ(late.due, (Date{2016, 4, 18}));
  ASSERT_EQ(open_late.due, (Date{2016, 4, 20}));
  ASSERT_EQ(this_week.due, (Date{2016, 4, 26}));
  ASSERT_TRUE(register_->ChangeStatus(on_time.reference, RequestStatus::kResponded, {2016, 4, 18}, "sent", kOfficer).ok());
  ASSERT_TRUE(register_->ChangeStatus(late.reference, RequestStatus::kResponded, {2016, 4, 20}, "sent", kOfficer).ok());
  RequestChanges ex;
  ex.exemptions = std::vector<std::string>{"s40-2"};
  ASSERT_TRUE(register_->Update(on_time.reference, ex, kOfficer).ok());

  auto rep = register_->Report({2016, 4, 25});  // a Monday
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->week_start, (Date{2016, 4, 25}));
  ASSERT_EQ(rep->overdue.size(), 1u);
  EXPECT_EQ(rep->overdue[0].reference, open_late.reference);
  ASSERT_EQ(rep->due_this_week.size(), 1u);
  EXPECT_EQ(rep->due_this_week[0].reference, this_week.reference);
  ASSERT_EQ(rep->months.size(), 1u);
  const MonthRow& m = rep->months[0];
  EXPECT_EQ(m.month, "2016-03");
  EXPECT_EQ(m.received, 4);
  EXPECT_EQ(m.responded, 2);
  EXPECT_EQ(m.responded_in_time, 1);
  EXPECT_EQ(m.open_overdue, 1);
  EXPECT_EQ(m.open_in_time, 1);
  ASSERT_TRUE(m.share_in_time);
  EXPECT_DOUBLE_EQ(*m.share_in_time, 1.0 / 3.0);
  EXPECT_EQ(m.exemptions.at("s40-2"), 1);
  // Receipt 16 Mar to response 18 Apr: 20 working days; 17 Mar to 20 Apr: 22.
  ASSERT_TRUE(m.median_working_days);
  EXPECT_EQ(*m.median_working_days, 22);
  const std::string csv = ReportCsv(*rep);
  EXPECT_NE(csv.find("2016-03,4,2,1,1,1,33.3,22,s40-2=1\r\n"), std::string::npos) << csv;
  for (const std::string& out : {ReportText(*rep), csv, ReportJson(*rep)}) {
    EXPECT_EQ(out.find("A. Requester"), std::string::npos);
    EXPECT_EQ(out.find("requester@example.org"), std::string::npos);
  }
  auto overdue = register_->List({std::nullopt, std::nullopt, true, {}}, {2016, 4, 25});
  ASSERT_EQ(overdue->size(), 1u);
  auto by_words = register_->List({std::nullopt, std::nullopt, false, {"SEXTORTION", "2015"}}, {2016, 4, 25});
  EXPECT_EQ(by_words->size(), 4u);
  auto due_before = register_->List({std::nullopt, Date{2016, 4, 19}, false, {}}, {2016, 4, 25});
  EXPECT_EQ(due_before->size(), 2u);
}

// A holiday announced late (as the State Funeral of 2022 was): deadlines of
// requests in hand move, and the move is recorded.
TEST_F(RegisterTest, NewHolidaysMoveDeadlinesAndTheMoveIsRecorded) {
  FoiRequest a = Open({2016, 3, 16});
  ASSERT_EQ(a.due, (Date{2016, 4, 18}));
  // gov.uk's file for 2016 with one extra day, Mon 11 April, in England and Wales.
  nlohmann::json divisions;
  for (Division d : kAllDivisions) {
    nlohmann::json events = nlohmann::json::array();
    for (const Holiday& h : register_->calendar().List(2016, d))
      events.push_back({{"title", h.title}, {"date", h.date.Iso()}, {"notes", ""}, {"bunting", true}});
    if (d == Division::kEnglandAndWales)
      events.push_back({{"title", "Extra bank holiday"}, {"date", "2016-04-11"}, {"notes", ""}, {"bunting", true}});
    divisions[DivisionId(d)] = {{"division", DivisionId(d)}, {"events", events}};
  }
  const fs::path file = dir_ / "bank-holidays.json";
  std::ofstream(file) << divisions.dump();
  auto lines = register_->ImportHolidays(file.string(), kOfficer);
  ASSERT_TRUE(lines.ok()) << lines.error().message;
  auto moved = register_->Get(a.reference);
  EXPECT_EQ(moved->due, (Date{2016, 4, 19}));
  bool recorded = false;
  for (const auto& e : *register_->History(a.reference))
    recorded |= e.kind == "deadline" && e.detail.find("due 2016-04-18 -> 2016-04-19") != std::string::npos;
  EXPECT_TRUE(recorded);
  bool listed = false;
  for (const auto& l : *lines) listed |= l.find("2016-04-11") != std::string::npos;
  EXPECT_TRUE(listed);
  // A register opened afresh reads the import from the store.
  auto again = RequestRegister::Open(*store_, kConfig);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->calendar().IsHoliday({2016, 4, 11}, Division::kEnglandAndWales));
  EXPECT_EQ(again->Create(Request({2016, 3, 16}), kOfficer)->due, (Date{2016, 4, 19}));
}

// Two writers on one store, each with its own connection, as two processes
// would be: every request gets its own number and nothing is lost.
TEST_F(RegisterTest, TwoWritersAtOnceLoseNothing) {
  const std::string path = (dir_ / "register.db").string();
  auto writer = [&](int who, std::vector<std::string>* refs) {
    auto store = SqliteStore::Open(path);
    ASSERT_TRUE(store.ok());
    auto reg = RequestRegister::Open(**store, kConfig);
    ASSERT_TRUE(reg.ok());
    for (int i = 0; i < 15; ++i) {
      auto r = reg->Create(Request({2016, 3, 16}), {"writer" + std::to_string(who), "2016-03-16T10:00:00Z"});
      ASSERT_TRUE(r.ok()) << r.error().message;
      refs->push_back(r->reference);
      ASSERT_TRUE(reg->LogTime({r->reference, Date{2016, 3, 17}, "", "locating", 1, ""}, {"w", "t"}).ok());
    }
  };
  std::vector<std::string> a, b;
  std::thread t1(writer, 1, &a), t2(writer, 2, &b);
  t1.join();
  t2.join();
  std::set<std::string> all(a.begin(), a.end());
  all.insert(b.begin(), b.end());
  EXPECT_EQ(all.size(), 30u);
  EXPECT_TRUE(all.count("FOI 000001/16"));
  EXPECT_TRUE(all.count("FOI 000030/16"));
  for (const auto& ref : all) {
    EXPECT_EQ(store_->TimeEntries(ref)->size(), 1u) << ref;
    EXPECT_EQ(store_->RequestEvents(ref)->size(), 2u) << ref;
  }
}

}  // namespace
}  // namespace foidesk::reg
