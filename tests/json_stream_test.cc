// findings.json and findings.sarif are written as they are rendered, a chunk
// of elements at a time on several threads: the bytes must be exactly what
// dumping the whole document gives, whatever the thread count.
#include "reports/json_stream.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "analyzer/engine/engine.h"
#include "analyzer/engine/ranking.h"
#include "reports/json_report.h"
#include "reports/sarif_report.h"
#include "tests/test_util.h"

namespace jxaudit {
namespace {

using nlohmann::json;

// Element i: nested objects and arrays, a string with an escaped newline,
// quote and non-ASCII text, so that indentation and escaping both show.
json Element(int i) {
  return {{"id", i},
          {"text", "第" + std::to_string(i) + "行\n\"引号\""},
          {"parts", json::array({i, json::object({{"deep", {1, 2}}})})},
          {"empty", json::array()}};
}

std::string Streamed(const json& skeleton,
                     const std::vector<StreamedArray>& arrays, int threads) {
  std::string out;
  const absl::Status status =
      WriteStreamedJson(skeleton, arrays, threads, [&](std::string_view b) {
        out.append(b);
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

TEST(JsonStreamTest, SameBytesAsDumpAcrossChunksAndThreads) {
  // 1,300 elements cross the 512-element chunks twice; the second array is
  // empty and the third sits two objects deep.
  const int sizes[] = {1300, 0, 3};
  std::vector<StreamedArray> arrays;
  for (int size : sizes) arrays.push_back({size, Element});
  const json skeleton = {{"b", ArraySlot(0)},
                         {"a", {{"x", 1}, {"empty", ArraySlot(1)}}},
                         {"c", {{"in", {{"deeper", ArraySlot(2)}}}}}};
  json whole = skeleton;
  whole["b"] = json::array();
  for (int i = 0; i < sizes[0]; ++i) whole["b"].push_back(Element(i));
  whole["a"]["empty"] = json::array();
  whole["c"]["in"]["deeper"] = {Element(0), Element(1), Element(2)};
  const std::string expected = whole.dump(2) + "\n";
  EXPECT_EQ(Streamed(skeleton, arrays, 1), expected);
  EXPECT_EQ(Streamed(skeleton, arrays, 2), expected);
  EXPECT_EQ(Streamed(skeleton, arrays, 5), expected);
}

// A string of the skeleton that only starts like a placeholder (a
// diagnostic could quote anything) is written as it is.
TEST(JsonStreamTest, OnlyWholePlaceholdersAreReplaced) {
  const std::string lookalike = ArraySlot(0).get<std::string>() + " 之后";
  const json skeleton = {{"diagnostics", {lookalike}}, {"items", ArraySlot(0)}};
  json whole = skeleton;
  whole["items"] = {Element(0), Element(1)};
  EXPECT_EQ(Streamed(skeleton, {{2, Element}}, 2), whole.dump(2) + "\n");
}

TEST(JsonStreamTest, AFailingSinkStopsTheWrite) {
  int calls = 0;
  const absl::Status status = WriteStreamedJson(
      {{"items", ArraySlot(0)}}, {{5000, Element}}, 2, [&](std::string_view) {
        return ++calls == 3 ? absl::ResourceExhaustedError("磁盘已满")
                            : absl::OkStatus();
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(calls, 3);
}

// The real corpus's findings.json and SARIF: streamed on two threads, the
// same bytes as the documents dumped whole.
TEST(JsonStreamTest, FindingsJsonAndSarifMatchTheWholeDocuments) {
  const Corpus& corpus = testing::RealCorpus();
  std::vector<Finding> findings = RunRules(corpus, testing::DefaultConfig(),
                                           testing::Rules(), {.threads = 2});
  const std::vector<UnitScore> scores = RankFindings(
      corpus, testing::Rules(), testing::DefaultConfig().ranking(), findings);
  ReportInput input{corpus, findings, scores};
  input.threads = 2;
  ASSERT_GT(findings.size(), 400u);
  std::string json_bytes, sarif_bytes;
  ASSERT_TRUE(WriteFindingsJson(input, [&](std::string_view b) {
                json_bytes.append(b);
                return absl::OkStatus();
              }).ok());
  ASSERT_TRUE(WriteFindingsSarif(input, [&](std::string_view b) {
                sarif_bytes.append(b);
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(json_bytes, FindingsJson(input).dump(2) + "\n");
  EXPECT_EQ(sarif_bytes, FindingsSarif(input).dump(2) + "\n");
  EXPECT_EQ(json::parse(json_bytes)["findings"].size(), findings.size());
}

}  // namespace
}  // namespace jxaudit
