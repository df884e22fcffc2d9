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

// The per-unit rules' findings, one list per slot of the thread pool.
std::vector<std::vector<Finding>> RunUnitRules(
    const RunContext& run, const std::vector<const Rule*>& rules) {
  const int units = static_cast<int>(run.corpus().units.size());
  std::vector<std::vector<Finding>> per_slot(SlotCount(units, run.threads()));
  ParallelForSlots(units, run.threads(), [&](int slot, int u) {
    for (const Rule* rule : rules) {
      UnitCheck check(run, u, rule->info(), per_slot[slot]);
      rule->CheckUnit(check);
    }
  });
  return per_slot;
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
void DropSuperseded(const RuleList& rules, std::vector<Finding*>& findings) {
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
  for (const Finding* f : findings) {
    if (f->row_index >= 0) {
      reported.insert({f->unit_index, f->row_index, f->rule});
    }
  }
  std::erase_if(findings, [&](const Finding* f) {
    const auto it = superseded_by.find(f->rule);
    if (it == superseded_by.end() || f->row_index < 0) return false;
    for (const std::string& other : *it->second) {
      if (reported.contains({f->unit_index, f->row_index, other})) return true;
    }
    return false;
  });
}

// The findings by unit, then line, then rule, ties in their order. Placed
// by a counting pass over the units and short sorts within each, then
// moved once into a list allocated once: a province has 150,000 findings,
// and a stable sort of the findings themselves moved each of them many
// times through a buffer as large as the list.
std::vector<Finding> InReportOrder(const std::vector<Finding*>& findings,
                                   size_t units) {
  // Bucket 0 for findings of no unit (unit_index -1), unit u in u + 1.
  std::vector<size_t> start(units + 2, 0);
  for (const Finding* f : findings) ++start[f->unit_index + 2];
  for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  std::vector<Finding*> order(findings.size());
  {
    std::vector<size_t> next(start.begin(), start.end() - 1);
    for (Finding* f : findings) order[next[f->unit_index + 1]++] = f;
  }
  for (size_t b = 0; b + 1 < start.size(); ++b) {
    std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(start[b]),
                     order.begin() + static_cast<std::ptrdiff_t>(start[b + 1]),
                     [](const Finding* a, const Finding* c) {
                       return std::tie(a->source.line, a->rule) <
                              std::tie(c->source.line, c->rule);
                     });
  }
  std::vector<Finding> out;
  out.reserve(findings.size());
  for (Finding* f : order) out.push_back(std::move(*f));
  return out;
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
  // own lists, joined in report order.
  std::vector<std::vector<Finding>> lists;
  std::vector<Finding> corpus_findings;
  RunSideBySide(
      run.threads(), [&] { lists = RunUnitRules(run, unit_rules); },
      [&] {
        for (const Rule* rule : corpus_rules) {
          CorpusCheck check(run, rule->info(), corpus_findings);
          rule->CheckCorpus(check);
        }
        // Freed here, beside the per-unit rules if they still run, rather
        // than at the end of the run: the findings put in report order
        // below then reuse the memory instead of faulting in fresh pages.
        run.ReleaseShared();
      });
  lists.push_back(std::move(corpus_findings));
  std::vector<Finding*> all;
  for (auto& list : lists) {
    for (Finding& f : list) all.push_back(&f);
  }
  DropSuperseded(rules, all);
  std::vector<Finding> findings = InReportOrder(all, corpus.units.size());
  PlaceFindings(corpus, findings);
  return findings;
}

}  // namespace jxaudit
