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

// How a qualitative grade ranks by its words: "效果明显" high, "效果一般"
// middle; kUnknown for a band, a negation ("无效果") or words that do not say.
enum class GradeWords { kUnknown, kMiddle, kHigh };

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
  // The clause bounds its band strictly from above in words or signs ("<",
  // 小于, 低于, 不足, 不到, 未达), so "85%≤x<89%" leaves 89% out.
  bool strict_upper_words = false;
  GradeWords grade = GradeWords::kUnknown;
  // The numbered point ("1、", "①", "(1)") the clause belongs to; 0 before
  // any numbering or in a rule without it.
  int part = 0;
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
  // A bonus for results beyond the target ("每多举办1次加1分", "超额完成1项
  // 加2分"), not for each of the target's own items.
  bool beyond_target = false;
  Direction direction = Direction::kUnknown;
  std::string trigger;  // the word that decided the direction ("少"), or ""
  // The text names falling short (少, 下降, 降低, 低于, 不足), whatever word
  // decided the direction: "每少1%扣1分", not "未达标扣5分".
  bool names_shortfall = false;
  std::string text;  // the clause(s) the scheme was read from
};

// Whether a word speaks of a change of the quantity: up (增长, 增加, 提高,
// 提升, 上升, 增幅, 增速) or down (下降, 减少, 降低, 压减, 压缩, 降幅).
enum class ChangeWord { kNone, kUp, kDown };

// A per-step deduction whose words say which way it punishes, read on the
// folded text as written (blanks kept): "少1次扣1分", "超出1名扣",
// "下降1个百分点扣". Overruns of time or of a standard (超时, 超期, 超标…)
// are events and not listed.
struct DirectedStep {
  bool shortfall = false;  // 少/低于/下降/未达到…; false: 超出/高于/增加…
  std::string word;  // the direction word ("超出", "下降")
  ChangeWord change = ChangeWord::kNone;  // the word describes a change
  // The step's unit as written after the number, up to 6 characters
  // ("名", "个百分点", "%征收数量"); "" when none.
  std::string step_unit;
  std::string text;  // the words from the direction word to 扣 or the points
};

// A number written as a bound: "95%以上", "≥95%", "95%≤满意度" (at least),
// "1000万元以内", "≤220元", "不超过8万元" (at most). Read on the folded text
// as written; every such number is listed, whatever it bounds.
struct WrittenBound {
  double value = 0;
  std::string unit;  // as written next to the number (≤4 characters), or ""
  bool at_least = false;
  std::string text;  // the matched words
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

  // Words read for the rules, whatever the kind (also when kUnparsed).
  std::vector<DirectedStep> directed_steps;  // shortfall steps first
  // Bounds in the order: "…以上", "≥…", "…≤", "…以内", "≤…".
  std::vector<WrittenBound> bounds;
  // The bound the rule's words suggest: kAtMost when it writes 以内, 以下,
  // 不超过, 不高于 or 控制在; else kAtLeast for 以上, 不少于, 不低于, 达到,
  // 达; else kNone.
  Comparison bound_words = Comparison::kNone;
  // "每季度得2.5分": points per period, so a stated number may not be all.
  bool pays_per_period = false;
  // The text says how to score between the written grades (按比例, 其间,
  // 以此类推, 依此类推, 依次).
  bool fills_between_tiers = false;
  // Falling below the standard scores nothing ("低于此标准不计分",
  // "不足800元的不得分"): the rule treats the target as a floor.
  bool zeroes_below = false;
  // The words that keep spending within the budget ("控制在预算范围内",
  // "不超过预算", "不超支") as read; "" when none.
  std::string budget_cap_words;
  // Numbers written after a comparison base ("较上年增长10万元以上" -> 10,
  // "比2023年提高5%" -> 5): changes, not levels.
  std::vector<double> change_amounts;
  // A threshold without a comparison word that the points or a shortfall
  // deduction follow directly ("化肥淡储8000吨满分", "满意度95%，每少1%扣1
  // 分"), in the threshold's unit; false when the threshold has no unit.
  bool threshold_earns_points = false;
  // The rule measures completion of the target itself ("完成绩效目标",
  // "完成指标", "目标任务"…), in its subject or, without one, its text.
  bool about_target_completion = false;
};

// A number with a unit that a 指标解释 cell states ("要求达到95%以上",
// "要求完成3次", "重度高危孕产妇救助3-5人"), read so that rules can compare
// it with the row's target. Dates, points ("分"), numbers without a unit and
// numbers in a formula ("已完成数/计划数*100%") are left out.
struct StatedQuantity {
  double value = 0;
  double range_end = kScoreNaN;  // "3-5人" -> 5; NaN for a single number
  std::string unit;              // as written ("%", "次", "万平方米")
  // At least (以上, 不低于, ≥), at most (以内, 以下, 不超过, ≤), or kNone.
  ScoreReading::Comparison comparison = ScoreReading::Comparison::kNone;
  // The number follows a comparison base in its clause ("较上年增长10%"):
  // a change, not a level.
  bool change = false;
  std::string clause;  // the clause as written in the cell, trimmed
};

// What the reader makes of a 指标解释 cell.
struct ExplanationReading {
  std::vector<StatedQuantity> quantities;  // in the order written
};

// Short ASCII name of a kind ("tiers", "full_and_deduction"…), for tests,
// reports and debugging.
std::string_view ScoreKindName(ScoreReading::Kind kind);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_SCORE_READING_H_
