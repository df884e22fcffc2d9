#include "analyzer/ingest/table_labels.h"

#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {

bool IsTitleText(std::string_view text) {
  return Contains(text, kTitleMarker) &&
         CodePointCount(TrimBlank(text)) <= kMaxTitleCodePoints;
}

std::string LabelOf(std::string_view text) {
  std::string out;
  for (char c : RemoveAllBlanks(FoldNfkc(text))) {
    if (c != '*' && c != '(' && c != ')') out.push_back(c);
  }
  return out;
}

}  // namespace jxaudit
