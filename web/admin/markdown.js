// The editor's Markdown preview: a CommonMark subset parsed into a plain tree, then built as DOM
// nodes. Safe by construction: raw HTML is never parsed (it shows as the literal text it is, as
// the server stores it: docs/content.md), text only ever becomes text nodes, and a link or image
// keeps its URL only when it is relative or http(s)/mailto (the server's rule on write). The
// parser needs no DOM, so Node can test it (tests/e2e/admin_console.test.mjs).
//
// Covered: ATX and setext headings, paragraphs, hard breaks, block quotes, bullet and ordered
// lists (nested by indentation), fenced and indented code, thematic breaks, emphasis, strong,
// code spans, links, images, autolinks, backslash escapes and character references. Not
// covered (shown as text): tables, footnotes, reference-style links, raw HTML.

const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  copy: '\u00a9', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026' };

/** `s` with &name; &#NN; and &#xHH; references decoded (unknown ones kept as written). */
export function decodeEntities(s) {
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g,
    (whole, ref) => {
      if (ref[0] === '#') {
        const code = ref[1] === 'x' || ref[1] === 'X'
          ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          return '\ufffd';
        }
        return String.fromCodePoint(code);
      }
      return Object.hasOwn(NAMED, ref) ? NAMED[ref] : whole;
    });
}

/**
 * Whether a link or image URL may be used: relative, or http, https, mailto. Tabs and newlines
 * inside and control characters or spaces around it are dropped first, as browsers do, so
 * "java\tscript:" and " javascript:" are recognised and refused.
 */
export function isSafeUrl(url) {
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (!scheme) {
    // No scheme: a path, query or fragment, unless a ':' before any '/', '?' or '#' makes
    // the browser read one (WHATWG: that is a scheme only if well formed, refused above).
    return true;
  }
  return ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
}

// --- inline ---------------------------------------------------------------------------------

function text(nodes, s) {
  if (!s) {
    return;
  }
  const last = nodes[nodes.length - 1];
  if (typeof last === 'string') {
    nodes[nodes.length - 1] = last + s;
  } else {
    nodes.push(s);
  }
}

function plain(nodes) {
  return nodes.map((n) => (typeof n === 'string' ? n : n.tag === 'img' ? n.attrs.alt
    : plain(n.children ?? []))).join('');
}

// The closing ']' of the label opening at `open` ('['), or -1. Code spans and escapes inside
// the label are skipped; brackets nest.
function labelEnd(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i += 1) {
    const c = s[i];
    if (c === '\\') {
      i += 1;
    } else if (c === '`') {
      const run = /^`+/.exec(s.slice(i))[0];
      const close = s.indexOf(run, i + run.length);
      if (close > 0) {
        i = close + run.length - 1;
      }
    } else if (c === '[') {
      depth += 1;
    } else if (c === ']') {
      depth -= 1;
      if (depth === 0) {
        return i;
      }
    }
  }
  return -1;
}

// "(destination "title")" at s[at] == '(': {url, title, end} or null.
function destination(s, at) {
  let i = at + 1;
  while (s[i] === ' ' || s[i] === '\n') {
    i += 1;
  }
  let url = '';
  if (s[i] === '<') {
    const close = s.indexOf('>', i);
    if (close < 0 || s.slice(i, close).includes('\n')) {
      return null;
    }
    url = s.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    const start = i;
    for (; i < s.length; i += 1) {
      const c = s[i];
      if (c === '\\' && PUNCT.test(s[i + 1] ?? '')) {
        i += 1;
      } else if (c === '(') {
        depth += 1;
      } else if (c === ')') {
        if (depth === 0) {
          break;
        }
        depth -= 1;
      } else if (c === ' ' || c === '\n' || c < ' ') {
        break;
      }
    }
    url = s.slice(start, i);
  }
  while (s[i] === ' ' || s[i] === '\n') {
    i += 1;
  }
  let title = null;
  const quote = s[i];
  if (quote === '"' || quote === "'" || quote === '(') {
    const closer = quote === '(' ? ')' : quote;
    let j = i + 1;
    for (; j < s.length && s[j] !== closer; j += 1) {
      if (s[j] === '\\') {
        j += 1;
      }
    }
    if (j >= s.length) {
      return null;
    }
    title = unescape(s.slice(i + 1, j));
    i = j + 1;
    while (s[i] === ' ' || s[i] === '\n') {
      i += 1;
    }
  }
  if (s[i] !== ')') {
    return null;
  }
  return { url: unescape(url), title, end: i + 1 };
}

function unescape(s) {
  return decodeEntities(s.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, '$1'));
}

function isSpace(c) {
  return c === undefined || /\s/.test(c);
}

function isWordChar(c) {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

// The position of the run of `count` `marker`s closing an emphasis opened before `from`, or -1.
// A closer is not preceded by whitespace; for '_' it is not followed by a word character.
function closer(s, from, marker, count) {
  for (let i = from; i < s.length; i += 1) {
    const c = s[i];
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(s.slice(i))[0];
      const close = s.indexOf(run, i + run.length);
      if (close > 0) {
        i = close + run.length - 1;
      }
      continue;
    }
    if (c !== marker) {
      continue;
    }
    let n = 0;
    while (s[i + n] === marker) {
      n += 1;
    }
    if (n >= count && !isSpace(s[i - 1]) && i > from &&
        !(marker === '_' && isWordChar(s[i + count]))) {
      // In a longer run, the closer is its last `count` markers ("**bold***" closes at the end).
      return n > count && count === 1 ? i + n - 1 : i;
    }
    i += n - 1;
  }
  return -1;
}

/** The inline content of `s` as a list of strings and {tag, attrs, children} nodes. */
export function parseInline(s) {
  const nodes = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    const rest = s.slice(i);
    if (c === '\\') {
      if (s[i + 1] === '\n') {
        nodes.push({ tag: 'br' });
        i += 2;
      } else if (PUNCT.test(s[i + 1] ?? '')) {
        text(nodes, s[i + 1]);
        i += 2;
      } else {
        text(nodes, c);
        i += 1;
      }
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(rest)[0];
      let close = s.indexOf(run, i + run.length);
      while (close > 0 && s[close + run.length] === '`') {
        close = s.indexOf(run, close + run.length + 1);
      }
      if (close < 0) {
        text(nodes, run);
        i += run.length;
        continue;
      }
      let code = s.slice(i + run.length, close).replace(/\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim()) {
        code = code.slice(1, -1);
      }
      nodes.push({ tag: 'code', children: [code] });
      i = close + run.length;
      continue;
    }
    if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      const image = c === '!';
      const open = image ? i + 1 : i;
      const end = labelEnd(s, open);
      const dest = end > 0 && s[end + 1] === '(' ? destination(s, end + 1) : null;
      if (dest) {
        const label = parseInline(s.slice(open + 1, end));
        const safe = isSafeUrl(dest.url);
        if (image) {
          if (safe) {
            const attrs = { src: dest.url, alt: plain(label) };
            if (dest.title !== null) {
              attrs.title = dest.title;
            }
            nodes.push({ tag: 'img', attrs });
          } else {
            text(nodes, plain(label));
          }
        } else if (safe) {
          const attrs = { href: dest.url };
          if (dest.title !== null) {
            attrs.title = dest.title;
          }
          nodes.push({ tag: 'a', attrs, children: label });
        } else {
          nodes.push(...label);
        }
        i = dest.end;
        continue;
      }
      text(nodes, image ? '![' : '[');
      i += image ? 2 : 1;
      continue;
    }
    if (c === '<') {
      const auto = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>/.exec(rest);
      const mail = /^<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)>/
        .exec(rest);
      if (auto && isSafeUrl(auto[1])) {
        nodes.push({ tag: 'a', attrs: { href: auto[1] }, children: [auto[1]] });
        i += auto[0].length;
        continue;
      }
      if (mail) {
        nodes.push({ tag: 'a', attrs: { href: `mailto:${mail[1]}` }, children: [mail[1]] });
        i += mail[0].length;
        continue;
      }
      text(nodes, c);
      i += 1;
      continue;
    }
    if (c === '*' || c === '_') {
      let n = 0;
      while (s[i + n] === c) {
        n += 1;
      }
      const leftFlanking = !isSpace(s[i + n]) && !(c === '_' && isWordChar(s[i - 1]));
      if (leftFlanking) {
        if (n >= 3) {
          const close = closer(s, i + 3, c, 3);
          if (close > 0) {
            const inner = parseInline(s.slice(i + 3, close));
            nodes.push({ tag: 'strong', children: [{ tag: 'em', children: inner }] });
            i = close + 3;
            continue;
          }
        }
        // Strong first (**), then emphasis.
        const count = n >= 2 ? 2 : 1;
        const close = closer(s, i + n, c, count);
        if (close > 0) {
          const inner = s.slice(i + count, close);
          nodes.push({ tag: count === 2 ? 'strong' : 'em', children: parseInline(inner) });
          i = close + count;
          continue;
        }
        if (count === 2) {
          const single = closer(s, i + 1, c, 1);
          if (single > 0) {
            text(nodes, c);
            i += 1;
            continue;
          }
        }
      }
      text(nodes, s.slice(i, i + n));
      i += n;
      continue;
    }
    if (c === '\n') {
      // Two spaces before a line end are a hard break; otherwise a soft one.
      const last = nodes[nodes.length - 1];
      if (typeof last === 'string' && / {2,}$/.test(last)) {
        nodes[nodes.length - 1] = last.replace(/ +$/, '');
        nodes.push({ tag: 'br' });
      } else {
        if (typeof last === 'string') {
          nodes[nodes.length - 1] = last.replace(/ +$/, '');
        }
        text(nodes, '\n');
      }
      i += 1;
      continue;
    }
    const next = rest.search(/[\\`[!<*_\n]/);
    const chunk = next <= 0 ? (next === 0 ? c : rest) : rest.slice(0, next);
    text(nodes, decodeEntities(chunk));
    i += chunk.length;
  }
  return nodes;
}

// --- blocks ---------------------------------------------------------------------------------

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

// Tabs in the indentation count to the next multiple of 4 (CommonMark); others stay tabs.
function expandTabs(line) {
  const lead = /^[ \t]*/.exec(line)[0];
  let out = '';
  for (const c of lead) {
    out += c === '\t' ? ' '.repeat(4 - (out.length % 4)) : c;
  }
  return out + line.slice(lead.length);
}

function interrupts(line) {
  return FENCE.test(line) || ATX.test(line) || HR.test(line) || QUOTE.test(line) ||
    /^ {0,3}([-*+]|1[.)])[ \t]+\S/.test(line);
}

/** The block structure of `markdown`: a list of {tag, attrs, children} nodes. */
export function parseMarkdown(markdown) {
  const lines = String(markdown).replace(/\r\n?/g, '\n').replace(/\u0000/g, '\ufffd')
    .split('\n').map(expandTabs);
  return blocks(lines);
}

function blocks(lines) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i += 1;
      continue;
    }
    let m;
    if ((m = FENCE.exec(line))) {
      const fence = m[1];
      const indent = line.length - line.trimStart().length;
      const body = [];
      i += 1;
      while (i < lines.length) {
        const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
        if (close.test(lines[i])) {
          i += 1;
          break;
        }
        body.push(lines[i].replace(new RegExp(`^ {0,${indent}}`), ''));
        i += 1;
      }
      const attrs = m[2] ? { class: `language-${unescape(m[2])}` } : undefined;
      const code = body.length ? `${body.join('\n')}\n` : '';
      out.push({ tag: 'pre', children: [{ tag: 'code', attrs, children: [code] }] });
      continue;
    }
    if (/^ {4}/.test(line)) {
      const body = [];
      while (i < lines.length && (/^ {4}/.test(lines[i]) || !lines[i].trim())) {
        body.push(lines[i].slice(4));
        i += 1;
      }
      while (body.length && !body[body.length - 1].trim()) {
        body.pop();
      }
      out.push({ tag: 'pre', children: [{ tag: 'code', children: [`${body.join('\n')}\n`] }] });
      continue;
    }
    if ((m = ATX.exec(line))) {
      out.push({ tag: `h${m[1].length}`, children: parseInline((m[2] ?? '').trim()) });
      i += 1;
      continue;
    }
    if (HR.test(line)) {
      out.push({ tag: 'hr' });
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const body = [];
      while (i < lines.length && lines[i].trim()) {
        body.push(lines[i].replace(QUOTE, ''));
        i += 1;
      }
      out.push({ tag: 'blockquote', children: blocks(body) });
      continue;
    }
    if ((m = ITEM.exec(line))) {
      i = list(lines, i, out);
      continue;
    }
    const para = [line.trim()];
    i += 1;
    while (i < lines.length && lines[i].trim() && !interrupts(lines[i])) {
      if (SETEXT.test(lines[i])) {
        break;
      }
      para.push(lines[i].replace(/^ +/, ''));
      i += 1;
    }
    if (i < lines.length && SETEXT.test(lines[i])) {
      const level = lines[i].trim()[0] === '=' ? 1 : 2;
      out.push({ tag: `h${level}`, children: parseInline(para.join('\n')) });
      i += 1;
      continue;
    }
    out.push({ tag: 'p', children: parseInline(para.join('\n').replace(/[ \t]+$/, '')) });
  }
  return out;
}

// One list starting at lines[start]; appends it to `out`, returns the index after it.
function list(lines, start, out) {
  const first = ITEM.exec(lines[start]);
  const ordered = /\d/.test(first[2]);
  const delimiter = first[2].slice(-1);
  const items = [];
  let loose = false;
  let i = start;
  while (i < lines.length) {
    const m = ITEM.exec(lines[i]);
    if (!m || /\d/.test(m[2]) !== ordered || m[2].slice(-1) !== delimiter || HR.test(lines[i])) {
      break;
    }
    // Content starts after the marker and its spaces (one space when it is followed by 5+).
    const spaces = m[3].length;
    const width = m[1].length + m[2].length + (spaces >= 1 && spaces <= 4 ? spaces : 1);
    const body = [lines[i].slice(width)];
    i += 1;
    let blankBefore = false;
    while (i < lines.length) {
      const l = lines[i];
      if (!l.trim()) {
        blankBefore = true;
        body.push('');
        i += 1;
        continue;
      }
      const indent = l.length - l.trimStart().length;
      if (indent >= width) {
        if (blankBefore) {
          loose = true;
        }
        body.push(l.slice(width));
        blankBefore = false;
        i += 1;
        continue;
      }
      if (!blankBefore && !ITEM.test(l) && !interrupts(l)) {
        // A lazy continuation of the item's paragraph.
        body.push(l.trim());
        i += 1;
        continue;
      }
      break;
    }
    while (body.length && !body[body.length - 1].trim()) {
      body.pop();
    }
    const next = i < lines.length ? ITEM.exec(lines[i]) : null;
    if (blankBefore && next && /\d/.test(next[2]) === ordered &&
        next[2].slice(-1) === delimiter) {
      loose = true;
    }
    items.push(blocks(body));
  }
  const attrs = ordered && parseInt(first[2], 10) !== 1
    ? { start: String(parseInt(first[2], 10)) } : undefined;
  out.push({
    tag: ordered ? 'ol' : 'ul',
    attrs,
    children: items.map((children) => ({
      tag: 'li',
      // A tight list shows its paragraphs without <p>.
      children: loose ? children : children.flatMap((b) => (b.tag === 'p' ? b.children : [b])),
    })),
  });
  return i;
}

// --- DOM ------------------------------------------------------------------------------------

const ALLOWED = {
  a: ['href', 'title'], img: ['src', 'alt', 'title'], ol: ['start'], code: ['class'],
};

/**
 * The tree as DOM nodes in `doc`: only the parser's tags, only the attributes listed above,
 * text as text nodes. Links open in a new tab, so a click never leaves the editor.
 */
export function toFragment(nodes, doc = document) {
  const frag = doc.createDocumentFragment();
  for (const n of nodes) {
    if (typeof n === 'string') {
      frag.append(doc.createTextNode(n));
      continue;
    }
    const el = doc.createElement(n.tag);
    for (const [k, v] of Object.entries(n.attrs ?? {})) {
      if ((ALLOWED[n.tag] ?? []).includes(k)) {
        el.setAttribute(k, v);
      }
    }
    if (n.tag === 'a') {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    if (n.tag === 'img') {
      el.setAttribute('referrerpolicy', 'no-referrer');
      el.setAttribute('loading', 'lazy');
    }
    el.append(toFragment(n.children ?? [], doc));
    frag.append(el);
  }
  return frag;
}

/** Markdown as a DocumentFragment ready to show (see the file comment for what is safe). */
export function renderMarkdown(markdown, doc = document) {
  return toFragment(parseMarkdown(markdown), doc);
}
