// Waivers: matching, expiry, stale entries and errors that name the line.
#include "analyzer/config/waivers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const auto& rule : Rules()) ids.push_back(rule->info().id);
  return ids;
}

TEST(Waivers, ExampleFileWaivesExactlyTheNamedFindings) {
  auto set =
      LoadWaivers(SourcePath("fixtures/waivers/example.yaml"), RuleIds());
  ASSERT_TRUE(set.ok()) << set.status().message();
  ASSERT_EQ(set->waivers.size(), 4u);
  EXPECT_EQ(set->waivers[0].line, 7);
  const Corpus& corpus = RealCorpus();
  auto findings = RunRules(corpus, DefaultConfig(), Rules(), {2024, 2});
  ApplyWaivers(corpus, 2024, *set, findings);

  std::vector<int> waived_lines;
  for (const Finding& f : findings) {
    if (f.waived) waived_lines.push_back(f.source.line);
  }
  std::sort(waived_lines.begin(), waived_lines.end());
  // 十六中学's weight/sum (title line 9504) and 交通运输局's hierarchy row
  // (20492); nothing else.
  EXPECT_EQ(waived_lines, (std::vector<int>{9504, 20492}));
  EXPECT_EQ(set->waivers[0].matched, 1);
  EXPECT_EQ(set->waivers[1].matched, 1);
  EXPECT_EQ(set->waivers[2].matched, 0);  // 审计局 adds up: stale
  EXPECT_FALSE(set->waivers[2].expired);
  EXPECT_TRUE(set->waivers[3].expired);  // until 2023 < 2024
  EXPECT_EQ(set->waivers[3].matched, 0);
}

TEST(Waivers, IndicatorMustMatchWhenGiven) {
  auto set = ParseWaivers(
      "waivers:\n"
      "  - {unit: 交通运输局, indicator: 别的指标, rule: structure/hierarchy,"
      " reason: r, accepted_by: a, until: 2030}\n",
      "w.yaml", RuleIds());
  ASSERT_TRUE(set.ok()) << set.status().message();
  auto findings = RunRules(RealCorpus(), DefaultConfig(), Rules(), {2024, 2});
  ApplyWaivers(RealCorpus(), 2024, *set, findings);
  EXPECT_EQ(set->waivers[0].matched, 0);
}

TEST(Waivers, MalformedFilesNameTheLine) {
  auto missing = ParseWaivers(
      "waivers:\n  - unit: 审计局\n    rule: weight/sum\n    until: 2024\n",
      "w.yaml", RuleIds());
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("w.yaml:2: 缺少必填键 \"reason\""));

  auto unknown_rule = ParseWaivers(
      "waivers:\n  - {unit: a, rule: weight/total, reason: r, accepted_by: b,"
      " until: 2024}\n",
      "w.yaml", RuleIds());
  ASSERT_FALSE(unknown_rule.ok());
  EXPECT_THAT(std::string(unknown_rule.status().message()),
              HasSubstr("w.yaml:2: 未知的规则 id \"weight/total\""));

  auto bad_year = ParseWaivers(
      "waivers:\n  - unit: a\n    rule: weight/sum\n    reason: r\n"
      "    accepted_by: b\n    until: 明年\n",
      "w.yaml", RuleIds());
  ASSERT_FALSE(bad_year.ok());
  EXPECT_THAT(std::string(bad_year.status().message()),
              HasSubstr("w.yaml:6: 键 \"until\" 应为年份"));

  // A key that is itself a list (YAML "? "): found by the waivers fuzzer,
  // it threw out of yaml-cpp and ended the run
  // (fixtures/fuzz/waivers/crash-complex-key.yaml).
  auto complex_key =
      ParseWaivers("waivers:\n  - unit: a\n    ? [rule, x]\n    : weight/sum\n",
                   "w.yaml", RuleIds());
  ASSERT_FALSE(complex_key.ok());
  EXPECT_EQ(complex_key.status().message(),
            "w.yaml:3: 豁免文件无法读取: bad conversion");

  auto syntax = ParseWaivers("waivers:\n  - [unclosed\n", "w.yaml", RuleIds());
  ASSERT_FALSE(syntax.ok());
  EXPECT_THAT(std::string(syntax.status().message()), HasSubstr("w.yaml:"));
  EXPECT_THAT(std::string(syntax.status().message()),
              HasSubstr("YAML 语法错误"));

  auto unknown_key = ParseWaivers(
      "waivers:\n  - {unit: a, rule: weight/sum, reason: r, accepted_by: b,"
      " until: 2024, owner: x}\n",
      "w.yaml", RuleIds());
  ASSERT_FALSE(unknown_key.ok());
  EXPECT_THAT(std::string(unknown_key.status().message()),
              HasSubstr("未知的键 \"owner\""));
}

}  // namespace
}  // namespace jxaudit::testing
