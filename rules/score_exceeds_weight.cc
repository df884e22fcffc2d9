// score/exceeds-weight: the most points the scoring rule can award is more
// than the indicator's weight (rule "得12分", weight 5).
//  - Staged rules ("制定办法得4分，办法落实计6分") are read two ways (the
//    highest stage is the total, or the stages add up); a finding only when
//    even the smaller reading exceeds the weight.
//  - Additive rules: the sum of the parts; when the parts are not numbered
//    they may be alternatives ("按时完成得5分，提前完成得6分"), so the largest
//    part is the smaller reading. Graded tiers: the highest tier.
//    A stated base ("得5分，每少1%扣1分", "占5分") counts as the maximum.
//  - A graded rule whose best band fits the weight but a worse band pays
//    more ("98%≤x 得5分；90%≤x<98% 得8分") is one defect, reported by
//    score/tiers, not here.
#include <cmath>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"
#include "rules/score_util.h"

namespace jxaudit {
namespace {

// True when score/tiers reports the excess as a tier inversion.
bool ReportedAsTierInversion(const IndicatorRow& row, double weight) {
  if (row.parsed_rule.tiers.size() < 2) return false;
  const TierAnalysis tiers = AnalyzeTiers(row, weight);
  for (const TierProblem& p : tiers.problems) {
    if (p.kind == TierProblem::Kind::kInversion && !std::isnan(tiers.top_pay) &&
        tiers.top_pay <= weight + kPointsTolerance) {
      return true;
    }
  }
  return false;
}

std::string PartsText(const std::vector<double>& parts) {
  std::string text;
  for (double part : parts) {
    StrAppend(&text, text.empty() ? "" : "+", FormatNumber(part));
  }
  return text;
}

class ScoreExceedsWeight : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "score/exceeds-weight",
        .default_severity = Severity::kError,
        .summary = "评分标准最高可得分数超过该指标的分值",
        .certainty = 0.9};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    if (!row.parsed_weight.valid) return;
    const double weight = row.parsed_weight.points;
    const std::optional<MaxPoints> max = ReadMaxPoints(row.parsed_rule, weight);
    if (!max || max->smaller <= weight + kPointsTolerance) return;
    if (ReportedAsTierInversion(row, weight)) return;
    Report(check, i, *max, weight);
  }

 private:
  static void Report(UnitCheck& check, int i, const MaxPoints& max,
                     double weight) {
    const IndicatorRow& row = check.unit().rows[i];
    const ScoreReading& r = row.parsed_rule;
    const std::string w = FormatNumber(weight);
    const std::string top = FormatNumber(max.smaller);
    std::string message;
    std::string fix = StrCat("将评分标准最高分由", top, "分改为", w,
                             "分，或将分值改为", top, "分并相应调整其他指标");
    if (max.basis == "staged") {
      message = StrCat("评分标准分阶段计分，按最高一档计可得", top,
                       "分，各阶段相加可得", FormatNumber(max.larger),
                       "分，都超过该指标分值", w, "分");
      fix = StrCat("调整各阶段分数，使最高一档（或各阶段合计）为", w,
                   "分；或将分值改为", top, "分并相应调整其他指标");
    } else if (max.basis == "stated_total") {
      message =
          StrCat("评分标准写明该项满分", top, "分，超过该指标分值", w, "分");
    } else if (max.basis == "tiers") {
      message =
          StrCat("评分标准最高一档得", top, "分，超过该指标分值", w, "分");
      fix = StrCat("将最高一档的分数由", top, "分改为", w,
                   "分并按比例调整其他档次，或将分值改为", top,
                   "分并相应调整其他指标");
    } else if (max.basis == "additive_or_alternatives") {
      message =
          StrCat("评分标准单项最高即可得", top, "分（各项相加为",
                 FormatNumber(max.larger), "分），超过该指标分值", w, "分");
      fix = StrCat("调整各项分数，使单项最高（或各项合计）为", w,
                   "分；或将分值改为", top, "分并相应调整其他指标");
    } else if (max.basis == "additive") {
      message = StrCat("评分标准各项分数相加（", PartsText(r.additive_parts),
                       "）共", top, "分，超过该指标分值", w, "分");
      fix = StrCat("调整各项分数，使合计为", w, "分；或将分值改为", top,
                   "分并相应调整其他指标");
    } else {
      message = StrCat("评分标准最高可得", top, "分，超过该指标分值", w, "分");
    }
    nlohmann::json evidence = {
        {"max_points", RoundForEvidence(max.smaller)},
        {"weight", RoundForEvidence(weight)},
        {"reading", std::string(ScoreKindName(r.kind))},
        {"basis", max.basis},
        {"rule_text", std::string(TrimBlank(row.rule.text))}};
    if (max.basis == "staged" || max.basis == "additive_or_alternatives") {
      evidence["max_points_alt"] = RoundForEvidence(max.larger);
    }
    if (!r.additive_parts.empty()) evidence["parts"] = r.additive_parts;
    check.AddRow(i, std::move(message), std::move(fix), std::move(evidence));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeScoreExceedsWeight() {
  return std::make_unique<ScoreExceedsWeight>();
}

}  // namespace jxaudit
