// review.html: the finance bureau's one-page review, rendered with mstch
// from reports/review.html.mustache. Self-contained: inline CSS and SVG
// charts, plain JavaScript for the filters (severity, rule or rule family,
// unit, free text; also read from the URL hash, e.g.
// review.html#severity=error&unit=u0024) and for sorting. No network access.
#ifndef JXAUDIT_REPORTS_HTML_REPORT_H_
#define JXAUDIT_REPORTS_HTML_REPORT_H_

#include <string>

#include "reports/report_input.h"
#include "reports/review_pages.h"

namespace jxaudit {

// The whole input on one page (a district's review).
std::string ReviewHtml(const ReportInput& input);

// A province's review (ReviewLayout::paged): one page of one jurisdiction,
// linking back to the overview and to the jurisdiction's other parts.
std::string ReviewPageHtml(const ReportInput& input, const ReviewLayout& layout,
                           size_t index);

// A province's review.html: the headline, jurisdictions ranked by mean
// quality (worst first) with links to their pages, the worst units and the
// findings by rule. No finding rows: those are on the jurisdictions' pages.
std::string ReviewOverviewHtml(const ReportInput& input,
                               const ReviewLayout& layout);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_HTML_REPORT_H_
