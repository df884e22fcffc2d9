#include "analyzer/ingest/corpus.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "analyzer/ingest/input.h"
#include "analyzer/ingest/submission.h"
#include "analyzer/ingest/text_reader.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

// A diagnostic about a line of the text form made of an office file: the
// line means nothing to the department, the place in its file does.
void Locate(InputDiagnostic& d, std::string_view place) {
  if (place.empty()) return;
  d.message = StrCat("（", place, "）", d.message);
  d.line = 0;
}

void NoteEncoding(const SourceBuffer& buffer,
                  std::vector<InputDiagnostic>& diagnostics) {
  const std::string& file = buffer.path;
  if (buffer.encoding == "GB18030") {
    diagnostics.push_back(
        {InputDiagnostic::Level::kNote, file, 0,
         "文件不是 UTF-8，按 GB18030/GBK 编码读取并转换为 UTF-8", ""});
  } else if (buffer.encoding.starts_with("UTF-16")) {
    diagnostics.push_back({InputDiagnostic::Level::kNote, file, 0,
                           StrCat("文件以字节顺序标记开头，按 ",
                                  buffer.encoding, " 编码读取并转换为 UTF-8"),
                           ""});
  }
  if (buffer.dropped_tail_bytes > 0) {
    diagnostics.push_back(
        {InputDiagnostic::Level::kWarning, file, 0,
         StrCat("文件末尾的字符不完整，文件可能被截断；已忽略最后 ",
                buffer.dropped_tail_bytes, " 个字节，请核对文件是否完整"),
         ""});
  }
  for (const std::string& note : buffer.notes) {
    diagnostics.push_back({InputDiagnostic::Level::kNote, file, 0, note, ""});
  }
}

// A unit's content as compared between submissions: every row's cells.
std::string RowsKey(const Unit& unit) {
  std::string key;
  for (const IndicatorRow& row : unit.rows) {
    for (const Cell* cell : {&row.name, &row.op, &row.value, &row.unit,
                             &row.explanation, &row.rule, &row.weight}) {
      StrAppend(&key, RemoveAllBlanks(cell->text), "\x1f");
    }
    StrAppend(&key, row.level1, "\x1f", row.level2, "\x1e");
  }
  return key;
}

// One unit sent in two files (a .docx and the same table as .xlsx) is
// checked once: the later copy is dropped with a warning naming both. Two
// different tables under one unit name are both kept, with a warning.
void DropDuplicateSubmissions(Corpus& corpus) {
  absl::flat_hash_map<std::string, size_t> first;  // name -> unit index
  std::vector<Unit> kept;
  for (Unit& unit : corpus.units) {
    const std::string name = NormalisedUnitName(unit.DisplayName());
    auto [it, inserted] = first.emplace(name, kept.size());
    if (!inserted) {
      const Unit& earlier = kept[it->second];
      if (earlier.source.file != unit.source.file) {
        if (RowsKey(earlier) == RowsKey(unit)) {
          corpus.diagnostics.push_back(
              {InputDiagnostic::Level::kWarning, unit.source.file,
               unit.source.line,
               StrCat("重复提交：“", unit.DisplayName(), "”的绩效目标表与 ",
                      earlier.source.file, " 中的相同，只检查一次（按 ",
                      earlier.source.file, "）"),
               std::string(unit.DisplayName())});
          Locate(corpus.diagnostics.back(), unit.source.place);
          continue;
        }
        corpus.diagnostics.push_back(
            {InputDiagnostic::Level::kWarning, unit.source.file,
             unit.source.line,
             StrCat("“", unit.DisplayName(), "”在 ", earlier.source.file,
                    " 中也有一份内容不同的绩效目标表；两份都已检查，"
                    "请确认哪一份是最终版本"),
             ""});
        Locate(corpus.diagnostics.back(), unit.source.place);
      }
    }
    kept.push_back(std::move(unit));
  }
  corpus.units = std::move(kept);
}

}  // namespace

Corpus LoadCorpus(const std::vector<std::string>& paths, const Config& config) {
  Corpus corpus;
  corpus.inputs = paths;
  for (const std::string& file : ExpandInputs(paths, corpus.diagnostics)) {
    auto buffer = LoadSubmission(file);
    if (!buffer.ok()) {
      corpus.diagnostics.push_back({InputDiagnostic::Level::kError, file, 0,
                                    std::string(buffer.status().message()),
                                    "整个文件"});
      continue;
    }
    NoteEncoding(**buffer, corpus.diagnostics);
    const size_t first_unit = corpus.units.size();
    const size_t first_diagnostic = corpus.diagnostics.size();
    ReadTextExport(**buffer, config, corpus.units, corpus.diagnostics);
    for (size_t i = first_unit; i < corpus.units.size(); ++i) {
      SourceLocation& source = corpus.units[i].source;
      source.place = std::string((*buffer)->PlaceOf(source.line));
    }
    // The reader's diagnostics name lines of the text form; say where that
    // is in the department's file.
    for (size_t i = first_diagnostic; i < corpus.diagnostics.size(); ++i) {
      InputDiagnostic& d = corpus.diagnostics[i];
      Locate(d, (*buffer)->PlaceOf(d.line));
    }
    corpus.buffers.push_back(*std::move(buffer));
  }
  DropDuplicateSubmissions(corpus);
  for (size_t i = 0; i < corpus.units.size(); ++i) {
    corpus.units[i].id = absl::StrFormat("u%04d", static_cast<int>(i + 1));
  }
  return corpus;
}

}  // namespace jxaudit
