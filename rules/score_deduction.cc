// score/deduction: the deduction scheme cannot work:
//  - one step deducts more than the whole weight ("每发生1起扣10分" for a
//    5-point indicator): the step cannot be applied as written;
//  - one step deducts more than the base the rule pays below the weight
//    ("达5个得2分，每少1个扣3分");
//  - a per-step shortfall deduction ("每少1%扣1分") on an indicator whose
//    target is 0 with "=", "≤", "<" or "≥" ("事故率 = 0%", "≥ 0 个"):
//    nothing can fall short of zero, so the rule never applies.
// A stated base that differs from the weight ("得4分，每少1次扣1分" for a
// 5-point indicator) is reported by score/exceeds-weight or
// score/below-weight, not here, so that one defect has one id; for the same
// reason a step is not compared with the weight when the base already
// exceeds it.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include "analyzer/engine/rule.h"
#include "analyzer/ingest/score_patterns.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"
#include "rules/score_util.h"

namespace jxaudit {
namespace {

using Direction = DeductionScheme::Direction;

// Points one step deducts; NaN when unknown.
double StepPoints(const DeductionScheme& d, double weight) {
  if (!std::isnan(d.points_per_step)) return d.points_per_step;
  if (!std::isnan(d.weight_fraction_per_step)) {
    return d.weight_fraction_per_step * weight;
  }
  return kScoreNaN;
}

// A count or amount of things cannot be negative; a percentage or a change
// ("经济增长 ≥ 0 %", "比上年增长") can, so "≥ 0" bounds it.
bool CannotBeNegative(const IndicatorRow& row) {
  if (row.parsed_unit.canonical == "%") return false;
  const std::string name = FoldNfkc(row.name.text);
  auto has = [&](std::string_view word) {
    return name.find(word) != std::string::npos;
  };
  return std::none_of(std::begin(kUpChangeWords), std::end(kUpChangeWords),
                      has) &&
         std::none_of(std::begin(kDownChangeWords), std::end(kDownChangeWords),
                      has);
}

bool TargetIsZeroCeiling(const IndicatorRow& row) {
  const Operator op = row.parsed_op.op;
  if (row.parsed_value.kind != ValueKind::kNumber ||
      std::fabs(row.parsed_value.number) >= kPointsTolerance) {
    return false;
  }
  // "≥ 0" too when the quantity cannot go below zero: every result meets
  // the target, so nothing falls short.
  if (op == Operator::kGe) return CannotBeNegative(row);
  return op == Operator::kEq || op == Operator::kLe || op == Operator::kLt;
}

// A deduction per step of falling short ("每少1%", "每下降1个百分点"), not a
// one-off "未达标扣5分" (which, for a zero target, means "not zero").
bool IsStepShortfall(const DeductionScheme& d) {
  return d.direction == Direction::kShortfall && !d.one_off && !d.is_bonus &&
         d.names_shortfall;
}

class ScoreDeduction : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "score/deduction",
        .default_severity = Severity::kWarning,
        .summary =
            "扣分办法无法执行：每次扣分超过该指标全部分值，或目标为0却按"
            "“每少…扣”扣分",
        .certainty = 0.8};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    if (!row.parsed_weight.valid) return;
    if (row.parsed_rule->kind == ScoreReading::Kind::kUnparsed) return;
    if (!CheckShortfall(check, i)) CheckStep(check, i);
  }

 private:
  static bool CheckShortfall(UnitCheck& check, int i) {
    const IndicatorRow& row = check.unit().rows[i];
    if (!TargetIsZeroCeiling(row)) return false;
    for (const DeductionScheme& d : row.parsed_rule->deductions) {
      if (!IsStepShortfall(d)) continue;
      const std::string target =
          StrCat(row.parsed_op.canonical, ValueWithUnit(row));
      const bool floor = row.parsed_op.op == Operator::kGe;
      std::string message =
          floor ? StrCat("指标目标为“", target,
                         "”，任何结果都不会低于目标，评分标准却按“",
                         QuoteAsWritten(row.rule.text, d.text),
                         "”对不足扣分，这条扣分永远用不上")
                : StrCat("指标目标为“", target,
                         "”，结果不可能再比0少，评分标准却按“",
                         QuoteAsWritten(row.rule.text, d.text),
                         "”对不足扣分，扣分办法无法执行");
      std::string fix =
          floor ? "将指标值改为计划完成的数量，使“每少…扣…分”有据可依；若本"
                  "指标确实不设下限，则删去按不足扣分的写法"
                : "改为按超出目标扣分（如“每发生1起扣1分”“每超出1%扣1分，扣完"
                  "为止”），并核对评分标准是否写的是本指标";
      check.AddRow(i, std::move(message), std::move(fix),
                   {{"problem", floor ? "shortfall-on-zero-floor"
                                      : "shortfall-on-zero-target"},
                    {"operator", row.parsed_op.canonical},
                    {"value", RoundForEvidence(row.parsed_value.number)},
                    {"deduction", d.text},
                    {"rule_text", std::string(TrimBlank(row.rule.text))}});
      return true;
    }
    return false;
  }

  // "达5个得2分，每少1个扣3分": the rule pays a base below the weight and
  // one step takes away more than that base, so a single shortfall already
  // leaves less than nothing.
  static bool CheckStepAgainstBase(UnitCheck& check, int i) {
    const IndicatorRow& row = check.unit().rows[i];
    const ScoreReading& r = *row.parsed_rule;
    const double weight = row.parsed_weight.points;
    if (r.kind != ScoreReading::Kind::kFullAndDeduction || !r.max_points ||
        *r.max_points <= kPointsTolerance ||
        *r.max_points >= weight - kPointsTolerance) {
      return false;
    }
    const double base = *r.max_points;
    for (const DeductionScheme& d : r.deductions) {
      if (d.is_bonus || d.one_off) continue;
      const double step = StepPoints(d, weight);
      if (std::isnan(step) || step <= base + kPointsTolerance) continue;
      const std::string b = FormatNumber(base);
      check.AddRow(
          i,
          StrCat("评分标准达标只得", b, "分，而“",
                 QuoteAsWritten(row.rule.text, d.text), "”一次就扣",
                 FormatNumber(step), "分，比达标所得的", b,
                 "分还多，扣分办法无法按写法执行"),
          StrCat("核对达标得分和每次扣分：达标得分一般应为该指标分值",
                 FormatNumber(weight), "分，每次扣分不应超过达标所得分数"),
          {{"problem", "step-exceeds-base"},
           {"points_per_step", RoundForEvidence(step)},
           {"base_points", RoundForEvidence(base)},
           {"weight", RoundForEvidence(weight)},
           {"deduction", d.text},
           {"rule_text", std::string(TrimBlank(row.rule.text))}});
      return true;
    }
    return false;
  }

  static void CheckStep(UnitCheck& check, int i) {
    const IndicatorRow& row = check.unit().rows[i];
    const double weight = row.parsed_weight.points;
    // A base above the weight is score/exceeds-weight's finding; the step
    // may well fit that base.
    const std::optional<MaxPoints> max =
        ReadMaxPoints(*row.parsed_rule, weight);
    if (max && max->smaller > weight + kPointsTolerance) return;
    if (CheckStepAgainstBase(check, i)) return;
    for (const DeductionScheme& d : row.parsed_rule->deductions) {
      if (d.is_bonus) continue;
      const double step = StepPoints(d, weight);
      if (std::isnan(step) || step <= weight + kPointsTolerance) continue;
      const std::string w = FormatNumber(weight);
      check.AddRow(
          i,
          StrCat("评分标准“", QuoteAsWritten(row.rule.text, d.text), "”一次扣",
                 FormatNumber(step), "分，超过该指标全部分值", w,
                 "分，扣分办法无法按写法执行"),
          StrCat("将每次扣分改为不超过", w,
                 "分（如“每…扣1分，扣完为止”），或直接写明出现该情形时不得分"),
          {{"problem", "step-exceeds-weight"},
           {"points_per_step", RoundForEvidence(step)},
           {"weight", RoundForEvidence(weight)},
           {"deduction", d.text},
           {"rule_text", std::string(TrimBlank(row.rule.text))}});
      return;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeScoreDeduction() {
  return std::make_unique<ScoreDeduction>();
}

}  // namespace jxaudit
