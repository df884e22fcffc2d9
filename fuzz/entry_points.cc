#include "fuzz/entry_points.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "analyzer/config/default_config.h"
#include "analyzer/config/waivers.h"
#include "analyzer/engine/engine.h"
#include "analyzer/ingest/corpus.h"
#include "analyzer/ingest/input.h"
#include "analyzer/ingest/score_reader.h"
#include "analyzer/ingest/submission.h"
#include "analyzer/ingest/text_reader.h"
#include "analyzer/model/text.h"
#include "analyzer/yoy/compare.h"
#include "analyzer/yoy/history.h"
#include "analyzer/yoy/snapshot.h"
#include "rules/registry.h"

namespace jxaudit::fuzz {
namespace {

const RuleList& Rules() {
  static const RuleList* rules = new RuleList(AllRules());
  return *rules;
}

const Config& DefaultConfig() {
  static const Config* config = [] {
    auto loaded =
        Config::LoadString(DefaultConfigYaml(), std::string(kDefaultConfigName),
                           SchemasOf(Rules()));
    // The compiled-in defaults always load; a failure here is a build bug.
    if (!loaded.ok()) std::abort();
    (void)ConfigureRules(Rules(), *loaded);
    return new Config(*std::move(loaded));
  }();
  return *config;
}

// The bundled corpus and its findings, which waivers are applied to.
struct Run {
  Corpus corpus;
  std::vector<Finding> findings;
};

const Run& BundledRun() {
  static const Run* run = [] {
    auto* r = new Run;
    r->corpus = LoadCorpus(
        {std::string(JXAUDIT_SOURCE_DIR) + "/fixtures/corpus/junshan-2024.txt"},
        DefaultConfig());
    r->findings = RunRules(r->corpus, DefaultConfig(), Rules(),
                           {.target_year = 2024, .threads = 1});
    return r;
  }();
  return *run;
}

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const auto& rule : Rules()) ids.push_back(rule->info().id);
  return ids;
}

// A temporary file for this process, rewritten with every input.
const std::string& ScratchPath() {
  static const std::string* path = [] {
    std::string name = "/tmp/jxaudit-fuzz-history-XXXXXX";
    const int fd = mkstemp(name.data());
    if (fd >= 0) close(fd);
    return new std::string(name);
  }();
  return *path;
}

}  // namespace

void TextExport(std::string_view bytes) {
  auto buffer = DecodeSource("fuzz.txt", std::string(bytes));
  if (!buffer.ok()) return;
  std::vector<Unit> units;
  std::vector<InputDiagnostic> diagnostics;
  ReadTextExport(**buffer, DefaultConfig(), units, diagnostics, 1);
}

namespace {

void Submission(const char* name, std::string_view bytes) {
  auto buffer = ReadSubmission(name, std::string(bytes));
  if (!buffer.ok()) return;
  std::vector<Unit> units;
  std::vector<InputDiagnostic> diagnostics;
  ReadTextExport(**buffer, DefaultConfig(), units, diagnostics, 1);
}

}  // namespace

void Docx(std::string_view bytes) { Submission("fuzz.docx", bytes); }
void Xlsx(std::string_view bytes) { Submission("fuzz.xlsx", bytes); }
void Csv(std::string_view bytes) { Submission("fuzz.csv", bytes); }
void Html(std::string_view bytes) { Submission("fuzz.html", bytes); }

void ScoringRule(std::string_view bytes) {
  std::string text(bytes);
  if (!IsValidUtf8(text)) {
    auto buffer = DecodeSource("fuzz.txt", std::move(text));
    if (!buffer.ok()) return;
    text = (*buffer)->text;
  }
  const ScoreReading reading = ReadScoringRule(text);
  (void)reading;
  const ExplanationReading explanation = ReadExplanation(text);
  (void)explanation;
}

void Configuration(std::string_view bytes) {
  const RuleList rules = AllRules();
  const auto schemas = SchemasOf(rules);
  auto config = Config::LoadString(DefaultConfigYaml(),
                                   std::string(kDefaultConfigName), schemas);
  if (!config.ok()) std::abort();
  if (!config->Overlay(bytes, "fuzz.yaml", schemas).ok()) return;
  (void)ConfigureRules(rules, *config);
}

void Waivers(std::string_view bytes) {
  static const std::vector<std::string>* ids =
      new std::vector<std::string>(RuleIds());
  auto waivers = ParseWaivers(bytes, "fuzz.yaml", *ids);
  if (!waivers.ok()) return;
  const Run& run = BundledRun();
  std::vector<Finding> findings = run.findings;
  ApplyWaivers(run.corpus, 2024, *waivers, findings);
}

void FindingsJson(std::string_view bytes) {
  const nlohmann::json doc =
      nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return;
  auto snapshot = SnapshotFromJson(doc, "fuzz.json");
  if (!snapshot.ok()) return;
  const Snapshot empty;
  (void)Compare(*snapshot, *snapshot);
  (void)Compare(empty, *snapshot);
  (void)Compare(*snapshot, empty);
}

void HistoryFile(std::string_view bytes) {
  const std::string& path = ScratchPath();
  std::remove((path + "-journal").c_str());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  auto history = History::Open(path, false, 0);
  if (!history.ok()) return;
  (void)history->Trend();
  Snapshot run;
  run.year = 2030;
  run.label = "fuzz";
  (void)history->RecordRun(run, "2030-01-01T00:00:00Z");
  (void)history->Trend();
}

const std::vector<Target>& Targets() {
  static const std::vector<Target>* targets = new std::vector<Target>{
      {"text_export", TextExport},
      {"scoring_rule", ScoringRule},
      {"config", Configuration},
      {"waivers", Waivers},
      {"findings_json", FindingsJson},
      {"history", HistoryFile},
      {"docx", Docx},
      {"xlsx", Xlsx},
      {"csv", Csv},
      {"html", Html},
  };
  return *targets;
}

}  // namespace jxaudit::fuzz
