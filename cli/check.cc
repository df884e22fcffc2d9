// jxaudit check (with --baseline), dump and rules.
#include <iostream>
#include <optional>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "analyzer/ingest/corpus.h"
#include "analyzer/model/strings.h"
#include "analyzer/yoy/compare.h"
#include "analyzer/yoy/snapshot.h"
#include "cli/cli.h"
#include "reports/atomic_file.h"
#include "reports/csv_report.h"
#include "reports/json_report.h"
#include "reports/report_writer.h"
#include "reports/sarif_report.h"
#include "reports/text_report.h"
#include "rules/registry.h"

namespace jxaudit::cli {
namespace {

int ExitCodeFor(const std::vector<Finding>& findings,
                const std::string& fail_on) {
  if (fail_on == "never") return kExitClean;
  const Severity threshold =
      fail_on == "warning" ? Severity::kWarning : Severity::kError;
  for (const Finding& finding : findings) {
    if (!finding.waived && finding.severity >= threshold) return kExitFindings;
  }
  return kExitClean;
}

// Where the reports went, for the terminal summary.
std::string ReportsText(const std::string& out_dir,
                        const WrittenReports& written) {
  const std::string dir =
      out_dir.empty() || out_dir.back() == '/' ? out_dir : out_dir + "/";
  const bool paged = written.review_pages > 0;
  const bool by_jurisdiction = written.jurisdictions > 1;
  return StrCat("\n报告已写入 ", dir, "（", written.files.size(),
                " 个文件）：\n", "  ", dir, "review.html         ",
                paged
                    ? StrCat("总览：", written.jurisdictions,
                             " 个地区的排名、问题最多的单位、各类问题\n  ", dir,
                             "review/             各地区的审核页面（",
                             written.review_pages, " 页，可筛选，离线打开）\n")
                    : std::string("审核页面（可筛选，离线打开）\n"),
                "  ", dir, "corrections.xlsx    汇总工作簿\n", "  ", dir,
                "corrections/        ", written.unit_lists,
                " 个单位的修改清单（.xlsx 与 .md",
                by_jurisdiction ? "，按地区分文件夹" : "", "）\n", "  ", dir,
                "findings.json       机器可读结果（另有 "
                "findings.sarif、findings.csv）\n");
}

// A report written to standard output as it is rendered (a province's
// findings.json is hundreds of MB).
void WriteToStdout(const ByteProducer& produce) {
  (void)produce([](std::string_view bytes) {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return std::cout ? absl::OkStatus()
                     : absl::UnavailableError("标准输出无法写入");
  });
  std::cout.flush();
}

// --format selects what stdout gets. Text: with --out, the short summary and
// where the reports are (the full list is in the reports); without --out,
// one line per finding and then the summary.
void PrintResult(const ReportInput& input, const CheckOptions& options,
                 const std::optional<WrittenReports>& written) {
  if (options.format == "json") {
    WriteToStdout(
        [&](const ByteSink& sink) { return WriteFindingsJson(input, sink); });
  } else if (options.format == "sarif") {
    WriteToStdout(
        [&](const ByteSink& sink) { return WriteFindingsSarif(input, sink); });
  } else if (options.format == "csv") {
    WriteToStdout(
        [&](const ByteSink& sink) { return WriteFindingsCsv(input, sink); });
  } else if (written) {
    std::cout << SummaryText(input, options.top)
              << ReportsText(options.out_dir, *written);
  } else {
    std::cout << FindingLines(input) << "\n" << SummaryText(input, options.top);
  }
}

// --baseline: keeps only the findings that are new relative to an earlier
// findings.json (matched like `compare` does: by unit, indicator, rule and
// kind, never by line), and fills `info` with what was left out.
absl::Status KeepNewFindings(const Snapshot& current,
                             const std::string& baseline_path,
                             std::vector<Finding>& findings,
                             BaselineInfo& info) {
  auto baseline = ReadSnapshotFile(baseline_path);
  if (!baseline.ok()) return baseline.status();
  const Comparison comparison = Compare(*baseline, current);
  // Snapshot findings are the report's unwaived findings, in the same order.
  std::vector<bool> is_new(current.findings.size(), false);
  for (const FindingChange& change : comparison.findings) {
    if (change.status == ChangeStatus::kNew) is_new[change.new_finding] = true;
  }
  std::vector<Finding> kept;
  size_t j = 0;
  for (Finding& finding : findings) {
    if (finding.waived || is_new[j++]) kept.push_back(std::move(finding));
  }
  findings = std::move(kept);
  info = {.path = baseline_path,
          .year = baseline->year,
          .new_findings = comparison.added,
          .persisting = comparison.persisting,
          .fixed = comparison.fixed};
  return absl::OkStatus();
}

}  // namespace

int RunCheck(const CheckOptions& options) {
  const RuleList rules = AllRules();
  auto config = LoadConfig(options.config_path, rules);
  if (!config.ok()) return Fail(config.status());
  if (!options.out_dir.empty()) {
    std::vector<std::string> inputs = options.paths;
    inputs.insert(inputs.end(), {options.config_path, options.waivers_path,
                                 options.baseline_path, options.history_path});
    if (auto status = CheckOutputDir(options.out_dir, inputs); !status.ok()) {
      return Fail(status);
    }
  }
  Progress progress(3);
  auto analysis = Analyze(options.paths, *config, rules,
                          {.year = options.year,
                           .threads = options.threads,
                           .waivers_path = options.waivers_path},
                          progress);
  if (!analysis.ok()) {
    progress.Finish();
    return Fail(analysis.status());
  }
  Analysis& run = **analysis;
  ReportInput input =
      InputOf(run, *config, rules, options.config_path, options.threads);
  // One snapshot of the whole run serves --history and --baseline.
  std::optional<Snapshot> snapshot;
  if (!options.history_path.empty() || !options.baseline_path.empty()) {
    auto made = SnapshotOf(input, absl::StrJoin(options.paths, " "));
    if (!made.ok()) {
      progress.Finish();
      return Fail(made.status());
    }
    snapshot = *std::move(made);
  }
  // From here on SIGINT and SIGTERM are noted, not fatal: the history
  // transaction commits or rolls back and the staged reports are moved into
  // place or removed; then the run ends by the signal (README
  // "Reliability").
  InterruptGuard guard;
  // The history keeps the whole run, also when --baseline narrows the report.
  if (!options.history_path.empty()) {
    if (int code = RecordHistory(*snapshot, options); code != kExitClean) {
      progress.Finish();
      return code;
    }
  }
  BaselineInfo baseline;
  if (!options.baseline_path.empty()) {
    if (auto status = KeepNewFindings(*snapshot, options.baseline_path,
                                      run.findings, baseline);
        !status.ok()) {
      progress.Finish();
      return Fail(status);
    }
    input.baseline = &baseline;
  }
  std::optional<WrittenReports> written;
  if (!options.out_dir.empty()) {
    progress.SetTotal(3 + ReportSteps(input));
    auto reports = WriteReports(input, options.out_dir, &progress);
    progress.Finish();
    if (!reports.ok()) return FailOrReraise(reports.status());
    written = *std::move(reports);
  }
  progress.Finish();
  InterruptGuard::Reraise();
  PrintResult(input, options, written);
  if (HasInputErrors(run.corpus)) return kExitInputError;
  return ExitCodeFor(run.findings, options.fail_on);
}

int RunDump(const std::vector<std::string>& paths,
            const std::string& config_path) {
  const RuleList rules = AllRules();
  auto config = LoadConfig(config_path, rules);
  if (!config.ok()) {
    std::cerr << "jxaudit: " << config.status().message() << "\n";
    return kExitInputError;
  }
  const Corpus corpus = LoadCorpus(paths, *config);
  if (!corpus.diagnostics.empty())
    std::cerr << DiagnosticLines(corpus.diagnostics);
  std::cout << ModelJson(corpus).dump(2) << "\n";
  return HasInputErrors(corpus) || corpus.units.empty() ? kExitInputError
                                                        : kExitClean;
}

int RunListRules(const std::string& config_path) {
  const RuleList rules = AllRules();
  auto config = LoadConfig(config_path, rules);
  if (!config.ok()) {
    std::cerr << "jxaudit: " << config.status().message() << "\n";
    return kExitInputError;
  }
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    const RuleSettings& settings = config->Rule(info.id);
    std::cout << absl::StrFormat("%-30s %-8s %s%s\n    文档: %s\n", info.id,
                                 SeverityName(settings.severity), info.summary,
                                 settings.enabled ? "" : "（已停用）",
                                 info.DocsPath());
  }
  return kExitClean;
}

}  // namespace jxaudit::cli
