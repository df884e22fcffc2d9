// The generic rule test: every fixtures/rules/*.txt file is a small table
// export with inline annotations, in the spirit of clang-tidy's lit tests
// and Ruff's fixtures. Annotation lines start with "//!" and are removed
// before the text is read:
//   //! rule: weight/sum            the rule(s) this fixture tests
//   //! expect: weight/sum sum=95   the NEXT line (a title or a row's first
//                                   cell) must get this finding, with these
//                                   evidence values
// Every row and unit without an expect line must NOT get a finding of the
// tested rules. Adding a rule needs only a new fixture file, no new test.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
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

struct Fixture {
  std::string text;  // without annotation lines
  std::set<std::string> rules;
  std::vector<Expectation> expected;
};

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

class RuleFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixtureTest, FlagsExactlyTheAnnotatedRows) {
  const std::string path = GetParam();
  Fixture fixture = ParseFixture(path);
  ASSERT_FALSE(fixture.rules.empty()) << path << ": needs a //! rule: line";
  Corpus corpus = CorpusFromText(fixture.text, fs::path(path).filename());
  ASSERT_FALSE(corpus.units.empty()) << path << ": no unit was read";
  const auto findings = RunRules(corpus, DefaultConfig(), Rules(), {2024, 2});
  std::vector<const Finding*> actual;
  for (const Finding& f : findings) {
    if (fixture.rules.count(f.rule)) actual.push_back(&f);
  }
  for (const Expectation& e : fixture.expected) {
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
      EXPECT_TRUE(SameValue(value, (*it)->evidence[key]))
          << path << ":" << e.fixture_line << ": evidence " << key << " is "
          << (*it)->evidence[key].dump() << ", expected " << value;
    }
    actual.erase(it);
  }
  for (const Finding* f : actual) {
    ADD_FAILURE() << path << ": unexpected " << f->rule << " on line "
                  << f->source.line << ": " << f->message;
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
