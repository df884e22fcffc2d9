#include "analyzer/ingest/html_reader.h"

#include <gumbo.h>

#include <cstdlib>
#include <map>
#include <string>

#include "analyzer/model/strings.h"

namespace jxaudit {
namespace {

bool IsElement(const GumboNode* node, GumboTag tag) {
  return node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

std::string_view AttrOf(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* attr =
      gumbo_get_attribute(&node->v.element.attributes, name);
  return attr == nullptr ? std::string_view{} : attr->value;
}

bool IsHidden(const GumboNode* node) {
  std::string style(AttrOf(node, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return Contains(style, "display:none") || Contains(style, "mso-hide:all");
}

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
      return true;
    default:
      return false;
  }
}

bool IsWide(unsigned char c) { return c >= 0x80; }

// HTML whitespace: a run becomes one space, except a line break between two
// Chinese characters, which Word's HTML writer inserts to wrap long lines
// and which is no space at all.
void AppendText(std::string_view data, std::string& out) {
  for (size_t i = 0; i < data.size();) {
    const char c = data[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      size_t end = i;
      bool newline = false;
      while (end < data.size() &&
             (data[end] == ' ' || data[end] == '\t' || data[end] == '\n' ||
              data[end] == '\r' || data[end] == '\f')) {
        newline |= data[end] == '\n' || data[end] == '\r';
        ++end;
      }
      const bool before_wide = !out.empty() && IsWide(out.back());
      const bool after_wide = end < data.size() && IsWide(data[end]);
      const bool at_line_start = out.empty() || out.back() == '\n';
      if (!(newline && before_wide && after_wide) && !at_line_start &&
          out.back() != ' ') {
        out.push_back(' ');
      }
      i = end;
    } else {
      out.push_back(c);
      ++i;
    }
  }
}

void AppendNodeText(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    AppendText(node->v.text.text, out);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT || IsHidden(node)) return;
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
  if (tag == GUMBO_TAG_BR) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out.push_back('\n');
    return;
  }
  const bool block =
      IsBlockTag(tag) || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
  if (block && !out.empty() && out.back() != '\n') out.push_back('\n');
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    AppendNodeText(static_cast<const GumboNode*>(children.data[i]), out);
  }
  if (block && !out.empty() && out.back() != '\n') out.push_back('\n');
}

std::string TextOf(const GumboNode* node) {
  std::string text;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    AppendNodeText(static_cast<const GumboNode*>(children.data[i]), text);
  }
  // "&nbsp;" is how Word writes an empty cell: a blank, not text.
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xC2\xA0") == 0) {
      out.push_back(' ');
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

int SpanAttr(const GumboNode* node, const char* name) {
  const int n = std::atoi(std::string(AttrOf(node, name)).c_str());
  return n >= 1 && n <= 1000 ? n : 1;
}

// The rows of a table, not of tables nested in its cells.
void CollectRows(const GumboNode* node, std::vector<const GumboNode*>& rows) {
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    if (IsElement(child, GUMBO_TAG_TR)) {
      rows.push_back(child);
    } else if (IsElement(child, GUMBO_TAG_TBODY) ||
               IsElement(child, GUMBO_TAG_THEAD) ||
               IsElement(child, GUMBO_TAG_TFOOT)) {
      CollectRows(child, rows);
    }
  }
}

class HtmlWalker {
 public:
  std::vector<DocBlock> Walk(const GumboNode* root) {
    Visit(root);
    return std::move(blocks_);
  }
  int tables() const { return tables_; }

 private:
  struct Span {
    int rows_left = 0;
    int width = 1;
  };

  void Visit(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT || IsHidden(node)) return;
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_SCRIPT ||
        tag == GUMBO_TAG_STYLE) {
      return;
    }
    if (tag == GUMBO_TAG_TABLE) {
      ReadTable(node);
      return;
    }
    if (IsBlockTag(tag) && tag != GUMBO_TAG_DIV && !HasTable(node)) {
      DocBlock block;
      block.paragraph = {TextOf(node), {.paragraph = ++paragraphs_}};
      blocks_.push_back(std::move(block));
      return;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      Visit(static_cast<const GumboNode*>(children.data[i]));
    }
  }

  static bool HasTable(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT) return false;
    if (node->v.element.tag == GUMBO_TAG_TABLE) return true;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      if (HasTable(static_cast<const GumboNode*>(children.data[i]))) {
        return true;
      }
    }
    return false;
  }

  void ReadTable(const GumboNode* table) {
    const int number = ++tables_;
    DocBlock block;
    block.kind = DocBlock::Kind::kTable;
    std::vector<const GumboNode*> rows;
    CollectRows(table, rows);
    std::map<int, Span> spans;  // column -> a rowspan still running
    for (size_t r = 0; r < rows.size(); ++r) {
      TableRow row;
      row.place = {.table = number, .row = static_cast<int>(r + 1)};
      auto at_column = [&](int column) {
        FilePlace place = row.place;
        place.column = column;
        return place;
      };
      int col = 0;
      auto continue_spans = [&](int upto) {
        // Emit the merged-from-above cells that sit before column `upto`.
        for (auto it = spans.find(col);
             it != spans.end() && col < upto && it->second.rows_left > 0;
             it = spans.find(col)) {
          row.cells.push_back({"", at_column(col + 1)});
          --it->second.rows_left;
          col += it->second.width;
        }
      };
      const GumboVector& children = rows[r]->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) {
        const auto* td = static_cast<const GumboNode*>(children.data[i]);
        if (!IsElement(td, GUMBO_TAG_TD) && !IsElement(td, GUMBO_TAG_TH)) {
          continue;
        }
        continue_spans(1 << 20);
        const int width = SpanAttr(td, "colspan");
        const int height = SpanAttr(td, "rowspan");
        row.cells.push_back(
            {IsHidden(td) ? "" : TextOf(td), at_column(col + 1)});
        if (height > 1) spans[col] = {height - 1, width};
        col += width;
      }
      continue_spans(1 << 20);
      // Spans that end further right than this row's cells.
      for (auto& [at, span] : spans) {
        if (at >= col && span.rows_left > 0) {
          row.cells.push_back({"", at_column(at + 1)});
          --span.rows_left;
        }
      }
      if (row.cells.empty()) continue;
      row.cells.front().place = row.place;
      block.rows.push_back(std::move(row));
    }
    blocks_.push_back(std::move(block));
  }

  std::vector<DocBlock> blocks_;
  int tables_ = 0;
  int paragraphs_ = 0;
};

}  // namespace

std::vector<DocBlock> ReadHtmlBlocks(std::string_view html, int& tables) {
  GumboOutput* output =
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  HtmlWalker walker;
  std::vector<DocBlock> blocks = walker.Walk(output->root);
  tables = walker.tables();
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return blocks;
}

}  // namespace jxaudit
