// Search excerpts as safe HTML (snippet.hpp).
#include "content/snippet.hpp"

namespace ugoki::content {

std::string render_snippet(std::string_view headline) {
  std::string out;
  out.reserve(headline.size() + 32);
  bool open = false;
  bool space = false;  // a space is owed before the next visible character
  bool line_start = true;
  auto visible = [&](std::string_view s) {
    if (space && !out.empty()) {
      out += ' ';
    }
    space = false;
    line_start = false;
    out += s;
  };
  for (std::size_t i = 0; i < headline.size(); ++i) {
    const char c = headline[i];
    if (c == mark_start) {
      if (!open) {
        visible("<mark>");
        open = true;
      }
      continue;
    }
    if (c == mark_stop) {
      if (open) {
        out += "</mark>";
        open = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      line_start = line_start || c == '\n';
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      continue;
    }
    if ((c == '*' || c == '_') && i + 1 < headline.size() && headline[i + 1] == c) {
      ++i;  // Markdown strong emphasis: the words stay, the marks go
      continue;
    }
    if (c == '#' && line_start) {
      continue;  // a Markdown heading's marks
    }
    switch (c) {
      case '&':
        visible("&amp;");
        break;
      case '<':
        visible("&lt;");
        break;
      case '>':
        visible("&gt;");
        break;
      case '"':
        visible("&quot;");
        break;
      case '\'':
        visible("&#39;");
        break;
      default:
        visible(std::string_view(&c, 1));
    }
  }
  if (open) {
    out += "</mark>";
  }
  return out;
}

}  // namespace ugoki::content
