// compare.html, rendered with mstch from reports/compare.html.mustache:
// headline numbers, two inline SVG charts (quality then → now for the units
// that changed most, and fixed / persisting / new findings per unit), the
// per-unit table, the three finding tables and the unit changes. Offline and
// self-contained like review.html.
#include <algorithm>
#include <cmath>
#include <mstch/mstch.hpp>

#include "analyzer/model/strings.h"
#include "reports/compare_common.h"
#include "reports/compare_report.h"
#include "reports/report_common.h"
#include "reports/svg_bars.h"
#include "reports/templates.h"

namespace jxaudit {
namespace {

constexpr int kChartUnits = 40;  // units per chart, so a chart stays legible

std::string YearText(int year) { return year > 0 ? StrCat(year) : "?"; }

std::string PairName(const CompareInput& in, const UnitPair& pair) {
  const SnapshotUnit* now = NewUnitOf(in, pair);
  const SnapshotUnit* then = OldUnitOf(in, pair);
  return now != nullptr ? now->name : then != nullptr ? then->name : "";
}

void AddHeadline(const CompareInput& in, mstch::map& page) {
  const Comparison& c = in.comparison;
  page["fixed"] = std::to_string(c.fixed);
  page["persisting"] = std::to_string(c.persisting);
  page["new"] = std::to_string(c.added);
  page["old_findings"] = std::to_string(in.old_run.findings.size());
  page["new_findings"] = std::to_string(in.new_run.findings.size());
  page["old_units"] = std::to_string(in.old_run.units.size());
  page["new_units"] = std::to_string(in.new_run.units.size());
  page["units_same"] = std::to_string(c.units_same);
  page["units_renamed"] = std::to_string(c.units_renamed);
  page["units_added"] = std::to_string(c.units_added);
  page["units_removed"] = std::to_string(c.units_removed);
  page["mean_old"] = FormatNumber(c.mean_quality_old);
  page["mean_new"] = FormatNumber(c.mean_quality_new);
  page["mean_change"] = SignedNumber(c.mean_quality_new - c.mean_quality_old);
}

// The matched units whose score moved most, worst change first.
std::vector<int> ChangedUnits(const CompareInput& in) {
  std::vector<int> picked;
  for (int u : UnitOrder(in)) {
    const UnitChange& unit = in.comparison.units[u];
    if (IsMatched(unit) && std::abs(QualityChange(unit)) >= 0.05) {
      picked.push_back(u);
    }
  }
  if (picked.size() > static_cast<size_t>(kChartUnits)) {
    std::vector<int> by_size = picked;
    std::stable_sort(by_size.begin(), by_size.end(), [&](int a, int b) {
      return std::abs(QualityChange(in.comparison.units[a])) >
             std::abs(QualityChange(in.comparison.units[b]));
    });
    by_size.resize(kChartUnits);
    std::erase_if(picked, [&](int u) {
      return std::find(by_size.begin(), by_size.end(), u) == by_size.end();
    });
  }
  return picked;
}

// A dumbbell per unit: a grey dot for the old score, a coloured one for the
// new, joined by a line, on an axis from the lowest score's tens to 100.
void AddQualityChart(const CompareInput& in, mstch::map& page) {
  const std::vector<int> units = ChangedUnits(in);
  double low = 100;
  for (int u : units) {
    const UnitChange& unit = in.comparison.units[u];
    low = std::min({low, unit.quality_old, unit.quality_new});
  }
  low = std::max(0.0, std::floor(low / 10) * 10 - (low >= 100 ? 10 : 0));
  constexpr double kLabel = 250, kAxis = 400, kRow = 20, kTop = 24;
  const auto x_of = [&](double q) {
    return kLabel + kAxis * (q - low) / std::max(1.0, 100 - low);
  };
  mstch::array rows;
  double y = kTop;
  for (int u : units) {
    const UnitChange& unit = in.comparison.units[u];
    const double change = QualityChange(unit);
    rows.push_back(
        mstch::map{{"name", PairName(in, unit.pair)},
                   {"label", Ellipsize(PairName(in, unit.pair), 18)},
                   {"y", FormatNumber(y)},
                   {"text_y", FormatNumber(y + 4)},
                   {"x_old", FormatNumber(x_of(unit.quality_old))},
                   {"x_new", FormatNumber(x_of(unit.quality_new))},
                   {"old", FormatNumber(unit.quality_old)},
                   {"new", FormatNumber(unit.quality_new)},
                   {"change", SignedNumber(change)},
                   {"direction", std::string(change >= 0 ? "up" : "down")},
                   {"change_x", FormatNumber(kLabel + kAxis + 10)}});
    y += kRow;
  }
  mstch::array ticks;
  for (int tick = 0; low + 10 * tick <= 100.01; ++tick) {
    const double q = low + 10 * tick;
    ticks.push_back(mstch::map{{"x", FormatNumber(x_of(q))},
                               {"label", FormatNumber(q, 0)}});
  }
  page["has_quality_chart"] = !units.empty();
  page["quality_rows"] = std::move(rows);
  page["quality_ticks"] = std::move(ticks);
  page["quality_chart_width"] = FormatNumber(kLabel + kAxis + 60);
  page["quality_chart_height"] = FormatNumber(y);
  page["quality_axis_y1"] = FormatNumber(kTop - 12);
  page["quality_axis_y2"] = FormatNumber(y - kRow + 8);
  page["quality_tick_y"] = FormatNumber(kTop - 14);
}

// Stacked bars of fixed / persisting / new findings for the units with the
// most fixed and new findings.
void AddCountsChart(const CompareInput& in, mstch::map& page) {
  std::vector<int> units;
  for (size_t u = 0; u < in.comparison.units.size(); ++u) {
    const UnitChange& unit = in.comparison.units[u];
    if (unit.fixed + unit.added > 0) units.push_back(static_cast<int>(u));
  }
  const auto moved = [&](int u) {
    return in.comparison.units[u].fixed + in.comparison.units[u].added;
  };
  std::stable_sort(units.begin(), units.end(),
                   [&](int a, int b) { return moved(a) > moved(b); });
  if (units.size() > static_cast<size_t>(kChartUnits))
    units.resize(kChartUnits);
  int most = 1;
  for (int u : units) {
    const UnitChange& c = in.comparison.units[u];
    most = std::max(most, c.fixed + c.persisting + c.added);
  }
  constexpr double kLabel = 250, kBars = 380, kRow = 22;
  const double scale = kBars / most;
  mstch::array rows;
  double y = 4;
  for (int u : units) {
    const UnitChange& c = in.comparison.units[u];
    mstch::map row{{"name", PairName(in, c.pair)},
                   {"label", Ellipsize(PairName(in, c.pair), 18)},
                   {"y", FormatNumber(y)},
                   {"text_y", FormatNumber(y + 13)},
                   {"fixed", std::to_string(c.fixed)},
                   {"persisting", std::to_string(c.persisting)},
                   {"new", std::to_string(c.added)}};
    PlaceStackedBar(row, kLabel,
                    {{"fixed", c.fixed * scale},
                     {"persisting", c.persisting * scale},
                     {"new", c.added * scale}});
    rows.push_back(std::move(row));
    y += kRow;
  }
  page["has_counts_chart"] = !units.empty();
  page["counts_rows"] = std::move(rows);
  page["counts_chart_width"] = FormatNumber(kLabel + kBars + 60);
  page["counts_chart_height"] = FormatNumber(y + 2);
}

mstch::node SideName(const SnapshotUnit* unit) {
  return unit == nullptr ? mstch::node(std::string("—"))
                         : mstch::node(unit->name);
}

void AddUnitRows(const CompareInput& in, mstch::map& page) {
  mstch::array rows, added, removed, renamed, options;
  for (int u : UnitOrder(in)) {
    const UnitChange& c = in.comparison.units[u];
    const SnapshotUnit* then = OldUnitOf(in, c.pair);
    const SnapshotUnit* now = NewUnitOf(in, c.pair);
    const bool matched = IsMatched(c);
    mstch::map row{
        {"pair", StrCat("p", u)},
        {"kind", std::string(UnitMatchKindName(c.pair.kind))},
        {"kind_zh", std::string(MatchKindChinese(c.pair.kind))},
        {"old_name", SideName(then)},
        {"new_name", SideName(now)},
        {"renamed", c.pair.kind == UnitMatchKind::kFuzzy},
        {"name_similarity",
         matched ? FormatNumber(c.pair.name_similarity, 2) : "—"},
        {"content_similarity",
         matched ? FormatNumber(c.pair.content_similarity, 2) : "—"},
        {"quality_old", then ? FormatNumber(c.quality_old) : "—"},
        {"quality_new", now ? FormatNumber(c.quality_new) : "—"},
        {"quality_change", matched ? SignedNumber(QualityChange(c)) : "—"},
        {"direction", std::string(!matched               ? ""
                                  : QualityChange(c) > 0 ? "up"
                                  : QualityChange(c) < 0 ? "down"
                                                         : "")},
        {"fixed", std::to_string(c.fixed)},
        {"persisting", std::to_string(c.persisting)},
        {"new", std::to_string(c.added)}};
    options.push_back(mstch::map{
        {"pair", StrCat("p", u)},
        {"name", PairName(in, c.pair)},
        {"count", std::to_string(c.fixed + c.persisting + c.added)}});
    if (c.pair.kind == UnitMatchKind::kAdded) added.push_back(row);
    if (c.pair.kind == UnitMatchKind::kRemoved) removed.push_back(row);
    if (c.pair.kind == UnitMatchKind::kFuzzy) renamed.push_back(row);
    rows.push_back(std::move(row));
  }
  page["has_added_units"] = !added.empty();
  page["has_removed_units"] = !removed.empty();
  page["has_renamed_units"] = !renamed.empty();
  page["unit_rows"] = std::move(rows);
  page["added_units"] = std::move(added);
  page["removed_units"] = std::move(removed);
  page["renamed_units"] = std::move(renamed);
  page["unit_options"] = std::move(options);
}

mstch::map FindingRow(const CompareInput& in, const FindingChange& change,
                      int n) {
  const SnapshotFinding& shown = ShownFinding(in, change);
  const SnapshotUnit* then = OldUnitOf(in, change);
  const SnapshotUnit* now = NewUnitOf(in, change);
  const bool renamed =
      then != nullptr && now != nullptr && then->name != now->name;
  return mstch::map{
      {"n", std::to_string(n)},
      {"pair", change.pair >= 0 ? StrCat("p", change.pair) : ""},
      {"status", std::string(ChangeStatusName(change.status))},
      {"severity", shown.severity},
      {"severity_zh", std::string(SeverityChinese(shown.severity))},
      {"priority", FormatNumber(shown.priority, 3)},
      {"rule", shown.rule},
      {"rule_title", RuleTitle(shown.rule)},
      {"unit_name", UnitNameOf(in, change)},
      {"old_unit_name", renamed ? mstch::node(then->name) : mstch::node(false)},
      {"indicator",
       shown.indicator.empty() ? std::string("（整表）") : shown.indicator},
      {"message", shown.message},
      {"reason", std::string(ReasonChinese(ReasonOf(in, change)))},
      {"old_place", FindingPlace(OldFindingOf(in, change))},
      {"new_place", FindingPlace(NewFindingOf(in, change))}};
}

void AddFindingRows(const CompareInput& in, int max_persisting_rows,
                    mstch::map& page) {
  mstch::array groups[3];  // new, fixed, persisting: the page's order
  for (int f : FindingOrder(in)) {
    const FindingChange& change = in.comparison.findings[f];
    const int g = change.status == ChangeStatus::kNew     ? 0
                  : change.status == ChangeStatus::kFixed ? 1
                                                          : 2;
    if (g == 2 && static_cast<int>(groups[g].size()) >= max_persisting_rows) {
      continue;  // FindingOrder is by priority: the rest matter less
    }
    groups[g].push_back(
        FindingRow(in, change, static_cast<int>(groups[g].size()) + 1));
  }
  const int persisting = in.comparison.persisting;
  page["persisting_cut"] = persisting > max_persisting_rows;
  page["persisting_shown"] = std::to_string(groups[2].size());
  page["new_findings_rows"] = std::move(groups[0]);
  page["fixed_findings_rows"] = std::move(groups[1]);
  page["persisting_findings_rows"] = std::move(groups[2]);
}

}  // namespace

std::string CompareHtml(const CompareInput& in, int max_persisting_rows) {
  const std::string title = StrCat("年度对比：", YearText(in.old_run.year),
                                   " → ", YearText(in.new_run.year));
  mstch::map page{{"version", std::string(JXAUDIT_VERSION)},
                  {"title", title},
                  {"old_label", in.old_run.label},
                  {"new_label", in.new_run.label},
                  {"old_year", YearText(in.old_run.year)},
                  {"new_year", YearText(in.new_run.year)}};
  AddHeadline(in, page);
  AddQualityChart(in, page);
  AddCountsChart(in, page);
  AddUnitRows(in, page);
  AddFindingRows(in, max_persisting_rows, page);
  return mstch::render(std::string(ReportTemplate("compare.html")), page);
}

}  // namespace jxaudit
