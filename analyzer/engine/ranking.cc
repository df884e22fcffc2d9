#include "analyzer/engine/ranking.h"

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

double WeightSum(const Unit& unit) {
  double sum = 0;
  for (const IndicatorRow& row : unit.rows) {
    if (!row.IsPlaceholder() && row.parsed_weight.valid) {
      sum += row.parsed_weight.points;
    }
  }
  return sum;
}

// The rows of `findings` × (S, K, C): one row of priority terms per finding.
Eigen::MatrixX3d TermMatrix(
    const Corpus& corpus, const RankingSettings& settings,
    const absl::flat_hash_map<std::string, double>& certainty,
    const std::vector<Finding>& findings) {
  Eigen::MatrixX3d terms(findings.size(), 3);
  const std::vector<UnitStake> stakes = StakesOf(corpus);
  for (size_t i = 0; i < findings.size(); ++i) {
    auto it = certainty.find(findings[i].rule);
    const PriorityTerms t =
        TermsOf(corpus, stakes, settings,
                it == certainty.end() ? 0.5 : it->second, findings[i]);
    terms.row(i) << t.severity, t.stake, t.certainty;
  }
  return terms;
}

// Quality loss per unit: the findings × rules matrix of losses
// (quality_loss[severity] × certainty), summed per unit and rule (Uᵀ·L),
// each cell capped at max_loss_per_rule, then summed per unit.
Eigen::VectorXd UnitLosses(const Corpus& corpus,
                           const RankingSettings& settings,
                           const Eigen::MatrixX3d& terms,
                           const std::vector<Finding>& findings) {
  absl::flat_hash_map<std::string, int> rule_column;
  for (const Finding& finding : findings) {
    rule_column.try_emplace(finding.rule, static_cast<int>(rule_column.size()));
  }
  const Eigen::Index n = static_cast<Eigen::Index>(findings.size());
  std::vector<Eigen::Triplet<double>> unit_of, loss_of;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Finding& finding = findings[i];
    if (finding.waived) continue;
    unit_of.emplace_back(i, finding.unit_index, 1.0);
    loss_of.emplace_back(
        i, rule_column[finding.rule],
        settings.quality_loss[static_cast<int>(finding.severity)] *
            terms(i, 2));
  }
  Eigen::SparseMatrix<double> units(n, corpus.units.size());
  Eigen::SparseMatrix<double> losses(n,
                                     std::max<size_t>(1, rule_column.size()));
  units.setFromTriplets(unit_of.begin(), unit_of.end());
  losses.setFromTriplets(loss_of.begin(), loss_of.end());
  Eigen::SparseMatrix<double> per_rule = units.transpose() * losses;
  for (int k = 0; k < per_rule.outerSize(); ++k) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(per_rule, k); it; ++it) {
      it.valueRef() = std::min(it.value(), settings.max_loss_per_rule);
    }
  }
  return per_rule * Eigen::VectorXd::Ones(per_rule.cols());
}

// Worst first: lowest quality, then most errors, then most warnings, then
// corpus order.
void AssignRanks(std::vector<UnitScore>& scores) {
  std::vector<int> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const UnitScore& x = scores[a];
    const UnitScore& y = scores[b];
    if (x.quality != y.quality) return x.quality < y.quality;
    if (x.errors != y.errors) return x.errors > y.errors;
    return x.warnings > y.warnings;
  });
  const int count = static_cast<int>(order.size());
  for (int r = 0; r < count; ++r) {
    scores[order[r]].rank = r + 1;
    scores[order[r]].league_rank = count - r;
  }
}

}  // namespace

std::vector<UnitStake> StakesOf(const Corpus& corpus) {
  std::vector<UnitStake> stakes;
  stakes.reserve(corpus.units.size());
  for (const Unit& unit : corpus.units) {
    stakes.push_back({WeightSum(unit), unit.RealIndicatorCount()});
  }
  return stakes;
}

double StakePoints(const Corpus& corpus, const std::vector<UnitStake>& stakes,
                   const Finding& finding) {
  const Unit& unit = corpus.units[finding.unit_index];
  const auto [table, real] = stakes[finding.unit_index];
  if (finding.row_index < 0) return table > 0 ? table : 100;
  const IndicatorRow& row = unit.rows[finding.row_index];
  if (row.parsed_weight.valid) return row.parsed_weight.points;
  return real > 0 && table > 0 ? table / real : 100.0 / std::max(1, real);
}

double StakePoints(const Corpus& corpus, const Finding& finding) {
  const Unit& unit = corpus.units[finding.unit_index];
  std::vector<UnitStake> stakes(corpus.units.size());
  stakes[finding.unit_index] = {WeightSum(unit), unit.RealIndicatorCount()};
  return StakePoints(corpus, stakes, finding);
}

PriorityTerms TermsOf(const Corpus& corpus,
                      const std::vector<UnitStake>& stakes,
                      const RankingSettings& settings, double certainty,
                      const Finding& finding) {
  PriorityTerms terms;
  terms.severity = settings.severity_score[static_cast<int>(finding.severity)];
  terms.stake_points = StakePoints(corpus, stakes, finding);
  // A finding about the whole unit puts the whole table at stake: K = 1,
  // whatever the table's weights add up to.
  terms.stake =
      finding.row_index < 0
          ? 1.0
          : std::min(1.0, std::log1p(std::max(0.0, terms.stake_points)) /
                              std::log1p(settings.stake_full_points));
  terms.certainty = std::clamp(certainty, 0.0, 1.0);
  return terms;
}

std::vector<UnitScore> RankFindings(const Corpus& corpus, const RuleList& rules,
                                    const RankingSettings& settings,
                                    std::vector<Finding>& findings) {
  absl::flat_hash_map<std::string, double> certainty;
  for (const auto& rule : rules)
    certainty[rule->info().id] = rule->info().certainty;

  const Eigen::MatrixX3d terms =
      TermMatrix(corpus, settings, certainty, findings);
  const Eigen::Vector3d weights(settings.severity_weight, settings.stake_weight,
                                settings.certainty_weight);
  const Eigen::VectorXd priority = terms * weights;
  const Eigen::VectorXd loss = UnitLosses(corpus, settings, terms, findings);

  std::vector<UnitScore> scores(corpus.units.size());
  for (size_t u = 0; u < corpus.units.size(); ++u) {
    scores[u].weight_sum = WeightSum(corpus.units[u]);
    scores[u].loss = std::round(loss(u) * 100) / 100;
    scores[u].quality = std::round(std::max(0.0, 100 - loss(u)) * 10) / 10;
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding& finding = findings[i];
    finding.priority =
        std::round(std::clamp(priority(i), 0.0, 1.0) * 1000) / 1000;
    if (finding.waived) continue;
    UnitScore& score = scores[finding.unit_index];
    if (finding.severity == Severity::kError) ++score.errors;
    if (finding.severity == Severity::kWarning) ++score.warnings;
    if (finding.severity == Severity::kInfo) ++score.infos;
  }
  AssignRanks(scores);
  // Sort positions, then move each finding once: a finding is large, and
  // a stable sort of the findings themselves moved each about log n times.
  std::vector<int> order(findings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const Finding& x = findings[a];
    const Finding& y = findings[b];
    if (x.priority != y.priority) return x.priority > y.priority;
    return scores[x.unit_index].rank < scores[y.unit_index].rank;
  });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (int i : order) sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
  return scores;
}

}  // namespace jxaudit
