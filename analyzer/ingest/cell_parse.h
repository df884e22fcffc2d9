// Parsers for the short cells of an indicator row: operator, value, unit and
// weight. Each works on the NFKC-folded text and never fails: what it cannot
// read it classifies (kInvalid, kText, …) so that rules can report it.
#ifndef JXAUDIT_ANALYZER_INGEST_CELL_PARSE_H_
#define JXAUDIT_ANALYZER_INGEST_CELL_PARSE_H_

#include <optional>
#include <span>
#include <string_view>

#include "analyzer/config/config.h"
#include "analyzer/model/model.h"

namespace jxaudit {

ParsedOperator ParseOperator(std::string_view raw, const Config& config);
ParsedValue ParseValue(std::string_view raw);
ParsedWeight ParseWeight(std::string_view raw);
ParsedUnit ParseUnit(std::string_view raw, const Config& config);

// "三" -> 3, "十二" -> 12, "两" -> 2, "一百" -> 100; nullopt if not a numeral.
std::optional<double> ParseChineseNumeral(std::string_view text);

// Fills every parsed field of the row from its raw cells.
void ParseRowCells(IndicatorRow& row, const Config& config);

// ParseRowCells for every row of `units`, the units in parallel on at most
// `threads` threads (0: all cores). A scoring rule or explanation written
// the same way in many rows (a province's units share many) is read once.
void ParseUnitRows(std::span<Unit> units, const Config& config, int threads);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_CELL_PARSE_H_
