// What several report writers share: short Chinese names of rules and rule
// families, the quoted row text of a finding, counts, number formatting and
// file names for a unit's correction list.
#ifndef JXAUDIT_REPORTS_REPORT_COMMON_H_
#define JXAUDIT_REPORTS_REPORT_COMMON_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "reports/report_input.h"

namespace jxaudit {

// "weight/sum" -> "分值合计不为100": the 问题类型 of a correction list. Falls
// back to the rule's summary (or its id) for an id this table does not know.
std::string RuleTitle(const ReportInput& input, std::string_view rule_id);
// The same from the table alone: the id itself for an id it does not know
// (for reports made from findings.json files, which carry no rule list).
std::string RuleTitle(std::string_view rule_id);

// "weight/sum" -> "weight"; "weight" -> "分值".
std::string_view RuleFamily(std::string_view rule_id);
std::string_view FamilyTitle(std::string_view family);
// Every family of the taxonomy, in its order.
const std::vector<std::string_view>& Families();

// One labelled piece of a row's original text ("评（扣）分标准", "…").
struct QuotePart {
  std::string label;
  std::string text;
};
// The cells a reviewer needs to see a row's problem: 指标值 (operator, value,
// unit), 指标解释, 评（扣）分标准, 分值. For a unit-level finding, the title.
std::vector<QuotePart> QuoteOf(const Corpus& corpus, const Finding& finding);
// The same, as "标签：文字" lines joined by '\n'.
std::string QuoteText(const Corpus& corpus, const Finding& finding);

// The row's 三级指标; "（整表）" for a unit-level finding; "（数量指标空行）"
// for a placeholder row.
std::string IndicatorLabel(const Corpus& corpus, const Finding& finding);
// The row's 一级 / 二级指标 ("" for unit-level findings).
std::string Level1Of(const Corpus& corpus, const Finding& finding);
std::string Level2Of(const Corpus& corpus, const Finding& finding);

// Findings per severity, waived ones left out; indexed by Severity.
std::array<int, 3> SeverityCounts(const std::vector<Finding>& findings);

// 91.5 -> "91.5", 100 -> "100", 0.875 -> "0.875" (at most `decimals`).
std::string FormatNumber(double value, int decimals = 1);

// "u0007-中共岳阳市君山区纪律检查委员会": safe in a file name on every system
// the bureau uses (no / \ : * ? " < > |, at most 40 characters of name).
std::string UnitFileStem(const Unit& unit);

// The indices of the units that have at least one unwaived finding, worst
// first; and every unit's unwaived findings in priority order (indexed like
// corpus.units; one pass, so it scales to many units).
std::vector<int> UnitsWithFindings(const ReportInput& input);
// The units the report covers (ReportInput::scope), in corpus order.
std::vector<int> UnitsInScope(const ReportInput& input);
// Text made safe as a file or folder name: characters Windows or a shell
// would refuse become "_", cut to `max_chars` characters.
std::string FileNameSafe(std::string_view text, size_t max_chars);
std::vector<std::vector<const Finding*>> FindingsByUnit(
    const ReportInput& input);

// "file:line" of a finding.
std::string LocationText(const SourceLocation& source);

// Truncates to at most `max_chars` code points, adding "…" when cut.
std::string Ellipsize(std::string_view text, size_t max_chars);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_REPORT_COMMON_H_
