// Writes a report so that readers never see half of it: the bytes go to a
// temporary file in the same folder, which is then renamed over the target.
#ifndef JXAUDIT_REPORTS_ATOMIC_FILE_H_
#define JXAUDIT_REPORTS_ATOMIC_FILE_H_

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace jxaudit {

absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view bytes);

// The same for writers that want a file name (e.g. libxlsxwriter): `write`
// fills the temporary file named `temp_path` (created empty, beside `path`);
// when it succeeds the file is renamed over `path`, otherwise removed.
absl::Status WriteAtomicallyWith(
    const std::string& path,
    const std::function<absl::Status(const std::string& temp_path)>& write);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_ATOMIC_FILE_H_
