#include "analyzer/ranking.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "analyzer/text.h"

namespace jxaudit {
namespace {

// Priority = 0.5·severity + 0.3·stake + 0.2·certainty, where severity is
// 1 / 0.5 / 0.1 for error / warning / info, stake is the points at risk
// (the row's weight, or the whole table for unit findings) over 20 capped at
// 1, and certainty is the rule's own confidence.
constexpr double kSeverityWeight = 0.5;
constexpr double kStakeWeight = 0.3;
constexpr double kCertaintyWeight = 0.2;
constexpr double kStakeScale = 20;  // points at which the stake saturates

// Quality = 100 minus points lost per finding, floored at 0.
constexpr double kQualityLoss[] = {0.5, 3, 8};  // info, warning, error

double SeverityScore(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return 1.0;
    case Severity::kWarning:
      return 0.5;
    case Severity::kInfo:
      return 0.1;
  }
  return 0.1;
}

uint64_t Fnv1a(std::string_view text, uint64_t hash = 1469598103934665603ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string Fingerprint(const Corpus& corpus, const Finding& finding) {
  const Unit& unit = corpus.units[finding.unit_index];
  std::string key = finding.rule;
  key += '\x1f';
  key += NormalisedUnitName(unit.DisplayName());
  key += '\x1f';
  if (finding.row_index >= 0) {
    key += RemoveAllBlanks(FoldNfkc(unit.rows[finding.row_index].name.text));
  }
  return absl::StrFormat("%016x", Fnv1a(key));
}

}  // namespace

std::vector<UnitScore> RankFindings(const Corpus& corpus, const RuleList& rules,
                                    std::vector<Finding>& findings) {
  absl::flat_hash_map<std::string, double> certainty;
  for (const auto& rule : rules)
    certainty[rule->info().id] = rule->info().certainty;
  std::vector<UnitScore> scores(corpus.units.size());
  for (size_t u = 0; u < corpus.units.size(); ++u) {
    for (const IndicatorRow& row : corpus.units[u].rows) {
      if (!row.IsPlaceholder() && row.parsed_weight.valid) {
        scores[u].weight_sum += row.parsed_weight.points;
      }
    }
  }
  for (Finding& finding : findings) {
    const Unit& unit = corpus.units[finding.unit_index];
    double stake = 100;
    if (finding.row_index >= 0) {
      stake = unit.rows[finding.row_index].parsed_weight.points;
    }
    finding.priority = kSeverityWeight * SeverityScore(finding.severity) +
                       kStakeWeight * std::min(1.0, stake / kStakeScale) +
                       kCertaintyWeight * certainty[finding.rule];
    finding.priority = std::round(finding.priority * 1000) / 1000;
    finding.fingerprint = Fingerprint(corpus, finding);
    if (finding.waived) continue;
    UnitScore& score = scores[finding.unit_index];
    score.quality -= kQualityLoss[static_cast<int>(finding.severity)];
    if (finding.severity == Severity::kError) ++score.errors;
    if (finding.severity == Severity::kWarning) ++score.warnings;
    if (finding.severity == Severity::kInfo) ++score.infos;
  }
  std::vector<int> order(scores.size());
  for (size_t u = 0; u < scores.size(); ++u) {
    scores[u].quality = std::max(0.0, scores[u].quality);
    order[u] = static_cast<int>(u);
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return scores[a].quality < scores[b].quality;
  });
  for (size_t r = 0; r < order.size(); ++r) scores[order[r]].rank = r + 1;
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return a.priority > b.priority;
                   });
  return scores;
}

}  // namespace jxaudit
