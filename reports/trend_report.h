// `jxaudit trend`: how the units' quality scores and the rules' findings
// develop over the recorded years. trend.json (fields in docs/history.md)
// and trend.html (inline SVG charts, rendered with mstch from
// reports/trend.html.mustache; no scripts, no network access).
#ifndef JXAUDIT_REPORTS_TREND_REPORT_H_
#define JXAUDIT_REPORTS_TREND_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/status.h"
#include "analyzer/yoy/history.h"
#include "analyzer/yoy/trend.h"

namespace jxaudit {

nlohmann::json TrendJson(const TrendData& data);
std::string TrendHtml(const TrendData& data);

// Writes out_dir/trend.json and out_dir/trend.html, each atomically.
absl::Status WriteTrendReports(const TrendData& data,
                               const std::string& out_dir);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_TREND_REPORT_H_
