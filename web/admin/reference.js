// Reference data: the kinds other modules serve, each a list and a form (forms.js) that PATCHes
// what changed. A kind whose admin API this server lacks says so instead of failing.
import { api, idempotencyKey } from './api.js';
import { h, mount } from './dom.js';
import { resourceForm, showFieldErrors } from './forms.js';
import { describe, notice } from './ui.js';

// key: the kind's name in the URL; path: its admin collection; id: the member that names an
// item in the path; label: what the list shows; create: the members of a new item's form;
// readOnly: members shown but not offered for editing.
const KINDS = [
  { key: 'categories', title: 'Article categories', path: '/api/v1/admin/content/categories',
    id: 'slug', label: (c) => `${c.name} (${c.slug})`,
    create: { slug: '', name: '', position: 0 } },
  { key: 'tags', title: 'Article tags', path: '/api/v1/admin/content/tags', id: 'id',
    label: (t) => `${t.name} (${t.slug})`, create: { name: '', slug: '' } },
  { key: 'protocols', title: 'Fasting protocols', path: '/api/v1/admin/fasting/protocols',
    id: 'id', label: (p) => `${p.name} (${p.slug})${p.active ? '' : ' [retired]'}`,
    readOnly: ['slug'] },
  // A stage's end is the next stage's start (the server keeps it), so it is shown, not edited.
  { key: 'stages', title: 'Fasting stages', path: '/api/v1/admin/fasting/stages', id: 'id',
    label: (s) => `${s.name} (${s.starts_after_seconds / 3600} h)${s.active ? '' : ' [retired]'}`,
    create: { slug: '', name: '', starts_after_seconds: 0, summary: '', description: '',
      source: '', disclaimer: '' },
    readOnly: ['ends_after_seconds'] },
  // Edited here: the scalar members and lists of words. Shown read-only: instructions (sentences
  // may hold commas, which the form's comma-separated lists would split), translations and a
  // routine's exercise list (forms.js shows nested members so): PATCH those through the API.
  // New ones are made through the API too (their lists of objects need it).
  { key: 'exercises', title: 'Exercises', path: '/api/v1/admin/workouts/exercises', id: 'id',
    label: (e) => `${e.name} (${e.slug})${e.active ? '' : ' [retired]'}`,
    readOnly: ['slug', 'instructions'] },
  { key: 'routines', title: 'Routines', path: '/api/v1/admin/workouts/routines', id: 'id',
    label: (r) => `${r.name} (${r.slug})${r.active ? '' : ' [retired]'}`,
    readOnly: ['slug', 'equipment', 'estimated_duration_seconds'] },
  // List items leave out steps and ingredients (the generic form would split steps at commas);
  // nutrition and translations are nested, so read-only here: edit those through the API.
  { key: 'recipes', title: 'Recipes', path: '/api/v1/admin/nutrition/recipes', id: 'id',
    label: (r) => `${r.name}${r.active === false ? ' [retired]' : ''}` },
];

function tabs(active) {
  return h('nav', { class: 'tabs' }, KINDS.map((k) => h('a', {
    href: `#/reference/${k.key}`, text: k.title, class: k.key === active ? 'active' : null })));
}

async function list(kind) {
  const res = await api('GET', kind.path, { query: { per_page: 100 } });
  return res.data ?? [];
}

function editor(kind, item, refreshList) {
  const isNew = item === null;
  const { form, values } = resourceForm(isNew ? kind.create : item,
    { idPrefix: `ref-${kind.key}`, readOnly: kind.readOnly });
  const wrap = h('form', { class: 'editor', id: 'reference-form' }, form,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', text: isNew ? 'Create' : 'Save' }),
      isNew ? null : h('button', { type: 'button', class: 'danger', text: 'Delete',
        onclick: async () => {
          // eslint-disable-next-line no-alert
          if (!window.confirm(`Delete ${kind.label(item)}?`)) {
            return;
          }
          try {
            await api('DELETE', `${kind.path}/${encodeURIComponent(item[kind.id])}`);
            notice('Deleted.');
            refreshList(null);
          } catch (err) {
            notice(describe(err), 'error');
          }
        } })));
  wrap.addEventListener('submit', async (event) => {
    event.preventDefault();
    const changed = values();
    if (!Object.keys(changed).length) {
      notice('Nothing changed.');
      return;
    }
    try {
      const res = isNew
        ? await api('POST', kind.path, { body: changed,
          headers: { 'Idempotency-Key': idempotencyKey() } })
        : await api('PATCH', `${kind.path}/${encodeURIComponent(item[kind.id])}`,
          { body: changed, headers: item.version ? { 'If-Match': `"v${item.version}"` } : {} });
      notice(isNew ? 'Created.' : 'Saved.');
      refreshList(res.data?.[kind.id] ?? null);
    } catch (err) {
      showFieldErrors(wrap, err);
      notice(describe(err), 'error');
    }
  });
  return wrap;
}

/** #/reference/<kind> */
export async function referenceData(key) {
  const kind = KINDS.find((k) => k.key === key) ?? KINDS[0];
  const pane = h('div', { class: 'reference-item' });
  const listBox = h('ul', { class: 'reference-list', id: 'reference-list' });
  let items = [];
  try {
    items = await list(kind);
  } catch (err) {
    const missing = err.status === 404 && err.code === 'RES_001';
    return h('section', { class: 'panel' }, tabs(kind.key), h('h1', { text: kind.title }),
      h('p', { class: missing ? 'muted' : 'error', text: missing
        ? 'This server has no admin API for this kind yet.' : describe(err) }));
  }
  const refreshList = async (selected) => {
    items = await list(kind);
    fillList();
    const item = items.find((i) => i[kind.id] === selected);
    mount(pane, item ? editor(kind, item, refreshList) : null);
  };
  const fillList = () => mount(listBox, items.map((item) => h('li', {},
    h('button', { type: 'button', class: 'link', text: kind.label(item),
      onclick: () => mount(pane, h('h2', { text: kind.label(item) }),
        editor(kind, item, refreshList)) }))));
  fillList();
  return h('section', { class: 'panel' }, tabs(kind.key),
    h('div', { class: 'heading' }, h('h1', { text: kind.title }),
      kind.create ? h('button', { type: 'button', id: 'new-reference', text: 'New',
        onclick: () => mount(pane, h('h2', { text: `New ${kind.title.toLowerCase()}` }),
          editor(kind, null, refreshList)) }) : null),
    h('div', { class: 'split' }, listBox, pane));
}
