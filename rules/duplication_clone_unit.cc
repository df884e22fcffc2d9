// duplication/clone-unit: a whole unit table near-identical to another
// unit's (cosine of the units' TF-IDF shingle vectors above a threshold).
// A ranking signal: clones are where stale copies hide.
#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "analyzer/engine/parallel.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/duplication_common.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

constexpr char kId[] = "duplication/clone-unit";

struct Clone {
  float cosine = 0;
  int unit = -1;
};

class DuplicationCloneUnit : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{.id = kId,
                                .default_severity = Severity::kInfo,
                                .summary = "整张表与其他单位的表几乎相同",
                                .corpus_wide = true,
                                .certainty = 0.95};
    return kInfo;
  }

  void CheckCorpus(CorpusCheck& check) const override {
    DupTiming("before clone-unit");
    const DuplicationAnalysis& a = check.Shared<DuplicationAnalysis>();
    const size_t min_rows = static_cast<size_t>(min_rows_);
    const float min_similarity = static_cast<float>(min_similarity_);

    // Units with the same multiset of row classes are exact clones: one
    // signature, compared once.
    std::vector<std::vector<int>> signature_classes;
    std::vector<std::vector<int>> signature_units;
    absl::flat_hash_map<std::vector<int>, int> signature_of;
    const auto& unit_classes = a.UnitClasses();
    for (int u = 0; u < static_cast<int>(unit_classes.size()); ++u) {
      if (unit_classes[u].size() < min_rows) continue;
      std::vector<int> key = unit_classes[u];
      std::sort(key.begin(), key.end());
      auto [it, inserted] =
          signature_of.try_emplace(key, signature_classes.size());
      if (inserted) {
        signature_classes.push_back(key);
        signature_units.emplace_back();
      }
      signature_units[it->second].push_back(u);
    }
    const int signatures = static_cast<int>(signature_classes.size());
    if (signatures == 0) return;
    const SparseRows vectors = a.index().GroupVectors(signature_classes);
    const std::vector<std::vector<int>> candidates =
        Candidates(a, signature_classes, min_shared_rows_, check.threads());
    std::vector<std::vector<Clone>> clones(signatures);
    ParallelFor(signatures, check.threads(), [&](int s) {
      for (int t : candidates[s]) {
        const float cosine = vectors.row(s).dot(vectors.row(t));
        if (cosine < min_similarity) continue;
        for (int u : signature_units[t]) clones[s].push_back({cosine, u});
      }
    });
    for (int s = 0; s < signatures; ++s) {
      for (int u : signature_units[s]) {
        Report(check, a, u, signature_units[s], clones[s]);
      }
    }
  }

 private:
  // Signature pairs that share at least `min_shared` of the smaller table's
  // rows (identical or near-identical rows), found through the classes.
  static std::vector<std::vector<int>> Candidates(
      const DuplicationAnalysis& a,
      const std::vector<std::vector<int>>& classes, double min_shared,
      int threads) {
    const int signatures = static_cast<int>(classes.size());
    std::vector<std::vector<int>> of_class(a.index().num_classes());
    for (int s = 0; s < signatures; ++s) {
      std::vector<int> unique = classes[s];
      unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
      for (int c : unique) of_class[c].push_back(s);
    }
    std::vector<std::vector<int>> out(signatures);
    ParallelFor(signatures, threads, [&](int s) {
      absl::flat_hash_map<int, int> shared;
      std::vector<int> unique = classes[s];
      unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
      for (int c : unique) {
        std::vector<int> touched = of_class[c];
        for (const Neighbour& n : a.NeighboursOf(c)) {
          touched.insert(touched.end(), of_class[n.cls].begin(),
                         of_class[n.cls].end());
        }
        std::sort(touched.begin(), touched.end());
        touched.erase(std::unique(touched.begin(), touched.end()),
                      touched.end());
        for (int t : touched) {
          if (t != s) ++shared[t];
        }
      }
      for (const auto& [t, count] : shared) {
        const size_t smaller = std::min(classes[s].size(), classes[t].size());
        if (count >= min_shared * static_cast<double>(smaller))
          out[s].push_back(t);
      }
    });
    return out;
  }

  void Report(CorpusCheck& check, const DuplicationAnalysis& a, int unit,
              const std::vector<int>& same, std::vector<Clone> clones) const {
    const Corpus& corpus = check.corpus();
    for (int u : same) {
      if (u != unit) clones.push_back({1.0f, u});
    }
    if (clones.empty()) return;
    std::sort(clones.begin(), clones.end(), [](const Clone& x, const Clone& y) {
      return x.cosine != y.cosine ? x.cosine > y.cosine : x.unit < y.unit;
    });
    const Clone& best = clones.front();
    const auto& mine = a.UnitClasses()[unit];
    const auto& theirs = a.UnitClasses()[best.unit];
    int shared = 0;
    for (int c : mine) {
      if (std::find(theirs.begin(), theirs.end(), c) != theirs.end()) ++shared;
    }
    const std::string similarity = FormatNumber(RoundForEvidence(best.cosine));
    std::string message =
        clones.size() > 1 ? StrCat("整张表与", clones.size(),
                                   "个单位的表几乎相同，最接近的是“",
                                   UnitLabel(corpus, best.unit), "”")
                          : StrCat("整张表与“", UnitLabel(corpus, best.unit),
                                   "”的表几乎相同");
    StrAppend(&message, "（相似度", similarity, "；本表", mine.size(),
              "个指标中有", shared, "个与对方除数字外逐字相同）");
    std::string fix =
        "整表照搬时最容易留下其他单位的数字和名称：逐条核对指标值、指标解释和评"
        "分标准"
        "是否符合本单位的职责和年度任务";
    nlohmann::json evidence = {{"similarity", RoundForEvidence(best.cosine)},
                               {"clone_units", clones.size()},
                               {"indicators", mine.size()},
                               {"identical_indicators", shared}};
    Finding& finding = check.AddUnit(unit, std::move(message), std::move(fix),
                                     std::move(evidence));
    const size_t max_related = static_cast<size_t>(max_related_);
    for (size_t i = 0; i < clones.size() && i < max_related; ++i) {
      finding.related.push_back(RelatedUnit(corpus, clones[i].unit));
    }
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Number("min_similarity", &min_similarity_);
    options.Integer("min_rows", &min_rows_);
    options.Number("min_shared_rows", &min_shared_rows_);
    options.Integer("max_related", &max_related_);
  }

 private:
  double min_similarity_ = 0.85;  // cosine of the two tables' vectors
  int min_rows_ = 5;              // smaller tables are not compared
  double min_shared_rows_ = 0.5;  // share of the smaller table's rows
  int max_related_ = 5;           // other units listed per finding
};

}  // namespace

std::unique_ptr<Rule> MakeDuplicationCloneUnit() {
  return std::make_unique<DuplicationCloneUnit>();
}

}  // namespace jxaudit
