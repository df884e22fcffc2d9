// The correction workbooks, read back with openpyxl (Debian's
// python3-openpyxl, through tests/report_read_xlsx.py) and checked cell by
// cell against findings.json: the header, one row per finding, frozen and
// repeated header row, wrapped text, severity colours, A4 landscape.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>
#include <thread>

#include "reports/xlsx_common.h"
#include "tests/report_test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

class ReportXlsxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { run_ = new CorpusReports("xlsx"); }
  static void TearDownTestSuite() { delete run_; }

  void SetUp() override {
    ASSERT_EQ(run_->exit_code, 0) << ReadFile(run_->dir / "stderr.txt");
    if (!HavePythonModule("openpyxl")) {
      GTEST_SKIP()
          << "python3-openpyxl is missing (tools/setup.sh installs it)";
    }
  }

  // The unit with the most findings and its workbook.
  static const json& BusiestUnit() {
    std::map<std::string, int> counts;
    for (const json& f : run_->report["findings"]) ++counts[f["unit"]];
    const auto best =
        std::max_element(counts.begin(), counts.end(),
                         [](auto& a, auto& b) { return a.second < b.second; });
    for (const json& unit : run_->report["units"]) {
      if (unit["id"] == best->first) return unit;
    }
    return run_->report["units"][0];
  }

  static fs::path WorkbookOf(const std::string& unit_id) {
    for (const auto& entry : fs::directory_iterator(run_->Out("corrections"))) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(unit_id + "-", 0) == 0 &&
          entry.path().extension() == ".xlsx") {
        return entry.path();
      }
    }
    return {};
  }

  static std::vector<json> FindingsOf(const std::string& unit_id) {
    std::vector<json> out;
    for (const json& f : run_->report["findings"]) {
      if (f["unit"] == unit_id) out.push_back(f);
    }
    return out;
  }

  static std::string Severity(const json& f) {
    const std::string s = f["severity"];
    return s == "error" ? "错误" : s == "warning" ? "警告" : "提示";
  }

  // Checks a unit sheet's header and rows against the unit's findings.
  static void ExpectUnitSheet(const json& sheet, const json& unit,
                              const std::vector<json>& findings) {
    const json& rows = sheet["rows"];
    ASSERT_EQ(rows.size(), findings.size() + 4);
    const std::string title = rows[0][0];
    EXPECT_THAT(title, HasSubstr(unit["name"].get<std::string>()));
    EXPECT_THAT(title, HasSubstr("2024年度"));
    const std::string who = rows[1][0];
    EXPECT_THAT(who,
                HasSubstr("质量得分：" + FormatScore(unit["quality_score"])));
    EXPECT_THAT(who, HasSubstr("年度：2024"));
    const std::vector<std::string> heads = {"序号",     "一级指标", "二级指标",
                                            "三级指标", "问题类型", "问题说明",
                                            "原文",     "修改建议", "严重程度"};
    for (size_t c = 0; c < heads.size(); ++c) EXPECT_EQ(rows[3][c], heads[c]);
    for (size_t i = 0; i < findings.size(); ++i) {
      const json& row = rows[i + 4];
      const json& f = findings[i];
      EXPECT_EQ(row[0], static_cast<int>(i + 1));
      EXPECT_EQ(row[3],
                f["indicator"].is_null() ? json("（整表）") : f["indicator"]);
      EXPECT_EQ(row[5], f["message"]);
      EXPECT_EQ(row[7],
                f["fix"].get<std::string>().empty() ? json(nullptr) : f["fix"]);
      EXPECT_EQ(row[8], Severity(f));
      if (!f["indicator"].is_null()) {
        EXPECT_THAT(row[6].get<std::string>(), HasSubstr("评（扣）分标准："));
      }
      // Severity colour: red, amber or blue fill.
      const std::string fill = sheet["fills"][i + 4][8];
      EXPECT_EQ(fill, Severity(f) == "错误"   ? "FFF4CCCC"
                      : Severity(f) == "警告" ? "FFFFEB9C"
                                              : "FFDDEBF7");
      EXPECT_TRUE(sheet["wraps"][i + 4][5].get<bool>());
      EXPECT_TRUE(sheet["wraps"][i + 4][6].get<bool>());
    }
    EXPECT_EQ(sheet["freeze"], "A5");
    EXPECT_EQ(sheet["orientation"], "landscape");
    EXPECT_EQ(sheet["paper"].dump(), "9");  // A4 (openpyxl reads an int)
    EXPECT_EQ(sheet["print_title_rows"], "$4:$4");
    EXPECT_GE(sheet["widths"]["F"].get<double>(), 30);
  }

  static std::string FormatScore(const json& value) {
    const double score = value.get<double>();
    std::string text = std::to_string(score);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return text;
  }

  static inline CorpusReports* run_ = nullptr;
};

TEST_F(ReportXlsxTest, UnitWorkbookMatchesTheFindings) {
  const json& unit = BusiestUnit();
  const fs::path path = WorkbookOf(unit["id"]);
  ASSERT_FALSE(path.empty());
  const json book = ReadWorkbook(path);
  ASSERT_EQ(book["sheets"].size(), 1u);
  ExpectUnitSheet(book["sheets"][0], unit, FindingsOf(unit["id"]));
}

TEST_F(ReportXlsxTest, OverviewHasSummaryRulesAndASheetPerUnit) {
  const json book = ReadWorkbook(run_->Out("corrections.xlsx"));
  const json& sheets = book["sheets"];
  std::set<std::string> units_with_findings;
  for (const json& f : run_->report["findings"])
    units_with_findings.insert(f["unit"]);
  ASSERT_EQ(sheets.size(), units_with_findings.size() + 2);
  EXPECT_EQ(sheets[0]["title"], "汇总");
  EXPECT_EQ(sheets[1]["title"], "问题类型");
  // Summary: every unit, worst first, with its score and counts.
  const json& summary = sheets[0]["rows"];
  ASSERT_EQ(summary.size(), run_->report["units"].size() + 3);
  for (const json& unit : run_->report["units"]) {
    const json& row = summary[unit["rank"].get<int>() + 2];
    EXPECT_EQ(row[0], unit["rank"]);
    EXPECT_EQ(row[1], unit["id"]);
    EXPECT_EQ(row[2], unit["name"]);
    EXPECT_DOUBLE_EQ(row[3].get<double>(), unit["quality_score"].get<double>());
    EXPECT_EQ(row[4], unit["counts"]["error"]);
    EXPECT_EQ(row[5], unit["counts"]["warning"]);
    EXPECT_EQ(row[6], unit["counts"]["info"]);
    EXPECT_EQ(row[9], units_with_findings.count(unit["id"]) ? json("查看")
                                                            : json("无问题"));
  }
  // Problem types: the counts per rule add up to all findings.
  int total = 0;
  for (size_t r = 1; r < sheets[1]["rows"].size(); ++r) {
    total += sheets[1]["rows"][r][4].get<int>();
  }
  EXPECT_EQ(total, static_cast<int>(run_->report["findings"].size()));
  // Unit sheets, worst unit first; the first one checked cell by cell.
  const json& first = sheets[2];
  const json* worst = nullptr;
  for (const json& unit : run_->report["units"]) {
    if (unit["rank"] == 1) worst = &unit;
  }
  ASSERT_NE(worst, nullptr);
  EXPECT_EQ(first["title"].get<std::string>().substr(0, 5), (*worst)["id"]);
  ExpectUnitSheet(first, *worst, FindingsOf((*worst)["id"]));
}

// A province's overview workbook (here 330 units generated from the real
// corpus by tools/gen_corpus.py) has a summary row per unit and no sheet per
// unit; each row links to the unit's own workbook in corrections/.
TEST(ReportXlsxProvinceTest, OverviewLinksToUnitWorkbooksInsteadOfSheets) {
  if (!HavePythonModule("openpyxl")) GTEST_SKIP() << "python3-openpyxl";
  const fs::path dir = FreshDir("xlsx-province");
  fs::create_directories(dir / "in");
  const std::string corpus = (dir / "in" / "corpus.txt").string();
  ASSERT_EQ(RunCommand("/usr/bin/python3 " + SourcePath("tools/gen_corpus.py") +
                       " --source " + CorpusPath() +
                       " --units 330 --seed 3 --out " + corpus + " 2>&1")
                .exit_code,
            0);
  const JxauditResult run =
      RunJxaudit("check " + corpus + " --out " + (dir / "out").string() +
                     " --fail-on never --format json",
                 dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json book = ReadWorkbook(dir / "out" / "corrections.xlsx");
  ASSERT_EQ(book["sheets"].size(), 2u);  // 汇总 and 问题类型 only
  const json& summary = book["sheets"][0];
  EXPECT_EQ(summary["rows"].size(), 330u + 3);
  int linked = 0;
  for (const json& link : summary["links"]) {
    // libxlsxwriter writes a relative file link with Windows separators,
    // which is what Excel and WPS on the reviewers' machines expect.
    std::string target = link[2];
    ASSERT_EQ(target.rfind("corrections\\u", 0), 0u) << target;
    std::replace(target.begin(), target.end(), '\\', '/');
    EXPECT_TRUE(fs::exists(dir / "out" / target)) << target;
    ++linked;
  }
  std::set<std::string> units_with_findings;
  const json report = ReadJson(dir / "out" / "findings.json");
  for (const json& f : report["findings"])
    units_with_findings.insert(f["unit"]);
  EXPECT_EQ(linked, static_cast<int>(units_with_findings.size()));
  EXPECT_GT(linked, 300);
  fs::remove_all(dir);
}

// libxlsxwriter stamps each workbook with gmtime(); correction lists are
// written on several threads, so the program's gmtime keeps one result per
// thread (reports/xlsx_common.cc): another thread's call leaves this
// thread's result as it was, where the C library's one buffer would not.
TEST(XlsxGmtime, AnotherThreadsCallLeavesThisThreadsResult) {
  EXPECT_GT(DisplayWidth("审核"), 0);  // links reports/xlsx_common.cc
  const time_t first = 0;              // 1970-01-01
  const std::tm* mine = gmtime(&first);
  ASSERT_NE(mine, nullptr);
  std::thread other([] {
    const time_t later = 1733616000;  // 2024-12-08
    EXPECT_EQ(gmtime(&later)->tm_year, 124);
  });
  other.join();
  EXPECT_EQ(mine->tm_year, 70);
  EXPECT_EQ(mine->tm_mday, 1);
}

}  // namespace
}  // namespace jxaudit::testing
