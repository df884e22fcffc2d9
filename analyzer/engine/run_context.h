// One run of the rules: the corpus, the configuration, the run's settings
// (target year, thread count) and the analyses several rules share, each
// computed once, on first use, for this run only.
#ifndef JXAUDIT_ANALYZER_ENGINE_RUN_CONTEXT_H_
#define JXAUDIT_ANALYZER_ENGINE_RUN_CONTEXT_H_

#include <map>
#include <memory>
#include <mutex>
#include <typeindex>

#include "analyzer/config/config.h"
#include "analyzer/model/model.h"

namespace jxaudit {

struct RunOptions {
  int target_year = 0;  // 0: the year most titles state
  int threads = 0;      // 0: hardware concurrency; bounds every stage
};

// The review's target year: `requested` when positive, else the year most
// titles state (0 when none does).
int ResolveTargetYear(const Corpus& corpus, int requested);

class RunContext {
 public:
  RunContext(const Corpus& corpus, const Config& config,
             const RunOptions& options);
  RunContext(const RunContext&) = delete;
  RunContext& operator=(const RunContext&) = delete;

  const Corpus& corpus() const { return corpus_; }
  const Config& config() const { return config_; }
  int target_year() const { return target_year_; }
  // Threads every parallel stage of this run may use (at least 1).
  int threads() const { return threads_; }

  // The run's analysis of type T, built as T(run) the first time any rule
  // asks for it and shared by every rule after that. T's constructor may use
  // ParallelFor with threads() and may itself ask for other analyses.
  template <typename T>
  const T& Shared() const {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    std::shared_ptr<const void>& slot = shared_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<const T>(*this);
    return *static_cast<const T*>(slot.get());
  }

  // Frees the shared analyses once no rule will ask for them again (the
  // corpus-wide rules are done): copy detection's index is half a gigabyte
  // at 20,000 units. A later Shared() would build its analysis again.
  void ReleaseShared() const {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    shared_.clear();
  }

 private:
  const Corpus& corpus_;
  const Config& config_;
  int target_year_ = 0;
  int threads_ = 1;
  mutable std::recursive_mutex mutex_;
  mutable std::map<std::type_index, std::shared_ptr<const void>> shared_;
};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ENGINE_RUN_CONTEXT_H_
