// findings.sarif: SARIF 2.1.0 (OASIS), for code-scanning style tools and CI
// gates. Every enabled rule with its help text; every finding as a result
// with its location, the unit and indicator as logical location, a
// partialFingerprints entry (the stable jxaudit fingerprint) and the
// priority as SARIF rank (0–100). Waived findings are results with an
// external, accepted suppression.
#ifndef JXAUDIT_REPORTS_SARIF_REPORT_H_
#define JXAUDIT_REPORTS_SARIF_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "reports/atomic_file.h"
#include "reports/report_input.h"

namespace jxaudit {

nlohmann::json FindingsSarif(const ReportInput& input);
// The same document, dump(2) + "\n", written as it is rendered.
absl::Status WriteFindingsSarif(const ReportInput& input,
                                const ByteSink& sink);

// A file path as a URI reference: relative paths stay relative, absolute
// ones become file:// URIs; bytes outside RFC 3986's unreserved set (and
// '/') are percent-encoded.
std::string PathToUri(std::string_view path);

// SARIF's level for a severity: error, warning, note.
std::string_view SarifLevel(Severity severity);

// The run's tool object: jxaudit as driver, with its version and rules.
nlohmann::json SarifTool(nlohmann::json rules);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_SARIF_REPORT_H_
