// The parsed model of a year's tables: a corpus of units, each with its
// indicator rows. Raw cell text is kept exactly as written (string_views into
// the source buffer owned by the Corpus); parsed forms sit beside it.
#ifndef JXAUDIT_ANALYZER_MODEL_MODEL_H_
#define JXAUDIT_ANALYZER_MODEL_MODEL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/score_reading.h"

namespace jxaudit {

// One cell of the source: its text as written (trimmed of the leading TAB and
// of trailing line ends) and the 1-based line it starts on.
struct Cell {
  std::string_view text;
  int line = 0;
};

enum class Operator { kNone, kGe, kLe, kEq, kGt, kLt, kQualitative, kInvalid };

// ≥ ≤ = > <: an operator that compares a number.
inline bool IsNumericOperator(Operator op) {
  return op == Operator::kGe || op == Operator::kLe || op == Operator::kEq ||
         op == Operator::kGt || op == Operator::kLt;
}

struct ParsedOperator {
  Operator op = Operator::kNone;
  std::string canonical;  // "≥", "≤", "=", ">", "<", "定性"; empty if invalid
  bool is_variant = false;  // valid, but written with a non-canonical glyph
};

enum class ValueKind {
  kEmpty,
  kNumber,      // "24", "0.1", "1,200", "98%", "60栋" (see written_unit)
  kDate,        // "2024年12月31日", "2024.12.31", "2024-12-31"
  kBadDate,     // "2024.13.31": looks like a date, is not one
  kMulti,       // "95/98/100"
  kChineseNum,  // "三", "十二"
  kText,        // "提升", "预算批复数"
};

struct ParsedValue {
  ValueKind kind = ValueKind::kEmpty;
  double number = 0;                 // kNumber, kChineseNum: the number
  std::string written_unit;          // "%" for "98%", "栋" for "60栋"
  std::vector<double> numbers;       // kMulti: every value
  int year = 0, month = 0, day = 0;  // kDate / kBadDate
};

struct ParsedWeight {
  bool valid = false;   // a positive number
  double points = 0;    // "5分" -> 5
  std::string problem;  // why it is invalid (Chinese), empty if valid
};

// A unit of measure after the vocabulary: canonical spelling and family.
struct ParsedUnit {
  std::string canonical;  // "%", "次", "万元"; raw text when unknown
  std::string family;     // "percentage", "count", "money", … ; "" unknown
  bool known = false;
  bool is_variant = false;  // a known alias ("％", "百分比") not the canonical
  bool is_none = false;     // "无", "-", "/": no unit
};

enum class RowKind {
  kIndicator,         // a real indicator
  kBlankPlaceholder,  // a category with no indicator: every cell blank/U+3000
  kNotApplicable,     // a category row that says only 不适用
  kCategoryOnly,      // a row cut off after its category cells (export quirk)
};

// The readings of an empty cell, shared by every row without its own.
const std::shared_ptr<const ScoreReading>& EmptyScoreReading();
const std::shared_ptr<const ExplanationReading>& EmptyExplanationReading();

struct IndicatorRow {
  RowKind kind = RowKind::kIndicator;
  int line = 0;  // the line on which the row's first cell starts
  // Raw cells as written; level1/level2 may be blank when merged.
  Cell level1_raw, level2_raw, name, op, value, unit, explanation, rule, weight;
  // Categories after resolving merged cells through the rows above.
  std::string_view level1, level2;
  bool level1_inherited = false, level2_inherited = false;
  ParsedOperator parsed_op;
  ParsedValue parsed_value;
  ParsedUnit parsed_unit;
  ParsedWeight parsed_weight;
  // The 评（扣）分标准 and 指标解释 read (real rows only; empty readings for
  // placeholders). Shared: a province's units share many texts, each read
  // once and held once (ParseUnitRows).
  std::shared_ptr<const ScoreReading> parsed_rule = EmptyScoreReading();
  std::shared_ptr<const ExplanationReading> parsed_explanation =
      EmptyExplanationReading();

  bool IsPlaceholder() const { return kind != RowKind::kIndicator; }
};

// Where something is in the department's own file when that file is not a
// text export (jxaudit reads Word, Excel, CSV and web pages by turning them
// into the text-export form; see analyzer/ingest/table_text.h).
struct FilePlace {
  std::string sheet;  // Excel: the sheet's name
  int table = 0;      // Word, web page: the table, from 1
  int row = 0;        // the sheet's row, the table's row, the CSV line
  int column = 0;     // the column, from 1 (0: the row as a whole)
  int paragraph = 0;  // a paragraph outside tables (a title), from 1

  // "信访局!A11", "表1 第11行", "表1 第11行 第8列", "第22行", "第1段".
  std::string Text() const;
};

struct SourceLocation {
  std::string file;
  int line = 0;  // in the text form jxaudit read (the file itself for text)
  // For a Word, Excel, CSV or web-page file: the place in it ("Sheet1!C5",
  // "表1 第5行", "第12行"), the sheet (Excel), the table (Word, web page)
  // and the row or line in the file. Empty for text exports, whose line is
  // the place.
  std::string place;
  std::string sheet;
  int table = 0;
  int place_line = 0;

  // The line a reader of the file looks for: the row or CSV line for an
  // office file, else `line`.
  int FileLine() const { return place.empty() ? line : place_line; }
};

struct SourceBuffer;

struct Unit {
  std::string id;             // "u0001", in corpus order
  std::string_view title;     // the title line, as written
  std::string_view name;      // 部门（单位）名称
  std::string_view duties;    // 部门（单位）职责
  std::string_view goals;     // 年度总体绩效目标
  std::string_view bookmark;  // the Word bookmark's heading, if any
  int title_year = 0;         // the year the title states (0: none)
  int goals_year = 0;         // the year in "2024年度总体绩效目标"
  int name_line = 0;          // line of the 名称 value cell
  int goals_line = 0;         // line of the 总体绩效目标 value cell
  SourceLocation source;      // the title line
  // The reviewing jurisdiction (county, district or the input's sub-folder)
  // that reviews this unit; "" when the input does not say.
  std::string jurisdiction;
  std::vector<IndicatorRow> rows;        // real rows and placeholders, in order
  const SourceBuffer* buffer = nullptr;  // the file it was read from

  int RealIndicatorCount() const;
  // Display name: 名称 cell if present, else the title.
  std::string_view DisplayName() const;
  // A line of the unit as messages name it: "第12行" in a text export, the
  // place in the department's file for office files ("第11行（信访局!A11）",
  // "表1 第11行").
  std::string LineRef(int line) const;
};

// A problem with the input that the run survived: what was skipped and why.
struct InputDiagnostic {
  enum class Level { kError, kWarning, kNote };
  Level level = Level::kError;
  std::string file;
  int line = 0;         // 0 when it concerns the whole file
  std::string message;  // Chinese, says what was expected
  std::string skipped;  // what the run left out ("" if nothing)
};

// Owns the bytes of every input file; units view into them.
struct SourceBuffer {
  SourceBuffer() = default;
  SourceBuffer(const SourceBuffer&) = delete;  // `text` may view `owned_`
  SourceBuffer& operator=(const SourceBuffer&) = delete;

  std::string path;
  // UTF-8, BOM and CR removed: a view of the file's own bytes when they
  // needed no change (a province's file is mapped, not copied), else of the
  // decoded text this buffer owns.
  std::string_view text;
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "GB18030"
  // Bytes of an incomplete UTF-8 character cut off at the end of the file
  // (a truncated copy or download), dropped when reading.
  int dropped_tail_bytes = 0;
  // Office files, CSV and web pages are turned into the text-export form
  // (so that one reader builds the model); `format` names what the file was
  // ("docx", "xlsx", "csv", "html"; empty for a text export) and
  // `line_places[line - 1]` says where each line of `text` came from.
  std::string format;
  std::vector<FilePlace> line_places;
  // What the reader of an office file noticed and worked around (a missing
  // title, a hidden sheet); reported as notes.
  std::vector<std::string> notes;

  // The place of a 1-based line of `text`; nullptr for text exports.
  const FilePlace* PlaceAt(int line) const {
    if (line <= 0 || static_cast<size_t>(line) > line_places.size()) {
      return nullptr;
    }
    return &line_places[line - 1];
  }
  // The same as text; empty for text exports.
  std::string PlaceOf(int line) const {
    const FilePlace* place = PlaceAt(line);
    return place == nullptr ? std::string() : place->Text();
  }
  // Fills the place fields of `source` (a location in this buffer).
  void Locate(SourceLocation& source) const;

  // Takes decoded text.
  void SetText(std::string decoded) {
    owned_ = std::move(decoded);
    text = owned_;
  }
  // Views bytes that `owner` keeps alive (a mapped file, a read buffer).
  void ViewText(std::string_view bytes, std::shared_ptr<const void> owner) {
    owned_.clear();
    bytes_owner_ = std::move(owner);
    text = bytes;
  }

 private:
  std::string owned_;
  std::shared_ptr<const void> bytes_owner_;
};

struct Corpus {
  std::vector<std::unique_ptr<SourceBuffer>> buffers;
  std::vector<Unit> units;
  std::vector<InputDiagnostic> diagnostics;
  std::vector<std::string> inputs;

  // The most common title year, or 0 when no title states one.
  int MajorityTitleYear() const;
};

// Stable ASCII name of a value kind ("number", "malformed-date", …), used in
// the model dump and in finding evidence.
std::string_view ValueKindName(ValueKind kind);

// A unit's name without the prefixes and suffixes that vary between tables
// and years ("岳阳市", "君山区", any district's leading place such as
// "湖南省长沙市芙蓉区", "（单位）"), NFKC-folded, without blanks: the key that
// matches a unit across waivers, years and titles.
std::string NormalisedUnitName(std::string_view name);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_MODEL_H_
