// What the workbook writers share (libxlsxwriter): writing a workbook
// atomically, and measuring text to size columns and rows. CJK text is set in
// 宋体, the font the bureau's templates use.
#ifndef JXAUDIT_REPORTS_XLSX_COMMON_H_
#define JXAUDIT_REPORTS_XLSX_COMMON_H_

#include <xlsxwriter.h>

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace jxaudit {

inline constexpr char kXlsxFont[] = "宋体";
inline constexpr double kXlsxLineHeight = 14.5;  // points per 10.5 pt line

// The folder libxlsxwriter's temporary files go to (its `tmpdir` option):
// /dev/shm when it is a writable folder, else nullptr for the library's
// default (reports/xlsx_common.cc says why).
char* WorkbookTempFolder();

// Creates the workbook at `path` and lets `fill` write it. The caller
// writes it into a staging folder (StagedReports::WriteWith), so that a
// reader never sees half a workbook.
absl::Status WriteWorkbookFile(const std::string& path,
                               const std::string& title,
                               const std::function<void(lxw_workbook*)>& fill);

// Display width of text in Excel character units: 2 for CJK and full-width
// characters, 1 for the rest.
double DisplayWidth(std::string_view text);

// How many lines wrapped text takes in a column `width` units wide.
int LinesFor(std::string_view text, double width);

// A format in 宋体 at `size` points.
lxw_format* XlsxBaseFormat(lxw_workbook* book, double size = 10.5);

// A table cell: wrapped, top-aligned, thin grey border.
lxw_format* XlsxCellFormat(lxw_workbook* book);

// The formats every workbook uses; a writer's own Formats derives from it.
struct XlsxBasicFormats {
  lxw_format* title;   // 15 pt bold
  lxw_format* note;    // wrapped text under the title
  lxw_format* header;  // bold, blue-grey fill, centred
  lxw_format* cell;
  lxw_format* center;
  lxw_format* number;  // 0.0
};
XlsxBasicFormats MakeBasicFormats(lxw_workbook* book);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_XLSX_COMMON_H_
