// Issue 19, "a site, not a single page": the server's list of articles (`/articles/`, newest first,
// paged, with its metadata) and moving between it and the articles without reloading the page, as a
// screen-reader user expects: Back and Forward work, the tab title follows, the focus goes to the
// new page's heading and the change is announced, and the list comes back where it was left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, openPage, axe, root } from './support/harness.mjs';
import { startCommentsServer } from './support/comments-server.mjs';

let browser, server;
suite(
  (b, s) => {
    browser = b;
    server = s;
  },
  () => startCommentsServer(),
);

const SEED = JSON.parse(readFileSync(join(root, 'samples', 'ky-anh-2022-04-15.json'), 'utf8'));
const HARBOUR = JSON.parse(readFileSync(join(root, 'samples', 'harbour-library-2024-03-02.json'), 'utf8'));
const list = () => `${server.url}/articles/`;
/** The element that has the focus: its tag and text. */
const focused = (p) => p.evaluate(() => ({ tag: document.activeElement?.localName, text: document.activeElement?.textContent.trim() }));

test('with JavaScript off the list shows the articles newest first, with their metadata', async () => {
  const { page: p, context, problems } = await openPage(browser, { javaScriptEnabled: false });
  await p.goto(list());
  assert.equal(await p.locator('h1').innerText(), 'Bài viết');
  const titles = await p.locator('.av-card__title').allInnerTexts();
  // The 2024 article before the 2022 one.
  assert.ok(titles.indexOf(HARBOUR.title) >= 0 && titles.indexOf(HARBOUR.title) < titles.indexOf(SEED.title), titles.join(' | '));
  const seed = p.locator('.av-card', { hasText: SEED.title });
  assert.equal(await seed.locator('time').innerText(), '17:09 18/04/2022');
  assert.equal(await seed.locator('.av-card__lead').innerText(), SEED.lead);
  assert.equal(await seed.locator('a').getAttribute('href'), `${server.url}/articles/ky-anh-2022-04-15`);
  assert.equal(await p.title(), 'Bài viết');
  assert.equal(await p.locator('link[rel="canonical"]').getAttribute('href'), list());
  assert.equal(await p.locator('meta[property="og:type"]').getAttribute('content'), 'website');
  const ld = JSON.parse(await p.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld['@type'], 'CollectionPage');
  assert.ok(ld.mainEntity.itemListElement.some((i) => i.name === SEED.title && i.url === `${server.url}/articles/ky-anh-2022-04-15`));
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('from the list a reader opens an article and comes back with Back, with no reload', async () => {
  const { page: p, context, problems } = await openPage(browser);
  await p.goto(list());
  // The site takes the list over (the served copy goes).
  await p.getByTestId('av-site').locator('[data-testid="av-list"]').waitFor();
  await p.waitForFunction(() => !document.querySelector('[data-ssr]'));
  assert.equal(await p.locator('[data-testid="av-list"]').count(), 1);
  await p.evaluate(() => (window.__sameDocument = true));
  const navigations = [];
  p.on('framenavigated', (f) => f === p.mainFrame() && navigations.push(f.url()));

  await p.locator('.av-card__link', { hasText: SEED.title }).click();
  await p.waitForURL(`${server.url}/articles/ky-anh-2022-04-15`);
  await p.getByTestId('av-title').waitFor();
  await p.waitForFunction((t) => document.activeElement?.textContent.trim() === t, SEED.title);
  assert.deepEqual(await focused(p), { tag: 'h1', text: SEED.title });
  assert.match(await p.title(), new RegExp(`^${SEED.title}`));
  await p.waitForFunction((t) => document.querySelector('[data-testid="av-site-status"]')?.textContent.includes(t), SEED.title);
  assert.ok((await p.getByTestId('av-body').innerText()).trim().length > 1000);
  assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no reload');

  await p.goBack();
  await p.waitForURL(list());
  await p.waitForFunction(() => document.activeElement?.id === 'av-list-title');
  assert.equal(await p.title(), 'Bài viết');
  assert.equal(await p.locator('[data-testid="av-list"]').count(), 1);
  assert.equal(await p.locator('.av-article').count(), 0);
  assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no reload on Back');

  await p.goForward();
  await p.waitForURL(`${server.url}/articles/ky-anh-2022-04-15`);
  await p.waitForFunction((t) => document.activeElement?.textContent.trim() === t, SEED.title);
  assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no reload on Forward');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors ?? [], []);
  await context.close();
});

test('Back returns to where the list was left; a deep link is the server page', async () => {
  const { page: p, context } = await openPage(browser, { viewport: { width: 360, height: 500 } });
  await p.goto(list());
  await p.waitForFunction(() => !document.querySelector('[data-ssr]'));
  const link = p.locator('.av-card__link', { hasText: SEED.title });
  await link.scrollIntoViewIfNeeded();
  const y = await p.evaluate(() => scrollY);
  assert.ok(y > 0, 'the list scrolled');
  await link.click();
  await p.getByTestId('av-title').waitFor();
  await p.goBack();
  await p.waitForFunction(() => document.activeElement?.id === 'av-list-title');
  await p.waitForFunction((y) => Math.abs(scrollY - y) < 2, y);
  // A deep link (a reload of the article's address) is the server's page of the article.
  await p.goForward();
  await p.getByTestId('av-title').waitFor();
  await p.reload();
  assert.equal(await p.getByTestId('av-title').innerText(), SEED.title);
  assert.deepEqual(await axe(p), [], 'axe on the article');
  await context.close();
});

test('the list page passes axe, and a page past the end is a 404', async () => {
  const { page: p, context } = await openPage(browser);
  await p.goto(list());
  await p.waitForFunction(() => !document.querySelector('[data-ssr]'));
  assert.deepEqual(await axe(p), [], 'axe on the list');
  await context.close();
  assert.equal((await fetch(`${server.url}/articles/page/99`)).status, 404);
  assert.equal((await fetch(`${server.url}/articles/page/x`)).status, 404);
  const moved = await fetch(`${server.url}/articles`, { redirect: 'manual' });
  assert.equal(moved.status, 308);
});
