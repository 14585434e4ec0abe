// Issue 2: axe-core finds no WCAG 2.2 A/AA violations in the article, the English article and the
// error panel; the page does not scroll sideways at 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, axe, openPage } from './support/harness.mjs';
import { ViewerPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

for (const [name, query] of [
  ['seed article', ''],
  ['English article', 'src=samples/harbour-library-2024-03-02.json'],
  ['error panel', `src=${encodeURIComponent('/fault/status?code=500')}`],
]) {
  test(`axe-core reports no violations: ${name}`, async () => {
    const { page, context } = await openPage(browser, { bypassCSP: true });
    const viewer = new ViewerPage(page, server.url);
    await viewer.open(query);
    await viewer.settled();
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}

test('no sideways scrolling at 320 px', async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 320, height: 640 } });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/harbour-library-2024-03-02.json');
  await viewer.settled();
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.doc <= widths.view, `document ${widths.doc}px wider than viewport ${widths.view}px`);
  await context.close();
});
