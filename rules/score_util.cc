#include "rules/score_util.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

using Kind = ScoreReading::Kind;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kEps = kPointsTolerance;

// A tier with bounds, its pay resolved and open ends made infinite.
struct Band {
  ScoreTier tier;
  double lo = -kInf, hi = kInf;
  bool lo_in = true, hi_in = false;
  double pay = 0;
};

enum class Direction { kUnknown, kUp, kDown };

std::vector<Band> CollectBands(const std::vector<ScoreTier>& tiers,
                               double weight) {
  std::vector<Band> bands;
  for (const ScoreTier& t : tiers) {
    if (std::isnan(t.lower) && std::isnan(t.upper)) continue;
    const double pay = TierPay(t, weight);
    if (std::isnan(pay)) continue;
    Band b;
    b.tier = t;
    if (!std::isnan(t.lower)) b.lo = t.lower, b.lo_in = t.lower_inclusive;
    if (!std::isnan(t.upper)) b.hi = t.upper, b.hi_in = t.upper_inclusive;
    b.pay = pay;
    bands.push_back(std::move(b));
  }
  return bands;
}

// "满意度≥95%得5分；满意度≥90%得4分": a band open upwards ends where the
// next higher band starts (and likewise downwards), whatever form the other
// bands are written in. The reader does this only when every band is
// one-sided.
void Cascade(std::vector<Band>& bands) {
  const std::vector<Band> original = bands;
  for (Band& b : bands) {
    if (b.hi == kInf && b.lo != -kInf) {
      for (const Band& o : original) {
        if (o.lo != -kInf && o.lo > b.lo + kEps && o.lo < b.hi) {
          b.hi = o.lo;
          b.hi_in = !o.lo_in;
        }
      }
    } else if (b.lo == -kInf && b.hi != kInf) {
      for (const Band& o : original) {
        if (o.hi != kInf && o.hi < b.hi - kEps && o.hi > b.lo) {
          b.lo = o.hi;
          b.lo_in = !o.hi_in;
        }
      }
    }
  }
}

bool IsInteger(double v) {
  return std::isfinite(v) && std::fabs(v - std::round(v)) < kEps;
}

// Which way the indicator's value is better, from its operator.
Direction DirectionOfOperator(const IndicatorRow& row) {
  switch (row.parsed_op.op) {
    case Operator::kGe:
    case Operator::kGt:
      return Direction::kUp;
    case Operator::kLe:
    case Operator::kLt:
      return Direction::kDown;
    default:
      return Direction::kUnknown;
  }
}

// The bands are in the row's own quantity when their unit is the row's unit
// (or a percentage on a percentage value) or when they carry no unit.
bool BandsInRowUnit(const IndicatorRow& row, const std::string& band_unit) {
  if (band_unit.empty()) return true;
  if (band_unit == row.parsed_unit.canonical) return true;
  return band_unit == "%" && row.parsed_value.written_unit == "%";
}

// True when band a lies entirely above band b.
bool Above(const Band& a, const Band& b) { return a.lo >= b.hi - kEps; }

TierProblem MakeInversion(const Band& better, const Band& worse,
                          const std::string& unit) {
  TierProblem p;
  p.kind = TierProblem::Kind::kInversion;
  p.better = better.tier;
  p.worse = worse.tier;
  p.better_pay = better.pay;
  p.worse_pay = worse.pay;
  p.unit = unit;
  return p;
}

// The first pair of neighbours in `bands` (sorted upwards) where the band
// `closer` says is nearer the target pays less than the other one.
std::optional<TierProblem> FirstStepAway(const std::vector<const Band*>& bands,
                                         bool upper_is_closer,
                                         const std::string& unit) {
  for (size_t i = 1; i < bands.size(); ++i) {
    const Band& better = upper_is_closer ? *bands[i] : *bands[i - 1];
    const Band& worse = upper_is_closer ? *bands[i - 1] : *bands[i];
    if (worse.pay > better.pay + kEps)
      return MakeInversion(better, worse, unit);
  }
  return std::nullopt;
}

// Inversion judged against the row's own target:
//  - a band entirely on the failing side of the target must not pay more
//    than a band that meets it ("≥ 98": "90%≤x<98% 得8分" above "98%≤x 得5分");
//  - on the failing side, a band closer to the target must not pay less
//    than one further away;
//  - with "≥", beyond the target more must not pay less.
// With "≤" or "=" nothing is said about the bands that meet the target: the
// best band may sit in the middle ("预算控制率 ≤ 100%", "95%-105%得5分").
// Sets *judged when some band meets the target: the target then decides
// and the payouts' order is not consulted.
std::optional<TierProblem> TargetInversion(const IndicatorRow& row,
                                           const std::vector<Band>& sorted,
                                           const std::string& unit,
                                           double* top_pay, bool* judged) {
  *judged = false;
  if (row.parsed_value.kind != ValueKind::kNumber ||
      !BandsInRowUnit(row, unit)) {
    return std::nullopt;
  }
  const double target = row.parsed_value.number;
  const Operator op = row.parsed_op.op;
  const bool up = op == Operator::kGe || op == Operator::kGt;
  const bool down = op == Operator::kLe || op == Operator::kLt;
  if (!up && !down && op != Operator::kEq) return std::nullopt;
  auto below = [&](const Band& b) {
    return b.hi < target - kEps || (b.hi <= target + kEps && !b.hi_in);
  };
  auto above = [&](const Band& b) {
    return b.lo > target + kEps || (b.lo >= target - kEps && !b.lo_in);
  };
  std::vector<const Band*> meet, miss_below, miss_above;
  for (const Band& b : sorted) {
    if (!down && below(b)) {  // "≥" or "=": under the target fails
      miss_below.push_back(&b);
    } else if (!up && above(b)) {  // "≤" or "=": over the target fails
      miss_above.push_back(&b);
    } else {
      meet.push_back(&b);
    }
  }
  if (meet.empty()) return std::nullopt;
  *judged = true;
  const Band* best_meet = meet.front();
  for (const Band* b : meet) {
    if (b->pay > best_meet->pay) best_meet = b;
  }
  *top_pay = best_meet->pay;
  const Band* best_miss = nullptr;
  for (const auto* side : {&miss_below, &miss_above}) {
    for (const Band* b : *side) {
      if (best_miss == nullptr || b->pay > best_miss->pay) best_miss = b;
    }
  }
  if (best_miss != nullptr && best_miss->pay > best_meet->pay + kEps) {
    return MakeInversion(*best_meet, *best_miss, unit);
  }
  if (auto p = FirstStepAway(miss_below, /*upper_is_closer=*/true, unit)) {
    return p;
  }
  if (auto p = FirstStepAway(miss_above, /*upper_is_closer=*/false, unit)) {
    return p;
  }
  if (up) return FirstStepAway(meet, /*upper_is_closer=*/true, unit);
  return std::nullopt;
}

// Without a usable target: the direction the payouts mostly take (the
// operator's, when the steps agree with it), then the first step against it.
// Needs three bands: with two, a step either way is a direction.
std::optional<TierProblem> OrderInversion(const IndicatorRow& row,
                                          const std::vector<Band>& sorted,
                                          const std::string& unit,
                                          double* top_pay) {
  if (sorted.size() < 3) return std::nullopt;
  int ups = 0, downs = 0;
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (!Above(sorted[i], sorted[i - 1])) return std::nullopt;
    if (sorted[i].pay > sorted[i - 1].pay + kEps) ++ups;
    if (sorted[i].pay < sorted[i - 1].pay - kEps) ++downs;
  }
  Direction dir = Direction::kUnknown;
  if (ups > downs) dir = Direction::kUp;
  if (downs > ups) dir = Direction::kDown;
  const Direction op_dir = DirectionOfOperator(row);
  if (op_dir != Direction::kUnknown && BandsInRowUnit(row, unit) && ups > 0 &&
      downs > 0) {
    dir = op_dir;
  }
  if (dir == Direction::kUnknown) return std::nullopt;
  const Band& top = dir == Direction::kUp ? sorted.back() : sorted.front();
  *top_pay = top.pay;
  for (size_t i = 1; i < sorted.size(); ++i) {
    const Band& higher = sorted[i];
    const Band& lower = sorted[i - 1];
    const Band& better = dir == Direction::kUp ? higher : lower;
    const Band& worse = dir == Direction::kUp ? lower : higher;
    if (worse.pay > better.pay + kEps)
      return MakeInversion(better, worse, unit);
  }
  return std::nullopt;
}

// Two bands that share an interval of positive length and pay differently.
// Bands that only share a boundary ("95%以上" and "90%(含)-95%(含)") are a
// matter of notation and not reported.
std::optional<TierProblem> Overlap(const std::vector<Band>& sorted,
                                   const std::string& unit) {
  for (size_t i = 0; i < sorted.size(); ++i) {
    for (size_t j = i + 1; j < sorted.size(); ++j) {
      const Band& a = sorted[i];
      const Band& b = sorted[j];
      const double from = std::max(a.lo, b.lo);
      const double to = std::min(a.hi, b.hi);
      if (!(to - from > kEps)) continue;
      if (std::fabs(a.pay - b.pay) <= kEps) continue;
      TierProblem p;
      p.kind = TierProblem::Kind::kOverlap;
      // The band that reaches higher is "better" only for the message.
      const bool b_higher = b.hi > a.hi || (b.hi == a.hi && b.lo > a.lo);
      p.better = b_higher ? b.tier : a.tier;
      p.worse = b_higher ? a.tier : b.tier;
      p.better_pay = b_higher ? b.pay : a.pay;
      p.worse_pay = b_higher ? a.pay : b.pay;
      p.from = from;
      p.to = to;
      p.unit = unit;
      return p;
    }
  }
  return std::nullopt;
}

// True when a band's upper end is meant to include its whole number: written
// inclusive, or as a range ("90-94%") rather than with a strict "<".
bool WrittenAsWholeRange(const Band& b) {
  return b.hi_in || !b.tier.strict_upper_words;
}

// Bands about different quantities ("完成率≥95%得5分，及时率≥90%得3分")
// cannot be ordered against each other. Subjects agree when one is empty or
// they end in the same two characters ("群众满意度", "居民满意度").
bool SubjectsAgree(const std::vector<Band>& bands) {
  std::string_view first;
  for (const Band& b : bands) {
    std::string_view tail = LastCodePoints(b.tier.subject, 2);
    if (tail.empty()) continue;
    if (first.empty()) {
      first = tail;
    } else if (tail != first) {
      return false;
    }
  }
  return true;
}

// An interval between two bands that no band covers. Bands written in whole
// numbers that stop one short of the next ("90%-94%" and "95%以上", "5-9次"
// and "10次以上") are meant to be contiguous: the writer counts in whole
// units, so a gap of at most 1 between whole numbers is not reported unless
// the lower band ends with a strict "<" ("85%≤x<89%" then "90%≤x" leaves
// 89% uncovered).
// Inside one part of a numbered rule ("1、…>80%得2分，<75%不得分"), a band
// that pays nothing is written out as the part's lowest grade, so a gap next
// to it is a gap too (`zero_bands_bound`).
std::optional<TierProblem> Gap(const ScoreReading& reading,
                               const std::vector<Band>& sorted,
                               const std::string& unit, bool zero_bands_bound) {
  // Between the grades, a deduction or a proportional rule may decide
  // ("95%以上得5分，每少1%扣1分，低于80%不得分"): no gap to speak of.
  if (!reading.deductions.empty() || reading.fills_between_tiers) {
    return std::nullopt;
  }
  double reach = sorted.front().hi;
  const Band* reach_band = &sorted.front();
  for (size_t i = 1; i < sorted.size(); ++i) {
    const Band& b = sorted[i];
    // A gap next to a band that pays nothing ("95%以上得5分，低于90%不得分")
    // is the unwritten "otherwise nothing"; only gaps between two paying
    // grades are reported.
    if (!zero_bands_bound && (reach_band->pay <= kEps || b.pay <= kEps)) {
      if (b.hi > reach) {
        reach = b.hi;
        reach_band = &b;
      }
      continue;
    }
    const double width = b.lo - reach;
    const bool whole_step = IsInteger(b.lo) && IsInteger(reach) &&
                            width <= 1 + kEps && b.lo_in &&
                            WrittenAsWholeRange(*reach_band);
    if (width > kEps && !whole_step) {
      TierProblem p;
      p.kind = TierProblem::Kind::kGap;
      p.better = b.tier;
      p.worse = reach_band->tier;
      p.better_pay = b.pay;
      p.worse_pay = reach_band->pay;
      p.from = reach;
      p.to = b.lo;
      p.unit = unit;
      return p;
    }
    if (b.hi > reach) {
      reach = b.hi;
      reach_band = &b;
    }
  }
  return std::nullopt;
}

std::optional<TierProblem> GradeInversion(const std::vector<ScoreTier>& tiers,
                                          double weight, double* top_pay) {
  const ScoreTier* best_high = nullptr;
  double best_high_pay = 0;
  const ScoreTier* best_mid = nullptr;
  double best_mid_pay = 0;
  for (const ScoreTier& t : tiers) {
    if (!std::isnan(t.lower) || !std::isnan(t.upper)) continue;
    const double pay = TierPay(t, weight);
    if (std::isnan(pay)) continue;
    // Qualitative grades ("效果明显得10分，效果一般得5分，无效果不得分")
    // rank by the words the reader found.
    if (t.grade == GradeWords::kHigh &&
        (best_high == nullptr || pay > best_high_pay)) {
      best_high = &t;
      best_high_pay = pay;
    } else if (t.grade == GradeWords::kMiddle &&
               (best_mid == nullptr || pay > best_mid_pay)) {
      best_mid = &t;
      best_mid_pay = pay;
    }
  }
  if (best_high == nullptr) return std::nullopt;
  *top_pay = best_high_pay;
  if (best_mid == nullptr || best_mid_pay <= best_high_pay + kEps) {
    return std::nullopt;
  }
  TierProblem p;
  p.kind = TierProblem::Kind::kInversion;
  p.better = *best_high;
  p.worse = *best_mid;
  p.better_pay = best_high_pay;
  p.worse_pay = best_mid_pay;
  return p;
}

}  // namespace

namespace {

// "1、完成率>80%得2分，完成率<75%不得分；2、满意度≥90%得3分": numbered parts
// that each grade their own quantity add up (2 + 3). Read so only when some
// part holds two grades or more; a rule that numbers its grades one per
// point ("1、95%以上得5分 2、90%-95%得4分") is one scale.
std::optional<double> SumOfGradedParts(const std::vector<ScoreTier>& tiers,
                                       double weight) {
  std::map<int, std::pair<int, double>> parts;  // part -> (grades, best pay)
  for (const ScoreTier& t : tiers) {
    if (t.part <= 0) return std::nullopt;
    const double pay = TierPay(t, weight);
    auto& [count, best] = parts[t.part];
    ++count;
    if (!std::isnan(pay)) best = std::max(best, pay);
  }
  if (parts.size() < 2) return std::nullopt;
  double sum = 0;
  bool graded = false;
  for (const auto& [part, grades] : parts) {
    graded = graded || grades.first >= 2;
    sum += grades.second;
  }
  if (!graded) return std::nullopt;
  return sum;
}

}  // namespace

double TierPay(const ScoreTier& tier, double weight) {
  if (tier.full_marks) return weight;
  if (!std::isnan(tier.weight_fraction)) return tier.weight_fraction * weight;
  return tier.points;
}

std::optional<MaxPoints> ReadMaxPoints(const ScoreReading& r, double weight) {
  auto same = [](double v, std::string basis) {
    return MaxPoints{v, v, std::move(basis)};
  };
  switch (r.kind) {
    case Kind::kUnparsed:
      return std::nullopt;
    case Kind::kStaged:
      if (!r.max_points || !r.max_points_alt) return std::nullopt;
      return MaxPoints{std::min(*r.max_points, *r.max_points_alt),
                       std::max(*r.max_points, *r.max_points_alt), "staged"};
    case Kind::kTiers: {
      double best = kScoreNaN;
      for (const ScoreTier& t : r.tiers) {
        const double pay = TierPay(t, weight);
        if (!std::isnan(pay) && (std::isnan(best) || pay > best)) best = pay;
      }
      if (std::optional<double> sum = SumOfGradedParts(r.tiers, weight)) {
        return same(*sum, "graded_parts");
      }
      if (r.stated_total && (std::isnan(best) || *r.stated_total > best)) {
        return same(*r.stated_total, "stated_total");
      }
      if (std::isnan(best)) return std::nullopt;
      return same(best, "tiers");
    }
    case Kind::kAdditive:
      // Parts that are not surely parts may be alternatives: the largest
      // part is the other reading.
      if (r.max_points && r.max_single_part) {
        return MaxPoints{std::min(*r.max_single_part, *r.max_points),
                         std::max(*r.max_single_part, *r.max_points),
                         "additive_or_alternatives"};
      }
      break;
    default:
      break;
  }
  if (r.max_points) {
    const bool stated =
        r.stated_total && std::fabs(*r.stated_total - *r.max_points) <= kEps;
    return same(*r.max_points,
                stated ? "stated_total" : std::string(ScoreKindName(r.kind)));
  }
  if (r.reaches_weight_by_definition) return std::nullopt;
  if (r.fraction_of_weight) {
    return same(*r.fraction_of_weight * weight, "fraction");
  }
  return std::nullopt;
}

// Checks one set of bands that grade the same quantity. `in_part`: the
// bands are one part of a numbered rule, whose quantity may not be the
// row's own, so the row's target does not judge them.
void AnalyzeBands(const IndicatorRow& row, std::vector<Band> bands,
                  bool in_part, TierAnalysis* result) {
  std::set<std::string> units;
  for (const Band& b : bands) {
    if (!b.tier.unit.empty()) units.insert(b.tier.unit);
  }
  // Bands in different units measure different things; nothing to order.
  if (units.size() > 1 || !SubjectsAgree(bands)) return;
  const std::string unit = units.empty() ? "" : *units.begin();
  Cascade(bands);
  std::sort(bands.begin(), bands.end(), [](const Band& a, const Band& b) {
    return a.lo != b.lo ? a.lo < b.lo : a.hi < b.hi;
  });
  bool judged = false;
  std::optional<TierProblem> inversion;
  if (!in_part) {
    inversion = TargetInversion(row, bands, unit, &result->top_pay, &judged);
  }
  double top_pay = kScoreNaN;
  if (!judged) inversion = OrderInversion(row, bands, unit, &top_pay);
  if (!in_part && !judged) result->top_pay = top_pay;
  for (auto& p : {inversion, Overlap(bands, unit),
                  Gap(*row.parsed_rule, bands, unit, in_part)}) {
    if (p) result->problems.push_back(*p);
  }
}

// The bands of each numbered part that holds two or more; empty when no
// part does (a rule that numbers its bands one per point is one set).
std::vector<std::vector<Band>> BandsByPart(const std::vector<Band>& bands) {
  std::vector<std::vector<Band>> parts;
  std::set<int> ids;
  for (const Band& b : bands) ids.insert(b.tier.part);
  if (ids.size() < 2) return parts;
  for (int id : ids) {
    std::vector<Band> part;
    for (const Band& b : bands) {
      if (b.tier.part == id) part.push_back(b);
    }
    if (part.size() >= 2) parts.push_back(std::move(part));
  }
  return parts;
}

TierAnalysis AnalyzeTiers(const IndicatorRow& row, double weight) {
  TierAnalysis result;
  const ScoreReading& r = *row.parsed_rule;
  if (r.tiers.size() < 2) return result;
  std::vector<Band> bands = CollectBands(r.tiers, weight);
  std::vector<std::vector<Band>> parts = BandsByPart(bands);
  // A numbered rule whose parts each hold bands is unparsed as a whole (how
  // the parts add up is unclear) but each part's bands are checked.
  if (r.kind == Kind::kUnparsed && parts.empty()) return result;
  if (!parts.empty()) {
    for (std::vector<Band>& part : parts) {
      AnalyzeBands(row, std::move(part), /*in_part=*/true, &result);
    }
    return result;
  }
  if (bands.size() >= 2) {
    AnalyzeBands(row, std::move(bands), /*in_part=*/false, &result);
    return result;
  }
  if (auto p = GradeInversion(r.tiers, weight, &result.top_pay)) {
    result.problems.push_back(*p);
  }
  return result;
}

std::string TierProblemName(TierProblem::Kind kind) {
  switch (kind) {
    case TierProblem::Kind::kInversion:
      return "inversion";
    case TierProblem::Kind::kOverlap:
      return "overlap";
    case TierProblem::Kind::kGap:
      return "gap";
  }
  return "";
}

}  // namespace jxaudit
