#include "analyzer/yoy/finding_key.h"

#include <cstdint>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "analyzer/model/model.h"
#include "analyzer/model/parallel.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "re2/re2.h"

namespace jxaudit {
namespace {

// A year written in the text: it changes every year while the defect stays.
void MaskYears(std::string* text) {
  static const RE2 kYear(R"((?:19[89]\d|20\d\d))");
  RE2::GlobalReplace(text, kYear, "#");
}

// Punctuation a clerk adds or drops at the end of a name from year to year.
void DropTrailingPunctuation(std::string* text) {
  static const RE2 kTrailing(R"((?:[.,;:。，；：、]|\s)+$)");
  RE2::Replace(text, kTrailing, "");
}

uint64_t Fnv1a(std::string_view bytes) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::string UnitKey(std::string_view unit_name) {
  std::string key = NormalisedUnitName(unit_name);
  // Identity only: the place names go wherever they stand
  // ("中共岳阳市君山区委办公室" = "中共君山区委办公室" = "君山区委办公室"), and
  // so does a leading 中共, which clerks add and drop.
  static const RE2 kPlaceOrParty(R"(岳阳市|君山区|^中共|^中国共产党)");
  std::string stripped = key;
  RE2::GlobalReplace(&stripped, kPlaceOrParty, "");
  if (CodePointCount(stripped) >= 2) key = std::move(stripped);
  MaskYears(&key);
  return key;
}

std::string IndicatorKey(std::string_view indicator) {
  std::string key = RemoveAllBlanks(FoldNfkc(indicator));
  MaskYears(&key);
  DropTrailingPunctuation(&key);
  return key;
}

namespace {

// The "kind" and "field" strings joined by '/'; `find` gives the string
// under a key, or nullptr. One rule for this run's findings and for a
// findings.json read back, so that both get the same fingerprints.
template <typename Find>
std::string JoinKindAndField(const Find& find) {
  std::string out;
  for (const char* field : {"kind", "field"}) {
    const std::string* value = find(field);
    if (value == nullptr) continue;
    if (!out.empty()) out += '/';
    out += *value;
  }
  return out;
}

}  // namespace

std::string Discriminator(const nlohmann::json& evidence) {
  if (!evidence.is_object()) return "";
  return JoinKindAndField([&](const char* key) -> const std::string* {
    const auto it = evidence.find(key);
    return it == evidence.end() ? nullptr : it->get_ptr<const std::string*>();
  });
}

std::string Discriminator(const Evidence& evidence) {
  return JoinKindAndField(
      [&](const char* key) { return evidence.FindString(key); });
}

std::string FindingKey(std::string_view rule, std::string_view unit_key,
                       std::string_view indicator_key,
                       std::string_view discriminator) {
  return StrCat(rule, "\x1f", unit_key, "\x1f", indicator_key, "\x1f",
                discriminator);
}

std::string FingerprintOf(std::string_view finding_key, int occurrence) {
  const uint64_t hash = occurrence == 0
                            ? Fnv1a(finding_key)
                            : Fnv1a(StrCat(finding_key, "\x1f#", occurrence));
  return absl::StrFormat("%016x", hash);
}

namespace {

// The finding's key (rule, unit, indicator, kind; see finding_key.h): no
// line numbers, file names, unit order or years, so the same defect keeps
// its fingerprint from one year to the next.
std::string KeyOf(const Corpus& corpus, std::string_view unit_key,
                  const Finding& finding) {
  const Unit& unit = corpus.units[finding.unit_index];
  const std::string_view indicator =
      finding.row_index >= 0 ? unit.rows[finding.row_index].name.text
                             : std::string_view();
  return FindingKey(finding.rule, unit_key, IndicatorKey(indicator),
                    Discriminator(finding.evidence));
}

}  // namespace

void AssignFingerprints(const Corpus& corpus, std::vector<Finding>& findings,
                        int threads) {
  // Keys in parallel (a unit's key once, not once per finding), occurrences
  // in order, hashes in parallel.
  std::vector<std::string> unit_keys(corpus.units.size());
  ParallelFor(static_cast<int>(unit_keys.size()), threads, [&](int u) {
    unit_keys[u] = UnitKey(corpus.units[u].DisplayName());
  });
  const int n = static_cast<int>(findings.size());
  std::vector<std::string> keys(findings.size());
  ParallelFor(n, threads, [&](int i) {
    keys[i] = KeyOf(corpus, unit_keys[findings[i].unit_index], findings[i]);
  });
  std::vector<int> occurrence(findings.size());
  absl::flat_hash_map<std::string_view, int> seen;
  seen.reserve(findings.size());  // growing it would hash every key again
  for (int i = 0; i < n; ++i) occurrence[i] = seen[keys[i]]++;
  ParallelFor(n, threads, [&](int i) {
    findings[i].fingerprint = FingerprintOf(keys[i], occurrence[i]);
  });
}

}  // namespace jxaudit
