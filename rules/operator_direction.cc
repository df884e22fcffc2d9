// operator/direction: the direction of the scoring rule or of the indicator
// contradicts the operator:
//  - "≥"/">" target, but the rule deducts per step of exceeding it
//    ("每超出1名扣2分") and never for falling short;
//  - "≤"/"<" target, but the rule deducts per step of falling short
//    ("每减少10个百分比扣1分") and never for exceeding;
//  - "≥" on a ranking (排名, 名次: smaller is better) or on an indicator that
//    counts harm (事故, 差错, 伤亡…: the configured lower_is_better words),
//    unless the name says it is handled or reduced (处置, 下降…);
//  - "≥" with a date: a deadline is "no later than", not "no earlier than";
//  - "≤" whose rule scores nothing below the target ("低于此标准不计分");
//  - "≥" on a spending amount (a money unit) whose rule or explanation asks
//    to keep it within the budget ("控制在预算范围内").
// A "下降/减少" indicator with "≥" is NOT reported by itself: "投诉下降率 ≥
// 10%" or "一般性支出压减率 ≥ 20%" is a rate of decrease and reads correctly.
#include <re2/re2.h>

#include <optional>

#include "analyzer/engine/rule.h"
#include "analyzer/ingest/score_patterns.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"
#include "rules/op_unit_util.h"

namespace jxaudit {
namespace {

struct Contradiction {
  std::string kind;  // "excess-deduction", "shortfall-deduction", …
  std::string message;
  std::string fix;
  std::string clause;  // the words that show the direction
  std::string suggested_operator;
};

bool IsAtLeast(Operator op) {
  return op == Operator::kGe || op == Operator::kGt;
}
bool IsAtMost(Operator op) {
  return op == Operator::kLe || op == Operator::kLt;
}

std::optional<Contradiction> FromDeductions(const IndicatorRow& row,
                                            const Config& config) {
  const Operator op = row.parsed_op.op;
  if (!IsAtLeast(op) && !IsAtMost(op)) return std::nullopt;
  const DirectedDeduction* shortfall = nullptr;
  const DirectedDeduction* excess = nullptr;
  const auto found = FindDirectedDeductions(row, config);
  for (const DirectedDeduction& d : found) {
    (d.shortfall ? shortfall : excess) = &d;
  }
  // Deducting both ways is a "hit the target" rule: no direction to check.
  if (shortfall != nullptr && excess != nullptr) return std::nullopt;
  const std::string& written = row.parsed_op.canonical;
  if (IsAtLeast(op) && excess != nullptr) {
    return Contradiction{
        "excess-deduction",
        StrCat("指标值类型“", written, "”表示越多越好，但评分标准“",
               excess->text, "…”对超出目标扣分，方向相反"),
        "若该指标越少越好（如支出、排名、事故），将指标值类型改为“≤”；若越多越"
        "好，"
        "把评分标准改为按“每少…扣…分”扣分",
        excess->text, "≤"};
  }
  if (IsAtMost(op) && shortfall != nullptr) {
    return Contradiction{
        "shortfall-deduction",
        StrCat("指标值类型“", written, "”表示不超过目标即可，但评分标准“",
               shortfall->text, "…”对低于目标扣分，方向相反"),
        "若该指标越多越好（如完成率、执行率），将指标值类型改为“≥”；若是控制上"
        "限"
        "（如成本、支出），把评分标准改为按“每超出…扣…分”扣分",
        shortfall->text, "≥"};
  }
  return std::nullopt;
}

// The rule states the target itself as the opposite bound: "≤ 95%" with
// "95%≤满意度，得5分", or "≥ 1000万元" with "控制在1000万元以内".
std::optional<Contradiction> FromBounds(const IndicatorRow& row,
                                        const Config& config) {
  const Operator op = row.parsed_op.op;
  if (!IsAtLeast(op) && !IsAtMost(op)) return std::nullopt;
  const TargetBound* at_least = nullptr;
  const TargetBound* at_most = nullptr;
  const auto bounds = FindTargetBounds(row, config);
  for (const TargetBound& b : bounds) (b.at_least ? at_least : at_most) = &b;
  if (at_least != nullptr && at_most != nullptr) return std::nullopt;
  const std::string& written = row.parsed_op.canonical;
  const std::string value = ValueWithUnit(row);
  if (IsAtLeast(op) && at_most != nullptr) {
    return Contradiction{"threshold-at-most",
                         StrCat("指标值类型“", written, "”表示不低于", value,
                                "，但评分标准写的是“", at_most->text,
                                "”（不超过", value, "），方向相反"),
                         "若目标是控制上限（如支出、用时），将指标值类型改为“≤”"
                         "；否则修改评分标准的"
                         "表述",
                         at_most->text, "≤"};
  }
  if (IsAtMost(op) && at_least != nullptr) {
    return Contradiction{"threshold-at-least",
                         StrCat("指标值类型“", written, "”表示不超过", value,
                                "，但评分标准写的是“", at_least->text,
                                "”（不低于", value, "），方向相反"),
                         "若目标越高越好（如满意度、完成数），将指标值类型改为“"
                         "≥”；否则修改评分标准"
                         "的表述",
                         at_least->text, "≥"};
  }
  return std::nullopt;
}

// A spending amount ("≥ 50万元") whose rule or explanation asks to keep it
// within the budget ("控制在预算范围内", "不超过预算"): a cap, not a floor.
// Rates (% units) are left alone: "预算执行率 ≥ 95%" reads correctly.
std::optional<Contradiction> FromCapWords(const IndicatorRow& row) {
  if (!IsAtLeast(row.parsed_op.op) || row.parsed_unit.family != "money") {
    return std::nullopt;
  }
  // The rule's words come from the reader; the explanation is read with
  // the reader's pattern.
  const ScoreReading& rule = *row.parsed_rule;
  const bool in_rule = rule.bound_words == ScoreReading::Comparison::kAtMost &&
                       !rule.budget_cap_words.empty();
  std::string words = rule.budget_cap_words;
  if (!in_rule && !RE2::PartialMatch(FoldNfkc(row.explanation.text),
                                     ScorePatternTable().budget_cap, &words)) {
    return std::nullopt;
  }
  const std::string& written = row.parsed_op.canonical;
  return Contradiction{
      "cap-words",
      StrCat("指标值类型“", written, "”表示支出不低于", ValueWithUnit(row),
             "，但", in_rule ? "评分标准" : "指标解释", "要求“", words,
             "”（不超过），方向相反"),
      "支出、成本类指标应控制上限：将指标值类型改为“≤”", words, "≤"};
}

// A cap ("≤ 800元" on a cost) whose rule scores nothing below it ("低于此
// 标准不计分"): the rule treats the target as a floor.
std::optional<Contradiction> FromZeroBelow(const IndicatorRow& row) {
  if (!IsAtMost(row.parsed_op.op) || !row.parsed_rule->zeroes_below) {
    return std::nullopt;
  }
  const std::string& written = row.parsed_op.canonical;
  return Contradiction{
      "zero-below",
      StrCat("指标值类型“", written, "”表示不超过", ValueWithUnit(row),
             "即可，但评分标准“", TrimBlank(row.rule.text),
             "”对低于目标的结果不给分，方向相反"),
      "若该指标是控制上限（如成本、支出），把评分标准改为超出目标扣分；若越多越"
      "好"
      "，将指标值类型改为“≥”",
      "", "≥"};
}

std::optional<Contradiction> FromName(
    const IndicatorRow& row, const std::vector<std::string>& harm_words,
    const std::vector<std::string>& exempt_words) {
  if (!IsAtLeast(row.parsed_op.op)) return std::nullopt;
  const std::string name = FoldNfkc(row.name.text);
  const std::string& written = row.parsed_op.canonical;
  if (ContainsAnyOf(name, exempt_words)) return std::nullopt;
  static const RE2 kRank("(排名|名次)");
  std::string rank;
  if (RE2::PartialMatch(name, kRank, &rank) &&
      row.parsed_unit.family != "percentage" &&
      row.parsed_value.written_unit != "%") {
    return Contradiction{
        "ranking",
        StrCat("“", rank, "”越靠前数字越小，指标值类型却是“", written,
               "”（名次不低于目标），方向相反"),
        "将指标值类型改为“≤”（名次不低于第几名），并相应修改评分标准", rank,
        "≤"};
  }
  std::string harm;
  if (ContainsAnyOf(name, harm_words, &harm) && !NameIsAboutChange(name)) {
    return Contradiction{
        "lower-is-better",
        StrCat("“", harm, "”类指标越少越好，指标值类型却是“", written, "”",
               row.parsed_value.kind == ValueKind::kNumber &&
                       row.parsed_value.number == 0
                   ? "（“≥0”总能达到，起不到约束作用）"
                   : ""),
        StrCat("将指标值类型改为“≤”（或目标为0时改为“=”）"), harm,
        row.parsed_value.number == 0 ? "=" : "≤"};
  }
  return std::nullopt;
}

std::optional<Contradiction> FromDate(const IndicatorRow& row) {
  if (!IsAtLeast(row.parsed_op.op) ||
      row.parsed_value.kind != ValueKind::kDate) {
    return std::nullopt;
  }
  return Contradiction{"date",
                       StrCat("指标值是完成时限“", TrimBlank(row.value.text),
                              "”，指标值类型却是“", row.parsed_op.canonical,
                              "”（不早于该日期），方向相反"),
                       "将指标值类型改为“≤”（不晚于该日期完成）", "", "≤"};
}

class OperatorDirection : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "operator/direction",
        .default_severity = Severity::kWarning,
        .summary =
            "评分标准或指标本身的方向与指标值类型相反（≥ 却按超出扣分，≤ 却按"
            "不足扣分，名次、事故类指标用 ≥）",
        .certainty = 0.8};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    std::optional<Contradiction> c = FromDeductions(row, check.config());
    if (!c) c = FromBounds(row, check.config());
    if (!c) c = FromCapWords(row);
    if (!c) c = FromZeroBelow(row);
    if (!c) c = FromName(row, lower_is_better_words_, exempt_words_);
    if (!c) c = FromDate(row);
    if (!c) return;
    check.AddRow(i, std::move(c->message), std::move(c->fix),
                 {{"operator", std::string(TrimBlank(row.op.text))},
                  {"value_text", std::string(TrimBlank(row.value.text))},
                  {"kind", c->kind},
                  {"evidence_text", c->clause},
                  {"suggested_operator", c->suggested_operator}});
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.List("lower_is_better_words", &lower_is_better_words_);
    options.List("exempt_words", &exempt_words_);
  }

 private:
  // Indicators that count harm: "≥" on them is backwards, unless the name
  // also has an exempt word (事故处置率 counts handling, not accidents).
  std::vector<std::string> lower_is_better_words_ = {
      "事故", "差错",     "错字", "错误率", "失误", "伤亡", "火灾",
      "超支", "不合格率", "负面", "返工",   "漏报", "迟报", "误报"};
  std::vector<std::string> exempt_words_ = {
      "处理", "处置", "办结", "受理", "调解", "调处", "化解",  "查处", "查办",
      "办理", "整改", "回复", "答复", "解决", "核查", "调查",  "排查", "检查",
      "巡查", "督查", "整治", "治理", "纠正", "挽回", "追回",  "防范", "预防",
      "培训", "演练", "宣传", "应急", "救援", "满意", "控制率"};
};

}  // namespace

std::unique_ptr<Rule> MakeOperatorDirection() {
  return std::make_unique<OperatorDirection>();
}

}  // namespace jxaudit
