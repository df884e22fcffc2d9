#include "reports/csv_report.h"

#include <initializer_list>

#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "reports/json_stream.h"
#include "reports/report_common.h"

namespace jxaudit {
namespace {

// RFC 4180: quote a field that holds a comma, quote or line end, doubling
// the quotes. A leading = + - @ is prefixed with ' so a spreadsheet never
// reads a cell as a formula.
std::string Field(std::string_view text) {
  std::string value(text);
  if (!value.empty() && (value[0] == '=' || value[0] == '+' ||
                         value[0] == '-' || value[0] == '@')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void AppendLine(std::string& out,
                std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) out += ',';
    first = false;
    out += Field(field);
  }
  out += "\r\n";
}

}  // namespace

absl::Status WriteFindingsCsv(const ReportInput& input, const ByteSink& sink) {
  const Corpus& corpus = input.corpus;
  std::string head = "\xEF\xBB\xBF";
  AppendLine(head, {"优先级", "严重程度", "规则", "问题类型", "单位编号",
                    "单位名称", "一级指标", "二级指标", "三级指标", "文件",
                    "行号", "问题说明", "修改建议", "原文", "指纹", "位置"});
  if (auto status = sink(head); !status.ok()) return status;
  std::vector<const Finding*> listed;
  for (const Finding& finding : input.findings) {
    if (!finding.waived) listed.push_back(&finding);
  }
  return WriteRendered(
      static_cast<int>(listed.size()), input.threads,
      [&](int i, std::string& out) {
        const Finding& finding = *listed[i];
        const Unit& unit = corpus.units[finding.unit_index];
        AppendLine(
            out,
            {FormatNumber(finding.priority, 3),
             SeverityChineseName(finding.severity), finding.rule,
             RuleTitle(input, finding.rule), unit.id,
             TrimBlank(unit.DisplayName()), Level1Of(corpus, finding),
             Level2Of(corpus, finding), IndicatorLabel(corpus, finding),
             finding.source.file, std::to_string(finding.source.FileLine()),
             finding.message, finding.fix, QuoteText(corpus, finding),
             finding.fingerprint, finding.source.place});
      },
      sink);
}

}  // namespace jxaudit
