#include "reports/xlsx_common.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "analyzer/strings.h"

namespace jxaudit {

absl::Status WriteWorkbookAtomically(
    const std::string& path, const std::string& title,
    const std::function<void(lxw_workbook*)>& fill) {
  std::string temp = StrCat(path, ".tmp-XXXXXX");
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    return absl::PermissionDeniedError(
        StrCat(path, ": 无法创建临时文件: ", std::strerror(errno)));
  }
  close(fd);
  lxw_workbook* book = workbook_new(temp.c_str());
  if (book == nullptr) {
    unlink(temp.c_str());
    return absl::InternalError(StrCat(path, ": 无法创建工作簿"));
  }
  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>(title.c_str());
  properties.author = const_cast<char*>("jxaudit");
  properties.comments = const_cast<char*>("由 jxaudit 根据绩效目标表自动生成");
  workbook_set_properties(book, &properties);
  fill(book);
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    unlink(temp.c_str());
    return absl::InternalError(
        StrCat(path, ": 写入失败: ", lxw_strerror(error)));
  }
  chmod(temp.c_str(), 0644);
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    unlink(temp.c_str());
    return absl::InternalError(
        StrCat(path, ": 无法改名为目标文件: ", std::strerror(saved)));
  }
  return absl::OkStatus();
}

double DisplayWidth(std::string_view text) {
  double width = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = text[i];
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width;
}

int LinesFor(std::string_view text, double width) {
  int lines = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const double w = DisplayWidth(text.substr(start, end - start));
    lines += std::max(
        1, static_cast<int>(std::ceil(w / std::max(1.0, width - 1.5))));
    start = end + 1;
  }
  return lines;
}

}  // namespace jxaudit
