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

}  // namespace
}  // namespace jxaudit
