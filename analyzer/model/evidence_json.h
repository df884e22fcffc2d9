// Renders a finding's compact evidence as JSON, for the reports that write
// it and for tests that inspect it.
#ifndef JXAUDIT_ANALYZER_MODEL_EVIDENCE_JSON_H_
#define JXAUDIT_ANALYZER_MODEL_EVIDENCE_JSON_H_

#include <nlohmann/json.hpp>

#include "analyzer/model/evidence.h"

namespace jxaudit {

// An object whose keys are sorted (nlohmann::json's order), so that the
// output does not depend on the order a rule set them in.
nlohmann::json EvidenceJson(const Evidence& evidence);
nlohmann::json EvidenceJson(const EvidenceValue& value);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_EVIDENCE_JSON_H_
