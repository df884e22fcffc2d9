#include "analyzer/ingest/csv_reader.h"

#include <algorithm>

#include "analyzer/model/strings.h"

namespace jxaudit {

char GuessDelimiter(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  const auto tabs = std::count(first.begin(), first.end(), '\t');
  const auto commas = std::count(first.begin(), first.end(), ',');
  return tabs > commas ? '\t' : ',';
}

DocBlock ReadCsvTable(std::string_view text, char delimiter) {
  DocBlock block;
  block.kind = DocBlock::Kind::kTable;
  block.fold_repeated_categories = true;
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    TableRow row;
    row.place = {.row = line};
    std::string field;
    bool quoted = false, was_quoted = false;
    auto end_field = [&]() {
      FilePlace place = row.place;
      if (!row.cells.empty())
        place.column = static_cast<int>(row.cells.size()) + 1;
      row.cells.push_back({field, place});
      field.clear();
      was_quoted = false;
    };
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++line;
          field.push_back(c);
        }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == delimiter) {
        end_field();
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        field.push_back(c);
      }
    }
    end_field();
    ++i;  // the line end
    ++line;
    block.rows.push_back(std::move(row));
  }
  return block;
}

}  // namespace jxaudit
