// The engine: loads inputs into a corpus and runs the enabled rules over it,
// per-unit rules in parallel across units.
#ifndef JXAUDIT_ANALYZER_ENGINE_H_
#define JXAUDIT_ANALYZER_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "analyzer/config.h"
#include "analyzer/finding.h"
#include "analyzer/model.h"
#include "analyzer/rule.h"

namespace jxaudit {

using RuleList = std::vector<std::unique_ptr<Rule>>;

std::vector<RuleSchema> SchemasOf(const RuleList& rules);

// Reads every input path (files or folders) into one corpus. Inputs that
// cannot be read become diagnostics; the rest are still read.
Corpus LoadCorpus(const std::vector<std::string>& paths, const Config& config);

struct RunOptions {
  int target_year = 0;  // 0: the year most titles state
  int threads = 0;      // 0: hardware concurrency
};

// Runs every enabled rule. Findings come back in a stable order: by unit,
// line, then rule id.
std::vector<Finding> RunRules(const Corpus& corpus, const Config& config,
                              const RuleList& rules, const RunOptions& options);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ENGINE_H_
