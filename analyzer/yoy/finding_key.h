// What identifies a finding across runs and years: the rule, the unit (by its
// normalised name), the indicator (by its normalised name) and what kind of
// problem it is. Nothing here depends on line numbers, file names, the order
// of units or the year written in the text, so that a defect that persists
// from one year to the next keeps its key and its fingerprint.
#ifndef JXAUDIT_ANALYZER_YOY_FINDING_KEY_H_
#define JXAUDIT_ANALYZER_YOY_FINDING_KEY_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/finding.h"

namespace jxaudit {

// NormalisedUnitName (NFKC, no blanks, no 岳阳市/君山区 prefix, no (单位)
// suffix), then without 岳阳市/君山区 anywhere and without a leading 中共,
// with every year (1990–2099) replaced by "#": a unit whose table has no
// 单位名称 is known by its title, and the title carries the year.
std::string UnitKey(std::string_view unit_name);

// The 三级指标 folded (NFKC), without blanks, years replaced by "#" and
// trailing punctuation dropped. Empty for a finding about the whole unit.
std::string IndicatorKey(std::string_view indicator);

// Tells apart two findings of one rule on one row: the evidence's "kind" and
// "field" strings, joined; empty when the evidence has neither.
std::string Discriminator(const nlohmann::json& evidence);
std::string Discriminator(const Evidence& evidence);

// rule + unit key + indicator key + discriminator, one string.
std::string FindingKey(std::string_view rule, std::string_view unit_key,
                       std::string_view indicator_key,
                       std::string_view discriminator);

// 16 hex digits of FNV-1a over the key; `occurrence` (0 for the first finding
// with this key in its unit, 1 for the second …, in source order) keeps two
// identical keys apart, e.g. one indicator written twice.
std::string FingerprintOf(std::string_view finding_key, int occurrence);

// Sets every finding's fingerprint. `findings` must be in the order the
// rules produced them (unit by unit, row by row), so that the n-th finding
// with one key is the n-th in the table in every year. Runs on `threads`
// (0: all cores); the result does not depend on them.
void AssignFingerprints(const Corpus& corpus, std::vector<Finding>& findings,
                        int threads = 0);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_YOY_FINDING_KEY_H_
