#include "reports/html_report.h"

#include <algorithm>
#include <map>
#include <mstch/mstch.hpp>

#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "reports/report_common.h"
#include "reports/review_pages.h"
#include "reports/svg_bars.h"
#include "reports/templates.h"

namespace jxaudit {
namespace {

// Rows a page shows at first (and after each filter) before "全部显示":
// the browser lays out only the rows shown.
constexpr int kRowLimit = 500;

// Findings by rule family, as horizontal stacked bars (error, warning, info).
void AddFamilyChart(const ReportInput& input, mstch::map& page) {
  std::map<std::string_view, std::array<int, 3>> counts;
  for (const Finding& finding : input.findings) {
    if (!finding.waived) {
      ++counts[RuleFamily(finding.rule)][static_cast<int>(finding.severity)];
    }
  }
  std::vector<std::string_view> families = Families();
  for (const auto& [family, unused] : counts) {
    if (std::find(families.begin(), families.end(), family) == families.end()) {
      families.push_back(family);
    }
  }
  int max_total = 1;
  for (const auto& [family, c] : counts)
    max_total = std::max(max_total, c[0] + c[1] + c[2]);
  constexpr double kLabelWidth = 84, kBarArea = 380, kRow = 28;
  mstch::array rows;
  double y = 6;
  for (std::string_view family : families) {
    const std::array<int, 3> c = counts[family];
    const double scale = kBarArea / max_total;
    mstch::map row{{"family", std::string(family)},
                   {"label", std::string(FamilyTitle(family))},
                   {"y", FormatNumber(y)},
                   {"text_y", FormatNumber(y + 14)},
                   {"errors", std::to_string(c[2])},
                   {"warnings", std::to_string(c[1])},
                   {"infos", std::to_string(c[0])},
                   {"total", std::to_string(c[0] + c[1] + c[2])}};
    PlaceStackedBar(row, kLabelWidth,
                    {{"error", c[2] * scale},
                     {"warning", c[1] * scale},
                     {"info", c[0] * scale}});
    rows.push_back(std::move(row));
    y += kRow;
  }
  page["family_rows"] = std::move(rows);
  page["family_chart_width"] = FormatNumber(kLabelWidth + kBarArea + 40);
  page["family_chart_height"] = FormatNumber(y + 2);
}

// Units by quality score: ten bands 0–9, 10–19, …, 90–100.
void AddQualityChart(const ReportInput& input, mstch::map& page) {
  std::array<int, 10> bands{};
  for (int u : UnitsInScope(input)) {
    const UnitScore& score = input.scores[u];
    ++bands[std::clamp(static_cast<int>(score.quality / 10), 0, 9)];
  }
  const int max_count =
      std::max(1, *std::max_element(bands.begin(), bands.end()));
  constexpr double kLeft = 34, kStep = 46, kBarWidth = 36, kTop = 18,
                   kHeight = 170;
  // Red for poor scores through amber to green for good ones.
  static constexpr const char* kColors[10] = {
      "#b03a2e", "#c0392b", "#cb4335", "#d35400", "#dc7633",
      "#e59866", "#d4ac0d", "#a9b82e", "#58a55c", "#2e8b57"};
  mstch::array bars;
  for (int i = 0; i < 10; ++i) {
    const double h = kHeight * bands[i] / max_count;
    bars.push_back(
        mstch::map{{"x", FormatNumber(kLeft + i * kStep)},
                   {"y", FormatNumber(kTop + kHeight - h)},
                   {"w", FormatNumber(kBarWidth)},
                   {"h", FormatNumber(h)},
                   {"color", std::string(kColors[i])},
                   {"count", std::to_string(bands[i])},
                   {"count_y", FormatNumber(kTop + kHeight - h - 4)},
                   {"label", i == 9 ? std::string("90–100")
                                    : StrCat(i * 10, "–", i * 10 + 9)},
                   {"label_x", FormatNumber(kLeft + i * kStep + kBarWidth / 2)},
                   {"label_y", FormatNumber(kTop + kHeight + 16)}});
  }
  page["quality_bars"] = std::move(bars);
  page["quality_chart_width"] = FormatNumber(kLeft + 10 * kStep + 4);
  page["quality_chart_height"] = FormatNumber(kTop + kHeight + 24);
  page["quality_chart_base_y"] = FormatNumber(kTop + kHeight);
}

// The units most in need of review. On a province's overview (`layout`
// given) each links to its jurisdiction's page and names the jurisdiction.
void AddWorstUnits(const ReportInput& input, mstch::map& page,
                   const ReviewLayout* layout = nullptr) {
  std::vector<int> order = UnitsInScope(input);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return input.scores[a].rank < input.scores[b].rank;
  });
  mstch::array units;
  for (int u : order) {
    const UnitScore& score = input.scores[u];
    if (units.size() == 15 || score.quality >= 100) break;
    const Unit& unit = input.corpus.units[u];
    std::string href = StrCat("#unit=", unit.id);
    std::string jurisdiction;
    if (layout != nullptr) {
      const ReviewPage& home = layout->pages[layout->page_of_unit[u]];
      href = StrCat(home.path, href);
      jurisdiction = home.jurisdiction;
    }
    units.push_back(
        mstch::map{{"rank", std::to_string(score.rank)},
                   {"id", unit.id},
                   {"href", href},
                   {"jurisdiction", jurisdiction},
                   {"name", std::string(TrimBlank(unit.DisplayName()))},
                   {"quality", FormatNumber(score.quality)},
                   {"errors", std::to_string(score.errors)},
                   {"warnings", std::to_string(score.warnings)},
                   {"infos", std::to_string(score.infos)},
                   {"indicators", std::to_string(unit.RealIndicatorCount())},
                   {"weight_sum", FormatNumber(score.weight_sum, 2)}});
  }
  page["worst_units"] = std::move(units);
}

void AddFilterOptions(const ReportInput& input, mstch::map& page) {
  std::map<std::string, int> per_rule;
  std::map<std::string_view, int> per_family;
  std::vector<int> per_unit(input.corpus.units.size(), 0);
  for (const Finding& finding : input.findings) {
    if (finding.waived) continue;
    ++per_rule[finding.rule];
    ++per_family[RuleFamily(finding.rule)];
    ++per_unit[finding.unit_index];
  }
  mstch::array families;
  for (std::string_view family : Families()) {
    if (per_family[family] == 0) continue;
    mstch::array rules;
    for (const auto& [id, count] : per_rule) {
      if (RuleFamily(id) != family) continue;
      rules.push_back(mstch::map{{"id", id},
                                 {"title", RuleTitle(input, id)},
                                 {"count", std::to_string(count)}});
    }
    families.push_back(mstch::map{{"family", std::string(family)},
                                  {"label", std::string(FamilyTitle(family))},
                                  {"count", std::to_string(per_family[family])},
                                  {"rules", std::move(rules)}});
  }
  page["family_options"] = std::move(families);
  mstch::array units;
  for (int u : UnitsWithFindings(input)) {
    const Unit& unit = input.corpus.units[u];
    units.push_back(
        mstch::map{{"id", unit.id},
                   {"name", std::string(TrimBlank(unit.DisplayName()))},
                   {"count", std::to_string(per_unit[u])}});
  }
  page["unit_options"] = std::move(units);
}

std::string TermsText(const ReportInput& input,
                      const std::vector<UnitStake>& stakes,
                      const Finding& finding) {
  double certainty = 0.5;
  for (const RuleDescription& rule : input.rules) {
    if (rule.id == finding.rule) certainty = rule.certainty;
  }
  const RankingSettings& r = input.ranking;
  const PriorityTerms t = TermsOf(input.corpus, stakes, r, certainty, finding);
  return StrCat("优先级 ", FormatNumber(finding.priority, 3), " = ",
                FormatNumber(r.severity_weight, 3), "×严重程度 ",
                FormatNumber(t.severity, 2), " + ",
                FormatNumber(r.stake_weight, 3), "×涉及分值 ",
                FormatNumber(t.stake, 3), "（", FormatNumber(t.stake_points, 2),
                " 分）+ ", FormatNumber(r.certainty_weight, 3), "×确定度 ",
                FormatNumber(t.certainty, 2));
}

mstch::array FindingRows(const ReportInput& input) {
  const Corpus& corpus = input.corpus;
  mstch::array rows;
  int n = 0;
  const std::vector<UnitStake> stakes = StakesOf(corpus);
  for (const Finding& finding : input.findings) {
    if (finding.waived) continue;
    const Unit& unit = corpus.units[finding.unit_index];
    const UnitScore& score = input.scores[finding.unit_index];
    mstch::array quote;
    for (const QuotePart& part : QuoteOf(corpus, finding)) {
      quote.push_back(mstch::map{{"label", part.label}, {"text", part.text}});
    }
    std::string levels = Level1Of(corpus, finding);
    if (const std::string level2 = Level2Of(corpus, finding); !level2.empty()) {
      StrAppend(&levels, " / ", level2);
    }
    rows.push_back(mstch::map{
        {"n", std::to_string(++n)},
        {"beyond_limit", n > kRowLimit},
        {"priority", FormatNumber(finding.priority, 3)},
        {"terms", TermsText(input, stakes, finding)},
        {"severity", std::string(SeverityName(finding.severity))},
        {"severity_order", std::to_string(static_cast<int>(finding.severity))},
        {"severity_zh", std::string(SeverityChineseName(finding.severity))},
        {"rule", finding.rule},
        {"rule_title", RuleTitle(input, finding.rule)},
        {"unit_id", unit.id},
        {"unit_name", std::string(TrimBlank(unit.DisplayName()))},
        {"unit_quality", FormatNumber(score.quality)},
        {"unit_rank", std::to_string(score.rank)},
        {"indicator", IndicatorLabel(corpus, finding)},
        {"levels", levels},
        {"message", finding.message},
        {"fix", finding.fix},
        {"location", LocationText(finding.source)},
        {"quote", std::move(quote)}});
  }
  return rows;
}

void AddHeadline(const ReportInput& input, mstch::map& page) {
  const std::vector<int> scope = UnitsInScope(input);
  int indicators = 0, placeholders = 0;
  for (int u : scope) {
    for (const IndicatorRow& row : input.corpus.units[u].rows)
      (row.IsPlaceholder() ? placeholders : indicators)++;
  }
  const std::array<int, 3> counts = SeverityCounts(input.findings);
  int units_with_errors = 0, waived = 0;
  std::vector<double> qualities;
  for (int u : scope) {
    const UnitScore& score = input.scores[u];
    if (score.errors > 0) ++units_with_errors;
    qualities.push_back(score.quality);
  }
  for (const Finding& finding : input.findings)
    waived += finding.waived ? 1 : 0;
  double mean = 0;
  for (double q : qualities) mean += q;
  mean = qualities.empty() ? 0 : mean / qualities.size();
  std::sort(qualities.begin(), qualities.end());
  const size_t k = qualities.size();
  const double median = k == 0  ? 0
                        : k % 2 ? qualities[k / 2]
                                : (qualities[k / 2 - 1] + qualities[k / 2]) / 2;
  page["units"] = std::to_string(scope.size());
  page["indicators"] = std::to_string(indicators);
  page["placeholders"] = std::to_string(placeholders);
  const int total = counts[0] + counts[1] + counts[2];
  page["findings_total"] = std::to_string(total);
  page["findings_shown"] = std::to_string(std::min(total, kRowLimit));
  page["findings_cut"] = total > kRowLimit;
  page["row_limit"] = std::to_string(kRowLimit);
  page["errors"] = std::to_string(counts[2]);
  page["warnings"] = std::to_string(counts[1]);
  page["infos"] = std::to_string(counts[0]);
  page["units_with_errors"] = std::to_string(units_with_errors);
  page["units_with_findings"] = std::to_string(UnitsWithFindings(input).size());
  page["mean_quality"] = FormatNumber(mean);
  page["median_quality"] = FormatNumber(median);
  page["has_waived"] = waived > 0;
  page["waived"] = std::to_string(waived);
}

void AddFormula(const ReportInput& input, mstch::map& page) {
  const RankingSettings& r = input.ranking;
  page["severity_weight"] = FormatNumber(r.severity_weight, 3);
  page["stake_weight"] = FormatNumber(r.stake_weight, 3);
  page["certainty_weight"] = FormatNumber(r.certainty_weight, 3);
  page["score_error"] = FormatNumber(r.severity_score[2], 3);
  page["score_warning"] = FormatNumber(r.severity_score[1], 3);
  page["score_info"] = FormatNumber(r.severity_score[0], 3);
  page["stake_full_points"] = FormatNumber(r.stake_full_points);
  page["max_loss_per_rule"] = FormatNumber(r.max_loss_per_rule);
}

}  // namespace

namespace {

// `scope`: the jurisdiction a page covers, added to the title.
mstch::map PageHead(const ReportInput& input, std::string_view scope = "") {
  mstch::map page{
      {"version", std::string(JXAUDIT_VERSION)},
      {"title",
       StrCat(input.target_year > 0 ? StrCat(input.target_year, "年度") : "",
              "整体支出绩效目标表审核报告", scope.empty() ? "" : " · ", scope)},
      {"config", input.config_path}};
  std::string inputs;
  for (const std::string& path : input.corpus.inputs) {
    StrAppend(&inputs, inputs.empty() ? "" : "、", path);
  }
  std::string subtitle = StrCat("目标年度 ", input.target_year, " · 输入 ",
                                inputs, " · jxaudit ", JXAUDIT_VERSION);
  if (const BaselineInfo* b = input.baseline; b != nullptr) {
    StrAppend(&subtitle, " · 只列出相对基线 ", b->path, "（", b->year,
              " 年度）新增的问题；仍存在的 ", b->persisting,
              " 个未列出，已整改 ", b->fixed, " 个");
  }
  page["subtitle"] = subtitle;
  return page;
}

// What every kind of page shows above its tables.
void AddSummary(const ReportInput& input, mstch::map& page) {
  AddHeadline(input, page);
  AddFamilyChart(input, page);
  AddQualityChart(input, page);
  AddFilterOptions(input, page);
  AddFormula(input, page);
}

std::string Render(const mstch::map& page) {
  return mstch::render(std::string(ReportTemplate("review.html")), page);
}

std::string FileNameOf(std::string_view path) {
  return std::string(path.substr(path.rfind('/') + 1));
}

// The other parts of a jurisdiction cut into several pages.
mstch::array PartLinks(const ReviewLayout& layout, size_t index) {
  mstch::array links;
  const ReviewPage& here = layout.pages[index];
  const size_t first = index - (here.part - 1);
  for (int k = 0; k < here.parts; ++k) {
    const ReviewPage& part = layout.pages[first + k];
    links.push_back(mstch::map{{"label", StrCat("第", part.part, "页")},
                               {"href", FileNameOf(part.path)},
                               {"current", part.part == here.part}});
  }
  return links;
}

struct JurisdictionTotals {
  std::string name;
  int units = 0, units_with_errors = 0;
  double quality_sum = 0;
  std::array<int, 3> findings{};
  mstch::array pages;
};

mstch::array JurisdictionRows(const ReportInput& input,
                              const ReviewLayout& layout) {
  std::vector<std::array<int, 3>> per_unit(input.corpus.units.size());
  for (const Finding& finding : input.findings) {
    if (!finding.waived) {
      ++per_unit[finding.unit_index][static_cast<int>(finding.severity)];
    }
  }
  std::vector<JurisdictionTotals> totals;
  for (const ReviewPage& page : layout.pages) {
    if (page.part == 1) totals.push_back({page.jurisdiction});
    JurisdictionTotals& t = totals.back();
    for (int u : page.units) {
      ++t.units;
      t.units_with_errors += input.scores[u].errors > 0 ? 1 : 0;
      t.quality_sum += input.scores[u].quality;
      for (int s = 0; s < 3; ++s) t.findings[s] += per_unit[u][s];
    }
    t.pages.push_back(
        mstch::map{{"label", page.parts == 1 ? std::string("问题清单")
                                             : StrCat("第", page.part, "页")},
                   {"href", page.path}});
  }
  std::stable_sort(totals.begin(), totals.end(),
                   [](const auto& a, const auto& b) {
                     return a.quality_sum / a.units < b.quality_sum / b.units;
                   });
  mstch::array rows;
  for (JurisdictionTotals& t : totals) {
    rows.push_back(
        mstch::map{{"rank", std::to_string(rows.size() + 1)},
                   {"name", t.name},
                   {"units", std::to_string(t.units)},
                   {"mean_quality", FormatNumber(t.quality_sum / t.units)},
                   {"errors", std::to_string(t.findings[2])},
                   {"warnings", std::to_string(t.findings[1])},
                   {"infos", std::to_string(t.findings[0])},
                   {"units_with_errors", std::to_string(t.units_with_errors)},
                   {"pages", std::move(t.pages)}});
  }
  return rows;
}

}  // namespace

std::string ReviewHtml(const ReportInput& input) {
  mstch::map page = PageHead(input);
  AddSummary(input, page);
  AddWorstUnits(input, page);
  page["findings"] = FindingRows(input);
  return Render(page);
}

std::string ReviewPageHtml(const ReportInput& input, const ReviewLayout& layout,
                           size_t index) {
  const ReviewPage& here = layout.pages[index];
  const std::vector<Finding> findings = FindingsOfPage(input, here);
  const ReportInput scoped = ScopedTo(input, findings, here.units);
  mstch::map page = PageHead(scoped, here.jurisdiction);
  page["scope_name"] = here.parts == 1
                           ? here.jurisdiction
                           : StrCat(here.jurisdiction, "（第", here.part, "/",
                                    here.parts, "页）");
  page["overview_href"] = std::string("../review.html");
  page["parts"] = here.parts > 1;
  page["part_links"] = PartLinks(layout, index);
  AddSummary(scoped, page);
  AddWorstUnits(scoped, page);
  page["findings"] = FindingRows(scoped);
  return Render(page);
}

std::string ReviewOverviewHtml(const ReportInput& input,
                               const ReviewLayout& layout) {
  mstch::map page = PageHead(input);
  AddSummary(input, page);
  AddWorstUnits(input, page, &layout);
  page["overview"] = true;
  page["jurisdiction_rows"] = JurisdictionRows(input, layout);
  return Render(page);
}

}  // namespace jxaudit
