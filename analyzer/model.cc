#include "analyzer/model.h"

#include <map>

#include "absl/strings/str_replace.h"
#include "analyzer/strings.h"
#include "analyzer/text.h"

namespace jxaudit {

int Unit::RealIndicatorCount() const {
  int count = 0;
  for (const IndicatorRow& row : rows) {
    if (!row.IsPlaceholder()) ++count;
  }
  return count;
}

std::string_view Unit::DisplayName() const {
  return name.empty() ? title : name;
}

int Corpus::MajorityTitleYear() const {
  std::map<int, int> votes;
  for (const Unit& unit : units) {
    if (unit.title_year > 0) ++votes[unit.title_year];
  }
  int best = 0, best_votes = 0;
  for (const auto& [year, count] : votes) {
    if (count > best_votes) {
      best = year;
      best_votes = count;
    }
  }
  return best;
}

std::string_view ValueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kEmpty:
      return "empty";
    case ValueKind::kNumber:
      return "number";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kBadDate:
      return "malformed-date";
    case ValueKind::kMulti:
      return "multiple";
    case ValueKind::kChineseNum:
      return "chinese-numeral";
    case ValueKind::kText:
      return "text";
  }
  return "text";
}

std::string NormalisedUnitName(std::string_view name) {
  std::string text = RemoveAllBlanks(FoldNfkc(name));
  for (std::string_view prefix : {"岳阳市", "君山区"}) {
    if (text.rfind(prefix, 0) == 0) text.erase(0, prefix.size());
  }
  return absl::StrReplaceAll(text,
                             {{"(单位)", ""}, {"(本级)", ""}, {"(机关)", ""}});
}

}  // namespace jxaudit
