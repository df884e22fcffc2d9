// Excel workbooks (.xlsx): every visible sheet as a table in the form the
// text-export writer takes (table_text.h).
#ifndef JXAUDIT_ANALYZER_INGEST_XLSX_READER_H_
#define JXAUDIT_ANALYZER_INGEST_XLSX_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "analyzer/ingest/table_text.h"
#include "analyzer/ingest/zip_reader.h"

namespace jxaudit {

// One table per visible sheet (hidden sheets are skipped with a note in
// `notes`), its cells placed "工作表!C5". Values as Excel shows them: shared
// and inline strings (rich text runs joined), numbers in their format (5 →
// "5", 0.95 with a percent format → "95%", a date serial → "2024年12月31日"
// for a 年月日 format). A merged range is one cell; the rows below its first
// row get an empty cell in its first column (as the Word export does for
// vertically merged categories).
absl::StatusOr<std::vector<DocBlock>> ReadXlsxBlocks(
    const ZipReader& zip, const std::string& path,
    std::vector<std::string>& notes);

// The text Excel shows for `value` in number format `format_id` / `code`
// (exposed for tests).
std::string FormatXlsxNumber(double value, int format_id,
                             std::string_view code);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_XLSX_READER_H_
