#include "analyzer/ingest/score_reader.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "analyzer/ingest/quantity.h"
#include "analyzer/ingest/score_patterns.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "re2/re2.h"

namespace jxaudit {
namespace {

using Kind = ScoreReading::Kind;
using Comparison = ScoreReading::Comparison;
using Direction = DeductionScheme::Direction;

// The pattern table (score_patterns.h), under a short name.
const ScorePatterns& P() { return ScorePatternTable(); }

// ---------------------------------------------------------------------------
// Small helpers.

re2::StringPiece Piece(std::string_view text) {
  return re2::StringPiece(text.data(), text.size());
}

std::string_view View(const re2::StringPiece& piece) {
  return std::string_view(piece.data(), piece.size());
}

// Calls fn(groups) for every non-overlapping match of re in text; groups[0]
// is the whole match, unmatched optional groups are empty with null data.
template <typename Fn>
void ForEachMatch(const RE2& re, std::string_view text, Fn fn) {
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(n);
  size_t pos = 0;
  while (pos <= text.size() && re.Match(Piece(text), pos, text.size(),
                                        RE2::UNANCHORED, groups.data(), n)) {
    fn(groups);
    const size_t end = groups[0].data() - text.data() + groups[0].size();
    if (end > pos) {
      pos = end;
    } else {
      ++pos;
      while (pos < text.size() && IsUtf8Continuation(text[pos])) ++pos;
    }
  }
}

double ToNumber(std::string_view digits) {
  double value = kScoreNaN;
  if (!absl::SimpleAtod(AV(digits), &value)) return kScoreNaN;
  return value;
}

// Value of a small Chinese numeral: 一..九, 十, 十五, 二十, 两.
int ChineseNumeralValue(std::string_view numeral) {
  auto digit = [](std::string_view ch) {
    if (ch == "两") return 2;
    if (ch == "〇") return 0;
    for (int i = 0; i < 10; ++i) {
      if (kChineseDigits[i] == ch) return i;
    }
    return -1;
  };
  int value = 0;
  int pending = -1;
  for (size_t i = 0; i + 3 <= numeral.size(); i += 3) {
    std::string_view ch = numeral.substr(i, 3);
    if (ch == "十") {
      value += 10 * (pending < 0 ? 1 : pending);
      pending = -1;
    } else {
      int d = digit(ch);
      // "一二" is not a number we expect; read digits one after another.
      pending = pending < 0 ? d : pending * 10 + d;
    }
  }
  return value + (pending < 0 ? 0 : pending);
}

// Replaces every match of re with replace(groups), keeping the rest.
template <typename Fn>
std::string ReplaceEach(const RE2& re, std::string_view text, Fn replace) {
  std::string out;
  size_t copied = 0;
  ForEachMatch(re, text, [&](const std::vector<re2::StringPiece>& g) {
    const size_t begin = g[0].data() - text.data();
    out.append(text.substr(copied, begin - copied));
    out.append(replace(g));
    copied = begin + g[0].size();
  });
  out.append(text.substr(copied));
  return out;
}

// Folded text with blanks removed (line breaks kept: they separate numbered
// points), "百分之一" as "1%" and small Chinese numerals as digits.
std::string Normalize(std::string_view folded) {
  std::string text;
  size_t start = 0;
  while (start <= folded.size()) {
    size_t end = folded.find('\n', start);
    if (end == std::string_view::npos) end = folded.size();
    std::string line = RemoveAllBlanks(folded.substr(start, end - start));
    if (!line.empty()) absl::StrAppend(&text, text.empty() ? "" : "\n", line);
    start = end + 1;
  }
  text = ReplaceEach(P().percent_of, text, [](const auto& g) {
    std::string_view n = View(g[1]);
    if (!n.empty() && IsAsciiDigit(n[0])) return absl::StrCat(AV(n), "%");
    return absl::StrCat(ChineseNumeralValue(n), "%");
  });
  return ReplaceEach(P().numeral, text, [](const auto& g) {
    return absl::StrCat(ChineseNumeralValue(View(g[1])), AV(View(g[2])));
  });
}

// Circled list numbers (①…⑳, U+2460..U+2473) fold to bare digits under
// NFKC ("①宣传5分②培训5分" would read "1宣传5分2培训5分"), so they are
// written as "1、" on a line of their own before folding.
std::string MarkCircledNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char b1 = i + 2 < text.size() ? text[i + 1] : 0;
    const unsigned char b2 = i + 2 < text.size() ? text[i + 2] : 0;
    if (static_cast<unsigned char>(text[i]) == 0xE2 && b1 == 0x91 &&
        b2 >= 0xA0 && b2 <= 0xB3) {
      absl::StrAppend(&out, "\n", b2 - 0xA0 + 1, "、");
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// List numbering ("1、", "2.", "(1)", "一是") becomes '\x01', a separator that
// also starts a new numbered part. Returns the number of numbered points.
int MarkNumbering(std::string* text) {
  int count = 0;
  *text = ReplaceEach(P().ordinal_numbering, *text, [](const auto& g) {
    return absl::StrCat(AV(View(g[1])), "\n", ChineseNumeralValue(View(g[2])),
                        "、");
  });
  *text = ReplaceEach(P().bracket_numbering, *text, [](const auto& g) {
    return absl::StrCat(AV(View(g[1])), "\n", AV(View(g[2])), "、",
                        AV(View(g[3])));
  });
  *text = ReplaceEach(P().numbering, *text, [&](const auto& g) {
    ++count;
    return absl::StrCat(AV(View(g[1])), "\x01", AV(View(g[3])));
  });
  return count;
}

std::string NormalizeUnit(std::string_view unit) {
  if (IsOneOf(unit, kPercentUnits)) return "%";
  if (unit == "个小时") return "小时";
  return std::string(unit);
}

bool IsDateUnit(std::string_view unit) { return IsOneOf(unit, kDateUnits); }

Direction DirectionOf(std::string_view trigger) {
  if (IsOneOf(trigger, kExcessTriggers)) return Direction::kExcess;
  if (IsOneOf(trigger, kEventTriggers)) return Direction::kEvent;
  return trigger.empty() ? Direction::kUnknown : Direction::kShortfall;
}

// ---------------------------------------------------------------------------
// Words the rules ask about. Read on the folded text as written (blanks
// kept), independently of the kind of rule, so that no rule has to read the
// text again with words of its own.

ChangeWord ChangeWordOf(std::string_view word) {
  if (IsOneOf(word, kUpChangeWords)) return ChangeWord::kUp;
  if (IsOneOf(word, kDownChangeWords)) return ChangeWord::kDown;
  return ChangeWord::kNone;
}

// re: (whole (word) (filler) (unit)).
void AddDirectedSteps(const RE2& re, bool shortfall, std::string_view folded,
                      std::vector<DirectedStep>* out) {
  re2::StringPiece input = Piece(folded);
  re2::StringPiece whole;
  std::string word, filler, unit;
  while (RE2::FindAndConsume(&input, re, &whole, &word, &filler, &unit)) {
    // 超时/超期/超标/超范围: an event or another quantity, not the target.
    if (RE2::PartialMatch(filler, P().event_filler)) continue;
    out->push_back(
        {shortfall, word, ChangeWordOf(word), unit, std::string(View(whole))});
  }
}

// re: (whole (number) (unit)).
void AddBounds(const RE2& re, bool at_least, std::string_view folded,
               std::vector<WrittenBound>* out) {
  re2::StringPiece input = Piece(folded);
  re2::StringPiece whole;
  std::string number_text, unit_text;
  while (RE2::FindAndConsume(&input, re, &whole, &number_text, &unit_text)) {
    double number = 0;
    if (!absl::SimpleAtod(number_text, &number)) continue;
    out->push_back({number, unit_text, at_least, std::string(View(whole))});
  }
}

// Numbers written after a comparison base ("较上年增长10万元").
std::vector<double> ChangeAmounts(std::string_view folded) {
  std::vector<double> amounts;
  const std::string text = RemoveAllBlanks(folded);
  re2::StringPiece input(text), number;
  while (RE2::FindAndConsume(&input, P().change_amount, &number)) {
    double value = 0;
    if (absl::SimpleAtod(AV(View(number)), &value)) amounts.push_back(value);
  }
  return amounts;
}

void ReadWordsForRules(ScoreReading* r) {
  const ScorePatterns& p = P();
  const std::string& folded = r->folded;
  AddDirectedSteps(p.directed_shortfall, true, folded, &r->directed_steps);
  AddDirectedSteps(p.directed_excess, false, folded, &r->directed_steps);
  AddBounds(p.bound_at_least_after, true, folded, &r->bounds);
  AddBounds(p.bound_at_least_before, true, folded, &r->bounds);
  AddBounds(p.bound_lower_band_edge, true, folded, &r->bounds);
  AddBounds(p.bound_at_most_after, false, folded, &r->bounds);
  AddBounds(p.bound_at_most_before, false, folded, &r->bounds);
  if (RE2::PartialMatch(folded, p.at_most_words)) {
    r->bound_words = Comparison::kAtMost;
  } else if (RE2::PartialMatch(folded, p.at_least_words)) {
    r->bound_words = Comparison::kAtLeast;
  }
  r->pays_per_period = RE2::PartialMatch(folded, p.per_period);
  r->fills_between_tiers = RE2::PartialMatch(folded, p.fills_between);
  r->zeroes_below = RE2::PartialMatch(folded, p.zero_below);
  RE2::PartialMatch(folded, p.budget_cap, &r->budget_cap_words);
  r->change_amounts = ChangeAmounts(folded);
}

// Whether the points or a shortfall deduction directly follow the
// threshold's number written in its unit.
bool ThresholdEarnsPoints(const ScoreReading& r) {
  if (!r.threshold || r.threshold_unit.empty()) return false;
  const std::string text = RemoveAllBlanks(r.folded);
  re2::StringPiece input(text), number, unit;
  while (RE2::FindAndConsume(&input, P().earns_after_number, &number, &unit)) {
    double value = 0;
    if (!absl::SimpleAtod(AV(View(number)), &value)) continue;
    const std::string_view after = View(unit);
    if (NearlyEqual(value, *r.threshold) &&
        after.substr(0, r.threshold_unit.size()) == r.threshold_unit) {
      return true;
    }
  }
  return false;
}

void ReadThresholdWords(ScoreReading* r) {
  const RE2& completion = P().completion;
  r->threshold_earns_points = ThresholdEarnsPoints(*r);
  r->about_target_completion =
      RE2::PartialMatch(r->subject, completion) ||
      (r->subject.empty() && RE2::PartialMatch(r->folded, completion));
}

// A qualitative grade's rank from its words: a middle word wins, then a
// negation ("无效果") says nothing, then a high word.
GradeWords GradeOf(std::string_view clause) {
  const ScorePatterns& p = P();
  if (RE2::PartialMatch(Piece(clause), p.grade_middle)) {
    return GradeWords::kMiddle;
  }
  if (RE2::PartialMatch(Piece(clause), p.grade_negation)) {
    return GradeWords::kUnknown;
  }
  if (RE2::PartialMatch(Piece(clause), p.grade_high)) return GradeWords::kHigh;
  return GradeWords::kUnknown;
}

void ReadTierWords(std::vector<ScoreTier>* tiers) {
  for (ScoreTier& t : *tiers) {
    // A band paired with the award of the next clause joins both with
    // "，": fold it like the rule text.
    const std::string text = FoldNfkc(t.text);
    t.strict_upper_words = RE2::PartialMatch(text, P().strict_upper);
    t.grade = GradeOf(text);
  }
}

// ---------------------------------------------------------------------------
// The reader proper.

struct Clause {
  size_t begin = 0;
  size_t end = 0;
  int part = 0;  // numbered point the clause belongs to (0 before any)
  bool used_as_step = false;
};

struct Event {
  enum class Type {
    kPoints,          // 得5分 / 计5分 (value 0: 得0分)
    kFullMarks,       // 得满分
    kFraction,        // 得70%指标分 (value 0.7)
    kZero,            // 不得分
    kTotal,           // 共计7分 / 满分为8分 / 占5分
    kDeduct,          // 扣1分
    kDeductFraction,  // 扣50%本项指标分数
    kBonus,           // 加1分, 每降低1%得1分
  };
  Type type;
  double value = 0;
  size_t begin = 0;
  size_t end = 0;
  int clause = -1;
};

bool IsAward(const Event& e) {
  return e.type == Event::Type::kPoints || e.type == Event::Type::kFullMarks ||
         e.type == Event::Type::kFraction || e.type == Event::Type::kZero;
}

bool IsPositiveAward(const Event& e) {
  if (e.type == Event::Type::kPoints) return e.value > 0;
  return e.type == Event::Type::kFullMarks ||
         (e.type == Event::Type::kFraction && e.value > 0);
}

struct Candidate {
  size_t pos = std::string::npos;  // where the candidate starts
  size_t subject_end = 0;          // subject text ends here
  double value = kScoreNaN;
  std::string unit;
  Comparison comparison = Comparison::kNone;
};

class Reader {
 public:
  explicit Reader(std::string_view rule_text);
  ScoreReading Read() &&;

 private:
  void SplitClauses();
  int ClauseAt(size_t pos) const;
  std::string_view ClauseText(int c) const;
  void Mask(size_t begin, size_t end);
  bool Taken(size_t begin, size_t end) const;
  template <typename Fn>
  void Take(const RE2& re, Event::Type type, Fn value_of, int span_group = 0);
  void FindEvents();
  bool ClauseHasEvent(int c) const;
  size_t StepWindowBegin(const Event& e, bool* uses_previous) const;
  DeductionScheme ReadStep(const Event& e);
  void ReadSchemes();
  std::optional<ScoreTier> ReadBand(int c) const;
  void ReadBandTiers();
  ScoreTier TierFor(const Event& award, int c) const;
  void Classify();
  void ClassifyAlternatives(const std::vector<const Event*>& positives);
  bool LaterAwardIsAlternative(
      const std::vector<const Event*>& positives) const;
  void SetMaxFromTiers();
  void AddUnbandedAwards();
  void FindThreshold();
  bool FailureOnly(int c) const;
  void AddCandidates(const RE2& re, Comparison comparison, int number_group,
                     bool prefix, std::vector<Candidate>* out) const;
  std::string SubjectBefore(size_t pos) const;
  void FindQuantities();
  void Unparsed(std::string why);

  ScoreReading r_;
  std::string w_;       // normalized text the patterns run on
  std::string masked_;  // w_ with dates, points and steps replaced by '#'
  std::vector<Clause> clauses_;
  std::vector<Event> events_;
  std::vector<ScoreTier> band_tiers_;
  std::vector<size_t> paired_awards_;  // begin of each award paired with a band
  int numbered_points_ = 0;
  bool placeholder_ = false;
  bool capped_ = false;
};

Reader::Reader(std::string_view rule_text) {
  r_.folded = FoldNfkc(rule_text);
  w_ = Normalize(FoldNfkc(MarkCircledNumbers(rule_text)));
  numbered_points_ = MarkNumbering(&w_);
  masked_ = w_;
  ForEachMatch(P().date, w_, [&](const auto& g) {
    const size_t begin = g[0].data() - w_.data();
    Mask(begin, begin + g[0].size());
  });
  SplitClauses();
}

void Reader::Mask(size_t begin, size_t end) {
  for (size_t i = begin; i < end && i < masked_.size(); ++i) masked_[i] = '#';
}

bool Reader::Taken(size_t begin, size_t end) const {
  for (size_t i = begin; i < end; ++i) {
    if (masked_[i] == '#') return true;
  }
  return false;
}

// Clauses end at "，；。", line breaks, list numbers and at a "." that is not
// a decimal point ("扣完为止.全部达成得满分").
void Reader::SplitClauses() {
  size_t begin = 0;
  int part = 0;
  auto close = [&](size_t end, size_t next) {
    if (end > begin) clauses_.push_back({begin, end, part});
    begin = next;
  };
  for (size_t i = 0; i < w_.size();) {
    const char c = w_[i];
    auto is_digit = [&](size_t k) {
      return k < w_.size() && IsAsciiDigit(w_[k]);
    };
    if (c == '\x01') {
      close(i, i + 1);
      ++part;
      ++i;
    } else if (c == ',' || c == ';' || c == '\n' || c == '!' || c == '?' ||
               (c == '.' && !(i > 0 && is_digit(i - 1) && is_digit(i + 1)))) {
      close(i, i + 1);
      ++i;
    } else if (w_.compare(i, 3, "。") == 0) {
      close(i, i + 3);
      i += 3;
    } else {
      ++i;
    }
  }
  close(w_.size(), w_.size());
}

int Reader::ClauseAt(size_t pos) const {
  for (size_t c = 0; c < clauses_.size(); ++c) {
    if (pos >= clauses_[c].begin && pos < clauses_[c].end) return c;
  }
  return -1;
}

std::string_view Reader::ClauseText(int c) const {
  return std::string_view(w_).substr(clauses_[c].begin,
                                     clauses_[c].end - clauses_[c].begin);
}

// Records every match of re that does not overlap text already read, and
// masks it so that later patterns and the threshold search skip it.
template <typename Fn>
void Reader::Take(const RE2& re, Event::Type type, Fn value_of,
                  int span_group) {
  ForEachMatch(re, w_, [&](const std::vector<re2::StringPiece>& g) {
    const size_t begin = g[span_group].data() - w_.data();
    const size_t end = begin + g[span_group].size();
    if (Taken(begin, end)) return;
    // "考核得分90分以上得5分": points followed by a bound are a band of a
    // score, not an award; they stay readable as a threshold.
    if (type == Event::Type::kPoints &&
        RE2::PartialMatch(Piece(std::string_view(w_).substr(end)),
                          P().points_bound)) {
      return;
    }
    Mask(begin, end);
    events_.push_back({type, value_of(g), begin, end, ClauseAt(begin)});
  });
}

void Reader::FindEvents() {
  using T = Event::Type;
  const ScorePatterns& p = P();
  auto number = [](const std::vector<re2::StringPiece>& g) {
    return ToNumber(View(g[1]));
  };
  auto share = [](const std::vector<re2::StringPiece>& g) {
    return ToNumber(View(g[1])) / 100;
  };
  auto none = [](const std::vector<re2::StringPiece>&) { return 0.0; };
  placeholder_ = RE2::PartialMatch(Piece(w_), p.placeholder);
  capped_ = RE2::PartialMatch(Piece(w_), p.capped);
  Take(p.total, T::kTotal, number);
  // "以上最多扣5分" caps the deductions; it is not a deduction of 5.
  ForEachMatch(p.deduct_cap, w_, [&](const auto& g) {
    const size_t begin = g[0].data() - w_.data();
    Mask(begin, begin + g[0].size());
  });
  Take(p.award_fraction, T::kFraction, share);
  Take(p.deduct_fraction, T::kDeductFraction, share);
  Take(p.deduct, T::kDeduct, number);
  Take(
      p.deduct_no_verb, T::kDeduct,
      [](const auto& g) { return ToNumber(View(g[2])); }, /*span_group=*/1);
  Take(p.deduct_reversed, T::kDeduct, number);  // "1处按1分扣"
  Take(p.bonus, T::kBonus, number);
  Take(p.award, T::kPoints, number);
  Take(p.award_paren, T::kPoints, number);
  Take(p.full_marks, T::kFullMarks, none);
  Take(p.zero, T::kZero, none);
  std::sort(events_.begin(), events_.end(),
            [](const Event& a, const Event& b) { return a.begin < b.begin; });
  for (Event& e : events_) {
    if (e.type == T::kPoints && e.value == 0) e.type = T::kZero;
    // "每降低1%，得1分": points per step are a bonus, not a fixed award.
    if (e.type == T::kPoints) {
      bool uses_previous = false;
      const size_t begin = StepWindowBegin(e, &uses_previous);
      std::string_view window =
          std::string_view(masked_).substr(begin, e.begin - begin);
      if (RE2::PartialMatch(Piece(window), p.per_step_award) &&
          RE2::PartialMatch(Piece(window), p.number_unit)) {
        e.type = T::kBonus;
      } else if (e.clause >= 0 &&
                 RE2::PartialMatch(Piece(std::string_view(w_).substr(
                                       clauses_[e.clause].begin,
                                       e.begin - clauses_[e.clause].begin)),
                                   p.per_item)) {
        // "每项得1分", "每完成一个得2分": points per item, so the most the
        // rule pays depends on the count, not on this number. ("每月按时完成
        // 得15分" is a frequency, not an item.)
        e.type = T::kBonus;
      }
    }
  }
}

bool Reader::ClauseHasEvent(int c) const {
  for (const Event& e : events_) {
    if (e.clause == c) return true;
  }
  return false;
}

// Where the text describing the step of a points event starts: the event's
// own clause, or the clause before when the event stands alone ("每超出20万
// 元，扣1分").
size_t Reader::StepWindowBegin(const Event& e, bool* uses_previous) const {
  *uses_previous = false;
  const int c = e.clause;
  if (c < 0) return e.begin;
  std::string_view own = std::string_view(masked_).substr(
      clauses_[c].begin, e.begin - clauses_[c].begin);
  const bool has_number = RE2::PartialMatch(Piece(own), P().number_unit);
  const bool has_trigger = RE2::PartialMatch(Piece(own), P().trigger);
  if (has_number || has_trigger || c == 0 || ClauseHasEvent(c - 1) ||
      clauses_[c - 1].part != clauses_[c].part) {
    return clauses_[c].begin;
  }
  *uses_previous = true;
  return clauses_[c - 1].begin;
}

DeductionScheme Reader::ReadStep(const Event& e) {
  DeductionScheme s;
  bool uses_previous = false;
  const size_t begin = StepWindowBegin(e, &uses_previous);
  if (uses_previous) clauses_[e.clause - 1].used_as_step = true;
  std::string_view window =
      std::string_view(masked_).substr(begin, e.begin - begin);
  s.text = std::string(std::string_view(w_).substr(begin, e.end - begin));
  s.is_bonus = e.type == Event::Type::kBonus;
  if (e.type == Event::Type::kDeductFraction) {
    s.points_per_step = kScoreNaN;
    s.weight_fraction_per_step = e.value;
  } else {
    s.points_per_step = e.value;
  }
  s.capped = capped_ && !s.is_bonus;
  // The step is the last number written before the points.
  size_t number_pos = std::string::npos;
  size_t number_end = 0;
  ForEachMatch(P().number_unit, window, [&](const auto& g) {
    if (IsDateUnit(View(g[2]))) return;
    number_pos = g[0].data() - window.data();
    number_end = number_pos + g[0].size();
    s.step = ToNumber(View(g[1]));
    s.step_unit = NormalizeUnit(View(g[2]));
  });
  // An event word decides ("未给…出现一次"); otherwise the first trigger
  // ("少增加5万元" is a shortfall, "1项未达标" too).
  std::string_view trigger;
  ForEachMatch(P().trigger, window, [&](const auto& g) {
    std::string_view word = View(g[1]);
    if (trigger.empty() || (DirectionOf(word) == Direction::kEvent &&
                            DirectionOf(trigger) != Direction::kEvent)) {
      trigger = word;
    }
  });
  s.direction = s.is_bonus ? Direction::kEvent : DirectionOf(trigger);
  s.beyond_target = s.is_bonus && (DirectionOf(trigger) == Direction::kExcess ||
                                   absl::StrContains(AV(window), "超额"));
  s.trigger = std::string(trigger);
  s.names_shortfall = RE2::PartialMatch(FoldNfkc(s.text), P().shortfall_words);
  if (number_pos != std::string::npos) {
    Mask(begin + number_pos, begin + number_end);
  } else {
    re2::StringPiece unit;
    if (RE2::PartialMatch(Piece(window), P().per_unit, &unit)) {
      s.step_unit = NormalizeUnit(View(unit));
      if (IsOneOf(s.step_unit, kEventStepUnits))
        s.direction = Direction::kEvent;
    } else {
      s.one_off = !absl::StrContains(AV(window), "每");
    }
  }
  return s;
}

void Reader::ReadSchemes() {
  for (const Event& e : events_) {
    if (e.type == Event::Type::kDeduct ||
        e.type == Event::Type::kDeductFraction ||
        e.type == Event::Type::kBonus) {
      r_.deductions.push_back(ReadStep(e));
    }
  }
}

// Reads "90%≤满意度<95%", "满意度≥95%", "80%(含)-90%", "90%以上",
// "60%以下" out of a clause.
std::optional<ScoreTier> Reader::ReadBand(int c) const {
  const ScorePatterns& p = P();
  std::string_view text = std::string_view(masked_).substr(
      clauses_[c].begin, clauses_[c].end - clauses_[c].begin);
  re2::StringPiece t = Piece(text);
  re2::StringPiece n1, u1, op1, subj, op2, n2, u2, inc1, inc2;
  ScoreTier tier;
  tier.text = std::string(ClauseText(c));
  tier.part = clauses_[c].part;
  auto unit = [](const re2::StringPiece& a, const re2::StringPiece& b) {
    return NormalizeUnit(a.empty() ? View(b) : View(a));
  };
  if (RE2::PartialMatch(t, p.band_two_sided, &n1, &u1, &op1, &subj, &op2, &n2,
                        &u2)) {
    tier.lower = ToNumber(View(n1));
    tier.lower_inclusive = op1 != "<";
    tier.upper = ToNumber(View(n2));
    tier.upper_inclusive = op2 != "<";
    tier.unit = unit(u1, u2);
    tier.subject = std::string(View(subj));
  } else if (RE2::PartialMatch(t, p.band_range, &n1, &u1, &inc1, &n2, &u2,
                               &inc2)) {
    tier.lower = ToNumber(View(n1));
    tier.upper = ToNumber(View(n2));
    tier.upper_inclusive = !inc2.empty();
    tier.unit = unit(u1, u2);
  } else if (RE2::PartialMatch(t, p.band_symbol_first, &n1, &u1, &op1, &subj)) {
    const bool lower = op1 == "≤" || op1 == "<=" || op1 == "<";
    (lower ? tier.lower : tier.upper) = ToNumber(View(n1));
    (lower ? tier.lower_inclusive : tier.upper_inclusive) =
        op1 != "<" && op1 != ">";
    tier.unit = NormalizeUnit(View(u1));
    tier.subject = std::string(View(subj));
  } else if (RE2::PartialMatch(t, p.band_subject_first, &subj, &op1, &n1,
                               &u1)) {
    std::string_view op = View(op1);
    const bool lower = IsOneOf(op, kLowerBoundWords);
    const bool inclusive = IsOneOf(op, kInclusiveBoundWords);
    (lower ? tier.lower : tier.upper) = ToNumber(View(n1));
    (lower ? tier.lower_inclusive : tier.upper_inclusive) = inclusive;
    tier.unit = NormalizeUnit(View(u1));
    tier.subject = std::string(View(subj));
  } else if (RE2::PartialMatch(t, p.band_above, &n1, &u1)) {
    tier.lower = ToNumber(View(n1));
    tier.unit = NormalizeUnit(View(u1));
  } else if (RE2::PartialMatch(t, p.band_below, &n1, &u1, &inc1, &op1)) {
    tier.upper = ToNumber(View(n1));
    tier.upper_inclusive = !inc1.empty() || op1 == "及以下";
    tier.unit = NormalizeUnit(View(u1));
  } else {
    return std::nullopt;
  }
  return tier;
}

ScoreTier Reader::TierFor(const Event& award, int c) const {
  ScoreTier tier;
  tier.text = std::string(ClauseText(c));
  tier.part = c >= 0 ? clauses_[c].part : 0;
  switch (award.type) {
    case Event::Type::kFullMarks:
      tier.full_marks = true;
      tier.points = kScoreNaN;
      break;
    case Event::Type::kFraction:
      tier.weight_fraction = award.value;
      tier.points = kScoreNaN;
      break;
    default:
      tier.points = award.type == Event::Type::kZero ? 0 : award.value;
  }
  return tier;
}

// Pairs each band with the award in its clause or in the clause right after
// it ("95%≤满意度，得5分").
void Reader::ReadBandTiers() {
  std::optional<ScoreTier> pending;
  for (size_t c = 0; c < clauses_.size(); ++c) {
    const Event* award = nullptr;
    bool has_scheme = false;
    for (const Event& e : events_) {
      if (e.clause != static_cast<int>(c)) continue;
      if (IsAward(e) && award == nullptr) award = &e;
      if (!IsAward(e) && e.type != Event::Type::kTotal) has_scheme = true;
    }
    std::optional<ScoreTier> band;
    if (!has_scheme && !clauses_[c].used_as_step) band = ReadBand(c);
    if (award == nullptr) {
      if (band) pending = band;
      continue;
    }
    std::optional<ScoreTier> source = band ? band : pending;
    pending.reset();
    if (!source) continue;
    paired_awards_.push_back(award->begin);
    ScoreTier paid = TierFor(*award, c);
    source->points = paid.points;
    source->full_marks = paid.full_marks;
    source->weight_fraction = paid.weight_fraction;
    if (!band) source->text = absl::StrCat(source->text, "，", paid.text);
    band_tiers_.push_back(*source);
  }
}

// "满意度≥95%得5分；满意度≥90%得4分": each grade is meant to end where the
// one above starts.
void CascadeLowerBounds(std::vector<ScoreTier>* tiers) {
  for (const ScoreTier& t : *tiers) {
    if (std::isnan(t.lower) || !std::isnan(t.upper)) return;
  }
  for (size_t i = 1; i < tiers->size(); ++i) {
    ScoreTier& above = (*tiers)[i - 1];
    ScoreTier& below = (*tiers)[i];
    if (below.lower < above.lower) {
      below.upper = above.lower;
      below.upper_inclusive = !above.lower_inclusive;
    }
  }
}

void Reader::Unparsed(std::string why) {
  r_.kind = Kind::kUnparsed;
  r_.why_unparsed = std::move(why);
  r_.max_points.reset();
  r_.max_points_alt.reset();
  r_.max_single_part.reset();
  r_.reaches_weight_by_definition = false;
}

// "达到100%得10分，95%(含)-100%得8分…": an award whose condition is not a
// band the reader knows still pays; it joins the tiers without bounds, so
// that the most the rule pays counts it.
void Reader::AddUnbandedAwards() {
  for (const Event& e : events_) {
    if (!IsPositiveAward(e)) continue;
    if (std::find(paired_awards_.begin(), paired_awards_.end(), e.begin) !=
        paired_awards_.end()) {
      continue;
    }
    r_.tiers.push_back(TierFor(e, e.clause));
  }
}

void Reader::SetMaxFromTiers() {
  std::optional<double> best;
  bool full = false;
  for (const ScoreTier& t : r_.tiers) {
    if (t.full_marks) full = true;
    if (!std::isnan(t.points) && (!best || t.points > *best)) best = t.points;
    if (!std::isnan(t.weight_fraction) && !r_.fraction_of_weight) {
      r_.fraction_of_weight = t.weight_fraction;
    }
  }
  if (r_.stated_total) {
    r_.max_points = r_.stated_total;
  } else if (full) {
    r_.reaches_weight_by_definition = true;
  } else {
    r_.max_points = best;
  }
}

// Two or more different awards without bands: grades of one quantity
// ("良好得10分，一般得5分"), stages ("制定办法得1分，落实计2分") or parts
// that add up ("…计5分，…计5分").
void Reader::ClassifyAlternatives(const std::vector<const Event*>& positives) {
  const ScorePatterns& p = P();
  if (RE2::PartialMatch(Piece(w_), p.staged)) {
    r_.kind = Kind::kStaged;
    double high = 0, sum = 0;
    for (const Event* e : positives) {
      if (e->type != Event::Type::kPoints) {
        Unparsed("分阶段计分含满分或比例，无法确定分值");
        return;
      }
      high = std::max(high, e->value);
      sum += e->value;
    }
    r_.max_points = high;
    r_.max_points_alt = sum;
    for (const Event* e : positives) r_.additive_parts.push_back(e->value);
    return;
  }
  if (RE2::PartialMatch(Piece(w_), p.grades) ||
      LaterAwardIsAlternative(positives)) {
    r_.kind = Kind::kTiers;
    for (const Event& e : events_) {
      if (IsAward(e)) r_.tiers.push_back(TierFor(e, e.clause));
    }
    SetMaxFromTiers();
    return;
  }
  r_.kind = Kind::kAdditive;
  double sum = 0, largest = 0;
  for (const Event* e : positives) {
    if (e->type != Event::Type::kPoints) {
      Unparsed("分项计分含满分或比例，无法相加");
      return;
    }
    r_.additive_parts.push_back(e->value);
    sum += e->value;
    largest = std::max(largest, e->value);
  }
  r_.max_points = sum;
  const bool stated_sum =
      r_.stated_total && std::fabs(*r_.stated_total - sum) < 1e-9;
  if (numbered_points_ < 2 && !stated_sum) r_.max_single_part = largest;
}

// True when an award after the first is written as the failing or partial
// case ("未按时完成得2分", "部分完成得3分"): the awards are alternatives.
// Numbered points are parts whatever their words.
bool Reader::LaterAwardIsAlternative(
    const std::vector<const Event*>& positives) const {
  if (numbered_points_ >= 2) return false;
  for (size_t i = 1; i < positives.size(); ++i) {
    const int c = positives[i]->clause;
    if (c < 0) continue;
    std::string_view clause = ClauseText(c);
    // Only the words before the points: "…得2分，否则不得分" is not a cue.
    const size_t before = positives[i]->begin - clauses_[c].begin;
    if (RE2::PartialMatch(Piece(clause.substr(0, before)), P().alternative)) {
      return true;
    }
  }
  return false;
}

void Reader::Classify() {
  using T = Event::Type;
  std::vector<const Event*> positives;
  bool has_full = false, has_zero = false, has_bonus = false,
       has_deduct = false;
  for (const Event& e : events_) {
    if (e.type == T::kTotal && !r_.stated_total) r_.stated_total = e.value;
    if (e.type == T::kZero) has_zero = true;
    if (e.type == T::kBonus) has_bonus = true;
    if (e.type == T::kDeduct || e.type == T::kDeductFraction) {
      has_deduct = true;
    }
    if (!IsPositiveAward(e)) continue;
    if (e.type == T::kFullMarks) {
      if (has_full) continue;  // "…得满分，…得满分" says the same twice
      has_full = true;
    }
    if (e.type == T::kFraction && !r_.fraction_of_weight) {
      r_.fraction_of_weight = e.value;
    }
    positives.push_back(&e);
  }
  // "得满分，计5分": the number restates what full marks are worth.
  if (has_full && !r_.stated_total) {
    for (auto it = positives.begin(); it != positives.end(); ++it) {
      if ((*it)->type == T::kPoints &&
          RE2::FullMatch(Piece(ClauseText((*it)->clause)),
                         P().restated_total)) {
        r_.stated_total = (*it)->value;
        positives.erase(it);
        break;
      }
    }
  }
  // "…得5分…全部达成得满分": full marks are the 5 points, said twice.
  if (has_full && positives.size() == 2 &&
      !RE2::PartialMatch(Piece(w_), P().grades) &&
      !RE2::PartialMatch(Piece(w_), P().staged)) {
    positives.erase(
        std::remove_if(positives.begin(), positives.end(),
                       [](const Event* e) { return e->type == T::kFullMarks; }),
        positives.end());
  }
  if (placeholder_) return Unparsed("分值写作“X分”，未填数字");
  int positive_band_tiers = 0;
  for (const ScoreTier& t : band_tiers_) {
    if (t.full_marks || t.points > 0 || t.weight_fraction > 0) {
      ++positive_band_tiers;
    }
  }
  if (has_bonus) {
    r_.kind = Kind::kPerEvent;
    r_.max_points = r_.stated_total;
    return;
  }
  if (numbered_points_ >= 2 && positive_band_tiers > numbered_points_) {
    // How the parts add up is unclear, but each part's bands can still be
    // checked on their own (score/tiers).
    r_.tiers = band_tiers_;
    return Unparsed("分项内各有分档，合计方式不明");
  }
  if (positive_band_tiers >= 2) {
    r_.kind = Kind::kTiers;
    r_.tiers = band_tiers_;
    CascadeLowerBounds(&r_.tiers);
    AddUnbandedAwards();
    SetMaxFromTiers();
    return;
  }
  if (!band_tiers_.empty() && band_tiers_.size() >= 2) r_.tiers = band_tiers_;
  if (positives.size() >= 2) return ClassifyAlternatives(positives);
  if (positives.size() == 1) {
    const Event& award = *positives[0];
    if (award.type == T::kPoints) {
      r_.max_points = award.value;
    } else if (award.type == T::kFullMarks) {
      r_.max_points = r_.stated_total;
      r_.reaches_weight_by_definition = !r_.stated_total.has_value();
    } else {
      r_.reaches_weight_by_definition = award.value >= 1;
    }
    if (has_deduct) {
      r_.kind = Kind::kFullAndDeduction;
    } else if (award.type == T::kPoints || r_.stated_total) {
      r_.kind = Kind::kFixed;
    } else {
      r_.kind = award.type == T::kFullMarks ? Kind::kFullMarks
                                            : Kind::kFractionOfWeight;
    }
    return;
  }
  if (r_.stated_total) {
    r_.max_points = r_.stated_total;
    r_.kind = has_deduct ? Kind::kFullAndDeduction : Kind::kFixed;
    return;
  }
  if (has_deduct) {
    r_.kind = Kind::kDeductionOnly;
    r_.reaches_weight_by_definition = true;
    return;
  }
  if (RE2::PartialMatch(Piece(w_), P().bare_points)) {
    return Unparsed("分值数字后缺“分”字（如“计510”），无法确认分值");
  }
  if (has_zero) return Unparsed("只写了不得分的情形，未写得分");
  Unparsed("未找到分值");
}

// True for a clause that only states the failing case ("少于1次不得分",
// "发生1起不计分"): its numbers are not the target.
bool Reader::FailureOnly(int c) const {
  bool zero = false;
  for (const Event& e : events_) {
    if (e.clause != c) continue;
    if (e.type == Event::Type::kZero) zero = true;
    if (IsPositiveAward(e)) return false;
  }
  return zero;
}

// Adds a candidate for every match of re; number_group is the index of the
// number, the unit follows it. With a prefix comparator ("达到", "≤") the
// subject ends where the match starts, otherwise where the number starts.
void Reader::AddCandidates(const RE2& re, Comparison comparison,
                           int number_group, bool prefix,
                           std::vector<Candidate>* out) const {
  ForEachMatch(re, masked_, [&](const std::vector<re2::StringPiece>& g) {
    std::string_view unit = View(g[number_group + 1]);
    if (IsDateUnit(unit)) return;
    if (comparison == Comparison::kNone && (unit.empty() || unit == "分")) {
      return;
    }
    Candidate c;
    c.pos = g[0].data() - masked_.data();
    if (FailureOnly(ClauseAt(c.pos))) return;
    c.subject_end = prefix ? c.pos : g[number_group].data() - masked_.data();
    c.value = ToNumber(View(g[number_group]));
    c.unit = NormalizeUnit(unit);
    c.comparison = comparison;
    // "95以上%": the unit is written after 以上.
    if (c.unit.empty()) {
      std::string_view rest =
          std::string_view(masked_).substr(c.pos + g[0].size());
      for (std::string_view filler : kAboveWords) {
        if (rest.substr(0, filler.size()) == filler) {
          rest.remove_prefix(filler.size());
          break;
        }
      }
      if (!rest.empty() && rest[0] == '%') c.unit = "%";
    }
    out->push_back(c);
  });
}

std::string Reader::SubjectBefore(size_t pos) const {
  const int c = ClauseAt(pos);
  if (c < 0) return "";
  std::string_view text = std::string_view(masked_).substr(
      clauses_[c].begin, pos - clauses_[c].begin);
  re2::StringPiece core;
  if (!RE2::FullMatch(Piece(text), P().subject_trim, &core)) return "";
  std::string_view subject = View(core);
  for (char ch : subject) {
    if (ch == '#' || IsAsciiDigit(ch)) return "";
  }
  // A single character ("完", "未") is a verb left over, not an indicator.
  if (CodePointCount(subject) < 2) return "";
  return std::string(subject);
}

// The band a graded rule is aiming at: the highest lower bound, or the
// lowest upper bound when no band has a lower one ("80%≥满意度").
const ScoreTier* TopBand(const std::vector<ScoreTier>& tiers) {
  const ScoreTier* top = nullptr;
  for (const ScoreTier& t : tiers) {
    if (std::isnan(t.lower) && std::isnan(t.upper)) continue;
    if (top == nullptr) {
      top = &t;
    } else if (!std::isnan(t.lower)) {
      if (std::isnan(top->lower) || t.lower > top->lower) top = &t;
    } else if (std::isnan(top->lower) && t.upper < top->upper) {
      top = &t;
    }
  }
  return top;
}

void Reader::FindThreshold() {
  const ScorePatterns& p = P();
  std::vector<Candidate> stated;
  AddCandidates(p.th_at_least, Comparison::kAtLeast, 2, true, &stated);
  AddCandidates(p.th_at_most, Comparison::kAtMost, 2, true, &stated);
  AddCandidates(p.th_control, Comparison::kAtMost, 2, true, &stated);
  AddCandidates(p.th_above, Comparison::kAtLeast, 1, false, &stated);
  AddCandidates(p.th_below, Comparison::kAtMost, 1, false, &stated);
  AddCandidates(p.th_symbol_lower, Comparison::kAtLeast, 1, false, &stated);
  AddCandidates(p.th_symbol_upper, Comparison::kAtMost, 1, false, &stated);
  AddCandidates(p.th_equal, Comparison::kEqual, 1, true, &stated);
  std::vector<Candidate> bare;
  AddCandidates(p.number_unit, Comparison::kNone, 1, false, &bare);
  // A number written with a comparison wins over a bare one anywhere.
  std::vector<Candidate>& pool = stated.empty() ? bare : stated;
  if (!pool.empty()) {
    const Candidate& best = *std::min_element(
        pool.begin(), pool.end(),
        [](const Candidate& a, const Candidate& b) { return a.pos < b.pos; });
    r_.threshold = best.value;
    r_.threshold_unit = best.unit;
    r_.threshold_comparison = best.comparison;
    r_.subject = SubjectBefore(best.subject_end);
  }
  if (r_.kind != Kind::kTiers) return;
  const ScoreTier* top = TopBand(r_.tiers);
  if (top == nullptr) return;
  const bool lower = !std::isnan(top->lower);
  r_.threshold = lower ? top->lower : top->upper;
  r_.threshold_unit = top->unit;
  r_.threshold_comparison = lower ? Comparison::kAtLeast : Comparison::kAtMost;
  if (!top->subject.empty()) r_.subject = top->subject;
}

// Every number written with a unit, except points, dates and the shares of
// the weight ("得70%指标分").
void Reader::FindQuantities() {
  std::string text = w_;
  auto blank = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) text[i] = '#';
  };
  ForEachMatch(P().date, w_, [&](const auto& g) {
    const size_t begin = g[0].data() - w_.data();
    blank(begin, begin + g[0].size());
  });
  for (const Event& e : events_) {
    if (e.type == Event::Type::kFraction ||
        e.type == Event::Type::kDeductFraction) {
      blank(e.begin, e.end);
    }
  }
  ForEachMatch(P().number_unit, text, [&](const auto& g) {
    std::string_view unit = View(g[2]);
    if (unit.empty() || unit == "分" || IsDateUnit(unit)) return;
    r_.quantities.emplace_back(ToNumber(View(g[1])), NormalizeUnit(unit));
  });
}

ScoreReading Reader::Read() && {
  ReadWordsForRules(&r_);
  if (w_.empty()) {
    Unparsed("评分标准为空");
    return std::move(r_);
  }
  FindEvents();
  ReadSchemes();
  ReadBandTiers();
  Classify();
  for (DeductionScheme& d : r_.deductions) {
    if (r_.kind == Kind::kFullAndDeduction && r_.max_points) {
      d.base_points = *r_.max_points;
    }
  }
  FindThreshold();
  FindQuantities();
  ReadThresholdWords(&r_);
  ReadTierWords(&r_.tiers);
  return std::move(r_);
}

}  // namespace

ScoreReading ReadScoringRule(std::string_view rule_text) {
  // A real scoring rule is a sentence or a short list (the longest in the
  // bundled corpus is 320 bytes). Some of the reader's passes compare clauses
  // with events, so a cell of thousands of clauses would take seconds (a
  // 1 MB rule: 7 s); such a cell is left unread and says so (README
  // "Limits").
  constexpr size_t kMaxRuleBytes = 16 * 1024;
  if (rule_text.size() > kMaxRuleBytes) {
    ScoreReading r;
    r.folded = FoldNfkc(rule_text);
    r.kind = ScoreReading::Kind::kUnparsed;
    r.why_unparsed = "评分标准超过 16 KB（正常的评分标准不到 1 KB），未解读";
    return r;
  }
  return Reader(rule_text).Read();
}

namespace {

// The clauses of a cell as written, split at commas, semicolons, full stops
// and line breaks, trimmed; empty clauses dropped.
std::vector<std::string_view> Clauses(std::string_view text) {
  std::vector<std::string_view> clauses;
  size_t start = 0;
  auto add = [&](size_t end) {
    std::string_view clause = TrimBlank(text.substr(start, end - start));
    if (!clause.empty()) clauses.push_back(clause);
  };
  ForEachMatch(P().clause_separator, text, [&](const auto& g) {
    const size_t begin = g[0].data() - text.data();
    add(begin);
    start = begin + g[0].size();
  });
  add(text.size());
  return clauses;
}

Comparison StatedComparison(std::string_view before, std::string_view after) {
  if (!after.empty()) {
    const bool at_least = absl::StrContains(AV(after), "以上");
    return at_least ? Comparison::kAtLeast : Comparison::kAtMost;
  }
  // At most first: "不超过" ends in "超过".
  if (RE2::PartialMatch(Piece(before), P().stated_at_most_before)) {
    return Comparison::kAtMost;
  }
  if (RE2::PartialMatch(Piece(before), P().stated_at_least_before)) {
    return Comparison::kAtLeast;
  }
  return Comparison::kNone;
}

// The quantities of one clause (normalized like a rule, so that "三次" and
// "百分之九十" are read as numbers).
void AddStatedQuantities(std::string_view clause,
                         std::vector<StatedQuantity>* out) {
  const std::string text = Normalize(FoldNfkc(clause));
  ForEachMatch(P().stated_quantity, text, [&](const auto& g) {
    const size_t begin = g[0].data() - text.data();
    const std::string_view before = std::string_view(text).substr(0, begin);
    std::string unit = NormalizeUnit(View(g[4]));
    // "成本超支率为0": a bare number right after a rate's name is a share.
    if (unit.empty() && g[3].empty() &&
        RE2::PartialMatch(Piece(before), P().stated_rate_before)) {
      unit = "%";
    }
    // A formula's "×100%", dates, points and bare numbers say no level.
    if (!g[1].empty() || unit.empty() || unit == "分" || IsDateUnit(unit)) {
      return;
    }
    StatedQuantity q;
    q.value = ToNumber(View(g[2]));
    if (std::isnan(q.value)) return;
    if (!g[3].empty()) q.range_end = ToNumber(View(g[3]));
    q.unit = unit;
    // "每月1次检查" is how often, not how many.
    if (RE2::PartialMatch(Piece(before), P().stated_per_before)) return;
    // "全区共有12个村", "上年完成3次": a total or a base, not the target
    // (a change against last year, "较上年增长10%", is kept and marked).
    const bool change = RE2::PartialMatch(Piece(before), P().change_base);
    if (!change && RE2::PartialMatch(Piece(before), P().stated_base_before)) {
      return;
    }
    q.comparison = StatedComparison(before, View(g[5]));
    q.change = change;
    q.clause = std::string(clause);
    out->push_back(std::move(q));
  });
}

// Spans [begin, end) of the clauses of `text` (as Clauses() splits them).
std::vector<std::pair<size_t, size_t>> ClauseSpans(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (std::string_view clause : Clauses(text)) {
    const size_t begin = clause.data() - text.data();
    spans.emplace_back(begin, begin + clause.size());
  }
  return spans;
}

// Drops a quotation mark at either end that has no partner inside.
std::string_view TrimUnmatchedQuotes(std::string_view text) {
  constexpr std::string_view kOpen[] = {"“", "\"", "‘", "「"};
  constexpr std::string_view kClose[] = {"”", "\"", "’", "」"};
  for (size_t k = 0; k < std::size(kOpen); ++k) {
    if (absl::StartsWith(AV(text), AV(kOpen[k])) &&
        text.find(kClose[k], kOpen[k].size()) == std::string_view::npos) {
      text.remove_prefix(kOpen[k].size());
    }
    if (absl::EndsWith(AV(text), AV(kClose[k])) &&
        text.substr(0, text.size() - kClose[k].size()).find(kOpen[k]) ==
            std::string_view::npos) {
      text.remove_suffix(kClose[k].size());
    }
  }
  return TrimBlank(text);
}

// Quotation marks inside a quote become the inner pair (“三公经费” ->
// ‘三公经费’), as Chinese nests them, so the message's own “…” stay clear.
std::string NestQuotes(std::string_view text) {
  return absl::StrReplaceAll(AV(TrimUnmatchedQuotes(text)),
                             {{"“", "‘"}, {"”", "’"}});
}

}  // namespace

std::string QuoteAsWritten(std::string_view cell_text,
                           std::string_view read_text) {
  const std::string target = Normalize(FoldNfkc(read_text));
  const auto spans = ClauseSpans(cell_text);
  for (size_t length = 1; length <= spans.size() && length <= 4; ++length) {
    for (size_t i = 0; i + length <= spans.size(); ++i) {
      const size_t begin = spans[i].first;
      const size_t end = spans[i + length - 1].second;
      std::string_view run = cell_text.substr(begin, end - begin);
      const std::string read = Normalize(FoldNfkc(run));
      if (absl::StrContains(read, target)) return NestQuotes(run);
    }
  }
  return NestQuotes(read_text);
}

namespace {

// Whether raw text has one of the Chinese numerals Normalize reads as a
// number ("三次", "百分之九十").
bool HasChineseNumeral(std::string_view text) {
  for (std::string_view numeral : {"零", "〇", "一", "二", "两", "三", "四",
                                   "五", "六", "七", "八", "九", "十"}) {
    if (Contains(text, numeral)) return true;
  }
  return false;
}

}  // namespace

ExplanationReading ReadExplanation(std::string_view explanation_text) {
  ExplanationReading reading;
  for (std::string_view clause : Clauses(explanation_text)) {
    // A stated quantity is a number: a clause with no digit, nothing that
    // folds to one and no Chinese numeral states none. Most clauses are
    // such; folding and normalising them was most of the reading.
    if (!MayFoldToAsciiDigit(clause) && !HasChineseNumeral(clause)) continue;
    AddStatedQuantities(clause, &reading.quantities);
  }
  return reading;
}

}  // namespace jxaudit
