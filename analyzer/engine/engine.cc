#include "analyzer/engine/engine.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "analyzer/model/parallel.h"

namespace jxaudit {

std::vector<RuleSchema> SchemasOf(const RuleList& rules) {
  std::vector<RuleSchema> schemas;
  for (const auto& rule : rules) schemas.push_back(rule->Schema());
  return schemas;
}

absl::Status ConfigureRules(const RuleList& rules, const Config& config) {
  for (const auto& rule : rules) {
    if (auto status = rule->Configure(config.Rule(rule->info().id));
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

namespace {

void RunUnitRules(const RunContext& run, const std::vector<const Rule*>& rules,
                  std::vector<Finding>& out) {
  const int units = static_cast<int>(run.corpus().units.size());
  std::vector<std::vector<Finding>> per_slot(SlotCount(units, run.threads()));
  ParallelForSlots(units, run.threads(), [&](int slot, int u) {
    for (const Rule* rule : rules) {
      UnitCheck check(run, u, rule->info(), per_slot[slot]);
      rule->CheckUnit(check);
    }
  });
  for (auto& findings : per_slot) {
    std::move(findings.begin(), findings.end(), std::back_inserter(out));
  }
}

// Findings name a line of the text form; for an office file, say where that
// is in the department's own file (the sheet and cell, the table and row).
void PlaceFindings(const Corpus& corpus, std::vector<Finding>& findings) {
  absl::flat_hash_map<std::string_view, const SourceBuffer*> by_path;
  for (const auto& buffer : corpus.buffers) {
    if (!buffer->line_places.empty()) by_path[buffer->path] = buffer.get();
  }
  if (by_path.empty()) return;
  auto place = [&](SourceLocation& source) {
    if (auto it = by_path.find(source.file); it != by_path.end()) {
      it->second->Locate(source);
    }
  };
  for (Finding& finding : findings) {
    place(finding.source);
    for (RelatedPlace& related : finding.related) place(related.source);
  }
}

// RuleInfo::superseded_by: a finding is dropped when a superseding rule
// reported the same row of the same unit.
void DropSuperseded(const RuleList& rules, std::vector<Finding>& findings) {
  absl::flat_hash_map<std::string_view, const std::vector<std::string>*>
      superseded_by;
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    if (!info.superseded_by.empty()) {
      superseded_by[info.id] = &info.superseded_by;
    }
  }
  if (superseded_by.empty()) return;
  absl::flat_hash_set<std::tuple<int, int, std::string_view>> reported;
  for (const Finding& f : findings) {
    if (f.row_index >= 0) reported.insert({f.unit_index, f.row_index, f.rule});
  }
  std::erase_if(findings, [&](const Finding& f) {
    const auto it = superseded_by.find(f.rule);
    if (it == superseded_by.end() || f.row_index < 0) return false;
    for (const std::string& other : *it->second) {
      if (reported.contains({f.unit_index, f.row_index, other})) return true;
    }
    return false;
  });
}

}  // namespace

std::vector<Finding> RunRules(const Corpus& corpus, const Config& config,
                              const RuleList& rules,
                              const RunOptions& options) {
  const RunContext run(corpus, config, options);
  std::vector<const Rule*> unit_rules, corpus_rules;
  for (const auto& rule : rules) {
    if (!config.Rule(rule->info().id).enabled) continue;
    (rule->info().corpus_wide ? corpus_rules : unit_rules)
        .push_back(rule.get());
  }
  // The corpus-wide rules (copy detection) have serial steps; run beside
  // the per-unit rules, those steps leave no core idle. Each side fills its
  // own list, joined in a fixed order.
  std::vector<Finding> findings, corpus_findings;
  RunSideBySide(
      run.threads(), [&] { RunUnitRules(run, unit_rules, findings); },
      [&] {
        for (const Rule* rule : corpus_rules) {
          CorpusCheck check(run, rule->info(), corpus_findings);
          rule->CheckCorpus(check);
        }
      });
  std::move(corpus_findings.begin(), corpus_findings.end(),
            std::back_inserter(findings));
  DropSuperseded(rules, findings);
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.unit_index, a.source.line, a.rule) <
                            std::tie(b.unit_index, b.source.line, b.rule);
                   });
  PlaceFindings(corpus, findings);
  return findings;
}

}  // namespace jxaudit
