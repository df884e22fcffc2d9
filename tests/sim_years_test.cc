// The simulated years (fixtures/corpus/junshan-2025-sim.txt, -2026-sim.txt):
// each committed fixture is exactly what tools/simulate_year.py makes from
// its edit list (fixtures/years/*.edits.yaml), and each list's expected
// counts agree with the analyzer's finding counts of both years
// (old − fixed = persisting = new − new). Which findings compare classifies
// as fixed / new is checked against the same lists by the compare tests;
// tools/verify_sim_year.py is the developer tool that explains every one.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>

#include "tests/report_test_util.h"

namespace jxaudit::testing {
namespace {

using nlohmann::json;

constexpr const char* kEditLists[] = {
    "fixtures/years/junshan-2025-sim.edits.yaml",
    "fixtures/years/junshan-2026-sim.edits.yaml",
};

int FindingCount(const std::string& corpus) {
  const CommandResult r =
      RunCommand(std::string(JXAUDIT_BINARY) + " check '" + SourcePath(corpus) +
                 "' --format json --fail-on never 2>/dev/null");
  EXPECT_EQ(r.exit_code, 0) << corpus;
  return static_cast<int>(json::parse(r.out)["findings"].size());
}

class SimYearsTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SimYearsTest, FixtureIsWhatTheEditListProduces) {
  if (!HavePythonModule("yaml")) {
    GTEST_SKIP() << "python3-yaml is missing (tools/setup.sh installs it)";
  }
  const CommandResult r = RunCommand(
      "cd '" + SourcePath("") + "' && /usr/bin/python3 tools/simulate_year.py" +
      " --edits " + GetParam() + " --check 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST_P(SimYearsTest, ExpectedCountsAddUp) {
  const YAML::Node list = YAML::LoadFile(SourcePath(GetParam()));
  const YAML::Node expected = list["expected"];
  ASSERT_TRUE(expected.IsMap());
  const int fixed = static_cast<int>(expected["fixed"].size());
  const int added = static_cast<int>(expected["new"].size());
  const int persisting = expected["persisting"].as<int>();
  EXPECT_GT(fixed, 0);
  EXPECT_GT(added, 0);
  for (const YAML::Node& side : {expected["fixed"], expected["new"]}) {
    for (const YAML::Node& entry : side) {
      EXPECT_TRUE(entry["unit"].IsScalar());
      EXPECT_TRUE(entry["rule"].IsScalar());
      EXPECT_TRUE(entry["indicator"].IsDefined());  // null for a unit finding
    }
  }
  EXPECT_EQ(FindingCount(list["from"].as<std::string>()) - fixed, persisting);
  EXPECT_EQ(FindingCount(list["to"].as<std::string>()) - added, persisting);
}

INSTANTIATE_TEST_SUITE_P(EditLists, SimYearsTest,
                         ::testing::ValuesIn(kEditLists));

}  // namespace
}  // namespace jxaudit::testing
