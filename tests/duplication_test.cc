// The duplication rules on the real corpus, as a reviewer reads them: each
// expectation below was checked by hand against fixtures/corpus.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/engine/similarity.h"
#include "analyzer/model/evidence_json.h"
#include "test_util.h"

namespace jxaudit {
namespace {

using testing::DefaultConfig;
using testing::RealCorpus;

// The evidence as the JSON reports write it.
nlohmann::json Ev(const Finding& f) { return EvidenceJson(f.evidence); }

const std::vector<Finding>& DuplicationFindings() {
  static const std::vector<Finding> kFindings = [] {
    RuleList rules;
    for (auto& rule : AllRules()) {
      if (rule->info().id.rfind("duplication/", 0) == 0)
        rules.push_back(std::move(rule));
    }
    EXPECT_TRUE(ConfigureRules(rules, DefaultConfig()).ok());
    return RunRules(RealCorpus(), DefaultConfig(), rules, {});
  }();
  return kFindings;
}

std::string UnitName(const Finding& f) {
  return std::string(RealCorpus().units[f.unit_index].DisplayName());
}

std::vector<const Finding*> Of(std::string_view rule, std::string_view unit) {
  std::vector<const Finding*> out;
  for (const Finding& f : DuplicationFindings()) {
    if (f.rule == rule && UnitName(f).find(unit) != std::string::npos)
      out.push_back(&f);
  }
  return out;
}

// One defect, one finding: a copied explanation whose number contradicts
// the target is a stale copy (it says where the number came from), not also
// a threshold mismatch; the stale copy points at the explanation cell.
TEST(DuplicationRealCorpus, StaleCopySupersedesThresholdMismatchOnItsRow) {
  RuleList rules;
  for (auto& rule : AllRules()) {
    const std::string& id = rule->info().id;
    if (id == "duplication/stale-copy" || id == "score/threshold-mismatch") {
      rules.push_back(std::move(rule));
    }
  }
  ASSERT_TRUE(ConfigureRules(rules, DefaultConfig()).ok());
  const std::vector<Finding> findings =
      RunRules(RealCorpus(), DefaultConfig(), rules, {});
  int stale = 0, threshold = 0;
  for (const Finding& f : findings) {
    if (f.rule == "duplication/stale-copy") ++stale;
    if (f.rule == "score/threshold-mismatch") ++threshold;
    // 君山血防站's 查灭钉螺总面积 keeps 广兴洲血防站's 3743 in its
    // explanation (line 13490; the row starts on 13484).
    if (f.row_index >= 0 && UnitName(f) == "岳阳市君山区君山血防站" &&
        RealCorpus().units[f.unit_index].rows[f.row_index].line == 13484) {
      EXPECT_EQ(f.rule, "duplication/stale-copy");
      EXPECT_EQ(f.source.line, 13490);
    }
  }
  // 8 stale copies; 27 threshold mismatches, 7 of them on stale-copy rows.
  EXPECT_EQ(stale, 8);
  EXPECT_EQ(threshold, 20);
}

TEST(DuplicationRealCorpus, ErrorsAndWarningsStayFew) {
  int loud = 0;
  for (const Finding& f : DuplicationFindings()) {
    if (f.severity != Severity::kInfo) ++loud;
  }
  // 8 stale copies, 7 within-unit, the cross-unit copies from unrelated
  // units; 239 before copies were reported per pair.
  EXPECT_LE(loud, 60);
  EXPECT_EQ(Of("duplication/stale-copy", "").size(), 8u);
}

TEST(DuplicationRealCorpus, UnrelatedCopyIsAWarningOnTheCopier) {
  // 统计局 lines 3557/3567 copy 政法委's 1844/1854 ("矛盾纠纷减少…").
  const auto found = Of("duplication/cross-unit", "统计局");
  ASSERT_EQ(found.size(), 1u);
  const Finding& f = *found[0];
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(Ev(f)["relation"], "unrelated");
  EXPECT_NE(Ev(f)["source_unit"].get<std::string>().find("政法委"),
            std::string::npos);
  ASSERT_EQ(Ev(f)["rows"].size(), 2u);
  EXPECT_EQ(Ev(f)["rows"][0]["line"], 3557);
  EXPECT_EQ(Ev(f)["rows"][0]["source_line"], 1844);
  EXPECT_EQ(Ev(f)["rows"][1]["line"], 3567);
  EXPECT_EQ(f.message.find("相似度"), std::string::npos);
  EXPECT_TRUE(Of("duplication/cross-unit", "政法委").empty());
}

TEST(DuplicationRealCorpus, AgencyUnderItsBureauIsInfoOnTheAgency) {
  const auto found = Of("duplication/cross-unit", "医疗保障事务中心");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->severity, Severity::kInfo);
  EXPECT_EQ(Ev(*found[0])["relation"], "superior");
  // 5 shared rows; 监管水平 is named with common words only (universal).
  EXPECT_EQ(Ev(*found[0])["copied_rows"], 4);
  EXPECT_TRUE(Of("duplication/cross-unit", "医疗保障局").empty());
}

TEST(DuplicationRealCorpus, NeverBothSidesOfAPair) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const Finding& f : DuplicationFindings()) {
    if (f.rule != "duplication/cross-unit" &&
        f.rule != "duplication/clone-unit") {
      continue;
    }
    const std::string mine = UnitName(f);
    const std::string theirs = Ev(f)["source_unit"];
    EXPECT_FALSE(seen.count({f.rule + theirs, mine}))
        << f.rule << ": " << mine << " and " << theirs;
    seen.insert({f.rule + mine, theirs});
  }
}

TEST(DuplicationRealCorpus, UniversalAndAdaptedRowsAreNotListed) {
  // 人大 and 政协 share "工作完成率"/"完成及时率"; 柳林洲街道 adapted
  // 许市镇's "巡田次数" to its own 12 次.
  EXPECT_TRUE(Of("duplication/cross-unit", "人民代表大会").empty());
  for (const Finding* f : Of("duplication/cross-unit", "")) {
    const nlohmann::json evidence = Ev(*f);
    for (const auto& row : evidence["rows"]) {
      EXPECT_NE(row["indicator"], "巡田次数") << f->message;
      EXPECT_NE(row["indicator"], "工作完成率") << f->message;
    }
  }
}

TEST(DuplicationRealCorpus, ClonesPointFromTheCopier) {
  // 君山血防站 keeps 广兴洲血防站's 3743 万平方米: it is the copier.
  const auto found = Of("duplication/clone-unit", "君山血防站");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(
      Ev(*found[0])["source_unit"].get<std::string>().find("广兴洲血防站"),
      std::string::npos);
  EXPECT_EQ(Ev(*found[0])["shared_indicators"], 14);
  EXPECT_EQ(Ev(*found[0])["indicators"], 16);
  EXPECT_TRUE(Of("duplication/clone-unit", "广兴洲血防站").empty());
  // The schools' template table comes from 教育局.
  EXPECT_TRUE(Of("duplication/clone-unit", "教育局").empty());
  EXPECT_EQ(Of("duplication/clone-unit", "岳西中学").size(), 1u);
}

// The index against a plain computation of the same TF-IDF vectors: each
// class's shingles counted over its fields, document frequency over owners,
// idf = ln((owners + 1) / (df + 1)) + 0.01, rows L2-normalised. The classes
// share fields in different places (a name that is another class's scoring
// rule), repeat a field within a class, leave one empty, and one has more
// fields than the merge takes at once.
struct PlainVectors {
  std::vector<std::map<std::u32string, double>> rows;
  std::map<std::u32string, std::set<int>> owners;
};

PlainVectors PlainTfIdf(const std::vector<std::vector<std::u32string>>& docs,
                        const std::vector<int>& owner, int num_owners) {
  PlainVectors out;
  std::vector<std::map<std::u32string, double>> counts(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    for (const std::u32string& field : docs[d]) {
      for (size_t n = 2; n <= 3; ++n) {
        for (size_t i = 0; i + n <= field.size(); ++i) {
          counts[d][field.substr(i, n)] += 1;
          out.owners[field.substr(i, n)].insert(owner[d]);
        }
      }
    }
  }
  for (auto& row : counts) {
    double norm = 0;
    for (auto& [shingle, value] : row) {
      const double df = static_cast<double>(out.owners[shingle].size());
      value *= std::log((num_owners + 1.0) / (df + 1.0)) + 0.01;
      norm += value * value;
    }
    for (auto& [shingle, value] : row) value /= std::sqrt(norm);
    out.rows.push_back(row);
  }
  return out;
}

TEST(ShingleIndex, VectorsAgreeWithAPlainComputationWhenFieldsAreShared) {
  const std::vector<std::vector<std::u32string>> docs = {
      {U"公共文化服务", U"群众满意度", U"每降低一扣一分"},
      {U"群众满意度", U"公共文化服务", U"群众满意度"},  // repeats a field
      {U"每降低一扣一分", U"", U"公共文化服务群众"},    // an empty field
      {U"道路养护里程", U"群众满意度", U"每降低一扣一分"},
      {U"甲乙丙", U"乙丙丁", U"丙丁戊", U"丁戊己", U"戊己庚", U"己庚辛",
       U"庚辛壬", U"辛壬癸", U"甲乙丙", U"壬癸子"},  // ten fields
  };
  const std::vector<int> owner = {0, 1, 1, 2, 3};
  const int num_owners = 4;
  for (int threads : {1, 3}) {
    ShingleIndex index;
    for (size_t d = 0; d < docs.size(); ++d) {
      EXPECT_EQ(index.Add(owner[d], docs[d]), static_cast<int>(d));
    }
    SimilarityOptions options;
    options.threads = threads;
    index.Build(num_owners, options);
    const PlainVectors plain = PlainTfIdf(docs, owner, num_owners);
    for (const auto& [shingle, owners] : plain.owners) {
      EXPECT_EQ(index.DocumentFrequency(shingle),
                static_cast<int>(owners.size()));
    }
    const auto vectors = index.Vectors();
    for (size_t d = 0; d < docs.size(); ++d) {
      EXPECT_EQ(vectors.row(static_cast<int>(d)).nonZeros(),
                static_cast<int>(plain.rows[d].size()))
          << "class " << d;
      for (const auto& [shingle, value] : plain.rows[d]) {
        const int id = index.ShingleId(shingle);
        ASSERT_GE(id, 0);
        EXPECT_TRUE(index.HasShingle(static_cast<int>(d), id));
        EXPECT_NEAR(vectors.coeff(static_cast<int>(d), id), value, 1e-6)
            << "class " << d << " threads " << threads;
      }
      for (size_t e = 0; e < docs.size(); ++e) {
        double dot = 0;
        for (const auto& [shingle, value] : plain.rows[d]) {
          auto it = plain.rows[e].find(shingle);
          if (it != plain.rows[e].end()) dot += value * it->second;
        }
        EXPECT_NEAR(index.Cosine(static_cast<int>(d), static_cast<int>(e)), dot,
                    1e-6);
      }
    }
  }
}

}  // namespace
}  // namespace jxaudit
