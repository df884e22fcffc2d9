#include "analyzer/engine/rule.h"

#include "absl/strings/str_replace.h"
#include "analyzer/model/parallel.h"

namespace jxaudit {

std::string RuleInfo::DocsPath() const {
  return "docs/rules/" + absl::StrReplaceAll(id, {{"/", "-"}}) + ".md";
}

int ResolveTargetYear(const Corpus& corpus, int requested) {
  return requested > 0 ? requested : corpus.MajorityTitleYear();
}

RunContext::RunContext(const Corpus& corpus, const Config& config,
                       const RunOptions& options)
    : corpus_(corpus),
      config_(config),
      target_year_(ResolveTargetYear(corpus, options.target_year)),
      threads_(ResolveThreads(options.threads)) {}

RuleCheck::RuleCheck(const RunContext& run, const RuleInfo& info,
                     std::vector<Finding>& out)
    : run_(run),
      info_(info),
      settings_(run.config().Rule(info.id)),
      out_(out) {}

Finding& RuleCheck::Add(int unit, int row, std::string message, std::string fix,
                        Evidence evidence) {
  const Unit& u = corpus().units[unit];
  Finding finding;
  finding.rule = info_.id;
  finding.severity = settings_.severity;
  finding.unit_index = unit;
  finding.row_index = row;
  finding.source = {u.source.file, row < 0 ? u.source.line : u.rows[row].line};
  finding.message = std::move(message);
  finding.fix = std::move(fix);
  finding.evidence = std::move(evidence);
  out_.push_back(std::move(finding));
  return out_.back();
}

Finding& UnitCheck::AddRow(int row_index, std::string message, std::string fix,
                           Evidence evidence) {
  return Add(unit_index_, row_index, std::move(message), std::move(fix),
             std::move(evidence));
}

Finding& RuleCheck::AddAtCell(int unit, int row, const Cell& cell,
                              std::string message, std::string fix,
                              Evidence evidence) {
  Finding& finding =
      Add(unit, row, std::move(message), std::move(fix), std::move(evidence));
  if (cell.line > 0) finding.source.line = cell.line;
  return finding;
}

Finding& UnitCheck::AddCell(int row_index, const Cell& cell,
                            std::string message, std::string fix,
                            Evidence evidence) {
  return AddAtCell(unit_index_, row_index, cell, std::move(message),
                   std::move(fix), std::move(evidence));
}

Finding& UnitCheck::AddUnit(std::string message, std::string fix,
                            Evidence evidence) {
  return Add(unit_index_, -1, std::move(message), std::move(fix),
             std::move(evidence));
}

Finding& UnitCheck::AddAt(int row_index, std::string message, std::string fix,
                          Evidence evidence) {
  if (row_index < 0) {
    return AddGoals(std::move(message), std::move(fix), std::move(evidence));
  }
  return AddRow(row_index, std::move(message), std::move(fix),
                std::move(evidence));
}

Finding& UnitCheck::AddGoals(std::string message, std::string fix,
                             Evidence evidence) {
  Finding& finding = Add(unit_index_, -1, std::move(message), std::move(fix),
                         std::move(evidence));
  if (unit().goals_line > 0) finding.source.line = unit().goals_line;
  return finding;
}

Finding& CorpusCheck::AddRow(int unit, int row, std::string message,
                             std::string fix, Evidence evidence) {
  return Add(unit, row, std::move(message), std::move(fix),
             std::move(evidence));
}

Finding& CorpusCheck::AddCell(int unit, int row, const Cell& cell,
                              std::string message, std::string fix,
                              Evidence evidence) {
  return AddAtCell(unit, row, cell, std::move(message), std::move(fix),
                   std::move(evidence));
}

Finding& CorpusCheck::AddUnit(int unit, std::string message, std::string fix,
                              Evidence evidence) {
  return Add(unit, -1, std::move(message), std::move(fix), std::move(evidence));
}

void CorpusCheck::ForEach(int n,
                          const std::function<void(CorpusCheck&, int)>& fn) {
  std::vector<std::vector<Finding>> found(n);
  ParallelFor(n, threads(), [&](int i) {
    CorpusCheck local(run(), info(), found[i]);
    fn(local, i);
  });
  for (auto& findings : found) {
    std::move(findings.begin(), findings.end(), std::back_inserter(out()));
  }
}

RuleSchema Rule::Schema() {
  if (!declared_) {
    declared_.emplace();
    RuleOptions options = RuleOptions::Declare(info().id, &*declared_);
    BindOptions(options);
  }
  return {info().id, info().default_severity, *declared_};
}

absl::Status Rule::Configure(const RuleSettings& settings) {
  Schema();  // the declared defaults, before the members change
  RuleOptions options = RuleOptions::Load(info().id, settings);
  BindOptions(options);
  return options.status();
}

void RowRule::CheckUnit(UnitCheck& check) const {
  const auto& rows = check.unit().rows;
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    if (!rows[i].IsPlaceholder()) CheckRow(check, i, rows[i]);
  }
}

}  // namespace jxaudit
