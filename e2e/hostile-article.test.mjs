// Issue 2: a hostile article renders its text and executes nothing — checked without the CSP,
// so the sanitiser alone is what keeps the payloads inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openPage } from './support/harness.mjs';
import { ViewerPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

test('the hostile article shows its text and runs none of its payloads', async () => {
  const { page, context, problems } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/hostile.json', '/nocsp');
  assert.equal(await viewer.settled(), 'article');

  // The text is there, markup in text fields shown as text.
  assert.match(await viewer.text('av-title'), /<script>window.__pwned='title'<\/script>/);
  const body = await viewer.text('av-body');
  assert.match(body, /Đoạn an toàn thứ nhất\./);
  assert.match(body, /Đoạn có trình xử lý sự kiện\./);
  assert.match(body, /Đoạn an toàn cuối cùng/);
  assert.match(body, /Liên kết javascript/);

  // Nothing dangerous reached the DOM.
  const found = await viewer.testid('av-article').evaluate((article) => {
    // The viewer's own toolbar is not article content.
    const content = (sel) => [...article.querySelectorAll(sel)].filter((el) => !el.closest('[data-testid="av-toolbar"]'));
    const bad = content('script,style,iframe,svg,math,object,embed,form,input,button,template,noscript,meta,base,link');
    const attrs = [];
    for (const el of content('*')) {
      for (const a of el.attributes) {
        if (a.name.startsWith('on') || a.name === 'style' || a.name === 'srcdoc' || a.name === 'ping' || a.name === 'target') attrs.push(`${el.localName}[${a.name}]`);
        if (/^\s*(javascript|data|vbscript):/i.test(a.value)) attrs.push(`${el.localName}[${a.name}=${a.value}]`);
      }
    }
    return { elements: [...bad].map((e) => e.localName), attrs };
  });
  assert.deepEqual(found, { elements: [], attrs: [] });

  // Interact with everything a reader could: hover and click every element (links without href only).
  const targets = await page.locator('[data-testid="av-article"] :is(header > :not([data-testid="av-toolbar"]), p, [data-testid="av-body"] *):not(a[href])').all();
  for (const el of targets.slice(0, 200)) {
    await el.dispatchEvent('mouseover').catch(() => {});
    await el.dispatchEvent('click').catch(() => {});
  }
  await page.waitForTimeout(300);

  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload set its flag');
  assert.deepEqual(problems.dialogs, []);
  const badRequests = problems.requests.filter((u) => /^(javascript|data|vbscript):/i.test(u) || u.includes('evil.example'));
  assert.deepEqual(badRequests, []);
  // The external link is marked and its target/ping dropped.
  const external = page.locator('a[href="https://evil.example/"]');
  assert.equal(await external.getAttribute('rel'), 'noopener noreferrer');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
