// One submitted file of any supported kind — a text export, CSV/TSV, a web
// page, a Word document or an Excel workbook — read into a SourceBuffer in
// the text-export form, with the place in the original file of every line.
#ifndef JXAUDIT_ANALYZER_INGEST_SUBMISSION_H_
#define JXAUDIT_ANALYZER_INGEST_SUBMISSION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "analyzer/ingest/input.h"
#include "analyzer/model/model.h"

namespace jxaudit {

// Reads `path`. The kind is told by the file's first bytes where they say it
// (a ZIP package is a .docx or .xlsx by what it holds; an OLE compound file
// is an encrypted or old-format Office file) and otherwise by its extension.
// Errors name the file and say what to do ("请另存为 .docx/.xlsx").
absl::StatusOr<std::unique_ptr<SourceBuffer>> LoadSubmission(
    const std::string& path);

// The same for bytes already in memory (tests, and LoadSubmission).
absl::StatusOr<std::unique_ptr<SourceBuffer>> ReadSubmission(std::string path,
                                                             FileBytes bytes);
absl::StatusOr<std::unique_ptr<SourceBuffer>> ReadSubmission(std::string path,
                                                             std::string bytes);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_SUBMISSION_H_
