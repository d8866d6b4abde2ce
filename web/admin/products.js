// Products users submitted (barcode look-ups that found nothing): review each one, approve it
// into the food table or reject it with a reason.
import { api } from './api.js';
import { h, mount, when } from './dom.js';
import { pageOf, pager } from './paging.js';
import { describe, notice } from './ui.js';

const BASE = '/api/v1/admin/nutrition/products/submissions';

function details(item) {
  const rows = [];
  for (const [k, v] of Object.entries(item)) {
    if (v === null || v === undefined || k === 'id') {
      continue;
    }
    if (typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v)) {
        rows.push(h('dt', { text: `${k}.${k2}` }), h('dd', { text: typeof v2 === 'object'
          ? JSON.stringify(v2) : String(v2) }));
      }
    } else {
      rows.push(h('dt', { text: k }), h('dd', { text: /_at$/.test(k) ? when(v)
        : Array.isArray(v) ? v.join(', ') : String(v) }));
    }
  }
  return h('dl', {}, rows);
}

/** #/products?status=&page= */
export async function productReview(params) {
  const status = params.get('status') ?? 'pending';
  const page = params.get('page') ?? '1';
  let res;
  try {
    res = await api('GET', BASE, { query: { status, page, per_page: 20 } });
  } catch (err) {
    if (err.status === 404 && err.code === 'RES_001') {
      return h('section', { class: 'panel' }, h('h1', { text: 'Submitted products' }),
        h('p', { class: 'muted', text: 'This server has no admin API for submissions yet.' }));
    }
    throw err;
  }
  const go = (changes) => {
    const next = new URLSearchParams({ status, page, ...changes });
    location.hash = `#/products?${next}`;
  };
  const card = (item) => {
    const box = h('article', { class: 'card', dataset: { id: item.id } });
    const reason = h('input', { placeholder: 'reason (shown to the submitter)',
      'aria-label': 'Reason for rejecting' });
    const act = (verb, body) => async () => {
      try {
        await api('POST', `${BASE}/${item.id}/${verb}`, { body });
        notice(verb === 'approve' ? 'Approved.' : 'Rejected.');
        mount(box, h('p', { class: 'muted', text: `${verb === 'approve' ? 'Approved' : 'Rejected'}: ` +
          `${item.name ?? item.barcode ?? item.id}` }));
      } catch (err) {
        notice(describe(err), 'error');
      }
    };
    return mount(box, h('h2', { text: item.name ?? item.product_name ?? item.barcode ?? item.id }),
      details(item),
      item.status === 'pending' || status === 'pending' ? h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'approve', text: 'Approve',
          onclick: act('approve', {}) }),
        reason,
        h('button', { type: 'button', class: 'danger', text: 'Reject',
          onclick: () => act('reject', reason.value.trim() ? { reason: reason.value.trim() }
            : {})() })) : null);
  };
  return h('section', { class: 'panel' },
    h('div', { class: 'heading' }, h('h1', { text: 'Submitted products' })),
    h('nav', { class: 'tabs' }, ['pending', 'approved', 'rejected'].map((s) => h('a', {
      href: `#/products?status=${s}`, text: s, class: s === status ? 'active' : null }))),
    res.data.length ? h('div', { class: 'cards' }, res.data.map(card))
      : h('p', { class: 'muted', text: 'Nothing to review.' }),
    pager(pageOf(res), (p) => go({ page: String(p) })));
}
