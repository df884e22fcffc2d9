// jxaudit command line: check, compare, trend, dump, rules.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "analyzer/atomic_file.h"
#include "analyzer/compare.h"
#include "analyzer/default_config.h"
#include "analyzer/engine.h"
#include "analyzer/history.h"
#include "analyzer/ranking.h"
#include "analyzer/snapshot.h"
#include "analyzer/strings.h"
#include "analyzer/waivers.h"
#include "reports/compare_report.h"
#include "reports/csv_report.h"
#include "reports/json_report.h"
#include "reports/progress.h"
#include "reports/report_common.h"
#include "reports/report_writer.h"
#include "reports/sarif_report.h"
#include "reports/text_report.h"
#include "reports/trend_report.h"
#include "rules/registry.h"

namespace jxaudit {
namespace {

namespace fs = std::filesystem;

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

absl::StatusOr<Config> LoadConfig(const std::string& user_path,
                                  const RuleList& rules) {
  const auto schemas = SchemasOf(rules);
  auto config = Config::LoadString(DefaultConfigYaml(),
                                   std::string(kDefaultConfigName), schemas);
  if (!config.ok() || user_path.empty()) return config;
  std::ifstream probe(user_path);
  if (!probe) {
    return absl::NotFoundError(StrCat(user_path, ": 无法打开配置文件"));
  }
  std::stringstream text;
  text << probe.rdbuf();
  if (auto status = config->Overlay(text.str(), user_path, schemas);
      !status.ok()) {
    return status;
  }
  return config;
}

// jxaudit never writes into a folder it reads from.
absl::Status CheckOutputDir(const std::string& out_dir,
                            const std::vector<std::string>& inputs) {
  std::error_code error;
  const fs::path out = fs::weakly_canonical(out_dir, error);
  for (const std::string& input : inputs) {
    fs::path folder = fs::weakly_canonical(input, error);
    if (!fs::is_directory(folder, error)) folder = folder.parent_path();
    const auto [end, unused] =
        std::mismatch(folder.begin(), folder.end(), out.begin(), out.end());
    if (end == folder.end()) {
      return absl::InvalidArgumentError(
          StrCat("--out ", out_dir, " 位于输入文件夹 ", folder.string(),
                 " 之内；jxaudit 不向输入文件夹写入，请换一个输出文件夹"));
    }
  }
  return absl::OkStatus();
}

std::vector<RuleDescription> Describe(const RuleList& rules,
                                      const Config& config) {
  std::vector<RuleDescription> out;
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    const RuleSettings& settings = config.Rule(info.id);
    if (!settings.enabled) continue;
    out.push_back({info.id, settings.severity, info.summary, info.DocsPath(),
                   info.certainty});
  }
  return out;
}

bool HasInputErrors(const Corpus& corpus) {
  for (const InputDiagnostic& d : corpus.diagnostics) {
    if (d.level == InputDiagnostic::Level::kError) return true;
  }
  return false;
}

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
  return StrCat("\n报告已写入 ", dir, "（", written.files.size(),
                " 个文件）：\n", "  ", dir,
                "review.html         审核页面（可筛选，离线打开）\n", "  ", dir,
                "corrections.xlsx    汇总工作簿（汇总表 + 每个单位一页）\n",
                "  ", dir, "corrections/        ", written.unit_lists,
                " 个单位的修改清单（.xlsx 与 .md）\n", "  ", dir,
                "findings.json       机器可读结果（另有 "
                "findings.sarif、findings.csv）\n");
}

// --format selects what stdout gets. Text: with --out, the short summary and
// where the reports are (the full list is in the reports); without --out,
// one line per finding and then the summary.
void PrintResult(const ReportInput& input, const CheckOptions& options,
                 const std::optional<WrittenReports>& written) {
  if (options.format == "json") {
    std::cout << FindingsJson(input).dump(2) << "\n";
  } else if (options.format == "sarif") {
    std::cout << FindingsSarif(input).dump(2) << "\n";
  } else if (options.format == "csv") {
    std::cout << FindingsCsv(input);
  } else if (written) {
    std::cout << SummaryText(input, options.top)
              << ReportsText(options.out_dir, *written);
  } else {
    std::cout << FindingLines(input) << "\n" << SummaryText(input, options.top);
  }
}

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

absl::StatusOr<WaiverSet> LoadWaiverFile(const std::string& path,
                                         const RuleList& rules) {
  std::vector<std::string> ids;
  for (const auto& rule : rules) ids.push_back(rule->info().id);
  return LoadWaivers(path, ids);
}

// Reads the inputs, runs the rules, applies waivers and ranks. Input
// problems are printed and the run goes on with what could be read; only a
// corpus without any table is an error.
absl::StatusOr<std::unique_ptr<Analysis>> Analyze(
    const std::vector<std::string>& paths, const Config& config,
    const RuleList& rules, const AnalyzeOptions& options, Progress& progress) {
  auto analysis = std::make_unique<Analysis>();
  if (!options.waivers_path.empty()) {
    auto waivers = LoadWaiverFile(options.waivers_path, rules);
    if (!waivers.ok()) return waivers.status();
    analysis->waivers = *std::move(waivers);
  }
  progress.Step("读取输入");
  analysis->corpus = LoadCorpus(paths, config);
  const Corpus& corpus = analysis->corpus;
  if (!corpus.diagnostics.empty()) {
    std::cerr << DiagnosticLines(corpus.diagnostics);
  }
  if (corpus.units.empty()) {
    std::string inputs;
    for (const std::string& path : paths) StrAppend(&inputs, " ", path);
    return absl::InvalidArgumentError(
        StrCat("没有读到任何绩效目标表（", inputs, " ），未生成报告"));
  }
  const RunOptions run{.target_year = options.year, .threads = options.threads};
  analysis->target_year =
      run.target_year > 0 ? run.target_year : corpus.MajorityTitleYear();
  progress.Step("运行规则");
  analysis->findings = RunRules(corpus, config, rules, run);
  if (analysis->waivers) {
    ApplyWaivers(corpus, analysis->target_year, *analysis->waivers,
                 analysis->findings);
  }
  progress.Step("排序");
  analysis->scores =
      RankFindings(corpus, rules, config.ranking(), analysis->findings);
  return analysis;
}

ReportInput InputOf(const Analysis& analysis, const Config& config,
                    const RuleList& rules, const std::string& config_path) {
  return ReportInput{
      analysis.corpus,
      analysis.findings,
      analysis.scores,
      Describe(rules, config),
      analysis.target_year,
      config_path.empty() ? std::string(kDefaultConfigName) : config_path,
      analysis.waivers ? &*analysis.waivers : nullptr,
      config.ranking()};
}

// --baseline: keeps only the findings that are new relative to an earlier
// findings.json (matched like `compare` does: by unit, indicator, rule and
// kind, never by line), and fills `info` with what was left out.
absl::Status KeepNewFindings(const ReportInput& input,
                             const std::string& baseline_path,
                             std::vector<Finding>& findings,
                             BaselineInfo& info) {
  auto baseline = ReadSnapshotFile(baseline_path);
  if (!baseline.ok()) return baseline.status();
  auto current = SnapshotFromJson(FindingsJson(input), "当前");
  if (!current.ok()) return current.status();
  const Comparison comparison = Compare(*baseline, *current);
  // Snapshot findings are the report's unwaived findings, in the same order.
  std::vector<bool> is_new(current->findings.size(), false);
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

int RecordHistory(const ReportInput& input, const CheckOptions& options);

int Fail(const absl::Status& status) {
  std::cerr << "jxaudit: " << status.message() << "\n";
  return kExitInputError;
}

int RunCheck(const CheckOptions& options) {
  const RuleList rules = AllRules();
  auto config = LoadConfig(options.config_path, rules);
  if (!config.ok()) return Fail(config.status());
  if (!options.out_dir.empty()) {
    if (auto status = CheckOutputDir(options.out_dir, options.paths);
        !status.ok()) {
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
  ReportInput input = InputOf(run, *config, rules, options.config_path);
  // The history keeps the whole run, also when --baseline narrows the report.
  if (!options.history_path.empty()) {
    if (int code = RecordHistory(input, options); code != kExitClean) {
      progress.Finish();
      return code;
    }
  }
  BaselineInfo baseline;
  if (!options.baseline_path.empty()) {
    if (auto status = KeepNewFindings(input, options.baseline_path,
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
    if (!reports.ok()) return Fail(reports.status());
    written = *std::move(reports);
  }
  progress.Finish();
  PrintResult(input, options, written);
  if (HasInputErrors(run.corpus)) return kExitInputError;
  return ExitCodeFor(run.findings, options.fail_on);
}

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
  const ReportInput input =
      InputOf(**analysis, config, rules, options.config_path);
  return SnapshotFromJson(FindingsJson(input), path);
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

int RunCompare(const CompareOptions& options) {
  const RuleList rules = AllRules();
  auto config = LoadConfig(options.config_path, rules);
  if (!config.ok()) return Fail(config.status());
  if (!options.out_dir.empty()) {
    if (auto status = CheckOutputDir(options.out_dir,
                                     {options.old_path, options.new_path});
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
    auto written = WriteCompareReports(input, options.out_dir);
    if (!written.ok()) return Fail(written.status());
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

// --- run history (check --history, trend) ---

struct TrendOptions {
  std::string history_path;
  std::string out_dir;
};

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Records the run in the history database, read back from its own
// findings.json so that the history holds exactly what the reports say.
// One line on where it went (stderr when stdout carries a machine format).
int RecordHistory(const ReportInput& input, const CheckOptions& options) {
  std::string label;
  for (const std::string& path : options.paths)
    StrAppend(&label, label.empty() ? "" : " ", path);
  auto snapshot = SnapshotFromJson(FindingsJson(input), label);
  if (!snapshot.ok()) return Fail(snapshot.status());
  auto history = History::Open(options.history_path);
  if (!history.ok()) return Fail(history.status());
  auto recorded = history->RecordRun(*snapshot, UtcNow());
  if (!recorded.ok()) return Fail(recorded.status());
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
  auto history = History::Open(options.history_path, false);
  if (!history.ok()) return Fail(history.status());
  auto trend = history->Trend();
  if (!trend.ok()) return Fail(trend.status());
  if (trend->years.empty()) {
    std::cerr << "jxaudit: " << options.history_path
              << ": 历史记录中还没有任何年度，未生成趋势报告\n";
    return kExitInputError;
  }
  if (auto status = WriteTrendReports(*trend, options.out_dir); !status.ok()) {
    return Fail(status);
  }
  const std::string dir =
      options.out_dir.back() == '/' ? options.out_dir : options.out_dir + "/";
  std::cout << "趋势报告（" << trend->years.front() << "–"
            << trend->years.back() << " 年，" << trend->years.size()
            << " 个年度，" << trend->units.size() << " 个单位）已写入：\n  "
            << dir << "trend.html   图表（离线打开）\n  " << dir
            << "trend.json   机器可读\n";
  return kExitClean;
}

int Main(int argc, char** argv) {
  CLI::App app{"jxaudit：整体支出绩效目标表一致性审核工具"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(JXAUDIT_VERSION));

  CheckOptions check;
  CLI::App* check_cmd =
      app.add_subcommand("check", "审核绩效目标表，输出问题清单");
  check_cmd->add_option("paths", check.paths, "文本导出文件或文件夹")
      ->required();
  check_cmd->add_option("--format", check.format, "终端输出格式")
      ->check(CLI::IsMember({"text", "json", "sarif", "csv"}));
  check_cmd->add_option("--out", check.out_dir,
                        "报告输出文件夹（写入全部报告：review."
                        "html、修改清单、findings.json/.sarif/.csv）");
  check_cmd
      ->add_option("--fail-on", check.fail_on,
                   "达到该严重程度即以退出码 1 结束")
      ->check(CLI::IsMember({"error", "warning", "never"}));
  check_cmd->add_option("--config", check.config_path,
                        "覆盖默认配置的 YAML 文件");
  check_cmd->add_option("--waivers", check.waivers_path,
                        "豁免文件（YAML：已接受的例外）");
  check_cmd->add_option("--year", check.year, "目标年度（默认取标题所写年度）")
      ->check(CLI::Range(1990, 2100));
  check_cmd
      ->add_option("--threads", check.threads, "并行线程数（默认按 CPU 核数）")
      ->check(CLI::Range(0, 256));
  check_cmd->add_option("--top", check.top, "摘要中列出的最高优先级问题数")
      ->check(CLI::Range(0, 1000));

  check_cmd->add_option("--baseline", check.baseline_path,
                        "基线 findings.json：只报告相对基线新增的问题");

  check_cmd->add_option("--history", check.history_path,
                        "把本次结果记入历史记录（SQLite 文件，按年度替换）");

  CompareOptions compare;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare", "对比两个年度（或两次审核）：已整改、仍存在、新增的问题");
  compare_cmd
      ->add_option("old", compare.old_path,
                   "上一年度：文本导出文件、文件夹或 findings.json")
      ->required();
  compare_cmd
      ->add_option("new", compare.new_path,
                   "本年度：文本导出文件、文件夹或 findings.json")
      ->required();
  compare_cmd->add_option(
      "--out", compare.out_dir,
      "报告输出文件夹（compare.html、compare.xlsx、compare.json、"
      "compare.sarif）");
  compare_cmd->add_option("--format", compare.format, "终端输出格式")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  compare_cmd->add_option("--config", compare.config_path,
                          "覆盖默认配置的 YAML 文件");
  compare_cmd
      ->add_option("--threads", compare.threads,
                   "并行线程数（默认按 CPU 核数）")
      ->check(CLI::Range(0, 256));
  compare_cmd->add_option("--top", compare.top, "摘要中列出的单位数")
      ->check(CLI::Range(0, 1000));

  std::vector<std::string> dump_paths;
  std::string dump_config;
  CLI::App* dump_cmd = app.add_subcommand("dump", "以 JSON 输出解析后的模型");
  dump_cmd->add_option("paths", dump_paths, "文本导出文件或文件夹")->required();
  dump_cmd->add_option("--config", dump_config, "覆盖默认配置的 YAML 文件");

  std::string rules_config;
  CLI::App* rules_cmd = app.add_subcommand("rules", "列出全部规则");
  rules_cmd->add_option("--config", rules_config, "覆盖默认配置的 YAML 文件");

  TrendOptions trend;
  CLI::App* trend_cmd =
      app.add_subcommand("trend", "根据历史记录生成逐年趋势报告");
  trend_cmd
      ->add_option("--history", trend.history_path, "历史记录（SQLite）文件")
      ->required();
  trend_cmd
      ->add_option("--out", trend.out_dir,
                   "报告输出文件夹（trend.html、trend.json）")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitClean : kExitInputError;
  }
  if (*check_cmd) return RunCheck(check);
  if (*compare_cmd) return RunCompare(compare);
  if (*dump_cmd) return RunDump(dump_paths, dump_config);
  if (*rules_cmd) return RunListRules(rules_config);
  if (*trend_cmd) return RunTrend(trend);
  return kExitInputError;
}

}  // namespace
}  // namespace jxaudit

int main(int argc, char** argv) { return jxaudit::Main(argc, argv); }
