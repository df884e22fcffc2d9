// Units of measure as magnitudes of a base measure: "万人" is 10,000 "人",
// "亿元" is 100,000,000 "元", "公里" is 1,000 "米". Rules that compare a
// number written in a scoring rule with the row's target use this to tell
// "the same quantity at another magnitude" (2 万人 vs 20000 人) from a real
// difference (次 vs 个).
#ifndef JXAUDIT_ANALYZER_INGEST_QUANTITY_H_
#define JXAUDIT_ANALYZER_INGEST_QUANTITY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/config/config.h"

namespace jxaudit {

struct UnitScale {
  // The base measure word after the vocabulary ("人" for "名" and "万人",
  // "元" for "亿元", "%" for "百分点"); empty for a bare magnitude ("万").
  std::string base;
  double factor = 1;  // value in `base` = value written * factor
  std::string family;  // the vocabulary's family of base ("count"…), "" unknown
};

// Reads a unit spelling (a 计量单位 cell, or a unit the score reader found).
// nullopt for empty text and for the "no unit" spellings (无, -, /).
std::optional<UnitScale> ScaleOf(std::string_view unit, const Config& config);

// True when the two units measure the same thing, perhaps at another
// magnitude ("万人" and "人", "万元" and "亿元"). A bare magnitude ("万")
// measures whatever the other side measures.
bool SameMeasure(const UnitScale& a, const UnitScale& b);

// value written in `from` expressed in `to` (SameMeasure must hold).
double Convert(double value, const UnitScale& from, const UnitScale& to);

// True when `n` written in `other` agrees with a target `target` written in
// `column` only if the column had another magnitude: "≤ 54.6 万元" with
// "54.6元", "≥ 500000 万元" with "50万元". Units of another measure, and
// numbers that agree after conversion (2 万人 and 20000 人), are false.
bool MagnitudeMismatch(const UnitScale& column, const UnitScale& other,
                       double n, double target);

// A number written with a unit of the vocabulary in free text ("完成巡河20次",
// "清运4.5万吨", "开展三场"): what the text counts or measures.
struct UnitMention {
  double number = 0;
  std::string unit;  // as written ("万吨")
  UnitScale scale;   // family always known
};

// Every number in `folded` (NFKC-folded, blanks removed) followed, after an
// optional 余/多, by a unit whose family the vocabulary knows; the longest
// unit wins ("平方公里" over "平方"). Dates and years ("2024年",
// "12月31日") are left out: they are not quantities.
std::vector<UnitMention> FindUnitMentions(std::string_view folded,
                                          const Config& config);

// Relative comparison for numbers read from text (2.1 vs 2.10, 0.1+0.2).
bool NearlyEqual(double a, double b);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_QUANTITY_H_
