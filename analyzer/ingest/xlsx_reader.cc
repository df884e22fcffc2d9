#include "analyzer/ingest/xlsx_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <pugixml.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

std::string_view Local(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node child : node.children()) {
    if (Local(child.name()) == local) return child;
  }
  return {};
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& node,
                                     std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : node.children()) {
    if (Local(child.name()) == local) out.push_back(child);
  }
  return out;
}

std::string_view Attr(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute attr : node.attributes()) {
    if (Local(attr.name()) == local) return attr.value();
  }
  return {};
}

int IntAttr(const pugi::xml_node& node, std::string_view local, int fallback) {
  const std::string_view value = Attr(node, local);
  return value.empty() ? fallback : std::atoi(std::string(value).c_str());
}

absl::StatusOr<pugi::xml_document> ParsePart(const ZipReader& zip,
                                             const std::string& path,
                                             const std::string& part,
                                             bool optional) {
  pugi::xml_document doc;
  if (optional && !zip.Has(part)) return doc;
  auto xml = zip.Read(part);
  if (!xml.ok()) return xml.status();
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml->data(), xml->size(),
                      pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return absl::InvalidArgumentError(StrCat(
        path, ": ", part, " 不是合法的 XML（第 ", parsed.offset, " 字节：",
        parsed.description(), "）；文件已损坏，请在 Excel/WPS 中重新保存"));
  }
  return doc;
}

// "_x000D_" and friends: characters OOXML escapes inside strings.
std::string DecodeEscapes(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' &&
        text[i + 6] == '_') {
      char* end = nullptr;
      const std::string hex(text.substr(i + 2, 4));
      const long code = std::strtol(hex.c_str(), &end, 16);
      if (end == hex.c_str() + 4) {
        if (code == '\n' || code == '\r' || code == '\t') {
          out.push_back(code == '\r' ? '\n' : static_cast<char>(code));
        } else if (code >= 0x20 && code < 0x80) {
          out.push_back(static_cast<char>(code));
        }
        i += 6;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// A shared or inline string: plain text, or rich-text runs (r/t); phonetic
// runs (rPh) are not part of the text.
std::string StringItem(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node child : item.children()) {
    const std::string_view name = Local(child.name());
    if (name == "t") {
      text += child.text().get();
    } else if (name == "r") {
      text += Child(child, "t").text().get();
    }
  }
  return DecodeEscapes(text);
}

struct Styles {
  std::vector<int> xf_format;          // cellXfs index -> numFmtId
  std::map<int, std::string> formats;  // custom numFmtId -> code
};

Styles ReadStyles(const pugi::xml_document& doc) {
  Styles styles;
  const pugi::xml_node root = doc.document_element();
  for (const auto& fmt : Children(Child(root, "numFmts"), "numFmt")) {
    styles.formats[IntAttr(fmt, "numFmtId", -1)] = Attr(fmt, "formatCode");
  }
  for (const auto& xf : Children(Child(root, "cellXfs"), "xf")) {
    styles.xf_format.push_back(IntAttr(xf, "numFmtId", 0));
  }
  return styles;
}

// The format code without quoted literals, escapes and [colour] parts, and
// only its first section (positive numbers).
std::string CodeSkeleton(std::string_view code) {
  std::string out;
  bool quoted = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const size_t close = code.find(']', i);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == ';') {
      break;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// The literal text of a number format's first section ("0\"分\"", "0\\%"):
// what comes before the first digit placeholder and what comes after.
void Literals(std::string_view code, std::string& prefix, std::string& suffix) {
  bool digits_seen = false;
  for (size_t i = 0; i < code.size(); ++i) {
    std::string literal;
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      literal = std::string(code.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '\\' && i + 1 < code.size()) {
      const size_t len = Utf8SequenceLength(code[i + 1]);
      literal = std::string(code.substr(i + 1, len));
      i += len;
    } else if (c == '[') {
      const size_t close = code.find(']', i);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '0' || c == '#' || c == '?') {
      digits_seen = true;
    } else if (code.substr(i, 7) == "General") {
      digits_seen = true;
      i += 6;
    }
    (digits_seen ? suffix : prefix) += literal;
  }
}

int DecimalsOf(std::string_view skeleton) {
  const size_t dot = skeleton.find('.');
  if (dot == std::string_view::npos) return 0;
  int n = 0;
  for (size_t i = dot + 1;
       i < skeleton.size() && (skeleton[i] == '0' || skeleton[i] == '#'); ++i) {
    ++n;
  }
  return n;
}

bool IsDateFormat(int id, std::string_view skeleton) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  return skeleton.find_first_of("yYdD") != std::string_view::npos ||
         Contains(skeleton, "年") || Contains(skeleton, "月");
}

// Excel's day count (1900 system, with its phantom 1900-02-29) to a date.
void SerialToDate(double serial, int& y, int& m, int& d) {
  // Days from 1970-01-01 (civil-from-days, H. Hinnant).
  long z = static_cast<long>(std::floor(serial)) - 25569 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::string General(double value) {
  if (std::abs(value) < 1e15 && value == std::floor(value)) {
    return absl::StrFormat("%.0f", value);
  }
  std::string text = absl::StrFormat("%.15g", value);
  return text;
}

}  // namespace

std::string FormatXlsxNumber(double value, int format_id,
                             std::string_view code) {
  static const std::map<int, std::string_view> kBuiltin = {
      {1, "0"},  {2, "0.00"},   {3, "#,##0"},     {4, "#,##0.00"},
      {9, "0%"}, {10, "0.00%"}, {11, "0.00E+00"}, {49, "@"}};
  if (code.empty()) {
    if (auto it = kBuiltin.find(format_id); it != kBuiltin.end()) {
      code = it->second;
    }
  }
  const std::string skeleton = CodeSkeleton(code);
  if (Contains(skeleton, "%")) {
    return absl::StrFormat("%.*f%%", DecimalsOf(skeleton), value * 100);
  }
  if (IsDateFormat(format_id, skeleton) && value >= 1 && value < 2958466) {
    int y = 0, m = 0, d = 0;
    SerialToDate(value, y, m, d);
    const bool chinese = Contains(code, "年") || (format_id >= 27);
    return chinese ? absl::StrFormat("%d年%d月%d日", y, m, d)
                   : absl::StrFormat("%d-%02d-%02d", y, m, d);
  }
  std::string prefix, suffix;
  Literals(code, prefix, suffix);
  if (skeleton.find('0') != std::string::npos && !Contains(skeleton, "E")) {
    return StrCat(prefix, absl::StrFormat("%.*f", DecimalsOf(skeleton), value),
                  suffix);
  }
  return StrCat(prefix, General(value), suffix);
}

namespace {

struct CellRef {
  int row = 0, col = 0;
};

// "C5" -> row 5, column 3; {0, 0} when it is not a reference.
CellRef ParseRef(std::string_view ref) {
  CellRef out;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    out.col = out.col * 26 + (ref[i] - 'A' + 1);
    if (out.col > 16384) return {};
  }
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9'; ++i) {
    out.row = out.row * 10 + (ref[i] - '0');
    if (out.row > 1048576) return {};
  }
  return i == ref.size() ? out : CellRef{};
}

struct Merge {
  CellRef first, last;
};

constexpr int kMaxColumns = 64;
constexpr int kMaxEmptyRun = 50;

struct Workbook {
  std::vector<std::string> shared;
  Styles styles;
};

std::string CellValue(const pugi::xml_node& c, const Workbook& book) {
  const std::string_view type = Attr(c, "t");
  const std::string_view v = Child(c, "v").text().get();
  if (type == "s") {
    const int index = std::atoi(std::string(v).c_str());
    return index >= 0 && index < static_cast<int>(book.shared.size())
               ? book.shared[index]
               : std::string();
  }
  if (type == "inlineStr") return StringItem(Child(c, "is"));
  if (type == "str" || type == "e") return DecodeEscapes(v);
  if (type == "b") return v == "1" ? "TRUE" : "FALSE";
  if (v.empty()) return {};
  char* end = nullptr;
  const std::string number(v);
  const double value = std::strtod(number.c_str(), &end);
  if (end == number.c_str()) return number;
  const int xf = IntAttr(c, "s", 0);
  const int format_id =
      xf >= 0 && xf < static_cast<int>(book.styles.xf_format.size())
          ? book.styles.xf_format[xf]
          : 0;
  const auto custom = book.styles.formats.find(format_id);
  return FormatXlsxNumber(
      value, format_id,
      custom == book.styles.formats.end() ? "" : custom->second);
}

DocBlock SheetTable(const pugi::xml_document& sheet, const Workbook& book,
                    const std::string& name) {
  const pugi::xml_node root = sheet.document_element();
  std::map<std::pair<int, int>, std::string> values;
  int last_row = 0;
  for (const auto& row : Children(Child(root, "sheetData"), "row")) {
    const int r = IntAttr(row, "r", last_row + 1);
    last_row = r;
    int last_col = 0;
    for (const auto& c : Children(row, "c")) {
      CellRef ref = ParseRef(Attr(c, "r"));
      if (ref.col == 0) ref = {r, last_col + 1};
      last_col = ref.col;
      std::string text = CellValue(c, book);
      if (!text.empty()) values[{ref.row, ref.col}] = std::move(text);
    }
  }
  std::vector<Merge> merges;
  for (const auto& m : Children(Child(root, "mergeCells"), "mergeCell")) {
    const std::string_view ref = Attr(m, "ref");
    const size_t colon = ref.find(':');
    if (colon == std::string_view::npos) continue;
    Merge merge{ParseRef(ref.substr(0, colon)),
                ParseRef(ref.substr(colon + 1))};
    if (merge.first.row > 0 && merge.last.row >= merge.first.row &&
        merge.last.col >= merge.first.col) {
      merges.push_back(merge);
    }
  }
  DocBlock block;
  block.kind = DocBlock::Kind::kTable;
  block.fallback_title = name;
  if (values.empty()) return block;
  int min_col = 16384, max_col = 0;
  for (const auto& [at, text] : values) {
    min_col = std::min(min_col, at.second);
    max_col = std::max(max_col, at.second);
  }
  // A table has nine columns; a cell far out (a stray mark, or a crafted
  // file) must not make every row thousands of cells wide.
  max_col = std::min(max_col, min_col + kMaxColumns - 1);
  const int first_row = values.begin()->first.first;
  const int end_row = values.rbegin()->first.first;
  for (int r = first_row; r <= end_row; ++r) {
    // Long runs of empty rows are not part of any table: jump over them.
    const auto next = values.lower_bound({r, 0});
    if (next->first.first > r + kMaxEmptyRun) r = next->first.first;
    TableRow row;
    row.place = {.sheet = name, .row = r, .column = min_col};
    for (int col = min_col; col <= max_col; ++col) {
      const Merge* covering = nullptr;
      for (const Merge& m : merges) {
        if (r >= m.first.row && r <= m.last.row && col >= m.first.col &&
            col <= m.last.col) {
          covering = &m;
          break;
        }
      }
      const bool top_left = covering == nullptr || (covering->first.row == r &&
                                                    covering->first.col == col);
      if (!top_left && covering->first.col != col) continue;  // spanned over
      TableCell cell;
      cell.place = {.sheet = name, .row = r, .column = col};
      if (top_left) {
        if (auto it = values.find({r, col}); it != values.end()) {
          cell.text = it->second;
        }
      }
      row.cells.push_back(std::move(cell));
    }
    if (!row.cells.empty()) row.cells.front().place = row.place;
    block.rows.push_back(std::move(row));
  }
  return block;
}

// xl/_rels/workbook.xml.rels: relationship id -> part name in the package.
absl::StatusOr<std::map<std::string, std::string>> SheetParts(
    const ZipReader& zip, const std::string& path) {
  auto rels = ParsePart(zip, path, "xl/_rels/workbook.xml.rels", false);
  if (!rels.ok()) return rels.status();
  std::map<std::string, std::string> parts;
  for (const auto& rel : Children(rels->document_element(), "Relationship")) {
    std::string target(Attr(rel, "Target"));
    if (target.starts_with("/")) {
      target.erase(0, 1);
    } else {
      target = "xl/" + target;
    }
    parts[std::string(Attr(rel, "Id"))] = target;
  }
  return parts;
}

}  // namespace

absl::StatusOr<std::vector<DocBlock>> ReadXlsxBlocks(
    const ZipReader& zip, const std::string& path,
    std::vector<std::string>& notes) {
  auto workbook = ParsePart(zip, path, "xl/workbook.xml", false);
  if (!workbook.ok()) return workbook.status();
  auto parts = SheetParts(zip, path);
  if (!parts.ok()) return parts.status();
  Workbook book;
  auto shared = ParsePart(zip, path, "xl/sharedStrings.xml", true);
  if (!shared.ok()) return shared.status();
  for (const auto& si : Children(shared->document_element(), "si")) {
    book.shared.push_back(StringItem(si));
  }
  auto styles = ParsePart(zip, path, "xl/styles.xml", true);
  if (!styles.ok()) return styles.status();
  book.styles = ReadStyles(*styles);
  std::vector<DocBlock> blocks;
  const pugi::xml_node sheets = Child(workbook->document_element(), "sheets");
  for (const auto& sheet : Children(sheets, "sheet")) {
    const std::string name(Attr(sheet, "name"));
    if (!Attr(sheet, "state").empty() && Attr(sheet, "state") != "visible") {
      notes.push_back(StrCat("工作表“", name, "”是隐藏的，未读取"));
      continue;
    }
    const auto part = parts->find(std::string(Attr(sheet, "id")));
    if (part == parts->end()) continue;
    auto doc = ParsePart(zip, path, part->second, false);
    if (!doc.ok()) return doc.status();
    blocks.push_back(SheetTable(*doc, book, name));
  }
  return blocks;
}

}  // namespace jxaudit
