// What `jxaudit check --out` writes and prints: every report file, atomically
// and without stale correction lists; the short terminal summary; the
// progress bar only on a terminal; CSV with BOM; SARIF 2.1.0 valid against
// the schema; the Markdown correction lists; --format sarif|csv.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "absl/strings/str_replace.h"
#include "reports/review_pages.h"
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

// --- A province's input: reports split by reviewing jurisdiction ---

// PlanReview cuts a jurisdiction into pages of at most max_findings, a
// unit's findings staying on one page, in corpus order.
TEST(ReviewLayoutTest, PagesPerJurisdictionCutAtTheFindingLimit) {
  Corpus corpus;
  const std::vector<std::pair<const char*, int>> units = {
      {"华容县", 2}, {"华容县", 2}, {"华容县", 2}, {"华容县", 7},
      {"华容县", 1}, {"平江县", 2}, {"", 0}};
  std::vector<Finding> findings;
  for (size_t u = 0; u < units.size(); ++u) {
    corpus.units.emplace_back();
    corpus.units.back().jurisdiction = units[u].first;
    for (int k = 0; k < units[u].second; ++k) {
      findings.emplace_back();
      findings.back().unit_index = static_cast<int>(u);
    }
  }
  findings.emplace_back();  // waived: not counted
  findings.back().unit_index = 6;
  findings.back().waived = true;
  const std::vector<UnitScore> scores(units.size());
  const ReportInput input{corpus, findings, scores};
  const ReviewLayout layout = PlanReview(input, 5);
  ASSERT_TRUE(layout.paged);
  // "" (未注明地区) sorts first, then 华容县 (E5 8D 8E…) and 平江县 (E5 B9
  // B3…) by their UTF-8 bytes.
  std::vector<std::tuple<std::string, std::string, int, int, int>> got;
  for (const ReviewPage& page : layout.pages) {
    got.emplace_back(page.jurisdiction, page.path, page.part, page.parts,
                     page.findings);
  }
  using T = std::tuple<std::string, std::string, int, int, int>;
  EXPECT_THAT(got, ::testing::ElementsAre(
                       T{"未注明地区", "review/未注明地区.html", 1, 1, 0},
                       T{"华容县", "review/华容县.html", 1, 4, 4},
                       T{"华容县", "review/华容县-2.html", 2, 4, 2},
                       T{"华容县", "review/华容县-3.html", 3, 4, 7},
                       T{"华容县", "review/华容县-4.html", 4, 4, 1},
                       T{"平江县", "review/平江县.html", 1, 1, 2}));
  EXPECT_EQ(layout.page_of_unit, (std::vector<int>{1, 1, 2, 3, 4, 5, 0}));
  // One jurisdiction under the limit: one review.html, as for a district.
  for (Unit& unit : corpus.units) unit.jurisdiction = "君山区";
  EXPECT_FALSE(PlanReview(input, 100).paged);
  EXPECT_TRUE(PlanReview(input, 10).paged);
}

// jxaudit check --out on a generated province: 600 units in 4 counties.
class ProvinceReportsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(FreshDir("province"));
    const std::string corpus = (*dir_ / "province.txt").string();
    ASSERT_EQ(RunCommand("python3 " + SourcePath("tools/gen_corpus.py") +
                         " --source " + CorpusPath() +
                         " --units 600 --shared-share 0.5 --jurisdictions 4"
                         " --out " +
                         corpus + " 2>/dev/null")
                  .exit_code,
              0);
    ASSERT_EQ(RunCommand(std::string(JXAUDIT_BINARY) + " check " + corpus +
                         " --out " + Out("").string() +
                         " --fail-on never >/dev/null 2>&1")
                  .exit_code,
              0);
    *report_ = ReadJson(Out("findings.json"));
  }
  static void TearDownTestSuite() { fs::remove_all(*dir_); }
  static fs::path Out(const std::string& name) { return *dir_ / "out" / name; }

  // Unit id -> jurisdiction, from findings.json.
  static std::map<std::string, std::string> JurisdictionOfUnits() {
    std::map<std::string, std::string> of;
    for (const json& unit : (*report_)["units"]) {
      of[unit["id"]] = unit["jurisdiction"];
    }
    return of;
  }

  // The attribute values `name="…"` of `tag` elements with `class`.
  static std::vector<std::string> Attributes(const std::string& html,
                                             const std::string& marker,
                                             const std::string& name) {
    std::vector<std::string> values;
    for (size_t at = html.find(marker); at != std::string::npos;
         at = html.find(marker, at + 1)) {
      const size_t start = html.find(name + "=\"", at) + name.size() + 2;
      values.push_back(html.substr(start, html.find('"', start) - start));
    }
    return values;
  }

  static inline fs::path* dir_ = nullptr;
  static inline json* report_ = new json;
};

TEST_F(ProvinceReportsTest, FindingsJsonNamesFourCounties) {
  std::map<std::string, int> units;
  for (const auto& [id, jurisdiction] : JurisdictionOfUnits()) {
    ++units[jurisdiction];
  }
  // gen_corpus.py: clone round c of the 120 source units is in county
  // c mod 4 (rounds 0-4), and a source unit without a table is skipped.
  EXPECT_EQ(units.size(), 4u);
  for (const auto& [jurisdiction, count] : units) {
    EXPECT_GE(count, 115) << jurisdiction;
    EXPECT_LE(count, 240) << jurisdiction;
  }
}

TEST_F(ProvinceReportsTest, OverviewRanksJurisdictionsAndListsNoFindings) {
  // Mustache writes "/" in attributes as "&#x2F;", which browsers read as "/".
  const std::string overview =
      absl::StrReplaceAll(ReadFile(Out("review.html")), {{"&#x2F;", "/"}});
  EXPECT_THAT(overview, HasSubstr("id=\"jurisdictions\""));
  EXPECT_THAT(overview, Not(HasSubstr("class=\"finding\"")));
  const std::vector<std::string> links =
      Attributes(overview, "<a href=\"review/", "href");
  std::set<std::string> pages;
  for (const std::string& link : links) {
    const std::string page = link.substr(0, link.find('#'));
    pages.insert(page);
    EXPECT_TRUE(fs::exists(Out(page))) << link;
  }
  EXPECT_EQ(pages.size(), 4u);  // 600 units: one page per county
  EXPECT_LT(fs::file_size(Out("review.html")), 200'000u);
}

TEST_F(ProvinceReportsTest, EachPageHoldsExactlyItsJurisdictionsFindings) {
  const auto jurisdiction_of = JurisdictionOfUnits();
  size_t shown = 0;
  std::set<std::string> jurisdictions;
  for (const auto& entry : fs::directory_iterator(Out("review"))) {
    const std::string page = entry.path().stem().string();
    jurisdictions.insert(page);
    const std::vector<std::string> units = Attributes(
        ReadFile(entry.path()), "<tr class=\"finding\"", "data-unit");
    for (const std::string& unit : units) {
      EXPECT_EQ(jurisdiction_of.at(unit), page) << unit;
    }
    shown += units.size();
    EXPECT_LT(entry.file_size(), 20'000'000u);
  }
  EXPECT_EQ(jurisdictions.size(), 4u);
  EXPECT_EQ(shown, (*report_)["findings"].size());
}

TEST_F(ProvinceReportsTest, CorrectionListsLieInTheirJurisdictionsFolder) {
  const auto jurisdiction_of = JurisdictionOfUnits();
  std::set<std::string> with_findings;
  for (const json& finding : (*report_)["findings"]) {
    with_findings.insert(finding["unit"]);
  }
  std::set<std::string> listed;
  for (const auto& folder : fs::directory_iterator(Out("corrections"))) {
    ASSERT_TRUE(folder.is_directory()) << folder.path();
    for (const auto& list : fs::directory_iterator(folder.path())) {
      const std::string name = list.path().filename().string();
      const std::string unit = name.substr(0, name.find('-'));
      EXPECT_EQ(jurisdiction_of.at(unit), folder.path().filename().string())
          << name;
      if (list.path().extension() == ".xlsx") listed.insert(unit);
    }
  }
  EXPECT_EQ(listed, with_findings);
}

TEST_F(ProvinceReportsTest, OverviewWorkbookNamesEachUnitsJurisdiction) {
  if (!HavePythonModule("openpyxl")) GTEST_SKIP() << "python3-openpyxl";
  const auto jurisdiction_of = JurisdictionOfUnits();
  const json book = ReadWorkbook(Out("corrections.xlsx"));
  const json& summary = book["sheets"][0];
  ASSERT_EQ(summary["rows"][2][10], "地区");
  for (size_t r = 3; r < summary["rows"].size(); ++r) {
    const json& row = summary["rows"][r];
    EXPECT_EQ(row[10], jurisdiction_of.at(row[1])) << row[1];
  }
  // Over 300 units with findings: each row links to the unit's workbook,
  // in its jurisdiction's folder (Windows separators, as Excel expects).
  ASSERT_GT(summary["links"].size(), 300u);
  for (const json& link : summary["links"]) {
    std::string target = link[2];
    std::replace(target.begin(), target.end(), '\\', '/');
    EXPECT_TRUE(fs::exists(Out(target))) << target;
    const std::string unit = summary["rows"][link[0].get<int>()][1];
    EXPECT_EQ(target.rfind("corrections/" + jurisdiction_of.at(unit) + "/", 0),
              0u)
        << target;
  }
}

// The same folder reused for a district: its pages and folders go.
TEST_F(ProvinceReportsTest, ADistrictRunInTheSameFolderRemovesThePages) {
  const fs::path again = *dir_ / "again";
  fs::copy(Out(""), again, fs::copy_options::recursive);
  // Lists the reviewer moved into a folder of their own are theirs: only
  // what jxaudit wrote (its .jxaudit-reports manifest) is ever removed.
  fs::create_directories(again / "corrections" / "已发送");
  std::ofstream(again / "corrections" / "已发送" / "u0001-已发出的清单.xlsx")
      << "mine";
  ASSERT_EQ(RunCommand(std::string(JXAUDIT_BINARY) + " check " + CorpusPath() +
                       " --out " + again.string() +
                       " --fail-on never >/dev/null 2>&1")
                .exit_code,
            0);
  EXPECT_FALSE(fs::exists(again / "review"));
  for (const auto& entry : fs::directory_iterator(again / "corrections")) {
    EXPECT_TRUE(entry.is_regular_file() || entry.path().filename() == "已发送")
        << entry.path();
  }
  EXPECT_TRUE(
      fs::exists(again / "corrections" / "已发送" / "u0001-已发出的清单.xlsx"));
  EXPECT_THAT(ReadFile(again / "review.html"), HasSubstr("class=\"finding\""));
}

}  // namespace
}  // namespace jxaudit::testing

namespace jxaudit::testing {
namespace {

// Pages and correction lists are written on several threads: the reports
// must not depend on how many.
TEST(ReportThreadsTest, OneThreadAndTwoWriteTheSameReports) {
  const fs::path one = FreshDir("threads-one");
  const fs::path two = FreshDir("threads-two");
  ASSERT_EQ(WriteCorpusReports(one, "--threads 1"), 0);
  ASSERT_EQ(WriteCorpusReports(two, "--threads 2"), 0);
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(one / "out")) {
    if (entry.is_regular_file())
      files.push_back(fs::relative(entry.path(), one / "out").string());
  }
  ASSERT_GT(files.size(), 200u);
  for (const std::string& file : files) {
    ASSERT_TRUE(fs::exists(two / "out" / file)) << file;
    // Workbooks carry their creation time; every other report is compared
    // byte for byte.
    if (file.ends_with(".xlsx")) continue;
    EXPECT_EQ(ReadFile(one / "out" / file), ReadFile(two / "out" / file))
        << file;
  }
  fs::remove_all(one);
  fs::remove_all(two);
}

}  // namespace
}  // namespace jxaudit::testing
