// One run's result as year-over-year work needs it (compare, --baseline,
// --history): the units with their scores and the findings with what
// identifies them across years. A snapshot is read from a findings.json
// (this version's or an earlier one's), so a corpus and an old result file
// are compared the same way: a corpus is checked and its findings.json is
// read back.
#ifndef JXAUDIT_ANALYZER_YOY_SNAPSHOT_H_
#define JXAUDIT_ANALYZER_YOY_SNAPSHOT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace jxaudit {

struct SnapshotUnit {
  std::string id;    // this run's id ("u0007"); not stable across years
  std::string name;  // as written (单位名称, or the title when missing)
  std::string key;   // UnitKey(name)
  std::string title;
  std::string file;  // where the unit's table starts
  int line = 0;
  int indicators = 0;
  double weight_sum = 0;
  double quality = 100;
  int rank = 0;
  int errors = 0, warnings = 0, infos = 0;
  // IndicatorKey of every real indicator, when the findings.json has them
  // (units[].indicator_names); used to recognise a renamed unit.
  std::vector<std::string> indicator_keys;
};

struct SnapshotFinding {
  std::string rule;
  std::string severity;   // "error" | "warning" | "info"
  int unit = -1;          // index into Snapshot::units
  std::string indicator;  // as written; empty for a unit-level finding
  std::string indicator_key;
  std::string discriminator;
  std::string file;
  int line = 0;
  std::string message;
  std::string fix;
  double priority = 0;
  std::string fingerprint;  // as the file has it
  nlohmann::json json;      // the finding as findings.json has it
};

struct Snapshot {
  std::string label;  // the path it came from
  int year = 0;       // run.target_year
  std::vector<std::string> inputs;
  std::vector<SnapshotUnit> units;
  std::vector<SnapshotFinding> findings;  // sorted by priority, highest first
};

// Reads a findings.json document; errors name `label` and what was missing.
absl::StatusOr<Snapshot> SnapshotFromJson(const nlohmann::json& doc,
                                          const std::string& label);

// Reads and parses a findings.json file.
absl::StatusOr<Snapshot> ReadSnapshotFile(const std::string& path);

// Whether a file is a findings.json (a JSON object with "findings" and
// "units") rather than a table export: looks at the first bytes only.
bool LooksLikeFindingsJson(const std::string& path);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_YOY_SNAPSHOT_H_
