// The one thread pool of a run: every parallel stage (reading the rows,
// per-unit rules, the shared analyses, duplication) goes through ParallelFor,
// so that --threads bounds all of them.
#ifndef JXAUDIT_ANALYZER_MODEL_PARALLEL_H_
#define JXAUDIT_ANALYZER_MODEL_PARALLEL_H_

#include <functional>

namespace jxaudit {

// `requested` when positive, else the machine's hardware concurrency (at
// least 1).
int ResolveThreads(int requested);

// Calls fn(slot, i) for every i in [0, n), on at most `threads` threads
// (0: hardware concurrency) and never more than n, fewer while other work
// of the run (RunSideBySide) holds some of them. Indices are handed out
// one at a time; `slot` in [0, threads) names the calling thread, so a
// caller can keep one accumulator per slot without locks. Returns when all
// calls have returned.
void ParallelForSlots(int n, int threads,
                      const std::function<void(int slot, int i)>& fn);

// ParallelForSlots without the slot.
void ParallelFor(int n, int threads, const std::function<void(int i)>& fn);

// How many slots ParallelForSlots(n, threads, …) uses.
int SlotCount(int n, int threads);

// Runs `first` and `second` at the same time, `second` on a thread of its
// own when the budget of `threads` allows, else one after the other. The
// ParallelFor calls inside them share the budget: together they never run
// on more than `threads` threads, and a stage whose other side is idle (a
// serial step) lends it the cores. Returns when both have returned.
void RunSideBySide(int threads, const std::function<void()>& first,
                   const std::function<void()>& second);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_PARALLEL_H_
