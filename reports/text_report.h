// The terminal output: one line per finding (compiler style) and a summary.
#ifndef JXAUDIT_REPORTS_TEXT_REPORT_H_
#define JXAUDIT_REPORTS_TEXT_REPORT_H_

#include <string>

#include "reports/report_input.h"

namespace jxaudit {

// "file:line: 错误 [weight/sum] 单位 · 指标: message" for every finding.
std::string FindingLines(const ReportInput& input);

// Units, rows, findings per severity and per rule, the top findings, input
// problems and what was skipped.
std::string SummaryText(const ReportInput& input, int top_count);

// One line per input diagnostic, "file:line: 错误: message（已跳过：…）".
std::string DiagnosticLines(const std::vector<InputDiagnostic>& diagnostics);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_TEXT_REPORT_H_
