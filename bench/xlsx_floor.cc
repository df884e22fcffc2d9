// The floor of a province's correction lists: how long libxlsxwriter takes
// to make N workbooks of one cell each, on `threads` threads, with the
// allocator and huge pages jxaudit uses and its temporary folder
// (WorkbookTempFolder: /dev/shm). README "Province scale" compares it with
// jxaudit's --out.
//
//   build/bench/xlsx_floor N OUT_DIR [THREADS]
//
// OUT_DIR must not exist; the workbooks go into 40 sub-folders of it, as a
// province's lists go into their counties' folders.
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include "analyzer/model/parallel.h"
#include "cli/huge_pages.h"
#include "reports/xlsx_common.h"

int main(int argc, char** argv) {
  jxaudit::UseHugePages();
  if (argc < 3) {
    std::fprintf(stderr, "usage: xlsx_floor N OUT_DIR [THREADS]\n");
    return 2;
  }
  const int n = std::stoi(argv[1]);
  const std::filesystem::path out = argv[2];
  const int threads = argc > 3 ? std::stoi(argv[3]) : 2;
  std::error_code error;
  if (std::filesystem::exists(out, error)) {
    std::fprintf(stderr, "%s exists; give a new folder\n", argv[2]);
    return 2;
  }
  constexpr int kFolders = 40;
  for (int f = 0; f < kFolders; ++f) {
    std::filesystem::create_directories(out / std::to_string(f), error);
  }
  const auto start = std::chrono::steady_clock::now();
  jxaudit::ParallelFor(n, threads, [&](int i) {
    const std::string path = (out / std::to_string(i % kFolders) /
                              ("u" + std::to_string(i) + ".xlsx"))
                                 .string();
    lxw_workbook_options options = {};
    options.tmpdir = jxaudit::WorkbookTempFolder();
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
    worksheet_write_string(sheet, 0, 0, "修改清单", nullptr);
    workbook_close(book);
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf("%d one-cell workbooks on %d threads: %.2f s (%.2f ms each)\n", n,
              threads, seconds, 1000 * seconds / n);
  return 0;
}
