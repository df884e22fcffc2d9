// duplication/within-unit: one unit reuses the same explanation or rule
// text for indicators with different names, and the text is specific to
// one of them: it names that indicator's subject and says nothing of the
// other's. Generic texts ("少1次扣1分，扣完即止") fit any row and are fine.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "analyzer/engine/rule.h"
#include "analyzer/engine/similarity.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/duplication_common.h"

namespace jxaudit {
namespace {

constexpr char kWithinUnitId[] = "duplication/within-unit";

std::set<std::u32string> MakeBigrams(std::u32string_view text) {
  std::set<std::u32string> out;
  for (size_t i = 0; i + 2 <= text.size(); ++i) {
    if (text[i] == U'#' || text[i + 1] == U'#') continue;
    out.emplace(text.substr(i, 2));
  }
  return out;
}

using BigramSet = std::set<std::u32string>;

// One distinct name among the rows that share a text, at its first row.
// The verdict for a pair of rows reads only the bigrams of their names that
// the text contains ("in_text"), and those of them few units use
// ("topical": words like "完成", "指标" and "对象" fit any indicator and say
// nothing about which one the text means). Rows with the same name get the
// same verdict, so only the first row of each name is a candidate.
struct Candidate {
  int row = 0;
  BigramSet in_text;
  BigramSet topical;
};

size_t CountMissing(const BigramSet& from, const BigramSet& in) {
  size_t missing = 0;
  for (const auto& b : from) missing += in.count(b) == 0 ? 1 : 0;
  return missing;
}

// The rows sharing one text and the first row, by name, that each of them
// may be reported against. Row j is reported against the first row i (in
// row order) with another name whose topical bigrams, less j's, are at
// least `min_topic`, and whose name holds every bigram of j's name that the
// text holds. Candidates are found through the posting list of one of j's
// bigrams and the verdict is kept per j-bigram set, so a group of many rows
// with few distinct names costs about its size, not its square.
class SharedTextGroup {
 public:
  SharedTextGroup(const BigramSet& text, size_t min_topic)
      : text_(text), min_topic_(min_topic) {}

  void AddName(int row, const BigramSet& name, const ShingleIndex& index,
               int max_df) {
    Candidate c{.row = row};
    for (const auto& b : name) {
      if (!text_.count(b)) continue;
      c.in_text.insert(b);
      if (index.DocumentFrequency(b) <= max_df) c.topical.insert(b);
    }
    const int k = static_cast<int>(candidates_.size());
    for (const auto& b : c.in_text) postings_[b].push_back(k);
    candidates_.push_back(std::move(c));
  }

  // The first candidate row for a row whose name has bigrams `name` (the
  // candidate must carry another name: `same_name(row)` says whether it
  // does not).
  template <typename SameName>
  std::optional<int> Match(const BigramSet& name, const SameName& same_name) {
    BigramSet mine;
    for (const auto& b : name) {
      if (text_.count(b)) mine.insert(b);
    }
    auto [it, fresh] = verdicts_.try_emplace(mine);
    if (fresh) it->second = FirstTwo(mine);
    for (int k : it->second) {
      if (!same_name(candidates_[k].row)) return candidates_[k].row;
    }
    return std::nullopt;
  }

 private:
  // The first two candidates that fit `mine` (two: one may carry the very
  // name of the row asking, which only min_topic 0 lets through).
  std::vector<int> FirstTwo(const BigramSet& mine) const {
    const std::vector<int>* scan = nullptr;
    for (const auto& b : mine) {
      auto it = postings_.find(b);
      if (it == postings_.end()) return {};
      if (scan == nullptr || it->second.size() < scan->size())
        scan = &it->second;
    }
    std::vector<int> found;
    const int all = static_cast<int>(candidates_.size());
    for (int n = 0; n < (scan ? static_cast<int>(scan->size()) : all); ++n) {
      const int k = scan ? (*scan)[n] : n;
      const Candidate& c = candidates_[k];
      if (CountMissing(mine, c.in_text) > 0 ||
          CountMissing(c.topical, mine) < min_topic_) {
        continue;
      }
      found.push_back(k);
      if (found.size() == 2) break;
    }
    return found;
  }

  const BigramSet& text_;
  size_t min_topic_;
  std::vector<Candidate> candidates_;
  std::map<std::u32string, std::vector<int>> postings_;
  std::map<BigramSet, std::vector<int>> verdicts_;
};

class DuplicationWithinUnit : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = kWithinUnitId,
        .default_severity = Severity::kWarning,
        .summary =
            "同一单位的不同指标用了同一段指标解释或评分标准，而这段文字只写了其"
            "中一个指标",
        .corpus_wide = true,
        .certainty = 0.8};
    return kInfo;
  }

  void CheckCorpus(CorpusCheck& check) const override {
    DupTiming("before within-unit");
    const size_t min_chars = static_cast<size_t>(min_text_chars_);
    const DuplicationAnalysis& analysis = check.Shared<DuplicationAnalysis>();
    const int units = static_cast<int>(check.corpus().units.size());
    const int max_df = std::max(
        2, static_cast<int>(topic_max_share_ * static_cast<double>(units)));
    check.ForEach(units, [&](CorpusCheck& local, int u) {
      CheckUnit(local, u, min_chars, min_topic_bigrams_, analysis, max_df);
    });
  }

 private:
  void CheckUnit(CorpusCheck& check, int u, size_t min_chars, int min_topic,
                 const DuplicationAnalysis& analysis, int max_df) const {
    const Corpus& corpus = check.corpus();
    const ShingleIndex& index = analysis.index();
    const Unit& unit = corpus.units[u];
    // The normalised cells the similarity index already holds.
    auto field_of = [&](size_t r, int field) -> const std::u32string& {
      return index.Fields(analysis.ClassOf(u, static_cast<int>(r)))[field];
    };
    // Name bigrams, only for the rows that share a text (most rows do not).
    std::vector<std::optional<std::set<std::u32string>>> name_bigrams(
        unit.rows.size());
    auto bigrams_of = [&](int r) -> const std::set<std::u32string>& {
      if (!name_bigrams[r]) name_bigrams[r] = MakeBigrams(field_of(r, 0));
      return *name_bigrams[r];
    };
    std::set<int> reported;
    for (int field : {1, 2}) {
      std::map<std::u32string_view, std::vector<int>> groups;
      for (size_t r = 0; r < unit.rows.size(); ++r) {
        if (unit.rows[r].IsPlaceholder()) continue;
        const std::u32string& text = field_of(r, field);
        if (text.size() >= min_chars)
          groups[text].push_back(static_cast<int>(r));
      }
      for (const auto& [text, rows] : groups) {
        if (rows.size() < 2) continue;
        const BigramSet text_bigrams = MakeBigrams(text);
        SharedTextGroup group(text_bigrams,
                              static_cast<size_t>(std::max(0, min_topic)));
        std::set<std::u32string_view> names;
        for (int i : rows) {
          if (names.insert(field_of(i, 0)).second)
            group.AddName(i, bigrams_of(i), index, max_df);
        }
        for (int j : rows) {
          if (reported.count(j)) continue;
          const std::optional<int> other = group.Match(
              bigrams_of(j),
              [&](int i) { return field_of(i, 0) == field_of(j, 0); });
          if (!other) continue;
          Report(check, u, j, *other, field);
          reported.insert(j);
        }
      }
    }
  }

  void Report(CorpusCheck& check, int u, int row, int other, int field) const {
    const Corpus& corpus = check.corpus();
    const Unit& unit = corpus.units[u];
    const IndicatorRow& mine = unit.rows[row];
    const IndicatorRow& theirs = unit.rows[other];
    const std::string_view field_name =
        field == 1 ? "指标解释" : "评（扣）分标准";
    const std::string_view text =
        TrimBlank(field == 1 ? mine.explanation.text : mine.rule.text);
    const std::string_view my_name = TrimBlank(mine.name.text);
    const std::string_view other_name = TrimBlank(theirs.name.text);
    // Texts are grouped with their numbers masked: say "相同" only when the
    // numbers agree too.
    const std::string_view other_text =
        TrimBlank(field == 1 ? theirs.explanation.text : theirs.rule.text);
    const bool identical = RemoveAllBlanks(FoldNfkc(text)) ==
                           RemoveAllBlanks(FoldNfkc(other_text));
    std::string message =
        StrCat("本指标“", my_name, "”的", field_name, "“", Clip(text, 40),
               "”与本表", unit.LineRef(theirs.line), "“", other_name, "”的",
               field_name, identical ? "相同" : "除数字外相同",
               "；这段文字写的是“", other_name, "”，没有说明“", my_name, "”");
    std::string fix = StrCat("为“", my_name, "”单独填写", field_name,
                             field == 1 ? "，写明它衡量什么、怎样计算"
                                        : "，写明达到什么程度得几分、怎样扣分",
                             "，不要沿用“", other_name, "”的文字");
    Evidence evidence = {{"field", field_name},
                         {"text", Clip(text, 80)},
                         {"other_indicator", other_name},
                         {"other_line", theirs.line}};
    Finding& finding = check.AddRow(u, row, std::move(message), std::move(fix),
                                    std::move(evidence));
    finding.related.push_back(RelatedRow(corpus, u, other));
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Integer("min_text_chars", &min_text_chars_);
    options.Integer("min_topic_bigrams", &min_topic_bigrams_);
    options.Number("topic_max_share", &topic_max_share_);
  }

 private:
  int min_text_chars_ = 6;     // shorter shared texts are not compared
  int min_topic_bigrams_ = 2;  // name bigrams that tie a text to a row
  // Name words used by more than this share of units ("完成", "指标") do
  // not tie a text to one indicator.
  double topic_max_share_ = 0.1;
};

}  // namespace

std::unique_ptr<Rule> MakeDuplicationWithinUnit() {
  return std::make_unique<DuplicationWithinUnit>();
}

}  // namespace jxaudit
