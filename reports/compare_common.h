// What the compare report writers (compare_report.cc, compare_html.cc,
// compare_xlsx.cc) share: looking up the two sides of a unit pair or a
// finding change, the order units and findings are listed in, and the
// Chinese names of statuses.
#ifndef JXAUDIT_REPORTS_COMPARE_COMMON_H_
#define JXAUDIT_REPORTS_COMPARE_COMMON_H_

#include <string>
#include <string_view>
#include <vector>

#include "reports/compare_report.h"

namespace jxaudit {

// The units of a pair; null for the missing side (or a bad index).
const SnapshotUnit* OldUnitOf(const CompareInput& in, const UnitPair& pair);
const SnapshotUnit* NewUnitOf(const CompareInput& in, const UnitPair& pair);

// The findings of a change; null for the missing side.
const SnapshotFinding* OldFindingOf(const CompareInput& in,
                                    const FindingChange& change);
const SnapshotFinding* NewFindingOf(const CompareInput& in,
                                    const FindingChange& change);
// The finding as the reports show it: the new one when there is one.
const SnapshotFinding& ShownFinding(const CompareInput& in,
                                    const FindingChange& change);

// The units of a finding change, from its unit pair, or from the findings'
// own units when the change has no pair; null for the missing side.
const SnapshotUnit* OldUnitOf(const CompareInput& in,
                              const FindingChange& change);
const SnapshotUnit* NewUnitOf(const CompareInput& in,
                              const FindingChange& change);
// The unit's name now, or its old name when it was removed.
std::string UnitNameOf(const CompareInput& in, const FindingChange& change);

// "unit-removed" / "unit-added" when the finding was fixed or appeared only
// because its unit disappeared or appeared; empty otherwise.
std::string_view ReasonOf(const CompareInput& in, const FindingChange& change);

// Whether both runs have the unit, so that a quality change means something.
bool IsMatched(const UnitChange& unit);
double QualityChange(const UnitChange& unit);  // new − old

// Indices into comparison.units: matched units by quality change, worst
// first (ties by name), then the removed units, then the added ones.
std::vector<int> UnitOrder(const CompareInput& in);
// Indices into comparison.findings: new, persisting, fixed; within each,
// by priority (the new run's, or the old one's for fixed findings),
// highest first.
std::vector<int> FindingOrder(const CompareInput& in);

std::string_view MatchKindChinese(UnitMatchKind kind);  // 同名/更名/新增/撤销
std::string_view StatusChinese(ChangeStatus status);  // 已整改/仍存在/新增
std::string_view SeverityChinese(std::string_view severity);  // error -> 错误
std::string_view ReasonChinese(std::string_view reason);  // unit-removed -> …

// "file:line" of a finding; "—" for none.
std::string FindingPlace(const SnapshotFinding* finding);
// "88.1 → 89.0" style numbers.
std::string SignedNumber(double value, int decimals = 1);  // "+4.5", "−2"

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_COMPARE_COMMON_H_
