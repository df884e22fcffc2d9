#include "reports/markdown_report.h"

#include <mstch/mstch.hpp>

#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "reports/report_common.h"
#include "reports/templates.h"

namespace jxaudit {
namespace {

// Escapes what Markdown would otherwise read as markup inside a line:
// backslash, backquote, *, _, [ ], < (an HTML tag) and, in table cells, |.
std::string Inline(std::string_view text, bool in_table = false) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += in_table ? "<br>" : " ";
      continue;
    }
    if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' ||
        (in_table && c == '|')) {
      out += '\\';
    }
    if (c == '<') {
      out += "&lt;";
      continue;
    }
    out += c;
  }
  return out;
}

// The quoted row as a block quote, one "> **label**：text" paragraph per cell.
std::string QuoteBlock(const Corpus& corpus, const Finding& finding) {
  std::string out;
  for (const QuotePart& part : QuoteOf(corpus, finding)) {
    if (!out.empty()) out += "\n>\n";
    StrAppend(&out, "> **", part.label, "**：");
    bool first = true;
    size_t start = 0;
    const std::string& text = part.text;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (!first) out += "  \n> ";
      out += Inline(std::string_view(text).substr(start, end - start));
      first = false;
      start = end + 1;
    }
  }
  return out;
}

}  // namespace

std::string CorrectionMarkdown(const ReportInput& input, int u,
                               const std::vector<const Finding*>& findings) {
  const Corpus& corpus = input.corpus;
  const Unit& unit = corpus.units[u];
  const UnitScore& score = input.scores[u];
  std::array<int, 3> counts = {0, 0, 0};
  mstch::array rows;
  int n = 0;
  for (const Finding* finding : findings) {
    ++counts[static_cast<int>(finding->severity)];
    std::string levels = Level1Of(corpus, *finding);
    if (const std::string l2 = Level2Of(corpus, *finding); !l2.empty()) {
      StrAppend(&levels, " / ", l2);
    }
    const std::string indicator = IndicatorLabel(corpus, *finding);
    const std::string title = RuleTitle(input, finding->rule);
    rows.push_back(mstch::map{
        {"n", std::to_string(++n)},
        {"severity", std::string(SeverityChineseName(finding->severity))},
        {"indicator", Inline(indicator)},
        {"indicator_cell", Inline(indicator, true)},
        {"title", Inline(title)},
        {"title_cell", Inline(title, true)},
        {"levels", levels.empty() ? std::string("（整表）") : Inline(levels)},
        {"message", Inline(finding->message)},
        {"fix", finding->fix.empty() ? std::string("—") : Inline(finding->fix)},
        {"location", Inline(LocationText(finding->source))},
        {"rule", finding->rule},
        {"quote", QuoteBlock(corpus, *finding)}});
  }
  const mstch::map page{
      {"unit_name", Inline(TrimBlank(unit.DisplayName()))},
      {"unit_id", unit.id},
      {"year",
       input.target_year > 0 ? StrCat(input.target_year) : std::string("—")},
      {"quality", FormatNumber(score.quality)},
      {"unit_count", std::to_string(corpus.units.size())},
      {"rank", std::to_string(score.rank)},
      {"total", std::to_string(findings.size())},
      {"errors", std::to_string(counts[2])},
      {"warnings", std::to_string(counts[1])},
      {"infos", std::to_string(counts[0])},
      {"source", Inline(LocationText(unit.source))},
      {"version", std::string(JXAUDIT_VERSION)},
      {"findings", std::move(rows)}};
  return mstch::render(std::string(ReportTemplate("correction.md")), page);
}

}  // namespace jxaudit
