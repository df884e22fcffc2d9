// Debian's Abseil 20220623 is built with its own absl::string_view (not an
// alias of std::string_view), so absl::StrCat cannot take a std::string_view.
// These wrappers map std::string_view arguments to absl::string_view and
// forward everything else, so code can use std::string_view throughout.
#ifndef JXAUDIT_ANALYZER_MODEL_STRINGS_H_
#define JXAUDIT_ANALYZER_MODEL_STRINGS_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace jxaudit {

inline absl::string_view AV(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}
inline std::string_view SV(absl::string_view text) {
  return std::string_view(text.data(), text.size());
}

namespace strings_internal {

template <typename T>
decltype(auto) Piece(const T& value) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return AV(value);
  } else {
    return (value);
  }
}

}  // namespace strings_internal

template <typename... Args>
std::string StrCat(const Args&... args) {
  return absl::StrCat(strings_internal::Piece(args)...);
}

template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  absl::StrAppend(out, strings_internal::Piece(args)...);
}

inline bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Whether `word` is one of `words` (an array or container of strings).
template <typename Words>
bool IsOneOf(std::string_view word, const Words& words) {
  for (std::string_view w : words) {
    if (word == w) return true;
  }
  return false;
}

// Whether `text` contains one of `words`; empty words never match. Sets
// *which to the first word found when asked.
template <typename Words>
bool ContainsAnyOf(std::string_view text, const Words& words,
                   std::string* which = nullptr) {
  for (std::string_view w : words) {
    if (!w.empty() && Contains(text, w)) {
      if (which != nullptr) *which = std::string(w);
      return true;
    }
  }
  return false;
}

// The same for a braced list: ContainsAnyOf(name, {"支出", "经费"}).
inline bool ContainsAnyOf(std::string_view text,
                          std::initializer_list<std::string_view> words,
                          std::string* which = nullptr) {
  return ContainsAnyOf<std::initializer_list<std::string_view>>(text, words,
                                                                which);
}

// '0'..'9' only (not the locale's digits, not full-width ones).
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Prefix and suffix tests: std::string_view::starts_with / ends_with (C++20)
// take std::string_view directly, so no local helpers are needed.

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_STRINGS_H_
