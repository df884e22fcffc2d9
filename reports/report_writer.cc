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
#include "reports/sarif_report.h"
#include "reports/xlsx_report.h"

namespace jxaudit {
namespace {

namespace fs = std::filesystem;

constexpr char kCorrections[] = "corrections";

void Advance(Progress* progress, std::string_view label) {
  if (progress != nullptr) progress->Step(label);
}

// Removes correction lists of an earlier run ("u0007-….xlsx/.md") that this
// run did not write. Only names of that shape are touched.
void RemoveStaleLists(const fs::path& folder,
                      const std::set<std::string>& written) {
  static const RE2 kListName(R"(u\d+(-.*)?\.(xlsx|md))");
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file(error) && RE2::FullMatch(name, kListName) &&
        !written.count(name)) {
      fs::remove(entry.path(), error);
    }
  }
}

}  // namespace

int ReportSteps(const ReportInput& input) {
  return 5 + 2 * static_cast<int>(UnitsWithFindings(input).size());
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
  if (auto s = write("review.html", ReviewHtml(input)); !s.ok()) return s;

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
  for (int u : UnitsWithFindings(input)) {
    const std::string stem = UnitFileStem(input.corpus.units[u]);
    for (const std::string& name : {stem + ".xlsx", stem + ".md"})
      names.insert(name);
    const std::string xlsx = StrCat(kCorrections, "/", stem, ".xlsx");
    Advance(progress, StrCat("写入 ", xlsx));
    if (auto s = stage.WriteWith(xlsx,
                                 [&](const std::string& path) {
                                   return WriteUnitWorkbook(input, u,
                                                            by_unit[u], path);
                                 });
        !s.ok()) {
      return s;
    }
    const std::string md = StrCat(kCorrections, "/", stem, ".md");
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
  const fs::path lists = fs::path(out_dir) / kCorrections;
  std::error_code error;
  fs::create_directories(lists, error);
  RemoveStaleLists(lists, names);
  return written;
}

}  // namespace jxaudit
