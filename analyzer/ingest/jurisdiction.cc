#include "analyzer/ingest/jurisdiction.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_replace.h"
#include "analyzer/model/parallel.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "re2/re2.h"

namespace jxaudit {
namespace {

namespace fs = std::filesystem;

// A place needs this many units stating it before it is a jurisdiction.
constexpr int kMinUnitsPerPlace = 3;

// Common nouns that end in a place level but name no place.
constexpr std::string_view kNotPlaces[] = {
    "园区", "社区", "景区", "片区",   "辖区",   "矿区",   "垸区",  "校区",
    "营区", "城区", "库区", "开发区", "示范区", "保护区", "功能区"};

// Prefixes of party and front organisations' names, before their place
// ("中共岳阳市委"): they end a run of Han characters, wherever they are.
const std::vector<std::pair<absl::string_view, absl::string_view>>&
OrganisationPrefixesAsBreaks() {
  static const auto* const kBreaks =
      new std::vector<std::pair<absl::string_view, absl::string_view>>{
          {"中国共产党", " "}, {"中共", " "}, {"共青团", " "}};
  return *kBreaks;
}

bool IsHan(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

bool IsUpperLevel(std::string_view place) {
  return place.ends_with("省") || place.ends_with("市") ||
         place.ends_with("州") || place.ends_with("盟");
}

// The runs of Han characters. Digits end a run (so a year's 年/年度 starts
// the next one and is dropped), and so do the organisation prefixes; a
// leading 中国 (中国人民政治协商会议…) is dropped too.
std::vector<std::string> HanRuns(std::string_view folded) {
  const std::string text =
      absl::StrReplaceAll(AV(folded), OrganisationPrefixesAsBreaks());
  std::vector<std::string> runs;
  std::string run;
  const auto flush = [&] {
    std::string_view kept = run;
    for (std::string_view year : {"年度", "年"}) {
      if (kept.starts_with(year)) {
        kept.remove_prefix(year.size());
        break;
      }
    }
    if (kept.starts_with("中国"))
      kept.remove_prefix(std::string_view("中国").size());
    if (!kept.empty()) runs.emplace_back(kept);
    run.clear();
  };
  for (std::string_view c : CodePointSlices(text)) {
    const std::u32string point = CodePoints(c);
    if (point.size() == 1 && IsHan(point[0])) {
      run.append(c);
    } else {
      flush();
    }
  }
  flush();
  return runs;
}

// "君山区" → "君山".
std::string_view WithoutLevel(std::string_view place) {
  return place.substr(0, place.size() - LastCodePoints(place, 1).size());
}

bool NamesNoPlace(std::string_view candidate, std::string_view after) {
  for (std::string_view noun : kNotPlaces) {
    if (candidate.ends_with(noun)) return true;
  }
  return candidate.ends_with("市") && after.starts_with("场");
}

}  // namespace

std::vector<NamedPlace> PlacesNamedIn(std::string_view text) {
  static const RE2 kPlace(R"((\p{Han}{2,3}?[省市州盟县区旗]))");
  std::vector<NamedPlace> places;
  for (const std::string& run : HanRuns(RemoveAllBlanks(FoldNfkc(text)))) {
    re2::StringPiece rest(run);
    re2::StringPiece place;
    const char* previous_end = nullptr;
    while (RE2::FindAndConsume(&rest, kPlace, &place)) {
      const std::string_view found(place.data(), place.size());
      if (NamesNoPlace(found, std::string_view(rest.data(), rest.size()))) {
        previous_end = nullptr;
        continue;
      }
      places.push_back({std::string(found), found.data() == previous_end});
      previous_end = found.data() + found.size();
    }
  }
  return places;
}

namespace {

// The sub-folder of a folder given on the command line that holds `file`
// ("" when the file is not in one).
std::string SubFolderOf(const std::string& file,
                        const std::vector<fs::path>& folders) {
  const fs::path path = fs::path(file).lexically_normal();
  for (const fs::path& folder : folders) {
    const fs::path relative = path.lexically_relative(folder);
    if (relative.empty() || *relative.begin() == "..") continue;
    if (std::distance(relative.begin(), relative.end()) < 2) continue;
    return relative.begin()->string();
  }
  return "";
}

std::vector<fs::path> InputFolders(const Corpus& corpus) {
  std::vector<fs::path> folders;
  std::error_code error;
  for (const std::string& input : corpus.inputs) {
    if (fs::is_directory(input, error)) {
      folders.push_back(fs::path(input).lexically_normal());
    }
  }
  return folders;
}

// Places as jurisdictions: the frequent ones, and which upper-level places
// hold which frequent places.
class PlaceTable {
 public:
  explicit PlaceTable(const std::vector<std::vector<NamedPlace>>& named) {
    absl::flat_hash_map<std::string_view, int> units;
    for (const auto& places : named) {
      absl::flat_hash_set<std::string_view> once;
      for (const NamedPlace& place : places) once.insert(place.name);
      for (std::string_view place : once) ++units[place];
    }
    for (const auto& [place, count] : units) {
      if (count >= kMinUnitsPerPlace) frequent_.emplace(place);
    }
    // A place written right after a city holds it: 岳阳市君山区.
    for (const auto& places : named) {
      const std::vector<NamedPlace> known = Known(places);
      for (size_t i = 0; i + 1 < known.size(); ++i) {
        const NamedPlace& next = known[i + 1];
        if (next.right_after_previous && IsUpperLevel(known[i].name) &&
            known[i].name != next.name) {
          inside_[known[i].name].insert(next.name);
        }
      }
    }
  }

  // The frequent places among `places`. One that ends with a frequent
  // place ("议岳阳市", read across "…协商会议岳阳市") counts as that place.
  // A place left out breaks the chain of places written one after another.
  std::vector<NamedPlace> Known(const std::vector<NamedPlace>& places) const {
    std::vector<NamedPlace> known;
    bool chained = false;
    for (const NamedPlace& place : places) {
      const std::string_view as = FrequentSuffix(place.name);
      if (!as.empty()) {
        known.push_back(
            {std::string(as), chained && place.right_after_previous});
      }
      chained = !as.empty();
    }
    return known;
  }

  // The deepest of a unit's places: one that holds none of the others. A
  // city holding exactly one frequent place stands for that place, and so
  // does a city whose text names just one of its places without the level
  // ("岳阳市公安局君山分局": 君山区). Otherwise the city is the
  // jurisdiction (its own units, 市本级). `text` is the unit's title and
  // name.
  std::string Deepest(const std::vector<NamedPlace>& places,
                      std::string_view text) const {
    const std::vector<NamedPlace> known = Known(places);
    for (const NamedPlace& place : known) {
      if (!inside_.contains(place.name)) return place.name;
    }
    if (known.empty()) return "";
    const std::string& city = known.front().name;
    const auto& inside = inside_.find(city)->second;
    if (inside.size() == 1) return *inside.begin();
    std::string named;
    for (const std::string& place : inside) {
      const std::string_view stem = WithoutLevel(place);
      if (CodePointCount(stem) < 2 || !Contains(text, stem)) continue;
      if (!named.empty()) return city;  // names two: can't tell
      named = place;
    }
    return named.empty() ? city : named;
  }

 private:
  // The shortest frequent place `place` ends with: three or four
  // characters of it, or all of it.
  std::string_view FrequentSuffix(std::string_view place) const {
    const std::vector<std::string_view> chars = CodePointSlices(place);
    for (size_t keep = 3; keep <= chars.size(); ++keep) {
      const size_t from = chars[chars.size() - keep].data() - place.data();
      const auto it = frequent_.find(AV(place.substr(from)));
      if (it != frequent_.end()) return *it;
    }
    return {};
  }

  absl::flat_hash_set<std::string> frequent_;
  std::map<std::string, absl::flat_hash_set<std::string>> inside_;
};

// Units stating no place belong where most of their file's units do.
void FillFromTheirFile(Corpus& corpus) {
  absl::flat_hash_map<std::string, std::map<std::string, int>> per_file;
  for (const Unit& unit : corpus.units) {
    if (!unit.jurisdiction.empty()) {
      ++per_file[unit.source.file][unit.jurisdiction];
    }
  }
  for (Unit& unit : corpus.units) {
    if (!unit.jurisdiction.empty()) continue;
    const auto it = per_file.find(unit.source.file);
    if (it == per_file.end()) continue;
    const auto most = std::max_element(
        it->second.begin(), it->second.end(),
        [](const auto& a, const auto& b) { return a.second < b.second; });
    unit.jurisdiction = most->first;
  }
}

}  // namespace

void AssignJurisdictions(Corpus& corpus, int threads) {
  const std::vector<fs::path> folders = InputFolders(corpus);
  const int units = static_cast<int>(corpus.units.size());
  std::vector<std::vector<NamedPlace>> named(corpus.units.size());
  ParallelFor(units, threads, [&](int u) {
    Unit& unit = corpus.units[u];
    unit.jurisdiction = SubFolderOf(unit.source.file, folders);
    if (!unit.jurisdiction.empty()) return;
    named[u] = PlacesNamedIn(unit.title);
    for (NamedPlace& place : PlacesNamedIn(unit.name)) {
      named[u].push_back(std::move(place));
    }
  });
  const PlaceTable table(named);
  ParallelFor(units, threads, [&](int u) {
    Unit& unit = corpus.units[u];
    if (!unit.jurisdiction.empty()) return;
    const std::string text = FoldNfkc(StrCat(unit.title, " ", unit.name));
    unit.jurisdiction = table.Deepest(named[u], text);
  });
  FillFromTheirFile(corpus);
}

}  // namespace jxaudit
