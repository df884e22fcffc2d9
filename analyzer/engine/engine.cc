#include "analyzer/engine/engine.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "analyzer/model/strings.h"

namespace jxaudit {

std::vector<RuleSchema> SchemasOf(const RuleList& rules) {
  std::vector<RuleSchema> schemas;
  for (const auto& rule : rules) schemas.push_back(rule->info().Schema());
  return schemas;
}

namespace {

void RunUnitRules(const Corpus& corpus, const Config& config,
                  const std::vector<const Rule*>& rules, int target_year,
                  int threads, std::vector<Finding>& out) {
  const int units = static_cast<int>(corpus.units.size());
  threads = std::max(1, std::min(threads, units));
  std::vector<std::vector<Finding>> per_thread(threads);
  std::atomic<int> next{0};
  auto work = [&](int slot) {
    for (int u = next++; u < units; u = next++) {
      for (const Rule* rule : rules) {
        UnitCheck check(corpus.units[u], u, config, rule->info(), target_year,
                        per_thread[slot]);
        rule->CheckUnit(check);
      }
    }
  };
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  pool.clear();  // joins
  for (auto& findings : per_thread) {
    std::move(findings.begin(), findings.end(), std::back_inserter(out));
  }
}

}  // namespace

std::vector<Finding> RunRules(const Corpus& corpus, const Config& config,
                              const RuleList& rules,
                              const RunOptions& options) {
  const int target_year = options.target_year > 0 ? options.target_year
                                                  : corpus.MajorityTitleYear();
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::thread::hardware_concurrency());
  std::vector<const Rule*> unit_rules, corpus_rules;
  for (const auto& rule : rules) {
    if (!config.Rule(rule->info().id).enabled) continue;
    (rule->info().corpus_wide ? corpus_rules : unit_rules)
        .push_back(rule.get());
  }
  std::vector<Finding> findings;
  RunUnitRules(corpus, config, unit_rules, target_year, threads, findings);
  for (const Rule* rule : corpus_rules) {
    rule->CheckCorpus(corpus, config, target_year, findings);
  }
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.unit_index, a.source.line, a.rule) <
                            std::tie(b.unit_index, b.source.line, b.rule);
                   });
  return findings;
}

}  // namespace jxaudit
