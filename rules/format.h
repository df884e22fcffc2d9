// Formatting helpers shared by rule messages.
#ifndef JXAUDIT_RULES_FORMAT_H_
#define JXAUDIT_RULES_FORMAT_H_

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "analyzer/model/model.h"
#include "analyzer/model/strings.h"
#include "analyzer/model/text.h"

namespace jxaudit {

// 5 -> "5", 2.5 -> "2.5", 0.125 -> "0.125": no trailing zeros.
inline std::string FormatNumber(double value) {
  if (std::fabs(value - std::round(value)) < 1e-9) {
    return absl::StrFormat("%.0f", value);
  }
  std::string text = absl::StrFormat("%.4f", value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// The additive parts of a scoring rule as written in a message: "5+3+2".
inline std::string PartsText(const std::vector<double>& parts) {
  std::string text;
  for (double part : parts) {
    StrAppend(&text, text.empty() ? "" : "+", FormatNumber(part));
  }
  return text;
}

// A JSON-friendly number: integers stay integers.
inline double RoundForEvidence(double value) {
  return std::round(value * 10000.0) / 10000.0;
}

// The row's value with its unit, as a clerk writes it in a sentence: "98%",
// "1000万元", "0.3万人". The unit column is left out when the value already
// carries a unit ("98%") or the column says there is none (无, -, /).
inline std::string ValueWithUnit(const IndicatorRow& row) {
  const std::string_view value = TrimBlank(row.value.text);
  if (!row.parsed_value.written_unit.empty() || row.parsed_unit.is_none) {
    return std::string(value);
  }
  return StrCat(value, TrimBlank(row.unit.text));
}

}  // namespace jxaudit

#endif  // JXAUDIT_RULES_FORMAT_H_
