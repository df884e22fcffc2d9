#include "analyzer/ingest/quantity.h"

#include <algorithm>
#include <cmath>

#include "analyzer/ingest/cell_parse.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

// Units that are a fixed multiple of another base than the "万/亿" prefix
// says. Area units of different systems (亩, 公顷, 平方米) are left apart on
// purpose: tables round them differently and a mismatch there is no typo.
struct Multiple {
  std::string_view unit;
  std::string_view base;
  double factor;
};
constexpr Multiple kMultiples[] = {
    {"公里", "米", 1000},  {"千米", "米", 1000},  {"平方公里", "平方米", 1e6},
    {"公斤", "吨", 0.001}, {"千克", "吨", 0.001}, {"百分点", "%", 1},
    {"个百分点", "%", 1},  {"百分比", "%", 1},    {"个百分比", "%", 1},
    {"百分率", "%", 1},    {"个小时", "小时", 1},
};

std::string Canonical(std::string_view folded, const Config& config) {
  const UnitSpec* spec = config.FindFoldedUnit(folded);
  return spec != nullptr ? spec->canonical : std::string(folded);
}

std::string FamilyOf(std::string_view base, const Config& config) {
  const UnitSpec* spec = config.FindUnit(base);
  return spec != nullptr ? spec->family : "";
}

// Byte length of the UTF-8 code point that starts at `s[i]`.
size_t CodePointLength(std::string_view s, size_t i) {
  size_t n = 1;
  while (i + n < s.size() && IsUtf8Continuation(s[i + n])) ++n;
  return n;
}

// Whether a Chinese numeral ("三", "十二" are read from these) starts at
// `s[i]`. Decodes once instead of comparing 13 spellings: this runs at every
// character of every cell.
bool IsNumeralAt(std::string_view s, size_t i) {
  switch (ThreeByteCodePointAt(s, i)) {
    case U'一':
    case U'二':
    case U'两':
    case U'三':
    case U'四':
    case U'五':
    case U'六':
    case U'七':
    case U'八':
    case U'九':
    case U'十':
    case U'百':
    case U'千':
      return true;
    default:
      return false;
  }
}

// The number that starts at `i`: ASCII digits with a decimal point, or a
// run of Chinese numerals. Sets `end` past it.
std::optional<double> NumberAt(std::string_view s, size_t i, size_t* end) {
  size_t j = i;
  if (IsAsciiDigit(s[i])) {
    while (j < s.size() && (IsAsciiDigit(s[j]) || s[j] == '.' || s[j] == ',')) {
      ++j;
    }
    std::string digits;
    for (size_t k = i; k < j; ++k) {
      if (s[k] != ',') digits += s[k];
    }
    *end = j;
    char* stop = nullptr;
    const double v = std::strtod(digits.c_str(), &stop);
    if (stop == digits.c_str()) return std::nullopt;
    return v;
  }
  while (j < s.size() && IsNumeralAt(s, j)) j += CodePointLength(s, j);
  *end = j;
  if (j == i) return std::nullopt;
  return ParseChineseNumeral(s.substr(i, j - i));
}

// The longest spelling at `s[i]` (up to 6 code points) whose family the
// vocabulary knows; "" when none.
std::string UnitAt(std::string_view s, size_t i, const Config& config,
                   UnitScale* scale) {
  std::vector<size_t> ends;
  for (size_t j = i; j < s.size() && ends.size() < 6;) {
    j += CodePointLength(s, j);
    ends.push_back(j);
  }
  for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
    const std::string_view spelling = s.substr(i, *it - i);
    if (config.FindFoldedUnit(spelling) == nullptr &&
        !(spelling.starts_with("万") || spelling.starts_with("亿") ||
          spelling == "公里" || spelling == "千米" || spelling == "平方公里")) {
      continue;
    }
    std::optional<UnitScale> sc = ScaleOf(spelling, config);
    if (!sc || sc->family.empty()) continue;
    *scale = *sc;
    return std::string(spelling);
  }
  return "";
}

// "2024年", "12月31日", "每月28日前": a date or a year, not a quantity.
// `before` is the text before the number, `after` the text after the unit.
bool IsDatePart(std::string_view unit, double number, std::string_view before,
                std::string_view after) {
  const bool digit_after = !after.empty() && IsAsciiDigit(after[0]);
  if (unit == "年" || unit == "年度") return number >= 1900 || digit_after;
  if (unit == "月") return digit_after;
  if (unit == "日" || unit == "号") {
    return before.ends_with("月") || after.starts_with("前");
  }
  return false;
}

}  // namespace

std::vector<UnitMention> FindUnitMentions(std::string_view s,
                                          const Config& config) {
  std::vector<UnitMention> out;
  size_t i = 0;
  while (i < s.size()) {
    const bool digit_before = i > 0 && IsAsciiDigit(s[i - 1]);
    if (digit_before || !(IsAsciiDigit(s[i]) || IsNumeralAt(s, i))) {
      i += CodePointLength(s, i);
      continue;
    }
    size_t end = i;
    std::optional<double> number = NumberAt(s, i, &end);
    if (!number || end >= s.size()) {
      i = std::max(end, i + 1);
      continue;
    }
    size_t u = end;
    for (std::string_view filler : {"余", "多"}) {
      if (s.substr(u, filler.size()) == filler) u += filler.size();
    }
    UnitScale scale;
    std::string unit = UnitAt(s, u, config, &scale);
    if (!unit.empty()) {
      const std::string_view after = s.substr(u + unit.size());
      if (!IsDatePart(unit, *number, s.substr(0, i), after)) {
        out.push_back({*number, unit, scale});
      }
      end = u + unit.size();
    }
    i = end;
  }
  return out;
}

std::optional<UnitScale> ScaleOf(std::string_view unit, const Config& config) {
  const std::string folded = RemoveAllBlanks(FoldNfkc(unit));
  if (folded.empty()) return std::nullopt;
  const auto& none = config.none_units();
  if (std::find(none.begin(), none.end(), folded) != none.end()) {
    return std::nullopt;
  }
  UnitScale scale;
  std::string text = Canonical(folded, config);
  for (const Multiple& m : kMultiples) {
    if (text == m.unit) {
      scale.base = std::string(m.base);
      scale.factor = m.factor;
      scale.family = FamilyOf(scale.base, config);
      return scale;
    }
  }
  // "万人", "亿元", "万平方米": a magnitude prefix on a base measure.
  for (auto [prefix, factor] :
       {std::pair<std::string_view, double>{"万", 1e4}, {"亿", 1e8}}) {
    if (text == prefix) {
      scale.factor = factor;
      return scale;
    }
    if (text.starts_with(prefix)) {
      std::optional<UnitScale> rest =
          ScaleOf(std::string_view(text).substr(prefix.size()), config);
      if (!rest || rest->base.empty()) break;
      rest->factor *= factor;
      return rest;
    }
  }
  scale.base = text;
  scale.family = FamilyOf(text, config);
  return scale;
}

bool SameMeasure(const UnitScale& a, const UnitScale& b) {
  return a.base.empty() || b.base.empty() || a.base == b.base;
}

double Convert(double value, const UnitScale& from, const UnitScale& to) {
  return value * from.factor / to.factor;
}

bool MagnitudeMismatch(const UnitScale& column, const UnitScale& other,
                       double n, double target) {
  if (column.base.empty()) return false;
  if (!other.base.empty() && other.base != column.base) return false;
  if (other.factor == column.factor) return false;
  const double written = n * other.factor;
  if (NearlyEqual(written, target * column.factor)) return false;
  for (double g : {1.0, 1e4, 1e8, other.factor}) {
    if (g != column.factor && NearlyEqual(written, target * g)) return true;
  }
  return false;
}

bool NearlyEqual(double a, double b) {
  const double scale = std::max({1.0, std::fabs(a), std::fabs(b)});
  return std::fabs(a - b) <= 1e-6 * scale;
}

}  // namespace jxaudit
