// Web pages (.htm/.html, as Word and WPS "save as web page" write them),
// parsed with gumbo (an HTML5 parser), into the form the text-export writer
// takes (table_text.h).
#ifndef JXAUDIT_ANALYZER_INGEST_HTML_READER_H_
#define JXAUDIT_ANALYZER_INGEST_HTML_READER_H_

#include <string_view>
#include <vector>

#include "analyzer/ingest/table_text.h"

namespace jxaudit {

// Tables (cells placed "表N 第R行 第C列"; rowspan continuations become empty
// cells, a colspan one cell) and the paragraphs and headings outside them
// ("第N段"). `html` is UTF-8. Text hidden with display:none is skipped.
// `tables` is set to the number of tables found.
std::vector<DocBlock> ReadHtmlBlocks(std::string_view html, int& tables);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_HTML_READER_H_
