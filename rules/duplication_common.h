// The shared analysis behind the four duplication/* rules: every real
// indicator row as a similarity class, the near-duplicate neighbours of each
// class, and the corpus's own gazetteer of places. Built once per run, by
// the first rule that asks (CorpusCheck::Shared<DuplicationAnalysis>()), with
// the `duplication:` settings and the run's thread bound.
#ifndef JXAUDIT_RULES_DUPLICATION_COMMON_H_
#define JXAUDIT_RULES_DUPLICATION_COMMON_H_

#include <memory>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/engine/run_context.h"
#include "analyzer/engine/similarity.h"
#include "analyzer/model/finding.h"
#include "analyzer/model/model.h"

namespace jxaudit {

struct RowRef {
  int unit = -1;
  int row = -1;
};

// A number written in a cell, with the normalised text around it.
struct TextNumber {
  double value = 0;
  std::string written;           // as written, e.g. "55200"
  int field = 0;                 // 0 name, 1 explanation, 2 rule
  int ordinal = 0;               // index among the numbers of that field
  std::u32string before, after;  // normalised neighbours
};

class DuplicationAnalysis {
 public:
  explicit DuplicationAnalysis(const RunContext& run);

  const Corpus& corpus() const { return *corpus_; }
  const ShingleIndex& index() const { return index_; }
  // The class of a real row, -1 for placeholders.
  int ClassOf(int unit, int row) const { return row_class_[unit][row]; }
  const std::vector<RowRef>& RowsOf(int cls) const { return class_rows_[cls]; }
  const std::vector<Neighbour>& NeighboursOf(int cls) const {
    return neighbours_[cls];
  }
  // Classes of each unit's real rows, in row order.
  const std::vector<std::vector<int>>& UnitClasses() const {
    return unit_classes_;
  }
  const std::vector<TextNumber>& Numbers(int unit, int row) const {
    return numbers_[row_text_[unit][row]];
  }
  // Row text for people: "名称｜解释｜评分标准".
  std::string RowText(int unit, int row) const;
  // NFKC-folded name + explanation + rule, for token searches.
  const std::string& FoldedRow(int unit, int row) const {
    return folded_[row_text_[unit][row]];
  }

  // Gazetteer: place and unit names the corpus's own units carry, with the
  // units that own them (their name or title yields the token). Whether a
  // unit mentions a token in its own header: Contains(UnitHeader(u), token).
  struct Place {
    std::string token;
    std::vector<int> owners;  // ascending
  };
  const std::vector<Place>& Gazetteer() const { return gazetteer_; }
  // The unit's kind for self-references ("我镇"): "town", "school" or "".
  const std::string& UnitKind(int unit) const { return unit_kind_[unit]; }
  // The corpus's region level: "区" or "县" ("" when unknown).
  const std::string& RegionLevel() const { return region_level_; }
  // A unit's name text used for ownership tests (name, title, duties, goals).
  const std::string& UnitHeader(int unit) const { return unit_header_[unit]; }
  const std::string& UnitNameText(int unit) const { return unit_name_[unit]; }

 private:
  void BuildGazetteer(int threads);

  const Corpus* corpus_;
  ShingleIndex index_;
  std::vector<std::vector<int>> row_class_;
  std::vector<std::vector<RowRef>> class_rows_;
  std::vector<std::vector<Neighbour>> neighbours_;
  std::vector<std::vector<int>> unit_classes_;
  // Per distinct row text (rows with the same three cells share one).
  std::vector<std::vector<int>> row_text_;
  std::vector<std::vector<TextNumber>> numbers_;
  std::vector<std::string> folded_;
  std::vector<Place> gazetteer_;
  std::vector<std::string> unit_kind_;
  std::vector<std::string> unit_header_;
  std::vector<std::string> unit_name_;
  std::string region_level_;
};

// The kind of a unit from its normalised name, for self-references and
// whole-name gazetteer entries: "town", "school" or "".
std::string KindOf(std::string_view name);

// Two numbers as written in a table are the same (relative 1e-9).
bool Same(double a, double b);
// The same quantity at another magnitude (2 万人 vs 20000人).
bool SameUpToScale(double a, double b);

// Units above which shared text is template, not a copy (see
// DuplicationSettings): the same bar for the index and the copy pairs.
int BoilerplateUnits(const Corpus& corpus, const DuplicationSettings& settings);

RelatedPlace RelatedRow(const Corpus& corpus, int unit, int row);
RelatedPlace RelatedUnit(const Corpus& corpus, int unit);

// Short display name of a unit (the 名称 cell or the title).
std::string UnitLabel(const Corpus& corpus, int unit);

// Prints the time since the previous call to stderr when the environment
// variable JXAUDIT_DUP_TIMING is set (for bench/dup_bench).
void DupTiming(const char* what);

// "…" past `max_chars` code points.
std::string Clip(std::string_view text, size_t max_chars);

}  // namespace jxaudit

#endif  // JXAUDIT_RULES_DUPLICATION_COMMON_H_
