#include "analyzer/model.h"

#include <map>

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

}  // namespace jxaudit
