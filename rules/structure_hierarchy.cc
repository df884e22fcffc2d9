// structure/hierarchy: a 二级指标 under a 一级指标 it does not belong to in
// the configured framework, a row whose content is not of the kind its
// 一级指标 measures (a spending row under 满意度指标, kept there by a merged
// category cell), or a table whose first row has no 一级指标.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
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
          owner != nullptr && owner->key != Config::FrameworkKey(row.level1);
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
    CheckContent(check, runs);
  }

  void BindOptions(RuleOptions& options) override {
    options.List("category_content", &category_content_);
  }

 private:
  struct Run {
    std::string_view level1;
    const Level1Spec* owner;
    std::vector<int> rows;
  };

  // One entry of category_content: "满意度指标=满意|满意率;percentage,score".
  struct CategoryContent {
    std::string level1_key;                  // Config::FrameworkKey
    std::vector<std::string> name_words;     // a name with one of them fits
    std::vector<std::string> unit_families;  // so does a unit of these
  };

  std::vector<CategoryContent> ParsedContent() const {
    std::vector<CategoryContent> out;
    for (const std::string& entry : category_content_) {
      const std::vector<std::string> halves = absl::StrSplit(entry, '=');
      if (halves.size() != 2) continue;
      const std::vector<std::string> parts = absl::StrSplit(halves[1], ';');
      CategoryContent content{Config::FrameworkKey(halves[0]), {}, {}};
      content.name_words = absl::StrSplit(parts[0], '|', absl::SkipEmpty());
      if (parts.size() > 1) {
        content.unit_families =
            absl::StrSplit(parts[1], ',', absl::SkipEmpty());
      }
      out.push_back(std::move(content));
    }
    return out;
  }

  // A row under a 一级指标 of category_content whose name says nothing of
  // what that category measures and whose unit is of another kind
  // ("医疗救助最高支付限额", 万元, under 满意度指标): it belongs elsewhere.
  // Rows already reported above by their 二级指标 are not repeated.
  void CheckContent(UnitCheck& check, const std::vector<Run>& runs) const {
    const std::vector<CategoryContent> contents = ParsedContent();
    if (contents.empty()) return;
    std::vector<bool> reported(check.unit().rows.size(), false);
    for (const Run& run : runs) {
      for (int i : run.rows) reported[i] = true;
    }
    const auto& rows = check.unit().rows;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
      const IndicatorRow& row = rows[i];
      if (row.IsPlaceholder() || reported[i]) continue;
      const std::string key = Config::FrameworkKey(row.level1);
      for (const CategoryContent& content : contents) {
        if (content.level1_key == key && !Fits(row, content)) {
          ReportContent(check, i);
        }
      }
    }
  }

  static bool Fits(const IndicatorRow& row, const CategoryContent& content) {
    const std::string name = RemoveAllBlanks(FoldNfkc(row.name.text));
    for (const std::string& word : content.name_words) {
      if (Contains(name, word)) return true;
    }
    // An unknown or missing unit says nothing against the row.
    const std::string& family = row.parsed_unit.family;
    if (family.empty() || !row.parsed_unit.known) return true;
    for (const std::string& allowed : content.unit_families) {
      if (family == allowed) return true;
    }
    return false;
  }

  static void ReportContent(UnitCheck& check, int i) {
    const IndicatorRow& row = check.unit().rows[i];
    const std::string name(TrimBlank(row.name.text));
    const std::string unit(TrimBlank(row.unit.text));
    std::string message =
        StrCat("“", name, "”（计量单位“", unit, "”）衡量的不是",
               Config::FrameworkKey(row.level1), "，却放在一级指标“",
               row.level1, "”下");
    if (row.level1_inherited || row.level2_inherited) {
      StrAppend(&message, "（", row.level1_inherited ? "一级" : "二级",
                "指标单元格为空，沿用了上方的合并单元格，疑似该行所属的",
                row.level1_inherited ? "一级" : "二级", "指标单元格丢失）");
    }
    check.AddRow(i, std::move(message),
                 StrCat("在该行填写它实际所属的一级、二级指标（如成本指标、"
                        "产出指标），或把该指标移出“",
                        row.level1, "”"),
                 {{"level1", std::string(row.level1)},
                  {"level2", std::string(row.level2)},
                  {"unit", unit},
                  {"unit_family", row.parsed_unit.family},
                  {"level1_inherited", row.level1_inherited},
                  {"level2_inherited", row.level2_inherited}});
  }

  // Default: as in rules/default.yaml.
  std::vector<std::string> category_content_ = {
      "满意度指标=满意;percentage,permille,score"};

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
