#include "analyzer/model/evidence_json.h"

namespace jxaudit {
namespace {

struct ToJson {
  nlohmann::json operator()(std::nullptr_t) const { return nullptr; }
  nlohmann::json operator()(bool b) const { return b; }
  nlohmann::json operator()(int64_t i) const { return i; }
  nlohmann::json operator()(double d) const { return d; }
  nlohmann::json operator()(const std::string& s) const { return s; }
  nlohmann::json operator()(const EvidenceArray& array) const {
    nlohmann::json out = nlohmann::json::array();
    for (const EvidenceValue& item : array) out.push_back(EvidenceJson(item));
    return out;
  }
  nlohmann::json operator()(const Evidence& object) const {
    return EvidenceJson(object);
  }
};

}  // namespace

nlohmann::json EvidenceJson(const Evidence& evidence) {
  nlohmann::json out = nlohmann::json::object();
  // Setting a key twice keeps the last value, as assigning into a JSON
  // object does.
  for (const EvidenceMember& member : evidence.members()) {
    out[member.key] = EvidenceJson(member.value);
  }
  return out;
}

nlohmann::json EvidenceJson(const EvidenceValue& value) {
  return std::visit(ToJson(), value.storage());
}

}  // namespace jxaudit
