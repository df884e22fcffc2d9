// Ranking: a priority in [0, 1] for every finding, a quality score (0–100)
// and a rank for every unit.
//
// The formula and its weights live in the `ranking:` section of the YAML
// configuration (RankingSettings); README "Ranking" explains it with a worked
// example from the real corpus.
#ifndef JXAUDIT_ANALYZER_ENGINE_RANKING_H_
#define JXAUDIT_ANALYZER_ENGINE_RANKING_H_

#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/config/waivers.h"
#include "analyzer/engine/engine.h"

namespace jxaudit {

struct UnitScore {
  double quality = 100;  // 0–100, higher is better
  int rank = 0;          // 1 = worst (review first)
  int league_rank = 0;   // 1 = best (league table)
  int errors = 0, warnings = 0, infos = 0;
  double weight_sum = 0;
  double loss = 0;  // points lost, before the floor at 0
};

// The three terms of one finding's priority, before weighting.
struct PriorityTerms {
  double severity = 0;      // S: severity_scores[severity]
  double stake_points = 0;  // the points at stake
  double stake = 0;         // K: ln(1 + points) / ln(1 + full), ≤ 1; 1 for
                            // a finding about the whole unit
  double certainty = 0;     // C: the rule's certainty
};

// The points at stake: the row's weight; for a unit-level finding the whole
// table's weight (100 when it has none). A row without a valid weight counts
// as an average row of its unit.
double StakePoints(const Corpus& corpus, const Finding& finding);

// What StakePoints reads of a unit. Both totals walk the unit's rows, so a
// caller with many findings computes them once per unit (StakesOf): per
// finding, they made ranking quadratic in a unit's rows.
struct UnitStake {
  double table = 0;  // the unit's weights added up
  int real = 0;      // its rows that are not placeholders
};
std::vector<UnitStake> StakesOf(const Corpus& corpus);
double StakePoints(const Corpus& corpus, const std::vector<UnitStake>& stakes,
                   const Finding& finding);

// `stakes` is StakesOf(corpus).
PriorityTerms TermsOf(const Corpus& corpus,
                      const std::vector<UnitStake>& stakes,
                      const RankingSettings& settings, double certainty,
                      const Finding& finding);

// Fills the priority of every finding, sorts findings by priority
// (highest first; ties: the worse unit first, then source order) and returns
// the unit scores (indexed like corpus.units). Waived findings get a
// priority but do not cost quality.
std::vector<UnitScore> RankFindings(const Corpus& corpus, const RuleList& rules,
                                    const RankingSettings& settings,
                                    std::vector<Finding>& findings);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ENGINE_RANKING_H_
