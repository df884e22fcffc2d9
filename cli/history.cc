// check --history (recording a run in the SQLite history) and jxaudit trend.
#include "analyzer/yoy/history.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "absl/strings/numbers.h"
#include "analyzer/model/strings.h"
#include "analyzer/yoy/snapshot.h"
#include "cli/cli.h"
#include "reports/atomic_file.h"
#include "reports/trend_report.h"

namespace jxaudit::cli {
namespace {

namespace fs = std::filesystem;

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// How long --history waits for a database another run holds locked:
// 10 s, or JXAUDIT_HISTORY_WAIT_MS (the tests shorten it).
int HistoryWaitMs() {
  const char* text = std::getenv("JXAUDIT_HISTORY_WAIT_MS");
  int ms = 0;
  if (text != nullptr && absl::SimpleAtoi(text, &ms) && ms >= 0) return ms;
  return 10000;
}

}  // namespace

// Records the run in the history database, read back from its own
// findings.json so that the history holds exactly what the reports say.
// One line on where it went (stderr when stdout carries a machine format).
int RecordHistory(const Snapshot& run, const CheckOptions& options) {
  // Says that nothing of this run went in (the year is one transaction).
  const auto fail = [](const absl::Status& status) {
    return Fail(absl::Status(
        status.code(), StrCat(status.message(),
                              "；本次没有记入历史记录，已有的记录保持原样")));
  };
  auto history = History::Open(options.history_path, true, HistoryWaitMs());
  if (!history.ok()) return fail(history.status());
  auto recorded = history->RecordRun(run, UtcNow());
  if (!recorded.ok()) return fail(recorded.status());
  std::string line = StrCat(
      "历史记录：已将 ", recorded->year, " 年度（", recorded->units,
      " 个单位，", recorded->findings, " 个问题）记入 ", options.history_path,
      recorded->replaced ? "，替换了该年度此前的记录" : "，该年度首次记录");
  if (recorded->renamed_units > 0) {
    StrAppend(&line, "；", recorded->renamed_units, " 个单位按 ",
              recorded->previous_year, " 年度的同一单位归并（名称有变）");
  }
  (options.format == "text" ? std::cout : std::cerr) << line << "\n";
  return kExitClean;
}

int RunTrend(const TrendOptions& options) {
  std::error_code error;
  if (!fs::exists(options.history_path, error)) {
    std::cerr << "jxaudit: 历史记录文件 " << options.history_path
              << " 不存在；请先用 jxaudit check … --history "
              << options.history_path << " 记录审核结果\n";
    return kExitInputError;
  }
  if (auto status = CheckOutputDir(options.out_dir, {options.history_path});
      !status.ok()) {
    return Fail(status);
  }
  auto history = History::Open(options.history_path, false, HistoryWaitMs());
  if (!history.ok()) return Fail(history.status());
  auto trend = history->Trend();
  if (!trend.ok()) return Fail(trend.status());
  if (trend->years.empty()) {
    std::cerr << "jxaudit: " << options.history_path
              << ": 历史记录中还没有任何年度，未生成趋势报告\n";
    return kExitInputError;
  }
  InterruptGuard guard;  // see RunCheck
  if (auto status = WriteTrendReports(*trend, options.out_dir); !status.ok()) {
    return FailOrReraise(status);
  }
  InterruptGuard::Reraise();
  const std::string dir =
      options.out_dir.back() == '/' ? options.out_dir : options.out_dir + "/";
  std::cout << "趋势报告（" << trend->years.front() << "–"
            << trend->years.back() << " 年，" << trend->years.size()
            << " 个年度，" << trend->units.size() << " 个单位）已写入：\n  "
            << dir << "trend.html   图表（离线打开）\n  " << dir
            << "trend.json   机器可读\n";
  return kExitClean;
}

}  // namespace jxaudit::cli
