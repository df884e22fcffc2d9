// The layout of one horizontal stacked bar in the reports' SVG charts
// (findings by rule family in review.html, changes per unit in
// compare.html): each segment starts where the one before it ends.
#ifndef JXAUDIT_REPORTS_SVG_BARS_H_
#define JXAUDIT_REPORTS_SVG_BARS_H_

#include <initializer_list>
#include <mstch/mstch.hpp>
#include <string>
#include <utility>

#include "reports/report_common.h"

namespace jxaudit {

// Sets "<name>_x" and "<name>_w" of each segment, from `x` on, and
// "total_x", just past the bar, where its count is written.
inline void PlaceStackedBar(
    mstch::map& row, double x,
    std::initializer_list<std::pair<const char*, double>> segments) {
  for (const auto& [name, width] : segments) {
    row[std::string(name) + "_x"] = FormatNumber(x);
    row[std::string(name) + "_w"] = FormatNumber(width);
    x += width;
  }
  row["total_x"] = FormatNumber(x + 6);
}

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_SVG_BARS_H_
