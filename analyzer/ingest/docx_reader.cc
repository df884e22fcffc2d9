#include "analyzer/ingest/docx_reader.h"

#include <cstdlib>
#include <cstring>
#include <pugixml.hpp>

#include "absl/status/status.h"
#include "analyzer/model/strings.h"

namespace jxaudit {
namespace {

// Element names without their namespace prefix: Word writes "w:", other
// producers may bind the same namespace to another prefix.
std::string_view Local(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node child : node.children()) {
    if (Local(child) == local) return child;
  }
  return {};
}

std::string_view Attr(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute attr : node.attributes()) {
    std::string_view name = attr.name();
    const size_t colon = name.find(':');
    if (colon != std::string_view::npos) name = name.substr(colon + 1);
    if (name == local) return attr.value();
  }
  return {};
}

// Wrappers whose content belongs to the level they sit in: content controls,
// custom XML, tracked insertions and moves into place.
bool IsTransparent(std::string_view name) {
  return name == "sdt" || name == "sdtContent" || name == "customXml" ||
         name == "ins" || name == "moveTo" || name == "smartTag" ||
         name == "hyperlink" || name == "fldSimple" || name == "dir" ||
         name == "bdo";
}

// Children named `local`, looking through transparent wrappers.
void Collect(const pugi::xml_node& node, std::string_view local,
             std::vector<pugi::xml_node>& out) {
  for (pugi::xml_node child : node.children()) {
    const std::string_view name = Local(child);
    if (name == local) {
      out.push_back(child);
    } else if (IsTransparent(name)) {
      Collect(child, local, out);
    }
  }
}

bool IsOn(const pugi::xml_node& toggle) {
  if (!toggle) return false;
  const std::string_view val = Attr(toggle, "val");
  return val.empty() || (val != "0" && val != "false" && val != "off");
}

bool IsHiddenRun(const pugi::xml_node& run) {
  return IsOn(Child(Child(run, "rPr"), "vanish"));
}

// Word's Insert > Symbol writes <w:sym w:font="Symbol" w:char="F0B3"/>:
// a character of the Symbol font (≥ is 0xB3 there), or a code point.
std::string SymbolText(const pugi::xml_node& sym) {
  const std::string code(Attr(sym, "char"));
  char* end = nullptr;
  unsigned long c = std::strtoul(code.c_str(), &end, 16);
  if (end == code.c_str()) return {};
  if (c >= 0xF000 && c <= 0xF0FF) c -= 0xF000;  // the font's private area
  static const std::pair<unsigned long, const char*> kSymbolFont[] = {
      {0xB3, "≥"}, {0xA3, "≤"}, {0xB9, "≠"}, {0xB1, "±"},
      {0xB4, "×"}, {0xB8, "÷"}, {0xB0, "°"}, {0x3C, "<"},
      {0x3D, "="}, {0x3E, ">"}, {0x25, "%"}};
  for (const auto& [font_code, text] : kSymbolFont) {
    if (c == font_code) return text;
  }
  std::string out;
  if (c >= 0x20 && c < 0x80) out.push_back(static_cast<char>(c));
  return out;
}

void AppendRunText(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    const std::string_view name = Local(child);
    if (name == "t") {
      out += child.text().get();
    } else if (name == "tab" || name == "ptab") {
      out += ' ';
    } else if (name == "br" || name == "cr") {
      out += '\n';
    } else if (name == "noBreakHyphen") {
      out += '-';
    } else if (name == "sym") {
      out += SymbolText(child);
    }
  }
}

// The visible text of a paragraph (or of any run container inside it).
void AppendParagraphText(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    const std::string_view name = Local(child);
    if (name == "r") {
      if (!IsHiddenRun(child)) AppendRunText(child, out);
    } else if (IsTransparent(name)) {
      AppendParagraphText(child, out);
    }
    // del, moveFrom (tracked deletions), pPr, bookmarks, proofErr: no text.
  }
}

std::string ParagraphText(const pugi::xml_node& paragraph) {
  std::string text;
  AppendParagraphText(paragraph, text);
  return text;
}

std::string CellText(const pugi::xml_node& cell) {
  std::string text;
  for (pugi::xml_node child : cell.children()) {
    const std::string_view name = Local(child);
    std::vector<pugi::xml_node> paragraphs;
    if (name == "p") {
      paragraphs.push_back(child);
    } else if (IsTransparent(name)) {
      Collect(child, "p", paragraphs);
    } else if (name == "tbl") {
      // A table nested in a cell: its text, row by row.
      std::vector<pugi::xml_node> rows;
      Collect(child, "tr", rows);
      for (const auto& row : rows) {
        std::vector<pugi::xml_node> cells;
        Collect(row, "tc", cells);
        for (const auto& inner : cells) {
          if (!text.empty()) text += '\n';
          text += CellText(inner);
        }
      }
    }
    for (const auto& paragraph : paragraphs) {
      if (!text.empty()) text += '\n';
      text += ParagraphText(paragraph);
    }
  }
  return text;
}

int GridSpan(const pugi::xml_node& properties) {
  const pugi::xml_node span = Child(properties, "gridSpan");
  if (!span) return 1;
  const int n = std::atoi(std::string(Attr(span, "val")).c_str());
  return n > 0 && n < 1000 ? n : 1;
}

// A vertically merged cell that continues the one above ("continue", or a
// vMerge without a value); "restart" starts a merge and holds the text.
bool ContinuesMerge(const pugi::xml_node& properties) {
  const pugi::xml_node merge = Child(properties, "vMerge");
  return merge && Attr(merge, "val") != "restart";
}

DocBlock ReadTable(const pugi::xml_node& table, int number) {
  DocBlock block;
  block.kind = DocBlock::Kind::kTable;
  std::vector<pugi::xml_node> rows;
  Collect(table, "tr", rows);
  int row_number = 0;
  for (const auto& tr : rows) {
    ++row_number;
    TableRow row;
    row.place = {.table = number, .row = row_number};
    int column = 1;
    if (pugi::xml_node before = Child(Child(tr, "trPr"), "gridBefore")) {
      column += std::max(0, std::atoi(Attr(before, "val").data()));
    }
    std::vector<pugi::xml_node> cells;
    Collect(tr, "tc", cells);
    for (const auto& tc : cells) {
      const pugi::xml_node properties = Child(tc, "tcPr");
      TableCell cell;
      cell.place = row.place;
      if (!row.cells.empty()) cell.place.column = column;
      if (!ContinuesMerge(properties)) cell.text = CellText(tc);
      if (!IsOn(Child(properties, "hMerge")) ||
          Attr(Child(properties, "hMerge"), "val") == "restart") {
        row.cells.push_back(std::move(cell));
      }
      column += GridSpan(properties);
    }
    if (!row.cells.empty()) block.rows.push_back(std::move(row));
  }
  return block;
}

// A one-column table holding tables in its cells: a frame around the form
// (some templates draw one), not the form itself.
bool IsLayoutTable(const pugi::xml_node& table) {
  std::vector<pugi::xml_node> rows;
  Collect(table, "tr", rows);
  bool nested = false;
  for (const auto& tr : rows) {
    std::vector<pugi::xml_node> cells;
    Collect(tr, "tc", cells);
    if (cells.size() != 1) return false;
    nested |= static_cast<bool>(Child(cells.front(), "tbl"));
  }
  return nested;
}

void ReadBody(const pugi::xml_node& body, std::vector<DocBlock>& blocks,
              int& paragraphs, int& tables) {
  for (pugi::xml_node child : body.children()) {
    const std::string_view name = Local(child);
    if (name == "p") {
      ++paragraphs;
      DocBlock block;
      block.paragraph = {ParagraphText(child), {.paragraph = paragraphs}};
      if (!block.paragraph.text.empty()) blocks.push_back(std::move(block));
    } else if (name == "tbl" && IsLayoutTable(child)) {
      std::vector<pugi::xml_node> rows, cells;
      Collect(child, "tr", rows);
      for (const auto& tr : rows) Collect(tr, "tc", cells);
      for (const auto& tc : cells) ReadBody(tc, blocks, paragraphs, tables);
    } else if (name == "tbl") {
      blocks.push_back(ReadTable(child, ++tables));
    } else if (IsTransparent(name)) {
      ReadBody(child, blocks, paragraphs, tables);
    }
  }
}

}  // namespace

absl::StatusOr<std::vector<DocBlock>> ReadDocxBlocks(const ZipReader& zip,
                                                     const std::string& path) {
  auto xml = zip.Read("word/document.xml");
  if (!xml.ok()) return xml.status();
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml->data(), xml->size(),
                      pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return absl::InvalidArgumentError(
        StrCat(path, ": word/document.xml 不是合法的 XML（第 ", parsed.offset,
               " 字节：", parsed.description(),
               "）；文件已损坏，请在 Word/WPS 中重新保存"));
  }
  const pugi::xml_node body = Child(doc.document_element(), "body");
  std::vector<DocBlock> blocks;
  int paragraphs = 0, tables = 0;
  ReadBody(body, blocks, paragraphs, tables);
  if (tables == 0) {
    return absl::InvalidArgumentError(
        StrCat(path, ": 文档中没有表格；绩效目标表应是 Word 表格"));
  }
  return blocks;
}

}  // namespace jxaudit
