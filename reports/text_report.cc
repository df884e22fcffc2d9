#include "reports/text_report.h"

#include <map>

#include "absl/strings/str_format.h"
#include "analyzer/model/strings.h"

namespace jxaudit {
namespace {

std::string Location(const SourceLocation& source) {
  // An office file: the place in it (the line is of jxaudit's text form).
  if (!source.place.empty())
    return StrCat(source.file, "（", source.place, "）");
  return source.line > 0 ? StrCat(source.file, ":", source.line) : source.file;
}

std::string FindingLine(const Corpus& corpus, const Finding& finding) {
  const Unit& unit = corpus.units[finding.unit_index];
  std::string where(unit.DisplayName());
  if (finding.row_index >= 0) {
    const IndicatorRow& row = unit.rows[finding.row_index];
    if (row.name.text.empty()) {
      StrAppend(&where, " · （", row.level2, "空行）");
    } else {
      StrAppend(&where, " · ", row.name.text);
    }
  }
  return StrCat(Location(finding.source), ": ",
                SeverityChineseName(finding.severity), " [", finding.rule, "] ",
                where, ": ", finding.message, "\n");
}

std::string_view LevelChinese(InputDiagnostic::Level level) {
  switch (level) {
    case InputDiagnostic::Level::kError:
      return "错误";
    case InputDiagnostic::Level::kWarning:
      return "警告";
    case InputDiagnostic::Level::kNote:
      return "说明";
  }
  return "说明";
}

}  // namespace

std::string DiagnosticLines(const std::vector<InputDiagnostic>& diagnostics) {
  std::string out;
  for (const InputDiagnostic& d : diagnostics) {
    StrAppend(&out, Location({d.file, d.line}), ": ", LevelChinese(d.level),
              ": ", d.message);
    if (!d.skipped.empty()) StrAppend(&out, "（已跳过：", d.skipped, "）");
    out += "\n";
  }
  return out;
}

std::string FindingLines(const ReportInput& input) {
  std::string out;
  for (const Finding& finding : input.findings) {
    if (!finding.waived) out += FindingLine(input.corpus, finding);
  }
  return out;
}

std::string SummaryText(const ReportInput& input, int top_count) {
  const Corpus& corpus = input.corpus;
  int real = 0, placeholders = 0;
  for (const Unit& unit : corpus.units) {
    for (const IndicatorRow& row : unit.rows) {
      (row.IsPlaceholder() ? placeholders : real)++;
    }
  }
  int counts[3] = {0, 0, 0};
  std::map<std::string, int> per_rule;
  int waived = 0;
  for (const Finding& finding : input.findings) {
    if (finding.waived) {
      ++waived;
      continue;
    }
    ++counts[static_cast<int>(finding.severity)];
    ++per_rule[finding.rule];
  }
  std::string out = StrCat(
      "jxaudit ", JXAUDIT_VERSION, " · 目标年度 ", input.target_year, " · ",
      corpus.buffers.size(), " 个文件 · ", corpus.units.size(), " 个单位 · ",
      real, " 个指标（另有 ", placeholders, " 个占位行）\n");
  StrAppend(&out, "发现问题 ", counts[2] + counts[1] + counts[0], " 个：错误 ",
            counts[2], "，警告 ", counts[1], "，提示 ", counts[0]);
  if (waived > 0) StrAppend(&out, "（另有 ", waived, " 个已豁免）");
  if (const BaselineInfo* b = input.baseline; b != nullptr) {
    StrAppend(&out, "\n只列出相对基线 ", b->path, "（", b->year,
              " 年度）新增的问题；基线中已有、仍存在的 ", b->persisting,
              " 个未列出，已整改 ", b->fixed, " 个");
  }
  out += "\n按规则：\n";
  for (const RuleDescription& rule : input.rules) {
    StrAppend(&out,
              absl::StrFormat("  %-30s %-8s %5d\n", rule.id,
                              SeverityName(rule.severity), per_rule[rule.id]));
  }
  int shown = 0;
  for (const Finding& finding : input.findings) {
    if (finding.waived) continue;
    if (shown == 0) {
      StrAppend(&out, "优先级最高的 ", top_count, " 个问题：\n");
    }
    if (shown++ == top_count) break;
    StrAppend(&out, absl::StrFormat("  %2d. ", shown),
              FindingLine(corpus, finding));
  }
  for (const Waiver* waiver : StaleWaivers(input)) {
    StrAppend(&out, input.waivers->path, ":", waiver->line, ": 豁免",
              waiver->expired ? StrCat("已过期（有效至", waiver->until, "年）")
                              : std::string("没有匹配任何问题"),
              "：", waiver->unit, waiver->indicator.empty() ? "" : " · ",
              waiver->indicator, " [", waiver->rule, "]\n");
  }
  if (!corpus.diagnostics.empty()) {
    StrAppend(&out, "输入问题 ", corpus.diagnostics.size(), " 个：\n",
              DiagnosticLines(corpus.diagnostics));
  }
  return out;
}

}  // namespace jxaudit
