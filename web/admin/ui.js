// What every view shares: the notice line above the view, and errors worded for an editor.
import { ApiError } from './api.js';

const noticeBox = document.getElementById('notice');
let noticeTimer = null;

/** Shows a short message above the view (kind: "ok" or "error"); it fades after a while. */
export function notice(message, kind = 'ok') {
  clearTimeout(noticeTimer);
  noticeBox.textContent = message;
  noticeBox.className = `notice ${kind}`;
  noticeBox.hidden = false;
  noticeTimer = setTimeout(() => { noticeBox.hidden = true; }, kind === 'error' ? 15000 : 5000);
}

/** An ApiError (or anything thrown) as one line for an editor. */
export function describe(err) {
  if (err instanceof ApiError) {
    const fields = err.details.map((d) => `${d.field}: ${d.message}`).join('; ');
    return `${err.message}${err.code ? ` (${err.code})` : ''}${fields ? ` — ${fields}` : ''}`;
  }
  return String(err?.message ?? err);
}
