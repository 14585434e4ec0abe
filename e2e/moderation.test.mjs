// Issue 11, item 3: the moderation page at /moderation/ against the real reference server:
// sign-in (a wrong token refused), keyboard approval that readers then see, undo, bulk actions,
// the "N new" notice, both languages, axe, strict CSP and 300 % text.
// Issue 21: named moderators (each with their own token) and the moderation log that names them;
// the editorial office's reply, published at once with the editor role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, axe, openPage, cspViolations } from './support/harness.mjs';
import { startCommentsServer, TOKEN } from './support/comments-server.mjs';
import { ModerationPage, postComment } from './pages/moderation-page.mjs';
import { CommentsPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
}, startCommentsServer);

const TITLE = /^Thường trực Thị ủy Kỳ Anh làm việc/;

async function open(options = {}) {
  const opened = await openPage(browser, { viewport: { width: 1000, height: 800 }, locale: 'vi-VN', ...options });
  const mod = new ModerationPage(opened.page, server.url);
  await mod.open();
  return { ...opened, mod };
}

/** Fails on anything the page must never do. */
async function clean(page, problems) {
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(await cspViolations(page), []);
}

test('the page is served under the strict CSP and never loads the viewer bundle', async () => {
  const r = await fetch(`${server.url}/moderation/`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-security-policy'), /trusted-types 'none'/);
  const html = await r.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /article-viewer-/, 'no viewer file');
  const { page, context, problems } = await open();
  await page.getByTestId('avm-token').waitFor();
  assert.ok(!problems.requests.some((u) => /article-viewer-|\/embed\.js|viewer-[0-9a-f]+\.css/.test(u)), problems.requests.join('\n'));
  await clean(page, problems);
  await context.close();
});

test('a wrong token is refused with a clear sentence and is not kept', async () => {
  const { page, context, problems, mod } = await open();
  await mod.signIn('not-the-token');
  const error = mod.testid('avm-sign-in-error');
  await error.getByText('Mã kiểm duyệt không đúng. Hãy kiểm tra và nhập lại.').waitFor();
  assert.equal(await mod.testid('avm-token').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'av-mod-token', 'focus back on the token');
  assert.equal(await mod.items().count(), 0);
  assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0, 'nothing stored');
  // An empty token is refused before any request.
  await mod.testid('avm-token').fill('');
  await mod.testid('avm-sign-in').click();
  await error.getByText('Hãy nhập mã kiểm duyệt.').waitFor();
  assert.deepEqual(await axe(page), []);
  await clean(page, problems);
  await context.close();
});

test('a moderator approves a pending comment with the keyboard, and the reader sees it', async () => {
  const parent = await postComment(server.url, { text: 'Ý kiến gốc cần duyệt bằng bàn phím.', name: 'Trần Thị Bình' });
  await postComment(server.url, { text: 'Ý kiến thứ hai, vẫn chờ.', name: 'Lê Cường' });
  const { page, context, problems, mod } = await open();
  await mod.signIn(TOKEN);
  const first = mod.item('Ý kiến gốc cần duyệt bằng bàn phím.');
  await first.waitFor();
  assert.match(await first.getByTestId('avm-article').innerText(), TITLE);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('article-viewer:moderation:token')), TOKEN);
  assert.equal(await page.evaluate(() => localStorage.getItem('article-viewer:moderation:token')), null);
  const pendingBefore = await mod.count('pending');
  const publishedBefore = await mod.count('published');
  // Keyboard focus starts on the oldest comment; j/k move it.
  const ids = await mod.items().evaluateAll((els) => els.map((e) => e.dataset.commentId));
  assert.equal(await mod.focusedId(), ids[0]);
  assert.equal(ids[ids.length - 2], String(parent.id));
  for (let i = 0; i < ids.length; i++) await page.keyboard.press('j');
  assert.equal(await mod.focusedId(), ids[ids.length - 1], 'j stops on the last');
  await page.keyboard.press('k');
  assert.equal(await mod.focusedId(), String(parent.id));
  await page.keyboard.press('a');
  await mod.testid('avm-live').getByText('Đã duyệt ý kiến của Trần Thị Bình.').waitFor();
  await first.waitFor({ state: 'detached' });
  assert.equal(await mod.count('pending'), pendingBefore - 1);
  assert.equal(await mod.count('published'), publishedBefore + 1);
  assert.equal(await mod.focusedId(), ids[ids.length - 1], 'focus moves to the next comment');

  // The reader's page shows it.
  const reader = await context.newPage();
  await reader.goto(`${server.url}/`);
  await reader.getByTestId('av-article').waitFor();
  const comments = new CommentsPage(reader, reader.getByTestId('av-viewer'));
  await comments.scrollTo();
  await comments.section.getByTestId('av-comment-text').getByText('Ý kiến gốc cần duyệt bằng bàn phím.', { exact: true }).waitFor();
  await reader.close();
  await clean(page, problems);
  await context.close();
});

test('undo puts a decision back, and the selection is approved in bulk', async () => {
  await server.approveAll();
  const a = await postComment(server.url, { text: 'Bị từ chối rồi hoàn tác.' });
  await postComment(server.url, { text: 'Duyệt hàng loạt 1.' });
  await postComment(server.url, { text: 'Duyệt hàng loạt 2.' });
  const reply = await postComment(server.url, { text: 'Trả lời ý kiến đầu.', name: 'Lê Cường', parentId: a.id });
  const { page, context, problems, mod } = await open();
  await mod.signIn(TOKEN);
  await mod.item('Trả lời ý kiến đầu.').waitFor();
  // The reply names its parent.
  const parentBox = mod.item('Trả lời ý kiến đầu.').getByTestId('avm-parent');
  assert.match(await parentBox.innerText(), /Trả lời Nguyễn Văn An:[\s\S]*Bị từ chối rồi hoàn tác\./);
  assert.equal(await parentBox.getAttribute('data-parent-id'), String(a.id));

  assert.equal(await mod.focusedId(), String(a.id));
  const rejectedBefore = await mod.count('rejected');
  await page.keyboard.press('r');
  await mod.testid('avm-live').getByText('Đã từ chối ý kiến của Nguyễn Văn An.').waitFor();
  assert.equal(await mod.count('rejected'), rejectedBefore + 1);
  await page.keyboard.press('u');
  await mod.testid('avm-live').getByText('Đã hoàn tác: 1 ý kiến trở lại hàng chờ.').waitFor();
  await mod.item('Bị từ chối rồi hoàn tác.').waitFor();
  assert.equal(await mod.count('rejected'), rejectedBefore);
  assert.equal(await mod.focusedId(), String(a.id), 'focus returns to the restored comment');
  assert.ok((await server.pending()).some((c) => c.id === a.id), 'pending again on the server');
  // Ctrl+Z undoes too.
  await page.keyboard.press('a');
  await mod.testid('avm-live').getByText('Đã duyệt ý kiến của Nguyễn Văn An.').waitFor();
  await page.keyboard.press('Control+z');
  await mod.item('Bị từ chối rồi hoàn tác.').waitFor();

  // x selects the current comment; the checkboxes select others; approve selected.
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await mod.item('Duyệt hàng loạt 2.').getByTestId('avm-select').check();
  await mod.testid('avm-approve-selected').getByText('(2)').waitFor();
  await mod.testid('avm-approve-selected').click();
  await mod.testid('avm-live').getByText('Đã duyệt 2 ý kiến.').waitFor();
  assert.deepEqual(
    await mod.testid('avm-text').allInnerTexts(),
    ['Bị từ chối rồi hoàn tác.', 'Trả lời ý kiến đầu.'],
  );
  const pending = (await server.pending()).map((c) => c.text);
  assert.ok(!pending.includes('Duyệt hàng loạt 1.') && !pending.includes('Duyệt hàng loạt 2.'));
  assert.equal(reply.parent_id, a.id);
  await clean(page, problems);
  await context.close();
});

test('the token lives in this tab only: it survives a reload, not a new tab, and sign-out forgets it', async () => {
  await postComment(server.url, { text: 'Cho phiên đăng nhập.' });
  const { page, context, problems, mod } = await open();
  await mod.signIn(TOKEN);
  await mod.item('Cho phiên đăng nhập.').waitFor();
  await page.reload();
  await mod.item('Cho phiên đăng nhập.').waitFor();
  const other = new ModerationPage(await context.newPage(), server.url);
  await other.open();
  await other.testid('avm-token').waitFor();
  assert.equal(await other.items().count(), 0, 'a new tab asks again');
  await other.page.close();
  await mod.testid('avm-sign-out').click();
  await mod.testid('avm-token').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'av-mod-token');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('article-viewer:moderation:token')), null);
  await clean(page, problems);
  await context.close();
});

test('a failed action keeps the comment and says why; a token refused later signs out', async () => {
  let local = await startCommentsServer();
  await postComment(local.url, { text: 'Máy chủ sẽ tắt.' });
  const opened = await openPage(browser, { viewport: { width: 1000, height: 800 }, locale: 'vi-VN' });
  const { page, context } = opened;
  const mod = new ModerationPage(page, local.url);
  await mod.open();
  await mod.signIn(TOKEN);
  await mod.item('Máy chủ sẽ tắt.').waitFor();
  await local.stop();
  await page.keyboard.press('a');
  await mod.testid('avm-live').getByText(/^Chưa thực hiện được: Không kết nối được máy chủ/).waitFor();
  assert.equal(await mod.items().count(), 1, 'the comment stays');
  assert.equal(await mod.focusedId(), await mod.items().first().getAttribute('data-comment-id'));
  // The server comes back with another token: the next action signs the moderator out.
  local = await startCommentsServer({ AV_MODERATION_TOKEN: 'a-new-token-0123456789' }, { dir: local.dir, addr: local.url.replace('http://', '') });
  await page.keyboard.press('a');
  await mod.testid('avm-sign-in-error').getByText('Máy chủ không còn chấp nhận mã kiểm duyệt này. Hãy đăng nhập lại.').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  assert.equal((await local.pending().catch(() => null)), null, 'the old token no longer works on the server either');
  await clean(page, opened.problems);
  await context.close();
  await local.stop();
});

test('new comments are announced without moving the list, and shown on request', async () => {
  await server.approveAll();
  await postComment(server.url, { text: 'Đã có trước.' });
  const { page, context, problems, mod } = await open();
  await mod.signIn(TOKEN);
  await mod.item('Đã có trước.').waitFor();
  const top = await mod.testid('avm-list').evaluate((el) => el.getBoundingClientRect().top);
  await postComment(server.url, { text: 'Mới đến 1.' });
  await postComment(server.url, { text: 'Mới đến 2.' });
  // The page polls every 15 s while visible and at once when it becomes visible again.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await mod.testid('avm-new').getByText('2 ý kiến mới').waitFor();
  assert.equal(await mod.items().count(), 1, 'the list does not change by itself');
  assert.equal(await mod.testid('avm-list').evaluate((el) => el.getBoundingClientRect().top), top, 'no layout jump');
  assert.equal(await mod.count('pending'), 3, 'counts follow the server');
  await mod.testid('avm-show-new').click();
  await mod.item('Mới đến 2.').waitFor();
  assert.equal(await mod.items().count(), 3);
  assert.equal(await mod.testid('avm-new').innerText(), '');
  await clean(page, problems);
  await context.close();
});

/** Opens the page as a portal that serves it with `<html lang>` set to `lang` (`null`: none). */
async function openAsPortal(lang, locale) {
  const opened = await openPage(browser, { viewport: { width: 1000, height: 800 }, locale });
  await opened.page.route('**/moderation/', async (route) => {
    const res = await route.fetch();
    const headers = { ...res.headers() };
    delete headers['content-encoding'];
    delete headers['content-length'];
    const attr = lang ? ` lang="${lang}"` : '';
    await route.fulfill({ status: res.status(), headers, body: (await res.text()).replace('<html lang="vi">', `<html${attr}>`) });
  });
  const mod = new ModerationPage(opened.page, server.url);
  await mod.open();
  return { ...opened, mod };
}

test("the page opens in the portal's language, then the browser's", async () => {
  // As shipped (lang="vi"): Vietnamese even for an en-US browser.
  const vi = await open({ locale: 'en-US' });
  assert.equal(await vi.mod.testid('avm-sign-in').innerText(), 'Đăng nhập');
  assert.equal(await vi.page.evaluate(() => document.documentElement.lang), 'vi');
  await clean(vi.page, vi.problems);
  await vi.context.close();
  // An English portal: English for a Vietnamese browser.
  const en = await openAsPortal('en', 'vi-VN');
  assert.equal(await en.mod.testid('avm-sign-in').innerText(), 'Sign in');
  await en.context.close();
  // No language on the page: the browser's.
  const none = await openAsPortal(null, 'en-US');
  assert.equal(await none.mod.testid('avm-sign-in').innerText(), 'Sign in');
  assert.equal(await none.page.evaluate(() => document.documentElement.lang), 'en');
  await none.context.close();
});

test('English on an English portal, the switch changes language, and axe finds nothing', async () => {
  await postComment(server.url, { text: 'For the axe check.' });
  const { page, context, problems, mod } = await openAsPortal('en', 'en-US');
  assert.equal(await mod.testid('avm-sign-in').innerText(), 'Sign in');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(await axe(page), [], 'sign-in form');
  await mod.signIn(TOKEN);
  await mod.item('For the axe check.').waitFor();
  assert.equal(await mod.item('For the axe check.').getByTestId('avm-approve').getAttribute('aria-label'), 'Approve the comment by Nguyễn Văn An');
  await mod.item('For the axe check.').getByTestId('avm-select').check();
  assert.deepEqual(await axe(page), [], 'queue');
  await mod.testid('avm-lang-vi').click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
  assert.equal(await mod.testid('avm-lang-vi').getAttribute('aria-pressed'), 'true');
  await mod.testid('avm-count-pending').getByText('Chờ duyệt').waitFor();
  assert.deepEqual(await axe(page), [], 'queue in Vietnamese');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await axe(page), [], 'dark');
  await clean(page, problems);
  await context.close();
});

test('at 300 % text on a narrow screen nothing scrolls sideways, and focus stays visible', async () => {
  await postComment(server.url, { text: 'Mộtchuỗirấtdàikhôngcókhoảngtrắng'.repeat(8) });
  const { page, context, problems, mod } = await open({ viewport: { width: 360, height: 740 } });
  await page.evaluate(() => { document.documentElement.style.fontSize = '300%'; });
  await mod.signIn(TOKEN);
  await mod.items().first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `sideways scroll of ${overflow}px`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid', 'the focused comment shows a focus ring');
  await page.screenshot({ path: 'e2e/artifacts/moderation-300.png', fullPage: false });
  await clean(page, problems);
  await context.close();
});

test('two moderators sign in with their own tokens, and the log names who approved and who rejected', async () => {
  const lanToken = await server.addModerator('Trần Thị Lan');
  const minhToken = await server.addModerator('Lê Minh');
  const a = await postComment(server.url, { text: 'Ý kiến để chị Lan duyệt.', name: 'Phạm Thu' });
  const b = await postComment(server.url, { text: 'Ý kiến để anh Minh từ chối.', name: 'Đỗ Hải' });

  const lan = await open();
  await lan.mod.signIn(lanToken);
  await lan.mod.testid('avm-who').getByText('Đang đăng nhập: Trần Thị Lan').waitFor();
  await lan.mod.item('Ý kiến để chị Lan duyệt.').getByTestId('avm-approve').click();
  await lan.mod.testid('avm-live').getByText('Đã duyệt ý kiến của Phạm Thu.').waitFor();

  const minh = await open();
  await minh.mod.signIn(minhToken);
  await minh.mod.testid('avm-who').getByText('Đang đăng nhập: Lê Minh').waitFor();
  await minh.mod.item('Ý kiến để anh Minh từ chối.').getByTestId('avm-reject').click();
  await minh.mod.testid('avm-live').getByText('Đã từ chối ý kiến của Đỗ Hải.').waitFor();

  // Each page's log shows both decisions with their names (the other's after a reload).
  await lan.mod.testid('avm-log-reload').click();
  const approved = `Trần Thị Lan đã duyệt ý kiến #${a.id} của Phạm Thu (chờ duyệt → đã đăng).`;
  const rejected = `Lê Minh đã từ chối ý kiến #${b.id} của Đỗ Hải (chờ duyệt → đã từ chối).`;
  await lan.mod.testid('avm-log-text').getByText(rejected, { exact: true }).waitFor();
  const log = await lan.mod.log();
  assert.ok(log.indexOf(rejected) < log.indexOf(approved), log.join('\n'));
  await minh.mod.testid('avm-log-text').getByText(approved, { exact: true }).waitFor();
  // The server's own log agrees, and the reader sees only the approved one.
  const audit = await (await fetch(`${server.url}/api/moderation/audit`, { headers: { authorization: `Bearer ${lanToken}` } })).json();
  const mine = audit.items.filter((e) => e.comment_id === a.id || e.comment_id === b.id).map((e) => [e.moderator, e.action]);
  assert.deepEqual(mine, [['Lê Minh', 'reject'], ['Trần Thị Lan', 'approve']]);
  const list = await (await fetch(`${server.url}/api/articles/ky-anh-2022-04-15/comments?per_page=100`)).json();
  assert.ok(list.items.some((c) => c.id === a.id) && !list.items.some((c) => c.id === b.id));
  for (const who of [lan, minh]) {
    assert.deepEqual(await axe(who.page), []);
    await clean(who.page, who.problems);
    await who.context.close();
  }
});

test('an editor reply from the queue is published at once and the public API gives it the editor role', async () => {
  const token = await server.addModerator('Ngô Bảo');
  const asked = await postComment(server.url, { text: 'Khi nào đường được sửa?', name: 'Vũ Hà' });
  const { page, context, problems, mod } = await open();
  await mod.signIn(token);
  const item = mod.item('Khi nào đường được sửa?');
  await item.waitFor();
  // An empty reply is refused with a sentence; nothing is sent.
  await item.getByTestId('avm-reply').click();
  await item.getByTestId('avm-reply-send').click();
  await item.getByText('Hãy viết nội dung trả lời.').waitFor();
  assert.deepEqual(await axe(page), [], 'axe with the reply form open');
  // Letters typed into the reply are text, not shortcuts (a approves, r rejects, j moves).
  const answer = 'Ban biên tập trả lời: đường sẽ được sửa trong tháng này, xin cảm ơn bạn đọc.';
  await item.getByTestId('avm-reply-text').pressSequentially(answer);
  assert.equal(await item.getByTestId('avm-reply-text').inputValue(), answer);
  await item.getByTestId('avm-reply-send').click();
  await mod.testid('avm-live').getByText('Đã duyệt ý kiến của Vũ Hà và đăng trả lời của ban biên tập.').waitFor();
  await item.waitFor({ state: 'detached' });

  const list = await (await fetch(`${server.url}/api/articles/ky-anh-2022-04-15/comments?per_page=100`)).json();
  const at = list.items.findIndex((c) => c.id === asked.id);
  assert.ok(at >= 0, 'the question is published');
  const reply = list.items.find((c) => c.parent_id === asked.id);
  assert.equal(reply.text, answer);
  assert.deepEqual(reply.author, { name: 'Ban biên tập', role: 'editor' });
  assert.equal(reply.author_name, 'Ban biên tập');
  assert.ok(list.items[at].reply_count >= 1);
  await mod.testid('avm-log-text').getByText(`Ngô Bảo đã trả lời ý kiến #${asked.id} với tư cách ban biên tập (trả lời #${reply.id}).`).waitFor();
  assert.deepEqual(await axe(page), []);
  await clean(page, problems);
  await context.close();
});

test('an editor takes down a published comment from the moderation page', async () => {
  const token = await server.addModerator('Mai Anh');
  const bad = await postComment(server.url, { text: 'Số điện thoại riêng của ai đó: 0900 000 000.', name: 'Kẻ Mạo Danh' });
  await postComment(server.url, { text: 'Một ý kiến tử tế về điện thoại.', name: 'Người Tốt' });
  await server.approveAll();
  const readers = async () => (await (await fetch(`${server.url}/api/articles/ky-anh-2022-04-15/comments?per_page=100`)).json()).items;
  assert.ok((await readers()).some((c) => c.id === bad.id));

  const { page, context, problems, mod } = await open();
  await mod.signIn(token);
  await mod.testid('avm-who').getByText('Đang đăng nhập: Mai Anh').waitFor();
  await mod.testid('avm-count-published').locator('strong').filter({ hasNotText: /^0$/ }).waitFor();
  const published = await mod.count('published');
  await mod.testid('avm-view-published').click();
  assert.equal(await mod.testid('avm-view-published').getAttribute('aria-pressed'), 'true');
  const items = mod.testid('avm-published-item');
  await items.first().waitFor();
  // Filter by article and a text ("số" finds "Số": case of A–Z ignored), with the keyboard.
  await mod.testid('avm-filter-article').fill('ky-anh-2022-04-15');
  await mod.testid('avm-filter-search').fill('số điện thoại');
  await mod.testid('avm-filter-search').press('Enter');
  await mod.testid('avm-published-status').getByText('Tìm thấy 1 ý kiến đã đăng.').waitFor();
  assert.equal(await items.count(), 1);
  const item = items.filter({ hasText: 'Số điện thoại riêng' });
  const button = item.getByTestId('avm-take-down');
  assert.equal(await button.getAttribute('aria-label'), 'Gỡ xuống ý kiến của Kẻ Mạo Danh');
  assert.deepEqual(await axe(page), [], 'published list');

  await button.click();
  await mod.testid('avm-published-live').getByText('Đã gỡ ý kiến của Kẻ Mạo Danh; bạn đọc không còn thấy ý kiến này.').waitFor();
  await item.waitFor({ state: 'detached' });
  assert.equal(await mod.testid('avm-published-status').innerText(), 'Không có ý kiến đã đăng nào khớp.');
  assert.equal(await mod.count('published'), published - 1);
  assert.ok(!(await readers()).some((c) => c.id === bad.id), 'readers no longer get it');
  await mod.testid('avm-log-text').getByText(`Mai Anh đã từ chối ý kiến #${bad.id} của Kẻ Mạo Danh (đã đăng → đã từ chối).`, { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'av-mod-published-title', 'focus stays on the list');

  // Undo publishes it again (also logged).
  await mod.testid('avm-published-undo').click();
  await mod.testid('avm-published-live').getByText('Đã đăng lại ý kiến của Kẻ Mạo Danh.').waitFor();
  await item.waitFor();
  assert.ok((await readers()).some((c) => c.id === bad.id));
  assert.equal(await mod.count('published'), published);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'avm-take-down');
  // Taken down for good this time.
  await button.click();
  await item.waitFor({ state: 'detached' });
  assert.deepEqual(await axe(page), []);
  await clean(page, problems);
  await context.close();
});
