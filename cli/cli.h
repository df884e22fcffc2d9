// The command line's pieces, one file per command (analyzer/cli/*.cc):
// the shared run of the analyzer (analysis.cc), check, dump and rules
// (check.cc), compare (compare.cc), --history and trend (history.cc).
// analyzer/main.cc only declares the commands and their options.
#ifndef JXAUDIT_CLI_CLI_H_
#define JXAUDIT_CLI_CLI_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "analyzer/config/config.h"
#include "analyzer/config/waivers.h"
#include "analyzer/engine/engine.h"
#include "analyzer/engine/ranking.h"
#include "analyzer/yoy/snapshot.h"
#include "reports/progress.h"
#include "reports/report_input.h"

namespace jxaudit::cli {

// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
// 2 usage or input error.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitInputError = 2;

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string out_dir;
  std::string fail_on = "error";
  std::string config_path;
  std::string waivers_path;
  std::string baseline_path;
  std::string history_path;
  int year = 0;
  int threads = 0;
  int top = 10;
};

struct CompareOptions {
  std::string old_path;
  std::string new_path;
  std::string out_dir;
  std::string format = "text";
  std::string config_path;
  int threads = 0;
  int top = 10;
};

struct TrendOptions {
  std::string history_path;
  std::string out_dir;
};

// The defaults compiled into the binary, overlaid with the user's file;
// configures `rules` with the result (each reads its parameters once).
absl::StatusOr<Config> LoadConfig(const std::string& user_path,
                                  const RuleList& rules);

// Every name a command writes directly into its --out folder (the
// correction lists go into its corrections/ folder).
inline constexpr std::string_view kReportFileNames[] = {
    "findings.json",    "findings.sarif", "findings.csv", "review.html",
    "corrections.xlsx", "compare.html",   "compare.xlsx", "compare.json",
    "compare.sarif",    "trend.html",     "trend.json"};

// jxaudit never writes what it reads. Refused: an --out equal to or inside
// an input folder (whose files are read recursively), equal to an input
// file, or one where a report would land on an input file. Writing next to
// an input file is allowed. Relative and absolute spellings are resolved
// alike, also for an --out that does not exist yet. `inputs` may hold
// empty strings (options not given).
absl::Status CheckOutputDir(const std::string& out_dir,
                            const std::vector<std::string>& inputs);

std::vector<RuleDescription> Describe(const RuleList& rules,
                                      const Config& config);

bool HasInputErrors(const Corpus& corpus);

// Prints "jxaudit: <message>" on stderr and returns kExitInputError.
int Fail(const absl::Status& status);

// Fail, and when the status is an interruption (Cancelled, see
// InterruptGuard) ends the process by the signal that was noted.
int FailOrReraise(const absl::Status& status);

// One run of the analyzer over a set of inputs. The report input points
// into it, so it stays in one place (never copied) while reports are written.
struct Analysis {
  Corpus corpus;
  std::vector<Finding> findings;
  std::vector<UnitScore> scores;
  int target_year = 0;
  std::optional<WaiverSet> waivers;
};

struct AnalyzeOptions {
  int year = 0;
  int threads = 0;
  std::string waivers_path;
};

// Reads the inputs, runs the rules, applies waivers and ranks. Input
// problems are printed and the run goes on with what could be read; only a
// corpus without any table is an error.
absl::StatusOr<std::unique_ptr<Analysis>> Analyze(
    const std::vector<std::string>& paths, const Config& config,
    const RuleList& rules, const AnalyzeOptions& options, Progress& progress);

ReportInput InputOf(const Analysis& analysis, const Config& config,
                    const RuleList& rules, const std::string& config_path,
                    int threads = 0);

// The run as year-over-year work reads it: its own findings.json read back,
// so that compare, --baseline and --history see exactly what the reports say.
absl::StatusOr<Snapshot> SnapshotOf(const ReportInput& input,
                                    const std::string& label);

// Records the run in the --history database (check.cc calls it before a
// --baseline narrows the findings).
int RecordHistory(const Snapshot& run, const CheckOptions& options);

int RunCheck(const CheckOptions& options);
int RunCompare(const CompareOptions& options);
int RunTrend(const TrendOptions& options);
int RunDump(const std::vector<std::string>& paths,
            const std::string& config_path);
int RunListRules(const std::string& config_path);

}  // namespace jxaudit::cli

#endif  // JXAUDIT_CLI_CLI_H_
