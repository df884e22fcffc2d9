// Reviewing jurisdictions: which county or district reviews each unit, so
// that a province's reports can be split by jurisdiction (README "Province
// scale"). A district's input is one jurisdiction.
#ifndef JXAUDIT_ANALYZER_INGEST_JURISDICTION_H_
#define JXAUDIT_ANALYZER_INGEST_JURISDICTION_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/model.h"

namespace jxaudit {

// The places a title or unit name states, in order: "君山区2024年中共岳阳市
// 君山区委办公室…" gives 君山区, 岳阳市, 君山区 (this one right after 岳阳市).
// A place is two or three Han characters and a level (省, 市, 州, 盟, 县, 区,
// 旗), and not a common noun ending in one (工业园区, 社区, 农贸市场 …). Party
// and front prefixes (中共 …) and years are left out.
struct NamedPlace {
  std::string name;
  bool right_after_previous = false;  // written right after the one before
};
std::vector<NamedPlace> PlacesNamedIn(std::string_view text);

// Sets every unit's `jurisdiction`:
// - a file inside a sub-folder of a folder given on the command line
//   belongs to that sub-folder ("2024/华容县/…" → 华容县);
// - otherwise the deepest place its title or name states that at least
//   three units state, so that a misread place does not make a
//   jurisdiction of its own. A city that only one such place lies in
//   (岳阳市 over 君山区 in a district's input) is that place; a city with
//   several is its own jurisdiction (a province's 市本级 units);
// - a unit stating none belongs where most units of its file do.
// Units that still have none keep "" (shown as 未注明地区).
void AssignJurisdictions(Corpus& corpus, int threads);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_JURISDICTION_H_
