// Shared by the browser tests: the server under test (from tests/Interop/browser.sh), chromium,
// plain HTTP/CalDAV calls made outside the browser, and the layout checks.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const baseUrl = process.env.AURORA_URL;
export const userName = process.env.AURORA_USER;
export const password = process.env.AURORA_PASSWORD;
export const screenshotDir = process.env.SCREENSHOT_DIR || path.resolve('../../.test-output/browser');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!baseUrl || !userName || !password) {
  throw new Error('Run through tests/Interop/browser.sh: AURORA_URL, AURORA_USER and AURORA_PASSWORD are not set.');
}
if (!existsSync(chromiumPath)) {
  throw new Error(`${chromiumPath} is missing: apt-get install chromium`);
}
mkdirSync(screenshotDir, { recursive: true });

export async function launch() {
  // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}

// A page that records script errors, failed requests for our own files and CSP violations, so a test can
// assert the page ran cleanly.
export async function openPage(browser, width = 1280, height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: baseUrl });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    // A refused sign-in is an expected 401, which chromium also reports on the console.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) page.problems.push(`console error: ${message.text()}`);
  });
  page.on('dialog', (dialog) => dialog.accept()); // the page confirms before revoking
  return page;
}

export async function signIn(page) {
  await page.goto('/app/');
  await page.getByLabel('User name').fill(userName);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('body[data-ready="true"]');
}

function basic(user, secret) {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

export async function dav(method, target, { secret = password, depth, body, contentType = 'application/xml; charset=utf-8' } = {}) {
  const headers = { Authorization: basic(userName, secret) };
  if (depth !== undefined) headers.Depth = String(depth);
  if (body !== undefined) headers['Content-Type'] = contentType;
  const response = await fetch(new URL(target, baseUrl), { method, headers, body });
  return { status: response.status, text: await response.text() };
}

// RFC 4791 section 7.8: calendar-query for every VEVENT with its data.
export async function calendarQuery(calendarPath) {
  return dav('REPORT', calendarPath, {
    depth: 1,
    body: '<?xml version="1.0" encoding="utf-8"?>'
      + '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
      + '<D:prop><D:getetag/><C:calendar-data/></D:prop>'
      + '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>'
      + '</C:calendar-query>',
  });
}

// What a person would notice: the page scrolls sideways, a key element sticks out of the viewport or is
// cut off, two controls overlap, or text is clipped inside its box. Returns a list of findings.
export async function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const width = window.innerWidth;
    const root = document.documentElement;
    if (root.scrollWidth > width) problems.push(`horizontal overflow: scrollWidth ${root.scrollWidth} > innerWidth ${width}`);
    const visible = (node) => {
      const box = node.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(node).visibility !== 'hidden';
    };
    const describe = (node) => {
      const text = (node.getAttribute('aria-label') || node.textContent || node.id || '').trim().slice(0, 40);
      return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''} "${text}"`;
    };
    const key = 'header, nav, main, section, h1, h2, h3, label, input, select, textarea, button, a.button, .rows > li, .copy-row, summary';
    const nodes = [...document.querySelectorAll(key)].filter((n) => visible(n) && !n.closest('.visually-hidden, .skip'));
    for (const node of nodes) {
      const box = node.getBoundingClientRect();
      if (box.left < -0.5 || box.right > width + 0.5) {
        problems.push(`${describe(node)} is cut off: x ${Math.round(box.left)}..${Math.round(box.right)} of ${width}`);
      }
    }
    // Text clipped inside its own box (buttons, labels, headings, titles).
    for (const node of document.querySelectorAll('button, a.button, label, h1, h2, h3, .title, summary')) {
      if (!visible(node) || node.closest('.visually-hidden')) continue;
      if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') {
        problems.push(`${describe(node)} clips its text: ${node.scrollWidth} > ${node.clientWidth}`);
      }
    }
    // Controls within one container must not overlap each other.
    const overlaps = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const group of document.querySelectorAll('.top, .links, .copy-row, .inline-form, .actions, .pair, .sections ul, .field')) {
      const items = [...group.children].filter(visible).filter((n) => !n.classList.contains('visually-hidden'));
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          if (overlaps(items[i].getBoundingClientRect(), items[j].getBoundingClientRect())) {
            problems.push(`${describe(items[i])} overlaps ${describe(items[j])}`);
          }
        }
      }
    }
    return problems;
  });
}

export function unique(prefix) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
