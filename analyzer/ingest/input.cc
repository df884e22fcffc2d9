#include "analyzer/ingest/input.h"

#include <fcntl.h>
#include <iconv.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_replace.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A text export never holds NUL bytes or many C0 controls; a file that does
// is a Word/Excel binary or something else that is not the export.
bool LooksBinary(std::string_view bytes) {
  const size_t probe = std::min<size_t>(bytes.size(), 8192);
  size_t controls = 0;
  for (size_t i = 0; i < probe; ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      ++controls;
    }
  }
  return probe > 0 && controls * 20 > probe;
}

absl::StatusOr<std::string> Convert(const std::string& path,
                                    std::string_view bytes, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return absl::InternalError(StrCat(path, ": 系统不支持 ", from, " 转换"));
  }
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  const size_t result = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (result == static_cast<size_t>(-1)) {
    const bool gb = std::string_view(from) == "GB18030";
    return absl::InvalidArgumentError(StrCat(
        path,
        gb ? ": 既不是 UTF-8 也不是 GB18030/GBK 编码（第 "
           : StrCat(": 不是有效的 ", from, " 编码（第 "),
        bytes.size() - in_left, " 字节处无法解码）；请另存为 UTF-8 文本"));
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SourceBuffer>> DecodeSource(std::string path,
                                                           FileBytes file) {
  auto buffer = std::make_unique<SourceBuffer>();
  buffer->path = std::move(path);
  // `bytes` views the file until a step must change them; from then on it
  // views `decoded`.
  std::string_view bytes = file.bytes;
  std::string decoded;
  bool changed = false;
  auto replace = [&](std::string next) {
    decoded = std::move(next);
    bytes = decoded;
    changed = true;
  };
  // UTF-16 (Notepad's "Unicode", Excel's "Unicode text") is known only by
  // its byte-order mark; without one it is taken for binary below.
  for (const auto& [bom, name] :
       {std::pair<std::string_view, const char*>{"\xFF\xFE", "UTF-16LE"},
        {"\xFE\xFF", "UTF-16BE"}}) {
    if (!bytes.starts_with(bom)) continue;
    auto converted = Convert(buffer->path, bytes.substr(2), name);
    if (!converted.ok()) return converted.status();
    replace(*std::move(converted));
    buffer->encoding = StrCat(name, " (BOM)");
    break;
  }
  if (IsBlankText(bytes)) {
    return absl::InvalidArgumentError(
        StrCat(buffer->path, ": 文件为空，应为绩效目标表的文本导出"));
  }
  if (LooksBinary(bytes)) {
    return absl::InvalidArgumentError(
        StrCat(buffer->path,
               ": 是二进制文件，不是文本导出；请在 Word/WPS "
               "中“另存为”纯文本（.txt）"));
  }
  if (!buffer->encoding.empty()) {
    // Decoded from UTF-16 above.
  } else if (bytes.starts_with(kUtf8Bom)) {
    bytes.remove_prefix(kUtf8Bom.size());
    buffer->encoding = "UTF-8 (BOM)";
  } else {
    buffer->encoding = "UTF-8";
  }
  // A UTF-8 file cut off inside its last character is still UTF-8: drop the
  // incomplete character rather than misread the whole file as GB18030.
  // Validated once: a province's file is 100 MB.
  bool valid = IsValidUtf8(bytes);
  for (int tail = 1; tail <= 3 && !valid; ++tail) {
    const size_t keep = bytes.size() - std::min<size_t>(tail, bytes.size());
    if (static_cast<unsigned char>(bytes[keep]) >= 0xC0 &&
        IsValidUtf8(bytes.substr(0, keep))) {
      bytes = bytes.substr(0, keep);
      buffer->dropped_tail_bytes = tail;
      valid = true;
    }
  }
  if (!valid) {
    auto converted = Convert(buffer->path, bytes, "GB18030");
    if (!converted.ok()) return converted.status();
    replace(*std::move(converted));
    buffer->encoding = "GB18030";
  }
  if (bytes.find('\r') != std::string_view::npos) {
    // CR LF and a lone CR (old Mac files) become LF.
    replace(absl::StrReplaceAll(AV(bytes), {{"\r\n", "\n"}, {"\r", "\n"}}));
  }
  // Once decoded, `bytes` is all of `decoded`: the steps that narrow it (the
  // BOM, an incomplete last character) only apply to the file's own bytes.
  if (changed) {
    buffer->SetText(std::move(decoded));
  } else {
    buffer->ViewText(bytes, std::move(file.owner));
  }
  return buffer;
}

absl::StatusOr<std::unique_ptr<SourceBuffer>> DecodeSource(std::string path,
                                                           std::string bytes) {
  return DecodeSource(std::move(path), OwnBytes(std::move(bytes)));
}

FileBytes OwnBytes(std::string bytes) {
  auto owner = std::make_shared<const std::string>(std::move(bytes));
  return {*owner, owner};
}

absl::StatusOr<std::string> ReadFileBytes(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    return absl::NotFoundError(StrCat(path, ": 文件不存在"));
  }
  if (fs::is_directory(path, error)) {
    return absl::InvalidArgumentError(StrCat(path, ": 是文件夹，不是文件"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::PermissionDeniedError(StrCat(path, ": 无法读取"));
  // One read into a buffer of the file's size (a stream copy grows and
  // copies its buffer again and again: a second for a province's file).
  std::string bytes;
  const uintmax_t expected = fs::file_size(path, error);
  if (!error) bytes.resize(static_cast<size_t>(expected));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(in.gcount()));
  // A file that grew while it was read (or whose size is unknown): the rest.
  std::ostringstream rest;
  rest << in.rdbuf();
  bytes += std::move(rest).str();
  return bytes;
}

namespace {

// Files smaller than this are read: a mapping costs more than it saves.
constexpr uintmax_t kMapAtLeast = 4 << 20;

// Unmaps when the last view of the file is gone.
struct Mapping {
  void* address = nullptr;
  size_t size = 0;
  Mapping(void* a, size_t s) : address(a), size(s) {}
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() { munmap(address, size); }
};

}  // namespace

absl::StatusOr<FileBytes> MapFileBytes(const std::string& path) {
  const auto read = [&]() -> absl::StatusOr<FileBytes> {
    auto bytes = ReadFileBytes(path);
    if (!bytes.ok()) return bytes.status();
    return OwnBytes(*std::move(bytes));
  };
  // A missing path or a folder fails file_size; ReadFileBytes says which.
  std::error_code error;
  const uintmax_t size = fs::file_size(path, error);
  if (error || size < kMapAtLeast) return read();
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::PermissionDeniedError(StrCat(path, ": 无法读取"));
  // MAP_POPULATE maps every page now, in one call, instead of one fault at a
  // time as the reader walks the file.
  void* address = mmap(nullptr, static_cast<size_t>(size), PROT_READ,
                       MAP_PRIVATE | MAP_POPULATE, fd, 0);
  close(fd);
  if (address == MAP_FAILED) return read();  // a file system that cannot map
  auto mapping = std::make_shared<const Mapping>(address, size);
  return FileBytes{
      std::string_view(static_cast<const char*>(address), mapping->size),
      mapping};
}

absl::StatusOr<std::unique_ptr<SourceBuffer>> LoadSource(
    const std::string& path) {
  auto bytes = MapFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  return DecodeSource(path, *std::move(bytes));
}

InputKind InputKindOf(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == ".txt") return InputKind::kText;
  if (ext == ".csv" || ext == ".tsv") return InputKind::kCsv;
  if (ext == ".htm" || ext == ".html") return InputKind::kHtml;
  if (ext == ".docx" || ext == ".docm") return InputKind::kDocx;
  if (ext == ".xlsx" || ext == ".xlsm") return InputKind::kXlsx;
  if (ext == ".doc" || ext == ".xls" || ext == ".wps" || ext == ".et") {
    return InputKind::kLegacy;
  }
  return InputKind::kUnsupported;
}

namespace {

// Which files of a folder are read; the others are reported and skipped.
void ExpandFolder(const std::string& folder, std::vector<std::string>& files,
                  std::vector<InputDiagnostic>& diagnostics) {
  std::error_code error;
  std::vector<std::string> found, skipped;
  for (const auto& entry : fs::recursive_directory_iterator(folder, error)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".")) continue;  // .DS_Store, editors' files
    if (name.starts_with("~$")) {
      diagnostics.push_back(
          {InputDiagnostic::Level::kNote, entry.path().string(), 0,
           "Word/Excel 打开文件时留下的临时锁文件，不是提交的表格",
           "整个文件"});
      continue;
    }
    if (InputKindOf(name) == InputKind::kUnsupported) {
      skipped.push_back(entry.path().string());
    } else {
      found.push_back(entry.path().string());
    }
  }
  std::sort(found.begin(), found.end());
  std::sort(skipped.begin(), skipped.end());
  for (const std::string& file : skipped) {
    diagnostics.push_back(
        {InputDiagnostic::Level::kWarning, file, 0,
         StrCat("不支持的文件类型“", fs::path(file).extension().string(),
                "”；可读取 .docx .xlsx .csv .tsv .htm .html .txt"),
         "整个文件"});
  }
  if (found.empty()) {
    diagnostics.push_back(
        {InputDiagnostic::Level::kError, folder, 0,
         "文件夹中没有可读取的绩效目标表（.docx .xlsx .csv .tsv .htm .html "
         ".txt）",
         "整个文件夹"});
  }
  files.insert(files.end(), found.begin(), found.end());
}

}  // namespace

std::vector<std::string> ExpandInputs(
    const std::vector<std::string>& paths,
    std::vector<InputDiagnostic>& diagnostics) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      ExpandFolder(path, files, diagnostics);
    } else if (fs::exists(path, error)) {
      files.push_back(path);
    } else {
      diagnostics.push_back(
          {InputDiagnostic::Level::kError, path, 0, "路径不存在", "该路径"});
    }
  }
  return files;
}

}  // namespace jxaudit
