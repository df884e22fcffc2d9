// `jxaudit trend`: how the units' quality scores and the rules' findings
// develop over the recorded years. trend.json (fields in docs/history.md)
// and trend.html (inline SVG charts, rendered with mstch from
// reports/trend.html.mustache; no scripts, no network access).
#ifndef JXAUDIT_REPORTS_TREND_REPORT_H_
#define JXAUDIT_REPORTS_TREND_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
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

nlohmann::json TrendJson(const TrendData& data);
std::string TrendHtml(const TrendData& data);

// Writes out_dir/trend.json and out_dir/trend.html, each atomically.
absl::Status WriteTrendReports(const TrendData& data,
                               const std::string& out_dir);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_TREND_REPORT_H_
