// weight/invalid: every real indicator needs a positive numeric weight.
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

class WeightInvalid : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "weight/invalid",
        .default_severity = Severity::kError,
        .summary = "指标分值缺失、不是数字、为0或为负数",
        .certainty = 1.0};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    if (row.parsed_weight.valid) return;
    check.AddRow(
        i,
        StrCat("指标“", row.name.text, "”的", row.parsed_weight.problem,
               "，无法计入总分"),
        "在备注（分值）栏填写该指标的分值，如“5”或“5分”，并使全表合计为100分",
        {{"weight_text", std::string(TrimBlank(row.weight.text))},
         {"problem", row.parsed_weight.problem}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeWeightInvalid() {
  return std::make_unique<WeightInvalid>();
}

}  // namespace jxaudit
