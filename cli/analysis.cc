// The run of the analyzer every command shares: configuration, output-folder
// safety, inputs → findings → ranking.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analyzer/config/default_config.h"
#include "analyzer/ingest/corpus.h"
#include "analyzer/model/strings.h"
#include "analyzer/yoy/finding_key.h"
#include "cli/cli.h"
#include "reports/json_report.h"
#include "reports/text_report.h"

namespace jxaudit::cli {
namespace {

namespace fs = std::filesystem;

absl::StatusOr<WaiverSet> LoadWaiverFile(const std::string& path,
                                         const RuleList& rules) {
  std::vector<std::string> ids;
  for (const auto& rule : rules) ids.push_back(rule->info().id);
  return LoadWaivers(path, ids);
}

}  // namespace

absl::StatusOr<Config> LoadConfig(const std::string& user_path,
                                  const RuleList& rules) {
  const auto schemas = SchemasOf(rules);
  auto config = Config::LoadString(DefaultConfigYaml(),
                                   std::string(kDefaultConfigName), schemas);
  if (!config.ok()) return config;
  if (!user_path.empty()) {
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
  }
  if (auto status = ConfigureRules(rules, *config); !status.ok()) {
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

int Fail(const absl::Status& status) {
  std::cerr << "jxaudit: " << status.message() << "\n";
  return kExitInputError;
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
  analysis->corpus = LoadCorpus(paths, config, options.threads);
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
  analysis->target_year = ResolveTargetYear(corpus, run.target_year);
  progress.Step("运行规则");
  analysis->findings = RunRules(corpus, config, rules, run);
  if (analysis->waivers) {
    ApplyWaivers(corpus, analysis->target_year, *analysis->waivers,
                 analysis->findings);
  }
  AssignFingerprints(corpus, analysis->findings);
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

absl::StatusOr<Snapshot> SnapshotOf(const ReportInput& input,
                                    const std::string& label) {
  return SnapshotFromJson(FindingsJson(input), label);
}

}  // namespace jxaudit::cli
