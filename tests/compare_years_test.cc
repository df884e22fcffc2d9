// `jxaudit compare` on the simulated years: the fixed / new / persisting
// findings and the unit changes must be exactly what each edit list
// (fixtures/years/*.edits.yaml, docs/simulated-years.md) says, and a finding
// that persists in a unit of unchanged identity keeps its fingerprint.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <tuple>

#include "tests/report_test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// (unit name, rule, indicator or "") → how many times.
using FindingBag =
    std::map<std::tuple<std::string, std::string, std::string>, int>;

std::string IndicatorOr(const json& value) {
  return value.is_string() ? value.get<std::string>() : "";
}

FindingBag ExpectedBag(const YAML::Node& entries) {
  FindingBag bag;
  for (const YAML::Node& entry : entries) {
    const YAML::Node indicator = entry["indicator"];
    ++bag[{entry["unit"].as<std::string>(), entry["rule"].as<std::string>(),
           indicator.IsNull() ? "" : indicator.as<std::string>()}];
  }
  return bag;
}

// The compare.json findings of one status, named as the edit lists name
// them: fixed ones by the old year's unit name, new ones by the new year's.
FindingBag ActualBag(const json& compare, const std::string& status) {
  FindingBag bag;
  const char* name = status == "fixed" ? "old_unit_name" : "new_unit_name";
  for (const json& finding : compare["findings"]) {
    if (finding["status"] != status) continue;
    ++bag[{finding[name].get<std::string>(), finding["rule"],
           IndicatorOr(finding["indicator"])}];
  }
  return bag;
}

std::string Describe(const FindingBag& bag) {
  std::string out;
  for (const auto& [key, count] : bag) {
    out += std::get<0>(key) + " | " + std::get<1>(key) + " | " +
           std::get<2>(key) + " ×" + std::to_string(count) + "\n";
  }
  return out;
}

struct YearStep {
  std::string edits;
  YAML::Node list;
  fs::path dir;
  json compare;
};

class CompareYearsTest : public ::testing::TestWithParam<const char*> {
 protected:
  // Runs compare once per edit list (the runs are the slow part).
  static const YearStep& Step(const std::string& edits) {
    static std::map<std::string, YearStep> steps;
    auto it = steps.find(edits);
    if (it != steps.end()) return it->second;
    YearStep step{edits, YAML::LoadFile(SourcePath(edits)),
                  FreshDir("compare-years-" + std::to_string(steps.size()))};
    const std::string command =
        std::string(JXAUDIT_BINARY) + " compare " +
        SourcePath(step.list["from"].as<std::string>()) + " " +
        SourcePath(step.list["to"].as<std::string>()) + " --out " +
        (step.dir / "out").string() + " >" +
        (step.dir / "stdout.txt").string() + " 2>/dev/null";
    EXPECT_EQ(RunCommand(command).exit_code, 0) << command;
    step.compare = ReadJson(step.dir / "out" / "compare.json");
    return steps.emplace(edits, std::move(step)).first->second;
  }
};

TEST_P(CompareYearsTest, FixedFindingsAreExactlyTheEditListsFixed) {
  const YearStep& step = Step(GetParam());
  const FindingBag expected = ExpectedBag(step.list["expected"]["fixed"]);
  const FindingBag actual = ActualBag(step.compare, "fixed");
  EXPECT_EQ(actual, expected) << "actual:\n"
                              << Describe(actual) << "expected:\n"
                              << Describe(expected);
}

TEST_P(CompareYearsTest, NewFindingsAreExactlyTheEditListsNew) {
  const YearStep& step = Step(GetParam());
  const FindingBag expected = ExpectedBag(step.list["expected"]["new"]);
  const FindingBag actual = ActualBag(step.compare, "new");
  EXPECT_EQ(actual, expected) << "actual:\n"
                              << Describe(actual) << "expected:\n"
                              << Describe(expected);
}

TEST_P(CompareYearsTest, EverythingElsePersists) {
  const YearStep& step = Step(GetParam());
  const json& summary = step.compare["summary"];
  EXPECT_EQ(summary["persisting"],
            step.list["expected"]["persisting"].as<int>());
  EXPECT_EQ(summary["fixed"], step.list["expected"]["fixed"].size());
  EXPECT_EQ(summary["new"], step.list["expected"]["new"].size());
  EXPECT_EQ(step.compare["old"]["findings"].get<int>(),
            summary["fixed"].get<int>() + summary["persisting"].get<int>());
  EXPECT_EQ(step.compare["new"]["findings"].get<int>(),
            summary["new"].get<int>() + summary["persisting"].get<int>());
}

TEST_P(CompareYearsTest, UnitsAddedRemovedAndRenamedAreThoseOfTheList) {
  const YearStep& step = Step(GetParam());
  std::set<std::string> added, removed, expected_added, expected_removed;
  std::set<std::pair<std::string, std::string>> renamed, expected_renamed;
  for (const json& unit : step.compare["units"]) {
    if (unit["status"] == "added") added.insert(unit["new"]["name"]);
    if (unit["status"] == "removed") removed.insert(unit["old"]["name"]);
    if (unit["status"] == "fuzzy") {
      renamed.emplace(unit["old"]["name"].get<std::string>(),
                      unit["new"]["name"].get<std::string>());
    }
    if (unit["status"] == "same-name" &&
        unit["old"]["name"] != unit["new"]["name"]) {
      // Only a prefix or suffix may differ between same-name units.
      bool listed = false;
      for (const YAML::Node& r : step.list["renamed"]) {
        listed |= r["old"].as<std::string>() == unit["old"]["name"] &&
                  r["new"].as<std::string>() == unit["new"]["name"] &&
                  r["how"].as<std::string>() != "rename";
      }
      EXPECT_TRUE(listed) << unit["old"]["name"] << " → "
                          << unit["new"]["name"];
    }
  }
  for (const YAML::Node& a : step.list["added"]) {
    expected_added.insert(a["name"].as<std::string>());
  }
  for (const YAML::Node& r : step.list["removed"]) {
    expected_removed.insert(r["name"].as<std::string>());
  }
  for (const YAML::Node& r : step.list["renamed"]) {
    if (r["how"].as<std::string>() == "rename") {
      expected_renamed.insert(
          {r["old"].as<std::string>(), r["new"].as<std::string>()});
    }
  }
  EXPECT_EQ(added, expected_added);
  EXPECT_EQ(removed, expected_removed);
  EXPECT_EQ(renamed, expected_renamed);
  const json& summary = step.compare["summary"];
  EXPECT_EQ(summary["units_added"], expected_added.size());
  EXPECT_EQ(summary["units_removed"], expected_removed.size());
  EXPECT_EQ(summary["units_renamed"], expected_renamed.size());
}

TEST_P(CompareYearsTest, SarifMarksEveryResultWithItsBaselineState) {
  const YearStep& step = Step(GetParam());
  const json sarif = ReadJson(step.dir / "out" / "compare.sarif");
  std::map<std::string, int> states;
  for (const json& result : sarif["runs"][0]["results"]) {
    ++states[result["baselineState"].get<std::string>()];
  }
  const json& summary = step.compare["summary"];
  EXPECT_EQ(states["new"], summary["new"].get<int>());
  EXPECT_EQ(states["unchanged"], summary["persisting"].get<int>());
  EXPECT_EQ(states["absent"], summary["fixed"].get<int>());
  EXPECT_EQ(states.size(), 3u);
  for (const char* file : {"compare.html", "compare.xlsx", "compare.json"}) {
    EXPECT_TRUE(fs::exists(step.dir / "out" / file)) << file;
  }
}

// findings.json of both years, by fingerprint: every persisting finding in
// a unit whose identity did not change keeps its fingerprint although lines
// moved, units were reordered, years shifted and prefixes/suffixes changed.
TEST_P(CompareYearsTest, PersistingFindingsKeepTheirFingerprints) {
  const YearStep& step = Step(GetParam());
  std::map<std::string, std::set<std::string>> prints;
  for (const char* side : {"from", "to"}) {
    const CommandResult r =
        RunCommand(std::string(JXAUDIT_BINARY) + " check " +
                   SourcePath(step.list[side].as<std::string>()) +
                   " --format json --fail-on never 2>/dev/null");
    const json doc = json::parse(r.out);
    for (const json& finding : doc["findings"]) {
      prints[side].insert(finding["fingerprint"].get<std::string>());
    }
  }
  ASSERT_EQ(prints["from"].size(),
            step.compare["old"]["findings"].get<size_t>());
  int checked = 0;
  for (const json& finding : step.compare["findings"]) {
    if (finding["status"] != "persisting") continue;
    bool renamed = false;
    for (const YAML::Node& r : step.list["renamed"]) {
      renamed |= r["how"].as<std::string>() == "rename" &&
                 r["new"].as<std::string>() == finding["new_unit_name"];
    }
    if (renamed)
      continue;  // a new name is a new fingerprint (compare matches it)
    EXPECT_TRUE(prints["from"].count(finding["fingerprint"].get<std::string>()))
        << finding["new_unit_name"] << " " << finding["indicator"];
    ++checked;
  }
  EXPECT_GT(checked, 400);
  for (const json& finding : step.compare["findings"]) {
    if (finding["status"] == "new") {
      EXPECT_FALSE(
          prints["from"].count(finding["fingerprint"].get<std::string>()))
          << finding["new_unit_name"] << " " << finding["indicator"];
    }
  }
}

// The old year given as its findings.json instead of its tables: the same
// classification.
TEST_P(CompareYearsTest, AnEarlierFindingsJsonComparesLikeItsCorpus) {
  const YearStep& step = Step(GetParam());
  const fs::path old_json = step.dir / "in" / "old.json";
  fs::create_directories(old_json.parent_path());
  ASSERT_EQ(RunCommand(std::string(JXAUDIT_BINARY) + " check " +
                       SourcePath(step.list["from"].as<std::string>()) +
                       " --out " + (step.dir / "old").string() +
                       " --fail-on never >/dev/null 2>&1")
                .exit_code,
            0);
  fs::copy_file(step.dir / "old" / "findings.json", old_json);
  const CommandResult r =
      RunCommand(std::string(JXAUDIT_BINARY) + " compare " + old_json.string() +
                 " " + SourcePath(step.list["to"].as<std::string>()) +
                 " --format json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  const json from_json = json::parse(r.out);
  EXPECT_EQ(from_json["summary"], step.compare["summary"]);
  EXPECT_EQ(ActualBag(from_json, "fixed"), ActualBag(step.compare, "fixed"));
  EXPECT_EQ(ActualBag(from_json, "new"), ActualBag(step.compare, "new"));
}

// The same two years with another district's names (长沙市芙蓉区 for
// 岳阳市君山区): nothing in the rules or the matching may depend on which
// district it is, so the comparison must come out the same.
TEST_P(CompareYearsTest, AnotherDistrictsNamesCompareTheSame) {
  const YearStep& step = Step(GetParam());
  const fs::path dir = step.dir / "furong";
  fs::create_directories(dir);
  std::vector<std::string> paths;
  for (const char* side : {"from", "to"}) {
    std::string text = ReadFile(SourcePath(step.list[side].as<std::string>()));
    for (const auto& [from, to] :
         std::vector<std::pair<std::string, std::string>>{
             {"岳阳市君山区", "长沙市芙蓉区"},
             {"君山区", "芙蓉区"},
             {"岳阳市", "长沙市"}}) {
      for (size_t at = text.find(from); at != std::string::npos;
           at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
      }
    }
    paths.push_back((dir / (std::string(side) + ".txt")).string());
    std::ofstream(paths.back(), std::ios::binary) << text;
  }
  const CommandResult r =
      RunCommand(std::string(JXAUDIT_BINARY) + " compare " + paths[0] + " " +
                 paths[1] + " --format json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  const json furong = json::parse(r.out);
  EXPECT_EQ(furong["summary"], step.compare["summary"]);
  EXPECT_EQ(furong["old"]["findings"], step.compare["old"]["findings"]);
  EXPECT_EQ(furong["new"]["findings"], step.compare["new"]["findings"]);
}

INSTANTIATE_TEST_SUITE_P(
    EditLists, CompareYearsTest,
    ::testing::Values("fixtures/years/junshan-2025-sim.edits.yaml",
                      "fixtures/years/junshan-2026-sim.edits.yaml"));

}  // namespace
}  // namespace jxaudit::testing
