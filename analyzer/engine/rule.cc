#include "analyzer/engine/rule.h"

#include "absl/strings/str_replace.h"

namespace jxaudit {

std::string RuleInfo::DocsPath() const {
  return "docs/rules/" + absl::StrReplaceAll(id, {{"/", "-"}}) + ".md";
}

Finding& UnitCheck::AddRow(int row_index, std::string message, std::string fix,
                           nlohmann::json evidence) {
  return Add(row_index, unit_.rows[row_index].line, std::move(message),
             std::move(fix), std::move(evidence));
}

Finding& UnitCheck::AddUnit(std::string message, std::string fix,
                            nlohmann::json evidence) {
  return Add(-1, unit_.source.line, std::move(message), std::move(fix),
             std::move(evidence));
}

Finding& UnitCheck::AddAt(int row_index, std::string message, std::string fix,
                          nlohmann::json evidence) {
  return row_index < 0
             ? AddUnit(std::move(message), std::move(fix), std::move(evidence))
             : AddRow(row_index, std::move(message), std::move(fix),
                      std::move(evidence));
}

Finding& UnitCheck::Add(int row_index, int line, std::string message,
                        std::string fix, nlohmann::json evidence) {
  Finding finding;
  finding.rule = info_.id;
  finding.severity = settings_.severity;
  finding.unit_index = unit_index_;
  finding.row_index = row_index;
  finding.source = {unit_.source.file, line};
  finding.message = std::move(message);
  finding.fix = std::move(fix);
  finding.evidence = std::move(evidence);
  out_.push_back(std::move(finding));
  return out_.back();
}

void RowRule::CheckUnit(UnitCheck& check) const {
  const auto& rows = check.unit().rows;
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    if (!rows[i].IsPlaceholder()) CheckRow(check, i, rows[i]);
  }
}

}  // namespace jxaudit
