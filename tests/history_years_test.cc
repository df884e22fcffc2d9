// check --history and trend over the three bundled years (the real 2024 and
// the simulated 2025 and 2026): what the trend says must follow from the
// edit lists in fixtures/years/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>

#include "tests/report_test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kYears[] = {"fixtures/corpus/junshan-2024.txt",
                                  "fixtures/corpus/junshan-2025-sim.txt",
                                  "fixtures/corpus/junshan-2026-sim.txt"};
constexpr const char* kEditLists[] = {
    "fixtures/years/junshan-2025-sim.edits.yaml",
    "fixtures/years/junshan-2026-sim.edits.yaml"};

class HistoryYearsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(FreshDir("history-years"));
    db_ = new std::string((*dir_ / "hist.sqlite").string());
    for (const char* corpus : kYears) record_lines_->push_back(Record(corpus));
    // 2025 again: replaced, not added.
    record_lines_->push_back(Record(kYears[1]));
    const CommandResult trend =
        RunCommand(std::string(JXAUDIT_BINARY) + " trend --history " + *db_ +
                   " --out " + (*dir_ / "trend").string() + " 2>&1");
    ASSERT_EQ(trend.exit_code, 0) << trend.out;
    *trend_ = ReadJson(*dir_ / "trend" / "trend.json");
  }
  static void TearDownTestSuite() { fs::remove_all(*dir_); }

  static std::string Record(const char* corpus) {
    const CommandResult r = RunCommand(
        std::string(JXAUDIT_BINARY) + " check " + SourcePath(corpus) +
        " --fail-on never --history " + *db_ + " 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << corpus;
    return r.out;
  }

  static const json* Unit(const std::string& name) {
    for (const json& unit : (*trend_)["units"]) {
      if (unit["name"] == name) return &unit;
    }
    return nullptr;
  }

  static std::map<int, double> Series(const json& unit) {
    std::map<int, double> series;
    for (const json& point : unit["quality"]) {
      series[point["year"]] = point["quality"];
    }
    return series;
  }

  static inline fs::path* dir_ = nullptr;
  static inline std::string* db_ = nullptr;
  static inline std::vector<std::string>* record_lines_ =
      new std::vector<std::string>;
  static inline json* trend_ = new json;
};

TEST_F(HistoryYearsTest, EachYearIsRecordedOnceAndARerunReplacesIt) {
  ASSERT_EQ(record_lines_->size(), 4u);
  EXPECT_THAT((*record_lines_)[0], HasSubstr("2024 年度"));
  EXPECT_THAT((*record_lines_)[0], HasSubstr("该年度首次记录"));
  // The real rename of 2025 is carried to the 2024 unit.
  EXPECT_THAT((*record_lines_)[1], HasSubstr("1 个单位按 2024 年度"));
  EXPECT_THAT((*record_lines_)[3], HasSubstr("替换了该年度此前的记录"));
  EXPECT_EQ((*trend_)["years"], json({2024, 2025, 2026}));
  ASSERT_EQ((*trend_)["runs"].size(), 3u);
}

// Findings per year: 2024 has the real corpus's 480; each later year has
// the previous year's − fixed + new of its edit list.
TEST_F(HistoryYearsTest, FindingCountsFollowTheEditLists) {
  const json& runs = (*trend_)["runs"];
  EXPECT_EQ(runs[0]["findings"], 480);
  for (int step = 0; step < 2; ++step) {
    const YAML::Node expected =
        YAML::LoadFile(SourcePath(kEditLists[step]))["expected"];
    EXPECT_EQ(runs[step + 1]["findings"].get<int>(),
              runs[step]["findings"].get<int>() -
                  static_cast<int>(expected["fixed"].size()) +
                  static_cast<int>(expected["new"].size()))
        << kEditLists[step];
  }
  EXPECT_EQ(runs[0]["units"], 120);
  EXPECT_EQ(runs[1]["units"], 119);  // 2 removed, 1 added
  EXPECT_EQ(runs[2]["units"], 119);
}

// Per rule and year: the previous year's count − the list's fixed findings of
// that rule + its new ones.
TEST_F(HistoryYearsTest, RuleCountsFollowTheEditLists) {
  std::map<std::string, std::map<int, int>> counts;
  for (const json& rule : (*trend_)["rules"]) {
    for (const json& point : rule["counts"]) {
      counts[rule["rule"]][point["year"]] = point["count"];
    }
  }
  EXPECT_EQ(counts["weight/sum"][2024], 5);
  for (int step = 0; step < 2; ++step) {
    const int year = 2025 + step;
    std::map<std::string, int> delta;
    const YAML::Node expected =
        YAML::LoadFile(SourcePath(kEditLists[step]))["expected"];
    for (const YAML::Node& f : expected["fixed"]) {
      --delta[f["rule"].as<std::string>()];
    }
    for (const YAML::Node& f : expected["new"]) {
      ++delta[f["rule"].as<std::string>()];
    }
    for (auto& [rule, by_year] : counts) {
      EXPECT_EQ(by_year[year], by_year[year - 1] + delta[rule])
          << rule << " " << year;
    }
  }
}

TEST_F(HistoryYearsTest, ARenamedUnitIsOneUnitWithThreeScores) {
  const json* unit = Unit("岳阳市君山区工业和信息化局");
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(Series(*unit).size(), 3u);
  EXPECT_EQ((*unit)["first_year"], 2024);
  EXPECT_THAT((*unit)["former_names"].dump(),
              HasSubstr("岳阳市君山区科技和工业信息化局"));
  EXPECT_EQ(Unit("岳阳市君山区科技和工业信息化局"), nullptr);
  // Prefix and suffix changes are no rename at all.
  const json* suffixed = Unit("岳阳市君山区农业科学研究室（单位）");
  ASSERT_NE(suffixed, nullptr);
  EXPECT_EQ(Series(*suffixed).size(), 3u);
  // 120 units of 2024 + the unit added in 2025; the 2 removed keep 2024.
  EXPECT_EQ((*trend_)["units"].size(), 121u);
  const json* removed = Unit("君山区库区移民服务中心");
  ASSERT_NE(removed, nullptr);
  EXPECT_EQ(Series(*removed).size(), 1u);
  const json* added = Unit("岳阳市君山区数据局");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(Series(*added).begin()->first, 2025);
}

// 应急管理局 has no finding in 2024; the 2025 list gives it two new errors
// (score/exceeds-weight and weight/sum) and the 2026 list fixes both.
TEST_F(HistoryYearsTest, AUnitThatGotWorseAndRecoveredShowsIt) {
  const json* unit = Unit("君山区应急管理局");
  ASSERT_NE(unit, nullptr);
  const std::map<int, double> series = Series(*unit);
  EXPECT_DOUBLE_EQ(series.at(2024), 100);
  EXPECT_LT(series.at(2025), 90);
  EXPECT_DOUBLE_EQ(series.at(2026), 100);
}

// 农业机械服务中心 had its weight/sum and score/below-weight fixed in 2025
// (fix-weight-sum-1) and nothing new: among the most improved. 钱粮湖镇 got a
// stale copy and two cross-unit copies in 2025: among the most declined.
TEST_F(HistoryYearsTest, MostImprovedAndDeclinedComeFromTheEdits) {
  std::vector<std::string> improved, declined;
  for (const json& u : (*trend_)["most_improved"])
    improved.push_back(u["name"]);
  for (const json& u : (*trend_)["most_declined"])
    declined.push_back(u["name"]);
  EXPECT_THAT(improved, ::testing::Contains("君山区农业机械服务中心"));
  EXPECT_THAT(declined, ::testing::Contains("君山区钱粮湖镇人民政府"));
  for (const json& u : (*trend_)["most_improved"]) EXPECT_GT(u["change"], 0);
  for (const json& u : (*trend_)["most_declined"]) EXPECT_LT(u["change"], 0);
  const std::string html = ReadFile(*dir_ / "trend" / "trend.html");
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, HasSubstr("岳阳市君山区工业和信息化局"));
}

}  // namespace
}  // namespace jxaudit::testing
