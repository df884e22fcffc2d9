#include "analyzer/ingest/cell_parse.h"

#include <re2/re2.h>

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_replace.h"
#include "analyzer/ingest/score_reader.h"
#include "analyzer/model/parallel.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

// Folded, trimmed and without inner blanks: the form every parser reads.
std::string Normalise(std::string_view raw) {
  return RemoveAllBlanks(FoldNfkc(TrimBlank(raw)));
}

bool ParseNumber(std::string_view text, double& out) {
  std::string plain = absl::StrReplaceAll(AV(text), {{",", ""}});
  return absl::SimpleAtod(plain, &out);
}

bool IsValidDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && !leap) return day <= 28;
  return day <= kDays[month - 1];
}

bool TryDate(const std::string& text, ParsedValue& value) {
  static const RE2 kDate(
      R"((\d{4})\s*(?:年|\.|-|/)\s*(\d{1,2})\s*(?:月|\.|-|/)\s*(\d{1,2})\s*日?(?:前|之前|以前)?)");
  static const RE2 kMonth(R"((\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末|前)?)");
  int year = 0, month = 0, day = 0;
  if (RE2::FullMatch(text, kDate, &year, &month, &day)) {
    value.year = year;
    value.month = month;
    value.day = day;
    value.kind =
        IsValidDate(year, month, day) ? ValueKind::kDate : ValueKind::kBadDate;
    return true;
  }
  if (RE2::FullMatch(text, kMonth, &year, &month)) {
    value.year = year;
    value.month = month;
    value.kind =
        IsValidDate(year, month, 1) ? ValueKind::kDate : ValueKind::kBadDate;
    return true;
  }
  return false;
}

}  // namespace

std::optional<double> ParseChineseNumeral(std::string_view text) {
  static const RE2 kNumeral("[零〇一二两三四五六七八九十百千万]+");
  if (text.empty() || !RE2::FullMatch(text, kNumeral)) return std::nullopt;
  auto digit = [](std::string_view c) -> int {
    static constexpr std::string_view kDigits[] = {
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int i = 0; i < 10; ++i) {
      if (c == kDigits[i]) return i;
    }
    if (c == "两") return 2;
    if (c == "〇") return 0;
    return -1;
  };
  double total = 0, section = 0, current = 0;
  for (size_t i = 0; i < text.size(); i += 3) {  // all are 3-byte UTF-8
    std::string_view c = text.substr(i, 3);
    int d = digit(c);
    if (d >= 0) {
      current = d;
    } else if (c == "十" || c == "百" || c == "千") {
      const double scale = c == "十" ? 10 : c == "百" ? 100 : 1000;
      section += (current == 0 ? 1 : current) * scale;
      current = 0;
    } else if (c == "万") {
      total += (section + current) * 10000;
      section = current = 0;
    }
  }
  return total + section + current;
}

ParsedOperator ParseOperator(std::string_view raw, const Config& config) {
  ParsedOperator parsed;
  const std::string written(RemoveAllBlanks(TrimBlank(raw)));
  if (written.empty()) {
    parsed.op = Operator::kNone;
    return parsed;
  }
  const std::string folded = FoldNfkc(written);
  for (const OperatorSpec& spec : config.operators()) {
    bool variant = false;
    bool match = written == spec.canonical;
    for (const std::string& v : spec.variants) {
      if (match) break;
      if (written == v || folded == v || folded == FoldNfkc(v)) {
        match = variant = true;
      }
    }
    if (!match && folded == FoldNfkc(spec.canonical)) match = variant = true;
    if (!match) continue;
    parsed.canonical = spec.canonical;
    parsed.is_variant = variant;
    if (spec.canonical == "≥")
      parsed.op = Operator::kGe;
    else if (spec.canonical == "≤")
      parsed.op = Operator::kLe;
    else if (spec.canonical == "=")
      parsed.op = Operator::kEq;
    else if (spec.canonical == ">")
      parsed.op = Operator::kGt;
    else if (spec.canonical == "<")
      parsed.op = Operator::kLt;
    else
      parsed.op = Operator::kQualitative;
    return parsed;
  }
  parsed.op = Operator::kInvalid;
  return parsed;
}

ParsedValue ParseValue(std::string_view raw) {
  ParsedValue value;
  const std::string text = Normalise(raw);
  if (text.empty()) return value;
  static const RE2 kNumberWithUnit(
      R"(([-+]?\d[\d,]*(?:\.\d+)?)\s*(%|‰|[^\d\s.,/%‰][^\d\s]{0,11})?)");
  static const RE2 kMulti(
      R"([-+]?\d+(?:\.\d+)?%?(?:[/、,]\s*[-+]?\d+(?:\.\d+)?%?)+)");
  if (TryDate(text, value)) return value;
  std::string number_text, unit_text;
  if (RE2::FullMatch(text, kNumberWithUnit, &number_text, &unit_text) &&
      ParseNumber(number_text, value.number)) {
    value.kind = ValueKind::kNumber;
    value.written_unit = unit_text;
    return value;
  }
  if (RE2::FullMatch(text, kMulti)) {
    static const RE2 kEach(R"(([-+]?\d+(?:\.\d+)?))");
    re2::StringPiece input(text);
    std::string each;
    while (RE2::FindAndConsume(&input, kEach, &each)) {
      double n = 0;
      if (absl::SimpleAtod(each, &n)) value.numbers.push_back(n);
    }
    value.kind = ValueKind::kMulti;
    return value;
  }
  if (auto numeral = ParseChineseNumeral(text)) {
    value.kind = ValueKind::kChineseNum;
    value.number = *numeral;
    return value;
  }
  value.kind = ValueKind::kText;
  return value;
}

ParsedWeight ParseWeight(std::string_view raw) {
  ParsedWeight weight;
  const std::string text = Normalise(raw);
  if (text.empty()) {
    weight.problem = "分值为空";
    return weight;
  }
  static const RE2 kWeight(R"(([-+]?\d+(?:\.\d+)?)(?:分)?)");
  std::string number_text;
  double points = 0;
  if (!RE2::FullMatch(text, kWeight, &number_text) ||
      !absl::SimpleAtod(number_text, &points)) {
    weight.problem = StrCat("分值“", TrimBlank(raw), "”不是数字");
    return weight;
  }
  weight.points = points;
  if (points <= 0) {
    weight.problem = points == 0 ? "分值为0" : "分值为负数";
    return weight;
  }
  weight.valid = true;
  return weight;
}

ParsedUnit ParseUnit(std::string_view raw, const Config& config) {
  ParsedUnit unit;
  const std::string written(RemoveAllBlanks(TrimBlank(raw)));
  for (const std::string& none : config.none_units()) {
    if (written == none || FoldNfkc(written) == FoldNfkc(none)) {
      unit.is_none = true;
      unit.known = true;
      unit.canonical = none;
      return unit;
    }
  }
  if (const UnitSpec* spec = config.FindUnit(written)) {
    unit.known = true;
    unit.canonical = spec->canonical;
    unit.family = spec->family;
    unit.is_variant = written != spec->canonical;
    return unit;
  }
  unit.canonical = written;
  return unit;
}

namespace {

void ParseShortCells(IndicatorRow& row, const Config& config) {
  row.parsed_op = ParseOperator(row.op.text, config);
  row.parsed_value = ParseValue(row.value.text);
  row.parsed_unit = ParseUnit(row.unit.text, config);
  row.parsed_weight = ParseWeight(row.weight.text);
}

// Numbers every distinct text once, in first-seen order.
class DistinctTexts {
 public:
  // Room for `n` texts up front: growing the index would hash every long
  // text again at each step.
  explicit DistinctTexts(size_t n) { index_.reserve(n); }

  int Add(std::string_view text) {
    const auto [it, added] = index_.try_emplace(text, texts_.size());
    if (added) texts_.push_back(text);
    return it->second;
  }
  const std::vector<std::string_view>& texts() const { return texts_; }

 private:
  absl::flat_hash_map<std::string_view, int> index_;
  std::vector<std::string_view> texts_;
};

template <typename Reading>
std::vector<std::shared_ptr<const Reading>> ReadEach(
    const std::vector<std::string_view>& texts,
    Reading (*read)(std::string_view), int threads) {
  std::vector<std::shared_ptr<const Reading>> readings(texts.size());
  ParallelFor(static_cast<int>(texts.size()), threads, [&](int i) {
    readings[i] = std::make_shared<const Reading>(read(texts[i]));
  });
  return readings;
}

}  // namespace

void ParseRowCells(IndicatorRow& row, const Config& config) {
  ParseShortCells(row, config);
  if (row.IsPlaceholder()) return;
  row.parsed_rule =
      std::make_shared<const ScoreReading>(ReadScoringRule(row.rule.text));
  row.parsed_explanation = std::make_shared<const ExplanationReading>(
      ReadExplanation(row.explanation.text));
}

void ParseUnitRows(std::span<Unit> units, const Config& config, int threads) {
  // The long texts are numbered first (one pass, cheap), read once each in
  // parallel, then shared by their rows.
  size_t rows = 0;
  for (const Unit& unit : units) rows += unit.rows.size();
  DistinctTexts rules(rows), explanations(rows);
  std::vector<std::vector<std::pair<int, int>>> ids(units.size());
  for (size_t u = 0; u < units.size(); ++u) {
    for (const IndicatorRow& row : units[u].rows) {
      ids[u].push_back(row.IsPlaceholder()
                           ? std::pair(-1, -1)
                           : std::pair(rules.Add(row.rule.text),
                                       explanations.Add(row.explanation.text)));
    }
  }
  const auto rule_readings = ReadEach(rules.texts(), &ReadScoringRule, threads);
  const auto explanation_readings =
      ReadEach(explanations.texts(), &ReadExplanation, threads);
  ParallelFor(static_cast<int>(units.size()), threads, [&](int u) {
    for (size_t r = 0; r < units[u].rows.size(); ++r) {
      IndicatorRow& row = units[u].rows[r];
      ParseShortCells(row, config);
      const auto [rule, explanation] = ids[u][r];
      if (rule < 0) continue;
      row.parsed_rule = rule_readings[rule];
      row.parsed_explanation = explanation_readings[explanation];
    }
  });
}

}  // namespace jxaudit
