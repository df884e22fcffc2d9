#include "analyzer/ingest/quantity.h"

#include <algorithm>
#include <cmath>

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

std::string Canonical(std::string_view spelling, const Config& config) {
  const UnitSpec* spec = config.FindUnit(spelling);
  return spec != nullptr ? spec->canonical : std::string(spelling);
}

std::string FamilyOf(std::string_view base, const Config& config) {
  const UnitSpec* spec = config.FindUnit(base);
  return spec != nullptr ? spec->family : "";
}

}  // namespace

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
