// The engine: configures the rules and runs the enabled ones over a corpus,
// per-unit rules in parallel across units, corpus-wide rules after them.
#ifndef JXAUDIT_ANALYZER_ENGINE_ENGINE_H_
#define JXAUDIT_ANALYZER_ENGINE_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "analyzer/config/config.h"
#include "analyzer/engine/rule.h"
#include "analyzer/engine/run_context.h"
#include "analyzer/model/finding.h"
#include "analyzer/model/model.h"

namespace jxaudit {

using RuleList = std::vector<std::unique_ptr<Rule>>;

// Every rule's schema (id, default severity, declared parameters), for the
// configuration loader.
std::vector<RuleSchema> SchemasOf(const RuleList& rules);

// Reads each rule's parameters from `config` into the rule (Rule::Configure).
// The first error names the rule and the parameter.
absl::Status ConfigureRules(const RuleList& rules, const Config& config);

// Runs every enabled rule; `rules` were configured with `config`. Findings
// come back in a stable order: by unit, line, then rule id.
std::vector<Finding> RunRules(const Corpus& corpus, const Config& config,
                              const RuleList& rules, const RunOptions& options);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ENGINE_ENGINE_H_
