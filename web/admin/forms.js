// A form for any flat JSON resource: one input per scalar member (text, number, checkbox; lists
// of strings as comma-separated text), nested members shown read-only. Used for reference data,
// whose kinds differ in shape but are edited the same way: PATCH of the members that changed.
import { h } from './dom.js';

const READ_ONLY = new Set(['id', 'created_at', 'updated_at', 'version', 'article_count',
  'submitted_at', 'submitted_by', 'status']);

function kindOf(value) {
  if (typeof value === 'boolean') {
    return 'boolean';
  }
  if (typeof value === 'number') {
    return 'number';
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return 'strings';
  }
  if (value === null || typeof value === 'string') {
    return 'text';
  }
  return 'nested';
}

/**
 * Builds a form for `item` (members named by `fields`, default all). Returns {form, values()},
 * values() giving the members whose input changed, parsed back to their JSON types (an empty
 * text that was null stays null). `readOnly` adds names never offered for editing.
 */
export function resourceForm(item, { fields, readOnly = [], idPrefix = 'res' } = {}) {
  const locked = new Set([...READ_ONLY, ...readOnly]);
  const inputs = [];
  const rows = [];
  for (const name of fields ?? Object.keys(item)) {
    const value = item[name];
    const kind = kindOf(value);
    const id = `${idPrefix}-${name}`;
    if (locked.has(name) || kind === 'nested') {
      rows.push(h('div', { class: 'field' }, h('span', { class: 'label', text: name }),
        h('code', { class: 'mono', text: typeof value === 'string' ? value
          : JSON.stringify(value) })));
      continue;
    }
    let input;
    if (kind === 'boolean') {
      input = h('input', { id, type: 'checkbox', checked: value });
    } else if (kind === 'number') {
      input = h('input', { id, type: 'number', step: 'any', value: String(value) });
    } else if (kind === 'strings') {
      input = h('input', { id, value: value.join(', ') });
    } else if (typeof value === 'string' && (value.length > 80 || value.includes('\n'))) {
      input = h('textarea', { id, rows: 4, value });
    } else {
      input = h('input', { id, value: value ?? '' });
    }
    inputs.push({ name, kind, value, input });
    rows.push(h('div', { class: kind === 'boolean' ? 'field check' : 'field' },
      kind === 'boolean' ? [input, h('label', { for: id, text: name })]
        : [h('label', { for: id, text: name }), input],
      h('small', { class: 'field-error', dataset: { for: name } })));
  }
  const values = () => {
    const out = {};
    for (const { name, kind, value, input } of inputs) {
      let next;
      if (kind === 'boolean') {
        next = input.checked;
      } else if (kind === 'number') {
        next = input.value === '' ? null : Number(input.value);
      } else if (kind === 'strings') {
        next = input.value.split(',').map((s) => s.trim()).filter(Boolean);
      } else {
        next = input.value === '' && value === null ? null : input.value;
      }
      if (JSON.stringify(next) !== JSON.stringify(value)) {
        out[name] = next;
      }
    }
    return out;
  };
  return { form: h('div', { class: 'fields' }, rows), values };
}

/** Shows each {field, message} of an ApiError beside its input in `root` (clears the rest). */
export function showFieldErrors(root, err) {
  for (const el of root.querySelectorAll('.field-error')) {
    el.textContent = '';
  }
  for (const d of err?.details ?? []) {
    const el = root.querySelector(`.field-error[data-for="${CSS.escape(d.field)}"]`);
    if (el) {
      el.textContent = d.message;
    }
  }
}
