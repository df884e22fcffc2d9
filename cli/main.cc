// jxaudit command line: declares the commands (check, compare, trend, dump,
// rules) and their options; each command is in analyzer/cli/.
#include <CLI/CLI.hpp>
#include <csignal>

#include "cli/cli.h"
#include "cli/huge_pages.h"

namespace jxaudit::cli {
namespace {

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
}  // namespace jxaudit::cli

int main(int argc, char** argv) {
  jxaudit::UseHugePages();
  // Past a file-size limit (ulimit -f) write() then fails with EFBIG, which
  // is reported like a full disk, instead of the process being killed
  // halfway through a report.
  std::signal(SIGXFSZ, SIG_IGN);
  return jxaudit::cli::Main(argc, argv);
}
