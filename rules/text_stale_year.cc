// text/stale-year: a year that makes no sense for the year under review, in
// a row's cells (name, value, explanation, rule) or in the unit's overall
// goals: a deadline, a period or a comparison base from an earlier cycle
// ("2022年底前" or "相较2022年" in a 2024 table), or a date later than the
// annual plan allows.
//
// Years are read in context, and only contexts that say what the year is
// for are reported (precision first):
//   - inside 《…》, followed by a document noun (方案, 规划, 通知, …) or 版:
//     a policy's name, never reported;
//   - ranges and lists ("2024-2026年", "2023、2024年度"): multi-year plans
//     and arrears, never reported;
//   - "自2019年", "截至2023年底", "2020年以来": history, never reported;
//   - "较2023年", "比2023年", "与2023年相比": a comparison base, correct
//     for the previous year, reported when older;
//   - a past date or month with a deadline ("2023年12月31日前", "2023年底
//     前完成") or a past year as the thing measured ("考察2023年度…",
//     "作为2023年工作重点"): reported;
//   - a later year as a deadline, date or target: reported;
//   - anything else ("2023年全区完成…" as background) is left alone.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "re2/re2.h"

namespace jxaudit {
namespace {

// "已完成", "已经全面建成": work reported as done (the three patterns below
// that read a past year's completed work share it).
constexpr std::string_view kDoneVerb =
    "(?:已|已经)(?:全面)?(?:完成|实现|建成|完工)";

enum class Kind { kBase, kDeadline, kPeriod, kFuture, kDone };

struct Mention {
  std::string cell;  // 指标解释, 评（扣）分标准, …
  int year = 0;
  Kind kind = Kind::kPeriod;
  std::string snippet;  // the words around the year, as written
  int line = 0;         // where the cell starts (0: unknown)
};

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kBase:
      return "base";
    case Kind::kDeadline:
      return "deadline";
    case Kind::kPeriod:
      return "period";
    case Kind::kFuture:
      return "future";
    case Kind::kDone:
      return "completed";
  }
  return "";
}

// The clause around [start, end): from the previous to the next sentence
// stop, at most ~12 characters before and ~18 after.
std::string Snippet(const FoldedText& folded, size_t start, size_t end) {
  const std::string_view text = folded.text;
  size_t from = 0, to = text.size();
  for (std::string_view stop : {"。", "；", ";", "\n", "，", ","}) {
    const size_t before = text.rfind(stop, start);
    if (before != std::string_view::npos && before + stop.size() <= start) {
      from = std::max(from, before + stop.size());
    }
    const size_t after = text.find(stop, end);
    if (after != std::string_view::npos) to = std::min(to, after);
  }
  // Step by code points so that a cut never splits a character.
  auto back = [&](size_t at, int count) {
    while (count-- > 0 && at > from) {
      do --at;
      while (at > from && IsUtf8Continuation(text[at]));
    }
    return at;
  };
  auto forward = [&](size_t at, int count) {
    while (count-- > 0 && at < to) {
      do ++at;
      while (at < to && IsUtf8Continuation(text[at]));
    }
    return at;
  };
  const size_t first = back(start, 12);
  const size_t last = forward(end, 18);
  size_t from_byte = first, to_byte = last;
  // Quotation marks cut off at either end only confuse the message.
  for (std::string_view mark : {"“", "”", "‘", "’", "\"", "'"}) {
    while (text.substr(from_byte, to_byte - from_byte).starts_with(mark))
      from_byte += mark.size();
    while (text.substr(from_byte, to_byte - from_byte).ends_with(mark))
      to_byte -= mark.size();
  }
  return folded.RawOf(from_byte, to_byte);
}

// Whether a raw cell can hold anything YearScanner looks for: a year's
// digits or "上"/"去" (last year). Decided on the raw bytes, without
// folding them; most cells have none of these.
bool MayMentionYear(std::string_view raw) {
  return MayFoldToAsciiDigit(raw) || Contains(raw, "上") || Contains(raw, "去");
}

class YearScanner {
 public:
  YearScanner(int target_year, std::string cell, int line)
      : target_(target_year), cell_(std::move(cell)), line_(line) {}

  // Appends every year in `folded` that does not fit, quoting the raw text.
  void Scan(const FoldedText& folded, std::vector<Mention>& out) const {
    const std::string_view text = folded.text;
    const size_t first = out.size();
    ScanYears(folded, out);
    ScanCompletedLastYear(folded, out);
    if (out.size() > first && MentionsThisYear(text)) {
      out.erase(std::remove_if(
                    out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                    [](const Mention& m) { return m.kind == Kind::kDone; }),
                out.end());
    }
  }

 private:
  void ScanYears(const FoldedText& folded, std::vector<Mention>& out) const {
    const std::string_view text = folded.text;
    for (size_t i = 0; i + 4 <= text.size(); ++i) {
      if (!IsYearAt(text, i)) continue;
      const int year = std::stoi(std::string(text.substr(i, 4)));
      const std::string_view before = text.substr(0, i);
      const std::string_view after = text.substr(i + 4);
      std::optional<Kind> kind = Classify(year, before, after);
      if (kind) {
        out.push_back({cell_, year, *kind, Snippet(folded, i, i + 4), line_});
      }
      i += 3;
    }
  }

  // "已完成上年度…" without a number: last year's work as this year's.
  void ScanCompletedLastYear(const FoldedText& folded,
                             std::vector<Mention>& out) const {
    const std::string_view text = folded.text;
    // Both spellings of last year contain one of these; most cells have
    // neither, and the pattern's scan is the cost.
    if (!Contains(text, "上") && !Contains(text, "去年")) return;
    static const RE2 kDoneLastYear(
        StrCat(kDoneVerb, R"(了?(上一?年度?|去年))"));
    re2::StringPiece rest(text.data(), text.size()), word;
    while (RE2::FindAndConsume(&rest, kDoneLastYear, &word)) {
      const std::string_view after(rest.data(), rest.size());
      if (CarriedOverOrBase(after)) continue;
      const size_t start = static_cast<size_t>(word.data() - text.data());
      const size_t end = static_cast<size_t>(rest.data() - text.data());
      out.push_back({cell_, target_ - 1, Kind::kDone,
                     Snippet(folded, start, end), line_});
      return;  // one such phrase per cell is enough
    }
  }

  // A cell that also states this year's work ("2024年计划…", "本年度")
  // tells last year's as background.
  bool MentionsThisYear(std::string_view text) const {
    static const RE2 kThisYear(R"((?:本年度|本年|今年|当年))");
    return Contains(text, StrCat(target_, "年")) ||
           RE2::PartialMatch(text, kThisYear);
  }

  // "2023" standing alone as a year: 19xx/20xx, no digit either side, and
  // followed by 年 or a date separator and a month ("2023.12").
  static bool IsYearAt(std::string_view text, size_t i) {
    if (!((text[i] == '2' && text[i + 1] == '0') ||
          (text[i] == '1' && text[i + 1] == '9'))) {
      return false;
    }
    if (!IsAsciiDigit(text[i + 2]) || !IsAsciiDigit(text[i + 3])) return false;
    if (i > 0 && (IsAsciiDigit(text[i - 1]) || text[i - 1] == '.'))
      return false;
    const std::string_view after = text.substr(i + 4);
    if (!after.empty() && IsAsciiDigit(after[0])) return false;
    static const RE2 kMarker(R"(^(?:年|[./-]\d{1,2}(?:\D|$)))");
    return RE2::PartialMatch(after, kMarker);
  }

  std::optional<Kind> Classify(int year, std::string_view before,
                               std::string_view after) const {
    if (year == target_ || InTitleMarks(before) ||
        IsRangeOrList(before, after)) {
      return std::nullopt;
    }
    static const RE2 kCompareBefore(
        R"((?:较|比|高于|低于|优于|多于|少于|超过|不低于|不少于|不高于|不超过)\s*$)");
    static const RE2 kCompareAfter(
        R"(^年?度?(?:同期)?(?:相比|相较|比较|对比|基础上|为基数|为基期|为基准|基数|水平|同期))");
    if (RE2::PartialMatch(before, kCompareBefore) ||
        RE2::PartialMatch(after, kCompareAfter)) {
      // The previous year is the right base for this year's target.
      if (year <= target_ - 2) return Kind::kBase;
      return std::nullopt;
    }
    if (year < target_) return ClassifyPast(before, after);
    return ClassifyFuture(before, after);
  }

  // Inside 《…》: a policy's or a document's name.
  static bool InTitleMarks(std::string_view before) {
    int open = 0;
    for (size_t at = 0; (at = before.find("《", at)) != std::string_view::npos;
         at += 3) {
      ++open;
    }
    for (size_t at = 0; (at = before.find("》", at)) != std::string_view::npos;
         at += 3) {
      --open;
    }
    return open > 0;
  }

  // A document named by its year: "2021版", "2023年综合目标管理方案",
  // "2023年度政府工作报告".
  static bool IsDocumentName(std::string_view after) {
    static const RE2 kDocument(
        R"(^(?:年版|版|年度?[^\d，,。；;：:！？!?\s]{0,12}?)"
        R"((?:方案|规划|办法|意见|通知|纲要|条例|规定|细则|决定|指南|要点|报告|)"
        R"(文件|清单|计划|公告|目录|版)))");
    return RE2::PartialMatch(after, kDocument);
  }

  // "2024-2026年", "2023至2025年", "2023、2024年度": several years at once.
  static bool IsRangeOrList(std::string_view before, std::string_view after) {
    static const RE2 kJoinAfter(
        R"(^(?:年度?|年)?\s*(?:[-—~～至到、和及与,，]|—)\s*(?:19|20)\d\d)");
    static const RE2 kJoinBefore(
        R"((?:19|20)\d\d(?:年度?)?\s*(?:[-—~～至到、和及与,，])\s*$)");
    return RE2::PartialMatch(after, kJoinAfter) ||
           RE2::PartialMatch(before, kJoinBefore);
  }

  static std::optional<Kind> ClassifyPast(std::string_view before,
                                          std::string_view after) {
    // History: "自2019年", "截至2023年底", "2020年以来".
    static const RE2 kSinceBefore(
        R"((?:自|从|截至|截止|截止到|始于|早在)\s*$)");
    static const RE2 kSinceAfter(
        R"(^年?度?(?:底|末)?(?:以来|起|开始|至今|以后))");
    if (RE2::PartialMatch(before, kSinceBefore) ||
        RE2::PartialMatch(after, kSinceAfter)) {
      return std::nullopt;
    }
    if (IsDeadline(after)) return Kind::kDeadline;
    if (IsDocumentName(after)) return std::nullopt;
    // Work done this year about last year's books is this year's work:
    // "完成2023年度决算审计", "开展2023年度绩效自评".
    static const RE2 kClosingWork(
        R"(^年度?[^，,。；;]{0,10}?(?:决算|年报|审计|考核|评价|评估|总结|报表|)"
        R"(统计|清算|结算|奖励|表彰|述职|自评|检查|验收))");
    if (RE2::PartialMatch(after, kClosingWork)) return std::nullopt;
    if (IsCompletedWork(before, after)) {
      // Done in the past and carried over, or the base of this year's work.
      if (CarriedOverOrBase(after)) return std::nullopt;
      return Kind::kDone;
    }
    if (IsTargetContext(before, after)) return Kind::kPeriod;
    return std::nullopt;
  }

  static std::optional<Kind> ClassifyFuture(std::string_view before,
                                            std::string_view after) {
    // A long-term aim ("到2025年，全区…"): a plan's horizon, not a date.
    static const RE2 kHorizon(R"((?:到|至|力争到|争取到|预计到)\s*$)");
    if (RE2::PartialMatch(before, kHorizon) && !IsDeadline(after)) {
      return std::nullopt;
    }
    static const RE2 kDate(R"(^(?:年\d{1,2}月|[./-]\d{1,2}))");
    if (IsDocumentName(after) && !IsDeadline(after)) return std::nullopt;
    if (IsDeadline(after) || RE2::PartialMatch(after, kDate) ||
        IsTargetContext(before, after)) {
      return Kind::kFuture;
    }
    return std::nullopt;
  }

  // "2023年12月31日前", "2023.12.31前", "2023年底前", "2023年内完成",
  // "2023年12月底完成". A bare "2023年完成…" is background, not a deadline.
  static bool IsDeadline(std::string_view after) {
    static const RE2 kDeadline(
        R"(^(?:年(?:年?(?:底|末))?(?:前|之前|以前)|年内(?:完成|全部)|年年?(?:底|末)完成|)"
        R"(年\d{1,2}月(?:\d{1,2}日)?(?:底|末)?(?:前|之前|以前|止|为止|完成)|)"
        R"([./-]\d{1,2}(?:[./-]\d{1,2})?(?:前|之前|以前|止|为止|完成)))");
    return RE2::PartialMatch(after, kDeadline);
  }

  // Work already done in a past year, written where this year's target
  // belongs: "已完成2023年度…", "2023年已建成…".
  static bool IsCompletedWork(std::string_view before, std::string_view after) {
    static const RE2 kDoneBefore(StrCat(kDoneVerb, R"(了?\s*$)"));
    static const RE2 kDoneAfter(StrCat("^年度?", kDoneVerb));
    return RE2::PartialMatch(before, kDoneBefore) ||
           RE2::PartialMatch(after, kDoneAfter);
  }

  // "结转", "遗留", "续建", "基础上" in the rest of the clause.
  static bool CarriedOverOrBase(std::string_view after) {
    static const RE2 kClause(R"(^([^，,。；;]*))");
    re2::StringPiece clause;
    RE2::PartialMatch(after, kClause, &clause);
    static const RE2 kCarried(
        R"((?:结转|遗留|续建|未完成|欠款|基础上|基础之上))");
    return RE2::PartialMatch(clause, kCarried);
  }

  // The year is what the target is about: "考察2023年度…", "完成2023年…",
  // "作为2023年工作重点", "2023年度目标任务".
  static bool IsTargetContext(std::string_view before, std::string_view after) {
    static const RE2 kVerbBefore(
        R"((?:考察|考核|评价|确保|力争|完成|实施|落实|开展|做好|推进|作为|实现|)"
        R"(围绕|达到|争取|保障|全面完成|按时完成)\s*$)");
    static const RE2 kTaskAfter(
        R"(^年度?(?:的)?(?:工作重点|重点工作|工作任务|目标任务|绩效目标|目标|任务|)"
        R"(计划项目|预算|考核))");
    return RE2::PartialMatch(before, kVerbBefore) ||
           RE2::PartialMatch(after, kTaskAfter);
  }

  int target_;
  std::string cell_;
  int line_;
};

class TextStaleYear : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{.id = "text/stale-year",
                                .default_severity = Severity::kWarning,
                                .summary =
                                    "文字中的年份与审核年度不符（沿用往年的时限"
                                    "、基数或考核期，或超出本年度的日期）",
                                .certainty = 0.8};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    const Unit& unit = check.unit();
    const int target =
        check.target_year() > 0 ? check.target_year() : unit.title_year;
    if (target <= 0) return;
    CheckGoals(check, target);
    for (int i = 0; i < static_cast<int>(unit.rows.size()); ++i) {
      const IndicatorRow& row = unit.rows[i];
      if (row.IsPlaceholder()) continue;
      std::vector<Mention> mentions;
      const std::pair<const Cell*, const char*> cells[] = {
          {&row.name, "三级指标"},
          {&row.explanation, "指标解释"},
          {&row.rule, "评（扣）分标准"}};
      for (const auto& [cell, label] : cells) {
        if (!MayMentionYear(cell->text)) continue;
        YearScanner(target, label, cell->line)
            .Scan(FoldNfkcMapped(cell->text), mentions);
      }
      CheckValue(row, target, mentions);
      if (!mentions.empty()) Report(check, i, target, mentions);
    }
  }

 private:
  // A date or a year written as the target value ("2023年12月31日",
  // "2024.12.31", "2025" with unit 年度).
  static void CheckValue(const IndicatorRow& row, int target,
                         std::vector<Mention>& out) {
    const ParsedValue& value = row.parsed_value;
    int year = 0;
    if (value.kind == ValueKind::kDate) {
      year = value.year;
    } else if (value.kind == ValueKind::kNumber && value.number >= 1990 &&
               value.number <= 2100 &&
               value.number == static_cast<int>(value.number) &&
               (row.parsed_unit.canonical == "年" ||
                row.parsed_unit.canonical == "年度")) {
      year = static_cast<int>(value.number);
    }
    if (year == 0 || year == target) return;
    out.push_back({"指标值", year,
                   year < target ? Kind::kDeadline : Kind::kFuture,
                   std::string(TrimBlank(row.value.text)), row.value.line});
  }

  static void CheckGoals(UnitCheck& check, int target) {
    const Unit& unit = check.unit();
    std::vector<Mention> mentions;
    // The header "2023年度总体绩效目标" (when the title's year is right;
    // a wrong title year is structure/header-mismatch's finding).
    if (unit.goals_year > 0 && unit.goals_year != target &&
        (unit.title_year == target || unit.title_year == 0)) {
      mentions.push_back(
          {"年度总体绩效目标（栏目名）", unit.goals_year,
           unit.goals_year < target ? Kind::kPeriod : Kind::kFuture,
           StrCat(unit.goals_year, "年度总体绩效目标"), unit.goals_line});
    }
    YearScanner(target, "年度总体绩效目标", unit.goals_line)
        .Scan(FoldNfkcMapped(unit.goals), mentions);
    if (mentions.empty()) return;
    Report(check, -1, target, mentions);
  }

  static std::string Explain(const Mention& m, int target) {
    std::string quoted = StrCat(m.cell, "中的“", m.snippet, "”");
    switch (m.kind) {
      case Kind::kBase:
        return StrCat(quoted, "以", m.year, "年为比较基数，", target,
                      "年度的目标应与上年（", target - 1, "年）比较");
      case Kind::kDeadline:
        return StrCat(quoted, "的时限是", m.year, "年，早于本年度（", target,
                      "年）");
      case Kind::kPeriod:
        return StrCat(quoted, "指的是", m.year, "年，不是本年度（", target,
                      "年）");
      case Kind::kFuture:
        return StrCat(quoted, "的年份", m.year, "年晚于本年度（", target,
                      "年），超出了年度目标的期限");
      case Kind::kDone:
        return StrCat(quoted, "写的是", m.year, "年已经完成的工作，不是",
                      target, "年度要达到的目标");
    }
    return quoted;
  }

  static std::string Fix(const Mention& m, int target) {
    if (m.kind == Kind::kBase) {
      return StrCat("把“", m.year, "年”改为“", target - 1,
                    "年”（或写“较上年”）");
    }
    if (m.kind == Kind::kDone) {
      return StrCat("改写为", target, "年度要完成的工作和目标值，不要沿用",
                    m.year, "年的完成情况");
    }
    if (m.kind == Kind::kFuture) {
      return StrCat("把“", m.year, "年”改为", target,
                    "年内的时限；确属跨年度任务的，写明本年度应完成的阶段目标");
    }
    return StrCat("把“", m.year, "年”改为“", target,
                  "年”，并核对相关目标值是否已按", target, "年度更新");
  }

  static void Report(UnitCheck& check, int row_index, int target,
                     const std::vector<Mention>& mentions) {
    std::string message = Explain(mentions.front(), target);
    std::string fix = Fix(mentions.front(), target);
    EvidenceArray items;
    for (size_t k = 0; k < mentions.size(); ++k) {
      const Mention& m = mentions[k];
      items.push_back(Evidence{{"cell", m.cell},
                               {"year", m.year},
                               {"kind", KindName(m.kind)},
                               {"text", m.snippet}});
      if (k == 0) continue;
      StrAppend(&message, "；", Explain(m, target));
      StrAppend(&fix, "；", Fix(m, target));
    }
    StrAppend(&message, mentions.front().kind == Kind::kFuture
                            ? ""
                            : "，疑似沿用了往年的表格内容");
    Evidence evidence = {{"target_year", target},
                         {"year", mentions.front().year},
                         {"kind", KindName(mentions.front().kind)},
                         {"mentions", std::move(items)}};
    Finding& finding = check.AddAt(row_index, std::move(message),
                                   std::move(fix), std::move(evidence));
    // Point at the cell that holds the year, not the row's first cell.
    if (mentions.front().line > 0) finding.source.line = mentions.front().line;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTextStaleYear() {
  return std::make_unique<TextStaleYear>();
}

}  // namespace jxaudit
