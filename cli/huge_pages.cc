#include "cli/huge_pages.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>

#if defined(JXAUDIT_WITH_TCMALLOC)
#include <gperftools/malloc_extension.h>
#endif

namespace jxaudit {

#if defined(JXAUDIT_WITH_TCMALLOC)
namespace {

constexpr size_t kHugePage = size_t{2} << 20;
// Memory is reserved this much at a time; only what tcmalloc uses is ever
// touched, so an unused tail costs address space, not memory.
constexpr size_t kRegion = size_t{256} << 20;

size_t RoundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }

// Bytes from `at` to the next multiple of `alignment`.
size_t Padding(const char* at, size_t alignment) {
  const size_t offset = reinterpret_cast<uintptr_t>(at) % alignment;
  return offset == 0 ? 0 : alignment - offset;
}

class HugePageAllocator : public SysAllocator {
 public:
  explicit HugePageAllocator(SysAllocator* fallback) : fallback_(fallback) {}

  void* Alloc(size_t size, size_t* actual_size, size_t alignment) override {
    const std::lock_guard<std::mutex> lock(mutex_);
    alignment = std::max<size_t>(alignment, 1);
    if (next_ == nullptr ||
        static_cast<size_t>(end_ - next_) < Padding(next_, alignment) + size) {
      if (!Reserve(size + alignment)) {
        return fallback_->Alloc(size, actual_size, alignment);
      }
    }
    char* at = next_ + Padding(next_, alignment);
    next_ = at + size;
    if (actual_size != nullptr) *actual_size = size;
    return at;
  }

 private:
  // Maps a new region of at least `size` bytes, 2 MB-aligned, marked for
  // huge pages. What is left of the previous region stays unused.
  bool Reserve(size_t size) {
    const size_t length = RoundUp(std::max(size, kRegion), kHugePage);
    void* raw = mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) return false;
    char* begin = static_cast<char*>(raw);
    begin += Padding(begin, kHugePage);
    madvise(begin, length, MADV_HUGEPAGE);
    next_ = begin;
    end_ = begin + length;
    return true;
  }

  SysAllocator* fallback_;
  std::mutex mutex_;
  char* next_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace

void UseHugePages() {
  const char* setting = std::getenv("JXAUDIT_HUGE_PAGES");
  if (setting != nullptr && std::strcmp(setting, "0") == 0) return;
  MallocExtension* malloc = MallocExtension::instance();
  // Allocated once and never freed: tcmalloc keeps using it until exit.
  static auto* allocator = new HugePageAllocator(malloc->GetSystemAllocator());
  malloc->SetSystemAllocator(allocator);
}
#else
void UseHugePages() {}
#endif

}  // namespace jxaudit
