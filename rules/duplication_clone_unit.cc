// duplication/clone-unit: most of a unit's table is another unit's table
// (CopyAnalysis::Clones: MinHash buckets over the tables' row keys, each
// table compared with the most original table of its buckets). One finding
// per pair, on the side that copied. A ranking signal: clones are where
// stale copies hide.
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

constexpr char kCloneUnitId[] = "duplication/clone-unit";

class DuplicationCloneUnit : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{.id = kCloneUnitId,
                                .default_severity = Severity::kInfo,
                                .summary = "整张表基本照搬另一个单位的表",
                                .corpus_wide = true,
                                .certainty = 0.95};
    return kInfo;
  }

  void CheckCorpus(CorpusCheck& check) const override {
    DupTiming("before clone-unit");
    const CopyAnalysis& copies = check.Shared<CopyAnalysis>();
    for (const ClonePair& clone : copies.Clones()) Report(check, clone);
  }

 private:
  void Report(CorpusCheck& check, const ClonePair& clone) const {
    const Corpus& corpus = check.corpus();
    const Unit& mine = corpus.units[clone.copier];
    const Unit& theirs = corpus.units[clone.source];
    const std::string source = UnitLabel(corpus, clone.source);
    std::vector<std::string> names;
    EvidenceArray rows;
    for (const auto& [row, source_row] : clone.rows) {
      const std::string name(TrimBlank(mine.rows[row].name.text));
      if (names.size() < static_cast<size_t>(max_listed_)) {
        names.push_back(StrCat("“", name, "”"));
      }
      rows.push_back(Evidence{{"indicator", name},
                              {"line", mine.rows[row].line},
                              {"source_line", theirs.rows[source_row].line}});
    }
    if (clone.rows.size() > names.size()) names.emplace_back("等");
    std::string message = StrCat(
        "整张表基本照搬“", source, "”的表：本表", clone.copier_rows,
        "个指标中有", clone.rows.size(), "个与对方的指标相同（其中",
        clone.unchanged, "个连数字都一样），如", absl::StrJoin(names, ""));
    std::string fix =
        "整表照搬时最容易留下对方的数字和名称：逐条核对指标值、指标解释和评分标"
        "准是否符合本单位的职责和年度任务";
    Evidence evidence = {{"source_unit", source},
                         {"indicators", clone.copier_rows},
                         {"shared_indicators", clone.rows.size()},
                         {"unchanged_indicators", clone.unchanged},
                         {"rows", rows}};
    Finding& finding = check.AddUnit(clone.copier, std::move(message),
                                     std::move(fix), std::move(evidence));
    finding.related.push_back(RelatedUnit(corpus, clone.source));
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Integer("max_listed", &max_listed_);
  }

 private:
  int max_listed_ = 5;  // indicators quoted in the message
};

}  // namespace

std::unique_ptr<Rule> MakeDuplicationCloneUnit() {
  return std::make_unique<DuplicationCloneUnit>();
}

}  // namespace jxaudit
