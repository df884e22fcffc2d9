// The reports of `jxaudit compare`, from two small snapshots and a
// comparison built by hand (so that they do not depend on the matching):
// three units a year — one kept under its name, one renamed, one removed in
// 2025 and one added — and findings fixed (one by the unit's removal),
// persisting and new (one by the unit's addition). compare.json is checked
// field by field, compare.sarif against the SARIF 2.1.0 schema and for its
// baselineState, compare.xlsx read back with openpyxl, compare.html for its
// chart, names and numbers.
#include "reports/compare_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "analyzer/model/strings.h"
#include "tests/report_test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kFinance[] = "岳阳市君山区财政局";
constexpr char kFarmOld[] = "君山区农业农村局";
constexpr char kFarmNew[] = "君山区农业农村和水利局";
constexpr char kArchive[] = "君山区档案馆";
constexpr char kData[] = "君山区数据局";

SnapshotUnit MakeUnit(std::string id, std::string name, double quality,
                      int rank) {
  SnapshotUnit unit;
  unit.id = std::move(id);
  unit.name = std::move(name);
  unit.quality = quality;
  unit.rank = rank;
  return unit;
}

SnapshotFinding MakeFinding(std::string rule, std::string severity, int unit,
                            std::string indicator, std::string file, int line,
                            double priority, std::string fingerprint) {
  SnapshotFinding f;
  f.rule = std::move(rule);
  f.severity = std::move(severity);
  f.unit = unit;
  f.indicator = std::move(indicator);
  f.file = std::move(file);
  f.line = line;
  f.priority = priority;
  f.fingerprint = std::move(fingerprint);
  f.message = StrCat(f.rule, " 的说明");
  return f;
}

Snapshot OldRun() {
  Snapshot run;
  run.label = "junshan-2024.txt";
  run.year = 2024;
  run.units = {MakeUnit("u0001", kFinance, 90, 2),
               MakeUnit("u0002", kFarmOld, 80, 1),
               MakeUnit("u0003", kArchive, 95, 3)};
  const std::string file = "junshan-2024.txt";
  run.findings = {
      MakeFinding("weight/sum", "error", 0, "", file, 10, 0.9, "aaaa"),
      MakeFinding("score/exceeds-weight", "error", 1, "农田建设面积", file, 40,
                  0.8, "bbbb"),
      MakeFinding("unit/variant", "info", 0, "预算执行率", file, 20, 0.5,
                  "cccc"),
      MakeFinding("text/stale-year", "warning", 2, "档案数字化率", file, 70,
                  0.3, "dddd")};
  return run;
}

Snapshot NewRun() {
  Snapshot run;
  run.label = "junshan-2025.txt";
  run.year = 2025;
  run.units = {MakeUnit("u0001", kFinance, 95, 3),
               MakeUnit("u0002", kFarmNew, 78, 1),
               MakeUnit("u0003", kData, 85, 2)};
  const std::string file = "junshan-2025.txt";
  run.findings = {MakeFinding("operator/invalid", "error", 2, "数据共享率",
                              file, 90, 0.85, "eeee"),
                  MakeFinding("score/exceeds-weight", "error", 1,
                              "农田建设面积", file, 44, 0.8, "bbbb"),
                  MakeFinding("score/tiers", "warning", 1, "农田建设面积", file,
                              46, 0.6, "ffff"),
                  MakeFinding("unit/variant", "info", 0, "预算执行率", file, 22,
                              0.5, "cccc")};
  return run;
}

UnitChange Change(UnitPair pair, int fixed, int persisting, int added,
                  double quality_old, double quality_new) {
  UnitChange change;
  change.pair = pair;
  change.fixed = fixed;
  change.persisting = persisting;
  change.added = added;
  change.quality_old = quality_old;
  change.quality_new = quality_new;
  return change;
}

Comparison MakeComparison() {
  Comparison c;
  c.units = {Change({0, 0, UnitMatchKind::kSameName, 1, 0.9}, 1, 1, 0, 90, 95),
             Change({1, 1, UnitMatchKind::kFuzzy, 0.81, 0.6}, 0, 1, 1, 80, 78),
             Change({2, -1, UnitMatchKind::kRemoved, 0, 0}, 1, 0, 0, 95, 0),
             Change({-1, 2, UnitMatchKind::kAdded, 0, 0}, 0, 0, 1, 0, 85)};
  c.findings = {{ChangeStatus::kFixed, 0, -1, 0},
                {ChangeStatus::kPersisting, 1, 1, 1},
                {ChangeStatus::kPersisting, 2, 3, 0},
                {ChangeStatus::kFixed, 3, -1, 2},
                {ChangeStatus::kNew, -1, 0, 3},
                {ChangeStatus::kNew, -1, 2, 1}};
  c.fixed = 2;
  c.persisting = 2;
  c.added = 2;
  c.units_same = 1;
  c.units_renamed = 1;
  c.units_added = 1;
  c.units_removed = 1;
  c.mean_quality_old = (90 + 80 + 95) / 3.0;
  c.mean_quality_new = (95 + 78 + 85) / 3.0;
  return c;
}

class CompareReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    old_run_ = new Snapshot(OldRun());
    new_run_ = new Snapshot(NewRun());
    comparison_ = new Comparison(MakeComparison());
    dir_ = new fs::path(FreshDir("compare-report"));
    auto written = WriteCompareReports(Input(), (*dir_ / "out").string());
    written_ = new absl::StatusOr<std::vector<std::string>>(written);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete written_;
    delete comparison_;
    delete new_run_;
    delete old_run_;
  }
  void SetUp() override { ASSERT_TRUE(written_->ok()) << written_->status(); }

  static CompareInput Input() { return {*old_run_, *new_run_, *comparison_}; }
  static fs::path Out(const std::string& name) { return *dir_ / "out" / name; }

  static const json& FindingByFingerprint(const json& doc,
                                          const std::string& fingerprint) {
    for (const json& f : doc["findings"]) {
      if (f["fingerprint"] == fingerprint) return f;
    }
    static const json kNone;
    ADD_FAILURE() << "no finding " << fingerprint;
    return kNone;
  }

  static inline Snapshot* old_run_ = nullptr;
  static inline Snapshot* new_run_ = nullptr;
  static inline Comparison* comparison_ = nullptr;
  static inline fs::path* dir_ = nullptr;
  static inline absl::StatusOr<std::vector<std::string>>* written_ = nullptr;
};

TEST_F(CompareReportTest, WritesTheFourReportsWholly) {
  EXPECT_THAT(**written_, ElementsAre("compare.json", "compare.html",
                                      "compare.xlsx", "compare.sarif"));
  for (const auto& entry : fs::directory_iterator(*dir_ / "out")) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
    EXPECT_GT(fs::file_size(entry.path()), 500u) << name;
  }
  EXPECT_EQ(ReadJson(Out("compare.json")), CompareJson(Input()));
}

TEST_F(CompareReportTest, JsonHasTheRunsAndTheSummary) {
  const json doc = CompareJson(Input());
  EXPECT_EQ(doc["tool"]["name"], "jxaudit");
  EXPECT_EQ(doc["tool"]["version"], JXAUDIT_VERSION);
  EXPECT_EQ(doc["old"]["label"], "junshan-2024.txt");
  EXPECT_EQ(doc["old"]["year"], 2024);
  EXPECT_EQ(doc["old"]["units"], 3);
  EXPECT_EQ(doc["old"]["findings"], 4);
  EXPECT_DOUBLE_EQ(doc["old"]["mean_quality"].get<double>(), 88.33);
  EXPECT_EQ(doc["new"]["year"], 2025);
  EXPECT_DOUBLE_EQ(doc["new"]["mean_quality"].get<double>(), 86);
  EXPECT_EQ(doc["summary"], json::parse(R"({"fixed": 2, "persisting": 2,
      "new": 2, "units_same": 1, "units_renamed": 1, "units_added": 1,
      "units_removed": 1})"));
}

TEST_F(CompareReportTest, JsonUnitsWorstChangeFirstThenRemovedThenAdded) {
  const json units = CompareJson(Input())["units"];
  ASSERT_EQ(units.size(), 4u);
  std::vector<std::string> statuses;
  for (const json& u : units) statuses.push_back(u["status"]);
  EXPECT_THAT(statuses, ElementsAre("fuzzy", "same-name", "removed", "added"));
  const json& renamed = units[0];
  EXPECT_EQ(renamed["old"]["name"], kFarmOld);
  EXPECT_EQ(renamed["new"]["name"], kFarmNew);
  EXPECT_EQ(renamed["old"]["id"], "u0002");
  EXPECT_EQ(renamed["new"]["rank"], 1);
  EXPECT_DOUBLE_EQ(renamed["name_similarity"].get<double>(), 0.81);
  EXPECT_DOUBLE_EQ(renamed["content_similarity"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(renamed["quality_change"].get<double>(), -2);
  EXPECT_EQ(renamed["persisting"], 1);
  EXPECT_EQ(renamed["new"]["quality"], 78);
  EXPECT_DOUBLE_EQ(units[1]["quality_change"].get<double>(), 5);
  EXPECT_EQ(units[1]["fixed"], 1);
  const json& removed = units[2];
  EXPECT_EQ(removed["old"]["name"], kArchive);
  EXPECT_TRUE(removed["new"].is_null());
  EXPECT_TRUE(removed["quality_change"].is_null());
  EXPECT_TRUE(removed["name_similarity"].is_null());
  const json& added = units[3];
  EXPECT_TRUE(added["old"].is_null());
  EXPECT_EQ(added["new"]["name"], kData);
  EXPECT_EQ(added["new"], json::parse(R"({"id": "u0003", "name": "君山区数据局",
      "quality": 85.0, "rank": 2})"));
}

TEST_F(CompareReportTest, JsonFindingsNewThenPersistingThenFixed) {
  const json doc = CompareJson(Input());
  std::vector<std::string> order;
  for (const json& f : doc["findings"]) order.push_back(f["fingerprint"]);
  EXPECT_THAT(order,
              ElementsAre("eeee", "ffff", "bbbb", "cccc", "aaaa", "dddd"));

  const json& born = FindingByFingerprint(doc, "eeee");
  EXPECT_EQ(born["status"], "new");
  EXPECT_EQ(born["baseline_state"], "new");
  EXPECT_EQ(born["reason"], "unit-added");
  EXPECT_EQ(born["unit_name"], kData);
  EXPECT_TRUE(born["old_unit_name"].is_null());
  EXPECT_TRUE(born["old"].is_null());
  EXPECT_EQ(born["new"]["unit"], "u0003");
  EXPECT_EQ(born["new"]["source"]["line"], 90);

  const json& renamed_new = FindingByFingerprint(doc, "ffff");
  EXPECT_TRUE(renamed_new["reason"].is_null());
  EXPECT_EQ(renamed_new["old_unit_name"], kFarmOld);
  EXPECT_EQ(renamed_new["new_unit_name"], kFarmNew);

  const json& kept = FindingByFingerprint(doc, "bbbb");
  EXPECT_EQ(kept["status"], "persisting");
  EXPECT_EQ(kept["baseline_state"], "unchanged");
  EXPECT_EQ(kept["rule"], "score/exceeds-weight");
  EXPECT_EQ(kept["severity"], "error");
  EXPECT_EQ(kept["indicator"], "农田建设面积");
  EXPECT_EQ(kept["unit_name"], kFarmNew);
  EXPECT_EQ(kept["old"]["source"],
            json::parse(R"({"file": "junshan-2024.txt", "line": 40})"));
  EXPECT_EQ(kept["new"]["source"],
            json::parse(R"({"file": "junshan-2025.txt", "line": 44})"));
  EXPECT_DOUBLE_EQ(kept["new"]["priority"].get<double>(), 0.8);

  const json& fixed = FindingByFingerprint(doc, "aaaa");
  EXPECT_EQ(fixed["status"], "fixed");
  EXPECT_EQ(fixed["baseline_state"], "absent");
  EXPECT_TRUE(fixed["reason"].is_null());
  EXPECT_TRUE(fixed["indicator"].is_null());
  EXPECT_EQ(fixed["unit_name"], kFinance);
  EXPECT_TRUE(fixed["new"].is_null());
  EXPECT_EQ(fixed["message"], "weight/sum 的说明");

  const json& gone = FindingByFingerprint(doc, "dddd");
  EXPECT_EQ(gone["reason"], "unit-removed");
  EXPECT_EQ(gone["unit_name"], kArchive);
  EXPECT_EQ(gone["old_unit_name"], kArchive);
  EXPECT_TRUE(gone["new_unit_name"].is_null());
  EXPECT_EQ(gone["old"]["unit"], "u0003");
  EXPECT_EQ(gone["old"]["severity"], "warning");
  EXPECT_EQ(gone["old"]["source"]["line"], 70);
}

TEST_F(CompareReportTest, SarifMarksBaselineStates) {
  const json sarif = ReadJson(Out("compare.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "jxaudit");
  const json& rules = run["tool"]["driver"]["rules"];
  std::map<std::string, int> states;
  for (const json& result : run["results"]) {
    ++states[result["baselineState"]];
    EXPECT_EQ(rules[result["ruleIndex"].get<int>()]["id"], result["ruleId"]);
  }
  EXPECT_EQ(states, (std::map<std::string, int>{
                        {"absent", 2}, {"new", 2}, {"unchanged", 2}}));
  // A fixed finding is reported where it was; a persisting one where it is.
  for (const json& result : run["results"]) {
    const std::string fingerprint =
        result["partialFingerprints"]["jxauditFingerprint/v1"];
    const json& region = result["locations"][0]["physicalLocation"]["region"];
    const std::string uri =
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    if (fingerprint == "dddd") {
      EXPECT_EQ(result["baselineState"], "absent");
      EXPECT_EQ(region["startLine"], 70);
      EXPECT_EQ(uri, "junshan-2024.txt");
      EXPECT_EQ(result["level"], "warning");
    }
    if (fingerprint == "bbbb") {
      EXPECT_EQ(result["baselineState"], "unchanged");
      EXPECT_EQ(region["startLine"], 44);
      EXPECT_EQ(uri, "junshan-2025.txt");
    }
    if (fingerprint == "cccc") {
      EXPECT_EQ(result["level"], "note");
    }
  }
}

TEST_F(CompareReportTest, SarifIsValidAgainstTheSchema) {
  const CommandResult r = ValidateSarif(Out("compare.sarif"));
  if (r.exit_code == 3 || r.exit_code == 127) {
    GTEST_SKIP()
        << "python3-jsonschema is missing (tools/setup.sh installs it)";
  }
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("valid"));
}

TEST_F(CompareReportTest, WorkbookReadsBack) {
  if (!HavePythonModule("openpyxl")) {
    GTEST_SKIP() << "python3-openpyxl is missing (tools/setup.sh installs it)";
  }
  const json book = ReadWorkbook(Out("compare.xlsx"));
  std::vector<std::string> titles;
  for (const json& sheet : book["sheets"]) titles.push_back(sheet["title"]);
  EXPECT_THAT(titles,
              ElementsAre("概览", "新增问题", "已整改", "仍存在", "单位变动"));

  const json& overview = book["sheets"][0];
  EXPECT_EQ(overview["rows"][2][0], "已整改");
  EXPECT_EQ(overview["rows"][3][0], 2);  // fixed
  EXPECT_EQ(overview["rows"][3][6], 1);  // units removed
  EXPECT_EQ(overview["freeze"], "A7");
  EXPECT_EQ(overview["rows"][5][0], "对应");
  EXPECT_EQ(overview["rows"][6][0], "更名");
  EXPECT_EQ(overview["rows"][6][2], kFarmOld);
  EXPECT_EQ(overview["rows"][6][4], kFarmNew);
  EXPECT_EQ(overview["rows"][6][9], -2);

  const json& born = book["sheets"][1];
  EXPECT_EQ(born["freeze"], "A2");
  ASSERT_EQ(born["rows"].size(), 3u);
  EXPECT_EQ(born["rows"][1][4], kData);
  EXPECT_EQ(born["rows"][1][11], "新增单位");
  const json& fixed = book["sheets"][2];
  ASSERT_EQ(fixed["rows"].size(), 3u);
  EXPECT_EQ(fixed["rows"][2][4], kArchive);
  EXPECT_EQ(fixed["rows"][2][8], "junshan-2024.txt:70");
  const json& kept = book["sheets"][3];
  EXPECT_EQ(kept["rows"][1][9], "junshan-2025.txt:44");

  const json& changes = book["sheets"][4];
  ASSERT_EQ(changes["rows"].size(), 4u);
  EXPECT_EQ(changes["rows"][1][0], "更名");
  EXPECT_EQ(changes["rows"][2][0], "撤销");
  EXPECT_EQ(changes["rows"][2][1], kArchive);
  EXPECT_EQ(changes["rows"][3][0], "新增");
  EXPECT_EQ(changes["rows"][3][2], kData);
}

TEST_F(CompareReportTest, HtmlHasTheChartNamesAndNumbers) {
  const std::string html = ReadFile(Out("compare.html"));
  EXPECT_THAT(html, HasSubstr("<title>年度对比：2024 → 2025</title>"));
  EXPECT_THAT(html, HasSubstr("<svg id=\"chart-quality\""));
  EXPECT_THAT(html, HasSubstr("<svg id=\"chart-counts\""));
  EXPECT_THAT(html, HasSubstr("<b id=\"n-fixed\">2</b>"));
  EXPECT_THAT(html, HasSubstr("<b id=\"n-persisting\">2</b>"));
  EXPECT_THAT(html, HasSubstr("<b id=\"n-new\">2</b>"));
  for (const char* name : {kFinance, kFarmOld, kFarmNew, kArchive, kData}) {
    EXPECT_THAT(html, HasSubstr(name)) << name;
  }
  EXPECT_THAT(html, HasSubstr(StrCat(kFarmOld, " → ", kFarmNew)));
  EXPECT_THAT(html, HasSubstr("junshan-2024.txt:40 → junshan-2025.txt:44"));
  EXPECT_THAT(html, HasSubstr("−2"));
  EXPECT_THAT(html, HasSubstr("+5"));
  EXPECT_THAT(html, HasSubstr("更名"));
  EXPECT_THAT(html, HasSubstr("撤销"));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("http://")));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("https://")));
}

size_t CountOf(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos;
       at = text.find(part, at + part.size())) {
    ++count;
  }
  return count;
}

TEST_F(CompareReportTest, HtmlListsOnlyTheTopPersistingFindingsWhenAsked) {
  const std::string full = ReadFile(Out("compare.html"));
  EXPECT_THAT(full, ::testing::Not(HasSubstr("persisting-cut")));
  EXPECT_EQ(CountOf(full, "data-status=\"persisting\">\n"), 2u);
  const std::string html = CompareHtml(Input(), 1);
  EXPECT_THAT(html, HasSubstr("只列出优先级最高的 1 个；全部 2 个"));
  // One persisting row is left; the new and fixed ones all stay.
  EXPECT_EQ(CountOf(html, "data-status=\"persisting\">\n"), 1u);
  EXPECT_EQ(CountOf(html, "data-status=\"new\">\n"), 2u);
  EXPECT_EQ(CountOf(html, "data-status=\"fixed\">\n"), 2u);
}

TEST(CompareNamesTest, SpellTheStatuses) {
  EXPECT_EQ(UnitMatchKindName(UnitMatchKind::kSameName), "same-name");
  EXPECT_EQ(UnitMatchKindName(UnitMatchKind::kFuzzy), "fuzzy");
  EXPECT_EQ(UnitMatchKindName(UnitMatchKind::kAdded), "added");
  EXPECT_EQ(UnitMatchKindName(UnitMatchKind::kRemoved), "removed");
  EXPECT_EQ(ChangeStatusName(ChangeStatus::kFixed), "fixed");
  EXPECT_EQ(ChangeStatusName(ChangeStatus::kPersisting), "persisting");
  EXPECT_EQ(ChangeStatusName(ChangeStatus::kNew), "new");
  EXPECT_EQ(BaselineStateName(ChangeStatus::kFixed), "absent");
  EXPECT_EQ(BaselineStateName(ChangeStatus::kPersisting), "unchanged");
  EXPECT_EQ(BaselineStateName(ChangeStatus::kNew), "new");
}

}  // namespace
}  // namespace jxaudit::testing
