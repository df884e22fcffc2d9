// What the text reader and the office readers agree on when they recognise
// a table's title and its labels: one definition, so that a Word table and
// its text export are read the same.
#ifndef JXAUDIT_ANALYZER_INGEST_TABLE_LABELS_H_
#define JXAUDIT_ANALYZER_INGEST_TABLE_LABELS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace jxaudit {

// Every table's title contains it.
inline constexpr std::string_view kTitleMarker = "整体支出绩效目标表";
// A title is one short line; a longer cell that mentions the marker is prose.
inline constexpr size_t kMaxTitleCodePoints = 80;

// Whether a cell is a table's title.
bool IsTitleText(std::string_view text);

// The label form of a cell: folded, without blanks, '*' or brackets, so that
// "*评（扣）分标准" and "评(扣)分标准" compare equal.
std::string LabelOf(std::string_view text);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_TABLE_LABELS_H_
