// Trend analysis over the recorded years (the history's TrendData): each
// unit's change of quality from its first year to its last, the most
// improved and most declined units, and each rule's least-squares slope of
// findings per year. The trend report (reports/trend_report.h) only renders
// what this computes.
#ifndef JXAUDIT_ANALYZER_YOY_TREND_H_
#define JXAUDIT_ANALYZER_YOY_TREND_H_

#include <utility>
#include <vector>

#include "analyzer/yoy/history.h"

namespace jxaudit {

// A unit's score from its first recorded year to its last.
struct UnitTrend {
  const TrendUnit* unit = nullptr;
  int first_year = 0, last_year = 0;
  double first = 0, last = 0;
  double change = 0;        // last − first
  bool has_change = false;  // recorded in at least two years
};

struct RuleTrend {
  const TrendRule* rule = nullptr;
  double slope = 0;  // findings per year, least squares over every year
};

struct TrendSummary {
  std::vector<UnitTrend> units;     // by change, highest first; no change last
  std::vector<UnitTrend> improved;  // at most 10, change > 0, highest first
  std::vector<UnitTrend> declined;  // at most 10, change < 0, lowest first
  std::vector<RuleTrend> rules;     // as TrendData::rules
  std::vector<RuleTrend> rising;    // slope > 0, steepest first
  std::vector<RuleTrend> falling;   // slope < 0, steepest first
};

// Pointers into `data`, which must outlive the summary.
TrendSummary SummariseTrend(const TrendData& data);

// Least-squares slope of y over x; 0 with fewer than two distinct x.
double LeastSquaresSlope(const std::vector<std::pair<double, double>>& points);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_YOY_TREND_H_
