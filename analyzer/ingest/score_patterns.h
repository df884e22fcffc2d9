// The pattern table of the scoring-rule reader (score_reader.h): the RE2
// patterns and the word lists that recognise the 评（扣）分标准 language,
// compiled once. The reading logic lives in score_reader.cc; this file only
// says which words and shapes mean what, so that a change of vocabulary is a
// change here.
//
// Every pattern runs on NFKC-folded text with blanks removed and small
// Chinese numerals turned into digits ("扣一分" and "扣１分" both read as
// "扣1分"), unless its comment says otherwise.
#ifndef JXAUDIT_ANALYZER_INGEST_SCORE_PATTERNS_H_
#define JXAUDIT_ANALYZER_INGEST_SCORE_PATTERNS_H_

#include <string_view>

#include "re2/re2.h"

namespace jxaudit {

struct ScorePatterns {
  ScorePatterns();
  ScorePatterns(const ScorePatterns&) = delete;
  ScorePatterns& operator=(const ScorePatterns&) = delete;

  RE2 numeral;
  RE2 percent_of;
  RE2 numbering;
  // "(1)…(2)…" list numbers in brackets (also "⑴", which folds to "(1)"):
  // (what precedes) (number) (the first character after).
  RE2 bracket_numbering;
  // "一是…二是…": (what precedes) (the Chinese ordinal).
  RE2 ordinal_numbering;
  RE2 date;
  RE2 placeholder;
  RE2 bare_points;
  RE2 total;
  RE2 deduct_cap;
  RE2 award_fraction;
  RE2 deduct_fraction;
  RE2 deduct;
  RE2 deduct_no_verb;
  RE2 deduct_reversed;
  RE2 bonus;
  RE2 award;
  RE2 award_paren;
  RE2 full_marks;
  RE2 zero;
  RE2 capped;
  RE2 number_unit;
  RE2 trigger;
  RE2 per_unit;
  RE2 per_step_award;
  RE2 restated_total;
  RE2 staged;
  RE2 grades;
  RE2 alternative;
  RE2 per_item;
  RE2 points_bound;
  RE2 band_two_sided;
  RE2 band_range;
  RE2 band_symbol_first;
  RE2 band_subject_first;
  RE2 band_above;
  RE2 band_below;
  RE2 th_at_least;
  RE2 th_at_most;
  RE2 th_control;
  RE2 th_above;
  RE2 th_below;
  RE2 th_symbol_lower;
  RE2 th_symbol_upper;
  RE2 th_equal;
  RE2 subject_trim;

  // Words the rules ask about. These run on the folded text as written,
  // blanks kept, unless the comment says otherwise.
  // (whole (word) (filler) (unit)): a per-step deduction by direction.
  RE2 directed_shortfall;
  RE2 directed_excess;
  // A filler after 超 that makes the overrun an event or another quantity
  // (超时, 超期, 超标, 超范围…).
  RE2 event_filler;
  // (whole (number) (unit)): a number written as a bound.
  RE2 bound_at_least_after;   // "95%以上"
  RE2 bound_at_least_before;  // "≥95%", "不低于95%"
  RE2 bound_lower_band_edge;  // "95%≤"
  RE2 bound_at_most_after;    // "1000万元以内"
  RE2 bound_at_most_before;   // "≤220元", "不超过8万元"
  RE2 at_most_words;
  RE2 at_least_words;
  RE2 per_period;
  RE2 fills_between;
  RE2 zero_below;
  // Keeping spending within the budget: "控制在预算范围内", "不超过预算",
  // "不超支" (also read in 指标解释 cells by operator/direction).
  RE2 budget_cap;
  // On the text with blanks removed: (number) (the words after it) when
  // points or a shortfall deduction follow the number.
  RE2 earns_after_number;
  RE2 change_base;  // 较上年, 同比…; also read on indicator names
  // On the text with blanks removed: (number) after a comparison base.
  RE2 change_amount;
  RE2 completion;  // on the subject, or the text when there is none
  // On a deduction's text (normalized): words of falling short.
  RE2 shortfall_words;
  // On a tier's text (normalized): a strict upper bound.
  RE2 strict_upper;
  // On a tier's text (normalized): the rank of a qualitative grade.
  RE2 grade_negation;
  RE2 grade_high;
  RE2 grade_middle;

  // The 指标解释 reader (ReadExplanation), on one clause normalized like a
  // rule: (sign before) (number) (range end) (unit) (bound words after).
  // A sign (* × / ÷) before the number makes it part of a formula.
  RE2 stated_quantity;
  // Words just before a stated number that bound it from below or above.
  RE2 stated_at_least_before;
  RE2 stated_at_most_before;
  // Words just before a stated number that make it a rate ("每月1次",
  // "每户2人"), not the level of the target.
  RE2 stated_per_before;
  // Words shortly before a stated number (no other number between) that
  // make it a total or last year's level ("全区共有12个村", "上年完成3次").
  RE2 stated_base_before;
  // A rate's name just before a bare number ("成本超支率为0", "及时率100"):
  // the number is a percentage.
  RE2 stated_rate_before;
  // Separators of the clauses of a cell, as written (full- and half-width).
  RE2 clause_separator;
};

// The table, built on first use and never destroyed.
const ScorePatterns& ScorePatternTable();

// Change words (model ChangeWord): in a rule they are read against the
// indicator name, which rules read with the same lists. "增长率" with "每下
// 降1个百分点扣" is a shortfall, but "投诉下降率" with "每增长1%扣" speaks of
// the complaints, not of the rate.
inline constexpr std::string_view kUpChangeWords[] = {
    "增长", "增加", "提高", "提升", "上升", "增幅", "增速"};
inline constexpr std::string_view kDownChangeWords[] = {"下降", "减少", "降低",
                                                        "压减", "压缩", "降幅"};

// Trigger words (see ScorePatterns::trigger) that make a deduction punish an
// excess ("每超出20万元扣1分") or an event ("每发生1起扣2分"); every other
// trigger is a shortfall.
inline constexpr std::string_view kExcessTriggers[] = {
    "超出", "超过", "超支", "上升", "增加", "增长", "高出", "高于", "超", "多"};
inline constexpr std::string_view kEventTriggers[] = {
    "发生", "出现", "发现", "批评", "每有", "延期",
    "延迟", "推迟", "延后", "超时", "每起"};

// Step units that count events ("每起", "每次", "每例"): a deduction per such
// unit is per event whatever its words.
inline constexpr std::string_view kEventStepUnits[] = {"起", "次", "例"};

// Units written for a percentage ("个百分点") and their canonical "%".
inline constexpr std::string_view kPercentUnits[] = {"个百分点", "百分点",
                                                     "个百分比", "百分比"};

// Units that make a number a date ("2024年", "6月"), never a quantity.
inline constexpr std::string_view kDateUnits[] = {"年", "月", "日"};

// Small Chinese digits by value; "两" is 2 and "〇" is 0 as well.
inline constexpr std::string_view kChineseDigits[] = {
    "零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// Comparison words of band_subject_first: those that give a lower bound
// ("满意度≥95%") and those that include the bound itself.
inline constexpr std::string_view kLowerBoundWords[] = {
    "大于等于", "不低于", "不少于", "≥", ">=", ">", "大于", "高于"};
inline constexpr std::string_view kInclusiveBoundWords[] = {
    "大于等于", "不低于", "不少于", "≥", ">=", "小于等于", "不高于", "≤", "<="};

// Words between a bare threshold and its unit ("95以上%").
inline constexpr std::string_view kAboveWords[] = {"以上", "及以上", "以及上"};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_SCORE_PATTERNS_H_
