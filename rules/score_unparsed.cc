// score/unparsed: the analyzer could not read any points out of the scoring
// rule, so no score check ran on it. Kept so that coverage is visible; the
// message says why (the reader's why_unparsed). A blank rule is
// structure/missing-cell's finding, not this one.
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

class ScoreUnparsed : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "score/unparsed",
        .default_severity = Severity::kInfo,
        .summary = "未能从评分标准中读出分值，未对该指标做分值检查",
        .certainty = 0.5};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    if (IsBlankText(row.rule.text)) return;
    const ScoreReading& r = *row.parsed_rule;
    if (r.kind != ScoreReading::Kind::kUnparsed) return;
    const std::string why =
        r.why_unparsed.empty() ? std::string("未找到分值") : r.why_unparsed;
    check.AddRow(
        i,
        StrCat("未能从评分标准中读出分值：", why,
               "。该指标未做分值与评分档次检查，请人工核对"),
        "写明达到目标时的得分和扣分办法，如“达到…得5分，每少1次扣1分，扣完为"
        "止”",
        {{"why", why}, {"rule_text", std::string(TrimBlank(row.rule.text))}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeScoreUnparsed() {
  return std::make_unique<ScoreUnparsed>();
}

}  // namespace jxaudit
