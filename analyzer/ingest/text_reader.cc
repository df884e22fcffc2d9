#include "analyzer/ingest/text_reader.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <span>
#include <string>

#include "analyzer/ingest/cell_parse.h"
#include "analyzer/ingest/table_labels.h"
#include "analyzer/model/parallel.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

constexpr std::string_view kBookmarkPrefix = "[bookmark:";

// The longest cell read (README "Limits"): a real cell is at most a few
// KB; one larger than this is a broken export, and reading all of it would
// cost every rule that normalises or scans the cell (a 50 MB cell took
// 11 s and 1 GB). The rest of such a cell is left out, with a warning.
constexpr size_t kMaxCellBytes = size_t{1} << 20;

// `text` cut to at most kMaxCellBytes, at a character boundary.
std::string_view CapCell(std::string_view text) {
  if (text.size() <= kMaxCellBytes) return text;
  size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return text.substr(0, end);
}

struct RawCell {
  std::string_view text;
  int line = 0;
};

struct RawRow {
  std::vector<RawCell> cells;
  int line() const { return cells.empty() ? 0 : cells.front().line; }
};

// The columns of the indicator table, in their standard order.
enum Column {
  kLevel1,
  kLevel2,
  kName,
  kOp,
  kValue,
  kUnit,
  kExplanation,
  kRule,
  kWeight,
  kColumnCount
};
using ColumnMap = std::array<int, kColumnCount>;  // column -> cell index

constexpr ColumnMap kStandardColumns = {0, 1, 2, 3, 4, 5, 6, 7, 8};

std::optional<Column> HeaderColumn(const std::string& label) {
  if (label == "一级指标") return kLevel1;
  if (label == "二级指标") return kLevel2;
  if (label == "三级指标" || label == "指标名称") return kName;
  if (label == "指标值类型" || label == "指标类型") return kOp;
  if (label == "指标值" || label == "目标值") return kValue;
  if (label == "计量单位" || label == "单位") return kUnit;
  if (label == "指标解释" || label == "指标说明") return kExplanation;
  if (Contains(label, "评") && Contains(label, "分")) {
    return kRule;
  }
  if (label == "备注" || label == "分值" || label == "权重" ||
      label == "指标分值") {
    return kWeight;
  }
  return std::nullopt;
}

// "[bookmark: _Toc1][bookmark: _GoBack]岳阳市…" -> "岳阳市…"
std::string_view StripBookmarks(std::string_view line) {
  while (line.starts_with(kBookmarkPrefix)) {
    const size_t close = line.find(']');
    if (close == std::string_view::npos) return {};
    line.remove_prefix(close + 1);
  }
  return TrimBlank(line);
}

int FirstYear(std::string_view text) {
  static const RE2 kYear(R"((20\d\d)\s*年)");
  int year = 0;
  RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kYear, &year);
  return year;
}

// Walks the buffer line by line and hands complete rows, titles, bookmarks
// and stray text to the assembler.
class LineWalker {
 public:
  struct Event {
    enum class Kind { kRow, kTitle, kBookmark, kStray } kind;
    RawRow row;    // kRow
    RawCell text;  // kTitle, kBookmark, kStray
  };

  // Walks text[begin, end) of the whole `text`; `begin` is the start of
  // line `first_line`, and of a title line unless it is 0 (a title resets
  // every state the walk carries, so pieces of a file walk alike apart).
  LineWalker(std::string_view text, size_t begin, size_t end, int first_line)
      : text_(text), begin_(begin), end_(end), first_line_(first_line) {}

  std::vector<Event> Walk() {
    int line_number = first_line_ - 1;
    size_t pos = begin_;
    while (pos < end_) {
      size_t end = text_.find('\n', pos);
      if (end == std::string_view::npos || end > end_) end = end_;
      ++line_number;
      HandleLine(text_.substr(pos, end - pos), pos, line_number);
      pos = end + 1;
    }
    FlushRow();
    return std::move(events_);
  }

  // Whether the line is a table's title: a cell that IsTitleText.
  static bool IsTitleLine(std::string_view line) {
    const size_t tab = line.find('\t');
    return tab != std::string_view::npos &&
           line.find_first_not_of(' ') == tab &&
           IsTitleText(CapCell(line.substr(tab + 1)));
  }

  const std::vector<int>& cut_lines() const { return cut_lines_; }

 private:
  void HandleLine(std::string_view line, size_t offset, int number) {
    const size_t tab = line.find('\t');
    const bool is_cell =
        tab != std::string_view::npos &&
        line.find_first_not_of(' ') == tab;  // spaces, then the TAB
    if (is_cell) {
      RawCell cell{Capped(line.substr(tab + 1), number), number};
      if (IsTitleText(cell.text)) {
        FlushRow();
        events_.push_back({Event::Kind::kTitle, {}, cell});
        return;
      }
      row_.cells.push_back(cell);
      cell_end_ = offset + line.size();
      return;
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      FlushRow();
      return;
    }
    if (line.starts_with(kBookmarkPrefix)) {
      FlushRow();
      events_.push_back({Event::Kind::kBookmark, {}, {line, number}});
      return;
    }
    if (!row_.cells.empty()) {
      // A continuation line: widen the last cell's view over it. Lines are
      // contiguous in the buffer, so the cell stays a single view.
      RawCell& last = row_.cells.back();
      if (!cut_lines_.empty() && cut_lines_.back() == last.line) return;
      const size_t begin = static_cast<size_t>(last.text.data() - text_.data());
      cell_end_ = offset + line.size();
      last.text = Capped(text_.substr(begin, cell_end_ - begin), last.line);
      return;
    }
    events_.push_back(
        {Event::Kind::kStray, {}, {Capped(line, number), number}});
  }

  // CapCell, noting the line of the cell when it was cut.
  std::string_view Capped(std::string_view text, int line) {
    const std::string_view capped = CapCell(text);
    if (capped.size() < text.size() &&
        (cut_lines_.empty() || cut_lines_.back() != line)) {
      cut_lines_.push_back(line);
    }
    return capped;
  }

  void FlushRow() {
    if (!row_.cells.empty()) events_.push_back({Event::Kind::kRow, row_, {}});
    row_.cells.clear();
  }

  std::string_view text_;
  size_t begin_ = 0;
  size_t end_ = 0;
  int first_line_ = 1;
  std::vector<int> cut_lines_;  // the first line of every cell cut
  RawRow row_;
  size_t cell_end_ = 0;
  std::vector<Event> events_;
};

// Turns the walker's events into units and rows.
class UnitAssembler {
 public:
  UnitAssembler(const SourceBuffer& buffer, std::vector<Unit>& units,
                std::vector<InputDiagnostic>& diagnostics)
      : buffer_(buffer), units_(units), diagnostics_(diagnostics) {}

  // Assembles `events`. Rows before the file's first title are counted,
  // not reported: the caller reports them once it knows how many units the
  // whole file has (RowsBeforeTitle).
  void Run(std::span<const LineWalker::Event> events) {
    for (const auto& event : events) {
      switch (event.kind) {
        case LineWalker::Event::Kind::kTitle:
          StartUnit(event.text);
          break;
        case LineWalker::Event::Kind::kBookmark:
          OnBookmark(event.text);
          break;
        case LineWalker::Event::Kind::kStray:
          OnStray(event.text);
          break;
        case LineWalker::Event::Kind::kRow:
          OnRow(event.row);
          break;
      }
    }
    FinishUnit();
    ReportOrphanBookmark();
  }

  // Table rows before the file's first title: how many, and the first's
  // line.
  std::pair<int, int> RowsBeforeTitle() const {
    return {rows_before_title_, first_row_before_title_};
  }

 private:
  void Diagnose(InputDiagnostic::Level level, int line, std::string message,
                std::string skipped = "") {
    diagnostics_.push_back(
        {level, buffer_.path, line, std::move(message), std::move(skipped)});
  }

  void StartUnit(const RawCell& title) {
    FinishUnit();
    current_ = Unit{};
    current_->title = TrimBlank(title.text);
    current_->title_year = FirstYear(current_->title);
    current_->source = {buffer_.path, title.line};
    if (pending_bookmark_) current_->bookmark = pending_bookmark_->text;
    pending_bookmark_.reset();
    pending_stray_ = {};
    header_.reset();
    last_level1_ = last_level2_ = {};
  }

  void OnBookmark(const RawCell& line) {
    ReportOrphanBookmark();
    pending_bookmark_ = RawCell{StripBookmarks(line.text), line.line};
  }

  void OnStray(const RawCell& line) {
    if (pending_bookmark_) {
      pending_stray_ = TrimBlank(line.text);
      return;
    }
    Diagnose(InputDiagnostic::Level::kWarning, line.line,
             StrCat("表格之外的文字“", Excerpt(line.text),
                    "”，应为以 TAB 开头的单元格；已忽略"),
             "这一行文字");
  }

  // A bookmark (a heading in the Word file) that no table followed: the
  // department published no table, usually with a reason as stray text.
  void ReportOrphanBookmark() {
    if (!pending_bookmark_) return;
    std::string message =
        StrCat("“", pending_bookmark_->text, "”有标题但没有绩效目标表");
    if (!pending_stray_.empty()) {
      StrAppend(&message, "，原文说明：", Excerpt(pending_stray_));
    }
    Diagnose(InputDiagnostic::Level::kNote, pending_bookmark_->line,
             std::move(message), std::string(pending_bookmark_->text));
    pending_bookmark_.reset();
    pending_stray_ = {};
  }

  static std::string Excerpt(std::string_view text) {
    text = TrimBlank(text);
    std::string out;
    size_t count = 0;
    for (size_t i = 0; i < text.size() && count < 40; ++count) {
      size_t len = 1;
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 0xF0)
        len = 4;
      else if (c >= 0xE0)
        len = 3;
      else if (c >= 0xC0)
        len = 2;
      out.append(text.substr(i, len));
      i += len;
    }
    if (out.size() < text.size()) out += "…";
    return out;
  }

  void OnRow(const RawRow& row) {
    if (!current_) {
      if (!RowIsBlank(row)) {
        if (rows_before_title_ == 0) first_row_before_title_ = row.line();
        ++rows_before_title_;
      }
      return;
    }
    // Blank two-cell rows are spacing in the export. A blank row as wide as
    // the table is a placeholder under a merged category: keep it.
    if (RowIsBlank(row) && (!header_ || row.cells.size() < 3)) return;
    const std::string label = LabelOf(row.cells.front().text);
    if (!header_ && TryInfoRow(row, label)) return;
    if (label == "一级指标") {
      ReadHeader(row);
      return;
    }
    ReadIndicatorRow(row);
  }

  static bool RowIsBlank(const RawRow& row) {
    for (const RawCell& cell : row.cells) {
      if (!IsBlankText(cell.text)) return false;
    }
    return true;
  }

  bool TryInfoRow(const RawRow& row, const std::string& label) {
    if (label == "绩效指标") return true;
    if (row.cells.size() > 3) return false;
    const std::string_view value = row.cells.size() > 1
                                       ? TrimBlank(row.cells[1].text)
                                       : std::string_view{};
    if (Contains(label, "名称")) {
      current_->name = value;
      current_->name_line = row.cells.size() > 1 ? row.cells[1].line : 0;
    } else if (Contains(label, "职责")) {
      current_->duties = value;
    } else if (Contains(label, "总体绩效目标") || Contains(label, "绩效目标")) {
      current_->goals = value;
      current_->goals_year = FirstYear(row.cells.front().text);
      current_->goals_line = row.cells.size() > 1 ? row.cells[1].line : 0;
    } else {
      return false;
    }
    return true;
  }

  void ReadHeader(const RawRow& row) {
    ColumnMap map;
    map.fill(-1);
    for (size_t i = 0; i < row.cells.size(); ++i) {
      if (auto column = HeaderColumn(LabelOf(row.cells[i].text))) {
        if (map[*column] < 0) map[*column] = static_cast<int>(i);
      }
    }
    for (int column = 0; column < kColumnCount; ++column) {
      if (map[column] >= 0) continue;
      Diagnose(InputDiagnostic::Level::kWarning, row.line(),
               StrCat("表头行缺少或无法识别第 ", column + 1,
                      " 列（应为：一级指标、二级指标、三级指标、指标值类型、"
                      "指标值、计量单位、指标解释、评（扣）分标准、备注）；"
                      "按标准九列顺序读取"));
      map = kStandardColumns;
      break;
    }
    header_ = map;
  }

  void ReadIndicatorRow(const RawRow& row) {
    if (!header_) {
      if (row.cells.size() != kColumnCount) {
        Diagnose(InputDiagnostic::Level::kError, row.line(),
                 StrCat("在表头行（一级指标、二级指标…备注）之前出现了 ",
                        row.cells.size(), " 个单元格的行；应先有表头行"),
                 "这一行");
        return;
      }
      Diagnose(InputDiagnostic::Level::kWarning, row.line(),
               "表格缺少表头行（一级指标、二级指标…备注），按标准九列顺序读取");
      header_ = kStandardColumns;
    }
    const ColumnMap& map = *header_;
    const int needed = *std::max_element(map.begin(), map.end()) + 1;
    const int have = static_cast<int>(row.cells.size());
    IndicatorRow indicator;
    indicator.line = row.line();
    auto cell = [&](Column column) -> Cell {
      const int index = map[column];
      if (index < 0 || index >= have) return Cell{{}, 0};
      return Cell{TrimBlank(row.cells[index].text), row.cells[index].line};
    };
    if (have < needed) {
      if (!OnlyCategoryCells(row, map)) {
        Diagnose(InputDiagnostic::Level::kError, row.line(),
                 StrCat("指标行只有 ", have, " 个单元格，应为 ", needed,
                        " 个（表格可能被截断）"),
                 "这一行指标");
        return;
      }
      indicator.kind = RowKind::kCategoryOnly;
    } else if (have > needed) {
      Diagnose(InputDiagnostic::Level::kWarning, row.cells[needed].line,
               StrCat("指标行有 ", have, " 个单元格，应为 ", needed,
                      " 个；多出的单元格已忽略"));
    }
    indicator.level1_raw = cell(kLevel1);
    indicator.level2_raw = cell(kLevel2);
    indicator.name = cell(kName);
    indicator.op = cell(kOp);
    indicator.value = cell(kValue);
    indicator.unit = cell(kUnit);
    indicator.explanation = cell(kExplanation);
    indicator.rule = cell(kRule);
    indicator.weight = cell(kWeight);
    if (indicator.kind == RowKind::kIndicator) {
      indicator.kind = ClassifyRow(indicator);
    }
    ResolveCategories(indicator);
    current_->rows.push_back(std::move(indicator));
  }

  // True when a short row holds nothing past its category cells.
  static bool OnlyCategoryCells(const RawRow& row, const ColumnMap& map) {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const bool category = static_cast<int>(i) == map[kLevel1] ||
                            static_cast<int>(i) == map[kLevel2];
      if (!category && !IsBlankText(row.cells[i].text)) return false;
    }
    return true;
  }

  static RowKind ClassifyRow(const IndicatorRow& row) {
    bool any_text = false, any_not_applicable = false;
    for (const Cell* cell : {&row.name, &row.op, &row.value, &row.unit,
                             &row.explanation, &row.rule, &row.weight}) {
      if (IsBlankText(cell->text)) continue;
      if (RemoveAllBlanks(cell->text) == "不适用") {
        any_not_applicable = true;
      } else {
        any_text = true;
      }
    }
    if (any_text) return RowKind::kIndicator;
    return any_not_applicable ? RowKind::kNotApplicable
                              : RowKind::kBlankPlaceholder;
  }

  // An empty 一级/二级 cell was merged with the one above.
  void ResolveCategories(IndicatorRow& row) {
    if (IsBlankText(row.level1_raw.text)) {
      row.level1 = last_level1_;
      row.level1_inherited = !last_level1_.empty();
    } else {
      row.level1 = row.level1_raw.text;
      last_level1_ = row.level1;
    }
    if (IsBlankText(row.level2_raw.text)) {
      row.level2 = last_level2_;
      row.level2_inherited = !last_level2_.empty();
    } else {
      row.level2 = row.level2_raw.text;
      last_level2_ = row.level2;
    }
  }

  void FinishUnit() {
    if (!current_) return;
    if (current_->rows.empty()) {
      Diagnose(
          InputDiagnostic::Level::kError, current_->source.line,
          StrCat("“", current_->title, "”没有指标行（应有表头行和指标行）"),
          std::string(current_->title));
    } else {
      units_.push_back(std::move(*current_));
    }
    current_.reset();
  }

  const SourceBuffer& buffer_;
  std::vector<Unit>& units_;
  std::vector<InputDiagnostic>& diagnostics_;
  std::optional<Unit> current_;
  std::optional<ColumnMap> header_;
  std::optional<RawCell> pending_bookmark_;
  std::string_view pending_stray_;
  std::string_view last_level1_, last_level2_;
  int rows_before_title_ = 0;
  int first_row_before_title_ = 0;
};

// The first title line that starts at or after `pos`; text.size() if none.
size_t NextTitleLine(std::string_view text, size_t pos) {
  if (pos > 0) {
    pos = text.find('\n', pos - 1);
    if (pos == std::string_view::npos) return text.size();
    ++pos;
  }
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (LineWalker::IsTitleLine(text.substr(pos, end - pos))) return pos;
    pos = end + 1;
  }
  return text.size();
}

struct WalkedText {
  std::vector<LineWalker::Event> events;
  std::vector<int> cut_lines;
};

// Walks the lines of a province's file on every thread: it is cut at
// title lines into pieces, each walked with its first line's number, and
// the pieces' events joined in order are those of one walk.
WalkedText WalkLines(std::string_view text, int threads) {
  constexpr size_t kMinPiece = 1 << 20;
  const size_t wanted =
      std::clamp<size_t>(text.size() / kMinPiece, 1,
                         static_cast<size_t>(ResolveThreads(threads)) * 2);
  std::vector<size_t> cuts = {0};
  for (size_t k = 1; k < wanted; ++k) {
    const size_t cut = NextTitleLine(text, k * (text.size() / wanted));
    if (cut > cuts.back() && cut < text.size()) cuts.push_back(cut);
  }
  cuts.push_back(text.size());
  const int pieces = static_cast<int>(cuts.size()) - 1;
  std::vector<int> first_line(pieces + 1, 1);
  ParallelFor(pieces, threads, [&](int k) {
    first_line[k + 1] = static_cast<int>(std::count(
        text.begin() + static_cast<std::ptrdiff_t>(cuts[k]),
        text.begin() + static_cast<std::ptrdiff_t>(cuts[k + 1]), '\n'));
  });
  for (int k = 1; k <= pieces; ++k) first_line[k] += first_line[k - 1];
  std::vector<WalkedText> walked(pieces);
  ParallelFor(pieces, threads, [&](int k) {
    LineWalker walker(text, cuts[k], cuts[k + 1], first_line[k]);
    walked[k].events = walker.Walk();
    walked[k].cut_lines = walker.cut_lines();
  });
  if (pieces == 1) return std::move(walked[0]);
  WalkedText all;
  size_t events = 0;
  for (const WalkedText& w : walked) events += w.events.size();
  all.events.reserve(events);
  for (WalkedText& w : walked) {
    std::move(w.events.begin(), w.events.end(), std::back_inserter(all.events));
    all.cut_lines.insert(all.cut_lines.end(), w.cut_lines.begin(),
                         w.cut_lines.end());
  }
  return all;
}

// Where the events can be cut into pieces that assemble independently: at
// titles with no bookmark waiting for them (a bookmark belongs to the next
// title, wherever that is). A piece's units and diagnostics are then those
// of one sequential pass, in order. At most `pieces` pieces, of about equal
// size; the first starts at 0, and the list ends with events.size().
std::vector<size_t> PieceStarts(const std::vector<LineWalker::Event>& events,
                                int pieces) {
  using Kind = LineWalker::Event::Kind;
  std::vector<size_t> starts = {0};
  const size_t target = events.size() / std::max(1, pieces) + 1;
  bool bookmark_waiting = false;
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].kind == Kind::kBookmark) bookmark_waiting = true;
    if (events[i].kind != Kind::kTitle) continue;
    if (!bookmark_waiting && i - starts.back() >= target) starts.push_back(i);
    bookmark_waiting = false;
  }
  starts.push_back(events.size());
  return starts;
}

}  // namespace

void ReadTextExport(const SourceBuffer& buffer, const Config& config,
                    std::vector<Unit>& units,
                    std::vector<InputDiagnostic>& diagnostics, int threads) {
  const size_t first_new = units.size();
  const WalkedText walked = WalkLines(buffer.text, threads);
  const std::vector<LineWalker::Event>& events = walked.events;
  // A province's file holds thousands of tables: assemble pieces of it on
  // every thread, then join them in file order.
  const std::vector<size_t> starts =
      PieceStarts(events, ResolveThreads(threads) * 4);
  const int pieces = static_cast<int>(starts.size()) - 1;
  std::vector<std::vector<Unit>> piece_units(pieces);
  std::vector<std::vector<InputDiagnostic>> piece_diagnostics(pieces);
  std::pair<int, int> before_title;
  ParallelFor(pieces, threads, [&](int k) {
    UnitAssembler assembler(buffer, piece_units[k], piece_diagnostics[k]);
    assembler.Run(
        std::span(events).subspan(starts[k], starts[k + 1] - starts[k]));
    if (k == 0) before_title = assembler.RowsBeforeTitle();
  });
  size_t found = 0;
  for (int k = 0; k < pieces; ++k) {
    found += piece_units[k].size();
    std::move(piece_units[k].begin(), piece_units[k].end(),
              std::back_inserter(units));
    std::move(piece_diagnostics[k].begin(), piece_diagnostics[k].end(),
              std::back_inserter(diagnostics));
  }
  if (const auto [rows, line] = before_title; rows > 0) {
    diagnostics.push_back(
        {InputDiagnostic::Level::kError, buffer.path, line,
         found == 0 ? StrCat("文件中没有找到绩效目标表：应有含“", kTitleMarker,
                             "”的标题行，后接表格")
                    : StrCat(rows, " 行表格内容出现在第一个标题（含“",
                             kTitleMarker, "”）之前"),
         StrCat(rows, " 行")});
  }
  ParseUnitRows(std::span<Unit>(units).subspan(first_new), config, threads);
  for (int line : walked.cut_lines) {
    diagnostics.push_back({InputDiagnostic::Level::kWarning, buffer.path, line,
                           StrCat("单元格超过 ", kMaxCellBytes >> 20,
                                  " MB（正常的单元格只有几 KB），只读取了前 ",
                                  kMaxCellBytes >> 20, " MB"),
                           "该单元格超出部分"});
  }
}

}  // namespace jxaudit
