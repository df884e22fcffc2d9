#include "analyzer/ingest/zip_reader.h"

#include <zip.h>

#include "absl/status/status.h"
#include "analyzer/model/strings.h"

namespace jxaudit {

absl::StatusOr<std::unique_ptr<ZipReader>> ZipReader::Open(std::string path,
                                                           std::string bytes) {
  std::unique_ptr<ZipReader> reader(
      new ZipReader(std::move(path), std::move(bytes)));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(
      reader->bytes_.data(), reader->bytes_.size(), 0, &error);
  if (source != nullptr) {
    reader->archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (reader->archive_ == nullptr) zip_source_free(source);
  }
  if (reader->archive_ == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return absl::InvalidArgumentError(
        StrCat(reader->path_, ": 不是完整的 Office 文件（ZIP 包无法打开：", why,
               "）；文件可能已损坏或被截断，请重新保存后再提交"));
  }
  zip_error_fini(&error);
  return reader;
}

ZipReader::~ZipReader() {
  if (archive_ != nullptr) zip_discard(archive_);
}

bool ZipReader::Has(std::string_view name) const {
  return zip_name_locate(archive_, std::string(name).c_str(), 0) >= 0;
}

absl::StatusOr<std::string> ZipReader::Read(std::string_view name,
                                            uint64_t limit) const {
  const std::string entry(name);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive_, entry.c_str(), 0, &stat) != 0) {
    return absl::NotFoundError(
        StrCat(path_, ": 文件包中缺少 ", entry, "，不是完整的 Office 文件"));
  }
  auto too_big = [&]() {
    return absl::ResourceExhaustedError(
        StrCat(path_, ": 文件包中的 ", entry, " 解压后超过 ", limit >> 20,
               " MB，不像正常的绩效目标表（可能是恶意构造的压缩包）；已拒绝"));
  };
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > limit) return too_big();
  zip_file_t* file = zip_fopen(archive_, entry.c_str(), 0);
  if (file == nullptr) {
    return absl::InvalidArgumentError(StrCat(path_, ": 无法解压 ", entry, "（",
                                             zip_strerror(archive_),
                                             "）；文件可能已加密或已损坏"));
  }
  std::string out;
  char chunk[1 << 16];
  for (;;) {
    const zip_int64_t n = zip_fread(file, chunk, sizeof chunk);
    if (n < 0) {
      std::string why = zip_file_strerror(file);
      zip_fclose(file);
      return absl::InvalidArgumentError(
          StrCat(path_, ": 解压 ", entry, " 时出错（", why, "）；文件已损坏"));
    }
    if (n == 0) break;
    if (out.size() + static_cast<uint64_t>(n) > limit) {
      zip_fclose(file);
      return too_big();
    }
    out.append(chunk, static_cast<size_t>(n));
  }
  zip_fclose(file);
  return out;
}

}  // namespace jxaudit
