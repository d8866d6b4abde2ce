// The audit log: every admin write, newest first, filtered by actor, entity, entity id and a
// date range, in pages; each entry lists the fields it changed, before and after.
import { api } from './api.js';
import { h, localInputToIso, isoToLocalInput, when } from './dom.js';
import { pageOf, pager } from './paging.js';

const FILTERS = ['actor', 'entity', 'entity_id', 'from', 'to'];

function shown(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

// {"field": {"before", "after"}} as a small table.
function changesTable(changes) {
  const entries = Object.entries(changes ?? {});
  if (!entries.length) {
    return h('span', { class: 'muted', text: 'no field changes recorded' });
  }
  return h('table', { class: 'changes' },
    h('tbody', {}, entries.map(([field, c]) => h('tr', {},
      h('th', { text: field }),
      h('td', { class: 'before', text: shown(c?.before) }),
      h('td', { text: '→' }),
      h('td', { class: 'after', text: shown(c?.after) })))));
}

/** #/audit?actor=&entity=&entity_id=&from=&to=&page= */
export async function auditLog(params) {
  const query = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']));
  query.page = params.get('page') ?? '1';
  const res = await api('GET', '/api/v1/admin/audit', { query: { ...query, per_page: 25 } });
  const go = (changes) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...changes })) {
      if (v) {
        next.set(k, v);
      }
    }
    location.hash = `#/audit${next.size ? `?${next}` : ''}`;
  };

  const actor = h('input', { id: 'audit-actor', placeholder: 'actor id (uuid)', value: query.actor,
    'aria-label': 'Actor id' });
  const entity = h('input', { id: 'audit-entity', placeholder: 'entity, e.g. content.article',
    value: query.entity, 'aria-label': 'Entity' });
  const entityId = h('input', { id: 'audit-entity-id', placeholder: 'entity id',
    value: query.entity_id, 'aria-label': 'Entity id' });
  const from = h('input', { id: 'audit-from', type: 'datetime-local',
    value: isoToLocalInput(query.from), 'aria-label': 'From' });
  const to = h('input', { id: 'audit-to', type: 'datetime-local', value: isoToLocalInput(query.to),
    'aria-label': 'To' });
  const filters = h('form', { class: 'filters' }, actor, entity, entityId,
    h('label', { text: 'from' }), from, h('label', { text: 'to' }), to,
    h('button', { type: 'submit', text: 'Filter' }),
    h('button', { type: 'button', text: 'Clear', onclick: () => { location.hash = '#/audit'; } }));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    go({ actor: actor.value.trim(), entity: entity.value.trim(), entity_id: entityId.value.trim(),
      from: localInputToIso(from.value) ?? '', to: localInputToIso(to.value) ?? '', page: '' });
  });

  const rows = res.data.map((e) => {
    // {"actor": {"id", "email"}} or null (the command line, or an erased account).
    const actorId = e.actor?.id ?? null;
    return h('tr', { dataset: { entity: e.entity, action: e.action, entityId: e.entity_id } },
      h('td', { text: when(e.created_at), title: e.created_at }),
      h('td', {}, actorId
        ? h('a', { href: `#/audit?actor=${actorId}`, text: e.actor.email ?? actorId,
          title: actorId })
        : h('span', { class: 'muted', text: 'command line or erased account' })),
      h('td', {}, h('a', { href: `#/audit?entity=${encodeURIComponent(e.entity)}`,
        text: e.entity })),
      h('td', {}, h('a', { href: `#/audit?entity=${encodeURIComponent(e.entity)}&entity_id=` +
        `${encodeURIComponent(e.entity_id)}`, text: e.entity_id, class: 'mono' })),
      h('td', {}, h('span', { class: `badge ${e.action}`, text: e.action })),
      h('td', {}, changesTable(e.changes)));
  });
  return h('section', { class: 'panel' },
    h('div', { class: 'heading' }, h('h1', { text: 'Audit log' })),
    filters,
    h('table', { id: 'audit' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'Entity', 'Id', 'Action', 'Changes']
        .map((t) => h('th', { text: t })))),
      h('tbody', {}, rows.length ? rows
        : h('tr', {}, h('td', { colspan: 6, class: 'muted', text: 'No entries match.' })))),
    pager(pageOf(res), (page) => go({ page: String(page) })));
}
