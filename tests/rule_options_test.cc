// Typed rule options (engine/rule_options.h), the run context's shared
// analyses and the one thread pool (engine/parallel.h).
#include "analyzer/engine/rule_options.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "analyzer/model/parallel.h"
#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

const ParamSpec* FindSpec(const RuleSchema& schema, const std::string& name) {
  for (const ParamSpec& spec : schema.params) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

// The `rules:` section of rules/default.yaml and the defaults the rules
// declare must say the same: a user reading the file sees what runs.
TEST(RuleOptions, DefaultYamlAgreesWithDeclaredDefaults) {
  const YAML::Node yaml = YAML::Load(std::string(DefaultConfigYaml()))["rules"];
  ASSERT_TRUE(yaml.IsMap());
  RuleList fresh = AllRules();
  std::set<std::string> ids;
  for (const RuleSchema& schema : SchemasOf(fresh)) {
    ids.insert(schema.id);
    SCOPED_TRACE(schema.id);
    const YAML::Node node = yaml[schema.id];
    ASSERT_TRUE(node.IsMap()) << "rules/default.yaml has no entry";
    EXPECT_TRUE(node["enabled"].as<bool>());
    EXPECT_EQ(ParseSeverity(node["severity"].as<std::string>()),
              schema.default_severity);
    std::set<std::string> keys;
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      if (key == "enabled" || key == "severity") continue;
      keys.insert(key);
      const ParamSpec* spec = FindSpec(schema, key);
      ASSERT_NE(spec, nullptr) << key << " is not declared by the rule";
      switch (spec->type) {
        case ParamSpec::Type::kNumber:
          EXPECT_DOUBLE_EQ(entry.second.as<double>(), spec->number) << key;
          break;
        case ParamSpec::Type::kBool:
          EXPECT_EQ(entry.second.as<bool>(), spec->flag) << key;
          break;
        case ParamSpec::Type::kString:
          EXPECT_EQ(entry.second.as<std::string>(), spec->text) << key;
          break;
        case ParamSpec::Type::kStringList:
          EXPECT_EQ(entry.second.as<std::vector<std::string>>(), spec->list)
              << key;
          break;
      }
    }
    for (const ParamSpec& spec : schema.params) {
      EXPECT_TRUE(keys.count(spec.name))
          << spec.name << " is declared but missing from rules/default.yaml";
    }
  }
  for (const auto& entry : yaml) {
    EXPECT_TRUE(ids.count(entry.first.as<std::string>()))
        << entry.first.as<std::string>() << " is not a rule";
  }
}

TEST(RuleOptions, EveryParameterOfTheDefaultsIsDeclaredAndLoads) {
  // weight/sum declares two numbers; the configured values reach the rule.
  RuleList fresh = AllRules();
  for (const RuleSchema& schema : SchemasOf(fresh)) {
    if (schema.id != "weight/sum") continue;
    ASSERT_EQ(schema.params.size(), 2u);
    EXPECT_EQ(schema.params[0].name, "expected_total");
    EXPECT_DOUBLE_EQ(schema.params[0].number, 100);
    EXPECT_EQ(schema.params[1].name, "tolerance");
    EXPECT_DOUBLE_EQ(schema.params[1].number, 0.01);
  }
  EXPECT_TRUE(ConfigureRules(fresh, DefaultConfig()).ok());
}

TEST(RuleOptions, AnUndeclaredParameterIsAnErrorAtStartUp) {
  const auto config =
      Config::LoadString("rules:\n  weight/sum:\n    tolerence: 1\n", "my.yaml",
                         SchemasOf(Rules()));
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("my.yaml:3"), std::string::npos)
      << config.status().message();
  EXPECT_NE(config.status().message().find("tolerence"), std::string::npos);
}

TEST(RuleOptions, AFractionForAWholeNumberIsAnErrorNamingTheRule) {
  Config config = DefaultConfig();
  ASSERT_TRUE(config
                  .Overlay("rules:\n  score/subject-mismatch:\n"
                           "    min_distinct_chars: 2.5\n",
                           "my.yaml", SchemasOf(Rules()))
                  .ok());
  RuleList fresh = AllRules();
  const absl::Status status = ConfigureRules(fresh, config);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("score/subject-mismatch"), std::string::npos);
  EXPECT_NE(status.message().find("min_distinct_chars"), std::string::npos);
}

TEST(RuleOptions, LoadingWithoutTheParameterIsAnError) {
  double value = 1;
  const RuleSettings empty;
  RuleOptions options = RuleOptions::Load("x/y", empty);
  options.Number("missing", &value);
  EXPECT_FALSE(options.status().ok());
  EXPECT_DOUBLE_EQ(value, 1);  // untouched
}

// The configured value, not the declared default, decides: a 95-point
// table is a weight/sum error by default and accepted with tolerance 5.
TEST(RuleOptions, ConfiguredValuesReachTheRule) {
  const Corpus& corpus = RealCorpus();
  auto weight_sum_lines = [&](const Config& config) {
    const RuleList rules = RulesFor(config);
    std::set<int> lines;
    for (const Finding& f : RunRules(corpus, config, rules, {2024, 2})) {
      if (f.rule == "weight/sum") lines.insert(f.source.line);
    }
    return lines;
  };
  // The corpus's five weight/sum errors (README "Findings on the real
  // corpus"): 90, 95, 105, 95 and 90 points.
  EXPECT_EQ(weight_sum_lines(DefaultConfig()),
            (std::set<int>{9504, 10156, 17487, 20088, 21674}));
  Config loose = DefaultConfig();
  ASSERT_TRUE(loose
                  .Overlay("rules:\n  weight/sum:\n    tolerance: 5\n",
                           "loose.yaml", SchemasOf(Rules()))
                  .ok());
  EXPECT_EQ(weight_sum_lines(loose), (std::set<int>{9504, 21674}));
}

TEST(DuplicationSettings, AreReadAndChecked) {
  Config config = DefaultConfig();
  EXPECT_DOUBLE_EQ(config.duplication().boilerplate_share, 0.05);
  EXPECT_EQ(config.duplication().neighbour_limit, 20);
  ASSERT_TRUE(config
                  .Overlay("duplication:\n  neighbour_limit: 7\n", "d.yaml",
                           SchemasOf(Rules()))
                  .ok());
  EXPECT_EQ(config.duplication().neighbour_limit, 7);
  EXPECT_DOUBLE_EQ(config.duplication().boilerplate_share, 0.05);  // kept
  EXPECT_FALSE(config
                   .Overlay("duplication:\n  boilerplate_share: 2\n", "d.yaml",
                            SchemasOf(Rules()))
                   .ok());
  const absl::Status unknown = config.Overlay(
      "duplication:\n  min_similarity: 0.9\n", "d.yaml", SchemasOf(Rules()));
  EXPECT_NE(unknown.message().find("d.yaml:2"), std::string::npos)
      << unknown.message();
}

TEST(Parallel, NeverUsesMoreThreadsThanAsked) {
  std::mutex mutex;
  std::set<std::thread::id> seen;
  std::set<int> slots;
  std::atomic<int> calls{0};
  ParallelForSlots(200, 2, [&](int slot, int /*i*/) {
    std::lock_guard<std::mutex> lock(mutex);
    seen.insert(std::this_thread::get_id());
    slots.insert(slot);
    ++calls;
  });
  EXPECT_EQ(calls.load(), 200);
  EXPECT_LE(seen.size(), 2u);
  EXPECT_LE(*slots.rbegin(), 1);
  EXPECT_EQ(SlotCount(200, 2), 2);
  EXPECT_EQ(SlotCount(1, 8), 1);
  seen.clear();
  ParallelFor(50, 1, [&](int /*i*/) {
    std::lock_guard<std::mutex> lock(mutex);
    seen.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(seen, (std::set<std::thread::id>{std::this_thread::get_id()}));
}

// Two stages side by side share --threads: with 2, their ParallelFor calls
// never run on more than 2 threads at once between them; and when one side
// is done, the other's later calls get the thread it gave back.
TEST(Parallel, StagesSideBySideShareTheThreads) {
  std::atomic<int> running{0}, most{0};
  auto busy = [&](int /*i*/) {
    const int now = ++running;
    for (int seen = most.load(); now > seen;) {
      if (most.compare_exchange_weak(seen, now)) break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    --running;
  };
  std::set<std::thread::id> late_threads;
  std::mutex mutex;
  RunSideBySide(
      2, [&] { ParallelFor(100, 2, busy); },
      [&] {
        ParallelFor(300, 2, busy);
        // By now the first side has long finished.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ParallelFor(200, 2, [&](int /*i*/) {
          std::lock_guard<std::mutex> lock(mutex);
          late_threads.insert(std::this_thread::get_id());
          std::this_thread::sleep_for(std::chrono::microseconds(200));
        });
      });
  EXPECT_EQ(most.load(), 2);
  EXPECT_EQ(late_threads.size(), 2u);
  // One thread: one side after the other, on the caller.
  std::set<std::thread::id> seen;
  auto record = [&](int /*i*/) {
    std::lock_guard<std::mutex> lock(mutex);
    seen.insert(std::this_thread::get_id());
  };
  RunSideBySide(
      1, [&] { ParallelFor(20, 1, record); },
      [&] { ParallelFor(20, 1, record); });
  EXPECT_EQ(seen, (std::set<std::thread::id>{std::this_thread::get_id()}));
}

struct CountedAnalysis {
  static inline int built = 0;
  explicit CountedAnalysis(const RunContext& run)
      : units(static_cast<int>(run.corpus().units.size())) {
    ++built;
  }
  int units;
};

TEST(RunContext, SharedAnalysesAreBuiltOncePerRun) {
  CountedAnalysis::built = 0;
  const Corpus& corpus = RealCorpus();
  {
    const RunContext run(corpus, DefaultConfig(), {.threads = 1});
    EXPECT_EQ(run.Shared<CountedAnalysis>().units,
              static_cast<int>(corpus.units.size()));
    run.Shared<CountedAnalysis>();
    EXPECT_EQ(CountedAnalysis::built, 1);
    EXPECT_EQ(run.threads(), 1);
    EXPECT_EQ(run.target_year(), corpus.MajorityTitleYear());
  }
  const RunContext next(corpus, DefaultConfig(), {.target_year = 2030});
  next.Shared<CountedAnalysis>();
  EXPECT_EQ(CountedAnalysis::built, 2);  // a new run, a new analysis
  EXPECT_EQ(next.target_year(), 2030);
}

// --threads changes nothing in the findings: one thread and two give the
// same list on the real corpus (duplication included).
TEST(RunContext, FindingsDoNotDependOnTheThreadCount) {
  const auto one = RunRules(RealCorpus(), DefaultConfig(), Rules(),
                            {.target_year = 2024, .threads = 1});
  const auto two = RunRules(RealCorpus(), DefaultConfig(), Rules(),
                            {.target_year = 2024, .threads = 2});
  ASSERT_EQ(one.size(), two.size());
  ASSERT_GT(one.size(), 400u);
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].rule, two[i].rule);
    EXPECT_EQ(one[i].source.line, two[i].source.line);
    EXPECT_EQ(one[i].message, two[i].message);
  }
}

}  // namespace
}  // namespace jxaudit::testing
