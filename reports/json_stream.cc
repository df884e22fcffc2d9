#include "reports/json_stream.h"

#include <string>
#include <string_view>

#include "analyzer/model/parallel.h"
#include "analyzer/model/strings.h"

namespace jxaudit {
namespace {

using nlohmann::json;

// A placeholder is a whole string of the skeleton: U+0001, a fixed word and
// the array's index. Only a string that is exactly that (checked when it is
// found) is replaced; the skeleton's other strings are paths, diagnostics and
// waivers, which would have to be exactly it to be mistaken for one.
constexpr std::string_view kSlotPrefix = "\x01jxaudit-array-";

// `element.dump(2)` nested so that its first line starts at `indent`
// spaces: every following line moves right by as much. Strings hold no raw
// newline (dump escapes it), so each '\n' starts a line.
void AppendNested(std::string& out, const json& element, size_t indent) {
  const std::string text = element.dump(2);
  out.append(indent, ' ');
  size_t from = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos;
       nl = text.find('\n', from)) {
    out.append(text, from, nl + 1 - from);
    out.append(indent, ' ');
    from = nl + 1;
  }
  out.append(text, from, std::string::npos);
}

// The elements of `array`, each on its own lines at `indent`, separated by
// ",\n"; no brackets.
absl::Status WriteElements(const StreamedArray& array, size_t indent,
                           int threads, const ByteSink& sink) {
  return WriteRendered(
      array.size, threads,
      [&](int i, std::string& out) {
        if (i > 0) out += ",\n";
        AppendNested(out, array.element(i), indent);
      },
      sink);
}

}  // namespace

json ArraySlot(int index) { return StrCat(kSlotPrefix, index); }

absl::Status WriteRendered(
    int n, int threads,
    const std::function<void(int i, std::string& out)>& render,
    const ByteSink& sink) {
  // Items rendered per task, and tasks per round: a round's text (about
  // 1.5 KB a finding) is all that is held at once.
  constexpr int kChunk = 512;
  constexpr int kChunksPerThread = 4;
  const int chunks = (n + kChunk - 1) / kChunk;
  const int per_round = ResolveThreads(threads) * kChunksPerThread;
  std::vector<std::string> texts;
  for (int first = 0; first < chunks; first += per_round) {
    const int count = std::min(per_round, chunks - first);
    texts.assign(count, std::string());
    ParallelFor(count, threads, [&](int c) {
      const int begin = (first + c) * kChunk;
      const int end = std::min(n, begin + kChunk);
      for (int i = begin; i < end; ++i) render(i, texts[c]);
    });
    for (const std::string& text : texts) {
      if (auto status = sink(text); !status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

absl::Status WriteStreamedJson(const json& skeleton,
                               const std::vector<StreamedArray>& arrays,
                               int threads, const ByteSink& sink) {
  const std::string text = skeleton.dump(2) + "\n";
  // How dump writes a placeholder: "\u0001jxaudit-array-<index>".
  std::string marker = json(kSlotPrefix).dump();
  marker.pop_back();  // the closing quote
  size_t from = 0;
  for (size_t at = text.find(marker); at != std::string::npos;
       at = text.find(marker, from)) {
    const size_t digits = at + marker.size();
    const size_t close = text.find('"', digits);
    if (close == std::string::npos || close == digits ||
        text.find_first_not_of("0123456789", digits) != close) {
      // A string that merely starts like a placeholder: written as is.
      if (auto status =
              sink(std::string_view(text).substr(from, digits - from));
          !status.ok()) {
        return status;
      }
      from = digits;
      continue;
    }
    const int index = std::stoi(text.substr(digits, close - digits));
    const size_t line = text.rfind('\n', at) + 1;
    const size_t indent = text.find_first_not_of(' ', line) - line;
    if (auto status = sink(std::string_view(text).substr(from, at - from));
        !status.ok()) {
      return status;
    }
    const StreamedArray& array = arrays.at(index);
    if (array.size == 0) {
      if (auto status = sink("[]"); !status.ok()) return status;
    } else {
      if (auto status = sink("[\n"); !status.ok()) return status;
      if (auto status = WriteElements(array, indent + 2, threads, sink);
          !status.ok()) {
        return status;
      }
      if (auto status = sink(StrCat("\n", std::string(indent, ' '), "]"));
          !status.ok()) {
        return status;
      }
    }
    from = close + 1;
  }
  return sink(std::string_view(text).substr(from));
}

}  // namespace jxaudit
