#include "reports/trend_report.h"

#include <algorithm>
#include <cmath>
#include <mstch/mstch.hpp>

#include "analyzer/model/strings.h"
#include "reports/atomic_file.h"
#include "reports/report_common.h"
#include "reports/templates.h"

namespace jxaudit {
namespace {

std::string Signed(double value) {
  return value > 0 ? StrCat("+", FormatNumber(value)) : FormatNumber(value);
}

// JSON numbers without binary noise (95.5 − 80.2 = 15.299999999999997).
double Rounded(double value) { return std::round(value * 1000) / 1000; }

nlohmann::json RunJson(const TrendRun& run) {
  return {
      {"year", run.year},
      {"recorded_at", run.recorded_at},
      {"tool_version", run.tool_version},
      {"inputs", run.inputs},
      {"units", run.units},
      {"findings", run.findings},
      {"counts",
       {{"error", run.errors}, {"warning", run.warnings}, {"info", run.infos}}},
      {"mean_quality", Rounded(run.mean_quality)}};
}

nlohmann::json UnitJson(const UnitTrend& trend) {
  nlohmann::json quality = nlohmann::json::array();
  for (const auto& [year, score] : trend.unit->quality) {
    quality.push_back({{"year", year}, {"quality", Rounded(score)}});
  }
  return {{"key", trend.unit->key},
          {"name", trend.unit->name},
          {"former_names", trend.unit->former_names},
          {"quality", std::move(quality)},
          {"first_year", trend.first_year},
          {"last_year", trend.last_year},
          {"change", trend.has_change ? nlohmann::json(Rounded(trend.change))
                                      : nlohmann::json(nullptr)}};
}

nlohmann::json ChangeJson(const UnitTrend& trend) {
  return {
      {"key", trend.unit->key},         {"name", trend.unit->name},
      {"first_year", trend.first_year}, {"first_quality", Rounded(trend.first)},
      {"last_year", trend.last_year},   {"last_quality", Rounded(trend.last)},
      {"change", Rounded(trend.change)}};
}

nlohmann::json RuleJson(const RuleTrend& trend) {
  nlohmann::json counts = nlohmann::json::array();
  for (const auto& [year, count] : trend.rule->counts) {
    counts.push_back({{"year", year}, {"count", count}});
  }
  return {{"rule", trend.rule->rule},
          {"counts", std::move(counts)},
          {"slope", Rounded(trend.slope)}};
}

template <typename T, typename F>
nlohmann::json ArrayOf(const std::vector<T>& items, F to_json) {
  nlohmann::json out = nlohmann::json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

nlohmann::json TrendJson(const TrendData& data) {
  const TrendSummary summary = SummariseTrend(data);
  return {{"tool", {{"name", "jxaudit"}, {"version", JXAUDIT_VERSION}}},
          {"years", data.years},
          {"runs", ArrayOf(data.runs, RunJson)},
          {"units", ArrayOf(summary.units, UnitJson)},
          {"most_improved", ArrayOf(summary.improved, ChangeJson)},
          {"most_declined", ArrayOf(summary.declined, ChangeJson)},
          {"rules", ArrayOf(summary.rules, RuleJson)},
          {"rules_rising", ArrayOf(summary.rising, RuleJson)},
          {"rules_falling", ArrayOf(summary.falling, RuleJson)}};
}

namespace {

// Maps years to x across a plot; one year sits in the middle.
struct YearScale {
  int first = 0, last = 0;
  double left = 0, width = 0;
  double X(int year) const {
    return last == first ? left + width / 2
                         : left + width * (year - first) / (last - first);
  }
};

// Maps a value range to y, top = hi.
struct ValueScale {
  double lo = 0, hi = 1, top = 0, height = 0;
  double Y(double value) const {
    return top + height * (hi - value) / (hi == lo ? 1 : hi - lo);
  }
};

// The lowest ten below every score, so that small changes stay visible.
double QualityFloor(const std::vector<double>& scores) {
  double lo = 100;
  for (double q : scores) lo = std::min(lo, q);
  return std::clamp(std::floor(lo / 10) * 10 - (lo >= 100 ? 10 : 0), 0.0, 90.0);
}

// A round upper bound for the findings axis: 1, 2 or 5 × 10^n.
double NiceMax(double value) {
  if (value <= 0) return 1;
  const double magnitude = std::pow(10, std::floor(std::log10(value)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

// Mean quality (left axis) and findings (right axis) per year.
void AddMainChart(const TrendData& data, mstch::map& page) {
  constexpr double kLeft = 48, kRight = 56, kTop = 16, kHeight = 200,
                   kWidth = 640;
  std::vector<double> means;
  int max_findings = 0;
  for (const TrendRun& run : data.runs) {
    means.push_back(run.mean_quality);
    max_findings = std::max(max_findings, run.findings);
  }
  const YearScale x{data.years.front(), data.years.back(), kLeft + 20,
                    kWidth - kLeft - kRight - 40};
  const ValueScale quality{QualityFloor(means), 100, kTop, kHeight};
  const ValueScale findings{0, NiceMax(max_findings), kTop, kHeight};
  mstch::array grid, ticks, quality_dots, finding_dots;
  for (int i = 0; i <= 4; ++i) {
    const double y = kTop + kHeight * i / 4;
    grid.push_back(mstch::map{
        {"y", FormatNumber(y)},
        {"text_y", FormatNumber(y + 4)},
        {"quality",
         FormatNumber(quality.hi - (quality.hi - quality.lo) * i / 4)},
        {"findings", FormatNumber(findings.hi - findings.hi * i / 4)}});
  }
  std::string quality_line, findings_line;
  for (const TrendRun& run : data.runs) {
    const double px = x.X(run.year);
    const double qy = quality.Y(run.mean_quality),
                 fy = findings.Y(run.findings);
    StrAppend(&quality_line, quality_line.empty() ? "" : " ", FormatNumber(px),
              ",", FormatNumber(qy));
    StrAppend(&findings_line, findings_line.empty() ? "" : " ",
              FormatNumber(px), ",", FormatNumber(fy));
    ticks.push_back(mstch::map{{"x", FormatNumber(px)},
                               {"y", FormatNumber(kTop + kHeight + 18)},
                               {"year", std::to_string(run.year)}});
    quality_dots.push_back(mstch::map{
        {"x", FormatNumber(px)},
        {"y", FormatNumber(qy)},
        {"title",
         StrCat(run.year, " 年平均质量分 ", FormatNumber(run.mean_quality))}});
    finding_dots.push_back(
        mstch::map{{"x", FormatNumber(px)},
                   {"y", FormatNumber(fy)},
                   {"title", StrCat(run.year, " 年问题数 ", run.findings)}});
  }
  page["chart_width"] = FormatNumber(kWidth);
  page["chart_height"] = FormatNumber(kTop + kHeight + 28);
  page["chart_left"] = FormatNumber(kLeft);
  page["chart_right"] = FormatNumber(kWidth - kRight);
  page["chart_right_text"] = FormatNumber(kWidth - kRight + 6);
  page["grid"] = std::move(grid);
  page["year_ticks"] = std::move(ticks);
  page["quality_line"] = quality_line;
  page["findings_line"] = findings_line;
  page["quality_dots"] = std::move(quality_dots);
  page["finding_dots"] = std::move(finding_dots);
}

// One sparkline per unit, all on the same scales so they can be compared.
void AddSmallMultiples(const TrendData& data, const TrendSummary& summary,
                       mstch::map& page) {
  constexpr double kWidth = 160, kHeight = 48, kPad = 5;
  std::vector<double> scores;
  for (const TrendUnit& unit : data.units) {
    for (const auto& [year, q] : unit.quality) scores.push_back(q);
  }
  const YearScale x{data.years.front(), data.years.back(), kPad,
                    kWidth - 2 * kPad};
  const ValueScale y{QualityFloor(scores), 100, kPad, kHeight - 2 * kPad};
  mstch::array cards;
  for (const UnitTrend& trend : summary.units) {
    std::string line;
    mstch::array dots;
    for (const auto& [year, q] : trend.unit->quality) {
      StrAppend(&line, line.empty() ? "" : " ", FormatNumber(x.X(year)), ",",
                FormatNumber(y.Y(q)));
      dots.push_back(
          mstch::map{{"x", FormatNumber(x.X(year))},
                     {"y", FormatNumber(y.Y(q))},
                     {"title", StrCat(year, "：", FormatNumber(q))}});
    }
    std::string former;
    for (const std::string& name : trend.unit->former_names)
      StrAppend(&former, former.empty() ? "曾用名：" : "、", name);
    const char* tone = !trend.has_change  ? "flat"
                       : trend.change > 0 ? "up"
                       : trend.change < 0 ? "down"
                                          : "flat";
    cards.push_back(mstch::map{
        {"name", trend.unit->name},
        {"former", former},
        {"tone", std::string(tone)},
        {"line", line},
        {"dots", std::move(dots)},
        {"range",
         StrCat(trend.first_year, "：", FormatNumber(trend.first), " → ",
                trend.last_year, "：", FormatNumber(trend.last))},
        {"change", trend.has_change ? Signed(trend.change) : "仅一年"}});
  }
  page["spark_width"] = FormatNumber(kWidth);
  page["spark_height"] = FormatNumber(kHeight);
  page["spark_floor"] = FormatNumber(y.lo);
  page["unit_cards"] = std::move(cards);
}

mstch::array ChangeRows(const std::vector<UnitTrend>& trends) {
  mstch::array rows;
  int n = 0;
  for (const UnitTrend& trend : trends) {
    rows.push_back(mstch::map{{"n", std::to_string(++n)},
                              {"name", trend.unit->name},
                              {"first_year", std::to_string(trend.first_year)},
                              {"first", FormatNumber(trend.first)},
                              {"last_year", std::to_string(trend.last_year)},
                              {"last", FormatNumber(trend.last)},
                              {"change", Signed(trend.change)}});
  }
  return rows;
}

mstch::array RuleRows(const std::vector<RuleTrend>& trends) {
  mstch::array rows;
  for (const RuleTrend& trend : trends) {
    mstch::array counts;
    for (const auto& [year, count] : trend.rule->counts) {
      counts.push_back(mstch::map{{"count", std::to_string(count)}});
    }
    rows.push_back(mstch::map{{"rule", trend.rule->rule},
                              {"counts", std::move(counts)},
                              {"slope", Signed(trend.slope)}});
  }
  return rows;
}

std::string YearSpan(const TrendData& data) {
  const int first = data.years.front(), last = data.years.back();
  return first == last ? std::to_string(first) : StrCat(first, "–", last);
}

void AddRuns(const TrendData& data, mstch::map& page) {
  mstch::array runs, years;
  for (const TrendRun& run : data.runs) {
    std::string inputs;
    for (const std::string& input : run.inputs)
      StrAppend(&inputs, inputs.empty() ? "" : "、", input);
    runs.push_back(mstch::map{{"year", std::to_string(run.year)},
                              {"units", std::to_string(run.units)},
                              {"findings", std::to_string(run.findings)},
                              {"errors", std::to_string(run.errors)},
                              {"warnings", std::to_string(run.warnings)},
                              {"infos", std::to_string(run.infos)},
                              {"mean_quality", FormatNumber(run.mean_quality)},
                              {"recorded_at", run.recorded_at},
                              {"tool_version", run.tool_version},
                              {"inputs", inputs}});
    years.push_back(mstch::map{{"year", std::to_string(run.year)}});
  }
  page["runs"] = std::move(runs);
  page["years"] = std::move(years);
  const TrendRun& first = data.runs.front();
  const TrendRun& last = data.runs.back();
  page["year_span"] = YearSpan(data);
  page["year_count"] = std::to_string(data.runs.size());
  page["last_year"] = std::to_string(last.year);
  page["last_units"] = std::to_string(last.units);
  page["last_findings"] = std::to_string(last.findings);
  page["last_mean"] = FormatNumber(last.mean_quality);
  page["mean_change"] = Signed(last.mean_quality - first.mean_quality);
  page["findings_change"] = last.findings >= first.findings
                                ? StrCat("+", last.findings - first.findings)
                                : StrCat(last.findings - first.findings);
}

}  // namespace

std::string TrendHtml(const TrendData& data) {
  mstch::map page{{"version", std::string(JXAUDIT_VERSION)}};
  if (data.runs.empty()) {
    page["empty"] = true;
    page["title"] = std::string("整体支出绩效目标表审核趋势");
    return mstch::render(std::string(ReportTemplate("trend.html")), page);
  }
  const TrendSummary summary = SummariseTrend(data);
  AddRuns(data, page);
  page["title"] = StrCat(YearSpan(data), " 年度整体支出绩效目标表审核趋势");
  AddMainChart(data, page);
  AddSmallMultiples(data, summary, page);
  page["improved"] = ChangeRows(summary.improved);
  page["declined"] = ChangeRows(summary.declined);
  page["rising"] = RuleRows(summary.rising);
  page["falling"] = RuleRows(summary.falling);
  page["has_improved"] = !summary.improved.empty();
  page["has_declined"] = !summary.declined.empty();
  page["has_rising"] = !summary.rising.empty();
  page["has_falling"] = !summary.falling.empty();
  return mstch::render(std::string(ReportTemplate("trend.html")), page);
}

absl::Status WriteTrendReports(const TrendData& data,
                               const std::string& out_dir) {
  auto staged = StagedReports::Begin(out_dir);
  if (!staged.ok()) return staged.status();
  StagedReports& stage = **staged;
  if (auto status = stage.Write("trend.json", TrendJson(data).dump(2) + "\n");
      !status.ok()) {
    return status;
  }
  if (auto status = stage.Write("trend.html", TrendHtml(data)); !status.ok()) {
    return status;
  }
  return stage.Commit();
}

}  // namespace jxaudit
