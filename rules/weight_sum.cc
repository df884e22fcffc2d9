// weight/sum: the weights of a unit's real indicators must add up to the
// table's total (100 points).
#include <cmath>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

class WeightSum : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{.id = "weight/sum",
                                .default_severity = Severity::kError,
                                .summary = "单位全部指标的分值合计不等于100分",
                                .certainty = 1.0};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    const double expected = expected_total_;
    double sum = 0;
    int counted = 0, unreadable = 0;
    for (const IndicatorRow& row : check.unit().rows) {
      if (row.IsPlaceholder()) continue;
      if (row.parsed_weight.valid) {
        sum += row.parsed_weight.points;
        ++counted;
      } else {
        ++unreadable;
      }
    }
    if (counted == 0) return;
    const double difference = sum - expected;
    if (std::fabs(difference) <= tolerance_) return;
    std::string message = StrCat(
        "全部", counted, "个指标的分值合计为", FormatNumber(sum), "分，应为",
        FormatNumber(expected), "分（", difference < 0 ? "少" : "多",
        FormatNumber(std::fabs(difference)), "分）");
    if (unreadable > 0) {
      StrAppend(&message, "；另有", unreadable, "个指标分值无法识别，未计入");
    }
    std::string fix =
        StrCat("逐项核对各指标分值，", difference < 0 ? "补足" : "压减",
               FormatNumber(std::fabs(difference)), "分，使合计恰为",
               FormatNumber(expected), "分，并相应修改评分标准中的分数");
    check.AddUnit(std::move(message), std::move(fix),
                  {{"sum", RoundForEvidence(sum)},
                   {"expected", expected},
                   {"difference", RoundForEvidence(difference)},
                   {"indicators", counted},
                   {"unreadable_weights", unreadable}});
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Number("expected_total", &expected_total_);
    options.Number("tolerance", &tolerance_);
  }

 private:
  double expected_total_ = 100;
  double tolerance_ = 0.01;  // points
};

}  // namespace

std::unique_ptr<Rule> MakeWeightSum() { return std::make_unique<WeightSum>(); }

}  // namespace jxaudit
