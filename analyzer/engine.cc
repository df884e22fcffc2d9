#include "analyzer/engine.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/strings/str_format.h"
#include "analyzer/input.h"
#include "analyzer/strings.h"
#include "analyzer/text_reader.h"

namespace jxaudit {

std::vector<RuleSchema> SchemasOf(const RuleList& rules) {
  std::vector<RuleSchema> schemas;
  for (const auto& rule : rules) schemas.push_back(rule->info().Schema());
  return schemas;
}

Corpus LoadCorpus(const std::vector<std::string>& paths, const Config& config) {
  Corpus corpus;
  corpus.inputs = paths;
  for (const std::string& file : ExpandInputs(paths, corpus.diagnostics)) {
    auto buffer = LoadSource(file);
    if (!buffer.ok()) {
      corpus.diagnostics.push_back({InputDiagnostic::Level::kError, file, 0,
                                    std::string(buffer.status().message()),
                                    "整个文件"});
      continue;
    }
    if ((*buffer)->encoding == "GB18030") {
      corpus.diagnostics.push_back(
          {InputDiagnostic::Level::kNote, file, 0,
           "文件不是 UTF-8，按 GB18030/GBK 编码读取并转换为 UTF-8", ""});
    }
    if ((*buffer)->dropped_tail_bytes > 0) {
      corpus.diagnostics.push_back(
          {InputDiagnostic::Level::kWarning, file, 0,
           StrCat("文件末尾的字符不完整，文件可能被截断；已忽略最后 ",
                  (*buffer)->dropped_tail_bytes, " 个字节，请核对文件是否完整"),
           ""});
    }
    ReadTextExport(**buffer, config, corpus.units, corpus.diagnostics);
    corpus.buffers.push_back(*std::move(buffer));
  }
  for (size_t i = 0; i < corpus.units.size(); ++i) {
    corpus.units[i].id = absl::StrFormat("u%04d", static_cast<int>(i + 1));
  }
  return corpus;
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
