// Reading entries of a ZIP package (.docx, .xlsx) with libzip, with a bound
// on how much any entry may decompress to: a crafted file (a "zip bomb")
// must give a clear error, not exhaust memory.
#ifndef JXAUDIT_ANALYZER_INGEST_ZIP_READER_H_
#define JXAUDIT_ANALYZER_INGEST_ZIP_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

struct zip;  // libzip's archive handle (zip_t)

namespace jxaudit {

// The most bytes one entry may decompress to. A department's document.xml
// is a few MB; 200 MB leaves room for any real table.
inline constexpr uint64_t kMaxZipEntryBytes = 200ull << 20;

class ZipReader {
 public:
  // Opens a package held in memory; `path` names it in errors.
  static absl::StatusOr<std::unique_ptr<ZipReader>> Open(std::string path,
                                                         std::string bytes);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  bool Has(std::string_view name) const;
  // The entry's bytes; an error when it is missing, damaged or would
  // decompress to more than `limit` bytes (checked against the size the
  // package declares and again while inflating, since that can lie).
  absl::StatusOr<std::string> Read(std::string_view name,
                                   uint64_t limit = kMaxZipEntryBytes) const;

 private:
  ZipReader(std::string path, std::string bytes)
      : path_(std::move(path)), bytes_(std::move(bytes)) {}
  std::string path_;
  std::string bytes_;  // libzip reads from this buffer
  ::zip* archive_ = nullptr;
};

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_ZIP_READER_H_
