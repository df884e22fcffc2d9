// findings.json (the contract in findings-json.md) and the model dump.
#ifndef JXAUDIT_REPORTS_JSON_REPORT_H_
#define JXAUDIT_REPORTS_JSON_REPORT_H_

#include <nlohmann/json.hpp>

#include "reports/atomic_file.h"
#include "reports/report_input.h"

namespace jxaudit {

nlohmann::json FindingsJson(const ReportInput& input);
// The same document, dump(2) + "\n", written as it is rendered (on
// input.threads threads), without holding it whole.
absl::Status WriteFindingsJson(const ReportInput& input, const ByteSink& sink);
nlohmann::json FindingJson(const Corpus& corpus, const Finding& finding);
nlohmann::json DiagnosticsJson(const std::vector<InputDiagnostic>& diagnostics);

// The parsed model, for `jxaudit dump`.
nlohmann::json ModelJson(const Corpus& corpus);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_JSON_REPORT_H_
