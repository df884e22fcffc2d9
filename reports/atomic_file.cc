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
#include <map>
#include <set>
#include <vector>

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

// Opens `path` (created or emptied), hands the producer's bytes to it and
// closes it. `sync`: fsync before closing.
absl::Status WriteProduced(const std::string& path, const std::string& name,
                           const ByteProducer& produce, bool sync) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    return absl::PermissionDeniedError(
        StrCat(name, ": 无法写入: ", WriteErrorText(errno)));
  }
  absl::Status status = produce(
      [&](std::string_view bytes) { return WriteAll(fd, name, bytes); });
  // fsync and close report a full disk too (delayed allocation).
  if (status.ok() && sync && fsync(fd) != 0) {
    status = absl::ResourceExhaustedError(
        StrCat(name, ": 写入失败: ", WriteErrorText(errno)));
  }
  if (close(fd) != 0 && status.ok()) {
    status = absl::ResourceExhaustedError(
        StrCat(name, ": 写入失败: ", WriteErrorText(errno)));
  }
  return status;
}

// Moves staged files over their targets. A staged folder whose target does
// not exist yet (corrections/ on a first run) moves whole, in one rename
// instead of one per file; the files of a folder that exists move one by
// one, over the earlier run's.
class FolderMoves {
 public:
  FolderMoves(const fs::path& staging, const fs::path& out)
      : staging_(staging), out_(out) {}

  absl::Status Move(const std::string& relative) {
    const fs::path file(relative);
    std::vector<fs::path> folders;  // the file's folders, outermost last
    for (fs::path p = file.parent_path(); !p.empty(); p = p.parent_path()) {
      if (moved_.contains(p)) return absl::OkStatus();  // moved with it
      folders.push_back(p);
    }
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
      if (!TargetExists(*it)) {
        moved_.insert(*it);
        return Rename(*it);
      }
    }
    return Rename(file);
  }

 private:
  bool TargetExists(const fs::path& folder) {
    auto [it, added] = exists_.try_emplace(folder, false);
    if (added) {
      std::error_code error;
      it->second = fs::exists(out_ / folder, error);
    }
    return it->second;
  }

  absl::Status Rename(const fs::path& relative) {
    const fs::path target = out_ / relative;
    if (std::rename((staging_ / relative).c_str(), target.c_str()) != 0) {
      return absl::InternalError(StrCat(
          target.string(), ": 无法改名为目标文件: ", WriteErrorText(errno)));
    }
    return absl::OkStatus();
  }

  fs::path staging_;
  fs::path out_;
  std::set<fs::path> moved_;
  std::map<fs::path, bool> exists_;
};

}  // namespace

absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view bytes) {
  return WriteAtomicallyWith(path, [&](const std::string& temp) {
    return WriteProduced(
        temp, path, [&](const ByteSink& sink) { return sink(bytes); },
        /*sync=*/true);
  });
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
  if (auto status = MakeFolder(path.parent_path()); !status.ok()) {
    return status;
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

// Staged files are written in place: the staging folder is what keeps a
// half-written report from being seen, and a temporary name and a rename
// for each of a province's 40,000 files cost more than writing them.
// Commit syncs them all at once.
absl::Status StagedReports::WriteStreamed(const std::string& relative,
                                          const ByteProducer& produce) {
  return WriteWith(relative, [&](const std::string& path) {
    return WriteProduced(path, path, produce, /*sync=*/false);
  });
}

// Each folder of the staging area is made once, not once per file in it.
absl::Status StagedReports::MakeFolder(const fs::path& folder) {
  {
    const std::lock_guard<std::mutex> lock(files_mutex_);
    if (folders_.contains(folder.string())) return absl::OkStatus();
  }
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    return absl::ResourceExhaustedError(StrCat(
        folder.string(), ": 无法创建文件夹: ", WriteErrorText(error.value())));
  }
  const std::lock_guard<std::mutex> lock(files_mutex_);
  folders_.insert(folder.string());
  return absl::OkStatus();
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
  FolderMoves moves(staging_, out_dir_);
  for (const std::string& relative : files_) {
    if (auto status = moves.Move(relative); !status.ok()) return status;
  }
  committed_ = true;
  std::error_code error;
  fs::remove_all(staging_, error);
  return absl::OkStatus();
}

}  // namespace jxaudit
