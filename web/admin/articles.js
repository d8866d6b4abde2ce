// Articles: the list (status, category and title filters, pages) and the editor (fields, body
// with a live Markdown preview, save draft, publish now, schedule, unpublish, delete).
import { api, idempotencyKey } from './api.js';
import { describe, notice } from './ui.js';
import { h, isoToLocalInput, localInputToIso, mount, when } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { pageOf, pager } from './paging.js';

const BASE = '/api/v1/admin/content';
const STATUSES = ['draft', 'scheduled', 'published', 'unpublished', 'removed'];

async function categories() {
  const res = await api('GET', `${BASE}/categories`, { query: { per_page: 100 } });
  return res.data ?? [];
}

async function tags() {
  try {
    const res = await api('GET', `${BASE}/tags`, { query: { per_page: 100 } });
    return res.data ?? [];
  } catch {
    return []; // only the suggestions are lost
  }
}

function statusBadge(status) {
  return h('span', { class: `badge ${status}`, text: status });
}

/** #/articles?status=&category=&q=&page= */
export async function articleList(params) {
  const query = {
    status: params.get('status') ?? '',
    category: params.get('category') ?? '',
    q: params.get('q') ?? '',
    page: params.get('page') ?? '1',
  };
  const [res, cats] = await Promise.all([
    api('GET', `${BASE}/articles`, { query: { ...query, per_page: 20 } }),
    categories(),
  ]);
  const go = (changes) => {
    const next = new URLSearchParams({ ...query, ...changes });
    for (const [k, v] of [...next]) {
      if (!v) {
        next.delete(k);
      }
    }
    location.hash = `#/articles${next.size ? `?${next}` : ''}`;
  };
  const status = h('select', { id: 'filter-status', 'aria-label': 'Status' },
    h('option', { value: '', text: 'Any status' }),
    STATUSES.map((s) => h('option', { value: s, text: s })));
  status.value = query.status;
  const category = h('select', { id: 'filter-category', 'aria-label': 'Category' },
    h('option', { value: '', text: 'Any category' }),
    cats.map((c) => h('option', { value: c.slug, text: c.name })));
  category.value = query.category;
  const q = h('input', { id: 'filter-q', type: 'search', placeholder: 'Title contains…',
    value: query.q, 'aria-label': 'Title contains' });
  const filters = h('form', { class: 'filters' }, status, category, q,
    h('button', { type: 'submit', text: 'Filter' }));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    go({ status: status.value, category: category.value, q: q.value.trim(), page: '' });
  });
  status.addEventListener('change', () => filters.requestSubmit());
  category.addEventListener('change', () => filters.requestSubmit());

  const rows = res.data.map((a) => h('tr', { dataset: { id: a.id } },
    h('td', {}, h('a', { href: `#/articles/${a.id}`, text: a.title })),
    h('td', {}, statusBadge(a.status)),
    h('td', { text: a.category }),
    h('td', { text: a.premium ? 'premium' : '' }),
    h('td', { text: when(a.published_at) }),
    h('td', { text: when(a.updated_at) })));
  return h('section', { class: 'panel' },
    h('div', { class: 'heading' }, h('h1', { text: 'Articles' }),
      h('a', { class: 'button', href: '#/articles/new', id: 'new-article', text: 'New article' })),
    filters,
    h('table', { id: 'articles' },
      h('thead', {}, h('tr', {}, ['Title', 'Status', 'Category', 'Premium', 'Published',
        'Edited'].map((t) => h('th', { text: t })))),
      h('tbody', {}, rows.length ? rows
        : h('tr', {}, h('td', { colspan: 6, class: 'muted', text: 'No articles match.' })))),
    pager(pageOf(res), (page) => go({ page: String(page) })));
}

function field(label, input, hint) {
  return h('div', { class: 'field' }, h('label', { for: input.id, text: label }), input,
    hint ? h('small', { class: 'muted', text: hint }) : null,
    h('small', { class: 'field-error', dataset: { for: input.dataset.field ?? input.id } }));
}

/** #/articles/new (id null) or #/articles/<id>. */
export async function articleEditor(id) {
  const [cats, knownTags, loaded] = await Promise.all([
    categories(), tags(), id ? api('GET', `${BASE}/articles/${id}`) : null,
  ]);
  let article = loaded?.data ?? null;

  const input = (name, attrs = {}) => h('input', { id: `article-${name}`,
    dataset: { field: name }, ...attrs });
  const title = input('title', { required: true, maxlength: 300 });
  const slug = input('slug', { maxlength: 80, pattern: '[a-z0-9]+(-[a-z0-9]+)*',
    placeholder: 'made from the title when empty' });
  const summary = h('textarea', { id: 'article-summary', dataset: { field: 'summary' }, rows: 2,
    maxlength: 1000, required: true });
  const category = h('select', { id: 'article-category', dataset: { field: 'category' } },
    cats.map((c) => h('option', { value: c.slug, text: c.name })));
  const tagList = h('datalist', { id: 'known-tags' },
    knownTags.map((t) => h('option', { value: t.slug, text: t.name })));
  const tagInput = input('tags', { placeholder: 'tag-slug, another-tag', list: 'known-tags' });
  const premium = input('premium', { type: 'checkbox' });
  const author = input('author', { maxlength: 100 });
  const image = input('image_url', { maxlength: 500, placeholder: 'https://… or /media/…' });
  const body = h('textarea', { id: 'article-body', dataset: { field: 'body_markdown' },
    rows: 24, spellcheck: true });
  const preview = h('article', { id: 'article-preview', class: 'preview' });
  const scheduleAt = h('input', { id: 'article-publish-at', type: 'datetime-local' });
  const statusLine = h('p', { id: 'article-status', class: 'status-line' });
  const heading = h('h1', { id: 'article-heading' });

  const fill = (a) => {
    title.value = a?.title ?? '';
    slug.value = a?.slug ?? '';
    summary.value = a?.summary ?? '';
    category.value = a?.category ?? cats[0]?.slug ?? '';
    tagInput.value = (a?.tags ?? []).join(', ');
    premium.checked = Boolean(a?.premium);
    author.value = a?.author ?? '';
    image.value = a?.image_url ?? '';
    body.value = a?.body_markdown ?? '';
    scheduleAt.value = a?.status === 'scheduled' ? isoToLocalInput(a.published_at) : '';
    mount(preview, renderMarkdown(body.value));
    heading.textContent = a ? 'Edit article' : 'New article';
    mount(statusLine, a ? [statusBadge(a.status), ` version ${a.version}`,
      a.published_at ? ` · ${a.status === 'scheduled' ? 'publishes' : 'published'} ` +
        `${when(a.published_at)}` : '',
      ` · edited ${when(a.updated_at)}`,
      a.former_slugs?.length ? ` · also answers at ${a.former_slugs.join(', ')}` : '']
      : 'New article: not saved yet.');
  };

  // The members the form holds, as the API takes them.
  const values = () => {
    const v = {
      title: title.value.trim(),
      summary: summary.value.trim(),
      body_markdown: body.value,
      category: category.value,
      tags: tagInput.value.split(',').map((t) => t.trim()).filter(Boolean),
      premium: premium.checked,
      author: author.value.trim() || null,
      image_url: image.value.trim() || null,
    };
    if (slug.value.trim()) {
      v.slug = slug.value.trim();
    }
    return v;
  };

  // Only what changed since the article was loaded (PATCH semantics).
  const changes = () => {
    const v = values();
    const out = {};
    for (const [k, val] of Object.entries(v)) {
      const before = article[k] ?? (k === 'author' || k === 'image_url' ? null : undefined);
      if (JSON.stringify(val) !== JSON.stringify(before)) {
        out[k] = val;
      }
    }
    return out;
  };

  const showErrors = (err) => {
    for (const el of form.querySelectorAll('.field-error')) {
      el.textContent = '';
    }
    for (const d of err?.details ?? []) {
      const el = form.querySelector(`.field-error[data-for="${CSS.escape(d.field)}"]`);
      if (el) {
        el.textContent = d.message;
      }
    }
  };

  const ifMatch = () => ({ 'If-Match': `"v${article.version}"` });

  // Saves the form: a create (POST) for a new article, else a PATCH of what changed.
  const save = async () => {
    if (!article) {
      const v = values();
      if (v.author === null) {
        delete v.author;
      }
      if (v.image_url === null) {
        delete v.image_url;
      }
      const res = await api('POST', `${BASE}/articles`, { body: v,
        headers: { 'Idempotency-Key': idempotencyKey() } });
      article = res.data;
      history.replaceState(null, '', `#/articles/${article.id}`);
      return true;
    }
    const patch = changes();
    if (!Object.keys(patch).length) {
      return false;
    }
    const res = await api('PATCH', `${BASE}/articles/${article.id}`, { body: patch,
      headers: ifMatch() });
    article = res.data;
    return true;
  };

  const action = (fn, done) => async (event) => {
    event.preventDefault();
    for (const b of buttons.querySelectorAll('button')) {
      b.disabled = true;
    }
    showErrors(null);
    try {
      await fn();
      fill(article);
      notice(done());
    } catch (err) {
      showErrors(err);
      notice(err.status === 412 || err.status === 409
        ? `Someone else changed this article: reload it to see their version. ${describe(err)}`
        : describe(err), 'error');
    } finally {
      arrange();
    }
  };

  const publish = async (at) => {
    await save();
    const res = await api('POST', `${BASE}/articles/${article.id}/publish`, {
      body: at ? { publish_at: at } : {}, headers: ifMatch() });
    article = res.data;
  };

  const saveButton = h('button', { id: 'save', type: 'submit', text: 'Save draft' });
  const publishButton = h('button', { id: 'publish', type: 'button', text: 'Publish now',
    onclick: action(() => publish(null), () => 'Published.') });
  const scheduleButton = h('button', { id: 'schedule', type: 'button', text: 'Schedule',
    onclick: action(async () => {
      const at = localInputToIso(scheduleAt.value);
      if (!at) {
        throw new Error('Choose the date and time to publish at.');
      }
      await publish(at);
    }, () => `Scheduled for ${when(article.published_at)}.`) });
  const unpublishButton = h('button', { id: 'unpublish', type: 'button', text: 'Unpublish',
    onclick: action(async () => {
      const res = await api('POST', `${BASE}/articles/${article.id}/unpublish`,
        { body: {}, headers: ifMatch() });
      article = res.data;
    }, () => 'Unpublished: readers no longer see it.') });
  const deleteButton = h('button', { id: 'delete', type: 'button', class: 'danger',
    text: 'Delete', onclick: async (event) => {
      // eslint-disable-next-line no-alert
      if (!window.confirm(`Delete “${article.title}”? Readers lose it at once.`)) {
        return;
      }
      await action(async () => {
        await api('DELETE', `${BASE}/articles/${article.id}`, { headers: ifMatch() });
        article = { ...article, status: 'removed' };
        location.hash = '#/articles';
      }, () => 'Deleted.')(event);
    } });
  const buttons = h('div', { class: 'actions' }, saveButton, publishButton,
    h('span', { class: 'schedule' }, scheduleAt, scheduleButton), unpublishButton, deleteButton);

  // Which actions make sense in the article's status.
  const arrange = () => {
    const s = article?.status ?? 'new';
    saveButton.disabled = s === 'removed';
    saveButton.textContent = s === 'published' ? 'Save' : 'Save draft';
    publishButton.disabled = s === 'removed';
    publishButton.textContent = s === 'published' ? 'Save and keep published' : 'Publish now';
    publishButton.hidden = s === 'published';
    scheduleButton.disabled = s === 'removed';
    unpublishButton.hidden = !(s === 'published' || s === 'scheduled');
    unpublishButton.disabled = false;
    deleteButton.hidden = !article || s === 'removed';
    deleteButton.disabled = false;
  };

  const form = h('form', { id: 'article-form', class: 'editor' },
    h('div', { class: 'fields' },
      field('Title', title),
      field('Slug', slug, article ? 'Renaming keeps the old slug answering.' : null),
      field('Summary', summary),
      h('div', { class: 'row' }, field('Category', category), field('Tags', tagInput)),
      h('div', { class: 'row' }, field('Author', author), field('Image URL', image)),
      h('div', { class: 'field check' }, premium,
        h('label', { for: premium.id, text: 'Premium: the body is for premium readers only' })),
      tagList),
    h('div', { class: 'body' },
      h('div', { class: 'field' }, h('label', { for: body.id, text: 'Body (Markdown)' }), body,
        h('small', { class: 'field-error', dataset: { for: 'body_markdown' } })),
      h('div', { class: 'field' }, h('span', { class: 'label', text: 'Preview' }), preview)),
    buttons);
  form.addEventListener('submit', action(save, () => 'Saved.'));
  body.addEventListener('input', () => mount(preview, renderMarkdown(body.value)));

  fill(article);
  arrange();
  return h('section', { class: 'panel' },
    h('div', { class: 'heading' }, heading,
      h('a', { href: '#/articles', text: '← All articles' })),
    statusLine, form);
}
