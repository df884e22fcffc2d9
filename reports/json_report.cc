#include "reports/json_report.h"

#include <string>

#include "analyzer/model/evidence_json.h"
#include "analyzer/model/text.h"
#include "reports/json_stream.h"

namespace jxaudit {
namespace {

using nlohmann::json;

json Source(const SourceLocation& source) {
  // An office file: the contract's line is the sheet row (with `sheet`),
  // the table row (with `table`) or the CSV line; `place` says it in words.
  json out = {{"file", source.file}, {"line", source.FileLine()}};
  if (!source.place.empty()) out["place"] = source.place;
  if (!source.sheet.empty()) out["sheet"] = source.sheet;
  if (source.table > 0) out["table"] = source.table;
  return out;
}

std::string Str(std::string_view text) { return std::string(text); }

std::string_view OperatorName(Operator op) {
  switch (op) {
    case Operator::kNone:
      return "none";
    case Operator::kGe:
      return ">=";
    case Operator::kLe:
      return "<=";
    case Operator::kEq:
      return "=";
    case Operator::kGt:
      return ">";
    case Operator::kLt:
      return "<";
    case Operator::kQualitative:
      return "qualitative";
    case Operator::kInvalid:
      return "invalid";
  }
  return "invalid";
}

std::string_view RowKindName(RowKind kind) {
  switch (kind) {
    case RowKind::kIndicator:
      return "indicator";
    case RowKind::kBlankPlaceholder:
      return "placeholder";
    case RowKind::kNotApplicable:
      return "not-applicable";
    case RowKind::kCategoryOnly:
      return "category-only";
  }
  return "indicator";
}

std::string_view LevelName(InputDiagnostic::Level level) {
  switch (level) {
    case InputDiagnostic::Level::kError:
      return "error";
    case InputDiagnostic::Level::kWarning:
      return "warning";
    case InputDiagnostic::Level::kNote:
      return "note";
  }
  return "note";
}

// In the dump of an office file a cell's line is one of the text form made
// of it; `place` says where the cell is in the file.
json CellJson(const Cell& cell, const SourceBuffer* buffer) {
  json out = {{"text", Str(cell.text)}, {"line", cell.line}};
  if (const FilePlace* place =
          buffer == nullptr ? nullptr : buffer->PlaceAt(cell.line)) {
    out["place"] = place->Text();
  }
  return out;
}

json ValueJson(const ParsedValue& value) {
  json out = {{"kind", ValueKindName(value.kind)}};
  switch (value.kind) {
    case ValueKind::kNumber:
    case ValueKind::kChineseNum:
      out["number"] = value.number;
      if (!value.written_unit.empty()) out["written_unit"] = value.written_unit;
      break;
    case ValueKind::kMulti:
      out["numbers"] = value.numbers;
      break;
    case ValueKind::kDate:
    case ValueKind::kBadDate:
      out["year"] = value.year;
      out["month"] = value.month;
      out["day"] = value.day;
      break;
    default:
      break;
  }
  return out;
}

json OptionalNumber(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json ScoreJson(const ScoreReading& reading) {
  json out = {
      {"kind", ScoreKindName(reading.kind)},
      {"max_points", OptionalNumber(reading.max_points)},
      {"reaches_weight_by_definition", reading.reaches_weight_by_definition}};
  if (reading.max_points_alt) out["max_points_alt"] = *reading.max_points_alt;
  if (reading.threshold) {
    out["threshold"] = *reading.threshold;
    out["threshold_unit"] = reading.threshold_unit;
  }
  if (!reading.subject.empty()) out["subject"] = reading.subject;
  if (!reading.tiers.empty()) out["tiers"] = reading.tiers.size();
  if (!reading.deductions.empty())
    out["deductions"] = reading.deductions.size();
  if (!reading.why_unparsed.empty()) out["why_unparsed"] = reading.why_unparsed;
  return out;
}

json RowJson(const IndicatorRow& row, const SourceBuffer* buffer) {
  json parsed = {{"operator",
                  {{"op", OperatorName(row.parsed_op.op)},
                   {"canonical", row.parsed_op.canonical},
                   {"variant", row.parsed_op.is_variant}}},
                 {"value", ValueJson(row.parsed_value)},
                 {"unit",
                  {{"canonical", row.parsed_unit.canonical},
                   {"family", row.parsed_unit.family},
                   {"known", row.parsed_unit.known},
                   {"variant", row.parsed_unit.is_variant},
                   {"none", row.parsed_unit.is_none}}},
                 {"weight",
                  {{"valid", row.parsed_weight.valid},
                   {"points", row.parsed_weight.points}}}};
  if (!row.IsPlaceholder()) parsed["rule"] = ScoreJson(*row.parsed_rule);
  return {{"kind", RowKindName(row.kind)},
          {"line", row.line},
          {"level1", Str(row.level1)},
          {"level2", Str(row.level2)},
          {"level1_inherited", row.level1_inherited},
          {"level2_inherited", row.level2_inherited},
          {"cells",
           {{"level1", CellJson(row.level1_raw, buffer)},
            {"level2", CellJson(row.level2_raw, buffer)},
            {"name", CellJson(row.name, buffer)},
            {"operator", CellJson(row.op, buffer)},
            {"value", CellJson(row.value, buffer)},
            {"unit", CellJson(row.unit, buffer)},
            {"explanation", CellJson(row.explanation, buffer)},
            {"rule", CellJson(row.rule, buffer)},
            {"weight", CellJson(row.weight, buffer)}}},
          {"parsed", std::move(parsed)}};
}

// The row's 三级指标, or null for unit findings and for placeholder rows
// (which have no name; their category is in the evidence).
json IndicatorOf(const Unit& unit, const Finding& finding) {
  if (finding.row_index < 0) return nullptr;
  const std::string_view name = unit.rows[finding.row_index].name.text;
  return name.empty() ? json(nullptr) : json(Str(name));
}

// The unit's real indicators (三级指标), so that a later compare can
// recognise the unit after a rename by what its table contains.
json IndicatorNames(const Unit& unit) {
  json names = json::array();
  for (const IndicatorRow& row : unit.rows) {
    if (!row.IsPlaceholder() && !row.name.text.empty()) {
      names.push_back(Str(TrimBlank(row.name.text)));
    }
  }
  return names;
}

}  // namespace

json FindingJson(const Corpus& corpus, const Finding& finding) {
  const Unit& unit = corpus.units[finding.unit_index];
  json related = json::array();
  for (const RelatedPlace& place : finding.related) {
    related.push_back(
        {{"unit", place.unit_id},
         {"indicator",
          place.indicator.empty() ? json(nullptr) : json(place.indicator)},
         {"source", Source(place.source)}});
  }
  return {{"rule", finding.rule},
          {"severity", SeverityName(finding.severity)},
          {"unit", unit.id},
          {"unit_name", Str(unit.DisplayName())},
          {"indicator", IndicatorOf(unit, finding)},
          {"source", Source(finding.source)},
          {"message", finding.message},
          {"fix", finding.fix},
          {"evidence", EvidenceJson(finding.evidence)},
          {"related", std::move(related)},
          {"priority", finding.priority},
          {"fingerprint", finding.fingerprint}};
}

json DiagnosticsJson(const std::vector<InputDiagnostic>& diagnostics) {
  json out = json::array();
  for (const InputDiagnostic& d : diagnostics) {
    out.push_back({{"level", LevelName(d.level)},
                   {"file", d.file},
                   {"line", d.line},
                   {"message", d.message},
                   {"skipped", d.skipped}});
  }
  return out;
}

namespace {

json UnitJson(const ReportInput& input, int u) {
  const Unit& unit = input.corpus.units[u];
  const UnitScore& score = input.scores[u];
  return {{"id", unit.id},
          {"name", Str(unit.DisplayName())},
          {"title", Str(unit.title)},
          {"jurisdiction", unit.jurisdiction},
          {"source", Source(unit.source)},
          {"indicators", unit.RealIndicatorCount()},
          {"weight_sum", score.weight_sum},
          {"quality_score", score.quality},
          {"rank", score.rank},
          {"counts",
           {{"error", score.errors},
            {"warning", score.warnings},
            {"info", score.infos}}},
          {"indicator_names", IndicatorNames(unit)}};
}

// A waived finding carries the waiver that accepted it.
json WaivedFindingJson(const ReportInput& input, const Finding& finding) {
  json entry = FindingJson(input.corpus, finding);
  const Waiver& waiver = input.waivers->waivers[finding.waiver];
  entry["waiver"] = {
      {"reason", waiver.reason},
      {"accepted_by", waiver.accepted_by},
      {"until", waiver.until},
      {"source", {{"file", input.waivers->path}, {"line", waiver.line}}}};
  return entry;
}

json StaleWaiversJson(const ReportInput& input) {
  json stale = json::array();
  for (const Waiver* waiver : StaleWaivers(input)) {
    stale.push_back(
        {{"unit", waiver->unit},
         {"indicator",
          waiver->indicator.empty() ? json(nullptr) : json(waiver->indicator)},
         {"rule", waiver->rule},
         {"until", waiver->until},
         {"why", waiver->expired ? "expired" : "matches-nothing"},
         {"source", {{"file", input.waivers->path}, {"line", waiver->line}}}});
  }
  return stale;
}

json RunJson(const ReportInput& input) {
  json run = {{"target_year", input.target_year},
              {"inputs", input.corpus.inputs},
              {"config", input.config_path}};
  if (input.baseline != nullptr) {
    run["baseline"] = {{"file", input.baseline->path},
                       {"year", input.baseline->year},
                       {"new", input.baseline->new_findings},
                       {"persisting", input.baseline->persisting},
                       {"fixed", input.baseline->fixed}};
  }
  return run;
}

// findings.json's big arrays (units, findings, waived findings), element
// by element, and the small rest of the document around them.
class FindingsDocument {
 public:
  static constexpr const char* kArrayKeys[] = {"units", "findings", "waived"};

  explicit FindingsDocument(const ReportInput& input) : input_(input) {
    for (const Finding& finding : input.findings) {
      (finding.waived ? waived_ : listed_).push_back(&finding);
    }
  }

  json Skeleton() const {
    return {{"tool", {{"name", "jxaudit"}, {"version", JXAUDIT_VERSION}}},
            {"run", RunJson(input_)},
            {kArrayKeys[0], ArraySlot(0)},
            {kArrayKeys[1], ArraySlot(1)},
            {kArrayKeys[2], ArraySlot(2)},
            {"stale_waivers", StaleWaiversJson(input_)},
            {"diagnostics", DiagnosticsJson(input_.corpus.diagnostics)}};
  }

  std::vector<StreamedArray> Arrays() const {
    return {{static_cast<int>(input_.corpus.units.size()),
             [this](int u) { return UnitJson(input_, u); }},
            {static_cast<int>(listed_.size()),
             [this](int i) { return FindingJson(input_.corpus, *listed_[i]); }},
            {static_cast<int>(waived_.size()),
             [this](int i) { return WaivedFindingJson(input_, *waived_[i]); }}};
  }

 private:
  const ReportInput& input_;
  std::vector<const Finding*> listed_;
  std::vector<const Finding*> waived_;
};

}  // namespace

json FindingsJson(const ReportInput& input) {
  const FindingsDocument document(input);
  json out = document.Skeleton();
  const std::vector<StreamedArray> arrays = document.Arrays();
  for (size_t a = 0; a < arrays.size(); ++a) {
    json& array = out[FindingsDocument::kArrayKeys[a]] = json::array();
    for (int i = 0; i < arrays[a].size; ++i) {
      array.push_back(arrays[a].element(i));
    }
  }
  return out;
}

absl::Status WriteFindingsJson(const ReportInput& input, const ByteSink& sink) {
  const FindingsDocument document(input);
  return WriteStreamedJson(document.Skeleton(), document.Arrays(),
                           input.threads, sink);
}

json ModelJson(const Corpus& corpus) {
  json units = json::array();
  for (const Unit& unit : corpus.units) {
    json rows = json::array();
    for (const IndicatorRow& row : unit.rows)
      rows.push_back(RowJson(row, unit.buffer));
    units.push_back({{"id", unit.id},
                     {"title", Str(unit.title)},
                     {"name", Str(unit.name)},
                     {"bookmark", Str(unit.bookmark)},
                     {"duties", Str(unit.duties)},
                     {"goals", Str(unit.goals)},
                     {"title_year", unit.title_year},
                     {"goals_year", unit.goals_year},
                     {"source", Source(unit.source)},
                     {"rows", std::move(rows)}});
  }
  json files = json::array();
  for (const auto& buffer : corpus.buffers) {
    json file = {{"path", buffer->path}, {"encoding", buffer->encoding}};
    if (!buffer->format.empty()) file["format"] = buffer->format;
    files.push_back(std::move(file));
  }
  return {{"files", std::move(files)},
          {"units", std::move(units)},
          {"diagnostics", DiagnosticsJson(corpus.diagnostics)}};
}

}  // namespace jxaudit
