#include "reports/review_pages.h"

#include <map>
#include <set>

#include "analyzer/model/strings.h"
#include "reports/report_common.h"

namespace jxaudit {

std::string JurisdictionTitle(std::string_view jurisdiction) {
  return jurisdiction.empty() ? "未注明地区" : std::string(jurisdiction);
}

std::string JurisdictionFileName(std::string_view jurisdiction) {
  const std::string name = FileNameSafe(JurisdictionTitle(jurisdiction), 40);
  return name.empty() || name == "." || name == ".." ? "_" : name;
}

int JurisdictionCount(const Corpus& corpus) {
  std::set<std::string_view> seen;
  for (const Unit& unit : corpus.units) seen.insert(unit.jurisdiction);
  return static_cast<int>(seen.size());
}

std::string CorrectionListStem(const Unit& unit, bool by_jurisdiction) {
  return by_jurisdiction
             ? StrCat("corrections/", JurisdictionFileName(unit.jurisdiction),
                      "/", UnitFileStem(unit))
             : StrCat("corrections/", UnitFileStem(unit));
}

namespace {

std::vector<int> FindingsPerUnit(const ReportInput& input) {
  std::vector<int> count(input.corpus.units.size(), 0);
  for (const Finding& finding : input.findings) {
    if (!finding.waived) ++count[finding.unit_index];
  }
  return count;
}

// One jurisdiction's units cut into pages of at most `max_findings`.
std::vector<ReviewPage> CutIntoPages(const std::string& jurisdiction,
                                     const std::vector<int>& units,
                                     const std::vector<int>& per_unit,
                                     int max_findings) {
  std::vector<ReviewPage> pages(1);
  for (int u : units) {
    if (pages.back().findings > 0 &&
        pages.back().findings + per_unit[u] > max_findings) {
      pages.emplace_back();
    }
    pages.back().units.push_back(u);
    pages.back().findings += per_unit[u];
  }
  for (size_t i = 0; i < pages.size(); ++i) {
    pages[i].jurisdiction = JurisdictionTitle(jurisdiction);
    pages[i].part = static_cast<int>(i + 1);
    pages[i].parts = static_cast<int>(pages.size());
  }
  return pages;
}

}  // namespace

ReviewLayout PlanReview(const ReportInput& input, int max_findings) {
  ReviewLayout layout;
  const std::vector<int> per_unit = FindingsPerUnit(input);
  int total = 0;
  for (int n : per_unit) total += n;
  layout.paged = JurisdictionCount(input.corpus) > 1 || total > max_findings;
  if (!layout.paged) return layout;
  std::map<std::string_view, std::vector<int>> by_jurisdiction;
  for (size_t u = 0; u < input.corpus.units.size(); ++u) {
    by_jurisdiction[input.corpus.units[u].jurisdiction].push_back(
        static_cast<int>(u));
  }
  layout.page_of_unit.assign(input.corpus.units.size(), 0);
  std::set<std::string> used;
  for (const auto& [jurisdiction, units] : by_jurisdiction) {
    std::string stem = JurisdictionFileName(jurisdiction);
    // Two names made the same by FileNameSafe ("a/b", "a_b") stay apart.
    for (int k = 2; used.count(stem); ++k) {
      stem = StrCat(JurisdictionFileName(jurisdiction), "_", k);
    }
    used.insert(stem);
    for (ReviewPage& page : CutIntoPages(std::string(jurisdiction), units,
                                         per_unit, max_findings)) {
      page.path = page.part == 1
                      ? StrCat("review/", stem, ".html")
                      : StrCat("review/", stem, "-", page.part, ".html");
      for (int u : page.units) {
        layout.page_of_unit[u] = static_cast<int>(layout.pages.size());
      }
      layout.pages.push_back(std::move(page));
    }
  }
  // One pass over the findings, not one per page.
  for (size_t f = 0; f < input.findings.size(); ++f) {
    const int page = layout.page_of_unit[input.findings[f].unit_index];
    layout.pages[page].finding_indices.push_back(static_cast<int>(f));
  }
  return layout;
}

std::vector<Finding> FindingsOfPage(const ReportInput& input,
                                    const ReviewPage& page) {
  std::vector<Finding> findings;
  findings.reserve(page.finding_indices.size());
  for (int f : page.finding_indices) findings.push_back(input.findings[f]);
  return findings;
}

}  // namespace jxaudit
