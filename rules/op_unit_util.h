// Helpers shared by the operator/* and unit/* rules: which of the scoring
// rule's directed deductions ("每少1次扣1分" punishes a shortfall,
// "每超出10万元扣1分" an excess) and written bounds concern the row's own
// quantity, and the operator a row most likely meant. The words are read by
// the scoring-rule reader (row.parsed_rule); these helpers only compare its
// reading with the row's other cells and the unit vocabulary.
#ifndef JXAUDIT_RULES_OP_UNIT_UTIL_H_
#define JXAUDIT_RULES_OP_UNIT_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/model/model.h"

namespace jxaudit {

// One per-step deduction in a scoring rule whose direction is clear.
struct DirectedDeduction {
  bool shortfall = false;  // true: 少/低于/下降…扣; false: 超出/超过/高于…扣
  std::string text;       // the matched words, NFKC-folded ("每超出1名扣")
  std::string step_unit;  // "%", "名", "万元"…; "" when none written
};

// The deductions of the row's scoring rule whose step is measured in the
// row's own quantity (same unit family, or a percentage step, which is a
// share of the target). Words that describe a change (增加, 下降…) only count
// when the indicator name is not itself about a change ("投诉下降率" with
// "每增长1%扣" is consistent), and overruns of time or of standards
// (超时, 超期, 超标) are events, not the indicator's direction.
std::vector<DirectedDeduction> FindDirectedDeductions(const IndicatorRow& row,
                                                      const Config& config);

// A threshold in the scoring rule equal to the row's own target value and
// written as a bound: "95%以上", "95%≤满意度", "≥95%" (at least) or
// "1000万元以内", "≤220元", "不超过8万元" (at most).
struct TargetBound {
  bool at_least = false;
  std::string text;  // the matched words, NFKC-folded
};
std::vector<TargetBound> FindTargetBounds(const IndicatorRow& row,
                                          const Config& config);

// True when the indicator name speaks of a change (下降, 减少, 增长, 提升…).
bool NameIsAboutChange(std::string_view folded_name);

// The numeric operator the row most likely meant, read from its scoring
// rule ("以上"/"每少…扣" -> "≥", "以内"/"每超出…扣" -> "≤"), its value (0 ->
// "=", a date -> "≤"); "≥" when nothing says otherwise.
std::string SuggestNumericOperator(const IndicatorRow& row,
                                   const Config& config);

// "数字" / "日期" / "百分数"…: how a clerk would call a value of this kind.
std::string ValueKindChinese(const ParsedValue& value);

}  // namespace jxaudit

#endif  // JXAUDIT_RULES_OP_UNIT_UTIL_H_
