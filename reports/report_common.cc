#include "reports/report_common.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_format.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

// Short names for the taxonomy's ids (taxonomy.md), as a clerk would say it.
const std::map<std::string_view, std::string_view>& RuleTitles() {
  static const auto* const kTitles =
      new std::map<std::string_view, std::string_view>{
          {"structure/missing-cell", "必填内容缺失"},
          {"structure/hierarchy", "指标层级错误"},
          {"structure/empty-category", "缺少必备的一级指标"},
          {"structure/duplicate-indicator", "指标名称重复"},
          {"structure/header-mismatch", "标题与单位名称不符"},
          {"weight/sum", "分值合计不为100分"},
          {"weight/invalid", "分值无效"},
          {"score/exceeds-weight", "评分标准高于分值"},
          {"score/below-weight", "评分标准达不到分值"},
          {"score/tiers", "评分档次矛盾"},
          {"score/deduction", "扣分办法无法执行"},
          {"score/threshold-mismatch", "评分标准与指标值不一致"},
          {"score/subject-mismatch", "评分标准写的是别的指标"},
          {"score/unparsed", "评分标准未能识别"},
          {"unit/mismatch", "计量单位前后不一致"},
          {"unit/invalid", "计量单位不当"},
          {"unit/variant", "计量单位写法不规范"},
          {"operator/invalid", "指标值类型无效"},
          {"operator/value-mismatch", "指标值与指标值类型不符"},
          {"operator/direction", "指标方向与类型相反"},
          {"operator/variant", "符号写法不规范"},
          {"duplication/cross-unit", "与其他单位雷同"},
          {"duplication/stale-copy", "照抄未改"},
          {"duplication/clone-unit", "整表与其他单位雷同"},
          {"duplication/within-unit", "说明或评分标准重复使用"},
          {"arithmetic/itemized-sum", "分项合计不符"},
          {"text/stale-year", "年份过时"},
      };
  return *kTitles;
}

bool IsFileNameSafe(char32_t c) {
  switch (c) {
    case '/':
    case '\\':
    case ':':
    case '*':
    case '?':
    case '"':
    case '<':
    case '>':
    case '|':
    case ' ':
    case '\t':
    case '\n':
      return false;
    default:
      return c >= 0x20;
  }
}

std::string Joined(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) {
    const std::string_view trimmed = TrimBlank(part);
    if (trimmed.empty()) continue;
    if (!out.empty()) out += ' ';
    StrAppend(&out, trimmed);
  }
  return out;
}

}  // namespace

std::string RuleTitle(const ReportInput& input, std::string_view rule_id) {
  auto it = RuleTitles().find(rule_id);
  if (it != RuleTitles().end()) return std::string(it->second);
  for (const RuleDescription& rule : input.rules) {
    if (rule.id == rule_id) return rule.summary;
  }
  return std::string(rule_id);
}

std::string RuleTitle(std::string_view rule_id) {
  auto it = RuleTitles().find(rule_id);
  return std::string(it != RuleTitles().end() ? it->second : rule_id);
}

std::string_view RuleFamily(std::string_view rule_id) {
  return rule_id.substr(0, rule_id.find('/'));
}

std::string_view FamilyTitle(std::string_view family) {
  static const auto* const kTitles =
      new std::map<std::string_view, std::string_view>{
          {"structure", "表格结构"},  {"weight", "分值"},
          {"score", "评分标准"},      {"unit", "计量单位"},
          {"operator", "指标值类型"}, {"duplication", "雷同照抄"},
          {"arithmetic", "数字计算"}, {"text", "年份文字"},
      };
  auto it = kTitles->find(family);
  return it == kTitles->end() ? family : it->second;
}

const std::vector<std::string_view>& Families() {
  static const auto* const kFamilies = new std::vector<std::string_view>{
      "structure", "weight",      "score",      "unit",
      "operator",  "duplication", "arithmetic", "text"};
  return *kFamilies;
}

std::vector<QuotePart> QuoteOf(const Corpus& corpus, const Finding& finding) {
  const Unit& unit = corpus.units[finding.unit_index];
  std::vector<QuotePart> parts;
  if (finding.row_index < 0) {
    parts.push_back({"标题", std::string(TrimBlank(unit.title))});
    return parts;
  }
  const IndicatorRow& row = unit.rows[finding.row_index];
  if (row.IsPlaceholder()) {
    parts.push_back({"空行", StrCat(row.level1, " · ", row.level2,
                                    "（该二级指标下没有填写指标）")});
    return parts;
  }
  const auto add = [&](std::string_view label, std::string text) {
    if (!TrimBlank(text).empty())
      parts.push_back({std::string(label), std::move(text)});
  };
  add("指标值", Joined({row.op.text, row.value.text, row.unit.text}));
  add("指标解释", std::string(TrimBlank(row.explanation.text)));
  add("评（扣）分标准", std::string(TrimBlank(row.rule.text)));
  add("分值", std::string(TrimBlank(row.weight.text)));
  return parts;
}

std::string QuoteText(const Corpus& corpus, const Finding& finding) {
  std::string out;
  for (const QuotePart& part : QuoteOf(corpus, finding)) {
    if (!out.empty()) out += '\n';
    StrAppend(&out, part.label, "：", part.text);
  }
  return out;
}

std::string IndicatorLabel(const Corpus& corpus, const Finding& finding) {
  if (finding.row_index < 0) return "（整表）";
  const IndicatorRow& row =
      corpus.units[finding.unit_index].rows[finding.row_index];
  const std::string_view name = TrimBlank(row.name.text);
  if (!name.empty()) return std::string(name);
  return StrCat("（", row.level2, "空行）");
}

std::string Level1Of(const Corpus& corpus, const Finding& finding) {
  if (finding.row_index < 0) return "";
  return std::string(
      corpus.units[finding.unit_index].rows[finding.row_index].level1);
}

std::string Level2Of(const Corpus& corpus, const Finding& finding) {
  if (finding.row_index < 0) return "";
  return std::string(
      corpus.units[finding.unit_index].rows[finding.row_index].level2);
}

std::array<int, 3> SeverityCounts(const std::vector<Finding>& findings) {
  std::array<int, 3> counts = {0, 0, 0};
  for (const Finding& finding : findings) {
    if (!finding.waived) ++counts[static_cast<int>(finding.severity)];
  }
  return counts;
}

std::string FormatNumber(double value, int decimals) {
  std::string text = absl::StrFormat("%.*f", decimals, value);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text == "-0" ? "0" : text;
}

std::string FileNameSafe(std::string_view text, size_t max_chars) {
  std::string name;
  size_t count = 0;
  for (std::string_view cp : CodePointSlices(TrimBlank(text))) {
    if (count++ == max_chars) break;
    const char32_t first = static_cast<unsigned char>(cp[0]);
    name += cp.size() == 1 && !IsFileNameSafe(first) ? std::string("_")
                                                     : std::string(cp);
  }
  return name;
}

std::string UnitFileStem(const Unit& unit) {
  const std::string name = FileNameSafe(unit.DisplayName(), 40);
  return name.empty() ? unit.id : StrCat(unit.id, "-", name);
}

std::vector<int> UnitsInScope(const ReportInput& input) {
  if (input.scope != nullptr) return *input.scope;
  std::vector<int> units(input.corpus.units.size());
  for (size_t u = 0; u < units.size(); ++u) units[u] = static_cast<int>(u);
  return units;
}

std::vector<int> UnitsWithFindings(const ReportInput& input) {
  std::vector<int> units;
  std::vector<bool> seen(input.corpus.units.size(), false);
  for (const Finding& finding : input.findings) {
    if (!finding.waived) seen[finding.unit_index] = true;
  }
  for (size_t u = 0; u < seen.size(); ++u) {
    if (seen[u]) units.push_back(static_cast<int>(u));
  }
  std::stable_sort(units.begin(), units.end(), [&](int a, int b) {
    return input.scores[a].rank < input.scores[b].rank;
  });
  return units;
}

std::vector<std::vector<const Finding*>> FindingsByUnit(
    const ReportInput& input) {
  std::vector<std::vector<const Finding*>> out(input.corpus.units.size());
  for (const Finding& finding : input.findings) {
    if (!finding.waived) out[finding.unit_index].push_back(&finding);
  }
  return out;
}

std::string LocationText(const SourceLocation& source) {
  // An office file: the place in it (the line is of jxaudit's text form).
  if (!source.place.empty())
    return StrCat(source.file, "（", source.place, "）");
  return source.line > 0 ? StrCat(source.file, ":", source.line) : source.file;
}

std::string Ellipsize(std::string_view text, size_t max_chars) {
  const auto points = CodePointSlices(text);
  if (points.size() <= max_chars) return std::string(text);
  std::string out;
  for (size_t i = 0; i + 1 < max_chars; ++i) out += points[i];
  return out + "…";
}

}  // namespace jxaudit
