// duplication/stale-copy: text copied from another unit that still carries
// the source's specifics: a number that is the source row's target but not
// this row's, another unit's place or school name, or a self-reference
// ("我镇", "我校", "我县") that does not fit this unit.
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/duplication_common.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

constexpr char kStaleCopyId[] = "duplication/stale-copy";
constexpr std::string_view kFieldNames[] = {"三级指标", "指标解释",
                                            "评（扣）分标准"};

// The cell a field index names: the finding points at it.
const Cell& FieldCell(const IndicatorRow& row, int field) {
  return field == 0 ? row.name : field == 1 ? row.explanation : row.rule;
}

// Whether the number sits where a row states its target (not a deduction
// step "每少1次", not points "5分", not a year, not the ubiquitous 0/100).
bool IsTargetSlot(const TextNumber& n) {
  if (Same(n.value, 0) || Same(n.value, 100)) return false;
  if (n.value >= 1990 && n.value <= 2100 &&
      Same(n.value, std::round(n.value))) {
    return false;
  }
  if (!n.after.empty() && (n.after[0] == U'分' || n.after[0] == U'年'))
    return false;
  if (!n.before.empty()) {
    const char32_t last = n.before.back();
    for (char32_t c : std::u32string_view(U"每少扣减降超低加第共计")) {
      if (last == c) return false;
    }
  }
  return true;
}

// The first of name, explanation and rule that contains `token` (folded).
int FieldWith(const IndicatorRow& row, std::string_view token) {
  const Cell* cells[] = {&row.name, &row.explanation, &row.rule};
  for (int f = 0; f < 3; ++f) {
    if (Contains(FoldNfkc(cells[f]->text), token)) return f;
  }
  return 0;
}

bool NumericTarget(const IndicatorRow& row) {
  return row.parsed_value.kind == ValueKind::kNumber;
}

struct Source {
  int unit = -1, row = -1;
  float cosine = 0;
};

class DuplicationStaleCopy : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = kStaleCopyId,
        .default_severity = Severity::kError,
        .summary = "照抄其他单位的文字后，仍留着对方的数字、地名或单位名称",
        .corpus_wide = true,
        .certainty = 0.85};
    return kInfo;
  }

  void CheckCorpus(CorpusCheck& check) const override {
    DupTiming("before stale-copy");
    const DuplicationAnalysis& a = check.Shared<DuplicationAnalysis>();
    const float min_similarity = static_cast<float>(min_similarity_);
    // A row is reported once, by the first pass that finds it. A row
    // belongs to one class, so the classes are checked independently (in
    // parallel), and so are the units after them.
    const auto owned = OwnedPlaces(check.corpus(), a, max_place_owners_);
    const int classes = a.index().num_classes();
    std::vector<std::vector<std::pair<int, int>>> stale(classes);
    check.ForEach(classes, [&](CorpusCheck& local, int cls) {
      std::set<std::pair<int, int>> reported;
      StaleNumbers(local, a, cls, min_similarity, reported);
      StaleNames(local, a, cls, min_similarity, owned, reported);
      stale[cls].assign(reported.begin(), reported.end());
    });
    std::set<std::pair<int, int>> reported;
    for (const auto& rows : stale) reported.insert(rows.begin(), rows.end());
    stale.clear();
    const PeerGazetteer peers = Peers(check.corpus(), a);
    check.ForEach(static_cast<int>(check.corpus().units.size()),
                  [&](CorpusCheck& local, int u) {
                    CheckUnitNames(local, a, peers, u, reported);
                  });
  }

 private:
  // Numbers: a row whose text repeats, in a target slot, the target of a
  // (near-)identical row of another unit instead of its own target.
  void StaleNumbers(CorpusCheck& check, const DuplicationAnalysis& a, int cls,
                    float min_similarity,
                    std::set<std::pair<int, int>>& reported) const {
    const Corpus& corpus = check.corpus();
    // Sources: rows whose own target appears in a target slot of their text.
    // Same class: aligned by (field, ordinal); near class: by context.
    std::map<std::tuple<int, int, double>, std::vector<Source>> exact;
    std::map<std::tuple<int, std::u32string, std::u32string, double>,
             std::vector<Source>>
        near;
    auto collect = [&](int from, float cosine, bool same_class) {
      for (const RowRef& ref : a.RowsOf(from)) {
        const IndicatorRow& row = corpus.units[ref.unit].rows[ref.row];
        if (!NumericTarget(row)) continue;
        for (const TextNumber& n : a.Numbers(ref.unit, ref.row)) {
          if (n.field == 0 || !IsTargetSlot(n) ||
              !Same(n.value, row.parsed_value.number)) {
            continue;
          }
          Source source{ref.unit, ref.row, cosine};
          if (same_class) {
            exact[{n.field, n.ordinal, n.value}].push_back(source);
          } else {
            near[{n.field, n.before, n.after, n.value}].push_back(source);
          }
        }
      }
    };
    collect(cls, 1.0f, true);
    for (const Neighbour& n : a.NeighboursOf(cls)) {
      if (n.cosine >= min_similarity) collect(n.cls, n.cosine, false);
    }
    if (exact.empty() && near.empty()) return;
    for (const RowRef& ref : a.RowsOf(cls)) {
      const IndicatorRow& row = corpus.units[ref.unit].rows[ref.row];
      if (!NumericTarget(row) || reported.count({ref.unit, ref.row})) continue;
      const double own = row.parsed_value.number;
      const auto& numbers = a.Numbers(ref.unit, ref.row);
      // The row's own target written elsewhere in the same cell means the
      // cell's other numbers are some other quantity. Found once per row:
      // per number, it made a cell of many numbers quadratic.
      std::set<int> own_written;
      for (const TextNumber& m : numbers) {
        if (SameUpToScale(m.value, own)) own_written.insert(m.field);
      }
      for (const TextNumber& n : numbers) {
        if (n.field == 0 || !IsTargetSlot(n) || SameUpToScale(n.value, own))
          continue;
        if (own_written.count(n.field)) continue;
        const Source* source =
            Pick(corpus, exact, {n.field, n.ordinal, n.value}, ref, row);
        if (source == nullptr) {
          source = Pick(corpus, near, {n.field, n.before, n.after, n.value},
                        ref, row);
        }
        if (source == nullptr) continue;
        ReportNumber(check, a, ref, n, *source);
        reported.insert({ref.unit, ref.row});
        break;
      }
    }
  }

  template <typename Map>
  static const Source* Pick(const Corpus& corpus, const Map& map,
                            const typename Map::key_type& key,
                            const RowRef& ref, const IndicatorRow& row) {
    auto it = map.find(key);
    if (it == map.end()) return nullptr;
    for (const Source& s : it->second) {
      if (s.unit == ref.unit) continue;
      const IndicatorRow& other = corpus.units[s.unit].rows[s.row];
      // Same kind of quantity, and a different target than ours.
      if (other.parsed_unit.family != row.parsed_unit.family) continue;
      if (SameUpToScale(other.parsed_value.number, row.parsed_value.number))
        continue;
      return &s;
    }
    return nullptr;
  }

  void ReportNumber(CorpusCheck& check, const DuplicationAnalysis& a,
                    const RowRef& ref, const TextNumber& n,
                    const Source& source) const {
    const Corpus& corpus = check.corpus();
    const IndicatorRow& row = corpus.units[ref.unit].rows[ref.row];
    const IndicatorRow& other = corpus.units[source.unit].rows[source.row];
    const std::string unit_text(TrimBlank(row.unit.text));
    const std::string own = StrCat(TrimBlank(row.value.text), unit_text);
    const std::string theirs =
        StrCat(TrimBlank(other.value.text), TrimBlank(other.unit.text));
    std::string message =
        StrCat(kFieldNames[n.field], "中的“", n.written, "”与本指标的指标值",
               own, "不符，却正好是“", UnitLabel(corpus, source.unit),
               "”同一指标“", TrimBlank(other.name.text), "”的指标值", theirs,
               "（", corpus.units[source.unit].LineRef(other.line), "，",
               source.cosine >= 1.0f ? "除数字外文字相同" : "文字几乎相同",
               "）：照抄后没有改成本单位的数字");
    std::string fix = StrCat("将", kFieldNames[n.field], "中的“", n.written,
                             "”改为本单位的指标值", own, "；若本单位目标确为",
                             theirs, "，则改正指标值");
    Evidence evidence = {
        {"kind", "number"},
        {"field", kFieldNames[n.field]},
        {"stale_token", n.written},
        {"stale_value", n.value},
        {"own_target", row.parsed_value.number},
        {"source_target", other.parsed_value.number},
        {"similarity", RoundForEvidence(source.cosine)},
        {"source_unit", UnitLabel(corpus, source.unit)},
        {"shared_text", Clip(a.RowText(ref.unit, ref.row), 80)}};
    Finding& finding =
        check.AddCell(ref.unit, ref.row, FieldCell(row, n.field),
                      std::move(message), std::move(fix), std::move(evidence));
    finding.related.push_back(RelatedRow(corpus, source.unit, source.row));
  }

  // Per unit, the gazetteer places only it and a few others own.
  static std::vector<std::vector<int>> OwnedPlaces(const Corpus& corpus,
                                                   const DuplicationAnalysis& a,
                                                   int max_owners) {
    const auto& places = a.Gazetteer();
    std::vector<std::vector<int>> owned(corpus.units.size());
    for (int p = 0; p < static_cast<int>(places.size()); ++p) {
      if (static_cast<int>(places[p].owners.size()) > max_owners) continue;
      for (int u : places[p].owners) owned[u].push_back(p);
    }
    return owned;
  }

  // Names: a row whose text names a place or school that belongs to another
  // unit, when a (near-)identical row of that unit is the likely source.
  void StaleNames(CorpusCheck& check, const DuplicationAnalysis& a, int cls,
                  float min_similarity,
                  const std::vector<std::vector<int>>& owned,
                  std::set<std::pair<int, int>>& reported) const {
    const auto& places = a.Gazetteer();
    // Candidate sources: rows of this class and of its near classes.
    std::vector<Source> sources;
    for (const RowRef& ref : a.RowsOf(cls))
      sources.push_back({ref.unit, ref.row, 1.0f});
    for (const Neighbour& n : a.NeighboursOf(cls)) {
      if (n.cosine < min_similarity) continue;
      for (const RowRef& ref : a.RowsOf(n.cls)) {
        sources.push_back({ref.unit, ref.row, n.cosine});
      }
    }
    std::set<int> tried;
    for (const Source& s : sources) {
      for (int p : owned[s.unit]) {
        if (!tried.insert(p).second) continue;
        const std::string& token = places[p].token;
        if (!Contains(a.FoldedRow(s.unit, s.row), token)) continue;
        for (const RowRef& ref : a.RowsOf(cls)) {
          if (reported.count({ref.unit, ref.row})) continue;
          const auto& pl = places[p];
          if (std::binary_search(pl.owners.begin(), pl.owners.end(),
                                 ref.unit) ||
              !Contains(a.FoldedRow(ref.unit, ref.row), token) ||
              Contains(a.UnitHeader(ref.unit), token)) {
            continue;
          }
          ReportName(check, a, ref, token, &s, "");
          reported.insert({ref.unit, ref.row});
        }
      }
    }
  }

  // Another town's or school's name in a town's or school's table, found
  // without a source row: the corpus's own towns and schools are the
  // gazetteer. A unit naming its own place ("许市镇" in 许市镇中学) or a
  // place its duties or goals name is not stale.
  struct PeerGazetteer {
    std::unique_ptr<RE2::Set> tokens;  // null: no towns or schools
    // Per token of the set: the name and the units it is the name of.
    std::vector<const std::pair<const std::string, std::vector<int>>*> entry;
    std::map<std::string, std::vector<int>> owners;
    std::vector<std::string> place;  // per unit: its town, or ""
  };

  static PeerGazetteer Peers(const Corpus& corpus,
                             const DuplicationAnalysis& a) {
    PeerGazetteer peers;
    const int units = static_cast<int>(corpus.units.size());
    peers.place.resize(units);
    for (int u = 0; u < units; ++u) {
      const std::string& kind = a.UnitKind(u);
      if (kind.empty()) continue;
      const std::string name = RemoveAllBlanks(
          FoldNfkc(NormalisedUnitName(corpus.units[u].DisplayName())));
      peers.place[u] = TownOf(name);
      const std::string own = kind == "town" ? peers.place[u] : name;
      if (CodePointCount(own) >= 3) peers.owners[own].push_back(u);
    }
    if (peers.owners.empty()) return peers;
    RE2::Options options;
    options.set_literal(true);
    auto tokens = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const auto& entry : peers.owners) {
      if (tokens->Add(entry.first, nullptr) >= 0) peers.entry.push_back(&entry);
    }
    if (tokens->Compile()) peers.tokens = std::move(tokens);
    return peers;
  }

  // The rows of one unit not reported yet: another town's or school's name,
  // then a self-reference that does not fit the unit.
  void CheckUnitNames(CorpusCheck& check, const DuplicationAnalysis& a,
                      const PeerGazetteer& peers, int u,
                      const std::set<std::pair<int, int>>& reported) const {
    const Unit& unit = check.corpus().units[u];
    for (int r = 0; r < static_cast<int>(unit.rows.size()); ++r) {
      if (unit.rows[r].IsPlaceholder() || reported.count({u, r})) continue;
      if (!PeerName(check, a, peers, {u, r})) SelfReference(check, a, {u, r});
    }
  }

  // Another town's or school's name in a town's or school's table, found
  // without a source row: the corpus's own towns and schools are the
  // gazetteer. A unit naming its own place ("许市镇" in 许市镇中学) or a
  // place its duties or goals name is not stale.
  bool PeerName(CorpusCheck& check, const DuplicationAnalysis& a,
                const PeerGazetteer& peers, const RowRef& ref) const {
    const int u = ref.unit;
    if (peers.tokens == nullptr || a.UnitKind(u).empty()) return false;
    std::vector<int> hits;
    if (!peers.tokens->Match(a.FoldedRow(u, ref.row), &hits)) return false;
    std::sort(hits.begin(), hits.end());
    const std::string& place = peers.place[u];
    for (int hit : hits) {
      const auto& [token, holders] = *peers.entry[hit];
      const int owner = holders.front();
      if (a.UnitKind(owner) != a.UnitKind(u)) continue;
      if (std::find(holders.begin(), holders.end(), u) != holders.end() ||
          (!place.empty() && token.rfind(place, 0) == 0) ||
          Contains(a.UnitHeader(u), token)) {
        continue;
      }
      ReportPeerName(check, ref, token, owner, a.UnitKind(u));
      return true;
    }
    return false;
  }

  // "广兴洲镇人民政府" -> "广兴洲镇": the name up to its town suffix.
  static std::string TownOf(const std::string& name) {
    size_t best = std::string::npos;
    for (std::string_view suffix : {"街道", "镇", "乡"}) {
      const size_t at = name.find(suffix);
      if (at != std::string::npos && at >= 6)
        best = std::min(best, at + suffix.size());
    }
    return best == std::string::npos ? "" : name.substr(0, best);
  }

  void ReportPeerName(CorpusCheck& check, const RowRef& ref,
                      const std::string& token, int owner,
                      const std::string& kind) const {
    const Corpus& corpus = check.corpus();
    const IndicatorRow& row = corpus.units[ref.unit].rows[ref.row];
    const int field = FieldWith(row, token);
    const std::string_view kind_name = kind == "town" ? "乡镇（街道）" : "学校";
    std::string message =
        StrCat(kFieldNames[field], "中写着“", token, "”，这是另一个", kind_name,
               "“", UnitLabel(corpus, owner), "”的名称，不是本单位“",
               UnitLabel(corpus, ref.unit), "”的：照抄其他", kind_name,
               "的表格后没有改过来");
    std::string fix = StrCat("将", kFieldNames[field], "中的“", token,
                             "”改为本单位的名称，并核对整条指标的数字和说法是"
                             "否是本单位的");
    Evidence evidence = {{"kind", "peer-name"},
                         {"field", kFieldNames[field]},
                         {"stale_token", token},
                         {"owner_unit", UnitLabel(corpus, owner)}};
    Finding& finding =
        check.AddCell(ref.unit, ref.row, FieldCell(row, field),
                      std::move(message), std::move(fix), std::move(evidence));
    finding.related.push_back(RelatedUnit(corpus, owner));
  }

  // Self-references that do not fit the unit: "我镇" outside a town, "我校"
  // outside a school, "我县" in a district's tables (and "我区" in a county's).
  void SelfReference(CorpusCheck& check, const DuplicationAnalysis& a,
                     const RowRef& ref) const {
    struct SelfRef {
      std::string_view token, kind;
    };
    static constexpr SelfRef kRefs[] = {
        {"我镇", "town"},   {"本镇", "town"},   {"我乡", "town"},
        {"本乡", "town"},   {"我街道", "town"}, {"本街道", "town"},
        {"我校", "school"}, {"本校", "school"}, {"我县", "县"},
        {"本县", "县"},     {"我区", "区"},     {"本区", "区"}};
    const std::string& text = a.FoldedRow(ref.unit, ref.row);
    for (const SelfRef& self : kRefs) {
      if (!Contains(text, self.token)) continue;
      const bool region = self.kind == "县" || self.kind == "区";
      const bool fits =
          region ? (a.RegionLevel().empty() || a.RegionLevel() == self.kind)
                 : a.UnitKind(ref.unit) == self.kind;
      if (fits) continue;
      // A unit's own name with the word ("…镇中学") is not stale.
      if (!region && Contains(a.UnitNameText(ref.unit), self.token.substr(3)))
        continue;
      ReportName(check, a, ref, std::string(self.token),
                 BestSource(a, ref.unit, ref.row), self.kind);
      return;
    }
  }

  static const Source* BestSource(const DuplicationAnalysis& a, int unit,
                                  int row) {
    static thread_local Source source;
    const int cls = a.ClassOf(unit, row);
    for (const RowRef& ref : a.RowsOf(cls)) {
      if (ref.unit != unit) {
        source = {ref.unit, ref.row, 1.0f};
        return &source;
      }
    }
    for (const Neighbour& n : a.NeighboursOf(cls)) {
      for (const RowRef& ref : a.RowsOf(n.cls)) {
        if (ref.unit != unit) {
          source = {ref.unit, ref.row, n.cosine};
          return &source;
        }
      }
    }
    return nullptr;
  }

  void ReportName(CorpusCheck& check, const DuplicationAnalysis& a,
                  const RowRef& ref, const std::string& token,
                  const Source* source, std::string_view self_kind) const {
    const Corpus& corpus = check.corpus();
    const IndicatorRow& row = corpus.units[ref.unit].rows[ref.row];
    const int field = FieldWith(row, token);
    const std::string me = UnitLabel(corpus, ref.unit);
    std::string message;
    if (self_kind.empty()) {
      message = StrCat(kFieldNames[field], "中写着“", token, "”，这是“",
                       UnitLabel(corpus, source->unit),
                       "”的名称或地名，不是本单位“", me, "”的");
    } else if (self_kind == "town") {
      message = StrCat(kFieldNames[field], "中写着“", token, "”，但本单位“", me,
                       "”不是乡镇（街道），这是从乡镇表格照抄来的说法");
    } else if (self_kind == "school") {
      message = StrCat(kFieldNames[field], "中写着“", token, "”，但本单位“", me,
                       "”不是学校，这是从学校表格照抄来的说法");
    } else {
      message = StrCat(kFieldNames[field], "中写着“", token, "”，但本地是",
                       a.RegionLevel(), "级，这是从其他地方表格照抄来的说法");
    }
    if (source != nullptr) {
      const IndicatorRow& other = corpus.units[source->unit].rows[source->row];
      StrAppend(&message, "；", source->cosine >= 1.0f ? "相同" : "几乎相同",
                "的文字见于“", UnitLabel(corpus, source->unit), "”的“",
                TrimBlank(other.name.text), "”（",
                corpus.units[source->unit].LineRef(other.line), "）");
    }
    std::string fix = StrCat("将", kFieldNames[field], "中的“", token,
                             "”改为本单位自己的名称或地名（如“本单位”），并核对"
                             "整条指标是否符合本单位实际");
    Evidence evidence = {
        {"kind", self_kind.empty() ? "place" : "self-reference"},
        {"field", kFieldNames[field]},
        {"stale_token", token},
        {"shared_text", Clip(a.RowText(ref.unit, ref.row), 80)}};
    if (source != nullptr) {
      evidence["similarity"] = RoundForEvidence(source->cosine);
      evidence["source_unit"] = UnitLabel(corpus, source->unit);
    }
    Finding& finding =
        check.AddCell(ref.unit, ref.row, FieldCell(row, field),
                      std::move(message), std::move(fix), std::move(evidence));
    if (source != nullptr) {
      finding.related.push_back(RelatedRow(corpus, source->unit, source->row));
    }
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Number("min_similarity", &min_similarity_);
    options.Integer("max_place_owners", &max_place_owners_);
  }

 private:
  double min_similarity_ = 0.8;  // of the copy and its likely source
  // Gazetteer tokens owned by more units are not one unit's specifics.
  int max_place_owners_ = 12;
};

}  // namespace

std::unique_ptr<Rule> MakeDuplicationStaleCopy() {
  return std::make_unique<DuplicationStaleCopy>();
}

}  // namespace jxaudit
