// FoldNfkc's fast path (the characters Chinese tables use, without
// utf8proc's allocations) must give utf8proc's NFKC exactly.
#include <utf8proc.h>

#include <algorithm>
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

// FoldsToItself lets a lookup skip the fold: it may say false for text
// that folds to itself, never true for text that does not.
TEST(FoldsToItself, OnlyForAsciiAndIdeographsThatNfkcKeeps) {
  EXPECT_TRUE(FoldsToItself("万元"));
  EXPECT_TRUE(
      FoldsToItself("km2 一丁龥鿿"));  // U+4E00, U+4E01, U+9FA5, U+9FFF
  EXPECT_TRUE(FoldsToItself(""));
  EXPECT_FALSE(FoldsToItself("１０"));      // full width
  EXPECT_FALSE(FoldsToItself("㎡"));        // folds to m2
  EXPECT_FALSE(FoldsToItself("e\u0301"));   // composes to é
  EXPECT_FALSE(FoldsToItself("〇"));        // U+3007, below U+4E00
  EXPECT_FALSE(FoldsToItself("\xE4\xB8"));  // cut-off character
  int stable = 0;
  for (const char* file : {"fixtures/corpus/junshan-2024.txt",
                           "fixtures/corpus/junshan-2025-sim.txt"}) {
    std::istringstream in(testing::ReadFile(testing::SourcePath(file)));
    std::string line;
    while (std::getline(in, line)) {
      if (!FoldsToItself(line)) continue;
      ASSERT_EQ(Utf8procNfkc(line), line) << file << ": " << line;
      ++stable;
    }
  }
  EXPECT_GT(stable, 10000);
}

// MayFoldToAsciiDigit lets a rule skip folding a cell: it may say true
// for a character that folds to no digit, never false for one that does.
// Checked against utf8proc for every code point below U+30000.
TEST(MayFoldToAsciiDigit, NeverFalseForACharacterThatFoldsToADigit) {
  int digits = 0, passed_over = 0;
  for (char32_t c = 1; c < 0x30000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf);
    const std::string text(reinterpret_cast<const char*>(buf), n);
    const std::string folded = Utf8procNfkc(text);
    const bool digit = std::any_of(folded.begin(), folded.end(),
                                   [](char b) { return b >= '0' && b <= '9'; });
    if (digit) {
      ++digits;
      ASSERT_TRUE(MayFoldToAsciiDigit(text))
          << "U+" << std::hex << static_cast<uint32_t>(c);
    } else if (!MayFoldToAsciiDigit(text)) {
      ++passed_over;
    }
  }
  EXPECT_GT(digits, 300);         // ０-９, ①-⑳, ², ⅓, 𝟎…
  EXPECT_GT(passed_over, 20000);  // the ideographs and punctuation
  EXPECT_FALSE(MayFoldToAsciiDigit("年度目标，完成率。"));
  EXPECT_TRUE(MayFoldToAsciiDigit("完成２０２３年任务"));
  EXPECT_TRUE(MayFoldToAsciiDigit("第③项"));
  EXPECT_TRUE(MayFoldToAsciiDigit("\xE4\xB8"));  // cut-off character
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

namespace jxaudit {
namespace {

// utf8proc's reading of validity, the reference the fast check must match.
bool Utf8procValid(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(
        reinterpret_cast<const utf8proc_uint8_t*>(bytes.data() + i),
        static_cast<utf8proc_ssize_t>(bytes.size() - i), &cp);
    if (n <= 0) return false;
    i += static_cast<size_t>(n);
  }
  return true;
}

TEST(IsValidUtf8, AgreesWithUtf8procOnEdgeCases) {
  const std::string cases[] = {
      "",
      "plain ASCII longer than eight bytes",
      "绩效目标表：完成率≥95％",
      "\xC0\xAF",                      // overlong '/'
      "\xE0\x80\xAF",                  // overlong, three bytes
      "\xED\xA0\x80",                  // a surrogate
      "\xF4\x90\x80\x80",              // past U+10FFFF
      "\xF0\x9F\x98\x80",              // U+1F600
      "abcdefg\xE4\xB8",               // cut off after seven ASCII bytes
      "abcdefgh\x80",                  // a stray continuation byte
      "\xE4\xB8\xAD\xE4\xB8\xAD\xE4",  // cut off inside the third character
      std::string("nul\0inside", 10),
  };
  for (const std::string& bytes : cases) {
    EXPECT_EQ(IsValidUtf8(bytes), Utf8procValid(bytes)) << bytes;
  }
  EXPECT_TRUE(IsValidUtf8(testing::ReadFile(testing::CorpusPath())));
}

// Every sequence of up to three bytes drawn from the bytes that matter
// (ASCII, continuation bytes at their edges, every kind of lead byte).
TEST(IsValidUtf8, AgreesWithUtf8procOnEveryShortSequence) {
  const unsigned char kBytes[] = {0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                  0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xE4,
                                  0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5};
  int checked = 0;
  for (const unsigned char a : kBytes) {
    for (const unsigned char b : kBytes) {
      for (const unsigned char c : kBytes) {
        for (const std::string& bytes :
             {std::string{static_cast<char>(a), static_cast<char>(b),
                          static_cast<char>(c)},
              std::string{static_cast<char>(a), static_cast<char>(b)}}) {
          ASSERT_EQ(IsValidUtf8(bytes), Utf8procValid(bytes))
              << std::hex << int{a} << " " << int{b} << " " << int{c};
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 2 * 21 * 21 * 21);
}

// utf8proc's reading of code points, invalid bytes kept as their own.
std::u32string Utf8procCodePoints(std::string_view bytes) {
  std::u32string out;
  for (size_t i = 0; i < bytes.size();) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(
        reinterpret_cast<const utf8proc_uint8_t*>(bytes.data() + i),
        static_cast<utf8proc_ssize_t>(bytes.size() - i), &cp);
    if (n <= 0) {
      out.push_back(static_cast<unsigned char>(bytes[i++]));
    } else {
      out.push_back(static_cast<char32_t>(cp));
      i += static_cast<size_t>(n);
    }
  }
  return out;
}

TEST(CodePoints, AgreesWithUtf8procOnEdgeCasesAndTheCorpus) {
  for (const std::string bytes :
       {std::string("完成率≥95％ ·×"), std::string("\xC0\xAF\xE0\x80\xAF"),
        std::string("\xED\xA0\x80\xF0\x9F\x98\x80"), std::string("\xE4\xB8"),
        std::string("a\x80b")}) {
    EXPECT_EQ(CodePoints(bytes), Utf8procCodePoints(bytes)) << bytes;
  }
  const std::string corpus = testing::ReadFile(testing::CorpusPath());
  EXPECT_EQ(CodePoints(corpus), Utf8procCodePoints(corpus));
}

TEST(RemoveAllBlanks, DropsAsciiIdeographicAndNoBreakSpacesOnly) {
  EXPECT_EQ(RemoveAllBlanks(" 完成\t率\u3000≥\u00a095 %\r\n"), "完成率≥95%");
  // 0xE3 and 0xC2 lead other characters too: those stay.
  EXPECT_EQ(RemoveAllBlanks("「ぁ」\u00b7"), "「ぁ」\u00b7");
  EXPECT_EQ(RemoveAllBlanks(""), "");
}

}  // namespace
}  // namespace jxaudit
