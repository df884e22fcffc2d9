// Typed rule parameters. A rule binds each parameter to a member once, in
// Rule::BindOptions, in the manner of clang-tidy's storeOptions/Options.get:
//
//   void BindOptions(RuleOptions& options) override {
//     options.Number("tolerance", &tolerance_);
//   }
//
// The same binding serves twice. Declaring (RuleOptions::Declare) reads the
// members' initial values as the declared defaults, which become the rule's
// schema: the configuration loader rejects a parameter the rule does not
// declare, and a test holds rules/default.yaml to the declared defaults.
// Loading (RuleOptions::Load) writes the configured values into the members,
// once, when the run is configured; a rule never looks a parameter up by
// name while it checks, so a misspelt name cannot become a silent 0.
#ifndef JXAUDIT_ANALYZER_ENGINE_RULE_OPTIONS_H_
#define JXAUDIT_ANALYZER_ENGINE_RULE_OPTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "analyzer/config/config.h"

namespace jxaudit {

class RuleOptions {
 public:
  // Collects the bound parameters, with the members' values as defaults.
  static RuleOptions Declare(std::string rule_id, std::vector<ParamSpec>* out);
  // Writes `settings` (the configuration of rule `rule_id`) into the members.
  static RuleOptions Load(std::string rule_id, const RuleSettings& settings);
  // The options keep a pointer to the settings: no temporaries.
  static RuleOptions Load(std::string rule_id,
                          RuleSettings&& settings) = delete;

  void Number(std::string_view name, double* value);
  // A whole number (counts, limits): 2.5 is an error when loading.
  void Integer(std::string_view name, int* value);
  void Flag(std::string_view name, bool* value);
  void Text(std::string_view name, std::string* value);
  void List(std::string_view name, std::vector<std::string>* value);

  // The first problem met while loading (a parameter missing from the
  // settings or of another type, a fraction where a whole number was
  // declared), naming the rule and the parameter; OK when declaring.
  const absl::Status& status() const { return status_; }

 private:
  RuleOptions(std::string rule_id, std::vector<ParamSpec>* declared,
              const RuleSettings* settings)
      : rule_id_(std::move(rule_id)),
        declared_(declared),
        settings_(settings) {}

  // Declaring: records `spec`. Loading: the configured parameter, or
  // nullptr (and a status) when it is missing or of another type.
  const ParamSpec* Bind(ParamSpec spec);

  std::string rule_id_;
  std::vector<ParamSpec>* declared_ = nullptr;  // set when declaring
  const RuleSettings* settings_ = nullptr;      // set when loading
  absl::Status status_;
};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ENGINE_RULE_OPTIONS_H_
