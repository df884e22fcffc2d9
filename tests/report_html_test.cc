// review.html in a real browser: Debian's headless Chromium opens the page
// written for the real corpus, takes a screenshot, and dumps the DOM after
// the page's own script applied a filter read from the URL hash. Skipped
// only when chromium is not installed (tools/setup.sh installs it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "re2/re2.h"
#include "tests/report_test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kChromium[] = "/usr/bin/chromium";

// Chromium with a fresh profile under `dir`, no network services, and the
// options every call shares.
CommandResult Chromium(const fs::path& dir, const std::string& args,
                       const std::string& url) {
  static int profile = 0;
  const fs::path user_dir = dir / ("profile-" + std::to_string(++profile));
  return RunCommand(
      std::string("timeout 90 ") + kChromium +
      " --headless --no-sandbox --disable-gpu --disable-quic"
      " --no-first-run --disable-background-networking"
      " --disable-component-update --disable-sync --hide-scrollbars"
      " --user-data-dir=" +
      user_dir.string() + " " + args + " '" + url + "' 2>/dev/null");
}

struct RowCounts {
  int visible = 0;
  int hidden = 0;
  std::string shown;  // the page's own "显示 N" counter
};

class ReportHtmlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { run_ = new CorpusReports("html"); }
  static void TearDownTestSuite() { delete run_; }

  void SetUp() override {
    ASSERT_EQ(run_->exit_code, 0) << ReadFile(run_->dir / "stderr.txt");
    if (!fs::exists(kChromium)) GTEST_SKIP() << "chromium is not installed";
  }

  static std::string Page() { return run_->Out("review.html").string(); }

  static CommandResult Chromium(const std::string& args,
                                const std::string& url) {
    return jxaudit::testing::Chromium(run_->dir, args, url);
  }

  static RowCounts DumpWithHash(const std::string& hash) {
    const CommandResult r = Chromium("--dump-dom", "file://" + Page() + hash);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_THAT(r.out, HasSubstr("data-ready=\"1\""))
        << "the page's script did not run";
    RowCounts counts;
    static const RE2 kRow(R"re(<tr class="finding"[^>]*?( hidden="")?>)re");
    re2::StringPiece dom(r.out);
    std::string hidden;
    while (RE2::FindAndConsume(&dom, kRow, &hidden)) {
      (hidden.empty() ? counts.visible : counts.hidden)++;
    }
    static const RE2 kShown(R"re(<b id="shown">(\d+)</b>)re");
    RE2::PartialMatch(r.out, kShown, &counts.shown);
    return counts;
  }

  static int CountFindings(const std::string& key, const std::string& value) {
    int n = 0;
    for (const json& f : run_->report["findings"]) {
      const std::string field = f[key];
      if (key == "rule" && value.find('/') == std::string::npos) {
        n += field.rfind(value + "/", 0) == 0;
      } else {
        n += field == value;
      }
    }
    return n;
  }

  static inline CorpusReports* run_ = nullptr;
};

TEST_F(ReportHtmlTest, PageIsSelfContained) {
  const std::string html = ReadFile(Page());
  EXPECT_THAT(html, Not(HasSubstr("<script src")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("src=\"http")));
  EXPECT_THAT(html, Not(HasSubstr("url(http")));
  EXPECT_THAT(html, HasSubstr("<svg id=\"chart-families\""));
  EXPECT_THAT(html, HasSubstr("<svg id=\"chart-quality\""));
  EXPECT_THAT(html, HasSubstr("<html lang=\"zh-CN\">"));
}

TEST_F(ReportHtmlTest, ScreenshotRendersWithACjkFont) {
  // A CJK font must be installed, or Chinese renders as empty boxes.
  const CommandResult fonts = RunCommand("fc-list :lang=zh family 2>/dev/null");
  EXPECT_FALSE(fonts.out.empty()) << "no CJK font: install fonts-noto-cjk";
  const fs::path png = run_->dir / "review.png";
  const CommandResult r =
      Chromium("--window-size=1400,2000 --screenshot=" + png.string(),
               "file://" + Page());
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_TRUE(fs::exists(png));
  const std::string bytes = ReadFile(png);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  // A blank or broken page compresses to a few kilobytes.
  EXPECT_GT(bytes.size(), 100000u);
}

TEST_F(ReportHtmlTest, NoFilterShowsEveryFinding) {
  const RowCounts counts = DumpWithHash("");
  const int total = static_cast<int>(run_->report["findings"].size());
  EXPECT_EQ(counts.visible, total);
  EXPECT_EQ(counts.hidden, 0);
  EXPECT_EQ(counts.shown, std::to_string(total));
}

TEST_F(ReportHtmlTest, FiltersBySeverityRuleFamilyAndUnit) {
  const int errors = CountFindings("severity", "error");
  RowCounts counts = DumpWithHash("#severity=error");
  EXPECT_EQ(counts.visible, errors);
  EXPECT_EQ(counts.shown, std::to_string(errors));
  EXPECT_EQ(counts.visible + counts.hidden,
            static_cast<int>(run_->report["findings"].size()));

  counts = DumpWithHash("#rule=weight%2Fsum");
  EXPECT_EQ(counts.visible, CountFindings("rule", "weight/sum"));

  counts = DumpWithHash("#rule=family%3Ascore");
  EXPECT_EQ(counts.visible, CountFindings("rule", "score"));

  // Severity and unit together: the unit ranked worst.
  std::string unit;
  for (const json& u : run_->report["units"]) {
    if (u["rank"] == 1) unit = u["id"];
  }
  int expected = 0;
  for (const json& f : run_->report["findings"]) {
    expected += f["unit"] == unit && f["severity"] == "warning";
  }
  counts = DumpWithHash("#severity=warning&unit=" + unit);
  EXPECT_EQ(counts.visible, expected);
  EXPECT_GT(expected, 0);
}

// A province's review in the browser: 1,200 generated units in 6 counties.
// The overview lists the counties; a county's page opens with its script
// run and filters its own findings (README "Province scale" gives the
// load times measured at 20,000 units).
class ProvinceReviewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(FreshDir("province-html"));
    const std::string corpus = (*dir_ / "province.txt").string();
    RunCommand("python3 " + SourcePath("tools/gen_corpus.py") + " --source " +
               CorpusPath() +
               " --units 1200 --shared-share 0.5 --jurisdictions 6 --out " +
               corpus + " 2>/dev/null");
    exit_code_ = RunCommand(std::string(JXAUDIT_BINARY) + " check " + corpus +
                            " --out " + (*dir_ / "out").string() +
                            " --fail-on never >/dev/null 2>&1")
                     .exit_code;
  }
  static void TearDownTestSuite() { fs::remove_all(*dir_); }

  void SetUp() override {
    ASSERT_EQ(exit_code_, 0);
    if (!fs::exists(kChromium)) GTEST_SKIP() << "chromium is not installed";
  }

  static std::string Dom(const std::string& page) {
    const CommandResult r = Chromium(
        *dir_, "--dump-dom", "file://" + (*dir_ / "out" / page).string());
    EXPECT_EQ(r.exit_code, 0) << page;
    EXPECT_THAT(r.out, HasSubstr("data-ready=\"1\"")) << page;
    return r.out;
  }

  static inline fs::path* dir_ = nullptr;
  static inline int exit_code_ = -1;
};

TEST_F(ProvinceReviewTest, OverviewOpensAndLinksEveryCounty) {
  const std::string dom = Dom("review.html");
  static const RE2 kCountyPage(R"re(<a href="review/([^"#]+\.html)">)re");
  re2::StringPiece rest(dom);
  std::string page;
  std::set<std::string> pages;
  while (RE2::FindAndConsume(&rest, kCountyPage, &page)) pages.insert(page);
  EXPECT_EQ(pages.size(), 6u);
  // A county's first page, filtered to its errors by the URL as a link with
  // a hash would open it: every row is the county's, and the rows shown are
  // its errors, at most the page's first 500 (the rest behind 全部显示).
  const json report = ReadJson(*dir_ / "out" / "findings.json");
  std::map<std::string, std::string> county_of;
  for (const json& unit : report["units"]) {
    county_of[unit["id"]] = unit["jurisdiction"];
  }
  const std::string first = *pages.begin();
  const std::string county = first.substr(0, first.find_first_of("-."));
  const CommandResult r =
      Chromium(*dir_, "--dump-dom",
               "file://" + (*dir_ / "out" / "review" / first).string() +
                   "#severity=error");
  ASSERT_EQ(r.exit_code, 0);
  // The script adds `hidden` at the end of a row's attributes; the page
  // writes it first for the rows beyond the first 500.
  static const RE2 kRow(R"re((<tr class="finding"[^>]*>))re");
  static const RE2 kSeverity(R"re(data-severity="(\w+)")re");
  static const RE2 kUnit(R"re(data-unit="(u\d+)")re");
  re2::StringPiece rows(r.out);
  std::string tag, severity, unit;
  int all = 0, errors = 0, visible = 0;
  while (RE2::FindAndConsume(&rows, kRow, &tag)) {
    ++all;
    ASSERT_TRUE(RE2::PartialMatch(tag, kSeverity, &severity)) << tag;
    ASSERT_TRUE(RE2::PartialMatch(tag, kUnit, &unit)) << tag;
    EXPECT_EQ(county_of[unit], county) << unit;
    errors += severity == "error";
    if (tag.find(" hidden=\"\"") == std::string::npos) {
      ++visible;
      EXPECT_EQ(severity, "error") << unit;
    }
  }
  EXPECT_GT(all, 0);
  EXPECT_GT(errors, 0);
  EXPECT_EQ(visible, std::min(errors, 500));
  std::string matched;
  static const RE2 kMatched(R"re(<b id="matched">(\d+)</b>)re");
  ASSERT_TRUE(RE2::PartialMatch(r.out, kMatched, &matched));
  EXPECT_EQ(matched, std::to_string(errors));
}

}  // namespace
}  // namespace jxaudit::testing
