// App passwords: mint (secret shown once, with a copy button), list, revoke.
import { api } from './api.js';
import { el, emptyRow, formatInstant, say, sayError } from './dom.js';

function row(item) {
  const revoke = el('button', { type: 'button', class: 'danger', text: 'Revoke', 'aria-label': `Revoke app password ${item.name}` });
  revoke.addEventListener('click', async () => {
    if (!window.confirm(`Revoke "${item.name}"? Apps using it stop syncing at once.`)) return;
    try {
      await api('DELETE', `/api/app-passwords/${encodeURIComponent(item.id)}`);
      say(`Revoked "${item.name}".`);
      await loadAppPasswords();
    } catch (error) {
      sayError(error);
    }
  });
  const used = item.lastUsedAt ? `last used ${formatInstant(item.lastUsedAt)}` : 'never used';
  return el('li', {},
    el('p', { class: 'title', text: item.name }),
    el('p', { class: 'meta', text: `created ${formatInstant(item.createdAt)} · ${used}` }),
    el('div', { class: 'links' }, revoke));
}

export async function loadAppPasswords() {
  const { data } = await api('GET', '/api/app-passwords');
  const items = data || [];
  document.getElementById('app-password-list').replaceChildren(...(items.length ? items.map(row) : [emptyRow('No app passwords yet.')]));
}

export function setUpAppPasswordForm() {
  const form = document.getElementById('app-password-form');
  const nameError = document.getElementById('app-password-name-error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = form.elements.name.value.trim();
    nameError.hidden = true;
    if (!name) {
      nameError.textContent = 'Give the device a name.';
      nameError.hidden = false;
      form.elements.name.focus();
      return;
    }
    try {
      const { data } = await api('POST', '/api/app-passwords', { name });
      document.getElementById('new-secret-value').value = data.password;
      document.getElementById('new-secret').hidden = false;
      form.reset();
      say(`App password "${data.name}" created. Copy it now.`);
      await loadAppPasswords();
      document.getElementById('new-secret-value').focus();
    } catch (error) {
      const messages = error.fieldErrors && error.fieldErrors.name;
      if (messages) {
        nameError.textContent = messages.join(' ');
        nameError.hidden = false;
      }
      sayError(error);
    }
  });
}
