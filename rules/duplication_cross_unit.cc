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
        .params = {{.name = "min_similarity", .number = 0.85},
                   {.name = "min_specific_shingles", .number = 10},
                   {.name = "boilerplate_share", .number = 0.05},
                   {.name = "boilerplate_min_units", .number = 6},
                   {.name = "max_related", .number = 5}},
        .corpus_wide = true,
        .certainty = 0.8};
    return kInfo;
  }

  void CheckCorpus(const Corpus& corpus, const Config& config,
                   int /*target_year*/,
                   std::vector<Finding>& out) const override {
    DupTiming("before cross-unit");
    const RuleSettings& settings = config.Rule(kId);
    const float min_similarity =
        static_cast<float>(settings.Number("min_similarity"));
    const int min_specific =
        static_cast<int>(settings.Number("min_specific_shingles"));
    const size_t max_related =
        static_cast<size_t>(std::max(1.0, settings.Number("max_related")));
    auto analysis = DuplicationAnalysis::Get(corpus, config);
    const DuplicationAnalysis& a = *analysis;
    const int classes = a.index().num_classes();
    std::vector<std::vector<Finding>> per_class(classes);
    ParallelFor(classes, 0, [&](int cls) {
      // Text made of template shingles only is boilerplate, however many
      // units repeat it.
      if (a.index().SpecificCount(cls) < min_specific) return;
      const std::vector<Partner> partners =
          PartnersOf(a, cls, min_similarity, min_specific);
      if (partners.size() < 2) return;  // only the row's own unit
      for (const RowRef& ref : a.RowsOf(cls)) {
        Report(corpus, config, a, cls, ref, partners, max_related,
               per_class[cls]);
      }
    });
    for (auto& findings : per_class) {
      std::move(findings.begin(), findings.end(), std::back_inserter(out));
    }
  }

 private:
  void Report(const Corpus& corpus, const Config& config,
              const DuplicationAnalysis& a, int cls, const RowRef& ref,
              const std::vector<Partner>& partners, size_t max_related,
              std::vector<Finding>& out) const {
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
    Finding& finding = AddDuplicationFinding(
        corpus, config, kId, ref.unit, ref.row, std::move(message),
        std::move(fix), std::move(evidence), out);
    for (size_t i = 0; i < others.size() && i < max_related; ++i) {
      finding.related.push_back(
          RelatedRow(corpus, others[i]->unit, others[i]->row));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDuplicationCrossUnit() {
  return std::make_unique<DuplicationCrossUnit>();
}

}  // namespace jxaudit
