// The text-export reader on the real corpus and on the quirks of the format.
// Every expected value below was read off fixtures/corpus/junshan-2024.txt
// with `sed -n LINEp`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "analyzer/ingest/jurisdiction.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"
#include "tests/test_util.h"

namespace jxaudit::testing {
namespace {

using ::testing::HasSubstr;

const Unit* UnitWithTitleLine(const Corpus& corpus, int line) {
  for (const Unit& unit : corpus.units) {
    if (unit.source.line == line) return &unit;
  }
  return nullptr;
}

const IndicatorRow* RowAt(const Unit& unit, int line) {
  for (const IndicatorRow& row : unit.rows) {
    if (row.line == line) return &row;
  }
  return nullptr;
}

TEST(RealCorpus, CountsUnitsRowsAndPlaceholders) {
  const Corpus& corpus = RealCorpus();
  ASSERT_EQ(corpus.units.size(), 120u);
  int real = 0, blank = 0, not_applicable = 0, category_only = 0;
  for (const Unit& unit : corpus.units) {
    for (const IndicatorRow& row : unit.rows) {
      switch (row.kind) {
        case RowKind::kIndicator:
          ++real;
          break;
        case RowKind::kBlankPlaceholder:
          ++blank;
          break;
        case RowKind::kNotApplicable:
          ++not_applicable;
          break;
        case RowKind::kCategoryOnly:
          ++category_only;
          break;
      }
    }
  }
  EXPECT_EQ(real, 1710);
  EXPECT_EQ(blank, 267);
  EXPECT_EQ(not_applicable, 2);
  EXPECT_EQ(category_only, 2);  // cut off by the next title (lines 269, 12181)
  EXPECT_EQ(corpus.MajorityTitleYear(), 2024);
}

TEST(RealCorpus, FirstUnitCellByCell) {
  const Unit& unit = RealCorpus().units.front();
  EXPECT_EQ(unit.id, "u0001");
  EXPECT_EQ(unit.title, "2024年中共岳阳市君山区委办公室整体支出绩效目标表");
  EXPECT_EQ(unit.name, "中共岳阳市君山区委办公室");
  EXPECT_EQ(unit.title_year, 2024);
  EXPECT_EQ(unit.goals_year, 2024);
  EXPECT_EQ(unit.source.line, 1);
  // Multi-line duties: ten numbered lines, kept as one cell.
  EXPECT_THAT(std::string(unit.duties), HasSubstr("1.负责区委日常文书"));
  EXPECT_THAT(std::string(unit.duties), HasSubstr("\n10.负责区委办公室系统"));
  EXPECT_THAT(std::string(unit.goals), HasSubstr("8：做好办文办会和公务接待"));

  const IndicatorRow& first = unit.rows.front();
  EXPECT_EQ(first.kind, RowKind::kIndicator);
  EXPECT_EQ(first.line, 49);
  EXPECT_EQ(first.level1, "产出指标");
  EXPECT_EQ(first.level2, "数量指标");
  EXPECT_EQ(first.name.text, "常委会会议召开");
  EXPECT_EQ(first.name.line, 51);
  EXPECT_EQ(first.op.text, "≥");
  EXPECT_EQ(first.parsed_op.op, Operator::kGe);
  EXPECT_EQ(first.value.text, "24");
  EXPECT_EQ(first.parsed_value.kind, ValueKind::kNumber);
  EXPECT_DOUBLE_EQ(first.parsed_value.number, 24);
  EXPECT_EQ(first.unit.text, "次");
  EXPECT_EQ(first.parsed_unit.family, "count");
  EXPECT_EQ(first.explanation.text, "协调服务区委常委会会议");
  EXPECT_EQ(first.rule.text, "少1次扣1分，扣完即止。");
  EXPECT_EQ(first.weight.text, "4");
  EXPECT_EQ(first.weight.line, 57);
  EXPECT_DOUBLE_EQ(first.parsed_weight.points, 4);

  // The second row's 一级/二级 cells are merged with the first's.
  const IndicatorRow& second = unit.rows[1];
  EXPECT_EQ(second.line, 59);
  EXPECT_TRUE(IsBlankText(second.level1_raw.text));
  EXPECT_EQ(second.level1, "产出指标");
  EXPECT_TRUE(second.level1_inherited);
  EXPECT_EQ(second.level2, "数量指标");
  EXPECT_EQ(second.name.text, "强化区委督查");
}

TEST(RealCorpus, RowCutOffByTheNextTitleStaysWithItsUnit) {
  const Corpus& corpus = RealCorpus();
  // Line 269-270: "\t" + "\t生态环境成本指标", then " \t<title>" on 271.
  const IndicatorRow& last = corpus.units[0].rows.back();
  EXPECT_EQ(last.line, 269);
  EXPECT_EQ(last.kind, RowKind::kCategoryOnly);
  EXPECT_EQ(last.level2, "生态环境成本指标");
  EXPECT_EQ(corpus.units[1].source.line, 271);
  EXPECT_EQ(corpus.units[1].title,
            "君山区委政策研究中心2024年整体支出绩效目标表");
  EXPECT_EQ(corpus.units[1].name, "岳阳市君山区委政策研究中心");
}

TEST(RealCorpus, TitleRightAfterTheLastCellOfTheTableBefore) {
  const Corpus& corpus = RealCorpus();
  const Unit* guangxingzhou = UnitWithTitleLine(corpus, 23191);
  const Unit* xushi = UnitWithTitleLine(corpus, 23427);
  ASSERT_NE(guangxingzhou, nullptr);
  ASSERT_NE(xushi, nullptr);
  const IndicatorRow& last = guangxingzhou->rows.back();
  EXPECT_EQ(last.line, 23418);
  EXPECT_EQ(last.name.text, "水电节约情况");
  EXPECT_EQ(last.weight.text, "2分");
  EXPECT_EQ(last.weight.line, 23426);
  EXPECT_EQ(xushi->title, "君山区许市镇2024年整体支出绩效目标表");
  EXPECT_EQ(xushi->name, "君山区许市镇人民政府");
  EXPECT_EQ(xushi->name_line, 23430);
}

TEST(RealCorpus, FirstRowWithoutLevel1) {
  const Unit* unit = UnitWithTitleLine(RealCorpus(), 16235);
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->name, "岳阳市君山区路灯事务所");
  const IndicatorRow& first = unit->rows.front();
  EXPECT_EQ(first.line, 16267);
  EXPECT_EQ(first.level1_raw.text, "");  // U+3000 trimmed away
  EXPECT_EQ(first.level1, "");
  EXPECT_FALSE(first.level1_inherited);
  EXPECT_EQ(first.level2, "数量指标");
  EXPECT_EQ(first.name.text, "城区路灯巡灯率");
  EXPECT_EQ(first.weight.text, "10分");
}

TEST(RealCorpus, BookmarkWithoutTableIsReportedAndSkipped) {
  const Corpus& corpus = RealCorpus();
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  const InputDiagnostic& d = corpus.diagnostics.front();
  EXPECT_EQ(d.level, InputDiagnostic::Level::kNote);
  EXPECT_EQ(d.line, 15492);
  EXPECT_THAT(d.message, HasSubstr("岳阳市君山区人民防空办公室"));
  EXPECT_THAT(d.message, HasSubstr("人防经费属于涉密范畴"));
  const Unit* housing = UnitWithTitleLine(corpus, 15496);
  ASSERT_NE(housing, nullptr);
  EXPECT_EQ(housing->bookmark, "岳阳市君山区住房保障中心");
  EXPECT_EQ(housing->name, "岳阳市君山区住房保障中心");
}

TEST(RealCorpus, MultiLineRuleCell) {
  const Unit* unit = UnitWithTitleLine(RealCorpus(), 5561);
  ASSERT_NE(unit, nullptr);
  const IndicatorRow* row = RowAt(*unit, 5694);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->name.text, "职工对工会的认同感和归属感");
  EXPECT_EQ(row->rule.text,
            "维护职工合法权益，组织职工开展各项活动\n"
            "98%得满分，每减少1个百分点扣0.5分");
  EXPECT_EQ(row->rule.line, 5701);
  EXPECT_EQ(row->weight.line, 5703);
  EXPECT_TRUE(row->parsed_unit.is_none);  // "-"
}

TEST(RealCorpus, NotApplicableRowsArePlaceholders) {
  const Unit* unit = UnitWithTitleLine(RealCorpus(), 19057);
  ASSERT_NE(unit, nullptr);
  const IndicatorRow* row = RowAt(*unit, 19205);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, RowKind::kNotApplicable);
  EXPECT_TRUE(row->IsPlaceholder());
  EXPECT_EQ(row->level2, "社会成本指标");
}

TEST(RealCorpus, ParsedValuesOfTheOddCells) {
  const Corpus& corpus = RealCorpus();
  auto find = [&](int line) -> const IndicatorRow* {
    for (const Unit& unit : corpus.units) {
      for (const IndicatorRow& row : unit.rows) {
        if (row.value.line == line) return &row;
      }
    }
    return nullptr;
  };
  const IndicatorRow* bad_date = find(11024);
  ASSERT_NE(bad_date, nullptr);
  EXPECT_EQ(bad_date->parsed_value.kind, ValueKind::kBadDate);
  EXPECT_EQ(bad_date->parsed_value.month, 13);
  EXPECT_EQ(bad_date->parsed_op.op, Operator::kQualitative);

  const IndicatorRow* multi = find(13072);
  ASSERT_NE(multi, nullptr);
  EXPECT_EQ(multi->parsed_value.kind, ValueKind::kMulti);
  EXPECT_THAT(multi->parsed_value.numbers, ::testing::ElementsAre(95, 98, 100));

  const IndicatorRow* buildings = find(16631);
  ASSERT_NE(buildings, nullptr);
  EXPECT_EQ(buildings->parsed_value.kind, ValueKind::kNumber);
  EXPECT_DOUBLE_EQ(buildings->parsed_value.number, 60);
  EXPECT_EQ(buildings->parsed_value.written_unit, "栋");
}

TEST(RealCorpus, OperatorVariantsAreNormalised) {
  int variants = 0, invalid = 0;
  for (const Unit& unit : RealCorpus().units) {
    for (const IndicatorRow& row : unit.rows) {
      if (row.IsPlaceholder()) continue;
      if (row.parsed_op.is_variant) ++variants;
      if (row.parsed_op.op == Operator::kInvalid) ++invalid;
    }
  }
  // ＝ ×118, ≧, ﹥, ﹦ (counted with grep on the 指标值类型 column).
  EXPECT_EQ(variants, 121);
  // 定量 ×7, 促进, 提升, 早于.
  EXPECT_EQ(invalid, 10);
}

TEST(Reader, LineNumbersSurviveCrlfAndBom) {
  const std::string text =
      "\xEF\xBB\xBF\t2024年测试局整体支出绩效目标表\r\n\r\n"
      "\t部门（单位）名称\r\n\t测试局\r\n\r\n"
      "\t一级指标\r\n\t二级指标\r\n\t三级指标\r\n\t指标值类型\r\n\t指标值\r\n"
      "\t计量单位\r\n\t指标解释\r\n\t评（扣）分标准\r\n\t备注\r\n\r\n"
      "\t产出指标\r\n\t数量指标\r\n\t会议\r\n\t≥\r\n\t4\r\n\t次\r\n\t说明\r\n"
      "\t少1次扣1分\r\n\t100\r\n";
  Corpus corpus = CorpusFromText(text);
  ASSERT_EQ(corpus.units.size(), 1u);
  EXPECT_EQ(corpus.buffers[0]->encoding, "UTF-8 (BOM)");
  EXPECT_EQ(corpus.units[0].name, "测试局");
  ASSERT_EQ(corpus.units[0].rows.size(), 1u);
  EXPECT_EQ(corpus.units[0].rows[0].line, 16);
  EXPECT_EQ(corpus.units[0].rows[0].weight.text, "100");
  EXPECT_EQ(corpus.units[0].rows[0].weight.line, 24);
}

TEST(Reader, TruncatedRowIsSkippedWithItsLine) {
  const std::string text =
      "\t2024年测试局整体支出绩效目标表\n\n"
      "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值类型\n\t指标值\n"
      "\t计量单位\n\t指标解释\n\t评（扣）分标准\n\t备注\n\n"
      "\t产出指标\n\t数量指标\n\t会议\n\t≥\n\t4\n\t次\n\t说明\n\t少1次扣1分\n\t"
      "100\n\n"
      "\t\n\t\n\t培训\n\t≥\n\t2\n";
  Corpus corpus = CorpusFromText(text);
  ASSERT_EQ(corpus.units.size(), 1u);
  EXPECT_EQ(corpus.units[0].rows.size(), 1u);
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  EXPECT_EQ(corpus.diagnostics[0].line, 23);
  EXPECT_EQ(corpus.diagnostics[0].level, InputDiagnostic::Level::kError);
  EXPECT_THAT(corpus.diagnostics[0].message,
              HasSubstr("只有 5 个单元格，应为 9 个"));
}

// README "Limits": a cell over 1 MB keeps its first MB, cut at a character
// boundary, and the reader says so at the cell's first line.
TEST(Reader, CellOverOneMegabyteIsCutWithAWarning) {
  std::string big;
  for (int i = 0; i < 400000; ++i) big += "说";  // 1,200,000 bytes
  const std::string text =
      "\t2024年测试局整体支出绩效目标表\n\n"
      "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值类型\n\t指标值\n"
      "\t计量单位\n\t指标解释\n\t评（扣）分标准\n\t备注\n\n"
      "\t产出指标\n\t数量指标\n\t会议\n\t≥\n\t4\n\t次\n\t" +
      big + "\n尾巴\n\t少1次扣1分\n\t100\n\n";
  Corpus corpus = CorpusFromText(text);
  ASSERT_EQ(corpus.units.size(), 1u);
  ASSERT_EQ(corpus.units[0].rows.size(), 1u);
  const IndicatorRow& row = corpus.units[0].rows[0];
  // 1 MB = 1,048,576 bytes = 349,525 whole characters and one byte.
  EXPECT_EQ(row.explanation.text.size(), 349525u * 3);
  EXPECT_EQ(row.explanation.text, big.substr(0, 349525 * 3));
  EXPECT_EQ(row.rule.text, "少1次扣1分");
  EXPECT_EQ(row.weight.text, "100");
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  EXPECT_EQ(corpus.diagnostics[0].line, 19);
  EXPECT_EQ(corpus.diagnostics[0].level, InputDiagnostic::Level::kWarning);
  EXPECT_THAT(
      corpus.diagnostics[0].message,
      HasSubstr("单元格超过 1 MB（正常的单元格只有几 KB），只读取了前 1 MB"));
}

TEST(Reader, TableWithoutHeaderIsReadInStandardOrderWithAWarning) {
  const std::string text =
      "\t2024年测试局整体支出绩效目标表\n\n\t绩效指标\n\n"
      "\t产出指标\n\t数量指标\n\t会议\n\t≥\n\t4\n\t次\n\t说明\n\t少1次扣1分\n\t"
      "100\n";
  Corpus corpus = CorpusFromText(text);
  ASSERT_EQ(corpus.units.size(), 1u);
  ASSERT_EQ(corpus.units[0].rows.size(), 1u);
  EXPECT_EQ(corpus.units[0].rows[0].name.text, "会议");
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  EXPECT_EQ(corpus.diagnostics[0].line, 5);
  EXPECT_THAT(corpus.diagnostics[0].message, HasSubstr("缺少表头行"));
}

TEST(Reader, TextWithoutAnyTitleIsOneError) {
  Corpus corpus = CorpusFromText("\t会议纪要\n\t第二行\n\n\t第三段\n");
  EXPECT_TRUE(corpus.units.empty());
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  EXPECT_EQ(corpus.diagnostics[0].line, 1);
  EXPECT_THAT(corpus.diagnostics[0].message, HasSubstr("没有找到绩效目标表"));
}

TEST(Reader, GbkBytesAreConvertedAndNamed) {
  // "测试" in GBK is B2 E2 CA D4.
  auto buffer = DecodeSource("g.txt", "\t\xB2\xE2\xCA\xD4\n");
  ASSERT_TRUE(buffer.ok());
  EXPECT_EQ((*buffer)->encoding, "GB18030");
  EXPECT_EQ((*buffer)->text, "\t测试\n");
}

TEST(Reader, EmptyAndBinaryFilesAreErrorsNamingTheFile) {
  auto empty = DecodeSource("e.txt", "  \n\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(std::string(empty.status().message()),
              HasSubstr("e.txt: 文件为空"));
  auto binary = DecodeSource("b.docx", std::string("PK\x03\x04\0\0\x14\0", 8));
  ASSERT_FALSE(binary.ok());
  EXPECT_THAT(std::string(binary.status().message()),
              HasSubstr("b.docx: 是二进制文件"));
}

// --- Reviewing jurisdictions (analyzer/ingest/jurisdiction.h) ---

std::vector<std::string> Names(const std::vector<NamedPlace>& places) {
  std::vector<std::string> names;
  for (const NamedPlace& place : places) names.push_back(place.name);
  return names;
}

TEST(Jurisdiction, PlacesOfATitleInOrder) {
  const std::vector<NamedPlace> places =
      PlacesNamedIn("君山区2024年中共岳阳市君山区委办公室整体支出绩效目标表");
  EXPECT_THAT(Names(places),
              ::testing::ElementsAre("君山区", "岳阳市", "君山区"));
  // Only the last one is written right after another (岳阳市君山区).
  EXPECT_FALSE(places[0].right_after_previous);
  EXPECT_FALSE(places[1].right_after_previous);
  EXPECT_TRUE(places[2].right_after_previous);
}

TEST(Jurisdiction, CommonNounsEndingInALevelAreNoPlace) {
  EXPECT_THAT(Names(PlacesNamedIn("2024年岳阳市华容县工业园区管理委员会")),
              ::testing::ElementsAre("岳阳市", "华容县"));
  EXPECT_THAT(Names(PlacesNamedIn("华容县农贸市场服务中心")),
              ::testing::ElementsAre("华容县"));
  EXPECT_THAT(Names(PlacesNamedIn("2024年区委巡察办整体支出绩效目标表")),
              ::testing::IsEmpty());
}

// The first unit of the real corpus with another title and name.
std::string UnitText(const std::string& title, const std::string& name) {
  static const std::vector<std::string> kLines = [] {
    std::vector<std::string> lines =
        absl::StrSplit(ReadFile(CorpusPath()), '\n');
    lines.resize(269);  // the first unit: lines 1-269
    return lines;
  }();
  std::vector<std::string> lines = kLines;
  lines[0] = "\t" + title;
  lines[3] = "\t" + name;
  return absl::StrJoin(lines, "\n") + "\n\n";
}

std::map<std::string, std::string> JurisdictionByName(const Corpus& corpus) {
  std::map<std::string, std::string> by_name;
  for (const Unit& unit : corpus.units) {
    by_name[std::string(unit.name)] = unit.jurisdiction;
  }
  return by_name;
}

TEST(Jurisdiction, ThePlaceTheTitlesNameWithCityUnitsAndStems) {
  std::string text;
  for (const char* county : {"华容县", "平江县"}) {
    for (const char* office : {"财政局", "教育局", "民政局"}) {
      const std::string name = StrCat("岳阳市", county, office);
      text += UnitText(StrCat("2024年", name, "整体支出绩效目标表"), name);
    }
  }
  // The city's own unit; a city bureau's branch named by the county's stem;
  // a title naming no place; a misread place stated once.
  text += UnitText("2024年岳阳市财政局整体支出绩效目标表", "岳阳市财政局");
  text += UnitText("2024年岳阳市公安局华容分局整体支出绩效目标表",
                   "岳阳市公安局华容分局");
  text += UnitText("2024年区委巡察办整体支出绩效目标表", "区委巡察办");
  Corpus corpus = CorpusFromText(text, "province.txt");
  ASSERT_EQ(corpus.units.size(), 9u);
  AssignJurisdictions(corpus, 2);
  const auto by_name = JurisdictionByName(corpus);
  EXPECT_EQ(by_name.at("岳阳市华容县财政局"), "华容县");
  EXPECT_EQ(by_name.at("岳阳市平江县民政局"), "平江县");
  EXPECT_EQ(by_name.at("岳阳市财政局"), "岳阳市");
  EXPECT_EQ(by_name.at("岳阳市公安局华容分局"), "华容县");
  // No place: where most of its file's units are (华容县 and 平江县 have
  // four and three; ties would go to the first in name order).
  EXPECT_EQ(by_name.at("区委巡察办"), "华容县");
}

TEST(Jurisdiction, ADistrictsCityOnlyUnitsBelongToTheDistrict) {
  std::string text;
  for (const char* office : {"财政局", "教育局", "民政局"}) {
    const std::string name = StrCat("岳阳市君山区", office);
    text += UnitText(StrCat("2024年", name, "整体支出绩效目标表"), name);
  }
  text += UnitText("2024年岳阳市公安局君山分局整体支出绩效目标表",
                   "岳阳市公安局君山分局");
  text += UnitText("2024年岳阳市君山区工商联整体支出绩效目标表",
                   "中国人民政治协商会议岳阳市君山区委员会");
  Corpus corpus = CorpusFromText(text, "district.txt");
  AssignJurisdictions(corpus, 2);
  for (const Unit& unit : corpus.units) {
    EXPECT_EQ(unit.jurisdiction, "君山区") << unit.name;
  }
}

TEST(Jurisdiction, TheRealCorpusIsOneDistrict) {
  for (const Unit& unit : RealCorpus().units) {
    EXPECT_EQ(unit.jurisdiction, "君山区") << unit.id << " " << unit.title;
  }
}

TEST(Jurisdiction, SubFoldersOfAnInputFolderAreJurisdictions) {
  const std::filesystem::path dir = FreshTestDir("jurisdiction");
  for (const char* county : {"华容县", "平江县"}) {
    std::filesystem::create_directories(dir / county);
    std::ofstream(dir / county / "tables.txt")
        << UnitText(StrCat("2024年", county, "财政局整体支出绩效目标表"),
                    StrCat(county, "财政局"));
  }
  // A file directly in the folder: its titles decide (君山区).
  std::ofstream(dir / "top.txt")
      << UnitText("2024年岳阳市君山区教育局整体支出绩效目标表", "教育局");
  const Corpus corpus = LoadCorpus({dir.string() + "/"}, DefaultConfig());
  ASSERT_EQ(corpus.units.size(), 3u);
  const auto by_name = JurisdictionByName(corpus);
  EXPECT_EQ(by_name.at("华容县财政局"), "华容县");
  EXPECT_EQ(by_name.at("平江县财政局"), "平江县");
  EXPECT_EQ(by_name.at("教育局"), "");  // one unit names 君山区: too few
  std::filesystem::remove_all(dir);
}

// A file of 4 MB and more is mapped, not read into a copy; it must read
// exactly like the same text from memory, and a mapped file that needs
// changing (CR LF, a BOM) is decoded into a copy like any other.
TEST(Reader, ALargeFileIsReadLikeTheSameTextInMemory) {
  const std::string corpus_text = ReadFile(CorpusPath());
  std::string large;
  while (large.size() < (5u << 20)) large += corpus_text;
  const int copies = static_cast<int>(large.size() / corpus_text.size());
  const std::filesystem::path dir = FreshTestDir("large");
  std::ofstream(dir / "lf.txt", std::ios::binary) << large;
  std::ofstream(dir / "crlf.txt", std::ios::binary)
      << "\xEF\xBB\xBF" << absl::StrReplaceAll(large, {{"\n", "\r\n"}});
  const Corpus from_memory = CorpusFromText(large);
  for (const char* name : {"lf.txt", "crlf.txt"}) {
    SCOPED_TRACE(name);
    const Corpus mapped = LoadCorpus({(dir / name).string()}, DefaultConfig());
    ASSERT_EQ(mapped.buffers.size(), 1u);
    EXPECT_EQ(mapped.buffers[0]->text, large);
    EXPECT_EQ(mapped.buffers[0]->encoding,
              std::string(name) == "lf.txt" ? "UTF-8" : "UTF-8 (BOM)");
    ASSERT_EQ(mapped.units.size(), 120u * copies);
    ASSERT_EQ(mapped.units.size(), from_memory.units.size());
    for (size_t u = 0; u < mapped.units.size(); u += 97) {
      const Unit& a = mapped.units[u];
      const Unit& b = from_memory.units[u];
      EXPECT_EQ(a.name, b.name);
      EXPECT_EQ(a.source.line, b.source.line);
      ASSERT_EQ(a.rows.size(), b.rows.size());
      for (size_t r = 0; r < a.rows.size(); ++r) {
        EXPECT_EQ(a.rows[r].rule.text, b.rows[r].rule.text);
        EXPECT_EQ(a.rows[r].line, b.rows[r].line);
      }
    }
    // The views point into the file's text, which the corpus keeps.
    const std::string_view text = mapped.buffers[0]->text;
    const std::string_view name_cell = mapped.units.back().name;
    EXPECT_GE(name_cell.data(), text.data());
    EXPECT_LE(name_cell.data() + name_cell.size(), text.data() + text.size());
  }
  std::filesystem::remove_all(dir);
}

// A folder of many submissions is read a file per thread; the units and
// the diagnostics (an unreadable file among them) come in file order, as
// read on one thread.
TEST(Reader, AFolderReadOnManyThreadsIsInFileOrder) {
  const std::filesystem::path dir = FreshTestDir("many-files");
  for (int i = 0; i < 24; ++i) {
    const std::string name = absl::StrFormat("%02d.txt", i);
    if (i == 9) {
      std::ofstream(dir / name, std::ios::binary)
          << std::string("PK\x03\x04\0\0", 6);
      continue;
    }
    const std::string unit = StrCat("测试", i, "局");
    std::ofstream(dir / name)
        << UnitText(StrCat("2024年", unit, "整体支出绩效目标表"), unit);
  }
  const Corpus one = LoadCorpus({dir.string()}, DefaultConfig(), 1);
  const Corpus many = LoadCorpus({dir.string()}, DefaultConfig(), 3);
  ASSERT_EQ(one.units.size(), 23u);
  ASSERT_EQ(many.units.size(), one.units.size());
  for (size_t u = 0; u < one.units.size(); ++u) {
    EXPECT_EQ(many.units[u].name, one.units[u].name);
    EXPECT_EQ(many.units[u].source.file, one.units[u].source.file);
  }
  EXPECT_EQ(many.units[9].name, "测试10局");
  ASSERT_EQ(many.diagnostics.size(), one.diagnostics.size());
  for (size_t d = 0; d < one.diagnostics.size(); ++d) {
    EXPECT_EQ(many.diagnostics[d].file, one.diagnostics[d].file);
    EXPECT_EQ(many.diagnostics[d].message, one.diagnostics[d].message);
  }
  const auto broken = std::find_if(
      many.diagnostics.begin(), many.diagnostics.end(),
      [](const InputDiagnostic& d) { return d.file.ends_with("09.txt"); });
  ASSERT_NE(broken, many.diagnostics.end());
  EXPECT_EQ(broken->level, InputDiagnostic::Level::kError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace jxaudit::testing

namespace jxaudit {
namespace {

// A province's file is assembled in pieces cut at titles, on several
// threads; the units and diagnostics must be those of one pass. The text
// has rows before the first title, bookmarks (one followed by a table's
// rows before its title, so it belongs to a title further on), stray text,
// a title without rows and an orphan bookmark at the end.
TEST(Reader, PiecesOnManyThreadsReadLikeOnePass) {
  const std::string header =
      "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值类型\n\t指标值\n"
      "\t计量单位\n\t指标解释\n\t评（扣）分标准\n\t备注\n\n";
  const auto table = [&](int i) {
    // Now and then a bookmark inside the table: it waits for the next
    // title, so no piece may start there.
    const std::string inside =
        i % 17 == 5 ? "[bookmark: _TocMid]中途书签" + std::to_string(i) + "\n"
                    : "";
    return "\t2024年测试" + std::to_string(i) + "局整体支出绩效目标表\n\n" +
           header + inside + "\t产出指标\n\t数量指标\n\t会议" +
           std::to_string(i) +
           "\n\t≥\n\t4\n\t次\n\t说明\n\t少1次扣1分\n\t100\n\n";
  };
  std::string text = "\t产出指标\n\t数量指标\n\n";  // rows before any title
  for (int i = 0; i < 200; ++i) {
    if (i % 7 == 0)
      text += "[bookmark: _Toc" + std::to_string(i) + "]测试" +
              std::to_string(i) + "局\n";
    if (i % 11 == 0) text += "表格之外的说明文字\n";
    if (i % 13 == 0) text += "\t2024年空表局整体支出绩效目标表\n\n";
    text += table(i);
  }
  text += "[bookmark: _TocEnd]最后一个单位\n没有表格的说明\n";
  const std::string file = "pieces.txt";
  auto buffer = DecodeSource(file, text);
  ASSERT_TRUE(buffer.ok());
  std::vector<Unit> one, many;
  std::vector<InputDiagnostic> one_diagnostics, many_diagnostics;
  ReadTextExport(**buffer, testing::DefaultConfig(), one, one_diagnostics, 1);
  ReadTextExport(**buffer, testing::DefaultConfig(), many, many_diagnostics, 8);
  ASSERT_EQ(one.size(), 200u);
  ASSERT_EQ(many.size(), one.size());
  for (size_t u = 0; u < one.size(); ++u) {
    EXPECT_EQ(many[u].title, one[u].title);
    EXPECT_EQ(many[u].bookmark, one[u].bookmark);
    EXPECT_EQ(many[u].source.line, one[u].source.line);
    ASSERT_EQ(many[u].rows.size(), one[u].rows.size());
    EXPECT_EQ(many[u].rows[0].name.text, one[u].rows[0].name.text);
  }
  EXPECT_EQ(one[7].bookmark, "测试7局");
  EXPECT_EQ(one[6].bookmark, "中途书签5");
  ASSERT_EQ(many_diagnostics.size(), one_diagnostics.size());
  ASSERT_GT(one_diagnostics.size(), 20u);
  for (size_t d = 0; d < one_diagnostics.size(); ++d) {
    EXPECT_EQ(many_diagnostics[d].line, one_diagnostics[d].line);
    EXPECT_EQ(many_diagnostics[d].message, one_diagnostics[d].message);
  }
  // The rows before the first title are reported last, counted once.
  EXPECT_THAT(one_diagnostics.back().message,
              ::testing::HasSubstr("1 行表格内容出现在第一个标题"));
}

// A large export's lines are walked in pieces cut at title lines, each with
// its own first line number: four copies of the corpus (over 2 MB, so cut)
// read as four times the same units, each copy's lines further down by the
// lines of one copy.
TEST(Reader, LinesWalkedInPiecesKeepTheirNumbers) {
  // The file's last line has no line end: each copy gets one.
  const std::string corpus = testing::ReadFile(testing::CorpusPath()) + "\n";
  const int lines =
      static_cast<int>(std::count(corpus.begin(), corpus.end(), '\n'));
  std::string text;
  for (int copy = 0; copy < 4; ++copy) text += corpus;
  auto buffer = DecodeSource("four.txt", text);
  ASSERT_TRUE(buffer.ok());
  std::vector<Unit> units;
  std::vector<InputDiagnostic> diagnostics;
  ReadTextExport(**buffer, testing::DefaultConfig(), units, diagnostics, 4);
  ASSERT_EQ(units.size(), 4 * 120u);
  for (size_t u = 120; u < units.size(); ++u) {
    const Unit& first = units[u % 120];
    const int shift = static_cast<int>(u / 120) * lines;
    EXPECT_EQ(units[u].title, first.title);
    EXPECT_EQ(units[u].source.line, first.source.line + shift);
    ASSERT_EQ(units[u].rows.size(), first.rows.size());
    for (size_t r = 0; r < first.rows.size(); ++r) {
      EXPECT_EQ(units[u].rows[r].rule.text, first.rows[r].rule.text);
      const int line = first.rows[r].rule.line;  // 0: no such cell
      EXPECT_EQ(units[u].rows[r].rule.line, line == 0 ? 0 : line + shift);
    }
  }
  // The bookmark without a table (line 15492) is noted once per copy.
  std::vector<int> bookmark_lines;
  for (const InputDiagnostic& d : diagnostics) {
    if (d.message.find("人防") != std::string::npos)
      bookmark_lines.push_back(d.line);
  }
  EXPECT_EQ(bookmark_lines,
            (std::vector<int>{15492, 15492 + lines, 15492 + 2 * lines,
                              15492 + 3 * lines}));
}

}  // namespace
}  // namespace jxaudit
