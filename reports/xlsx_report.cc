#include "reports/xlsx_report.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "reports/report_common.h"
#include "reports/review_pages.h"
#include "reports/xlsx_common.h"

namespace jxaudit {
namespace {

// Column widths in Excel character units (one CJK character is about 2).
constexpr double kWidths[] = {5, 9, 11, 16, 14, 38, 44, 34, 8};
constexpr int kColumns = 9;
constexpr int kHeaderRow = 3;  // rows 0–2: title and the unit's header
// More units with findings than this (a province, a prefecture) get no sheet
// each in the overview workbook, only a summary row linking to their own
// workbook; a district keeps a sheet per unit.
constexpr size_t kMaxUnitSheets = 300;
constexpr double kLineHeight = kXlsxLineHeight;

struct Formats : XlsxBasicFormats {
  lxw_format* link;
  lxw_format* severity[3];  // indexed by Severity
};

Formats MakeFormats(lxw_workbook* book) {
  Formats f;
  static_cast<XlsxBasicFormats&>(f) = MakeBasicFormats(book);
  f.link = XlsxCellFormat(book);
  format_set_font_color(f.link, 0x1F5FA8);
  format_set_underline(f.link, LXW_UNDERLINE_SINGLE);
  // Light fill, dark text of the same hue: red, amber, blue.
  const uint32_t fills[3] = {0xDDEBF7, 0xFFEB9C, 0xF4CCCC};
  const uint32_t inks[3] = {0x1F4E79, 0x9C5700, 0x9C0006};
  for (int s = 0; s < 3; ++s) {
    f.severity[s] = XlsxCellFormat(book);
    format_set_align(f.severity[s], LXW_ALIGN_CENTER);
    format_set_bold(f.severity[s]);
    format_set_bg_color(f.severity[s], fills[s]);
    format_set_font_color(f.severity[s], inks[s]);
  }
  return f;
}

void SetupPage(lxw_worksheet* sheet, int repeat_row,
               std::string_view footer_name) {
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.6);
  worksheet_fit_to_pages(sheet, 1, 0);
  if (repeat_row >= 0) worksheet_repeat_rows(sheet, repeat_row, repeat_row);
  std::string escaped;  // '&' starts a header/footer code
  for (char c : Ellipsize(footer_name, 60)) {
    escaped += c;
    if (c == '&') escaped += '&';
  }
  const std::string footer =
      StrCat("&L", escaped, "&C第 &P 页，共 &N 页&R", "jxaudit");
  worksheet_set_footer(sheet, footer.c_str());
}

std::string UnitName(const Unit& unit) {
  return std::string(TrimBlank(unit.DisplayName()));
}

// Rows 0–2 of a unit sheet: title, the unit's identity and score, counts.
void WriteUnitHeader(const ReportInput& input, int u,
                     const std::vector<const Finding*>& findings,
                     lxw_worksheet* sheet, const Formats& f) {
  const Unit& unit = input.corpus.units[u];
  const UnitScore& score = input.scores[u];
  std::array<int, 3> counts = {0, 0, 0};
  for (const Finding* finding : findings)
    ++counts[static_cast<int>(finding->severity)];
  const std::string year =
      input.target_year > 0 ? StrCat(input.target_year) : "—";
  const std::string title =
      StrCat(UnitName(unit), "　", year, "年度整体支出绩效目标表　修改清单");
  const std::string who = StrCat(
      "单位：", UnitName(unit), "（", unit.id, "）　　年度：", year,
      "　　质量得分：", FormatNumber(score.quality), "（满分 100；共 ",
      input.corpus.units.size(), " 个单位，由低到高排第 ", score.rank, " 名）");
  const std::string what = StrCat(
      "共 ", findings.size(), " 个问题：错误 ", counts[2],
      " 个（须在公开前改正），警告 ", counts[1],
      " 个（应改正或书面说明理由），提示 ", counts[0],
      " 个（写法规范，建议统一）。原表：", LocationText(unit.source), "。");
  worksheet_merge_range(sheet, 0, 0, 0, kColumns - 1, title.c_str(), f.title);
  worksheet_merge_range(sheet, 1, 0, 1, kColumns - 1, who.c_str(), f.note);
  worksheet_merge_range(sheet, 2, 0, 2, kColumns - 1, what.c_str(), f.note);
  worksheet_set_row(sheet, 0, 26, nullptr);
  double total_width = 0;
  for (double w : kWidths) total_width += w;
  worksheet_set_row(sheet, 1, LinesFor(who, total_width) * kLineHeight + 4,
                    nullptr);
  worksheet_set_row(sheet, 2, LinesFor(what, total_width) * kLineHeight + 4,
                    nullptr);
}

void WriteUnitSheet(const ReportInput& input, int u,
                    const std::vector<const Finding*>& findings,
                    lxw_worksheet* sheet, const Formats& f) {
  const Corpus& corpus = input.corpus;
  for (int c = 0; c < kColumns; ++c)
    worksheet_set_column(sheet, c, c, kWidths[c], nullptr);
  WriteUnitHeader(input, u, findings, sheet, f);
  const auto& columns = CorrectionColumns();
  for (int c = 0; c < kColumns; ++c) {
    worksheet_write_string(sheet, kHeaderRow, c, columns[c].c_str(), f.header);
  }
  worksheet_set_row(sheet, kHeaderRow, 22, nullptr);
  lxw_row_t row = kHeaderRow + 1;
  for (const Finding* finding : findings) {
    const std::string cells[kColumns] = {
        std::to_string(row - kHeaderRow), Level1Of(corpus, *finding),
        Level2Of(corpus, *finding), IndicatorLabel(corpus, *finding),
        RuleTitle(input, finding->rule), finding->message,
        // An office file's place (sheet and cell, table and row) leads the
        // quoted text, so that the department finds the cell to fix.
        finding->source.place.empty()
            ? QuoteText(corpus, *finding)
            : StrCat("（位置：", finding->source.place, "）\n",
                     QuoteText(corpus, *finding)),
        finding->fix, std::string(SeverityChineseName(finding->severity))};
    int lines = 1;
    for (int c = 0; c < kColumns; ++c) {
      lxw_format* format = c == 0 ? f.center
                           : c == kColumns - 1
                               ? f.severity[static_cast<int>(finding->severity)]
                               : f.cell;
      if (c == 0) {
        worksheet_write_number(sheet, row, c, row - kHeaderRow, format);
      } else {
        worksheet_write_string(sheet, row, c, cells[c].c_str(), format);
      }
      lines = std::max(lines, LinesFor(cells[c], kWidths[c]));
    }
    worksheet_set_row(sheet, row, std::min(409.0, lines * kLineHeight + 4),
                      nullptr);
    ++row;
  }
  worksheet_freeze_panes(sheet, kHeaderRow + 1, 0);
  worksheet_autofilter(sheet, kHeaderRow, 0,
                       std::max<lxw_row_t>(kHeaderRow, row - 1), kColumns - 1);
  SetupPage(sheet, kHeaderRow, UnitName(corpus.units[u]));
}

// Excel sheet names: at most 31 characters, none of []:*?/\' .
std::string SheetName(const Unit& unit) {
  std::string name;
  size_t count = 0;
  const std::string text =
      StrCat(unit.id, " ", NormalisedUnitName(unit.DisplayName()));
  for (size_t i = 0; i < text.size() && count < 31; ++count) {
    const unsigned char c = text[i];
    const size_t len = Utf8SequenceLength(c);
    const bool bad = len == 1 && std::strchr("[]:*?/\\'", c) != nullptr;
    name += bad ? std::string("_") : std::string(text.substr(i, len));
    i += len;
  }
  return name;
}

// A workbook of correction lists, with this file's formats.
template <typename Fill>
absl::Status WriteWorkbook(const std::string& path, const std::string& title,
                           Fill fill) {
  return WriteWorkbookFile(
      path, title, [&](lxw_workbook* book) { fill(book, MakeFormats(book)); });
}

void WriteSummarySheet(const ReportInput& input,
                       const std::vector<std::vector<const Finding*>>& by_unit,
                       const std::map<int, std::string>& links,
                       bool by_jurisdiction, lxw_worksheet* sheet,
                       const Formats& f) {
  // A province's summary adds each unit's jurisdiction (地区) at the end.
  static const char* const kHeads[] = {
      "名次", "单位编号", "单位名称", "质量分", "错误", "警告",
      "提示", "指标数",   "分值合计", "明细",   "地区"};
  static constexpr double kSummaryWidths[] = {6, 9, 40, 8,  6, 6,
                                              6, 8, 9,  12, 14};
  const int columns = by_jurisdiction ? 11 : 10;
  for (int c = 0; c < columns; ++c)
    worksheet_set_column(sheet, c, c, kSummaryWidths[c], nullptr);
  const std::array<int, 3> counts = SeverityCounts(input.findings);
  const std::string title =
      StrCat(input.target_year > 0 ? StrCat(input.target_year, "年度") : "",
             "整体支出绩效目标表审核汇总");
  const std::string note = StrCat(
      "共 ", input.corpus.units.size(), " 个单位，",
      by_unit.size() - std::count_if(by_unit.begin(), by_unit.end(),
                                     [](const auto& v) { return v.empty(); }),
      " 个单位有问题；错误 ", counts[2], " 个，警告 ", counts[1], " 个，提示 ",
      counts[0],
      " 个。按质量分由低到高排列（最需要复核的在前）；点击“明细”查看该单位的修"
      "改清单。");
  worksheet_merge_range(sheet, 0, 0, 0, columns - 1, title.c_str(), f.title);
  worksheet_merge_range(sheet, 1, 0, 1, columns - 1, note.c_str(), f.note);
  worksheet_set_row(sheet, 0, 26, nullptr);
  worksheet_set_row(sheet, 1, 2 * kLineHeight + 4, nullptr);
  for (int c = 0; c < columns; ++c)
    worksheet_write_string(sheet, 2, c, kHeads[c], f.header);
  std::vector<int> order(input.scores.size());
  for (size_t u = 0; u < order.size(); ++u) order[u] = static_cast<int>(u);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return input.scores[a].rank < input.scores[b].rank;
  });
  lxw_row_t row = 3;
  for (int u : order) {
    const Unit& unit = input.corpus.units[u];
    const UnitScore& score = input.scores[u];
    worksheet_write_number(sheet, row, 0, score.rank, f.center);
    worksheet_write_string(sheet, row, 1, unit.id.c_str(), f.center);
    worksheet_write_string(sheet, row, 2, UnitName(unit).c_str(), f.cell);
    worksheet_write_number(sheet, row, 3, score.quality, f.number);
    worksheet_write_number(sheet, row, 4, score.errors,
                           score.errors ? f.severity[2] : f.center);
    worksheet_write_number(sheet, row, 5, score.warnings,
                           score.warnings ? f.severity[1] : f.center);
    worksheet_write_number(sheet, row, 6, score.infos,
                           score.infos ? f.severity[0] : f.center);
    worksheet_write_number(sheet, row, 7, unit.RealIndicatorCount(), f.center);
    worksheet_write_number(sheet, row, 8, score.weight_sum, f.center);
    if (auto it = links.find(u); it != links.end()) {
      worksheet_write_url_opt(sheet, row, 9, it->second.c_str(), f.link, "查看",
                              nullptr);
    } else {
      worksheet_write_string(sheet, row, 9, "无问题", f.center);
    }
    if (by_jurisdiction) {
      worksheet_write_string(
          sheet, row, 10, JurisdictionTitle(unit.jurisdiction).c_str(), f.cell);
    }
    worksheet_set_row(
        sheet, row, std::max(1, LinesFor(UnitName(unit), 40)) * kLineHeight + 4,
        nullptr);
    ++row;
  }
  worksheet_freeze_panes(sheet, 3, 0);
  worksheet_autofilter(sheet, 2, 0, row - 1, columns - 1);
  SetupPage(sheet, 2, title);
}

void WriteRulesSheet(const ReportInput& input, lxw_worksheet* sheet,
                     const Formats& f) {
  static const char* const kHeads[] = {
      "类别", "规则", "问题类型", "严重程度", "问题数", "涉及单位数", "说明"};
  static constexpr double kRuleWidths[] = {12, 28, 22, 9, 8, 10, 70};
  for (int c = 0; c < 7; ++c)
    worksheet_set_column(sheet, c, c, kRuleWidths[c], nullptr);
  for (int c = 0; c < 7; ++c)
    worksheet_write_string(sheet, 0, c, kHeads[c], f.header);
  std::map<std::string, int> per_rule;
  std::map<std::string, std::set<int>> units;
  for (const Finding& finding : input.findings) {
    if (finding.waived) continue;
    ++per_rule[finding.rule];
    units[finding.rule].insert(finding.unit_index);
  }
  lxw_row_t row = 1;
  for (std::string_view family : Families()) {
    for (const RuleDescription& rule : input.rules) {
      if (RuleFamily(rule.id) != family) continue;
      worksheet_write_string(sheet, row, 0,
                             std::string(FamilyTitle(family)).c_str(), f.cell);
      worksheet_write_string(sheet, row, 1, rule.id.c_str(), f.cell);
      worksheet_write_string(sheet, row, 2, RuleTitle(input, rule.id).c_str(),
                             f.cell);
      worksheet_write_string(
          sheet, row, 3,
          std::string(SeverityChineseName(rule.severity)).c_str(),
          f.severity[static_cast<int>(rule.severity)]);
      worksheet_write_number(sheet, row, 4, per_rule[rule.id], f.center);
      worksheet_write_number(sheet, row, 5, units[rule.id].size(), f.center);
      worksheet_write_string(sheet, row, 6, rule.summary.c_str(), f.cell);
      worksheet_set_row(sheet, row,
                        LinesFor(rule.summary, 70) * kLineHeight + 4, nullptr);
      ++row;
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);
  SetupPage(sheet, 0, "问题类型");
}

}  // namespace

const std::vector<std::string>& CorrectionColumns() {
  static const auto* const kColumnNames = new std::vector<std::string>{
      "序号",     "一级指标", "二级指标", "三级指标", "问题类型",
      "问题说明", "原文",     "修改建议", "严重程度"};
  return *kColumnNames;
}

absl::Status WriteUnitWorkbook(const ReportInput& input, int unit,
                               const std::vector<const Finding*>& findings,
                               const std::string& path) {
  const std::string title =
      StrCat(UnitName(input.corpus.units[unit]), " 修改清单");
  return WriteWorkbook(path, title, [&](lxw_workbook* book, const Formats& f) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "修改清单");
    WriteUnitSheet(input, unit, findings, sheet, f);
  });
}

absl::Status WriteOverviewWorkbook(
    const ReportInput& input,
    const std::vector<std::vector<const Finding*>>& by_unit,
    const std::string& path) {
  return WriteWorkbook(
      path, "绩效目标表审核汇总", [&](lxw_workbook* book, const Formats& f) {
        lxw_worksheet* summary = workbook_add_worksheet(book, "汇总");
        lxw_worksheet* rules = workbook_add_worksheet(book, "问题类型");
        std::map<int, std::string> links;
        std::vector<std::pair<int, lxw_worksheet*>> unit_sheets;
        const std::vector<int> units = UnitsWithFindings(input);
        const bool by_jurisdiction = JurisdictionCount(input.corpus) > 1;
        for (int u : units) {
          const Unit& unit = input.corpus.units[u];
          if (units.size() > kMaxUnitSheets) {
            // A province: one summary row per unit, linking to the unit's
            // own workbook instead of a sheet (Excel and WPS slow to a
            // crawl with thousands of sheets).
            links[u] =
                StrCat("external:", CorrectionListStem(unit, by_jurisdiction),
                       ".xlsx");
            continue;
          }
          const std::string name = SheetName(unit);
          lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
          if (sheet == nullptr) continue;  // a clash libxlsxwriter refused
          links[u] = StrCat("internal:'", name, "'!A1");
          unit_sheets.emplace_back(u, sheet);
        }
        WriteSummarySheet(input, by_unit, links, by_jurisdiction, summary, f);
        WriteRulesSheet(input, rules, f);
        for (const auto& [u, sheet] : unit_sheets)
          WriteUnitSheet(input, u, by_unit[u], sheet, f);
      });
}

}  // namespace jxaudit
