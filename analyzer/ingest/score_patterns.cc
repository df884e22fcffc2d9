#include "analyzer/ingest/score_patterns.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace jxaudit {
namespace {

constexpr char kNum[] = R"((\d+(?:\.\d+)?))";
// Measure words a number can carry. Longest first: RE2 alternation prefers
// the earlier branch, so "万元" must come before "万" and "人次" before "人".
constexpr char kUnits[] =
    "个百分点|百分点|个百分比|百分比|万平方米|平方公里|平方米|立方米|立方|"
    "万人次|万次|人次|户次|条次|批次|万人|万亩|万吨|万元|亿元|公里|个小时|小时|"
    "%|‰|元|人|次|个|篇|件|家|份|笔|批|起|项|场|期|条|名|户|亩|吨|座|处|"
    "天|套|瓶|种|例|所|辆|台|本|栋|棵|株|册|张|间|米|万|亿|年|月|日|分";
// Words that introduce the step of a deduction, by direction.
constexpr char kTriggers[] =
    "没有完成|没完成|完不成|未完成|未达标|未达到|未到达|不达标|不足|"
    "减少|下降|降低|低于|少于|超出|超过|超支|上升|增加|增长|高出|高于|"
    "发生|出现|发现|批评|每有|延期|延迟|推迟|延后|超时|每起|少|低|差|未|超|多";
// Text that sits between a subject and a number: anything but digits,
// comparison signs and masked bytes.
constexpr char kSubj[] = "([^\\d#≤<>≥=]+?)";

std::string Opt(const char* alternation) {
  return absl::StrCat("(", alternation, ")?");
}

}  // namespace

ScorePatterns::ScorePatterns()
    : numeral(absl::StrCat("([零〇一二两三四五六七八九十]+)(",
                           "个百分点|次|个|分|件|项|起|天|例|名|人|家|篇|"
                           "场|期|套|种|处|条|户|批|笔|座|瓶|吨|亩|元|万|"
                           "小时|公里)")),
      percent_of("百分之([零〇一二两三四五六七八九十]+|\\d+(?:\\.\\d+)?)"),
      numbering("(^|\\n|。|;)(\\d{1,2})(?:、|\\.|:)([^\\d])"),
      bracket_numbering("(^|\\n|。|;|,|分|\\))\\((\\d{1,2})\\)([^\\d分])"),
      ordinal_numbering("(^|\\n|。|;|,)([一二三四五六七八九])是"),
      date(
          "(\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}|\\d{4}年(?:\\d{1,2}月"
          "(?:\\d{1,2}日)?)?|\\d{1,2}月\\d{1,2}日)"),
      placeholder("(?:得|计)[Xx×]分"),
      bare_points("(?:得|计)\\d+(?:[,;。]|$)"),
      total(absl::StrCat("(?:满分为|满分|共计|合计|分值为|分值|占|",
                         "最高不超过|最高得|最高)", kNum, "分")),
      deduct_cap(absl::StrCat("最多扣", kNum, "分")),
      award_fraction(absl::StrCat("(?:得|计|给)", kNum,
                                  "%(?:的)?(?:本项)?(?:指标分|分值)")),
      deduct_fraction(absl::StrCat(
          "扣(?:除)?", kNum, "%(?:的)?(?:本项)?(?:指标分数|指标分|分值)")),
      deduct(absl::StrCat("(?:扣除|扣|减)", kNum, "分")),
      // "少100人次1分": the 扣 was left out.
      deduct_no_verb(absl::StrCat("\\d(?:人次|个|次|人|%)(", kNum, "分)")),
      deduct_reversed(absl::StrCat("按", kNum, "分扣")),
      bonus(absl::StrCat("加", kNum, "分")),
      // "的5分", "记5分", "得分5分", "计10份": typos that keep the meaning.
      award(absl::StrCat("(?:得分|得|计|记|给|的|为)", kNum, "(?:分|份)")),
      award_paren(absl::StrCat("\\(", kNum, "分\\)")),
      full_marks("满分"),
      zero("不得分|不计分|不记分|不给分|不计得分"),
      capped("扣完|直至0分|扣至0分|扣到0分|最多扣"),
      number_unit(absl::StrCat(kNum, Opt(kUnits))),
      trigger(absl::StrCat("(", kTriggers, ")")),
      per_unit(absl::StrCat("每(", kUnits, ")")),
      per_step_award(
          "^每(?:降低|下降|减少|少|增加|提高|上升|增长|完成|超出|多)"),
      restated_total(absl::StrCat("^(?:共计|计|合计|共)?", kNum, "分$")),
      staged("办法落实|落实并|在此基础上|进一步落实"),
      grades("一般|较好|较差|良好|明显|显著|稍有|优秀|不明显|较往年"),
      // Words that make a later award the failing or partial case of the
      // first one ("按时完成得5分，未按时完成得2分"), not a further part.
      alternative(
          "未|没有|不及时|不达标|不合格|不到位|不完整|不齐全|部分|"
          "基本完成|基本达到|延期|逾期|超期|推迟|以下|低于|少于|不足|"
          "整改后|否则|其他情况|其余"),
      per_item(
          "每(?:完成|开展|举办|新增|增加|发表|报送)?\\d*"
          "(?:项|个|次|人|家|件|篇|场|期|条|户|处|所|名|批|笔|座|套|份|"
          "例|起|单位|乡镇|村)"),
      points_bound(
          "^(?:\\(含\\))?(?:及以上|以及上|或以上|以上|及以下|以下|"
          "以内|-|~|至|—|–|≤|<=|<|≥|>=|>)"),
      band_two_sided(absl::StrCat(kNum, Opt(kUnits), "(?:\\(含\\))?(≤|<=|<)",
                                  kSubj, "(≤|<=|<)", kNum, Opt(kUnits))),
      band_range(absl::StrCat(kNum, Opt(kUnits), "(\\(含\\))?(?:-|~|至|—|–)",
                              kNum, Opt(kUnits), "(\\(含\\))?")),
      band_symbol_first(
          absl::StrCat(kNum, Opt(kUnits), "(≤|<=|<|≥|>=|>)([^\\d#≤<>≥=]+)")),
      band_subject_first(absl::StrCat(
          kSubj,
          "(大于等于|小于等于|不低于|不高于|不少于|≥|>=|>|≤|<=|<|大于|小于|"
          "低于|高于|少于)",
          kNum, Opt(kUnits))),
      band_above(absl::StrCat(kNum, Opt(kUnits),
                              "(?:\\(含\\))?(?:及以上|以及上|或以上|以上)")),
      band_below(absl::StrCat(kNum, Opt(kUnits), "(\\(含\\))?(及以下|以下)")),
      th_at_least(
          absl::StrCat("(大于等于|不低于|不少于|≥|>=|达到|达|大于|高于)", kNum,
                       Opt(kUnits))),
      th_at_most(
          absl::StrCat("(小于等于|不超过|不高于|不大于|≤|<=|低于|小于|少于|<)",
                       kNum, Opt(kUnits))),
      th_control(
          absl::StrCat("(控制在)[^\\d#,;。\\n]{0,12}?", kNum, Opt(kUnits))),
      th_above(
          absl::StrCat(kNum, Opt(kUnits),
                       "(?:\\(含\\))?(?:及以及上|以及上|及以上|或以上|以上)")),
      th_below(
          absl::StrCat(kNum, Opt(kUnits), "(?:\\(含\\))?(?:以内|以下|内)")),
      th_symbol_lower(absl::StrCat(kNum, Opt(kUnits), "(?:≤|<=|<)[^\\d#]")),
      th_symbol_upper(absl::StrCat(kNum, Opt(kUnits), "(?:≥|>=|>)[^\\d#]")),
      th_equal(absl::StrCat("(?:=|等于|为)", kNum, Opt(kUnits))),
      subject_trim(
          "^(?:该指标值|该指标|指标|若|如)?(.*?)"
          "(?:要达到|达到|达|应为|为|是|的|要|在|\\(|:)?$"),
      // word, filler (≤3 chars, e.g. 完成/发), amount, unit (≤6 chars), 扣.
      directed_shortfall(
          R"(((减少|下降|降低|低于|少于|不足|未达到|未达|少)([^\d\s,.;:!?、扣分零一二两三四五六七八九十半]{0,3}?)(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+)\s*(个百分点|百分点|个百分比|百分比|[^\d\s,.;:!?、扣]{0,6}?)\s*,?\s*(?:的|则|就|即)?\s*(?:扣|\d+(?:\.\d+)?分)))"),
      directed_excess(
          R"(((超出|超过|超支|超|高出|高于|多于|多出|增加|增长|上升|提高)([^\d\s,.;:!?、扣分零一二两三四五六七八九十半]{0,3}?)(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+)\s*(个百分点|百分点|个百分比|百分比|[^\d\s,.;:!?、扣]{0,6}?)\s*,?\s*(?:的|则|就|即)?\s*(?:扣|\d+(?:\.\d+)?分)))"),
      event_filler("[时期标限范规龄额]"),
      // The unit is at most 4 characters.
      bound_at_least_after(
          R"(((\d+(?:\.\d+)?)\s*([^\d\s,.;:!?、()]{0,4}?)\s*(?:\(含\))?\s*(?:及以上|以上|或以上|以及上|及其以上)))"),
      bound_at_least_before(
          R"(((?:≥|≧|>=|不低于|不少于|大于等于|至少)\s*(\d+(?:\.\d+)?)\s*(%|[^\d\s,.;:!?、()%]{0,4}?)(?:[^\d]|$)))"),
      bound_lower_band_edge(R"(((\d+(?:\.\d+)?)\s*(%?)\s*(?:≤|≦|<=)))"),
      bound_at_most_after(
          R"(((\d+(?:\.\d+)?)\s*([^\d\s,.;:!?、()]{0,4}?)\s*(?:\(含\))?\s*(?:及以下|以下|以内|之内|内)))"),
      bound_at_most_before(
          R"(((?:≤|≦|<=|不超过|不高于|不多于|小于等于)\s*(\d+(?:\.\d+)?)\s*(%|[^\d\s,.;:!?、()%]{0,4}?)(?:[^\d]|$)))"),
      at_most_words("以内|以下|不超过|不高于|控制在"),
      at_least_words("以上|不少于|不低于|达到|达"),
      per_period(
          "每(?:个)?(?:季度|月|周|半年|年度|学期)[^,;。，；]*?(?:得|计)\\d"),
      fills_between("按比例|其间|以此类推|依此类推|依次"),
      // "低于此标准不计分", "不足800元的不得分", "未达到标准得0分".
      zero_below(
          "(?:低于|不足|少于|未达到|未达|达不到)[^,;。，；]{0,12}?"
          "(?:不计分|不得分|不给分|计0分|得0分|0分)"),
      budget_cap(R"((控制在[^，,。；;]{0,12}?(?:范围内|范围之内|以内|之内)|)"
                 R"(不(?:得|能)?超(?:过|出)?(?:年度)?预算|不超支))"),
      earns_after_number(
          "(\\d+(?:\\.\\d+)?)([^\\d,;。:()]{1,6}?)(?:以上|及以上)?"
          "(?:,?(?:得满分|满分|得\\d|计\\d)|,(?:每少|每下降|每减少|每降低|少|"
          "下降|"
          "减少|降低|每低|每差)\\d)"),
      change_base(
          "较上年|比上年|较去年|比去年|同比|环比|较上一年|较\\d{4}年|比\\d{4}"
          "年"),
      change_amount(
          "(?:较上年|比上年|较去年|比去年|同比|环比|较上一年|较\\d{4}年|比\\d{"
          "4}"
          "年)"
          "[^,;。\\d]{0,10}(\\d+(?:\\.\\d+)?)"),
      completion(
          "完成(?:绩效)?目标|完成指标|目标任务|完成任务|交办任务|"
          "完成(?:工作)?计划"),
      shortfall_words("少|下降|降低|低于|不足"),
      strict_upper("<|小于|低于|不足|不到|未达"),
      grade_negation("未|无|不|没有|较差|差"),
      grade_high(
          "(?:效果|成效|作用|提升|改善|增强|优化|发展|实施)(?:的)?(?:效果)?"
          "(?:十分|非常|很|较为)?(?:明显|显著|良好|较好|优秀)|"
          "(?:明显|显著|良好|较好|优秀)(?:的)?(?:效果|成效|作用)|"
          "长期有效|起到了"),
      grade_middle("(?:效果|成效|作用)一般|一般(?:得|计)|稍有(?:提升|改善)"),
      stated_quantity(absl::StrCat(
          "([*×/÷xX]?)", kNum, "(?:(?:-|~|至|—|–)", kNum, ")?", Opt(kUnits),
          "(?:\\(含\\))?(及以上|或以上|以上|及以下|以下|以内|之内|内)?")),
      stated_at_least_before("(?:≥|>=|不低于|不少于|大于等于|至少|超过)$"),
      stated_at_most_before(
          "(?:≤|<=|不超过|不高于|不多于|小于等于|低于|少于|小于|控制在)$"),
      stated_per_before("每[^\\d,;。]{0,3}$"),
      stated_base_before(
          "(?:共有|现有|已有|目前有|总数|总量为|辖区内有|全区有|全区共|"
          "上年|去年|上一年|往年|历年)[^\\d]{0,6}$"),
      stated_rate_before("率(?:为|达到|达|是|应为|要达到|保持在|控制在)?$"),
      clause_separator("[，；。,;！？!?\\n]") {}

const ScorePatterns& ScorePatternTable() {
  static const ScorePatterns* const patterns = new ScorePatterns();
  return *patterns;
}

}  // namespace jxaudit
