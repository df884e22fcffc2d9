// structure/empty-category: a 一级指标 the framework marks required has no
// real indicator in the unit (e.g. no 满意度指标 at all).
//
// A row counts for a category when its resolved 一级指标 is that category or
// its 二级指标 belongs to it in the framework: a row whose 一级指标 cell was
// lost (structure/hierarchy reports that) still fills its category, so one
// lost cell is not reported twice. Placeholder rows (all blank, 不适用) never
// count. The finding is about the whole unit (title line), one per unit
// listing every empty category; placeholder rows of those categories are
// named in the evidence so the reviewer sees where the indicator belongs.
#include <map>
#include <string>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

class StructureEmptyCategory : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "structure/empty-category",
        .default_severity = Severity::kWarning,
        .summary = "框架要求的一级指标（如满意度指标）下没有任何实际指标",
        .certainty = 0.9};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    const Unit& unit = check.unit();
    // A table the reader found no row in is a reading problem, not a
    // category problem: the input diagnostics cover it.
    if (unit.rows.empty()) return;
    std::map<std::string, int> real_counts;
    std::map<std::string, std::vector<int>> placeholder_lines;
    for (const IndicatorRow& row : unit.rows) {
      for (const std::string& category : CategoriesOf(row, check.config())) {
        if (row.IsPlaceholder()) {
          placeholder_lines[category].push_back(row.line);
        } else {
          ++real_counts[category];
        }
      }
    }
    std::vector<std::string> missing;
    Evidence placeholders;
    for (const Level1Spec& spec : check.config().framework()) {
      if (!spec.required || real_counts.count(spec.name) > 0) continue;
      missing.push_back(spec.name);
      placeholders[spec.name] = placeholder_lines[spec.name];
    }
    if (missing.empty()) return;
    Report(check, missing, std::move(placeholders), real_counts);
  }

 private:
  // The categories a row belongs to: its resolved 一级指标 and the owner of
  // its 二级指标 (usually the same one).
  static std::vector<std::string> CategoriesOf(const IndicatorRow& row,
                                               const Config& config) {
    std::vector<std::string> categories;
    const std::string level1(TrimBlank(row.level1));
    if (!level1.empty()) categories.push_back(level1);
    const Level1Spec* owner = config.Level1Of(TrimBlank(row.level2));
    if (owner != nullptr && owner->name != level1) {
      categories.push_back(owner->name);
    }
    return categories;
  }

  static void Report(UnitCheck& check, const std::vector<std::string>& missing,
                     Evidence placeholders,
                     const std::map<std::string, int>& real_counts) {
    std::string list;
    for (const std::string& name : missing) StrAppend(&list, "“", name, "”");
    std::string message =
        StrCat("绩效指标中", list, "下没有任何实际指标（框架要求必须设置）");
    bool has_placeholder = false;
    for (const std::string& name : missing) {
      if (placeholders[name].size() > 0) has_placeholder = true;
    }
    if (has_placeholder) StrAppend(&message, "，表中只留了空白或“不适用”行");
    std::string fix = StrCat(missing.size() > 1 ? "分别在" : "在", list,
                             "下至少设置一项实际指标");
    for (const std::string& name : missing) {
      if (name.find("满意度") != std::string::npos) {
        StrAppend(&fix, "（满意度可设“服务对象满意度≥90%”一类指标）");
        break;
      }
    }
    StrAppend(&fix,
              "，填写指标值、计量单位、指标解释、评分标准和分值，"
              "并相应调整其他指标分值使合计仍为100分");
    Evidence present;
    for (const auto& [name, count] : real_counts) present[name] = count;
    check.AddUnit(std::move(message), std::move(fix),
                  {{"missing", missing},
                   {"placeholder_lines", std::move(placeholders)},
                   {"present", std::move(present)}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeStructureEmptyCategory() {
  return std::make_unique<StructureEmptyCategory>();
}

}  // namespace jxaudit
