#include "reports/report_writer.h"

#include <filesystem>
#include <set>

#include "analyzer/model/strings.h"
#include "re2/re2.h"
#include "reports/atomic_file.h"
#include "reports/csv_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/markdown_report.h"
#include "reports/report_common.h"
#include "reports/review_pages.h"
#include "reports/sarif_report.h"
#include "reports/xlsx_report.h"

namespace jxaudit {
namespace {

namespace fs = std::filesystem;

constexpr char kCorrections[] = "corrections";

void Advance(Progress* progress, std::string_view label) {
  if (progress != nullptr) progress->Step(label);
}

constexpr char kReviewPages[] = "review";

// Removes reports of an earlier run that this run did not write: files
// whose name has the shape `pattern` in `folder` and, for a province's
// jurisdictions, its sub-folders (then left empty ones too). `written` holds
// paths relative to the out folder.
void RemoveStale(const fs::path& out_dir, const std::string& folder,
                 const RE2& pattern, const std::set<std::string>& written) {
  std::error_code error;
  std::vector<fs::path> sub_folders;
  for (auto it = fs::recursive_directory_iterator(out_dir / folder, error);
       it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) break;
    if (it.depth() > 1) continue;
    if (it->is_directory(error)) {
      sub_folders.push_back(it->path());
      continue;
    }
    const std::string name = it->path().filename().string();
    const std::string relative =
        it->path().lexically_relative(out_dir).generic_string();
    if (it->is_regular_file(error) && RE2::FullMatch(name, pattern) &&
        !written.count(relative)) {
      fs::remove(it->path(), error);
    }
  }
  sub_folders.push_back(out_dir / folder);
  for (const fs::path& sub : sub_folders) {
    if (fs::is_empty(sub, error)) fs::remove(sub, error);
  }
}

absl::Status WriteReview(const ReportInput& input, const ReviewLayout& layout,
                         StagedReports& stage, WrittenReports& written,
                         Progress* progress) {
  for (size_t i = 0; i < layout.pages.size(); ++i) {
    const std::string& path = layout.pages[i].path;
    Advance(progress, StrCat("写入 ", path));
    if (auto s = stage.Write(path, ReviewPageHtml(input, layout, i)); !s.ok())
      return s;
    written.files.push_back(path);
  }
  Advance(progress, "写入 review.html");
  written.files.push_back("review.html");
  return stage.Write("review.html", layout.paged
                                        ? ReviewOverviewHtml(input, layout)
                                        : ReviewHtml(input));
}

}  // namespace

int ReportSteps(const ReportInput& input) {
  return 5 + static_cast<int>(PlanReview(input).pages.size()) +
         2 * static_cast<int>(UnitsWithFindings(input).size());
}

absl::StatusOr<WrittenReports> WriteReports(const ReportInput& input,
                                            const std::string& out_dir,
                                            Progress* progress) {
  auto staged = StagedReports::Begin(out_dir);
  if (!staged.ok()) return staged.status();
  StagedReports& stage = **staged;
  WrittenReports written;
  const auto write = [&](const std::string& name, std::string_view bytes) {
    Advance(progress, StrCat("写入 ", name));
    written.files.push_back(name);
    return stage.Write(name, bytes);
  };
  if (auto s = write("findings.json", FindingsJson(input).dump(2) + "\n");
      !s.ok())
    return s;
  if (auto s = write("findings.sarif", FindingsSarif(input).dump(2) + "\n");
      !s.ok())
    return s;
  if (auto s = write("findings.csv", FindingsCsv(input)); !s.ok()) return s;
  const ReviewLayout layout = PlanReview(input);
  written.review_pages = static_cast<int>(layout.pages.size());
  written.jurisdictions = JurisdictionCount(input.corpus);
  if (auto s = WriteReview(input, layout, stage, written, progress); !s.ok())
    return s;

  const auto by_unit = FindingsByUnit(input);
  Advance(progress, "写入 corrections.xlsx");
  if (auto s = stage.WriteWith("corrections.xlsx",
                               [&](const std::string& path) {
                                 return WriteOverviewWorkbook(input, by_unit,
                                                              path);
                               });
      !s.ok()) {
    return s;
  }
  written.files.push_back("corrections.xlsx");

  std::set<std::string> names;
  const bool by_jurisdiction = JurisdictionCount(input.corpus) > 1;
  for (int u : UnitsWithFindings(input)) {
    const std::string stem =
        CorrectionListStem(input.corpus.units[u], by_jurisdiction);
    const std::string xlsx = stem + ".xlsx";
    const std::string md = stem + ".md";
    names.insert(xlsx);
    names.insert(md);
    Advance(progress, StrCat("写入 ", xlsx));
    if (auto s = stage.WriteWith(xlsx,
                                 [&](const std::string& path) {
                                   return WriteUnitWorkbook(input, u,
                                                            by_unit[u], path);
                                 });
        !s.ok()) {
      return s;
    }
    Advance(progress, StrCat("写入 ", md));
    if (auto s = stage.Write(md, CorrectionMarkdown(input, u, by_unit[u]));
        !s.ok()) {
      return s;
    }
    written.files.push_back(xlsx);
    written.files.push_back(md);
    ++written.unit_lists;
  }
  if (auto s = stage.Commit(); !s.ok()) return s;
  // Only names of the shapes jxaudit writes are touched.
  static const RE2 kListName(R"(u\d+(-.*)?\.(xlsx|md))");
  static const RE2 kPageName(R"(.*\.html)");
  std::set<std::string> pages;
  for (const ReviewPage& page : layout.pages) pages.insert(page.path);
  RemoveStale(out_dir, kCorrections, kListName, names);
  RemoveStale(out_dir, kReviewPages, kPageName, pages);
  std::error_code error;
  fs::create_directories(fs::path(out_dir) / kCorrections, error);
  return written;
}

}  // namespace jxaudit
