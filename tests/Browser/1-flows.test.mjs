// The page's main jobs, each checked from outside the browser too: an event made in the page is seen by
// CalDAV, an app password minted in the page works for Basic auth, a feed link made in the page serves
// the event and stops after revoking.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, signIn, dav, calendarQuery, unique, baseUrl, userName } from './lib.mjs';

let browser;
let page;
const title = unique('Standup');

function tomorrow() {
  return new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

before(async () => {
  // A calendar client's first discovery creates the account's default calendar.
  const home = await dav('PROPFIND', `/calendars/${userName}/`, { depth: 1 });
  assert.equal(home.status, 207, home.text);
  browser = await launch();
  page = await openPage(browser);
});

after(async () => {
  await browser?.close();
});

test('a wrong password shows an error and no session; the right one opens the page', async () => {
  await page.goto('/app/');
  await page.getByLabel('User name').fill(userName);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.match(await page.getByRole('alert').textContent(), /Wrong user name or password/);
  assert.equal((await page.context().cookies()).some((c) => c.name === 'aurora_session'), false);

  await signIn(page);
  assert.match(await page.locator('.who').textContent(), new RegExp(`Signed in as ${userName}`));
  const session = (await page.context().cookies()).find((c) => c.name === 'aurora_session');
  assert.ok(session, 'session cookie set');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie.includes('aurora_session')), false, 'script cannot read the session');
});

test('the calendars section shows the CalDAV URL and setup steps with this server\'s URLs', async () => {
  const urls = await page.locator('#calendar-list input').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.ok(urls.includes(`${baseUrl}/calendars/${userName}/default/`), `calendar URLs: ${urls.join(', ')}`);
  await page.getByText('Android (DAVx⁵)').click();
  assert.match(await page.locator('details.setup[open]').textContent(), new RegExp(`${baseUrl}/principals/${userName}/`));
});

test('an event with a reminder made in the page is seen through CalDAV, and so is an edit', async () => {
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Start date').fill(tomorrow());
  await page.getByLabel('Start time').fill('09:00');
  await page.getByLabel('End date').fill(tomorrow());
  await page.getByLabel('End time').fill('09:30');
  await page.getByLabel('Time zone').fill('Europe/Berlin');
  await page.getByLabel('Reminder', { exact: true }).selectOption('15');
  await page.getByLabel('Remind by').selectOption('email');
  await page.getByRole('button', { name: 'Save event' }).click();
  await page.locator('#status', { hasText: 'Created' }).waitFor();
  await page.locator('#event-list', { hasText: title }).waitFor();

  const found = await calendarQuery(`/calendars/${userName}/default/`);
  assert.equal(found.status, 207);
  const data = found.text.replace(/\r?\n /g, '');
  assert.ok(data.includes(`SUMMARY:${title}`), data);
  assert.match(data, /DTSTART;TZID=Europe\/Berlin:\d{8}T090000/);
  const alarm = data.match(/BEGIN:VALARM[\s\S]*?END:VALARM/);
  assert.ok(alarm, 'the event has a VALARM');
  assert.match(alarm[0], /ACTION:EMAIL/);
  assert.match(alarm[0], /TRIGGER[^:\r\n]*:-PT15M/);

  await page.locator('#reminder-list', { hasText: title }).waitFor();

  await page.getByRole('button', { name: `Edit ${title}` }).click();
  await page.getByLabel('Title').fill(`${title} moved`);
  await page.getByLabel('Start time').fill('10:00');
  await page.getByLabel('End time').fill('10:45');
  await page.getByRole('button', { name: 'Save event' }).click();
  await page.locator('#status', { hasText: 'Saved' }).waitFor();
  const edited = (await calendarQuery(`/calendars/${userName}/default/`)).text.replace(/\r?\n /g, '');
  assert.ok(edited.includes(`SUMMARY:${title} moved`), edited);
  assert.match(edited, /DTSTART;TZID=Europe\/Berlin:\d{8}T100000/);
  assert.match(edited, /TRIGGER[^:\r\n]*:-PT15M/, 'the reminder is kept through the edit');
});

test('an app password minted in the page works for Basic auth on PROPFIND until revoked', async () => {
  await page.getByLabel('Device name').fill('Browser test phone');
  await page.getByRole('button', { name: 'Create app password' }).click();
  const secretBox = page.locator('#new-secret-value');
  await secretBox.waitFor();
  const secret = await secretBox.inputValue();
  assert.ok(secret.length >= 16, `secret "${secret}"`);

  const allowed = await dav('PROPFIND', `/calendars/${userName}/`, { secret, depth: 0 });
  assert.equal(allowed.status, 207, allowed.text);

  await page.getByRole('button', { name: 'Revoke app password Browser test phone' }).click();
  await page.locator('#status', { hasText: 'Revoked' }).waitFor();
  const refused = await dav('PROPFIND', `/calendars/${userName}/`, { secret, depth: 0 });
  assert.equal(refused.status, 401);
});

test('a feed link made in the page serves the event, has add-to links, and is 404 after revoking', async () => {
  await page.locator('#feed-calendar').selectOption('');
  await page.getByLabel('Shows').selectOption('full');
  await page.getByRole('button', { name: 'Create feed link' }).click();
  const row = page.locator('#feed-list > li[data-feed-id]').first();
  await row.waitFor();
  const httpsUrl = await row.locator('input').nth(0).inputValue();
  const webcalUrl = await row.locator('input').nth(1).inputValue();
  assert.ok(httpsUrl.startsWith(`${baseUrl}/feeds/`), httpsUrl);
  assert.equal(webcalUrl, httpsUrl.replace(/^https?:/, 'webcal:'));
  const google = await row.getByRole('link', { name: 'Add to Google' }).getAttribute('href');
  assert.equal(google, `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl)}`);
  assert.equal(await row.getByRole('link', { name: 'Add to Apple' }).getAttribute('href'), webcalUrl);
  assert.match(await row.getByRole('link', { name: 'Add to Outlook' }).getAttribute('href'), /^https:\/\/outlook\.live\.com\/calendar\/0\/addfromweb\?url=/);

  const feed = await fetch(httpsUrl);
  const body = (await feed.text()).replace(/\r?\n /g, '');
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^text\/calendar/);
  assert.ok(body.includes(`SUMMARY:${title} moved`), body);

  await row.getByRole('button', { name: /^Revoke feed link/ }).click();
  await page.locator('#status', { hasText: 'Feed link revoked' }).waitFor();
  assert.equal((await fetch(httpsUrl)).status, 404);
});

test('keyboard: the skip link comes first and focus is visible', async () => {
  await page.goto('/app/');
  await page.waitForSelector('body[data-ready="true"]');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const node = document.activeElement;
    const style = getComputedStyle(node);
    return { text: node.textContent.trim(), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.equal(focused.text, 'Skip to content');
  assert.notEqual(focused.outline, 'none');
  assert.ok(focused.width >= 2, `outline width ${focused.width}`);
});

test('the page ran without script errors or CSP violations', () => {
  assert.deepEqual(page.problems, []);
});

test('sign out ends the session: the API refuses the old cookie', async () => {
  const before = (await page.context().cookies()).find((c) => c.name === 'aurora_session');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  const replay = await fetch(new URL('/api/me', baseUrl), { headers: { Cookie: `aurora_session=${before.value}` } });
  assert.equal(replay.status, 401);
});
