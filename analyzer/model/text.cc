#include "analyzer/model/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace jxaudit {
namespace {

constexpr std::string_view kIdeographicSpace = "\u3000";
constexpr std::string_view kNoBreakSpace = "\u00a0";

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

}  // namespace

namespace {

// NFKC of one code point for the characters Chinese tables are written in,
// or -1 when utf8proc must decide (a decomposition or composition it does
// not cover). Each mapping is the code point's NFKC form.
int32_t FastNfkc(int32_t cp) {
  if (cp < 0x80) return cp;                     // ASCII (combining marks: slow)
  if (cp >= 0x4E00 && cp <= 0x9FFF) return cp;  // CJK unified ideographs
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;  // full-width ASCII
  if (cp == 0x3000) return 0x20;                         // ideographic space
  if ((cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3005 && cp <= 0x3011) ||
      (cp >= 0x3014 && cp <= 0x301F)) {
    return cp;  // 、。〃 々〆〇 〈〉《》「」『』【】 〔〕〖〗〘〙〚〛〜〝〞〟
  }
  switch (cp) {
    case 0x00B7:
    case 0x00D7:
    case 0x00F7:
    case 0x2014:
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x2264:
    case 0x2265:
      return cp;  // · × ÷ — ‘ ’ “ ” ≤ ≥
    default:
      return -1;
  }
}

// Decodes the character at text[pos] for the fast path: the two- and
// three-byte characters the tables are written in. False for anything else
// (or malformed), which goes to utf8proc.
bool DecodeForFastPath(std::string_view text, size_t pos, int32_t* cp,
                       size_t* length) {
  if (const char32_t c = ThreeByteCodePointAt(text, pos); c != 0) {
    *cp = static_cast<int32_t>(c);
    *length = 3;
    return c >= 0x800;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  const unsigned char lead = bytes[pos];
  if ((lead & 0xE0) == 0xC0 && pos + 1 < size &&
      (bytes[pos + 1] & 0xC0) == 0x80) {
    *cp = ((lead & 0x1F) << 6) | (bytes[pos + 1] & 0x3F);
    *length = 2;
    return *cp >= 0x80;
  }
  return false;
}

// FoldNfkc without utf8proc's allocations for text made only of the
// characters above; false (and `out` unspecified) otherwise. Writes
// straight into `out`'s bytes: every mapping of FastNfkc is no longer than
// its character, so the folded text fits in text.size() bytes.
// With `offsets`, also records for each byte of `out` the offset in `text`
// of the character it came from (each character folds on its own here).
bool FoldNfkcFast(std::string_view text, std::string& out,
                  std::vector<uint32_t>* offsets = nullptr) {
  out.resize(text.size());
  char* dst = out.data();
  if (offsets != nullptr) {
    offsets->clear();
    offsets->reserve(text.size() + 1);
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t pos = 0;
  while (pos < size) {
    const char* const before = dst;
    size_t length = 1;
    if (bytes[pos] < 0x80) {
      // An ASCII letter followed by a combining mark composes: slow path.
      if (pos + 1 < size && bytes[pos + 1] >= 0xCC && bytes[pos + 1] <= 0xCD)
        return false;
      *dst++ = static_cast<char>(bytes[pos]);
    } else {
      int32_t cp = 0;
      if (!DecodeForFastPath(text, pos, &cp, &length)) return false;
      const int32_t folded = FastNfkc(cp);
      if (folded < 0) return false;
      if (folded == cp) {
        std::memcpy(dst, text.data() + pos, length);
        dst += length;
      } else {
        dst += utf8proc_encode_char(folded,
                                    reinterpret_cast<utf8proc_uint8_t*>(dst));
      }
    }
    if (offsets != nullptr) {
      offsets->insert(offsets->end(), static_cast<size_t>(dst - before),
                      static_cast<uint32_t>(pos));
    }
    pos += length;
  }
  out.resize(static_cast<size_t>(dst - out.data()));
  return true;
}

}  // namespace

std::string FoldNfkc(std::string_view text) {
  if (text.empty()) return {};
  std::string fast;
  if (FoldNfkcFast(text, fast)) return fast;
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &folded,
                   static_cast<utf8proc_option_t>(
                       UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
  if (length < 0) return std::string(text);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded,
                                                                &std::free);
  return std::string(reinterpret_cast<const char*>(folded),
                     static_cast<size_t>(length));
}

namespace {

// Blocks where NFKC gives no ASCII digit (tests/text_fold_test.cc folds
// every code point of them): general punctuation, arrows, box drawing,
// shapes and symbols, CJK punctuation, and the full-width forms other than
// the digits U+FF10..U+FF19.
bool FoldsToNoDigit(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2500 && c <= 0x26FF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFFEF);
}

}  // namespace

bool MayFoldToAsciiDigit(std::string_view text) {
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    if (b[i] < 0x80) {
      if (b[i] >= '0' && b[i] <= '9') return true;
      ++i;
      continue;
    }
    // Only well-formed three-byte characters are decoded; anything else
    // may be a digit as far as this quick test knows.
    const char32_t c = ThreeByteCodePointAt(text, i);
    if (c == 0 || !FoldsToNoDigit(c)) return true;
    i += 3;
  }
  return false;
}

bool FoldsToItself(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    // U+4E00..U+9FFF is E4 B8 80 .. E9 BF BF: lead E4-E9, two continuation
    // bytes, and from E4 only B8 and above.
    if (bytes[i] < 0xE4 || bytes[i] > 0xE9 || i + 2 >= text.size() ||
        (bytes[i + 1] & 0xC0) != 0x80 || (bytes[i + 2] & 0xC0) != 0x80 ||
        (bytes[i] == 0xE4 && bytes[i + 1] < 0xB8)) {
      return false;
    }
    i += 3;
  }
  return true;
}

FoldedText FoldNfkcMapped(std::string_view raw) {
  FoldedText folded{raw, {}, {}};
  if (FoldNfkcFast(raw, folded.text, &folded.raw_offset)) {
    folded.raw_offset.push_back(static_cast<uint32_t>(raw.size()));
    return folded;
  }
  folded.text = FoldNfkc(raw);
  folded.raw_offset.clear();
  std::string piecewise;
  std::vector<uint32_t> offsets;
  offsets.reserve(folded.text.size() + 1);
  for (std::string_view c : CodePointSlices(raw)) {
    const auto at = static_cast<uint32_t>(c.data() - raw.data());
    const std::string one = FoldNfkc(c);
    piecewise += one;
    offsets.insert(offsets.end(), one.size(), at);
  }
  if (piecewise == folded.text) {
    offsets.push_back(static_cast<uint32_t>(raw.size()));
    folded.raw_offset = std::move(offsets);
  }
  return folded;
}

std::string FoldedText::RawOf(size_t begin, size_t end) const {
  if (raw_offset.empty()) return text.substr(begin, end - begin);
  return std::string(
      raw.substr(raw_offset[begin], raw_offset[end] - raw_offset[begin]));
}

std::string_view TrimBlank(std::string_view text) {
  bool changed = true;
  while (changed && !text.empty()) {
    changed = false;
    if (IsAsciiSpace(text.front())) {
      text.remove_prefix(1);
      changed = true;
    } else if (text.substr(0, 3) == kIdeographicSpace) {
      text.remove_prefix(3);
      changed = true;
    } else if (text.substr(0, 2) == kNoBreakSpace) {
      text.remove_prefix(2);
      changed = true;
    }
    if (text.empty()) break;
    if (IsAsciiSpace(text.back())) {
      text.remove_suffix(1);
      changed = true;
    } else if (text.size() >= 3 &&
               text.substr(text.size() - 3) == kIdeographicSpace) {
      text.remove_suffix(3);
      changed = true;
    } else if (text.size() >= 2 &&
               text.substr(text.size() - 2) == kNoBreakSpace) {
      text.remove_suffix(2);
      changed = true;
    }
  }
  return text;
}

bool IsBlankText(std::string_view text) { return TrimBlank(text).empty(); }

std::string RemoveAllBlanks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t kept_from = 0;  // start of the run of kept bytes not yet copied
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t blank = 0;
    if (c <= 0x20) {
      blank = IsAsciiSpace(static_cast<char>(c)) ? 1 : 0;
    } else if (c == 0xE3) {
      blank = text.substr(i, 3) == kIdeographicSpace ? 3 : 0;
    } else if (c == 0xC2) {
      blank = text.substr(i, 2) == kNoBreakSpace ? 2 : 0;
    }
    if (blank == 0) {
      ++i;
      continue;
    }
    out.append(text.data() + kept_from, i - kept_from);
    i += blank;
    kept_from = i;
  }
  out.append(text.data() + kept_from, text.size() - kept_from);
  return out;
}

size_t CodePointCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if (!IsUtf8Continuation(c)) ++count;
  }
  return count;
}

size_t Utf8SequenceLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

bool IsUtf8Continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

std::vector<std::string_view> CodePointSlices(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < text.size();) {
    const size_t len = Utf8SequenceLength(text[i]);
    out.push_back(text.substr(i, std::min(len, text.size() - i)));
    i += len;
  }
  return out;
}

std::string_view LastCodePoints(std::string_view text, int n) {
  size_t pos = text.size();
  while (n > 0 && pos > 0) {
    --pos;
    while (pos > 0 && IsUtf8Continuation(text[pos])) --pos;
    --n;
  }
  return n > 0 ? std::string_view() : text.substr(pos);
}

std::u32string CodePoints(std::string_view text) {
  std::u32string out;
  out.reserve(text.size() / 2);
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto continuation = [&](size_t at) {
    return at < n && (b[at] & 0xC0) == 0x80;
  };
  size_t i = 0;
  while (i < n) {
    // ASCII and well-formed two- and three-byte characters (the tables'
    // Chinese) decoded here; anything else as utf8proc reads it.
    if (b[i] < 0x80) {
      out.push_back(b[i++]);
      continue;
    }
    if (b[i] >= 0xC2 && b[i] <= 0xDF && continuation(i + 1)) {
      out.push_back(((b[i] & 0x1F) << 6) | (b[i + 1] & 0x3F));
      i += 2;
      continue;
    }
    if ((b[i] & 0xF0) == 0xE0 && continuation(i + 1) && continuation(i + 2)) {
      const char32_t c =
          ((b[i] & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
        out.push_back(c);
        i += 3;
        continue;
      }
    }
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t length = utf8proc_iterate(
        b + i, static_cast<utf8proc_ssize_t>(n - i), &code_point);
    if (length <= 0) {
      out.push_back(b[i++]);
      continue;
    }
    out.push_back(static_cast<char32_t>(code_point));
    i += static_cast<size_t>(length);
  }
  return out;
}

// The rules of RFC 3629 (no overlong forms, surrogates or code points past
// U+10FFFF), as utf8proc_iterate applies them, with ASCII taken eight bytes
// at a time: a province's file is hundreds of MB.
bool IsValidUtf8(std::string_view bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  const auto continuation = [&](size_t at) {
    return at < n && (b[at] & 0xC0) == 0x80;
  };
  size_t i = 0;
  while (i < n) {
    uint64_t word = 0;
    if (i + 8 <= n &&
        (std::memcpy(&word, b + i, 8), (word & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    const unsigned char c = b[i];
    // Chinese text first: E1..EC and EE..EF need just two continuation
    // bytes (E0 and ED have narrower second bytes, below).
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n &&
        ((b[i + 1] & 0xC0) | ((b[i + 2] & 0xC0) >> 2)) == 0xA0) {
      i += 3;
    } else if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!continuation(i + 1)) return false;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      const unsigned char low = c == 0xE0 ? 0xA0 : 0x80;
      const unsigned char high = c == 0xED ? 0x9F : 0xBF;
      if (i + 1 >= n || b[i + 1] < low || b[i + 1] > high ||
          !continuation(i + 2)) {
        return false;
      }
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      const unsigned char low = c == 0xF0 ? 0x90 : 0x80;
      const unsigned char high = c == 0xF4 ? 0x8F : 0xBF;
      if (i + 1 >= n || b[i + 1] < low || b[i + 1] > high ||
          !continuation(i + 2) || !continuation(i + 3)) {
        return false;
      }
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace jxaudit
