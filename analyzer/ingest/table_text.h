// The form every office reader produces (paragraphs and tables, each cell
// with its place in the department's file) and its conversion into the
// text-export form that ReadTextExport reads. Turning Word, Excel, CSV and
// web pages into that one form keeps a single reader for the model: every
// rule sees the same cells whatever the department sent, and the cells stay
// views into one buffer.
#ifndef JXAUDIT_ANALYZER_INGEST_TABLE_TEXT_H_
#define JXAUDIT_ANALYZER_INGEST_TABLE_TEXT_H_

#include <string>
#include <vector>

#include "analyzer/model/model.h"

namespace jxaudit {

struct TableCell {
  std::string text;  // paragraphs joined with '\n'
  FilePlace place;   // 表1 第5行 第3列, Sheet1!C5, 第12行 第3列
};

struct TableRow {
  std::vector<TableCell> cells;  // merged cells once; vertically merged: ""
  FilePlace place;               // the row as a whole: 表1 第5行, Sheet1!A5
};

// A paragraph outside tables (a heading, a title) or a table.
struct DocBlock {
  enum class Kind { kParagraph, kTable } kind = Kind::kParagraph;
  TableCell paragraph;         // kParagraph
  std::vector<TableRow> rows;  // kTable
  std::string fallback_title;  // kTable: used when no title precedes it
  // kTable: a category written again on every row is a merged cell (CSV,
  // which cannot merge cells; Word, Excel and web pages merge them, and a
  // repeat there is written as the department wrote it).
  bool fold_repeated_categories = false;
};

struct TextForm {
  std::string text;                    // the text-export form, UTF-8, LF
  std::vector<FilePlace> line_places;  // place of each line of `text`
  std::vector<std::string> notes;      // what was worked around
};

// Writes the blocks in the text-export form (GUIDE "The text export
// format"): a title paragraph becomes a one-cell title row, "名称：…"
// paragraphs become label/value rows, other paragraphs are dropped; table
// rows become rows of TAB-led cells. A table with no title before it gets
// one made from its 部门（单位）名称 (or `fallback_title`), with a note.
TextForm BlocksToTextForm(const std::vector<DocBlock>& blocks);

// Cell text as the text export would hold it: CR and TAB become spaces,
// blank lines inside the cell are dropped (a blank line would end the row).
std::string CleanCellText(std::string_view text);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_TABLE_TEXT_H_
