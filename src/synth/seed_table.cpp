// The 68 rows of seed/q2-details.csv (FOI 000763/16), copied verbatim, with
// where the synthetic force records each crime and what it plants on it.
#include "synth/seed_table.h"

namespace foidesk::synth {
namespace {

constexpr SeedRow kRows[] = {
    {2011,
     "Threat to post images of a sexual nature on the internet unless money received or sexual act",
     "Caution", 17, Placement::kCrs, Story::kKnownPeer, AgeTrap::kNone},  // 1
    {2011,
     "Threat to post images of a sexual nature on social networking site unless further are sent",
     "Charge", 15, Placement::kCrs, Story::kKnownPeer, AgeTrap::kNone},  // 2
    {2011,
     "Threat to post video of sexual acts to partner of victim unless money paid or sexual act",
     "Undetected", 45, Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 3
    {2012, "Video uploaded to website and threat to post to further sites unless money paid",
     "Undetected", 26, Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 4
    {2013, "Threat of posting video to website and to colleagues unless money paid", "Undetected",
     30, Placement::kCrs, Story::kOnline, AgeTrap::kBirthdayAfterStart},  // 5
    {2013, "Threat to post video to website and victim's contacts unless money paid", "Undetected",
     22, Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 6
    {2014, "Threat to expose website membership unless money paid", "Undetected", 28,
     Placement::kCrs, Story::kMembership, AgeTrap::kNone},  // 7
    {2014, "Threat to post video to internet site unless money paid", "Undetected", 52,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 8
    {2014, "Threat to send video to family and friends unless money paid", "Undetected", 34,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 9
    {2014, "Threat to post video on the internet unless money paid", "Undetected", 21,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 10
    {2014, "Threat to release video to victim's contacts unless money paid", "Undetected", 17,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 11
    {2014, "Threat to post video to internet sites and friends unless money paid", "Undetected", 23,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 12
    {2014, "Threat to post intimate pictures on internet and show to spouse unless money paid",
     "Charge", 46, Placement::kCrs, Story::kExPartner, AgeTrap::kNone},  // 13
    {2014, "Threat to upload footage unless money paid", "Undetected", 23, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 14
    {2014, "Threat of blackmail after sending explicit video", "Undetected", 19, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 15
    {2014, "Threats made after photograph sent and money demanded", "Charge", 16, Placement::kCrs,
     Story::kKnownPeer, AgeTrap::kNone},  // 16
    {2014, "Threat to post video to Facebook friends unless money paid", "Undetected", 35,
     Placement::kCrs, Story::kOnline, AgeTrap::kBirthdayAfterStart},  // 17
    {2014, "Threat to disseminate footage to family and friends unless money paid", "Undetected",
     27, Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 18
    {2014, "Threat to upload footage to websites unless money paid", "Undetected", 21,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 19
    {2014, "Threat to post video on family's Facebook unless money paid", "Undetected", 22,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 20
    {2014, "Threat to send video to friends on Facebook unless money paid", "Undetected", 29,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 21
    {2014,
     "Following exchange of naked photos offender attempted to blackmail victim by stating "
     "underage and posting on Facebook unless money paid",
     "Undetected", 22, Placement::kCrs, Story::kUnderageClaim, AgeTrap::kNone},  // 22
    {2014, "Threats to send video to Facebook friends unless money paid", "Undetected", 17,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 23
    {2014, "Threat to post recording on website unless money paid", "Undetected", 21,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 24
    {2014, "Threat to post video online unless money paid", "Undetected", 22, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 25
    {2014, "Threat that video would be distributed on the web and to employer unless money paid",
     "Undetected", 30, Placement::kCrs, Story::kOnline, AgeTrap::kBirthdayOnStart},  // 26
    {2014, "Threat to post video on internet unless money paid", "Undetected", 33, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 27
    {2014, "Threat to post recording on Facebook unless money paid", "Undetected", 24,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 28
    {2014, "Threat to post images to Facebook unless money paid", "Undetected", 23, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 29
    {2015, "Threat to post footage to Facebook contacts unless money paid", "Undetected", 20,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 30
    {2015, "Threat to post video on internet unless more images are sent to offender", "Undetected",
     17, Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 31
    {2015, "Threat to post online video of partially naked victim unless money paid", "Undetected",
     32, Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 32
    {2015, "Threat to post video to Facebook unless money paid", "Undetected", 41, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 33
    {2015, "Threat to upload video onto the internet unless money paid", "Undetected", 19,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 34
    {2015, "Threat to leak edited image unless victim sent real pictures", "Undetected", 16,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 35
    {2015, "Threat to post video to internet unless money paid", "Undetected", 25, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 36
    {2015, "Threat to post video to Facebook contacts unless money paid", "Undetected", 22,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 37
    {2015, "Threat to post video to friends and family unless money paid", "Undetected", 27,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 38
    {2015, "Threat to post clip to internet sites unless money paid", "Undetected", 17,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 39
    {2015, "Threat to post video to internet unless money paid", "Undetected", 22, Placement::kCrs,
     Story::kOnline, AgeTrap::kBirthdayAfterStart},  // 40
    {2015, "Threat to post video online unless money paid", "Undetected", 24, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 41
    {2015, "Threat to circulate footage unless money paid", "Undetected", 40, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 42
    {2015, "Threat to post recording online unless money paid", "Undetected", 19, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 43
    {2015, "Threat to post nude picture of victim on Facebook unless money paid", "Undetected", 57,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 44
    {2015, "Threat to post video online unless money paid", "Undetected", 21, Placement::kCrs,
     Story::kOnline, AgeTrap::kBirthdayOnStart},  // 45
    {2015, "Threat to post clip to internet sites unless money paid", "Undetected", 27,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 46
    {2015, "Threat to place recording on internet unless money paid", "Undetected", 24,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 47
    {2015, "Threat to upload video to Facebook unless money paid", "Undetected", 20,
     Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 48
    {2015, "Threat to post pictures and video to family and friends unless money paid",
     "Undetected", 18, Placement::kCrs, Story::kOnline, AgeTrap::kNone},  // 49
    {2015, "Threat to post video to family on Facebook unless money paid", "Undetected", 34,
     Placement::kMigrated, Story::kOnline, AgeTrap::kNone},  // 50
    {2015, "Threat to post video to Facebook unless money paid", "Undetected", 66, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 51
    {2015, "Threat to place video online unless money paid", "Undetected", 22, Placement::kMigrated,
     Story::kOnline, AgeTrap::kNone},  // 52
    {2015, "Threat to release video unless money paid", "Undetected", 27, Placement::kMigrated,
     Story::kOnline, AgeTrap::kSummerMidnight},  // 53
    {2015, "Threats to circulate video online unless money paid", "Undetected", 20, Placement::kCrs,
     Story::kOnline, AgeTrap::kNone},  // 54
    {2015, "Threats to circulate video amongst contacts unless money paid", "Undetected", 40,
     Placement::kMigrated, Story::kOnline, AgeTrap::kNone},  // 55
    {2015, "Threat to post video online unless money paid", "Undetected", 30, Placement::kRms,
     Story::kOnline, AgeTrap::kNone},  // 56
    {2015, "Threat to post naked video online unless money paid", "Undetected", 19, Placement::kRms,
     Story::kOnline, AgeTrap::kNone},  // 57
    {2015, "Threat to post video online unless money paid", "Undetected", 18, Placement::kRms,
     Story::kOnline, AgeTrap::kOtherPersonFirst},  // 58
    {2015, "Threat to post video of sexual acts online unless money paid", "Undetected", -1,
     Placement::kRms, Story::kOnline, AgeTrap::kNone},  // 59
    {2015, "Threat to post video to Facebook friends unless victim opens internet link",
     "Undetected", 18, Placement::kRms, Story::kOnline, AgeTrap::kBirthdayAfterStart},  // 60
    {2015, "Threat to post video online unless money paid", "Undetected", 31, Placement::kRms,
     Story::kOnline, AgeTrap::kNone},  // 61
    {2015,
     "Victim sent naked images and when refused to send more the offender threatened to show "
     "friends",
     "Caution – Youth", 16, Placement::kRms, Story::kKnownPeer, AgeTrap::kNone},  // 62
    {2015, "Threat to post video to Facebook friends unless money paid", "Undetected", -1,
     Placement::kRms, Story::kOnline, AgeTrap::kNone},  // 63
    {2015, "Threat to post video of photos to internet sites unless money paid", "Undetected", 51,
     Placement::kRms, Story::kOnline, AgeTrap::kNone},  // 64
    {2015, "Threat to post video to internet site unless money paid", "Undetected", 52,
     Placement::kRms, Story::kOnline, AgeTrap::kNone},  // 65
    {2015, "Tablet computer locked stating victim has viewed banned pornography. Money requested.",
     "Undetected", 52, Placement::kRms, Story::kRansom, AgeTrap::kNone},  // 66
    {2015, "Threat to post images to internet site unless money paid", "Undetected", 19,
     Placement::kRms, Story::kOnline, AgeTrap::kNone},  // 67
    {2015, "Threat to post image to internet site unless money paid", "Undetected", -1,
     Placement::kRms, Story::kOnline, AgeTrap::kNoVictimPerson},  // 68
};

}  // namespace

std::span<const SeedRow> SeedRows() { return kRows; }

}  // namespace foidesk::synth
