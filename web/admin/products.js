// Products users submitted (barcodes nobody knew): review each, correct it, approve it into the
// public food table or reject it with a reason the submitter sees.
import { api } from './api.js';
import { h, mount, when } from './dom.js';
import { resourceForm, showFieldErrors } from './forms.js';
import { pageOf, pager } from './paging.js';
import { describe, notice } from './ui.js';

const BASE = '/api/v1/admin/nutrition/products/submissions';
const STATUSES = ['pending', 'rejected', 'published'];
// What an editor may correct before approving (the API's PATCH members).
const EDITABLE = ['name', 'brands', 'serving_size', 'serving_quantity_g', 'nutriscore_grade',
  'nova_group', 'allergens', 'image_url'];

function facts(entry) {
  const p = entry.product;
  const rows = [
    ['barcode', p.code], ['brands', p.brands], ['serving', p.serving_size],
    ['Nutri-Score', p.nutriscore_grade], ['NOVA', p.nova_group],
    ['allergens', (p.allergens ?? []).join(', ')],
    ['quality flags', (p.quality_flags ?? []).join(', ')],
    ['submitted', `${when(entry.submitted_at)}${entry.submitted_by ? ` by ${entry.submitted_by}`
      : ''}`],
    ['reviewed', entry.reviewed_at ? `${when(entry.reviewed_at)}${entry.reviewed_by
      ? ` by ${entry.reviewed_by}` : ''}` : null],
    ['rejected because', p.rejection_reason],
  ];
  for (const [k, v] of Object.entries(p.nutriments_100g ?? {})) {
    if (v !== null && v !== undefined) {
      rows.push([`${k} /100 g`, v]);
    }
  }
  return h('dl', {}, rows.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })]));
}

function card(entry, reload) {
  const p = entry.product;
  const box = h('article', { class: 'card', dataset: { id: p.id } });
  const path = `${BASE}/${p.id}`;
  const act = async (method, suffix, body, done) => {
    try {
      await api(method, `${path}${suffix}`, { body });
      notice(done);
      reload();
    } catch (err) {
      showFieldErrors(box, err);
      notice(describe(err), 'error');
    }
  };
  const reason = h('input', { class: 'reason', maxlength: 500,
    placeholder: 'reason (the submitter sees it)', 'aria-label': 'Reason for rejecting' });
  const reject = h('button', { type: 'button', class: 'danger reject', text: 'Reject',
    disabled: true, onclick: () => act('POST', '/reject', { reason: reason.value.trim() },
      'Rejected.') });
  reason.addEventListener('input', () => { reject.disabled = !reason.value.trim(); });
  const edit = () => {
    const item = Object.fromEntries(EDITABLE.map((k) => [k, p[k] ?? null]));
    const { form, values } = resourceForm(item, { idPrefix: `product-${p.id}` });
    const f = h('form', { class: 'editor' }, form, h('div', { class: 'actions' },
      h('button', { type: 'submit', text: 'Save corrections' }),
      h('button', { type: 'button', text: 'Cancel', onclick: reload })));
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const changed = values();
      if (!Object.keys(changed).length) {
        notice('Nothing changed.');
        return;
      }
      act('PATCH', '', changed, 'Saved.');
    });
    mount(box, h('h2', { text: p.name }), f);
  };
  return mount(box, h('h2', { text: p.name }), h('span', { class: `badge ${p.status}`,
    text: p.status }), facts(entry),
  p.status === 'pending' ? h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'approve', text: 'Approve',
      onclick: () => act('POST', '/approve', undefined, 'Approved: it is public now.') }),
    h('button', { type: 'button', text: 'Edit', onclick: edit }),
    reason, reject) : null);
}

/** #/products?status=&page= */
export async function productReview(params) {
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : 'pending';
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
    location.hash = `#/products?${new URLSearchParams({ status, page, ...changes })}`;
  };
  // Re-reads the page after a decision (the hash may be unchanged, so no hashchange fires).
  const section = h('section', { class: 'panel' });
  const reload = async () => {
    try {
      mount(section, ...(await productReview(params)).childNodes);
    } catch (err) {
      notice(describe(err), 'error');
    }
  };
  return mount(section,
    h('div', { class: 'heading' }, h('h1', { text: 'Submitted products' })),
    h('nav', { class: 'tabs' }, STATUSES.map((s) => h('a', {
      href: `#/products?status=${s}`, text: s, class: s === status ? 'active' : null }))),
    res.data.length ? h('div', { class: 'cards', id: 'submissions' },
      res.data.map((entry) => card(entry, reload)))
      : h('p', { class: 'muted', text: 'Nothing to review.' }),
    pager(pageOf(res), (p) => go({ page: String(p) })));
}
