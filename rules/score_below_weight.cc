// score/below-weight: the scoring rule can never award the indicator's full
// weight (rule "得4分", weight 5).
// Not findings: additive rules whose parts add up to the weight ("计5分…计5
// 分" for weight 10), deduction-only rules (the base is the weight), "得满
// 分". Staged rules and unnumbered parts are read two ways (the largest
// part, or the parts added up); a finding only when even the larger reading
// stays below the weight. "得70%指标分" as the best outcome is below.
#include <cmath>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"
#include "rules/score_util.h"

namespace jxaudit {
namespace {

class ScoreBelowWeight : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "score/below-weight",
        .default_severity = Severity::kWarning,
        .summary = "评分标准最高只能得到低于分值的分数，指标永远拿不到满分",
        .certainty = 0.85};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    if (!row.parsed_weight.valid) return;
    const double weight = row.parsed_weight.points;
    const std::optional<MaxPoints> max =
        ReadMaxPoints(*row.parsed_rule, weight);
    if (!max || max->larger >= weight - kPointsTolerance) return;
    // "每季度得2.5分": the points may be per period (4 × 2.5 = 10) or the
    // whole; the rule cannot tell, so it stays silent.
    if (row.parsed_rule->pays_per_period) return;
    Report(check, i, *max, weight);
  }

 private:
  static void Report(UnitCheck& check, int i, const MaxPoints& max,
                     double weight) {
    const IndicatorRow& row = check.unit().rows[i];
    const ScoreReading& r = *row.parsed_rule;
    const std::string w = FormatNumber(weight);
    const std::string top = FormatNumber(max.larger);
    std::string message;
    std::string fix =
        StrCat("将评分标准最高分由", top, "分改为", w, "分（如“达到目标得", w,
               "分”），或将分值改为", top, "分并相应调整其他指标");
    if (max.basis == "staged") {
      message = StrCat("评分标准分阶段计分，各阶段相加最多", top,
                       "分，仍低于该指标分值", w, "分，完成得再好也拿不到满分");
      fix = StrCat("调整各阶段分数，使全部完成时可得", w, "分；或将分值改为",
                   top, "分并相应调整其他指标");
    } else if (max.basis == "additive_or_alternatives" ||
               max.basis == "additive") {
      message = StrCat("评分标准各项分数相加（", PartsText(r.additive_parts),
                       "）最多", top, "分，仍低于该指标分值", w,
                       "分，完成得再好也拿不到满分");
      fix = StrCat("调整各项分数，使合计为", w, "分；或将分值改为", top,
                   "分并相应调整其他指标");
    } else if (max.basis == "graded_parts") {
      message = StrCat("评分标准分项分档计分，各项最高一档相加最多", top,
                       "分，仍低于该指标分值", w, "分，完成得再好也拿不到满分");
      fix = StrCat("调整各项最高一档的分数，使合计为", w, "分；或将分值改为",
                   top, "分并相应调整其他指标");
    } else if (max.basis == "fraction") {
      message = StrCat("评分标准最好情况只得",
                       FormatNumber(*r.fraction_of_weight * 100), "%指标分（",
                       top, "分），低于该指标分值", w, "分");
      fix = StrCat("写明达到目标时得满分（", w, "分），效果一般时再按比例给分");
    } else if (max.basis == "stated_total") {
      message = StrCat("评分标准写明该项满分", top, "分，低于该指标分值", w,
                       "分，完成得再好也拿不到满分");
    } else if (max.basis == "tiers") {
      message = StrCat("评分标准最高一档只得", top, "分，低于该指标分值", w,
                       "分，完成得再好也拿不到满分");
      fix = StrCat("将最高一档的分数由", top, "分改为", w,
                   "分并按比例调整其他档次，或将分值改为", top,
                   "分并相应调整其他指标");
    } else {
      message = StrCat("评分标准最高只能得", top, "分，低于该指标分值", w,
                       "分，完成得再好也拿不到满分");
    }
    Evidence evidence = {{"max_points", RoundForEvidence(max.larger)},
                         {"weight", RoundForEvidence(weight)},
                         {"reading", std::string(ScoreKindName(r.kind))},
                         {"basis", max.basis},
                         {"rule_text", std::string(TrimBlank(row.rule.text))}};
    if (max.basis == "staged" || max.basis == "additive_or_alternatives") {
      evidence["max_points_alt"] = RoundForEvidence(max.smaller);
    }
    if (!r.additive_parts.empty()) evidence["parts"] = r.additive_parts;
    if (max.basis == "fraction") {
      evidence["fraction_of_weight"] = *r.fraction_of_weight;
    }
    check.AddRow(i, std::move(message), std::move(fix), std::move(evidence));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeScoreBelowWeight() {
  return std::make_unique<ScoreBelowWeight>();
}

}  // namespace jxaudit
