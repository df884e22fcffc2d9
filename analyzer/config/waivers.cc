#include "analyzer/config/waivers.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

absl::Status ErrorAt(const std::string& file, const YAML::Node& node,
                     std::string_view what) {
  return absl::InvalidArgumentError(
      StrCat(file, ":", node.Mark().line + 1, ": ", what));
}

absl::StatusOr<Waiver> ReadWaiver(const YAML::Node& item,
                                  const std::string& file,
                                  const std::vector<std::string>& known_rules) {
  if (!item.IsMap()) {
    return ErrorAt(
        file, item,
        "每条豁免应为映射：unit, indicator, rule, reason, accepted_by, until");
  }
  Waiver waiver;
  waiver.line = item.Mark().line + 1;
  for (const auto& field : item) {
    const std::string key = field.first.as<std::string>();
    if (!field.second.IsScalar()) {
      return ErrorAt(file, field.second, StrCat("键 \"", key, "\" 应为单个值"));
    }
    const std::string value = field.second.as<std::string>();
    if (key == "unit")
      waiver.unit = value;
    else if (key == "indicator")
      waiver.indicator = value;
    else if (key == "rule")
      waiver.rule = value;
    else if (key == "reason")
      waiver.reason = value;
    else if (key == "accepted_by")
      waiver.accepted_by = value;
    else if (key == "until") {
      if (!YAML::convert<int>::decode(field.second, waiver.until)) {
        return ErrorAt(file, field.second, "键 \"until\" 应为年份，如 2025");
      }
    } else {
      return ErrorAt(
          file, field.first,
          StrCat("未知的键 \"", key,
                 "\"；可用 unit, indicator, rule, reason, accepted_by, until"));
    }
  }
  for (const auto& [name, value] :
       {std::pair<const char*, const std::string*>{"unit", &waiver.unit},
        {"rule", &waiver.rule},
        {"reason", &waiver.reason},
        {"accepted_by", &waiver.accepted_by}}) {
    if (value->empty())
      return ErrorAt(file, item, StrCat("缺少必填键 \"", name, "\""));
  }
  if (waiver.until == 0)
    return ErrorAt(file, item, "缺少必填键 \"until\"（年份）");
  if (std::find(known_rules.begin(), known_rules.end(), waiver.rule) ==
      known_rules.end()) {
    return ErrorAt(file, item, StrCat("未知的规则 id \"", waiver.rule, "\""));
  }
  return waiver;
}

std::string NormalisedIndicator(std::string_view name) {
  return RemoveAllBlanks(FoldNfkc(name));
}

}  // namespace

absl::StatusOr<WaiverSet> ParseWaivers(
    std::string_view yaml, const std::string& name_for_errors,
    const std::vector<std::string>& known_rules) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(StrCat(
        name_for_errors, ":", e.mark.line + 1, ": YAML 语法错误: ", e.msg));
  }
  WaiverSet set;
  set.path = name_for_errors;
  if (!root.IsMap() || !root["waivers"] || !root["waivers"].IsSequence()) {
    return absl::InvalidArgumentError(
        StrCat(name_for_errors, ":1: 应有顶层键 \"waivers\"，其值为豁免列表"));
  }
  // yaml-cpp throws where a node is not what `as<>` asks for (a key that is
  // itself a list or a map, found by the waivers fuzzer); like the
  // configuration, such a file is an error naming the line, not a crash.
  try {
    for (const auto& entry : root) {
      if (entry.first.as<std::string>() != "waivers") {
        return ErrorAt(
            name_for_errors, entry.first,
            StrCat("未知的键 \"", entry.first.as<std::string>(), "\""));
      }
    }
    for (const auto& item : root["waivers"]) {
      auto waiver = ReadWaiver(item, name_for_errors, known_rules);
      if (!waiver.ok()) return waiver.status();
      set.waivers.push_back(*std::move(waiver));
    }
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(StrCat(
        name_for_errors, ":", e.mark.line + 1, ": 豁免文件无法读取: ", e.msg));
  }
  return set;
}

absl::StatusOr<WaiverSet> LoadWaivers(
    const std::string& path, const std::vector<std::string>& known_rules) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(StrCat(path, ": 无法打开豁免文件"));
  std::stringstream text;
  text << in.rdbuf();
  return ParseWaivers(text.str(), path, known_rules);
}

void ApplyWaivers(const Corpus& corpus, int target_year, WaiverSet& waivers,
                  std::vector<Finding>& findings) {
  struct Key {
    std::string unit, indicator;
  };
  std::vector<Key> keys;
  for (Waiver& waiver : waivers.waivers) {
    waiver.matched = 0;
    waiver.expired = waiver.until < target_year;
    keys.push_back({NormalisedUnitName(waiver.unit),
                    NormalisedIndicator(waiver.indicator)});
  }
  for (Finding& finding : findings) {
    const Unit& unit = corpus.units[finding.unit_index];
    const std::string unit_name = NormalisedUnitName(unit.DisplayName());
    const std::string indicator =
        finding.row_index >= 0
            ? NormalisedIndicator(unit.rows[finding.row_index].name.text)
            : std::string();
    for (size_t w = 0; w < waivers.waivers.size(); ++w) {
      Waiver& waiver = waivers.waivers[w];
      if (waiver.expired || waiver.rule != finding.rule ||
          keys[w].unit != unit_name) {
        continue;
      }
      if (!keys[w].indicator.empty() && keys[w].indicator != indicator)
        continue;
      finding.waived = true;
      finding.waiver = static_cast<int>(w);
      ++waiver.matched;
      break;
    }
  }
}

}  // namespace jxaudit
