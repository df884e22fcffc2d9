// The names of compare.h's enums, as compare.json, compare.sarif and the
// command line spell them. Kept apart from compare.cc (the matching) so that
// the report writers link without it.
#include "analyzer/yoy/compare.h"

namespace jxaudit {

std::string_view UnitMatchKindName(UnitMatchKind kind) {
  switch (kind) {
    case UnitMatchKind::kSameName:
      return "same-name";
    case UnitMatchKind::kFuzzy:
      return "fuzzy";
    case UnitMatchKind::kAdded:
      return "added";
    case UnitMatchKind::kRemoved:
      return "removed";
  }
  return "same-name";
}

std::string_view ChangeStatusName(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kFixed:
      return "fixed";
    case ChangeStatus::kPersisting:
      return "persisting";
    case ChangeStatus::kNew:
      return "new";
  }
  return "persisting";
}

// SARIF 2.1.0 §3.27.24: a result of the new run that the baseline had is
// "unchanged", one it lacked is "new"; a baseline result that is gone is
// "absent".
std::string_view BaselineStateName(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kFixed:
      return "absent";
    case ChangeStatus::kPersisting:
      return "unchanged";
    case ChangeStatus::kNew:
      return "new";
  }
  return "unchanged";
}

}  // namespace jxaudit
