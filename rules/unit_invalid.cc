// unit/invalid: the 计量单位 does not fit the kind of value:
//  - "分" as a unit: it reads as the indicator's points (备注/分值);
//  - a 定性 indicator with a measuring unit ("定性 / 下降 / 次"), also when
//    its value is a number or a date ("定性 / 100 / %", "定性 / 2024年12月31日
//    / 年/月/日"): a 定性 row states its target in words and has no unit;
//  - a date-shaped unit (年/月/日) on a number that is not a date, or the
//    unit 年 on a calendar year ("≥ 2024 年"): 年 measures a duration
//    ("服务期限 ≥ 3 年"), not a point in time;
//  - a percentage above 100 for a share or an amount ("项目支出 ≤ 1314.33 %");
//  - a numeric operator (≥ ≤ = > <) with the unit 无 / - / ／.
// Not findings: percentages above 100 for growth
// (增长率, 同比), and 无 for dimensionless quantities (指数, 系数, PQI值,
// 排名). When the value carries its own unit ("98%" with unit 无) the row is
// still reported: the column must say what the number measures.
#include <re2/re2.h>

#include <optional>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

struct UnitProblem {
  std::string kind;  // evidence: score-unit, qualitative-with-unit, …
  std::string message;
  std::string fix;
  std::string suggested_unit;
  // The finding points at the value cell, not the unit cell: the number is
  // what is wrong (a rate over 100%).
  bool about_value = false;
};

std::optional<UnitProblem> ScoreUnit(const IndicatorRow& row) {
  if (row.parsed_unit.family != "score") return std::nullopt;
  const std::string name = FoldNfkc(row.name.text);
  const bool index = Contains(name, "指数") || Contains(name, "值");
  return UnitProblem{
      "score-unit",
      StrCat("计量单位填了“", TrimBlank(row.unit.text),
             "”，容易与本指标的分值混淆（指标值“", TrimBlank(row.value.text),
             "”会被读成得分）"),
      index ? std::string("该指标是指数，计量单位改填“指数”")
            : std::string(
                  "若目标是上级考核评分，改写为得分率（计量单位“%”），或把"
                  "指标值类型改为“定性”、指标值写“考核达标”、计量单位填“无”"),
      index ? "指数" : ""};
}

std::optional<UnitProblem> QualitativeWithUnit(const IndicatorRow& row) {
  if (row.parsed_op.op != Operator::kQualitative) return std::nullopt;
  const ParsedUnit& unit = row.parsed_unit;
  if (!unit.known || unit.is_none) return std::nullopt;
  const std::string value(TrimBlank(row.value.text));
  const std::string unit_text(TrimBlank(row.unit.text));
  const ValueKind kind = row.parsed_value.kind;
  if (kind == ValueKind::kText || kind == ValueKind::kEmpty) {
    return UnitProblem{
        "qualitative-with-unit",
        StrCat("定性指标（指标值“", value, "”）填了计量单位“", unit_text,
               "”；定性指标没有计量单位"),
        StrCat("将计量单位改为“无”；若要按“", unit.canonical,
               "”考核，把指标值类型改为 ≥、≤ 或 =，并填写具体数值"),
        "无"};
  }
  // "定性 / 100 / %", "定性 / 2024年12月31日 / 年/月/日": a measured target
  // filed as 定性. Both cells must change together, so the unit is named
  // here as well as by operator/value-mismatch.
  const bool date = kind == ValueKind::kDate || kind == ValueKind::kBadDate;
  return UnitProblem{
      "qualitative-number-with-unit",
      StrCat("指标值类型为“定性”，指标值却是", date ? "日期" : "数值", "“",
             value, "”、计量单位填“", unit_text,
             "”；定性指标用文字表述目标，不填计量单位"),
      date ? StrCat("按完成时限考核的，把指标值类型改为“≤”，保留指标值“", value,
                    "”；否则指标值改用文字（如“按时完成”），计量单位"
                    "改为“无”")
           : StrCat("按数值考核的，把指标值类型改为“≥”“≤”或“=”，保留指标值“",
                    value, "”和计量单位“", unit_text,
                    "”；否则指标值改用文字表述，计量单位改为“无”"),
      ""};
}

// A calendar year is a four-digit number from 1900 on ("2024").
bool LooksLikeYear(double number) {
  return number >= 1900 && number <= 2100 && number == static_cast<int>(number);
}

// "≥ 12 年/月/日", "≥ 2024 年": a unit for dates or calendar years on a
// number that is neither a date nor a duration. 年, 月 and 天 measure
// durations ("服务期限 ≥ 3 年") and are fine on other numbers.
std::optional<UnitProblem> DateUnitOnNumber(const IndicatorRow& row) {
  const ParsedValue& v = row.parsed_value;
  if (!IsNumericOperator(row.parsed_op.op) ||
      (v.kind != ValueKind::kNumber && v.kind != ValueKind::kChineseNum)) {
    return std::nullopt;
  }
  const std::string unit_text(TrimBlank(row.unit.text));
  const std::string value(TrimBlank(row.value.text));
  if (row.parsed_unit.family == "date") {
    return UnitProblem{
        "date-unit-on-number",
        StrCat("计量单位“", unit_text, "”用于日期，指标值“", value,
               "”却是一个数"),
        "指标值是完成时限的，写成日期（如“2024年12月31日”）；是数量的，"
        "计量单位改填该数量的单位（次、个、天……）",
        ""};
  }
  if (row.parsed_unit.canonical == "年" && LooksLikeYear(v.number)) {
    return UnitProblem{
        "date-unit-on-number",
        StrCat("指标值“", value, "”是年份，计量单位“", unit_text,
               "”却把它读成年数"),
        StrCat("按时限考核的，指标值写完成日期（如“", FormatNumber(v.number),
               "年12月31日”）、计量单位填“年/月/日”；按年数考核的，填写年数"),
        ""};
  }
  return std::nullopt;
}

std::optional<UnitProblem> PercentOver100(const IndicatorRow& row) {
  const ParsedValue& v = row.parsed_value;
  if (row.parsed_unit.family != "percentage" || v.kind != ValueKind::kNumber ||
      v.number <= 100) {
    return std::nullopt;
  }
  const std::string name = FoldNfkc(row.name.text);
  // Growth can exceed 100%: "增长率 150%".
  if (ContainsAnyOf(name, {"增长", "增幅", "增速", "增加", "提高", "提升",
                           "上升", "同比", "比上年", "较上年", "倍", "超额"})) {
    return std::nullopt;
  }
  const bool amount =
      !Contains(name, "率") && !Contains(name, "比") &&
      ContainsAnyOf(name, {"支出", "经费", "资金", "预算", "成本", "费用",
                           "金额", "收入", "投资"});
  const std::string value = FormatNumber(v.number);
  if (amount) {
    return UnitProblem{
        "percent-over-100",
        StrCat("“", TrimBlank(row.name.text), "”是金额，指标值", value,
               "却以“%”为单位；看来是把金额（万元）写成了百分数"),
        StrCat("将计量单位改为“万元”（指标值", value,
               "万元）；若要考核比率，改为“预算控制率 ≤ 100%”这类写法"),
        "万元"};
  }
  return UnitProblem{
      "percent-over-100",
      StrCat("指标值", value, "%超过100%，比率类指标不应超过100%"),
      "核对指标值和计量单位：比率填0–100之间的数，金额或数量改用相应单位", "",
      true};
}

std::optional<UnitProblem> NumericWithoutUnit(const IndicatorRow& row) {
  if (!IsNumericOperator(row.parsed_op.op) || !row.parsed_unit.is_none) {
    return std::nullopt;
  }
  const ValueKind kind = row.parsed_value.kind;
  if (kind != ValueKind::kNumber && kind != ValueKind::kChineseNum &&
      kind != ValueKind::kMulti) {
    return std::nullopt;  // a text or date value: another rule's business
  }
  const std::string name = FoldNfkc(row.name.text);
  // Dimensionless quantities legitimately have no unit.
  static const RE2 kDimensionless(
      "指数|系数|[A-Za-z]+值|比值|排名|名次|等级|倍数");
  if (RE2::PartialMatch(name, kDimensionless)) return std::nullopt;
  const std::string& own = row.parsed_value.written_unit;
  std::string message =
      StrCat("指标值类型为“", row.parsed_op.canonical,
             "”的数值指标，计量单位却填“", TrimBlank(row.unit.text), "”");
  std::string fix;
  if (!own.empty()) {
    StrAppend(&message, "（指标值“", TrimBlank(row.value.text), "”自带单位“",
              own, "”）");
    fix = StrCat("将计量单位改为“", own, "”，指标值只填数字");
  } else {
    fix = "填写指标值的计量单位（如 %、次、个、万元）";
  }
  return UnitProblem{"numeric-without-unit", std::move(message), std::move(fix),
                     own};
}

class UnitInvalid : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{.id = "unit/invalid",
                                .default_severity = Severity::kError,
                                .summary =
                                    "计量单位与指标值类型不符（百分比超过100、"
                                    "数值指标无单位、定性指标有"
                                    "单位、数值配日期单位、以“分”为单位）",
                                .certainty = 0.85};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    std::optional<UnitProblem> p = ScoreUnit(row);
    if (!p) p = QualitativeWithUnit(row);
    if (!p) p = DateUnitOnNumber(row);
    if (!p) p = PercentOver100(row);
    if (!p) p = NumericWithoutUnit(row);
    if (!p) return;
    check.AddCell(i, p->about_value ? row.value : row.unit,
                  std::move(p->message), std::move(p->fix),
                  {{"kind", p->kind},
                   {"unit_text", std::string(TrimBlank(row.unit.text))},
                   {"value_text", std::string(TrimBlank(row.value.text))},
                   {"operator", std::string(TrimBlank(row.op.text))},
                   {"suggested_unit", p->suggested_unit}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeUnitInvalid() {
  return std::make_unique<UnitInvalid>();
}

}  // namespace jxaudit
