// Correction lists as Excel workbooks (libxlsxwriter), the form departments
// work in (Excel or WPS): one workbook per unit with findings, and one
// overview workbook with a summary sheet, a sheet of problem types and a
// sheet per unit. Every unit sheet has a header (unit, year, quality score,
// counts), then one row per finding: 序号, 一级指标, 二级指标, 三级指标,
// 问题类型, 问题说明, 原文, 修改建议, 严重程度 — wrapped text with row heights
// fitted to it, a frozen and repeated header row, severity colours, A4
// landscape, one page wide.
#ifndef JXAUDIT_REPORTS_XLSX_REPORT_H_
#define JXAUDIT_REPORTS_XLSX_REPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "reports/report_input.h"

namespace jxaudit {

// The column headings of a unit sheet, in order.
const std::vector<std::string>& CorrectionColumns();

// Writes `path` atomically (a temporary file in the same folder, renamed).
absl::Status WriteUnitWorkbook(const ReportInput& input, int unit,
                               const std::vector<const Finding*>& findings,
                               const std::string& path);
absl::Status WriteOverviewWorkbook(
    const ReportInput& input,
    const std::vector<std::vector<const Finding*>>& by_unit,
    const std::string& path);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_XLSX_REPORT_H_
