// Issue 2: the seed article renders with its title, time, lead, caption and author, under the
// strict CSP with zero violations and no console errors; a screenshot is saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, artifacts, cspViolations, openPage } from './support/harness.mjs';
import { ViewerPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

test('the seed article shows its title, time, lead, caption and author', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1024, height: 900 } });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  assert.equal(await viewer.settled(), 'article');
  assert.equal(
    await viewer.text('av-title'),
    'Thường trực Thị ủy Kỳ Anh làm việc với Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội Thị xã',
  );
  assert.equal(await viewer.text('av-published'), '17:09 18/04/2022');
  assert.equal(await viewer.testid('av-published').getAttribute('datetime'), '2022-04-18T17:09:00+07:00');
  assert.match(await viewer.text('av-lead'), /^Chiều ngày 15\/4\/2022, Thường trực Thị ủy Kỳ Anh/);
  assert.equal(await viewer.text('av-caption'), 'Các đại biểu dự làm việc');
  assert.match(await viewer.text('av-byline'), /Đậu Thị Anh \(Văn phòng Thị ủy Kỳ Anh\)/);
  assert.equal(await page.locator('article[lang="vi"] h1').count(), 1);
  assert.equal(await viewer.testid('av-body').locator('p').count(), 3);
  // The lead is bold, as Vietnamese portals show the sapo.
  const weight = await viewer.testid('av-lead').evaluate((el) => getComputedStyle(el).fontWeight);
  assert.ok(Number(weight) >= 700, `lead font-weight ${weight}`);
  // The hero image loaded.
  const loaded = await page.locator('[data-testid="av-hero"] img').evaluate((img) => img.complete && img.naturalWidth > 0);
  assert.ok(loaded, 'hero image loaded');

  await page.screenshot({ path: join(artifacts, 'seed-article.png'), fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('an English article gets English interface words and an English date', async () => {
  const { page, context, problems } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/harbour-library-2024-03-02.json');
  assert.equal(await viewer.settled(), 'article');
  assert.equal(await viewer.text('av-title'), 'Harbour Library reopens after a year of repairs');
  assert.equal(await viewer.text('av-published'), '2 Mar 2024, 09:30 GMT');
  assert.match(await viewer.text('av-source'), /^Source: Harbour Town Gazette/);
  // Relative links resolve against the article's canonical URL; mailto survives.
  const hrefs = await viewer.testid('av-body').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, [
    'https://news.harbour-town.example/services/home-delivery.html',
    'mailto:library@harbour-town.example?subject=Question%20about%20opening%20hours',
  ]);
  assert.equal(await viewer.testid('av-body').locator('table th[scope="col"]').count(), 2);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('the long article renders every paragraph', async () => {
  const { page, context, problems } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/long-article.json');
  assert.equal(await viewer.settled(), 'article');
  assert.equal(await viewer.testid('av-body').locator('p').count(), 3000);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
