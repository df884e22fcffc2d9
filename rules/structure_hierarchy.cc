// structure/hierarchy: a 二级指标 under a 一级指标 it does not belong to in
// the configured framework, or a table whose first row has no 一级指标.
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

class StructureHierarchy : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "structure/hierarchy",
        .default_severity = Severity::kError,
        .summary =
            "二级指标放在了不属于它的一级指标下，或表格第一行没有一级指标",
        .certainty = 0.95};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    const auto& rows = check.unit().rows;
    std::vector<Run> runs;
    bool reported_missing_level1 = false;
    bool previous_misplaced = false;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
      const IndicatorRow& row = rows[i];
      const Level1Spec* owner = check.config().Level1Of(row.level2);
      if (IsBlankText(row.level1)) {
        if (!reported_missing_level1) {
          ReportMissingLevel1(check, i, owner);
          reported_missing_level1 = true;
        }
        continue;
      }
      const bool misplaced =
          owner != nullptr &&
          Config::FrameworkKey(owner->name) != Config::FrameworkKey(row.level1);
      // Rows under the same inherited 一级指标 cell as a misplaced row above
      // share its cause (one lost cell): report them as one finding.
      if (misplaced && previous_misplaced && row.level1_inherited &&
          row.level1 == runs.back().level1) {
        runs.back().rows.push_back(i);
      } else if (misplaced) {
        runs.push_back({row.level1, owner, {i}});
      }
      previous_misplaced = misplaced;
    }
    for (const Run& run : runs) ReportMisplaced(check, run);
  }

 private:
  struct Run {
    std::string_view level1;
    const Level1Spec* owner;
    std::vector<int> rows;
  };

  static void ReportMissingLevel1(UnitCheck& check, int i,
                                  const Level1Spec* owner) {
    const IndicatorRow& row = check.unit().rows[i];
    std::string message = "表格第一行没有填写一级指标";
    std::string fix = "在第一行的一级指标栏填写所属一级指标";
    Evidence evidence = {{"level1", ""}, {"level2", std::string(row.level2)}};
    if (owner != nullptr) {
      StrAppend(&message, "；其二级指标“", row.level2, "”属于一级指标“",
                owner->name, "”");
      fix = StrCat("在第一行的一级指标栏填写“", owner->name, "”");
      evidence["expected_level1"] = owner->name;
    }
    check.AddRow(i, std::move(message), std::move(fix), std::move(evidence));
  }

  static void ReportMisplaced(UnitCheck& check, const Run& run) {
    const auto& rows = check.unit().rows;
    const IndicatorRow& row = rows[run.rows.front()];
    const Level1Spec& owner = *run.owner;
    std::string message = StrCat("二级指标“", row.level2, "”属于一级指标“",
                                 owner.name, "”，却出现在“", row.level1, "”下");
    if (row.level2_inherited) {
      StrAppend(&message, "（二级指标单元格为空，沿用了上一行的合并单元格）");
    }
    EvidenceArray affected;
    for (int index : run.rows) {
      const IndicatorRow& each = rows[index];
      affected.push_back(Evidence{{"line", each.line},
                                  {"level2", std::string(each.level2)},
                                  {"indicator", std::string(each.name.text)}});
    }
    if (run.rows.size() > 1) {
      StrAppend(&message, "；其后", run.rows.size() - 1,
                "行也沿用了同一个一级指标，疑似“", owner.name,
                "”一级指标单元格丢失");
    }
    check.AddRow(run.rows.front(), std::move(message),
                 StrCat("在该行的一级指标栏填写“", owner.name,
                        "”（或把该指标移到“", owner.name, "”下）"),
                 {{"level1", std::string(row.level1)},
                  {"level2", std::string(row.level2)},
                  {"expected_level1", owner.name},
                  {"level1_inherited", row.level1_inherited},
                  {"level2_inherited", row.level2_inherited},
                  {"rows", std::move(affected)}});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeStructureHierarchy() {
  return std::make_unique<StructureHierarchy>();
}

}  // namespace jxaudit
