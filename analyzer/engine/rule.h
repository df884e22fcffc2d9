// The rule interface. A rule sees one unit at a time (most rules; they run
// in parallel across units) or the whole corpus (cross-unit rules), and
// reports through the check it is given, which builds every finding the same
// way (rule id, configured severity, unit, row, line).
#ifndef JXAUDIT_ANALYZER_ENGINE_RULE_H_
#define JXAUDIT_ANALYZER_ENGINE_RULE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "analyzer/config/config.h"
#include "analyzer/engine/rule_options.h"
#include "analyzer/engine/run_context.h"
#include "analyzer/model/finding.h"
#include "analyzer/model/model.h"

namespace jxaudit {

struct RuleInfo {
  std::string id;  // from taxonomy.md, e.g. "weight/sum"
  Severity default_severity = Severity::kWarning;
  std::string summary;       // one line, Chinese
  bool corpus_wide = false;  // true: CheckCorpus, false: CheckUnit
  // How sure the rule is that a finding is a real defect, in [0, 1]; used
  // by the ranking.
  double certainty = 0.9;
  // Rules whose finding on the same row already states this rule's defect
  // more specifically: when one of them reports the row, this rule's finding
  // is dropped, so that one defect is one finding (a copied explanation whose
  // number contradicts the target is a stale copy, not also a threshold
  // mismatch).
  std::vector<std::string> superseded_by;

  // docs/rules/weight-sum.md for "weight/sum".
  std::string DocsPath() const;
};

// What every check has: the run, the rule's settings, and the one place
// where findings are built.
class RuleCheck {
 public:
  const RunContext& run() const { return run_; }
  const Corpus& corpus() const { return run_.corpus(); }
  const Config& config() const { return run_.config(); }
  const RuleSettings& settings() const { return settings_; }
  int target_year() const { return run_.target_year(); }
  // An analysis shared by the rules of this run (RunContext::Shared).
  template <typename T>
  const T& Shared() const {
    return run_.Shared<T>();
  }

 protected:
  RuleCheck(const RunContext& run, const RuleInfo& info,
            std::vector<Finding>& out);
  // A finding about row `row` of unit `unit` (its line: the row's first
  // cell), or about the whole unit for row -1 (its line: the title).
  Finding& Add(int unit, int row, std::string message, std::string fix,
               Evidence evidence);
  // Add for row `row`, its line the cell's (the row's when the cell has
  // none): what both checks' AddCell do.
  Finding& AddAtCell(int unit, int row, const Cell& cell, std::string message,
                     std::string fix, Evidence evidence);
  std::vector<Finding>& out() { return out_; }
  const RuleInfo& info() const { return info_; }

 private:
  const RunContext& run_;
  const RuleInfo& info_;
  const RuleSettings& settings_;
  std::vector<Finding>& out_;
};

// What a rule needs to report on one unit.
class UnitCheck : public RuleCheck {
 public:
  UnitCheck(const RunContext& run, int unit_index, const RuleInfo& info,
            std::vector<Finding>& out)
      : RuleCheck(run, info, out), unit_index_(unit_index) {}

  const Unit& unit() const { return corpus().units[unit_index_]; }

  // A finding about one row; its line is the row's first cell.
  Finding& AddRow(int row_index, std::string message, std::string fix,
                  Evidence evidence = {});
  // A finding about one cell of a row (the unit column, the explanation):
  // its line is the cell's, so that the department lands on the text to
  // correct; the row's first line when the cell has none.
  Finding& AddCell(int row_index, const Cell& cell, std::string message,
                   std::string fix, Evidence evidence = {});
  // A finding about the whole unit; its line is the title line.
  Finding& AddUnit(std::string message, std::string fix,
                   Evidence evidence = {});
  // AddRow for row_index >= 0, AddGoals for -1: for rules whose findings can
  // be about a row or about the unit's overall goals.
  Finding& AddAt(int row_index, std::string message, std::string fix,
                 Evidence evidence = {});
  // A finding about the unit's 年度总体绩效目标: its line is the goals cell's
  // (the title's when the table has none), so that the department finds the
  // text to correct.
  Finding& AddGoals(std::string message, std::string fix,
                    Evidence evidence = {});

 private:
  int unit_index_;
};

// What a corpus-wide rule needs: any unit, and parallel work within the
// run's thread bound.
class CorpusCheck : public RuleCheck {
 public:
  CorpusCheck(const RunContext& run, const RuleInfo& info,
              std::vector<Finding>& out)
      : RuleCheck(run, info, out) {}

  int threads() const { return run().threads(); }

  Finding& AddRow(int unit, int row, std::string message, std::string fix,
                  Evidence evidence = {});
  Finding& AddUnit(int unit, std::string message, std::string fix,
                   Evidence evidence = {});
  // UnitCheck::AddCell for row `row` of unit `unit`.
  Finding& AddCell(int unit, int row, const Cell& cell, std::string message,
                   std::string fix, Evidence evidence = {});

  // Calls fn(check, i) for i in [0, n) in parallel (run().threads()). Each
  // call reports through its own check; the findings are then added in the
  // order of i, so the output does not depend on the threads.
  void ForEach(int n, const std::function<void(CorpusCheck&, int)>& fn);
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void CheckUnit(UnitCheck& /*check*/) const {}
  virtual void CheckCorpus(CorpusCheck& /*check*/) const {}

  // The rule's id, default severity and parameters with their declared
  // defaults (from BindOptions), for the configuration loader.
  RuleSchema Schema();
  // Reads the rule's parameters from its settings into its members; once,
  // before the run. Errors name the rule and the parameter.
  absl::Status Configure(const RuleSettings& settings);

 protected:
  // Binds every parameter to a typed member (see rule_options.h). The
  // members' initial values are the declared defaults.
  virtual void BindOptions(RuleOptions& /*options*/) {}

 private:
  std::optional<std::vector<ParamSpec>> declared_;  // the first Schema()
};

// A per-unit rule that looks at one real indicator row at a time: the engine
// walks the unit's rows and skips placeholders, so each rule does not.
class RowRule : public Rule {
 public:
  void CheckUnit(UnitCheck& check) const final;

 protected:
  // `index` is the row's index in Unit::rows (for UnitCheck::AddRow).
  virtual void CheckRow(UnitCheck& check, int index,
                        const IndicatorRow& row) const = 0;
};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ENGINE_RULE_H_
