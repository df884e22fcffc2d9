// How a review is laid out. A district's input (one reviewing jurisdiction)
// gets one review.html. A province's input (several jurisdictions, or more
// findings than one page holds) gets review.html as an overview and one page
// per jurisdiction under review/, each cut into parts of at most
// kMaxFindingsPerReviewPage findings (about 3 MB) so that every page opens
// in a few seconds; a unit's findings stay on one page.
#ifndef JXAUDIT_REPORTS_REVIEW_PAGES_H_
#define JXAUDIT_REPORTS_REVIEW_PAGES_H_

#include <string>
#include <string_view>
#include <vector>

#include "reports/report_input.h"

namespace jxaudit {

inline constexpr int kMaxFindingsPerReviewPage = 2000;

struct ReviewPage {
  std::string jurisdiction;  // as shown ("君山区", "未注明地区")
  std::string path;  // relative to the out folder: "review/君山区.html"
  int part = 1;      // 1-based, of `parts` pages of this jurisdiction
  int parts = 1;
  std::vector<int> units;  // corpus indices, in corpus order
  int findings = 0;        // findings on the page (not waived)
  // Every finding of the page's units (waived ones too), as indices into
  // ReportInput::findings in their ranked order.
  std::vector<int> finding_indices;
};

struct ReviewLayout {
  bool paged = false;             // false: one review.html, as for a district
  std::vector<ReviewPage> pages;  // when paged, in jurisdiction order
  std::vector<int> page_of_unit;  // when paged: index into `pages`
};

// The jurisdiction as shown and as a folder or file name.
std::string JurisdictionTitle(std::string_view jurisdiction);
std::string JurisdictionFileName(std::string_view jurisdiction);

// How many distinct jurisdictions the input's units belong to.
int JurisdictionCount(const Corpus& corpus);

// Where a unit's correction lists go, without the extension:
// "corrections/u0007-财政局", or by jurisdiction (when the input has
// several) "corrections/华容县/u0007-财政局".
std::string CorrectionListStem(const Unit& unit, bool by_jurisdiction);

ReviewLayout PlanReview(const ReportInput& input,
                        int max_findings = kMaxFindingsPerReviewPage);

// The findings (ranked order kept) of the units of one page, copied for a
// scoped ReportInput.
std::vector<Finding> FindingsOfPage(const ReportInput& input,
                                    const ReviewPage& page);

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_REVIEW_PAGES_H_
