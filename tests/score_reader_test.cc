#include "analyzer/ingest/score_reader.h"

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace jxaudit {
namespace {

using Kind = ScoreReading::Kind;
using Comparison = ScoreReading::Comparison;
using Direction = DeductionScheme::Direction;

// ---------------------------------------------------------------------------
// The corpus sample: fixtures/score_rules.tsv.

struct Expectation {
  std::string corpus_line;
  std::string rule;
  std::string kind;
  std::string max_points;
  std::string threshold;
  std::string threshold_unit;
};

std::string Unescape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
      out.push_back('\n');
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::vector<Expectation> LoadExpectations() {
  std::ifstream in(JXAUDIT_SOURCE_DIR "/fixtures/score_rules.tsv");
  std::vector<Expectation> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 6) {
      ADD_FAILURE() << "bad fixture line: " << line;
      continue;
    }
    rows.push_back({f[0], Unescape(f[1]), f[2], f[3], f[4], f[5]});
  }
  return rows;
}

std::string Number(const std::optional<double>& value) {
  if (!value) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", *value);
  return buffer;
}

TEST(ScoreReaderCorpusTest, ReadsEveryFixtureRuleAsAReviewerWould) {
  const std::vector<Expectation> rows = LoadExpectations();
  ASSERT_GE(rows.size(), 110u);
  for (const Expectation& row : rows) {
    SCOPED_TRACE("corpus line " + row.corpus_line + ": " + row.rule);
    const ScoreReading r = ReadScoringRule(row.rule);
    EXPECT_EQ(ScoreKindName(r.kind), row.kind) << r.why_unparsed;
    EXPECT_EQ(Number(r.max_points), row.max_points);
    EXPECT_EQ(Number(r.threshold), row.threshold);
    EXPECT_EQ(r.threshold_unit.empty() ? "-" : r.threshold_unit,
              row.threshold_unit);
    if (r.kind == Kind::kUnparsed) {
      EXPECT_FALSE(r.why_unparsed.empty());
      EXPECT_FALSE(r.max_points.has_value());
    }
  }
}

// ---------------------------------------------------------------------------
// Focused readings.

// README "Limits": a rule over 16 KB is left unread and says why; one just
// under the limit is still read.
TEST(ScoreReaderTest, RuleOverSixteenKilobytesIsNotRead) {
  const std::string sentence = "达到24次得4分，少1次扣1分，扣完即止。";  // 57 B
  std::string under;
  while (under.size() + sentence.size() <= 16 * 1024) under += sentence;
  EXPECT_NE(ReadScoringRule(under).kind, Kind::kUnparsed);
  const ScoreReading r = ReadScoringRule(under + sentence);
  EXPECT_EQ(r.kind, Kind::kUnparsed);
  EXPECT_EQ(r.why_unparsed,
            "评分标准超过 16 KB（正常的评分标准不到 1 KB），未解读");
  EXPECT_FALSE(r.max_points.has_value());
}

TEST(ScoreReaderTest, FullMarksAndDeduction) {
  const ScoreReading r = ReadScoringRule("达到24次得4分，少1次扣1分，扣完即止");
  EXPECT_EQ(r.kind, Kind::kFullAndDeduction);
  EXPECT_EQ(r.max_points, 4);
  EXPECT_EQ(r.threshold, 24);
  EXPECT_EQ(r.threshold_unit, "次");
  EXPECT_EQ(r.threshold_comparison, Comparison::kAtLeast);
  ASSERT_EQ(r.deductions.size(), 1u);
  const DeductionScheme& d = r.deductions[0];
  EXPECT_EQ(d.step, 1);
  EXPECT_EQ(d.step_unit, "次");
  EXPECT_EQ(d.points_per_step, 1);
  EXPECT_TRUE(d.capped);
  EXPECT_EQ(d.base_points, 4);
  EXPECT_EQ(d.direction, Direction::kShortfall);
  EXPECT_FALSE(d.one_off);
  EXPECT_FALSE(d.is_bonus);
}

TEST(ScoreReaderTest, DeductionOnlyReachesTheWeight) {
  for (const char* rule :
       {"下降1%扣1分，扣完即止。", "少1次扣1分，扣完即止。", "每少5篇扣1分"}) {
    SCOPED_TRACE(rule);
    const ScoreReading r = ReadScoringRule(rule);
    EXPECT_EQ(r.kind, Kind::kDeductionOnly);
    EXPECT_FALSE(r.max_points.has_value());
    EXPECT_TRUE(r.reaches_weight_by_definition);
    ASSERT_EQ(r.deductions.size(), 1u);
    EXPECT_TRUE(std::isnan(r.deductions[0].base_points));
    EXPECT_EQ(r.deductions[0].direction, Direction::kShortfall);
  }
  const ScoreReading r = ReadScoringRule("每少5篇扣1分");
  EXPECT_EQ(r.deductions[0].step, 5);
  EXPECT_EQ(r.deductions[0].step_unit, "篇");
  EXPECT_FALSE(r.deductions[0].capped);
}

TEST(ScoreReaderTest, DeductionStepInTheClauseBefore) {
  const ScoreReading r = ReadScoringRule(
      "资金支出控制在1400万元以内，计5分，每超出20万元，扣1分，扣完即止。");
  EXPECT_EQ(r.kind, Kind::kFullAndDeduction);
  EXPECT_EQ(r.max_points, 5);
  EXPECT_EQ(r.threshold, 1400);
  EXPECT_EQ(r.threshold_unit, "万元");
  EXPECT_EQ(r.threshold_comparison, Comparison::kAtMost);
  EXPECT_EQ(r.subject, "资金支出");
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].step, 20);
  EXPECT_EQ(r.deductions[0].step_unit, "万元");
  EXPECT_EQ(r.deductions[0].points_per_step, 1);
  EXPECT_EQ(r.deductions[0].direction, Direction::kExcess);
  EXPECT_TRUE(r.deductions[0].capped);
}

TEST(ScoreReaderTest, DeductionDirections) {
  struct Case {
    const char* rule;
    Direction direction;
    double step;
    const char* unit;
  };
  const Case cases[] = {
      {"完成得4分，每发生1起扣2分，扣完为止。", Direction::kEvent, 1, "起"},
      {"按时完成得满分，每延后1天扣1分", Direction::kEvent, 1, "天"},
      {"每下降一个百分点扣2分。", Direction::kShortfall, 1, "%"},
      {"个人卫生总费用占比每上升1%减1分，满分5分.", Direction::kExcess, 1, "%"},
      {"增加的收入40万元以上得满分，少增加5万元扣1分，扣完为止。",
       Direction::kShortfall, 5, "万元"},
      {"亮灯时长达7小时计10分，每少1个小时扣2分。", Direction::kShortfall, 1,
       "小时"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rule);
    const ScoreReading r = ReadScoringRule(c.rule);
    ASSERT_EQ(r.deductions.size(), 1u);
    EXPECT_EQ(r.deductions[0].direction, c.direction);
    EXPECT_EQ(r.deductions[0].step, c.step);
    EXPECT_EQ(r.deductions[0].step_unit, c.unit);
  }
}

TEST(ScoreReaderTest, OneOffDeductionAndShareOfWeight) {
  ScoreReading r = ReadScoringRule("考核达标，得5分；不达标，扣5分");
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_TRUE(r.deductions[0].one_off);
  EXPECT_EQ(r.deductions[0].points_per_step, 5);
  EXPECT_EQ(r.deductions[0].direction, Direction::kShortfall);

  r = ReadScoringRule(
      "申报项目合规率达100%，得5分，每有一个项目不合规扣50%本项指标分数，"
      "扣完即止。");
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_TRUE(std::isnan(r.deductions[0].points_per_step));
  EXPECT_DOUBLE_EQ(r.deductions[0].weight_fraction_per_step, 0.5);
  EXPECT_EQ(r.deductions[0].direction, Direction::kEvent);
}

TEST(ScoreReaderTest, GradedTiersWithBoundsAndPoints) {
  const ScoreReading r = ReadScoringRule(
      "95%≤满意度，得5分；90%≤满意度<95%,得4分；85%≤满意度<90%，得3分；"
      "80%≤满意度<85%，得2分；75%≤满意度<80%，得1分。");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_EQ(r.max_points, 5);
  EXPECT_EQ(r.threshold, 95);
  EXPECT_EQ(r.threshold_unit, "%");
  EXPECT_EQ(r.threshold_comparison, Comparison::kAtLeast);
  EXPECT_EQ(r.subject, "满意度");
  ASSERT_EQ(r.tiers.size(), 5u);
  EXPECT_EQ(r.tiers[0].lower, 95);
  EXPECT_TRUE(r.tiers[0].lower_inclusive);
  EXPECT_TRUE(std::isnan(r.tiers[0].upper));
  EXPECT_EQ(r.tiers[0].points, 5);
  EXPECT_EQ(r.tiers[1].lower, 90);
  EXPECT_EQ(r.tiers[1].upper, 95);
  EXPECT_FALSE(r.tiers[1].upper_inclusive);
  EXPECT_EQ(r.tiers[1].points, 4);
  EXPECT_EQ(r.tiers[4].lower, 75);
  EXPECT_EQ(r.tiers[4].points, 1);
  EXPECT_EQ(r.tiers[4].unit, "%");
}

TEST(ScoreReaderTest, RangeTiersWithInclusiveMarks) {
  const ScoreReading r = ReadScoringRule(
      "满意率达90%（含）以上的10分，80%（含）-90%得8分，70%（含）-80%得6分，"
      "60%（含）-70%得4分，60%以下不得分。");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_EQ(r.max_points, 10);
  ASSERT_EQ(r.tiers.size(), 5u);
  EXPECT_EQ(r.tiers[0].lower, 90);
  EXPECT_EQ(r.tiers[0].points, 10);
  EXPECT_EQ(r.tiers[1].lower, 80);
  EXPECT_TRUE(r.tiers[1].lower_inclusive);
  EXPECT_EQ(r.tiers[1].upper, 90);
  EXPECT_FALSE(r.tiers[1].upper_inclusive);
  EXPECT_TRUE(std::isnan(r.tiers[4].lower));
  EXPECT_EQ(r.tiers[4].upper, 60);
  EXPECT_EQ(r.tiers[4].points, 0);
}

TEST(ScoreReaderTest, CascadingLowerBoundsGetUpperBounds) {
  const ScoreReading r = ReadScoringRule(
      "居民满意度≥95%，得5分；居民满意度≥90%，得4分；居民满意度≥85%得3分；");
  ASSERT_EQ(r.tiers.size(), 3u);
  EXPECT_TRUE(std::isnan(r.tiers[0].upper));
  EXPECT_EQ(r.tiers[1].lower, 90);
  EXPECT_EQ(r.tiers[1].upper, 95);
  EXPECT_FALSE(r.tiers[1].upper_inclusive);
  EXPECT_EQ(r.tiers[2].upper, 90);
}

TEST(ScoreReaderTest, InvertedTiersAreKeptAsWritten) {
  // A lower band paying more is a finding for the tiers check; the reader
  // must keep it, and the max is what the rule can actually award.
  const ScoreReading r =
      ReadScoringRule("98%≤群众满意度，得5分；90%≤群众满意度<98%,得8分；");
  ASSERT_EQ(r.tiers.size(), 2u);
  EXPECT_EQ(r.tiers[0].points, 5);
  EXPECT_EQ(r.tiers[1].points, 8);
  EXPECT_EQ(r.max_points, 8);
  EXPECT_EQ(r.threshold, 98);
}

TEST(ScoreReaderTest, QualitativeGradesAreAlternativesNotParts) {
  ScoreReading r =
      ReadScoringRule("效果良好得10分，效果一般得5分，无效果不得分");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_EQ(r.max_points, 10);
  ASSERT_EQ(r.tiers.size(), 3u);
  EXPECT_EQ(r.tiers[2].points, 0);
  EXPECT_TRUE(r.additive_parts.empty());

  r = ReadScoringRule("效果明显得满分，效果一般得70%指标分，无效不得分");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_FALSE(r.max_points.has_value());
  EXPECT_TRUE(r.reaches_weight_by_definition);
  EXPECT_DOUBLE_EQ(r.fraction_of_weight.value_or(0), 0.7);
}

TEST(ScoreReaderTest, FullMarksAndShareOfWeight) {
  ScoreReading r = ReadScoringRule("起到了效果得满分，否则不得分。");
  EXPECT_EQ(r.kind, Kind::kFullMarks);
  EXPECT_FALSE(r.max_points.has_value());
  EXPECT_TRUE(r.reaches_weight_by_definition);

  r = ReadScoringRule("效果一般，得70%指标分");
  EXPECT_EQ(r.kind, Kind::kFractionOfWeight);
  EXPECT_DOUBLE_EQ(r.fraction_of_weight.value_or(0), 0.7);
  EXPECT_FALSE(r.reaches_weight_by_definition);

  r = ReadScoringRule("得4分");
  EXPECT_EQ(r.kind, Kind::kFixed);
  EXPECT_EQ(r.max_points, 4);
}

TEST(ScoreReaderTest, StatedTotalGivesTheMax) {
  ScoreReading r =
      ReadScoringRule("指标大于等于8次得满分，共计6分，每少一次扣1分");
  EXPECT_EQ(r.kind, Kind::kFullAndDeduction);
  EXPECT_EQ(r.max_points, 6);
  EXPECT_EQ(r.stated_total, 6);
  EXPECT_EQ(r.threshold, 8);

  r = ReadScoringRule("该指标满分为8分，超预算支出一项扣2分。");
  EXPECT_EQ(r.max_points, 8);
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].direction, Direction::kExcess);
}

TEST(ScoreReaderTest, AdditiveParts) {
  ScoreReading r = ReadScoringRule(
      "及时准确公布政府信息计5分，群众线上线下办件及时便民计5分");
  EXPECT_EQ(r.kind, Kind::kAdditive);
  EXPECT_EQ(r.additive_parts, (std::vector<double>{5, 5}));
  EXPECT_EQ(r.max_points, 10);

  r = ReadScoringRule(
      "1、及时进行会计核算得5分\n2、按时完成记账得5分\n3、装订凭证整齐得5分");
  EXPECT_EQ(r.kind, Kind::kAdditive);
  EXPECT_EQ(r.additive_parts, (std::vector<double>{5, 5, 5}));
  EXPECT_EQ(r.max_points, 15);
  EXPECT_FALSE(r.threshold.has_value());        // list numbers are not targets
  EXPECT_FALSE(r.max_single_part.has_value());  // numbered: surely parts
}

// An award whose condition is not a band still counts towards the most the
// rule pays; it joins the tiers without bounds, after the bands.
TEST(ScoreReaderTest, UnbandedAwardJoinsTheTiers) {
  ScoreReading r = ReadScoringRule(
      "达到100%得10分，95%（含）-100%得8分，90%（含）-95%得6分，90%以下不得分");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_EQ(r.max_points, 10);
  ASSERT_EQ(r.tiers.size(), 4u);
  EXPECT_EQ(r.tiers[0].lower, 95);
  EXPECT_EQ(r.tiers[0].points, 8);
  EXPECT_TRUE(std::isnan(r.tiers[3].lower));
  EXPECT_TRUE(std::isnan(r.tiers[3].upper));
  EXPECT_EQ(r.tiers[3].points, 10);
  EXPECT_EQ(r.threshold, 95);  // the top band, as before
}

// "得分90分以上" is a band of a score, not an award of 90 points.
TEST(ScoreReaderTest, PointsFollowedByABoundAreNotAnAward) {
  ScoreReading r =
      ReadScoringRule("考核得分90分以上得5分，80-89分得4分，80分以下不得分");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_EQ(r.max_points, 5);
  ASSERT_GE(r.tiers.size(), 2u);
  EXPECT_EQ(r.tiers[0].lower, 90);
  EXPECT_EQ(r.tiers[0].points, 5);

  r = ReadScoringRule("综合评分为90分以上的得5分，否则不得分");
  EXPECT_EQ(r.kind, Kind::kFixed);
  EXPECT_EQ(r.max_points, 5);
}

// "每项得1分" pays per item: the most depends on the count. A frequency
// ("每月按时完成得15分") is not an item.
TEST(ScoreReaderTest, PointsPerItemAreNotTheMax) {
  ScoreReading r = ReadScoringRule("完成5项工作，每项得1分");
  EXPECT_EQ(r.kind, Kind::kPerEvent);
  EXPECT_FALSE(r.max_points.has_value());

  r = ReadScoringRule("每月按时完成得15分，每推迟一天扣1分，扣完为止");
  EXPECT_EQ(r.kind, Kind::kFullAndDeduction);
  EXPECT_EQ(r.max_points, 15);
}

// Unnumbered parts may be alternatives: the largest part is kept as the
// other reading.
TEST(ScoreReaderTest, UnnumberedPartsKeepTheLargestPart) {
  ScoreReading r =
      ReadScoringRule("能保障基本医疗服务得6分，医疗服务手段创新得分2分。");
  EXPECT_EQ(r.kind, Kind::kAdditive);
  EXPECT_EQ(r.max_points, 8);
  EXPECT_EQ(r.max_single_part, 6);

  r = ReadScoringRule(
      "及时准确公布政府信息计5分，群众线上线下办件及时便民计5分");
  EXPECT_EQ(r.max_single_part, 5);

  // A stated total equal to the sum says the parts add up.
  r = ReadScoringRule("按时报送得3分，数据准确得2分，共计5分");
  EXPECT_EQ(r.max_points, 5);
  EXPECT_FALSE(r.max_single_part.has_value());
}

// A later award written as the failing or partial case of the first is an
// alternative, not a further part: the most is the first award.
TEST(ScoreReaderTest, FailingOrPartialCasesAreAlternatives) {
  ScoreReading r = ReadScoringRule("按时完成得5分，未按时完成得2分");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_EQ(r.max_points, 5);
  EXPECT_TRUE(r.additive_parts.empty());

  r = ReadScoringRule("全部完成得5分，部分完成得3分，未完成不得分");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_EQ(r.max_points, 5);
  ASSERT_EQ(r.tiers.size(), 3u);

  r = ReadScoringRule(
      "按期完成得10分，延期1个月内完成得5分，延期超过1个月不得分");
  EXPECT_EQ(r.kind, Kind::kTiers);
  EXPECT_EQ(r.max_points, 10);

  // "否则" after the points of a part is not a cue.
  r = ReadScoringRule("公开信息计5分，办件便民计5分，否则不得分");
  EXPECT_EQ(r.kind, Kind::kAdditive);
  EXPECT_EQ(r.max_points, 10);

  // Numbered points are parts whatever their words.
  r = ReadScoringRule("1、按时完成得5分\n2、未发生差错得5分");
  EXPECT_EQ(r.kind, Kind::kAdditive);
  EXPECT_EQ(r.max_points, 10);
}

TEST(ScoreReaderTest, StagedHasBothReadings) {
  ScoreReading r = ReadScoringRule(
      "制定了减少项目资金办法，得1分，办法落实并起到效果，计2分。");
  EXPECT_EQ(r.kind, Kind::kStaged);
  EXPECT_EQ(r.max_points, 2);
  EXPECT_EQ(r.max_points_alt, 3);

  r = ReadScoringRule(
      "制定了减少机关日常维修管理办法，得3分，办法落实并起到效果，计2分，"
      "无减少，不得分。");
  EXPECT_EQ(r.max_points, 3);
  EXPECT_EQ(r.max_points_alt, 5);
}

TEST(ScoreReaderTest, PerEvent) {
  ScoreReading r = ReadScoringRule("表扬1次加1分，每批评1次扣1分");
  EXPECT_EQ(r.kind, Kind::kPerEvent);
  EXPECT_FALSE(r.max_points.has_value());
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_TRUE(r.deductions[0].is_bonus);
  EXPECT_EQ(r.deductions[0].points_per_step, 1);
  EXPECT_EQ(r.deductions[0].direction, Direction::kEvent);
  EXPECT_FALSE(r.deductions[1].is_bonus);
  EXPECT_EQ(r.deductions[1].direction, Direction::kEvent);

  r = ReadScoringRule("宣传活动完成数要达到5个，每完成一个指标加5分。");
  EXPECT_EQ(r.kind, Kind::kPerEvent);
  EXPECT_FALSE(r.max_points.has_value());
  EXPECT_EQ(r.threshold, 5);
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].points_per_step, 5);
  EXPECT_EQ(r.deductions[0].step_unit, "个");

  r = ReadScoringRule("每完成一个加5分，最高不超过10分");
  EXPECT_EQ(r.kind, Kind::kPerEvent);
  EXPECT_EQ(r.max_points, 10);
}

TEST(ScoreReaderTest, ToleratesTypos) {
  struct Case {
    const char* rule;
    double max;
  };
  const Case cases[] = {
      {"优化营商环境效果良好的5分，效果一得3分，无效果不得分。", 5},
      {"无执法投诉、上访事件计10份，每出现一起扣2分，扣完为止。", 10},
      {"药占比≤25%，得分10分，每超过1%，扣1分，扣完为止", 10},
      {"城市秩序达到目标计10分，未达到要求不记分", 10},
      {"完成任务记5分", 5},
      {"完成任务给5分", 5},
      {"完成得五分，少一次扣一分", 5},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rule);
    const ScoreReading r = ReadScoringRule(c.rule);
    EXPECT_EQ(r.max_points, c.max);
  }
  const ScoreReading r = ReadScoringRule(
      "达到维护社会稳定，促进发展，得5分，出现1例计生特殊家庭上访事件，"
      "扣2．5分，扣完为止。");
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_DOUBLE_EQ(r.deductions[0].points_per_step, 2.5);
  EXPECT_EQ(r.deductions[0].step_unit, "例");
}

TEST(ScoreReaderTest, FullWidthText) {
  const ScoreReading r =
      ReadScoringRule("完成率达１００％，得５分，每少２％，扣１分，扣完即止。");
  EXPECT_EQ(r.folded, "完成率达100%,得5分,每少2%,扣1分,扣完即止。");
  EXPECT_EQ(r.kind, Kind::kFullAndDeduction);
  EXPECT_EQ(r.max_points, 5);
  EXPECT_EQ(r.threshold, 100);
  EXPECT_EQ(r.threshold_unit, "%");
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].step, 2);
}

TEST(ScoreReaderTest, ZeroOutcomesAreNotAMax) {
  ScoreReading r = ReadScoringRule("无安全事故计10分，若有发生计0分。");
  EXPECT_EQ(r.kind, Kind::kFixed);
  EXPECT_EQ(r.max_points, 10);

  r = ReadScoringRule("未开展不得分。");
  EXPECT_EQ(r.kind, Kind::kUnparsed);
  EXPECT_FALSE(r.max_points.has_value());
}

TEST(ScoreReaderTest, NumbersThatAreNotThresholds) {
  ScoreReading r =
      ReadScoringRule("碳排放量较2023年下降，得5分。无下降，不得分。");
  EXPECT_FALSE(r.threshold.has_value());
  EXPECT_TRUE(r.quantities.empty());

  r = ReadScoringRule(
      "12月31日完成审计计划项目，得10分；每推迟3天扣1分，扣完为止。");
  EXPECT_FALSE(r.threshold.has_value());

  r = ReadScoringRule("完成得10分，每少1篇扣5分");
  EXPECT_FALSE(r.threshold.has_value());  // the step is not the target

  r = ReadScoringRule("全国科技工作者日开展1次得满分，少于一次不得分");
  EXPECT_EQ(r.threshold, 1);  // from the passing clause, not "少于一次"
  EXPECT_EQ(r.threshold_comparison, Comparison::kNone);
}

TEST(ScoreReaderTest, Quantities) {
  const ScoreReading r = ReadScoringRule(
      "资金支出控制在1400万元以内，计5分，每超出20万元，扣1分，扣完即止。");
  const std::vector<std::pair<double, std::string>> expected = {{1400, "万元"},
                                                                {20, "万元"}};
  EXPECT_EQ(r.quantities, expected);
}

TEST(ScoreReaderTest, Unparsed) {
  for (const char* rule :
       {"", "　",
        "辖区内人居环境较2023年有明显改善，得X分；未有明显改善，不得分",
        "保障56人及以上人员经费及时足额拨付，不得挪作他用，计510，"
        "未起到该作用，不得分。",
        "资金支出尽可能控制在预算范围内，节约开支。"}) {
    SCOPED_TRACE(rule);
    const ScoreReading r = ReadScoringRule(rule);
    EXPECT_EQ(r.kind, Kind::kUnparsed);
    EXPECT_FALSE(r.why_unparsed.empty());
    EXPECT_FALSE(r.max_points.has_value());
  }
}

TEST(ScoreReaderTest, InvalidUtf8DoesNotCrash) {
  const ScoreReading r = ReadScoringRule(
      "得\xff\xfe"
      "5分");
  EXPECT_EQ(r.kind, Kind::kUnparsed);
}

// ---------------------------------------------------------------------------
// Words read for the rules (directed steps, written bounds, flags): the rules
// work from these and never read the text again.

TEST(ScoreReaderWordsTest, ExcessStepAndCeiling) {
  const ScoreReading r = ReadScoringRule(
      "资金支出控制在1428万元以内，计10分，每超出10万元，扣1分，扣完即止。");
  ASSERT_EQ(r.directed_steps.size(), 1u);
  const DirectedStep& step = r.directed_steps[0];
  EXPECT_FALSE(step.shortfall);
  EXPECT_EQ(step.word, "超出");
  EXPECT_EQ(step.change, ChangeWord::kNone);
  EXPECT_EQ(step.step_unit, "万元");
  EXPECT_EQ(step.text, "超出10万元,扣");
  ASSERT_EQ(r.bounds.size(), 1u);
  EXPECT_EQ(r.bounds[0].value, 1428);
  EXPECT_EQ(r.bounds[0].unit, "万元");
  EXPECT_FALSE(r.bounds[0].at_least);
  EXPECT_EQ(r.bounds[0].text, "1428万元以内");
  EXPECT_EQ(r.bound_words, Comparison::kAtMost);
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].trigger, "超出");
  EXPECT_FALSE(r.deductions[0].names_shortfall);
  EXPECT_FALSE(r.fills_between_tiers);
  EXPECT_FALSE(r.pays_per_period);
}

TEST(ScoreReaderWordsTest, ShortfallStepAndFloor) {
  const ScoreReading r = ReadScoringRule(
      "开展中心组成员集中理论学习12次以上满分，少1次扣1分，扣完即止");
  ASSERT_EQ(r.directed_steps.size(), 1u);
  EXPECT_TRUE(r.directed_steps[0].shortfall);
  EXPECT_EQ(r.directed_steps[0].word, "少");
  EXPECT_EQ(r.directed_steps[0].step_unit, "次");
  EXPECT_EQ(r.directed_steps[0].text, "少1次扣");
  ASSERT_EQ(r.bounds.size(), 1u);
  EXPECT_EQ(r.bounds[0].value, 12);
  EXPECT_EQ(r.bounds[0].unit, "次");
  EXPECT_TRUE(r.bounds[0].at_least);
  EXPECT_EQ(r.bound_words, Comparison::kAtLeast);
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].trigger, "少");
  EXPECT_TRUE(r.deductions[0].names_shortfall);
  EXPECT_EQ(r.threshold, 12);
  EXPECT_TRUE(r.threshold_earns_points);
}

TEST(ScoreReaderWordsTest, ChangeWordsAndUnitAsWritten) {
  ScoreReading r = ReadScoringRule(
      "比上年增长，得6分；与上年持平，不扣分；每下降2个百分点，扣1分，扣完即"
      "止。");
  ASSERT_EQ(r.directed_steps.size(), 1u);
  EXPECT_TRUE(r.directed_steps[0].shortfall);
  EXPECT_EQ(r.directed_steps[0].word, "下降");
  EXPECT_EQ(r.directed_steps[0].change, ChangeWord::kDown);
  EXPECT_EQ(r.directed_steps[0].step_unit, "个百分点");
  EXPECT_TRUE(r.change_amounts.empty());  // no number after 比上年

  r = ReadScoringRule("信访总量同比下降100%得满分，增长1%扣1分，扣完即止。");
  ASSERT_EQ(r.directed_steps.size(), 1u);
  EXPECT_FALSE(r.directed_steps[0].shortfall);
  EXPECT_EQ(r.directed_steps[0].word, "增长");
  EXPECT_EQ(r.directed_steps[0].change, ChangeWord::kUp);
  EXPECT_EQ(r.directed_steps[0].step_unit, "%");
  EXPECT_EQ(r.change_amounts, std::vector<double>{100});
  EXPECT_EQ(r.bound_words, Comparison::kNone);
}

TEST(ScoreReaderWordsTest, OverrunsOfTimeAreNotDirectedSteps) {
  const ScoreReading r = ReadScoringRule(
      "中央、省、区配套财政资金按规定时间到位，得10分；超时未足额到位扣10"
      "分。");
  EXPECT_TRUE(r.directed_steps.empty());
}

TEST(ScoreReaderWordsTest, StrictUpperBoundsOfBands) {
  const ScoreReading r = ReadScoringRule(
      "95%≤受益群众满意度，得5分；90%≤受益群众满意度<95%,得4分；85%≤受益群"
      "众满意度<90%，得3分；80%≤受益群众满意度<85%，得2分；75%≤受益群众满意"
      "度<80%，得1分。");
  ASSERT_EQ(r.tiers.size(), 5u);
  EXPECT_FALSE(r.tiers[0].strict_upper_words);
  for (size_t i = 1; i < r.tiers.size(); ++i) {
    EXPECT_TRUE(r.tiers[i].strict_upper_words) << i;
  }
  ASSERT_EQ(r.bounds.size(), 5u);  // every "…≤" band edge
  EXPECT_EQ(r.bounds[0].value, 95);
  EXPECT_EQ(r.bounds[0].unit, "%");
  EXPECT_TRUE(r.bounds[0].at_least);
  EXPECT_EQ(r.bounds[0].text, "95%≤");
}

TEST(ScoreReaderWordsTest, GradeWords) {
  const ScoreReading r =
      ReadScoringRule("起到良好效果得满分，效果一般得2.5分，效果较差不得分。");
  ASSERT_EQ(r.tiers.size(), 3u);
  EXPECT_EQ(r.tiers[0].grade, GradeWords::kHigh);
  EXPECT_EQ(r.tiers[1].grade, GradeWords::kMiddle);
  EXPECT_EQ(r.tiers[2].grade, GradeWords::kUnknown);  // a negation
}

TEST(ScoreReaderWordsTest, PerPeriodProportionalAndCompletion) {
  ScoreReading r =
      ReadScoringRule("每月按时完成得15分，每推迟一天扣1分，扣完为止");
  EXPECT_TRUE(r.pays_per_period);
  EXPECT_TRUE(r.directed_steps.empty());  // 推迟 is an event
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].trigger, "推迟");
  EXPECT_EQ(r.deductions[0].direction, Direction::kEvent);

  r = ReadScoringRule("完成目标得5分，超出按比例扣减");
  EXPECT_TRUE(r.fills_between_tiers);
  EXPECT_TRUE(r.about_target_completion);
  EXPECT_FALSE(r.pays_per_period);
}

}  // namespace
}  // namespace jxaudit

namespace jxaudit {
namespace {

// The 指标解释 reader: numbers with units, their bounds, and what is left
// out (formulas, dates, frequencies, bare numbers).
TEST(ExplanationReaderTest, StatedQuantities) {
  using C = ScoreReading::Comparison;
  struct Case {
    const char* text;
    double value;
    const char* unit;
    C comparison;
  };
  const Case cases[] = {
      {"要求林业有害生物成灾率不超过2‰。", 2, "‰", C::kAtMost},
      {"要求推广阅读量总计达90万次以上。", 90, "万次", C::kAtLeast},
      {"该指标主要考察群众满意度。要求达到95%以上。", 95, "%", C::kAtLeast},
      {"要求全年完成三次业务培训", 3, "次", C::kNone},
      {"公用经费支出控制在60万元以内", 60, "万元", C::kAtMost},
      {"成本超支率为0", 0, "%", C::kNone},
  };
  for (const Case& c : cases) {
    const ExplanationReading r = ReadExplanation(c.text);
    ASSERT_EQ(r.quantities.size(), 1u) << c.text;
    EXPECT_DOUBLE_EQ(r.quantities[0].value, c.value) << c.text;
    EXPECT_EQ(r.quantities[0].unit, c.unit) << c.text;
    EXPECT_EQ(r.quantities[0].comparison, c.comparison) << c.text;
  }
  for (const char* text :
       {"任务完成率=已完成数/计划数*100%", "12月31日前完成全部任务",
        "该指标主要是指每月一次道路运输行业隐患检查", "共完成12",
        "全区共有12个村", "上年完成3次"}) {
    EXPECT_TRUE(ReadExplanation(text).quantities.empty()) << text;
  }
  const ExplanationReading range = ReadExplanation("重度高危孕产妇救助3-5人");
  ASSERT_EQ(range.quantities.size(), 1u);
  EXPECT_DOUBLE_EQ(range.quantities[0].range_end, 5);
  const ExplanationReading change = ReadExplanation("较上年增加200人次");
  ASSERT_EQ(change.quantities.size(), 1u);
  EXPECT_TRUE(change.quantities[0].change);
  EXPECT_EQ(change.quantities[0].clause, "较上年增加200人次");
}

// Quotes come from the cell as written ("一个", full-width signs).
TEST(ExplanationReaderTest, QuoteAsWritten) {
  EXPECT_EQ(QuoteAsWritten("达5个得2分，每少一个扣3分。", "每少1个扣3分"),
            "每少一个扣3分");
  EXPECT_EQ(QuoteAsWritten("每超出20万元，扣1分", "每超出20万元,扣1分"),
            "每超出20万元，扣1分");
  EXPECT_EQ(QuoteAsWritten("“效果一般得6分", "效果一般得6分"), "效果一般得6分");
}

}  // namespace
}  // namespace jxaudit
