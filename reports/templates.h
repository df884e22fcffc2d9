// The report templates (reports/*.mustache), compiled into the binary by
// reports/templates.cmake. Rendered with mstch (Mustache).
#ifndef JXAUDIT_REPORTS_TEMPLATES_H_
#define JXAUDIT_REPORTS_TEMPLATES_H_

#include <string_view>

namespace jxaudit {

// "review.html" -> the text of reports/review.html.mustache; empty if unknown.
std::string_view ReportTemplate(std::string_view name);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_TEMPLATES_H_
