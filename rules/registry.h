// Every rule jxaudit knows, in the order `jxaudit rules` lists them.
#ifndef JXAUDIT_RULES_REGISTRY_H_
#define JXAUDIT_RULES_REGISTRY_H_

#include "analyzer/engine/engine.h"

namespace jxaudit {

RuleList AllRules();

}  // namespace jxaudit

#endif  // JXAUDIT_RULES_REGISTRY_H_
