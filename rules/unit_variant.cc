// unit/variant: a known unit written with a non-canonical spelling (％, ﹪,
// 百分比 for %; the aliases listed in the configuration's unit vocabulary).
// "名" on a ranking (排名, 名次) is a place, not a person: not reported.
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

class UnitVariant : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "unit/variant",
        .default_severity = Severity::kInfo,
        .summary = "计量单位使用了非标准写法（如“％”“百分比”“﹪”）",
        .certainty = 1.0};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    if (!row.parsed_unit.is_variant) return;
    const std::string written(TrimBlank(row.unit.text));
    if (written == "名" &&
        (Contains(row.name.text, "排名") || Contains(row.name.text, "名次"))) {
      return;
    }
    const std::string& canonical = row.parsed_unit.canonical;
    check.AddCell(
        i, row.unit,
        StrCat("计量单位写作“", written, "”，标准写法是“", canonical, "”"),
        StrCat("将计量单位“", written, "”改为“", canonical, "”"),
        {{"written", written}, {"canonical", canonical}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeUnitVariant() {
  return std::make_unique<UnitVariant>();
}

}  // namespace jxaudit
