// Loading input files: reading bytes once, detecting the encoding (UTF-8,
// UTF-8 with BOM, GB18030/GBK converted with iconv), normalising line ends,
// and expanding folders into the files they hold.
#ifndef JXAUDIT_ANALYZER_INGEST_INPUT_H_
#define JXAUDIT_ANALYZER_INGEST_INPUT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "analyzer/model/model.h"

namespace jxaudit {

// Reads one file into a UTF-8 buffer with LF line ends. Errors (missing,
// empty, binary, undecodable) name the file and say what was expected.
absl::StatusOr<std::unique_ptr<SourceBuffer>> LoadSource(
    const std::string& path);

// The bytes of one file; errors (missing, a folder, unreadable) name it.
absl::StatusOr<std::string> ReadFileBytes(const std::string& path);

// A file's bytes and what keeps them alive.
struct FileBytes {
  std::string_view bytes;
  std::shared_ptr<const void> owner;
};
// The bytes of one file, like ReadFileBytes, but a large file is mapped
// rather than copied: its pages come straight from the page cache, which on
// a province's 100 MB file saves most of the read (ripgrep does the same).
absl::StatusOr<FileBytes> MapFileBytes(const std::string& path);
// Bytes in a string, owned.
FileBytes OwnBytes(std::string bytes);

// Decodes bytes already in memory (what LoadSource does after reading).
// Text that needs no change (UTF-8 without BOM or CR) stays a view of them.
absl::StatusOr<std::unique_ptr<SourceBuffer>> DecodeSource(std::string path,
                                                           FileBytes bytes);
absl::StatusOr<std::unique_ptr<SourceBuffer>> DecodeSource(std::string path,
                                                           std::string bytes);

// What a file is, by its extension.
enum class InputKind {
  kText,         // .txt (and any file named on the command line)
  kCsv,          // .csv, .tsv
  kHtml,         // .htm, .html
  kDocx,         // .docx, .docm
  kXlsx,         // .xlsx, .xlsm
  kLegacy,       // .doc, .xls, .wps, .et: old binary formats
  kUnsupported,  // anything else found in a folder
};
InputKind InputKindOf(const std::string& path);

// Expands the command-line paths: files as given, folders into the files of
// every supported kind (and the legacy office files, so that they are
// reported), sorted, recursively. Other files in a folder, Office lock
// files (~$…) and paths that do not exist become diagnostics.
std::vector<std::string> ExpandInputs(
    const std::vector<std::string>& paths,
    std::vector<InputDiagnostic>& diagnostics);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_INPUT_H_
