// The engine: runs the enabled rules over a corpus, per-unit rules in
// parallel across units.
#ifndef JXAUDIT_ANALYZER_ENGINE_ENGINE_H_
#define JXAUDIT_ANALYZER_ENGINE_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/finding.h"
#include "analyzer/model/model.h"

namespace jxaudit {

using RuleList = std::vector<std::unique_ptr<Rule>>;

std::vector<RuleSchema> SchemasOf(const RuleList& rules);

struct RunOptions {
  int target_year = 0;  // 0: the year most titles state
  int threads = 0;      // 0: hardware concurrency
};

// Runs every enabled rule. Findings come back in a stable order: by unit,
// line, then rule id.
std::vector<Finding> RunRules(const Corpus& corpus, const Config& config,
                              const RuleList& rules, const RunOptions& options);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ENGINE_ENGINE_H_
