#include "analyzer/ingest/submission.h"

#include <filesystem>

#include "absl/status/status.h"
#include "analyzer/ingest/csv_reader.h"
#include "analyzer/ingest/docx_reader.h"
#include "analyzer/ingest/html_reader.h"
#include "analyzer/ingest/input.h"
#include "analyzer/ingest/table_text.h"
#include "analyzer/ingest/xlsx_reader.h"
#include "analyzer/ingest/zip_reader.h"
#include "analyzer/model/strings.h"

namespace jxaudit {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

void TakeForm(TextForm form, std::string format, SourceBuffer& buffer) {
  buffer.SetText(std::move(form.text));
  buffer.line_places = std::move(form.line_places);
  for (std::string& note : form.notes) buffer.notes.push_back(std::move(note));
  buffer.format = std::move(format);
}

absl::StatusOr<std::unique_ptr<SourceBuffer>> ReadPackage(std::string path,
                                                          std::string bytes) {
  auto zip = ZipReader::Open(path, std::move(bytes));
  if (!zip.ok()) return zip.status();
  auto buffer = std::make_unique<SourceBuffer>();
  buffer->path = path;
  buffer->encoding = "UTF-8";
  absl::StatusOr<std::vector<DocBlock>> blocks;
  std::string format;
  if ((*zip)->Has("word/document.xml")) {
    format = "docx";
    blocks = ReadDocxBlocks(**zip, path);
  } else if ((*zip)->Has("xl/workbook.xml")) {
    format = "xlsx";
    blocks = ReadXlsxBlocks(**zip, path, buffer->notes);
  } else {
    return absl::InvalidArgumentError(StrCat(
        path, ": 是 ZIP 压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件"));
  }
  if (!blocks.ok()) return blocks.status();
  TakeForm(BlocksToTextForm(*blocks), format, *buffer);
  if (buffer->text.empty()) {
    return absl::InvalidArgumentError(
        StrCat(path, ": 文件中的表格都是空的，没有绩效目标表"));
  }
  return buffer;
}

// A web page or CSV: decoded like a text file first (UTF-8, GB18030,
// UTF-16), then turned into the text-export form.
absl::StatusOr<std::unique_ptr<SourceBuffer>> ReadMarkup(std::string path,
                                                         FileBytes bytes,
                                                         InputKind kind) {
  auto buffer = DecodeSource(path, std::move(bytes));
  if (!buffer.ok()) return buffer.status();
  const std::string text((*buffer)->text);
  if (kind == InputKind::kCsv) {
    const char delimiter =
        fs::path(path).extension() == ".tsv" ? '\t' : GuessDelimiter(text);
    TakeForm(BlocksToTextForm({ReadCsvTable(text, delimiter)}),
             delimiter == '\t' ? "tsv" : "csv", **buffer);
    return buffer;
  }
  int tables = 0;
  std::vector<DocBlock> blocks = ReadHtmlBlocks(text, tables);
  if (tables == 0) {
    return absl::InvalidArgumentError(
        StrCat(path, ": 网页中没有表格；绩效目标表应是网页中的表格"));
  }
  TakeForm(BlocksToTextForm(blocks), "html", **buffer);
  return buffer;
}

bool LooksLikeHtml(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 2048);
  return Contains(head, "<html") || Contains(head, "<HTML") ||
         Contains(head, "<!DOCTYPE html") || Contains(head, "<table");
}

}  // namespace

absl::StatusOr<std::unique_ptr<SourceBuffer>> ReadSubmission(std::string path,
                                                             FileBytes file) {
  const InputKind kind = InputKindOf(path);
  const std::string_view bytes = file.bytes;
  if (bytes.starts_with(kOleMagic)) {
    return absl::InvalidArgumentError(StrCat(
        path,
        kind == InputKind::kLegacy
            ? ": 是旧版 Office 格式（.doc/.xls/.wps/.et），无法读取；"
              "请在 Word/Excel/WPS 中另存为 .docx/.xlsx 后再提交"
            : ": 文件已加密或为旧版 Office 格式，无法读取；请去掉打开密码，"
              "在 Word/Excel/WPS 中另存为 .docx/.xlsx 后再提交"));
  }
  if (bytes.starts_with(kZipMagic)) {
    return ReadPackage(std::move(path), std::string(bytes));
  }
  switch (kind) {
    case InputKind::kDocx:
    case InputKind::kXlsx:
      return absl::InvalidArgumentError(
          StrCat(path,
                 ": 扩展名是 Office 文件，但内容不是（不是 ZIP 包）；"
                 "文件可能已损坏，请重新保存后再提交"));
    case InputKind::kLegacy:
      // Word and WPS can save a web page under a .doc name.
      if (LooksLikeHtml(bytes)) {
        return ReadMarkup(std::move(path), std::move(file), InputKind::kHtml);
      }
      return absl::InvalidArgumentError(
          StrCat(path, ": 是旧版 Office 格式，无法读取；请另存为 .docx/.xlsx"));
    case InputKind::kCsv:
    case InputKind::kHtml:
      return ReadMarkup(std::move(path), std::move(file), kind);
    case InputKind::kText:
    case InputKind::kUnsupported:
      break;
  }
  return DecodeSource(std::move(path), std::move(file));
}

absl::StatusOr<std::unique_ptr<SourceBuffer>> ReadSubmission(
    std::string path, std::string bytes) {
  return ReadSubmission(std::move(path), OwnBytes(std::move(bytes)));
}

absl::StatusOr<std::unique_ptr<SourceBuffer>> LoadSubmission(
    const std::string& path) {
  auto bytes = MapFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  return ReadSubmission(path, *std::move(bytes));
}

}  // namespace jxaudit
