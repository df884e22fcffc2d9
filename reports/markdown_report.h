// A unit's correction list as Markdown (for the web and for reading as plain
// text), rendered with mstch from reports/correction.md.mustache: the same
// header and findings as the unit's workbook.
#ifndef JXAUDIT_REPORTS_MARKDOWN_REPORT_H_
#define JXAUDIT_REPORTS_MARKDOWN_REPORT_H_

#include <string>
#include <vector>

#include "reports/report_input.h"

namespace jxaudit {

std::string CorrectionMarkdown(const ReportInput& input, int unit,
                               const std::vector<const Finding*>& findings);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_MARKDOWN_REPORT_H_
