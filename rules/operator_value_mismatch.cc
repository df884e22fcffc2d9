// operator/value-mismatch: the 指标值 does not fit the 指标值类型: a 定性
// indicator with a number, percentage or date as its value; a numeric
// operator (≥ ≤ = > <) with a value that is not one number ("预算批复数",
// "三", "95/98/100"); or a date that does not exist ("2024.13.31"), whatever
// the operator.
//
// Not findings: ≥/≤/= with a valid date (a deadline is a comparable value;
// ≥ with a deadline is operator/direction's business), a number followed by
// 以上/以下/左右 ("95%以上": redundant but clear), and a 定性 value that is a
// grade written with a digit ("4A", "3星").
#include <re2/re2.h>

#include <optional>

#include "absl/strings/numbers.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"
#include "rules/op_unit_util.h"

namespace jxaudit {
namespace {

struct ValueProblem {
  std::string what;  // Chinese description
  std::string fix;
  std::string suggested_operator;
};

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

ValueProblem BadDate(const IndicatorRow& row, std::string_view value_text) {
  const ParsedValue& v = row.parsed_value;
  std::string why;
  int month = v.month, day = v.day;
  if (v.month < 1 || v.month > 12) {
    why = StrCat("没有", v.month, "月");
    month = v.month > 12 ? 12 : 1;
    if (day > 0) day = DaysInMonth(v.year, month);
  } else if (day > DaysInMonth(v.year, v.month)) {
    why = StrCat(v.month, "月没有", v.day, "日");
    day = DaysInMonth(v.year, v.month);
  } else {
    why = "年份超出合理范围";
  }
  std::string example = day > 0 ? StrCat(v.year, "年", month, "月", day, "日")
                                : StrCat(v.year, "年", month, "月");
  return {StrCat("指标值“", value_text, "”不是有效日期（", why, "）"),
          StrCat("改为实际的完成时限，如“", example, "”"), ""};
}

// A 定性 value that is nevertheless a grade: "4A", "3星", "二级".
bool IsGrade(const ParsedValue& v) {
  static const RE2 kGrade("^(?:[A-Za-z]|级|星|等|档|类)");
  return v.kind == ValueKind::kNumber &&
         RE2::PartialMatch(v.written_unit, kGrade);
}

std::optional<ValueProblem> QualitativeProblem(const IndicatorRow& row,
                                               std::string_view value_text,
                                               const Config& config) {
  const ParsedValue& v = row.parsed_value;
  switch (v.kind) {
    case ValueKind::kNumber:
    case ValueKind::kMulti:
    case ValueKind::kChineseNum:
    case ValueKind::kDate:
      break;
    default:
      return std::nullopt;
  }
  if (IsGrade(v)) return std::nullopt;
  const std::string op = SuggestNumericOperator(row, config);
  std::string what =
      StrCat("指标值类型为“定性”，但指标值“", value_text, "”是",
             ValueKindChinese(v), "；定性指标的指标值应是文字描述");
  std::string fix =
      v.kind == ValueKind::kDate
          ? StrCat("若为时限目标，将指标值类型改为“", op, "”（不晚于该日期）")
          : StrCat("将指标值类型改为“", op, "”");
  StrAppend(&fix,
            "；若确为定性指标，把指标值改为文字描述（如“达标”“按时完成”）");
  return ValueProblem{std::move(what), std::move(fix), op};
}

// "161..66" -> "161.66": a doubled decimal point is the usual typo.
std::string TextValueFix(const std::string& folded) {
  static const RE2 kDigit(R"(\d)");
  if (!RE2::PartialMatch(folded, kDigit)) {
    return "填写一个具体数值（如预算批复的金额）；若目标无法量化，将指标值类型"
           "改为"
           "“定性”";
  }
  std::string repaired = folded;
  static const RE2 kDoubledPoint(R"(\.{2,})");
  double number = 0;
  if (RE2::GlobalReplace(&repaired, kDoubledPoint, ".") > 0 &&
      absl::SimpleAtod(repaired, &number)) {
    return StrCat("改为一个数字，疑为“", repaired, "”");
  }
  return "指标值只填一个数字，单位填在计量单位栏；一格写了两个目标的，拆成两个"
         "指标";
}

std::optional<ValueProblem> NumericProblem(const IndicatorRow& row,
                                           std::string_view value_text) {
  const ParsedValue& v = row.parsed_value;
  const std::string op = row.parsed_op.canonical;
  const std::string head =
      StrCat("指标值类型为“", op, "”，但指标值“", value_text, "”");
  switch (v.kind) {
    case ValueKind::kChineseNum:
      return ValueProblem{
          StrCat(head, "是汉字数字"),
          StrCat("改用阿拉伯数字“", FormatNumber(v.number), "”"), ""};
    case ValueKind::kMulti:
      return ValueProblem{
          StrCat(head, "含", v.numbers.size(),
                 "个数值，一个指标只能有一个目标值"),
          "拆分为多个指标，每个指标填一个目标值（或改为一个综合目标值）", ""};
    case ValueKind::kText: {
      // "95%以上", "3次以内": a number with a redundant comparison word.
      static const RE2 kNumberWithWord(
          R"([-+]?\d[\d,]*(?:\.\d+)?[^\d]{0,4}?(?:及以上|及以下|以上|以下|以内|之内|内|左右|余|多))");
      const std::string folded = RemoveAllBlanks(FoldNfkc(value_text));
      if (RE2::FullMatch(folded, kNumberWithWord)) return std::nullopt;
      return ValueProblem{StrCat(head, "不是一个数值"), TextValueFix(folded),
                          ""};
    }
    default:
      return std::nullopt;
  }
}

class OperatorValueMismatch : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "operator/value-mismatch",
        .default_severity = Severity::kError,
        .summary =
            "指标值与指标值类型不符（定性指标填了数值或日期、数值指标填了文字、"
            "日期不存在）",
        .certainty = 0.9};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    const std::string_view value_text = TrimBlank(row.value.text);
    std::optional<ValueProblem> problem;
    if (row.parsed_value.kind == ValueKind::kBadDate) {
      problem = BadDate(row, value_text);
    } else if (row.parsed_op.op == Operator::kQualitative) {
      problem = QualitativeProblem(row, value_text, check.config());
    } else if (IsNumericOperator(row.parsed_op.op)) {
      problem = NumericProblem(row, value_text);
    }
    if (!problem) return;
    check.AddRow(i, std::move(problem->what), std::move(problem->fix),
                 {{"operator", std::string(TrimBlank(row.op.text))},
                  {"value_text", std::string(value_text)},
                  {"value_kind", ValueKindName(row.parsed_value.kind)},
                  {"suggested_operator", problem->suggested_operator}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeOperatorValueMismatch() {
  return std::make_unique<OperatorValueMismatch>();
}

}  // namespace jxaudit
