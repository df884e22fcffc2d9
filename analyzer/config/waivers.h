// Waivers: accepted exceptions, kept in a YAML file the bureau maintains.
// A waived finding is left out of the counts and listed separately; a waiver
// that matches nothing (or has expired) is reported as stale.
#ifndef JXAUDIT_ANALYZER_CONFIG_WAIVERS_H_
#define JXAUDIT_ANALYZER_CONFIG_WAIVERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "analyzer/model/finding.h"
#include "analyzer/model/model.h"

namespace jxaudit {

struct Waiver {
  std::string unit;  // the unit's name as written (matched normalised)
  std::string
      indicator;  // 三级指标; empty: every finding of the rule in the unit
  std::string rule;  // a rule id
  std::string reason;
  std::string accepted_by;
  int until = 0;         // the last target year it applies to
  int line = 0;          // where it is in the waiver file
  int matched = 0;       // findings it waived in this run
  bool expired = false;  // until < target year
};

struct WaiverSet {
  std::string path;
  std::vector<Waiver> waivers;
};

// Reads a waiver file:
//   waivers:
//     - {unit: …, indicator: …, rule: weight/sum, reason: …, accepted_by: …,
//     until: 2025}
// `known_rules` are the valid rule ids. Errors name the file and line.
absl::StatusOr<WaiverSet> LoadWaivers(
    const std::string& path, const std::vector<std::string>& known_rules);
absl::StatusOr<WaiverSet> ParseWaivers(
    std::string_view yaml, const std::string& name_for_errors,
    const std::vector<std::string>& known_rules);

// Marks the findings that a current waiver covers (Finding::waived, and the
// waiver's index in Finding::waiver) and counts matches per waiver.
void ApplyWaivers(const Corpus& corpus, int target_year, WaiverSet& waivers,
                  std::vector<Finding>& findings);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_CONFIG_WAIVERS_H_
