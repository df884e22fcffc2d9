// stage_bench: times every stage of a `check` run on one corpus file and
// prints each as wall and CPU seconds, units/s, MB/s, the peak memory after
// it, and a multiple of the floor (one plain read of the same file).
//
//   build/bench/stage_bench CORPUS.txt [OUT_DIR]
//
// Stages: floor (read the bytes), read + parse (LoadCorpus), per-unit rules,
// duplication (the corpus-wide rules), fingerprints, ranking, then each
// report: findings.json, findings.sarif, findings.csv, review.html, and
// WriteReports into OUT_DIR (every report of `check --out`, including the
// workbooks and the correction lists; skipped without OUT_DIR).
// bench/stage_scaling.sh runs it over generated corpora of several sizes.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/config/default_config.h"
#include "analyzer/engine/engine.h"
#include "analyzer/engine/ranking.h"
#include "analyzer/engine/run_context.h"
#include "analyzer/ingest/corpus.h"
#include "analyzer/model/parallel.h"
#include "analyzer/yoy/finding_key.h"
#include "cli/huge_pages.h"
#include "reports/csv_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/report_writer.h"
#include "reports/review_pages.h"
#include "reports/sarif_report.h"
#include "rules/registry.h"

namespace {

using Clock = std::chrono::steady_clock;

double PeakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // KiB on Linux
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

struct StageTimer {
  double megabytes = 0;  // the input file's size
  size_t units = 0;
  double floor = 0;  // seconds of the plain read
  double total_wall = 0, total_cpu = 0;

  // Runs `work` and prints its line; returns its wall seconds.
  double Run(const char* name, const std::function<void()>& work,
             bool counts_in_total = true) {
    const double cpu = CpuSeconds();
    const auto start = Clock::now();
    work();
    const double wall =
        std::chrono::duration<double>(Clock::now() - start).count();
    const double used = CpuSeconds() - cpu;
    if (counts_in_total) {
      total_wall += wall;
      total_cpu += used;
    }
    Print(name, wall, used);
    return wall;
  }

  void Print(const char* name, double wall, double cpu) const {
    const double per_second = wall > 0 ? 1 / wall : 0;
    std::printf("%-22s %8.3f %8.3f %10.0f %8.1f %8.0f %9.1f\n", name, wall, cpu,
                units * per_second, megabytes * per_second, PeakMegabytes(),
                floor > 0 ? wall / floor : 1.0);
  }
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

std::vector<jxaudit::RuleDescription> Describe(const jxaudit::RuleList& rules,
                                               const jxaudit::Config& config) {
  std::vector<jxaudit::RuleDescription> out;
  for (const auto& rule : rules) {
    const jxaudit::RuleInfo& info = rule->info();
    const jxaudit::RuleSettings& settings = config.Rule(info.id);
    if (!settings.enabled) continue;
    out.push_back({info.id, settings.severity, info.summary, info.DocsPath(),
                   info.certainty});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  jxaudit::UseHugePages();
  if (argc < 2) {
    std::fprintf(stderr, "usage: stage_bench CORPUS.txt [OUT_DIR]\n");
    return 2;
  }
  const std::string path = argv[1];
  const std::string out_dir = argc > 2 ? argv[2] : "";
  jxaudit::RuleList all = jxaudit::AllRules();
  auto config = jxaudit::Config::LoadString(jxaudit::DefaultConfigYaml(),
                                            "rules/default.yaml",
                                            jxaudit::SchemasOf(all));
  if (!config.ok() || !jxaudit::ConfigureRules(all, *config).ok()) {
    std::fprintf(stderr, "the default configuration does not load\n");
    return 2;
  }
  // The same rules split in two lists, to time the two kinds apart.
  jxaudit::RuleList per_unit, corpus_wide;
  for (auto& rule : jxaudit::AllRules()) {
    (rule->info().corpus_wide ? corpus_wide : per_unit)
        .push_back(std::move(rule));
  }
  if (!jxaudit::ConfigureRules(per_unit, *config).ok() ||
      !jxaudit::ConfigureRules(corpus_wide, *config).ok()) {
    return 2;
  }

  StageTimer timer;
  std::printf("%-22s %8s %8s %10s %8s %8s %9s\n", "stage", "wall s", "cpu s",
              "units/s", "MB/s", "peak MB", "x floor");
  std::string bytes;
  timer.floor = timer.Run(
      "floor (read once)", [&] { bytes = ReadAll(path); }, false);
  timer.megabytes = bytes.size() / 1e6;
  bytes = std::string();

  jxaudit::Corpus corpus;
  timer.Run("read + parse",
            [&] { corpus = jxaudit::LoadCorpus({path}, *config); });
  timer.units = corpus.units.size();
  const jxaudit::RunOptions run{.target_year =
                                    jxaudit::ResolveTargetYear(corpus, 0)};
  std::vector<jxaudit::Finding> findings, duplicates;
  timer.Run("per-unit rules", [&] {
    findings = jxaudit::RunRules(corpus, *config, per_unit, run);
  });
  timer.Run("duplication", [&] {
    duplicates = jxaudit::RunRules(corpus, *config, corpus_wide, run);
  });
  findings.insert(findings.end(), std::make_move_iterator(duplicates.begin()),
                  std::make_move_iterator(duplicates.end()));
  timer.Run("fingerprints",
            [&] { jxaudit::AssignFingerprints(corpus, findings, 0); });
  std::vector<jxaudit::UnitScore> scores;
  timer.Run("ranking", [&] {
    scores = jxaudit::RankFindings(corpus, all, config->ranking(), findings);
  });
  const jxaudit::ReportInput input{corpus,          findings,
                                   scores,          Describe(all, *config),
                                   run.target_year, "rules/default.yaml",
                                   nullptr,         config->ranking()};
  size_t sink = 0;  // bytes rendered (the streamed writers hand them over)
  const jxaudit::ByteSink count = [&](std::string_view bytes) {
    sink += bytes.size();
    return absl::OkStatus();
  };
  timer.Run("findings.json",
            [&] { (void)jxaudit::WriteFindingsJson(input, count); });
  timer.Run("findings.sarif",
            [&] { (void)jxaudit::WriteFindingsSarif(input, count); });
  timer.Run("findings.csv",
            [&] { (void)jxaudit::WriteFindingsCsv(input, count); });
  // As --out writes it: one page for a district; for a province an
  // overview and a page per jurisdiction (or part of one), on all cores.
  timer.Run("review pages", [&] {
    const jxaudit::ReviewLayout layout = jxaudit::PlanReview(input);
    if (!layout.paged) {
      sink += jxaudit::ReviewHtml(input).size();
      return;
    }
    std::vector<size_t> sizes(layout.pages.size());
    jxaudit::ParallelFor(static_cast<int>(sizes.size()), 0, [&](int i) {
      sizes[i] = jxaudit::ReviewPageHtml(input, layout, i).size();
    });
    for (size_t size : sizes) sink += size;
    sink += jxaudit::ReviewOverviewHtml(input, layout).size();
  });
  if (!out_dir.empty()) {
    timer.Run("--out (all reports)", [&] {
      auto written = jxaudit::WriteReports(input, out_dir);
      if (!written.ok()) {
        std::fprintf(stderr, "%s\n",
                     std::string(written.status().message()).c_str());
      }
    });
  }
  timer.Print("total", timer.total_wall, timer.total_cpu);
  std::printf("units %zu  findings %zu  input %.1f MB  rendered %.1f MB\n",
              corpus.units.size(), findings.size(), timer.megabytes,
              sink / 1e6);
  return 0;
}
