// Screenshots at desktop and phone widths (saved under .test-output/browser) with the layout checks a
// person would make: nothing scrolls sideways, nothing sticks out or is cut off, nothing overlaps,
// no text clipped. Filled with real content first (a long app password, feed links with long URLs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openPage, signIn, dav, layoutProblems, screenshotDir, userName } from './lib.mjs';

let browser;

before(async () => {
  assert.equal((await dav('PROPFIND', `/calendars/${userName}/`, { depth: 1 })).status, 207);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

for (const width of [1280, 375]) {
  test(`the sign-in page at ${width} px`, async () => {
    const page = await openPage(browser, width, 800);
    await page.goto('/app/');
    await page.screenshot({ path: path.join(screenshotDir, `signin-${width}.png`), fullPage: true });
    assert.deepEqual(await layoutProblems(page), []);
    await page.context().close();
  });

  test(`the signed-in page at ${width} px, with a new app password, a feed link and open setup steps`, async () => {
    const page = await openPage(browser, width, 900);
    await signIn(page);
    await page.getByLabel('Device name').fill(`Layout check ${width}`);
    await page.getByRole('button', { name: 'Create app password' }).click();
    await page.locator('#new-secret-value').waitFor();
    await page.getByRole('button', { name: 'Create feed link' }).click();
    await page.locator('#feed-list > li[data-feed-id]').first().waitFor();
    for (const summary of await page.locator('details.setup summary').all()) await summary.click();

    await page.screenshot({ path: path.join(screenshotDir, `app-${width}.png`), fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshotDir, `app-${width}-first-screen.png`) });
    assert.deepEqual(await layoutProblems(page), []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}
