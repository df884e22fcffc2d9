// Reads the 评（扣）分标准 cell of a 绩效目标表 row: the most points the rule
// can award, its tiers, its deduction steps, its threshold and the indicator
// it talks about. The rule language is free Chinese text written in a small
// number of patterns (see GUIDE.md, "The scoring-rule language"); the reader
// recognises those patterns and says so when it cannot read a rule, instead of
// guessing.
#ifndef JXAUDIT_ANALYZER_INGEST_SCORE_READER_H_
#define JXAUDIT_ANALYZER_INGEST_SCORE_READER_H_

#include <string>
#include <string_view>

#include "analyzer/model/score_reading.h"

namespace jxaudit {

// Reads one scoring-rule cell. Never fails: a rule it cannot read comes back
// as kUnparsed with why_unparsed set.
ScoreReading ReadScoringRule(std::string_view rule_text);

// The words of `cell_text` as written that the reader read as `read_text`
// (a tier's, a deduction's or a clause's text, which the reader keeps folded
// and normalized: "每少1个扣3分" for "每少一个扣3分"): the shortest run of the
// cell's clauses that reads as it, trimmed of blanks and of quotation marks
// left unmatched at its ends, inner “” written ‘’ so that the quote can sit
// inside “”. `read_text` itself when no clause reads so.
std::string QuoteAsWritten(std::string_view cell_text,
                           std::string_view read_text);

// Reads the numbers with units that a 指标解释 cell states (see
// ExplanationReading), with the rule reader's vocabulary.
ExplanationReading ReadExplanation(std::string_view explanation_text);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_SCORE_READER_H_
