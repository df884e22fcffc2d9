// score/threshold-mismatch: the scoring rule's own threshold differs from
// the row's target ("≥ 20 次" with "达12次及以上得5分"; "≥ 2.1 万人" with
// "7.4万人以上"). The two are compared in the same measure, after magnitude
// conversion (万人 vs 人, 万元 vs 亿元).
//
// Not findings, because the two numbers are not the same quantity:
//  - a percentage threshold on a count or amount ("完成率达100%" for "≥ 5 座"):
//    a share of the target;
//  - "完成绩效目标100%得10分" on a percentage target: a share again;
//  - a number in another measure ("4项" for "622 份");
//  - the target written elsewhere in the rule ("95%≤x<98%得4分" for
//    "≥ 95%": the rule grades around it, which score/tiers judges);
//  - a change ("较上年增长10万元以上") unless the indicator is the change;
//  - a number that agrees with the target at another magnitude ("54.6元" for
//    "≤ 54.6 万元"): the unit is wrong, which unit/mismatch reports.
// A number without a comparison word counts only when points or a
// shortfall deduction follow it directly ("化肥淡储8000吨满分").
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/ingest/quantity.h"
#include "analyzer/ingest/score_patterns.h"
#include "analyzer/ingest/score_reader.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

using Comparison = ScoreReading::Comparison;

struct Target {
  double value = 0;
  std::string unit;  // as the row writes it ("万人", "%")
  UnitScale scale;
};

// The row's numeric target and its unit (the 计量单位 cell, or the unit
// written in the value, "98%").
std::optional<Target> ReadTarget(const IndicatorRow& row,
                                 const Config& config) {
  const Operator op = row.parsed_op.op;
  // "定量" says "a number" without a direction (operator/invalid reports
  // it); the target is still a number the rule should repeat.
  const bool quantitative = op == Operator::kInvalid &&
                            RemoveAllBlanks(FoldNfkc(row.op.text)) == "定量";
  if (op != Operator::kGe && op != Operator::kLe && op != Operator::kEq &&
      op != Operator::kGt && op != Operator::kLt && !quantitative) {
    return std::nullopt;
  }
  const ParsedValue& v = row.parsed_value;
  if (v.kind != ValueKind::kNumber && v.kind != ValueKind::kChineseNum) {
    return std::nullopt;
  }
  Target target;
  target.value = v.number;
  std::optional<UnitScale> scale = ScaleOf(row.unit.text, config);
  target.unit = std::string(TrimBlank(row.unit.text));
  if (!scale && !v.written_unit.empty()) {
    scale = ScaleOf(v.written_unit, config);
    target.unit = v.written_unit;
  }
  if (!scale || scale->base.empty()) return std::nullopt;
  target.scale = *scale;
  return target;
}

bool IsPercent(const UnitScale& scale) { return scale.base == "%"; }

// Whether the rule's comparison can describe the row's target: a floor
// ("达到", "以上") for ≥, a ceiling ("控制在…以内") for ≤. A ceiling in a
// ≥ row is the failing side ("低于80%…") and says nothing about the target.
// A "定量" row (kInvalid here) has no direction to contradict.
bool ComparisonFits(Operator op, Comparison comparison) {
  if (op == Operator::kInvalid) return comparison != Comparison::kNone;
  switch (comparison) {
    case Comparison::kAtLeast:
      return op == Operator::kGe || op == Operator::kGt || op == Operator::kEq;
    case Comparison::kAtMost:
      return op == Operator::kLe || op == Operator::kLt || op == Operator::kEq;
    case Comparison::kEqual:
      return true;
    case Comparison::kNone:
      return false;
  }
  return false;
}

// True when the threshold number follows a comparison base in its clause
// ("较上年增长10万元以上", "比2023年提高5%"): a change, not a level.
bool IsChange(const ScoreReading& reading, double threshold) {
  return std::any_of(
      reading.change_amounts.begin(), reading.change_amounts.end(),
      [&](double amount) { return NearlyEqual(amount, threshold); });
}

// "完成绩效目标100%得10分", "完成指标值100%": the rule measures completion of
// the target, whatever its number.
bool IsCompletionShare(const ScoreReading& reading, double threshold,
                       std::string_view folded_name) {
  if (!NearlyEqual(threshold, 100) || !reading.about_target_completion) {
    return false;
  }
  // "完成率 ≥ 95%" with "完成率达100%" is the indicator's own threshold.
  return !RE2::PartialMatch(folded_name, "完成率|完成度");
}

// True when the rule writes the target's number in the target's measure
// somewhere other than a deduction step: the rule grades around the target
// (bands, a floor for partial credit) rather than contradicting it.
bool RuleMentionsTarget(const ScoreReading& reading, const Target& target,
                        const Config& config) {
  std::vector<std::pair<double, std::string>> steps;
  for (const DeductionScheme& d : reading.deductions) {
    steps.emplace_back(d.step, d.step_unit);
  }
  for (const auto& [number, unit] : reading.quantities) {
    // Captured by name: clang 14 (the fuzz build) cannot capture bindings.
    auto step =
        std::find_if(steps.begin(), steps.end(),
                     [&number = number, &unit = unit](const auto& s) {
                       return NearlyEqual(s.first, number) && s.second == unit;
                     });
    if (step != steps.end()) {
      steps.erase(step);
      continue;
    }
    std::optional<UnitScale> scale = ScaleOf(unit, config);
    if (!scale || !SameMeasure(*scale, target.scale)) continue;
    if (NearlyEqual(Convert(number, *scale, target.scale), target.value)) {
      return true;
    }
  }
  return false;
}

struct Mismatch {
  double threshold = 0;        // as the rule writes it
  std::string threshold_unit;  // as the rule writes it ("" if none)
  double in_target_unit = 0;   // converted to the row's unit
};

// The rule's threshold when it is the same quantity as the target and a
// different number; nullopt otherwise.
std::optional<Mismatch> Compare(const IndicatorRow& row, const Target& target,
                                const Config& config) {
  const ScoreReading& reading = *row.parsed_rule;
  if (!reading.threshold || reading.kind == ScoreReading::Kind::kUnparsed) {
    return std::nullopt;
  }
  const double t = *reading.threshold;
  if (reading.threshold_comparison == Comparison::kNone) {
    // A number without a comparison word is a threshold only when the
    // points or the deduction for falling short follow it directly
    // ("化肥储备8000吨满分", "满意度95%，每少1%扣1分"); otherwise it is a
    // total or a description ("单位数共152家，100%得10分").
    if (!reading.threshold_earns_points) return std::nullopt;
  } else if (!ComparisonFits(row.parsed_op.op, reading.threshold_comparison)) {
    return std::nullopt;
  }
  Mismatch m{t, reading.threshold_unit, t};
  if (reading.threshold_unit.empty()) {
    // "达20000以上" with "2 万人": the bare number may be written in the
    // row's unit or in its base measure.
    UnitScale base = target.scale;
    base.factor = 1;
    if (NearlyEqual(t, target.value) ||
        NearlyEqual(Convert(t, base, target.scale), target.value)) {
      return std::nullopt;
    }
    // A bare number is only comparable when the target is a plain number
    // too (no magnitude to guess).
    if (target.scale.factor != 1) return std::nullopt;
  } else {
    std::optional<UnitScale> scale = ScaleOf(reading.threshold_unit, config);
    if (!scale || !SameMeasure(*scale, target.scale)) return std::nullopt;
    if (IsPercent(*scale) != IsPercent(target.scale)) return std::nullopt;
    m.in_target_unit = Convert(t, *scale, target.scale);
    if (NearlyEqual(m.in_target_unit, target.value)) return std::nullopt;
    // "54.6元" for "≤ 54.6 万元": the number agrees and the unit was
    // miswritten, which unit/mismatch reports.
    if (MagnitudeMismatch(target.scale, *scale, t, target.value)) {
      return std::nullopt;
    }
  }
  const std::string name = FoldNfkc(row.name.text);
  // "较上年增长10万元以上" is a change, not the level the target states,
  // unless the indicator itself is the change ("信访总量同比下降").
  if (IsChange(reading, t) &&
      !RE2::PartialMatch(name, ScorePatternTable().change_base)) {
    return std::nullopt;
  }
  if (IsPercent(target.scale) && IsCompletionShare(reading, t, name)) {
    return std::nullopt;
  }
  if (RuleMentionsTarget(reading, target, config)) return std::nullopt;
  return m;
}

// A number the 指标解释 states in the target's own measure that differs
// from the target ("要求达到90%以上" for "≥ 95%", "要求完成3次" for "≥ 4 次").
struct StatedMismatch {
  const StatedQuantity* stated = nullptr;
  double in_target_unit = 0;
};

// The stated number converted to the target's unit, or nullopt when it is
// not in the target's measure. A count in
// another measure word ("覆盖12个乡镇" for "≥ 5 家") counts another thing; a
// number at another magnitude that agrees ("50万元" for "500000 万元") is a
// unit error, which unit/mismatch reports.
std::optional<double> InTargetUnit(const StatedQuantity& q,
                                   const Target& target, const Config& config) {
  std::optional<UnitScale> scale = ScaleOf(q.unit, config);
  if (!scale) return std::nullopt;
  // "控制在1500万内" beside "≤ 1500 万元": a bare 万 in the column's
  // magnitude is the column's unit with its measure word left out.
  if (scale->base.empty() && scale->factor == target.scale.factor &&
      scale->factor != 1) {
    scale->base = target.scale.base;
  }
  if (scale->base.empty() || scale->base != target.scale.base) {
    return std::nullopt;
  }
  if (IsPercent(*scale) != IsPercent(target.scale)) return std::nullopt;
  if (MagnitudeMismatch(target.scale, *scale, q.value, target.value)) {
    return std::nullopt;
  }
  const double converted = Convert(q.value, *scale, target.scale);
  // "50万元" for "500000 万元": the value was written in 元 under a 万元
  // column; the same number at another magnitude is a unit error.
  for (double factor : {1e4, 1e8}) {
    if (NearlyEqual(converted * factor, target.value) ||
        NearlyEqual(converted, target.value * factor)) {
      return std::nullopt;
    }
  }
  return converted;
}

// The explanation's own threshold when it contradicts the target. Only an
// explanation that states exactly one level in the target's measure is
// read: several ("人员类148.99万元、公用经费26.4万元") are parts or other
// quantities, and one that equals the target means the text agrees.
std::optional<StatedMismatch> CompareExplanation(const IndicatorRow& row,
                                                 const Target& target,
                                                 const Config& config) {
  // An indicator that is itself a change ("同比下降", "支出压减率") states
  // its target as one ("较上年压减20%以上").
  const std::string name = FoldNfkc(row.name.text);
  auto in_name = [&](std::string_view word) {
    return name.find(word) != std::string::npos;
  };
  const bool change_indicator =
      RE2::PartialMatch(name, ScorePatternTable().change_base) ||
      std::any_of(std::begin(kUpChangeWords), std::end(kUpChangeWords),
                  in_name) ||
      std::any_of(std::begin(kDownChangeWords), std::end(kDownChangeWords),
                  in_name);
  std::optional<StatedMismatch> found;
  for (const StatedQuantity& q : row.parsed_explanation->quantities) {
    std::optional<double> value = InTargetUnit(q, target, config);
    if (!value) continue;
    if (q.change && !change_indicator) continue;
    // "投诉率5%以下" in a "≥" row bounds another quantity.
    if (q.comparison != Comparison::kNone &&
        !ComparisonFits(row.parsed_op.op, q.comparison)) {
      continue;
    }
    // "不合格率5%" or "差错率低于5%" beside "合格率 ≥ 95%" / "= 100%": the
    // complement of the target, another rate.
    if (IsPercent(target.scale) && (NearlyEqual(*value + target.value, 100) ||
                                    (q.comparison == Comparison::kAtMost &&
                                     row.parsed_op.op == Operator::kEq &&
                                     NearlyEqual(target.value, 100)))) {
      continue;
    }
    // "3-5人" agrees with a target anywhere from 3 to 5.
    const double ratio = q.value != 0 ? *value / q.value : 1;
    const double high = std::isnan(q.range_end) ? *value : q.range_end * ratio;
    const bool agrees = NearlyEqual(*value, target.value) ||
                        NearlyEqual(high, target.value) ||
                        (*value < target.value && target.value < high);
    if (agrees) return std::nullopt;
    if (found && !NearlyEqual(found->in_target_unit, *value)) {
      return std::nullopt;  // two different levels: parts, not a threshold
    }
    if (!found) found = StatedMismatch{&q, *value};
  }
  return found;
}

std::string ComparisonWord(Comparison comparison) {
  switch (comparison) {
    case Comparison::kAtLeast:
      return "达到";
    case Comparison::kAtMost:
      return "不超过";
    case Comparison::kEqual:
      return "为";
    case Comparison::kNone:
      return "";
  }
  return "";
}

class ScoreThresholdMismatch : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{.id = "score/threshold-mismatch",
                                .default_severity = Severity::kError,
                                .summary = "评分标准中的达标值与指标值不一致",
                                .certainty = 0.85,
                                .superseded_by = {"duplication/stale-copy"}};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    std::optional<Target> target = ReadTarget(row, check.config());
    if (!target) return;
    std::optional<Mismatch> m = Compare(row, *target, check.config());
    std::optional<StatedMismatch> s =
        CompareExplanation(row, *target, check.config());
    if (m) Report(check, i, row, *target, *m, s);
    // One finding per defect: an explanation that repeats the rule's number
    // is named in the rule's finding.
    if (s && !(m && NearlyEqual(m->in_target_unit, s->in_target_unit))) {
      ReportExplanation(check, i, row, *target, *s);
    }
  }

 private:
  static void ReportExplanation(UnitCheck& check, int i,
                                const IndicatorRow& row, const Target& target,
                                const StatedMismatch& s) {
    const StatedQuantity& q = *s.stated;
    const std::string target_side = StrCat(
        row.parsed_op.canonical, FormatNumber(target.value), target.unit);
    std::string stated = StrCat(FormatNumber(q.value), q.unit);
    if (!std::isnan(q.range_end)) {
      stated =
          StrCat(FormatNumber(q.value), "-", FormatNumber(q.range_end), q.unit);
    }
    std::string message =
        StrCat("指标解释写“", QuoteAsWritten(row.explanation.text, q.clause),
               "”，其中", stated, "与指标值“", target_side, "”不一致");
    if (q.unit != target.unit && !NearlyEqual(q.value, s.in_target_unit)) {
      StrAppend(&message, "（", stated, "即", FormatNumber(s.in_target_unit),
                target.unit, "）");
    }
    std::string fix = StrCat(
        "核实目标值：若目标是", FormatNumber(target.value), target.unit,
        "，将指标解释中的“", stated, "”改为“", FormatNumber(target.value),
        target.unit, "”；若目标应为", stated, "，则修改指标值和评分标准");
    Evidence evidence = {
        {"source", "explanation"},
        {"explanation_threshold", RoundForEvidence(q.value)},
        {"explanation_threshold_unit", q.unit},
        {"explanation_threshold_in_target_unit",
         RoundForEvidence(s.in_target_unit)},
        {"target", RoundForEvidence(target.value)},
        {"target_unit", target.unit},
        {"operator", row.parsed_op.canonical},
        {"explanation_text", std::string(TrimBlank(row.explanation.text))},
        {"explanation_line", row.explanation.line}};
    // Point at the cell to correct: the 指标解释.
    check.AddCell(i, row.explanation, std::move(message), std::move(fix),
                  std::move(evidence));
  }

  static void Report(UnitCheck& check, int i, const IndicatorRow& row,
                     const Target& target, const Mismatch& m,
                     const std::optional<StatedMismatch>& s) {
    const ScoreReading& reading = *row.parsed_rule;
    const std::string rule_side =
        StrCat(FormatNumber(m.threshold), m.threshold_unit);
    const std::string target_side = StrCat(
        row.parsed_op.canonical, FormatNumber(target.value), target.unit);
    // Quote the clause that holds the threshold as the rule writes it; the
    // threshold itself is named without quotation marks, since those words
    // ("达到95%") are ours.
    const std::string clause = QuoteAsWritten(row.rule.text, rule_side);
    const std::string quoted =
        clause == rule_side ? "" : StrCat("“", clause, "”");
    std::string message =
        StrCat("评分标准", quoted, "以",
               ComparisonWord(reading.threshold_comparison), rule_side, "作为",
               reading.kind == ScoreReading::Kind::kTiers ? "最高档" : "得分",
               "条件，与指标值“", target_side, "”不一致");
    if (!m.threshold_unit.empty() && m.threshold_unit != target.unit) {
      StrAppend(&message, "（", rule_side, "即", FormatNumber(m.in_target_unit),
                target.unit, "）");
    }
    const bool explanation_too =
        s && NearlyEqual(m.in_target_unit, s->in_target_unit);
    if (explanation_too) {
      StrAppend(&message, "；指标解释“",
                QuoteAsWritten(row.explanation.text, s->stated->clause),
                "”也是这个数");
    }
    std::string fix = StrCat("核实目标值：若目标是", FormatNumber(target.value),
                             target.unit, "，将评分标准中的“", rule_side,
                             "”改为“", FormatNumber(target.value), target.unit,
                             "”；若目标应为", rule_side, "，则修改指标值");
    Evidence evidence = {
        {"rule_threshold", RoundForEvidence(m.threshold)},
        {"rule_threshold_unit", m.threshold_unit},
        {"rule_threshold_in_target_unit", RoundForEvidence(m.in_target_unit)},
        {"target", RoundForEvidence(target.value)},
        {"target_unit", target.unit},
        {"operator", row.parsed_op.canonical},
        {"rule_text", std::string(TrimBlank(row.rule.text))}};
    if (!reading.subject.empty()) evidence["rule_subject"] = reading.subject;
    if (explanation_too) evidence["explanation_text"] = s->stated->clause;
    check.AddRow(i, std::move(message), std::move(fix), std::move(evidence));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeScoreThresholdMismatch() {
  return std::make_unique<ScoreThresholdMismatch>();
}

}  // namespace jxaudit
