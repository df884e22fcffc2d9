// The evidence a finding carries: what the rule compared, as key/value pairs
// that reports render as a JSON object.
//
// A province's run holds hundreds of thousands of findings, so the evidence
// is kept compact: an object is a flat vector of members (no tree of map
// nodes, no per-node allocation for numbers), and it is turned into JSON only
// when a report is written (EvidenceJson in evidence_json.h). Rules build it
// without the JSON library's headers, which also keeps them fast to compile.
#ifndef JXAUDIT_ANALYZER_MODEL_EVIDENCE_H_
#define JXAUDIT_ANALYZER_MODEL_EVIDENCE_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace jxaudit {

struct EvidenceMember;
class EvidenceValue;
using EvidenceArray = std::vector<EvidenceValue>;

// An object: members in the order they were set (reports sort them by key).
class Evidence {
 public:
  Evidence() = default;
  Evidence(std::initializer_list<EvidenceMember> members);
  // Declared here and defaulted below EvidenceMember: an Evidence holds
  // values that hold Evidence, so its members are complete only there
  // (clang checks this where g++ does not).
  Evidence(const Evidence&);
  Evidence(Evidence&&) noexcept;
  Evidence& operator=(const Evidence&);
  Evidence& operator=(Evidence&&) noexcept;
  ~Evidence();

  // The value under `key`, appended as null when missing.
  EvidenceValue& operator[](std::string_view key);
  const EvidenceValue* Find(std::string_view key) const;
  // The string under `key`, or nullptr when it is missing or not a string.
  const std::string* FindString(std::string_view key) const;
  bool contains(std::string_view key) const { return Find(key) != nullptr; }
  bool empty() const { return members_.empty(); }
  const std::vector<EvidenceMember>& members() const { return members_; }

 private:
  std::vector<EvidenceMember> members_;
};

// null, a boolean, an integer, a real number, a string, an array or an
// object: the JSON value kinds, so that every report renders it the same way.
class EvidenceValue {
 public:
  using Storage = std::variant<std::nullptr_t, bool, int64_t, double,
                               std::string, EvidenceArray, Evidence>;

  // Defined below EvidenceMember: constructing the variant needs every
  // alternative complete (clang checks this where g++ does not).
  EvidenceValue();
  EvidenceValue(std::nullptr_t);
  EvidenceValue(bool b);
  EvidenceValue(double d);
  EvidenceValue(float d);
  template <typename Int, std::enable_if_t<std::is_integral_v<Int> &&
                                               !std::is_same_v<Int, bool> &&
                                               !std::is_same_v<Int, char>,
                                           int> = 0>
  EvidenceValue(Int i) : value_(static_cast<int64_t>(i)) {}
  EvidenceValue(const char* s);
  EvidenceValue(std::string s);
  EvidenceValue(std::string_view s);
  EvidenceValue(EvidenceArray a);
  EvidenceValue(Evidence o);
  // Any vector of convertible values ({5, 5}, a list of names) is an array.
  template <typename T,
            std::enable_if_t<std::is_constructible_v<EvidenceValue, const T&>,
                             int> = 0>
  EvidenceValue(const std::vector<T>& items) : value_(EvidenceArray()) {
    auto& array = std::get<EvidenceArray>(value_);
    array.reserve(items.size());
    for (const T& item : items) array.emplace_back(item);
  }

  const Storage& storage() const { return value_; }
  // The number of items of an array or members of an object; 0 otherwise.
  size_t size() const;
  const std::string* AsString() const {
    return std::get_if<std::string>(&value_);
  }

 private:
  Storage value_;
};

struct EvidenceMember {
  // Mutable so that Evidence's initializer-list constructor can move them
  // out of the list (whose elements are const): every rule builds its
  // evidence as a braced list, and a copy of a nested array is deep.
  mutable std::string key;
  mutable EvidenceValue value;
};

inline Evidence::Evidence(const Evidence&) = default;
inline Evidence::Evidence(Evidence&&) noexcept = default;
inline Evidence& Evidence::operator=(const Evidence&) = default;
inline Evidence& Evidence::operator=(Evidence&&) noexcept = default;
inline Evidence::~Evidence() = default;

inline EvidenceValue::EvidenceValue() : value_(nullptr) {}
inline EvidenceValue::EvidenceValue(std::nullptr_t) : value_(nullptr) {}
inline EvidenceValue::EvidenceValue(bool b) : value_(b) {}
inline EvidenceValue::EvidenceValue(double d) : value_(d) {}
inline EvidenceValue::EvidenceValue(float d) : value_(static_cast<double>(d)) {}
inline EvidenceValue::EvidenceValue(const char* s) : value_(std::string(s)) {}
inline EvidenceValue::EvidenceValue(std::string s) : value_(std::move(s)) {}
inline EvidenceValue::EvidenceValue(std::string_view s)
    : value_(std::string(s)) {}
inline EvidenceValue::EvidenceValue(EvidenceArray a) : value_(std::move(a)) {}
inline EvidenceValue::EvidenceValue(Evidence o) : value_(std::move(o)) {}

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_EVIDENCE_H_
