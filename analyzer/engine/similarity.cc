#include "analyzer/engine/similarity.h"

#include <utf8proc.h>

#include <algorithm>
#include <bit>
#include <cmath>

#include "absl/hash/hash.h"
#include "analyzer/model/parallel.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

bool IsLetterOrNumber(char32_t c) {
  // The common cases without a table lookup: CJK ideographs, ASCII.
  if (c >= 0x4E00 && c <= 0x9FFF) return true;
  if (c < 0x80) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
           (c >= U'0' && c <= U'9');
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// One code point at `p` (`left` bytes remain): its length in bytes, <= 0
// when invalid. ASCII and three-byte sequences (all of CJK) are decoded
// here, the rest by utf8proc.
utf8proc_ssize_t DecodeUtf8(const utf8proc_uint8_t* p, utf8proc_ssize_t left,
                            char32_t& c) {
  if (p[0] < 0x80) {
    c = p[0];
    return 1;
  }
  if ((p[0] & 0xF0) == 0xE0 && left >= 3 && (p[1] & 0xC0) == 0x80 &&
      (p[2] & 0xC0) == 0x80) {
    c = (static_cast<char32_t>(p[0] & 0x0F) << 12) |
        (static_cast<char32_t>(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) return 3;
  }
  utf8proc_int32_t cp = 0;
  const utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
  c = static_cast<char32_t>(cp);
  return len;
}

// Code points fit in 21 bits, so a shingle of up to three of them packs
// into 64 bits exactly (no hash collisions); 0x1FFFFF pads shorter ones.
constexpr uint64_t kPad = 0x1FFFFF;

uint64_t PackShingle(const char32_t* p, int n) {
  uint64_t key = 0;
  for (int i = 0; i < 3; ++i) {
    key = (key << 21) | (i < n ? static_cast<uint64_t>(p[i]) : kPad);
  }
  return key;
}

}  // namespace

std::u32string SimilarityText(std::string_view text) {
  return SimilarityTextFolded(FoldNfkc(text));
}

std::u32string SimilarityTextFolded(std::string_view folded) {
  std::u32string out;
  out.reserve(folded.size() / 2);
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t pos = 0;
  const auto size = static_cast<utf8proc_ssize_t>(folded.size());
  bool in_number = false;
  while (pos < size) {
    char32_t c = 0;
    const utf8proc_ssize_t len = DecodeUtf8(bytes + pos, size - pos, c);
    if (len <= 0) {  // invalid byte: skip it
      ++pos;
      continue;
    }
    pos += len;
    if (IsAsciiDigit(c)) {
      if (!in_number) out.push_back(U'#');
      in_number = true;
      continue;
    }
    // "92.11" is one number: a dot between digits continues it.
    if (in_number && c == U'.' && pos < size && IsAsciiDigit(folded[pos])) {
      continue;
    }
    in_number = false;
    if (!IsLetterOrNumber(c)) continue;
    out.push_back(c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c);
  }
  return out;
}

std::string Utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    utf8proc_uint8_t buffer[4];
    utf8proc_ssize_t n =
        utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
  }
  return out;
}

uint64_t ShingleIndex::FieldsHash(const std::vector<std::u32string>& fields) {
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a over code points
  for (const std::u32string& field : fields) {
    for (char32_t c : field) hash = (hash ^ c) * 0x100000001b3ULL;
    hash = (hash ^ 0x241F) * 0x100000001b3ULL;  // field separator
  }
  return hash;
}

int ShingleIndex::Add(int owner, const std::vector<std::u32string>& fields) {
  return Add(owner, std::vector<std::u32string>(fields), FieldsHash(fields));
}

int ShingleIndex::Add(int owner, std::vector<std::u32string>&& fields,
                      uint64_t hash) {
  // Equal fields have equal hashes; a different text under a taken hash
  // (a 64-bit collision) probes the next value.
  for (;; ++hash) {
    auto [it, inserted] = class_of_hash_.try_emplace(hash, num_classes());
    if (inserted) {
      class_fields_.push_back(std::move(fields));
      class_owners_.emplace_back();
    } else if (class_fields_[it->second] != fields) {
      continue;
    }
    AddOwner(it->second, owner);
    return it->second;
  }
}

void ShingleIndex::AddOwner(int cls, int owner) {
  std::vector<int>& owners = class_owners_[cls];
  if (owners.empty() || owners.back() != owner) {
    // Owners usually arrive in order; keep the list sorted and unique.
    auto pos = std::lower_bound(owners.begin(), owners.end(), owner);
    if (pos == owners.end() || *pos != owner) owners.insert(pos, owner);
  }
}

int ShingleIndex::ShardOf(uint64_t key) {
  return static_cast<int>((key * 0x9E3779B97F4A7C15ULL) >> 58);  // 64 shards
}

int64_t ShingleIndex::MaxShingles(std::u32string_view text) const {
  int64_t most = 0;
  for (int n = options_.min_n; n <= options_.max_n; ++n) {
    most += std::max<int64_t>(0, static_cast<int64_t>(text.size()) - n + 1);
  }
  return most;
}

int ShingleIndex::ShingleCounts(std::u32string_view text, int64_t most,
                                uint64_t* keys, float* tf) const {
  // Distinct keys in order of first appearance, counted in an open-addressing
  // table of twice the most keys (a sort of every text's keys cost more).
  int bits = 4;
  while ((int64_t{1} << bits) < 2 * most) ++bits;
  const uint64_t mask = (uint64_t{1} << bits) - 1;
  thread_local std::vector<int> slot;  // table: index into keys, or -1
  slot.assign(mask + 1, -1);
  int distinct = 0;
  for (int n = options_.min_n; n <= options_.max_n; ++n) {
    for (size_t i = 0; i + n <= text.size(); ++i) {
      const uint64_t key = PackShingle(text.data() + i, n);
      uint64_t at = (key * 0x9E3779B97F4A7C15ULL) >> (64 - bits);
      while (slot[at] >= 0 && keys[slot[at]] != key) at = (at + 1) & mask;
      if (slot[at] >= 0) {
        tf[slot[at]] += 1;
      } else {
        slot[at] = distinct;
        keys[distinct] = key;
        tf[distinct] = 1;
        ++distinct;
      }
    }
  }
  return distinct;
}

void ShingleIndex::Build(int num_owners, const SimilarityOptions& options) {
  options_ = options;
  options_.min_n = std::clamp(options_.min_n, 1, 3);
  options_.max_n = std::clamp(options_.max_n, options_.min_n, 3);
  num_owners_ = num_owners;
  class_of_hash_.clear();  // only needed while adding
  ListDistinctFields();
  NumberShingles();
  SortFieldShingles();
  MergeClassShingles();
  CountDocumentFrequency();
  WeighVectors();
  BuildPostings();
}

// Step 1: the distinct field texts, in order of first appearance over the
// classes' fields, and each class's fields as indices into them.
void ShingleIndex::ListDistinctFields() {
  const int classes = num_classes();
  fields_.clear();
  class_field_ids_.clear();
  class_field_offsets_.assign(classes + 1, 0);
  for (int c = 0; c < classes; ++c) {
    class_field_offsets_[c + 1] =
        class_field_offsets_[c] + static_cast<int>(class_fields_[c].size());
  }
  // Hashed in parallel; the numbering, in order, compares equal hashes.
  std::vector<uint64_t> hashes(class_field_offsets_[classes]);
  ParallelFor(classes, options_.threads, [&](int c) {
    int i = class_field_offsets_[c];
    for (const std::u32string& field : class_fields_[c]) {
      hashes[i++] = absl::HashOf(
          std::string_view(reinterpret_cast<const char*>(field.data()),
                           field.size() * sizeof(char32_t)));
    }
  });
  class_field_ids_.resize(hashes.size());
  absl::flat_hash_map<uint64_t, int> first_with_hash;
  first_with_hash.reserve(hashes.size());
  std::vector<int> next_with_hash;  // fields under one hash, chained
  for (int c = 0; c < classes; ++c) {
    int i = class_field_offsets_[c];
    for (const std::u32string& field : class_fields_[c]) {
      const int fresh = static_cast<int>(fields_.size());
      auto [it, inserted] = first_with_hash.try_emplace(hashes[i], fresh);
      int f = inserted ? -1 : it->second;
      while (f >= 0 && fields_[f] != field) f = next_with_hash[f];
      if (f < 0) {  // a new text (or a 64-bit collision)
        next_with_hash.push_back(inserted ? -1 : it->second);
        it->second = fresh;
        fields_.push_back(field);
        f = fresh;
      }
      class_field_ids_[i++] = f;
    }
  }
}

// Step 2: the shingle keys of every distinct field with their term counts,
// and a dense id for each distinct key, written into the fields' CSR
// arrays (a shingle's shard << kShardShift | its id within the shard, and
// its count).
//
// Fields are read one chunk at a time, so only a chunk's keys are held at
// once. The arrays are allocated for the most shingles the fields could
// have and filled compactly: the unused tail is never touched, so it costs
// no memory (on a virtual machine a first touch of a page is expensive).
// Keys are numbered in kShards hash maps, one task per shard (so a shard's
// map stays in cache), each in order of first appearance in field order:
// parts of the chunk, in field order, list their keys per shard, and a
// shard reads the parts in order. The ids depend neither on the thread
// count nor on scheduling, and they are the ids a numbering of every
// class's fields in class order would give: a repeated field brings no key
// that has not appeared before.
void ShingleIndex::NumberShingles() {
  const int count = static_cast<int>(fields_.size());
  for (auto& shard : shard_ids_) shard.clear();
  int64_t most = 0;
  std::vector<int64_t> field_most(count);
  for (int f = 0; f < count; ++f) {
    field_most[f] = MaxShingles(fields_[f]);
    most += field_most[f];
  }
  field_outer_.assign(count + 1, 0);
  field_inner_.reset(new int[std::max<int64_t>(most, 1)]);
  field_value_.reset(new float[std::max<int64_t>(most, 1)]);
  constexpr int kChunk = 8192;
  constexpr int kParts = 8;
  std::vector<int64_t> bound(kChunk + 1);
  std::vector<int> distinct(kChunk);
  std::vector<uint64_t> keys;
  // by_shard[part][shard]: the part's keys and their positions.
  using Keyed = std::pair<uint64_t, int>;
  std::vector<std::array<std::vector<Keyed>, kShards>> by_shard(kParts);
  for (int begin = 0; begin < count; begin += kChunk) {
    const int size = std::min(kChunk, count - begin);
    for (int i = 0; i < size; ++i) {
      bound[i + 1] = bound[i] + field_most[begin + i];
    }
    keys.resize(bound[size]);
    // Term counts go straight to their final place, from
    // field_outer_[begin]: the chunk's compact output never overtakes its
    // upper bounds.
    float* counts = field_value_.get() + field_outer_[begin];
    ParallelFor(size, options_.threads, [&](int i) {
      distinct[i] = ShingleCounts(fields_[begin + i], bound[i + 1] - bound[i],
                                  keys.data() + bound[i], counts + bound[i]);
    });
    for (int i = 0; i < size; ++i) {
      field_outer_[begin + i + 1] = field_outer_[begin + i] + distinct[i];
    }
    // Compact the counts (moving left only, in order) and list the keys.
    for (int i = 0; i < size; ++i) {
      std::copy(counts + bound[i], counts + bound[i] + distinct[i],
                field_value_.get() + field_outer_[begin + i]);
    }
    ParallelFor(kParts, options_.threads, [&](int part) {
      for (auto& list : by_shard[part]) list.clear();
      for (int i = size * part / kParts; i < size * (part + 1) / kParts; ++i) {
        int out = field_outer_[begin + i];
        for (int64_t k = bound[i]; k < bound[i] + distinct[i]; ++k, ++out) {
          by_shard[part][ShardOf(keys[k])].emplace_back(keys[k], out);
        }
      }
    });
    ParallelFor(kShards, options_.threads, [&](int shard) {
      auto& ids = shard_ids_[shard];
      for (int part = 0; part < kParts; ++part) {
        for (const auto& [key, out] : by_shard[part][shard]) {
          auto [it, inserted] =
              ids.try_emplace(key, static_cast<uint32_t>(ids.size()));
          field_inner_[out] =
              (shard << kShardShift) | static_cast<int>(it->second);
        }
      }
    });
  }
  shard_offsets_[0] = 0;
  for (int shard = 0; shard < kShards; ++shard) {
    shard_offsets_[shard + 1] =
        shard_offsets_[shard] + static_cast<uint32_t>(shard_ids_[shard].size());
  }
  vocabulary_ = static_cast<int>(shard_offsets_[kShards]);
}

// Dense ids per field in ascending order, in place.
void ShingleIndex::SortFieldShingles() {
  constexpr int kWithin = (1 << kShardShift) - 1;
  ParallelFor(static_cast<int>(fields_.size()), options_.threads, [&](int f) {
    // (id, count bits) packed in 64 bits sort faster than pairs.
    thread_local std::vector<uint64_t> sorted;
    sorted.clear();
    for (int k = field_outer_[f]; k < field_outer_[f + 1]; ++k) {
      const int packed = field_inner_[k];
      const uint64_t id =
          shard_offsets_[packed >> kShardShift] + (packed & kWithin);
      sorted.push_back(id << 32 | std::bit_cast<uint32_t>(field_value_[k]));
    }
    std::sort(sorted.begin(), sorted.end());
    int k = field_outer_[f];
    for (uint64_t packed : sorted) {
      field_inner_[k] = static_cast<int>(packed >> 32);
      field_value_[k] = std::bit_cast<float>(static_cast<uint32_t>(packed));
      ++k;
    }
  });
}

int ShingleIndex::MergeFields(int cls, int* inner, float* value) const {
  // A k-way merge of the fields' sorted rows; a class has two or three
  // fields, so the least head is found by a scan. Counts are small whole
  // numbers, so their float sums are exact.
  constexpr int kMostFields = 8;
  const int first = class_field_offsets_[cls];
  const int fields = class_field_offsets_[cls + 1] - first;
  if (fields > kMostFields) {  // no caller has this many: sort and sum
    thread_local std::vector<std::pair<int, float>> all;
    all.clear();
    for (int i = 0; i < fields; ++i) {
      const int f = class_field_ids_[first + i];
      for (int k = field_outer_[f]; k < field_outer_[f + 1]; ++k) {
        all.emplace_back(field_inner_[k], field_value_[k]);
      }
    }
    std::sort(all.begin(), all.end());
    int length = 0;
    for (size_t k = 0; k < all.size(); ++length) {
      const int id = all[k].first;
      float tf = 0;
      for (; k < all.size() && all[k].first == id; ++k) tf += all[k].second;
      inner[length] = id;
      value[length] = tf;
    }
    return length;
  }
  std::array<int, kMostFields> at{};
  std::array<int, kMostFields> end{};
  int open = 0;
  for (int i = 0; i < fields && open < kMostFields; ++i) {
    const int f = class_field_ids_[first + i];
    if (field_outer_[f] == field_outer_[f + 1]) continue;
    at[open] = field_outer_[f];
    end[open] = field_outer_[f + 1];
    ++open;
  }
  int length = 0;
  while (open > 0) {
    int least = field_inner_[at[0]];
    for (int f = 1; f < open; ++f) least = std::min(least, field_inner_[at[f]]);
    float tf = 0;
    for (int f = 0; f < open;) {
      if (field_inner_[at[f]] == least) {
        tf += field_value_[at[f]++];
        if (at[f] == end[f]) {  // this field is done
          --open;
          at[f] = at[open];
          end[f] = end[open];
          continue;
        }
      }
      ++f;
    }
    inner[length] = least;
    value[length] = tf;
    ++length;
  }
  return length;
}

// Step 3: each class's row, its fields' rows merged (ids ascending, as
// Eigen's CSR rows, Cosine and HasShingle need them). Classes are merged a
// chunk at a time into a scratch buffer (reused, so already in memory) and
// copied to their place: one merge per class, where counting the rows'
// lengths first took a second merge and cost more than the copy. The class
// arrays are allocated for the longest rows the classes could have, and
// their unused tail is never touched.
void ShingleIndex::MergeClassShingles() {
  const int classes = num_classes();
  std::vector<int64_t> most(classes + 1, 0);
  for (int c = 0; c < classes; ++c) {
    int64_t sum = 0;
    for (int i = class_field_offsets_[c]; i < class_field_offsets_[c + 1];
         ++i) {
      const int f = class_field_ids_[i];
      sum += field_outer_[f + 1] - field_outer_[f];
    }
    most[c + 1] = most[c] + sum;
  }
  outer_.assign(classes + 1, 0);
  inner_.reset(new int[std::max<int64_t>(most[classes], 1)]);
  value_.reset(new float[std::max<int64_t>(most[classes], 1)]);
  constexpr int kChunk = 8192;
  std::vector<int> scratch_inner;
  std::vector<float> scratch_value;
  std::vector<int> length(kChunk);
  for (int begin = 0; begin < classes; begin += kChunk) {
    const int size = std::min(kChunk, classes - begin);
    const int64_t base = most[begin];
    scratch_inner.resize(most[begin + size] - base);
    scratch_value.resize(most[begin + size] - base);
    ParallelFor(size, options_.threads, [&](int i) {
      const int64_t at = most[begin + i] - base;
      length[i] = MergeFields(begin + i, scratch_inner.data() + at,
                              scratch_value.data() + at);
    });
    for (int i = 0; i < size; ++i) {
      outer_[begin + i + 1] = outer_[begin + i] + length[i];
    }
    ParallelFor(size, options_.threads, [&](int i) {
      const int64_t at = most[begin + i] - base;
      std::copy_n(scratch_inner.data() + at, length[i],
                  inner_.get() + outer_[begin + i]);
      std::copy_n(scratch_value.data() + at, length[i],
                  value_.get() + outer_[begin + i]);
    });
  }
  fields_ = {};
  class_field_offsets_ = {};
  class_field_ids_ = {};
  field_outer_ = {};
  field_inner_.reset();
  field_value_.reset();
}

// Step 4: document frequency over owners. Owners holding the same set of
// classes (cloned tables) share one union, computed once; a slot remembers
// the last signature that counted a shingle, so no union is sorted.
void ShingleIndex::CountDocumentFrequency() {
  const int classes = num_classes();
  std::vector<std::vector<int>> owner_classes(num_owners_);
  for (int c = 0; c < classes; ++c) {
    for (int owner : class_owners_[c]) owner_classes[owner].push_back(c);
  }
  absl::flat_hash_map<std::vector<int>, int> signature_count;
  for (auto& list : owner_classes) {
    if (!list.empty()) ++signature_count[std::move(list)];
  }
  std::vector<std::pair<const std::vector<int>*, int>> signatures;
  for (const auto& [list, count] : signature_count) {
    signatures.emplace_back(&list, count);
  }
  const int slots =
      SlotCount(static_cast<int>(signatures.size()), options_.threads);
  std::vector<std::vector<int>> partial(slots, std::vector<int>(vocabulary_));
  std::vector<std::vector<int>> last(slots, std::vector<int>(vocabulary_, -1));
  ParallelForSlots(static_cast<int>(signatures.size()), options_.threads,
                   [&](int slot, int s) {
                     std::vector<int>& seen = last[slot];
                     std::vector<int>& counts = partial[slot];
                     for (int c : *signatures[s].first) {
                       for (int k = outer_[c]; k < outer_[c + 1]; ++k) {
                         const int id = inner_[k];
                         if (seen[id] == s) continue;
                         seen[id] = s;
                         counts[id] += signatures[s].second;
                       }
                     }
                   });
  last.clear();
  df_ = std::move(partial[0]);
  for (int slot = 1; slot < slots; ++slot) {
    for (int i = 0; i < vocabulary_; ++i) df_[i] += partial[slot][i];
  }
}

// Step 5: L2-normalised TF-IDF rows, in place. The small floor keeps a row
// made only of boilerplate from vanishing.
void ShingleIndex::WeighVectors() {
  std::vector<float> idf(vocabulary_);
  specific_.assign(vocabulary_, 0);
  for (int i = 0; i < vocabulary_; ++i) {
    idf[i] = std::log((num_owners_ + 1.0f) / (df_[i] + 1.0f)) + 0.01f;
    specific_[i] = df_[i] <= options_.specific_df;
  }
  const int classes = num_classes();
  specific_count_.assign(classes, 0);
  ParallelFor(classes, options_.threads, [&](int c) {
    double norm = 0;
    int specific = 0;
    for (int k = outer_[c]; k < outer_[c + 1]; ++k) {
      value_[k] *= idf[inner_[k]];
      norm += static_cast<double>(value_[k]) * value_[k];
      specific += specific_[inner_[k]];
    }
    const float scale =
        norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0;
    for (int k = outer_[c]; k < outer_[c + 1]; ++k) value_[k] *= scale;
    specific_count_[c] = specific;
  });
}

// Step 6: the inverted index over specific shingles only.
void ShingleIndex::BuildPostings() {
  const int classes = num_classes();
  posting_offsets_.assign(vocabulary_ + 1, 0);
  for (int k = 0; k < outer_[classes]; ++k) {
    if (specific_[inner_[k]]) ++posting_offsets_[inner_[k] + 1];
  }
  for (int i = 0; i < vocabulary_; ++i)
    posting_offsets_[i + 1] += posting_offsets_[i];
  postings_.resize(posting_offsets_[vocabulary_]);
  std::vector<int> fill(posting_offsets_.begin(), posting_offsets_.end() - 1);
  for (int c = 0; c < classes; ++c) {
    for (int k = outer_[c]; k < outer_[c + 1]; ++k) {
      if (specific_[inner_[k]]) postings_[fill[inner_[k]]++] = c;
    }
  }
}

Eigen::Map<const SparseRows> ShingleIndex::Vectors() const {
  const int classes = num_classes();
  return {classes,       vocabulary_,  outer_.empty() ? 0 : outer_[classes],
          outer_.data(), inner_.get(), value_.get()};
}

int ShingleIndex::DocumentFrequency(std::u32string_view shingle) const {
  if (shingle.empty() || shingle.size() > 3) return 0;
  const int id = ShingleId(shingle);
  return id < 0 ? 0 : df_[id];
}

int ShingleIndex::ShingleId(std::u32string_view shingle) const {
  if (shingle.empty() || shingle.size() > 3) return -1;
  const uint64_t key =
      PackShingle(shingle.data(), static_cast<int>(shingle.size()));
  const int shard = ShardOf(key);
  auto it = shard_ids_[shard].find(key);
  if (it == shard_ids_[shard].end()) return -1;
  return static_cast<int>(shard_offsets_[shard] + it->second);
}

bool ShingleIndex::HasShingle(int cls, int id) const {
  if (id < 0) return false;
  return std::binary_search(inner_.get() + outer_[cls],
                            inner_.get() + outer_[cls + 1], id);
}

float ShingleIndex::Cosine(int a, int b) const {
  // A merge of the two sorted rows.
  int i = outer_[a], j = outer_[b];
  const int i_end = outer_[a + 1], j_end = outer_[b + 1];
  double dot = 0;
  while (i < i_end && j < j_end) {
    if (inner_[i] < inner_[j]) {
      ++i;
    } else if (inner_[j] < inner_[i]) {
      ++j;
    } else {
      dot += static_cast<double>(value_[i++]) * value_[j++];
    }
  }
  return static_cast<float>(dot);
}

std::vector<Neighbour> ShingleIndex::Neighbours(int cls, float min_cosine,
                                                int min_specific,
                                                int limit) const {
  min_specific = std::max(1, min_specific);
  std::vector<Neighbour> out;
  if (specific_count_[cls] < min_specific) return out;
  absl::flat_hash_map<int, int> shared;
  for (int k = outer_[cls]; k < outer_[cls + 1]; ++k) {
    const int id = inner_[k];
    if (!specific_[id]) continue;
    for (int p = posting_offsets_[id]; p < posting_offsets_[id + 1]; ++p) {
      if (postings_[p] != cls) ++shared[postings_[p]];
    }
  }
  for (const auto& [other, count] : shared) {
    if (count < min_specific) continue;
    const float cosine = Cosine(cls, other);
    if (cosine >= min_cosine) out.push_back({other, cosine, count});
  }
  std::sort(out.begin(), out.end(), [](const Neighbour& a, const Neighbour& b) {
    return a.cosine != b.cosine ? a.cosine > b.cosine : a.cls < b.cls;
  });
  if (limit > 0 && static_cast<int>(out.size()) > limit) out.resize(limit);
  return out;
}

std::vector<std::vector<Neighbour>> ShingleIndex::AllNeighbours(
    float min_cosine, int min_specific, int limit) const {
  std::vector<std::vector<Neighbour>> out(num_classes());
  ParallelFor(num_classes(), options_.threads, [&](int c) {
    out[c] = Neighbours(c, min_cosine, min_specific, limit);
  });
  return out;
}

}  // namespace jxaudit
