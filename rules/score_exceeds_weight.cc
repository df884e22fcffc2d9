// score/exceeds-weight: the most points the scoring rule can award is more
// than the indicator's weight (rule "得12分", weight 5).
//  - Staged rules ("制定办法得4分，办法落实计6分") are read two ways (the
//    highest stage is the total, or the stages add up); a finding only when
//    even the smaller reading exceeds the weight.
//  - Additive rules: the sum of the parts; when the parts are not numbered
//    they may be alternatives ("按时完成得5分，提前完成得6分"), so the largest
//    part is the smaller reading. Graded tiers: the highest tier.
//    A stated base ("得5分，每少1%扣1分", "占5分") counts as the maximum.
//  - A band or grade that alone pays more than the weight ("85%≤x<95%，
//    得6分" on 5 points) is reported here even when a better band pays less:
//    the points exceed the weight whatever the order of the bands, and
//    score/tiers reports the inversion as a second, separate defect.
//  - Per-item bonuses ("每举办1次加3分") are multiplied by the target count
//    when the bonus is the rule's only award.
#include <cmath>
#include <optional>

#include "analyzer/engine/rule.h"
#include "analyzer/ingest/quantity.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"
#include "rules/score_util.h"

namespace jxaudit {
namespace {

// "每举办1次加3分" on a "≥ 4 次" row: meeting the target earns the bonus
// once per counted item, so the most it pays is the bonus times the count.
// Read only when the bonus is the rule's only award (no threshold award, no
// stated total), counts the target's own unit, and pays per item of the
// target rather than for results beyond it ("每多举办1次加1分").
struct PerEventTotal {
  const DeductionScheme* bonus = nullptr;
  double points = 0;
};

std::optional<PerEventTotal> ReadPerEventTotal(const IndicatorRow& row,
                                               const Config& config) {
  const ScoreReading& r = *row.parsed_rule;
  if (r.kind != ScoreReading::Kind::kPerEvent || r.stated_total ||
      r.threshold || r.deductions.size() != 1) {
    return std::nullopt;
  }
  const DeductionScheme& d = r.deductions.front();
  if (!d.is_bonus || d.beyond_target || d.step_unit.empty() || d.step <= 0 ||
      std::isnan(d.points_per_step) || d.points_per_step <= 0) {
    return std::nullopt;
  }
  const Operator op = row.parsed_op.op;
  if (op != Operator::kGe && op != Operator::kGt && op != Operator::kEq) {
    return std::nullopt;
  }
  if (row.parsed_value.kind != ValueKind::kNumber) return std::nullopt;
  const std::optional<UnitScale> step = ScaleOf(d.step_unit, config);
  const std::optional<UnitScale> column = ScaleOf(row.unit.text, config);
  if (!step || !column || step->base.empty() || step->base != column->base ||
      step->factor != column->factor) {
    return std::nullopt;
  }
  const double items = std::floor(row.parsed_value.number / d.step + 1e-9);
  return PerEventTotal{&d, items * d.points_per_step};
}

// The first band or grade that alone pays more than the weight; only one
// whose clause says what it pays for (a band, or grade words), so that the
// quote makes sense on its own.
const ScoreTier* TierAboveWeight(const ScoreReading& r, double weight) {
  for (const ScoreTier& t : r.tiers) {
    const double pay = TierPay(t, weight);
    const bool says_what = !std::isnan(t.lower) || !std::isnan(t.upper) ||
                           t.grade != GradeWords::kUnknown;
    if (says_what && !std::isnan(pay) && pay > weight + kPointsTolerance) {
      return &t;
    }
  }
  return nullptr;
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
    const std::optional<MaxPoints> max =
        ReadMaxPoints(*row.parsed_rule, weight);
    if (max && max->smaller > weight + kPointsTolerance) {
      Report(check, i, *max, weight);
      return;
    }
    if (max) return;
    const std::optional<PerEventTotal> per_event =
        ReadPerEventTotal(row, check.config());
    if (per_event && per_event->points > weight + kPointsTolerance) {
      ReportPerEvent(check, i, *per_event, weight);
    }
  }

 private:
  static void ReportPerEvent(UnitCheck& check, int i, const PerEventTotal& p,
                             double weight) {
    const IndicatorRow& row = check.unit().rows[i];
    const std::string w = FormatNumber(weight);
    const std::string total = FormatNumber(p.points);
    const std::string target =
        StrCat(row.parsed_op.canonical, ValueWithUnit(row));
    std::string message =
        StrCat("评分标准“", QuoteAsWritten(row.rule.text, p.bonus->text),
               "”按次加分，完成指标值“", target, "”即可得", total,
               "分，超过该指标分值", w, "分");
    std::string fix = StrCat("改为完成", FormatNumber(row.parsed_value.number),
                             TrimBlank(row.unit.text), "得", w,
                             "分、未完成按比例扣分，或写明加分以", w, "分为限");
    Evidence evidence = {
        {"max_points", RoundForEvidence(p.points)},
        {"weight", RoundForEvidence(weight)},
        {"reading", "per_event"},
        {"basis", "per_event_times_target"},
        {"points_per_item", RoundForEvidence(p.bonus->points_per_step)},
        {"target", RoundForEvidence(row.parsed_value.number)},
        {"rule_text", std::string(TrimBlank(row.rule.text))}};
    check.AddRow(i, std::move(message), std::move(fix), std::move(evidence));
  }

  static void Report(UnitCheck& check, int i, const MaxPoints& max,
                     double weight) {
    const IndicatorRow& row = check.unit().rows[i];
    const ScoreReading& r = *row.parsed_rule;
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
    } else if (max.basis == "graded_parts") {
      message = StrCat("评分标准分项分档计分，各项最高一档相加共", top,
                       "分，超过该指标分值", w, "分");
      fix = StrCat("调整各项最高一档的分数，使合计为", w, "分；或将分值改为",
                   top, "分并相应调整其他指标");
    } else if (max.basis == "stated_total") {
      message =
          StrCat("评分标准写明该项满分", top, "分，超过该指标分值", w, "分");
    } else if (const ScoreTier* t = TierAboveWeight(r, weight);
               max.basis == "tiers" && t != nullptr) {
      const std::string tier = QuoteAsWritten(row.rule.text, t->text);
      message = StrCat("评分标准“", tier, "”一档可得",
                       FormatNumber(TierPay(*t, weight)), "分，超过该指标分值",
                       w, "分");
      fix = StrCat("将“", tier, "”一档的分数改为不超过", w,
                   "分，并使各档由高到低递减；或将分值改为", top,
                   "分并相应调整其他指标");
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
    Evidence evidence = {{"max_points", RoundForEvidence(max.smaller)},
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
