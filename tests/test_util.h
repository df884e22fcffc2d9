// Shared helpers for the tests: the default configuration and corpora read
// from files or from text held in the test.
#ifndef JXAUDIT_TESTS_TEST_UTIL_H_
#define JXAUDIT_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

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
  static const Corpus kCorpus = LoadCorpus(
      {SourcePath("fixtures/corpus/junshan-2024.txt")}, DefaultConfig());
  return kCorpus;
}

}  // namespace jxaudit::testing

#endif  // JXAUDIT_TESTS_TEST_UTIL_H_
