#include "analyzer/yoy/history.h"

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "analyzer/model/strings.h"
#include "analyzer/yoy/compare.h"
#include "analyzer/yoy/finding_key.h"

namespace jxaudit {
namespace {

// PRAGMA application_id: "JXAU". Tells a jxaudit history apart from any
// other SQLite file, whatever its user_version says.
constexpr int kApplicationId = 0x4a584155;

constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE runs(
  year INTEGER PRIMARY KEY,
  recorded_at TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  inputs TEXT NOT NULL,  -- JSON array of the input paths
  units INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  infos INTEGER NOT NULL,
  mean_quality REAL NOT NULL);
CREATE TABLE units(
  year INTEGER NOT NULL REFERENCES runs(year) ON DELETE CASCADE,
  unit_key TEXT NOT NULL,
  name TEXT NOT NULL,
  quality REAL NOT NULL,
  rank INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  infos INTEGER NOT NULL,
  indicators INTEGER NOT NULL,
  PRIMARY KEY(year, unit_key));
CREATE TABLE findings(
  year INTEGER NOT NULL REFERENCES runs(year) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  unit_key TEXT,  -- NULL for a finding outside any unit
  indicator TEXT NOT NULL,
  priority REAL NOT NULL,
  message TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL);
CREATE INDEX findings_year_rule ON findings(year, rule);
PRAGMA application_id = 1247297877;
)sql";

// Every name a unit has had, with the years it carried it, so that a renamed
// unit's history can be followed by either name; and a fingerprint index for
// "since when does this defect exist".
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE unit_names(
  unit_key TEXT NOT NULL,
  name TEXT NOT NULL,
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL,
  PRIMARY KEY(unit_key, name));
INSERT INTO unit_names
  SELECT unit_key, name, MIN(year), MAX(year) FROM units GROUP BY unit_key, name;
CREATE INDEX findings_fingerprint ON findings(fingerprint, year);
)sql";

// The indicators of every unit (normalised keys), so that a unit renamed
// outright is still recognised next year by what its table contains, as
// `compare` does with findings.json's indicator_names.
constexpr std::string_view kMigration3 = R"sql(
CREATE TABLE unit_indicators(
  year INTEGER NOT NULL REFERENCES runs(year) ON DELETE CASCADE,
  unit_key TEXT NOT NULL,
  indicator_key TEXT NOT NULL);
CREATE INDEX unit_indicators_year ON unit_indicators(year, unit_key);
)sql";

// unit_names is derived from units; rebuilding it whole after each record is
// always right (re-recording a year can drop a name) and costs little.
constexpr std::string_view kRebuildUnitNames = R"sql(
DELETE FROM unit_names;
INSERT INTO unit_names
  SELECT unit_key, name, MIN(year), MAX(year) FROM units GROUP BY unit_key, name;
)sql";

// What the user can do about the usual failures, in Chinese; SQLite's own
// message follows in brackets.
std::string_view ErrorHint(int code) {
  switch (code & 0xff) {  // the primary code of an extended one
    case SQLITE_READONLY:
      return "数据库文件是只读的（请检查该文件及其所在文件夹的写权限）";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "数据库正被另一个程序锁定（另一个 jxaudit "
             "正在写入？），等待后仍未释放";
    case SQLITE_FULL:
      return "磁盘已满或超出文件大小限制";
    case SQLITE_IOERR:
      return "读写出错（磁盘已满、超出文件大小限制或磁盘故障）";
    case SQLITE_CANTOPEN:
      return "无法打开数据库文件（文件夹不存在或没有权限）";
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return "文件不是完好的 SQLite 数据库";
    default:
      return "";
  }
}

std::string DbError(sqlite3* db, const std::string& path,
                    std::string_view what) {
  if (db == nullptr)
    return StrCat(path, ": 历史记录数据库", what, "失败: 内存不足");
  const std::string_view hint = ErrorHint(sqlite3_extended_errcode(db));
  return StrCat(path, ": 历史记录数据库", what,
                "失败: ", hint.empty() ? "" : StrCat(hint, "（"),
                sqlite3_errmsg(db), hint.empty() ? "" : "）");
}

absl::Status Exec(sqlite3* db, const std::string& path, std::string_view sql,
                  std::string_view what) {
  const std::string text(sql);
  if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return absl::InternalError(DbError(db, path, what));
  }
  return absl::OkStatus();
}

// A prepared statement, finalized when it goes out of scope.
class Statement {
 public:
  static absl::StatusOr<Statement> Prepare(sqlite3* db, const std::string& path,
                                           std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt,
                           nullptr) != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return absl::InternalError(DbError(db, path, "准备语句"));
    }
    return Statement(db, path, stmt);
  }

  Statement(Statement&& other) noexcept
      : db_(other.db_),
        path_(std::move(other.path_)),
        stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Binds the values to ?1, ?2, … in order.
  template <typename... Values>
  Statement& Bind(const Values&... values) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    int index = 0;
    (BindOne(++index, values), ...);
    return *this;
  }

  // True while a row is available.
  absl::StatusOr<bool> Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return absl::InternalError(DbError(db_, path_, "读写"));
  }
  absl::Status Run() {
    auto row = Step();
    return row.ok() ? absl::OkStatus() : row.status();
  }

  int Int(int column) const { return sqlite3_column_int(stmt_, column); }
  double Double(int column) const {
    return sqlite3_column_double(stmt_, column);
  }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              sqlite3_column_bytes(stmt_, column))
                : std::string();
  }

 private:
  Statement(sqlite3* db, std::string path, sqlite3_stmt* stmt)
      : db_(db), path_(std::move(path)), stmt_(stmt) {}

  void BindOne(int index, int value) { sqlite3_bind_int(stmt_, index, value); }
  void BindOne(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
  }
  void BindOne(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(),
                      static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void BindOne(int index, const std::string& value) {
    BindOne(index, std::string_view(value));
  }
  void BindOne(int index, std::nullptr_t) { sqlite3_bind_null(stmt_, index); }

  sqlite3* db_;
  std::string path_;
  sqlite3_stmt* stmt_;
};

// BEGIN IMMEDIATE (takes the write lock up front, so that two jxaudit runs
// on one file wait for each other instead of failing halfway); rolled back
// unless committed.
class Transaction {
 public:
  static absl::StatusOr<Transaction> Begin(sqlite3* db,
                                           const std::string& path) {
    if (auto status = Exec(db, path, "BEGIN IMMEDIATE", "开始事务");
        !status.ok()) {
      return status;
    }
    return Transaction(db, path);
  }
  Transaction(Transaction&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)), path_(other.path_) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() {
    if (db_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  absl::Status Commit() {
    auto status = Exec(db_, path_, "COMMIT", "提交事务");
    if (status.ok()) db_ = nullptr;
    return status;
  }

 private:
  Transaction(sqlite3* db, std::string path)
      : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

absl::StatusOr<int> PragmaInt(sqlite3* db, const std::string& path,
                              std::string_view pragma) {
  auto stmt = Statement::Prepare(db, path, StrCat("PRAGMA ", pragma));
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->Int(0) : 0;
}

// Whether the file holds a jxaudit history we can read (or nothing yet).
absl::Status CheckIdentity(sqlite3* db, const std::string& path) {
  auto app_id = PragmaInt(db, path, "application_id");
  if (!app_id.ok()) {
    // A locked or unreadable file says so; only other failures mean that
    // the bytes are not a database.
    const int code = sqlite3_errcode(db);
    if (code != SQLITE_NOTADB && code != SQLITE_CORRUPT) {
      return absl::UnavailableError(DbError(db, path, "读取"));
    }
    return absl::InvalidArgumentError(
        StrCat(path, ": 不是 SQLite 数据库，也不是 jxaudit 历史记录文件（",
               sqlite3_errmsg(db), "）"));
  }
  auto version = PragmaInt(db, path, "user_version");
  auto tables = PragmaInt(db, path, "schema_version");
  if (!version.ok() || !tables.ok()) {
    return !version.ok() ? version.status() : tables.status();
  }
  // schema_version counts schema changes: 0 means no table was ever made.
  const bool empty = *app_id == 0 && *version == 0 && *tables == 0;
  if (!empty && *app_id != kApplicationId) {
    return absl::InvalidArgumentError(
        StrCat(path,
               ": 是 SQLite 数据库，但不是 jxaudit 历史记录（没有 jxaudit "
               "标识）；请换一个文件名，jxaudit 不会改动这个文件"));
  }
  if (*version > kHistorySchemaVersion) {
    return absl::FailedPreconditionError(StrCat(
        path, ": 历史记录由更新版本的 jxaudit 写入（数据库结构版本 ", *version,
        "），本程序（jxaudit ", JXAUDIT_VERSION, "）只认识到版本 ",
        kHistorySchemaVersion, "；请升级 jxaudit 后再使用"));
  }
  return absl::OkStatus();
}

// Runs every migration the file has not had yet, each in its own
// transaction together with the user_version it reaches.
absl::Status Migrate(sqlite3* db, const std::string& path) {
  for (int version = 1; version <= kHistorySchemaVersion; ++version) {
    auto tx = Transaction::Begin(db, path);
    if (!tx.ok()) return tx.status();
    // Read inside the transaction: another process may have just migrated.
    auto current = PragmaInt(db, path, "user_version");
    if (!current.ok()) return current.status();
    if (*current >= version) continue;
    if (auto status = Exec(db, path, HistoryMigration(version),
                           StrCat("升级到结构版本 ", version));
        !status.ok()) {
      return status;
    }
    if (auto status = Exec(db, path, StrCat("PRAGMA user_version = ", version),
                           "记录结构版本");
        !status.ok()) {
      return status;
    }
    if (auto status = tx->Commit(); !status.ok()) return status;
  }
  return absl::OkStatus();
}

struct StoredUnit {
  std::string key;
  std::string name;
  std::vector<std::string> indicator_keys;
};

// The recorded year nearest to `year`: the latest before it, else the
// earliest after it; 0 when no other year is recorded.
absl::StatusOr<int> NearestYear(sqlite3* db, const std::string& path,
                                int year) {
  auto stmt = Statement::Prepare(
      db, path,
      "SELECT year FROM runs WHERE year <> ?1 ORDER BY year > ?1, "
      "CASE WHEN year < ?1 THEN -year ELSE year END LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Bind(year).Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->Int(0) : 0;
}

absl::StatusOr<std::vector<StoredUnit>> AddIndicators(
    sqlite3* db, const std::string& path, int year,
    std::vector<StoredUnit>& units) {
  std::map<std::string, size_t> by_key;
  for (size_t i = 0; i < units.size(); ++i) by_key[units[i].key] = i;
  auto stmt = Statement::Prepare(db, path,
                                 "SELECT unit_key, indicator_key FROM "
                                 "unit_indicators WHERE year = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(year);
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const auto it = by_key.find(stmt->Text(0));
    if (it != by_key.end()) {
      units[it->second].indicator_keys.push_back(stmt->Text(1));
    }
  }
  return std::move(units);
}

absl::StatusOr<std::vector<StoredUnit>> UnitsOfYear(sqlite3* db,
                                                    const std::string& path,
                                                    int year) {
  std::vector<StoredUnit> units;
  auto stmt = Statement::Prepare(
      db, path,
      "SELECT unit_key, name FROM units WHERE year = ?1 ORDER BY rowid");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(year);
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    units.push_back({stmt->Text(0), stmt->Text(1), {}});
  }
  return AddIndicators(db, path, year, units);
}

// The key each unit of the new run is stored under: the key of the unit it
// matches in the previous year (so a renamed unit, and every later year of
// it, stays under its first key), else its own UnitKey. Same-name pairs also
// inherit, because the previous key may itself be inherited.
std::vector<std::string> AssignKeys(const std::vector<SnapshotUnit>& units,
                                    const std::vector<StoredUnit>& previous,
                                    int* renamed) {
  std::vector<std::string> keys;
  for (const SnapshotUnit& unit : units) keys.push_back(unit.key);
  std::vector<bool> inherited(units.size(), false);
  if (!previous.empty()) {
    std::vector<SnapshotUnit> old_units(previous.size());
    for (size_t i = 0; i < previous.size(); ++i) {
      old_units[i].name = previous[i].name;
      old_units[i].key = UnitKey(previous[i].name);
      old_units[i].indicator_keys = previous[i].indicator_keys;
    }
    for (const UnitPair& pair : MatchUnits(old_units, units)) {
      if (pair.old_unit < 0 || pair.new_unit < 0) continue;
      keys[pair.new_unit] = previous[pair.old_unit].key;
      inherited[pair.new_unit] = true;
      if (pair.kind == UnitMatchKind::kFuzzy) ++*renamed;
    }
  }
  // Two tables under one key in one year must not collide on the primary
  // key: the later ones get "~2", "~3" …; inherited keys go first so that a
  // new unit named like a renamed one does not take over its history.
  std::set<std::string> used;
  for (bool pass : {true, false}) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (inherited[i] != pass) continue;
      std::string key = keys[i];
      for (int n = 2; !used.insert(key).second; ++n)
        key = StrCat(keys[i], "~", n);
      keys[i] = key;
    }
  }
  return keys;
}

absl::Status InsertRun(sqlite3* db, const std::string& path,
                       const Snapshot& snapshot, std::string_view recorded_at) {
  int severity[3] = {0, 0, 0};  // error, warning, info
  for (const SnapshotFinding& f : snapshot.findings) {
    ++severity[f.severity == "error" ? 0 : f.severity == "warning" ? 1 : 2];
  }
  double quality = 0;
  for (const SnapshotUnit& unit : snapshot.units) quality += unit.quality;
  if (!snapshot.units.empty()) quality /= snapshot.units.size();
  auto stmt = Statement::Prepare(
      db, path, "INSERT INTO runs VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  if (!stmt.ok()) return stmt.status();
  return stmt
      ->Bind(snapshot.year, recorded_at, std::string(JXAUDIT_VERSION),
             nlohmann::json(snapshot.inputs).dump(),
             static_cast<int>(snapshot.units.size()),
             static_cast<int>(snapshot.findings.size()), severity[0],
             severity[1], severity[2], quality)
      .Run();
}

absl::Status InsertUnits(sqlite3* db, const std::string& path,
                         const Snapshot& snapshot,
                         const std::vector<std::string>& keys) {
  auto stmt = Statement::Prepare(
      db, path, "INSERT INTO units VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  if (!stmt.ok()) return stmt.status();
  for (size_t i = 0; i < snapshot.units.size(); ++i) {
    const SnapshotUnit& u = snapshot.units[i];
    if (auto status =
            stmt->Bind(snapshot.year, keys[i], u.name, u.quality, u.rank,
                       u.errors, u.warnings, u.infos, u.indicators)
                .Run();
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::Status InsertIndicators(sqlite3* db, const std::string& path,
                              const Snapshot& snapshot,
                              const std::vector<std::string>& keys) {
  auto stmt = Statement::Prepare(
      db, path, "INSERT INTO unit_indicators VALUES (?1,?2,?3)");
  if (!stmt.ok()) return stmt.status();
  for (size_t i = 0; i < snapshot.units.size(); ++i) {
    for (const std::string& indicator : snapshot.units[i].indicator_keys) {
      if (auto status = stmt->Bind(snapshot.year, keys[i], indicator).Run();
          !status.ok()) {
        return status;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status InsertFindings(sqlite3* db, const std::string& path,
                            const Snapshot& snapshot,
                            const std::vector<std::string>& keys) {
  auto stmt = Statement::Prepare(
      db, path, "INSERT INTO findings VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  if (!stmt.ok()) return stmt.status();
  for (const SnapshotFinding& f : snapshot.findings) {
    const bool has_unit = f.unit >= 0 && f.unit < static_cast<int>(keys.size());
    if (has_unit) {
      stmt->Bind(snapshot.year, f.fingerprint, f.rule, f.severity, keys[f.unit],
                 f.indicator, f.priority, f.message, f.file, f.line);
    } else {
      stmt->Bind(snapshot.year, f.fingerprint, f.rule, f.severity, nullptr,
                 f.indicator, f.priority, f.message, f.file, f.line);
    }
    if (auto status = stmt->Run(); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> YearExists(sqlite3* db, const std::string& path,
                                int year) {
  auto stmt =
      Statement::Prepare(db, path, "SELECT 1 FROM runs WHERE year = ?1");
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(year).Step();
}

absl::Status ReadRuns(sqlite3* db, const std::string& path, TrendData& data) {
  auto stmt = Statement::Prepare(
      db, path,
      "SELECT year, recorded_at, tool_version, inputs, units, findings, "
      "errors, warnings, infos, mean_quality FROM runs ORDER BY year");
  if (!stmt.ok()) return stmt.status();
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
    TrendRun run{.year = stmt->Int(0),
                 .recorded_at = stmt->Text(1),
                 .tool_version = stmt->Text(2),
                 .units = stmt->Int(4),
                 .findings = stmt->Int(5),
                 .errors = stmt->Int(6),
                 .warnings = stmt->Int(7),
                 .infos = stmt->Int(8),
                 .mean_quality = stmt->Double(9)};
    // A hand-edited inputs column should not make the whole history unreadable.
    const auto inputs = nlohmann::json::parse(stmt->Text(3), nullptr, false);
    if (inputs.is_array()) {
      for (const auto& input : inputs) {
        if (input.is_string()) run.inputs.push_back(input.get<std::string>());
      }
    }
    data.years.push_back(run.year);
    data.runs.push_back(std::move(run));
  }
}

absl::Status ReadUnits(sqlite3* db, const std::string& path, TrendData& data) {
  auto stmt = Statement::Prepare(db, path,
                                 "SELECT unit_key, year, name, quality FROM "
                                 "units ORDER BY unit_key, year");
  if (!stmt.ok()) return stmt.status();
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string key = stmt->Text(0);
    if (data.units.empty() || data.units.back().key != key) {
      data.units.push_back({.key = std::move(key)});
    }
    data.units.back().name = stmt->Text(2);  // rows come by year: latest wins
    data.units.back().quality[stmt->Int(1)] = stmt->Double(3);
  }
  auto names = Statement::Prepare(
      db, path,
      "SELECT unit_key, name FROM unit_names ORDER BY unit_key, first_year, "
      "last_year, name");
  if (!names.ok()) return names.status();
  size_t u = 0;
  while (true) {
    auto row = names->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
    const std::string key = names->Text(0), name = names->Text(1);
    while (u < data.units.size() && data.units[u].key < key) ++u;
    if (u < data.units.size() && data.units[u].key == key &&
        data.units[u].name != name) {
      data.units[u].former_names.push_back(name);
    }
  }
}

absl::Status ReadRules(sqlite3* db, const std::string& path, TrendData& data) {
  auto stmt = Statement::Prepare(
      db, path,
      "SELECT rule, year, COUNT(*) FROM findings GROUP BY rule, year "
      "ORDER BY rule, year");
  if (!stmt.ok()) return stmt.status();
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
    std::string rule = stmt->Text(0);
    if (data.rules.empty() || data.rules.back().rule != rule) {
      TrendRule entry{.rule = std::move(rule)};
      for (int year : data.years) entry.counts[year] = 0;
      data.rules.push_back(std::move(entry));
    }
    data.rules.back().counts[stmt->Int(1)] = stmt->Int(2);
  }
}

}  // namespace

std::string_view HistoryMigration(int version) {
  switch (version) {
    case 1:
      return kMigration1;
    case 2:
      return kMigration2;
    case 3:
      return kMigration3;
    default:
      return {};
  }
}

void History::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

History::History(std::string path, sqlite3* db)
    : path_(std::move(path)), db_(db) {}
History::History(History&&) noexcept = default;
History& History::operator=(History&&) noexcept = default;
History::~History() = default;

absl::StatusOr<History> History::Open(const std::string& path,
                                      bool create_if_missing,
                                      int busy_timeout_ms) {
  std::error_code error;
  if (!create_if_missing && !std::filesystem::exists(path, error)) {
    return absl::NotFoundError(StrCat(path, ": 历史记录文件不存在"));
  }
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE |
                    (create_if_missing ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  History history(path, raw);  // closes `raw` on every return below
  if (rc != SQLITE_OK) {
    return absl::UnavailableError(DbError(raw, path, "打开"));
  }
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  if (auto status = CheckIdentity(raw, path); !status.ok()) return status;
  if (auto status = Exec(raw, path, "PRAGMA foreign_keys = ON", "设置");
      !status.ok()) {
    return status;
  }
  if (auto status = Migrate(raw, path); !status.ok()) return status;
  return history;
}

absl::StatusOr<int> History::SchemaVersion() const {
  return PragmaInt(db_.get(), path_, "user_version");
}

absl::StatusOr<RecordedRun> History::RecordRun(const Snapshot& snapshot,
                                               std::string_view recorded_at) {
  sqlite3* db = db_.get();
  if (snapshot.year <= 0) {
    return absl::InvalidArgumentError(
        StrCat(snapshot.label, ": 没有目标年度，无法记入历史记录 ", path_,
               "（请用 --year 指定）"));
  }
  RecordedRun result{.year = snapshot.year,
                     .units = static_cast<int>(snapshot.units.size()),
                     .findings = static_cast<int>(snapshot.findings.size())};
  auto tx = Transaction::Begin(db, path_);
  if (!tx.ok()) return tx.status();
  auto replaced = YearExists(db, path_, snapshot.year);
  if (!replaced.ok()) return replaced.status();
  result.replaced = *replaced;
  auto removed =
      Statement::Prepare(db, path_, "DELETE FROM runs WHERE year = ?1");
  if (!removed.ok()) return removed.status();
  if (auto status = removed->Bind(snapshot.year).Run(); !status.ok())
    return status;
  auto previous_year = NearestYear(db, path_, snapshot.year);
  if (!previous_year.ok()) return previous_year.status();
  result.previous_year = *previous_year;
  auto previous = UnitsOfYear(db, path_, *previous_year);
  if (!previous.ok()) return previous.status();
  const std::vector<std::string> keys =
      AssignKeys(snapshot.units, *previous, &result.renamed_units);
  if (auto status = InsertRun(db, path_, snapshot, recorded_at); !status.ok())
    return status;
  if (auto status = InsertUnits(db, path_, snapshot, keys); !status.ok())
    return status;
  if (auto status = InsertIndicators(db, path_, snapshot, keys); !status.ok())
    return status;
  if (auto status = InsertFindings(db, path_, snapshot, keys); !status.ok())
    return status;
  if (auto status = Exec(db, path_, kRebuildUnitNames, "更新单位名称表");
      !status.ok()) {
    return status;
  }
  if (auto status = tx->Commit(); !status.ok()) return status;
  return result;
}

absl::StatusOr<TrendData> History::Trend() const {
  TrendData data;
  // One read transaction, so that a run being recorded meanwhile is either
  // wholly in the trend or not at all.
  if (auto status = Exec(db_.get(), path_, "BEGIN", "开始读取"); !status.ok())
    return status;
  absl::Status status = ReadRuns(db_.get(), path_, data);
  if (status.ok()) status = ReadUnits(db_.get(), path_, data);
  if (status.ok()) status = ReadRules(db_.get(), path_, data);
  sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr);
  if (!status.ok()) return status;
  return data;
}

}  // namespace jxaudit
