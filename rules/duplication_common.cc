#include "rules/duplication_common.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/numbers.h"
#include "analyzer/model/parallel.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {

void DupTiming(const char* what) {
  static const bool enabled = std::getenv("JXAUDIT_DUP_TIMING") != nullptr;
  if (!enabled) return;
  static auto last = std::chrono::steady_clock::now();
  const auto now = std::chrono::steady_clock::now();
  // Resident memory now (the second field of /proc/self/statm, in pages).
  long pages = 0;
  if (FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%*d %ld", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  std::fprintf(stderr, "[dup] %-28s %.3f s  RSS %ld MB\n", what,
               std::chrono::duration<double>(now - last).count(),
               pages * 4096 / (1 << 20));
  last = now;
}

namespace {

// Numbers of a folded cell, in the same tokenisation as SimilarityText:
// a digit run, continued over a '.' that is followed by a digit.
std::vector<std::string> NumbersIn(std::string_view folded) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < folded.size()) {
    if (!IsAsciiDigit(folded[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < folded.size() && (IsAsciiDigit(folded[j]) ||
                                 (folded[j] == '.' && j + 1 < folded.size() &&
                                  IsAsciiDigit(folded[j + 1])))) {
      ++j;
    }
    out.emplace_back(folded.substr(i, j - i));
    i = j;
  }
  return out;
}

void AddNumbers(std::string_view folded, int field, const std::u32string& norm,
                std::vector<TextNumber>& out) {
  const std::vector<std::string> written = NumbersIn(folded);
  size_t hash_pos = 0;
  for (int k = 0; k < static_cast<int>(written.size()); ++k) {
    hash_pos = norm.find(U'#', k == 0 ? 0 : hash_pos + 1);
    if (hash_pos == std::u32string::npos) break;
    TextNumber number;
    if (!absl::SimpleAtod(AV(written[k]), &number.value)) continue;
    number.written = written[k];
    number.field = field;
    number.ordinal = k;
    const size_t from = hash_pos >= 3 ? hash_pos - 3 : 0;
    number.before = norm.substr(from, hash_pos - from);
    number.after = norm.substr(hash_pos + 1, 2);
    out.push_back(std::move(number));
  }
}

// Place-name suffixes: the shortest leading part of a unit name that ends
// in one of these is the place it is in ("钱粮湖镇中学" -> "钱粮湖").
constexpr std::u32string_view kPlaceSuffixes[] = {
    U"街道", U"镇", U"乡", U"垸", U"洲", U"湖", U"村", U"社区"};

std::string PlaceToken(const std::u32string& name) {
  size_t best = std::u32string::npos;
  for (std::u32string_view suffix : kPlaceSuffixes) {
    size_t at = name.find(suffix, 2);
    if (at == std::u32string::npos || at > 4) continue;
    best = std::min(best, at + suffix.size());
  }
  if (best == std::u32string::npos) return "";
  return Utf8(std::u32string_view(name).substr(0, best));
}

// The unit's name without the title's furniture.
std::string TitleName(std::string_view title) {
  std::string text = RemoveAllBlanks(FoldNfkc(title));
  for (std::string_view cut :
       {"整体支出绩效目标表", "(单位)", "(本级)", "(机关)"}) {
    size_t at = text.find(cut);
    if (at != std::string::npos) text.erase(at, cut.size());
  }
  // Drop a leading or embedded "2024年".
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (i + 4 < text.size() && IsAsciiDigit(text[i])) {
      size_t j = i;
      while (j < text.size() && IsAsciiDigit(text[j])) ++j;
      if (text.compare(j, 3, "年") == 0) {
        i = j + 3;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  return NormalisedUnitName(out);
}

}  // namespace

std::string KindOf(std::string_view name) {
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() &&
           name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  for (std::string_view s : {"中学", "小学", "学校", "幼儿园"}) {
    if (ends(s)) return "school";
  }
  for (std::string_view s :
       {"镇人民政府", "乡人民政府", "镇政府", "乡政府", "街道办事处"}) {
    if (ends(s)) return "town";
  }
  return "";
}

DuplicationAnalysis::DuplicationAnalysis(const RunContext& run)
    : corpus_(&run.corpus()) {
  const Corpus& corpus = run.corpus();
  const DuplicationSettings& settings = run.config().duplication();
  const int units = static_cast<int>(corpus.units.size());
  row_class_.resize(units);
  row_text_.resize(units);
  unit_classes_.resize(units);
  // Rows with the same cell text (a row shared by many units) are
  // normalised once: number them in order of first appearance. The cells
  // are hashed in parallel; equal hashes are compared.
  std::vector<std::vector<uint64_t>> row_hash(units);
  ParallelFor(units, run.threads(), [&](int u) {
    const auto& rows = corpus.units[u].rows;
    row_hash[u].resize(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      row_hash[u][r] = absl::HashOf(rows[r].name.text, rows[r].explanation.text,
                                    rows[r].rule.text);
    }
  });
  absl::flat_hash_map<uint64_t, int> text_of;  // hash -> first text
  std::vector<RowRef> first;
  std::vector<int> next_with_hash;  // texts under one hash, chained
  auto same_cells = [&](const IndicatorRow& a, const RowRef& ref) {
    const IndicatorRow& b = corpus.units[ref.unit].rows[ref.row];
    return a.name.text == b.name.text &&
           a.explanation.text == b.explanation.text &&
           a.rule.text == b.rule.text;
  };
  for (int u = 0; u < units; ++u) {
    const Unit& unit = corpus.units[u];
    row_text_[u].assign(unit.rows.size(), -1);
    for (size_t r = 0; r < unit.rows.size(); ++r) {
      const IndicatorRow& row = unit.rows[r];
      if (row.IsPlaceholder()) continue;
      const int fresh = static_cast<int>(first.size());
      auto [it, inserted] = text_of.try_emplace(row_hash[u][r], fresh);
      int t = it->second;
      if (!inserted) {
        while (t >= 0 && !same_cells(row, first[t])) t = next_with_hash[t];
      }
      if (inserted || t < 0) {  // a new text (or a 64-bit collision)
        if (!inserted) {
          next_with_hash.push_back(it->second);
          it->second = fresh;
        } else {
          next_with_hash.push_back(-1);
        }
        first.push_back({u, static_cast<int>(r)});
        t = fresh;
      }
      row_text_[u][r] = t;
    }
  }
  text_of.clear();
  row_hash.clear();
  DupTiming("distinct row texts");
  const int texts = static_cast<int>(first.size());
  std::vector<std::vector<std::u32string>> fields(texts);
  std::vector<uint64_t> hashes(texts);
  numbers_.resize(texts);
  folded_.resize(texts);
  ParallelFor(texts, run.threads(), [&](int t) {
    const IndicatorRow& row = corpus.units[first[t].unit].rows[first[t].row];
    // Fold each cell once; everything below works on the folded text.
    const std::string folded[3] = {FoldNfkc(row.name.text),
                                   FoldNfkc(row.explanation.text),
                                   FoldNfkc(row.rule.text)};
    auto& f = fields[t];
    f.resize(3);
    for (int k = 0; k < 3; ++k) {
      f[k] = SimilarityTextFolded(folded[k]);
      AddNumbers(folded[k], k, f[k], numbers_[t]);
    }
    folded_[t] = StrCat(folded[0], "\n", folded[1], "\n", folded[2]);
    hashes[t] = ShingleIndex::FieldsHash(f);
  });
  DupTiming("fold distinct texts");
  std::vector<int> class_of_text(texts, -1);
  for (int u = 0; u < units; ++u) {
    const Unit& unit = corpus.units[u];
    row_class_[u].assign(unit.rows.size(), -1);
    for (size_t r = 0; r < unit.rows.size(); ++r) {
      const int t = row_text_[u][r];
      if (t < 0) continue;
      int& cls = class_of_text[t];
      if (cls < 0) {
        cls = index_.Add(u, std::move(fields[t]), hashes[t]);
      } else {
        index_.AddOwner(cls, u);
      }
      row_class_[u][r] = cls;
      if (cls >= static_cast<int>(class_rows_.size()))
        class_rows_.emplace_back();
      class_rows_[cls].push_back({u, static_cast<int>(r)});
      unit_classes_[u].push_back(cls);
    }
  }
  DupTiming("row classes");
  fields.clear();
  SimilarityOptions options;
  options.specific_df = BoilerplateUnits(corpus, settings);
  options.threads = run.threads();
  index_.Build(units, options);
  DupTiming("build index");
  neighbours_ = index_.AllNeighbours(
      static_cast<float>(settings.neighbour_min_similarity),
      settings.neighbour_min_specific, settings.neighbour_limit);
  DupTiming("neighbours");
  BuildGazetteer(run.threads());
  DupTiming("gazetteer");
}

std::string DuplicationAnalysis::RowText(int unit, int row) const {
  const IndicatorRow& r = corpus_->units[unit].rows[row];
  return StrCat(TrimBlank(r.name.text), "｜", TrimBlank(r.explanation.text),
                "｜", TrimBlank(r.rule.text));
}

void DuplicationAnalysis::BuildGazetteer(int threads) {
  const int units = static_cast<int>(corpus_->units.size());
  unit_kind_.resize(units);
  unit_header_.resize(units);
  unit_name_.resize(units);
  std::map<std::string, int> region_votes;
  std::map<std::string, std::vector<int>> tokens;
  // Per unit, in parallel: the gazetteer tokens its name and title yield,
  // and the region level its name states.
  std::vector<std::vector<std::string>> unit_tokens(units);
  std::vector<std::string_view> unit_level(units);
  ParallelFor(units, threads, [&](int u) {
    const Unit& unit = corpus_->units[u];
    const std::string name = NormalisedUnitName(unit.DisplayName());
    unit_name_[u] = StrCat(RemoveAllBlanks(FoldNfkc(unit.name)), "\n",
                           RemoveAllBlanks(FoldNfkc(unit.title)));
    unit_header_[u] =
        StrCat(unit_name_[u], "\n", RemoveAllBlanks(FoldNfkc(unit.duties)),
               "\n", RemoveAllBlanks(FoldNfkc(unit.goals)));
    unit_kind_[u] = KindOf(name);
    for (const std::string& n : {name, TitleName(unit.title)}) {
      const std::u32string chars = SimilarityText(n);
      // Whole names only for schools and towns: "许市镇中学" is a specific
      // unit, "人民医院" is a kind of institution many places have.
      if (chars.size() >= 4 && !KindOf(Utf8(chars)).empty()) {
        unit_tokens[u].push_back(Utf8(chars));
      }
      std::string place = PlaceToken(chars);
      if (!place.empty()) unit_tokens[u].push_back(std::move(place));
    }
    // Region level: "君山区" in "岳阳市君山区…" -> 区.
    const std::string raw =
        RemoveAllBlanks(FoldNfkc(StrCat(unit.name, unit.title)));
    for (std::string_view level : {"区", "县"}) {
      size_t at = raw.find(level);
      if (at != std::string::npos && at >= 6 && at <= 15) {
        unit_level[u] = level;
        break;
      }
    }
  });
  for (int u = 0; u < units; ++u) {
    for (std::string& token : unit_tokens[u]) {
      tokens[std::move(token)].push_back(u);
    }
    if (!unit_level[u].empty()) ++region_votes[std::string(unit_level[u])];
  }
  int best = 0;
  for (const auto& [level, votes] : region_votes) {
    if (votes > best && votes * 2 > units) {
      best = votes;
      region_level_ = level;
    }
  }
  // Owners are the units whose own name or title yields the token; whether
  // another unit mentions it in its header is checked per finding (a scan
  // of every header for every token would be quadratic).
  for (auto& [token, owners] : tokens) {
    std::sort(owners.begin(), owners.end());
    owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
    gazetteer_.push_back({token, std::move(owners)});
  }
}

bool Same(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a));
}

bool SameUpToScale(double a, double b) {
  if (a == 0 || b == 0) return Same(a, b);
  for (double scale = 1; scale <= 1e8; scale *= 10) {
    if (Same(a * scale, b) || Same(b * scale, a)) return true;
  }
  return false;
}

int BoilerplateUnits(const Corpus& corpus,
                     const DuplicationSettings& settings) {
  // Units per input file: one file is one reviewing jurisdiction.
  absl::flat_hash_map<std::string_view, int> per_file;
  int largest = 0;
  for (const Unit& unit : corpus.units) {
    largest = std::max(largest, ++per_file[unit.source.file]);
  }
  const int by_share =
      static_cast<int>(std::floor(settings.boilerplate_share * largest));
  return std::max(1,
                  std::min(settings.boilerplate_max_units,
                           std::max(settings.boilerplate_min_units, by_share)));
}

RelatedPlace RelatedRow(const Corpus& corpus, int unit, int row) {
  const Unit& u = corpus.units[unit];
  return {u.id,
          std::string(TrimBlank(u.rows[row].name.text)),
          {u.source.file, u.rows[row].line}};
}

RelatedPlace RelatedUnit(const Corpus& corpus, int unit) {
  const Unit& u = corpus.units[unit];
  return {u.id, "", u.source};
}

std::string UnitLabel(const Corpus& corpus, int unit) {
  return std::string(TrimBlank(corpus.units[unit].DisplayName()));
}

namespace {

std::u32string Decode(std::string_view text) {
  std::u32string out;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t pos = 0;
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  while (pos < size) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(bytes + pos, size - pos, &cp);
    if (len <= 0) {
      ++pos;
      continue;
    }
    out.push_back(static_cast<char32_t>(cp));
    pos += len;
  }
  return out;
}

}  // namespace

std::string Clip(std::string_view text, size_t max_chars) {
  const std::u32string chars = Decode(text);
  if (chars.size() <= max_chars) return std::string(text);
  return Utf8(std::u32string_view(chars).substr(0, max_chars)) + "…";
}

}  // namespace jxaudit
