// The run history (analyzer/yoy/history.h) and the trend report built from it:
// recording and re-recording years, schema migrations and refusals, unit
// identity across renames, and the trend numbers in trend.json/trend.html.
#include "analyzer/yoy/history.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "analyzer/model/strings.h"
#include "analyzer/yoy/finding_key.h"
#include "reports/trend_report.h"
#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

struct UnitSpec {
  std::string name;
  double quality;
};
struct FindingSpec {
  std::string rule;
  std::string severity;
  int unit;
};

Snapshot MakeSnapshot(int year, const std::vector<UnitSpec>& units,
                      const std::vector<FindingSpec>& findings) {
  Snapshot snapshot;
  snapshot.label = StrCat("findings-", year, ".json");
  snapshot.year = year;
  snapshot.inputs = {StrCat("corpus-", year, ".txt")};
  for (size_t i = 0; i < units.size(); ++i) {
    SnapshotUnit unit;
    unit.id = StrCat("u", i + 1);
    unit.name = units[i].name;
    unit.key = UnitKey(unit.name);
    unit.quality = units[i].quality;
    unit.rank = static_cast<int>(i + 1);
    unit.indicators = 12;
    snapshot.units.push_back(unit);
  }
  int n = 0;
  for (const FindingSpec& spec : findings) {
    SnapshotFinding finding;
    finding.rule = spec.rule;
    finding.severity = spec.severity;
    finding.unit = spec.unit;
    finding.indicator = "指标";
    finding.message = "问题";
    finding.file = snapshot.inputs[0];
    finding.line = ++n;
    finding.fingerprint = StrCat(spec.rule, "#", spec.unit, "#", n);
    if (spec.unit >= 0) ++snapshot.units[spec.unit].errors;
    snapshot.findings.push_back(finding);
  }
  return snapshot;
}

// `count` findings of `rule` spread over the first unit.
void Add(std::vector<FindingSpec>& findings, const std::string& rule, int count,
         const std::string& severity = "warning") {
  for (int i = 0; i < count; ++i) findings.push_back({rule, severity, 0});
}

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("history");
    db_path_ = (dir_ / "history.sqlite").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  History Open() {
    auto history = History::Open(db_path_);
    EXPECT_TRUE(history.ok()) << history.status().message();
    return *std::move(history);
  }

  // Runs SQL on the file directly, as another program (or an older jxaudit)
  // would; returns the first column of the first row, if any.
  std::string Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
    std::string first;
    char* error = nullptr;
    sqlite3_exec(
        db, sql.c_str(),
        [](void* out, int columns, char** values, char**) {
          auto* text = static_cast<std::string*>(out);
          if (text->empty() && columns > 0 && values[0]) *text = values[0];
          return 0;
        },
        &first, &error);
    EXPECT_EQ(error, nullptr) << error;
    sqlite3_free(error);
    sqlite3_close(db);
    return first;
  }

  // 2024–2026: 财政局 70 → 80 → 90 (+20), 教育局 95 → 90 → 85 (−10),
  // 审计局 only from 2025 (88, 88); weight/sum 5, 3, 1 findings (slope −2),
  // score/exceeds-weight 1, 2, 4 (slope +1.5), unit/missing-name 2, 2, 2.
  void RecordThreeYears(History& history) {
    const int counts[3][3] = {{5, 1, 2}, {3, 2, 2}, {1, 4, 2}};
    const double finance[3] = {70, 80, 90}, education[3] = {95, 90, 85};
    for (int i = 0; i < 3; ++i) {
      std::vector<UnitSpec> units = {{"君山区财政局", finance[i]},
                                     {"君山区教育局", education[i]}};
      if (i > 0) units.push_back({"君山区审计局", 88});
      std::vector<FindingSpec> findings;
      Add(findings, "weight/sum", counts[i][0], "error");
      Add(findings, "score/exceeds-weight", counts[i][1]);
      Add(findings, "unit/missing-name", counts[i][2], "info");
      auto recorded = history.RecordRun(MakeSnapshot(2024 + i, units, findings),
                                        "2026-01-0" + std::to_string(i + 1));
      ASSERT_TRUE(recorded.ok()) << recorded.status().message();
      EXPECT_FALSE(recorded->replaced);
    }
  }

  fs::path dir_;
  std::string db_path_;
};

const TrendUnit* FindUnit(const TrendData& data, const std::string& name) {
  for (const TrendUnit& unit : data.units) {
    if (unit.name == name) return &unit;
  }
  return nullptr;
}

TEST_F(HistoryTest, NewDatabaseIsAtTheCurrentSchemaVersion) {
  History history = Open();
  EXPECT_EQ(*history.SchemaVersion(), 3);
  EXPECT_EQ(Sql("PRAGMA application_id"), "1247297877");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                "('runs','units','findings','unit_names','unit_indicators')"),
            "5");
}

TEST_F(HistoryTest, RecordsThreeYearsAndReadsThemBack) {
  History history = Open();
  RecordThreeYears(history);
  auto trend = history.Trend();
  ASSERT_TRUE(trend.ok()) << trend.status().message();
  EXPECT_THAT(trend->years, ElementsAre(2024, 2025, 2026));
  ASSERT_EQ(trend->runs.size(), 3u);
  EXPECT_EQ(trend->runs[0].units, 2);
  EXPECT_EQ(trend->runs[0].findings, 8);
  EXPECT_EQ(trend->runs[0].errors, 5);
  EXPECT_EQ(trend->runs[0].warnings, 1);
  EXPECT_EQ(trend->runs[0].infos, 2);
  EXPECT_DOUBLE_EQ(trend->runs[0].mean_quality, 82.5);
  EXPECT_DOUBLE_EQ(trend->runs[2].mean_quality, (90 + 85 + 88) / 3.0);
  EXPECT_EQ(trend->runs[1].recorded_at, "2026-01-02");
  EXPECT_EQ(trend->runs[1].tool_version, JXAUDIT_VERSION);
  EXPECT_THAT(trend->runs[1].inputs, ElementsAre("corpus-2025.txt"));

  ASSERT_EQ(trend->units.size(), 3u);
  const TrendUnit* finance = FindUnit(*trend, "君山区财政局");
  ASSERT_NE(finance, nullptr);
  EXPECT_THAT(finance->quality,
              ElementsAre(Pair(2024, 70), Pair(2025, 80), Pair(2026, 90)));
  const TrendUnit* audit = FindUnit(*trend, "君山区审计局");
  ASSERT_NE(audit, nullptr);
  EXPECT_THAT(audit->quality, ElementsAre(Pair(2025, 88), Pair(2026, 88)));

  ASSERT_EQ(trend->rules.size(), 3u);
  EXPECT_EQ(trend->rules[2].rule, "weight/sum");
  EXPECT_THAT(trend->rules[2].counts,
              ElementsAre(Pair(2024, 5), Pair(2025, 3), Pair(2026, 1)));
  // Findings keep the unit's key and their fingerprints.
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM findings WHERE year = 2026 AND "
                "fingerprint = 'weight/sum#0#1' AND unit_key = '" +
                UnitKey("君山区财政局") + "'"),
            "1");
}

TEST_F(HistoryTest, ReRecordingAYearReplacesItWithoutDuplicates) {
  History history = Open();
  std::vector<FindingSpec> first;
  Add(first, "weight/sum", 4, "error");
  auto recorded = history.RecordRun(
      MakeSnapshot(2025, {{"君山区财政局", 60}, {"君山区教育局", 70}}, first),
      "first");
  ASSERT_TRUE(recorded.ok()) << recorded.status().message();
  EXPECT_FALSE(recorded->replaced);

  std::vector<FindingSpec> second;
  Add(second, "score/exceeds-weight", 1);
  recorded = history.RecordRun(
      MakeSnapshot(2025, {{"君山区财政局", 97}}, second), "second");
  ASSERT_TRUE(recorded.ok()) << recorded.status().message();
  EXPECT_TRUE(recorded->replaced);
  EXPECT_EQ(recorded->year, 2025);

  EXPECT_EQ(Sql("SELECT COUNT(*) FROM runs WHERE year = 2025"), "1");
  EXPECT_EQ(Sql("SELECT recorded_at FROM runs WHERE year = 2025"), "second");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM units"), "1");
  EXPECT_EQ(Sql("SELECT quality FROM units"), "97.0");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM findings"), "1");
  EXPECT_EQ(Sql("SELECT rule FROM findings"), "score/exceeds-weight");
  // The dropped unit's name is gone from unit_names too.
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM unit_names"), "1");
}

TEST_F(HistoryTest, YearZeroIsRefusedAndNothingIsWritten) {
  History history = Open();
  auto recorded =
      history.RecordRun(MakeSnapshot(0, {{"君山区财政局", 60}}, {}), "now");
  ASSERT_FALSE(recorded.ok());
  EXPECT_THAT(recorded.status().message(), HasSubstr("没有目标年度"));
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM runs"), "0");
}

TEST_F(HistoryTest, MigratesAVersion1DatabaseKeepingItsData) {
  // A database exactly as a version-1 jxaudit left it.
  Sql(StrCat(HistoryMigration(1), "PRAGMA user_version = 1;",
             "INSERT INTO runs VALUES (2023, '2024-03-01T00:00:00Z', '0.2.0', "
             "'[\"old.txt\"]', 1, 1, 1, 0, 0, 75.5);",
             "INSERT INTO units VALUES (2023, 'k-finance', '君山区财政局', "
             "75.5, 1, 1, 0, 0, 9);",
             "INSERT INTO findings VALUES (2023, 'ab12', 'weight/sum', "
             "'error', 'k-finance', '', 0.9, '分值合计不是100', 'old.txt', "
             "7);"));
  ASSERT_EQ(Sql("PRAGMA user_version"), "1");

  History history = Open();
  EXPECT_EQ(*history.SchemaVersion(), 3);
  EXPECT_EQ(Sql("SELECT name || ':' || first_year || '-' || last_year FROM "
                "unit_names WHERE unit_key = 'k-finance'"),
            "君山区财政局:2023-2023");
  auto trend = history.Trend();
  ASSERT_TRUE(trend.ok()) << trend.status().message();
  EXPECT_THAT(trend->years, ElementsAre(2023));
  EXPECT_THAT(trend->runs[0].inputs, ElementsAre("old.txt"));
  ASSERT_EQ(trend->units.size(), 1u);
  EXPECT_EQ(trend->units[0].key, "k-finance");
  EXPECT_THAT(trend->units[0].quality, ElementsAre(Pair(2023, 75.5)));
  ASSERT_EQ(trend->rules.size(), 1u);
  EXPECT_THAT(trend->rules[0].counts, ElementsAre(Pair(2023, 1)));
}

TEST_F(HistoryTest, RefusesADatabaseOfANewerJxaudit) {
  { History history = Open(); }
  Sql("PRAGMA user_version = 4");
  auto history = History::Open(db_path_);
  ASSERT_FALSE(history.ok());
  EXPECT_EQ(history.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(history.status().message(), HasSubstr(db_path_));
  EXPECT_THAT(history.status().message(), HasSubstr("结构版本 4"));
  EXPECT_THAT(history.status().message(), HasSubstr("只认识到版本 3"));
  EXPECT_EQ(Sql("PRAGMA user_version"), "4");  // left alone
}

TEST_F(HistoryTest, RefusesOtherSqliteFilesAndNonDatabases) {
  Sql("CREATE TABLE invoices(id INTEGER); INSERT INTO invoices VALUES (1);");
  auto history = History::Open(db_path_);
  ASSERT_FALSE(history.ok());
  EXPECT_THAT(history.status().message(), HasSubstr(db_path_));
  EXPECT_THAT(history.status().message(), HasSubstr("不是 jxaudit 历史记录"));
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM invoices"), "1");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM sqlite_master WHERE name = 'runs'"), "0");

  const std::string text = (dir_ / "notes.txt").string();
  std::ofstream(text) << "这不是数据库，只是一段很长的文字。"
                      << std::string(200, 'x');
  auto not_db = History::Open(text);
  ASSERT_FALSE(not_db.ok());
  EXPECT_THAT(not_db.status().message(), HasSubstr("不是 SQLite 数据库"));
}

TEST_F(HistoryTest, OpenWithoutCreateDoesNotMakeAFile) {
  const std::string missing = (dir_ / "missing.sqlite").string();
  auto history = History::Open(missing, /*create_if_missing=*/false);
  ASSERT_FALSE(history.ok());
  EXPECT_EQ(history.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(history.status().message(), HasSubstr(missing));
  EXPECT_FALSE(fs::exists(missing));
}

TEST_F(HistoryTest, UnitsAreMatchedAgainstTheNearestRecordedYear) {
  History history = Open();
  const std::vector<UnitSpec> units = {{"君山区财政局", 80}};
  auto r2025 = history.RecordRun(MakeSnapshot(2025, units, {}), "a");
  ASSERT_TRUE(r2025.ok());
  EXPECT_EQ(r2025->previous_year, 0);
  auto r2023 = history.RecordRun(MakeSnapshot(2023, units, {}), "b");
  ASSERT_TRUE(r2023.ok());
  EXPECT_EQ(r2023->previous_year, 2025);  // nothing earlier: earliest later
  auto r2024 = history.RecordRun(MakeSnapshot(2024, units, {}), "c");
  ASSERT_TRUE(r2024.ok());
  EXPECT_EQ(r2024->previous_year, 2023);  // latest earlier
  auto r2026 = history.RecordRun(MakeSnapshot(2026, units, {}), "d");
  ASSERT_TRUE(r2026.ok());
  EXPECT_EQ(r2026->previous_year, 2025);
  EXPECT_EQ(r2026->renamed_units, 0);
  EXPECT_EQ(Sql("SELECT COUNT(DISTINCT unit_key) FROM units"), "1");
}

TEST_F(HistoryTest, TwoTablesOfOneUnitInOneYearAreBothKept) {
  History history = Open();
  auto recorded = history.RecordRun(
      MakeSnapshot(2025, {{"君山区财政局", 80}, {"君山区财政局", 60}}, {}),
      "now");
  ASSERT_TRUE(recorded.ok()) << recorded.status().message();
  const std::string key = UnitKey("君山区财政局");
  EXPECT_EQ(Sql("SELECT group_concat(unit_key, '|') FROM (SELECT unit_key "
                "FROM units ORDER BY quality DESC)"),
            key + "|" + key + "~2");
}

// Needs the real MatchUnits (analyzer/yoy/compare.cc): the stub on this
// branch matches exact keys only. 城市管理和综合行政执法局 became
// 城市管理和综合行政执法大队 in 2025; its three years stay one unit.
TEST_F(HistoryTest, RenamedUnitKeepsItsFirstKey) {
  History history = Open();
  const std::vector<std::string> others = {
      "君山区财政局",     "君山区教育局", "君山区审计局",    "君山区统计局",
      "君山区妇女联合会", "君山区档案馆", "君山区融媒体中心"};
  const std::string old_name = "岳阳市君山区城市管理和综合行政执法局";
  const std::string new_name = "岳阳市君山区城市管理和综合行政执法大队";
  const double scores[3] = {60, 75, 85};
  for (int i = 0; i < 3; ++i) {
    std::vector<UnitSpec> units;
    for (const std::string& name : others) units.push_back({name, 90});
    units.push_back({i == 0 ? old_name : new_name, scores[i]});
    auto recorded = history.RecordRun(MakeSnapshot(2024 + i, units, {}), "now");
    ASSERT_TRUE(recorded.ok()) << recorded.status().message();
    // Only 2025 is a rename; 2026 matches 2025 by name and inherits the key.
    EXPECT_EQ(recorded->renamed_units, i == 1 ? 1 : 0) << 2024 + i;
    EXPECT_EQ(recorded->previous_year, i == 0 ? 0 : 2023 + i);
  }
  auto trend = history.Trend();
  ASSERT_TRUE(trend.ok());
  EXPECT_EQ(trend->units.size(), others.size() + 1);
  const TrendUnit* unit = FindUnit(*trend, new_name);
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->key, UnitKey(old_name));
  EXPECT_THAT(unit->former_names, ElementsAre(old_name));
  EXPECT_THAT(unit->quality,
              ElementsAre(Pair(2024, 60), Pair(2025, 75), Pair(2026, 85)));
}

TEST_F(HistoryTest, TrendNumbers) {
  History history = Open();
  RecordThreeYears(history);
  auto trend = history.Trend();
  ASSERT_TRUE(trend.ok());
  const TrendSummary summary = SummariseTrend(*trend);

  ASSERT_EQ(summary.improved.size(), 1u);
  EXPECT_EQ(summary.improved[0].unit->name, "君山区财政局");
  EXPECT_DOUBLE_EQ(summary.improved[0].change, 20);
  EXPECT_EQ(summary.improved[0].first_year, 2024);
  EXPECT_EQ(summary.improved[0].last_year, 2026);
  ASSERT_EQ(summary.declined.size(), 1u);
  EXPECT_EQ(summary.declined[0].unit->name, "君山区教育局");
  EXPECT_DOUBLE_EQ(summary.declined[0].change, -10);
  // 审计局 stayed at 88: in the list of units, in neither ranking.
  ASSERT_EQ(summary.units.size(), 3u);
  EXPECT_EQ(summary.units[1].unit->name, "君山区审计局");
  EXPECT_DOUBLE_EQ(summary.units[1].change, 0);

  ASSERT_EQ(summary.falling.size(), 1u);
  EXPECT_EQ(summary.falling[0].rule->rule, "weight/sum");
  EXPECT_DOUBLE_EQ(summary.falling[0].slope, -2);
  ASSERT_EQ(summary.rising.size(), 1u);
  EXPECT_EQ(summary.rising[0].rule->rule, "score/exceeds-weight");
  EXPECT_DOUBLE_EQ(summary.rising[0].slope, 1.5);
}

TEST(TrendMath, LeastSquaresSlope) {
  EXPECT_DOUBLE_EQ(LeastSquaresSlope({{2024, 5}, {2025, 3}, {2026, 1}}), -2);
  // Uneven years: fit of (0,0), (1,1), (3,3) is exactly 1.
  EXPECT_DOUBLE_EQ(LeastSquaresSlope({{2020, 0}, {2021, 1}, {2023, 3}}), 1);
  EXPECT_DOUBLE_EQ(LeastSquaresSlope({{2024, 7}}), 0);
  EXPECT_DOUBLE_EQ(LeastSquaresSlope({{2024, 1}, {2024, 5}}), 0);
}

TEST_F(HistoryTest, WritesTrendJsonAndHtml) {
  History history = Open();
  RecordThreeYears(history);
  auto trend = history.Trend();
  ASSERT_TRUE(trend.ok());
  const fs::path out = dir_ / "trend";
  ASSERT_TRUE(WriteTrendReports(*trend, out.string()).ok());

  const nlohmann::json doc = ReadJson(out / "trend.json");
  EXPECT_EQ(doc["years"], nlohmann::json({2024, 2025, 2026}));
  EXPECT_EQ(doc["runs"][0]["counts"]["error"], 5);
  EXPECT_EQ(doc["runs"][0]["mean_quality"], 82.5);
  EXPECT_EQ(doc["most_improved"][0]["name"], "君山区财政局");
  EXPECT_EQ(doc["most_improved"][0]["change"], 20.0);
  EXPECT_EQ(doc["most_declined"][0]["name"], "君山区教育局");
  EXPECT_EQ(doc["most_declined"][0]["change"], -10.0);
  EXPECT_EQ(doc["rules_falling"][0]["rule"], "weight/sum");
  EXPECT_EQ(doc["rules_falling"][0]["slope"], -2.0);
  EXPECT_EQ(doc["rules_rising"][0]["slope"], 1.5);
  EXPECT_EQ(doc["units"][0]["quality"][2],
            nlohmann::json({{"year", 2026}, {"quality", 90.0}}));
  EXPECT_TRUE(doc["units"][2]["change"].is_number());
  EXPECT_EQ(doc["rules"].size(), 3u);

  const std::string html = ReadFile(out / "trend.html");
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, HasSubstr("君山区财政局"));
  EXPECT_THAT(html, HasSubstr("君山区审计局"));
  EXPECT_THAT(html, HasSubstr("改进最多的单位"));
  EXPECT_THAT(html, HasSubstr("退步最多的单位"));
  EXPECT_THAT(html, HasSubstr("出现越来越多的问题类型"));
  EXPECT_THAT(html, HasSubstr("2024：70 → 2026：90"));
  EXPECT_THAT(html, HasSubstr("+20"));
  // Offline: no scripts or resources from elsewhere.
  EXPECT_THAT(html, ::testing::Not(HasSubstr("http")));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("<script")));
}

TEST_F(HistoryTest, EmptyHistoryRendersAPlaceholderPage) {
  History history = Open();
  auto trend = history.Trend();
  ASSERT_TRUE(trend.ok());
  EXPECT_TRUE(trend->years.empty());
  EXPECT_THAT(TrendHtml(*trend), HasSubstr("还没有任何年度"));
  EXPECT_EQ(TrendJson(*trend)["units"], nlohmann::json::array());
}

TEST_F(HistoryTest, CliTrendRefusesAMissingHistoryWithoutCreatingIt) {
  const std::string missing = (dir_ / "none.sqlite").string();
  EXPECT_EQ(RunJxaudit("trend --history " + missing + " --out " +
                           (dir_ / "out").string(),
                       dir_)
                .exit_code,
            2);
  EXPECT_FALSE(fs::exists(missing));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "trend.html"));
  EXPECT_EQ(RunJxaudit("trend --history " + missing, dir_).exit_code,
            2);  // --out required
}

// Needs the real SnapshotFromJson (analyzer/yoy/snapshot.cc).
TEST_F(HistoryTest, CliCheckRecordsAndTrendWrites) {
  const std::string check = "check " + CorpusPath() +
                            " --fail-on never --format json --history " +
                            db_path_;
  ASSERT_EQ(RunJxaudit(check, dir_).exit_code, 0);
  ASSERT_EQ(RunJxaudit(check + " --year 2025", dir_).exit_code, 0);
  ASSERT_EQ(RunJxaudit(check, dir_).exit_code, 0);  // 2024 again: replaced
  EXPECT_EQ(Sql("SELECT group_concat(year) FROM runs"), "2024,2025");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM units WHERE year = 2024"), "120");
  const fs::path out = dir_ / "trend";
  ASSERT_EQ(
      RunJxaudit("trend --history " + db_path_ + " --out " + out.string(), dir_)
          .exit_code,
      0);
  const nlohmann::json doc = ReadJson(out / "trend.json");
  EXPECT_EQ(doc["years"], nlohmann::json({2024, 2025}));
  EXPECT_EQ(doc["units"].size(), 120u);
  EXPECT_TRUE(fs::exists(out / "trend.html"));
}

}  // namespace
}  // namespace jxaudit::testing
