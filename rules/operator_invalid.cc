// operator/invalid: the 指标值类型 is not one of ≥ ≤ = > < 定性 (after the
// configured glyph variants), e.g. "定量", "早于", a value such as "提升" that
// slid into the operator column, or a blank cell.
#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/ingest/cell_parse.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/op_unit_util.h"

namespace jxaudit {
namespace {

struct Suggestion {
  std::string op;              // the operator to write
  std::string reason;          // why, in Chinese
  bool move_to_value = false;  // the operator text belongs in 指标值
};

bool ValueIsEmptyish(const IndicatorRow& row) {
  const std::string value = RemoveAllBlanks(FoldNfkc(row.value.text));
  return value.empty() || value == "无" || value == "-" || value == "/" ||
         value == "—";
}

// Words that are comparisons written out in Chinese ("早于" a deadline).
std::string ComparisonWordOperator(const std::string& written) {
  static const RE2 kAtMost(
      "早于|不晚于|之前|以前|以内|以下|不超过|不高于|不多于");
  static const RE2 kBelow("低于|少于|小于");
  static const RE2 kAtLeast("晚于|以上|不少于|不低于|至少|达到");
  static const RE2 kAbove("高于|多于|超过|大于");
  if (RE2::PartialMatch(written, kAtMost)) return "≤";
  if (RE2::PartialMatch(written, kBelow)) return "<";
  if (RE2::PartialMatch(written, kAtLeast)) return "≥";
  if (RE2::PartialMatch(written, kAbove)) return ">";
  return "";
}

Suggestion Suggest(const IndicatorRow& row, const std::string& written,
                   const Config& config) {
  if (std::string op = ComparisonWordOperator(written); !op.empty()) {
    return {op, StrCat("“", written, "”是比较关系，应使用符号“", op, "”")};
  }
  const ParsedValue& value = row.parsed_value;
  // A qualitative target ("提升", "促进") written in the operator column.
  static const RE2 kQuantWord("定量|量化|数值|数量|定额");
  if (!written.empty() && ValueIsEmptyish(row) &&
      ParseValue(written).kind == ValueKind::kText &&
      !RE2::PartialMatch(written, kQuantWord)) {
    return {"定性",
            StrCat("“", written, "”是定性指标的指标值，误填到了指标值类型栏"),
            true};
  }
  switch (value.kind) {
    case ValueKind::kNumber:
    case ValueKind::kMulti:
    case ValueKind::kChineseNum:
    case ValueKind::kDate:
    case ValueKind::kBadDate: {
      std::string op = SuggestNumericOperator(row, config);
      return {op, StrCat("指标值是", ValueKindChinese(value),
                         "，按评分标准应为“", op, "”")};
    }
    case ValueKind::kText:
      return {"定性", "指标值是文字描述，属于定性指标"};
    case ValueKind::kEmpty:
      break;
  }
  return {"", ""};
}

class OperatorInvalid : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{.id = "operator/invalid",
                                .default_severity = Severity::kError,
                                .summary =
                                    "指标值类型不是 ≥ ≤ = ＞ ＜ 定性 "
                                    "之一（如“定量”“提升”“早于”或空白）",
                                .certainty = 0.95};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    const Operator op = row.parsed_op.op;
    if (op != Operator::kInvalid && op != Operator::kNone) return;
    Report(check, i);
  }

 private:
  // "≥、≤、=、>、< 或“定性”": the configuration's canonical spellings, the
  // same ones operator/variant asks for.
  static std::string AllowedOperators(const Config& config) {
    std::string numeric, qualitative;
    for (const OperatorSpec& spec : config.operators()) {
      if (spec.canonical == "定性") {
        qualitative = spec.canonical;
      } else {
        StrAppend(&numeric, numeric.empty() ? "" : "、", spec.canonical);
      }
    }
    return qualitative.empty() ? numeric
                               : StrCat(numeric, " 或“", qualitative, "”");
  }

  static void Report(UnitCheck& check, int i) {
    const IndicatorRow& row = check.unit().rows[i];
    const std::string written(TrimBlank(row.op.text));
    const Suggestion s = Suggest(row, written, check.config());
    std::string message =
        written.empty() ? std::string("指标值类型为空")
                        : StrCat("指标值类型“", written, "”无效，只能填写 ",
                                 AllowedOperators(check.config()));
    if (!s.reason.empty()) StrAppend(&message, "；", s.reason);
    std::string fix;
    if (s.move_to_value) {
      fix = StrCat("将指标值类型改为“定性”，并把“", written,
                   "”填入指标值栏（替换原来的“", TrimBlank(row.value.text),
                   "”）");
    } else if (!s.op.empty()) {
      fix = StrCat("将指标值类型改为“", s.op, "”");
    } else {
      fix = "按指标值填写指标值类型：数值目标填 ≥、≤ 或 =，文字目标填“定性”";
    }
    check.AddRow(i, std::move(message), std::move(fix),
                 {{"operator_text", written},
                  {"value_text", std::string(TrimBlank(row.value.text))},
                  {"value_kind", ValueKindName(row.parsed_value.kind)},
                  {"suggested_operator", s.op}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeOperatorInvalid() {
  return std::make_unique<OperatorInvalid>();
}

}  // namespace jxaudit
