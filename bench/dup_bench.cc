// dup_bench: times the duplication stage (the four duplication/* rules,
// including building the similarity index) on a corpus, and reports the
// process's peak memory (getrusage ru_maxrss).
//
//   python3 tools/gen_corpus.py --units 20000 --out /tmp/corpus-20k.txt
//   build/bench/dup_bench /tmp/corpus-20k.txt
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/config/default_config.h"
#include "analyzer/engine/engine.h"
#include "analyzer/ingest/corpus.h"
#include "cli/huge_pages.h"
#include "rules/duplication_common.h"
#include "rules/registry.h"

namespace {

double PeakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // ru_maxrss is in KiB on Linux
}

// User + system CPU seconds so far: stable when the machine is shared.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

// System CPU seconds and minor page faults so far: first touches of new
// memory are the system time of this stage.
std::pair<double, long> SystemSecondsAndFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return {usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6,
          usage.ru_minflt};
}

}  // namespace

int main(int argc, char** argv) {
  jxaudit::UseHugePages();
  if (argc < 2) {
    std::fprintf(stderr, "usage: dup_bench CORPUS.txt [more files]\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  jxaudit::RuleList all = jxaudit::AllRules();
  auto config = jxaudit::Config::LoadString(jxaudit::DefaultConfigYaml(),
                                            "rules/default.yaml",
                                            jxaudit::SchemasOf(all));
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(config.status().message()).c_str());
    return 2;
  }
  if (auto status = jxaudit::ConfigureRules(all, *config); !status.ok()) {
    std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
    return 2;
  }
  std::vector<std::string> inputs(argv + 1, argv + argc);
  const auto load_start = Clock::now();
  jxaudit::Corpus corpus = jxaudit::LoadCorpus(inputs, *config);
  const double load_seconds =
      std::chrono::duration<double>(Clock::now() - load_start).count();
  const double load_peak = PeakMegabytes();
  size_t rows = 0;
  for (const auto& unit : corpus.units) rows += unit.RealIndicatorCount();

  // Only the duplication rules: the stage being measured.
  jxaudit::RuleList duplication;
  for (auto& rule : all) {
    if (rule->info().id.rfind("duplication/", 0) == 0) {
      duplication.push_back(std::move(rule));
    }
  }
  const double cpu_start = CpuSeconds();
  const auto [sys_start, faults_start] = SystemSecondsAndFaults();
  const auto start = Clock::now();
  std::vector<jxaudit::Finding> findings =
      jxaudit::RunRules(corpus, *config, duplication, {});
  jxaudit::DupTiming("within-unit and the rest");
  const double seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  std::map<std::string, int> counts;
  for (const auto& f : findings) ++counts[f.rule];
  std::printf("units %zu  indicators %zu  load %.2f s (peak %.0f MB)\n",
              corpus.units.size(), rows, load_seconds, load_peak);
  std::printf("duplication stage %.2f s wall, %.2f s CPU  peak RSS %.0f MB\n",
              seconds, CpuSeconds() - cpu_start, PeakMegabytes());
  const auto [sys_end, faults_end] = SystemSecondsAndFaults();
  std::printf("  of which system %.2f s, %ld page faults\n",
              sys_end - sys_start, faults_end - faults_start);
  for (const auto& [rule, n] : counts)
    std::printf("  %-26s %d\n", rule.c_str(), n);
  return 0;
}
