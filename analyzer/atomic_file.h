// Writes a report so that readers never see half of it: the bytes go to a
// temporary file in the same folder, which is then renamed over the target.
#ifndef JXAUDIT_ANALYZER_ATOMIC_FILE_H_
#define JXAUDIT_ANALYZER_ATOMIC_FILE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace jxaudit {

absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view bytes);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ATOMIC_FILE_H_
