// unit/mismatch: the 计量单位 disagrees with the unit written elsewhere for
// the same quantity:
//  - inside the value ("60栋" with unit 平方米, "98%" with unit 个);
//  - in the scoring rule's threshold or the explanation's requirement, when
//    the number is the target's own ("达4个及以上" for "≥ 4 家",
//    "控制在54.6元以内" for "≤ 54.6 万元");
//  - in the rule's deduction step ("每少巡查4个" for a target in 次).
// Not findings: the same measure at another magnitude when the numbers
// agree after conversion (2 万人 and "达20000人"; a step of 1000万元 on a
// target in 亿元), a percentage step on a count ("每少完成1%"), steps that
// count events ("每出现一例…扣"), and numbers of another kind (money and
// items, area and places), which are other quantities. Close measure words
// ("场" and "次", "人" and "人次") are reported at info only.
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "analyzer/engine/rule.h"
#include "analyzer/ingest/quantity.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

// Measure words for counted things that the vocabulary may not list.
constexpr std::string_view kCountWords[] = {
    "个", "次", "项", "件", "场", "起", "家", "户", "人", "处", "种", "套",
    "瓶", "条", "篇", "份", "对", "类", "例", "所", "辆", "台", "本", "栋",
    "棵", "株", "册", "张", "间", "座", "笔", "批", "期", "盏", "宗", "批次"};
// Measure words for times and sessions. A clerk uses them for one another
// (次/场/期), and "人" for "人次": mixing those is worth a note, not an error.
constexpr std::string_view kEventWords[] = {"次",   "场", "期",
                                            "场次", "回", "轮"};

bool IsCount(const UnitScale& s) {
  if (s.family == "count") return true;
  return s.family.empty() &&
         std::find(std::begin(kCountWords), std::end(kCountWords), s.base) !=
             std::end(kCountWords);
}

bool IsEventWord(std::string_view base) {
  return std::find(std::begin(kEventWords), std::end(kEventWords), base) !=
         std::end(kEventWords);
}

enum class Verdict { kSame, kClose, kMismatch };

// Two count measure words: "人次" counts 次 too; "人" and "人次", "场" and
// "次", "个" and a word for things ("家", "处") are close; anything else
// ("次" and "个", "对" and "人", "件" and "次") differs.
Verdict CompareCounts(const std::string& a, const std::string& b) {
  if (a == b) return Verdict::kSame;
  if ((a == "次" && b.ends_with("次")) || (b == "次" && a.ends_with("次"))) {
    return Verdict::kSame;
  }
  if (a + "次" == b || b + "次" == a) return Verdict::kClose;
  if (IsEventWord(a) && IsEventWord(b)) return Verdict::kClose;
  // "个" counts any thing ("门诊人数达800个"): loose, not wrong. Counting
  // times (次) as things (个) is what the taxonomy calls a mismatch.
  auto verbal = [](const std::string& w) { return w.ends_with("次"); };
  if ((a == "个" && !verbal(b)) || (b == "个" && !verbal(a))) {
    return Verdict::kClose;
  }
  return Verdict::kMismatch;
}

// The unit column against a unit written elsewhere. `same_number`: the
// other unit is attached to the target's own number, so a magnitude that
// differs is a miswritten unit, not another quantity.
Verdict CompareUnits(const UnitScale& column, const UnitScale& other,
                     bool same_number) {
  if (column.base.empty() || other.base.empty()) return Verdict::kSame;
  if (column.base == other.base) {
    return same_number && column.factor != other.factor ? Verdict::kMismatch
                                                        : Verdict::kSame;
  }
  if (IsCount(column) && IsCount(other)) {
    return CompareCounts(column.base, other.base);
  }
  // Other families or kinds are other quantities, unless the number is the
  // target's ("500亩" written "500平方米").
  if (!column.family.empty() && column.family == other.family && same_number) {
    return Verdict::kMismatch;
  }
  return Verdict::kSame;
}

struct Problem {
  Verdict verdict = Verdict::kSame;
  std::string where;  // "value", "rule_threshold", "rule_step", "explanation"
  std::string other_unit;
  double number = 0;
  std::string text;  // the words the other unit was read from
};

std::string UnitText(const IndicatorRow& row) {
  return std::string(TrimBlank(row.unit.text));
}

bool TargetNumber(const IndicatorRow& row, double* value) {
  const ParsedValue& v = row.parsed_value;
  if (v.kind != ValueKind::kNumber && v.kind != ValueKind::kChineseNum) {
    return false;
  }
  *value = v.number;
  return true;
}

std::optional<Problem> FromValue(const IndicatorRow& row,
                                 const UnitScale& column,
                                 const Config& config) {
  const std::string& written = row.parsed_value.written_unit;
  if (written.empty() || row.parsed_value.kind != ValueKind::kNumber) {
    return std::nullopt;
  }
  std::optional<UnitScale> scale = ScaleOf(written, config);
  if (!scale) return std::nullopt;
  // The value's own unit measures the target itself: another kind of
  // measure ("60栋" with 平方米) is a mismatch too.
  Verdict verdict = CompareUnits(column, *scale, true);
  if (verdict == Verdict::kSame && !scale->base.empty() &&
      scale->base != column.base && !(IsCount(*scale) && IsCount(column))) {
    verdict = Verdict::kMismatch;
  }
  if (verdict == Verdict::kSame) return std::nullopt;
  return Problem{verdict, "value", written, row.parsed_value.number,
                 std::string(TrimBlank(row.value.text))};
}

std::optional<Problem> FromThreshold(const IndicatorRow& row,
                                     const UnitScale& column, double target,
                                     const Config& config) {
  const ScoreReading& r = row.parsed_rule;
  if (!r.threshold || r.threshold_unit.empty()) return std::nullopt;
  std::optional<UnitScale> scale = ScaleOf(r.threshold_unit, config);
  // "满意度95分": a survey score, read as the percentage it stands for.
  if (!scale || scale->family == "score") return std::nullopt;
  if (MagnitudeMismatch(column, *scale, *r.threshold, target)) {
    return Problem{Verdict::kMismatch, "rule_threshold", r.threshold_unit,
                   *r.threshold, std::string(TrimBlank(row.rule.text))};
  }
  // Otherwise only the target's own number says the two units measure the
  // same thing ("达4个" for "≥ 4 家"); another number may be another count.
  if (!NearlyEqual(*r.threshold, target)) return std::nullopt;
  Verdict verdict = CompareUnits(column, *scale, true);
  // The target's number as a percentage in the rule, or as a count with a
  // percentage column ("≥ 24 %" with "达到24次"): one of the two units is
  // wrong. "完成率达100%" on a count of 100 is a share and says nothing.
  if ((scale->base == "%") != (column.base == "%")) {
    const bool share = scale->base == "%" && NearlyEqual(target, 100);
    verdict = share ? Verdict::kSame : Verdict::kMismatch;
  }
  if (verdict == Verdict::kSame) return std::nullopt;
  return Problem{verdict, "rule_threshold", r.threshold_unit, *r.threshold,
                 std::string(TrimBlank(row.rule.text))};
}

// A deduction step counts the target's quantity when it punishes a
// shortfall or an excess; events ("每出现一例") are other things.
std::optional<Problem> FromSteps(const IndicatorRow& row,
                                 const UnitScale& column, double target,
                                 const Config& config) {
  const ScoreReading& r = row.parsed_rule;
  // The rule's own threshold is in another measure and another number
  // ("完成4项指标…每少完成一项" for 622 份): the rule scores another quantity.
  if (r.threshold && !r.threshold_unit.empty()) {
    std::optional<UnitScale> th = ScaleOf(r.threshold_unit, config);
    if (th && !NearlyEqual(*r.threshold, target) &&
        CompareUnits(column, *th, false) != Verdict::kSame) {
      return std::nullopt;
    }
  }
  for (const DeductionScheme& d : r.deductions) {
    using D = DeductionScheme::Direction;
    if (d.is_bonus || d.step_unit.empty() ||
        (d.direction != D::kShortfall && d.direction != D::kExcess)) {
      continue;
    }
    std::optional<UnitScale> scale = ScaleOf(d.step_unit, config);
    if (!scale || scale->base == "%" || column.base == "%") continue;
    // "每超出5万元" on "≤ 78 元": one step is larger than the whole target,
    // so the column's magnitude is wrong.
    if ((scale->base.empty() || scale->base == column.base) &&
        scale->factor > column.factor && target > 0 &&
        Convert(d.step, *scale, column) > target) {
      return Problem{Verdict::kMismatch, "rule_step", d.step_unit, d.step,
                     d.text};
    }
    Verdict verdict = CompareUnits(column, *scale, false);
    if (verdict == Verdict::kSame) continue;
    return Problem{verdict, "rule_step", d.step_unit, d.step, d.text};
  }
  return std::nullopt;
}

// "要求审计3个以上" in the explanation, with the target's own number.
std::optional<Problem> FromExplanation(const IndicatorRow& row,
                                       const UnitScale& column, double target,
                                       const Config& config) {
  static const RE2 kRequirement(
      "(?:要求|达到|达|不少于|不低于|不超过|控制在|完成|≥|≤)[^\\d,;。]{0,8}?"
      "(\\d+(?:\\.\\d+)?)"
      "(万平方米|平方公里|平方米|万人次|人次|户次|万人|万亩|万吨|万元|亿元|"
      "公里|小时|元|人|次|个|篇|件|家|份|笔|批|起|项|场|期|条|名|户|亩|吨|"
      "座|处|套|种|例|所|辆|台|本|栋|棵|株|册|张|间|米|盏|宗)");
  const std::string text = RemoveAllBlanks(FoldNfkc(row.explanation.text));
  re2::StringPiece input(text), number, unit;
  while (RE2::FindAndConsume(&input, kRequirement, &number, &unit)) {
    double value = 0;
    if (!absl::SimpleAtod(AV(std::string_view(number.data(), number.size())),
                          &value)) {
      continue;
    }
    const std::string_view unit_text(unit.data(), unit.size());
    std::optional<UnitScale> scale = ScaleOf(unit_text, config);
    if (!scale) continue;
    if (MagnitudeMismatch(column, *scale, value, target)) {
      return Problem{Verdict::kMismatch, "explanation", std::string(unit_text),
                     value, std::string(TrimBlank(row.explanation.text))};
    }
    if (!NearlyEqual(value, target)) continue;
    Verdict verdict = CompareUnits(column, *scale, true);
    if (verdict == Verdict::kSame) continue;
    return Problem{verdict, "explanation", std::string(unit_text), value,
                   std::string(TrimBlank(row.explanation.text))};
  }
  return std::nullopt;
}

std::string WhereChinese(const std::string& where) {
  if (where == "value") return "指标值";
  if (where == "rule_threshold") return "评分标准的达标值";
  if (where == "rule_step") return "评分标准的扣分步长";
  return "指标解释";
}

class UnitMismatch : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "unit/mismatch",
        .default_severity = Severity::kError,
        .summary = "计量单位与指标值、评分标准或指标解释中同一数量的单位不一致",
        .certainty = 0.8};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    const auto& rows = check.unit().rows;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
      const IndicatorRow& row = rows[i];
      if (row.IsPlaceholder() || row.parsed_op.op == Operator::kQualitative) {
        continue;
      }
      std::optional<UnitScale> column = ScaleOf(row.unit.text, check.config());
      if (!column || column->base.empty()) continue;
      std::optional<Problem> p = Find(row, *column, check.config());
      if (p) Report(check, i, row, *p);
    }
  }

 private:
  static std::optional<Problem> Find(const IndicatorRow& row,
                                     const UnitScale& column,
                                     const Config& config) {
    if (auto p = FromValue(row, column, config)) return p;
    double target = 0;
    if (!TargetNumber(row, &target)) return std::nullopt;
    if (auto p = FromThreshold(row, column, target, config)) return p;
    if (auto p = FromSteps(row, column, target, config)) return p;
    return FromExplanation(row, column, target, config);
  }

  static void Report(UnitCheck& check, int i, const IndicatorRow& row,
                     const Problem& p) {
    const std::string unit = UnitText(row);
    const std::string number = FormatNumber(p.number);
    std::string message;
    if (p.where == "rule_step") {
      message = StrCat("计量单位是“", unit, "”，评分标准却按“", p.other_unit,
                       "”扣分（", p.text, "）");
    } else {
      message = StrCat("计量单位是“", unit, "”，", WhereChinese(p.where),
                       "却写作“", number, p.other_unit, "”");
    }
    StrAppend(&message, p.verdict == Verdict::kClose
                            ? "，两种量词含义相近，建议统一"
                            : "，同一数量用了不同单位");
    std::string fix =
        StrCat("确认该指标按什么计量：按“", unit, "”计量则把",
               WhereChinese(p.where), "中的“", p.other_unit, "”改为“", unit,
               "”；否则将计量单位改为“", p.other_unit, "”并相应核对指标值");
    nlohmann::json evidence = {{"unit", unit},
                               {"other_unit", p.other_unit},
                               {"where", p.where},
                               {"number", RoundForEvidence(p.number)},
                               {"text", p.text}};
    Finding& f = check.AddRow(i, std::move(message), std::move(fix),
                              std::move(evidence));
    if (p.verdict == Verdict::kClose) f.severity = Severity::kInfo;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeUnitMismatch() {
  return std::make_unique<UnitMismatch>();
}

}  // namespace jxaudit
