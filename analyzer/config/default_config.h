// rules/default.yaml, compiled into the binary so that jxaudit runs from
// any folder; `--config FILE` overlays a file on top of it.
#ifndef JXAUDIT_ANALYZER_CONFIG_DEFAULT_CONFIG_H_
#define JXAUDIT_ANALYZER_CONFIG_DEFAULT_CONFIG_H_

#include <string_view>

namespace jxaudit {

std::string_view DefaultConfigYaml();
inline constexpr std::string_view kDefaultConfigName = "rules/default.yaml";

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_CONFIG_DEFAULT_CONFIG_H_
