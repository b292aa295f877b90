// Calendars: their CalDAV URLs, the per-client setup steps filled with this server's URLs, creating one.
import { api, currentUser } from './api.js';
import { el, copyRow, emptyRow, say, sayError } from './dom.js';

export let calendars = [];

function fillSetupSteps() {
  const origin = window.location.origin;
  const values = {
    host: window.location.host,
    origin: `${origin}/`,
    wellKnown: `${origin}/.well-known/caldav`,
    // DAVx5 finds everything from the principal (RFC 5397 current-user-principal).
    principal: `${origin}/principals/${encodeURIComponent(currentUser)}/`,
    user: currentUser,
  };
  for (const node of document.querySelectorAll('[data-fill]')) {
    node.textContent = values[node.dataset.fill] || '';
  }
}

function absolute(url) {
  return new URL(url, window.location.origin).href;
}

function calendarRow(calendar) {
  const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  if (/^#[0-9a-fA-F]{6,8}$/.test(calendar.color || '')) swatch.style.backgroundColor = calendar.color.slice(0, 7);
  return el('li', {},
    el('p', { class: 'title' }, swatch, calendar.displayName || calendar.id),
    calendar.description ? el('p', { class: 'meta', text: calendar.description }) : null,
    copyRow(`CalDAV URL of ${calendar.displayName || calendar.id}`, absolute(calendar.caldavUrl)));
}

function fillCalendarSelects() {
  const eventSelect = document.getElementById('event-calendar');
  const feedSelect = document.getElementById('feed-calendar');
  const keep = eventSelect.value;
  eventSelect.replaceChildren(...calendars.map((c) => el('option', { value: c.id, text: c.displayName || c.id })));
  if (calendars.some((c) => c.id === keep)) eventSelect.value = keep;
  feedSelect.replaceChildren(el('option', { value: '', text: 'All calendars' }),
    ...calendars.map((c) => el('option', { value: c.id, text: c.displayName || c.id })));
}

export async function loadCalendars() {
  fillSetupSteps();
  calendars = (await api('GET', '/api/calendars')).data || [];
  const target = document.getElementById('calendar-list');
  target.replaceChildren(...(calendars.length ? calendars.map(calendarRow) : [emptyRow('No calendars yet.')]));
  if (!calendars.length) target.append(el('li', {}, newCalendarForm()));
  fillCalendarSelects();
}

function newCalendarForm() {
  const form = el('form', { class: 'inline-form', novalidate: true },
    el('div', { class: 'field' },
      el('label', { for: 'new-calendar-name', text: 'New calendar name' }),
      el('input', { id: 'new-calendar-name', name: 'displayName', required: true, maxlength: 200, value: 'Personal' })),
    el('button', { type: 'submit', class: 'primary', text: 'Create calendar' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/api/calendars', { displayName: form.elements.displayName.value.trim() });
      say('Calendar created.');
      await loadCalendars();
      document.dispatchEvent(new CustomEvent('aurora:calendars-changed'));
    } catch (error) {
      sayError(error);
    }
  });
  return form;
}
