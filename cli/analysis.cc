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
#include "reports/atomic_file.h"
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

namespace {

// An absolute path with symlinks, "." and ".." resolved as far as it exists,
// so that relative and absolute spellings (and an --out that does not exist
// yet) compare equal.
fs::path Resolved(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  if (error) absolute = path;
  fs::path resolved = fs::weakly_canonical(absolute, error);
  if (error) resolved = absolute.lexically_normal();
  // weakly_canonical keeps a trailing separator ("review/"); drop it so that
  // "review/" and "review" compare equal.
  return resolved.has_filename() ? resolved : resolved.parent_path();
}

// Whether `path` is `folder` or lies below it (whole components only).
bool IsWithin(const fs::path& path, const fs::path& folder) {
  const auto [end, unused] =
      std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return end == folder.end();
}

// Whether a report written into `out` could land on `file`: a top-level
// report name, or anything in the correction-list folder.
bool ReportMayOverwrite(const fs::path& out, const fs::path& file) {
  if (IsWithin(file, out / "corrections")) return true;
  if (file.parent_path() != out) return false;
  const std::string name = file.filename().string();
  for (std::string_view report : kReportFileNames) {
    if (name == report) return true;
  }
  return false;
}

}  // namespace

absl::Status CheckOutputDir(const std::string& out_dir,
                            const std::vector<std::string>& inputs) {
  const fs::path out = Resolved(out_dir);
  for (const std::string& input : inputs) {
    if (input.empty()) continue;
    const fs::path path = Resolved(input);
    std::error_code error;
    if (fs::is_directory(path, error)) {
      if (!IsWithin(out, path)) continue;
      return absl::InvalidArgumentError(
          StrCat("--out ", out_dir, " 位于输入文件夹 ", path.string(),
                 " 之内；jxaudit 不向输入文件夹写入，请换一个输出文件夹"));
    }
    if (IsWithin(out, path)) {
      return absl::InvalidArgumentError(
          StrCat("--out ", out_dir, " 就是输入文件 ", path.string(),
                 "；jxaudit 不改写输入文件，请换一个输出文件夹"));
    }
    if (ReportMayOverwrite(out, path)) {
      return absl::InvalidArgumentError(
          StrCat("输入文件 ", path.string(), " 与 --out ", out_dir,
                 " 中的报告同名，会被覆盖；jxaudit 不改写输入文件，"
                 "请换一个输出文件夹"));
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

int FailOrReraise(const absl::Status& status) {
  const int code = Fail(status);
  if (absl::IsCancelled(status)) InterruptGuard::Reraise();
  return code;
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
  AssignFingerprints(corpus, analysis->findings, options.threads);
  progress.Step("排序");
  analysis->scores =
      RankFindings(corpus, rules, config.ranking(), analysis->findings);
  return analysis;
}

ReportInput InputOf(const Analysis& analysis, const Config& config,
                    const RuleList& rules, const std::string& config_path,
                    int threads) {
  ReportInput input{
      analysis.corpus,
      analysis.findings,
      analysis.scores,
      Describe(rules, config),
      analysis.target_year,
      config_path.empty() ? std::string(kDefaultConfigName) : config_path,
      analysis.waivers ? &*analysis.waivers : nullptr,
      config.ranking()};
  input.threads = threads;
  return input;
}

absl::StatusOr<Snapshot> SnapshotOf(const ReportInput& input,
                                    const std::string& label) {
  return SnapshotFromJson(FindingsJson(input), label);
}

}  // namespace jxaudit::cli
