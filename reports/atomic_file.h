// Writes reports so that readers never see half of one, and so that an
// interrupted or failed run leaves the previous reports as they were:
// single files go to a temporary file beside the target, renamed over it;
// a set of reports (StagedReports) goes into a staging folder inside the
// output folder and is moved into place only when every file is written.
#ifndef JXAUDIT_REPORTS_ATOMIC_FILE_H_
#define JXAUDIT_REPORTS_ATOMIC_FILE_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace jxaudit {

absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view bytes);

// A report too large to hold whole (a province's findings.json) is written
// as it is produced: the producer hands its pieces, in order, to the sink
// (StagedReports::WriteStreamed).
using ByteSink = std::function<absl::Status(std::string_view bytes)>;
using ByteProducer = std::function<absl::Status(const ByteSink& sink)>;

// The same for writers that want a file name (e.g. libxlsxwriter): `write`
// fills the temporary file named `temp_path` (created empty, beside `path`);
// when it succeeds the file is renamed over `path`, otherwise removed.
absl::Status WriteAtomicallyWith(
    const std::string& path,
    const std::function<absl::Status(const std::string& temp_path)>& write);

// While one exists, SIGINT and SIGTERM do not end the process: they are
// noted, and StagedReports stops at its next file, removes what it staged
// and returns a Cancelled status. The destructor restores the previous
// handlers; Reraise() then ends the process by the noted signal, as the
// user asked, once the caller has cleaned up.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  static int Signal();  // the signal noted, 0 if none
  static void Reraise();

 private:
  struct Saved;
  std::unique_ptr<Saved> saved_;
};

// A set of reports written together into `out_dir`. Files are written into
// a staging folder (`out_dir/.jxaudit-staging-<pid>-XXXXXX`) and moved over
// their targets by Commit: one rename per file, or per folder that is new.
// Until then the folder's earlier reports are untouched; on an error, an
// interruption or destruction without Commit the staging folder is removed.
// Staging folders of runs that were killed (their process is gone) are removed
// by Begin.
class StagedReports {
 public:
  static absl::StatusOr<std::unique_ptr<StagedReports>> Begin(
      const std::string& out_dir);
  ~StagedReports();
  StagedReports(const StagedReports&) = delete;
  StagedReports& operator=(const StagedReports&) = delete;

  // Writes `relative` (e.g. "corrections/u0001.md") into the staging folder.
  // Safe to call from several threads at once. Files are not synced one by
  // one: Commit syncs the staging folder's file system once.
  absl::Status Write(const std::string& relative, std::string_view bytes);
  absl::Status WriteStreamed(const std::string& relative,
                             const ByteProducer& produce);
  // The same for writers that want a file name.
  absl::Status WriteWith(
      const std::string& relative,
      const std::function<absl::Status(const std::string& path)>& write);
  // Moves every staged file over its target and removes the staging folder.
  absl::Status Commit();

 private:
  StagedReports(std::string out_dir, std::string staging);
  absl::Status Interrupted() const;
  absl::Status Sync() const;
  absl::Status MakeFolder(const std::filesystem::path& folder);
  std::string out_dir_;
  std::string staging_;
  std::mutex files_mutex_;  // Write* may be called from several threads
  std::vector<std::string> files_;
  std::set<std::string> folders_;  // made in the staging folder
  bool committed_ = false;
};

// A Chinese explanation of a write error (errno), naming a full disk and a
// file-size limit so that the user knows what to free.
std::string WriteErrorText(int error);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_ATOMIC_FILE_H_
