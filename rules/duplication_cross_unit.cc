// duplication/cross-unit: an indicator row (name, explanation and rule
// together) that is the same or nearly the same as a row of another unit,
// when the shared text is specific: template sentences that a large share
// of all units carry are boilerplate, not a copy.
#include <algorithm>
#include <map>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/duplication_common.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

constexpr char kId[] = "duplication/cross-unit";
constexpr std::string_view kFieldNames[] = {"三级指标", "指标解释",
                                            "评（扣）分标准"};

struct Partner {
  float cosine = 0;
  int unit = -1;
  int row = -1;
  bool exact = false;
};

// The other rows (one per unit, the most similar) a class's rows are
// copies of, best first.
std::vector<Partner> PartnersOf(const DuplicationAnalysis& a, int cls,
                                float min_similarity, int min_specific) {
  std::map<int, Partner> best;
  auto offer = [&](int other, float cosine, bool exact) {
    for (const RowRef& ref : a.RowsOf(other)) {
      auto [it, inserted] = best.try_emplace(ref.unit);
      if (inserted || cosine > it->second.cosine) {
        it->second = {cosine, ref.unit, ref.row, exact};
      }
    }
  };
  offer(cls, 1.0f, true);
  for (const Neighbour& n : a.NeighboursOf(cls)) {
    if (n.cosine >= min_similarity && n.specific_shared >= min_specific) {
      offer(n.cls, n.cosine, false);
    }
  }
  std::vector<Partner> out;
  for (const auto& [unit, partner] : best) out.push_back(partner);
  std::stable_sort(
      out.begin(), out.end(),
      [](const Partner& x, const Partner& y) { return x.cosine > y.cosine; });
  return out;
}

nlohmann::json Differences(const Corpus& corpus, int unit, int row,
                           const Partner& other, std::string* summary) {
  const IndicatorRow& mine = corpus.units[unit].rows[row];
  const IndicatorRow& theirs = corpus.units[other.unit].rows[other.row];
  const Cell* a[] = {&mine.name, &mine.explanation, &mine.rule};
  const Cell* b[] = {&theirs.name, &theirs.explanation, &theirs.rule};
  nlohmann::json out = nlohmann::json::array();
  for (int f = 0; f < 3; ++f) {
    const std::string_view x = TrimBlank(a[f]->text), y = TrimBlank(b[f]->text);
    if (x == y) continue;
    TextDiff diff = DiffTexts(x, y);
    out.push_back({{"field", kFieldNames[f]},
                   {"this", Clip(diff.mine, 40)},
                   {"other", Clip(diff.theirs, 40)}});
    if (summary->empty()) {
      *summary = StrCat(kFieldNames[f], "中本表为“", Clip(diff.mine, 20),
                        "”，对方为“", Clip(diff.theirs, 20), "”");
    }
  }
  const std::string_view v1 = TrimBlank(mine.value.text),
                         v2 = TrimBlank(theirs.value.text);
  if (v1 != v2) {
    out.push_back({{"field", "指标值"}, {"this", v1}, {"other", v2}});
  }
  return out;
}

class DuplicationCrossUnit : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = kId,
        .default_severity = Severity::kWarning,
        .summary = "指标与其他单位的指标几乎相同（照搬其他单位表格）",
        .corpus_wide = true,
        .certainty = 0.8};
    return kInfo;
  }

  void CheckCorpus(CorpusCheck& check) const override {
    DupTiming("before cross-unit");
    const float min_similarity = static_cast<float>(min_similarity_);
    const int min_specific = min_specific_shingles_;
    const size_t max_related = static_cast<size_t>(std::max(1, max_related_));
    const DuplicationAnalysis& a = check.Shared<DuplicationAnalysis>();
    check.ForEach(a.index().num_classes(), [&](CorpusCheck& local, int cls) {
      // Text made of template shingles only is boilerplate, however many
      // units repeat it.
      if (a.index().SpecificCount(cls) < min_specific) return;
      const std::vector<Partner> partners =
          PartnersOf(a, cls, min_similarity, min_specific);
      if (partners.size() < 2) return;  // only the row's own unit
      for (const RowRef& ref : a.RowsOf(cls)) {
        Report(local, a, cls, ref, partners, max_related);
      }
    });
  }

 private:
  void Report(CorpusCheck& check, const DuplicationAnalysis& a, int cls,
              const RowRef& ref, const std::vector<Partner>& partners,
              size_t max_related) const {
    const Corpus& corpus = check.corpus();
    std::vector<const Partner*> others;
    int exact = 0;
    for (const Partner& p : partners) {
      if (p.unit == ref.unit) continue;
      others.push_back(&p);
      if (p.exact) ++exact;
    }
    if (others.empty()) return;
    const Partner& best = *others.front();
    std::string difference;
    nlohmann::json differences =
        Differences(corpus, ref.unit, ref.row, best, &difference);
    const std::string best_name = UnitLabel(corpus, best.unit);
    const std::string similarity = FormatNumber(RoundForEvidence(best.cosine));
    std::string message = StrCat(
        "该指标与",
        others.size() > 1 ? StrCat(others.size(), "个其他单位") : "",
        others.size() > 1 ? "的指标几乎相同，最接近的是“" : "“", best_name,
        "”的“", TrimBlank(corpus.units[best.unit].rows[best.row].name.text),
        "”（第", corpus.units[best.unit].rows[best.row].line, "行，相似度",
        similarity, "）");
    if (difference.empty()) {
      StrAppend(&message, "，名称、指标解释和评分标准逐字相同");
    } else {
      StrAppend(&message, "；不同之处：", difference);
    }
    std::string fix =
        "核对该指标是否照搬了其他单位的表格：按本单位的职责和年度任务改写指标解"
        "释和"
        "评分标准，确认其中的数字、地名和单位名称都是本单位的";
    nlohmann::json evidence = {
        {"similarity", RoundForEvidence(best.cosine)},
        {"other_units", others.size()},
        {"exact_copies", exact},
        {"specific_shingles", a.index().SpecificCount(cls)},
        {"boilerplate_units", a.index().options().specific_df},
        {"shared_text", Clip(a.RowText(ref.unit, ref.row), 80)},
        {"differences", differences}};
    Finding& finding = check.AddRow(ref.unit, ref.row, std::move(message),
                                    std::move(fix), std::move(evidence));
    for (size_t i = 0; i < others.size() && i < max_related; ++i) {
      finding.related.push_back(
          RelatedRow(corpus, others[i]->unit, others[i]->row));
    }
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Number("min_similarity", &min_similarity_);
    options.Integer("min_specific_shingles", &min_specific_shingles_);
    options.Integer("max_related", &max_related_);
  }

 private:
  // Rows at least this similar (cosine of TF-IDF character shingles) are
  // copies; 0.85 keeps reworded copies and drops rows adapted to the unit.
  double min_similarity_ = 0.85;
  // The copy must share at least this many specific (non-template) shingles.
  int min_specific_shingles_ = 10;
  int max_related_ = 5;  // other units listed per finding
};

}  // namespace

std::unique_ptr<Rule> MakeDuplicationCrossUnit() {
  return std::make_unique<DuplicationCrossUnit>();
}

}  // namespace jxaudit
