// Transparent huge pages for the heap (README "Province scale").
//
// On the virtual machines jxaudit was measured on, the first touch of a
// fresh 4 KB page costs about 14 µs: a 20,000-unit run touches over a
// gigabyte, and page faults were a fifth of its CPU time. With 2 MB pages
// the same memory is faulted 512 times less often. tcmalloc takes its
// memory from a pluggable system allocator; this one hands it out of
// 2 MB-aligned regions marked MADV_HUGEPAGE, so that the kernel backs them
// with huge pages where its THP setting allows ("madvise" or "always").
#ifndef JXAUDIT_CLI_HUGE_PAGES_H_
#define JXAUDIT_CLI_HUGE_PAGES_H_

namespace jxaudit {

// Routes tcmalloc's requests for memory through the huge-page allocator.
// Call once, first thing in main. Without tcmalloc (the sanitized build)
// or with JXAUDIT_HUGE_PAGES=0 in the environment it does nothing.
void UseHugePages();

}  // namespace jxaudit

#endif  // JXAUDIT_CLI_HUGE_PAGES_H_
