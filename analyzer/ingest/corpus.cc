#include "analyzer/ingest/corpus.h"

#include "absl/strings/str_format.h"
#include "analyzer/ingest/input.h"
#include "analyzer/ingest/text_reader.h"
#include "analyzer/model/strings.h"

namespace jxaudit {

Corpus LoadCorpus(const std::vector<std::string>& paths, const Config& config,
                  int threads) {
  Corpus corpus;
  corpus.inputs = paths;
  for (const std::string& file : ExpandInputs(paths, corpus.diagnostics)) {
    auto buffer = LoadSource(file);
    if (!buffer.ok()) {
      corpus.diagnostics.push_back({InputDiagnostic::Level::kError, file, 0,
                                    std::string(buffer.status().message()),
                                    "整个文件"});
      continue;
    }
    if ((*buffer)->encoding == "GB18030") {
      corpus.diagnostics.push_back(
          {InputDiagnostic::Level::kNote, file, 0,
           "文件不是 UTF-8，按 GB18030/GBK 编码读取并转换为 UTF-8", ""});
    }
    if ((*buffer)->dropped_tail_bytes > 0) {
      corpus.diagnostics.push_back(
          {InputDiagnostic::Level::kWarning, file, 0,
           StrCat("文件末尾的字符不完整，文件可能被截断；已忽略最后 ",
                  (*buffer)->dropped_tail_bytes, " 个字节，请核对文件是否完整"),
           ""});
    }
    ReadTextExport(**buffer, config, corpus.units, corpus.diagnostics, threads);
    corpus.buffers.push_back(*std::move(buffer));
  }
  for (size_t i = 0; i < corpus.units.size(); ++i) {
    corpus.units[i].id = absl::StrFormat("u%04d", static_cast<int>(i + 1));
  }
  return corpus;
}

}  // namespace jxaudit
