// Shared by the report tests: runs the jxaudit binary once per test suite
// on the real corpus with --out, and reads back what it wrote.
#ifndef JXAUDIT_TESTS_REPORT_TEST_UTIL_H_
#define JXAUDIT_TESTS_REPORT_TEST_UTIL_H_

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace jxaudit::testing {

// `jxaudit check <corpus> --out <dir>/out --fail-on never`; stdout and
// stderr are kept in <dir>/stdout.txt and <dir>/stderr.txt.
inline int WriteCorpusReports(const std::filesystem::path& dir,
                              const std::string& extra = "") {
  const std::string command =
      std::string(JXAUDIT_BINARY) + " check " + CorpusPath() + " --out " +
      (dir / "out").string() + " --fail-on never " + extra + " >" +
      (dir / "stdout.txt").string() + " 2>" + (dir / "stderr.txt").string();
  return RunCommand(command).exit_code;
}

// One run of WriteCorpusReports in FreshDir(name), for a test suite to
// share: its folder, exit code and findings.json. The folder goes with it.
// `before` may put files into the fresh folder before the run.
struct CorpusReports {
  explicit CorpusReports(
      const std::string& name,
      const std::function<void(const std::filesystem::path&)>& before = {})
      : dir(FreshDir(name)) {
    if (before) before(dir);
    exit_code = WriteCorpusReports(dir);
    if (std::filesystem::exists(Out("findings.json"))) {
      report = ReadJson(Out("findings.json"));
    }
  }
  ~CorpusReports() { std::filesystem::remove_all(dir); }

  std::filesystem::path Out(const std::string& name) const {
    return dir / "out" / name;
  }

  std::filesystem::path dir;
  int exit_code = -1;
  nlohmann::json report;  // findings.json
};

// A workbook's sheets and cells as JSON (tests/report_read_xlsx.py, which
// needs python3-openpyxl).
inline nlohmann::json ReadWorkbook(const std::filesystem::path& path) {
  const CommandResult r =
      RunCommand("/usr/bin/python3 " + SourcePath("tests/report_read_xlsx.py") +
                 " '" + path.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  return nlohmann::json::parse(r.out);
}

// Validates a SARIF file against the 2.1.0 schema
// (tests/report_validate_sarif.py); exit code 3 or 127 means
// python3-jsonschema is missing.
inline CommandResult ValidateSarif(const std::filesystem::path& path) {
  return RunCommand("/usr/bin/python3 " +
                    SourcePath("tests/report_validate_sarif.py") + " " +
                    SourcePath("reports/sarif-2.1.0.schema.json") + " " +
                    path.string() + " 2>&1");
}

}  // namespace jxaudit::testing

#endif  // JXAUDIT_TESTS_REPORT_TEST_UTIL_H_
