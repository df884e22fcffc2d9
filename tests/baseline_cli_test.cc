// `jxaudit check --baseline findings.json`: only findings that are new
// relative to the baseline are reported, and only they decide the exit code.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/report_test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class BaselineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(FreshDir("baseline"));
    const CommandResult full =
        RunCommand(std::string(JXAUDIT_BINARY) + " check " + CorpusPath() +
                   " --format json --fail-on never 2>/dev/null");
    ASSERT_EQ(full.exit_code, 0);
    *full_ = json::parse(full.out);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  static fs::path WriteJson(const std::string& name, const json& doc) {
    const fs::path path = *dir_ / name;
    std::ofstream(path) << doc.dump();
    return path;
  }

  static CommandResult Check(const std::string& args) {
    return RunCommand(std::string(JXAUDIT_BINARY) + " check " + CorpusPath() +
                      " " + args + " 2>" + (*dir_ / "stderr.txt").string());
  }

  static inline fs::path* dir_ = nullptr;
  static inline json* full_ = new json;
};

TEST_F(BaselineTest, NothingIsNewAgainstItsOwnResult) {
  ASSERT_EQ(full_->at("findings").size(), 480u);
  const fs::path baseline = WriteJson("same.json", *full_);
  const CommandResult run =
      Check("--baseline " + baseline.string() + " --format json");
  EXPECT_EQ(run.exit_code, 0);  // --fail-on error, but nothing new
  const json result = json::parse(run.out);
  EXPECT_TRUE(result["findings"].empty());
  EXPECT_EQ(result["run"]["baseline"]["persisting"], 480);
  EXPECT_EQ(result["run"]["baseline"]["new"], 0);
  EXPECT_EQ(result["run"]["baseline"]["fixed"], 0);
  EXPECT_EQ(result["run"]["baseline"]["year"], 2024);
  // The unit scores still describe the whole table, not just what is new.
  EXPECT_EQ(result["units"].size(), 120u);
}

TEST_F(BaselineTest, FindingsMissingFromTheBaselineAreTheOnlyOnesReported) {
  // A baseline from before the five weight/sum errors were made: they are
  // new, everything else was already there.
  json older = *full_;
  json kept = json::array();
  for (const json& finding : older["findings"]) {
    if (finding["rule"] != "weight/sum") kept.push_back(finding);
  }
  older["findings"] = kept;
  // Lines and unit order do not matter: shift every line and reverse units.
  for (json& finding : older["findings"]) {
    finding["source"]["line"] = finding["source"]["line"].get<int>() + 37;
  }
  std::reverse(older["units"].begin(), older["units"].end());
  const fs::path baseline = WriteJson("older.json", older);
  const CommandResult run =
      Check("--baseline " + baseline.string() + " --format json");
  EXPECT_EQ(run.exit_code, 1);  // the new findings are errors
  const json result = json::parse(run.out);
  std::vector<int> lines;
  for (const json& finding : result["findings"]) {
    EXPECT_EQ(finding["rule"], "weight/sum");
    lines.push_back(finding["source"]["line"]);
  }
  std::sort(lines.begin(), lines.end());
  EXPECT_THAT(lines, ElementsAre(9504, 10156, 17487, 20088, 21674));
  EXPECT_EQ(result["run"]["baseline"]["new"], 5);
  EXPECT_EQ(result["run"]["baseline"]["persisting"], 475);
  const json sarif = json::parse(
      Check("--baseline " + baseline.string() + " --format sarif").out);
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 5u);
  for (const json& r : sarif["runs"][0]["results"]) {
    EXPECT_EQ(r["baselineState"], "new");
  }
}

TEST_F(BaselineTest, AFixedFindingIsCountedNotReported) {
  json older = *full_;
  json extra = older["findings"][0];
  extra["indicator"] = "已整改的指标";
  extra["rule"] = "unit/mismatch";
  older["findings"].push_back(extra);
  const fs::path baseline = WriteJson("fixed.json", older);
  const CommandResult run =
      Check("--baseline " + baseline.string() + " --format json");
  const json result = json::parse(run.out);
  EXPECT_TRUE(result["findings"].empty());
  EXPECT_EQ(result["run"]["baseline"]["fixed"], 1);
}

TEST_F(BaselineTest, TextSummarySaysWhatWasLeftOut) {
  const fs::path baseline = WriteJson("same-text.json", *full_);
  const CommandResult run = Check("--baseline " + baseline.string());
  EXPECT_THAT(run.out, HasSubstr("只列出相对基线"));
  EXPECT_THAT(run.out, HasSubstr("仍存在的 480 个未列出"));
}

TEST_F(BaselineTest, ReportsSayTheyHoldOnlyTheNewFindings) {
  json older = *full_;
  json kept = json::array();
  for (const json& finding : older["findings"]) {
    if (finding["rule"] != "weight/sum") kept.push_back(finding);
  }
  older["findings"] = kept;
  const fs::path baseline = WriteJson("reports.json", older);
  const fs::path out = *dir_ / "out";
  ASSERT_EQ(Check("--baseline " + baseline.string() + " --out " +
                  out.string() + " --fail-on never")
                .exit_code,
            0);
  EXPECT_EQ(ReadJson(out / "findings.json")["findings"].size(), 5u);
  EXPECT_THAT(ReadFile(out / "review.html"),
              HasSubstr("新增的问题；仍存在的 475 个未列出"));
}

TEST_F(BaselineTest, UnreadableBaselineIsAnInputErrorNamingTheFile) {
  const fs::path bad = *dir_ / "not-json.json";
  std::ofstream(bad) << "君山区 not json";
  EXPECT_EQ(Check("--baseline " + bad.string()).exit_code, 2);
  EXPECT_THAT(ReadFile(*dir_ / "stderr.txt"), HasSubstr(bad.string()));
  const fs::path wrong = WriteJson("wrong.json", json{{"a", 1}});
  EXPECT_EQ(Check("--baseline " + wrong.string()).exit_code, 2);
  EXPECT_THAT(ReadFile(*dir_ / "stderr.txt"), HasSubstr("findings.json"));
}

}  // namespace
}  // namespace jxaudit::testing
