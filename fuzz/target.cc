// One libFuzzer target: JXAUDIT_FUZZ_ENTRY names the entry point in
// fuzz/entry_points.h (fuzz/CMakeLists.txt builds one binary per entry).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/entry_points.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  jxaudit::fuzz::JXAUDIT_FUZZ_ENTRY(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
