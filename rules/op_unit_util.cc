#include "rules/op_unit_util.h"

#include <re2/re2.h>

#include <cmath>

#include "absl/strings/numbers.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

// Words that describe a change of a quantity rather than a gap to the
// target. In a rule they are read against the indicator name: "增长率" with
// "每下降1个百分点扣" is a shortfall, but "投诉下降率" with "每增长1%扣" speaks
// of the complaints, not of the rate, and is not read.
constexpr std::string_view kUpWords[] = {"增长", "增加", "提高", "提升",
                                         "上升", "增幅", "增速"};
constexpr std::string_view kDownWords[] = {"下降", "减少", "降低",
                                           "压减", "压缩", "降幅"};

template <size_t N>
bool IsOneOf(std::string_view word, const std::string_view (&words)[N]) {
  for (std::string_view w : words) {
    if (word == w) return true;
  }
  return false;
}

template <size_t N>
bool ContainsOneOf(std::string_view text, const std::string_view (&words)[N]) {
  for (std::string_view w : words) {
    if (Contains(text, w)) return true;
  }
  return false;
}

// Whether a change word in the rule can be read as a direction, given the
// direction the indicator name itself speaks of.
bool ChangeWordReadable(std::string_view word, std::string_view folded_name) {
  const bool up = IsOneOf(word, kUpWords), down = IsOneOf(word, kDownWords);
  if (!up && !down) return true;
  const bool name_up = ContainsOneOf(folded_name, kUpWords);
  const bool name_down = ContainsOneOf(folded_name, kDownWords);
  if (!name_up && !name_down) return true;
  // An increase indicator falling short: "增长率 … 每下降1个百分点扣".
  return name_up && !name_down && down;
}

// The unit a step is written in: "%征收数量" -> "%", "篇作品" -> "篇",
// "个百分点" -> "%"; the text itself when no known unit starts it.
std::string StepUnit(const std::string& text, const Config& config) {
  if (text.empty()) return text;
  if (text.rfind("%", 0) == 0 || Contains(text, "百分")) return "%";
  // Longest known unit at the start (code points are 1–4 bytes).
  for (size_t len = text.size(); len > 0; --len) {
    // Only cut between code points.
    if (len < text.size() &&
        (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) {
      continue;
    }
    const std::string prefix = text.substr(0, len);
    if (config.FindUnit(prefix) == nullptr) continue;
    // "个小时", "个月": the measure word 个 before the real unit.
    if (prefix == "个" && text.size() > 3) {
      const std::string rest = StepUnit(text.substr(3), config);
      if (config.FindUnit(rest) != nullptr) return rest;
    }
    return prefix;
  }
  return text;
}

bool IsSpendingName(std::string_view folded_name) {
  static const RE2 kSpending("预算|支出|经费|资金|成本|费用");
  return RE2::PartialMatch(folded_name, kSpending);
}

// Whether a step written in `step_unit` measures the row's own quantity.
bool StepFitsRow(const std::string& step_unit, const IndicatorRow& row,
                 const Config& config) {
  // No unit, or a percentage step: a share of the target, any quantity.
  if (step_unit.empty() || step_unit == "%") return true;
  const ParsedUnit& unit = row.parsed_unit;
  const std::string& written = row.parsed_value.written_unit;
  if (step_unit == unit.canonical || step_unit == written) return true;
  const UnitSpec* spec = config.FindUnit(step_unit);
  // A word the vocabulary does not know ("瓶", a typo "各"): no evidence of
  // another quantity.
  if (spec == nullptr) return true;
  if (spec->canonical == unit.canonical) return true;
  if (unit.known && !unit.family.empty() && spec->family == unit.family) {
    return true;
  }
  // "每超出1万元扣1分" on 预算控制率 (%): the overspend in money.
  if (spec->family == "money" && IsSpendingName(FoldNfkc(row.name.text))) {
    return true;
  }
  // "每超出五万扣一分" against 万元: the step names the magnitude only.
  return !unit.canonical.empty() && unit.canonical.rfind(step_unit, 0) == 0;
}

void Collect(const RE2& pattern, bool shortfall, const std::string& folded,
             const std::string& folded_name, const IndicatorRow& row,
             const Config& config, std::vector<DirectedDeduction>& out) {
  re2::StringPiece input(folded);
  re2::StringPiece whole;
  std::string word, filler, unit;
  // The pattern is wrapped in a group so that the whole match is known.
  while (RE2::FindAndConsume(&input, pattern, &whole, &word, &filler, &unit)) {
    if (!ChangeWordReadable(word, folded_name)) continue;
    // 超时/超期/超标/超范围: an event or another quantity, not the target.
    static const RE2 kEventFiller("[时期标限范规龄额]");
    if (RE2::PartialMatch(filler, kEventFiller)) continue;
    // 超支 is about a budget; an execution rate or progress target may
    // require both "at least 95%" and "no overspending".
    if (word == "超支" &&
        (Contains(row.name.text, "执行") || Contains(row.name.text, "进度"))) {
      continue;
    }
    std::string step = StepUnit(unit, config);
    if (!StepFitsRow(step, row, config)) continue;
    out.push_back({shortfall, std::string(whole.data(), whole.size()), step});
  }
}

// Whether a threshold written in `unit` can be the row's own target.
bool ThresholdFitsRow(const std::string& unit, const IndicatorRow& row,
                      const Config& config) {
  const bool row_percent = row.parsed_unit.family == "percentage" ||
                           row.parsed_value.written_unit == "%";
  if (unit == "%") return row_percent;
  return StepFitsRow(unit, row, config);
}

void CollectBounds(const RE2& pattern, bool at_least, const std::string& folded,
                   const IndicatorRow& row, const Config& config,
                   std::vector<TargetBound>& out) {
  re2::StringPiece input(folded);
  re2::StringPiece whole;
  std::string number_text, unit_text;
  while (
      RE2::FindAndConsume(&input, pattern, &whole, &number_text, &unit_text)) {
    double number = 0;
    if (!absl::SimpleAtod(number_text, &number)) continue;
    if (std::fabs(number - row.parsed_value.number) > 1e-9) continue;
    if (!ThresholdFitsRow(StepUnit(unit_text, config), row, config)) continue;
    out.push_back({at_least, std::string(whole.data(), whole.size())});
  }
}

}  // namespace

std::vector<TargetBound> FindTargetBounds(const IndicatorRow& row,
                                          const Config& config) {
  std::vector<TargetBound> out;
  if (row.parsed_value.kind != ValueKind::kNumber) return out;
  // Each pattern: (whole (number) (unit)); the unit is at most 4 characters.
  static const RE2 kAtLeastAfter(
      R"(((\d+(?:\.\d+)?)\s*([^\d\s,.;:!?、()]{0,4}?)\s*(?:\(含\))?\s*(?:及以上|以上|或以上|以及上|及其以上)))");
  static const RE2 kAtLeastBefore(
      R"(((?:≥|≧|>=|不低于|不少于|大于等于|至少)\s*(\d+(?:\.\d+)?)\s*(%|[^\d\s,.;:!?、()%]{0,4}?)(?:[^\d]|$)))");
  static const RE2 kLowerBandEdge(R"(((\d+(?:\.\d+)?)\s*(%?)\s*(?:≤|≦|<=)))");
  static const RE2 kAtMostAfter(
      R"(((\d+(?:\.\d+)?)\s*([^\d\s,.;:!?、()]{0,4}?)\s*(?:\(含\))?\s*(?:及以下|以下|以内|之内|内)))");
  static const RE2 kAtMostBefore(
      R"(((?:≤|≦|<=|不超过|不高于|不多于|小于等于)\s*(\d+(?:\.\d+)?)\s*(%|[^\d\s,.;:!?、()%]{0,4}?)(?:[^\d]|$)))");
  const std::string folded = FoldNfkc(row.rule.text);
  CollectBounds(kAtLeastAfter, true, folded, row, config, out);
  CollectBounds(kAtLeastBefore, true, folded, row, config, out);
  CollectBounds(kLowerBandEdge, true, folded, row, config, out);
  CollectBounds(kAtMostAfter, false, folded, row, config, out);
  CollectBounds(kAtMostBefore, false, folded, row, config, out);
  return out;
}

bool NameIsAboutChange(std::string_view folded_name) {
  if (ContainsOneOf(folded_name, kUpWords) ||
      ContainsOneOf(folded_name, kDownWords)) {
    return true;
  }
  return Contains(folded_name, "同比") || Contains(folded_name, "较上年") ||
         Contains(folded_name, "比上年");
}

std::vector<DirectedDeduction> FindDirectedDeductions(const IndicatorRow& row,
                                                      const Config& config) {
  // word, filler (≤3 chars, e.g. 完成/发), amount, unit (≤4 chars), 扣.
  static const RE2 kShortfall(
      R"(((减少|下降|降低|低于|少于|不足|未达到|未达|少)([^\d\s,.;:!?、扣分零一二两三四五六七八九十半]{0,3}?)(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+)\s*(个百分点|百分点|个百分比|百分比|[^\d\s,.;:!?、扣]{0,6}?)\s*,?\s*(?:的|则|就|即)?\s*(?:扣|\d+(?:\.\d+)?分)))");
  static const RE2 kExcess(
      R"(((超出|超过|超支|超|高出|高于|多于|多出|增加|增长|上升|提高)([^\d\s,.;:!?、扣分零一二两三四五六七八九十半]{0,3}?)(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+)\s*(个百分点|百分点|个百分比|百分比|[^\d\s,.;:!?、扣]{0,6}?)\s*,?\s*(?:的|则|就|即)?\s*(?:扣|\d+(?:\.\d+)?分)))");
  const std::string folded = FoldNfkc(row.rule.text);
  const std::string folded_name = FoldNfkc(row.name.text);
  std::vector<DirectedDeduction> out;
  Collect(kShortfall, true, folded, folded_name, row, config, out);
  Collect(kExcess, false, folded, folded_name, row, config, out);
  return out;
}

std::string SuggestNumericOperator(const IndicatorRow& row,
                                   const Config& config) {
  const ParsedValue& value = row.parsed_value;
  if (value.kind == ValueKind::kDate || value.kind == ValueKind::kBadDate) {
    return "≤";
  }
  bool shortfall = false, excess = false;
  for (const DirectedDeduction& d : FindDirectedDeductions(row, config)) {
    (d.shortfall ? shortfall : excess) = true;
  }
  if (shortfall != excess) return shortfall ? "≥" : "≤";
  if (value.kind == ValueKind::kNumber && value.number == 0) return "=";
  const std::string folded = FoldNfkc(row.rule.text);
  static const RE2 kAtMost("以内|以下|不超过|不高于|控制在");
  static const RE2 kAtLeast("以上|不少于|不低于|达到|达");
  if (RE2::PartialMatch(folded, kAtMost)) return "≤";
  if (RE2::PartialMatch(folded, kAtLeast)) return "≥";
  return "≥";
}

std::string ValueKindChinese(const ParsedValue& value) {
  switch (value.kind) {
    case ValueKind::kEmpty:
      return "空白";
    case ValueKind::kNumber:
      return value.written_unit == "%" ? "百分数" : "数字";
    case ValueKind::kDate:
      return "日期";
    case ValueKind::kBadDate:
      return "不存在的日期";
    case ValueKind::kMulti:
      return "多个数值";
    case ValueKind::kChineseNum:
      return "汉字数字";
    case ValueKind::kText:
      return "文字";
  }
  return "文字";
}

}  // namespace jxaudit
