// FoldNfkc's fast path (the characters Chinese tables use, without
// utf8proc's allocations) must give utf8proc's NFKC exactly.
#include <utf8proc.h>

#include <cstdlib>
#include <sstream>
#include <string>

#include "analyzer/model/text.h"
#include "test_util.h"

namespace jxaudit {
namespace {

std::string Utf8procNfkc(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &folded,
                   static_cast<utf8proc_option_t>(
                       UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
  if (length < 0) return std::string(text);
  std::string out(reinterpret_cast<const char*>(folded),
                  static_cast<size_t>(length));
  std::free(folded);
  return out;
}

TEST(FoldNfkc, SameAsUtf8procOnEveryLineOfTheCorpora) {
  int lines = 0;
  for (const char* file : {"fixtures/corpus/junshan-2024.txt",
                           "fixtures/corpus/junshan-2025-sim.txt",
                           "fixtures/corpus/junshan-2026-sim.txt"}) {
    std::istringstream in(testing::ReadFile(testing::SourcePath(file)));
    std::string line;
    while (std::getline(in, line)) {
      ASSERT_EQ(FoldNfkc(line), Utf8procNfkc(line)) << file << ": " << line;
      ++lines;
    }
  }
  EXPECT_GT(lines, 60000);
}

TEST(FoldNfkc, SameAsUtf8procOnTheCharactersItMaps) {
  for (std::string_view text :
       {"１０％，扣完即止。", "　（２０２４年）", "ＡＢｃ：≥95％", "e\u0301",
        "Ａ\u0301", "…℃№〸〶", "「引号」《书名》【注】〜", "·×÷—‘’“”≤≥", "ｶﾞ",
        "\xff\xfe bad bytes"}) {
    EXPECT_EQ(FoldNfkc(text), Utf8procNfkc(text)) << text;
  }
}

TEST(FoldNfkcMapped, QuotesTheRawTextBehindAFoldedMatch) {
  const std::string raw = "在２０２３年１２月前完成（Ａ类）";
  const FoldedText folded = FoldNfkcMapped(raw);
  EXPECT_EQ(folded.text, "在2023年12月前完成(A类)");
  const size_t year = folded.text.find("2023年");
  EXPECT_EQ(folded.RawOf(year, year + std::string("2023年").size()),
            "２０２３年");
  EXPECT_EQ(folded.RawOf(0, folded.text.size()), raw);
  const size_t paren = folded.text.find("(A");
  EXPECT_EQ(folded.RawOf(paren, paren + 2), "（Ａ");
}

TEST(FoldNfkcMapped, CombiningMarksFallBackToTheFoldedText) {
  // "e" + U+0301 composes to "é" only when folded together.
  const std::string raw = "cafe\u0301 2023";
  const FoldedText folded = FoldNfkcMapped(raw);
  EXPECT_EQ(folded.text, "caf\u00e9 2023");
  EXPECT_TRUE(folded.raw_offset.empty());
  EXPECT_EQ(folded.RawOf(folded.text.size() - 4, folded.text.size()), "2023");
}

}  // namespace
}  // namespace jxaudit
