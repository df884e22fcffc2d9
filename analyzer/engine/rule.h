// The rule interface. A rule sees one unit at a time (most rules; they run
// in parallel across units) or the whole corpus (cross-unit rules), and adds
// findings through the context it is given.
#ifndef JXAUDIT_ANALYZER_ENGINE_RULE_H_
#define JXAUDIT_ANALYZER_ENGINE_RULE_H_

#include <memory>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/model/finding.h"
#include "analyzer/model/model.h"

namespace jxaudit {

struct RuleInfo {
  std::string id;  // from taxonomy.md, e.g. "weight/sum"
  Severity default_severity = Severity::kWarning;
  std::string summary;  // one line, Chinese
  std::vector<ParamSpec> params;
  bool corpus_wide = false;  // true: CheckCorpus, false: CheckUnit
  // How sure the rule is that a finding is a real defect, in [0, 1]; used
  // by the ranking.
  double certainty = 0.9;

  // docs/rules/weight-sum.md for "weight/sum".
  std::string DocsPath() const;
  RuleSchema Schema() const { return {id, default_severity, params}; }
};

// What a rule needs to report on one unit.
class UnitCheck {
 public:
  UnitCheck(const Unit& unit, int unit_index, const Config& config,
            const RuleInfo& info, int target_year, std::vector<Finding>& out)
      : unit_(unit),
        unit_index_(unit_index),
        config_(config),
        info_(info),
        settings_(config.Rule(info.id)),
        target_year_(target_year),
        out_(out) {}

  const Unit& unit() const { return unit_; }
  const Config& config() const { return config_; }
  const RuleSettings& settings() const { return settings_; }
  int target_year() const { return target_year_; }

  // A finding about one row; its line is the row's first cell.
  Finding& AddRow(int row_index, std::string message, std::string fix,
                  nlohmann::json evidence = nlohmann::json::object());
  // A finding about the whole unit; its line is the title line.
  Finding& AddUnit(std::string message, std::string fix,
                   nlohmann::json evidence = nlohmann::json::object());
  // AddRow for row_index >= 0, AddUnit for -1: for rules whose findings can
  // be about a row or about the whole unit (its goals, its title).
  Finding& AddAt(int row_index, std::string message, std::string fix,
                 nlohmann::json evidence = nlohmann::json::object());

 private:
  Finding& Add(int row_index, int line, std::string message, std::string fix,
               nlohmann::json evidence);

  const Unit& unit_;
  int unit_index_;
  const Config& config_;
  const RuleInfo& info_;
  const RuleSettings& settings_;
  int target_year_;
  std::vector<Finding>& out_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void CheckUnit(UnitCheck& /*check*/) const {}
  virtual void CheckCorpus(const Corpus& /*corpus*/, const Config& /*config*/,
                           int /*target_year*/,
                           std::vector<Finding>& /*out*/) const {}
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
