// Walks a CalDAV server with tsdav (npm), the JS client many web apps use: account discovery
// through /.well-known/caldav, calendar listing, create, fetch, multiget and sync-collection.
// Usage: node tsdav_walk.mjs URL USER PASSWORD. Last line: "N passed, N failed".
import { DAVClient } from 'tsdav';
import { randomUUID } from 'node:crypto';

const [url, username, password] = process.argv.slice(2);
const results = [];
const state = {};

async function check(name, fn) {
  try {
    await fn();
    results.push(true);
    console.log(`ok   ${name}`);
  } catch (err) {
    results.push(false);
    console.log(`FAIL ${name}: ${err && err.stack ? err.stack.split('\n').slice(0, 3).join(' | ') : err}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const event = (uid, summary) => [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//AuroraTime interop//tsdav//EN',
  'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z',
  'DTSTART:20260410T080000Z', 'DTEND:20260410T090000Z', `SUMMARY:${summary}`,
  'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

const client = new DAVClient({
  serverUrl: url,
  credentials: { username, password },
  authMethod: 'Basic',
  defaultAccountType: 'caldav',
});

await check('login and discovery', async () => {
  await client.login();
  assert(client.account && client.account.homeUrl, 'no calendar home found');
  state.home = client.account.homeUrl;
});

await check('make calendar and list it', async () => {
  state.calUrl = new URL(`tsdav-${randomUUID().slice(0, 8)}/`, state.home).href;
  await client.makeCalendar({ url: state.calUrl, props: { displayname: 'tsdav walk' } });
  const calendars = await client.fetchCalendars();
  state.calendar = calendars.find((c) => c.url.replace(/\/?$/, '/') === state.calUrl);
  assert(state.calendar, `created calendar not listed: ${calendars.map((c) => c.url).join(', ')}`);
});

await check('create objects', async () => {
  for (const name of ['a', 'b', 'c']) {
    const res = await client.createCalendarObject({
      calendar: state.calendar, filename: `${name}.ics`, iCalString: event(randomUUID(), `tsdav ${name}`),
    });
    assert(res.ok, `PUT ${name} answered ${res.status}`);
  }
});

await check('fetch objects (calendar-query then multiget)', async () => {
  const objects = await client.fetchCalendarObjects({ calendar: state.calendar });
  assert(objects.length === 3, `expected 3 objects, got ${objects.length}`);
  assert(objects.every((o) => o.etag && o.data && o.data.includes('BEGIN:VEVENT')), 'object without etag or data');
  state.objects = objects;
});

await check('sync-collection sees an update and a deletion', async () => {
  const before = await client.fetchCalendars();
  state.calendar = before.find((c) => c.url.replace(/\/?$/, '/') === state.calUrl);
  const [first, second] = state.objects;
  const upd = await client.updateCalendarObject({
    calendarObject: { ...first, data: first.data.replace(/SUMMARY:[^\r\n]*/, 'SUMMARY:tsdav changed') },
  });
  assert(upd.ok, `update answered ${upd.status}`);
  const del = await client.deleteCalendarObject({ calendarObject: second });
  assert(del.ok, `delete answered ${del.status}`);
  const responses = await client.syncCollection({
    url: state.calUrl,
    props: { 'd:getetag': {} },
    syncLevel: 1,
    syncToken: state.calendar.syncToken,
  });
  const hrefs = responses.filter((r) => r.href).map((r) => `${r.status} ${r.href}`);
  const deleted = responses.filter((r) => r.status === 404);
  const changed = responses.filter((r) => r.status !== 404 && r.href && r.href.endsWith('.ics'));
  assert(changed.length === 1 && deleted.length === 1, `sync answered ${JSON.stringify(hrefs)}`);
});

await check('delete calendar', async () => {
  const res = await client.deleteObject({ url: state.calUrl });
  assert(res.ok, `DELETE answered ${res.status}`);
});

const failed = results.filter((r) => !r).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
