#include "analyzer/model/evidence.h"

#include <algorithm>

namespace jxaudit {

Evidence::Evidence(std::initializer_list<EvidenceMember> members) {
  // The list's members are const, but their key and value are mutable
  // (EvidenceMember): they are moved, not copied, so that an evidence array
  // built by a rule ("rows" of a copied table) is not copied deeply again.
  members_.reserve(members.size());
  for (const EvidenceMember& member : members) {
    members_.push_back({std::move(member.key), std::move(member.value)});
  }
}

EvidenceValue& Evidence::operator[](std::string_view key) {
  for (EvidenceMember& member : members_) {
    if (member.key == key) return member.value;
  }
  members_.push_back({std::string(key), EvidenceValue()});
  return members_.back().value;
}

size_t EvidenceValue::size() const {
  if (const auto* array = std::get_if<EvidenceArray>(&value_)) {
    return array->size();
  }
  if (const auto* object = std::get_if<Evidence>(&value_)) {
    return object->members().size();
  }
  return 0;
}

const EvidenceValue* Evidence::Find(std::string_view key) const {
  const auto it =
      std::find_if(members_.begin(), members_.end(),
                   [&](const EvidenceMember& m) { return m.key == key; });
  return it == members_.end() ? nullptr : &it->value;
}

const std::string* Evidence::FindString(std::string_view key) const {
  const EvidenceValue* value = Find(key);
  return value == nullptr ? nullptr : value->AsString();
}

}  // namespace jxaudit
