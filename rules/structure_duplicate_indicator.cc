// structure/duplicate-indicator: the same 三级指标 name appears twice in one
// unit.
//
// Names are compared after NFKC folding with blanks, punctuation and a
// leading list number ("1、", "（2）") removed: "医疗废物处理" and
// "医疗废物处理。" are one name, and so are "1、建设村级供销合作社" and
// "建设村级供销合作社". The finding is on the later occurrence and names the
// first one (its line, 二级指标 and whether the whole row was repeated).
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "re2/re2.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

// The comparison key of a 三级指标 name; empty when nothing is left.
std::string NameKey(std::string_view raw) {
  std::string text = RemoveAllBlanks(FoldNfkc(raw));
  // A leading list number: "1、", "2.", "(3)", "④" is not folded by NFKC
  // into a digit, so only ASCII forms after folding are handled.
  static const RE2 kNumbering(R"(^(?:\(\d{1,2}\)|\d{1,2}[、.．)]))");
  RE2::Replace(&text, kNumbering, "");
  // Punctuation never distinguishes two indicators.
  static const RE2 kPunct(R"(\p{P}+)");
  RE2::GlobalReplace(&text, kPunct, "");
  return text;
}

bool SameCell(const Cell& a, const Cell& b) {
  return RemoveAllBlanks(FoldNfkc(a.text)) == RemoveAllBlanks(FoldNfkc(b.text));
}

// The whole row was entered twice (not just the name reused).
bool SameContent(const IndicatorRow& a, const IndicatorRow& b) {
  return SameCell(a.op, b.op) && SameCell(a.value, b.value) &&
         SameCell(a.unit, b.unit) && SameCell(a.explanation, b.explanation) &&
         SameCell(a.rule, b.rule);
}

class StructureDuplicateIndicator : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "structure/duplicate-indicator",
        .default_severity = Severity::kWarning,
        .summary = "同一单位内两个指标的三级指标名称相同",
        .certainty = 0.9};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    const auto& rows = check.unit().rows;
    absl::flat_hash_map<std::string, int> first_of;  // key -> row index
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
      if (rows[i].IsPlaceholder() || IsBlankText(rows[i].name.text)) continue;
      std::string key = NameKey(rows[i].name.text);
      if (key.empty()) continue;
      auto [it, inserted] = first_of.emplace(std::move(key), i);
      if (!inserted) Report(check, it->second, i);
    }
  }

 private:
  static void Report(UnitCheck& check, int first, int second) {
    const Unit& unit = check.unit();
    const IndicatorRow& a = unit.rows[first];
    const IndicatorRow& b = unit.rows[second];
    const bool same_content = SameContent(a, b);
    const std::string name(TrimBlank(b.name.text));
    std::string message =
        StrCat("三级指标“", name, "”与", unit.LineRef(a.line), "的指标重名");
    std::string fix;
    if (same_content) {
      StrAppend(&message,
                "，且指标值、指标解释和评分标准也完全相同，是重复填写");
      const std::string points = FormatPoints(b);
      fix = StrCat("删除重复的一行，把它的分值",
                   points.empty() ? "" : StrCat("（", points, "）"),
                   "并入其他指标，使合计仍为100分");
    } else {
      StrAppend(&message, "（", unit.LineRef(a.line), "在“", a.level2,
                "”下，本行在“", b.level2,
                "”下），两个不同的考核内容用了同一个名称，"
                "评价时无法区分");
      fix = StrCat("把本行指标改名为能体现其“", b.level2, "”考核内容的名称",
                   NamingExample(b.level2), "，与", unit.LineRef(a.line), "的“",
                   TrimBlank(a.name.text),
                   "”区分开；若两行考核的是同一件事，合并为一行");
    }
    Finding& finding =
        check.AddRow(second, std::move(message), std::move(fix),
                     {{"name", name},
                      {"first_line", a.line},
                      {"first_name", std::string(TrimBlank(a.name.text))},
                      {"first_level2", std::string(a.level2)},
                      {"level2", std::string(b.level2)},
                      {"same_content", same_content}});
    finding.related.push_back({unit.id,
                               std::string(TrimBlank(a.name.text)),
                               {unit.source.file, a.line}});
  }

  // A naming hint for the usual 二级指标.
  static std::string_view NamingExample(std::string_view level2) {
    if (Contains(level2, "数量")) return "（如“……数量”）";
    if (Contains(level2, "质量")) return "（如“……完成率”“……合格率”）";
    if (Contains(level2, "时效")) return "（如“……及时率”）";
    return "";
  }

  static std::string FormatPoints(const IndicatorRow& row) {
    if (!row.parsed_weight.valid) return "";
    return StrCat(FormatNumber(row.parsed_weight.points), "分");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeStructureDuplicateIndicator() {
  return std::make_unique<StructureDuplicateIndicator>();
}

}  // namespace jxaudit
