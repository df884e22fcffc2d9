// Office submissions: Word, Excel, CSV/TSV, web pages and encodings give the
// model and findings of the text export; findings name the place in the
// department's own file; folders of mixed files; hostile files.
//
// fixtures/office/ was made by tools/make_office_fixtures.py through
// LibreOffice from six units of the bundled corpus (fixtures/office/units.txt
// holds their text exactly as in the corpus).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <re2/re2.h>
#include <zip.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "analyzer/ingest/submission.h"
#include "analyzer/ingest/table_text.h"
#include "analyzer/ingest/xlsx_reader.h"
#include "analyzer/ingest/zip_reader.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Office(const std::string& relative) {
  return SourcePath("fixtures/office/" + relative);
}

// The reference: the six units as the corpus has them.
const Corpus& Reference() {
  static const Corpus kCorpus =
      LoadCorpus({Office("units.txt")}, DefaultConfig());
  return kCorpus;
}

// The row as the rules see it. A table's last row that the text export cut
// off after its category cells (the quirk GUIDE describes) is a full row in
// the Word original: both are placeholders.
std::string RowKey(const IndicatorRow& row) {
  std::string key = row.IsPlaceholder() ? "placeholder" : "indicator";
  for (const Cell* cell :
       {&row.level1_raw, &row.level2_raw, &row.name, &row.op, &row.value,
        &row.unit, &row.explanation, &row.rule, &row.weight}) {
    key += "|" + std::string(cell->text);
  }
  key += "|" + std::string(row.level1) + "|" + std::string(row.level2);
  key += row.level1_inherited ? "|i1" : "|-";
  key += row.level2_inherited ? "|i2" : "|-";
  key += "|" + std::to_string(row.parsed_weight.points);
  key += "|" + std::string(ValueKindName(row.parsed_value.kind));
  return key;
}

void ExpectSameUnits(const Corpus& got, const std::string& what) {
  const Corpus& want = Reference();
  ASSERT_EQ(got.units.size(), want.units.size()) << what;
  for (size_t u = 0; u < want.units.size(); ++u) {
    const Unit& a = want.units[u];
    const Unit& b = got.units[u];
    EXPECT_EQ(a.title, b.title) << what;
    EXPECT_EQ(a.name, b.name) << what;
    EXPECT_EQ(a.duties, b.duties) << what << " " << a.name;
    EXPECT_EQ(a.goals, b.goals) << what << " " << a.name;
    EXPECT_EQ(a.title_year, b.title_year) << what;
    EXPECT_EQ(a.goals_year, b.goals_year) << what;
    ASSERT_EQ(a.rows.size(), b.rows.size()) << what << " " << a.name;
    for (size_t r = 0; r < a.rows.size(); ++r) {
      EXPECT_EQ(RowKey(a.rows[r]), RowKey(b.rows[r]))
          << what << " " << a.name << " row " << r;
    }
  }
}

class SameUnits : public ::testing::TestWithParam<std::string> {};

TEST_P(SameUnits, GiveTheModelOfTheTextExport) {
  const Corpus corpus = LoadCorpus({Office(GetParam())}, DefaultConfig());
  for (const InputDiagnostic& d : corpus.diagnostics) {
    EXPECT_NE(d.level, InputDiagnostic::Level::kError) << d.message;
  }
  ExpectSameUnits(corpus, GetParam());
}

using FindingKey = std::tuple<std::string, std::string, std::string,
                              std::string>;  // rule, unit, indicator, message

// Messages name other rows by line in a text export ("与本表第1093行") and by
// place in an office file ("与本表表6 第9行", "第9行（卫生健康局!A9）"):
// compared without them (the places are checked below).
std::string WithoutRowRefs(std::string message) {
  static const RE2 kRef(R"((表\d+ )?第\d+行(（[^）]*!\w+）)?)");
  RE2::GlobalReplace(&message, kRef, "#");
  return message;
}

std::vector<FindingKey> FindingKeys(const Corpus& corpus,
                                    const std::vector<Finding>& findings) {
  std::vector<FindingKey> keys;
  for (const Finding& f : findings) {
    const Unit& unit = corpus.units[f.unit_index];
    const std::string indicator =
        f.row_index < 0 ? "" : std::string(unit.rows[f.row_index].name.text);
    keys.emplace_back(f.rule, std::string(unit.DisplayName()), indicator,
                      WithoutRowRefs(f.message));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

TEST_P(SameUnits, GiveTheFindingsOfTheTextExport) {
  const Corpus corpus = LoadCorpus({Office(GetParam())}, DefaultConfig());
  const auto want = FindingKeys(
      Reference(), RunRules(Reference(), DefaultConfig(), Rules(), {}));
  ASSERT_EQ(want.size(), 51u);
  EXPECT_EQ(FindingKeys(corpus, RunRules(corpus, DefaultConfig(), Rules(), {})),
            want);
}

INSTANTIATE_TEST_SUITE_P(Office, SameUnits,
                         ::testing::Values("same/units.docx", "same/units.xlsx",
                                           "same/units.csv", "same/units.html",
                                           "same/units-gbk.txt",
                                           "variants/units-utf16.tsv"));

// The whole bundled corpus written by LibreOffice as one Word document (120
// tables) and one workbook (120 sheets): the findings of the text export.
TEST(OfficeCorpus, WordAndExcelCopiesOfTheCorpusGiveItsFindings) {
  const Corpus& text = RealCorpus();
  const auto want =
      FindingKeys(text, RunRules(text, DefaultConfig(), Rules(), {}));
  ASSERT_EQ(want.size(), 480u);
  for (const char* file :
       {"corpus/junshan-2024.docx", "corpus/junshan-2024.xlsx"}) {
    const Corpus corpus = LoadCorpus({Office(file)}, DefaultConfig());
    ASSERT_EQ(corpus.units.size(), 120u) << file;
    for (size_t u = 0; u < corpus.units.size(); ++u) {
      EXPECT_EQ(corpus.units[u].name, text.units[u].name) << file;
    }
    EXPECT_EQ(
        FindingKeys(corpus, RunRules(corpus, DefaultConfig(), Rules(), {})),
        want)
        << file;
  }
}

// The finding on 信访局's 任务完成时间 (定性 with a date as value) and on
// 自然资源局's weights (90 points), located in each file by hand.
TEST(OfficePlaces, FindingsNameTheSheetCellTableRowOrLine) {
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"same/units.docx", {"表1 第11行", "表5 第1行"}},
      {"same/units.xlsx", {"信访局!A11", "自然资源局!A1"}},
      {"same/units.csv", {"第22行", "第128行"}},
      {"same/units.html", {"表1 第11行", "表1 第89行"}},
      {"units.txt", {"", ""}},
  };
  for (const auto& [file, places] : expected) {
    const Corpus corpus = LoadCorpus({Office(file)}, DefaultConfig());
    const auto findings = RunRules(corpus, DefaultConfig(), Rules(), {});
    int seen = 0;
    for (const Finding& f : findings) {
      const Unit& unit = corpus.units[f.unit_index];
      if (f.rule == "operator/value-mismatch" &&
          unit.rows[f.row_index].name.text == "任务完成时间") {
        EXPECT_EQ(f.source.place, places.first) << file;
        ++seen;
      }
      if (f.rule == "weight/sum") {
        EXPECT_EQ(unit.name, "岳阳市君山区自然资源局");
        EXPECT_EQ(f.source.place, places.second) << file;
        EXPECT_EQ(unit.source.place, places.second) << file;
        ++seen;
      }
    }
    EXPECT_EQ(seen, 2) << file;
  }
}

TEST(OfficeVariants, TitleAsHeadingAndUnitBlockInItsOwnTable) {
  const Corpus corpus =
      LoadCorpus({Office("variants/heading.docx")}, DefaultConfig());
  EXPECT_THAT(corpus.diagnostics, ::testing::IsEmpty());
  ASSERT_EQ(corpus.units.size(), 1u);
  const Unit& unit = corpus.units[0];
  const Unit& want = Reference().units[0];
  EXPECT_EQ(unit.title, "2024年岳阳市君山区信访局整体支出绩效目标表");
  EXPECT_EQ(unit.source.place, "第1段");
  EXPECT_EQ(unit.name, want.name);
  EXPECT_EQ(unit.duties, want.duties);
  EXPECT_EQ(unit.goals, want.goals);
  ASSERT_EQ(unit.rows.size(), want.rows.size());
  for (size_t r = 0; r < want.rows.size(); ++r) {
    EXPECT_EQ(RowKey(unit.rows[r]), RowKey(want.rows[r])) << r;
  }
}

TEST(OfficeVariants, TwoUnitsInOneSheet) {
  const Corpus corpus =
      LoadCorpus({Office("variants/one-sheet.xlsx")}, DefaultConfig());
  ASSERT_EQ(corpus.units.size(), 2u);
  EXPECT_EQ(corpus.units[0].name, "岳阳市君山区退役军人事务局");
  EXPECT_EQ(corpus.units[0].source.place, "两个单位!A1");
  EXPECT_EQ(corpus.units[1].name, "岳阳市君山区疾病预防控制中心");
  EXPECT_EQ(corpus.units[1].source.place, "两个单位!A28");
  EXPECT_EQ(corpus.units[1].rows.size(), Reference().units[2].rows.size());
}

TEST(OfficeFolder, SameUnitsInFiveFormatsAreCheckedOnceFromTheWordFile) {
  const Corpus corpus = LoadCorpus({Office("same")}, DefaultConfig());
  ASSERT_EQ(corpus.units.size(), 6u);
  for (const Unit& unit : corpus.units) {
    EXPECT_EQ(unit.source.file, Office("same/units.docx"));
  }
  std::vector<std::string> duplicates;
  for (const InputDiagnostic& d : corpus.diagnostics) {
    if (Contains(d.message, "重复提交")) {
      EXPECT_EQ(d.level, InputDiagnostic::Level::kWarning);
      EXPECT_THAT(d.message,
                  AllOf(HasSubstr("6 个单位（岳阳市君山区信访局、"),
                        HasSubstr("与 " + Office("same/units.docx"))));
      duplicates.push_back(fs::path(d.file).filename().string());
    }
  }
  EXPECT_THAT(duplicates, ElementsAre("units-gbk.txt", "units.csv",
                                      "units.html", "units.xlsx"));
}

// ---------------------------------------------------------------- packages

// A ZIP package built in the test with libzip.
std::string MakeZip(
    const std::vector<std::pair<std::string, std::string>>& entries) {
  const fs::path file = FreshDir("office-zip") / "package.zip";
  int error = 0;
  zip_t* archive = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* source =
        zip_source_buffer(archive, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(archive), 0);
  return ReadFile(file);
}

std::string Docx(const std::string& body) {
  return MakeZip(
      {{"word/document.xml",
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas."
        "openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
            body + "</w:body></w:document>"}});
}

std::string P(const std::string& text) {
  return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

std::string Tc(const std::string& inner, const std::string& props = "") {
  return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + inner + "</w:tc>";
}

TEST(OfficeDocx, ReadsControlsLinksTrackedChangesHiddenTextAndMerges) {
  const std::string header =
      "<w:tr>" + Tc(P("一级指标")) + Tc(P("二级指标")) + Tc(P("三级指标")) +
      Tc(P("指标值类型")) + Tc(P("指标值")) + Tc(P("计量单位")) +
      Tc(P("指标解释")) + Tc(P("评（扣）分标准")) + Tc(P("备注")) + "</w:tr>";
  const std::string row1 =
      "<w:tr>" + Tc(P("产出指标"), "<w:vMerge w:val=\"restart\"/>") +
      Tc(P("数量指标")) +
      // A content control and a hyperlink around the indicator's name.
      Tc("<w:p><w:sdt><w:sdtContent><w:r><w:t>会议</w:t></w:r></w:sdtContent>"
         "</w:sdt><w:hyperlink><w:r><w:t>召开</w:t></w:r></w:hyperlink></"
         "w:p>") +
      // ≥ inserted as a symbol of the Symbol font.
      Tc("<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F0B3\"/></w:r></w:p>") +
      // A tracked insertion is read, a deletion is not, hidden text is not.
      Tc("<w:p><w:ins><w:r><w:t>24</w:t></w:r></w:ins><w:del><w:r>"
         "<w:delText>12</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/>"
         "</w:rPr><w:t>隐藏</w:t></w:r></w:p>") +
      Tc(P("次")) + Tc(P("说明")) +
      // Two paragraphs and a line break: three lines of one cell.
      Tc("<w:p><w:r><w:t>1、达到24次得4分</w:t><w:br/><w:t>2、少1次扣1分</w:t>"
         "</w:r></w:p>" +
         P("扣完即止")) +
      Tc(P("4")) + "</w:tr>";
  const std::string row2 = "<w:tr>" + Tc(P(""), "<w:vMerge/>") +
                           Tc(P("质量指标")) + Tc(P("合格率")) + Tc(P("≥")) +
                           Tc(P("95")) + Tc(P("%")) + Tc(P("说明")) +
                           Tc(P("达到95%得96分")) + Tc(P("96")) + "</w:tr>";
  const std::string body = P("2024年测试局整体支出绩效目标表") + "<w:tbl>" +
                           "<w:tr>" + Tc(P("部门（单位）名称")) +
                           Tc(P("测试局"), "<w:gridSpan w:val=\"8\"/>") +
                           "</w:tr>" + header + row1 + row2 + "</w:tbl>";
  auto buffer = ReadSubmission("t.docx", Docx(body));
  ASSERT_TRUE(buffer.ok()) << buffer.status();
  EXPECT_EQ((*buffer)->format, "docx");
  Corpus corpus;
  ReadTextExport(**buffer, DefaultConfig(), corpus.units, corpus.diagnostics);
  EXPECT_THAT(corpus.diagnostics, ::testing::IsEmpty());
  ASSERT_EQ(corpus.units.size(), 1u);
  const Unit& unit = corpus.units[0];
  EXPECT_EQ(unit.name, "测试局");
  EXPECT_EQ(unit.source.line, 1);
  EXPECT_EQ((*buffer)->PlaceOf(unit.source.line), "第1段");
  ASSERT_EQ(unit.rows.size(), 2u);
  const IndicatorRow& first = unit.rows[0];
  EXPECT_EQ(first.name.text, "会议召开");
  EXPECT_EQ(first.value.text, "24");
  EXPECT_EQ(first.op.text, "≥");
  EXPECT_EQ(first.rule.text, "1、达到24次得4分\n2、少1次扣1分\n扣完即止");
  EXPECT_EQ((*buffer)->PlaceOf(first.line), "表1 第3行");
  EXPECT_EQ((*buffer)->PlaceOf(first.rule.line), "表1 第3行 第8列");
  const IndicatorRow& second = unit.rows[1];
  EXPECT_EQ(second.level1_raw.text, "");
  EXPECT_EQ(second.level1, "产出指标");
  EXPECT_TRUE(second.level1_inherited);
  EXPECT_EQ((*buffer)->PlaceOf(second.weight.line), "表1 第4行 第9列");
}

TEST(OfficeDocx, ADocumentWithoutATableIsAClearError) {
  auto buffer = ReadSubmission("memo.docx", Docx(P("请查收。")));
  ASSERT_FALSE(buffer.ok());
  EXPECT_THAT(buffer.status().message(),
              HasSubstr("memo.docx: 文档中没有表格"));
}

TEST(OfficeDocx, BrokenXmlIsAClearError) {
  auto buffer = ReadSubmission(
      "broken.docx",
      MakeZip({{"word/document.xml", "<w:document><w:body><w:tbl><w:tr>"}}));
  ASSERT_FALSE(buffer.ok());
  EXPECT_THAT(buffer.status().message(),
              AllOf(HasSubstr("broken.docx: word/document.xml 不是合法的 XML"),
                    HasSubstr("请在 Word/WPS 中重新保存")));
}

TEST(OfficeZip, AnEntryDecompressingBeyondTheBoundIsRefused) {
  // 201 MB of zeros: about 200 KB compressed, over the 200 MB bound.
  const std::string bomb(kMaxZipEntryBytes + (1 << 20), '\0');
  auto buffer =
      ReadSubmission("bomb.docx", MakeZip({{"word/document.xml", bomb}}));
  ASSERT_FALSE(buffer.ok());
  EXPECT_THAT(buffer.status().message(),
              AllOf(HasSubstr("bomb.docx: 文件包中的 word/document.xml"),
                    HasSubstr("解压后超过 200 MB")));
}

TEST(OfficeZip, ASizeThePackageUnderstatesIsCaughtWhileInflating) {
  std::string package = MakeZip({{"a.xml", std::string(1 << 20, 'x')}});
  // Make both headers claim 100 bytes uncompressed.
  for (const auto& [magic, offset] :
       {std::pair<std::string, size_t>{"PK\x03\x04", 22}, {"PK\x01\x02", 24}}) {
    const size_t at = package.find(magic);
    ASSERT_NE(at, std::string::npos);
    package.replace(at + offset, 4, std::string("\x64\0\0\0", 4));
  }
  auto zip = ZipReader::Open("lie.xlsx", package);
  ASSERT_TRUE(zip.ok()) << zip.status();
  auto entry = (*zip)->Read("a.xml", 64 << 10);
  ASSERT_FALSE(entry.ok());
  EXPECT_THAT(entry.status().message(), HasSubstr("lie.xlsx"));
}

TEST(OfficeZip, EncryptedAndLegacyFilesSayToSaveAsDocxOrXlsx) {
  const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
                          std::string(512, '\0');
  auto encrypted = ReadSubmission("secret.xlsx", ole);
  ASSERT_FALSE(encrypted.ok());
  EXPECT_THAT(encrypted.status().message(),
              AllOf(HasSubstr("secret.xlsx: 文件已加密或为旧版 Office 格式"),
                    HasSubstr("另存为 .docx/.xlsx")));
  auto legacy = ReadSubmission("old.doc", ole);
  ASSERT_FALSE(legacy.ok());
  EXPECT_THAT(legacy.status().message(),
              AllOf(HasSubstr("old.doc: 是旧版 Office 格式"),
                    HasSubstr("另存为 .docx/.xlsx")));
  auto not_zip = ReadSubmission("cut.xlsx", "PK");
  ASSERT_FALSE(not_zip.ok());
  EXPECT_THAT(not_zip.status().message(),
              HasSubstr("cut.xlsx: 扩展名是 Office 文件"));
}

// ---------------------------------------------------------------- Excel

TEST(OfficeXlsx, NumbersAreShownAsExcelShowsThem) {
  EXPECT_EQ(FormatXlsxNumber(5, 0, ""), "5");
  EXPECT_EQ(FormatXlsxNumber(92.11, 0, ""), "92.11");
  EXPECT_EQ(FormatXlsxNumber(0.95, 9, ""), "95%");
  EXPECT_EQ(FormatXlsxNumber(0.955, 165, "0.0%"), "95.5%");
  EXPECT_EQ(FormatXlsxNumber(1, 165, "0%"), "100%");
  EXPECT_EQ(FormatXlsxNumber(45657, 166, "yyyy\"年\"m\"月\"d\"日\""),
            "2024年12月31日");
  EXPECT_EQ(FormatXlsxNumber(45657, 14, ""), "2024-12-31");
  EXPECT_EQ(FormatXlsxNumber(1.5, 2, ""), "1.50");
  // Literal text in the format is shown: a weight of 5 as "5分".
  EXPECT_EQ(FormatXlsxNumber(5, 170, "0\"分\""), "5分");
  EXPECT_EQ(FormatXlsxNumber(95, 171, "0\\%"), "95%");
  EXPECT_EQ(FormatXlsxNumber(5, 172, "General\"分\""), "5分");
}

TEST(OfficeXlsx, SharedRichAndInlineStringsNumbersAndMergedRanges) {
  const std::string ns =
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships\"";
  const std::string workbook = "<workbook " + ns +
                               "><sheets><sheet name=\"表一\" sheetId=\"1\" "
                               "r:id=\"rId1\"/><sheet name=\"旧表\" "
                               "sheetId=\"2\" state=\"hidden\" "
                               "r:id=\"rId2\"/></sheets></workbook>";
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
      "relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/"
      "sheet1.xml\"/><Relationship Id=\"rId2\" Target=\"/xl/worksheets/"
      "sheet2.xml\"/></Relationships>";
  const std::string shared =
      "<sst " + ns +
      "><si><t>测试局整体支出绩效目标表</t></si><si><r><t>部门（单位）</t></r>"
      "<r><t>名称</t></r></si><si><t>测试局</t></si></sst>";
  const std::string styles = "<styleSheet " + ns +
                             "><cellXfs><xf numFmtId=\"0\"/><xf "
                             "numFmtId=\"9\"/></cellXfs></styleSheet>";
  std::string header;
  const char* labels[] = {"一级指标",   "二级指标",       "三级指标",
                          "指标值类型", "指标值",         "计量单位",
                          "指标解释",   "评（扣）分标准", "分值"};
  for (int c = 0; c < 9; ++c) {
    header += "<c r=\"" + std::string(1, static_cast<char>('A' + c)) +
              "3\" t=\"inlineStr\"><is><t>" + labels[c] + "</t></is></c>";
  }
  auto str = [](const std::string& ref, const std::string& text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text +
           "</t></is></c>";
  };
  const std::string sheet =
      "<worksheet " + ns +
      "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"s\">"
      "<v>2</v></c></row><row r=\"3\">" +
      header + "</row><row r=\"4\">" + str("A4", "满意度指标") +
      str("B4", "服务对象满意度指标") + str("C4", "群众满意度") +
      str("D4", "≥") + "<c r=\"E4\" s=\"1\"><v>0.95</v></c>" + str("F4", "%") +
      str("G4", "调查") + str("H4", "满意度95%得5分") +
      "<c r=\"I4\"><v>5</v></c></row><row r=\"5\">" + str("C5", "回访率") +
      str("D5", "≥") + str("E5", "90") + str("F5", "%") + str("G5", "回访") +
      str("H5", "达到90%得5分") +
      "<c r=\"I5\"><v>5</v></c></row></sheetData><mergeCells>"
      "<mergeCell ref=\"A1:I1\"/><mergeCell ref=\"B2:I2\"/><mergeCell "
      "ref=\"A4:A5\"/><mergeCell ref=\"B4:B5\"/></mergeCells></worksheet>";
  const std::string hidden = "<worksheet " + ns + "><sheetData/></worksheet>";
  auto buffer = ReadSubmission("book.xlsx",
                               MakeZip({{"xl/workbook.xml", workbook},
                                        {"xl/_rels/workbook.xml.rels", rels},
                                        {"xl/sharedStrings.xml", shared},
                                        {"xl/styles.xml", styles},
                                        {"xl/worksheets/sheet1.xml", sheet},
                                        {"xl/worksheets/sheet2.xml", hidden}}));
  ASSERT_TRUE(buffer.ok()) << buffer.status();
  EXPECT_THAT((*buffer)->notes, ElementsAre("工作表“旧表”是隐藏的，未读取"));
  Corpus corpus;
  ReadTextExport(**buffer, DefaultConfig(), corpus.units, corpus.diagnostics);
  EXPECT_THAT(corpus.diagnostics, ::testing::IsEmpty());
  ASSERT_EQ(corpus.units.size(), 1u);
  const Unit& unit = corpus.units[0];
  EXPECT_EQ(unit.title, "测试局整体支出绩效目标表");
  EXPECT_EQ(unit.name, "测试局");
  ASSERT_EQ(unit.rows.size(), 2u);
  EXPECT_EQ(unit.rows[0].value.text, "95%");
  EXPECT_EQ(unit.rows[0].weight.text, "5");
  EXPECT_EQ(unit.rows[1].level2, "服务对象满意度指标");
  EXPECT_TRUE(unit.rows[1].level2_inherited);
  EXPECT_EQ((*buffer)->PlaceOf(unit.rows[1].line), "表一!A5");
  EXPECT_EQ((*buffer)->PlaceOf(unit.rows[1].rule.line), "表一!H5");
  EXPECT_EQ((*buffer)->PlaceOf(unit.name_line), "表一!B2");
}

// ---------------------------------------------------------------- web, CSV

TEST(OfficeHtml, RowspanColspanHeadingAndWrappedChineseText) {
  const std::string html =
      "<html><head><meta charset=gbk><title>x</title></head><body>"
      "<h1>2024年测试局整体支出绩效目标表</h1><table>"
      "<tr><td>部门（单位）名称</td><td colspan=8>测试局</td></tr>"
      "<tr><td>一级指标<td>二级指标<td>三级指标<td>指标值类型<td>指标值"
      "<td>计量单位<td>指标解释<td>评（扣）分标准<td>备注</tr>"
      "<tr><td rowspan=2>产出指标</td><td rowspan=2>数量指标</td><td>开会"
      "</td><td>≥</td><td>4</td><td>次</td><td>全年召开\n会议</td>"
      "<td><p>达到4次得5分</p><p>少1次扣1分</p></td><td>5</td></tr>"
      "<tr><td>培训</td><td>≥</td><td>2</td><td>次</td><td>&nbsp;</td>"
      "<td>达到2次得5分<br>少1次扣2分<span style='display: none'>隐藏</span>"
      "</td><td>5</td></tr></table></body></html>";
  auto buffer = ReadSubmission("page.html", html);
  ASSERT_TRUE(buffer.ok()) << buffer.status();
  Corpus corpus;
  ReadTextExport(**buffer, DefaultConfig(), corpus.units, corpus.diagnostics);
  ASSERT_EQ(corpus.units.size(), 1u);
  const Unit& unit = corpus.units[0];
  EXPECT_EQ(unit.title, "2024年测试局整体支出绩效目标表");
  ASSERT_EQ(unit.rows.size(), 2u);
  EXPECT_EQ(unit.rows[0].explanation.text, "全年召开会议");
  EXPECT_EQ(unit.rows[0].rule.text, "达到4次得5分\n少1次扣1分");
  EXPECT_EQ(unit.rows[1].level1, "产出指标");
  EXPECT_TRUE(unit.rows[1].level2_inherited);
  EXPECT_EQ(unit.rows[1].name.text, "培训");
  EXPECT_EQ(unit.rows[1].explanation.text, "");
  EXPECT_EQ(unit.rows[1].rule.text, "达到2次得5分\n少1次扣2分");
  EXPECT_EQ((*buffer)->PlaceOf(unit.rows[1].rule.line), "表1 第4行 第8列");
}

TEST(OfficeCsv, HeaderSpellingsQuotedLinesAndTheUnitsOwnLines) {
  const std::string csv =
      "2024年测试局整体支出绩效目标表\r\n"
      "部门（单位）名称,测试局\r\n"
      "*一级指标,*二级指标,*三级指标,*指标值类型,*指标值,*计量单位,"
      "*指标解释,*评(扣)分标准,*分值\r\n"
      "产出指标,数量指标,开会,≥,4,次,说明,\"达到4次得5分，\r\n少1次扣1分\","
      "5\r\n"
      "产出指标,数量指标,培训,≥,2,次,\"说\"\"明\"\"\",达到2次得5分,5\r\n";
  auto buffer = ReadSubmission("t.csv", csv);
  ASSERT_TRUE(buffer.ok()) << buffer.status();
  Corpus corpus;
  ReadTextExport(**buffer, DefaultConfig(), corpus.units, corpus.diagnostics);
  EXPECT_THAT(corpus.diagnostics, ::testing::IsEmpty());
  ASSERT_EQ(corpus.units.size(), 1u);
  const Unit& unit = corpus.units[0];
  ASSERT_EQ(unit.rows.size(), 2u);
  EXPECT_EQ(unit.rows[0].rule.text, "达到4次得5分，\n少1次扣1分");
  EXPECT_EQ(unit.rows[1].explanation.text, "说\"明\"");
  // The category written again is read as the merged cell above.
  EXPECT_TRUE(unit.rows[1].level1_inherited);
  EXPECT_EQ((*buffer)->PlaceOf(unit.rows[1].line), "第6行");
  EXPECT_EQ((*buffer)->PlaceOf(unit.rows[1].rule.line), "第6行 第8列");
}

TEST(OfficeCsv, LabelAndValueInOneCellOrApartAndNoTitle) {
  const std::string csv =
      "部门（单位）名称：测试局,,,\n"
      "部门（单位）职责,,负责测试,\n"
      "2024年度总体绩效目标,,,完成测试\n"
      "一级指标,二级指标,三级指标,指标值类型,指标值,计量单位,指标解释,"
      "评（扣）分标准,分值\n"
      "产出指标,数量指标,开会,≥,4,次,说明,达到4次得5分,5\n";
  auto buffer = ReadSubmission("t.csv", csv);
  ASSERT_TRUE(buffer.ok()) << buffer.status();
  // No title line: one is made from the unit's name, with a note.
  EXPECT_THAT((*buffer)->notes,
              ElementsAre(HasSubstr("第1行: 表格前没有含“整体支出绩效目标表”"
                                    "的标题，按“测试局”读作一个单位")));
  Corpus corpus;
  ReadTextExport(**buffer, DefaultConfig(), corpus.units, corpus.diagnostics);
  EXPECT_THAT(corpus.diagnostics, ::testing::IsEmpty());
  ASSERT_EQ(corpus.units.size(), 1u);
  EXPECT_EQ(corpus.units[0].title, "测试局整体支出绩效目标表");
  EXPECT_EQ(corpus.units[0].name, "测试局");
  EXPECT_EQ(corpus.units[0].duties, "负责测试");
  EXPECT_EQ(corpus.units[0].goals, "完成测试");
  EXPECT_EQ(corpus.units[0].goals_year, 2024);
  ASSERT_EQ(corpus.units[0].rows.size(), 1u);
}

TEST(OfficeCsv, AHeaderRepeatedOnTheNextPageContinuesTheUnit) {
  const std::string csv =
      "2024年测试局整体支出绩效目标表\n部门（单位）名称,测试局\n"
      "一级指标,二级指标,三级指标,指标值类型,指标值,计量单位,指标解释,"
      "评（扣）分标准,分值\n"
      "产出指标,数量指标,开会,≥,4,次,说明,达到4次得5分,5\n"
      "一级指标,二级指标,三级指标,指标值类型,指标值,计量单位,指标解释,"
      "评（扣）分标准,分值\n"
      "产出指标,质量指标,合格率,≥,95,%,说明,达到95%得5分,5\n";
  auto buffer = ReadSubmission("t.csv", csv);
  ASSERT_TRUE(buffer.ok()) << buffer.status();
  EXPECT_THAT((*buffer)->notes, ::testing::IsEmpty());
  Corpus corpus;
  ReadTextExport(**buffer, DefaultConfig(), corpus.units, corpus.diagnostics);
  ASSERT_EQ(corpus.units.size(), 1u);
  ASSERT_EQ(corpus.units[0].rows.size(), 2u);
  EXPECT_EQ(corpus.units[0].rows[1].name.text, "合格率");
  EXPECT_EQ(corpus.units[0].rows[1].level1, "产出指标");
}

TEST(OfficeDocx, ATableFramingTheFormIsLookedThrough) {
  const std::string inner =
      "<w:tbl><w:tr>" + Tc(P("2024年测试局整体支出绩效目标表")) +
      "</w:tr><w:tr>" + Tc(P("部门（单位）名称")) + Tc(P("测试局")) +
      "</w:tr><w:tr>" + Tc(P("一级指标")) + Tc(P("二级指标")) +
      Tc(P("三级指标")) + Tc(P("指标值类型")) + Tc(P("指标值")) +
      Tc(P("计量单位")) + Tc(P("指标解释")) + Tc(P("评（扣）分标准")) +
      Tc(P("备注")) + "</w:tr><w:tr>" + Tc(P("产出指标")) + Tc(P("数量指标")) +
      Tc(P("开会")) + Tc(P("≥")) + Tc(P("4")) + Tc(P("次")) + Tc(P("说明")) +
      Tc(P("达到4次得5分")) + Tc(P("5")) + "</w:tr></w:tbl>";
  auto buffer = ReadSubmission(
      "framed.docx",
      Docx("<w:tbl><w:tr>" + Tc(P("") + inner + P("")) + "</w:tr></w:tbl>"));
  ASSERT_TRUE(buffer.ok()) << buffer.status();
  Corpus corpus;
  ReadTextExport(**buffer, DefaultConfig(), corpus.units, corpus.diagnostics);
  ASSERT_EQ(corpus.units.size(), 1u);
  EXPECT_EQ(corpus.units[0].name, "测试局");
  ASSERT_EQ(corpus.units[0].rows.size(), 1u);
  EXPECT_EQ(corpus.units[0].rows[0].name.text, "开会");
  EXPECT_EQ((*buffer)->PlaceOf(corpus.units[0].rows[0].line), "表1 第4行");
}

TEST(OfficeEncodings, Utf16BigEndianWithBom) {
  const std::string text = "\t2024年测试局整体支出绩效目标表\n";
  std::string utf16 = "\xFE\xFF";
  for (char32_t c : CodePoints(text)) {
    utf16 += static_cast<char>(c >> 8);
    utf16 += static_cast<char>(c & 0xFF);
  }
  auto buffer = ReadSubmission("t.txt", utf16);
  ASSERT_TRUE(buffer.ok()) << buffer.status();
  EXPECT_EQ((*buffer)->encoding, "UTF-16BE (BOM)");
  EXPECT_EQ((*buffer)->text, text);
}

// ---------------------------------------------------------------- folders

TEST(OfficeFolder, UnsupportedLegacyAndLockFilesAreReportedAndTheRunGoesOn) {
  const fs::path dir = FreshTestDir("office-folder");
  fs::copy_file(Office("same/units.xlsx"), dir / "财政局.xlsx");
  std::ofstream(dir / "说明.pdf") << "%PDF-1.4";
  std::ofstream(dir / "旧表.doc", std::ios::binary)
      << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  std::ofstream(dir / "~$财政局.xlsx") << "lock";
  const Corpus corpus = LoadCorpus({dir.string()}, DefaultConfig());
  EXPECT_EQ(corpus.units.size(), 6u);
  std::map<std::string, std::pair<InputDiagnostic::Level, std::string>> by_file;
  for (const InputDiagnostic& d : corpus.diagnostics) {
    by_file[fs::path(d.file).filename().string()] = {d.level, d.message};
  }
  ASSERT_EQ(by_file.size(), 3u);
  EXPECT_EQ(by_file["说明.pdf"].first, InputDiagnostic::Level::kWarning);
  EXPECT_THAT(by_file["说明.pdf"].second, HasSubstr("不支持的文件类型“.pdf”"));
  EXPECT_EQ(by_file["旧表.doc"].first, InputDiagnostic::Level::kError);
  EXPECT_THAT(by_file["旧表.doc"].second, HasSubstr("另存为 .docx/.xlsx"));
  EXPECT_EQ(by_file["~$财政局.xlsx"].first, InputDiagnostic::Level::kNote);
  fs::remove_all(dir);
}

// ---------------------------------------------------------------- reports

TEST(OfficeReports, PlacesReachJsonSarifCsvAndTheTextOutput) {
  const fs::path dir = FreshTestDir("office-reports");
  const JxauditResult r =
      RunJxaudit("check " + Office("same/units.xlsx") +
                     " --fail-on never --out " + (dir / "out").string(),
                 dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json report = ReadJson(dir / "out/findings.json");
  const nlohmann::json sarif = ReadJson(dir / "out/findings.sarif");
  const std::string csv = ReadFile(dir / "out/findings.csv");
  bool found = false;
  for (size_t i = 0; i < report["findings"].size(); ++i) {
    const nlohmann::json& f = report["findings"][i];
    if (f["rule"] != "weight/sum") continue;
    found = true;
    EXPECT_EQ(f["source"]["place"], "自然资源局!A1");
    // The contract: for spreadsheets the row, with the sheet.
    EXPECT_EQ(f["source"]["line"], 1);
    EXPECT_EQ(f["source"]["sheet"], "自然资源局");
    const nlohmann::json& location =
        sarif["runs"][0]["results"][i]["locations"][0];
    EXPECT_EQ(location["message"]["text"], "自然资源局!A1");
    EXPECT_FALSE(location["physicalLocation"].contains("region"));
  }
  EXPECT_TRUE(found);
  EXPECT_THAT(csv, HasSubstr(",位置\r\n"));
  EXPECT_THAT(csv, HasSubstr(",信访局!A11\r\n"));
  EXPECT_THAT(csv, HasSubstr("/same/units.xlsx,11,"));
  const JxauditResult text = RunJxaudit(
      "check " + Office("same/units.docx") + " --fail-on never", dir);
  EXPECT_THAT(text.out,
              HasSubstr("units.docx（表1 第11行）: 错误 "
                        "[operator/value-mismatch] 岳阳市君山区信访局 · "
                        "任务完成时间"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jxaudit::testing
