#include "reports/report_writer.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>

#include "absl/strings/str_join.h"
#include "analyzer/model/parallel.h"
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

std::mutex g_progress_mutex;  // steps come from the writing threads

void Advance(Progress* progress, std::string_view label) {
  if (progress == nullptr) return;
  const std::lock_guard<std::mutex> lock(g_progress_mutex);
  progress->Step(label);
}

// Calls write(i) for every i in [0, n) on `threads` threads (a province
// has hundreds of pages and thousands of lists, each written on its own).
// After a failure no new write starts; the failure of the lowest index is
// returned.
absl::Status WriteEach(int n, int threads,
                       const std::function<absl::Status(int i)>& write) {
  std::vector<absl::Status> results(n);
  std::atomic<bool> failed{false};
  ParallelFor(n, threads, [&](int i) {
    if (failed.load()) return;
    results[i] = write(i);
    if (!results[i].ok()) failed = true;
  });
  for (const absl::Status& result : results) {
    if (!result.ok()) return result;
  }
  return absl::OkStatus();
}

// What a run wrote, one path per line relative to the out folder, so that
// the next run removes exactly the reports it no longer writes (a county's
// page, a unit's list) and never a file of the user's.
constexpr char kManifest[] = ".jxaudit-reports";

std::set<std::string> ReadManifest(const fs::path& out_dir) {
  std::set<std::string> paths;
  std::ifstream in(out_dir / kManifest);
  for (std::string line; std::getline(in, line);) {
    // Only plain relative paths: a damaged manifest must not reach outside.
    if (!line.empty() && line[0] != '/' && line.find("..") == std::string::npos)
      paths.insert(line);
  }
  return paths;
}

// Removes what the earlier run wrote and this one did not, and the folders
// that leaves empty (a county's folder of lists, review/).
void RemoveEarlierReports(const fs::path& out_dir,
                          const std::set<std::string>& earlier,
                          const std::vector<std::string>& written) {
  const std::set<std::string> now(written.begin(), written.end());
  std::set<fs::path> folders;
  std::error_code error;
  for (const std::string& path : earlier) {
    if (now.count(path)) continue;
    fs::remove(out_dir / path, error);
    for (fs::path parent = fs::path(path).parent_path(); !parent.empty();
         parent = parent.parent_path()) {
      folders.insert(out_dir / parent);
    }
  }
  // Deepest first, so that a folder emptied by its sub-folder's removal goes.
  for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
    if (fs::is_empty(*it, error)) fs::remove(*it, error);
  }
}

// Output folders written before the manifest existed: correction lists
// ("u0007-….xlsx/.md") directly in corrections/ that this run did not
// write. Only names of that shape are touched.
void RemoveStaleLists(const fs::path& folder,
                      const std::set<std::string>& written) {
  static const RE2 kListName(R"(u\d+(-.*)?\.(xlsx|md))");
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file(error) && RE2::FullMatch(name, kListName) &&
        !written.count(StrCat(kCorrections, "/", name))) {
      fs::remove(entry.path(), error);
    }
  }
}

absl::Status WriteReview(const ReportInput& input, const ReviewLayout& layout,
                         StagedReports& stage, WrittenReports& written,
                         Progress* progress) {
  const int pages = static_cast<int>(layout.pages.size());
  if (auto s = WriteEach(pages, input.threads,
                         [&](int i) {
                           const std::string& path = layout.pages[i].path;
                           Advance(progress, StrCat("写入 ", path));
                           return stage.Write(path,
                                              ReviewPageHtml(input, layout, i));
                         });
      !s.ok()) {
    return s;
  }
  for (const ReviewPage& page : layout.pages)
    written.files.push_back(page.path);
  Advance(progress, "写入 review.html");
  written.files.push_back("review.html");
  return stage.Write("review.html", layout.paged
                                        ? ReviewOverviewHtml(input, layout)
                                        : ReviewHtml(input));
}

// Each unit's correction list, .xlsx and .md, under corrections/ (in a
// folder per jurisdiction for a province); `names` gets their paths.
absl::Status WriteUnitLists(
    const ReportInput& input,
    const std::vector<std::vector<const Finding*>>& by_unit,
    StagedReports& stage, WrittenReports& written, std::set<std::string>& names,
    Progress* progress) {
  const bool by_jurisdiction = written.jurisdictions > 1;
  const std::vector<int> units = UnitsWithFindings(input);
  std::vector<std::string> stems;
  stems.reserve(units.size());
  for (int u : units) {
    stems.push_back(CorrectionListStem(input.corpus.units[u], by_jurisdiction));
  }
  const auto write = [&](int k) {
    const int u = units[k];
    const std::string xlsx = stems[k] + ".xlsx";
    Advance(progress, StrCat("写入 ", xlsx));
    if (auto s = stage.WriteWith(xlsx,
                                 [&](const std::string& path) {
                                   return WriteUnitWorkbook(input, u,
                                                            by_unit[u], path);
                                 });
        !s.ok()) {
      return s;
    }
    const std::string md = stems[k] + ".md";
    Advance(progress, StrCat("写入 ", md));
    return stage.Write(md, CorrectionMarkdown(input, u, by_unit[u]));
  };
  if (auto s = WriteEach(static_cast<int>(units.size()), input.threads, write);
      !s.ok()) {
    return s;
  }
  for (const std::string& stem : stems) {
    for (const char* extension : {".xlsx", ".md"}) {
      names.insert(stem + extension);
      written.files.push_back(stem + extension);
    }
    ++written.unit_lists;
  }
  return absl::OkStatus();
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
  // The machine-readable reports, each streamed to its file as rendered.
  using Writer = absl::Status (*)(const ReportInput&, const ByteSink&);
  for (const std::pair<const char*, Writer>& report :
       {std::pair<const char*, Writer>{"findings.json", WriteFindingsJson},
        {"findings.sarif", WriteFindingsSarif},
        {"findings.csv", WriteFindingsCsv}}) {
    const Writer writer = report.second;
    Advance(progress, StrCat("写入 ", report.first));
    written.files.push_back(report.first);
    if (auto s = stage.WriteStreamed(
            report.first,
            [&](const ByteSink& sink) { return writer(input, sink); });
        !s.ok()) {
      return s;
    }
  }
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
  if (auto s = WriteUnitLists(input, by_unit, stage, written, names, progress);
      !s.ok()) {
    return s;
  }
  const std::set<std::string> earlier = ReadManifest(out_dir);
  if (auto s =
          stage.Write(kManifest, absl::StrJoin(written.files, "\n") + "\n");
      !s.ok())
    return s;
  if (auto s = stage.Commit(); !s.ok()) return s;
  RemoveEarlierReports(out_dir, earlier, written.files);
  const fs::path lists = fs::path(out_dir) / kCorrections;
  std::error_code error;
  fs::create_directories(lists, error);
  RemoveStaleLists(lists, names);
  return written;
}

}  // namespace jxaudit
