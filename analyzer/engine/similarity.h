// The text-similarity engine behind the duplication rules.
//
// Chinese has no spaces, so a text is compared as a bag of character
// shingles (2- and 3-grams of code points) after normalisation: NFKC (full
// width forms fold to ASCII), every number becomes the placeholder '#' (a
// copy with new targets is still a copy), punctuation and blanks are dropped.
//
// Shingles are weighted by how few OWNERS (units) use them, an IDF over
// units: text that a large share of all units carries (template sentences
// such as "部门履行职责对经济发展所带来的直接或间接影响") weighs little and is
// "boilerplate"; shingles used by at most `specific_df` units are
// "specific". Documents with the same normalised text share one CLASS, so a
// text cloned into thousands of units is vectorised and compared once.
//
// Near-duplicates are found without comparing all pairs: an inverted index
// over specific shingles yields the classes that share at least
// `min_specific` of them, and only those get an exact cosine (a dot product
// of rows of an Eigen row-major sparse matrix of L2-normalised TF-IDF
// vectors). Boilerplate shingles are never indexed, so posting lists stay
// short however large the corpus.
#ifndef JXAUDIT_ANALYZER_ENGINE_SIMILARITY_H_
#define JXAUDIT_ANALYZER_ENGINE_SIMILARITY_H_

#include <Eigen/SparseCore>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace jxaudit {

// NFKC-folded code points with numbers replaced by '#' and everything that
// is not a letter or a number (punctuation, symbols, blanks) removed; ASCII
// letters lower-cased. "１０％，扣完即止。" -> U"#扣完即止".
std::u32string SimilarityText(std::string_view text);
// The same for text that is already NFKC-folded (skips the fold).
std::u32string SimilarityTextFolded(std::string_view folded);

// UTF-8 of a code-point string.
std::string Utf8(std::u32string_view text);

struct SimilarityOptions {
  int min_n = 2;  // shingle sizes, in code points (1..3)
  int max_n = 3;
  // A shingle used by at most this many owners is "specific"; more is
  // boilerplate and is not indexed.
  int specific_df = 6;
  int threads = 0;  // 0: hardware concurrency
};

struct Neighbour {
  int cls = -1;
  float cosine = 0;
  int specific_shared = 0;  // specific shingles both classes contain
};

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

// A collection of short multi-field documents, each owned by one owner.
class ShingleIndex {
 public:
  // Adds a document of `owner` (0-based, < num_owners of Build) and returns
  // its class: documents whose normalised fields are equal share a class.
  int Add(int owner, const std::vector<std::u32string>& fields);
  // The same, taking the fields and their FieldsHash (computed in parallel
  // by the caller).
  int Add(int owner, std::vector<std::u32string>&& fields, uint64_t hash);
  static uint64_t FieldsHash(const std::vector<std::u32string>& fields);
  // Adds another owner of an existing class (the same text again).
  void AddOwner(int cls, int owner);

  // Computes document frequencies over owners, TF-IDF vectors and the
  // inverted index. Call once, after the last Add.
  void Build(int num_owners, const SimilarityOptions& options);

  int num_classes() const { return static_cast<int>(class_fields_.size()); }
  int num_owners() const { return num_owners_; }
  const SimilarityOptions& options() const { return options_; }
  // The normalised fields of a class.
  const std::vector<std::u32string>& Fields(int cls) const {
    return class_fields_[cls];
  }
  // Distinct owners holding the class, ascending.
  const std::vector<int>& Owners(int cls) const { return class_owners_[cls]; }
  // Specific shingles of the class (document frequency <= specific_df).
  int SpecificCount(int cls) const { return specific_count_[cls]; }
  float Cosine(int a, int b) const;
  // Owners using a shingle of 1..3 code points (0 when unseen).
  int DocumentFrequency(std::u32string_view shingle) const;
  // The dense id of a shingle of 1..3 code points, -1 when unseen.
  int ShingleId(std::u32string_view shingle) const;
  // Owners using the shingle with this id.
  int DocumentFrequencyOf(int id) const { return df_[id]; }
  // Whether a class contains the shingle with this id.
  bool HasShingle(int cls, int id) const;

  // Other classes with cosine >= min_cosine that share at least
  // `min_specific` specific shingles (>= 1), best first, at most `limit`.
  std::vector<Neighbour> Neighbours(int cls, float min_cosine, int min_specific,
                                    int limit) const;
  // Neighbours of every class, computed in parallel.
  std::vector<std::vector<Neighbour>> AllNeighbours(float min_cosine,
                                                    int min_specific,
                                                    int limit) const;

  // The L2-normalised TF-IDF rows, one per class.
  Eigen::Map<const SparseRows> Vectors() const;

 private:
  // The most shingles a text can have (before counting repeats).
  int64_t MaxShingles(std::u32string_view text) const;
  // Writes the text's distinct packed shingle keys, in order of first
  // appearance, to `keys` and how often each occurs to `tf` (room for
  // `most`, its MaxShingles); returns how many.
  int ShingleCounts(std::u32string_view text, int64_t most, uint64_t* keys,
                    float* tf) const;
  // The steps of Build.
  void ListDistinctFields();
  void NumberShingles();
  void SortFieldShingles();
  void MergeClassShingles();
  // Writes the merged row of a class's fields to `inner`/`value` (room for
  // the sum of the fields' lengths) and returns its length.
  int MergeFields(int cls, int* inner, float* value) const;
  void CountDocumentFrequency();
  void WeighVectors();
  void BuildPostings();

  SimilarityOptions options_;
  int num_owners_ = 0;
  absl::flat_hash_map<uint64_t, int> class_of_hash_;  // while adding
  std::vector<std::vector<std::u32string>> class_fields_;
  std::vector<std::vector<int>> class_owners_;
  int vocabulary_ = 0;
  // Distinct field texts (views into class_fields_), in order of first
  // appearance, and the CSR of each class's fields as indices into them:
  // indicator names and scoring rules recur across thousands of units with
  // different explanations, so a field is shingled once, not once per
  // class. While building only.
  std::vector<std::u32string_view> fields_;
  std::vector<int> class_field_offsets_;
  std::vector<int> class_field_ids_;
  // CSR rows of the distinct fields (ids ascending, term counts), merged
  // into the class rows. While building only.
  std::vector<int> field_outer_;
  std::unique_ptr<int[]> field_inner_;
  std::unique_ptr<float[]> field_value_;
  // CSR rows of the classes: shingle ids ascending and their L2-normalised
  // TF-IDF weights (term counts while building). Plain arrays, so that the
  // part of the upper-bound allocation left unused is never touched.
  std::vector<int> outer_;
  std::unique_ptr<int[]> inner_;
  std::unique_ptr<float[]> value_;
  // Packed shingle -> id, in kShards maps by ShardOf; a shard's ids start
  // at shard_offsets_[shard].
  static constexpr int kShards = 64;
  static constexpr int kShardShift = 25;  // shard << 25 | id within it
  static_assert((int64_t{kShards} << kShardShift) <= (int64_t{1} << 31));
  static int ShardOf(uint64_t key);
  std::array<absl::flat_hash_map<uint64_t, uint32_t>, kShards> shard_ids_;
  std::array<uint32_t, kShards + 1> shard_offsets_{};
  std::vector<int> df_;            // per shingle id: owners using it
  std::vector<uint8_t> specific_;  // per shingle id: df_ <= specific_df
  std::vector<int> specific_count_;
  // Inverted index over specific shingles: CSR shingle -> classes.
  std::vector<int> posting_offsets_;
  std::vector<int> postings_;
};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_ENGINE_SIMILARITY_H_
