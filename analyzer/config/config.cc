#include "analyzer/config/config.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_join.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {

// Reads YAML documents into a Config, rejecting unknown keys and wrong types
// with errors that name the file, the 1-based line and the key.
class ConfigLoader {
 public:
  ConfigLoader(Config& config, std::string file,
               const std::vector<RuleSchema>& schemas)
      : config_(config), file_(std::move(file)), schemas_(schemas) {}

  absl::Status Apply(const YAML::Node& root) {
    if (!root.IsDefined() || root.IsNull()) return absl::OkStatus();
    if (!root.IsMap()) return Error(root, "", "顶层应为键值映射（mapping）");
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      absl::Status status;
      if (key == "framework") {
        status = ReadFramework(entry.second);
      } else if (key == "units") {
        status = ReadUnits(entry.second);
      } else if (key == "none_units") {
        status = ReadStringList(entry.second, key, config_.none_units_);
      } else if (key == "operators") {
        status = ReadOperators(entry.second);
      } else if (key == "qualitative_operators") {
        status = ReadStringList(entry.second, key, config_.qualitative_);
      } else if (key == "rules") {
        status = ReadRules(entry.second);
      } else if (key == "ranking") {
        status = ReadRanking(entry.second);
      } else if (key == "duplication") {
        status = ReadDuplication(entry.second);
      } else {
        status = Error(entry.first, key,
                       "未知的配置项；可用的有 framework, units, none_units, "
                       "operators, rules, ranking, duplication");
      }
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  void FillRuleDefaults() {
    for (const RuleSchema& schema : schemas_) {
      if (config_.rules_.count(schema.id)) continue;
      config_.rules_[schema.id] = DefaultSettings(schema);
    }
  }

  void IndexUnits() {
    config_.unit_index_.clear();
    for (size_t i = 0; i < config_.units_.size(); ++i) {
      const UnitSpec& spec = config_.units_[i];
      config_.unit_index_.try_emplace(spec.canonical, i);
      for (const std::string& alias : spec.aliases) {
        config_.unit_index_.try_emplace(alias, i);
      }
    }
  }

 private:
  absl::Status Error(const YAML::Node& node, std::string_view key,
                     std::string_view expected) const {
    const YAML::Mark mark = node.Mark();
    std::string where = StrCat(file_, ":", mark.line + 1);
    if (!key.empty()) StrAppend(&where, ": 键 \"", key, "\"");
    return absl::InvalidArgumentError(StrCat(where, ": ", expected));
  }

  absl::Status ReadString(const YAML::Node& node, std::string_view key,
                          std::string& out) const {
    if (!node.IsScalar()) return Error(node, key, "应为字符串");
    out = node.as<std::string>();
    return absl::OkStatus();
  }

  absl::Status ReadBool(const YAML::Node& node, std::string_view key,
                        bool& out) const {
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, out)) {
      return Error(node, key, "应为 true 或 false");
    }
    return absl::OkStatus();
  }

  absl::Status ReadNumber(const YAML::Node& node, std::string_view key,
                          double& out) const {
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, out)) {
      return Error(node, key, "应为数字");
    }
    return absl::OkStatus();
  }

  absl::Status ReadStringList(const YAML::Node& node, std::string_view key,
                              std::vector<std::string>& out) const {
    if (!node.IsSequence()) return Error(node, key, "应为字符串列表");
    out.clear();
    for (const auto& item : node) {
      std::string value;
      if (auto status = ReadString(item, key, value); !status.ok()) {
        return status;
      }
      out.push_back(std::move(value));
    }
    return absl::OkStatus();
  }

  absl::Status ReadFramework(const YAML::Node& node) {
    if (!node.IsSequence()) return Error(node, "framework", "应为一级指标列表");
    config_.framework_.clear();
    for (const auto& item : node) {
      if (!item.IsMap()) return Error(item, "framework", "每项应为映射");
      Level1Spec spec;
      for (const auto& field : item) {
        const std::string key = field.first.as<std::string>();
        absl::Status status;
        if (key == "level1") {
          status = ReadString(field.second, key, spec.name);
        } else if (key == "required") {
          status = ReadBool(field.second, key, spec.required);
        } else if (key == "level2") {
          status = ReadStringList(field.second, key, spec.level2);
        } else {
          status =
              Error(field.first, key,
                    "未知的键；framework 每项可用 level1, required, level2");
        }
        if (!status.ok()) return status;
      }
      if (spec.name.empty()) return Error(item, "level1", "缺少一级指标名称");
      spec.key = Config::FrameworkKey(spec.name);
      for (const std::string& name : spec.level2) {
        spec.level2_keys.push_back(Config::FrameworkKey(name));
      }
      config_.framework_.push_back(std::move(spec));
    }
    return absl::OkStatus();
  }

  absl::Status ReadUnits(const YAML::Node& node) {
    if (!node.IsSequence()) return Error(node, "units", "应为计量单位列表");
    config_.units_.clear();
    for (const auto& item : node) {
      if (!item.IsMap()) return Error(item, "units", "每项应为映射");
      UnitSpec spec;
      for (const auto& field : item) {
        const std::string key = field.first.as<std::string>();
        absl::Status status;
        if (key == "canonical") {
          status = ReadString(field.second, key, spec.canonical);
        } else if (key == "family") {
          status = ReadString(field.second, key, spec.family);
        } else if (key == "aliases") {
          status = ReadStringList(field.second, key, spec.aliases);
        } else {
          status = Error(field.first, key,
                         "未知的键；units 每项可用 canonical, family, aliases");
        }
        if (!status.ok()) return status;
      }
      if (spec.canonical.empty()) return Error(item, "canonical", "缺少单位");
      config_.units_.push_back(std::move(spec));
    }
    return absl::OkStatus();
  }

  absl::Status ReadOperators(const YAML::Node& node) {
    if (!node.IsSequence()) return Error(node, "operators", "应为运算符列表");
    config_.operators_.clear();
    for (const auto& item : node) {
      if (!item.IsMap()) return Error(item, "operators", "每项应为映射");
      OperatorSpec spec;
      for (const auto& field : item) {
        const std::string key = field.first.as<std::string>();
        absl::Status status;
        if (key == "canonical") {
          status = ReadString(field.second, key, spec.canonical);
        } else if (key == "variants") {
          status = ReadStringList(field.second, key, spec.variants);
        } else {
          status = Error(field.first, key,
                         "未知的键；operators 每项可用 canonical, variants");
        }
        if (!status.ok()) return status;
      }
      config_.operators_.push_back(std::move(spec));
    }
    return absl::OkStatus();
  }

  // `ranking:` is merged key by key, like `rules:`. Every number must be
  // non-negative, and the three priority weights must add up to 1 so that a
  // priority stays in [0, 1].
  absl::Status ReadSeverityTriple(const YAML::Node& node, std::string_view key,
                                  double (&out)[3]) const {
    if (!node.IsMap()) {
      return Error(node, key, "应为 {error: 数, warning: 数, info: 数}");
    }
    for (const auto& field : node) {
      const std::string name = field.first.as<std::string>();
      const auto severity = ParseSeverity(name);
      if (!severity) {
        return Error(field.first, name, "应为 error, warning 或 info");
      }
      double& value = out[static_cast<int>(*severity)];
      if (auto s = ReadNumber(field.second, name, value); !s.ok()) return s;
      if (value < 0) return Error(field.second, name, "不能为负数");
    }
    return absl::OkStatus();
  }

  absl::Status ReadPriorityWeights(const YAML::Node& node) {
    RankingSettings& r = config_.ranking_;
    if (!node.IsMap()) {
      return Error(node, "priority_weights",
                   "应为 {severity: 数, stake: 数, certainty: 数}");
    }
    for (const auto& field : node) {
      const std::string name = field.first.as<std::string>();
      double* target = name == "severity"    ? &r.severity_weight
                       : name == "stake"     ? &r.stake_weight
                       : name == "certainty" ? &r.certainty_weight
                                             : nullptr;
      if (target == nullptr) {
        return Error(field.first, name, "可用的有 severity, stake, certainty");
      }
      if (auto s = ReadNumber(field.second, name, *target); !s.ok()) return s;
      if (*target < 0) return Error(field.second, name, "不能为负数");
    }
    const double total =
        r.severity_weight + r.stake_weight + r.certainty_weight;
    if (std::abs(total - 1) > 1e-6) {
      return Error(node, "priority_weights",
                   StrCat("三个权重之和应为 1（现为 ", total, "）"));
    }
    return absl::OkStatus();
  }

  absl::Status ReadRanking(const YAML::Node& node) {
    if (!node.IsMap()) return Error(node, "ranking", "应为映射");
    RankingSettings& r = config_.ranking_;
    for (const auto& field : node) {
      const std::string key = field.first.as<std::string>();
      absl::Status status;
      if (key == "priority_weights") {
        status = ReadPriorityWeights(field.second);
      } else if (key == "severity_scores") {
        status = ReadSeverityTriple(field.second, key, r.severity_score);
        for (double score : r.severity_score) {
          if (status.ok() && score > 1) {
            status = Error(field.second, key, "严重程度分应在 0 到 1 之间");
          }
        }
      } else if (key == "quality_loss") {
        status = ReadSeverityTriple(field.second, key, r.quality_loss);
      } else if (key == "stake_full_points" || key == "max_loss_per_rule") {
        double& value = key == "stake_full_points" ? r.stake_full_points
                                                   : r.max_loss_per_rule;
        status = ReadNumber(field.second, key, value);
        if (status.ok() && value <= 0)
          status = Error(field.second, key, "应大于 0");
      } else {
        status =
            Error(field.first, key,
                  "未知的键；ranking 可用 priority_weights, severity_scores, "
                  "stake_full_points, quality_loss, max_loss_per_rule");
      }
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  // `duplication:` is merged key by key. Shares and similarities lie in
  // [0, 1]; counts are whole numbers of at least 1.
  absl::Status ReadDuplication(const YAML::Node& node) {
    if (!node.IsMap()) return Error(node, "duplication", "应为映射");
    DuplicationSettings& d = config_.duplication_;
    const std::map<std::string_view, double*> fractions = {
        {"boilerplate_share", &d.boilerplate_share},
        {"neighbour_min_similarity", &d.neighbour_min_similarity},
        {"copy_min_similarity", &d.copy_min_similarity},
        {"related_min_similarity", &d.related_min_similarity},
        {"related_min_table_similarity", &d.related_min_table_similarity},
        {"clone_min_share", &d.clone_min_share}};
    const std::map<std::string_view, int*> counts = {
        {"boilerplate_min_units", &d.boilerplate_min_units},
        {"boilerplate_max_units", &d.boilerplate_max_units},
        {"neighbour_min_specific", &d.neighbour_min_specific},
        {"neighbour_limit", &d.neighbour_limit},
        {"copy_min_specific", &d.copy_min_specific},
        {"clone_min_rows", &d.clone_min_rows}};
    for (const auto& field : node) {
      const std::string key = field.first.as<std::string>();
      auto fraction_at = fractions.find(key);
      auto count_at = counts.find(key);
      double* fraction =
          fraction_at == fractions.end() ? nullptr : fraction_at->second;
      int* count = count_at == counts.end() ? nullptr : count_at->second;
      double value = 0;
      absl::Status status;
      if (fraction == nullptr && count == nullptr) {
        status = Error(field.first, key,
                       "未知的键；duplication 可用 boilerplate_share, "
                       "boilerplate_min_units, boilerplate_max_units, "
                       "neighbour_min_similarity, neighbour_min_specific, "
                       "neighbour_limit, copy_min_similarity, "
                       "copy_min_specific, related_min_similarity, "
                       "related_min_table_similarity, "
                       "clone_min_share, clone_min_rows");
      } else {
        status = ReadNumber(field.second, key, value);
      }
      if (status.ok() && fraction != nullptr) {
        if (value < 0 || value > 1) {
          status = Error(field.second, key, "应在 0 到 1 之间");
        }
        *fraction = value;
      } else if (status.ok()) {
        if (value < 1 || value != std::floor(value)) {
          status = Error(field.second, key, "应为不小于 1 的整数");
        }
        *count = static_cast<int>(value);
      }
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  const RuleSchema* FindSchema(std::string_view id) const {
    for (const RuleSchema& schema : schemas_) {
      if (schema.id == id) return &schema;
    }
    return nullptr;
  }

  static RuleSettings DefaultSettings(const RuleSchema& schema) {
    RuleSettings settings;
    settings.severity = schema.default_severity;
    for (const ParamSpec& param : schema.params) {
      settings.params[param.name] = param;
    }
    return settings;
  }

  absl::Status ReadParam(const YAML::Node& node, const std::string& key,
                         ParamSpec& param) const {
    switch (param.type) {
      case ParamSpec::Type::kNumber:
        return ReadNumber(node, key, param.number);
      case ParamSpec::Type::kString:
        return ReadString(node, key, param.text);
      case ParamSpec::Type::kBool:
        return ReadBool(node, key, param.flag);
      case ParamSpec::Type::kStringList:
        return ReadStringList(node, key, param.list);
    }
    return absl::OkStatus();
  }

  absl::Status ReadRule(const std::string& id, const YAML::Node& node,
                        const RuleSchema& schema) {
    if (!node.IsMap()) return Error(node, id, "规则设置应为映射");
    auto [it, inserted] =
        config_.rules_.try_emplace(id, DefaultSettings(schema));
    RuleSettings& settings = it->second;
    for (const auto& field : node) {
      const std::string key = field.first.as<std::string>();
      if (key == "enabled") {
        if (auto s = ReadBool(field.second, key, settings.enabled); !s.ok()) {
          return s;
        }
        continue;
      }
      if (key == "severity") {
        std::string name;
        if (auto s = ReadString(field.second, key, name); !s.ok()) return s;
        auto severity = ParseSeverity(name);
        if (!severity)
          return Error(field.second, key, "应为 error, warning 或 info");
        settings.severity = *severity;
        continue;
      }
      auto param = settings.params.find(key);
      if (param == settings.params.end()) {
        std::vector<std::string> names = {"enabled", "severity"};
        for (const auto& p : schema.params) names.push_back(p.name);
        return Error(field.first, key,
                     StrCat("规则 ", id, " 没有这个参数；可用的有 ",
                            absl::StrJoin(names, ", ")));
      }
      if (auto s = ReadParam(field.second, key, param->second); !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }

  absl::Status ReadRules(const YAML::Node& node) {
    if (!node.IsMap()) return Error(node, "rules", "应为 规则id: 设置 的映射");
    for (const auto& entry : node) {
      const std::string id = entry.first.as<std::string>();
      const RuleSchema* schema = FindSchema(id);
      if (schema == nullptr) {
        return Error(entry.first, id, "未知的规则 id（见 jxaudit rules）");
      }
      if (auto status = ReadRule(id, entry.second, *schema); !status.ok()) {
        return status;
      }
    }
    return absl::OkStatus();
  }

  Config& config_;
  std::string file_;
  const std::vector<RuleSchema>& schemas_;
};

namespace {

absl::StatusOr<YAML::Node> ParseYaml(std::string_view text,
                                     const std::string& name) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        StrCat(name, ":", e.mark.line + 1, ": YAML 语法错误: ", e.msg));
  }
}

}  // namespace

namespace {

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(StrCat(path, ": 无法打开配置文件"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

absl::Status Config::Overlay(std::string_view yaml,
                             const std::string& name_for_errors,
                             const std::vector<RuleSchema>& schemas) {
  auto root = ParseYaml(yaml, name_for_errors);
  if (!root.ok()) return root.status();
  ConfigLoader loader(*this, name_for_errors, schemas);
  try {
    if (auto status = loader.Apply(*root); !status.ok()) return status;
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(StrCat(
        name_for_errors, ":", e.mark.line + 1, ": 配置无法读取: ", e.msg));
  }
  loader.FillRuleDefaults();
  loader.IndexUnits();
  path_ = name_for_errors;
  return absl::OkStatus();
}

absl::StatusOr<Config> Config::LoadString(
    std::string_view yaml, const std::string& name_for_errors,
    const std::vector<RuleSchema>& schemas) {
  Config config;
  if (auto status = config.Overlay(yaml, name_for_errors, schemas);
      !status.ok()) {
    return status;
  }
  return config;
}

absl::StatusOr<Config> Config::LoadFiles(
    const std::vector<std::string>& paths,
    const std::vector<RuleSchema>& schemas) {
  Config config;
  for (const std::string& path : paths) {
    auto text = ReadWholeFile(path);
    if (!text.ok()) return text.status();
    if (auto status = config.Overlay(*text, path, schemas); !status.ok()) {
      return status;
    }
  }
  return config;
}

std::string Config::FrameworkKey(std::string_view name) {
  // "社会效益指标", "社会效益" and "社会效益 指标" name one category.
  std::string key = RemoveAllBlanks(FoldNfkc(name));
  constexpr std::string_view kSuffix = "指标";
  if (key.size() > kSuffix.size() && key.ends_with(kSuffix)) {
    key.resize(key.size() - kSuffix.size());
  }
  return key;
}

const Level1Spec* Config::Level1Of(std::string_view level2) const {
  const std::string key = FrameworkKey(level2);
  if (key.empty()) return nullptr;
  for (const Level1Spec& spec : framework_) {
    for (const std::string& level2_key : spec.level2_keys) {
      if (level2_key == key) return &spec;
    }
  }
  return nullptr;
}

const Level1Spec* Config::FindLevel1(std::string_view level1) const {
  const std::string key = FrameworkKey(level1);
  if (key.empty()) return nullptr;
  for (const Level1Spec& spec : framework_) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

const UnitSpec* Config::FindUnit(std::string_view spelling) const {
  auto it = unit_index_.find(AV(spelling));
  if (it == unit_index_.end() && !FoldsToItself(spelling)) {
    it = unit_index_.find(FoldNfkc(spelling));
  }
  return it == unit_index_.end() ? nullptr : &units_[it->second];
}

const UnitSpec* Config::FindFoldedUnit(std::string_view folded) const {
  const auto it = unit_index_.find(AV(folded));
  return it == unit_index_.end() ? nullptr : &units_[it->second];
}

const RuleSettings& Config::Rule(std::string_view id) const {
  static const RuleSettings kDisabled = [] {
    RuleSettings settings;
    settings.enabled = false;
    return settings;
  }();
  auto it = rules_.find(id);
  return it == rules_.end() ? kDisabled : it->second;
}

}  // namespace jxaudit
