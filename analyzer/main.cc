// jxaudit command line: check, dump, rules, trend.
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
#include "analyzer/default_config.h"
#include "analyzer/engine.h"
#include "analyzer/history.h"
#include "analyzer/ranking.h"
#include "analyzer/snapshot.h"
#include "analyzer/strings.h"
#include "analyzer/waivers.h"
#include "reports/csv_report.h"
#include "reports/json_report.h"
#include "reports/progress.h"
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
  std::string history_path;
  int year = 0;
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

int RecordHistory(const ReportInput& input, const CheckOptions& options);

int RunCheck(const CheckOptions& options) {
  const RuleList rules = AllRules();
  auto config = LoadConfig(options.config_path, rules);
  if (!config.ok()) {
    std::cerr << "jxaudit: " << config.status().message() << "\n";
    return kExitInputError;
  }
  if (!options.out_dir.empty()) {
    if (auto status = CheckOutputDir(options.out_dir, options.paths);
        !status.ok()) {
      std::cerr << "jxaudit: " << status.message() << "\n";
      return kExitInputError;
    }
  }
  Progress progress(3);
  progress.Step("读取输入");
  const Corpus corpus = LoadCorpus(options.paths, *config);
  if (!corpus.diagnostics.empty()) {
    std::cerr << DiagnosticLines(corpus.diagnostics);
  }
  if (corpus.units.empty()) {
    std::cerr << "jxaudit: 没有读到任何绩效目标表，未生成报告\n";
    return kExitInputError;
  }
  RunOptions run{.target_year = options.year, .threads = options.threads};
  const int target_year =
      run.target_year > 0 ? run.target_year : corpus.MajorityTitleYear();
  std::optional<WaiverSet> waivers;
  if (!options.waivers_path.empty()) {
    std::vector<std::string> ids;
    for (const auto& rule : rules) ids.push_back(rule->info().id);
    auto loaded = LoadWaivers(options.waivers_path, ids);
    if (!loaded.ok()) {
      std::cerr << "jxaudit: " << loaded.status().message() << "\n";
      return kExitInputError;
    }
    waivers = *std::move(loaded);
  }
  progress.Step("运行规则");
  std::vector<Finding> findings = RunRules(corpus, *config, rules, run);
  if (waivers) ApplyWaivers(corpus, target_year, *waivers, findings);
  progress.Step("排序");
  const std::vector<UnitScore> scores =
      RankFindings(corpus, rules, config->ranking(), findings);
  ReportInput input{corpus,
                    findings,
                    scores,
                    Describe(rules, *config),
                    target_year,
                    options.config_path.empty()
                        ? std::string(kDefaultConfigName)
                        : options.config_path,
                    waivers ? &*waivers : nullptr,
                    config->ranking()};
  std::optional<WrittenReports> written;
  if (!options.out_dir.empty()) {
    progress.SetTotal(3 + ReportSteps(input));
    auto reports = WriteReports(input, options.out_dir, &progress);
    progress.Finish();
    if (!reports.ok()) {
      std::cerr << "jxaudit: " << reports.status().message() << "\n";
      return kExitInputError;
    }
    written = *std::move(reports);
  }
  progress.Finish();
  PrintResult(input, options, written);
  if (!options.history_path.empty()) {
    if (int code = RecordHistory(input, options); code != kExitClean)
      return code;
  }
  if (HasInputErrors(corpus)) return kExitInputError;
  return ExitCodeFor(findings, options.fail_on);
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
  if (!snapshot.ok()) {
    std::cerr << "jxaudit: " << snapshot.status().message() << "\n";
    return kExitInputError;
  }
  auto history = History::Open(options.history_path);
  if (!history.ok()) {
    std::cerr << "jxaudit: " << history.status().message() << "\n";
    return kExitInputError;
  }
  auto recorded = history->RecordRun(*snapshot, UtcNow());
  if (!recorded.ok()) {
    std::cerr << "jxaudit: " << recorded.status().message() << "\n";
    return kExitInputError;
  }
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
  if (!history.ok()) {
    std::cerr << "jxaudit: " << history.status().message() << "\n";
    return kExitInputError;
  }
  auto trend = history->Trend();
  if (!trend.ok()) {
    std::cerr << "jxaudit: " << trend.status().message() << "\n";
    return kExitInputError;
  }
  if (trend->years.empty()) {
    std::cerr << "jxaudit: " << options.history_path
              << ": 历史记录中还没有任何年度，未生成趋势报告\n";
    return kExitInputError;
  }
  if (auto status = WriteTrendReports(*trend, options.out_dir); !status.ok()) {
    std::cerr << "jxaudit: " << status.message() << "\n";
    return kExitInputError;
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
  check_cmd->add_option("--history", check.history_path,
                        "把本次结果记入历史记录（SQLite 文件，按年度替换）");

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
  if (*dump_cmd) return RunDump(dump_paths, dump_config);
  if (*rules_cmd) return RunListRules(rules_config);
  if (*trend_cmd) return RunTrend(trend);
  return kExitInputError;
}

}  // namespace
}  // namespace jxaudit

int main(int argc, char** argv) { return jxaudit::Main(argc, argv); }
