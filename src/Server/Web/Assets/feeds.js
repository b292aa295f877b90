// Feed links: create with a scope, copy the https/webcal forms, add-to links for Google, Apple, Outlook; revoke.
import { api } from './api.js';
import { calendars } from './calendars.js';
import { el, copyRow, emptyRow, formatInstant, say, sayError } from './dom.js';

const scopeNames = { full: 'everything', 'busy-only': 'busy times only', 'no-private': 'no private details' };

function calendarName(id) {
  if (!id) return 'All calendars';
  const calendar = calendars.find((c) => c.id === id);
  return calendar ? calendar.displayName || calendar.id : id;
}

// Outlook.com's "add from web" takes the https form (its webcal handling failed where https worked, INTEROP.md).
function outlookUrl(link) {
  const query = new URLSearchParams({ url: link.url, name: `AuroraTime: ${calendarName(link.calendarId)}` });
  return `https://outlook.live.com/calendar/0/addfromweb?${query}`;
}

function row(link) {
  const label = `${calendarName(link.calendarId)} (${scopeNames[link.scope] || link.scope})`;
  const revoke = el('button', { type: 'button', class: 'danger', text: 'Revoke', 'aria-label': `Revoke feed link ${label}` });
  revoke.addEventListener('click', async () => {
    if (!window.confirm('Revoke this link? Subscribers stop getting updates.')) return;
    try {
      await api('DELETE', `/api/feed-links/${encodeURIComponent(link.id)}`);
      say('Feed link revoked.');
      await loadFeedLinks();
    } catch (error) {
      sayError(error);
    }
  });
  const external = { target: '_blank', rel: 'noopener noreferrer', class: 'button' };
  return el('li', { 'data-feed-id': link.id },
    el('p', { class: 'title', text: label }),
    el('p', { class: 'meta', text: `created ${formatInstant(link.createdAt)}` }),
    copyRow(`https link for ${label}`, link.url),
    copyRow(`webcal link for ${label}`, link.webcalUrl),
    el('div', { class: 'links' },
      el('a', { ...external, href: link.googleUrl, text: 'Add to Google' }),
      el('a', { class: 'button', href: link.webcalUrl, text: 'Add to Apple' }),
      el('a', { ...external, href: outlookUrl(link), text: 'Add to Outlook' }),
      revoke));
}

export async function loadFeedLinks() {
  const { data } = await api('GET', '/api/feed-links');
  const items = data || [];
  document.getElementById('feed-list').replaceChildren(...(items.length ? items.map(row) : [emptyRow('No feed links yet.')]));
}

export function setUpFeedForm() {
  const form = document.getElementById('feed-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const calendarId = form.elements.calendarId.value || null;
    try {
      await api('POST', '/api/feed-links', { calendarId, scope: form.elements.scope.value });
      say('Feed link created.');
      await loadFeedLinks();
    } catch (error) {
      sayError(error);
    }
  });
}
