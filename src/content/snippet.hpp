// Search excerpts: PostgreSQL's ts_headline marks the matched words with two control
// characters (store.cpp asks for U+0001 before and U+0002 after each); this turns its output
// into text a client can show as HTML safely. Pure.
#pragma once

#include <string>
#include <string_view>

namespace ugoki::content {

inline constexpr char mark_start = '\x01';
inline constexpr char mark_stop = '\x02';

// `headline` with every HTML-special character escaped (& < > " '), runs of whitespace as one
// space, Markdown emphasis and heading marks (**, __, leading #) dropped, and the marked words
// wrapped in <mark>...</mark>. Only the <mark> tags are markup in the result; an unpaired
// marker is dropped. Other control characters are dropped too.
std::string render_snippet(std::string_view headline);

}  // namespace ugoki::content
