#include "reports/sarif_report.h"

#include <cctype>
#include <cmath>
#include <map>

#include "absl/strings/str_format.h"
#include "analyzer/model/evidence_json.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "reports/json_stream.h"
#include "reports/report_common.h"

namespace jxaudit {
namespace {

using nlohmann::json;

constexpr char kSchemaUri[] =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";

// "score/exceeds-weight" -> "ScoreExceedsWeight" (SARIF's reportingDescriptor
// name is meant to be an identifier).
std::string RuleName(std::string_view id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '/' || c == '-') {
      upper = true;
      continue;
    }
    name += upper
                ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                : c;
    upper = false;
  }
  return name;
}

json RuleJson(const ReportInput& input, const RuleDescription& rule) {
  const std::string title = RuleTitle(input, rule.id);
  const std::string help = StrCat(rule.summary, "\n说明文档：", rule.docs);
  return {{"id", rule.id},
          {"name", RuleName(rule.id)},
          {"shortDescription", {{"text", title}}},
          {"fullDescription", {{"text", rule.summary}}},
          {"help",
           {{"text", help},
            {"markdown",
             StrCat("**", title, "**：", rule.summary, "\n\n说明文档：[",
                    rule.docs, "](", rule.docs, ")")}}},
          {"defaultConfiguration",
           {{"enabled", true}, {"level", SarifLevel(rule.severity)}}},
          {"properties",
           {{"family", std::string(RuleFamily(rule.id))},
            {"certainty", rule.certainty},
            {"tags", json::array({std::string(RuleFamily(rule.id))})}}}};
}

json PhysicalLocation(const SourceLocation& source,
                      const std::map<std::string, int>& artifacts) {
  json location = {{"artifactLocation", {{"uri", PathToUri(source.file)}}}};
  if (auto it = artifacts.find(source.file); it != artifacts.end()) {
    location["artifactLocation"]["index"] = it->second;
  }
  // An office file's line is one of the text form jxaudit made of it: the
  // place (sheet and cell, table and row) goes into the location's message.
  // A CSV file is text: its line is a region too.
  const bool text_line =
      source.place.empty() || (source.sheet.empty() && source.table == 0);
  if (source.FileLine() > 0 && text_line) {
    location["region"] = {{"startLine", source.FileLine()}};
  }
  return location;
}

json ResultJson(const ReportInput& input, const Finding& finding,
                const std::map<std::string, int>& rule_index,
                const std::map<std::string, int>& artifacts) {
  const Corpus& corpus = input.corpus;
  const Unit& unit = corpus.units[finding.unit_index];
  const std::string unit_name(TrimBlank(unit.DisplayName()));
  const std::string indicator = IndicatorLabel(corpus, finding);
  json location = {
      {"physicalLocation", PhysicalLocation(finding.source, artifacts)},
      {"logicalLocations",
       json::array({{{"name", indicator},
                     {"fullyQualifiedName", StrCat(unit_name, "/", indicator)},
                     {"kind", finding.row_index < 0 ? "module" : "member"}}})}};
  const std::string quote = QuoteText(corpus, finding);
  if (!quote.empty()) {
    location["physicalLocation"]["region"]["snippet"] = {{"text", quote}};
    if (!location["physicalLocation"]["region"].contains("startLine")) {
      location["physicalLocation"].erase("region");
    }
  }
  if (!finding.source.place.empty()) {
    location["message"] = {{"text", finding.source.place}};
  }
  json result = {
      {"ruleId", finding.rule},
      {"level", SarifLevel(finding.severity)},
      {"message",
       {{"text", finding.fix.empty()
                     ? finding.message
                     : StrCat(finding.message, "。修改建议：", finding.fix)}}},
      {"locations", json::array({std::move(location)})},
      {"partialFingerprints", {{"jxauditFingerprint/v1", finding.fingerprint}}},
      {"rank", std::round(finding.priority * 1000) / 10},
      {"properties",
       {{"unit", unit.id},
        {"unitName", unit_name},
        {"indicator", finding.row_index < 0 ? json(nullptr) : json(indicator)},
        {"priority", finding.priority},
        {"fix", finding.fix},
        {"evidence", EvidenceJson(finding.evidence)}}}};
  if (auto it = rule_index.find(finding.rule); it != rule_index.end()) {
    result["ruleIndex"] = it->second;
  }
  json related = json::array();
  for (size_t i = 0; i < finding.related.size(); ++i) {
    const RelatedPlace& place = finding.related[i];
    related.push_back(
        {{"id", static_cast<int>(i)},
         {"physicalLocation", PhysicalLocation(place.source, artifacts)},
         {"message",
          {{"text",
            StrCat(place.unit_id, place.indicator.empty() ? "" : " · ",
                   place.indicator, place.source.place.empty() ? "" : "（",
                   place.source.place,
                   place.source.place.empty() ? "" : "）")}}}});
  }
  if (!related.empty()) result["relatedLocations"] = std::move(related);
  // With --baseline only the findings new against it are reported.
  if (input.baseline != nullptr && !finding.waived) {
    result["baselineState"] = "new";
  }
  if (finding.waived && input.waivers != nullptr) {
    const Waiver& waiver = input.waivers->waivers[finding.waiver];
    result["suppressions"] =
        json::array({{{"kind", "external"},
                      {"status", "accepted"},
                      {"justification", StrCat(waiver.reason, "（",
                                               waiver.accepted_by, "）")}}});
  }
  return result;
}

json Notifications(const Corpus& corpus) {
  json out = json::array();
  for (const InputDiagnostic& d : corpus.diagnostics) {
    json note = {
        {"message",
         {{"text", d.skipped.empty()
                       ? d.message
                       : StrCat(d.message, "（已跳过：", d.skipped, "）")}}},
        {"level", d.level == InputDiagnostic::Level::kError     ? "error"
                  : d.level == InputDiagnostic::Level::kWarning ? "warning"
                                                                : "note"}};
    SourceLocation where{d.file, d.line};
    note["locations"] =
        json::array({{{"physicalLocation", PhysicalLocation(where, {})}}});
    out.push_back(std::move(note));
  }
  return out;
}

}  // namespace

std::string PathToUri(std::string_view path) {
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
        c == '/') {
      out += static_cast<char>(c);
    } else {
      out += absl::StrFormat("%%%02X", c);
    }
  }
  return out;
}

namespace {

// findings.sarif around its results (ArraySlot(0)), and the results.
class SarifDocument {
 public:
  explicit SarifDocument(const ReportInput& input) : input_(input) {
    for (const RuleDescription& rule : input.rules) {
      rule_index_[rule.id] = static_cast<int>(rules_.size());
      rules_.push_back(RuleJson(input, rule));
    }
    for (const auto& buffer : input.corpus.buffers) {
      artifact_index_[buffer->path] = static_cast<int>(artifacts_.size());
      artifacts_.push_back({{"location", {{"uri", PathToUri(buffer->path)}}},
                            {"encoding", "UTF-8"},
                            {"mimeType", "text/plain"}});
    }
  }

  json Skeleton(json results) const {
    json run = {
        {"tool", SarifTool(rules_)},
        {"artifacts", artifacts_},
        {"invocations", json::array({{{"executionSuccessful", true},
                                      {"toolExecutionNotifications",
                                       Notifications(input_.corpus)}}})},
        {"results", std::move(results)},
        {"columnKind", "unicodeCodePoints"},
        {"properties",
         {{"targetYear", input_.target_year}, {"config", input_.config_path}}}};
    return {{"$schema", kSchemaUri},
            {"version", "2.1.0"},
            {"runs", json::array({std::move(run)})}};
  }

  StreamedArray Results() const {
    return {static_cast<int>(input_.findings.size()), [this](int i) {
              return ResultJson(input_, input_.findings[i], rule_index_,
                                artifact_index_);
            }};
  }

 private:
  const ReportInput& input_;
  std::map<std::string, int> rule_index_;
  std::map<std::string, int> artifact_index_;
  json rules_ = json::array();
  json artifacts_ = json::array();
};

}  // namespace

json FindingsSarif(const ReportInput& input) {
  const SarifDocument document(input);
  const StreamedArray results = document.Results();
  json array = json::array();
  for (int i = 0; i < results.size; ++i) array.push_back(results.element(i));
  return document.Skeleton(std::move(array));
}

absl::Status WriteFindingsSarif(const ReportInput& input,
                                const ByteSink& sink) {
  const SarifDocument document(input);
  return WriteStreamedJson(document.Skeleton(ArraySlot(0)),
                           {document.Results()}, input.threads, sink);
}

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "note";
  }
  return "note";
}

json SarifTool(json rules) {
  return {{"driver",
           {{"name", "jxaudit"},
            {"version", JXAUDIT_VERSION},
            {"semanticVersion", JXAUDIT_VERSION},
            {"language", "zh-CN"},
            {"rules", std::move(rules)}}}};
}

}  // namespace jxaudit
