#include "reports/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_replace.h"
#include "analyzer/model/strings.h"

namespace jxaudit {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStagingPrefix = ".jxaudit-staging-";

volatile std::sig_atomic_t g_signal = 0;

extern "C" void NoteSignal(int signal) { g_signal = signal; }

constexpr int kGuardedSignals[] = {SIGINT, SIGTERM};

// Staging folders whose run is gone (killed, or the machine stopped): the
// pid in their name no longer names a process.
void RemoveDeadStaging(const fs::path& out) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(out, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kStagingPrefix)) continue;
    const long pid =
        std::strtol(name.c_str() + kStagingPrefix.size(), nullptr, 10);
    if (pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      fs::remove_all(entry.path(), error);
    }
  }
}

}  // namespace

std::string WriteErrorText(int error) {
  switch (error) {
    case ENOSPC:
    case EDQUOT:
      return StrCat("磁盘空间不足（", std::strerror(error), "）");
    case EFBIG:
      return StrCat("超出文件大小限制（", std::strerror(error), "）");
    case EACCES:
    case EPERM:
    case EROFS:
      return StrCat("没有写入权限（", std::strerror(error), "）");
    default:
      return std::strerror(error);
  }
}

absl::Status WriteAtomicallyWith(
    const std::string& path,
    const std::function<absl::Status(const std::string& temp_path)>& write) {
  const fs::path target(path);
  std::error_code error;
  if (target.has_parent_path())
    fs::create_directories(target.parent_path(), error);
  std::string temp = StrCat(path, ".tmp-XXXXXX");
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    return absl::PermissionDeniedError(
        StrCat(path, ": 无法创建临时文件: ", WriteErrorText(errno)));
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
        StrCat(path, ": 无法改名为目标文件: ", WriteErrorText(saved)));
  }
  return absl::OkStatus();
}

namespace {

absl::Status WriteAll(int fd, const std::string& path, std::string_view bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n =
        ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return absl::ResourceExhaustedError(
          StrCat(path, ": 写入失败: ", WriteErrorText(errno)));
    }
    written += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

// `sync`: fsync before the rename. StagedReports leaves it to one syncfs of
// the staging folder at Commit (an fsync each costs about as much as
// writing a correction list).
absl::Status WriteStreamedFile(const std::string& path,
                               const ByteProducer& produce, bool sync) {
  return WriteAtomicallyWith(path, [&](const std::string& temp) {
    const int fd = open(temp.c_str(), O_WRONLY | O_TRUNC);
    if (fd < 0) {
      return absl::PermissionDeniedError(
          StrCat(path, ": 无法写入临时文件: ", WriteErrorText(errno)));
    }
    absl::Status status = produce(
        [&](std::string_view bytes) { return WriteAll(fd, path, bytes); });
    // fsync and close report a full disk too (delayed allocation).
    if (status.ok() && sync && fsync(fd) != 0) {
      status = absl::ResourceExhaustedError(
          StrCat(path, ": 写入失败: ", WriteErrorText(errno)));
    }
    if (close(fd) != 0 && status.ok()) {
      status = absl::ResourceExhaustedError(
          StrCat(path, ": 写入失败: ", WriteErrorText(errno)));
    }
    return status;
  });
}

}  // namespace

absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view bytes) {
  return WriteStreamedFile(
      path, [&](const ByteSink& sink) { return sink(bytes); }, /*sync=*/true);
}

struct InterruptGuard::Saved {
  struct sigaction old[std::size(kGuardedSignals)];
};

InterruptGuard::InterruptGuard() : saved_(std::make_unique<Saved>()) {
  g_signal = 0;
  struct sigaction action = {};
  action.sa_handler = NoteSignal;
  sigemptyset(&action.sa_mask);
  for (size_t i = 0; i < std::size(kGuardedSignals); ++i) {
    sigaction(kGuardedSignals[i], &action, &saved_->old[i]);
  }
}

InterruptGuard::~InterruptGuard() {
  for (size_t i = 0; i < std::size(kGuardedSignals); ++i) {
    sigaction(kGuardedSignals[i], &saved_->old[i], nullptr);
  }
}

int InterruptGuard::Signal() { return g_signal; }

void InterruptGuard::Reraise() {
  const int signal = g_signal;
  if (signal == 0) return;
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

StagedReports::StagedReports(std::string out_dir, std::string staging)
    : out_dir_(std::move(out_dir)), staging_(std::move(staging)) {}

StagedReports::~StagedReports() {
  if (committed_) return;
  std::error_code error;
  fs::remove_all(staging_, error);
}

absl::StatusOr<std::unique_ptr<StagedReports>> StagedReports::Begin(
    const std::string& out_dir) {
  std::error_code error;
  fs::create_directories(out_dir, error);
  if (error) {
    return absl::PermissionDeniedError(
        StrCat(out_dir, ": 无法创建文件夹: ", WriteErrorText(error.value())));
  }
  RemoveDeadStaging(out_dir);
  std::string staging =
      (fs::path(out_dir) / StrCat(kStagingPrefix, getpid(), "-XXXXXX"))
          .string();
  if (mkdtemp(staging.data()) == nullptr) {
    return absl::PermissionDeniedError(
        StrCat(out_dir, ": 无法创建临时文件夹: ", WriteErrorText(errno)));
  }
  return std::unique_ptr<StagedReports>(
      new StagedReports(out_dir, std::move(staging)));
}

absl::Status StagedReports::Interrupted() const {
  const int signal = InterruptGuard::Signal();
  if (signal == 0) return absl::OkStatus();
  return absl::CancelledError(
      StrCat("已中断（", signal == SIGINT ? "SIGINT" : "SIGTERM",
             "）：本次的报告没有写入，", out_dir_, " 中此前的报告保持原样"));
}

absl::Status StagedReports::WriteWith(
    const std::string& relative,
    const std::function<absl::Status(const std::string& path)>& write) {
  if (auto status = Interrupted(); !status.ok()) return status;
  const fs::path path = fs::path(staging_) / relative;
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  if (error) {
    return absl::ResourceExhaustedError(
        StrCat(path.parent_path().string(),
               ": 无法创建文件夹: ", WriteErrorText(error.value())));
  }
  if (auto status = write(path.string()); !status.ok()) {
    // Name the report, not its staged copy, and say what became of the
    // folder.
    return absl::Status(
        status.code(),
        StrCat(absl::StrReplaceAll(status.message(), {{staging_, out_dir_}}),
               "；本次的报告没有写入，", out_dir_, " 中此前的报告保持原样"));
  }
  const std::lock_guard<std::mutex> lock(files_mutex_);
  files_.push_back(relative);
  return absl::OkStatus();
}

absl::Status StagedReports::Write(const std::string& relative,
                                  std::string_view bytes) {
  return WriteStreamed(relative,
                       [&](const ByteSink& sink) { return sink(bytes); });
}

absl::Status StagedReports::WriteStreamed(const std::string& relative,
                                          const ByteProducer& produce) {
  return WriteWith(relative, [&](const std::string& path) {
    return WriteStreamedFile(path, produce, /*sync=*/false);
  });
}

// One syncfs for every staged file: a full disk or an I/O error shows
// here, before any earlier report is replaced.
absl::Status StagedReports::Sync() const {
  const int fd = open(staging_.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) {
    return absl::InternalError(
        StrCat(out_dir_, ": 无法打开临时文件夹: ", WriteErrorText(errno)));
  }
  const int result = syncfs(fd);
  const int saved = errno;
  close(fd);
  if (result == 0) return absl::OkStatus();
  return absl::ResourceExhaustedError(
      StrCat(out_dir_, ": 写入失败: ", WriteErrorText(saved),
             "；本次的报告没有写入，", out_dir_, " 中此前的报告保持原样"));
}

absl::Status StagedReports::Commit() {
  if (auto status = Interrupted(); !status.ok()) return status;
  if (auto status = Sync(); !status.ok()) return status;
  // From here on a signal is only noted: the renames are quick, and
  // finishing them keeps the folder one run's reports.
  for (const std::string& relative : files_) {
    const fs::path target = fs::path(out_dir_) / relative;
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    const std::string from = (fs::path(staging_) / relative).string();
    if (std::rename(from.c_str(), target.c_str()) != 0) {
      return absl::InternalError(StrCat(
          target.string(), ": 无法改名为目标文件: ", WriteErrorText(errno)));
    }
  }
  committed_ = true;
  std::error_code error;
  fs::remove_all(staging_, error);
  return absl::OkStatus();
}

}  // namespace jxaudit
