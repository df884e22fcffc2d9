// Shared helpers for the tests: the default configuration, corpora read
// from files or from text held in the test, temporary folders, files read
// back, and the jxaudit binary run with its output captured.
#ifndef JXAUDIT_TESTS_TEST_UTIL_H_
#define JXAUDIT_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "analyzer/config/default_config.h"
#include "analyzer/engine/engine.h"
#include "analyzer/ingest/corpus.h"
#include "analyzer/ingest/input.h"
#include "analyzer/ingest/text_reader.h"
#include "rules/registry.h"

namespace jxaudit::testing {

inline std::string SourcePath(const std::string& relative) {
  return std::string(JXAUDIT_SOURCE_DIR) + "/" + relative;
}

// The real corpus: fixtures/corpus/junshan-2024.txt.
inline std::string CorpusPath() {
  return SourcePath("fixtures/corpus/junshan-2024.txt");
}

inline const RuleList& Rules() {
  static const RuleList kRules = AllRules();
  return kRules;
}

// rules/default.yaml as the binary reads it; Rules() are configured with it.
inline const Config& DefaultConfig() {
  static const Config kConfig = [] {
    auto config = Config::LoadString(DefaultConfigYaml(), "rules/default.yaml",
                                     SchemasOf(Rules()));
    if (!config.ok()) {
      ADD_FAILURE() << config.status().message();
      return Config();
    }
    if (auto status = ConfigureRules(Rules(), *config); !status.ok()) {
      ADD_FAILURE() << status.message();
    }
    return *std::move(config);
  }();
  return kConfig;
}

// A fresh rule list configured with `config` (for tests that change options).
inline RuleList RulesFor(const Config& config) {
  RuleList rules = AllRules();
  if (auto status = ConfigureRules(rules, config); !status.ok()) {
    ADD_FAILURE() << status.message();
  }
  return rules;
}

// A corpus read from text held in memory, as if it were the file `name`.
inline Corpus CorpusFromText(std::string text,
                             const std::string& name = "t.txt",
                             const Config& config = DefaultConfig()) {
  Corpus corpus;
  auto buffer = DecodeSource(name, std::move(text));
  if (!buffer.ok()) {
    corpus.diagnostics.push_back({InputDiagnostic::Level::kError, name, 0,
                                  std::string(buffer.status().message()), ""});
    return corpus;
  }
  ReadTextExport(**buffer, config, corpus.units, corpus.diagnostics);
  corpus.buffers.push_back(*std::move(buffer));
  for (size_t i = 0; i < corpus.units.size(); ++i) {
    corpus.units[i].id = "u" + std::to_string(i + 1);
  }
  return corpus;
}

inline const Corpus& RealCorpus() {
  static const Corpus kCorpus = LoadCorpus({CorpusPath()}, DefaultConfig());
  return kCorpus;
}

// A whole file as bytes ("" when it cannot be read).
inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline nlohmann::json ReadJson(const std::filesystem::path& path) {
  return nlohmann::json::parse(ReadFile(path));
}

// A fresh, empty folder under the temp dir, named after `name` and the pid.
inline std::filesystem::path FreshDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("jxaudit-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// FreshDir for the running test: `name`, the pid and the test's name.
inline std::filesystem::path FreshTestDir(const std::string& name) {
  return FreshDir(
      name + "-" +
      ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

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

struct JxauditResult {
  int exit_code = -1;
  std::string out, err;
};

// `jxaudit <args>` with stdout captured and stderr kept in
// <dir>/stderr.txt and returned.
// `cwd`, when given, is the working folder of the run (relative paths in
// `args` resolve there); `prefix` goes before the binary in the shell
// command ("ulimit -f 100; exec", "VAR=value", "setpriv …").
inline JxauditResult RunJxaudit(const std::string& args,
                                const std::filesystem::path& dir,
                                const std::filesystem::path& cwd = {},
                                const std::string& prefix = "") {
  const std::filesystem::path err_file = dir / "stderr.txt";
  const std::string cd = cwd.empty() ? "" : "cd '" + cwd.string() + "' && ";
  const CommandResult r =
      RunCommand(cd + prefix + " " + std::string(JXAUDIT_BINARY) + " " + args +
                 " 2>" + err_file.string());
  return {r.exit_code, r.out, ReadFile(err_file)};
}

// Whether /usr/bin/python3 can import `module` (tests that need it skip
// without it; tools/setup.sh installs them).
inline bool HavePythonModule(const std::string& module) {
  return RunCommand("/usr/bin/python3 -c 'import " + module + "' 2>/dev/null")
             .exit_code == 0;
}

}  // namespace jxaudit::testing

#endif  // JXAUDIT_TESTS_TEST_UTIL_H_
