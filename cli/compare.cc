// jxaudit compare OLD NEW: each side a corpus (checked now) or a
// findings.json; the comparison and its reports.
#include "analyzer/yoy/compare.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "analyzer/model/strings.h"
#include "analyzer/yoy/snapshot.h"
#include "cli/cli.h"
#include "reports/atomic_file.h"
#include "reports/compare_report.h"
#include "reports/report_common.h"
#include "rules/registry.h"

namespace jxaudit::cli {
namespace {

namespace fs = std::filesystem;

// One side of `compare`: a findings.json is read as it is; anything else is
// a corpus (a file or a folder), checked now with the given configuration.
absl::StatusOr<Snapshot> LoadSide(const std::string& path, const Config& config,
                                  const RuleList& rules,
                                  const CompareOptions& options) {
  std::error_code error;
  if (fs::is_regular_file(path, error) && LooksLikeFindingsJson(path)) {
    return ReadSnapshotFile(path);
  }
  Progress progress(3);
  auto analysis =
      Analyze({path}, config, rules, {.threads = options.threads}, progress);
  progress.Finish();
  if (!analysis.ok()) return analysis.status();
  const ReportInput input = InputOf(**analysis, config, rules,
                                    options.config_path, options.threads);
  return SnapshotOf(input, path);
}

std::string ComparisonText(const Snapshot& old_run, const Snapshot& new_run,
                           const Comparison& c, int top) {
  std::string out = StrCat("年度对比 ", old_run.year, " → ", new_run.year, "（",
                           old_run.label, " → ", new_run.label, "）\n");
  StrAppend(&out, "单位：", old_run.units.size(), " → ", new_run.units.size(),
            "；同名 ", c.units_same, "，更名 ", c.units_renamed, "，新增 ",
            c.units_added, "，撤销 ", c.units_removed, "\n");
  StrAppend(&out, "问题：已整改 ", c.fixed, "，仍存在 ", c.persisting,
            "，新增 ", c.added, "\n");
  StrAppend(&out, "平均质量得分：", FormatNumber(c.mean_quality_old), " → ",
            FormatNumber(c.mean_quality_new), "\n");
  std::vector<const UnitChange*> matched;
  for (const UnitChange& unit : c.units) {
    if (unit.pair.old_unit >= 0 && unit.pair.new_unit >= 0)
      matched.push_back(&unit);
  }
  std::stable_sort(matched.begin(), matched.end(), [](auto* a, auto* b) {
    return a->quality_new - a->quality_old < b->quality_new - b->quality_old;
  });
  for (int i = 0; i < top && i < static_cast<int>(matched.size()); ++i) {
    const UnitChange& u = *matched[i];
    if (u.quality_new >= u.quality_old) break;
    if (i == 0) out += "质量得分下降最多：\n";
    StrAppend(&out, "  ", new_run.units[u.pair.new_unit].name, "  ",
              FormatNumber(u.quality_old), " → ", FormatNumber(u.quality_new),
              "（新增 ", u.added, "，已整改 ", u.fixed, "）\n");
  }
  for (const UnitChange& u : c.units) {
    if (u.pair.kind == UnitMatchKind::kFuzzy) {
      StrAppend(&out, "更名：", old_run.units[u.pair.old_unit].name, " → ",
                new_run.units[u.pair.new_unit].name, "\n");
    }
  }
  return out;
}

}  // namespace

int RunCompare(const CompareOptions& options) {
  const RuleList rules = AllRules();
  auto config = LoadConfig(options.config_path, rules);
  if (!config.ok()) return Fail(config.status());
  if (!options.out_dir.empty()) {
    if (auto status = CheckOutputDir(
            options.out_dir,
            {options.old_path, options.new_path, options.config_path});
        !status.ok()) {
      return Fail(status);
    }
  }
  auto old_run = LoadSide(options.old_path, *config, rules, options);
  if (!old_run.ok()) return Fail(old_run.status());
  auto new_run = LoadSide(options.new_path, *config, rules, options);
  if (!new_run.ok()) return Fail(new_run.status());
  const Comparison comparison = Compare(*old_run, *new_run);
  const CompareInput input{*old_run, *new_run, comparison};
  if (!options.out_dir.empty()) {
    InterruptGuard guard;  // see RunCheck
    auto written = WriteCompareReports(input, options.out_dir);
    if (!written.ok()) return FailOrReraise(written.status());
    InterruptGuard::Reraise();
  }
  if (options.format == "json") {
    std::cout << CompareJson(input).dump(2) << "\n";
  } else if (options.format == "sarif") {
    std::cout << CompareSarif(input).dump(2) << "\n";
  } else {
    std::cout << ComparisonText(*old_run, *new_run, comparison, options.top);
    if (!options.out_dir.empty()) {
      std::cout << "\n报告已写入 " << options.out_dir
                << "：compare.html、compare.xlsx、compare.json、"
                   "compare.sarif\n";
    }
  }
  return kExitClean;
}

}  // namespace jxaudit::cli
