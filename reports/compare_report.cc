// compare.json, compare.sarif and the writer of all four compare reports.
// The HTML page is in compare_html.cc, the workbook in compare_xlsx.cc.
#include "reports/compare_report.h"

#include <cmath>
#include <filesystem>
#include <map>

#include "analyzer/model/strings.h"
#include "reports/atomic_file.h"
#include "reports/compare_common.h"
#include "reports/report_common.h"
#include "reports/sarif_report.h"

namespace jxaudit {
namespace {

using nlohmann::json;

constexpr char kSarifSchemaUri[] =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";
// The same key findings.sarif uses, so that tools match results of both.
constexpr char kFingerprintKey[] = "jxauditFingerprint/v1";

double Rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

json NullIfEmpty(const std::string& text) {
  return text.empty() ? json(nullptr) : json(text);
}

json RunJson(const Snapshot& run, double mean_quality) {
  return {{"label", run.label},
          {"year", run.year},
          {"units", run.units.size()},
          {"findings", run.findings.size()},
          {"mean_quality", Rounded(mean_quality, 2)}};
}

json UnitSideJson(const SnapshotUnit* unit) {
  if (unit == nullptr) return nullptr;
  return {{"id", unit->id},
          {"name", unit->name},
          {"quality", unit->quality},
          {"rank", unit->rank}};
}

json UnitChangeJson(const CompareInput& in, const UnitChange& unit) {
  const bool matched = IsMatched(unit);
  return {
      {"status", std::string(UnitMatchKindName(unit.pair.kind))},
      {"old", UnitSideJson(OldUnitOf(in, unit.pair))},
      {"new", UnitSideJson(NewUnitOf(in, unit.pair))},
      {"name_similarity",
       matched ? json(Rounded(unit.pair.name_similarity, 3)) : json(nullptr)},
      {"content_similarity",
       matched ? json(Rounded(unit.pair.content_similarity, 3))
               : json(nullptr)},
      {"fixed", unit.fixed},
      {"persisting", unit.persisting},
      {"new", unit.added},
      {"quality_change",
       matched ? json(Rounded(QualityChange(unit), 2)) : json(nullptr)}};
}

json FindingSideJson(const Snapshot& run, const SnapshotFinding* finding) {
  if (finding == nullptr) return nullptr;
  const bool known =
      finding->unit >= 0 && finding->unit < static_cast<int>(run.units.size());
  return {{"unit", known ? json(run.units[finding->unit].id) : json(nullptr)},
          {"source", {{"file", finding->file}, {"line", finding->line}}},
          {"priority", finding->priority},
          {"severity", finding->severity}};
}

json FindingChangeJson(const CompareInput& in, const FindingChange& change) {
  const SnapshotFinding& shown = ShownFinding(in, change);
  const SnapshotUnit* old_unit = OldUnitOf(in, change);
  const SnapshotUnit* new_unit = NewUnitOf(in, change);
  const std::string_view reason = ReasonOf(in, change);
  return {
      {"status", std::string(ChangeStatusName(change.status))},
      {"baseline_state", std::string(BaselineStateName(change.status))},
      {"reason", reason.empty() ? json(nullptr) : json(std::string(reason))},
      {"rule", shown.rule},
      {"severity", shown.severity},
      {"unit_name", UnitNameOf(in, change)},
      {"old_unit_name", old_unit ? json(old_unit->name) : json(nullptr)},
      {"new_unit_name", new_unit ? json(new_unit->name) : json(nullptr)},
      {"indicator", NullIfEmpty(shown.indicator)},
      {"message", shown.message},
      {"fingerprint", shown.fingerprint},
      {"old", FindingSideJson(in.old_run, OldFindingOf(in, change))},
      {"new", FindingSideJson(in.new_run, NewFindingOf(in, change))}};
}

std::string_view SarifLevel(std::string_view severity) {
  return SarifLevel(ParseSeverity(severity).value_or(Severity::kInfo));
}

// One reportingDescriptor per rule that occurs in either run, by id; the
// default level is the severity the rule's findings have.
json SarifRules(const CompareInput& in, std::map<std::string, int>& index) {
  std::map<std::string, std::string> severities;
  for (const Snapshot* run : {&in.old_run, &in.new_run}) {
    for (const SnapshotFinding& f : run->findings) {
      severities.emplace(f.rule, f.severity);
    }
  }
  json rules = json::array();
  for (const auto& [id, severity] : severities) {
    index[id] = static_cast<int>(rules.size());
    const std::string family(RuleFamily(id));
    rules.push_back(
        {{"id", id},
         {"shortDescription", {{"text", RuleTitle(id)}}},
         {"defaultConfiguration",
          {{"enabled", true}, {"level", std::string(SarifLevel(severity))}}},
         {"properties",
          {{"family", family}, {"tags", json::array({family})}}}});
  }
  return rules;
}

json SarifLocation(const SnapshotFinding& finding, const std::string& unit) {
  json physical = {{"artifactLocation", {{"uri", PathToUri(finding.file)}}}};
  if (finding.line > 0) physical["region"] = {{"startLine", finding.line}};
  const std::string indicator =
      finding.indicator.empty() ? "（整表）" : finding.indicator;
  return {{"physicalLocation", std::move(physical)},
          {"logicalLocations",
           json::array(
               {{{"name", indicator},
                 {"fullyQualifiedName", StrCat(unit, "/", indicator)},
                 {"kind", finding.indicator.empty() ? "module" : "member"}}})}};
}

// A fixed finding is reported where it was in the old run; the others
// where they are now.
json SarifResult(const CompareInput& in, const FindingChange& change,
                 const std::map<std::string, int>& rule_index) {
  const SnapshotFinding& shown = ShownFinding(in, change);
  const std::string unit = UnitNameOf(in, change);
  const std::string text =
      shown.fix.empty() ? shown.message
                        : StrCat(shown.message, "。修改建议：", shown.fix);
  json properties = {{"status", std::string(ChangeStatusName(change.status))},
                     {"unitName", unit},
                     {"indicator", NullIfEmpty(shown.indicator)},
                     {"priority", shown.priority}};
  if (const std::string_view reason = ReasonOf(in, change); !reason.empty()) {
    properties["reason"] = std::string(reason);
  }
  if (const SnapshotFinding* then = OldFindingOf(in, change)) {
    properties["oldSource"] = {{"file", then->file}, {"line", then->line}};
  }
  json result = {
      {"ruleId", shown.rule},
      {"level", std::string(SarifLevel(shown.severity))},
      {"message", {{"text", text}}},
      {"locations", json::array({SarifLocation(shown, unit)})},
      {"baselineState", std::string(BaselineStateName(change.status))},
      {"rank", Rounded(shown.priority * 100, 1)},
      {"properties", std::move(properties)}};
  if (!shown.fingerprint.empty()) {
    result["partialFingerprints"] = {{kFingerprintKey, shown.fingerprint}};
  }
  if (auto it = rule_index.find(shown.rule); it != rule_index.end()) {
    result["ruleIndex"] = it->second;
  }
  return result;
}

}  // namespace

json CompareJson(const CompareInput& in) {
  const Comparison& c = in.comparison;
  json units = json::array();
  for (int u : UnitOrder(in)) units.push_back(UnitChangeJson(in, c.units[u]));
  json findings = json::array();
  for (int f : FindingOrder(in)) {
    findings.push_back(FindingChangeJson(in, c.findings[f]));
  }
  return {{"tool", {{"name", "jxaudit"}, {"version", JXAUDIT_VERSION}}},
          {"old", RunJson(in.old_run, c.mean_quality_old)},
          {"new", RunJson(in.new_run, c.mean_quality_new)},
          {"summary",
           {{"fixed", c.fixed},
            {"persisting", c.persisting},
            {"new", c.added},
            {"units_same", c.units_same},
            {"units_renamed", c.units_renamed},
            {"units_added", c.units_added},
            {"units_removed", c.units_removed}}},
          {"units", std::move(units)},
          {"findings", std::move(findings)}};
}

json CompareSarif(const CompareInput& in) {
  std::map<std::string, int> rule_index;
  json rules = SarifRules(in, rule_index);
  json results = json::array();
  for (int f : FindingOrder(in)) {
    results.push_back(SarifResult(in, in.comparison.findings[f], rule_index));
  }
  json run = {
      {"tool", SarifTool(std::move(rules))},
      {"results", std::move(results)},
      {"columnKind", "unicodeCodePoints"},
      {"properties",
       {{"baseline", {{"label", in.old_run.label}, {"year", in.old_run.year}}},
        {"current",
         {{"label", in.new_run.label}, {"year", in.new_run.year}}}}}};
  return {{"$schema", kSarifSchemaUri},
          {"version", "2.1.0"},
          {"runs", json::array({std::move(run)})}};
}

absl::StatusOr<std::vector<std::string>> WriteCompareReports(
    const CompareInput& in, const std::string& out_dir) {
  auto staged = StagedReports::Begin(out_dir);
  if (!staged.ok()) return staged.status();
  StagedReports& stage = **staged;
  std::vector<std::string> written;
  const auto write = [&](const std::string& name, std::string_view bytes) {
    written.push_back(name);
    return stage.Write(name, bytes);
  };
  if (auto s = write("compare.json", CompareJson(in).dump(2) + "\n"); !s.ok())
    return s;
  if (auto s = write("compare.html", CompareHtml(in)); !s.ok()) return s;
  if (auto s = stage.WriteWith("compare.xlsx",
                               [&](const std::string& path) {
                                 return WriteCompareWorkbook(in, path);
                               });
      !s.ok()) {
    return s;
  }
  written.push_back("compare.xlsx");
  if (auto s = write("compare.sarif", CompareSarif(in).dump(2) + "\n"); !s.ok())
    return s;
  if (auto s = stage.Commit(); !s.ok()) return s;
  return written;
}

}  // namespace jxaudit
