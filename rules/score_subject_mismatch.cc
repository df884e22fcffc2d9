// score/subject-mismatch: the scoring rule is written about another
// indicator than the row's 三级指标 (row 食品安全抽检合格率, rule
// "价格认证案件合规率达100%…"), usually a copy-paste leftover.
//
// The subject is what the reader found in front of the rule's threshold
// ("价格认证案件合规率") and in its graded bands. It is compared with the
// row's name by the character pairs (bigrams) of their distinctive parts:
// words every indicator uses (完成, 及时率, 项目, 工作…) are set aside first,
// so "项目完成及时率" says nothing either way, while "自然资源审计" and
// "财政同级审" share nothing.
//
// Reported as an error only when the subject is specific (several
// distinctive characters), shares nothing with the name, and the row's own
// explanation does not speak of it either (a vague name whose explanation
// describes what the rule scores — 规范经营秩序 / "门前三包"责任牌 — is not a
// copy). A generic subject that is the name of another row of the same unit
// ("合格率" on 院内感染率, next to 处方合格率) is reported at info: it may be
// boilerplate. Satisfaction rules that name another public ("居民满意度" for
// 群众满意度) are boilerplate and never reported.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "rules/format.h"

namespace jxaudit {
namespace {

// Words shared by indicators of every kind. Longest first: they are removed
// in this order.
constexpr std::string_view kGenericWords[] = {
    "指标值", "满意度", "满意率", "及时率", "及时性", "完成率", "完成度",
    "达不到", "未达到", "该指标", "满意",   "完成",   "及时",   "工作",
    "指标",   "项目",   "任务",   "目标",   "情况",   "开展",   "组织",
    "数量",   "次数",   "人数",   "个数",   "总数",   "单位",   "全年",
    "年度",   "全区",   "各项",   "各类",   "要求",   "必须",   "达到",
    "实现",   "确保",   "主要",   "考察",   "进行",   "按时",   "全部",
    "每年",   "每月",   "相关",   "有关",
};
// Characters that join words ("和", "的") anywhere, and endings that only
// say "a rate / a number of" at the end of a word.
constexpr std::string_view kGlueChars[] = {"的", "和", "及", "与", "等", "对",
                                           "各", "为", "是", "或", "在", "若",
                                           "如", "之", "其", "达"};
constexpr std::string_view kEndingChars[] = {"率", "数", "性", "度", "量"};

// A bigram is its two code points, one in each half.
// Sorted and distinct: a name has a handful of bigrams, so a sorted vector
// beats a hash set both to build and to intersect.
using Grams = std::vector<uint64_t>;

bool IsCjk(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

template <size_t N>
std::array<char32_t, N> Decoded(const std::string_view (&characters)[N]) {
  std::array<char32_t, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = CodePoints(characters[i]).front();
  return out;
}

bool IsGlue(char32_t c) {
  static const auto kGlue = Decoded(kGlueChars);
  return std::find(kGlue.begin(), kGlue.end(), c) != kGlue.end();
}

bool IsEnding(char32_t c) {
  static const auto kEnding = Decoded(kEndingChars);
  return std::find(kEnding.begin(), kEnding.end(), c) != kEnding.end();
}

// Runs of Chinese characters (and Latin letters) left once punctuation,
// digits and, when `distinct`, the generic words are taken out.
std::vector<std::vector<char32_t>> Segments(std::string_view raw,
                                            bool distinct) {
  std::string text = RemoveAllBlanks(FoldNfkc(raw));
  // "指标1:", "2、": list labels, not part of the name.
  static const RE2 kLabel(R"(指标\d+[:：]|^\d+[、.])");
  if (Contains(text, "指标") || (!text.empty() && IsAsciiDigit(text[0]))) {
    RE2::GlobalReplace(&text, kLabel, "|");
  }
  if (distinct) {
    for (std::string_view word : kGenericWords) {
      size_t pos;
      while ((pos = text.find(word)) != std::string::npos) {
        text.replace(pos, word.size(), "|");
      }
    }
  }
  std::vector<std::vector<char32_t>> segments(1);
  // Only Chinese characters and Latin letters make words; every other
  // character separates them.
  for (const char32_t c : CodePoints(text)) {
    const bool letter =
        IsCjk(c) || (c < 0x80 && std::isalpha(static_cast<int>(c)));
    const bool glue = distinct && IsGlue(c);
    if (letter && !glue) {
      segments.back().push_back(c);
    } else if (!segments.back().empty()) {
      segments.emplace_back();
    }
  }
  for (auto& segment : segments) {
    if (distinct && !segment.empty() && IsEnding(segment.back())) {
      segment.pop_back();
    }
  }
  return segments;
}

struct Profile {
  Grams grams;    // bigrams within segments
  int chars = 0;  // characters in segments of two or more
};

Profile ProfileOf(std::string_view text, bool distinct) {
  Profile p;
  for (const auto& segment : Segments(text, distinct)) {
    if (segment.size() < 2) continue;
    p.chars += static_cast<int>(segment.size());
    for (size_t i = 0; i + 1 < segment.size(); ++i) {
      p.grams.push_back(static_cast<uint64_t>(segment[i]) << 32 |
                        segment[i + 1]);
    }
  }
  std::sort(p.grams.begin(), p.grams.end());
  p.grams.erase(std::unique(p.grams.begin(), p.grams.end()), p.grams.end());
  return p;
}

// Share of a's bigrams that b also has.
double Coverage(const Grams& a, const Grams& b) {
  if (a.empty()) return 0;
  int shared = 0;
  auto at = b.begin();
  for (const uint64_t g : a) {
    at = std::lower_bound(at, b.end(), g);
    if (at == b.end()) break;
    shared += *at == g ? 1 : 0;
  }
  return static_cast<double>(shared) / a.size();
}

bool IsSatisfaction(std::string_view folded) {
  return Contains(folded, "满意");
}

// The subjects a reading names: the threshold's and the graded bands'.
std::vector<std::string> SubjectsOf(const ScoreReading& reading) {
  std::vector<std::string> out;
  auto add = [&](const std::string& s) {
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) {
      out.push_back(s);
    }
  };
  add(reading.subject);
  for (const ScoreTier& t : reading.tiers) add(t.subject);
  return out;
}

// The reader's subject is the text in front of a threshold; some of it is
// a definition ("该指标是指该项工作在市区级考核中") or a score, not a name.
bool LooksLikeIndicator(std::string_view subject) {
  static const RE2 kNotAName("是指|指该|考核中|考核得分|评分|得分|分值");
  return !RE2::PartialMatch(subject, kNotAName);
}

bool IsMoney(std::string_view text) {
  static const RE2 kMoney("资金|支出|经费|成本|预算|费用|开支|拨付");
  return RE2::PartialMatch(text, kMoney);
}

// "资金支出控制在…以内" is how every cost row is scored.
bool IsCostRow(const IndicatorRow& row, std::string_view folded_name) {
  return Contains(row.level1, "成本") || row.parsed_unit.family == "money" ||
         IsMoney(folded_name);
}

struct Verdict {
  Severity severity = Severity::kError;
  std::string subject;
  int other_row = -1;  // the row of the unit whose name the subject is
  double other_coverage = 0;
};

class ScoreSubjectMismatch : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        .id = "score/subject-mismatch",
        .default_severity = Severity::kError,
        .summary = "评分标准写的是另一个指标（多为复制其他指标后未改）",
        .certainty = 0.8};
    return kInfo;
  }

  void CheckUnit(UnitCheck& check) const override {
    const auto& rows = check.unit().rows;
    std::vector<std::vector<std::string>> subjects(rows.size());
    bool any_subject = false;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].IsPlaceholder()) continue;
      subjects[i] = SubjectsOf(*rows[i].parsed_rule);
      any_subject = any_subject || !subjects[i].empty();
    }
    // Most units' rules name no subject: skip profiling their names.
    if (!any_subject) return;
    std::vector<Profile> names(rows.size()), full_names(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].IsPlaceholder()) continue;
      names[i] = ProfileOf(rows[i].name.text, true);
      full_names[i] = ProfileOf(rows[i].name.text, false);
    }
    const int min_chars = min_distinct_chars_;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
      for (const std::string& subject : subjects[i]) {
        std::optional<Verdict> v =
            Judge(rows, names, full_names, i, subject, min_chars);
        if (v) {
          Report(check, i, *v);
          break;
        }
      }
    }
  }

 private:
  static std::optional<Verdict> Judge(const std::vector<IndicatorRow>& rows,
                                      const std::vector<Profile>& names,
                                      const std::vector<Profile>& full_names,
                                      int i, const std::string& subject,
                                      int min_chars) {
    const IndicatorRow& row = rows[i];
    const std::string name = FoldNfkc(row.name.text);
    if (!LooksLikeIndicator(subject)) return std::nullopt;
    const bool satisfaction_row =
        IsSatisfaction(name) || Contains(row.level1, "满意");
    if (satisfaction_row && IsSatisfaction(subject)) return std::nullopt;
    if (IsMoney(subject) && IsCostRow(row, name)) return std::nullopt;
    const Profile s = ProfileOf(subject, true);
    const Profile s_full = ProfileOf(subject, false);
    Verdict v;
    v.subject = subject;
    // A satisfaction rule on a row that is not about satisfaction, or a
    // spending rule on a satisfaction row: another indicator's rule.
    if ((IsSatisfaction(subject) && !satisfaction_row) ||
        (IsMoney(subject) && satisfaction_row)) {
      FindOtherRow(rows, names, full_names, i, s, s_full, &v);
      return v;
    }
    // The subject is, word for word, the name of another row of the unit
    // and shares little with this row's name ("开展专项巡察" for 开展常规巡察):
    // a copy from that row.
    if (std::optional<Verdict> named =
            NamesAnotherRow(rows, full_names, i, s, s_full, subject)) {
      return named;
    }
    // A name made only of generic words ("工作完成及时率") cannot contradict
    // a specific subject ("各项目时效内完成").
    if (!s.grams.empty() && names[i].grams.empty()) return std::nullopt;
    // Anything distinctive shared with the name ("整改" in 安全隐患整改率 and
    // 检查问题整改率) means the rule may well be about this indicator; a
    // generic subject is judged on all its words.
    if (s.grams.empty() ? Coverage(s_full.grams, full_names[i].grams) > 0
                        : Coverage(s.grams, names[i].grams) > 0) {
      return std::nullopt;
    }
    // The explanation speaks of the rule's subject: the name is vague, the
    // row is consistent. A domain word alone ("审计" in an audit bureau)
    // does not count.
    const Profile explanation = ProfileOf(row.explanation.text, false);
    if (Coverage(s.grams, explanation.grams) >= 0.3) return std::nullopt;
    FindOtherRow(rows, names, full_names, i, s, s_full, &v);
    // Specific subjects: an error when they are long enough to be sure or
    // name another row of the unit; a short one ("日常养护" for 航道维护)
    // may be a synonym, worth a note.
    if (s.grams.size() >= 2 && s.chars >= min_chars) return v;
    if (s.grams.size() >= 2 && s.chars >= 3) {
      if (v.other_row < 0) v.severity = Severity::kInfo;
      return v;
    }
    // A generic subject ("合格率", "项目完成及时率") is worth a note only when
    // it is the name of another row of the unit.
    if (v.other_row >= 0 && s_full.grams.size() >= 2 &&
        Coverage(s_full.grams, full_names[v.other_row].grams) >= 0.99 &&
        Coverage(s_full.grams, explanation.grams) == 0) {
      v.severity = Severity::kInfo;
      return v;
    }
    return std::nullopt;
  }

  // Another row whose whole name the subject contains, while the subject
  // covers less than half of this row's name. An error when the subject is
  // specific, a note when it is generic ("项目完成及时率").
  static std::optional<Verdict> NamesAnotherRow(
      const std::vector<IndicatorRow>& rows,
      const std::vector<Profile>& full_names, int i, const Profile& s,
      const Profile& s_full, const std::string& subject) {
    if (Coverage(full_names[i].grams, s_full.grams) >= 0.5) return std::nullopt;
    for (int j = 0; j < static_cast<int>(rows.size()); ++j) {
      if (j == i || rows[j].IsPlaceholder()) continue;
      const Grams& other = full_names[j].grams;
      if (other.size() < 3 || Coverage(other, s_full.grams) < 0.99) continue;
      // "项目完成及时率100%" and "项目完成及时率" are one name written twice.
      if (Coverage(other, full_names[i].grams) >= 0.5) continue;
      Verdict v;
      v.subject = subject;
      v.other_row = j;
      v.other_coverage = 1;
      if (s.grams.size() < 2) v.severity = Severity::kInfo;
      return v;
    }
    return std::nullopt;
  }

  // The other row of the unit whose name best matches the subject.
  static void FindOtherRow(const std::vector<IndicatorRow>& rows,
                           const std::vector<Profile>& names,
                           const std::vector<Profile>& full_names, int i,
                           const Profile& s, const Profile& s_full,
                           Verdict* v) {
    for (int j = 0; j < static_cast<int>(rows.size()); ++j) {
      if (j == i || rows[j].IsPlaceholder()) continue;
      const double distinct = Coverage(s.grams, names[j].grams);
      const double full = Coverage(s_full.grams, full_names[j].grams);
      const double score = s.grams.empty() ? full : distinct;
      if (score >= 0.5 && score > v->other_coverage) {
        v->other_row = j;
        v->other_coverage = score;
      }
    }
  }

  static void Report(UnitCheck& check, int i, const Verdict& v) {
    const auto& rows = check.unit().rows;
    const IndicatorRow& row = rows[i];
    const std::string name(TrimBlank(row.name.text));
    std::string message =
        StrCat("指标“", name, "”的评分标准写的是“", v.subject, "”");
    Evidence evidence = {{"indicator", name},
                         {"rule_subject", v.subject},
                         {"rule_text", std::string(TrimBlank(row.rule.text))}};
    std::string fix;
    if (v.other_row >= 0) {
      const IndicatorRow& other = rows[v.other_row];
      const std::string other_name(TrimBlank(other.name.text));
      StrAppend(&message, "，与本单位另一指标“", other_name,
                v.severity == Severity::kInfo
                    ? "”相符；若不是通用写法，就是从该指标复制后未修改"
                    : "”相符，像是从该指标复制后未修改");
      evidence["matches_row"] = other_name;
      evidence["matches_row_line"] = other.line;
      fix = StrCat("按“", name,
                   "”重写评分标准（考核对象、达标值和扣分办法），"
                   "不要沿用“",
                   other_name, "”的评分标准");
    } else {
      StrAppend(&message,
                v.severity == Severity::kInfo
                    ? "，与本指标名称没有共同之处，请核实是否为本指标的评分标准"
                    : "，与本指标不是同一事项，可能是从其他指标复制后未修改");
      fix = StrCat("把评分标准中的“", v.subject, "”改为本指标“", name,
                   "”，并核对达标值和扣分办法");
    }
    Finding& f = check.AddRow(i, std::move(message), std::move(fix),
                              std::move(evidence));
    if (v.other_row >= 0) {
      const IndicatorRow& other = rows[v.other_row];
      f.related.push_back({check.unit().id,
                           std::string(TrimBlank(other.name.text)),
                           {check.unit().source.file, other.line}});
    }
    if (v.severity < f.severity) f.severity = v.severity;
  }

 protected:
  void BindOptions(RuleOptions& options) override {
    options.Integer("min_distinct_chars", &min_distinct_chars_);
  }

 private:
  int min_distinct_chars_ = 5;
};

}  // namespace

std::unique_ptr<Rule> MakeScoreSubjectMismatch() {
  return std::make_unique<ScoreSubjectMismatch>();
}

}  // namespace jxaudit
