#include "rules/duplication_copies.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"
#include "analyzer/model/parallel.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {

namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Organs (局, 委, 办, 部, governments) direct the institutions (中心, 站,
// 所, 队, 院, schools) that work under them.
bool IsOrgan(std::string_view name) {
  for (std::string_view suffix : {"局", "委", "办公室", "办", "部", "政府",
                                  "办事处", "人民法院", "人民检察院"}) {
    if (EndsWith(name, suffix)) return true;
  }
  return false;
}

std::string KindOfUnit(std::string_view name) {
  std::string kind = KindOf(name);
  if (!kind.empty()) return kind;
  for (std::string_view suffix : {"医院", "卫生院"}) {
    if (EndsWith(name, suffix)) return "hospital";
  }
  return "";
}

std::string_view KindName(std::string_view kind) {
  if (kind == "town") return "乡镇（街道）";
  if (kind == "school") return "学校";
  if (kind == "hospital") return "医院";
  return "";
}

std::string NameWithoutDistrict(const Unit& unit) {
  std::string name = RemoveAllBlanks(FoldNfkc(unit.DisplayName()));
  for (std::string_view party : {"中国共产党", "中共"}) {
    if (name.rfind(party, 0) == 0) name.erase(0, party.size());
  }
  return NormalisedUnitName(name);
}

std::vector<std::u32string> Bigrams(std::u32string_view text) {
  std::vector<std::u32string> out;
  for (size_t i = 0; i + 2 <= text.size(); ++i) {
    if (text[i] == U'#' || text[i + 1] == U'#') continue;
    out.emplace_back(text.substr(i, 2));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The longest stretch of `text` around the bigram at `at` that `in`
// contains: "全感" in "安全感增加" against duties with "安全感" -> "安全感".
std::u32string Widen(std::u32string_view text, size_t at,
                     std::u32string_view in) {
  constexpr size_t kMaxChars = 8;
  size_t begin = at, end = at + 2;
  auto found = [&](size_t b, size_t e) {
    return in.find(text.substr(b, e - b)) != std::u32string_view::npos;
  };
  while (end - begin < kMaxChars && begin > 0 && found(begin - 1, end)) --begin;
  while (end - begin < kMaxChars && end < text.size() && found(begin, end + 1))
    ++end;
  return std::u32string(text.substr(begin, end - begin));
}

// Adds `word` unless a listed word contains it; drops listed words it
// contains. A two-character stretch that starts or ends with a particle
// ("和政" of 党和政府) is not a word a reader would recognise.
void AddWord(std::vector<std::u32string>& words, std::u32string word) {
  constexpr std::u32string_view kParticles =
      U"的和与及等对在是了为把被或并其之以";
  if (word.size() == 2 &&
      (kParticles.find(word[0]) != std::u32string_view::npos ||
       kParticles.find(word[1]) != std::u32string_view::npos)) {
    return;
  }
  for (const std::u32string& w : words) {
    if (w.find(word) != std::u32string::npos) return;
  }
  std::erase_if(words, [&](const std::u32string& w) {
    return word.find(w) != std::u32string::npos;
  });
  words.push_back(std::move(word));
}

// A row describes the source's work, not the copier's: at least three of
// its topic words are in the source's duties, three times as many as in
// the copier's (two words happen by chance, and flip with the corpus).
bool IsForeign(int copier_fit, int source_fit) {
  return source_fit >= 3 && 3 * copier_fit <= source_fit;
}

// Whether two rows carry the same numbers in the same order: a copier that
// changed them adapted the row to itself.
// Points ("计10分") and years are the table's furniture, not its specifics.
std::vector<const TextNumber*> Specifics(const std::vector<TextNumber>& all) {
  std::vector<const TextNumber*> out;
  for (const TextNumber& n : all) {
    if (!n.after.empty() && (n.after[0] == U'分' || n.after[0] == U'年'))
      continue;
    if (n.value >= 1990 && n.value <= 2100) continue;
    out.push_back(&n);
  }
  return out;
}

bool SameNumbers(const std::vector<TextNumber>& a,
                 const std::vector<TextNumber>& b) {
  const auto x = Specifics(a), y = Specifics(b);
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i]->field != y[i]->field || !Same(x[i]->value, y[i]->value))
      return false;
  }
  return true;
}

// Which side's target the shared text states (see Edge::stale).
int StaleEvidence(const IndicatorRow& copier, const IndicatorRow& source,
                  const std::vector<TextNumber>& text) {
  if (copier.parsed_value.kind != ValueKind::kNumber ||
      source.parsed_value.kind != ValueKind::kNumber) {
    return 0;
  }
  const double mine = copier.parsed_value.number;
  const double theirs = source.parsed_value.number;
  if (SameUpToScale(mine, theirs)) return 0;
  auto written = [&](double value) {
    if (Same(value, 0) || Same(value, 100)) return false;
    for (const TextNumber& n : text) {
      if (n.field > 0 && SameUpToScale(n.value, value)) return true;
    }
    return false;
  };
  const bool has_mine = written(mine), has_theirs = written(theirs);
  if (has_theirs && !has_mine) return 1;
  if (has_mine && !has_theirs) return -1;
  return 0;
}

}  // namespace

std::string_view RelationName(Relation relation) {
  switch (relation) {
    case Relation::kUnrelated:
      return "unrelated";
    case Relation::kSameKind:
      return "same-kind";
    case Relation::kSameSystem:
      return "same-system";
    case Relation::kSuperior:
      return "superior";
  }
  return "";
}

CopyAnalysis::CopyAnalysis(const RunContext& run)
    : rows_(&run.Shared<DuplicationAnalysis>()),
      corpus_(&run.corpus()),
      settings_(run.config().duplication()),
      threads_(run.threads()) {
  boilerplate_units_ = BoilerplateUnits(*corpus_, settings_);
  // A word is common when a share of all the units use it: in a province
  // an indicator name recurs in hundreds of units' tables and is still
  // specific; in one district six units are already a share.
  common_units_ = std::max(
      boilerplate_units_,
      static_cast<int>(settings_.boilerplate_share * corpus_->units.size()));
  DescribeUnits(run);
  DupTiming("copies: units");
  std::vector<Edge> edges;
  CollectEdges(run, edges);
  DupTiming("copies: edges");
  BuildPairs(edges);
  DupTiming("copies: pairs");
  FindClones();
  DupTiming("copies: clones");
  if (std::getenv("JXAUDIT_COPY_DEBUG") != nullptr) PrintPairs();
}

void CopyAnalysis::PrintPairs() const {
  for (const CopyPair& p : pairs_) {
    int unchanged = 0, foreign = 0;
    for (const CopiedRow& r : p.rows) {
      unchanged += !r.changed;
      foreign += r.foreign;
    }
    std::fprintf(stderr,
                 "%s <- %s | %s %s | duties %.2f tables %.2f | %s | rows "
                 "%zu/%d unchanged %d foreign %d%s\n",
                 UnitLabel(*corpus_, p.copier).c_str(),
                 UnitLabel(*corpus_, p.source).c_str(),
                 std::string(RelationName(p.relation)).c_str(),
                 p.relation_reason.c_str(), p.duties_similarity,
                 p.tables_similarity, p.direction_reason.c_str(), p.rows.size(),
                 p.copier_rows, unchanged, foreign,
                 IsClonePair(p.copier, p.source) ? " CLONE" : "");
    for (const CopiedRow& r : p.rows) {
      std::string mine, theirs;
      for (const auto& w : TopicWords(p.copier, r.row, p.copier))
        StrAppend(&mine, w, " ");
      for (const auto& w : TopicWords(p.copier, r.row, p.source))
        StrAppend(&theirs, w, " ");
      std::fprintf(stderr, "    %s%s %s | mine: %s| theirs: %s\n",
                   r.changed ? "changed " : "", r.foreign ? "FOREIGN" : "",
                   Clip(rows_->RowText(p.copier, r.row), 40).c_str(),
                   mine.c_str(), theirs.c_str());
    }
  }
  for (const ClonePair& c : clones_) {
    std::fprintf(stderr, "CLONE %s <- %s rows %zu/%d unchanged %d\n",
                 UnitLabel(*corpus_, c.copier).c_str(),
                 UnitLabel(*corpus_, c.source).c_str(), c.rows.size(),
                 c.copier_rows, c.unchanged);
  }
}

// The unit others copy from: the organ, then the larger table, then the
// name that sorts first.

bool CopyAnalysis::MoreOriginal(int a, int b) const {
  const UnitFacts& x = units_[a];
  const UnitFacts& y = units_[b];
  if (x.organ != y.organ) return x.organ;
  if (x.real_rows != y.real_rows) return x.real_rows > y.real_rows;
  // A text export carries no submission time, so "the later table" is the
  // one whose name sorts later: stable from one year to the next, unlike
  // the order of the input.
  if (x.key != y.key) return x.key < y.key;
  return a < b;
}

bool CopyAnalysis::IsCopySource(int copier, int source) const {
  auto it = std::lower_bound(
      pairs_.begin(), pairs_.end(), std::make_pair(copier, source),
      [](const CopyPair& p, const std::pair<int, int>& key) {
        return std::tie(p.copier, p.source) < std::tie(key.first, key.second);
      });
  return it != pairs_.end() && it->copier == copier && it->source == source;
}

bool CopyAnalysis::IsClonePair(int a, int b) const {
  auto is = [&](int copier, int source) {
    auto it = std::lower_bound(
        clones_.begin(), clones_.end(), copier,
        [](const ClonePair& c, int unit) { return c.copier < unit; });
    for (; it != clones_.end() && it->copier == copier; ++it) {
      if (it->source == source) return true;
    }
    return false;
  };
  return is(a, b) || is(b, a);
}

namespace {

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

// Whole-table clones, linear in the corpus: each table is a set of row
// keys (a class, or the smallest of its near-identical classes); MinHash
// signatures in bands put tables with much in common in one bucket, and
// each table is compared with the most original table of its buckets only,
// so a template shared by 500 tables costs 500 comparisons, not 125,000.
void CopyAnalysis::FindClones() {
  const DuplicationAnalysis& a = *rows_;
  const int classes = a.index().num_classes();
  std::vector<int> key_of(classes);
  ParallelFor(classes, threads_, [&](int c) {
    int key = c;
    for (const Neighbour& n : a.NeighboursOf(c)) {
      if (n.cosine >= settings_.copy_min_similarity) key = std::min(key, n.cls);
    }
    key_of[c] = key;
  });
  const int units = static_cast<int>(corpus_->units.size());
  std::vector<std::vector<int>> keys(units);
  constexpr int kBands = 8, kRowsPerBand = 2;
  std::vector<std::array<uint64_t, kBands>> bands(units);
  ParallelFor(units, threads_, [&](int u) {
    if (units_[u].real_rows < settings_.clone_min_rows) return;
    for (int cls : a.UnitClasses()[u]) keys[u].push_back(key_of[cls]);
    std::sort(keys[u].begin(), keys[u].end());
    keys[u].erase(std::unique(keys[u].begin(), keys[u].end()), keys[u].end());
    for (int b = 0; b < kBands; ++b) {
      uint64_t band = Mix(b);
      for (int r = 0; r < kRowsPerBand; ++r) {
        const uint64_t seed = Mix(b * kRowsPerBand + r + 1);
        uint64_t least = ~0ULL;
        for (int key : keys[u]) least = std::min(least, Mix(seed ^ key));
        band = Mix(band ^ least);
      }
      bands[u][b] = band;
    }
  });
  // Candidates of each table: the few most original tables of each of its
  // buckets, and the units it shares copied rows with.
  absl::flat_hash_map<uint64_t, std::vector<int>> buckets;
  for (int u = 0; u < units; ++u) {
    if (keys[u].empty()) continue;
    for (uint64_t band : bands[u]) buckets[band].push_back(u);
  }
  constexpr size_t kPerBucket = 3;
  for (auto& [band, members] : buckets) {
    const size_t keep = std::min(kPerBucket, members.size());
    std::partial_sort(members.begin(), members.begin() + keep, members.end(),
                      [&](int x, int y) { return MoreOriginal(x, y); });
    members.resize(keep);
  }
  std::vector<std::vector<int>> candidates(units);
  for (const CopyPair& pair : pairs_) {
    candidates[pair.copier].push_back(pair.source);
    candidates[pair.source].push_back(pair.copier);
  }
  for (int u = 0; u < units; ++u) {
    if (keys[u].empty()) continue;
    for (uint64_t band : bands[u]) {
      for (int s : buckets.at(band)) candidates[u].push_back(s);
    }
    auto& list = candidates[u];
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  std::vector<ClonePair> best(units);
  ParallelFor(units, threads_, [&](int u) {
    if (keys[u].empty()) return;
    double best_share = 0;
    for (int s : candidates[u]) {
      if (s == u || keys[s].empty() || !MoreOriginal(s, u)) continue;
      ClonePair pair{u, s, units_[u].real_rows};
      for (int r = 0; r < static_cast<int>(corpus_->units[u].rows.size());
           ++r) {
        const int cls = a.ClassOf(u, r);
        if (cls < 0 ||
            !std::binary_search(keys[s].begin(), keys[s].end(), key_of[cls])) {
          continue;
        }
        const auto& theirs = corpus_->units[s].rows;
        for (int q = 0; q < static_cast<int>(theirs.size()); ++q) {
          const int other = a.ClassOf(s, q);
          if (other >= 0 && key_of[other] == key_of[cls]) {
            pair.rows.emplace_back(r, q);
            pair.unchanged += SameNumbers(a.Numbers(u, r), a.Numbers(s, q));
            break;
          }
        }
      }
      const double share =
          static_cast<double>(pair.rows.size()) / std::max(1, pair.copier_rows);
      if (share < settings_.clone_min_share || share < best_share) continue;
      // Equal shares: the unit's copy source, then the most original.
      const int held = best[u].source;
      if (share == best_share && held >= 0 &&
          (IsCopySource(u, held) > IsCopySource(u, s) ||
           (IsCopySource(u, held) == IsCopySource(u, s) &&
            MoreOriginal(held, s)))) {
        continue;
      }
      best_share = share;
      best[u] = std::move(pair);
    }
  });
  OrientClones(best);
}

// A clone pair whose rows also form a copy pair takes that pair's
// direction (stale numbers and foreign rows know better than table size).
void CopyAnalysis::OrientClones(std::vector<ClonePair>& found) {
  absl::flat_hash_map<uint64_t, int> pair_of;
  for (int p = 0; p < static_cast<int>(pairs_.size()); ++p) {
    pair_of[(static_cast<uint64_t>(pairs_[p].copier) << 32) |
            static_cast<uint32_t>(pairs_[p].source)] = p;
  }
  absl::flat_hash_set<uint64_t> taken;
  for (ClonePair& pair : found) {
    if (pair.copier < 0) continue;
    const uint64_t reverse = (static_cast<uint64_t>(pair.source) << 32) |
                             static_cast<uint32_t>(pair.copier);
    if (pair_of.contains(reverse)) {
      std::swap(pair.copier, pair.source);
      pair.copier_rows = units_[pair.copier].real_rows;
      for (auto& [mine, theirs] : pair.rows) std::swap(mine, theirs);
      std::sort(pair.rows.begin(), pair.rows.end());
    }
    const uint64_t key = (static_cast<uint64_t>(pair.copier) << 32) |
                         static_cast<uint32_t>(pair.source);
    const uint64_t back = (static_cast<uint64_t>(pair.source) << 32) |
                          static_cast<uint32_t>(pair.copier);
    if (taken.contains(key) || taken.contains(back)) continue;
    taken.insert(key);
    clones_.push_back(std::move(pair));
  }
  std::sort(clones_.begin(), clones_.end(),
            [](const ClonePair& x, const ClonePair& y) {
              return std::tie(x.copier, x.source) <
                     std::tie(y.copier, y.source);
            });
}

std::vector<std::string> CopyAnalysis::TopicWords(int unit, int row,
                                                  int of_unit) const {
  std::vector<std::u32string> words;
  Fit(of_unit, rows_->ClassOf(unit, row), &words);
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const std::u32string& w : words) out.push_back(Utf8(w));
  return out;
}

void CopyAnalysis::DescribeUnits(const RunContext& run) {
  const int units = static_cast<int>(corpus_->units.size());
  units_.resize(units);
  ParallelFor(units, run.threads(), [&](int u) {
    const Unit& unit = corpus_->units[u];
    const std::string name = NameWithoutDistrict(unit);
    UnitFacts& facts = units_[u];
    facts.name = SimilarityText(name);
    facts.key = name;
    facts.kind = KindOfUnit(name);
    facts.organ = IsOrgan(name);
    facts.real_rows = unit.RealIndicatorCount();
    facts.duties = SimilarityText(StrCat(unit.duties, "\n", unit.goals));
  });
  for (int u = 0; u < units; ++u) {
    units_[u].profile = profiles_.Add(u, {units_[u].name, units_[u].duties});
  }
  SimilarityOptions options;
  options.min_n = options.max_n = 2;
  options.specific_df = 0;  // no inverted index: profiles are looked up
  options.threads = run.threads();
  profiles_.Build(units, options);
  // Words are distinctive below a share of the units, so the bar grows
  // with the corpus (交通 names a few units of every district).
  profile_word_max_units_ = std::max(3, static_cast<int>(0.1 * units));
}

void CopyAnalysis::CollectEdges(const RunContext& run,
                                std::vector<Edge>& edges) const {
  const int classes = rows_->index().num_classes();
  std::vector<std::vector<Edge>> per_class(classes);
  ParallelFor(classes, run.threads(),
              [&](int cls) { ElectSource(cls, per_class[cls]); });
  size_t total = 0;
  for (const auto& list : per_class) total += list.size();
  edges.reserve(total);
  for (auto& list : per_class) {
    edges.insert(edges.end(), list.begin(), list.end());
  }
}

// How many of the class's topic words (bigrams of its name and explanation
// that are not everyday words of duties) the unit's name, duties and goals
// contain: whether the row describes that unit's work.
int CopyAnalysis::Fit(int unit, int cls,
                      std::vector<std::u32string>* words) const {
  const auto& fields = rows_->index().Fields(cls);
  const UnitFacts& facts = units_[unit];
  absl::flat_hash_set<int> seen;
  int fit = 0;
  for (int f = 0; f < 2 && f < static_cast<int>(fields.size()); ++f) {
    const std::u32string& text = fields[f];
    for (size_t at = 0; at + 2 <= text.size(); ++at) {
      const std::u32string_view bigram(text.data() + at, 2);
      if (bigram.find(U'#') != std::u32string_view::npos) continue;
      const int id = profiles_.ShingleId(bigram);
      if (id < 0 || !seen.insert(id).second) continue;
      if (profiles_.DocumentFrequencyOf(id) > profile_word_max_units_) continue;
      // Words many tables use ("所有", "使用") say nothing about whose
      // work the row is.
      if (rows_->index().DocumentFrequency(bigram) > common_units_) continue;
      if (!profiles_.HasShingle(facts.profile, id)) continue;
      ++fit;
      if (words == nullptr) continue;
      std::u32string word = Widen(text, at, facts.duties);
      if (word.size() <= 2) word = Widen(text, at, facts.name);
      AddWord(*words, std::move(word));
    }
  }
  return fit;
}

bool CopyAnalysis::Universal(int cls) const {
  if (cls < 0) return false;
  const std::u32string& name = rows_->index().Fields(cls)[0];
  int specific = 0;
  for (size_t at = 0; at + 2 <= name.size(); ++at) {
    const std::u32string_view bigram(name.data() + at, 2);
    if (bigram.find(U'#') != std::u32string_view::npos) continue;
    if (rows_->index().DocumentFrequency(bigram) <= common_units_) ++specific;
  }
  // One rare bigram is a join of two common words ("作完" in 工作完成率).
  return specific < 2;
}

void CopyAnalysis::ElectSource(int cls, std::vector<Edge>& out) const {
  const DuplicationAnalysis& a = *rows_;
  const ShingleIndex& index = a.index();
  if (index.SpecificCount(cls) < settings_.copy_min_specific) return;
  // Holders: units with a row in this class or in a near-identical one,
  // each with the row that represents it (its own row in the class first).
  absl::flat_hash_map<int, RowRef> holders;
  for (const RowRef& ref : a.RowsOf(cls)) holders.try_emplace(ref.unit, ref);
  for (const Neighbour& n : a.NeighboursOf(cls)) {
    if (n.cosine < settings_.copy_min_similarity ||
        n.specific_shared < settings_.copy_min_specific) {
      continue;
    }
    for (const RowRef& ref : a.RowsOf(n.cls)) {
      holders.try_emplace(ref.unit, ref);
      if (static_cast<int>(holders.size()) > boilerplate_units_) return;
    }
  }
  if (holders.size() < 2 ||
      static_cast<int>(holders.size()) > boilerplate_units_) {
    return;
  }
  std::vector<std::pair<int, int>> fits;  // unit, fit
  int best_fit = 0;
  for (const auto& [unit, ref] : holders) {
    fits.emplace_back(unit, Fit(unit, cls));
    best_fit = std::max(best_fit, fits.back().second);
  }
  std::sort(fits.begin(), fits.end());
  const int fits_well = std::max(3, (2 * best_fit + 2) / 3);
  // The source: a unit whose work the row describes, then the most
  // original (MoreOriginal).
  auto rank = [&](const std::pair<int, int>& h) {
    return h.second >= fits_well;
  };
  const auto source = *std::max_element(fits.begin(), fits.end(),
                                        [&](const auto& x, const auto& y) {
                                          if (rank(x) != rank(y))
                                            return rank(x) < rank(y);
                                          return MoreOriginal(y.first, x.first);
                                        });
  const RowRef source_ref = holders.at(source.first);
  const Corpus& corpus = *corpus_;
  for (const RowRef& ref : a.RowsOf(cls)) {
    if (ref.unit == source.first) continue;
    Edge edge{ref.unit, ref.row, source.first, source_ref.row};
    const auto& mine = a.Numbers(ref.unit, ref.row);
    edge.changed =
        !SameNumbers(mine, a.Numbers(source_ref.unit, source_ref.row));
    edge.copier_fit =
        std::lower_bound(fits.begin(), fits.end(), std::make_pair(ref.unit, 0))
            ->second;
    edge.source_fit = source.second;
    if (!edge.changed) {
      edge.stale = StaleEvidence(
          corpus.units[ref.unit].rows[ref.row],
          corpus.units[source_ref.unit].rows[source_ref.row], mine);
    }
    out.push_back(edge);
  }
}

bool CopyAnalysis::ShareNameWord(int a, int b, std::string& word) const {
  // A bigram that many units' names or duties carry ("事务", "中心",
  // "区委") is furniture, not a line of work.
  for (const std::u32string& bigram : Bigrams(units_[a].name)) {
    if (units_[b].name.find(bigram) == std::u32string::npos) continue;
    const int id = profiles_.ShingleId(bigram);
    if (id < 0) continue;
    if (profiles_.DocumentFrequencyOf(id) > profile_word_max_units_) continue;
    const size_t at = units_[a].name.find(bigram);
    word = Utf8(Widen(units_[a].name, at, units_[b].name));
    return true;
  }
  return false;
}

bool CopyAnalysis::NameWordInDuties(int a, int b, std::string& word) const {
  for (const std::u32string& bigram : Bigrams(units_[a].name)) {
    const int id = profiles_.ShingleId(bigram);
    if (id < 0 || profiles_.DocumentFrequencyOf(id) > profile_word_max_units_)
      continue;
    if (profiles_.HasShingle(units_[b].profile, id)) {
      const size_t at = units_[a].name.find(bigram);
      std::u32string wide = Widen(units_[a].name, at, units_[b].duties);
      word = Utf8(wide.size() > 2 ? wide
                                  : Widen(units_[a].name, at, units_[b].name));
      return true;
    }
  }
  return false;
}

float CopyAnalysis::TableSimilarity(int a, int b,
                                    const std::vector<int>& skip) const {
  const Eigen::Map<const SparseRows> vectors = rows_->index().Vectors();
  auto sum = [&](int unit) {
    absl::flat_hash_map<int, float> out;
    for (int cls : rows_->UnitClasses()[unit]) {
      if (std::binary_search(skip.begin(), skip.end(), cls)) continue;
      for (Eigen::Map<const SparseRows>::InnerIterator it(vectors, cls); it;
           ++it) {
        out[static_cast<int>(it.index())] += it.value();
      }
    }
    return out;
  };
  const auto x = sum(a), y = sum(b);
  double dot = 0, nx = 0, ny = 0;
  for (const auto& [id, value] : x) {
    nx += static_cast<double>(value) * value;
    auto it = y.find(id);
    if (it != y.end()) dot += static_cast<double>(value) * it->second;
  }
  for (const auto& [id, value] : y) ny += static_cast<double>(value) * value;
  if (nx <= 0 || ny <= 0) return 0;
  return static_cast<float>(dot / std::sqrt(nx * ny));
}

Relation CopyAnalysis::Relate(int copier, int source,
                              const std::function<float()>& tables,
                              std::string& reason) const {
  const UnitFacts& mine = units_[copier];
  const UnitFacts& theirs = units_[source];
  const bool superior = theirs.organ && !mine.organ;
  std::string word;
  if (!mine.kind.empty() && mine.kind == theirs.kind) {
    reason = StrCat("同为", KindName(mine.kind));
    return Relation::kSameKind;
  }
  if (ShareNameWord(copier, source, word)) {
    reason = StrCat("单位名称同含“", word, "”");
  } else if (NameWordInDuties(copier, source, word)) {
    reason = StrCat("对方的职责写有本单位名称中的“", word, "”");
  } else if (NameWordInDuties(source, copier, word)) {
    reason = StrCat("本单位的职责写有对方名称中的“", word, "”");
  } else if (profiles_.Cosine(mine.profile, theirs.profile) >=
             settings_.related_min_similarity) {
    reason = "两单位的职责相近";
  } else if (tables() >= settings_.related_min_table_similarity) {
    reason = "两单位的其他指标相近";
  } else {
    reason = "两单位的名称和职责没有共同之处";
    return Relation::kUnrelated;
  }
  return superior ? Relation::kSuperior : Relation::kSameSystem;
}

void CopyAnalysis::BuildPairs(std::vector<Edge>& edges) {
  absl::flat_hash_map<uint64_t, std::vector<int>> by_pair;
  for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
    const int x = std::min(edges[e].copier, edges[e].source);
    const int y = std::max(edges[e].copier, edges[e].source);
    by_pair[(static_cast<uint64_t>(x) << 32) | static_cast<uint32_t>(y)]
        .push_back(e);
  }
  std::vector<uint64_t> keys;
  keys.reserve(by_pair.size());
  for (const auto& [key, list] : by_pair) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  std::vector<CopyPair> pairs(keys.size());
  ParallelFor(static_cast<int>(keys.size()), threads_, [&](int k) {
    const int x = static_cast<int>(keys[k] >> 32);
    const int y = static_cast<int>(keys[k] & 0xffffffffu);
    const std::vector<int>& list = by_pair.at(keys[k]);
    CopyPair& pair = pairs[k];
    // Votes for x being the copier.
    int stale = 0, foreign = 0;
    for (int e : list) {
      const Edge& edge = edges[e];
      const int sign = edge.copier == x ? 1 : -1;
      stale += sign * edge.stale;
      if (IsForeign(edge.copier_fit, edge.source_fit)) foreign += sign;
    }
    // Classes of the copied rows on both sides: the tables are compared
    // without them.
    std::vector<int> copied;
    for (int e : list) {
      copied.push_back(rows_->ClassOf(edges[e].copier, edges[e].row));
      copied.push_back(rows_->ClassOf(edges[e].source, edges[e].source_row));
    }
    std::sort(copied.begin(), copied.end());
    // Comparing whole tables is the costly test: only when the names and
    // duties have not told, and once per pair.
    float table_similarity = -1;
    auto tables = [&] {
      if (table_similarity < 0)
        table_similarity = TableSimilarity(x, y, copied);
      return table_similarity;
    };
    std::string reason_x;
    const Relation rel_x = Relate(x, y, tables, reason_x);
    const UnitFacts& fx = units_[x];
    const UnitFacts& fy = units_[y];
    bool x_copied;
    if (stale != 0) {
      x_copied = stale > 0;
      pair.direction_reason =
          "本单位的指标值与照抄来的文字不符，文字里是对方的数字";
    } else if (rel_x != Relation::kUnrelated && fx.organ != fy.organ) {
      x_copied = !fx.organ;
      pair.direction_reason = "本单位是对方主管的下属单位";
    } else if (rel_x == Relation::kUnrelated && foreign != 0) {
      // Whose work a row describes tells only between units of different
      // lines of work; related units' duties fit both.
      x_copied = foreign > 0;
      pair.direction_reason = "这些指标写的是对方的业务";
    } else if (fx.real_rows != fy.real_rows) {
      x_copied = fx.real_rows < fy.real_rows;
      pair.direction_reason = "无法判断谁先写，本表较小";
    } else {
      x_copied = MoreOriginal(y, x);
      pair.direction_reason = "无法判断谁照搬谁（两表一样大），报在其中一方";
    }
    pair.copier = x_copied ? x : y;
    pair.source = x_copied ? y : x;
    // The relation as seen from the copier (its reason names "本单位").
    if (x_copied) {
      pair.relation = rel_x;
      pair.relation_reason = std::move(reason_x);
    } else {
      pair.relation = Relate(y, x, tables, pair.relation_reason);
    }
    pair.duties_similarity =
        profiles_.Cosine(units_[x].profile, units_[y].profile);
    pair.tables_similarity = table_similarity;
    pair.copier_rows = units_[pair.copier].real_rows;
    absl::flat_hash_set<int> seen;
    for (int e : list) {
      const Edge& edge = edges[e];
      const bool same_way = edge.copier == pair.copier;
      CopiedRow row;
      row.row = same_way ? edge.row : edge.source_row;
      row.source_row = same_way ? edge.source_row : edge.row;
      row.changed = edge.changed;
      const int mine = same_way ? edge.copier_fit : edge.source_fit;
      const int theirs = same_way ? edge.source_fit : edge.copier_fit;
      row.foreign = IsForeign(mine, theirs);
      row.leans_foreign = theirs >= 2 && 3 * mine <= theirs;
      if (seen.insert(row.row).second) pair.rows.push_back(row);
    }
    std::sort(
        pair.rows.begin(), pair.rows.end(),
        [](const CopiedRow& p, const CopiedRow& q) { return p.row < q.row; });
  });
  std::sort(
      pairs.begin(), pairs.end(), [](const CopyPair& p, const CopyPair& q) {
        return std::tie(p.copier, p.source) < std::tie(q.copier, q.source);
      });
  pairs_ = std::move(pairs);
}

}  // namespace jxaudit
