#include "analyzer/model/model.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_replace.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "re2/re2.h"

namespace jxaudit {

int Unit::RealIndicatorCount() const {
  int count = 0;
  for (const IndicatorRow& row : rows) {
    if (!row.IsPlaceholder()) ++count;
  }
  return count;
}

std::string_view Unit::DisplayName() const {
  return name.empty() ? title : name;
}

int Corpus::MajorityTitleYear() const {
  std::map<int, int> votes;
  for (const Unit& unit : units) {
    if (unit.title_year > 0) ++votes[unit.title_year];
  }
  int best = 0, best_votes = 0;
  for (const auto& [year, count] : votes) {
    if (count > best_votes) {
      best = year;
      best_votes = count;
    }
  }
  return best;
}

std::string Unit::LineRef(int line) const {
  const FilePlace* place = buffer == nullptr ? nullptr : buffer->PlaceAt(line);
  if (place == nullptr) return StrCat("第", line, "行");
  // "第9行（卫生健康局!A9）" reads in a sentence; a bare cell name does not.
  if (!place->sheet.empty()) {
    return StrCat("第", place->row, "行（", place->Text(), "）");
  }
  return place->Text();
}

namespace {

// 3 -> "C", 28 -> "AB".
std::string ColumnLetters(int column) {
  std::string out;
  for (; column > 0; column = (column - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return out;
}

}  // namespace

std::string FilePlace::Text() const {
  if (paragraph > 0) return StrCat("第", paragraph, "段");
  if (!sheet.empty()) {
    return StrCat(sheet, "!", ColumnLetters(std::max(column, 1)), row);
  }
  std::string out = table > 0 ? StrCat("表", table, " 第", row, "行")
                              : StrCat("第", row, "行");
  if (column > 0) StrAppend(&out, " 第", column, "列");
  return out;
}

void SourceBuffer::Locate(SourceLocation& source) const {
  const FilePlace* place = PlaceAt(source.line);
  if (place == nullptr) return;
  source.place = place->Text();
  source.sheet = place->sheet;
  source.table = place->table;
  source.place_line = place->row;
}

std::string_view ValueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kEmpty:
      return "empty";
    case ValueKind::kNumber:
      return "number";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kBadDate:
      return "malformed-date";
    case ValueKind::kMulti:
      return "multiple";
    case ValueKind::kChineseNum:
      return "chinese-numeral";
    case ValueKind::kText:
      return "text";
  }
  return "text";
}

namespace {

// A leading province, city and district or county of any place
// ("湖南省长沙市芙蓉区", "浏阳市", "长沙县"), two or three characters each. Not
// a city when 市 starts a word (农贸市场), not a district when 区 ends a
// common noun (工业园区, 社区, 景区 …).
void DropLeadingPlace(std::string& text) {
  static const RE2 kPlace(
      R"(^(\p{Han}{2,3}省)?(\p{Han}{2,3}市)?(\p{Han}{2,3}[区县])?)");
  std::string province, city, district;
  if (!RE2::PartialMatch(text, kPlace, &province, &city, &district)) return;
  const auto follows = [&](size_t at, std::string_view what) {
    return text.compare(at, what.size(), what) == 0;
  };
  static constexpr std::string_view kNotDistricts[] = {
      "园区", "社区", "景区", "片区", "辖区", "矿区", "垸区"};
  const auto is_district = [&] {
    if (district.empty()) return false;
    for (std::string_view noun : kNotDistricts) {
      if (std::string_view(district).ends_with(noun)) return false;
    }
    return true;
  };
  size_t cut = province.size();
  const bool market = !city.empty() && follows(cut + city.size(), "场");
  if (!market) {
    cut += city.size();
    if (is_district()) cut += district.size();
  }
  // Keep a name that would be left with less than three characters.
  if (cut > 0 && CodePointCount(std::string_view(text).substr(cut)) >= 3) {
    text.erase(0, cut);
  }
}

}  // namespace

const std::shared_ptr<const ScoreReading>& EmptyScoreReading() {
  static const auto* const kEmpty =
      new std::shared_ptr<const ScoreReading>(std::make_shared<ScoreReading>());
  return *kEmpty;
}

const std::shared_ptr<const ExplanationReading>& EmptyExplanationReading() {
  static const auto* const kEmpty =
      new std::shared_ptr<const ExplanationReading>(
          std::make_shared<ExplanationReading>());
  return *kEmpty;
}

std::string NormalisedUnitName(std::string_view name) {
  std::string text = RemoveAllBlanks(FoldNfkc(name));
  for (std::string_view prefix : {"岳阳市", "君山区"}) {
    if (text.rfind(prefix, 0) == 0) text.erase(0, prefix.size());
  }
  DropLeadingPlace(text);
  return absl::StrReplaceAll(text,
                             {{"(单位)", ""}, {"(本级)", ""}, {"(机关)", ""}});
}

}  // namespace jxaudit
