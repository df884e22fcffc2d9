// The duplication rules on the real corpus, as a reviewer reads them: each
// expectation below was checked by hand against fixtures/corpus.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/model/evidence_json.h"
#include "test_util.h"

namespace jxaudit {
namespace {

using testing::DefaultConfig;
using testing::RealCorpus;

// The evidence as the JSON reports write it.
nlohmann::json Ev(const Finding& f) { return EvidenceJson(f.evidence); }

const std::vector<Finding>& DuplicationFindings() {
  static const std::vector<Finding> kFindings = [] {
    RuleList rules;
    for (auto& rule : AllRules()) {
      if (rule->info().id.rfind("duplication/", 0) == 0)
        rules.push_back(std::move(rule));
    }
    EXPECT_TRUE(ConfigureRules(rules, DefaultConfig()).ok());
    return RunRules(RealCorpus(), DefaultConfig(), rules, {});
  }();
  return kFindings;
}

std::string UnitName(const Finding& f) {
  return std::string(RealCorpus().units[f.unit_index].DisplayName());
}

std::vector<const Finding*> Of(std::string_view rule, std::string_view unit) {
  std::vector<const Finding*> out;
  for (const Finding& f : DuplicationFindings()) {
    if (f.rule == rule && UnitName(f).find(unit) != std::string::npos)
      out.push_back(&f);
  }
  return out;
}

// One defect, one finding: a copied explanation whose number contradicts
// the target is a stale copy (it says where the number came from), not also
// a threshold mismatch; the stale copy points at the explanation cell.
TEST(DuplicationRealCorpus, StaleCopySupersedesThresholdMismatchOnItsRow) {
  RuleList rules;
  for (auto& rule : AllRules()) {
    const std::string& id = rule->info().id;
    if (id == "duplication/stale-copy" || id == "score/threshold-mismatch") {
      rules.push_back(std::move(rule));
    }
  }
  ASSERT_TRUE(ConfigureRules(rules, DefaultConfig()).ok());
  const std::vector<Finding> findings =
      RunRules(RealCorpus(), DefaultConfig(), rules, {});
  int stale = 0, threshold = 0;
  for (const Finding& f : findings) {
    if (f.rule == "duplication/stale-copy") ++stale;
    if (f.rule == "score/threshold-mismatch") ++threshold;
    // 君山血防站's 查灭钉螺总面积 keeps 广兴洲血防站's 3743 in its
    // explanation (line 13490; the row starts on 13484).
    if (f.row_index >= 0 && UnitName(f) == "岳阳市君山区君山血防站" &&
        RealCorpus().units[f.unit_index].rows[f.row_index].line == 13484) {
      EXPECT_EQ(f.rule, "duplication/stale-copy");
      EXPECT_EQ(f.source.line, 13490);
    }
  }
  // 8 stale copies; 27 threshold mismatches, 7 of them on stale-copy rows.
  EXPECT_EQ(stale, 8);
  EXPECT_EQ(threshold, 20);
}

TEST(DuplicationRealCorpus, ErrorsAndWarningsStayFew) {
  int loud = 0;
  for (const Finding& f : DuplicationFindings()) {
    if (f.severity != Severity::kInfo) ++loud;
  }
  // 8 stale copies, 7 within-unit, the cross-unit copies from unrelated
  // units; 239 before copies were reported per pair.
  EXPECT_LE(loud, 60);
  EXPECT_EQ(Of("duplication/stale-copy", "").size(), 8u);
}

TEST(DuplicationRealCorpus, UnrelatedCopyIsAWarningOnTheCopier) {
  // 统计局 lines 3557/3567 copy 政法委's 1844/1854 ("矛盾纠纷减少…").
  const auto found = Of("duplication/cross-unit", "统计局");
  ASSERT_EQ(found.size(), 1u);
  const Finding& f = *found[0];
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(Ev(f)["relation"], "unrelated");
  EXPECT_NE(Ev(f)["source_unit"].get<std::string>().find("政法委"),
            std::string::npos);
  ASSERT_EQ(Ev(f)["rows"].size(), 2u);
  EXPECT_EQ(Ev(f)["rows"][0]["line"], 3557);
  EXPECT_EQ(Ev(f)["rows"][0]["source_line"], 1844);
  EXPECT_EQ(Ev(f)["rows"][1]["line"], 3567);
  EXPECT_EQ(f.message.find("相似度"), std::string::npos);
  EXPECT_TRUE(Of("duplication/cross-unit", "政法委").empty());
}

TEST(DuplicationRealCorpus, AgencyUnderItsBureauIsInfoOnTheAgency) {
  const auto found = Of("duplication/cross-unit", "医疗保障事务中心");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->severity, Severity::kInfo);
  EXPECT_EQ(Ev(*found[0])["relation"], "superior");
  // 5 shared rows; 监管水平 is named with common words only (universal).
  EXPECT_EQ(Ev(*found[0])["copied_rows"], 4);
  EXPECT_TRUE(Of("duplication/cross-unit", "医疗保障局").empty());
}

TEST(DuplicationRealCorpus, NeverBothSidesOfAPair) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const Finding& f : DuplicationFindings()) {
    if (f.rule != "duplication/cross-unit" &&
        f.rule != "duplication/clone-unit") {
      continue;
    }
    const std::string mine = UnitName(f);
    const std::string theirs = Ev(f)["source_unit"];
    EXPECT_FALSE(seen.count({f.rule + theirs, mine}))
        << f.rule << ": " << mine << " and " << theirs;
    seen.insert({f.rule + mine, theirs});
  }
}

TEST(DuplicationRealCorpus, UniversalAndAdaptedRowsAreNotListed) {
  // 人大 and 政协 share "工作完成率"/"完成及时率"; 柳林洲街道 adapted
  // 许市镇's "巡田次数" to its own 12 次.
  EXPECT_TRUE(Of("duplication/cross-unit", "人民代表大会").empty());
  for (const Finding* f : Of("duplication/cross-unit", "")) {
    const nlohmann::json evidence = Ev(*f);
    for (const auto& row : evidence["rows"]) {
      EXPECT_NE(row["indicator"], "巡田次数") << f->message;
      EXPECT_NE(row["indicator"], "工作完成率") << f->message;
    }
  }
}

TEST(DuplicationRealCorpus, ClonesPointFromTheCopier) {
  // 君山血防站 keeps 广兴洲血防站's 3743 万平方米: it is the copier.
  const auto found = Of("duplication/clone-unit", "君山血防站");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(
      Ev(*found[0])["source_unit"].get<std::string>().find("广兴洲血防站"),
      std::string::npos);
  EXPECT_EQ(Ev(*found[0])["shared_indicators"], 14);
  EXPECT_EQ(Ev(*found[0])["indicators"], 16);
  EXPECT_TRUE(Of("duplication/clone-unit", "广兴洲血防站").empty());
  // The schools' template table comes from 教育局.
  EXPECT_TRUE(Of("duplication/clone-unit", "教育局").empty());
  EXPECT_EQ(Of("duplication/clone-unit", "岳西中学").size(), 1u);
}

}  // namespace
}  // namespace jxaudit
