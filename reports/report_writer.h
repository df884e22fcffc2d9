// Writes every report of a run into the --out folder: findings.json,
// findings.sarif, findings.csv, review.html, corrections.xlsx (overview) and
// corrections/<unit>.xlsx + .md for every unit with findings. Each file is
// written atomically (temporary file + rename). Correction lists left over
// from an earlier run for units that no longer have findings are removed,
// so the folder never holds an outdated list.
#ifndef JXAUDIT_REPORTS_REPORT_WRITER_H_
#define JXAUDIT_REPORTS_REPORT_WRITER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "reports/progress.h"
#include "reports/report_input.h"

namespace jxaudit {

struct WrittenReports {
  std::vector<std::string> files;  // paths relative to the out folder
  int unit_lists = 0;              // units with a correction list
};

// How many progress steps WriteReports takes for this input.
int ReportSteps(const ReportInput& input);

absl::StatusOr<WrittenReports> WriteReports(const ReportInput& input,
                                            const std::string& out_dir,
                                            Progress* progress = nullptr);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_REPORT_WRITER_H_
