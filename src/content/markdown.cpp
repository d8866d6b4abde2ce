// Markdown sanitising with cmark (markdown.hpp): parse, neutralise, render back.
#include "content/markdown.hpp"

#include <cmark.h>

#include <memory>
#include <vector>

namespace ugoki::content {

namespace {

struct node_free {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using node_ptr = std::unique_ptr<cmark_node, node_free>;

struct iter_free {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

node_ptr parse(std::string_view markdown) {
  return node_ptr(cmark_parse_document(markdown.data(), markdown.size(),
                                       CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
}

// A text node holding `literal`.
cmark_node* text_node(const char* literal) {
  cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(t, literal == nullptr ? "" : literal);
  return t;
}

// Neutralises `doc` in place; true when anything changed. Nodes are collected first and changed
// after the walk: cmark's iterator tolerates changes to the current node only.
bool clean(cmark_node* doc) {
  std::vector<cmark_node*> html;
  std::vector<cmark_node*> unsafe;
  {
    std::unique_ptr<cmark_iter, iter_free> it(cmark_iter_new(doc));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) {
        continue;
      }
      cmark_node* n = cmark_iter_get_node(it.get());
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
          html.push_back(n);
          break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
          const char* url = cmark_node_get_url(n);
          if (!is_safe_url(url == nullptr ? "" : url)) {
            unsafe.push_back(n);
          }
          break;
        }
        default:
          break;
      }
    }
  }
  // Raw HTML becomes its own text, shown to readers as typed (escaped when rendered) rather than
  // silently lost: an editor sees what happened. HTML first, so an unsafe link's HTML children
  // are already text when the link is unwrapped.
  for (cmark_node* n : html) {
    const char* literal = cmark_node_get_literal(n);
    cmark_node* replacement;
    if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
      std::string text = literal == nullptr ? "" : literal;
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
      }
      replacement = cmark_node_new(CMARK_NODE_PARAGRAPH);
      cmark_node_append_child(replacement, text_node(text.c_str()));
    } else {
      replacement = text_node(literal);
    }
    cmark_node_replace(n, replacement);
    cmark_node_free(n);
  }
  // A link or image with a script-capable destination keeps its text (an image its alt text).
  for (cmark_node* n : unsafe) {
    while (cmark_node* child = cmark_node_first_child(n)) {
      cmark_node_insert_before(n, child);
    }
    cmark_node_free(n);  // unlinks it first
  }
  return !html.empty() || !unsafe.empty();
}

std::string render(cmark_node* doc) {
  char* out = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
  std::string text(out);
  cmark_get_default_mem_allocator()->free(out);
  return text;
}

}  // namespace

bool is_safe_url(std::string_view url) {
  std::string s;
  s.reserve(url.size());
  for (char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') {
      s += c;
    }
  }
  std::size_t begin = 0;
  std::size_t end = s.size();
  while (begin < end && static_cast<unsigned char>(s[begin]) <= 0x20) {
    ++begin;
  }
  while (end > begin && static_cast<unsigned char>(s[end - 1]) <= 0x20) {
    --end;
  }
  std::string_view v(s.data() + begin, end - begin);
  const std::size_t colon = v.find(':');
  // No colon before the first '/', '?' or '#': a relative reference (path, query, fragment).
  if (colon == std::string_view::npos || v.find_first_of("/?#") < colon) {
    return true;
  }
  std::string scheme;
  for (char c : v.substr(0, colon)) {
    scheme += lower_ascii(c);
  }
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

std::optional<std::string> sanitize_markdown(std::string_view markdown) {
  node_ptr doc = parse(markdown);
  clean(doc.get());
  std::string text = render(doc.get());
  // The stored text is what clients parse: it must parse to a document with nothing left to
  // clean. Rendering escapes what was raw HTML, so one round settles it; a few more tolerate
  // a renderer quirk, and anything still unstable is refused rather than stored.
  for (int round = 0; round < 3; ++round) {
    node_ptr again = parse(text);
    if (!clean(again.get())) {
      return text;
    }
    text = render(again.get());
  }
  return std::nullopt;
}

}  // namespace ugoki::content
