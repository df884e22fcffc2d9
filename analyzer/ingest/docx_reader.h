// Word documents (.docx): the tables and paragraphs of word/document.xml,
// in the form the text-export writer takes (table_text.h).
#ifndef JXAUDIT_ANALYZER_INGEST_DOCX_READER_H_
#define JXAUDIT_ANALYZER_INGEST_DOCX_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "analyzer/ingest/table_text.h"
#include "analyzer/ingest/zip_reader.h"

namespace jxaudit {

// Paragraphs (place "第N段") and tables (cells placed "表N 第R行 第C列", C
// the column in the table's grid) of the document body, in order. Merged
// cells: a horizontal span is one cell, a vertical continuation an empty
// cell (as the Word text export leaves it). Paragraphs in a cell are joined
// with '\n', as are line breaks. Text in content controls, hyperlinks and
// tracked insertions is read; tracked deletions and hidden text are not.
absl::StatusOr<std::vector<DocBlock>> ReadDocxBlocks(const ZipReader& zip,
                                                     const std::string& path);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_DOCX_READER_H_
