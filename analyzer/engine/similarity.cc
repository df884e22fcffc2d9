#include "analyzer/engine/similarity.h"

#include <utf8proc.h>

#include <algorithm>
#include <cmath>

#include "analyzer/engine/parallel.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {
namespace {

bool IsLetterOrNumber(char32_t c) {
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
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(bytes + pos, size - pos, &cp);
    if (len <= 0) {  // invalid byte: skip it
      ++pos;
      continue;
    }
    pos += len;
    const char32_t c = static_cast<char32_t>(cp);
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
  return static_cast<int>((key * 0x9E3779B97F4A7C15ULL) >> 60);  // 16 shards
}

std::vector<std::pair<uint64_t, float>> ShingleIndex::ShingleCounts(
    const std::vector<std::u32string>& fields) const {
  std::vector<uint64_t> keys;
  for (const std::u32string& field : fields) {
    for (int n = options_.min_n; n <= options_.max_n; ++n) {
      for (size_t i = 0; i + n <= field.size(); ++i) {
        keys.push_back(PackShingle(field.data() + i, n));
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::pair<uint64_t, float>> out;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    out.emplace_back(keys[i], static_cast<float>(j - i));
    i = j;
  }
  return out;
}

void ShingleIndex::Build(int num_owners, const SimilarityOptions& options) {
  options_ = options;
  options_.min_n = std::clamp(options_.min_n, 1, 3);
  options_.max_n = std::clamp(options_.max_n, options_.min_n, 3);
  num_owners_ = num_owners;
  const int classes = num_classes();
  class_of_hash_.clear();  // only needed while adding

  // 1-2. Shingle keys and term counts, then dense ids. Keys are extracted
  // in parallel one chunk of classes at a time (only a chunk's keys are
  // held at once) and numbered in kShards hash maps in parallel, each in
  // order of first appearance; a shard's ids follow the shards before it.
  // The shard count is fixed, so ids do not depend on the thread count.
  for (auto& shard : shard_ids_) shard.clear();
  shingle_offsets_.assign(classes + 1, 0);
  int64_t most = 0;  // an upper bound of the entries, to allocate once
  for (const auto& fields : class_fields_) {
    for (const std::u32string& field : fields) {
      for (int n = options_.min_n; n <= options_.max_n; ++n) {
        most +=
            std::max<int64_t>(0, static_cast<int64_t>(field.size()) - n + 1);
      }
    }
  }
  // Until the shards are counted: shard << 28 | the id within the shard.
  std::vector<uint32_t>& local = shingle_ids_;
  local.clear();
  local.reserve(most);
  shingle_tf_.clear();
  shingle_tf_.reserve(most);
  constexpr int kChunk = 4096;
  std::vector<std::vector<std::pair<uint64_t, float>>> keyed(kChunk);
  std::vector<uint64_t> keys;
  std::vector<std::vector<int64_t>> by_shard(kShards);
  for (int begin = 0; begin < classes; begin += kChunk) {
    const int size = std::min(kChunk, classes - begin);
    ParallelFor(size, options_.threads, [&](int i) {
      keyed[i] = ShingleCounts(class_fields_[begin + i]);
    });
    const int64_t base = static_cast<int64_t>(local.size());
    keys.clear();
    for (auto& list : by_shard) list.clear();
    for (int i = 0; i < size; ++i) {
      for (const auto& [key, tf] : keyed[i]) {
        by_shard[ShardOf(key)].push_back(base + keys.size());
        keys.push_back(key);
        shingle_tf_.push_back(tf);
      }
      shingle_offsets_[begin + i + 1] = base + keys.size();
      std::vector<std::pair<uint64_t, float>>().swap(keyed[i]);
    }
    local.resize(base + keys.size());
    ParallelFor(kShards, options_.threads, [&](int shard) {
      auto& ids = shard_ids_[shard];
      for (int64_t at : by_shard[shard]) {
        auto [it, inserted] =
            ids.try_emplace(keys[at - base], static_cast<uint32_t>(ids.size()));
        local[at] = (static_cast<uint32_t>(shard) << 28) | it->second;
      }
    });
  }
  shard_offsets_[0] = 0;
  for (int shard = 0; shard < kShards; ++shard) {
    shard_offsets_[shard + 1] =
        shard_offsets_[shard] + static_cast<uint32_t>(shard_ids_[shard].size());
  }
  ParallelFor(classes, options_.threads, [&](int c) {
    std::vector<std::pair<uint32_t, float>> sorted;
    for (int64_t k = shingle_offsets_[c]; k < shingle_offsets_[c + 1]; ++k) {
      sorted.emplace_back(
          shard_offsets_[local[k] >> 28] + (local[k] & 0x0fffffffu),
          shingle_tf_[k]);
    }
    std::sort(sorted.begin(), sorted.end());
    int64_t k = shingle_offsets_[c];
    for (const auto& [id, tf] : sorted) {
      shingle_ids_[k] = id;
      shingle_tf_[k] = tf;
      ++k;
    }
  });
  const int vocabulary = static_cast<int>(shard_offsets_[kShards]);

  // 3. Document frequency over owners. Owners holding the same set of
  // classes (cloned tables) share one union, computed once.
  std::vector<std::vector<int>> owner_classes(num_owners);
  for (int c = 0; c < classes; ++c) {
    for (int owner : class_owners_[c]) owner_classes[owner].push_back(c);
  }
  absl::flat_hash_map<std::vector<int>, int> signature_count;
  for (auto& list : owner_classes) {
    if (!list.empty()) ++signature_count[list];
  }
  std::vector<std::pair<const std::vector<int>*, int>> signatures;
  for (const auto& [list, count] : signature_count) {
    signatures.emplace_back(&list, count);
  }
  const int slots =
      SlotCount(static_cast<int>(signatures.size()), options_.threads);
  std::vector<std::vector<int>> partial(slots, std::vector<int>(vocabulary));
  // A shingle counts once per signature: the slot remembers the last
  // signature that counted it (no sort of each signature's union).
  std::vector<std::vector<int>> last(slots, std::vector<int>(vocabulary, -1));
  ParallelForSlots(static_cast<int>(signatures.size()), options_.threads,
                   [&](int slot, int s) {
                     std::vector<int>& seen = last[slot];
                     std::vector<int>& counts = partial[slot];
                     for (int c : *signatures[s].first) {
                       for (int64_t k = shingle_offsets_[c];
                            k < shingle_offsets_[c + 1]; ++k) {
                         const uint32_t id = shingle_ids_[k];
                         if (seen[id] == s) continue;
                         seen[id] = s;
                         counts[id] += signatures[s].second;
                       }
                     }
                   });
  last.clear();
  df_.assign(vocabulary, 0);
  for (const auto& counts : partial) {
    for (int i = 0; i < vocabulary; ++i) df_[i] += counts[i];
  }
  partial.clear();

  // 4. L2-normalised TF-IDF rows, written straight into Eigen's CSR arrays.
  // The small floor keeps a row made only of boilerplate from vanishing.
  std::vector<float> idf(vocabulary);
  for (int i = 0; i < vocabulary; ++i) {
    idf[i] = std::log((num_owners + 1.0f) / (df_[i] + 1.0f)) + 0.01f;
  }
  const int64_t nnz = shingle_offsets_[classes];
  vectors_ = SparseRows(classes, vocabulary);
  vectors_.resizeNonZeros(nnz);
  specific_count_.assign(classes, 0);
  int* outer = vectors_.outerIndexPtr();
  for (int c = 0; c <= classes; ++c)
    outer[c] = static_cast<int>(shingle_offsets_[c]);
  ParallelFor(classes, options_.threads, [&](int c) {
    double norm = 0;
    int specific = 0;
    for (int64_t k = shingle_offsets_[c]; k < shingle_offsets_[c + 1]; ++k) {
      const uint32_t id = shingle_ids_[k];
      const float weight = shingle_tf_[k] * idf[id];
      vectors_.innerIndexPtr()[k] = static_cast<int>(id);
      vectors_.valuePtr()[k] = weight;
      norm += static_cast<double>(weight) * weight;
      if (df_[id] <= options_.specific_df) ++specific;
    }
    const float scale =
        norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0;
    for (int64_t k = shingle_offsets_[c]; k < shingle_offsets_[c + 1]; ++k) {
      vectors_.valuePtr()[k] *= scale;
    }
    specific_count_[c] = specific;
  });

  // 5. Inverted index over specific shingles only.
  posting_offsets_.assign(vocabulary + 1, 0);
  for (int64_t k = 0; k < nnz; ++k) {
    if (df_[shingle_ids_[k]] <= options_.specific_df) {
      ++posting_offsets_[shingle_ids_[k] + 1];
    }
  }
  for (int i = 0; i < vocabulary; ++i)
    posting_offsets_[i + 1] += posting_offsets_[i];
  postings_.resize(posting_offsets_[vocabulary]);
  std::vector<int64_t> fill(posting_offsets_.begin(),
                            posting_offsets_.end() - 1);
  for (int c = 0; c < classes; ++c) {
    for (int64_t k = shingle_offsets_[c]; k < shingle_offsets_[c + 1]; ++k) {
      const uint32_t id = shingle_ids_[k];
      if (df_[id] <= options_.specific_df) postings_[fill[id]++] = c;
    }
  }
  std::vector<float>().swap(shingle_tf_);  // folded into vectors_
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
  return std::binary_search(shingle_ids_.begin() + shingle_offsets_[cls],
                            shingle_ids_.begin() + shingle_offsets_[cls + 1],
                            static_cast<uint32_t>(id));
}

float ShingleIndex::Cosine(int a, int b) const {
  return vectors_.row(a).dot(vectors_.row(b));
}

std::vector<Neighbour> ShingleIndex::Neighbours(int cls, float min_cosine,
                                                int min_specific,
                                                int limit) const {
  min_specific = std::max(1, min_specific);
  std::vector<Neighbour> out;
  if (specific_count_[cls] < min_specific) return out;
  absl::flat_hash_map<int, int> shared;
  for (int64_t k = shingle_offsets_[cls]; k < shingle_offsets_[cls + 1]; ++k) {
    const uint32_t id = shingle_ids_[k];
    if (df_[id] > options_.specific_df) continue;
    for (int64_t p = posting_offsets_[id]; p < posting_offsets_[id + 1]; ++p) {
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
