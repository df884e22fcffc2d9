// Reads the 评（扣）分标准 cell of a 绩效目标表 row: the most points the rule
// can award, its tiers, its deduction steps, its threshold and the indicator
// it talks about. The rule language is free Chinese text written in a small
// number of patterns (see GUIDE.md, "The scoring-rule language"); the reader
// recognises those patterns and says so when it cannot read a rule, instead of
// guessing.
#ifndef JXAUDIT_ANALYZER_INGEST_SCORE_READER_H_
#define JXAUDIT_ANALYZER_INGEST_SCORE_READER_H_

#include <string_view>

#include "analyzer/model/score_reading.h"

namespace jxaudit {

// Reads one scoring-rule cell. Never fails: a rule it cannot read comes back
// as kUnparsed with why_unparsed set.
ScoreReading ReadScoringRule(std::string_view rule_text);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_SCORE_READER_H_
