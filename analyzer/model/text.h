// Small UTF-8 text helpers shared by the reader, the parsers and the rules.
#ifndef JXAUDIT_ANALYZER_MODEL_TEXT_H_
#define JXAUDIT_ANALYZER_MODEL_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jxaudit {

// NFKC-folds text with utf8proc: full-width digits, letters and symbols
// become ASCII ("１００％" -> "100%", "＝" -> "="). Invalid UTF-8 is returned
// unchanged so that folding can never lose text.
std::string FoldNfkc(std::string_view text);
// True when `text` is ASCII and CJK unified ideographs only, which NFKC
// leaves as they are: FoldNfkc(text) == text without folding.
bool FoldsToItself(std::string_view text);

// False only when no character of `text` can fold to an ASCII digit: ASCII
// other than digits, CJK unified ideographs and the punctuation and symbol
// blocks that NFKC maps to no digit. A quick test on raw bytes before
// folding a cell to look for numbers; true for anything it does not know.
bool MayFoldToAsciiDigit(std::string_view text);

// NFKC-folded text that remembers where each of its bytes came from, so
// that a match found in the folded text can be quoted as the department
// wrote it ("２０２３年" stays full-width in a message).
struct FoldedText {
  std::string_view raw;
  std::string text;  // FoldNfkc(raw)
  // raw_offset[i]: where in `raw` the character that gave text[i] starts;
  // one more entry, raw.size(). Empty when folding character by character
  // differs from folding the whole (combining marks): RawOf then gives the
  // folded text.
  std::vector<uint32_t> raw_offset;

  // The raw text behind text[begin, end); `begin` and `end` at character
  // boundaries of `text`.
  std::string RawOf(size_t begin, size_t end) const;
};
FoldedText FoldNfkcMapped(std::string_view raw);

// True for the characters the tables use as "nothing here": ASCII space,
// TAB, CR, LF and the ideographic space U+3000.
bool IsBlankText(std::string_view text);

// Removes leading and trailing ASCII whitespace and U+3000.
std::string_view TrimBlank(std::string_view text);

// Removes every blank (ASCII whitespace, U+3000, NBSP) anywhere in the text.
std::string RemoveAllBlanks(std::string_view text);

// Number of Unicode code points (not bytes) in valid UTF-8 text.
size_t CodePointCount(std::string_view text);

// The code points of UTF-8 text; an invalid byte becomes one code point of
// its own value, so that nothing is lost.
std::u32string CodePoints(std::string_view text);

// Whether the bytes are valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Bytes in the UTF-8 sequence that `lead` starts: 1 below 0x80, 2 below
// 0xE0, 3 below 0xF0, else 4. Lenient for invalid text (a stray continuation
// byte counts 2); callers clamp to the text's end.
size_t Utf8SequenceLength(unsigned char lead);

// Whether the byte continues a UTF-8 sequence (10xxxxxx): a cut before it
// would split a character.
bool IsUtf8Continuation(char byte);

// The code point of the three-byte UTF-8 sequence at `text[i]` (every CJK
// ideograph and CJK or full-width punctuation mark), 0 when no well-formed
// three-byte sequence starts there. Inline: scanners call it at every
// character of every cell.
inline char32_t ThreeByteCodePointAt(std::string_view text, size_t i) {
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  if ((b[i] & 0xF0) != 0xE0 || i + 2 >= text.size() ||
      (b[i + 1] & 0xC0) != 0x80 || (b[i + 2] & 0xC0) != 0x80) {
    return 0;
  }
  return (char32_t{b[i]} & 0x0F) << 12 | (char32_t{b[i + 1]} & 0x3F) << 6 |
         (char32_t{b[i + 2]} & 0x3F);
}

// One view per code point (by Utf8SequenceLength, the last one clamped), for
// cutting text without re-encoding it.
std::vector<std::string_view> CodePointSlices(std::string_view text);

// The last `n` code points of UTF-8 text; "" when it has fewer.
std::string_view LastCodePoints(std::string_view text, int n);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_TEXT_H_
