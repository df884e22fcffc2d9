#include "reports/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "analyzer/model/strings.h"

namespace jxaudit {

absl::Status WriteAtomicallyWith(
    const std::string& path,
    const std::function<absl::Status(const std::string& temp_path)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code error;
  if (target.has_parent_path())
    fs::create_directories(target.parent_path(), error);
  std::string temp = StrCat(path, ".tmp-XXXXXX");
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    return absl::PermissionDeniedError(
        StrCat(path, ": 无法创建临时文件: ", std::strerror(errno)));
  }
  close(fd);
  if (absl::Status status = write(temp); !status.ok()) {
    unlink(temp.c_str());
    return status;
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

absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view bytes) {
  return WriteAtomicallyWith(path, [&](const std::string& temp) {
    const int fd = open(temp.c_str(), O_WRONLY | O_TRUNC);
    if (fd < 0) {
      return absl::PermissionDeniedError(
          StrCat(path, ": 无法写入临时文件: ", std::strerror(errno)));
    }
    size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n =
          ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n < 0) {
        const int saved = errno;
        close(fd);
        return absl::InternalError(
            StrCat(path, ": 写入失败: ", std::strerror(saved)));
      }
      written += static_cast<size_t>(n);
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
      return absl::InternalError(StrCat(path, ": 写入失败"));
    }
    return absl::OkStatus();
  });
}

}  // namespace jxaudit
