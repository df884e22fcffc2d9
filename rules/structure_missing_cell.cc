// structure/missing-cell: a real indicator row with an empty required cell.
// A 定性 row whose 指标值 is only a "no unit" spelling ("-", "无", "/") states
// no target either: those spellings are right in the 计量单位 column, not as
// the value.
#include <vector>

#include "absl/strings/str_join.h"
#include "analyzer/engine/rule.h"
#include "analyzer/ingest/cell_parse.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

class StructureMissingCell : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "structure/missing-cell",
        .default_severity = Severity::kError,
        .summary =
            "指标行的必填单元格为空（三级指标、指标值类型、指标值、计量单位、"
            "指标解释、评（扣）分标准或分值）",
        .certainty = 1.0};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    std::vector<std::string> missing;
    const std::pair<const Cell*, const char*> cells[] = {
        {&row.name, "三级指标"},        {&row.op, "指标值类型"},
        {&row.value, "指标值"},         {&row.unit, "计量单位"},
        {&row.explanation, "指标解释"}, {&row.rule, "评（扣）分标准"},
        {&row.weight, "分值"}};
    for (const auto& [cell, label] : cells) {
      if (IsBlankText(cell->text)) missing.push_back(label);
    }
    const bool placeholder_value =
        !IsBlankText(row.value.text) &&
        row.parsed_op.op == Operator::kQualitative &&
        ParseUnit(row.value.text, check.config()).is_none;
    if (placeholder_value && missing.empty()) {
      ReportPlaceholderValue(check, i, row);
      return;
    }
    if (placeholder_value) missing.push_back("指标值");
    if (missing.empty()) return;
    const std::string list = absl::StrJoin(missing, "、");
    const std::string_view name = IsBlankText(row.name.text)
                                      ? std::string_view("（未命名）")
                                      : row.name.text;
    check.AddRow(i, StrCat("指标“", name, "”的", list, "为空"),
                 StrCat("补填", list,
                        IsBlankText(row.unit.text)
                            ? "；没有计量单位的定性指标填“无”，不要留空"
                            : ""),
                 {{"missing", missing}});
  }

 private:
  static void ReportPlaceholderValue(UnitCheck& check, int i,
                                     const IndicatorRow& row) {
    const std::string_view value = TrimBlank(row.value.text);
    check.AddRow(
        i,
        StrCat("定性指标“", TrimBlank(row.name.text), "”的指标值只填了“", value,
               "”，没有写出要达到的目标"),
        "在指标值中写明要达到的程度或状态（如“有效提升”“按时完成”），"
        "“无”“-”只用于没有计量单位时的计量单位栏",
        {{"missing", EvidenceArray{"指标值"}}, {"value", std::string(value)}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeStructureMissingCell() {
  return std::make_unique<StructureMissingCell>();
}

}  // namespace jxaudit
