// findings.csv: one line per unwaived finding, for Excel/WPS users. UTF-8
// with a byte-order mark (so Excel reads Chinese correctly), CRLF line ends
// and RFC 4180 quoting.
#ifndef JXAUDIT_REPORTS_CSV_REPORT_H_
#define JXAUDIT_REPORTS_CSV_REPORT_H_

#include <string>

#include "reports/atomic_file.h"
#include "reports/report_input.h"

namespace jxaudit {

// Columns: 优先级, 严重程度, 规则, 问题类型, 单位编号, 单位名称, 一级指标,
// 二级指标, 三级指标, 文件, 行号, 问题说明, 修改建议, 原文, 指纹.
// Rendered on input.threads threads and handed to `sink` as rendered.
absl::Status WriteFindingsCsv(const ReportInput& input, const ByteSink& sink);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_CSV_REPORT_H_
