// The YAML configuration: the indicator framework, the unit and operator
// vocabularies, and per-rule settings. Loaded once; read-only afterwards.
#ifndef JXAUDIT_ANALYZER_CONFIG_CONFIG_H_
#define JXAUDIT_ANALYZER_CONFIG_CONFIG_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "analyzer/model/finding.h"

namespace jxaudit {

struct Level1Spec {
  std::string name;  // 产出指标
  bool required = false;
  std::vector<std::string> level2;  // 数量指标, 质量指标, …
  // Config::FrameworkKey of `name` and of each `level2`, made once when the
  // configuration is read (rules look categories up for every row).
  std::string key;
  std::vector<std::string> level2_keys;
};

struct UnitSpec {
  std::string canonical;
  std::string family;
  std::vector<std::string> aliases;
};

struct OperatorSpec {
  std::string canonical;  // "≥"
  std::vector<std::string> variants;
};

// A parameter a rule declares, with its type and default. The loader
// rejects parameters a rule does not declare and values of the wrong type.
struct ParamSpec {
  enum class Type { kNumber, kString, kBool, kStringList };
  std::string name;
  Type type = Type::kNumber;
  double number = 0;
  std::string text;
  bool flag = false;
  std::vector<std::string> list;
};

struct RuleSchema {
  std::string id;
  Severity default_severity = Severity::kWarning;
  std::vector<ParamSpec> params;
};

// A rule's settings after the configuration files: the rule reads its
// parameters from `params` once, into typed members, when it is configured
// (engine/rule_options.h); nothing else reads them.
struct RuleSettings {
  bool enabled = true;
  Severity severity = Severity::kWarning;
  std::map<std::string, ParamSpec> params;  // name -> value (typed)
};

// The analysis the duplication/* rules share (the `duplication:` section):
// which text is template, and which rows are near enough to be compared.
struct DuplicationSettings {
  // Text used by more than min(boilerplate_max_units,
  // max(boilerplate_min_units, boilerplate_share × J)) units is template,
  // not a copy; J is the number of units of the largest input file (one
  // reviewing jurisdiction), so a province's input does not raise the bar.
  double boilerplate_share = 0.05;
  int boilerplate_min_units = 6;
  int boilerplate_max_units = 30;
  // A row is a copy of another unit's row when it is at least this similar
  // and shares at least this many specific shingles with it.
  double copy_min_similarity = 0.85;
  int copy_min_specific = 10;
  // Two units are related when their duties and goals (with the name) are
  // at least this similar, besides a shared kind, name or duty word.
  double related_min_similarity = 0.3;
  // … or their other rows (the copied ones left out) at least this similar.
  double related_min_table_similarity = 0.45;
  // A copier holding at least this share of its rows from one source (and
  // at least clone_min_rows rows) is a clone of it.
  double clone_min_share = 0.6;
  int clone_min_rows = 5;
  // Row pairs the rules look at: at least this similar (cosine of TF-IDF
  // character shingles), sharing at least this many specific shingles, at
  // most this many neighbours per row.
  double neighbour_min_similarity = 0.8;
  int neighbour_min_specific = 4;
  int neighbour_limit = 20;
};

// The ranking formula's weights (the `ranking:` section; see README
// "Ranking"). priority = priority_weights · (severity score, stake,
// certainty); quality = 100 − Σ per rule min(max_loss_per_rule,
// Σ quality_loss[severity] × certainty).
struct RankingSettings {
  double severity_weight = 0.6;                 // priority_weights.severity
  double stake_weight = 0.25;                   // priority_weights.stake
  double certainty_weight = 0.15;               // priority_weights.certainty
  double severity_score[3] = {0.05, 0.4, 1.0};  // info, warning, error
  // Points at which the stake reaches 1 (the whole table): stake =
  // ln(1 + points) / ln(1 + stake_full_points), capped at 1.
  double stake_full_points = 100;
  double quality_loss[3] = {0.5, 3, 8};  // info, warning, error
  double max_loss_per_rule = 15;         // per unit and rule
};

class Config {
 public:
  // Reads a YAML file. Every rule in `schemas` gets settings (defaults where
  // the file is silent). Unknown keys and wrong types are errors naming the
  // file, line and key.
  // Later files override earlier ones section by section; within `rules`,
  // rule by rule and key by key.
  static absl::StatusOr<Config> LoadFiles(
      const std::vector<std::string>& paths,
      const std::vector<RuleSchema>& schemas);
  static absl::StatusOr<Config> LoadString(
      std::string_view yaml, const std::string& name_for_errors,
      const std::vector<RuleSchema>& schemas);

  absl::Status Overlay(std::string_view yaml,
                       const std::string& name_for_errors,
                       const std::vector<RuleSchema>& schemas);

  const std::string& path() const { return path_; }
  const std::vector<Level1Spec>& framework() const { return framework_; }
  // The 一级指标 a 二级指标 belongs to, or nullptr when unknown. Names are
  // compared by FrameworkKey, so spellings without "指标" or with blanks match.
  const Level1Spec* Level1Of(std::string_view level2) const;
  const Level1Spec* FindLevel1(std::string_view level1) const;
  // A category name folded (NFKC), without blanks and without "指标".
  static std::string FrameworkKey(std::string_view name);
  // Looks a unit spelling up (exact, then NFKC-folded); nullptr if unknown.
  const UnitSpec* FindUnit(std::string_view spelling) const;
  // FindUnit for text already NFKC-folded (NFKC folds folded text to
  // itself): the lookup without folding the spelling again.
  const UnitSpec* FindFoldedUnit(std::string_view folded) const;
  const std::vector<std::string>& none_units() const { return none_units_; }
  const std::vector<OperatorSpec>& operators() const { return operators_; }
  const std::vector<std::string>& qualitative_operators() const {
    return qualitative_;
  }
  const RuleSettings& Rule(std::string_view id) const;
  const RankingSettings& ranking() const { return ranking_; }
  const DuplicationSettings& duplication() const { return duplication_; }

 private:
  std::string path_;
  std::vector<Level1Spec> framework_;
  std::vector<UnitSpec> units_;
  absl::flat_hash_map<std::string, size_t> unit_index_;  // spelling -> units_
  std::vector<std::string> none_units_;
  std::vector<OperatorSpec> operators_;
  std::vector<std::string> qualitative_;
  std::map<std::string, RuleSettings, std::less<>> rules_;
  RankingSettings ranking_;
  DuplicationSettings duplication_;

  friend class ConfigLoader;
};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_CONFIG_CONFIG_H_
