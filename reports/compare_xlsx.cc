// compare.xlsx (libxlsxwriter), in the style of the correction workbooks:
// 概览 (the summary, then one row per unit), 新增问题, 已整改, 仍存在 (one
// row per finding) and 单位变动 (units renamed, removed, added). Every
// table has a frozen, repeated and filterable header row; 宋体 throughout.
#include <xlsxwriter.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/model/strings.h"
#include "reports/compare_common.h"
#include "reports/compare_report.h"
#include "reports/report_common.h"
#include "reports/xlsx_common.h"

namespace jxaudit {
namespace {

struct Formats : XlsxBasicFormats {
  lxw_format* ratio;  // 0.00
  lxw_format* up;     // a better score: green
  lxw_format* down;   // a worse score: red
  lxw_format* error;
  lxw_format* warning;
  lxw_format* info;
};

lxw_format* Coloured(lxw_workbook* book, uint32_t fill, uint32_t ink,
                     const char* num_format = nullptr) {
  lxw_format* format = XlsxCellFormat(book);
  format_set_align(format, LXW_ALIGN_CENTER);
  format_set_bold(format);
  format_set_bg_color(format, fill);
  format_set_font_color(format, ink);
  if (num_format != nullptr) format_set_num_format(format, num_format);
  return format;
}

Formats MakeFormats(lxw_workbook* book) {
  Formats f;
  static_cast<XlsxBasicFormats&>(f) = MakeBasicFormats(book);
  f.ratio = XlsxCellFormat(book);
  format_set_num_format(f.ratio, "0.00");
  f.up = Coloured(book, 0xE2F2E8, 0x1E6B3A, "+0.0;-0.0;0");
  f.down = Coloured(book, 0xF4CCCC, 0x9C0006, "+0.0;-0.0;0");
  f.error = Coloured(book, 0xF4CCCC, 0x9C0006);
  f.warning = Coloured(book, 0xFFEB9C, 0x9C5700);
  f.info = Coloured(book, 0xDDEBF7, 0x1F4E79);
  return f;
}

lxw_format* SeverityFormat(const Formats& f, std::string_view severity) {
  return severity == "error"     ? f.error
         : severity == "warning" ? f.warning
                                 : f.info;
}

void SetupPage(lxw_worksheet* sheet, int header_row, std::string_view name) {
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.6);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, header_row, header_row);
  const std::string footer =
      StrCat("&L", name, "&C第 &P 页，共 &N 页&R", "jxaudit");
  worksheet_set_footer(sheet, footer.c_str());
}

// One table: widths, the header row at `header_row`, and after the rows
// were written, the frozen pane, the filter and the page setup.
struct Table {
  lxw_worksheet* sheet;
  const Formats& f;
  std::vector<std::pair<const char*, double>> columns;  // heading, width
  lxw_row_t header_row = 0;

  void Begin() const {
    for (size_t c = 0; c < columns.size(); ++c) {
      worksheet_set_column(sheet, c, c, columns[c].second, nullptr);
      worksheet_write_string(sheet, header_row, c, columns[c].first, f.header);
    }
    worksheet_set_row(sheet, header_row, 22, nullptr);
  }
  void End(lxw_row_t next_row, std::string_view name) const {
    worksheet_freeze_panes(sheet, header_row + 1, 0);
    worksheet_autofilter(sheet, header_row, 0,
                         std::max<lxw_row_t>(header_row, next_row - 1),
                         columns.size() - 1);
    SetupPage(sheet, header_row, name);
  }
  // Row height for wrapped text in the given cells.
  void FitRow(lxw_row_t row, const std::vector<std::string>& cells) const {
    int lines = 1;
    for (size_t c = 0; c < cells.size() && c < columns.size(); ++c) {
      lines = std::max(lines, LinesFor(cells[c], columns[c].second));
    }
    worksheet_set_row(sheet, row, std::min(409.0, lines * kXlsxLineHeight + 4),
                      nullptr);
  }
};

void WriteText(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col,
               const std::string& text, lxw_format* format) {
  worksheet_write_string(sheet, row, col, text.c_str(), format);
}

// A number, or "—" when that side is missing.
void WriteMaybe(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col,
                bool present, double value, lxw_format* format,
                const Formats& f) {
  if (present) {
    worksheet_write_number(sheet, row, col, value, format);
  } else {
    worksheet_write_string(sheet, row, col, "—", f.center);
  }
}

std::string UnitField(const SnapshotUnit* unit, bool id) {
  if (unit == nullptr) return "—";
  return id ? unit->id : unit->name;
}

// Rows 0–3 of 概览: title, a sentence, and the summary numbers.
void WriteSummary(const CompareInput& in, lxw_worksheet* sheet,
                  const Formats& f, int width) {
  const Comparison& c = in.comparison;
  const std::string title = StrCat("整体支出绩效目标表年度对比：",
                                   in.old_run.year, " → ", in.new_run.year);
  const std::string note = StrCat(
      "上年：", in.old_run.label, "（", in.old_run.units.size(), " 个单位，",
      in.old_run.findings.size(), " 个问题）；本年：", in.new_run.label, "（",
      in.new_run.units.size(), " 个单位，", in.new_run.findings.size(),
      " 个问题）。下表按质量分变化排列，变差的在前，其后为撤销、新增的单位。");
  worksheet_merge_range(sheet, 0, 0, 0, width - 1, title.c_str(), f.title);
  worksheet_merge_range(sheet, 1, 0, 1, width - 1, note.c_str(), f.note);
  worksheet_set_row(sheet, 0, 26, nullptr);
  worksheet_set_row(sheet, 1, 2 * kXlsxLineHeight + 4, nullptr);
  const std::pair<const char*, double> numbers[] = {
      {"已整改", c.fixed},
      {"仍存在", c.persisting},
      {"新增问题", c.added},
      {"同名单位", c.units_same},
      {"更名单位", c.units_renamed},
      {"新增单位", c.units_added},
      {"撤销单位", c.units_removed},
      {"上年平均质量分", c.mean_quality_old},
      {"本年平均质量分", c.mean_quality_new}};
  for (int i = 0; i < 9; ++i) {
    worksheet_write_string(sheet, 2, i, numbers[i].first, f.header);
    worksheet_write_number(sheet, 3, i, numbers[i].second,
                           i >= 7 ? f.number : f.center);
  }
}

void WriteOverviewSheet(const CompareInput& in, lxw_worksheet* sheet,
                        const Formats& f) {
  Table table{sheet,
              f,
              {{"对应", 7},
               {"上年编号", 9},
               {"上年单位名称", 32},
               {"本年编号", 9},
               {"本年单位名称", 32},
               {"名称相似度", 11},
               {"指标相似度", 11},
               {"上年质量分", 11},
               {"本年质量分", 11},
               {"变化", 8},
               {"已整改", 8},
               {"仍存在", 8},
               {"新增", 7}},
              5};
  WriteSummary(in, sheet, f, static_cast<int>(table.columns.size()));
  table.Begin();
  lxw_row_t row = table.header_row + 1;
  for (int u : UnitOrder(in)) {
    const UnitChange& c = in.comparison.units[u];
    const SnapshotUnit* then = OldUnitOf(in, c.pair);
    const SnapshotUnit* now = NewUnitOf(in, c.pair);
    const bool matched = IsMatched(c);
    const double change = QualityChange(c);
    WriteText(sheet, row, 0, std::string(MatchKindChinese(c.pair.kind)),
              f.center);
    WriteText(sheet, row, 1, UnitField(then, true), f.center);
    WriteText(sheet, row, 2, UnitField(then, false), f.cell);
    WriteText(sheet, row, 3, UnitField(now, true), f.center);
    WriteText(sheet, row, 4, UnitField(now, false), f.cell);
    WriteMaybe(sheet, row, 5, matched, c.pair.name_similarity, f.ratio, f);
    WriteMaybe(sheet, row, 6, matched, c.pair.content_similarity, f.ratio, f);
    WriteMaybe(sheet, row, 7, then != nullptr, c.quality_old, f.number, f);
    WriteMaybe(sheet, row, 8, now != nullptr, c.quality_new, f.number, f);
    WriteMaybe(sheet, row, 9, matched, change,
               change > 0   ? f.up
               : change < 0 ? f.down
                            : f.number,
               f);
    worksheet_write_number(sheet, row, 10, c.fixed, f.center);
    worksheet_write_number(sheet, row, 11, c.persisting, f.center);
    worksheet_write_number(sheet, row, 12, c.added, f.center);
    table.FitRow(row,
                 {"", "", UnitField(then, false), "", UnitField(now, false)});
    ++row;
  }
  table.End(row, "概览");
}

void WriteFindingSheet(const CompareInput& in, ChangeStatus status,
                       lxw_worksheet* sheet, const Formats& f,
                       std::string_view name) {
  Table table{sheet,
              f,
              {{"序号", 6},
               {"严重程度", 9},
               {"问题类型", 18},
               {"规则", 22},
               {"单位", 28},
               {"上年单位名称", 22},
               {"指标", 20},
               {"问题说明", 44},
               {"上年位置", 22},
               {"本年位置", 22},
               {"优先级", 8},
               {"备注", 12}}};
  table.Begin();
  lxw_row_t row = 1;
  for (int i : FindingOrder(in)) {
    const FindingChange& change = in.comparison.findings[i];
    if (change.status != status) continue;
    const SnapshotFinding& shown = ShownFinding(in, change);
    const SnapshotUnit* then = OldUnitOf(in, change);
    const std::vector<std::string> cells = {
        "",
        std::string(SeverityChinese(shown.severity)),
        RuleTitle(shown.rule),
        shown.rule,
        UnitNameOf(in, change),
        then != nullptr ? then->name : "—",
        shown.indicator.empty() ? "（整表）" : shown.indicator,
        shown.message,
        FindingPlace(OldFindingOf(in, change)),
        FindingPlace(NewFindingOf(in, change)),
        "",
        std::string(ReasonChinese(ReasonOf(in, change)))};
    worksheet_write_number(sheet, row, 0, row, f.center);
    WriteText(sheet, row, 1, cells[1], SeverityFormat(f, shown.severity));
    for (int c = 2; c < 10; ++c) WriteText(sheet, row, c, cells[c], f.cell);
    worksheet_write_number(sheet, row, 10, shown.priority, f.ratio);
    WriteText(sheet, row, 11, cells[11], f.cell);
    table.FitRow(row, cells);
    ++row;
  }
  table.End(row, name);
}

void WriteUnitChangesSheet(const CompareInput& in, lxw_worksheet* sheet,
                           const Formats& f) {
  Table table{sheet,
              f,
              {{"变动", 7},
               {"上年单位名称", 34},
               {"本年单位名称", 34},
               {"名称相似度", 11},
               {"指标相似度", 11},
               {"上年质量分", 11},
               {"本年质量分", 11},
               {"问题数", 8}}};
  table.Begin();
  lxw_row_t row = 1;
  for (UnitMatchKind kind : {UnitMatchKind::kFuzzy, UnitMatchKind::kRemoved,
                             UnitMatchKind::kAdded}) {
    for (int u : UnitOrder(in)) {
      const UnitChange& c = in.comparison.units[u];
      if (c.pair.kind != kind) continue;
      const SnapshotUnit* then = OldUnitOf(in, c.pair);
      const SnapshotUnit* now = NewUnitOf(in, c.pair);
      const bool renamed = kind == UnitMatchKind::kFuzzy;
      WriteText(sheet, row, 0, std::string(MatchKindChinese(kind)), f.center);
      WriteText(sheet, row, 1, UnitField(then, false), f.cell);
      WriteText(sheet, row, 2, UnitField(now, false), f.cell);
      WriteMaybe(sheet, row, 3, renamed, c.pair.name_similarity, f.ratio, f);
      WriteMaybe(sheet, row, 4, renamed, c.pair.content_similarity, f.ratio, f);
      WriteMaybe(sheet, row, 5, then != nullptr, c.quality_old, f.number, f);
      WriteMaybe(sheet, row, 6, now != nullptr, c.quality_new, f.number, f);
      // A removed unit's findings were all fixed with it; an added unit's
      // are all new.
      worksheet_write_number(sheet, row, 7, c.fixed + c.persisting + c.added,
                             f.center);
      table.FitRow(row, {"", UnitField(then, false), UnitField(now, false)});
      ++row;
    }
  }
  table.End(row, "单位变动");
}

}  // namespace

absl::Status WriteCompareWorkbook(const CompareInput& in,
                                  const std::string& path) {
  const std::string title =
      StrCat("绩效目标表年度对比 ", in.old_run.year, "–", in.new_run.year);
  return WriteWorkbookFile(path, title, [&](lxw_workbook* book) {
    const Formats f = MakeFormats(book);
    WriteOverviewSheet(in, workbook_add_worksheet(book, "概览"), f);
    WriteFindingSheet(in, ChangeStatus::kNew,
                      workbook_add_worksheet(book, "新增问题"), f, "新增问题");
    WriteFindingSheet(in, ChangeStatus::kFixed,
                      workbook_add_worksheet(book, "已整改"), f, "已整改");
    WriteFindingSheet(in, ChangeStatus::kPersisting,
                      workbook_add_worksheet(book, "仍存在"), f, "仍存在");
    WriteUnitChangesSheet(in, workbook_add_worksheet(book, "单位变动"), f);
  });
}

}  // namespace jxaudit
