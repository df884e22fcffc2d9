// duplication/cross-unit: one finding per pair of units, on the side that
// copied, listing the indicator rows it took from the other unit with their
// specifics unchanged (CopyAnalysis). A warning when the source is an
// unrelated unit and the rows describe the source's work (a library
// carrying a police station's row); info when the units are related (the
// same kind, the same system, a bureau and the agency under it), so that
// the reviewer sees the relationship once. Template rows that many units
// share, rows the copier adapted, and related whole-table clones
// (duplication/clone-unit) are not listed.
#include <algorithm>

#include "absl/strings/str_join.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/duplication_common.h"
#include "rules/duplication_copies.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

constexpr char kCrossUnitId[] = "duplication/cross-unit";

std::string Value(const IndicatorRow& row) { return ValueWithUnit(row); }

class DuplicationCrossUnit : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = kCrossUnitId,
        .default_severity = Severity::kWarning,
        .summary = "照搬其他单位的指标（无关单位时为警告，相关单位时为提示）",
        .corpus_wide = true,
        .certainty = 0.8};
    return kInfo;
  }

  void CheckCorpus(CorpusCheck& check) const override {
    DupTiming("before cross-unit");
    const CopyAnalysis& copies = check.Shared<CopyAnalysis>();
    const auto& pairs = copies.Pairs();
    check.ForEach(
        static_cast<int>(pairs.size()),
        [&](CorpusCheck& local, int p) { Report(local, copies, pairs[p]); });
  }

 private:
  // Adapted rows and indicators every unit may have are not copies.
  static bool Listable(const CopyAnalysis& copies, const CopyPair& pair,
                       const CopiedRow& row) {
    return !row.changed && !copies.IsUniversalRow(pair.copier, row.row);
  }

  void Report(CorpusCheck& check, const CopyAnalysis& copies,
              const CopyPair& pair) const {
    const bool related = pair.relation != Relation::kUnrelated;
    // A related unit's whole table is duplication/clone-unit's finding.
    if (related && copies.IsClonePair(pair.copier, pair.source)) return;
    // Between unrelated units a row that is clearly the source's work makes
    // the pair a copy of foreign rows; rows leaning the same way join it.
    bool foreign_pair = false;
    for (const CopiedRow& row : pair.rows)
      foreign_pair |= Listable(copies, pair, row) && row.foreign;
    std::vector<const CopiedRow*> rows;
    for (const CopiedRow& row : pair.rows) {
      if (!Listable(copies, pair, row)) continue;
      if (!related && !(foreign_pair && row.leans_foreign)) continue;
      rows.push_back(&row);
    }
    if (rows.empty()) return;
    const Corpus& corpus = check.corpus();
    const Unit& mine = corpus.units[pair.copier];
    const Unit& theirs = corpus.units[pair.source];
    const std::string source = UnitLabel(corpus, pair.source);
    std::vector<std::string> listed;
    EvidenceArray evidence_rows;
    std::vector<std::string> words;
    for (const CopiedRow* row : rows) {
      const IndicatorRow& a = mine.rows[row->row];
      const IndicatorRow& b = theirs.rows[row->source_row];
      if (listed.size() < static_cast<size_t>(max_listed_)) {
        listed.push_back(StrCat("“", TrimBlank(a.name.text), "”（",
                                mine.LineRef(a.line), "，对方",
                                theirs.LineRef(b.line), "）"));
      }
      std::vector<std::string> topic;
      if (!related) {
        topic = copies.TopicWords(pair.copier, row->row, pair.source);
        for (const std::string& w : topic) {
          if (words.size() < 4 &&
              std::find(words.begin(), words.end(), w) == words.end()) {
            words.push_back(w);
          }
        }
      }
      evidence_rows.push_back(
          Evidence{{"indicator", TrimBlank(a.name.text)},
                   {"line", a.line},
                   {"value", Value(a)},
                   {"source_indicator", TrimBlank(b.name.text)},
                   {"source_line", b.line},
                   {"source_value", Value(b)},
                   {"source_words", topic}});
    }
    if (rows.size() > listed.size()) {
      listed.push_back(StrCat("等", rows.size(), "个"));
    }
    std::string message, fix;
    if (related) {
      message = StrCat(
          rows.size(), "个指标与“", source, "”（", pair.relation_reason,
          "）的指标相同或几乎相同，数字也未改：", absl::StrJoin(listed, "、"),
          "。相关单位共用指标时，本单位仍应写明自己的产出和目标值");
      fix = StrCat(
          "逐条确认这些指标和目标值是本单位今年自己的任务；若是，保留即可，"
          "若只是照搬“",
          source, "”，改写为本单位的产出和目标值");
    } else {
      message = StrCat(
          rows.size(), "个指标照搬了“", source, "”的指标，写的是对方的业务（",
          absl::StrJoin(words, "、"), "见于对方的职责，不见于本单位的职责）：",
          absl::StrJoin(listed, "、"), "。", pair.relation_reason);
      fix = StrCat(
          "删除这些指标，或按本单位的职责改写为本单位自己的产出和效益指"
          "标，并核对目标值");
    }
    Evidence evidence = {{"source_unit", source},
                         {"relation", RelationName(pair.relation)},
                         {"relation_reason", pair.relation_reason},
                         {"direction_reason", pair.direction_reason},
                         {"copied_rows", rows.size()},
                         {"rows", std::move(evidence_rows)}};
    Finding& finding =
        check.AddRow(pair.copier, rows.front()->row, std::move(message),
                     std::move(fix), std::move(evidence));
    if (related) finding.severity = Severity::kInfo;
    for (const CopiedRow* row : rows) {
      finding.related.push_back(
          RelatedRow(corpus, pair.source, row->source_row));
    }
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Integer("max_listed", &max_listed_);
  }

 private:
  int max_listed_ = 5;  // rows quoted in the message
};

}  // namespace

std::unique_ptr<Rule> MakeDuplicationCrossUnit() {
  return std::make_unique<DuplicationCrossUnit>();
}

}  // namespace jxaudit
