// Issue 10: a portal's articles as they are. `?src=` pointed at a WordPress post, a JSON Feed, an
// HTML page with JSON-LD and a plain HTML article page renders title, time, author, image and body
// with no other setting; the converter (a lazy part) loads only for them; a video player loads
// nothing from its host until the reader asks; the strict CSP holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, cspViolations, openPage } from './support/harness.mjs';
import { ViewerPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const CASES = [
  ['wordpress-post.json', /Summer ferry timetable: more crossings – and a night boat/],
  ['jsonfeed.json', /Market square reopens after six months of works/],
  ['article-jsonld.html', /Khánh thành cầu Cửa Khẩu nối hai bờ sông/],
  ['article-plain.html', /The lighthouse keeper's last winter/],
];

for (const [file, title] of CASES) {
  test(`?src= pointed at ${file} shows its title, time, author, image and body`, async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
    const viewer = new ViewerPage(page, server.url);
    await viewer.open(`src=samples/${file}`);
    assert.equal(await viewer.settled(), 'article', await page.content());
    assert.match(await viewer.text('av-title'), title);
    assert.ok((await viewer.text('av-published')).length >= 10, 'a time');
    assert.ok((await viewer.text('av-byline')).length > 0, 'an author');
    const images = page.locator('[data-testid="av-hero"] img, [data-testid="av-body"] img');
    assert.ok((await images.count()) >= 1, 'an image');
    const words = (await viewer.text('av-body')).split(/\s+/).length;
    assert.ok(words > 30, `a body (${words} words)`);
    assert.ok(problems.requests.some((u) => /\/formats-[0-9a-f]+\.wasm$/.test(u)), 'the converter was loaded');
    // Issue 22: every picture is served from the samples folder and shows (no grey box), under the
    // page's strict CSP; none is shown twice (hero and body).
    for (const img of await images.all()) {
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((e) => e.complete, await img.elementHandle());
      const [src, width] = await img.evaluate((e) => [e.currentSrc, e.naturalWidth]);
      assert.ok(src.startsWith(`${server.url}/samples/images/`), src);
      assert.ok(width > 0, `${src} loaded`);
    }
    const srcs = await images.evaluateAll((list) => list.map((e) => e.currentSrc));
    assert.equal(new Set(srcs).size, srcs.length, `no picture twice: ${srcs}`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems.cspViolations, []);
    // A WordPress lead is shown without the excerpt's "…" / "[…]".
    assert.doesNotMatch(await viewer.text('av-lead'), /(…|\[…\]|\.\.\.)\s*$/);
    assert.deepEqual(problems.pageErrors, []);
    await context.close();
  });
}

// Issue 20: WordPress in the portal's own time and language; a page whose JSON-LD has no date.
test('a WordPress post whose date differs from date_gmt shows the local time in Vietnamese', async () => {
  const { page, context, problems } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/wordpress-post-vi.json');
  assert.equal(await viewer.settled(), 'article', await page.content());
  assert.match(await viewer.text('av-title'), /Khởi công nhà văn hóa tổ dân phố 3/);
  // `date` 09:15 (the town's time), `date_gmt` 02:15: shown as the portal's readers expect.
  assert.equal(await viewer.text('av-published'), '09:15 12/03/2024');
  assert.equal(await viewer.testid('av-published').getAttribute('datetime'), '2024-03-12T09:15:00+07:00');
  // The post names no language: the text's own, and the interface follows it.
  assert.equal(await viewer.testid('av-article').getAttribute('lang'), 'vi');
  assert.equal(await viewer.text('av-print'), 'In');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('an HTML page whose JSON-LD has no date shows its body, without a time', async () => {
  const { page, context, problems } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/article-undated.html');
  assert.equal(await viewer.settled(), 'article', await page.content());
  assert.match(await viewer.text('av-title'), /Night buses return to the coast road/);
  assert.match(await viewer.text('av-body'), /two night buses an hour[\s\S]*Bikes\s+can be taken on board/);
  assert.equal(await viewer.testid('av-published').count(), 0, 'no empty time');
  assert.doesNotMatch(await viewer.text('av-body'), /Most read|All rights reserved/);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('the converter is not loaded for the project\'s own format', async () => {
  const { page, context, problems } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  assert.equal(await viewer.settled(), 'article');
  assert.equal(problems.requests.filter((u) => /\/formats-[0-9a-f]+/.test(u)).length, 0);
  await context.close();
});

test('a video card loads nothing from the player\'s host until the reader asks', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
  // The machine has no way out; answer the player's host here, so a request is seen, not lost.
  const player = [];
  await page.route(/youtube(-nocookie)?\.com/, (route) => {
    player.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' });
  });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/wordpress-post.json');
  assert.equal(await viewer.settled(), 'article');
  const card = page.getByTestId('av-embed').first();
  await card.scrollIntoViewIfNeeded();
  assert.equal(await card.locator('iframe').count(), 0, 'no player before the click');
  assert.deepEqual(player, [], 'nothing asked from the player\'s host');
  assert.equal(problems.requests.filter((u) => /youtube/.test(u)).length, 0);
  await card.getByTestId('av-embed-play').click();
  const frame = card.locator('iframe');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-presentation');
  assert.match(await frame.getAttribute('src'), /^https:\/\/www\.youtube(-nocookie)?\.com\/embed\//);
  assert.ok(await frame.getAttribute('referrerpolicy'));
  await context.close();
});

test('a forced format that does not fit is explained, with Retry', async () => {
  const { page, context } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/wordpress-post.json&format=article');
  assert.equal(await viewer.settled(), 'error');
  assert.equal(await viewer.errorKind(), 'invalid');
  await page.getByTestId('av-retry').waitFor();
  await context.close();
});
