// JSON reports too large to build whole (a province's findings.json holds
// hundreds of thousands of findings): the document is a small skeleton with
// placeholders where its big arrays go, and each array's elements are
// rendered in parallel, a chunk at a time, and written in order. The bytes
// are exactly skeleton-with-arrays.dump(2) + "\n".
#ifndef JXAUDIT_REPORTS_JSON_STREAM_H_
#define JXAUDIT_REPORTS_JSON_STREAM_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "reports/atomic_file.h"

namespace jxaudit {

struct StreamedArray {
  int size = 0;
  std::function<nlohmann::json(int i)> element;  // called from any thread
};

// Calls render(i, out) for i in [0, n) on `threads` threads, a chunk of
// items per task, each appending item i's text to the chunk's `out`; hands
// the chunks to `sink` in order. Holds a few chunks at a time, never the
// whole text. (Also for findings.csv.)
absl::Status WriteRendered(
    int n, int threads,
    const std::function<void(int i, std::string& out)>& render,
    const ByteSink& sink);

// The placeholder for `arrays[index]` in a skeleton.
nlohmann::json ArraySlot(int index);

// Writes `skeleton` with each ArraySlot(i) replaced by the array of
// arrays[i].element(0 .. size-1), rendered on `threads` threads (0: all
// cores).
absl::Status WriteStreamedJson(const nlohmann::json& skeleton,
                               const std::vector<StreamedArray>& arrays,
                               int threads, const ByteSink& sink);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_JSON_STREAM_H_
