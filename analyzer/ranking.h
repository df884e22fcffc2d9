// Ranking: a priority in [0, 1] for every finding, a quality score (0–100)
// for every unit, and a stable fingerprint for every finding.
#ifndef JXAUDIT_ANALYZER_RANKING_H_
#define JXAUDIT_ANALYZER_RANKING_H_

#include <string>
#include <vector>

#include "analyzer/engine.h"
#include "analyzer/waivers.h"

namespace jxaudit {

struct UnitScore {
  double quality = 100;  // 0–100, higher is better
  int rank = 0;          // 1 = worst (review first)
  int errors = 0, warnings = 0, infos = 0;
  double weight_sum = 0;
};

// Fills priority and fingerprint of every finding, sorts findings by
// priority (highest first, ties in source order) and returns the unit scores
// (indexed like corpus.units).
std::vector<UnitScore> RankFindings(const Corpus& corpus, const RuleList& rules,
                                    std::vector<Finding>& findings);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_RANKING_H_
