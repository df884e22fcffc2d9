// The entry points of the fuzz targets (fuzz/targets/*.cc, README
// "Fuzzing"). Each feeds arbitrary bytes to one reader exactly as jxaudit
// does; none may crash, hang or trip a sanitizer, whatever the bytes (a bad
// input is a Status or a diagnostic). They live in this library, not in the
// targets, so that the normal test suite (tests/reliability_test.cc) replays
// every input kept in fixtures/fuzz/<target>/ through the same functions.
#ifndef JXAUDIT_FUZZ_ENTRY_POINTS_H_
#define JXAUDIT_FUZZ_ENTRY_POINTS_H_

#include <string_view>
#include <vector>

namespace jxaudit::fuzz {

// Encoding detection and the text-export reader: DecodeSource, then
// ReadTextExport with the default configuration.
void TextExport(std::string_view bytes);

// The office readers: the bytes as a submitted .docx, .xlsx, .csv or .html
// (ReadSubmission, which tells the kind by the first bytes, then the
// extension), then the text reader over what it produced.
void Docx(std::string_view bytes);
void Xlsx(std::string_view bytes);
void Csv(std::string_view bytes);
void Html(std::string_view bytes);

// The scoring-rule reader (ReadScoringRule) and the 指标解释 reader, on a
// cell as the text reader hands it over (valid UTF-8; other bytes are
// decoded first, as a file would be).
void ScoringRule(std::string_view bytes);

// A user's --config YAML over the defaults, then the rules configured.
void Configuration(std::string_view bytes);

// A --waivers file, applied to the findings of a small bundled fixture.
void Waivers(std::string_view bytes);

// A findings.json read as a --baseline or by compare, compared with itself
// and with a real run.
void FindingsJson(std::string_view bytes);

// A --history file: opened, read for a trend, and a small run recorded in
// it (the bytes are written to a temporary file first).
void HistoryFile(std::string_view bytes);

struct Target {
  std::string_view name;  // also the folder under fixtures/fuzz/
  void (*run)(std::string_view bytes);
};

// Every target, in the order tools/fuzz.sh runs them.
const std::vector<Target>& Targets();

}  // namespace jxaudit::fuzz

#endif  // JXAUDIT_FUZZ_ENTRY_POINTS_H_
