#include "analyzer/model/score_reading.h"

namespace jxaudit {

using Kind = ScoreReading::Kind;

std::string_view ScoreKindName(ScoreReading::Kind kind) {
  switch (kind) {
    case Kind::kUnparsed:
      return "unparsed";
    case Kind::kFixed:
      return "fixed";
    case Kind::kFullMarks:
      return "full_marks";
    case Kind::kFractionOfWeight:
      return "fraction_of_weight";
    case Kind::kTiers:
      return "tiers";
    case Kind::kDeductionOnly:
      return "deduction_only";
    case Kind::kFullAndDeduction:
      return "full_and_deduction";
    case Kind::kAdditive:
      return "additive";
    case Kind::kStaged:
      return "staged";
    case Kind::kPerEvent:
      return "per_event";
  }
  return "unknown";
}

}  // namespace jxaudit
