// CSV and TSV files (as Excel and WPS save them): one table, in the form the
// text-export writer takes (table_text.h).
#ifndef JXAUDIT_ANALYZER_INGEST_CSV_READER_H_
#define JXAUDIT_ANALYZER_INGEST_CSV_READER_H_

#include <string_view>

#include "analyzer/ingest/table_text.h"

namespace jxaudit {

// RFC 4180 records ("quoted, with "" inside", line breaks inside quotes)
// separated by `delimiter` (',' or '\t'); rows placed "第N行" and cells
// "第N行 第C列", N the line the record starts on. `text` is UTF-8.
DocBlock ReadCsvTable(std::string_view text, char delimiter);

// ',' or '\t': whichever the first line uses more (a .tsv is always TAB).
char GuessDelimiter(std::string_view text);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_CSV_READER_H_
