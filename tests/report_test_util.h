// Shared by the report tests: runs the jxaudit binary once per test suite
// on the real corpus with --out, and reads back what it wrote.
#ifndef JXAUDIT_TESTS_REPORT_TEST_UTIL_H_
#define JXAUDIT_TESTS_REPORT_TEST_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace jxaudit::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command; returns its exit code and stdout (stderr is left to
// the command line to redirect).
inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> chunk;
  size_t n = 0;
  while ((n = fread(chunk.data(), 1, chunk.size(), pipe)) > 0) {
    result.out.append(chunk.data(), n);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string CorpusPath() {
  return SourcePath("fixtures/corpus/junshan-2024.txt");
}

// A fresh folder under the temp dir, named after the test binary and pid.
inline std::filesystem::path FreshDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("jxaudit-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

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

inline nlohmann::json ReadJson(const std::filesystem::path& path) {
  return nlohmann::json::parse(ReadFile(path));
}

}  // namespace jxaudit::testing

#endif  // JXAUDIT_TESTS_REPORT_TEST_UTIL_H_
