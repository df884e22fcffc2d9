// What `jxaudit check --out` writes and prints: every report file, atomically
// and without stale correction lists; the short terminal summary; the
// progress bar only on a terminal; CSV with BOM; SARIF 2.1.0 valid against
// the schema; the Markdown correction lists; --format sarif|csv.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/report_test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// RFC 4180 records of a CSV text (quoted fields may hold commas and line ends).
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (records.back().empty()) records.pop_back();
  return records;
}

class ReportOutputsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    run_ = new CorpusReports("outputs", [](const fs::path& dir) {
      // Left over from an earlier run: a list for a unit that no longer has
      // findings (must go) and a file of the user's (must stay).
      fs::create_directories(dir / "out" / "corrections");
      std::ofstream(dir / "out" / "corrections" / "u9999-旧单位.xlsx") << "old";
      std::ofstream(dir / "out" / "corrections" / "notes.txt") << "mine";
    });
  }
  static void TearDownTestSuite() { delete run_; }
  static fs::path Out(const std::string& name) { return run_->Out(name); }

  static inline CorpusReports* run_ = nullptr;
};

TEST_F(ReportOutputsTest, WritesEveryReportAndOnlyCurrentLists) {
  ASSERT_EQ(run_->exit_code, 0) << ReadFile(run_->dir / "stderr.txt");
  for (const char* name : {"findings.json", "findings.sarif", "findings.csv",
                           "review.html", "corrections.xlsx"}) {
    EXPECT_TRUE(fs::exists(Out(name))) << name;
    EXPECT_GT(fs::file_size(Out(name)), 1000u) << name;
  }
  std::set<std::string> units;
  for (const auto& f : run_->report["findings"]) units.insert(f["unit"]);
  int xlsx = 0, md = 0;
  for (const auto& entry : fs::directory_iterator(Out("corrections"))) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
    if (entry.path().extension() == ".xlsx") ++xlsx;
    if (entry.path().extension() == ".md") ++md;
    if (name != "notes.txt") {
      EXPECT_TRUE(units.count(name.substr(0, 5))) << name << " has no findings";
    }
  }
  EXPECT_EQ(xlsx, static_cast<int>(units.size()));
  EXPECT_EQ(md, static_cast<int>(units.size()));
  EXPECT_FALSE(fs::exists(Out("corrections/u9999-旧单位.xlsx")));
  EXPECT_TRUE(fs::exists(Out("corrections/notes.txt")));
  for (const auto& entry : fs::directory_iterator(run_->dir / "out")) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"),
              std::string::npos);
  }
}

TEST_F(ReportOutputsTest, StdoutIsAShortSummaryAndStderrHasNoProgressBar) {
  const std::string out = ReadFile(run_->dir / "stdout.txt");
  EXPECT_THAT(out, HasSubstr("120 个单位 · 1710 个指标"));
  EXPECT_THAT(out, HasSubstr("优先级最高的 10 个问题"));
  EXPECT_THAT(out, HasSubstr("review.html"));
  EXPECT_THAT(out, HasSubstr("corrections.xlsx"));
  EXPECT_THAT(out, HasSubstr("报告已写入"));
  EXPECT_LT(std::count(out.begin(), out.end(), '\n'), 80)
      << "not a short summary";
  const std::string err = ReadFile(run_->dir / "stderr.txt");
  EXPECT_THAT(err, Not(HasSubstr("\r")));
  EXPECT_THAT(err, Not(HasSubstr("[#")));
}

TEST_F(ReportOutputsTest, ProgressBarOnATerminal) {
  if (RunCommand("command -v script >/dev/null 2>&1").exit_code != 0) {
    GTEST_SKIP() << "util-linux script(1) is not installed";
  }
  // script(1) gives the command a pseudo-terminal; stdout goes to a file so
  // that only stderr reaches the terminal.
  const fs::path out = run_->dir / "tty-out";
  const std::string inner = std::string(JXAUDIT_BINARY) + " check " +
                            CorpusPath() + " --out " + out.string() +
                            " --fail-on never >/dev/null";
  const CommandResult r =
      RunCommand("TERM=xterm script -qec '" + inner + "' /dev/null </dev/null");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("\r\033[K["));
  EXPECT_THAT(r.out, HasSubstr("100%"));
}

TEST_F(ReportOutputsTest, CsvHasBomCrlfAndOneRecordPerFinding) {
  const std::string csv = ReadFile(Out("findings.csv"));
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  const auto records = ParseCsv(std::string_view(csv).substr(3));
  ASSERT_EQ(records.size(), run_->report["findings"].size() + 1);
  EXPECT_EQ(records[0][0], "优先级");
  EXPECT_EQ(records[0][14], "指纹");
  for (size_t i = 1; i < records.size(); ++i) {
    const json& f = run_->report["findings"][i - 1];
    ASSERT_EQ(records[i].size(), 16u) << i;
    EXPECT_EQ(records[i][2], f["rule"]);
    EXPECT_EQ(records[i][4], f["unit"]);
    EXPECT_EQ(records[i][10], std::to_string(f["source"]["line"].get<int>()));
    EXPECT_EQ(records[i][11], f["message"]);
    EXPECT_EQ(records[i][14], f["fingerprint"]);
  }
}

TEST_F(ReportOutputsTest, SarifIsValidAgainstTheSchema) {
  const CommandResult r = ValidateSarif(Out("findings.sarif"));
  if (r.exit_code == 3 || r.exit_code == 127) {
    GTEST_SKIP()
        << "python3-jsonschema is missing (tools/setup.sh installs it)";
  }
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("valid"));
}

TEST_F(ReportOutputsTest, SarifResultsMatchTheFindings) {
  const json sarif = ReadJson(Out("findings.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  const json& run = sarif["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  for (const json& rule : rules) {
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty()) << rule["id"];
  }
  const json& findings = run_->report["findings"];
  ASSERT_EQ(run["results"].size(), findings.size());
  for (size_t i = 0; i < findings.size(); ++i) {
    const json& result = run["results"][i];
    EXPECT_EQ(result["ruleId"], findings[i]["rule"]);
    EXPECT_EQ(rules[result["ruleIndex"].get<int>()]["id"], findings[i]["rule"]);
    EXPECT_EQ(result["partialFingerprints"]["jxauditFingerprint/v1"],
              findings[i]["fingerprint"]);
    const json& location = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(location["region"]["startLine"], findings[i]["source"]["line"]);
    EXPECT_THAT(location["artifactLocation"]["uri"].get<std::string>(),
                ::testing::EndsWith("fixtures/corpus/junshan-2024.txt"));
    const std::string level = result["level"];
    EXPECT_EQ(level, findings[i]["severity"] == "info"
                         ? "note"
                         : findings[i]["severity"].get<std::string>());
  }
}

TEST_F(ReportOutputsTest, FormatSelectsWhatIsPrinted) {
  const std::string base = std::string(JXAUDIT_BINARY) + " check " +
                           CorpusPath() +
                           " --fail-on never 2>/dev/null --format ";
  const CommandResult sarif = RunCommand(base + "sarif");
  ASSERT_EQ(sarif.exit_code, 0);
  EXPECT_EQ(json::parse(sarif.out)["runs"][0]["results"].size(),
            run_->report["findings"].size());
  const CommandResult csv = RunCommand(base + "csv");
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(csv.out, ReadFile(Out("findings.csv")));
}

TEST_F(ReportOutputsTest, MarkdownListHasEveryFindingOfTheUnit) {
  const json& worst = [&]() -> const json& {
    for (const json& unit : run_->report["units"]) {
      if (unit["rank"] == 1) return unit;
    }
    return run_->report["units"][0];
  }();
  std::vector<json> findings;
  for (const json& f : run_->report["findings"]) {
    if (f["unit"] == worst["id"]) findings.push_back(f);
  }
  ASSERT_FALSE(findings.empty());
  fs::path md;
  for (const auto& entry : fs::directory_iterator(Out("corrections"))) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(worst["id"].get<std::string>() + "-", 0) == 0 &&
        entry.path().extension() == ".md") {
      md = entry.path();
    }
  }
  ASSERT_FALSE(md.empty());
  std::string text = ReadFile(md);
  EXPECT_THAT(text, HasSubstr("# " + worst["name"].get<std::string>()));
  EXPECT_THAT(text, HasSubstr("质量得分："));
  // Markdown escapes (\* \_ \[ …) removed, the text must hold every message.
  std::string plain;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) continue;
    plain += text[i];
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    EXPECT_THAT(text, HasSubstr("\n## " + std::to_string(i + 1) + ". "));
    std::string message = findings[i]["message"];
    if (message.find('<') == std::string::npos) {
      EXPECT_THAT(plain, HasSubstr(message));
    }
  }
  EXPECT_THAT(text, Not(HasSubstr("\n## " +
                                  std::to_string(findings.size() + 1) + ". ")));
}

}  // namespace
}  // namespace jxaudit::testing
