// The run history behind `check --history FILE.sqlite` and `jxaudit trend`:
// one SQLite database holding, per target year, the run, its units with
// their scores and its findings with their fingerprints. Re-recording a year
// replaces that year. The schema is versioned with PRAGMA user_version and
// upgraded in place by an ordered list of migrations (docs/history.md).
//
// Units keep one key across the years even when they are renamed: a new
// year's units are matched (MatchUnits) against those of the nearest
// recorded year, and a matched unit inherits the key stored there.
#ifndef JXAUDIT_ANALYZER_YOY_HISTORY_H_
#define JXAUDIT_ANALYZER_YOY_HISTORY_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analyzer/yoy/snapshot.h"

struct sqlite3;

namespace jxaudit {

// The schema version this binary writes; databases at a higher version are
// refused rather than misread.
inline constexpr int kHistorySchemaVersion = 3;

// The SQL of migration `version` (1 … kHistorySchemaVersion); empty for any
// other. Exposed so that tests can build an old database exactly as an old
// binary did.
std::string_view HistoryMigration(int version);

struct TrendRun {
  int year = 0;
  std::string recorded_at;
  std::string tool_version;
  std::vector<std::string> inputs;
  int units = 0, findings = 0, errors = 0, warnings = 0, infos = 0;
  double mean_quality = 0;
};

struct TrendUnit {
  std::string key;                        // stored unit_key
  std::string name;                       // the name of its latest year
  std::vector<std::string> former_names;  // earlier names, oldest first
  std::map<int, double> quality;          // year -> score; missing years absent
};

struct TrendRule {
  std::string rule;
  std::map<int, int> counts;  // every recorded year, 0 when none
};

struct TrendData {
  std::vector<int> years;        // ascending
  std::vector<TrendRun> runs;    // one per year, same order
  std::vector<TrendUnit> units;  // by key
  std::vector<TrendRule> rules;  // by rule id
};

struct RecordedRun {
  int year = 0;
  bool replaced = false;  // the year had been recorded before
  int units = 0, findings = 0;
  int renamed_units = 0;  // matched to a differently named unit (kFuzzy)
  int previous_year = 0;  // the year units were matched against; 0 if none
};

class History {
 public:
  // Opens (and with create_if_missing, creates) the database at `path` and
  // upgrades it to kHistorySchemaVersion. Refuses a database of a newer
  // jxaudit, and a SQLite file or other file that is not a jxaudit history.
  // A database locked by another run is waited for `busy_timeout_ms`.
  static absl::StatusOr<History> Open(const std::string& path,
                                      bool create_if_missing = true,
                                      int busy_timeout_ms = 10000);

  History(History&&) noexcept;
  History& operator=(History&&) noexcept;
  ~History();

  // Records `snapshot` as the run of snapshot.year, replacing what that year
  // had; all or nothing (one transaction).
  absl::StatusOr<RecordedRun> RecordRun(const Snapshot& snapshot,
                                        std::string_view recorded_at);

  absl::StatusOr<TrendData> Trend() const;

  // PRAGMA user_version.
  absl::StatusOr<int> SchemaVersion() const;

  const std::string& path() const { return path_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  History(std::string path, sqlite3* db);

  std::string path_;
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_YOY_HISTORY_H_
