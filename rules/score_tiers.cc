// score/tiers: graded tiers are inconsistent:
//  - inversion: a worse band or grade pays more than a better one ("98%≤x
//    得5分；90%≤x<98% 得8分", "效果明显得满分(5分)，效果一般得6分"). Which
//    band is better comes from the row's own target and operator (a band
//    entirely on the failing side of "≥ 98" must not pay more than one that
//    meets it; on the failing side, closer to the target must not pay less),
//    else from the direction most steps take (three bands or more);
//    qualitative grades are ranked by their words (明显/良好 above 一般);
//  - overlap: two bands share an interval of positive length and pay
//    differently ("95%≤x 得5分；90%≤x<98% 得4分");
//  - gap: no band covers an interval between two bands.
// Two grades that pay the same are not a finding. Bands that only share or
// only miss a boundary point are notation, not defects; so are bands written
// in whole numbers that stop one short of the next ("90-94%", "95%以上").
#include <cmath>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"
#include "rules/score_util.h"

namespace jxaudit {
namespace {

std::string Interval(double from, double to, const std::string& unit) {
  if (std::isinf(to)) return StrCat(FormatNumber(from), unit, "以上");
  if (std::isinf(from)) return StrCat(FormatNumber(to), unit, "以下");
  return StrCat(FormatNumber(from), unit, "至", FormatNumber(to), unit);
}

// The tier's clause as the rule writes it.
std::string Quote(const IndicatorRow& row, const ScoreTier& tier) {
  return StrCat("“", QuoteAsWritten(row.rule.text, tier.text), "”");
}

void Describe(const IndicatorRow& row, const TierProblem& p,
              std::string* message, std::string* fix) {
  switch (p.kind) {
    case TierProblem::Kind::kInversion:
      *message =
          StrCat("评分档次倒挂：", Quote(row, p.better), "档次更高，只得",
                 FormatNumber(p.better_pay), "分；", Quote(row, p.worse),
                 "档次更低，反而得", FormatNumber(p.worse_pay), "分");
      *fix =
          StrCat("按档次由高到低递减给分，较低一档不应超过",
                 FormatNumber(p.better_pay), "分；核对两档分数是否写反或写错");
      return;
    case TierProblem::Kind::kOverlap:
      *message =
          StrCat("评分档次重叠：", Quote(row, p.worse), "与",
                 Quote(row, p.better), "都包含", Interval(p.from, p.to, p.unit),
                 "，同一结果可按两档计分（", FormatNumber(p.worse_pay), "分或",
                 FormatNumber(p.better_pay), "分）");
      *fix =
          "调整档次边界，使各档首尾相接、互不重叠（较低一档的上限应等于较高"
          "一档的下限）";
      return;
    case TierProblem::Kind::kGap:
      *message = StrCat("评分档次有空档：", Interval(p.from, p.to, p.unit),
                        "之间的结果没有对应分数（", Quote(row, p.worse), "与",
                        Quote(row, p.better), "之间）");
      *fix = StrCat("补上", Interval(p.from, p.to, p.unit),
                    "一档的得分，或调整相邻档次的边界使其首尾相接");
      return;
  }
}

EvidenceValue BoundJson(double v) {
  if (std::isnan(v) || std::isinf(v)) return nullptr;
  return RoundForEvidence(v);
}

Evidence TierEvidence(const IndicatorRow& row, const TierProblem& p,
                      double weight) {
  Evidence evidence = {{"problem", TierProblemName(p.kind)},
                       {"weight", RoundForEvidence(weight)},
                       {"rule_text", std::string(TrimBlank(row.rule.text))}};
  if (p.kind == TierProblem::Kind::kInversion) {
    // The better band or grade pays less than the worse one.
    evidence["better_tier"] = p.better.text;
    evidence["better_points"] = RoundForEvidence(p.better_pay);
    evidence["worse_tier"] = p.worse.text;
    evidence["worse_points"] = RoundForEvidence(p.worse_pay);
  } else {
    // The two bands that overlap, or that lie on either side of the gap.
    evidence["lower_tier"] = p.worse.text;
    evidence["lower_points"] = RoundForEvidence(p.worse_pay);
    evidence["upper_tier"] = p.better.text;
    evidence["upper_points"] = RoundForEvidence(p.better_pay);
    evidence["from"] = BoundJson(p.from);
    evidence["to"] = BoundJson(p.to);
    evidence["unit"] = p.unit;
  }
  return evidence;
}

class ScoreTiers : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "score/tiers",
        .default_severity = Severity::kError,
        .summary = "评分档次不一致：低档得分高于高档，档次重叠或中间有空档",
        .certainty = 0.85};
    return kInfo;
  }

  void CheckRow(UnitCheck& check, int i,
                const IndicatorRow& row) const override {
    if (!row.parsed_weight.valid) return;
    const double weight = row.parsed_weight.points;
    const TierAnalysis tiers = AnalyzeTiers(row, weight);
    if (tiers.problems.empty()) return;
    // One finding per row: the most serious problem; the others usually
    // come from the same slip (a band boundary or points mistyped).
    const TierProblem& p = tiers.problems.front();
    std::string message, fix;
    Describe(row, p, &message, &fix);
    if (tiers.problems.size() > 1) {
      StrAppend(&message, "；另有", tiers.problems.size() - 1,
                "处档次问题，请一并核对");
    }
    check.AddRow(i, std::move(message), std::move(fix),
                 TierEvidence(row, p, weight));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeScoreTiers() {
  return std::make_unique<ScoreTiers>();
}

}  // namespace jxaudit
