// What every report writer receives: the corpus, the ranked findings, the
// unit scores and how the run was made. Writers only read it.
#ifndef JXAUDIT_REPORTS_REPORT_INPUT_H_
#define JXAUDIT_REPORTS_REPORT_INPUT_H_

#include <string>
#include <vector>

#include "analyzer/config/waivers.h"
#include "analyzer/engine/engine.h"
#include "analyzer/engine/ranking.h"

namespace jxaudit {

struct RuleDescription {
  std::string id;
  Severity severity = Severity::kWarning;
  std::string summary;
  std::string docs;
  double certainty = 0.9;  // RuleInfo.certainty, for the ranking's terms
};

// With --baseline: the run reports only findings that are new relative to
// an earlier findings.json; these are the numbers it left out.
struct BaselineInfo {
  std::string path;
  int year = 0;
  int new_findings = 0;  // reported
  int persisting = 0;    // in the baseline too: not reported
  int fixed = 0;         // in the baseline only
};

struct ReportInput {
  const Corpus& corpus;
  const std::vector<Finding>& findings;  // sorted by priority
  const std::vector<UnitScore>& scores;  // indexed like corpus.units
  std::vector<RuleDescription> rules;    // enabled rules
  int target_year = 0;
  std::string config_path;
  const WaiverSet* waivers = nullptr;  // null when no --waivers was given
  // The formula that ranked the findings (for explaining a priority).
  RankingSettings ranking;
  const BaselineInfo* baseline = nullptr;  // null without --baseline
  // The units a report covers, in corpus order (one page of a province's
  // review); null: every unit. `findings` then holds only theirs.
  const std::vector<int>* scope = nullptr;
  int threads = 0;  // --threads, for writers that render in parallel
};

// The same run restricted to some units and their findings (one page of a
// province's review). `findings` and `units` must outlive the result.
inline ReportInput ScopedTo(const ReportInput& input,
                            const std::vector<Finding>& findings,
                            const std::vector<int>& units) {
  ReportInput scoped{input.corpus, findings, input.scores};
  scoped.rules = input.rules;
  scoped.target_year = input.target_year;
  scoped.config_path = input.config_path;
  scoped.waivers = input.waivers;
  scoped.ranking = input.ranking;
  scoped.baseline = input.baseline;
  scoped.scope = &units;
  scoped.threads = input.threads;
  return scoped;
}

// Waivers that matched no finding or have expired: reported, never silent.
inline std::vector<const Waiver*> StaleWaivers(const ReportInput& input) {
  std::vector<const Waiver*> stale;
  if (input.waivers == nullptr) return stale;
  for (const Waiver& waiver : input.waivers->waivers) {
    if (waiver.expired || waiver.matched == 0) stale.push_back(&waiver);
  }
  return stale;
}

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_REPORT_INPUT_H_
