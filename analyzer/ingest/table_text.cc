#include "analyzer/ingest/table_text.h"

#include <string_view>

#include "analyzer/ingest/table_labels.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

constexpr size_t kMaxLabelCodePoints = 20;

// 名称/职责/总体绩效目标 and 绩效指标: the rows above the indicator header.
bool IsInfoLabel(std::string_view text) {
  // "部门（单位）名称：君山区财政局" is a label with its value.
  for (std::string_view colon : {"：", ":"}) {
    text = text.substr(0, text.find(colon));
  }
  const std::string label = LabelOf(text);
  if (CodePointCount(label) > kMaxLabelCodePoints) return false;
  return Contains(label, "名称") || Contains(label, "职责") ||
         Contains(label, "绩效目标") || label == "绩效指标";
}

bool IsNameLabel(std::string_view text) {
  return IsInfoLabel(text) && Contains(LabelOf(text), "名称");
}

bool IsHeaderLabel(std::string_view text) {
  return LabelOf(text) == "一级指标";
}

bool AllEmpty(const std::vector<TableCell>& cells) {
  for (const TableCell& cell : cells) {
    if (!CleanCellText(cell.text).empty()) return false;
  }
  return true;
}

class TextFormWriter {
 public:
  TextForm Write(const std::vector<DocBlock>& blocks) {
    for (const DocBlock& block : blocks) {
      if (block.kind == DocBlock::Kind::kParagraph) {
        OnParagraph(block.paragraph);
      } else {
        OnTable(block);
      }
    }
    return std::move(out_);
  }

 private:
  void Line(std::string_view text, const FilePlace& place) {
    out_.text.append(text);
    out_.text.push_back('\n');
    out_.line_places.push_back(place);
  }

  void EmitRow(const std::vector<TableCell>& cells, const FilePlace& place) {
    for (const TableCell& cell : cells) {
      const std::string text = CleanCellText(cell.text);
      std::string_view rest = text;
      bool first = true;
      do {
        const size_t end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        Line(first ? StrCat("\t", line) : std::string(line), cell.place);
        first = false;
        rest = end == std::string_view::npos ? std::string_view{}
                                             : rest.substr(end + 1);
      } while (!rest.empty());
    }
    Line("", place);
  }

  void EmitTitle(std::string_view title, const FilePlace& place) {
    EmitRow({TableCell{std::string(TrimBlank(title)), place}}, place);
    unit_open_ = true;
    header_seen_ = false;
    level1_col_ = level2_col_ = -1;
  }

  // A table whose unit has no title: one is made so that the text reader
  // starts a unit here (it starts units at titles only).
  void MakeTitle(std::string_view name, const std::string& fallback,
                 const FilePlace& place) {
    const std::string base = !IsBlankText(name)
                                 ? std::string(TrimBlank(name))
                                 : (fallback.empty() ? "（无标题）" : fallback);
    out_.notes.push_back(StrCat(place.Text(), ": 表格前没有含“", kTitleMarker,
                                "”的标题，按“", base, "”读作一个单位"));
    EmitTitle(StrCat(base, kTitleMarker), place);
  }

  void OnParagraph(const TableCell& paragraph) {
    const std::string_view text = TrimBlank(paragraph.text);
    if (IsTitleText(text)) {
      EmitTitle(text, paragraph.place);
      return;
    }
    // "部门（单位）名称：君山区财政局" written as a paragraph.
    for (std::string_view colon : {"：", ":"}) {
      const size_t at = text.find(colon);
      if (at == std::string_view::npos) continue;
      const std::string_view label = text.substr(0, at);
      if (!IsInfoLabel(label)) break;
      const std::string_view value = text.substr(at + colon.size());
      OnRow({{TableCell{std::string(label), paragraph.place},
              TableCell{std::string(value), paragraph.place}},
             paragraph.place},
            "");
      return;
    }
  }

  void OnTable(const DocBlock& block) {
    fold_ = block.fold_repeated_categories;
    for (const TableRow& row : block.rows) OnRow(row, block.fallback_title);
    pending_blank_.clear();  // empty rows at the end of a table are not rows
  }

  void OnRow(const TableRow& row, const std::string& fallback) {
    if (AllEmpty(row.cells)) {
      pending_blank_.push_back(&row);
      return;
    }
    std::vector<TableCell> cells = row.cells;
    const std::string first = cells.front().text;
    const bool title = IsTitleText(first);
    const bool info = !title && IsInfoLabel(first);
    const bool header = IsHeaderLabel(first);
    if (title || info) {
      // An unmerged title or label row in a wide sheet: the empty cells
      // after it, or between label and value, are not part of it.
      std::vector<TableCell> kept = {cells.front()};
      for (size_t i = 1; i < cells.size(); ++i) {
        if (!IsBlankText(cells[i].text)) kept.push_back(cells[i]);
      }
      cells = std::move(kept);
      if (info && cells.size() == 1) SplitLabel(cells);
    }
    if (title || info || header) {
      pending_blank_.clear();
    } else {
      for (const TableRow* blank : pending_blank_) {
        EmitRow(blank->cells, blank->place);
      }
      pending_blank_.clear();
    }
    if (title) {
      EmitTitle(first, cells.front().place);
      return;
    }
    // A 名称 row after a table's indicators starts the next unit; a header
    // row does only when no unit is open: a second header in one unit is
    // the header repeated on a table split across pages.
    const bool starts_unit =
        info ? IsNameLabel(first) && (!unit_open_ || header_seen_)
             : header && !unit_open_;
    if (starts_unit) {
      MakeTitle(info && cells.size() > 1 ? cells[1].text : "", fallback,
                row.place);
    }
    if (header) {
      header_seen_ = true;
      FindCategoryColumns(cells);
    } else if (!info && header_seen_ && fold_) {
      FoldFilledDown(cells);
    }
    EmitRow(cells, row.place);
  }

  // "部门（单位）名称：君山区财政局" in one cell: label and value.
  static void SplitLabel(std::vector<TableCell>& cells) {
    const std::string text = cells.front().text;
    for (std::string_view colon : {"：", ":"}) {
      const size_t at = text.find(colon);
      if (at == std::string::npos) continue;
      const FilePlace place = cells.front().place;
      cells = {TableCell{text.substr(0, at), place},
               TableCell{text.substr(at + colon.size()), place}};
      return;
    }
  }

  void FindCategoryColumns(const std::vector<TableCell>& header) {
    level1_col_ = level2_col_ = -1;
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string label = LabelOf(header[i].text);
      if (label == "一级指标" && level1_col_ < 0) level1_col_ = i;
      if (label == "二级指标" && level2_col_ < 0) level2_col_ = i;
    }
    last_level1_.clear();
    last_level2_.clear();
  }

  // A category written again on every row of a CSV is the same as one
  // merged cell: blank the repeats, so that the model is the one the merged
  // Word table gives.
  void FoldFilledDown(std::vector<TableCell>& cells) {
    auto fold = [&](int col, std::string& last) -> bool {
      if (col < 0 || col >= static_cast<int>(cells.size())) return false;
      std::string& text = cells[col].text;
      const std::string_view value = TrimBlank(text);
      if (value.empty()) return true;
      if (value == last) {
        text.clear();
        return true;
      }
      last = std::string(value);
      return false;
    };
    if (!fold(level1_col_, last_level1_)) last_level2_.clear();
    fold(level2_col_, last_level2_);
  }

  TextForm out_;
  bool unit_open_ = false;    // a title was written
  bool header_seen_ = false;  // …and the indicator header after it
  std::vector<const TableRow*> pending_blank_;
  bool fold_ = false;                      // FoldFilledDown this table
  int level1_col_ = -1, level2_col_ = -1;  // in the header row
  std::string last_level1_, last_level2_;
};

}  // namespace

std::string CleanCellText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::string line;
  auto flush = [&]() {
    if (!IsBlankText(line)) {
      if (!out.empty()) out.push_back('\n');
      out += line;
    }
    line.clear();
  };
  for (char c : text) {
    if (c == '\n') {
      flush();
    } else if (c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      line.push_back(' ');
    } else if (static_cast<unsigned char>(c) >= 0x20 || c < 0) {
      line.push_back(c);
    }
  }
  flush();
  // A cell of U+3000 only (a placeholder) keeps its text: the export does.
  if (out.empty() && !text.empty() && IsBlankText(text) &&
      Contains(text, "　")) {
    out = "　";
  }
  return out;
}

TextForm BlocksToTextForm(const std::vector<DocBlock>& blocks) {
  return TextFormWriter().Write(blocks);
}

}  // namespace jxaudit
