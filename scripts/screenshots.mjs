// Takes the phone screenshots shown in the README (docs/screenshots/): the seed article on a
// 360 × 780 screen at 100 % and 300 % text size, the first screen and the screen at the lead, and
// the Display panel open at 300 %. Needs a build (bash scripts/build.sh).
//   node scripts/screenshots.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, openPage, root } from '../e2e/support/harness.mjs';

const out = join(root, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const browser = await launch();
const server = await serve();
const shot = (page, name) => page.screenshot({ path: join(out, `${name}.png`) }).then(() => console.log(`[screenshots] docs/screenshots/${name}.png`));
try {
  for (const size of [100, 300]) {
    const { page, context } = await openPage(browser, { viewport: { width: 360, height: 780 }, colorScheme: 'light' });
    await page.addInitScript((s) => localStorage.setItem('article-viewer:prefs:v2', `size=${s}`), size);
    await page.goto(`${server.url}/`);
    await page.getByTestId('av-aa').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await shot(page, `phone-${size}`);
    if (size === 300) {
      await page.getByTestId('av-lead').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 16));
      await shot(page, `phone-${size}-lead`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId('av-aa').click();
      await page.getByTestId('av-toolbar').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 8));
      await shot(page, `phone-${size}-aa`);
      await page.getByTestId('av-display-toggle').click();
      await page.locator('.av-display__set').first().waitFor();
      await page.getByTestId('av-display-toggle').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 8));
      await shot(page, `phone-${size}-display`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
