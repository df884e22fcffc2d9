// Helpers shared by the score/* rules that compare a scoring rule's points
// with the indicator's weight: the most points a reading can award (full
// marks and shares of the weight resolved against the weight) and the check
// of graded tiers (which score/exceeds-weight consults so that one defect is
// reported under one id).
#ifndef JXAUDIT_RULES_SCORE_UTIL_H_
#define JXAUDIT_RULES_SCORE_UTIL_H_

#include <optional>
#include <string>
#include <vector>

#include "analyzer/ingest/score_reader.h"
#include "analyzer/model/model.h"

namespace jxaudit {

// Points are compared with this tolerance ("4.9999" is 5).
inline constexpr double kPointsTolerance = 1e-6;

// What one tier pays, in points: full marks are the weight, "得70%指标分" is
// 0.7 × the weight. NaN when nothing can be said.
double TierPay(const ScoreTier& tier, double weight);

// The most points a rule can award. Staged rules have two readings ("the
// highest stage is the total" and "the stages add up"), and so do additive
// rules whose parts are not numbered ("计5分…计2分" may be alternatives):
// `smaller` and `larger` are those two; for every other rule both are the
// same number.
struct MaxPoints {
  double smaller = 0;
  double larger = 0;
  // How the number was read, for the message: "fixed", "tiers", "additive",
  // "staged", "stated_total", "fraction", "full_and_deduction"…
  std::string basis;
};

// nullopt when the rule reaches the weight by definition (得满分, deduction
// only) or its maximum cannot be known (unparsed, per-event bonus without a
// stated total).
std::optional<MaxPoints> ReadMaxPoints(const ScoreReading& reading,
                                       double weight);

// A problem with graded tiers.
struct TierProblem {
  enum class Kind { kInversion, kOverlap, kGap };
  Kind kind = Kind::kInversion;
  // kInversion: `better` is the band/grade that should pay more, `worse` the
  // one that pays more. kOverlap / kGap: `better` is the upper of the two
  // bands that overlap or lie on either side of the gap, `worse` the lower.
  ScoreTier better, worse;
  double better_pay = 0, worse_pay = 0;
  double from = 0, to = 0;  // kOverlap / kGap: the interval (may be ±inf)
  std::string unit;         // unit of the bounds ("%"), "" if none
};

struct TierAnalysis {
  std::vector<TierProblem> problems;  // most serious first
  // The most the best band or grade pays (the band where the indicator meets
  // its target, or the best qualitative grade); NaN when unknown.
  double top_pay = kScoreNaN;
};

// Checks the tiers of a row's reading: a worse band or grade that pays more
// than a better one, bands that overlap, and gaps between bands.
TierAnalysis AnalyzeTiers(const IndicatorRow& row, double weight);

// "inversion" / "overlap" / "gap".
std::string TierProblemName(TierProblem::Kind kind);

}  // namespace jxaudit

#endif  // JXAUDIT_RULES_SCORE_UTIL_H_
