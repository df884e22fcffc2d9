// Year-over-year matching: finding keys, unit matching (same name, renamed,
// added, removed) and the fixed / persisting / new classification.
#include "analyzer/yoy/compare.h"

#include <gtest/gtest.h>

#include "analyzer/yoy/finding_key.h"

namespace jxaudit {
namespace {

SnapshotUnit MakeUnit(const std::string& name, double quality = 100,
                      std::vector<std::string> indicators = {}) {
  SnapshotUnit unit;
  unit.name = name;
  unit.key = UnitKey(name);
  unit.quality = quality;
  for (const std::string& indicator : indicators) {
    unit.indicator_keys.push_back(IndicatorKey(indicator));
  }
  return unit;
}

SnapshotFinding MakeFinding(int unit, const std::string& rule,
                            const std::string& indicator, int line,
                            const std::string& discriminator = "") {
  SnapshotFinding finding;
  finding.unit = unit;
  finding.rule = rule;
  finding.indicator = indicator;
  finding.indicator_key = IndicatorKey(indicator);
  finding.discriminator = discriminator;
  finding.line = line;
  return finding;
}

TEST(FindingKeyTest, UnitKeyIgnoresPrefixSuffixWidthAndBlanks) {
  EXPECT_EQ(UnitKey("岳阳市君山区财政局（单位）"), "财政局");
  EXPECT_EQ(UnitKey("君山区 财政局"), "财政局");
  EXPECT_EQ(UnitKey("岳阳市君山区财政局(本级)"), "财政局");
  // A table without 单位名称 is known by its title, which carries the year.
  EXPECT_EQ(UnitKey("君山区2024年区财政局整体支出绩效目标表"),
            UnitKey("君山区2025年区财政局整体支出绩效目标表"));
  EXPECT_NE(UnitKey("财政局"), UnitKey("审计局"));
  // Place names inside the name, and a leading 中共, come and go.
  EXPECT_EQ(UnitKey("中共岳阳市君山区委办公室"), UnitKey("君山区委办公室"));
  EXPECT_EQ(UnitKey("中国人民政治协商会议岳阳市君山区委员会"),
            UnitKey("中国人民政治协商会议君山区委员会"));
  EXPECT_NE(UnitKey("中共岳阳市君山区委组织部"),
            UnitKey("岳阳市君山区委宣传部"));
}

TEST(FindingKeyTest, AnyDistrictsPlaceNameIsNoPartOfTheUnitKey) {
  EXPECT_EQ(UnitKey("湖南省长沙市芙蓉区财政局"), "财政局");
  EXPECT_EQ(UnitKey("长沙市芙蓉区财政局（单位）"), "财政局");
  EXPECT_EQ(UnitKey("长沙县教育局"), "教育局");
  EXPECT_EQ(UnitKey("浏阳市财政局"), "财政局");
  // Words that only look like places stay.
  EXPECT_EQ(UnitKey("农贸市场服务中心"), "农贸市场服务中心");
  EXPECT_EQ(UnitKey("工业园区管委会"), "工业园区管委会");
  EXPECT_EQ(UnitKey("城区街道办事处"), "城区街道办事处");
  EXPECT_EQ(UnitKey("许市镇中学"), "许市镇中学");
}

TEST(FindingKeyTest, IndicatorKeyIgnoresYearsBlanksWidthAndTrailingStops) {
  EXPECT_EQ(IndicatorKey("2024年度预算执行率"),
            IndicatorKey("２０２５年度 预算执行率。"));
  EXPECT_EQ(IndicatorKey("服务对象满意度；"), "服务对象满意度");
  EXPECT_NE(IndicatorKey("预算执行率"), IndicatorKey("预算编制率"));
  EXPECT_EQ(IndicatorKey(""), "");
}

TEST(FindingKeyTest, DiscriminatorJoinsKindAndField) {
  // From a findings.json read back, and from a finding of this run.
  EXPECT_EQ(Discriminator(nlohmann::json{{"kind", "unit"}, {"field", "value"}}),
            "unit/value");
  EXPECT_EQ(Discriminator(nlohmann::json{{"kind", 3}}), "");
  EXPECT_EQ(Discriminator(nlohmann::json(nullptr)), "");
  EXPECT_EQ(Discriminator(Evidence{{"field", "value"}, {"kind", "unit"}}),
            "unit/value");
  EXPECT_EQ(Discriminator(Evidence{{"kind", 3}}), "");
  EXPECT_EQ(Discriminator(Evidence()), "");
}

TEST(FindingKeyTest, FingerprintsAreStableAndOccurrencesDiffer) {
  const std::string key = FindingKey("weight/sum", "财政局", "", "");
  EXPECT_EQ(FingerprintOf(key, 0), FingerprintOf(key, 0));
  EXPECT_EQ(FingerprintOf(key, 0).size(), 16u);
  EXPECT_NE(FingerprintOf(key, 0), FingerprintOf(key, 1));
  EXPECT_NE(FingerprintOf(key, 0),
            FingerprintOf(FindingKey("weight/sum", "审计局", "", ""), 0));
}

TEST(MatchUnitsTest, SameKeyMatchesAcrossPrefixAndSuffix) {
  const std::vector<SnapshotUnit> old_units = {
      MakeUnit("岳阳市君山区财政局"), MakeUnit("君山区审计局（单位）")};
  const std::vector<SnapshotUnit> new_units = {MakeUnit("君山区审计局"),
                                               MakeUnit("财政局（本级）")};
  const auto pairs = MatchUnits(old_units, new_units);
  ASSERT_EQ(pairs.size(), 2u);
  // In the new run's order.
  EXPECT_EQ(pairs[0].old_unit, 1);
  EXPECT_EQ(pairs[0].new_unit, 0);
  EXPECT_EQ(pairs[0].kind, UnitMatchKind::kSameName);
  EXPECT_EQ(pairs[1].old_unit, 0);
  EXPECT_EQ(pairs[1].new_unit, 1);
}

// Enough ordinary units that bigram rarity means something.
std::vector<SnapshotUnit> Neighbours() {
  std::vector<SnapshotUnit> units;
  for (const char* name :
       {"君山区财政局", "君山区审计局", "君山区教育局", "君山区民政局",
        "君山区柳林洲镇人民政府", "君山区广兴洲镇人民政府",
        "君山区许市镇人民政府", "君山区良心堡镇人民政府（单位）",
        "君山区卫生健康局", "君山区统计局"}) {
    units.push_back(MakeUnit(name));
  }
  return units;
}

TEST(MatchUnitsTest, RenamedUnitIsMatchedByItsSpecificWords) {
  // 局 → 委员会 and 服务中心 → 管理局: the kind of body changes, the name
  // that says what it does stays.
  std::vector<SnapshotUnit> old_units = Neighbours();
  std::vector<SnapshotUnit> new_units = Neighbours();
  old_units.push_back(MakeUnit("君山区发展和改革局"));
  new_units.push_back(MakeUnit("君山区发展和改革委员会"));
  old_units.push_back(MakeUnit("君山区机关事务服务中心"));
  new_units.push_back(MakeUnit("岳阳市君山区机关事务管理局"));
  const auto pairs = MatchUnits(old_units, new_units);
  ASSERT_EQ(pairs.size(), 12u);
  for (int i : {10, 11}) {
    EXPECT_EQ(pairs[i].kind, UnitMatchKind::kFuzzy) << i;
    EXPECT_EQ(pairs[i].old_unit, i);
    EXPECT_EQ(pairs[i].new_unit, i);
    EXPECT_DOUBLE_EQ(pairs[i].name_similarity, 1.0);
  }
}

// Another district: UnitKey knows 岳阳市/君山区 only, but the district's own
// place name is learnt from the names and may come and go.
TEST(MatchUnitsTest, ADistrictsOwnPlaceNameIsLearntFromTheNames) {
  std::vector<SnapshotUnit> old_units, new_units;
  for (const char* name : {"财政局", "审计局", "教育局", "民政局", "统计局",
                           "司法局", "水利局", "交通运输局"}) {
    old_units.push_back(MakeUnit(std::string("长沙市芙蓉区") + name));
    new_units.push_back(MakeUnit(std::string("长沙市芙蓉区") + name));
  }
  old_units.push_back(MakeUnit("长沙市芙蓉区卫生健康局"));
  new_units.push_back(MakeUnit("卫生健康局"));
  old_units.push_back(MakeUnit("芙蓉区城市管理局"));
  new_units.push_back(MakeUnit("长沙市芙蓉区城市管理局"));
  const auto pairs = MatchUnits(old_units, new_units);
  ASSERT_EQ(pairs.size(), 10u);
  for (const UnitPair& pair : pairs) {
    EXPECT_EQ(pair.kind, UnitMatchKind::kSameName);
    EXPECT_EQ(pair.old_unit, pair.new_unit);
  }
}

TEST(MatchUnitsTest, TwoTownsWithTheSameTablesAreNotOneUnitRenamed) {
  // Towns copy each other's tables, and "镇人民政府" is in every town's name:
  // a dropped town and a new one must stay removed and added.
  const std::vector<std::string> table = {"道路维修里程", "服务对象满意度",
                                          "预算执行率", "安全事故发生次数"};
  std::vector<SnapshotUnit> old_units = Neighbours();
  std::vector<SnapshotUnit> new_units = Neighbours();
  old_units.push_back(MakeUnit("君山区钱粮湖镇人民政府", 90, table));
  new_units.push_back(MakeUnit("君山区采桑湖镇人民政府", 90, table));
  const auto pairs = MatchUnits(old_units, new_units);
  ASSERT_EQ(pairs.size(), 12u);
  EXPECT_EQ(pairs[10].kind, UnitMatchKind::kRemoved);
  EXPECT_EQ(pairs[10].old_unit, 10);
  EXPECT_EQ(pairs[11].kind, UnitMatchKind::kAdded);
  EXPECT_EQ(pairs[11].new_unit, 10);
}

TEST(MatchUnitsTest, WeakNameLikenessIsEnoughWhenTheTableIsTheSame) {
  const std::vector<std::string> table = {"占道经营整治次数", "执法案件办结率",
                                          "市容环境达标率", "服务对象满意度"};
  std::vector<SnapshotUnit> old_units = Neighbours();
  std::vector<SnapshotUnit> new_units = Neighbours();
  old_units.push_back(MakeUnit("君山区城市管理和综合执法局", 80, table));
  new_units.push_back(MakeUnit("君山区城市管理局", 80, table));
  const auto pairs = MatchUnits(old_units, new_units);
  ASSERT_EQ(pairs.size(), 11u);
  EXPECT_EQ(pairs.back().kind, UnitMatchKind::kFuzzy);
  EXPECT_DOUBLE_EQ(pairs.back().content_similarity, 1.0);
  // Without the tables the names alone are not enough.
  old_units.back().indicator_keys.clear();
  EXPECT_EQ(MatchUnits(old_units, new_units).back().kind,
            UnitMatchKind::kAdded);
}

TEST(CompareTest, ClassifiesFixedPersistingAndNewFindings) {
  Snapshot old_run, new_run;
  old_run.units = {MakeUnit("君山区财政局", 80), MakeUnit("君山区统计局", 70)};
  new_run.units = {MakeUnit("君山区数据局", 100),
                   MakeUnit("岳阳市君山区财政局（单位）", 90)};
  old_run.findings = {
      MakeFinding(0, "weight/sum", "", 10),
      MakeFinding(0, "unit/mismatch", "2024年预算执行率", 12, "unit"),
      MakeFinding(0, "unit/mismatch", "预算执行率", 13, "operator"),
      MakeFinding(0, "structure/duplicate-indicator", "满意度", 14),
      MakeFinding(0, "structure/duplicate-indicator", "满意度", 15),
      MakeFinding(1, "score/exceeds-weight", "统计调查", 40)};
  new_run.findings = {
      MakeFinding(1, "unit/mismatch", "2025年预算执行率", 112, "unit"),
      MakeFinding(1, "structure/duplicate-indicator", "满意度", 114),
      MakeFinding(1, "operator/direction", "投诉率", 116),
      MakeFinding(0, "weight/sum", "", 1)};
  const Comparison c = Compare(old_run, new_run);
  EXPECT_EQ(c.units_same, 1);
  EXPECT_EQ(c.units_removed, 1);
  EXPECT_EQ(c.units_added, 1);
  // Fixed: weight/sum, the operator kind of unit/mismatch, one of the two
  // duplicates, and the removed unit's finding.
  EXPECT_EQ(c.fixed, 4);
  EXPECT_EQ(c.persisting, 2);
  // New: operator/direction, and the added unit's weight/sum.
  EXPECT_EQ(c.added, 2);
  EXPECT_EQ(c.fixed + c.persisting, static_cast<int>(old_run.findings.size()));
  EXPECT_EQ(c.added + c.persisting, static_cast<int>(new_run.findings.size()));
  ASSERT_EQ(c.units.size(), 3u);
  EXPECT_EQ(c.units[0].pair.old_unit, 0);
  EXPECT_EQ(c.units[0].fixed, 3);
  EXPECT_EQ(c.units[0].persisting, 2);
  EXPECT_EQ(c.units[0].added, 1);
  EXPECT_DOUBLE_EQ(c.units[0].quality_old, 80);
  EXPECT_DOUBLE_EQ(c.units[0].quality_new, 90);
  EXPECT_EQ(c.units[1].pair.kind, UnitMatchKind::kRemoved);
  EXPECT_EQ(c.units[1].fixed, 1);
  EXPECT_EQ(c.units[2].pair.kind, UnitMatchKind::kAdded);
  EXPECT_EQ(c.units[2].added, 1);
  int persisting_seen = 0;
  for (const FindingChange& change : c.findings) {
    if (change.status != ChangeStatus::kPersisting) continue;
    ++persisting_seen;
    EXPECT_EQ(old_run.findings[change.old_finding].rule,
              new_run.findings[change.new_finding].rule);
    if (old_run.findings[change.old_finding].rule == "unit/mismatch") {
      EXPECT_EQ(old_run.findings[change.old_finding].line, 12);
      EXPECT_EQ(new_run.findings[change.new_finding].line, 112);
    }
  }
  EXPECT_EQ(persisting_seen, 2);
  EXPECT_DOUBLE_EQ(c.mean_quality_old, 75);
  EXPECT_DOUBLE_EQ(c.mean_quality_new, 95);
}

TEST(CompareTest, ASlightlyRewordedIndicatorKeepsItsFinding) {
  Snapshot old_run, new_run;
  old_run.units = {MakeUnit("君山区财政局")};
  new_run.units = {MakeUnit("君山区财政局")};
  old_run.findings = {
      MakeFinding(0, "operator/direction", "财政资金安全运行率", 10),
      MakeFinding(0, "unit/mismatch", "专项资金预算执行率", 12, "unit")};
  new_run.findings = {
      // One character changed: the same row, the same defect.
      MakeFinding(0, "operator/direction", "财政资金安全运转率", 20),
      // A different row of the same rule: not the old one.
      MakeFinding(0, "unit/mismatch", "基本支出预算执行率", 22, "unit")};
  const Comparison c = Compare(old_run, new_run);
  EXPECT_EQ(c.persisting, 1);
  EXPECT_EQ(c.fixed, 1);
  EXPECT_EQ(c.added, 1);
  for (const FindingChange& change : c.findings) {
    if (change.status == ChangeStatus::kPersisting) {
      EXPECT_EQ(old_run.findings[change.old_finding].line, 10);
      EXPECT_EQ(new_run.findings[change.new_finding].line, 20);
    }
    if (change.status == ChangeStatus::kFixed) {
      EXPECT_EQ(old_run.findings[change.old_finding].line, 12);
    }
  }
}

}  // namespace
}  // namespace jxaudit
