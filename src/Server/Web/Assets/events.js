// Creating and editing an event with one reminder, and the list of what is coming up in a calendar.
import { api } from './api.js';
import { el, emptyRow, say, sayError } from './dom.js';

const form = () => document.getElementById('event-form');
let editing = null; // { calendarId, event } while an existing event is in the form

function browserZone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch { return 'UTC'; }
}

function pad(n) { return String(n).padStart(2, '0'); }
function isoDate(date) { return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`; }

function shiftDate(text, days) {
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

function setAllDay(allDay) {
  for (const node of form().querySelectorAll('.timed')) node.hidden = allDay;
}

function resetForm() {
  const f = form();
  f.reset();
  editing = null;
  const start = new Date(Date.now() + 60 * 60 * 1000);
  start.setMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 60 * 60 * 1000);
  f.elements.startDate.value = isoDate(start);
  f.elements.startTime.value = `${pad(start.getHours())}:00`;
  f.elements.endDate.value = isoDate(end);
  f.elements.endTime.value = `${pad(end.getHours())}:00`;
  f.elements.timeZone.value = browserZone();
  setAllDay(false);
  document.getElementById('event-title').textContent = 'New event';
  document.getElementById('event-cancel').hidden = true;
  clearErrors();
}

function clearErrors() {
  for (const id of ['event-summary-error', 'event-time-error']) document.getElementById(id).hidden = true;
}

function showError(id, text) {
  const node = document.getElementById(id);
  node.textContent = text;
  node.hidden = false;
}

// "2026-11-22T09:00:00" or "...Z" or "2026-11-22" -> [date, "HH:MM"]
function splitDateTime(text) {
  const [date, time = '00:00'] = text.replace(/Z$/, '').split('T');
  return [date, time.slice(0, 5)];
}

function readForm() {
  const f = form().elements;
  const allDay = f.allDay.checked;
  const event = {
    title: f.title.value.trim(),
    allDay,
    // All-day ends are exclusive as in iCalendar (RFC 5545 section 3.6.1): the form's end date is the last day.
    start: allDay ? f.startDate.value : `${f.startDate.value}T${f.startTime.value}:00`,
    end: allDay ? shiftDate(f.endDate.value, 1) : `${f.endDate.value}T${f.endTime.value}:00`,
    timeZone: allDay ? null : (f.timeZone.value.trim() || browserZone()),
    location: f.location.value.trim() || null,
    description: f.description.value.trim() || null,
  };
  const others = editing ? (editing.event.reminders || []).slice(1) : [];
  const first = editing && editing.event.reminders && editing.event.reminders[0];
  event.reminders = f.reminder.value === ''
    ? others
    : [{ ...(first ? { id: first.id } : {}), action: f.reminderAction.value, minutesBefore: Number(f.reminder.value), relatedTo: 'start' }, ...others];
  return event;
}

function validate(event) {
  clearErrors();
  let ok = true;
  if (!event.title) { showError('event-summary-error', 'Give the event a title.'); ok = false; }
  if (!/^\d{4}-\d{2}-\d{2}/.test(event.start) || !/^\d{4}-\d{2}-\d{2}/.test(event.end) || event.end <= event.start) {
    showError('event-time-error', 'The end must be after the start.');
    ok = false;
  }
  return ok;
}

function fillForm(calendarId, event) {
  const f = form().elements;
  editing = { calendarId, event };
  f.calendar.value = calendarId;
  f.title.value = event.title || '';
  f.allDay.checked = !!event.allDay;
  const [startDate, startTime] = splitDateTime(event.start);
  const [endDate, endTime] = splitDateTime(event.end || event.start);
  f.startDate.value = startDate;
  f.startTime.value = startTime;
  f.endDate.value = event.allDay ? shiftDate(endDate, -1) : endDate;
  f.endTime.value = endTime;
  f.timeZone.value = event.timeZone || (event.start.endsWith('Z') ? 'UTC' : browserZone());
  f.location.value = event.location || '';
  f.description.value = event.description || '';
  const reminder = (event.reminders || [])[0];
  f.reminder.value = reminder ? String(reminder.minutesBefore) : '';
  if (reminder && f.reminder.value === '') {
    f.reminder.append(el('option', { value: String(reminder.minutesBefore), text: `${reminder.minutesBefore} minutes before` }));
    f.reminder.value = String(reminder.minutesBefore);
  }
  if (reminder) f.reminderAction.value = reminder.action;
  setAllDay(!!event.allDay);
  document.getElementById('event-title').textContent = `Edit “${event.title || 'event'}”`;
  document.getElementById('event-cancel').hidden = false;
  f.title.focus();
}

function eventRow(calendarId, event) {
  const [date, time] = splitDateTime(event.start);
  const when = event.allDay ? `${date} (all day)` : `${date} ${time}${event.timeZone ? ` ${event.timeZone}` : ' UTC'}`;
  const edit = el('button', { type: 'button', text: 'Edit', 'aria-label': `Edit ${event.title || 'event'}` });
  edit.addEventListener('click', async () => {
    try {
      const { data, etag } = await api('GET', `/api/calendars/${encodeURIComponent(calendarId)}/events/${encodeURIComponent(event.uid)}`);
      fillForm(calendarId, { ...data, etag: etag || data.etag });
      document.getElementById('event-editor').scrollIntoView();
    } catch (error) {
      sayError(error);
    }
  });
  return el('li', {},
    el('p', { class: 'title', text: event.title || '(untitled)' }),
    el('p', { class: 'meta', text: when + (event.recurrence ? ' · repeats' : '') }),
    el('div', { class: 'links' }, edit));
}

export async function loadEvents() {
  const calendarId = form().elements.calendar.value;
  const list = document.getElementById('event-list');
  if (!calendarId) {
    list.replaceChildren(emptyRow('Create a calendar first.'));
    return;
  }
  const from = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  const to = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000).toISOString();
  const query = new URLSearchParams({ from, to, limit: '50' });
  const { data } = await api('GET', `/api/calendars/${encodeURIComponent(calendarId)}/events?${query}`);
  const items = (data && data.items) || [];
  items.sort((a, b) => String(a.start).localeCompare(String(b.start)));
  list.replaceChildren(...(items.length ? items.map((e) => eventRow(calendarId, e)) : [emptyRow('Nothing in the next 90 days.')]));
}

export function setUpEventForm(onSaved) {
  const f = form();
  resetForm();
  f.elements.allDay.addEventListener('change', () => setAllDay(f.elements.allDay.checked));
  f.elements.calendar.addEventListener('change', () => loadEvents().catch(sayError));
  document.getElementById('event-cancel').addEventListener('click', resetForm);
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = readForm();
    if (!validate(body)) return;
    const calendarId = f.elements.calendar.value;
    try {
      if (editing) {
        const { event: original } = editing;
        const path = `/api/calendars/${encodeURIComponent(editing.calendarId)}/events/${encodeURIComponent(original.uid)}`;
        // Start from the stored event so fields the form does not show (status, recurrence) are kept.
        await api('PUT', path, { ...original, ...body, uid: original.uid }, original.etag ? { 'If-Match': original.etag } : {});
        say(`Saved “${body.title}”.`);
      } else {
        await api('POST', `/api/calendars/${encodeURIComponent(calendarId)}/events`, body);
        say(`Created “${body.title}”.`);
      }
      resetForm();
      f.elements.calendar.value = calendarId;
      await onSaved();
    } catch (error) {
      if (error.status === 412) {
        sayError(new Error('Someone changed this event meanwhile; it was reloaded. Make your change again.'));
        await onSaved();
        return;
      }
      const fields = error.fieldErrors || {};
      if (fields.title) showError('event-summary-error', fields.title.join(' '));
      const timeMessages = [...(fields.start || []), ...(fields.end || []), ...(fields.timeZone || [])];
      if (timeMessages.length) showError('event-time-error', timeMessages.join(' '));
      sayError(error);
    }
  });
}
