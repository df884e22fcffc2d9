// structure/header-mismatch: the table title and the 部门（单位）名称 cell
// name different units, or the title's year is not the year under review.
//
// Titles abbreviate freely ("君山区2024年人社局整体支出绩效目标表" for
// 岳阳市君山区人力资源和社会保障局), so names are compared by their
// distinctive part: place prefixes (岳阳市, 君山区, a bare 区), 中共, years,
// bracketed remarks (（单位）, （本级）) and the table marker are removed,
// and the two are the same unit when one is a subsequence of the other
// (an abbreviation keeps the characters of the full name in order:
// 人社局 ⊂ 人力资源和社会保障局, 科协 ⊂ 科学技术协会). A few merged-office
// abbreviations that do not keep characters (纪委监委) come from the
// `equivalents` parameter. The unit's Word bookmark heading is a second
// opinion: when it agrees with one side the case is left at info (a renamed
// unit, an old name in the heading), when neither agrees it is a warning.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_split.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "re2/re2.h"

namespace jxaudit {
namespace {

// Length of the longest common subsequence of two texts, in code points.
int CommonSubsequence(std::string_view a_text, std::string_view b_text) {
  const auto a = CodePointSlices(a_text);
  const auto b = CodePointSlices(b_text);
  std::vector<int> previous(b.size() + 1, 0), current(b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1
                                        : std::max(previous[j], current[j - 1]);
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// Code points of `a` that have no partner in `b` (0: `a` abbreviates `b`).
int Unmatched(std::string_view a, std::string_view b) {
  return static_cast<int>(CodePointSlices(a).size()) - CommonSubsequence(a, b);
}

// One name is an abbreviation of the other: its characters occur in the
// other in order (人社局 / 人力资源和社会保障局).
bool SameUnit(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  return Unmatched(a, b) == 0 || Unmatched(b, a) == 0;
}

class StructureHeaderMismatch : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "structure/header-mismatch",
        .default_severity = Severity::kWarning,
        .summary =
            "表格标题与“部门（单位）名称”不是同一单位，或标题年份不是审核年度",
        .certainty = 0.85};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    CheckYear(check);
    CheckName(check);
  }

 private:
  static void CheckYear(UnitCheck& check) {
    const Unit& unit = check.unit();
    const int target = check.target_year();
    if (target <= 0 || unit.title_year <= 0 || unit.title_year == target) {
      return;
    }
    std::string message =
        StrCat("表格标题写的是", unit.title_year, "年，本次审核的是", target,
               "年度的绩效目标表");
    if (unit.goals_year == unit.title_year) {
      StrAppend(&message, "（“年度总体绩效目标”栏也写的是", unit.goals_year,
                "年度），疑似沿用了往年的表格");
    }
    check.AddUnit(
        std::move(message),
        StrCat("将标题中的“", unit.title_year, "年”改为“", target,
               "年”，并核对表内目标、日期是否已按", target, "年度更新"),
        {{"title", std::string(unit.title)},
         {"title_year", unit.title_year},
         {"target_year", target},
         {"goals_year", unit.goals_year}});
  }

  void CheckName(UnitCheck& check) const {
    const Unit& unit = check.unit();
    if (IsBlankText(unit.name) || IsBlankText(unit.title)) return;
    const auto& equivalents = equivalents_;
    const std::string title =
        Distinctive(TitleUnitPart(unit.title), equivalents);
    const std::string name = Distinctive(unit.name, equivalents);
    // A title without a unit name ("2024年整体支出绩效目标表") cannot
    // disagree with anything.
    if (title.empty() || name.empty() || SameUnit(title, name)) return;
    const std::string bookmark = Distinctive(unit.bookmark, equivalents);
    const bool bookmark_title = SameUnit(bookmark, title);
    const bool bookmark_name = SameUnit(bookmark, name);
    const int title_unmatched = Unmatched(title, name);
    // The heading agreeing with the title leaves the 名称 cell alone against
    // two: a real conflict. Otherwise a title that misses a single
    // character of the name may be an abbreviation this rule does not know
    // (党史办 / 党史研究室): the reviewer decides.
    const int title_length = static_cast<int>(CodePointSlices(title).size());
    const bool decided = (bookmark_title && !bookmark_name) ||
                         title_unmatched >= 2 ||
                         2 * title_unmatched >= title_length;
    // Shown as written, before the equivalents replaced anything.
    const std::string shown = Distinctive(TitleUnitPart(unit.title), {});
    std::string message =
        StrCat("表格标题中的单位“", shown, "”与“部门（单位）名称”栏的“",
               TrimBlank(unit.name), "”不是同一单位");
    if (bookmark_title && !bookmark_name) {
      StrAppend(&message, "（文档目录标题“", unit.bookmark,
                "”与表格标题一致），名称栏疑似从其他单位的表格复制后未改");
    } else if (bookmark_name && !bookmark_title) {
      StrAppend(&message, "（文档目录标题“", unit.bookmark,
                "”与名称栏一致），表格标题疑似沿用了其他单位的标题");
    } else if (decided) {
      StrAppend(&message, "，疑似从其他单位的表格复制后未改全");
    } else {
      StrAppend(&message, "，也可能是简称或单位更名，请核对");
    }
    const std::string year =
        check.target_year() > 0 ? StrCat(check.target_year(), "年") : "";
    const std::string retitle = StrCat(
        "把标题改为“", year, TrimBlank(unit.name), "整体支出绩效目标表”");
    std::string fix;
    if (bookmark_title && !bookmark_name) {
      fix = StrCat("把“部门（单位）名称”栏改为本表单位的全称（文档目录标题为“",
                   TrimBlank(unit.bookmark),
                   "”），并核对职责、目标是否也是本单位的");
    } else if (bookmark_name && !bookmark_title) {
      fix = retitle;
    } else {
      fix = StrCat("核对本表属于哪个单位：若属于“", TrimBlank(unit.name), "”，",
                   retitle, "；否则更正“部门（单位）名称”栏");
    }
    Finding& finding = check.AddUnit(
        std::move(message), std::move(fix),
        {{"title", std::string(unit.title)},
         {"name", std::string(TrimBlank(unit.name))},
         {"bookmark", std::string(unit.bookmark)},
         {"title_unit", shown},
         {"name_unit", name},
         {"bookmark_agrees_with", bookmark_title && !bookmark_name   ? "title"
                                  : bookmark_name && !bookmark_title ? "name"
                                                                     : ""},
         {"title_chars_not_in_name", title_unmatched}});
    if (!decided) finding.severity = Severity::kInfo;
  }

  // The unit part of a title: what precedes the table marker.
  static std::string_view TitleUnitPart(std::string_view title) {
    for (std::string_view marker : {"整体支出绩效目标表", "整体支出绩效目标",
                                    "部门整体支出", "整体支出"}) {
      const size_t at = title.find(marker);
      if (at != std::string_view::npos) return title.substr(0, at);
    }
    return title;
  }

  // The part of a unit name that tells it from other units of the same
  // place; empty when nothing is left.
  static std::string Distinctive(std::string_view raw,
                                 const std::vector<std::string>& equivalents) {
    std::string text = RemoveAllBlanks(FoldNfkc(raw));
    static const RE2 kBracket(R"(\([^()]*\))");
    static const RE2 kYear(R"((?:19|20)\d\d(?:年度|年)?)");
    RE2::GlobalReplace(&text, kBracket, "");
    RE2::GlobalReplace(&text, kYear, "");
    // Place prefixes, 中共, repeated ("中共岳阳市君山区委…", "岳阳市岳阳市…").
    static const RE2 kPrefix(
        R"(^(?:中共|中国共产党|\p{Han}{2,3}?(?:省|自治区|市|州|区|县)))");
    while (RE2::Replace(&text, kPrefix, "")) {
    }
    // A bare 区/县/市 stands for the district itself ("区委巡察办").
    static const RE2 kBarePlace(R"(^(?:区|县|市)(\p{Han}))");
    RE2::Replace(&text, kBarePlace, R"(\1)");
    static const RE2 kSuffix(R"((?:本级|机关|本部)$)");
    RE2::Replace(&text, kSuffix, "");
    for (const std::string& pair : equivalents) {
      std::vector<std::string> sides = absl::StrSplit(pair, '=');
      if (sides.size() != 2 || sides[0].empty()) continue;
      const size_t at = text.find(sides[0]);
      if (at != std::string::npos) text.replace(at, sides[0].size(), sides[1]);
    }
    return text;
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.List("equivalents", &equivalents_);
  }

 private:
  // "简称=替换为": replacements made before names are compared, for merged
  // bodies whose short name keeps none of the full name's characters.
  std::vector<std::string> equivalents_ = {"纪委监委=纪委", "监委=监察委员会"};
};

}  // namespace

std::unique_ptr<Rule> MakeStructureHeaderMismatch() {
  return std::make_unique<StructureHeaderMismatch>();
}

}  // namespace jxaudit
