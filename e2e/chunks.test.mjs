// Issue 18: the viewer is one app split into lazy chunks. Each chunk is fetched only when its part
// is first used — Display opened, Listen pressed, the comments section near, another input format —
// exactly once, and its part then shows; the page keeps one linear memory (bench/size.mjs checks
// the files) and no console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openPage } from './support/harness.mjs';
import { ViewerPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const CHUNK = {
  display: /\/display-[0-9a-f]+\.wasm$/,
  listen: /\/listen-[0-9a-f]+\.wasm$/,
  comments: /\/comments-[0-9a-f]+\.wasm$/,
  formats: /\/formats-[0-9a-f]+\.wasm$/,
};
const asked = (problems, name) => problems.requests.filter((u) => CHUNK[name].test(u)).length;

test('Display, Listen and the comments load their chunks when first used, once each, and mount', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 700 } });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  assert.equal(await viewer.settled(), 'article');
  for (const name of ['display', 'listen', 'comments', 'formats']) assert.equal(asked(problems, name), 0, `${name} not asked for yet`);

  await page.getByTestId('av-display-toggle').click();
  await page.getByTestId('av-display-panel').locator('.av-display__set').first().waitFor();
  await page.getByTestId('av-display-toggle').click();
  await page.getByTestId('av-display-toggle').click();
  await page.getByTestId('av-display-panel').locator('.av-display__set').first().waitFor();
  assert.equal(asked(problems, 'display'), 1, 'the display chunk, once');

  await page.getByRole('button', { name: /^Nghe$/ }).first().click();
  await page.getByTestId('av-listen').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('av-listen-toggle').getAttribute('aria-expanded'), 'true');
  assert.equal(asked(problems, 'listen'), 1, 'the listen chunk, once');

  await page.getByTestId('av-comments').scrollIntoViewIfNeeded();
  await page.getByTestId('av-comments').getByTestId('av-c-text').waitFor();
  assert.equal(await page.getByTestId('av-comments').getAttribute('data-state'), 'ready');
  assert.equal(asked(problems, 'comments'), 1, 'the comments chunk, once');
  assert.equal(asked(problems, 'formats'), 0, 'the converter is not needed for the project\'s own format');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a WordPress post loads the converter chunk, once, and shows the article', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 700 } });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/wordpress-post.json');
  assert.equal(await viewer.settled(), 'article');
  assert.match(await viewer.text('av-title'), /Summer ferry timetable/);
  assert.equal(asked(problems, 'formats'), 1, 'the converter, once');
  assert.equal(asked(problems, 'display'), 0);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
