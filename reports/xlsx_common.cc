#include "reports/xlsx_common.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <string>
#include <system_error>

#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

// libxlsxwriter 1.1.4 writes a workbook's creation time with gmtime(),
// whose result is one static buffer: two threads writing correction lists
// at once shared it (ThreadSanitizer reported the race, and a workbook
// could get a time mixed from two). This definition takes the C library's
// place for the whole program, as an allocator's malloc does: the same
// result, in a buffer of the calling thread's own, which POSIX allows.
extern "C" struct tm* gmtime(const time_t* timer) noexcept {
  thread_local struct tm result;
  return gmtime_r(timer, &result);
}

namespace jxaudit {

// libxlsxwriter packages every part of a workbook through a temporary file
// (ten or so per workbook). In /tmp on ext4, a province's 20,000 correction
// lists meant 200,000 files created and deleted in one folder, and each
// create scanned the inode bitmaps for recently deleted inodes
// (find_inode_bit: 14% of an --out run's CPU). A tmpfs has no inode
// bitmaps; the files are small and deleted at once. Without a writable
// /dev/shm the library's default applies.
char* WorkbookTempFolder() {
  static std::string folder = [] {
    std::error_code error;
    return std::filesystem::is_directory("/dev/shm", error) &&
                   access("/dev/shm", W_OK | X_OK) == 0
               ? std::string("/dev/shm")
               : std::string();
  }();
  return folder.empty() ? nullptr : folder.data();
}

absl::Status WriteWorkbookFile(const std::string& path,
                               const std::string& title,
                               const std::function<void(lxw_workbook*)>& fill) {
  lxw_workbook_options options = {};
  options.tmpdir = WorkbookTempFolder();
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (book == nullptr) {
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
    return absl::InternalError(
        StrCat(path, ": 写入失败: ", lxw_strerror(error)));
  }
  return absl::OkStatus();
}

double DisplayWidth(std::string_view text) {
  double width = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t len = Utf8SequenceLength(text[i]);
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

lxw_format* XlsxBaseFormat(lxw_workbook* book, double size) {
  lxw_format* format = workbook_add_format(book);
  format_set_font_name(format, kXlsxFont);
  format_set_font_size(format, size);
  return format;
}

lxw_format* XlsxCellFormat(lxw_workbook* book) {
  lxw_format* format = XlsxBaseFormat(book);
  format_set_text_wrap(format);
  format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(format, LXW_BORDER_THIN);
  format_set_border_color(format, 0xBFBFBF);
  return format;
}

XlsxBasicFormats MakeBasicFormats(lxw_workbook* book) {
  XlsxBasicFormats f;
  f.title = XlsxBaseFormat(book, 15);
  format_set_bold(f.title);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.note = XlsxBaseFormat(book);
  format_set_text_wrap(f.note);
  format_set_align(f.note, LXW_ALIGN_VERTICAL_CENTER);
  f.header = XlsxCellFormat(book);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xD9E1F2);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.cell = XlsxCellFormat(book);
  f.center = XlsxCellFormat(book);
  format_set_align(f.center, LXW_ALIGN_CENTER);
  f.number = XlsxCellFormat(book);
  format_set_num_format(f.number, "0.0");
  return f;
}

}  // namespace jxaudit
