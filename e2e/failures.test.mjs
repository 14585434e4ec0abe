// Issue 2: every way loading can fail gives its own plain sentence and a Retry that works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openPage } from './support/harness.mjs';
import { ViewerPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const cases = [
  { name: 'network failure', src: '/fault/reset', kind: 'network', message: /Không kết nối được tới máy chủ/ },
  { name: 'timeout', src: '/fault/slow?ms=8000', extra: '&timeout=1000', kind: 'timeout', message: /phản hồi quá lâu/ },
  { name: 'HTTP 404', src: '/fault/status?code=404', kind: 'not-found', message: /Không tìm thấy bài viết/ },
  { name: 'HTTP 403', src: '/fault/status?code=403', kind: 'http-client', message: /từ chối/ },
  { name: 'HTTP 500', src: '/fault/status?code=500', kind: 'http-server', message: /đang gặp sự cố/ },
  { name: 'a body that is not JSON', src: '/fault/text', kind: 'not-json', message: /không phải JSON/ },
  // An HTML page is read as an article page (issue 10); a login page holds no article.
  { name: 'an HTML page with no article in it', src: '/fault/html', kind: 'invalid', message: /không hợp lệ/ },
  { name: 'an invalid article', src: '/fault/invalid', kind: 'invalid', message: /không hợp lệ/, detail: /title/ },
];

for (const c of cases) {
  test(`${c.name} shows its own sentence and Retry asks again`, async () => {
    const { page, context, problems } = await openPage(browser);
    const viewer = new ViewerPage(page, server.url);
    await viewer.open(`src=${encodeURIComponent(c.src)}${c.extra ?? ''}`);
    assert.equal(await viewer.settled(), 'error');
    assert.equal(await viewer.errorKind(), c.kind);
    assert.match(await viewer.text('av-error-message'), c.message);
    if (c.detail) assert.match(await viewer.text('av-error'), c.detail);
    assert.equal(await page.getByRole('alert').count(), 1);
    // Retry fetches again: the error panel goes away (loading) and comes back for a lasting fault.
    const requests = () => problems.requests.filter((u) => u.includes('/fault/')).length;
    const before = requests();
    await viewer.retry();
    await page.waitForFunction(() => true);
    assert.equal(await viewer.settled(), 'error');
    await page.waitForTimeout(50);
    assert.ok(requests() > before, 'retry sent a new request');
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
    await context.close();
  });
}

test('Retry shows the article once the server recovers', async () => {
  const { page, context, problems } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open(`src=${encodeURIComponent(`/fault/fail-once?key=${Date.now()}`)}`);
  assert.equal(await viewer.settled(), 'error');
  assert.equal(await viewer.errorKind(), 'http-server');
  await viewer.retry();
  await viewer.testid('av-article').waitFor();
  assert.equal(await viewer.text('av-published'), '17:09 18/04/2022');
  assert.equal(await viewer.testid('av-error').count(), 0);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('English interface words with lang=en', async () => {
  const { page, context } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open(`src=${encodeURIComponent('/fault/status?code=500')}&lang=en`);
  assert.equal(await viewer.settled(), 'error');
  assert.match(await viewer.text('av-error-message'), /The server has a problem/);
  assert.equal(await viewer.text('av-retry'), 'Try again');
  await context.close();
});
