// Issue 3: the print view printed to PDF holds the article and none of the controls; the Print
// button prints that view through a hidden frame; e-mail, copy link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, artifacts, openPage } from './support/harness.mjs';
import { ViewerPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const TITLE = 'Thường trực Thị ủy Kỳ Anh làm việc với Ủy ban Mặt trận Tổ quốc';
const URL_SEED = 'https://portal.ky-anh.example/tin-tuc/thuong-truc-thi-uy-ky-anh-lam-viec-voi-uy-ban-mat-tran-to-quoc.html';

function pdfText(pdf, name) {
  const file = join(artifacts, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

test('the print view as PDF holds title, time, author, body and address, and no controls', async () => {
  const { page, context, problems } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('view=print&src=samples/ky-anh-2022-04-15.json');
  assert.equal(await viewer.settled(), 'article');
  assert.equal(await page.getByTestId('av-toolbar').count(), 0);
  await page.emulateMedia({ media: 'print' });
  const text = pdfText(await page.pdf({ format: 'A4' }), 'print-view.pdf');
  for (const expected of [TITLE, '17:09 18/04/2022', 'Đậu Thị Anh', 'Trong quý I năm 2022', 'Các đại biểu dự làm việc', 'Ban Đoàn kết Công giáo Thị xã', 'portal.ky-anh.example']) {
    assert.ok(text.includes(expected), `PDF lacks ${expected}`);
  }
  for (const absent of ['Chép liên kết', 'Cỡ chữ', 'Hiển thị', 'Ý kiến bạn đọc', 'A+']) {
    assert.ok(!text.includes(absent), `PDF contains ${absent}`);
  }
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("the browser's own Print of the reading page gives the article without controls", async () => {
  const { page, context } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open('src=samples/harbour-library-2024-03-02.json');
  await viewer.settled();
  const text = pdfText(await page.pdf({ format: 'A4' }), 'reading-page.pdf');
  assert.ok(text.includes('Harbour Library reopens'));
  assert.ok(text.replace(/\s/g, '').includes('(https://news.harbour-town.example/services/home-delivery.html)'), 'link URL written after its text');
  for (const absent of ['Copy link', 'Text size', 'Display']) assert.ok(!text.includes(absent), `PDF contains ${absent}`);
  await context.close();
});

test('the Print button prints the print view in a hidden frame', async () => {
  const { page, context } = await openPage(browser);
  await page.addInitScript(() => {
    window.print = () => {
      window.top.__printed = { href: location.href, toolbar: document.querySelectorAll('[data-testid="av-toolbar"]').length };
    };
  });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  await viewer.settled();
  await page.getByTestId('av-print').click();
  await page.waitForFunction(() => window.__printed, null, { timeout: 10000 });
  const printed = await page.evaluate(() => window.__printed);
  assert.match(printed.href, /view=print/);
  assert.equal(printed.toolbar, 0, 'the printed frame has no toolbar');
  const frame = page.getByTestId('av-print-frame');
  assert.equal(await frame.getAttribute('aria-hidden'), 'true');
  const box = await frame.boundingBox();
  assert.ok(!box || box.width === 0, 'the frame is not visible');
  // The top page was not printed itself.
  await context.close();
});

test('Email is a mailto link with the title, lead and address; Copy link confirms', async () => {
  const { page, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  await viewer.settled();
  const href = await page.getByTestId('av-email').getAttribute('href');
  const params = new URLSearchParams(href.replace(/^mailto:\?/, ''));
  assert.ok(params.get('subject').startsWith(TITLE));
  assert.match(params.get('body'), /^Chiều ngày 15\/4\/2022/);
  assert.ok(params.get('body').endsWith(URL_SEED));
  await page.getByTestId('av-copy-link').click();
  await page.getByTestId('av-copy-status').getByText('Đã chép liên kết').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), URL_SEED);
  await context.close();
});

test('a refused clipboard shows the address to copy by hand', async () => {
  const { page, context } = await openPage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  await viewer.settled();
  await page.getByTestId('av-copy-link').click();
  await page.getByTestId('av-copy-status').getByText(URL_SEED).waitFor();
  await context.close();
});

test('the toolbar works from the keyboard: Tab order, Copy link and Print with Enter', async () => {
  const { page, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.addInitScript(() => {
    window.print = () => {
      window.top.__printed = location.href;
    };
  });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  await viewer.settled();
  // Tab from the page start reaches the toolbar in the seed's order: Email, Print, then the tools.
  const order = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.localName));
  }
  const start = order.indexOf('av-email');
  assert.ok(start >= 0, `Email not reached by Tab: ${order}`);
  assert.deepEqual(order.slice(start, start + 3), ['av-email', 'av-print', 'av-copy-link']);
  await page.getByTestId('av-copy-link').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('av-copy-status').getByText('Đã chép liên kết').waitFor();
  await page.getByTestId('av-print').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__printed, null, { timeout: 10000 });
  assert.match(await page.evaluate(() => window.__printed), /view=print/);
  await context.close();
});
