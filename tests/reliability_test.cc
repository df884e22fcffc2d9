// Reliability (issue 15, README "Reliability"): an interrupted or failing
// run leaves the previous reports and history as they were, and never
// leaves temporary files behind.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "analyzer/yoy/history.h"
#include "fuzz/entry_points.h"
#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Every file below `dir` (relative path → bytes).
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), dir).string()] = ReadFile(entry.path());
    }
  }
  return files;
}

// `count` one-indicator units whose weights do not add up (each has
// findings, so each gets two correction lists: writing them takes seconds).
std::string TinyUnits(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += "\t2024年第" + std::to_string(i) +
            "号单位整体支出绩效目标表\n\n"
            "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值类型\n\t指标值\n"
            "\t计量单位\n\t指标解释\n\t评（扣）分标准\n\t备注\n\n"
            "\t产出指标\n\t数量指标\n\t会议\n\t≥\n\t1\n\t次\n\t说明\n"
            "\t达到1次得1分\n\t1\n\n";
  }
  return text;
}

class ReliabilityTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = FreshTestDir("reliab"); }
  void TearDown() override { fs::remove_all(dir_); }

  // The previous run's reports, which every failure below must leave as
  // they are.
  std::map<std::string, std::string> PreviousReports() {
    const JxauditResult r = RunJxaudit(
        "check " + CorpusPath() + " --fail-on never --out " + Out(), dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto files = Snapshot(out());
    EXPECT_EQ(files.count("findings.json"), 1u);
    return files;
  }

  fs::path out() const { return dir_ / "out"; }
  std::string Out() const { return out().string(); }

  fs::path dir_;
};

// Starts jxaudit with `args`, stdout and stderr into files in `dir`.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& dir) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  const int out =
      open((dir / "stdout.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err =
      open((dir / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(out, 1);
  dup2(err, 2);
  std::vector<char*> argv{const_cast<char*>(JXAUDIT_BINARY)};
  for (const std::string& arg : args)
    argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  execv(JXAUDIT_BINARY, argv.data());
  _exit(127);
}

bool HasStagingFolder(const fs::path& out) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(out, error)) {
    if (entry.path().filename().string().starts_with(".jxaudit-staging-"))
      return true;
  }
  return false;
}

class InterruptTest : public ReliabilityTest,
                      public ::testing::WithParamInterface<int> {};

TEST_P(InterruptTest, LeavesThePreviousReportsAndNoTemporaryFiles) {
  const int signal = GetParam();
  const auto before = PreviousReports();
  const fs::path input = dir_ / "units.txt";
  std::ofstream(input) << TinyUnits(400);
  const pid_t pid = Spawn(
      {"check", input.string(), "--fail-on", "never", "--out", Out()}, dir_);
  // The staging folder appears when the reports start to be written.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!HasStagingFolder(out()) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(HasStagingFolder(out()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_EQ(kill(pid, signal), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  // The run ends by the signal, as the user asked, after cleaning up.
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), signal);
  EXPECT_THAT(
      ReadFile(dir_ / "stderr.txt"),
      HasSubstr(std::string("已中断（") +
                (signal == SIGINT ? "SIGINT" : "SIGTERM") +
                "）：本次的报告没有写入，" + Out() + " 中此前的报告保持原样"));
  // Byte for byte the previous reports, and nothing else (no staging
  // folder, no *.tmp-* file).
  EXPECT_EQ(Snapshot(out()), before);
  EXPECT_FALSE(HasStagingFolder(out()));
}

INSTANTIATE_TEST_SUITE_P(Signals, InterruptTest,
                         ::testing::Values(SIGINT, SIGTERM));

TEST_F(ReliabilityTest, FullDiskIsExitTwoAndKeepsThePreviousReports) {
  const auto before = PreviousReports();
  // findings.json of the 2025 corpus is ~600 KB: over 100 blocks.
  const JxauditResult r =
      RunJxaudit("check " + SourcePath("fixtures/corpus/junshan-2025-sim.txt") +
                     " --fail-on never --out " + Out(),
                 dir_, "", "ulimit -f 100; exec");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(Out() + "/findings.json: 写入失败: "
                                       "超出文件大小限制"));
  EXPECT_THAT(r.err, HasSubstr("本次的报告没有写入，" + Out() +
                               " 中此前的报告保持原样"));
  EXPECT_EQ(Snapshot(out()), before);
  EXPECT_FALSE(HasStagingFolder(out()));
}

// The years recorded in the history at `path`.
std::vector<int> Years(const fs::path& path) {
  auto history = History::Open(path.string(), false);
  if (!history.ok()) return {-1};
  auto trend = history->Trend();
  return trend.ok() ? trend->years : std::vector<int>{-2};
}

class HistoryFaultTest : public ReliabilityTest {
 protected:
  // A history holding 2024.
  fs::path History2024() {
    const fs::path db = dir_ / "history.sqlite";
    const JxauditResult r = RunJxaudit(
        "check " + CorpusPath() + " --fail-on never --history " + db.string(),
        dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(Years(db), ElementsAre(2024));
    return db;
  }
  std::string Record2025(const fs::path& db) const {
    return "check " + SourcePath("fixtures/corpus/junshan-2025-sim.txt") +
           " --fail-on never --history " + db.string();
  }
};

TEST_F(HistoryFaultTest, FullDiskRecordsNothingOfTheYear) {
  const fs::path db = History2024();
  // Room for 4 KB more than the file holds: far less than a year.
  const auto blocks = fs::file_size(db) / 512 + 8;
  const JxauditResult r =
      RunJxaudit(Record2025(db), dir_, "",
                 "ulimit -f " + std::to_string(blocks) + "; exec");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("本次没有记入历史记录，已有的记录保持原样"));
  EXPECT_THAT(Years(db), ElementsAre(2024));
}

TEST_F(HistoryFaultTest, ReadOnlyDatabaseIsAClearError) {
  const fs::path db = History2024();
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read |
                          fs::perms::others_read);
  // root writes whatever the permissions say: run as nobody then.
  const std::string as = geteuid() == 0 ? "setpriv --reuid=65534 "
                                          "--regid=65534 --clear-groups"
                                        : "";
  const JxauditResult r = RunJxaudit(Record2025(db), dir_, "", as);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(db.string() + ": 历史记录数据库"));
  EXPECT_THAT(r.err, HasSubstr("数据库文件是只读的（请检查该文件及其所在文件夹"
                               "的写权限）"));
  EXPECT_THAT(Years(db), ElementsAre(2024));
}

TEST_F(HistoryFaultTest, LockedDatabaseIsAClearError) {
  const fs::path db = History2024();
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr),
            SQLITE_OK);
  const JxauditResult r =
      RunJxaudit(Record2025(db), dir_, "", "JXAUDIT_HISTORY_WAIT_MS=200");
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("数据库正被另一个程序锁定"));
  EXPECT_THAT(Years(db), ElementsAre(2024));
}

// Every file jxaudit reads — tables (text and office files), configuration,
// waivers, a baseline and compare's findings.json — is byte for byte the same
// after check and compare wrote their reports next to them.
TEST_F(ReliabilityTest, InputsAreNeverWritten) {
  const fs::path in = dir_ / "in";
  fs::create_directories(in / "tables");
  fs::copy_file(CorpusPath(), in / "tables" / "2024.txt");
  fs::copy_file(SourcePath("fixtures/corpus/junshan-2025-sim.txt"),
                in / "2025.txt");
  fs::copy_file(SourcePath("fixtures/waivers/example.yaml"),
                in / "waivers.yaml");
  std::ofstream(in / "config.yaml")
      << "rules:\n  weight/sum:\n    severity: warning\n";
  // The office formats too: a folder of Word, Excel, CSV and web pages.
  fs::create_directories(in / "office");
  for (const char* name : {"units.docx", "units.xlsx", "units.csv",
                           "units.html", "units-gbk.txt"}) {
    fs::copy_file(SourcePath(std::string("fixtures/office/same/") + name),
                  in / "office" / name);
  }
  const std::string i = in.string() + "/";
  ASSERT_EQ(
      RunJxaudit("check " + i + "tables --fail-on never --out " + i + "base",
                 dir_)
          .exit_code,
      0);
  const auto before = Snapshot(in);
  const std::vector<std::string> runs = {
      "check " + i + "tables " + i + "2025.txt --config " + i +
          "config.yaml --waivers " + i + "waivers.yaml --baseline " + i +
          "base/findings.json --fail-on never --out " + i + "run",
      "compare " + i + "base/findings.json " + i + "2025.txt --out " + i +
          "cmp",
      "check " + i + "office --fail-on never --out " + i + "orun",
  };
  for (const std::string& run : runs) {
    const JxauditResult r = RunJxaudit(run, dir_);
    EXPECT_EQ(r.exit_code, 0) << run << "\n" << r.err;
  }
  auto after = Snapshot(in);
  std::erase_if(after, [](const auto& file) {
    return file.first.starts_with("run/") || file.first.starts_with("cmp/") ||
           file.first.starts_with("orun/");
  });
  EXPECT_EQ(after, before);
}

// Every input a fuzzer found (a crash, a sanitizer report or a slow input,
// kept in fixtures/fuzz/<target>/ after its fix) goes through the same entry
// point again: a regression crashes or trips the sanitized build here, or
// runs into the ctest timeout.
TEST(FuzzRegressions, EveryKeptInputRunsThroughItsEntryPoint) {
  int replayed = 0;
  for (const fuzz::Target& target : fuzz::Targets()) {
    const fs::path folder =
        SourcePath("fixtures/fuzz/" + std::string(target.name));
    if (!fs::is_directory(folder)) continue;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (!entry.is_regular_file()) continue;
      SCOPED_TRACE(entry.path().string());
      target.run(ReadFile(entry.path()));
      ++replayed;
    }
  }
  std::cout << "replayed " << replayed << " fuzz inputs\n";
}

}  // namespace
}  // namespace jxaudit::testing
