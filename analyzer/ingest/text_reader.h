// The reader for the Word-to-text export of 整体支出绩效目标表 (see the
// domain GUIDE): cells are lines starting with a TAB, a blank line ends a
// row, lines without a TAB continue the cell above. The reader walks the
// buffer once and keeps every cell as a view into it.
#ifndef JXAUDIT_ANALYZER_INGEST_TEXT_READER_H_
#define JXAUDIT_ANALYZER_INGEST_TEXT_READER_H_

#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/model/model.h"

namespace jxaudit {

// Reads every table in `buffer` (which must outlive the units) and appends
// them to `units`, every cell parsed (on at most `threads` threads, 0: all
// cores); problems go to `diagnostics`, each naming file and line.
void ReadTextExport(const SourceBuffer& buffer, const Config& config,
                    std::vector<Unit>& units,
                    std::vector<InputDiagnostic>& diagnostics, int threads = 0);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_TEXT_READER_H_
