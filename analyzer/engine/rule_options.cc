#include "analyzer/engine/rule_options.h"

#include <cmath>
#include <utility>

#include "analyzer/model/strings.h"

namespace jxaudit {

RuleOptions RuleOptions::Declare(std::string rule_id,
                                 std::vector<ParamSpec>* out) {
  return RuleOptions(std::move(rule_id), out, nullptr);
}

RuleOptions RuleOptions::Load(std::string rule_id,
                              const RuleSettings& settings) {
  return RuleOptions(std::move(rule_id), nullptr, &settings);
}

const ParamSpec* RuleOptions::Bind(ParamSpec spec) {
  if (declared_ != nullptr) {
    declared_->push_back(std::move(spec));
    return nullptr;
  }
  if (!status_.ok()) return nullptr;
  auto it = settings_->params.find(spec.name);
  if (it == settings_->params.end()) {
    status_ = absl::InternalError(
        StrCat("规则 ", rule_id_, " 的参数 ", spec.name, " 没有配置值"));
    return nullptr;
  }
  if (it->second.type != spec.type) {
    status_ = absl::InvalidArgumentError(
        StrCat("规则 ", rule_id_, " 的参数 ", spec.name, " 类型不符"));
    return nullptr;
  }
  return &it->second;
}

void RuleOptions::Number(std::string_view name, double* value) {
  const ParamSpec* param = Bind({.name = std::string(name),
                                 .type = ParamSpec::Type::kNumber,
                                 .number = *value});
  if (param != nullptr) *value = param->number;
}

void RuleOptions::Integer(std::string_view name, int* value) {
  const ParamSpec* param = Bind({.name = std::string(name),
                                 .type = ParamSpec::Type::kNumber,
                                 .number = static_cast<double>(*value)});
  if (param == nullptr) return;
  if (param->number != std::floor(param->number)) {
    status_ = absl::InvalidArgumentError(StrCat("规则 ", rule_id_, " 的参数 ",
                                                name, " 应为整数（现为 ",
                                                param->number, "）"));
    return;
  }
  *value = static_cast<int>(param->number);
}

void RuleOptions::Flag(std::string_view name, bool* value) {
  const ParamSpec* param = Bind({.name = std::string(name),
                                 .type = ParamSpec::Type::kBool,
                                 .flag = *value});
  if (param != nullptr) *value = param->flag;
}

void RuleOptions::Text(std::string_view name, std::string* value) {
  const ParamSpec* param = Bind({.name = std::string(name),
                                 .type = ParamSpec::Type::kString,
                                 .text = *value});
  if (param != nullptr) *value = param->text;
}

void RuleOptions::List(std::string_view name, std::vector<std::string>* value) {
  const ParamSpec* param = Bind({.name = std::string(name),
                                 .type = ParamSpec::Type::kStringList,
                                 .list = *value});
  if (param != nullptr) *value = param->list;
}

}  // namespace jxaudit
