// review.html: the finance bureau's one-page review, rendered with mstch
// from reports/review.html.mustache. Self-contained: inline CSS and SVG
// charts, plain JavaScript for the filters (severity, rule or rule family,
// unit, free text; also read from the URL hash, e.g.
// review.html#severity=error&unit=u0024) and for sorting. No network access.
#ifndef JXAUDIT_REPORTS_HTML_REPORT_H_
#define JXAUDIT_REPORTS_HTML_REPORT_H_

#include <string>

#include "reports/report_input.h"

namespace jxaudit {

std::string ReviewHtml(const ReportInput& input);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_HTML_REPORT_H_
