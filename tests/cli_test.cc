// End-to-end tests of the jxaudit binary: exit codes, bad input, the JSON
// contract, configuration errors and the output-folder safety rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("cli");
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / "in" / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  fs::path dir_;
};

TEST_F(CliTest, RealCorpusWritesFindingsJsonAndFailsOnErrors) {
  const fs::path out = dir_ / "out";
  JxauditResult r =
      RunJxaudit("check " + CorpusPath() + " --out " + out.string(), dir_);
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the corpus has weight/sum errors
  EXPECT_THAT(r.out, HasSubstr("120 个单位 · 1710 个指标"));
  ASSERT_TRUE(fs::exists(out / "findings.json"));
  const nlohmann::json report = ReadJson(out / "findings.json");
  EXPECT_EQ(report["tool"]["name"], "jxaudit");
  EXPECT_EQ(report["run"]["target_year"], 2024);
  EXPECT_EQ(report["units"].size(), 120u);
  // Exactly the five units whose weights do not add up (checked by hand).
  std::map<int, double> sums;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "weight/sum") {
      sums[f["source"]["line"].get<int>()] = f["evidence"]["sum"].get<double>();
      EXPECT_TRUE(f["indicator"].is_null());
    }
    EXPECT_GE(f["priority"].get<double>(), 0.0);
    EXPECT_LE(f["priority"].get<double>(), 1.0);
    EXPECT_EQ(f["fingerprint"].get<std::string>().size(), 16u);
  }
  const std::map<int, double> expected = {
      {9504, 90}, {10156, 95}, {17487, 105}, {20088, 95}, {21674, 90}};
  EXPECT_EQ(sums, expected);
  // Findings are sorted by priority, highest first.
  double previous = 2;
  for (const auto& f : report["findings"]) {
    EXPECT_LE(f["priority"].get<double>(), previous);
    previous = f["priority"].get<double>();
  }
  // No temporary file is left beside the report.
  for (const auto& entry : fs::directory_iterator(out)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"),
              std::string::npos);
  }
}

TEST_F(CliTest, FailOnNeverExitsZero) {
  JxauditResult r = RunJxaudit(
      "check " + CorpusPath() + " --fail-on never --format json", dir_);
  EXPECT_EQ(r.exit_code, 0);
  const auto report = nlohmann::json::parse(r.out);
  EXPECT_FALSE(report["findings"].empty());
}

TEST_F(CliTest, CleanTableExitsZero) {
  // The first table of the weight/sum fixture (between its "//! rule:" line
  // and the first "//! expect:") is clean under every rule.
  const std::string text =
      ReadFile(SourcePath("fixtures/rules/weight-sum.txt"));
  const size_t begin = text.find('\n') + 1;
  const fs::path file =
      Write("clean.txt", text.substr(begin, text.find("//! expect") - begin));
  JxauditResult r =
      RunJxaudit("check " + file.string() + " --fail-on error", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(CliTest, MissingPathIsNamedAndTheOtherInputsAreStillChecked) {
  JxauditResult r = RunJxaudit("check " + (dir_ / "nope.txt").string() + " " +
                                   CorpusPath() + " --fail-on never",
                               dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("nope.txt: 错误: 路径不存在"));
  EXPECT_THAT(r.out, HasSubstr("120 个单位"));
}

TEST_F(CliTest, EmptyAndBinaryFilesAreSkippedWithOneLineEach) {
  const fs::path empty = Write("empty.txt", "");
  const fs::path binary = Write("table.docx", std::string("PK\x03\x04\0\0", 6));
  JxauditResult r =
      RunJxaudit("check " + empty.string() + " " + binary.string() + " " +
                     CorpusPath() + " --fail-on never",
                 dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              HasSubstr("empty.txt: 错误: " + empty.string() + ": 文件为空"));
  // A .docx is read now; a damaged one says so (it used to be "binary").
  EXPECT_THAT(r.err, HasSubstr("table.docx: 不是完整的 Office 文件"));
  EXPECT_THAT(r.out, HasSubstr("120 个单位"));
}

TEST_F(CliTest, FileCutOffInsideACharacterIsReadAsUtf8AndSaysSo) {
  const std::string text = ReadFile(CorpusPath());
  // Cut inside the first three-byte (CJK) character after byte 30000.
  size_t cut = 30000;
  while ((static_cast<unsigned char>(text[cut]) & 0xF0) != 0xE0) ++cut;
  const fs::path truncated = Write("truncated.txt", text.substr(0, cut + 2));
  const JxauditResult r =
      RunJxaudit("check " + truncated.string() + " --fail-on never", dir_);
  // The table cut off at the end is an input error (exit 2); the file
  // itself is read as the UTF-8 it is.
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("truncated.txt: 警告: 文件末尾的字符不完整"));
  EXPECT_THAT(r.err, HasSubstr("表格可能被截断"));
  EXPECT_THAT(r.err, HasSubstr("已忽略最后 2 个字节"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("GB18030")));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr(" 0 个单位")));
}

TEST_F(CliTest, GbkFileIsConvertedAndSaysSo) {
  // The first 48 lines of the corpus (unit 1 up to its header) plus one row,
  // converted to GBK with iconv.
  const std::string utf8 =
      "\t2024年测试局整体支出绩效目标表\n\n\t部门（单位）名称\n\t测试局\n\n"
      "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值类型\n\t指标值\n"
      "\t计量单位\n\t指标解释\n\t评（扣）分标准\n\t备注\n\n"
      "\t产出指标\n\t数量指标\n\t会议\n\t≥\n\t4\n\t次\n\t说明\n\t少1次扣1分\n\t"
      "100\n";
  const fs::path source = Write("utf8.txt", utf8);
  const fs::path gbk = dir_ / "in" / "gbk.txt";
  ASSERT_EQ(std::system(("iconv -f UTF-8 -t GBK " + source.string() + " > " +
                         gbk.string())
                            .c_str()),
            0);
  fs::remove(source);
  JxauditResult r = RunJxaudit("dump " + gbk.string(), dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("按 GB18030/GBK 编码读取"));
  const auto model = nlohmann::json::parse(r.out);
  EXPECT_EQ(model["files"][0]["encoding"], "GB18030");
  EXPECT_EQ(model["units"][0]["name"], "测试局");
  EXPECT_EQ(model["units"][0]["rows"][0]["cells"]["name"]["text"], "会议");
}

TEST_F(CliTest, RefusesToWriteIntoAnInputFolder) {
  Write("t.txt", "\t2024年测试局整体支出绩效目标表\n");
  JxauditResult r = RunJxaudit("check " + (dir_ / "in").string() + " --out " +
                                   (dir_ / "in" / "out").string(),
                               dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("不向输入文件夹写入"));
  EXPECT_FALSE(fs::exists(dir_ / "in" / "out"));
}

// The rule protects what jxaudit reads, whichever way the paths are spelled.
class OutDirRuleTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    fs::copy_file(CorpusPath(), dir_ / "in" / "君山.txt");
  }
  // Runs `check <args>` from `cwd` (relative spellings resolve there).
  JxauditResult Check(const std::string& args, const fs::path& cwd) {
    return RunJxaudit("check " + args + " --fail-on never", dir_, cwd);
  }
};

TEST_F(OutDirRuleTest, WritingNextToAnInputFileIsAllowedAbsolute) {
  const fs::path in = dir_ / "in";
  const JxauditResult r = Check(
      (in / "君山.txt").string() + " --out " + (in / "review").string(), dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(in / "review" / "findings.json"));
}

TEST_F(OutDirRuleTest, WritingNextToAnInputFileIsAllowedRelative) {
  const JxauditResult r = Check("君山.txt --out review", dir_ / "in");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "in" / "review" / "findings.json"));
}

TEST_F(OutDirRuleTest, OutInsideAnInputFolderIsRefusedAbsolute) {
  const fs::path in = dir_ / "in";
  const JxauditResult r =
      Check(in.string() + " --out " + (in / "review").string(), dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("位于输入文件夹 " + in.string() + " 之内"));
  EXPECT_FALSE(fs::exists(in / "review"));
}

TEST_F(OutDirRuleTest, OutInsideAnInputFolderIsRefusedRelative) {
  // "in/./sub/../review" does not exist; it still resolves inside "in".
  const JxauditResult r = Check("in --out in/./sub/../review", dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              HasSubstr("位于输入文件夹 " + (dir_ / "in").string() + " 之内"));
  EXPECT_FALSE(fs::exists(dir_ / "in" / "review"));
}

TEST_F(OutDirRuleTest, OutEqualToTheInputFolderIsRefusedRelative) {
  const JxauditResult r = Check(". --out ./", dir_ / "in");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("不向输入文件夹写入"));
  EXPECT_FALSE(fs::exists(dir_ / "in" / "findings.json"));
}

TEST_F(OutDirRuleTest, OutEqualToAnInputFileIsRefusedBothSpellings) {
  const fs::path file = dir_ / "in" / "君山.txt";
  const std::string before = ReadFile(file);
  for (const auto& [args, cwd] :
       {std::pair{file.string() + " --out " + file.string(), dir_},
        std::pair{std::string("in/君山.txt --out ../cli-x/../") +
                      dir_.filename().string() + "/in/君山.txt",
                  dir_}}) {
    const JxauditResult r = Check(args, cwd);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_THAT(r.err, HasSubstr("就是输入文件 " + file.string())) << args;
  }
  EXPECT_EQ(ReadFile(file), before);
}

TEST_F(OutDirRuleTest, AReportThatWouldOverwriteABaselineIsRefused) {
  // The baseline is dir/in/findings.json; --out dir/in would rewrite it.
  const fs::path in = dir_ / "in";
  ASSERT_EQ(Check((in / "君山.txt").string() + " --out " + in.string(), dir_)
                .exit_code,
            0);
  const std::string before = ReadFile(in / "findings.json");
  const JxauditResult r = Check(
      "in/君山.txt --baseline in/findings.json "
      "--out in",
      dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("与 --out in 中的报告同名，会被覆盖"));
  EXPECT_EQ(ReadFile(in / "findings.json"), before);
}

TEST_F(CliTest, ConfigErrorsNameFileLineAndKey) {
  const fs::path bad_key = dir_ / "bad.yaml";
  std::ofstream(bad_key) << "rules:\n  weight/sum:\n    tolerence: 1\n";
  JxauditResult r = RunJxaudit(
      "check " + CorpusPath() + " --config " + bad_key.string(), dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(bad_key.string() + ":3: 键 \"tolerence\""));

  const fs::path bad_type = dir_ / "type.yaml";
  std::ofstream(bad_type)
      << "# comment\nrules:\n  weight/sum:\n    expected_total: 一百\n";
  r = RunJxaudit("check " + CorpusPath() + " --config " + bad_type.string(),
                 dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(bad_type.string() +
                               ":4: 键 \"expected_total\": 应为数字"));

  const fs::path unknown = dir_ / "top.yaml";
  std::ofstream(unknown) << "framwork: []\n";
  r = RunJxaudit("rules --config " + unknown.string(), dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(
      r.err, HasSubstr(unknown.string() + ":1: 键 \"framwork\": 未知的配置项"));
}

TEST_F(CliTest, ConfigOverridesSeverityAndParameters) {
  const fs::path config = dir_ / "c.yaml";
  std::ofstream(config) << "rules:\n  weight/sum:\n    severity: warning\n"
                           "    tolerance: 6\n";
  JxauditResult r = RunJxaudit(
      "check " + CorpusPath() + " --format json --config " + config.string(),
      dir_);
  const auto report = nlohmann::json::parse(r.out);
  int sums = 0;
  for (const auto& f : report["findings"]) {
    if (f["rule"] != "weight/sum") continue;
    ++sums;
    EXPECT_EQ(f["severity"], "warning");
  }
  // Differences are -10, -5, +5, -5, -10: only the two of 10 exceed 6.
  EXPECT_EQ(sums, 2);
}

TEST_F(CliTest, WaivedFindingsAreListedApartAndStaleWaiversReported) {
  const std::string waivers = SourcePath("fixtures/waivers/example.yaml");
  JxauditResult r = RunJxaudit(
      "check " + CorpusPath() + " --format json --waivers " + waivers, dir_);
  const auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["waived"].size(), 2u);
  for (const auto& f : report["findings"]) {
    EXPECT_NE(f["source"]["line"], 9504) << "a waived finding is still counted";
  }
  EXPECT_EQ(report["waived"][0]["waiver"]["accepted_by"],
            "区财政局预算股 李明");
  ASSERT_EQ(report["stale_waivers"].size(), 2u);
  EXPECT_EQ(report["stale_waivers"][0]["why"], "matches-nothing");
  EXPECT_EQ(report["stale_waivers"][1]["why"], "expired");
  // The waived weight/sum error of 十六中学 (title line 9504) is not in its
  // unit's counts: one error fewer than in a run without waivers.
  const auto plain = nlohmann::json::parse(
      RunJxaudit("check " + CorpusPath() + " --format json", dir_).out);
  auto errors_of_unit_at = [](const nlohmann::json& run, int line) {
    for (const auto& unit : run["units"]) {
      if (unit["source"]["line"] == line)
        return unit["counts"]["error"].get<int>();
    }
    return -1;
  };
  EXPECT_EQ(errors_of_unit_at(report, 9504) + 1,
            errors_of_unit_at(plain, 9504));

  r = RunJxaudit("check " + CorpusPath() + " --waivers " + waivers, dir_);
  EXPECT_THAT(r.out, HasSubstr("（另有 2 个已豁免）"));
  EXPECT_THAT(r.out, HasSubstr("example.yaml:18: 豁免没有匹配任何问题"));
  EXPECT_THAT(r.out, HasSubstr("example.yaml:23: 豁免已过期（有效至2023年）"));

  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad) << "waivers:\n  - unit: x\n";
  r = RunJxaudit("check " + CorpusPath() + " --waivers " + bad.string(), dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(bad.string() + ":2: 缺少必填键"));
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunJxaudit("check", dir_).exit_code, 2);
  EXPECT_EQ(
      RunJxaudit("check " + CorpusPath() + " --format xml", dir_).exit_code, 2);
  EXPECT_EQ(RunJxaudit("frobnicate", dir_).exit_code, 2);
  EXPECT_EQ(RunJxaudit("--help", dir_).exit_code, 0);
}

TEST_F(CliTest, CompareNamesAMissingSideAndExitsTwo) {
  const JxauditResult r = RunJxaudit(
      "compare " + (dir_ / "in" / "none.txt").string() + " " + CorpusPath(),
      dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("none.txt"));
  EXPECT_THAT(r.err, HasSubstr("没有读到任何绩效目标表"));
}

TEST_F(CliTest, CompareRefusesToWriteIntoAnInputFolder) {
  Write("old.txt", "\t2024年测试局整体支出绩效目标表\n");
  const JxauditResult r =
      RunJxaudit("compare " + (dir_ / "in").string() + " " + CorpusPath() +
                     " --out " + (dir_ / "in" / "cmp").string(),
                 dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("不向输入文件夹写入"));
  EXPECT_FALSE(fs::exists(dir_ / "in" / "cmp"));
}

TEST_F(CliTest, RulesListsEveryRuleWithItsDocs) {
  JxauditResult r = RunJxaudit("rules", dir_);
  EXPECT_EQ(r.exit_code, 0);
  for (const auto& rule : Rules()) {
    EXPECT_THAT(r.out, HasSubstr(rule->info().id));
    EXPECT_THAT(r.out, HasSubstr(rule->info().DocsPath()));
  }
}

}  // namespace
}  // namespace jxaudit::testing
