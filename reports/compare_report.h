// The reports of `jxaudit compare OLD NEW --out DIR`: what changed between
// two runs (two years, or a baseline and now), per unit and overall.
//   compare.json   the machine-readable result (docs/compare.md)
//   compare.html   one self-contained page: headline numbers, a chart of
//                  quality scores then → now, the per-unit table, the new,
//                  fixed and persisting findings, units added/removed/renamed
//   compare.xlsx   the same tables as sheets (概览, 新增问题, 已整改, 仍存在,
//                  单位变动)
//   compare.sarif  SARIF 2.1.0: the new run's findings with baselineState
//                  "new" / "unchanged", and the fixed ones as "absent"
// Units are listed worst quality change first among matched units, then the
// removed and then the added ones; findings new first, then persisting, then
// fixed, each by priority.
#ifndef JXAUDIT_REPORTS_COMPARE_REPORT_H_
#define JXAUDIT_REPORTS_COMPARE_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analyzer/yoy/compare.h"
#include "analyzer/yoy/snapshot.h"

namespace jxaudit {

struct CompareInput {
  const Snapshot& old_run;
  const Snapshot& new_run;
  const Comparison& comparison;
};

nlohmann::json CompareJson(const CompareInput& in);
// New and fixed findings are listed in full; persisting ones (already in
// last year's review) only the `max_persisting_rows` of highest priority, so
// that the page stays usable for a province. All are in the .xlsx and .json.
inline constexpr int kMaxPersistingRows = 2000;
std::string CompareHtml(const CompareInput& in,
                        int max_persisting_rows = kMaxPersistingRows);
nlohmann::json CompareSarif(const CompareInput& in);
// Writes `path` atomically.
absl::Status WriteCompareWorkbook(const CompareInput& in,
                                  const std::string& path);

// Writes compare.json, compare.html, compare.xlsx and compare.sarif into
// out_dir (creating it); returns the file names written, in that order.
absl::StatusOr<std::vector<std::string>> WriteCompareReports(
    const CompareInput& in, const std::string& out_dir);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_COMPARE_REPORT_H_
