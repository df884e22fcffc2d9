// A finding: one defect a rule found, with the evidence it compared.
#ifndef JXAUDIT_ANALYZER_MODEL_FINDING_H_
#define JXAUDIT_ANALYZER_MODEL_FINDING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/evidence.h"
#include "analyzer/model/model.h"

namespace jxaudit {

enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

std::string_view SeverityName(Severity severity);         // "error", …
std::string_view SeverityChineseName(Severity severity);  // "错误", …
std::optional<Severity> ParseSeverity(std::string_view name);

struct RelatedPlace {
  std::string unit_id;
  std::string indicator;  // empty for the whole unit
  SourceLocation source;
};

struct Finding {
  std::string rule;  // an id from taxonomy.md
  Severity severity = Severity::kWarning;
  int unit_index = -1;  // index into Corpus::units
  int row_index = -1;   // index into Unit::rows; -1 for unit-level findings
  SourceLocation source;
  std::string message;  // plain Chinese, for a department clerk
  std::string fix;      // a concrete correction, in Chinese
  Evidence evidence;    // rendered as JSON only when a report is written
  std::vector<RelatedPlace> related;
  double priority = 0;
  std::string fingerprint;
  bool waived = false;
  int waiver = -1;  // index into the run's WaiverSet when waived
};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_MODEL_FINDING_H_
