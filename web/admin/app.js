// The console's shell: restores the session from the refresh cookie, shows the sign-in form or
// the view the URL's hash names (#/articles, #/articles/<id>, #/audit, ...), and signs out.
import {
  ApiError, mayHaveSession, onSession, refresh, session, signIn, signOut,
} from './api.js';
import { h, mount } from './dom.js';
import { describe, notice } from './ui.js';
import { articleEditor, articleList } from './articles.js';
import { auditLog } from './audit.js';
import { productReview } from './products.js';
import { referenceData } from './reference.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const signOutButton = document.getElementById('sign-out');

const routes = [
  [/^#\/articles\/new$/, () => articleEditor(null)],
  [/^#\/articles\/([0-9a-f-]{36})$/, (m) => articleEditor(m[1])],
  [/^#\/articles(?:\?(.*))?$/, (m) => articleList(new URLSearchParams(m[1] ?? ''))],
  [/^#\/audit(?:\?(.*))?$/, (m) => auditLog(new URLSearchParams(m[1] ?? ''))],
  [/^#\/products(?:\?(.*))?$/, (m) => productReview(new URLSearchParams(m[1] ?? ''))],
  [/^#\/reference(?:\/([a-z-]+))?$/, (m) => referenceData(m[1] ?? null)],
];

let rendering = 0;

async function show() {
  const me = session();
  nav.hidden = !me;
  signOutButton.hidden = !me;
  who.textContent = me ? `${me.email ?? ''} (${me.role ?? '?'})` : '';
  if (!me) {
    mount(main, signInForm());
    document.getElementById('email')?.focus();
    return;
  }
  if (me.role !== 'admin') {
    mount(main, h('section', { class: 'panel' },
      h('h1', { text: 'Not an admin' }),
      h('p', { text: 'This account may not use the console. An operator can make it an ' +
        'admin with `ugoki admin grant EMAIL`; sign in again afterwards.' })));
    return;
  }
  const hash = location.hash || '#/articles';
  for (const a of nav.querySelectorAll('a')) {
    a.classList.toggle('active', hash.startsWith(a.getAttribute('href')));
  }
  const route = routes.find(([re]) => re.test(hash));
  if (!route) {
    location.replace('#/articles');
    return;
  }
  const ticket = ++rendering;
  try {
    const view = await route[1](route[0].exec(hash));
    if (ticket === rendering) {
      mount(main, view);
    }
  } catch (err) {
    if (ticket === rendering) {
      mount(main, h('section', { class: 'panel' }, h('h1', { text: 'Could not load this view' }),
        h('p', { class: 'error', text: describe(err) })));
    }
  }
}

function signInForm() {
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', id: 'sign-in', text: 'Sign in' });
  const form = h('form', { class: 'panel narrow', id: 'sign-in-form' },
    h('h1', { text: 'Sign in' }),
    h('label', { for: 'email', text: 'Email' }),
    h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username',
      required: true }),
    h('label', { for: 'password', text: 'Password' }),
    h('input', { id: 'password', name: 'password', type: 'password',
      autocomplete: 'current-password', required: true }),
    submit, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    try {
      await signIn(form.elements.email.value.trim(), form.elements.password.value);
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401
        ? 'Wrong email or password.' : describe(err);
      submit.disabled = false;
    }
  });
  return form;
}

signOutButton.addEventListener('click', async () => {
  await signOut();
  notice('Signed out.');
});
// A refreshed token is the same session: only signing in or out changes the view, so an
// editor's unsaved form survives the access token's renewal.
let shownFor = null;
onSession((me) => {
  const id = me ? me.id : null;
  if (id !== shownFor) {
    shownFor = id;
    show();
  }
});
window.addEventListener('hashchange', () => { show(); });

// A reload keeps the session: the HttpOnly refresh cookie buys a new access token.
if (mayHaveSession()) {
  await refresh();
}
if (!session()) {
  show();
}
