#include "analyzer/model/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace jxaudit {
namespace {

// Threads working for the run beside the one that started it: the helpers
// of every ParallelFor and the second lane of RunSideBySide. A ParallelFor
// started while the other lane keeps the cores busy runs on its caller and
// takes helpers once they are free, so that two stages side by side never
// use more than --threads threads between them.
std::atomic<int> g_extra_threads{0};

bool TryTakeThread(int threads) {
  int extra = g_extra_threads.load();
  while (extra + 1 < threads) {
    if (g_extra_threads.compare_exchange_weak(extra, extra + 1)) return true;
  }
  return false;
}

void ReturnThread() { --g_extra_threads; }

}  // namespace

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
  const int budget = ResolveThreads(threads);
  std::atomic<int> next{0};
  auto work = [&](int slot) {
    for (int i = next++; i < n; i = next++) fn(slot, i);
  };
  auto helper = [&](int slot) {
    work(slot);
    ReturnThread();
  };
  std::vector<std::jthread> pool;
  auto take_helpers = [&] {
    while (static_cast<int>(pool.size()) + 1 < slots && next.load() < n &&
           TryTakeThread(budget)) {
      pool.emplace_back(helper, static_cast<int>(pool.size()) + 1);
    }
  };
  take_helpers();
  // The caller works too, and between items takes any thread another stage
  // has given back since.
  for (int i = next++; i < n; i = next++) {
    fn(0, i);
    if (static_cast<int>(pool.size()) + 1 < slots) take_helpers();
  }
}  // the jthreads join here

void ParallelFor(int n, int threads, const std::function<void(int i)>& fn) {
  ParallelForSlots(n, threads, [&](int /*slot*/, int i) { fn(i); });
}

void RunSideBySide(int threads, const std::function<void()>& first,
                   const std::function<void()>& second) {
  if (!TryTakeThread(ResolveThreads(threads))) {
    first();
    second();
    return;
  }
  // Whichever side finishes first gives the thread back, so that the other
  // side's ParallelFor calls can take it while this one waits or returns.
  std::atomic<bool> one_done{false};
  auto finish = [&] {
    if (!one_done.exchange(true)) ReturnThread();
  };
  std::jthread lane([&] {
    second();
    finish();
  });
  first();
  finish();
}  // the lane joins here

}  // namespace jxaudit
