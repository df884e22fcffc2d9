// Writes every report of a run into the --out folder: findings.json,
// findings.sarif, findings.csv, review.html, corrections.xlsx (overview) and
// corrections/<unit>.xlsx + .md for every unit with findings. A province's
// input (several reviewing jurisdictions, see reports/review_pages.h) gets
// review.html as an overview, review/<jurisdiction>.html pages and
// corrections/<jurisdiction>/<unit>.xlsx + .md. Each file is written
// atomically (staged, then renamed). Reports an earlier run wrote (listed in
// out/.jxaudit-reports) that this run did not write are removed, so the
// folder never holds an outdated list or page; nothing else is touched.
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
  // A province's review: pages under review/ and the jurisdictions they
  // cover (0 and 1 for a district's one review.html).
  int review_pages = 0;
  int jurisdictions = 1;
};

// How many progress steps WriteReports takes for this input.
int ReportSteps(const ReportInput& input);

absl::StatusOr<WrittenReports> WriteReports(const ReportInput& input,
                                            const std::string& out_dir,
                                            Progress* progress = nullptr);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_REPORT_WRITER_H_
