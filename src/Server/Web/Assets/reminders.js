// Upcoming reminders: what will be sent or shown in the next two weeks.
import { api } from './api.js';
import { el, emptyRow, formatInstant } from './dom.js';

const actionNames = { email: 'email', display: 'notification' };

export async function loadReminders() {
  const { data } = await api('GET', '/api/reminders/upcoming?limit=20&days=14');
  const items = data || [];
  document.getElementById('reminder-list').replaceChildren(...(items.length
    ? items.map((r) => el('li', {},
      el('p', { class: 'title', text: r.title || '(untitled)' }),
      el('p', { class: 'meta', text: `${actionNames[r.action] || r.action} at ${formatInstant(r.fireAt)} · event at ${formatInstant(r.instanceStart)}` })))
    : [emptyRow('No reminders in the next 14 days.')]));
}
