#include "analyzer/ingest/corpus.h"

#include <algorithm>
#include <numeric>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "analyzer/ingest/input.h"
#include "analyzer/ingest/jurisdiction.h"
#include "analyzer/ingest/submission.h"
#include "analyzer/ingest/text_reader.h"
#include "analyzer/model/parallel.h"
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

// Of two copies of one table, the one checked: the Word or Excel file the
// department edits (its correction list then points into it), then the web
// page, CSV, text.
int FormatRank(std::string_view format) {
  if (format == "docx") return 0;
  if (format == "xlsx") return 1;
  if (format == "html") return 2;
  if (format == "csv" || format == "tsv") return 3;
  return 4;
}

std::string NameList(const std::vector<std::string>& names) {
  constexpr size_t kShown = 5;
  std::string out;
  for (size_t i = 0; i < names.size() && i < kShown; ++i) {
    StrAppend(&out, i > 0 ? "、" : "", names[i]);
  }
  if (names.size() > kShown) StrAppend(&out, " 等");
  return out;
}

using FilePair = std::pair<std::string, std::string>;  // dropped, kept

// The name a submission goes by, as written (folded, without blanks). Not
// NormalisedUnitName: that drops the leading place, and 华容县财政局 and
// 平江县财政局 of one province are two units even with the same table.
std::string SubmissionName(const Unit& unit) {
  return RemoveAllBlanks(FoldNfkc(unit.DisplayName()));
}

// For each unit, the unit checked in its place: itself, or the copy of the
// same table (same name and rows) in another file of a
// better-ranked format (the first read among equals).
std::vector<size_t> ChosenCopies(const Corpus& corpus, int threads) {
  const std::vector<Unit>& units = corpus.units;
  std::vector<size_t> chosen(units.size());
  std::iota(chosen.begin(), chosen.end(), size_t{0});
  // Copies inside one file are not submissions twice: one file has none.
  if (corpus.buffers.size() < 2) return chosen;
  absl::flat_hash_map<std::string_view, int> rank_of;
  for (const auto& buffer : corpus.buffers) {
    rank_of[buffer->path] = FormatRank(buffer->format);
  }
  std::vector<std::string> keys(units.size());
  ParallelFor(static_cast<int>(units.size()), threads, [&](int i) {
    keys[i] = StrCat(SubmissionName(units[i]), "\x1d", RowsKey(units[i]));
  });
  absl::flat_hash_map<std::string_view, size_t> best;  // name + rows -> unit
  for (size_t i = 0; i < units.size(); ++i) {
    auto [it, inserted] = best.emplace(keys[i], i);
    if (!inserted && rank_of[units[i].source.file] <
                         rank_of[units[it->second].source.file]) {
      it->second = i;
    }
  }
  for (size_t i = 0; i < units.size(); ++i) {
    chosen[i] = best[keys[i]];
    if (units[chosen[i]].source.file == units[i].source.file) chosen[i] = i;
  }
  return chosen;
}

// Two different tables under one unit name in two files: both are checked.
void WarnOtherVersions(const std::vector<Unit>& units,
                       std::vector<InputDiagnostic>& diagnostics) {
  absl::flat_hash_map<std::string, size_t> first;
  for (size_t i = 0; i < units.size(); ++i) {
    auto [it, inserted] = first.emplace(SubmissionName(units[i]), i);
    const Unit& earlier = units[it->second];
    if (inserted || earlier.source.file == units[i].source.file) continue;
    diagnostics.push_back(
        {InputDiagnostic::Level::kWarning, units[i].source.file,
         units[i].source.line,
         StrCat("“", units[i].DisplayName(), "”在 ", earlier.source.file,
                " 中也有一份内容不同的绩效目标表；两份都已检查，"
                "请确认哪一份是最终版本"),
         ""});
    Locate(diagnostics.back(), units[i].source.place);
  }
}

// One unit sent in two files (a .docx and the same table as .xlsx) is
// checked once, with one warning per pair of files naming the units.
void DropDuplicateSubmissions(Corpus& corpus, int threads) {
  const std::vector<size_t> chosen = ChosenCopies(corpus, threads);
  std::vector<std::pair<FilePair, std::vector<std::string>>> dropped;
  std::vector<Unit> kept;
  for (size_t i = 0; i < corpus.units.size(); ++i) {
    if (chosen[i] == i) continue;
    const Unit& unit = corpus.units[i];
    FilePair files{unit.source.file, corpus.units[chosen[i]].source.file};
    auto it = std::find_if(dropped.begin(), dropped.end(),
                           [&](const auto& d) { return d.first == files; });
    if (it == dropped.end()) it = dropped.insert(it, {files, {}});
    it->second.push_back(std::string(TrimBlank(unit.DisplayName())));
  }
  for (size_t i = 0; i < corpus.units.size(); ++i) {
    if (chosen[i] == i) kept.push_back(std::move(corpus.units[i]));
  }
  corpus.units = std::move(kept);
  WarnOtherVersions(corpus.units, corpus.diagnostics);
  for (const auto& [files, names] : dropped) {
    corpus.diagnostics.push_back(
        {InputDiagnostic::Level::kWarning, files.first, 0,
         StrCat("重复提交：", names.size(), " 个单位（", NameList(names),
                "）的绩效目标表与 ", files.second, " 中的相同，只检查一次（按 ",
                files.second, "）"),
         StrCat(names.size(), " 个单位的重复表格")});
  }
}

// One file, read and parsed on its own (files are read in parallel).
struct FileRead {
  absl::StatusOr<std::unique_ptr<SourceBuffer>> buffer;
  std::vector<Unit> units;
  std::vector<InputDiagnostic> diagnostics;
};

FileRead ReadFile(const std::string& file, const Config& config, int threads) {
  FileRead read{LoadSubmission(file), {}, {}};
  if (!read.buffer.ok()) {
    read.diagnostics.push_back({InputDiagnostic::Level::kError, file, 0,
                                std::string(read.buffer.status().message()),
                                "整个文件"});
    return read;
  }
  SourceBuffer& buffer = **read.buffer;
  NoteEncoding(buffer, read.diagnostics);
  const size_t first_diagnostic = read.diagnostics.size();
  ReadTextExport(buffer, config, read.units, read.diagnostics, threads);
  for (Unit& unit : read.units) {
    unit.buffer = &buffer;
    buffer.Locate(unit.source);
  }
  // The reader's diagnostics name lines of the text form; say where that
  // is in the department's file.
  for (size_t i = first_diagnostic; i < read.diagnostics.size(); ++i) {
    Locate(read.diagnostics[i], buffer.PlaceOf(read.diagnostics[i].line));
  }
  return read;
}

}  // namespace

Corpus LoadCorpus(const std::vector<std::string>& paths, const Config& config,
                  int threads) {
  Corpus corpus;
  corpus.inputs = paths;
  const std::vector<std::string> files =
      ExpandInputs(paths, corpus.diagnostics);
  // A folder of many submissions is read a file per thread; a few large
  // files (a district's or a province's export) are each read in parallel
  // inside. The result is in file order either way.
  const int n = static_cast<int>(files.size());
  const bool many = n >= 4 * ResolveThreads(threads);
  std::vector<FileRead> reads(files.size());
  ParallelFor(n, many ? threads : 1, [&](int i) {
    reads[i] = ReadFile(files[i], config, many ? 1 : threads);
  });
  for (FileRead& read : reads) {
    for (InputDiagnostic& d : read.diagnostics) {
      corpus.diagnostics.push_back(std::move(d));
    }
    if (!read.buffer.ok()) continue;
    for (Unit& unit : read.units) corpus.units.push_back(std::move(unit));
    corpus.buffers.push_back(*std::move(read.buffer));
  }
  DropDuplicateSubmissions(corpus, threads);
  for (size_t i = 0; i < corpus.units.size(); ++i) {
    corpus.units[i].id = absl::StrFormat("u%04d", static_cast<int>(i + 1));
  }
  AssignJurisdictions(corpus, threads);
  return corpus;
}

}  // namespace jxaudit
