// unit/mismatch: the 计量单位 disagrees with the unit written elsewhere for
// the same quantity:
//  - inside the value ("60栋" with unit 平方米, "98%" with unit 个);
//  - in the scoring rule's threshold or the explanation's requirement, when
//    the number is the target's own ("达4个及以上" for "≥ 4 家",
//    "控制在54.6元以内" for "≤ 54.6 万元");
//  - in the rule's deduction step ("每少巡查4个" for a target in 次).
//  - across families for the counted thing: a length, area, money… column
//    while the explanation and rule count the target's number or its
//    shortfall in items or events and never write the column's measure
//    ("≥ 20 公里" with "完成巡河20次，每少1次扣1分");
//  - a "%" column whose rule deducts per person, time or amount of money
//    ("每少1人扣1分", "每超出5万元扣1分") or reads the target as a survey
//    score ("满意度95分以上");
//  - a number 10,000 or 100,000,000 times off the target in the same unit
//    ("≥ 300000 万元" with "完成30万元");
//  - a unit the indicator name states ("造林面积（亩）") against the column.
// Not findings: the same measure at another magnitude when the numbers
// agree after conversion (2 万人 and "达20000人"; a step of 1000万元 on a
// target in 亿元), a percentage step on a count ("每少完成1%"), steps that
// count events ("每出现一例…扣"), and numbers of another kind (money and
// items, area and places), which are other quantities. Close measure words
// ("人" and "人次", "个" and "家") are reported at info only; measure words
// the configuration declares equivalent (次, 起, 场 for events) are not
// reported at all.
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "analyzer/engine/rule.h"
#include "analyzer/ingest/quantity.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

// Measure words for counted things that the vocabulary may not list.
constexpr std::string_view kCountWords[] = {
    "个", "次", "项", "件", "场", "起", "家", "户", "人", "处", "种", "套",
    "瓶", "条", "篇", "份", "对", "类", "例", "所", "辆", "台", "本", "栋",
    "棵", "株", "册", "张", "间", "座", "笔", "批", "期", "盏", "宗", "批次"};
// The rule's configuration: which measure words count the same thing, and
// which name words make a column family natural for the indicator.
struct Vocabulary {
  const Config& config;
  const std::vector<std::string>& equivalent_counts;   // "次=起=场"
  const std::vector<std::string>& family_name_words;   // "money=预算|支出"
  const std::vector<std::string>& percent_step_bases;  // "人", "次", "元"
  const std::vector<std::string>& count_name_words;    // "次数", "人数"
};

bool IsCount(const UnitScale& s) {
  if (s.family == "count") return true;
  return s.family.empty() &&
         std::find(std::begin(kCountWords), std::end(kCountWords), s.base) !=
             std::end(kCountWords);
}

// "次=起=场": the words of one group count the same thing.
bool Equivalent(const std::string& a, const std::string& b,
                const Vocabulary& vocab) {
  for (const std::string& group : vocab.equivalent_counts) {
    const std::vector<std::string> words = absl::StrSplit(group, '=');
    const auto has = [&](const std::string& w) {
      return std::find(words.begin(), words.end(), w) != words.end();
    };
    if (has(a) && has(b)) return true;
  }
  return false;
}

// "money=预算|支出|经费": the indicator name says it measures the family.
bool NameFitsFamily(std::string_view folded_name, const std::string& family,
                    const Vocabulary& vocab) {
  for (const std::string& entry : vocab.family_name_words) {
    const std::vector<std::string> kv = absl::StrSplit(entry, '=');
    if (kv.size() != 2 || kv[0] != family) continue;
    const std::vector<std::string> words = absl::StrSplit(kv[1], '|');
    for (const std::string& word : words) {
      if (!word.empty() && Contains(folded_name, word)) return true;
    }
  }
  return false;
}

enum class Verdict { kSame, kClose, kMismatch };

// Two count measure words: "人次" counts 次 too, and the configured
// equivalents ("次" and "起") count the same thing; "人" and "人次", "个" and
// a word for things ("家", "处") are close; anything else ("次" and "个",
// "对" and "人", "件" and "次") differs.
Verdict CompareCounts(const std::string& a, const std::string& b,
                      const Vocabulary& vocab) {
  if (a == b || Equivalent(a, b, vocab)) return Verdict::kSame;
  if ((a == "次" && b.ends_with("次")) || (b == "次" && a.ends_with("次"))) {
    return Verdict::kSame;
  }
  if (a + "次" == b || b + "次" == a) return Verdict::kClose;
  // "个" counts any thing ("门诊人数达800个"): loose, not wrong. Counting
  // times (次) as things (个) is what the taxonomy calls a mismatch.
  auto verbal = [](const std::string& w) { return w.ends_with("次"); };
  if ((a == "个" && !verbal(b)) || (b == "个" && !verbal(a))) {
    return Verdict::kClose;
  }
  return Verdict::kMismatch;
}

// The unit column against a unit written elsewhere. `same_number`: the
// other unit is attached to the target's own number, so a magnitude that
// differs is a miswritten unit, not another quantity.
Verdict CompareUnits(const UnitScale& column, const UnitScale& other,
                     bool same_number, const Vocabulary& vocab) {
  if (column.base.empty() || other.base.empty()) return Verdict::kSame;
  if (column.base == other.base) {
    return same_number && column.factor != other.factor ? Verdict::kMismatch
                                                        : Verdict::kSame;
  }
  if (IsCount(column) && IsCount(other)) {
    return CompareCounts(column.base, other.base, vocab);
  }
  // Other families or kinds are other quantities, unless the number is the
  // target's ("500亩" written "500平方米").
  if (!column.family.empty() && column.family == other.family && same_number) {
    return Verdict::kMismatch;
  }
  return Verdict::kSame;
}

struct Mismatch {
  Verdict verdict = Verdict::kSame;
  std::string where;  // "value", "rule_threshold", "rule_step", "explanation"
  std::string other_unit;
  double number = 0;
  std::string text;           // the words the other unit was read from
  bool ten_thousand = false;  // the numbers differ 10,000 or 10^8 times
  bool family = false;        // the text counts in another family of units
};

std::string UnitText(const IndicatorRow& row) {
  return std::string(TrimBlank(row.unit.text));
}

bool TargetNumber(const IndicatorRow& row, double* value) {
  const ParsedValue& v = row.parsed_value;
  if (v.kind != ValueKind::kNumber && v.kind != ValueKind::kChineseNum) {
    return false;
  }
  *value = v.number;
  return true;
}

// "≥ 300000 万元" with "完成30万元": the same spelling, and the target is the
// text's number 10,000 (or 100,000,000) times over, or the other way round:
// one of the two was written in 元 (or 万元) while the unit stayed.
bool TenThousandOff(const UnitScale& column, const UnitScale& other, double n,
                    double target) {
  if (column.base.empty() || other.base != column.base ||
      other.factor != column.factor || n <= 0 || target <= 0) {
    return false;
  }
  const double written = n * other.factor, goal = target * column.factor;
  for (double g : {1e4, 1e8}) {
    if (NearlyEqual(written * g, goal) || NearlyEqual(goal * g, written)) {
      return true;
    }
  }
  return false;
}

std::optional<Mismatch> FromValue(const IndicatorRow& row,
                                  const UnitScale& column,
                                  const Vocabulary& vocab) {
  const std::string& written = row.parsed_value.written_unit;
  if (written.empty() || row.parsed_value.kind != ValueKind::kNumber) {
    return std::nullopt;
  }
  std::optional<UnitScale> scale = ScaleOf(written, vocab.config);
  if (!scale) return std::nullopt;
  // The value's own unit measures the target itself: another kind of
  // measure ("60栋" with 平方米) is a mismatch too.
  Verdict verdict = CompareUnits(column, *scale, true, vocab);
  if (verdict == Verdict::kSame && !scale->base.empty() &&
      scale->base != column.base && !(IsCount(*scale) && IsCount(column))) {
    verdict = Verdict::kMismatch;
  }
  if (verdict == Verdict::kSame) return std::nullopt;
  return Mismatch{verdict, "value", written, row.parsed_value.number,
                  std::string(TrimBlank(row.value.text))};
}

std::optional<Mismatch> FromThreshold(const IndicatorRow& row,
                                      const UnitScale& column, double target,
                                      const Vocabulary& vocab) {
  const ScoreReading& r = *row.parsed_rule;
  if (!r.threshold || r.threshold_unit.empty()) return std::nullopt;
  std::optional<UnitScale> scale = ScaleOf(r.threshold_unit, vocab.config);
  // "满意度95分": a survey score, read as the percentage it stands for.
  if (!scale || scale->family == "score") return std::nullopt;
  if (MagnitudeMismatch(column, *scale, *r.threshold, target)) {
    return Mismatch{Verdict::kMismatch, "rule_threshold", r.threshold_unit,
                    *r.threshold, std::string(TrimBlank(row.rule.text))};
  }
  if (TenThousandOff(column, *scale, *r.threshold, target)) {
    return Mismatch{Verdict::kMismatch,
                    "rule_threshold",
                    r.threshold_unit,
                    *r.threshold,
                    std::string(TrimBlank(row.rule.text)),
                    true};
  }
  // Otherwise only the target's own number says the two units measure the
  // same thing ("达4个" for "≥ 4 家"); another number may be another count.
  if (!NearlyEqual(*r.threshold, target)) return std::nullopt;
  Verdict verdict = CompareUnits(column, *scale, true, vocab);
  // The target's number as a percentage in the rule, or as a count with a
  // percentage column ("≥ 24 %" with "达到24次"): one of the two units is
  // wrong. "完成率达100%" on a count of 100 is a share and says nothing.
  if ((scale->base == "%") != (column.base == "%")) {
    const bool share = scale->base == "%" && NearlyEqual(target, 100);
    verdict = share ? Verdict::kSame : Verdict::kMismatch;
  }
  if (verdict == Verdict::kSame) return std::nullopt;
  return Mismatch{verdict, "rule_threshold", r.threshold_unit, *r.threshold,
                  std::string(TrimBlank(row.rule.text))};
}

// A deduction step counts the target's quantity when it punishes a
// shortfall or an excess; events ("每出现一例") are other things.
std::optional<Mismatch> FromSteps(const IndicatorRow& row,
                                  const UnitScale& column, double target,
                                  const Vocabulary& vocab) {
  const ScoreReading& r = *row.parsed_rule;
  // The rule's own threshold is in another measure and another number
  // ("完成4项指标…每少完成一项" for 622 份): the rule scores another quantity.
  if (r.threshold && !r.threshold_unit.empty()) {
    std::optional<UnitScale> th = ScaleOf(r.threshold_unit, vocab.config);
    if (th && !NearlyEqual(*r.threshold, target) &&
        CompareUnits(column, *th, false, vocab) != Verdict::kSame) {
      return std::nullopt;
    }
  }
  for (const DeductionScheme& d : r.deductions) {
    using D = DeductionScheme::Direction;
    if (d.is_bonus || d.step_unit.empty() ||
        (d.direction != D::kShortfall && d.direction != D::kExcess)) {
      continue;
    }
    std::optional<UnitScale> scale = ScaleOf(d.step_unit, vocab.config);
    if (!scale || scale->base == "%" || column.base == "%") continue;
    // "每超出5万元" on "≤ 78 元": one step is larger than the whole target,
    // so the column's magnitude is wrong.
    if ((scale->base.empty() || scale->base == column.base) &&
        scale->factor > column.factor && target > 0 &&
        Convert(d.step, *scale, column) > target) {
      return Mismatch{Verdict::kMismatch, "rule_step", d.step_unit, d.step,
                      d.text};
    }
    Verdict verdict = CompareUnits(column, *scale, false, vocab);
    if (verdict == Verdict::kSame) continue;
    return Mismatch{verdict, "rule_step", d.step_unit, d.step, d.text};
  }
  return std::nullopt;
}

// A row's name, explanation and rule folded (NFKC, blanks dropped) once,
// when a check first asks: several checks read each of them.
class FoldedCells {
 public:
  explicit FoldedCells(const IndicatorRow& row) : row_(row) {}
  const std::string& Name() const { return Get(name_, row_.name); }
  const std::string& Explanation() const {
    return Get(explanation_, row_.explanation);
  }
  const std::string& Rule() const { return Get(rule_, row_.rule); }

 private:
  static const std::string& Get(std::optional<std::string>& slot,
                                const Cell& cell) {
    if (!slot) slot = RemoveAllBlanks(FoldNfkc(cell.text));
    return *slot;
  }
  const IndicatorRow& row_;
  mutable std::optional<std::string> name_, explanation_, rule_;
};

// "要求审计3个以上" in the explanation, with the target's own number.
std::optional<Mismatch> FromExplanation(const IndicatorRow& row,
                                        const FoldedCells& folded,
                                        const UnitScale& column, double target,
                                        const Vocabulary& vocab) {
  static const RE2 kRequirement(
      "(?:要求|达到|达|不少于|不低于|不超过|控制在|完成|≥|≤)[^\\d,;。]{0,8}?"
      "(\\d+(?:\\.\\d+)?)"
      "(万平方米|平方公里|平方米|万人次|人次|户次|万人|万亩|万吨|万元|亿元|"
      "公里|小时|元|人|次|个|篇|件|家|份|笔|批|起|项|场|期|条|名|户|亩|吨|"
      "座|处|套|种|例|所|辆|台|本|栋|棵|株|册|张|间|米|盏|宗)");
  re2::StringPiece input(folded.Explanation()), number, unit;
  while (RE2::FindAndConsume(&input, kRequirement, &number, &unit)) {
    double value = 0;
    if (!absl::SimpleAtod(AV(std::string_view(number.data(), number.size())),
                          &value)) {
      continue;
    }
    const std::string_view unit_text(unit.data(), unit.size());
    std::optional<UnitScale> scale = ScaleOf(unit_text, vocab.config);
    if (!scale) continue;
    const bool ten_thousand = TenThousandOff(column, *scale, value, target);
    if (MagnitudeMismatch(column, *scale, value, target) || ten_thousand) {
      return Mismatch{Verdict::kMismatch,
                      "explanation",
                      std::string(unit_text),
                      value,
                      std::string(TrimBlank(row.explanation.text)),
                      ten_thousand};
    }
    if (!NearlyEqual(value, target)) continue;
    Verdict verdict = CompareUnits(column, *scale, true, vocab);
    if (verdict == Verdict::kSame) continue;
    return Mismatch{verdict, "explanation", std::string(unit_text), value,
                    std::string(TrimBlank(row.explanation.text))};
  }
  return std::nullopt;
}

// "造林面积（亩）": a unit the indicator name states in brackets at its end.
std::optional<Mismatch> FromName(const IndicatorRow& row,
                                 const FoldedCells& folded,
                                 const UnitScale& column,
                                 const Vocabulary& vocab) {
  static const RE2 kBracketUnit("[（(]([^（）()]{1,12})[)）]$");
  const std::string& name = folded.Name();
  std::string inside;
  if (!RE2::PartialMatch(name, kBracketUnit, &inside)) return std::nullopt;
  if (vocab.config.FindUnit(inside) == nullptr) return std::nullopt;
  std::optional<UnitScale> scale = ScaleOf(inside, vocab.config);
  if (!scale || scale->base.empty() || SameMeasure(column, *scale)) {
    return std::nullopt;
  }
  Verdict verdict = Verdict::kMismatch;
  if (IsCount(column) && IsCount(*scale)) {
    verdict = CompareCounts(column.base, scale->base, vocab);
  }
  if (verdict == Verdict::kSame) return std::nullopt;
  return Mismatch{verdict, "name", inside, 0,
                  std::string(TrimBlank(row.name.text))};
}

// A "%" column whose rule deducts per person, time or amount ("每少1人扣1
// 分", "每超出5万元扣1分"): the rule counts what the column does not. Steps
// for events ("每出现一例") are other things and are left out, and so are
// items ("未完成1项扣2分" on 按时完成率): a rate of items falls by the item.
// The bases that count (人, 次, 元…) are the rule's option.
std::optional<Mismatch> FromPercentColumn(const IndicatorRow& row,
                                          const UnitScale& column,
                                          const Vocabulary& vocab) {
  if (column.base != "%") return std::nullopt;
  for (const DeductionScheme& d : row.parsed_rule->deductions) {
    using D = DeductionScheme::Direction;
    if (d.is_bonus || d.step_unit.empty() ||
        (d.direction != D::kShortfall && d.direction != D::kExcess)) {
      continue;
    }
    std::optional<UnitScale> scale = ScaleOf(d.step_unit, vocab.config);
    if (!scale || std::find(vocab.percent_step_bases.begin(),
                            vocab.percent_step_bases.end(),
                            scale->base) == vocab.percent_step_bases.end()) {
      continue;
    }
    return Mismatch{Verdict::kMismatch, "rule_step", d.step_unit, d.step,
                    d.text};
  }
  return std::nullopt;
}

// "≥ 95 %" with "满意度95分以上": the rule reads the target as a survey
// score. The threshold must be the target's number.
std::optional<Mismatch> FromSurveyScore(const IndicatorRow& row,
                                        const UnitScale& column, double target,
                                        const Vocabulary& vocab) {
  const ScoreReading& r = *row.parsed_rule;
  if (column.base != "%" || !r.threshold || r.threshold_unit.empty() ||
      !NearlyEqual(*r.threshold, target)) {
    return std::nullopt;
  }
  std::optional<UnitScale> scale = ScaleOf(r.threshold_unit, vocab.config);
  if (!scale || scale->family != "score") return std::nullopt;
  return Mismatch{Verdict::kMismatch, "survey", r.threshold_unit, *r.threshold,
                  std::string(TrimBlank(row.rule.text))};
}

// A number with a unit in one of the row's cells.
struct CellMention {
  std::string where;  // "name", "explanation", "rule"
  UnitMention mention;
};

// Units written with numbers in the row's name, explanation and rule.
std::vector<CellMention> RowMentions(const FoldedCells& folded,
                                     const Vocabulary& vocab) {
  std::vector<CellMention> out;
  const std::pair<const char*, const std::string*> cells[] = {
      {"name", &folded.Name()},
      {"explanation", &folded.Explanation()},
      {"rule", &folded.Rule()}};
  for (const auto& [where, text] : cells) {
    for (UnitMention& m : FindUnitMentions(*text, vocab.config)) {
      out.push_back({where, std::move(m)});
    }
  }
  return out;
}

// "≤ 300000 万元" with "安排资金30万元" anywhere in the explanation or rule.
std::optional<Mismatch> FromTenThousand(
    const IndicatorRow& row, const UnitScale& column, double target,
    const std::vector<CellMention>& mentions) {
  for (const CellMention& c : mentions) {
    if (c.where == "name" ||
        !TenThousandOff(column, c.mention.scale, c.mention.number, target)) {
      continue;
    }
    const Cell& cell = c.where == "rule" ? row.rule : row.explanation;
    return Mismatch{Verdict::kMismatch,
                    c.where == "rule" ? "rule_threshold" : "explanation",
                    c.mention.unit,
                    c.mention.number,
                    std::string(TrimBlank(cell.text)),
                    true};
  }
  return std::nullopt;
}

// Families whose measure is a quantity of its own: a column in one of them
// while the text counts items is a miswritten unit.
bool IsMeasureFamily(const std::string& family) {
  return family == "money" || family == "area" || family == "length" ||
         family == "weight" || family == "count";
}

// "开展联合执法次数": the name says it counts times, people or things.
std::optional<std::string> CountWordInName(const FoldedCells& folded,
                                           const Vocabulary& vocab) {
  const std::string& name = folded.Name();
  for (const std::string& word : vocab.count_name_words) {
    if (Contains(name, word)) return word;
  }
  return std::nullopt;
}

// A name that counts ("联合执法次数") with a length, area, money or weight
// column that nothing in the row's texts measures.
std::optional<Mismatch> FromCountName(const IndicatorRow& row,
                                      const FoldedCells& folded,
                                      const UnitScale& column,
                                      const Vocabulary& vocab) {
  if (column.family == "count") return std::nullopt;
  std::optional<std::string> word = CountWordInName(folded, vocab);
  if (!word) return std::nullopt;
  return Mismatch{Verdict::kMismatch,
                  "name_count",
                  *word,
                  0,
                  std::string(TrimBlank(row.name.text)),
                  false,
                  true};
}

// A mismatch shown by a rule step written in another measure.
Mismatch StepMismatch(const DeductionScheme& d) {
  return Mismatch{Verdict::kMismatch,
                  "rule_step",
                  d.step_unit,
                  d.step,
                  d.text,
                  false,
                  true};
}

// "活动事故 = 0 公里" scored "每发生1起扣2分": a target of none, counted per
// event or item by the rule, in a column that measures something else.
std::optional<Mismatch> FromZeroTargetEvents(const IndicatorRow& row,
                                             const UnitScale& column,
                                             double target,
                                             const Vocabulary& vocab) {
  if (target != 0 || column.family == "count") return std::nullopt;
  for (const DeductionScheme& d : row.parsed_rule->deductions) {
    if (d.is_bonus || d.step_unit.empty()) continue;
    std::optional<UnitScale> scale = ScaleOf(d.step_unit, vocab.config);
    if (scale && IsCount(*scale)) {
      return StepMismatch(d);
    }
  }
  return std::nullopt;
}

// The column names another family than the one the row's own texts use
// for the counted thing: "≥ 20 公里" with "完成巡河20次，每少1次扣1分".
// Evidence is the target's number, or the rule's shortfall or excess
// step, written in another measure family, while no number anywhere in the
// name, explanation or rule is written in the column's family, and the
// name does not speak of that family ("项目支出" for 万元).
std::optional<Mismatch> FromFamily(const IndicatorRow& row,
                                   const FoldedCells& folded,
                                   const UnitScale& column, double target,
                                   const std::vector<CellMention>& mentions,
                                   const Vocabulary& vocab) {
  // A count column is compared with the counts of the text by the checks
  // above; a money number equal to a count ("新建公厕5座" beside "投资5万
  // 元") is another quantity, not the column's.
  if (!IsMeasureFamily(column.family) || column.family == "count") {
    return std::nullopt;
  }
  if (NameFitsFamily(FoldNfkc(row.name.text), column.family, vocab)) {
    return std::nullopt;
  }
  const auto other_family = [&](const UnitScale& s) {
    return IsMeasureFamily(s.family) && s.family != column.family;
  };
  for (const CellMention& c : mentions) {
    if (c.mention.scale.family == column.family) return std::nullopt;
  }
  for (const CellMention& c : mentions) {
    const UnitMention& m = c.mention;
    if (NearlyEqual(m.number, target) && other_family(m.scale)) {
      return Mismatch{Verdict::kMismatch,
                      "text",
                      m.unit,
                      m.number,
                      StrCat(FormatNumber(m.number), m.unit),
                      false,
                      true};
    }
  }
  for (const DeductionScheme& d : row.parsed_rule->deductions) {
    using D = DeductionScheme::Direction;
    // "每少1次": the words name a shortfall of the counted thing, not an
    // event ("未满足情况1处").
    if (d.is_bonus || d.step_unit.empty() || d.direction != D::kShortfall ||
        !d.names_shortfall) {
      continue;
    }
    std::optional<UnitScale> scale = ScaleOf(d.step_unit, vocab.config);
    if (scale && other_family(*scale)) {
      return StepMismatch(d);
    }
  }
  if (auto p = FromZeroTargetEvents(row, column, target, vocab)) return p;
  return FromCountName(row, folded, column, vocab);
}

std::string WhereChinese(const std::string& where) {
  if (where == "value") return "指标值";
  if (where == "rule_threshold" || where == "survey") return "评分标准的达标值";
  if (where == "rule_step") return "评分标准的扣分规则";
  if (where == "name") return "指标名称";
  if (where == "text") return "指标解释和评分标准";
  return "指标解释";
}

// The words of `raw` that fold to `folded` ("每少巡查4个，扣1分" for the
// reader's "每少巡查4个,扣1分"), so that a message quotes the cell as
// written; `folded` itself when no stretch of `raw` folds to it.
std::string QuoteAsWritten(std::string_view raw, const std::string& folded) {
  const std::string target = RemoveAllBlanks(folded);
  if (target.empty()) return folded;
  for (size_t begin = 0; begin < raw.size(); ++begin) {
    if (IsUtf8Continuation(raw[begin])) continue;
    // Grow the stretch a character at a time while its fold (blanks
    // dropped) is still the start of the target: most starts fail at once.
    std::string piece;
    for (size_t end = begin; end < raw.size();) {
      size_t next = end + 1;
      while (next < raw.size() && IsUtf8Continuation(raw[next])) ++next;
      piece += RemoveAllBlanks(FoldNfkc(raw.substr(end, next - end)));
      end = next;
      if (!target.starts_with(piece)) break;
      if (piece.size() < target.size()) continue;
      // Folding the whole stretch is what counts (a combining mark folds
      // with the letter before it).
      const std::string_view stretch = raw.substr(begin, end - begin);
      if (RemoveAllBlanks(FoldNfkc(stretch)) == target) {
        return std::string(TrimBlank(stretch));
      }
      break;
    }
  }
  return folded;
}

bool IsPercentColumn(const IndicatorRow& row) {
  return row.parsed_unit.family == "percentage";
}

// "一万倍" or "一亿倍": how far the target is from the text's number.
std::string HowFarOff(const IndicatorRow& row, const Mismatch& p) {
  const double a = std::fabs(row.parsed_value.number);
  const double b = std::fabs(p.number);
  const double ratio = std::max(a, b) / std::max(1e-12, std::min(a, b));
  return ratio > 1e6 ? "一亿倍" : "一万倍";
}

std::string Message(const IndicatorRow& row, const Mismatch& p) {
  const std::string unit = UnitText(row);
  const std::string number = FormatNumber(p.number);
  if (p.where == "name") {
    return StrCat("指标名称“", p.text, "”注明单位是“", p.other_unit,
                  "”，计量单位却填“", unit, "”");
  }
  if (p.where == "name_count") {
    return StrCat("指标名称“", p.text, "”计的是", p.other_unit,
                  "，计量单位却填“", unit, "”，指标解释和评分标准也没有按“",
                  unit, "”计量的数");
  }
  if (p.where == "text") {
    return StrCat("计量单位是“", unit, "”，指标解释和评分标准却按“",
                  p.other_unit, "”计数（", p.text, "），没有一处按“", unit,
                  "”计量");
  }
  if (p.where == "survey") {
    return StrCat("计量单位是“", unit, "”，评分标准却把目标写成“", number,
                  p.other_unit, "”（调查得分），与指标值“",
                  FormatNumber(row.parsed_value.number), "%”",
                  "不是同一种计量");
  }
  if (p.ten_thousand) {
    return StrCat("计量单位是“", unit, "”，指标值", TrimBlank(row.value.text),
                  "与", WhereChinese(p.where), "中的“", number, p.other_unit,
                  "”相差", HowFarOff(row, p), "，其中一处数字或单位写错");
  }
  const std::string quote = QuoteAsWritten(row.rule.text, p.text);
  if (p.where == "rule_step" && p.family) {
    return StrCat("计量单位是“", unit, "”，评分标准却按“", p.other_unit,
                  "”扣分（", quote, "），指标解释和评分标准没有一处按“", unit,
                  "”计量");
  }
  if (p.where == "rule_step" && IsPercentColumn(row)) {
    return StrCat("计量单位是“", unit, "”，评分标准却按“", p.other_unit,
                  "”扣分（", quote, "），按百分比考核的指标不能按“",
                  p.other_unit, "”计算扣分");
  }
  std::string message;
  if (p.where == "rule_step") {
    message = StrCat("计量单位是“", unit, "”，评分标准却按“", p.other_unit,
                     "”扣分（", quote, "）");
  } else {
    message = StrCat("计量单位是“", unit, "”，", WhereChinese(p.where),
                     "却写作“", number, p.other_unit, "”");
  }
  StrAppend(&message, p.verdict == Verdict::kClose
                          ? "，两种量词含义相近，建议统一"
                          : "，同一数量用了不同单位");
  return message;
}

std::string Fix(const IndicatorRow& row, const Mismatch& p) {
  const std::string unit = UnitText(row);
  if (p.where == "name") {
    return StrCat("把计量单位改为“", p.other_unit, "”并核对指标值；若按“", unit,
                  "”考核，去掉或改正指标名称中的“（", p.other_unit, "）”");
  }
  if (p.where == "name_count") {
    return StrCat(
        "把计量单位改为所计的量词（如次、人、个），并核对指标值；若确实按“",
        unit, "”考核，改正指标名称");
  }
  if (p.family) {
    return StrCat("确认该指标考核的是什么：若是“", p.other_unit,
                  "”，把计量单位改为“", p.other_unit, "”；若确实按“", unit,
                  "”考核，把指标解释和评分标准改写为按“", unit, "”计量");
  }
  if (p.where == "survey") {
    return StrCat("把评分标准中的“", FormatNumber(p.number), p.other_unit,
                  "”改为“", FormatNumber(p.number),
                  "%”，与指标值和计量单位一致");
  }
  if (p.ten_thousand) {
    return StrCat("核对指标值：若", WhereChinese(p.where), "中的“",
                  FormatNumber(p.number), p.other_unit, "”是对的，指标值应填",
                  FormatNumber(p.number), "（计量单位“", unit,
                  "”）；若指标值是对的，改正", WhereChinese(p.where),
                  "中的数字");
  }
  if (IsPercentColumn(row) && p.where == "rule_step") {
    return StrCat(
        "按百分比考核的，评分标准改为按百分点扣分（如“每差1个百分点扣",
        "1分”）；若考核的是“", p.other_unit, "”的数量，把计量单位改为“",
        p.other_unit, "”并填写具体数量");
  }
  return StrCat("确认该指标按什么计量：按“", unit, "”计量则把",
                WhereChinese(p.where), "中的“", p.other_unit, "”改为“", unit,
                "”；否则将计量单位改为“", p.other_unit, "”并相应核对指标值");
}

class UnitMismatch : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "unit/mismatch",
        .default_severity = Severity::kError,
        .summary = "计量单位与指标值、评分标准或指标解释中同一数量的单位不一致",
        .certainty = 0.8};
    return kInfo;
  }

  void BindOptions(RuleOptions& options) override {
    options.List("equivalent_counts", &equivalent_counts_);
    options.List("family_name_words", &family_name_words_);
    options.List("percent_step_bases", &percent_step_bases_);
    options.List("count_name_words", &count_name_words_);
  }

  void CheckUnit(UnitCheck& check) const override {
    const Vocabulary vocab{check.config(), equivalent_counts_,
                           family_name_words_, percent_step_bases_,
                           count_name_words_};
    const auto& rows = check.unit().rows;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
      const IndicatorRow& row = rows[i];
      if (row.IsPlaceholder() || row.parsed_op.op == Operator::kQualitative) {
        continue;
      }
      std::optional<UnitScale> column = ScaleOf(row.unit.text, check.config());
      if (!column || column->base.empty()) continue;
      std::optional<Mismatch> p = Find(row, *column, vocab);
      if (p) Report(check, i, row, *p);
    }
  }

 private:
  static std::optional<Mismatch> Find(const IndicatorRow& row,
                                      const UnitScale& column,
                                      const Vocabulary& vocab) {
    if (auto p = FromValue(row, column, vocab)) return p;
    const FoldedCells folded(row);
    if (auto p = FromName(row, folded, column, vocab)) return p;
    double target = 0;
    if (!TargetNumber(row, &target)) return std::nullopt;
    if (auto p = FromThreshold(row, column, target, vocab)) return p;
    if (auto p = FromSteps(row, column, target, vocab)) return p;
    if (auto p = FromExplanation(row, folded, column, target, vocab)) {
      return p;
    }
    // The numbers with units in the row's texts, read once for both checks.
    const std::vector<CellMention> mentions = RowMentions(folded, vocab);
    if (auto p = FromTenThousand(row, column, target, mentions)) return p;
    if (auto p = FromPercentColumn(row, column, vocab)) return p;
    if (auto p = FromSurveyScore(row, column, target, vocab)) return p;
    return FromFamily(row, folded, column, target, mentions, vocab);
  }

  static void Report(UnitCheck& check, int i, const IndicatorRow& row,
                     const Mismatch& p) {
    Evidence evidence = {{"unit", UnitText(row)},
                         {"other_unit", p.other_unit},
                         {"where", p.where},
                         {"number", RoundForEvidence(p.number)},
                         {"text", p.text}};
    Finding& f = check.AddCell(i, row.unit, Message(row, p), Fix(row, p),
                               std::move(evidence));
    if (p.verdict == Verdict::kClose) f.severity = Severity::kInfo;
  }

  // Defaults: as in rules/default.yaml.
  std::vector<std::string> equivalent_counts_ = {"次=起=场=场次=期=回=轮",
                                                 "人=名=位", "件=宗"};
  std::vector<std::string> family_name_words_ = {
      "money=预算|支出|经费|资金|成本|费|金|保险|收入|投资|金额|资产|补贴|补助|"
      "奖补|价格|单价|造价|款|税|薪|工资|基金|产值|总值|效益|收益|营收|融资|债",
      "area=面积|亩|平方|公顷|用地|耕地|林地|土地|绿地|造林|种植|复垦|农田|"
      "湿地|水面|草地|草原",
      "length=长度|里程|距离|公里|米|道路|公路|河道|堤|渠|管网|管道|线路",
      "weight=重量|吨|产量|公斤|千克|垃圾|清运|粮|肥|污泥|固废|收储|储备"};
  std::vector<std::string> percent_step_bases_ = {"人",   "人次", "户",
                                                  "户次", "次",   "元"};
  std::vector<std::string> count_name_words_ = {
      "次数", "人数", "个数", "项目数", "件数", "户数", "家数",
      "场次", "人次", "篇数", "项数",   "起数", "宗数", "批次",
      "场数", "期数", "所数", "座数",   "台数"};
};

}  // namespace

std::unique_ptr<Rule> MakeUnitMismatch() {
  return std::make_unique<UnitMismatch>();
}

}  // namespace jxaudit
