#include "rules/registry.h"

namespace jxaudit {

// One line per rule: X(Name) expects `std::unique_ptr<Rule> MakeName()` in
// rules/<family>_<name>.cc.
#define JXAUDIT_ALL_RULES(X)     \
  X(StructureMissingCell)        \
  X(StructureHierarchy)          \
  X(StructureEmptyCategory)      \
  X(StructureDuplicateIndicator) \
  X(StructureHeaderMismatch)     \
  X(WeightSum)                   \
  X(WeightInvalid)               \
  X(ScoreExceedsWeight)          \
  X(ScoreBelowWeight)            \
  X(ScoreTiers)                  \
  X(ScoreDeduction)              \
  X(ScoreThresholdMismatch)      \
  X(ScoreSubjectMismatch)        \
  X(ScoreUnparsed)               \
  X(UnitMismatch)                \
  X(UnitInvalid)                 \
  X(UnitVariant)                 \
  X(OperatorInvalid)             \
  X(OperatorValueMismatch)       \
  X(OperatorDirection)           \
  X(OperatorVariant)             \
  X(ArithmeticItemizedSum)       \
  X(TextStaleYear)               \
  X(DuplicationCrossUnit)        \
  X(DuplicationStaleCopy)        \
  X(DuplicationCloneUnit)        \
  X(DuplicationWithinUnit)

#define JXAUDIT_DECLARE_RULE(Name) std::unique_ptr<Rule> Make##Name();
JXAUDIT_ALL_RULES(JXAUDIT_DECLARE_RULE)
#undef JXAUDIT_DECLARE_RULE

RuleList AllRules() {
  RuleList rules;
#define JXAUDIT_ADD_RULE(Name) rules.push_back(Make##Name());
  JXAUDIT_ALL_RULES(JXAUDIT_ADD_RULE)
#undef JXAUDIT_ADD_RULE
  return rules;
}

}  // namespace jxaudit
