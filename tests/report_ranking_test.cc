// The ranking: the `ranking:` configuration section, the priority formula,
// the quality score and the ranks, on the real corpus (README "Ranking").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numeric>

#include "analyzer/engine/ranking.h"
#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

using ::testing::HasSubstr;

struct Ranked {
  std::vector<Finding> findings;
  std::vector<UnitScore> scores;
};

const Ranked& RealRanked() {
  static const Ranked* const kRanked = [] {
    auto* ranked = new Ranked;
    ranked->findings = RunRules(RealCorpus(), DefaultConfig(), Rules(), {});
    ranked->scores = RankFindings(RealCorpus(), Rules(),
                                  DefaultConfig().ranking(), ranked->findings);
    return ranked;
  }();
  return *kRanked;
}

double CertaintyOf(const std::string& id) {
  for (const auto& rule : Rules()) {
    if (rule->info().id == id) return rule->info().certainty;
  }
  return 0.5;
}

TEST(RankingConfigTest, DefaultsComeFromTheYaml) {
  const RankingSettings& r = DefaultConfig().ranking();
  EXPECT_DOUBLE_EQ(r.severity_weight, 0.6);
  EXPECT_DOUBLE_EQ(r.stake_weight, 0.25);
  EXPECT_DOUBLE_EQ(r.certainty_weight, 0.15);
  EXPECT_DOUBLE_EQ(r.severity_score[static_cast<int>(Severity::kError)], 1.0);
  EXPECT_DOUBLE_EQ(r.severity_score[static_cast<int>(Severity::kWarning)], 0.4);
  EXPECT_DOUBLE_EQ(r.severity_score[static_cast<int>(Severity::kInfo)], 0.05);
  EXPECT_DOUBLE_EQ(r.stake_full_points, 100);
  EXPECT_DOUBLE_EQ(r.quality_loss[static_cast<int>(Severity::kError)], 8);
  EXPECT_DOUBLE_EQ(r.max_loss_per_rule, 15);
}

TEST(RankingConfigTest, OverlayMergesKeyByKey) {
  Config config = DefaultConfig();
  ASSERT_TRUE(
      config
          .Overlay("ranking:\n  priority_weights: {severity: 0.5, stake: 0.3, "
                   "certainty: 0.2}\n  quality_loss: {info: 0}\n",
                   "my.yaml", SchemasOf(Rules()))
          .ok());
  EXPECT_DOUBLE_EQ(config.ranking().severity_weight, 0.5);
  EXPECT_DOUBLE_EQ(config.ranking().stake_weight, 0.3);
  EXPECT_DOUBLE_EQ(config.ranking().quality_loss[0], 0);
  EXPECT_DOUBLE_EQ(config.ranking().quality_loss[2], 8);     // kept
  EXPECT_DOUBLE_EQ(config.ranking().max_loss_per_rule, 15);  // kept
}

TEST(RankingConfigTest, BadValuesNameFileLineAndKey) {
  const auto error = [](const std::string& yaml) {
    Config config = DefaultConfig();
    return std::string(
        config.Overlay(yaml, "my.yaml", SchemasOf(Rules())).message());
  };
  EXPECT_THAT(
      error("ranking:\n  priority_weights: {severity: 0.5, stake: 0.25, "
            "certainty: 0.15}\n"),
      HasSubstr("my.yaml:2: 键 \"priority_weights\": 三个权重之和应为 1"));
  EXPECT_THAT(error("ranking:\n  severity_scores: {error: 2}\n"),
              HasSubstr("my.yaml:2"));
  EXPECT_THAT(error("ranking:\n  severity_scores: {fatal: 1}\n"),
              HasSubstr("键 \"fatal\": 应为 error, warning 或 info"));
  EXPECT_THAT(error("ranking:\n  stake_full_points: 0\n"),
              HasSubstr("应大于 0"));
  EXPECT_THAT(error("ranking:\n  weights: 1\n"),
              HasSubstr("my.yaml:2: 键 \"weights\": 未知的键"));
  EXPECT_THAT(error("ranking:\n  quality_loss: {error: x}\n"),
              HasSubstr("应为数字"));
}

TEST(RankingTest, PrioritiesFollowTheDocumentedFormula) {
  const RankingSettings& r = DefaultConfig().ranking();
  for (const Finding& f : RealRanked().findings) {
    const double stake =
        f.row_index < 0
            ? 1.0
            : std::min(1.0, std::log1p(StakePoints(RealCorpus(), f)) /
                                std::log1p(100.0));
    const double expected =
        r.severity_weight * r.severity_score[static_cast<int>(f.severity)] +
        r.stake_weight * stake + r.certainty_weight * CertaintyOf(f.rule);
    EXPECT_NEAR(f.priority, expected, 0.0006)
        << f.rule << " line " << f.source.line;
    EXPECT_GE(f.priority, 0);
    EXPECT_LE(f.priority, 1);
  }
}

TEST(RankingTest, SortedAndEveryErrorBeforeEveryWarning) {
  const auto& findings = RealRanked().findings;
  ASSERT_FALSE(findings.empty());
  double previous = 2;
  bool seen_warning = false;
  for (const Finding& f : findings) {
    EXPECT_LE(f.priority, previous);
    previous = f.priority;
    if (f.severity == Severity::kWarning) seen_warning = true;
    if (f.severity == Severity::kError) {
      EXPECT_FALSE(seen_warning)
          << "an error ranked below a warning: " << f.rule;
    }
  }
  // A table whose weights do not add up is the top of the list: error,
  // whole table at stake, certainty 1.
  EXPECT_EQ(findings.front().rule, "weight/sum");
  EXPECT_DOUBLE_EQ(findings.front().priority, 1.0);
}

TEST(RankingTest, WorkedExampleFromTheReadme) {
  // README "Ranking": 岳阳市君山区审计局 · 经济责任审计项目 (line 4640),
  // score/exceeds-weight, weight 5: 0.6×1 + 0.25×ln6/ln101 + 0.15×0.9 = 0.832.
  const Finding* example = nullptr;
  for (const Finding& f : RealRanked().findings) {
    if (f.rule == "score/exceeds-weight" && f.source.line == 4640) example = &f;
  }
  ASSERT_NE(example, nullptr);
  EXPECT_DOUBLE_EQ(StakePoints(RealCorpus(), *example), 5);
  EXPECT_NEAR(example->priority,
              0.6 * 1 + 0.25 * std::log(6) / std::log(101) +
                  0.15 * CertaintyOf("score/exceeds-weight"),
              0.0006);
}

// The Eigen computation against a plain loop over the findings.
TEST(RankingTest, QualityScoresMatchAPlainRecount) {
  const RankingSettings& r = DefaultConfig().ranking();
  const Ranked& ranked = RealRanked();
  std::map<std::pair<int, std::string>, double> per_rule;
  for (const Finding& f : ranked.findings) {
    per_rule[{f.unit_index, f.rule}] +=
        r.quality_loss[static_cast<int>(f.severity)] * CertaintyOf(f.rule);
  }
  std::vector<double> loss(RealCorpus().units.size(), 0);
  for (const auto& [key, value] : per_rule)
    loss[key.first] += std::min(value, 15.0);
  std::vector<int> ranks;
  for (size_t u = 0; u < loss.size(); ++u) {
    const UnitScore& score = ranked.scores[u];
    EXPECT_NEAR(score.quality, std::max(0.0, 100 - loss[u]), 0.051) << u;
    EXPECT_GE(score.quality, 0);
    EXPECT_LE(score.quality, 100);
    EXPECT_EQ(score.league_rank,
              static_cast<int>(loss.size()) + 1 - score.rank);
    ranks.push_back(score.rank);
  }
  std::sort(ranks.begin(), ranks.end());
  std::vector<int> expected(ranks.size());
  std::iota(expected.begin(), expected.end(), 1);
  EXPECT_EQ(ranks, expected);
  // Rank 1 has the lowest score.
  for (const UnitScore& score : ranked.scores) {
    for (const UnitScore& other : ranked.scores) {
      if (score.rank < other.rank) {
        EXPECT_LE(score.quality, other.quality);
      }
    }
  }
}

TEST(RankingTest, WaivedFindingsCostNoQuality) {
  std::vector<Finding> findings =
      RunRules(RealCorpus(), DefaultConfig(), Rules(), {});
  int unit = -1;
  for (Finding& f : findings) {
    if (f.rule == "weight/sum") {
      f.waived = true;
      unit = f.unit_index;
      break;
    }
  }
  ASSERT_GE(unit, 0);
  const auto waived =
      RankFindings(RealCorpus(), Rules(), DefaultConfig().ranking(), findings);
  EXPECT_NEAR(waived[unit].quality - RealRanked().scores[unit].quality, 8,
              0.051);
  EXPECT_EQ(waived[unit].errors + 1, RealRanked().scores[unit].errors);
}

TEST(RankingTest, OneHabitCostsAtMostTheCap) {
  // Twenty operator/variant infos in one unit cost 20 × 0.5 = 10 < 15; an
  // artificial flood of errors of one rule stops at 15 points.
  std::vector<Finding> findings;
  for (int i = 0; i < 10; ++i) {
    Finding f;
    f.rule = "weight/sum";
    f.severity = Severity::kError;
    f.unit_index = 0;
    findings.push_back(f);
  }
  const auto scores =
      RankFindings(RealCorpus(), Rules(), DefaultConfig().ranking(), findings);
  EXPECT_DOUBLE_EQ(scores[0].quality, 85);
  EXPECT_EQ(scores[0].rank, 1);
  EXPECT_DOUBLE_EQ(scores[1].quality, 100);
}

}  // namespace
}  // namespace jxaudit::testing
