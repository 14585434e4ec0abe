// Measures the phone layout (360 × 780) at a text size: where the lead and the first paragraph
// start, the title's and body's font sizes, the toolbar's and the open Display panel's heights.
//   node bench/phone-measure.mjs [percent...]   (after bash scripts/build.sh)
import { launch, serve, openPage } from '../e2e/support/harness.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const browser = await launch();
const server = await serve();
try {
  for (const size of sizes.length ? sizes : [100, 200, 300]) {
    const { page, context } = await openPage(browser, { viewport: { width: 360, height: 780 } });
    await page.addInitScript((s) => localStorage.setItem('article-viewer:prefs:v2', `size=${s}`), size);
    await page.goto(`${server.url}/`);
    await page.getByTestId('av-article').waitFor();
    const m = await page.evaluate(() => {
      const q = (s) => document.querySelector(s);
      const top = (s) => Math.round(q(s).getBoundingClientRect().top + scrollY);
      const font = (s) => parseFloat(getComputedStyle(q(s)).fontSize);
      return {
        leadTop: top('[data-testid=av-lead]'),
        bodyTop: top('.av-article__body p'),
        title: font('[data-testid=av-title]'),
        body: font('.av-article__body p'),
        ratio: +(font('[data-testid=av-title]') / font('.av-article__body p')).toFixed(2),
        titleHeight: Math.round(q('[data-testid=av-title]').getBoundingClientRect().height),
        toolbar: Math.round(q('[data-testid=av-toolbar]').getBoundingClientRect().height),
      };
    });
    // On a phone the Display button is behind "Aa" (the toolbar's one row).
    await page.getByTestId('av-aa').click();
    await page.getByTestId('av-display-toggle').click();
    await page.locator('.av-display__set').first().waitFor();
    m.panel = Math.round((await page.getByTestId('av-display-panel').boundingBox()).height);
    console.log(JSON.stringify({ size, ...m }));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
