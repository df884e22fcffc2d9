// operator/variant: a valid operator written with a non-canonical glyph or
// word (＝ ﹦ ≧ ﹥ ＞= 不低于 …, the variants listed in the configuration).
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

class OperatorVariant : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "operator/variant",
        .default_severity = Severity::kInfo,
        .summary = "指标值类型使用了非标准写法（如全角“＝”、“≧”、“﹥”）",
        .certainty = 1.0};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    if (!row.parsed_op.is_variant) return;
    const std::string written(TrimBlank(row.op.text));
    const std::string& canonical = row.parsed_op.canonical;
    // "＝" and "=" look alike: say why they differ.
    const bool look_alike = FoldNfkc(written) == FoldNfkc(canonical);
    check.AddRow(i,
                 StrCat("指标值类型写作“", written, "”",
                        look_alike ? "（全角或异体字符）" : "", "，标准写法是“",
                        canonical, "”"),
                 StrCat("将“", written, "”改为“", canonical,
                        "”，全表统一使用标准符号，便于汇总统计"),
                 {{"written", written}, {"canonical", canonical}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeOperatorVariant() {
  return std::make_unique<OperatorVariant>();
}

}  // namespace jxaudit
