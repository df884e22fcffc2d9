// Year over year: which units of an old run are which units of a new one, and
// which findings were fixed, persist or are new.
//
// Units are matched by UnitKey (normalised name) first; the units left over
// on both sides are then matched by a fuzzy score over their names (bigram
// cosine weighted by how rare each bigram is among all unit names, so that
// "人民政府" does not make two towns alike) and, when both snapshots list
// their indicators, by the overlap of their indicator names.
//
// Findings are matched within each matched pair of units by FindingKey
// (rule, indicator key, discriminator), as multisets: two findings with the
// same key in one unit pair persist while both years have them. A finding of
// a removed unit counts as fixed and one of an added unit as new, so that
// old = fixed + persisting and new = new + persisting always hold.
#ifndef JXAUDIT_ANALYZER_YOY_COMPARE_H_
#define JXAUDIT_ANALYZER_YOY_COMPARE_H_

#include <string>
#include <vector>

#include "analyzer/yoy/snapshot.h"

namespace jxaudit {

enum class UnitMatchKind {
  kSameName,  // same UnitKey
  kFuzzy,     // renamed: matched by the fuzzy score
  kAdded,     // only in the new run
  kRemoved,   // only in the old run
};
std::string_view UnitMatchKindName(UnitMatchKind kind);  // "same-name", …

struct UnitPair {
  int old_unit = -1;  // index into the old snapshot's units; -1 when added
  int new_unit = -1;  // index into the new snapshot's units; -1 when removed
  UnitMatchKind kind = UnitMatchKind::kSameName;
  double name_similarity = 1;     // 0–1
  double content_similarity = 0;  // 0–1; 0 when indicators are unknown
};

struct UnitMatchSettings {
  // A renamed unit is accepted when its name score reaches name_alone, or
  // its name score reaches name_with_content and its indicator overlap
  // reaches content.
  double name_alone = 0.6;
  double name_with_content = 0.25;
  double content = 0.5;
};

std::vector<UnitPair> MatchUnits(const std::vector<SnapshotUnit>& old_units,
                                 const std::vector<SnapshotUnit>& new_units,
                                 const UnitMatchSettings& settings = {});

enum class ChangeStatus {
  kFixed,       // in the old run only      (SARIF baselineState "absent")
  kPersisting,  // in both runs             ("unchanged")
  kNew,         // in the new run only      ("new")
};
std::string_view ChangeStatusName(ChangeStatus status);   // "fixed", …
std::string_view BaselineStateName(ChangeStatus status);  // "absent", …

struct FindingChange {
  ChangeStatus status = ChangeStatus::kPersisting;
  int old_finding = -1;  // index into old.findings; -1 when new
  int new_finding = -1;  // index into now.findings; -1 when fixed
  int pair = -1;         // index into Comparison::units
};

struct UnitChange {
  UnitPair pair;
  int fixed = 0, persisting = 0, added = 0;  // finding counts
  double quality_old = 0, quality_new = 0;   // 0 when that side is missing
};

struct Comparison {
  std::vector<UnitChange> units;  // removed units last, then added
  std::vector<FindingChange> findings;
  int fixed = 0, persisting = 0, added = 0;
  int units_same = 0, units_renamed = 0, units_added = 0, units_removed = 0;
  double mean_quality_old = 0, mean_quality_new = 0;
};

Comparison Compare(const Snapshot& old_run, const Snapshot& new_run,
                   const UnitMatchSettings& settings = {});

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_YOY_COMPARE_H_
