// Offset pagination of the admin lists (?page=&per_page=, with a total).
import { h } from './dom.js';

/** {page, per_page, total} of a list answer, wherever the API put it (pagination or meta). */
export function pageOf(res) {
  const p = res.pagination ?? res.meta ?? {};
  return { page: Number(p.page ?? 1), perPage: Number(p.per_page ?? 20),
    total: Number(p.total ?? 0) };
}

/** "1–20 of 57" with previous and next buttons calling `go(page)`. */
export function pager({ page, perPage, total }, go) {
  const last = Math.max(1, Math.ceil(total / perPage));
  const first = total ? (page - 1) * perPage + 1 : 0;
  return h('nav', { class: 'pager' },
    h('button', { type: 'button', text: '← Previous', disabled: page <= 1,
      onclick: () => go(page - 1) }),
    h('span', { class: 'muted', text: `${first}–${Math.min(total, page * perPage)} of ${total}` }),
    h('button', { type: 'button', text: 'Next →', disabled: page >= last,
      onclick: () => go(page + 1) }));
}
