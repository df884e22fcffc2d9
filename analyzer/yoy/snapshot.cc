#include "analyzer/yoy/snapshot.h"

#include <fstream>
#include <unordered_map>

#include "analyzer/model/strings.h"
#include "analyzer/yoy/finding_key.h"

namespace jxaudit {
namespace {

using nlohmann::json;

std::string StringOr(const json& object, const char* key,
                     std::string fallback = "") {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>()
                                               : fallback;
}

double NumberOr(const json& object, const char* key, double fallback) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

void ReadSource(const json& object, std::string* file, int* line) {
  const auto it = object.find("source");
  if (it == object.end() || !it->is_object()) return;
  *file = StringOr(*it, "file");
  *line = static_cast<int>(NumberOr(*it, "line", 0));
}

SnapshotUnit ReadUnit(const json& entry) {
  SnapshotUnit unit;
  unit.id = StringOr(entry, "id");
  unit.name = StringOr(entry, "name");
  unit.title = StringOr(entry, "title");
  if (unit.name.empty()) unit.name = unit.title;
  unit.key = UnitKey(unit.name);
  ReadSource(entry, &unit.file, &unit.line);
  unit.indicators = static_cast<int>(NumberOr(entry, "indicators", 0));
  unit.weight_sum = NumberOr(entry, "weight_sum", 0);
  unit.quality = NumberOr(entry, "quality_score", 100);
  unit.rank = static_cast<int>(NumberOr(entry, "rank", 0));
  if (const auto counts = entry.find("counts");
      counts != entry.end() && counts->is_object()) {
    unit.errors = static_cast<int>(NumberOr(*counts, "error", 0));
    unit.warnings = static_cast<int>(NumberOr(*counts, "warning", 0));
    unit.infos = static_cast<int>(NumberOr(*counts, "info", 0));
  }
  if (const auto names = entry.find("indicator_names");
      names != entry.end() && names->is_array()) {
    for (const json& name : *names) {
      if (name.is_string()) {
        unit.indicator_keys.push_back(IndicatorKey(name.get<std::string>()));
      }
    }
  }
  return unit;
}

absl::StatusOr<SnapshotFinding> ReadFinding(
    const json& entry, const std::unordered_map<std::string, int>& unit_index,
    const std::string& label, size_t n) {
  SnapshotFinding finding;
  finding.rule = StringOr(entry, "rule");
  const auto unit = unit_index.find(StringOr(entry, "unit"));
  if (finding.rule.empty() || unit == unit_index.end()) {
    return absl::InvalidArgumentError(
        StrCat(label, ": findings[", n,
               "] 缺少 rule，或其 unit 不在 units 中；这不是 jxaudit 的 "
               "findings.json"));
  }
  finding.unit = unit->second;
  finding.severity = StringOr(entry, "severity", "warning");
  finding.indicator = StringOr(entry, "indicator");
  finding.indicator_key = IndicatorKey(finding.indicator);
  if (const auto evidence = entry.find("evidence"); evidence != entry.end()) {
    finding.discriminator = Discriminator(*evidence);
  }
  ReadSource(entry, &finding.file, &finding.line);
  finding.message = StringOr(entry, "message");
  finding.fix = StringOr(entry, "fix");
  finding.priority = NumberOr(entry, "priority", 0);
  finding.fingerprint = StringOr(entry, "fingerprint");
  finding.json = entry;
  return finding;
}

}  // namespace

absl::StatusOr<Snapshot> SnapshotFromJson(const json& doc,
                                          const std::string& label) {
  if (!doc.is_object() || !doc.contains("units") || !doc["units"].is_array() ||
      !doc.contains("findings") || !doc["findings"].is_array()) {
    return absl::InvalidArgumentError(StrCat(
        label,
        ": 不是 jxaudit 的 findings.json（应有 units 与 findings 数组）"));
  }
  Snapshot snapshot;
  snapshot.label = label;
  if (const auto run = doc.find("run"); run != doc.end() && run->is_object()) {
    snapshot.year = static_cast<int>(NumberOr(*run, "target_year", 0));
    if (const auto inputs = run->find("inputs");
        inputs != run->end() && inputs->is_array()) {
      for (const json& input : *inputs) {
        if (input.is_string()) snapshot.inputs.push_back(input);
      }
    }
  }
  std::unordered_map<std::string, int> unit_index;
  for (const json& entry : doc["units"]) {
    SnapshotUnit unit = ReadUnit(entry);
    unit_index.emplace(unit.id, static_cast<int>(snapshot.units.size()));
    snapshot.units.push_back(std::move(unit));
  }
  const json& findings = doc["findings"];
  for (size_t n = 0; n < findings.size(); ++n) {
    auto finding = ReadFinding(findings[n], unit_index, label, n);
    if (!finding.ok()) return finding.status();
    snapshot.findings.push_back(*std::move(finding));
  }
  return snapshot;
}

absl::StatusOr<Snapshot> ReadSnapshotFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(StrCat(path, ": 无法打开文件"));
  json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return absl::InvalidArgumentError(
        StrCat(path, ": 不是有效的 JSON（应为 jxaudit 写出的 findings.json）"));
  }
  return SnapshotFromJson(doc, path);
}

bool LooksLikeFindingsJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  // Skip a BOM and blanks; a table export never starts with '{'.
  while (in.get(c)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u == 0xEF || u == 0xBB || u == 0xBF || u == ' ' || u == '\n' ||
        u == '\r' || u == '\t')
      continue;
    return c == '{';
  }
  return false;
}

}  // namespace jxaudit
