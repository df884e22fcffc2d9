// What the scoring-rule reader (ingest/score_reader.h) makes of a
// 评（扣）分标准 cell: the most points it can award, its tiers, deductions,
// threshold and subject. Part of the model: rules read IndicatorRow::
// parsed_rule and never re-read the text.
#ifndef JXAUDIT_ANALYZER_MODEL_SCORE_READING_H_
#define JXAUDIT_ANALYZER_MODEL_SCORE_READING_H_

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jxaudit {

inline constexpr double kScoreNaN = std::numeric_limits<double>::quiet_NaN();

// One band of a graded rule ("90%≤满意度<95%，得4分") or one grade of a
// qualitative rule ("效果一般得5分", whose bounds stay NaN).
struct ScoreTier {
  double lower = kScoreNaN;  // NaN: no lower bound
  bool lower_inclusive = true;
  double upper = kScoreNaN;  // NaN: no upper bound
  bool upper_inclusive = false;
  double points = 0;        // NaN when the tier pays full marks or a share
  bool full_marks = false;  // "得满分": the weight
  double weight_fraction = kScoreNaN;  // "得70%指标分" -> 0.7
  std::string unit;     // unit the bounds are written in ("%"), "" if none
  std::string subject;  // "满意度", "" if none
  std::string text;     // the clause
};

// A deduction ("每少1次扣1分") or, with is_bonus, a per-event bonus
// ("每完成一个加5分").
struct DeductionScheme {
  enum class Direction {
    kShortfall,  // 少、下降、低于、未完成、每少
    kExcess,     // 超出、超过、超支、上升、增加
    kEvent,  // 每发生一次、出现一起、每批评一次、延期一天
    kUnknown,
  };
  double base_points = kScoreNaN;  // stated base, NaN if unstated (= weight)
  double step = 1;
  std::string step_unit;  // "%", "次", "个", "万元"…; "" when none written
  double points_per_step = 0;  // NaN when written as a share of the weight
  double weight_fraction_per_step = kScoreNaN;  // "扣50%本项指标分数" -> 0.5
  bool capped = false;    // 扣完即止 / 扣完为止 / 直至0分
  bool one_off = false;   // "不达标，扣5分": deducted once, not per step
  bool is_bonus = false;  // points are added ("加1分"), not deducted
  Direction direction = Direction::kUnknown;
  std::string text;  // the clause(s) the scheme was read from
};

struct ScoreReading {
  enum class Kind {
    kUnparsed,
    kFixed,             // "得4分"
    kFullMarks,         // "得满分"
    kFractionOfWeight,  // "得70%指标分"
    kTiers,             // bands or qualitative grades, alternatives
    kDeductionOnly,     // "少1次扣1分，扣完即止" (base = weight)
    kFullAndDeduction,  // "达到24次得4分，少1次扣1分"
    kAdditive,          // "…计5分，…计5分": parts add up
    kStaged,            // "制定了办法得1分，办法落实…计2分"
    kPerEvent,          // "表扬1次加1分，每批评1次扣1分"
  };
  enum class Comparison { kNone, kAtLeast, kAtMost, kEqual };

  Kind kind = Kind::kUnparsed;
  std::string folded;  // NFKC-folded text that was read
  // The most points the rule can award; nullopt when it depends on the
  // weight (deduction only, 得满分) or cannot be known (per-event bonus).
  std::optional<double> max_points;
  // Staged rules: the "parts add up" reading; max_points is the "highest
  // number is the total" reading.
  std::optional<double> max_points_alt;
  // Additive rules whose parts are neither numbered nor summed by the text
  // ("按时公布信息计5分，办件便民计2分"): the writer may have meant them as
  // alternatives, so this is the largest single part, the other reading;
  // nullopt when the parts surely add up (numbered points "1、…2、…", or a
  // stated total equal to the sum).
  std::optional<double> max_single_part;
  bool reaches_weight_by_definition = false;
  std::optional<double> fraction_of_weight;  // 得70%指标分 -> 0.7
  std::optional<double> stated_total;  // "共计7分", "满分为8分", "占5分"
  std::vector<ScoreTier> tiers;
  std::vector<DeductionScheme> deductions;
  std::vector<double> additive_parts;
  std::optional<double> threshold;  // "达到24次得4分" -> 24
  std::string threshold_unit;       // "次", "%", "万元"; "" if none
  Comparison threshold_comparison = Comparison::kNone;
  std::string subject;  // "满意度", "工作完成率"; best effort, "" if none
  // Every number written with a unit (points "分" excluded): thresholds,
  // steps, bands. Dates, years and list numbering are left out.
  std::vector<std::pair<double, std::string>> quantities;
  std::string why_unparsed;  // short Chinese reason when kUnparsed
};

// Short ASCII name of a kind ("tiers", "full_and_deduction"…), for tests,
// reports and debugging.
std::string_view ScoreKindName(ScoreReading::Kind kind);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_SCORE_READING_H_
