#include "analyzer/yoy/trend.h"

#include <algorithm>
#include <cmath>

namespace jxaudit {
namespace {

// The most improved and most declined units listed.
constexpr size_t kTopUnits = 10;

UnitTrend TrendOf(const TrendUnit& unit) {
  UnitTrend trend{.unit = &unit};
  if (unit.quality.empty()) return trend;
  const auto& [first_year, first] = *unit.quality.begin();
  const auto& [last_year, last] = *unit.quality.rbegin();
  trend.first_year = first_year;
  trend.last_year = last_year;
  trend.first = first;
  trend.last = last;
  trend.has_change = unit.quality.size() >= 2;
  trend.change = trend.has_change ? last - first : 0;
  return trend;
}

// Units with a change first, by change (highest first); ties by name so that
// the order is the same on every run.
bool ByChange(const UnitTrend& a, const UnitTrend& b) {
  if (a.has_change != b.has_change) return a.has_change;
  if (a.change != b.change) return a.change > b.change;
  return a.unit->name != b.unit->name ? a.unit->name < b.unit->name
                                      : a.unit->key < b.unit->key;
}

bool BySteepness(const RuleTrend& a, const RuleTrend& b) {
  if (std::abs(a.slope) != std::abs(b.slope))
    return std::abs(a.slope) > std::abs(b.slope);
  return a.rule->rule < b.rule->rule;
}

}  // namespace

double LeastSquaresSlope(const std::vector<std::pair<double, double>>& points) {
  if (points.size() < 2) return 0;
  double mean_x = 0, mean_y = 0;
  for (const auto& [x, y] : points) {
    mean_x += x;
    mean_y += y;
  }
  mean_x /= points.size();
  mean_y /= points.size();
  double sxy = 0, sxx = 0;
  for (const auto& [x, y] : points) {
    sxy += (x - mean_x) * (y - mean_y);
    sxx += (x - mean_x) * (x - mean_x);
  }
  return sxx == 0 ? 0 : sxy / sxx;
}

TrendSummary SummariseTrend(const TrendData& data) {
  TrendSummary summary;
  for (const TrendUnit& unit : data.units) {
    summary.units.push_back(TrendOf(unit));
  }
  std::stable_sort(summary.units.begin(), summary.units.end(), ByChange);
  for (const UnitTrend& trend : summary.units) {
    if (trend.has_change && trend.change > 0 &&
        summary.improved.size() < kTopUnits) {
      summary.improved.push_back(trend);
    }
  }
  for (auto it = summary.units.rbegin(); it != summary.units.rend(); ++it) {
    if (it->has_change && it->change < 0 &&
        summary.declined.size() < kTopUnits) {
      summary.declined.push_back(*it);
    }
  }
  for (const TrendRule& rule : data.rules) {
    std::vector<std::pair<double, double>> points;
    for (const auto& [year, count] : rule.counts)
      points.push_back({year, count});
    summary.rules.push_back({&rule, LeastSquaresSlope(points)});
  }
  for (const RuleTrend& trend : summary.rules) {
    if (trend.slope > 0) summary.rising.push_back(trend);
    if (trend.slope < 0) summary.falling.push_back(trend);
  }
  std::sort(summary.rising.begin(), summary.rising.end(), BySteepness);
  std::sort(summary.falling.begin(), summary.falling.end(), BySteepness);
  return summary;
}

}  // namespace jxaudit
