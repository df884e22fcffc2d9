#include "analyzer/model/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace jxaudit {

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

int SlotCount(int n, int threads) {
  return std::max(1, std::min(ResolveThreads(threads), n));
}

void ParallelForSlots(int n, int threads,
                      const std::function<void(int slot, int i)>& fn) {
  const int slots = SlotCount(n, threads);
  if (slots == 1) {
    for (int i = 0; i < n; ++i) fn(0, i);
    return;
  }
  std::atomic<int> next{0};
  auto work = [&](int slot) {
    for (int i = next++; i < n; i = next++) fn(slot, i);
  };
  std::vector<std::jthread> pool;
  for (int slot = 1; slot < slots; ++slot) pool.emplace_back(work, slot);
  work(0);
}  // the jthreads join here

void ParallelFor(int n, int threads, const std::function<void(int i)>& fn) {
  ParallelForSlots(n, threads, [&](int /*slot*/, int i) { fn(i); });
}

}  // namespace jxaudit
