#include "rules/op_unit_util.h"

#include <re2/re2.h>

#include <cmath>

#include "analyzer/ingest/score_patterns.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

// Whether a change word in the rule (the reader's DirectedStep::change) can
// be read as a direction, given the direction the indicator name itself
// speaks of: "增长率" with "每下降1个百分点扣" is a shortfall, but "投诉下降
// 率" with "每增长1%扣" speaks of the complaints, not of the rate. The name
// is read with the reader's change words.
bool ChangeWordReadable(ChangeWord change, std::string_view folded_name) {
  if (change == ChangeWord::kNone) return true;
  const bool name_up = ContainsAnyOf(folded_name, kUpChangeWords);
  const bool name_down = ContainsAnyOf(folded_name, kDownChangeWords);
  if (!name_up && !name_down) return true;
  // An increase indicator falling short: "增长率 … 每下降1个百分点扣".
  return name_up && !name_down && change == ChangeWord::kDown;
}

// The unit a step is written in: "%征收数量" -> "%", "篇作品" -> "篇",
// "个百分点" -> "%"; the text itself when no known unit starts it.
std::string StepUnit(const std::string& text, const Config& config) {
  if (text.empty()) return text;
  if (text.rfind("%", 0) == 0 || Contains(text, "百分")) return "%";
  // Longest known unit at the start (code points are 1–4 bytes).
  for (size_t len = text.size(); len > 0; --len) {
    // Only cut between code points.
    if (len < text.size() && IsUtf8Continuation(text[len])) continue;
    const std::string prefix = text.substr(0, len);
    if (config.FindUnit(prefix) == nullptr) continue;
    // "个小时", "个月": the measure word 个 before the real unit.
    if (prefix == "个" && text.size() > 3) {
      const std::string rest = StepUnit(text.substr(3), config);
      if (config.FindUnit(rest) != nullptr) return rest;
    }
    return prefix;
  }
  return text;
}

bool IsSpendingName(std::string_view folded_name) {
  static const RE2 kSpending("预算|支出|经费|资金|成本|费用");
  return RE2::PartialMatch(folded_name, kSpending);
}

// Whether a step written in `step_unit` measures the row's own quantity.
bool StepFitsRow(const std::string& step_unit, const IndicatorRow& row,
                 const Config& config) {
  // No unit, or a percentage step: a share of the target, any quantity.
  if (step_unit.empty() || step_unit == "%") return true;
  const ParsedUnit& unit = row.parsed_unit;
  const std::string& written = row.parsed_value.written_unit;
  if (step_unit == unit.canonical || step_unit == written) return true;
  const UnitSpec* spec = config.FindUnit(step_unit);
  // A word the vocabulary does not know ("瓶", a typo "各"): no evidence of
  // another quantity.
  if (spec == nullptr) return true;
  if (spec->canonical == unit.canonical) return true;
  if (unit.known && !unit.family.empty() && spec->family == unit.family) {
    return true;
  }
  // "每超出1万元扣1分" on 预算控制率 (%): the overspend in money.
  if (spec->family == "money" && IsSpendingName(FoldNfkc(row.name.text))) {
    return true;
  }
  // "每超出五万扣一分" against 万元: the step names the magnitude only.
  return !unit.canonical.empty() && unit.canonical.rfind(step_unit, 0) == 0;
}

// Whether a directed step of the reader's is about the row's own quantity.
bool StepAppliesToRow(const DirectedStep& step, std::string_view folded_name,
                      const IndicatorRow& row, const Config& config) {
  if (!ChangeWordReadable(step.change, folded_name)) return false;
  // 超支 is about a budget; an execution rate or progress target may
  // require both "at least 95%" and "no overspending".
  if (step.word == "超支" &&
      (Contains(row.name.text, "执行") || Contains(row.name.text, "进度"))) {
    return false;
  }
  return StepFitsRow(StepUnit(step.step_unit, config), row, config);
}

// Whether a threshold written in `unit` can be the row's own target.
bool ThresholdFitsRow(const std::string& unit, const IndicatorRow& row,
                      const Config& config) {
  const bool row_percent = row.parsed_unit.family == "percentage" ||
                           row.parsed_value.written_unit == "%";
  if (unit == "%") return row_percent;
  return StepFitsRow(unit, row, config);
}

}  // namespace

std::vector<TargetBound> FindTargetBounds(const IndicatorRow& row,
                                          const Config& config) {
  std::vector<TargetBound> out;
  if (row.parsed_value.kind != ValueKind::kNumber) return out;
  for (const WrittenBound& b : row.parsed_rule->bounds) {
    if (std::fabs(b.value - row.parsed_value.number) > 1e-9) continue;
    if (!ThresholdFitsRow(StepUnit(b.unit, config), row, config)) continue;
    out.push_back({b.at_least, b.text});
  }
  return out;
}

bool NameIsAboutChange(std::string_view folded_name) {
  if (ContainsAnyOf(folded_name, kUpChangeWords) ||
      ContainsAnyOf(folded_name, kDownChangeWords)) {
    return true;
  }
  return Contains(folded_name, "同比") || Contains(folded_name, "较上年") ||
         Contains(folded_name, "比上年");
}

std::vector<DirectedDeduction> FindDirectedDeductions(const IndicatorRow& row,
                                                      const Config& config) {
  const std::string folded_name = FoldNfkc(row.name.text);
  std::vector<DirectedDeduction> out;
  for (const DirectedStep& step : row.parsed_rule->directed_steps) {
    if (!StepAppliesToRow(step, folded_name, row, config)) continue;
    out.push_back(
        {step.shortfall, step.text, StepUnit(step.step_unit, config)});
  }
  return out;
}

std::string SuggestNumericOperator(const IndicatorRow& row,
                                   const Config& config) {
  const ParsedValue& value = row.parsed_value;
  if (value.kind == ValueKind::kDate || value.kind == ValueKind::kBadDate) {
    return "≤";
  }
  bool shortfall = false, excess = false;
  for (const DirectedDeduction& d : FindDirectedDeductions(row, config)) {
    (d.shortfall ? shortfall : excess) = true;
  }
  if (shortfall != excess) return shortfall ? "≥" : "≤";
  if (value.kind == ValueKind::kNumber && value.number == 0) return "=";
  return row.parsed_rule->bound_words == ScoreReading::Comparison::kAtMost
             ? "≤"
             : "≥";
}

std::string ValueKindChinese(const ParsedValue& value) {
  switch (value.kind) {
    case ValueKind::kEmpty:
      return "空白";
    case ValueKind::kNumber:
      return value.written_unit == "%" ? "百分数" : "数字";
    case ValueKind::kDate:
      return "日期";
    case ValueKind::kBadDate:
      return "不存在的日期";
    case ValueKind::kMulti:
      return "多个数值";
    case ValueKind::kChineseNum:
      return "汉字数字";
    case ValueKind::kText:
      return "文字";
  }
  return "文字";
}

}  // namespace jxaudit
