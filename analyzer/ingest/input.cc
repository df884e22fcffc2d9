#include "analyzer/ingest/input.h"

#include <iconv.h>

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

absl::StatusOr<std::string> ConvertGb18030(const std::string& path,
                                           std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return absl::InternalError(StrCat(path, ": 系统不支持 GB18030 转换"));
  }
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  const size_t result = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (result == static_cast<size_t>(-1)) {
    return absl::InvalidArgumentError(StrCat(
        path, ": 既不是 UTF-8 也不是 GB18030/GBK 编码（第 ",
        bytes.size() - in_left, " 字节处无法解码）；请另存为 UTF-8 文本"));
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SourceBuffer>> DecodeSource(std::string path,
                                                           std::string bytes) {
  auto buffer = std::make_unique<SourceBuffer>();
  buffer->path = std::move(path);
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
  if (std::string_view(bytes).substr(0, 3) == kUtf8Bom) {
    bytes.erase(0, kUtf8Bom.size());
    buffer->encoding = "UTF-8 (BOM)";
  } else {
    buffer->encoding = "UTF-8";
  }
  // A UTF-8 file cut off inside its last character is still UTF-8: drop the
  // incomplete character rather than misread the whole file as GB18030.
  for (int tail = 1; tail <= 3 && !IsValidUtf8(bytes); ++tail) {
    const size_t keep = bytes.size() - std::min<size_t>(tail, bytes.size());
    if (static_cast<unsigned char>(bytes[keep]) >= 0xC0 &&
        IsValidUtf8(std::string_view(bytes).substr(0, keep))) {
      bytes.resize(keep);
      buffer->dropped_tail_bytes = tail;
    }
  }
  if (!IsValidUtf8(bytes)) {
    auto converted = ConvertGb18030(buffer->path, bytes);
    if (!converted.ok()) return converted.status();
    bytes = *std::move(converted);
    buffer->encoding = "GB18030";
  }
  if (bytes.find('\r') != std::string::npos) {
    bytes = absl::StrReplaceAll(bytes, {{"\r\n", "\n"}, {"\r", "\n"}});
  }
  buffer->text = std::move(bytes);
  return buffer;
}

absl::StatusOr<std::unique_ptr<SourceBuffer>> LoadSource(
    const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    return absl::NotFoundError(StrCat(path, ": 文件不存在"));
  }
  if (fs::is_directory(path, error)) {
    return absl::InvalidArgumentError(StrCat(path, ": 是文件夹，不是文件"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::PermissionDeniedError(StrCat(path, ": 无法读取"));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return DecodeSource(path, std::move(bytes).str());
}

std::vector<std::string> ExpandInputs(
    const std::vector<std::string>& paths,
    std::vector<InputDiagnostic>& diagnostics) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") {
          found.push_back(entry.path().string());
        }
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        diagnostics.push_back({InputDiagnostic::Level::kError, path, 0,
                               "文件夹中没有 .txt 文本导出文件", "整个文件夹"});
      }
      files.insert(files.end(), found.begin(), found.end());
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
