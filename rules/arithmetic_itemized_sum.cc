// arithmetic/itemized-sum: the text itemises parts of a total and they do
// not add up to the stated value.
//
// Three ways a total is stated, all seen in the tables:
//   - a total followed by its breakdown in brackets:
//     "控制在27.14万元（公用经费10.8万元，项目经费16.34万元）";
//   - a total, then 其中: "查螺面积3935万平方米（其中垸内305万平方米，
//     垸外3680万平方米）", "共审核推荐90名…，其中…65人、…25人";
//   - parts, then 合计/共计/总计: "人员类…万元、公用经费…万元，合计…万元";
// and, for the 指标解释 and 评（扣）分标准 cells only, a cell that is nothing
// but a list of labelled amounts ("人员类730万元、公用经费65万元、其他运转类
// 167万元、特定目标类427万元") itemises the row's own value (≤ 1400 万元).
//
// Parts must measure the same thing as the total (万元 and 元 convert; 人
// and 万人 too). A 其中 list may name only some parts, so it is reported
// only when the parts exceed the total; the other forms are complete lists
// and are reported both ways, unless the text says it leaves something out
// (不含…, …未知, 等) and the parts fall short. The tolerance is the rounding
// the written precision allows (each number ±half its last digit) plus the
// `tolerance` parameter.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/ingest/quantity.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "re2/re2.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

// An amount written in the text: "730万元".
struct Amount {
  size_t begin = 0, end = 0;  // bytes of number and unit in the sentence
  double value = 0;
  int decimals = 0;
  std::string unit;  // as written ("万元", "名")
  UnitScale scale;
  bool consumed = false;  // already part of a group
};

// A stated total and the parts that should add up to it.
struct Group {
  Amount total;
  std::vector<Amount> parts;
  std::vector<std::string> labels;  // per part, "" when not read
  std::string source;               // how the total was stated (Chinese)
  bool partial = false;     // 其中: the parts may be only some of the total
  bool incomplete = false;  // the text says something is left out
};

class AmountReader {
 public:
  explicit AmountReader(const Config& config) : config_(config) {}
  const Config& config() const { return config_; }

  // Every number followed by a known unit of measure. Years ("2024年"),
  // dates and points ("5分": a scoring rule's points, not an amount) are
  // not amounts.
  std::vector<Amount> Read(std::string_view text) const {
    std::vector<Amount> amounts;
    size_t i = 0;
    while (i < text.size()) {
      if (!IsAsciiDigit(text[i]) ||
          (i > 0 && (IsAsciiDigit(text[i - 1]) || text[i - 1] == '.'))) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < text.size() && IsAsciiDigit(text[j])) ++j;
      int decimals = 0;
      if (j + 1 < text.size() && text[j] == '.' && IsAsciiDigit(text[j + 1])) {
        ++j;
        while (j < text.size() && IsAsciiDigit(text[j])) ++j, ++decimals;
      }
      const std::string_view number = text.substr(i, j - i);
      std::optional<Amount> amount = WithUnit(text, i, j);
      if (amount) {
        amount->value = std::stod(std::string(number));
        amount->decimals = decimals;
        if (!IsYear(number, amount->unit)) amounts.push_back(*amount);
      }
      i = j;
    }
    return amounts;
  }

 private:
  static bool IsYear(std::string_view number, std::string_view unit) {
    return number.size() == 4 && (unit == "年" || unit == "年度");
  }

  // The longest known unit right after the number [begin, end).
  std::optional<Amount> WithUnit(std::string_view text, size_t begin,
                                 size_t end) const {
    size_t at = end;
    while (at < text.size() && text[at] == ' ') ++at;
    std::optional<Amount> best;
    size_t stop = at;
    for (int k = 0; k < 5 && stop < text.size(); ++k) {
      const unsigned char lead = text[stop];
      if (lead < 0x80 && lead != '%') break;
      stop += Utf8SequenceLength(lead);
      const std::string_view spelling = text.substr(at, stop - at);
      if (!IsKnownUnit(spelling, text.substr(stop))) continue;
      std::optional<UnitScale> scale = ScaleOf(spelling, config_);
      if (!scale) continue;
      best = Amount{begin, stop, 0, 0, std::string(spelling), *scale};
    }
    // Points, times and dates are not amounts; shares ("98%") do not add
    // up to a total.
    if (best &&
        (best->scale.family == "score" || best->scale.family == "time" ||
         best->scale.family == "date" || best->scale.family == "percentage" ||
         best->scale.family == "permille" || best->scale.base == "%")) {
      return std::nullopt;
    }
    return best;
  }

  // `spelling` and `rest` are parts of folded text.
  bool IsKnownUnit(std::string_view spelling, std::string_view rest) const {
    if (spelling == "%") return true;
    if (config_.FindFoldedUnit(spelling) != nullptr) return true;
    for (std::string_view magnitude : {"万", "亿"}) {
      if (spelling.substr(0, magnitude.size()) != magnitude) continue;
      const std::string_view base = spelling.substr(magnitude.size());
      if (base.empty()) {
        // A bare "5万" at the end of a clause ("项目维护费5万").
        return rest.empty() || static_cast<unsigned char>(rest[0]) < 0x80 ||
               rest.substr(0, 3) == "、" || rest.substr(0, 3) == "，" ||
               rest.substr(0, 3) == "。" || rest.substr(0, 3) == "；";
      }
      if (config_.FindFoldedUnit(base) != nullptr) return true;
    }
    return false;
  }

  const Config& config_;
};

bool Measures(const Amount& a, const Amount& b) {
  if (a.scale.base.empty() && b.scale.base.empty()) return false;
  return SameMeasure(a.scale, b.scale);
}

// Sentences: the parts of a total never cross a 。 or ；.
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size();) {
    size_t stop_len = 0;
    if (i == text.size()) {
      stop_len = 1;
    } else if ((text[i] == '\xE3' || text[i] == '\xEF') &&
               (text.compare(i, 3, "。") == 0 ||
                text.compare(i, 3, "；") == 0)) {
      // The lead byte first: this runs at every byte of every cell.
      stop_len = 3;
    } else if (text[i] == ';' || text[i] == '\n') {
      stop_len = 1;
    }
    if (stop_len > 0) {
      if (i > start) out.push_back(text.substr(start, i - start));
      start = i + stop_len;
      i += stop_len;
    } else {
      ++i;
    }
  }
  return out;
}

// The text says it leaves something out of the list.
bool SaysIncomplete(std::string_view text) {
  static const RE2 kIncomplete(
      R"(不含|不包含|不包括|未含|未包含|未知|未列|另有|以外|除外|等(?:经费|费用|支出|项目)?$)");
  return RE2::PartialMatch(text, kIncomplete);
}

// The label written before a part: the text since the previous separator.
std::string LabelBefore(std::string_view sentence, size_t at) {
  size_t from = 0;
  for (std::string_view stop :
       {"、", "，", ",", "(", "（", "其中", ":", "："}) {
    const size_t found = sentence.rfind(stop, at);
    if (found != std::string_view::npos && found + stop.size() <= at) {
      from = std::max(from, found + stop.size());
    }
  }
  return std::string(sentence.substr(from, at - from));
}

// Words that make an amount a condition, a rate or a step, not an item.
const RE2& NotAnItem() {
  static const RE2 kNotAnItem(
      R"(每|超|少|扣|得|计|控制|以内|以上|以下|不超过|不低于|不少于|达到|达|完成|)"
      R"(较|比|增|减|上年|去年|同比|最高|最低|限额|标准|平均|人均|均|年度|共|合计|总)");
  return kNotAnItem;
}

class GroupFinder {
 public:
  GroupFinder(std::string_view sentence, std::vector<Amount> amounts)
      : s_(sentence), amounts_(std::move(amounts)) {}

  std::vector<Group> Find() {
    std::vector<Group> groups;
    Bracketed(groups);
    Among(groups);
    Totalled(groups);
    return groups;
  }

 private:
  // "27.14万元（公用经费10.8万元，项目经费16.34万元）".
  void Bracketed(std::vector<Group>& groups) {
    for (size_t k = 0; k < amounts_.size(); ++k) {
      const size_t open = amounts_[k].end;
      if (s_.compare(open, 1, "(") != 0) continue;
      size_t close = s_.find(')', open);
      if (close == std::string_view::npos) close = s_.size();
      Group group{amounts_[k], {}, {}, "括号前的总数", false, false};
      const std::string_view inside = s_.substr(open + 1, close - open - 1);
      group.partial = inside.substr(0, 6) == "其中";
      group.incomplete = SaysIncomplete(inside);
      CollectParts(group, k + 1, close);
      Keep(group, k, groups);
    }
  }

  // "…3935万平方米，其中垸内305万平方米，垸外3680万平方米".
  void Among(std::vector<Group>& groups) {
    for (size_t at = s_.find("其中"); at != std::string_view::npos;
         at = s_.find("其中", at + 6)) {
      std::optional<size_t> total;
      for (size_t k = 0; k < amounts_.size() && amounts_[k].end <= at; ++k) {
        total = k;
      }
      if (!total || amounts_[*total].consumed) continue;
      // The total stands close before 其中 ("共90名符合条件的，其中").
      if (CodePointCount(s_.substr(amounts_[*total].end,
                                   at - amounts_[*total].end)) > 16) {
        continue;
      }
      Group group{amounts_[*total], {}, {}, "“其中”前的总数", true, false};
      CollectParts(group, *total + 1, s_.size());
      Keep(group, *total, groups);
    }
  }

  // "人员类…万元、公用经费…万元，合计…万元".
  void Totalled(std::vector<Group>& groups) {
    static const RE2 kTotalWord(
        R"((?:合计|共计|总计|总额|总共|共)(?:为|是|:)?\s*$)");
    for (size_t k = 0; k < amounts_.size(); ++k) {
      if (amounts_[k].consumed) continue;
      const size_t from = k > 0 ? amounts_[k - 1].end : 0;
      if (!RE2::PartialMatch(s_.substr(from, amounts_[k].begin - from),
                             kTotalWord)) {
        continue;
      }
      Group group{amounts_[k], {}, {}, "文中写明的合计数", false, false};
      group.incomplete = SaysIncomplete(s_.substr(0, amounts_[k].begin));
      for (size_t p = 0; p < k; ++p) {
        if (amounts_[p].consumed || !Measures(amounts_[p], amounts_[k]))
          continue;
        group.parts.push_back(amounts_[p]);
        group.labels.push_back(LabelBefore(s_, amounts_[p].begin));
      }
      Keep(group, k, groups);
    }
  }

  // Parts: amounts from index `first` before byte `limit`, of the total's
  // measure, stopping at the first amount of another measure.
  void CollectParts(Group& group, size_t first, size_t limit) {
    for (size_t p = first; p < amounts_.size() && amounts_[p].end <= limit;
         ++p) {
      if (!Measures(amounts_[p], group.total)) break;
      group.parts.push_back(amounts_[p]);
      group.labels.push_back(LabelBefore(s_, amounts_[p].begin));
    }
  }

  void Keep(Group& group, size_t total_index, std::vector<Group>& groups) {
    if (group.parts.size() < 2) return;
    // "每月2次，每季度1次，共28次": rates and conditions are not parts.
    for (const std::string& label : group.labels) {
      if (RE2::PartialMatch(label, NotAnItem())) return;
    }
    amounts_[total_index].consumed = true;
    for (Amount& a : amounts_) {
      for (const Amount& part : group.parts) {
        if (a.begin == part.begin) a.consumed = true;
      }
    }
    groups.push_back(std::move(group));
  }

  std::string_view s_;
  std::vector<Amount> amounts_;
};

// A cell that is only a list of labelled amounts: "人员类730万元、公用经费65
// 万元、…". The labels must name budget items, not conditions or steps.
std::optional<Group> PlainList(std::string_view text,
                               const AmountReader& reader) {
  std::string_view body = text;
  while (!body.empty() && (body.back() == '.' || body.back() == ' ')) {
    body.remove_suffix(1);
  }
  if (body.size() >= 3 && body.substr(body.size() - 3) == "。") {
    body.remove_suffix(3);
  }
  static const RE2 kSegment(
      R"(^([^\d、，,；;。]{1,20}?)(?:为|:)?\s*\d+(?:\.\d+)?\s*[^\d、，,；;。]{0,6}$)");
  Group group{{}, {}, {}, "指标值", false, false};
  size_t start = 0;
  std::vector<std::string_view> segments;
  for (size_t i = 0; i <= body.size();) {
    size_t len = 0;
    if (i == body.size()) {
      len = 1;
    } else if (body.compare(i, 3, "、") == 0 || body.compare(i, 3, "，") == 0 ||
               body.compare(i, 3, "；") == 0) {
      len = 3;
    } else if (body[i] == ',' || body[i] == ';') {
      len = 1;
    }
    if (len == 0) {
      ++i;
      continue;
    }
    segments.push_back(body.substr(start, i - start));
    start = i + len;
    i += len;
  }
  for (std::string_view segment : segments) {
    std::vector<Amount> amounts = reader.Read(segment);
    if (amounts.empty()) {
      if (!SaysIncomplete(segment)) return std::nullopt;
      group.incomplete = true;
      continue;
    }
    std::string label;
    if (amounts.size() != 1 || !RE2::FullMatch(segment, kSegment, &label) ||
        RE2::PartialMatch(label, NotAnItem())) {
      return std::nullopt;
    }
    if (!group.parts.empty() && !Measures(group.parts.front(), amounts[0])) {
      return std::nullopt;
    }
    // The same item twice is not a breakdown.
    if (std::find(group.labels.begin(), group.labels.end(), label) !=
        group.labels.end()) {
      return std::nullopt;
    }
    group.parts.push_back(amounts[0]);
    group.labels.push_back(label);
  }
  if (group.parts.size() < 2) return std::nullopt;
  return group;
}

// How many numbers (runs of ASCII digits) `text` holds: a list of parts or
// a total with its parts needs at least two, and AmountReader reads only
// digits.
int NumberCount(std::string_view text) {
  int count = 0;
  bool in_number = false;
  for (char c : text) {
    const bool digit = IsAsciiDigit(c) || (in_number && c == '.');
    if (digit && !in_number) ++count;
    in_number = digit;
  }
  return count;
}

struct Check {
  std::string cell;
  Group group;
  double sum = 0;         // in the total's unit
  double difference = 0;  // sum - total
};

int Decimals(double value) {
  for (int d = 0; d < 6; ++d) {
    const double scaled = value * std::pow(10.0, d);
    if (std::fabs(scaled - std::round(scaled)) < 1e-6) return d;
  }
  return 6;
}

// Whether the parts miss the total by more than the written precision and
// the configured tolerance allow.
std::optional<Check> Compare(std::string cell, Group group, double tolerance) {
  double sum = 0, slack = 0.5 * std::pow(10.0, -group.total.decimals);
  for (const Amount& part : group.parts) {
    const double converted = Convert(part.value, part.scale, group.total.scale);
    sum += converted;
    slack += Convert(0.5 * std::pow(10.0, -part.decimals), part.scale,
                     group.total.scale);
  }
  const double difference = sum - group.total.value;
  if (std::fabs(difference) <= slack + tolerance) return std::nullopt;
  if (difference < 0 && (group.partial || group.incomplete))
    return std::nullopt;
  return Check{std::move(cell), std::move(group), sum, difference};
}

class ArithmeticItemizedSum : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "arithmetic/itemized-sum",
        .default_severity = Severity::kWarning,
        .summary = "文字中列出的各分项相加不等于所写的总数（或指标值）",
        .certainty = 0.85};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    const Unit& unit = check.unit();
    const AmountReader reader(check.config());
    const double tolerance = tolerance_;
    std::vector<Check> goals;
    CheckText("年度总体绩效目标", FoldNfkc(unit.goals), reader, tolerance,
              goals);
    if (!goals.empty()) Report(check, -1, goals);
    for (int i = 0; i < static_cast<int>(unit.rows.size()); ++i) {
      const IndicatorRow& row = unit.rows[i];
      if (row.IsPlaceholder()) continue;
      std::vector<Check> found;
      for (const auto& [cell, label] :
           {std::pair<const Cell*, const char*>{&row.explanation, "指标解释"},
            {&row.rule, "评（扣）分标准"}}) {
        const std::string text = FoldNfkc(cell->text);
        if (NumberCount(text) < 2) continue;  // nothing to add up
        const size_t before = found.size();
        const bool grouped = CheckText(label, text, reader, tolerance, found);
        if (!grouped && found.size() == before) {
          CheckAgainstValue(row, label, text, reader, tolerance, found);
        }
      }
      if (!found.empty()) Report(check, i, found);
    }
  }

 private:
  // Checks every stated total in the text; true when any was found.
  static bool CheckText(const std::string& cell, std::string_view text,
                        const AmountReader& reader, double tolerance,
                        std::vector<Check>& out) {
    bool any = false;
    for (std::string_view sentence : Sentences(text)) {
      std::vector<Amount> amounts = reader.Read(sentence);
      if (amounts.size() < 3) continue;
      for (Group& group : GroupFinder(sentence, std::move(amounts)).Find()) {
        any = true;
        if (auto check = Compare(cell, std::move(group), tolerance)) {
          out.push_back(*std::move(check));
        }
      }
    }
    return any;
  }

  // A cell listing the parts of the row's own amount.
  static void CheckAgainstValue(const IndicatorRow& row,
                                const std::string& cell, std::string_view text,
                                const AmountReader& reader, double tolerance,
                                std::vector<Check>& out) {
    const Operator op = row.parsed_op.op;
    if (row.parsed_value.kind != ValueKind::kNumber || !IsNumericOperator(op)) {
      return;
    }
    std::optional<Group> group = PlainList(text, reader);
    if (!group) return;
    std::string unit_text = row.parsed_value.written_unit;
    if (unit_text.empty()) unit_text = std::string(TrimBlank(row.unit.text));
    Amount total;
    total.value = row.parsed_value.number;
    total.decimals = Decimals(total.value);
    total.unit = unit_text;
    std::optional<UnitScale> scale = ScaleOf(unit_text, reader.config());
    if (!scale) return;
    total.scale = *scale;
    const std::string name = RemoveAllBlanks(FoldNfkc(row.name.text));
    for (size_t k = 0; k < group->parts.size(); ++k) {
      if (!Measures(group->parts[k], total)) return;
      // One of the parts is the indicator itself: the list is context.
      if (NearlyEqual(Convert(group->parts[k].value, group->parts[k].scale,
                              total.scale),
                      total.value) ||
          Contains(name, group->labels[k])) {
        return;
      }
    }
    group->total = total;
    if (auto check = Compare(cell, *std::move(group), tolerance)) {
      out.push_back(*std::move(check));
    }
  }

  static std::string Describe(const Check& c) {
    std::string parts;
    for (size_t k = 0; k < c.group.parts.size(); ++k) {
      if (k > 0) parts += "、";
      StrAppend(&parts, c.group.labels[k], FormatNumber(c.group.parts[k].value),
                c.group.parts[k].unit);
    }
    const std::string& unit = c.group.total.unit;
    return StrCat(c.cell, "列出的", parts, "合计", FormatNumber(c.sum), unit,
                  "，与", c.group.source, FormatNumber(c.group.total.value),
                  unit, "不符（", c.difference < 0 ? "少" : "多",
                  FormatNumber(std::fabs(c.difference)), unit, "）");
  }

  static std::string Fix(const Check& c) {
    const std::string& unit = c.group.total.unit;
    if (c.group.source == "指标值") {
      return StrCat("核对各分项金额，使分项合计等于指标值",
                    FormatNumber(c.group.total.value), unit,
                    "；若分项无误，把指标值改为", FormatNumber(c.sum), unit,
                    "并相应修改评分标准");
    }
    return StrCat("核对", c.cell,
                  "中的各分项和总数，使分项相加等于总数（现合计",
                  FormatNumber(c.sum), unit, "，写的是",
                  FormatNumber(c.group.total.value), unit, "）");
  }

  static void Report(UnitCheck& check, int row_index,
                     const std::vector<Check>& checks) {
    std::string message = Describe(checks.front());
    std::string fix = Fix(checks.front());
    EvidenceArray all;
    for (size_t k = 0; k < checks.size(); ++k) {
      const Check& c = checks[k];
      EvidenceArray parts;
      for (size_t p = 0; p < c.group.parts.size(); ++p) {
        parts.push_back(
            Evidence{{"label", c.group.labels[p]},
                     {"value", RoundForEvidence(c.group.parts[p].value)},
                     {"unit", c.group.parts[p].unit}});
      }
      all.push_back(Evidence{{"cell", c.cell},
                             {"parts", std::move(parts)},
                             {"sum", RoundForEvidence(c.sum)},
                             {"total", RoundForEvidence(c.group.total.value)},
                             {"unit", c.group.total.unit},
                             {"total_source", c.group.source},
                             {"difference", RoundForEvidence(c.difference)}});
      if (k == 0) continue;
      StrAppend(&message, "；", Describe(c));
      StrAppend(&fix, "；", Fix(c));
    }
    const Check& first = checks.front();
    Evidence evidence = {{"sum", RoundForEvidence(first.sum)},
                         {"total", RoundForEvidence(first.group.total.value)},
                         {"difference", RoundForEvidence(first.difference)},
                         {"unit", first.group.total.unit},
                         {"total_source", first.group.source},
                         {"checks", std::move(all)}};
    check.AddAt(row_index, std::move(message), std::move(fix),
                std::move(evidence));
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Number("tolerance", &tolerance_);
  }

 private:
  // Slack beyond the rounding the written precision allows, in the total's
  // own unit.
  double tolerance_ = 0;
};

}  // namespace

std::unique_ptr<Rule> MakeArithmeticItemizedSum() {
  return std::make_unique<ArithmeticItemizedSum>();
}

}  // namespace jxaudit
