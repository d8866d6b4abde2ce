// DOM helpers for the console: elements are built node by node and text is only ever set as
// text (the page's CSP requires Trusted Types, so an HTML-parsing sink would throw anyway).

/**
 * Creates element `tag` with `attrs` and `children`. attrs: `class`, `text` (textContent),
 * `on<event>` functions (listeners), `dataset` (object), boolean `true`/`false` for boolean
 * attributes (present/absent), `value` and `checked` as properties; anything else is
 * setAttribute. Children are nodes, strings (text nodes), arrays of either, or null/false
 * (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      el.className = value;
    } else if (name === 'text') {
      el.textContent = String(value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'value' || name === 'checked') {
      el[name] = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.append(child);
    } else {
      el.append(document.createTextNode(String(child)));
    }
  }
}

/** Replaces everything inside `el` with `children` (same forms as h's). */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An instant as the editor's local date and time ("2026-12-07 21:31"), or "" for null. */
export function when(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso);
  }
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (local time) as an RFC 3339 instant in UTC, or null. */
export function localInputToIso(value) {
  if (!value) {
    return null;
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An RFC 3339 instant as a datetime-local input's value (local time, minutes), or "". */
export function isoToLocalInput(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
