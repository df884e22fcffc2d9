// Copies between units, as pairs: which unit took which rows from which
// other unit, how the two units are related, and why this side is the one
// that copied. Built once per run (CorpusCheck::Shared<CopyAnalysis>()) on
// top of the row classes of DuplicationAnalysis; duplication/cross-unit and
// duplication/clone-unit report from it.
//
// Linear in the corpus: every row class whose text is specific and held by
// at most BoilerplateUnits units (with its near-identical classes) elects
// one source among its holders, and each other holder's rows in the class
// become edges to that source. A row shared by 200 units is template and
// costs one class; a row shared by k units costs k-1 edges, never k² pairs.
#ifndef JXAUDIT_RULES_DUPLICATION_COPIES_H_
#define JXAUDIT_RULES_DUPLICATION_COPIES_H_

#include <functional>
#include <string>
#include <vector>

#include "analyzer/engine/run_context.h"
#include "analyzer/engine/similarity.h"
#include "rules/duplication_common.h"

namespace jxaudit {

// How the source of a copy relates to the unit that copied it.
enum class Relation {
  kUnrelated,   // another line of work
  kSameKind,    // both towns, both schools, both hospitals
  kSameSystem,  // a name or duty word in common, or similar duties
  kSuperior,    // the source is the organ the copier works under
};

struct CopiedRow {
  int row = -1;          // the copier's row
  int source_row = -1;   // the source's row it matches
  bool changed = false;  // the copier put in its own numbers
  bool foreign = false;  // the row's topic is the source's work, not ours
  // Weaker: two of its topic words are the source's (enough once another
  // row of the pair is foreign).
  bool leans_foreign = false;
};

struct CopyPair {
  int copier = -1;
  int source = -1;
  Relation relation = Relation::kUnrelated;
  std::string relation_reason;  // Chinese: "同为学校", "单位名称同含“交通”"
  std::string direction_reason;  // Chinese: why the copier is this side
  std::vector<CopiedRow> rows;   // in the copier's row order
  int copier_rows = 0;           // real rows of the copier's table
  float duties_similarity = 0;   // names, duties and goals
  float tables_similarity = -1;  // the other rows; -1 when not needed
};

// Most of the copier's table is the source's table.
struct ClonePair {
  int copier = -1;
  int source = -1;
  int copier_rows = 0;
  // The copier's rows found in the source's table, with the source's row.
  std::vector<std::pair<int, int>> rows;
  int unchanged = 0;  // of those, rows whose numbers are the source's too
};

class CopyAnalysis {
 public:
  explicit CopyAnalysis(const RunContext& run);

  const DuplicationAnalysis& rows() const { return *rows_; }
  // Whether a row of `unit` is universal (see Universal(cls)).
  bool IsUniversalRow(int unit, int row) const {
    return Universal(rows_->ClassOf(unit, row));
  }
  // One entry per unit pair with copied rows, ordered by copier, source.
  const std::vector<CopyPair>& Pairs() const { return pairs_; }
  // The topic words of a row (bigrams of its name and explanation that few
  // tables use) that `of_unit`'s name, duties and goals contain.
  std::vector<std::string> TopicWords(int unit, int row, int of_unit) const;
  // One per copier and source (a copier's closest source; a source whose
  // rows the copier took the other way round), ordered by copier.
  const std::vector<ClonePair>& Clones() const { return clones_; }
  // Whether the two units (either way round) are a clone pair.
  bool IsClonePair(int a, int b) const;
  // Whether Pairs() has `copier` taking rows from `source`.
  bool IsCopySource(int copier, int source) const;

 private:
  struct UnitFacts {
    std::u32string name;    // without the district and 中共, normalised
    std::u32string duties;  // duties and goals, normalised
    std::string key;        // the name, for a stable order of units
    std::string kind;       // "town", "school", "hospital" or ""
    bool organ = false;     // a government or party organ, not an institution
    int real_rows = 0;
    int profile = -1;  // class in profiles_
  };

  struct Edge {
    int copier = -1, row = -1, source = -1, source_row = -1;
    bool changed = false;
    int copier_fit = 0, source_fit = 0;
    // +1: the copier's own target contradicts the shared text, which carries
    // the source's target; -1: the other way round.
    int stale = 0;
  };

  void DescribeUnits(const RunContext& run);
  void CollectEdges(const RunContext& run, std::vector<Edge>& edges) const;
  void ElectSource(int cls, std::vector<Edge>& out) const;
  void BuildPairs(std::vector<Edge>& edges);
  void FindClones();
  void OrientClones(std::vector<ClonePair>& found);
  void PrintPairs() const;  // JXAUDIT_COPY_DEBUG
  bool MoreOriginal(int a, int b) const;
  // `words`, when given, collects the matching words, each widened to the
  // longest stretch of the row that the unit's name or duties contain.
  int Fit(int unit, int cls,
          std::vector<std::u32string>* words = nullptr) const;
  // Whether the row's name is made of words that many tables use only
  // ("工作完成率", "满意度"): an indicator every unit may have.
  bool Universal(int cls) const;
  // `tables` gives the pair's TableSimilarity, computed on first use.
  Relation Relate(int copier, int source, const std::function<float()>& tables,
                  std::string& reason) const;
  // Cosine of the two tables without the copied rows' classes (sorted).
  float TableSimilarity(int a, int b, const std::vector<int>& skip) const;
  bool ShareNameWord(int a, int b, std::string& word) const;
  bool NameWordInDuties(int a, int b, std::string& word) const;

  const DuplicationAnalysis* rows_ = nullptr;
  const Corpus* corpus_ = nullptr;
  DuplicationSettings settings_;
  int boilerplate_units_ = 0;
  int common_units_ = 0;   // words used by more units are common words
  ShingleIndex profiles_;  // per unit: name, duties and goals (bigrams)
  std::vector<UnitFacts> units_;
  int threads_ = 0;
  int profile_word_max_units_ = 0;  // distinctive words are rarer than this
  std::vector<CopyPair> pairs_;
  std::vector<ClonePair> clones_;
};

std::string_view RelationName(Relation relation);

}  // namespace jxaudit

#endif  // JXAUDIT_RULES_DUPLICATION_COPIES_H_
