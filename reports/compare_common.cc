#include "reports/compare_common.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "analyzer/model/strings.h"
#include "reports/report_common.h"

namespace jxaudit {
namespace {

template <typename T>
const T* At(const std::vector<T>& items, int index) {
  return index >= 0 && index < static_cast<int>(items.size()) ? &items[index]
                                                              : nullptr;
}

const UnitPair* PairOf(const CompareInput& in, const FindingChange& change) {
  const UnitChange* unit = At(in.comparison.units, change.pair);
  return unit == nullptr ? nullptr : &unit->pair;
}

int GroupOf(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kNew:
      return 0;
    case ChangeStatus::kPersisting:
      return 1;
    case ChangeStatus::kFixed:
      return 2;
  }
  return 1;
}

// Removed and added units after the matched ones, so a reader sees first
// the units that got worse.
int UnitGroup(const UnitChange& unit) {
  switch (unit.pair.kind) {
    case UnitMatchKind::kRemoved:
      return 1;
    case UnitMatchKind::kAdded:
      return 2;
    default:
      return 0;
  }
}

std::string UnitSortName(const CompareInput& in, const UnitChange& unit) {
  const SnapshotUnit* now = NewUnitOf(in, unit.pair);
  const SnapshotUnit* then = OldUnitOf(in, unit.pair);
  return now != nullptr ? now->name : then != nullptr ? then->name : "";
}

}  // namespace

const SnapshotUnit* OldUnitOf(const CompareInput& in, const UnitPair& pair) {
  return At(in.old_run.units, pair.old_unit);
}

const SnapshotUnit* NewUnitOf(const CompareInput& in, const UnitPair& pair) {
  return At(in.new_run.units, pair.new_unit);
}

const SnapshotFinding* OldFindingOf(const CompareInput& in,
                                    const FindingChange& change) {
  return At(in.old_run.findings, change.old_finding);
}

const SnapshotFinding* NewFindingOf(const CompareInput& in,
                                    const FindingChange& change) {
  return At(in.new_run.findings, change.new_finding);
}

const SnapshotFinding& ShownFinding(const CompareInput& in,
                                    const FindingChange& change) {
  static const SnapshotFinding kNone;
  const SnapshotFinding* now = NewFindingOf(in, change);
  const SnapshotFinding* then = OldFindingOf(in, change);
  return now != nullptr ? *now : then != nullptr ? *then : kNone;
}

const SnapshotUnit* OldUnitOf(const CompareInput& in,
                              const FindingChange& change) {
  if (const UnitPair* pair = PairOf(in, change)) return OldUnitOf(in, *pair);
  const SnapshotFinding* then = OldFindingOf(in, change);
  return then == nullptr ? nullptr : At(in.old_run.units, then->unit);
}

const SnapshotUnit* NewUnitOf(const CompareInput& in,
                              const FindingChange& change) {
  if (const UnitPair* pair = PairOf(in, change)) return NewUnitOf(in, *pair);
  const SnapshotFinding* now = NewFindingOf(in, change);
  return now == nullptr ? nullptr : At(in.new_run.units, now->unit);
}

std::string UnitNameOf(const CompareInput& in, const FindingChange& change) {
  if (const SnapshotUnit* now = NewUnitOf(in, change)) return now->name;
  if (const SnapshotUnit* then = OldUnitOf(in, change)) return then->name;
  return "";
}

std::string_view ReasonOf(const CompareInput& in, const FindingChange& change) {
  const UnitPair* pair = PairOf(in, change);
  if (pair == nullptr) return "";
  if (pair->kind == UnitMatchKind::kRemoved) return "unit-removed";
  if (pair->kind == UnitMatchKind::kAdded) return "unit-added";
  return "";
}

bool IsMatched(const UnitChange& unit) {
  return unit.pair.kind == UnitMatchKind::kSameName ||
         unit.pair.kind == UnitMatchKind::kFuzzy;
}

double QualityChange(const UnitChange& unit) {
  return unit.quality_new - unit.quality_old;
}

std::vector<int> UnitOrder(const CompareInput& in) {
  const std::vector<UnitChange>& units = in.comparison.units;
  std::vector<int> order(units.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const UnitChange& x = units[a];
    const UnitChange& y = units[b];
    if (UnitGroup(x) != UnitGroup(y)) return UnitGroup(x) < UnitGroup(y);
    if (UnitGroup(x) == 0 && QualityChange(x) != QualityChange(y)) {
      return QualityChange(x) < QualityChange(y);
    }
    return UnitSortName(in, x) < UnitSortName(in, y);
  });
  return order;
}

std::vector<int> FindingOrder(const CompareInput& in) {
  const std::vector<FindingChange>& findings = in.comparison.findings;
  std::vector<int> order(findings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const int ga = GroupOf(findings[a].status);
    const int gb = GroupOf(findings[b].status);
    if (ga != gb) return ga < gb;
    return ShownFinding(in, findings[a]).priority >
           ShownFinding(in, findings[b]).priority;
  });
  return order;
}

std::string_view MatchKindChinese(UnitMatchKind kind) {
  switch (kind) {
    case UnitMatchKind::kSameName:
      return "同名";
    case UnitMatchKind::kFuzzy:
      return "更名";
    case UnitMatchKind::kAdded:
      return "新增";
    case UnitMatchKind::kRemoved:
      return "撤销";
  }
  return "同名";
}

std::string_view StatusChinese(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kFixed:
      return "已整改";
    case ChangeStatus::kPersisting:
      return "仍存在";
    case ChangeStatus::kNew:
      return "新增";
  }
  return "仍存在";
}

std::string_view SeverityChinese(std::string_view severity) {
  const std::optional<Severity> parsed = ParseSeverity(severity);
  return parsed ? SeverityChineseName(*parsed) : severity;
}

std::string_view ReasonChinese(std::string_view reason) {
  if (reason == "unit-removed") return "单位已撤销";
  if (reason == "unit-added") return "新增单位";
  return "";
}

std::string FindingPlace(const SnapshotFinding* finding) {
  if (finding == nullptr) return "—";
  if (finding->line <= 0) return finding->file;
  return StrCat(finding->file, ":", finding->line);
}

std::string SignedNumber(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(value * scale) / scale;
  if (rounded > 0) return StrCat("+", FormatNumber(rounded, decimals));
  if (rounded < 0) return StrCat("−", FormatNumber(-rounded, decimals));
  return "0";
}

}  // namespace jxaudit
