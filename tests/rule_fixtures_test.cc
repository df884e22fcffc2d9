// The generic rule test: every fixtures/rules/*.txt file is a small table
// export with inline annotations, in the spirit of clang-tidy's lit tests
// and Ruff's fixtures. Annotation lines start with "//!" and are removed
// before the text is read:
//   //! rule: weight/sum            the rule(s) this fixture tests
//   //! config: weight/sum.tolerance=0.5
//                                   a setting on top of rules/default.yaml
//                                   (<rule-id>.<param>=<YAML value>, also
//                                   .severity=warning and .enabled=false;
//                                   lists as [a, b])
//   //! expect: weight/sum sum=95   the NEXT line (a title or a row's first
//                                   cell) must get this finding, with these
//                                   evidence values
// Every row and unit without an expect line must NOT get a finding of the
// tested rules. Adding a rule needs only a new fixture file, no new test.
//
// Each fixture has a golden file, fixtures/rules/<name>.golden: the findings
// of the tested rules as a reader sees them (severity, unit, indicator,
// message, fix, evidence), compared as text. After changing a message,
// regenerate the golden files and read the diff before committing:
//   JXAUDIT_UPDATE_GOLDEN=1 build/tests/rule_fixtures_test
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "analyzer/model/evidence_json.h"
#include "analyzer/model/text.h"
#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  std::string rule;
  int line = 0;  // in the text without annotations
  std::map<std::string, std::string> evidence;
  int fixture_line = 0;
};

// `//! config: <rule-id>.<param>=<value>`.
struct Setting {
  std::string rule, param, value;
  int fixture_line = 0;
};

struct Fixture {
  std::string text;  // without annotation lines
  std::set<std::string> rules;
  std::vector<Setting> settings;
  std::vector<Expectation> expected;
};

// Without blanks at either end.
std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") + 1 - begin);
}

// "weight/sum.tolerance=0.5" (rule ids have no dots; the value is YAML).
std::optional<Setting> ParseSetting(const std::string& text, int fixture_line) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos) return std::nullopt;
  const std::string key = Trim(text.substr(0, equals));
  const size_t dot = key.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == key.size()) {
    return std::nullopt;
  }
  Setting setting{key.substr(0, dot), key.substr(dot + 1),
                  Trim(text.substr(equals + 1)), fixture_line};
  if (setting.value.empty()) return std::nullopt;
  return setting;
}

Fixture ParseFixture(const std::string& path) {
  std::ifstream in(path);
  Fixture fixture;
  std::string line;
  int fixture_line = 0, kept_lines = 0;
  std::vector<Expectation> pending;
  while (std::getline(in, line)) {
    ++fixture_line;
    if (line.rfind("//!", 0) == 0) {
      std::vector<std::string> words =
          absl::StrSplit(line.substr(3), ' ', absl::SkipEmpty());
      if (words.size() >= 2 && words[0] == "rule:") {
        fixture.rules.insert(words.begin() + 1, words.end());
      } else if (words.size() >= 2 && words[0] == "config:") {
        const std::string rest = line.substr(line.find("config:") + 7);
        if (auto setting = ParseSetting(rest, fixture_line)) {
          fixture.settings.push_back(*std::move(setting));
        } else {
          ADD_FAILURE() << path << ":" << fixture_line
                        << ": bad config line, expected "
                           "//! config: <rule-id>.<param>=<value>";
        }
      } else if (words.size() >= 2 && words[0] == "expect:") {
        Expectation e{words[1], 0, {}, fixture_line};
        for (size_t i = 2; i < words.size(); ++i) {
          std::vector<std::string> kv = absl::StrSplit(words[i], '=');
          if (kv.size() == 2) e.evidence[kv[0]] = kv[1];
        }
        pending.push_back(e);
      } else {
        ADD_FAILURE() << path << ":" << fixture_line << ": bad annotation";
      }
      continue;
    }
    ++kept_lines;
    for (Expectation& e : pending) {
      e.line = kept_lines;
      fixture.expected.push_back(e);
    }
    pending.clear();
    fixture.text += line + "\n";
  }
  EXPECT_TRUE(pending.empty()) << path << ": expect: at end of file";
  return fixture;
}

// The default configuration with the fixture's settings on top. Each setting
// is its own one-line YAML overlay, padded with blank lines so that it
// stands on its line in the fixture: the loader's errors then name the
// fixture's file and line.
absl::StatusOr<Config> FixtureConfig(const std::string& path,
                                     const Fixture& fixture) {
  Config config = DefaultConfig();
  for (const Setting& s : fixture.settings) {
    const std::string yaml =
        absl::StrCat(std::string(s.fixture_line - 1, '\n'), "rules: {\"",
                     s.rule, "\": {\"", s.param, "\": ", s.value, "}}\n");
    if (auto status = config.Overlay(yaml, path, SchemasOf(Rules()));
        !status.ok()) {
      return status;
    }
  }
  return config;
}

std::string EvidenceText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) {
    std::ostringstream out;
    out << value.get<double>();
    return out.str();
  }
  return value.dump();
}

bool SameValue(const std::string& expected, const nlohmann::json& actual) {
  double want = 0;
  if (actual.is_number() && absl::SimpleAtod(expected, &want)) {
    return std::abs(actual.get<double>() - want) < 1e-6;
  }
  return EvidenceText(actual) == expected;
}

// A field of a golden block; continuation lines of a multi-line text are
// indented under the first.
std::string Field(const std::string& label, const std::string& text) {
  return absl::StrCat("  ", label, ": ",
                      absl::StrReplaceAll(text, {{"\n", "\n    | "}}), "\n");
}

// The findings as a reader sees them, one block per finding:
//   line 12: 错误 weight/sum
//     unit: 岳阳市君山区统计局
//     indicator: 常委会会议召开      ("—" for the whole table, "（空白）"
//                                     for a row without a name)
//     message: …
//     fix: …
//     evidence: {"difference":-5,…}  (keys sorted, one line)
std::string RenderGolden(const Corpus& corpus,
                         const std::vector<const Finding*>& findings) {
  std::string text;
  for (const Finding* f : findings) {
    if (!text.empty()) text += "\n";
    absl::StrAppend(&text, "line ", f->source.line, ": ",
                    std::string(SeverityChineseName(f->severity)), " ", f->rule,
                    "\n");
    std::string unit = "—", indicator = "—";
    if (f->unit_index >= 0 &&
        f->unit_index < static_cast<int>(corpus.units.size())) {
      const Unit& u = corpus.units[f->unit_index];
      unit = std::string(u.DisplayName());
      if (f->row_index >= 0 && f->row_index < static_cast<int>(u.rows.size())) {
        indicator = std::string(u.rows[f->row_index].name.text);
        if (IsBlankText(indicator)) indicator = "（空白）";
      }
    }
    text += Field("unit", unit);
    text += Field("indicator", indicator);
    text += Field("message", f->message);
    text += Field("fix", f->fix);
    text += Field("evidence", EvidenceJson(f->evidence).dump());
  }
  if (text.empty()) text = "(no findings)\n";
  return text;
}

// A line diff of two texts (longest common subsequence), unified style:
// " " both, "-" golden only, "+" actual only; runs of more than two common
// lines are elided.
std::string LineDiff(const std::string& golden, const std::string& actual) {
  const std::vector<std::string> a = absl::StrSplit(golden, '\n');
  const std::vector<std::string> b = absl::StrSplit(actual, '\n');
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1
                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::string> lines;  // a mark ("  ", "- ", "+ "), the line
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      lines.push_back(absl::StrCat("  ", a[i]));
      ++i, ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      lines.push_back(absl::StrCat("- ", a[i++]));
    } else {
      lines.push_back(absl::StrCat("+ ", b[j++]));
    }
  }
  std::string out;
  int golden_line = 1;
  for (size_t k = 0; k < lines.size(); ++k) {
    const bool changed = lines[k][0] != ' ';
    bool near = changed;
    for (size_t d = 1; d <= 2 && !near; ++d) {
      near = (k >= d && lines[k - d][0] != ' ') ||
             (k + d < lines.size() && lines[k + d][0] != ' ');
    }
    if (near) {
      absl::StrAppend(&out, "@", golden_line, "\t", lines[k], "\n");
    } else if (out.empty() || out.substr(out.size() - 4) != "...\n") {
      out += "...\n";
    }
    if (lines[k][0] != '+') ++golden_line;
  }
  return out;
}

bool UpdateGolden() {
  const char* flag = std::getenv("JXAUDIT_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

std::vector<std::string> FixtureFiles() {
  std::vector<std::string> files;
  for (const auto& entry :
       fs::directory_iterator(SourcePath("fixtures/rules"))) {
    if (entry.path().extension() == ".txt")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class RuleFixtureTest : public ::testing::TestWithParam<std::string> {
 protected:
  // The fixture's findings of its tested rules, run with its configuration.
  void SetUp() override {
    const std::string path = GetParam();
    fixture_ = ParseFixture(path);
    ASSERT_FALSE(fixture_.rules.empty()) << path << ": needs a //! rule: line";
    auto config = FixtureConfig(path, fixture_);
    ASSERT_TRUE(config.ok()) << config.status().message();
    config_ = *std::move(config);
    corpus_ = CorpusFromText(fixture_.text, fs::path(path).filename(), config_);
    ASSERT_FALSE(corpus_.units.empty()) << path << ": no unit was read";
    rules_ = RulesFor(config_);  // each rule reads the fixture's options
    findings_ = RunRules(corpus_, config_, rules_, {2024, 2});
    for (const Finding& f : findings_) {
      if (fixture_.rules.count(f.rule)) tested_.push_back(&f);
    }
  }

  Fixture fixture_;
  Config config_;
  RuleList rules_;
  Corpus corpus_;
  std::vector<Finding> findings_;
  std::vector<const Finding*> tested_;  // of the rules the fixture names
};

TEST_P(RuleFixtureTest, FlagsExactlyTheAnnotatedRows) {
  const std::string path = GetParam();
  std::vector<const Finding*> actual = tested_;
  for (const Expectation& e : fixture_.expected) {
    auto it = std::find_if(actual.begin(), actual.end(), [&](const Finding* f) {
      return f->rule == e.rule && f->source.line == e.line;
    });
    if (it == actual.end()) {
      ADD_FAILURE() << path << ":" << e.fixture_line << ": expected " << e.rule
                    << " on line " << e.line << " of the stripped text";
      continue;
    }
    for (const auto& [key, value] : e.evidence) {
      ASSERT_TRUE((*it)->evidence.contains(key))
          << path << ":" << e.fixture_line << ": no evidence " << key;
      const nlohmann::json actual = EvidenceJson(*(*it)->evidence.Find(key));
      EXPECT_TRUE(SameValue(value, actual))
          << path << ":" << e.fixture_line << ": evidence " << key << " is "
          << actual.dump() << ", expected " << value;
    }
    actual.erase(it);
  }
  for (const Finding* f : actual) {
    ADD_FAILURE() << path << ": unexpected " << f->rule << " on line "
                  << f->source.line << ": " << f->message;
  }
}

// The rendered findings equal fixtures/rules/<name>.golden, so that a broken
// message or fix text fails here.
TEST_P(RuleFixtureTest, RendersAsTheGoldenFile) {
  const fs::path golden_path =
      fs::path(GetParam()).replace_extension(".golden");
  const std::string actual = RenderGolden(corpus_, tested_);
  if (UpdateGolden()) {
    std::ofstream(golden_path, std::ios::binary) << actual;
    ASSERT_EQ(ReadFile(golden_path), actual)
        << "could not write " << golden_path;
    return;
  }
  ASSERT_TRUE(fs::exists(golden_path))
      << golden_path.string() << " is missing; create it with "
      << "JXAUDIT_UPDATE_GOLDEN=1 build/tests/rule_fixtures_test and read it "
      << "before committing";
  const std::string golden = ReadFile(golden_path);
  EXPECT_TRUE(golden == actual)
      << golden_path.string()
      << " differs from the rendered findings (- golden, + actual; @ golden "
         "line). If the change is intended, rerun with JXAUDIT_UPDATE_GOLDEN=1 "
         "and review the diff:\n"
      << LineDiff(golden, actual);
}

// A fixture's settings go through the configuration loader: what it
// refuses fails the fixture, naming the fixture's file and line.
TEST(RuleFixtureConfig, BadSettingsNameTheFixturesLine) {
  const fs::path dir = FreshDir("fixture-config");
  const auto error = [&](const std::string& setting) -> std::string {
    const std::string path = (dir / "f.txt").string();
    std::ofstream(path) << "//! rule: weight/sum\n\tline\n" << setting << "\n";
    auto config = FixtureConfig(path, ParseFixture(path));
    return config.ok() ? "ok" : std::string(config.status().message());
  };
  const std::string path = (dir / "f.txt").string();
  EXPECT_THAT(error("//! config: weight/sum.tolerence=1"),
              ::testing::HasSubstr(path + ":3: 键 \"tolerence\": 规则 "
                                          "weight/sum 没有这个参数"));
  EXPECT_THAT(
      error("//! config: weight/summ.tolerance=1"),
      ::testing::HasSubstr(path + ":3: 键 \"weight/summ\": 未知的规则"));
  EXPECT_THAT(error("//! config: weight/sum.tolerance=[1, 2]"),
              ::testing::HasSubstr(path + ":3: 键 \"tolerance\": 应为数字"));
  EXPECT_THAT(error("//! config: weight/sum.severity=fatal"),
              ::testing::HasSubstr(path + ":3: 键 \"severity\""));
  EXPECT_EQ(error("//! config: weight/sum.enabled=false"), "ok");
  EXPECT_EQ(
      error("//! config: structure/header-mismatch.equivalents=[a=b, c=d]"),
      "ok");
  fs::remove_all(dir);
}

// The settings reach the rules: the fixture's configuration is the default
// one with its lines on top.
TEST(RuleFixtureConfig, SettingsOverlayTheDefaults) {
  Fixture fixture;
  fixture.settings = {
      {"weight/sum", "tolerance", "5", 1},
      {"weight/sum", "severity", "warning", 2},
      {"operator/direction", "lower_is_better_words", "[投诉, 信访]", 3},
      {"unit/variant", "enabled", "false", 4}};
  auto config = FixtureConfig("f.txt", fixture);
  ASSERT_TRUE(config.ok()) << config.status().message();
  const auto& weight_sum = config->Rule("weight/sum").params;
  EXPECT_EQ(weight_sum.at("tolerance").number, 5);
  EXPECT_EQ(weight_sum.at("expected_total").number, 100);
  EXPECT_EQ(config->Rule("weight/sum").severity, Severity::kWarning);
  EXPECT_EQ(config->Rule("operator/direction")
                .params.at("lower_is_better_words")
                .list,
            (std::vector<std::string>{"投诉", "信访"}));
  EXPECT_FALSE(config->Rule("unit/variant").enabled);
  EXPECT_TRUE(config->Rule("unit/invalid").enabled);
}

// A golden file left behind by a removed or renamed fixture.
TEST(RuleFixtureGolden, EveryGoldenFileHasItsFixture) {
  for (const auto& entry :
       fs::directory_iterator(SourcePath("fixtures/rules"))) {
    if (entry.path().extension() != ".golden") continue;
    EXPECT_TRUE(fs::exists(fs::path(entry.path()).replace_extension(".txt")))
        << entry.path().string() << " has no fixture";
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RuleFixtureTest,
                         ::testing::ValuesIn(FixtureFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name =
                               fs::path(info.param).stem().string();
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(c); }, '_');
                           return name;
                         });

// Every registered rule has a fixture and a documentation page.
TEST(RuleFixtureCoverage, EveryRuleHasAFixtureAndDocs) {
  for (const auto& rule : Rules()) {
    const std::string stem =
        rule->info().DocsPath().substr(std::string("docs/rules/").size());
    const std::string base = stem.substr(0, stem.size() - 3);
    EXPECT_TRUE(fs::exists(SourcePath("fixtures/rules/" + base + ".txt")))
        << rule->info().id << " has no fixtures/rules/" << base << ".txt";
    EXPECT_TRUE(fs::exists(SourcePath(rule->info().DocsPath())))
        << rule->info().id << " has no " << rule->info().DocsPath();
  }
}

}  // namespace
}  // namespace jxaudit::testing
