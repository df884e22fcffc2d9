#include "analyzer/yoy/compare.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/engine/similarity.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "analyzer/yoy/finding_key.h"

namespace jxaudit {
namespace {

// The distinctive part of a unit key: the generic kind of body at its end
// (局, 委员会, 服务中心, 镇人民政府 …) is dropped, because a rename usually
// changes that part ("发展和改革局" → "发展和改革委员会") while two different
// towns share it ("钱粮湖镇人民政府", "采桑湖镇人民政府").
std::string CoreName(std::string_view key) {
  // Longest first; removed repeatedly from the end.
  static constexpr std::string_view kGeneric[] = {
      "人民政府", "办事处", "委员会", "办公室", "服务中心", "管理局", "管理处",
      "管理所",   "管理站", "事务所", "中心",   "街道",     "政府",   "机关",
      "本级",     "局",     "站",     "所",     "办",       "院",     "队",
      "会",       "镇",     "乡",     "部",     "处",       "委",     "厅"};
  std::string core(key);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view generic : kGeneric) {
      if (core.size() > generic.size() + 3 && core.ends_with(generic)) {
        core.resize(core.size() - generic.size());
        changed = true;
        break;
      }
    }
  }
  return core;
}

// Character bigrams of a unit key (the key itself when it has one character).
std::vector<uint64_t> Bigrams(std::string_view key) {
  const std::u32string points = CodePoints(key);
  std::vector<uint64_t> grams;
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    grams.push_back((static_cast<uint64_t>(points[i]) << 32) | points[i + 1]);
  }
  if (points.size() == 1) grams.push_back(points[0]);
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

// Name similarity: cosine of the core names' bigram sets, each bigram weighted
// by its inverse document frequency over all unit names of both runs. Bigrams
// that every town shares (人民, 政府) weigh little; the specific ones decide.
class NameSimilarity {
 public:
  NameSimilarity(const std::vector<SnapshotUnit>& a,
                 const std::vector<SnapshotUnit>& b) {
    for (const auto* side : {&a, &b}) {
      for (const SnapshotUnit& unit : *side) {
        for (uint64_t gram : Bigrams(CoreName(unit.key))) ++df_[gram];
      }
    }
    documents_ = static_cast<double>(a.size() + b.size());
  }

  double operator()(const std::vector<uint64_t>& gx,
                    const std::vector<uint64_t>& gy) const {
    double dot = 0, nx = 0, ny = 0;
    for (uint64_t g : gx) nx += Square(Weight(g));
    for (uint64_t g : gy) ny += Square(Weight(g));
    for (uint64_t g : gx) {
      if (std::binary_search(gy.begin(), gy.end(), g)) dot += Square(Weight(g));
    }
    return nx > 0 && ny > 0 ? dot / std::sqrt(nx * ny) : 0;
  }

 private:
  static double Square(double v) { return v * v; }
  double Weight(uint64_t gram) const {
    const auto it = df_.find(gram);
    const double df = it == df_.end() ? 1 : it->second;
    return std::log(1 + documents_ / df);
  }
  std::unordered_map<uint64_t, int> df_;
  double documents_ = 1;
};

// A unit's indicator names as sorted distinct hashes, made once per unit so
// that scoring many candidate pairs costs a merge, not a set build.
std::vector<size_t> IndicatorSet(const SnapshotUnit& unit) {
  std::vector<size_t> set;
  for (const std::string& key : unit.indicator_keys) {
    set.push_back(std::hash<std::string>()(key));
  }
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

// Jaccard overlap of two units' indicator sets; 0 when either is unknown.
double ContentSimilarity(const std::vector<size_t>& a,
                         const std::vector<size_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++shared, ++i, ++j;
    } else {
      a[i] < b[j] ? ++i : ++j;
    }
  }
  return static_cast<double>(shared) / (a.size() + b.size() - shared);
}

double ContentSimilarity(const SnapshotUnit& a, const SnapshotUnit& b) {
  return ContentSimilarity(IndicatorSet(a), IndicatorSet(b));
}

// Pairs still-unmatched units whose `keys` are equal, in order, so that two
// units of one name (rare, but it happens) pair first with first.
void MatchSameName(const std::vector<std::string>& old_keys,
                   const std::vector<std::string>& new_keys,
                   const std::vector<SnapshotUnit>& old_units,
                   const std::vector<SnapshotUnit>& new_units,
                   std::vector<int>& old_to_new, std::vector<int>& new_to_old,
                   std::vector<UnitPair>& pairs) {
  std::unordered_map<std::string, std::deque<int>> by_key;
  for (size_t n = 0; n < new_keys.size(); ++n) {
    if (new_to_old[n] < 0) by_key[new_keys[n]].push_back(static_cast<int>(n));
  }
  for (size_t o = 0; o < old_keys.size(); ++o) {
    if (old_to_new[o] >= 0) continue;
    auto it = by_key.find(old_keys[o]);
    if (it == by_key.end() || it->second.empty()) continue;
    const int n = it->second.front();
    it->second.pop_front();
    old_to_new[o] = n;
    new_to_old[n] = static_cast<int>(o);
    pairs.push_back(
        {.old_unit = static_cast<int>(o),
         .new_unit = n,
         .kind = UnitMatchKind::kSameName,
         .name_similarity = 1,
         .content_similarity = ContentSimilarity(old_units[o], new_units[n])});
  }
}

// Where a unit key ends in a level of government (省, 市, 区, 县 …) within
// its first twelve characters, the text up to there is a candidate place
// prefix ("岳阳楼区", "湖南省岳阳市"). Prefixes that begin at least 5 % of
// all unit names (and three or more) are this corpus's place names, learnt
// from the data, so that a unit gaining or losing its district's name is the
// same unit in any district, not only in the one UnitKey knows.
std::vector<std::string> PlacePrefixes(const std::vector<SnapshotUnit>& a,
                                       const std::vector<SnapshotUnit>& b) {
  static constexpr std::u32string_view kLevels = U"省市区县州旗盟";
  std::unordered_map<std::string, int> count;
  for (const auto* side : {&a, &b}) {
    for (const SnapshotUnit& unit : *side) {
      const std::u32string points = CodePoints(unit.key);
      for (size_t i = 1; i < points.size() && i < 12; ++i) {
        if (i + 2 < points.size() &&
            kLevels.find(points[i]) != std::u32string_view::npos) {
          ++count[Utf8(std::u32string_view(points).substr(0, i + 1))];
        }
      }
    }
  }
  const double floor = std::max(3.0, 0.05 * (a.size() + b.size()));
  std::vector<std::string> prefixes;
  for (const auto& [prefix, n] : count) {
    if (n >= floor) prefixes.push_back(prefix);
  }
  // "长沙市芙蓉区" and "长沙市" learnt: "芙蓉区" alone is a place name too.
  const size_t learnt = prefixes.size();
  for (size_t i = 0; i < learnt; ++i) {
    for (size_t j = 0; j < learnt; ++j) {
      const std::string& whole = prefixes[i];
      const std::string& head = prefixes[j];
      if (whole.size() > head.size() && whole.starts_with(head)) {
        prefixes.push_back(whole.substr(head.size()));
      }
    }
  }
  std::sort(prefixes.begin(), prefixes.end());
  prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
  std::sort(prefixes.begin(), prefixes.end(),
            [](const std::string& x, const std::string& y) {
              return x.size() != y.size() ? x.size() > y.size() : x < y;
            });
  return prefixes;
}

// The key without any learnt place prefix at its start.
std::string WithoutPlace(std::string key,
                         const std::vector<std::string>& prefixes) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const std::string& prefix : prefixes) {
      if (key.size() > prefix.size() + 3 && key.starts_with(prefix)) {
        key.erase(0, prefix.size());
        changed = true;
        break;
      }
    }
  }
  return key;
}

std::vector<std::string> Keys(const std::vector<SnapshotUnit>& units,
                              const std::vector<std::string>& prefixes) {
  std::vector<std::string> keys;
  for (const SnapshotUnit& unit : units) {
    keys.push_back(prefixes.empty() ? unit.key
                                    : WithoutPlace(unit.key, prefixes));
  }
  return keys;
}

bool Acceptable(const UnitPair& pair, const UnitMatchSettings& settings) {
  return pair.name_similarity >= settings.name_alone ||
         (pair.name_similarity >= settings.name_with_content &&
          pair.content_similarity >= settings.content);
}

// Among the units left over on both sides, the best-scoring acceptable
// pairs, one to one, best first. Only left-over units are scored, so the
// cost is (removed × added), not (units × units).
void MatchRenamed(const std::vector<SnapshotUnit>& old_units,
                  const std::vector<SnapshotUnit>& new_units,
                  const UnitMatchSettings& settings,
                  std::vector<int>& old_to_new, std::vector<int>& new_to_old,
                  std::vector<UnitPair>& pairs) {
  const NameSimilarity name_similarity(old_units, new_units);
  std::vector<std::vector<uint64_t>> new_grams(new_units.size());
  std::vector<std::vector<size_t>> new_sets(new_units.size());
  for (size_t n = 0; n < new_units.size(); ++n) {
    if (new_to_old[n] >= 0) continue;
    new_grams[n] = Bigrams(CoreName(new_units[n].key));
    new_sets[n] = IndicatorSet(new_units[n]);
  }
  std::vector<UnitPair> candidates;
  for (size_t o = 0; o < old_units.size(); ++o) {
    if (old_to_new[o] >= 0) continue;
    const std::vector<uint64_t> old_grams = Bigrams(CoreName(old_units[o].key));
    const std::vector<size_t> old_set = IndicatorSet(old_units[o]);
    for (size_t n = 0; n < new_units.size(); ++n) {
      if (new_to_old[n] >= 0) continue;
      UnitPair pair{
          .old_unit = static_cast<int>(o),
          .new_unit = static_cast<int>(n),
          .kind = UnitMatchKind::kFuzzy,
          .name_similarity = name_similarity(old_grams, new_grams[n]),
          .content_similarity = ContentSimilarity(old_set, new_sets[n])};
      if (Acceptable(pair, settings)) candidates.push_back(pair);
    }
  }
  const auto score = [](const UnitPair& p) {
    return p.name_similarity + p.content_similarity;
  };
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const UnitPair& a, const UnitPair& b) {
                     return score(a) > score(b);
                   });
  for (const UnitPair& pair : candidates) {
    if (old_to_new[pair.old_unit] >= 0 || new_to_old[pair.new_unit] >= 0)
      continue;
    old_to_new[pair.old_unit] = pair.new_unit;
    new_to_old[pair.new_unit] = pair.old_unit;
    pairs.push_back(pair);
  }
}

// The key of a finding within its unit: rule, indicator, kind.
std::string KeyWithinUnit(const SnapshotFinding& finding) {
  return FindingKey(finding.rule, "", finding.indicator_key,
                    finding.discriminator);
}

std::vector<std::vector<int>> FindingsByUnit(const Snapshot& run) {
  std::vector<std::vector<int>> by_unit(run.units.size());
  for (size_t f = 0; f < run.findings.size(); ++f) {
    const int unit = run.findings[f].unit;
    if (unit >= 0 && unit < static_cast<int>(by_unit.size())) {
      by_unit[unit].push_back(static_cast<int>(f));
    }
  }
  return by_unit;
}

// Edit distance over code points (names are short: tens of characters).
int EditDistance(std::u32string_view a, std::u32string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Whether two indicator keys are one reworded name: one character changed
// in a name of five or more, two in a name of ten or more.
bool Reworded(std::string_view a, std::string_view b) {
  const std::u32string pa = CodePoints(a), pb = CodePoints(b);
  const size_t shorter = std::min(pa.size(), pb.size());
  const int allowed = shorter >= 10 ? 2 : shorter >= 5 ? 1 : 0;
  return allowed > 0 && EditDistance(pa, pb) <= allowed;
}

// A finding left over on both sides whose indicator was only reworded a
// little ("服务对象满意度" → "服务对象满意率"): the same rule and kind on
// nearly the same name is the same defect, not one fixed and one new. The
// first such finding in the old run's order is taken.
int RewordedMatch(const SnapshotFinding& finding, const Snapshot& old_run,
                  const std::vector<int>& candidates,
                  const std::vector<bool>& taken) {
  for (size_t i = 0; i < candidates.size(); ++i) {
    const SnapshotFinding& old = old_run.findings[candidates[i]];
    if (taken[i] || old.rule != finding.rule ||
        old.discriminator != finding.discriminator ||
        old.indicator_key.empty() || finding.indicator_key.empty())
      continue;
    if (Reworded(old.indicator_key, finding.indicator_key)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// Classifies the findings of one unit pair (either side may be missing):
// first by exact key, then the rest by a reworded indicator.
void CompareUnitPair(const Snapshot& old_run, const Snapshot& new_run,
                     const std::vector<int>& old_findings,
                     const std::vector<int>& new_findings, int pair_index,
                     UnitChange& change, std::vector<FindingChange>& changes) {
  std::unordered_map<std::string, std::deque<int>> open;
  for (int f : old_findings) {
    open[KeyWithinUnit(old_run.findings[f])].push_back(f);
  }
  std::vector<int> unmatched_new;
  for (int f : new_findings) {
    auto it = open.find(KeyWithinUnit(new_run.findings[f]));
    if (it != open.end() && !it->second.empty()) {
      changes.push_back(
          {ChangeStatus::kPersisting, it->second.front(), f, pair_index});
      it->second.pop_front();
      ++change.persisting;
    } else {
      unmatched_new.push_back(f);
    }
  }
  // What is left of the old unit's findings, in the old run's order.
  std::unordered_set<int> left_set;
  for (const auto& [key, queue] : open) {
    left_set.insert(queue.begin(), queue.end());
  }
  std::vector<int> left;
  for (int f : old_findings) {
    if (left_set.count(f)) left.push_back(f);
  }
  std::vector<bool> taken(left.size(), false);
  for (int f : unmatched_new) {
    const int i = RewordedMatch(new_run.findings[f], old_run, left, taken);
    if (i >= 0) {
      taken[i] = true;
      changes.push_back({ChangeStatus::kPersisting, left[i], f, pair_index});
      ++change.persisting;
    } else {
      changes.push_back({ChangeStatus::kNew, -1, f, pair_index});
      ++change.added;
    }
  }
  for (size_t i = 0; i < left.size(); ++i) {
    if (taken[i]) continue;
    changes.push_back({ChangeStatus::kFixed, left[i], -1, pair_index});
    ++change.fixed;
  }
}

double MeanQuality(const Snapshot& run) {
  if (run.units.empty()) return 0;
  double sum = 0;
  for (const SnapshotUnit& unit : run.units) sum += unit.quality;
  return std::round(sum / run.units.size() * 10) / 10;
}

}  // namespace

std::vector<UnitPair> MatchUnits(const std::vector<SnapshotUnit>& old_units,
                                 const std::vector<SnapshotUnit>& new_units,
                                 const UnitMatchSettings& settings) {
  std::vector<int> old_to_new(old_units.size(), -1);
  std::vector<int> new_to_old(new_units.size(), -1);
  std::vector<UnitPair> matched;
  MatchSameName(Keys(old_units, {}), Keys(new_units, {}), old_units, new_units,
                old_to_new, new_to_old, matched);
  const std::vector<std::string> places = PlacePrefixes(old_units, new_units);
  if (!places.empty()) {
    MatchSameName(Keys(old_units, places), Keys(new_units, places), old_units,
                  new_units, old_to_new, new_to_old, matched);
  }
  MatchRenamed(old_units, new_units, settings, old_to_new, new_to_old, matched);
  // Matched pairs in the new run's order, then removed, then added units.
  std::sort(matched.begin(), matched.end(),
            [](const UnitPair& a, const UnitPair& b) {
              return a.new_unit < b.new_unit;
            });
  std::vector<UnitPair> pairs = std::move(matched);
  for (size_t o = 0; o < old_units.size(); ++o) {
    if (old_to_new[o] < 0) {
      pairs.push_back({.old_unit = static_cast<int>(o),
                       .kind = UnitMatchKind::kRemoved,
                       .name_similarity = 0});
    }
  }
  for (size_t n = 0; n < new_units.size(); ++n) {
    if (new_to_old[n] < 0) {
      pairs.push_back({.new_unit = static_cast<int>(n),
                       .kind = UnitMatchKind::kAdded,
                       .name_similarity = 0});
    }
  }
  return pairs;
}

Comparison Compare(const Snapshot& old_run, const Snapshot& new_run,
                   const UnitMatchSettings& settings) {
  Comparison out;
  const auto old_by_unit = FindingsByUnit(old_run);
  const auto new_by_unit = FindingsByUnit(new_run);
  static const std::vector<int> kNone;
  for (const UnitPair& pair :
       MatchUnits(old_run.units, new_run.units, settings)) {
    UnitChange change{.pair = pair};
    if (pair.old_unit >= 0) {
      change.quality_old = old_run.units[pair.old_unit].quality;
    }
    if (pair.new_unit >= 0) {
      change.quality_new = new_run.units[pair.new_unit].quality;
    }
    CompareUnitPair(old_run, new_run,
                    pair.old_unit >= 0 ? old_by_unit[pair.old_unit] : kNone,
                    pair.new_unit >= 0 ? new_by_unit[pair.new_unit] : kNone,
                    static_cast<int>(out.units.size()), change, out.findings);
    out.fixed += change.fixed;
    out.persisting += change.persisting;
    out.added += change.added;
    switch (pair.kind) {
      case UnitMatchKind::kSameName:
        ++out.units_same;
        break;
      case UnitMatchKind::kFuzzy:
        ++out.units_renamed;
        break;
      case UnitMatchKind::kAdded:
        ++out.units_added;
        break;
      case UnitMatchKind::kRemoved:
        ++out.units_removed;
        break;
    }
    out.units.push_back(change);
  }
  out.mean_quality_old = MeanQuality(old_run);
  out.mean_quality_new = MeanQuality(new_run);
  return out;
}

}  // namespace jxaudit
