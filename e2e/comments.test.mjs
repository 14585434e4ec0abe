// Issue 4: the comments widget against the real reference server: post, moderation, replies,
// exact text, nothing lost when the server is down, one comment per post, rate limits, axe.
// Issue 21: "more replies" past the server's cap, and the editorial office's badge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, axe, openPage } from './support/harness.mjs';
import { startCommentsServer } from './support/comments-server.mjs';
import { CommentsPage } from './pages/viewer-page.mjs';
import { postComment } from './pages/moderation-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
}, startCommentsServer);

async function open(url = server.url, options = {}) {
  const opened = await openPage(browser, { viewport: { width: 900, height: 700 }, ...options });
  await opened.page.goto(`${url}/`);
  await opened.page.getByTestId('av-article').waitFor();
  const comments = new CommentsPage(opened.page, opened.page.getByTestId('av-viewer'));
  await comments.scrollTo();
  // The list has answered (its count is in the heading): nothing above the form moves any more
  // while a test types and clicks.
  await comments.section.getByTestId('av-comments-title').getByText(/\(\d+\)/).waitFor();
  return { ...opened, comments };
}

test('comments load only when the section nears the viewport', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 900, height: 500 } });
  await page.goto(`${server.url}/`);
  await page.getByTestId('av-article').waitFor();
  await page.waitForTimeout(500);
  const api = () => problems.requests.filter((u) => u.includes('/api/articles/'));
  assert.deepEqual(api(), [], 'no comments request before scrolling');
  await page.getByTestId('av-comments').scrollIntoViewIfNeeded();
  await page.getByTestId('av-comments-title').getByText(/\(\d+\)/).waitFor();
  assert.equal(api().length, 1);
  await context.close();
});

test('a post awaits moderation, and shows after approval and a reload', async () => {
  const { page, context, comments, problems } = await open();
  await comments.fill({ text: 'Bài viết rất hữu ích.\nCảm ơn Thị ủy!' });
  await comments.submit();
  await comments.status('av-c-pending').waitFor();
  assert.equal(await comments.section.getByTestId('av-c-text').inputValue(), '', 'the form is cleared');
  assert.equal(await comments.section.getByTestId('av-c-name').inputValue(), 'Nguyễn Văn An', 'the name stays');
  await server.approveAll();
  await page.reload();
  await comments.scrollTo();
  await comments.comments().first().waitFor();
  const first = comments.comments().first();
  assert.equal(await first.getByTestId('av-comment-text').innerText(), 'Bài viết rất hữu ích.\nCảm ơn Thị ủy!');
  assert.match(await comments.title(), /^Ý kiến bạn đọc \(\d+\)$/);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('a reply shows under its parent', async () => {
  const { page, context, comments } = await open();
  await comments.comments().first().waitFor();
  const parent = comments.comments().first();
  const parentId = await parent.getAttribute('data-comment-id');
  await parent.getByTestId('av-reply').click();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'av-c-text', 'focus moves to the text');
  assert.match(await comments.section.getByTestId('av-replying').innerText(), /Đang trả lời Nguyễn Văn An/);
  await comments.fill({ name: 'Lê Cường', email: 'cuong@example.vn', text: 'Đồng ý với bạn.' });
  await comments.submit();
  await comments.status('av-c-pending').waitFor();
  await server.approveAll();
  await page.reload();
  await comments.scrollTo();
  const thread = comments.section.locator(`[data-comment-id="${parentId}"]`);
  await thread.locator('.av-comments__replies [data-testid="av-comment"]').first().waitFor();
  assert.equal(await thread.locator('.av-comments__replies [data-testid="av-comment-text"]').first().innerText(), 'Đồng ý với bạn.');
  await context.close();
});

test('markup, SQL-like text and 2,000 emoji come back exactly as typed and inert', async () => {
  const texts = [
    `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> <b>đậm</b>`,
    `'); DROP TABLE comments; -- " OR 1=1 /* Robert'); */`,
    '😀'.repeat(2000),
  ];
  const { page, context, comments, problems } = await open();
  for (const text of texts) {
    await comments.fill({ text });
    await comments.submit();
    await comments.status('av-c-pending').waitFor();
  }
  await server.approveAll();
  await page.reload();
  await comments.scrollTo();
  await comments.comments().first().waitFor();
  const shown = await comments.section.getByTestId('av-comment-text').allInnerTexts();
  for (const text of texts) assert.ok(shown.includes(text), `not shown exactly: ${text.slice(0, 40)}`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await comments.section.locator('.av-comment__text script, .av-comment__text img, .av-comment__text b').count(), 0);
  assert.deepEqual(problems.dialogs, []);
  await context.close();
});

test('with the server stopped the draft is kept, and Retry sends it once it is back', async () => {
  let local = await startCommentsServer();
  const { page, context, comments } = await open(local.url);
  await comments.fill({ text: 'Ý kiến gửi khi máy chủ tắt.' });
  await local.stop();
  await comments.submit();
  const error = comments.status('av-c-error');
  await error.waitFor();
  assert.match(await error.innerText(), /vẫn được giữ lại/);
  assert.equal(await comments.section.getByTestId('av-c-text').inputValue(), 'Ý kiến gửi khi máy chủ tắt.');
  // The draft survives a reload, too.
  const stored = await page.evaluate(() => localStorage.getItem('article-viewer:draft:ky-anh-2022-04-15'));
  assert.match(stored, /máy chủ tắt/);
  local = await local.restart();
  await comments.section.getByTestId('av-c-retry').click();
  await comments.status('av-c-pending').waitFor();
  const pending = await local.pending();
  assert.equal(pending.filter((c) => c.text === 'Ý kiến gửi khi máy chủ tắt.').length, 1);
  await context.close();
  await local.stop();
});

test('a double click and a retry after a lost answer make one comment', async () => {
  const local = await startCommentsServer();
  const { page, context, comments } = await open(local.url);
  await comments.fill({ text: 'Chỉ một lần.' });
  await comments.section.getByTestId('av-c-submit').dblclick();
  await comments.status('av-c-pending').waitFor();
  // A lost answer: the server stores the comment but the reader sees a failure and retries.
  await comments.fill({ text: 'Câu trả lời bị mất.' });
  await page.route('**/api/articles/*/comments', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await route.fetch(); // the server gets it...
    await route.abort('connectionreset'); // ...the reader does not hear back
  });
  await comments.submit();
  await comments.status('av-c-error').waitFor();
  await page.unroute('**/api/articles/*/comments');
  await comments.section.getByTestId('av-c-retry').click();
  await comments.status('av-c-pending').waitFor();
  const texts = (await local.pending()).map((c) => c.text);
  assert.deepEqual(texts.filter((t) => t === 'Chỉ một lần.'), ['Chỉ một lần.']);
  assert.deepEqual(texts.filter((t) => t === 'Câu trả lời bị mất.'), ['Câu trả lời bị mất.']);
  await context.close();
  await local.stop();
});

test('429 with Retry-After: a plain message, a countdown on Retry, the form still filled', async () => {
  const local = await startCommentsServer({ AV_RATE_LIMIT: '1/60' });
  const { context, comments } = await open(local.url);
  await comments.fill({ text: 'Ý kiến thứ nhất.' });
  await comments.submit();
  await comments.status('av-c-pending').waitFor();
  await comments.fill({ text: 'Ý kiến thứ hai.' });
  await comments.submit();
  const error = comments.status('av-c-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-error-kind'), 'rate-limited');
  assert.match(await error.innerText(), /thử lại sau \d+ giây/i);
  assert.equal(await comments.section.getByTestId('av-c-retry').getAttribute('aria-disabled'), 'true');
  assert.equal(await comments.section.getByTestId('av-c-text').inputValue(), 'Ý kiến thứ hai.');
  await context.close();
  await local.stop();
});

test('errors sit next to their fields and axe-core finds no violation with the form open', async () => {
  const { page, context, comments } = await open(server.url, { bypassCSP: true });
  await comments.section.getByTestId('av-c-text').fill('x'.repeat(2001));
  await comments.submit();
  const name = comments.section.getByTestId('av-c-name');
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  const describedBy = await name.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${describedBy}`).innerText(), /họ và tên/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'av-c-name', 'focus on the first error');
  assert.match(await comments.section.getByTestId('av-c-text-error').innerText(), /2000/);
  assert.match(await comments.section.getByTestId('av-c-counter').innerText(), /Vượt quá 1 ký tự/);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('the count, sort switch and load more page through the comments', async () => {
  const local = await startCommentsServer();
  for (let i = 1; i <= 25; i++) {
    const r = await fetch(`${local.url}/api/articles/ky-anh-2022-04-15/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ author_name: `Bạn đọc ${i}`, author_email: `b${i}@example.vn`, text: `Ý kiến số ${i}`, idempotency_key: `seed-key-${i}-xxxx`, website: '', elapsed_ms: 5000 }),
    });
    assert.equal(r.status, 201);
  }
  await local.approveAll();
  const { context, comments } = await open(local.url);
  await comments.section.getByTestId('av-load-more').waitFor();
  assert.equal(await comments.title(), 'Ý kiến bạn đọc (25)');
  assert.equal(await comments.comments().count(), 20);
  assert.equal(await comments.comments().first().getByTestId('av-comment-text').innerText(), 'Ý kiến số 25');
  await comments.section.getByTestId('av-load-more').click();
  await comments.comments().nth(24).waitFor();
  assert.equal(await comments.section.getByTestId('av-load-more').count(), 0);
  await comments.section.getByTestId('av-sort-oldest').click();
  await comments.comments().first().getByText('Ý kiến số 1', { exact: true }).waitFor();
  assert.equal(await comments.section.getByTestId('av-sort-oldest').getAttribute('aria-pressed'), 'true');
  await context.close();
  await local.stop();
});

// Issue 22, item 7.
test('a list that cannot be loaded says so (not "could not send"), and Retry loads it', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 900, height: 700 } });
  let refuse = true;
  await page.route('**/api/articles/*/comments?*', (route) =>
    refuse && route.request().method() === 'GET' ? route.abort('connectionrefused') : route.continue(),
  );
  await page.goto(`${server.url}/`);
  await page.getByTestId('av-article').waitFor();
  const comments = new CommentsPage(page, page.getByTestId('av-viewer'));
  await comments.scrollTo();
  const error = comments.section.getByTestId('av-comments-error');
  await error.waitFor();
  const said = await error.innerText();
  assert.match(said, /Không tải được ý kiến bạn đọc/);
  assert.doesNotMatch(said, /gửi|giữ lại/, 'nothing was sent, nothing typed is at stake');
  assert.deepEqual(await axe(page, '[data-testid=av-comments]'), []);
  refuse = false;
  await comments.section.getByTestId('av-comments-retry').click();
  await comments.section.getByTestId('av-comments-title').getByText(/\(\d+\)/).waitFor();
  assert.equal(await error.count(), 0);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("the reader's own comment waiting for moderation shows in place, marked, in this browser only", async () => {
  const text = `Ý kiến của tôi đang chờ duyệt ${Date.now()}.`;
  const { page, context, comments, problems } = await open();
  await comments.fill({ name: 'Trần Thị Mai', text });
  await comments.submit();
  await comments.status('av-c-pending').waitFor();
  const mine = comments.section.getByTestId('av-comment-waiting').filter({ hasText: text });
  await mine.waitFor();
  assert.match(await mine.innerText(), /Trần Thị Mai[\s\S]*Đang chờ duyệt: chỉ bạn thấy ý kiến này/);
  // In place: at the top of the list (newest first), never under "no comments yet".
  const first = comments.section.locator('.av-comments__list > li').first();
  assert.equal(await first.getAttribute('data-testid'), 'av-comment-waiting');
  assert.equal(await comments.section.getByTestId('av-comments-empty').count(), 0);
  assert.deepEqual(await axe(page, '[data-testid=av-comments]'), []);
  // Kept in this browser: still there after a reload.
  await page.reload();
  await comments.scrollTo();
  await mine.waitFor();
  // Another browser does not see it.
  const other = await open();
  assert.equal(await other.comments.section.getByTestId('av-comment-waiting').filter({ hasText: text }).count(), 0);
  await other.context.close();
  // Once published, it shows as any other comment, and is no longer kept.
  await server.approveAll();
  await page.reload();
  await comments.scrollTo();
  await comments.comments().filter({ hasText: text }).waitFor();
  assert.equal(await mine.count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('article-viewer:pending:ky-anh-2022-04-15')), null);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('a comment with more replies than the cap shows them all through "Xem thêm", with Retry after a failure', async () => {
  // The server gives at most 10 replies per comment in the list (replies_per_comment).
  const parent = await postComment(server.url, { text: 'Có ai đi đoạn đường này chưa?', name: 'Hồ Quang' });
  const replies = [];
  for (let i = 1; i <= 13; i += 1) {
    replies.push(await postComment(server.url, { text: `Trả lời số ${i}.`, name: `Bạn đọc ${i}`, parentId: parent.id }));
  }
  await server.approveAll();
  const { page, context, comments, problems } = await open();
  const thread = comments.section.locator(`.av-comments__list > [data-comment-id="${parent.id}"]`);
  const shown = thread.locator('.av-comment--reply');
  await shown.first().waitFor();
  assert.equal(await shown.count(), 10, 'the list stops at the cap');
  const more = thread.getByTestId('av-more-replies');
  assert.equal((await more.innerText()).trim(), 'Xem thêm 3 trả lời');
  assert.deepEqual(await axe(page, '[data-testid=av-comments]'), [], 'axe with the button');

  // The first try fails: a sentence with Retry, nothing lost, no error in the console.
  let fail = true;
  await page.route('**/replies?*', (route) => (fail ? route.abort('connectionrefused') : route.continue()));
  await more.click();
  const error = thread.getByTestId('av-replies-error');
  await error.getByText('Không tải được các trả lời.', { exact: false }).waitFor();
  assert.equal(await shown.count(), 10);
  assert.deepEqual(await axe(page, '[data-testid=av-comments]'), [], 'axe with the failure');
  fail = false;
  await thread.getByTestId('av-replies-retry').click();

  // The rest arrive once each, in order; the button goes; focus on the first new reply; announced.
  await shown.nth(12).waitFor();
  assert.equal(await shown.count(), 13);
  const texts = await shown.getByTestId('av-comment-text').allInnerTexts();
  assert.deepEqual(texts, replies.map((_, i) => `Trả lời số ${i + 1}.`));
  assert.equal(await more.count(), 0);
  assert.equal(await error.count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.commentId), String(replies[10].id));
  assert.equal((await comments.section.getByTestId('av-comments-live').innerText()).trim(), 'Đã hiện thêm 3 trả lời.');
  assert.ok(problems.requests.some((u) => u.includes(`/comments/${parent.id}/replies?after=`)), 'the cursor was followed');
  assert.deepEqual(await axe(page, '[data-testid=av-comments]'), [], 'axe after');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('an editor reply shows its badge to readers', async () => {
  const token = await server.addModerator('Phan Thảo');
  const asked = await postComment(server.url, { text: 'Bao giờ có lịch tiếp dân?', name: 'Đinh Lan' });
  // What the moderation page sends: approve the question and answer as the editorial office.
  const r = await fetch(`${server.url}/api/moderation/comments/${asked.id}/reply`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Lịch tiếp dân có trên cổng thông tin từ thứ Hai.', idempotency_key: 'e2e-editor-badge-1', approve: true }),
  });
  assert.equal(r.status, 201);
  const { page, context, comments, problems } = await open();
  const thread = comments.section.locator(`.av-comments__list > [data-comment-id="${asked.id}"]`);
  const answer = thread.locator('.av-comment--reply');
  await answer.waitFor();
  const badge = answer.getByTestId('av-editor-badge');
  assert.equal((await badge.innerText()).trim(), 'Ban biên tập trả lời');
  assert.equal((await answer.getByTestId('av-comment-author').innerText()).trim(), 'Ban biên tập');
  assert.equal(await answer.locator('bdi[data-testid=av-comment-author]').count(), 1, 'the name is isolated');
  // A reader's comment has no badge.
  assert.equal(await thread.locator(':scope > .av-comment__meta [data-testid=av-editor-badge]').count(), 0);
  assert.deepEqual(await axe(page, '[data-testid=av-comments]'), []);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
