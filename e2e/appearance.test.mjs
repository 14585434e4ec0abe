// Issue 3: line spacing and colour themes from the display panel; axe-core clean in every theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, axe, openPage } from './support/harness.mjs';
import { ViewerPage, ControlsPage } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

for (const theme of ['auto', 'light', 'dark', 'sepia']) {
  for (const scheme of theme === 'auto' ? ['light', 'dark'] : ['light']) {
    test(`theme ${theme} (${scheme} system) is applied and axe-core finds no violation`, async () => {
      const { page, context } = await openPage(browser, { bypassCSP: true, colorScheme: scheme });
      const viewer = new ViewerPage(page, server.url);
      await viewer.open();
      assert.equal(await viewer.settled(), 'article');
      const controls = new ControlsPage(page.getByTestId('av-viewer'));
      await controls.openDisplay();
      await controls.button(`av-theme-${theme}`).check();
      assert.equal(await controls.theme(), theme);
      const bg = await page.getByTestId('av-viewer').evaluate((v) => getComputedStyle(v).backgroundColor);
      const dark = theme === 'dark' || (theme === 'auto' && scheme === 'dark');
      const [r] = bg.match(/\d+/g).map(Number);
      assert.ok(dark ? r < 60 : r > 200, `${theme}/${scheme}: background ${bg}`);
      assert.deepEqual(await axe(page), []);
      await context.close();
    });
  }
}

test('the display panel opens by keyboard and line spacing changes with the arrow keys', async () => {
  const { page, context } = await openPage(browser);
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  await viewer.settled();
  const toggle = page.getByTestId('av-display-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.getByTestId('av-display-panel').isVisible());
  await page.getByTestId('av-spacing-normal').focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByTestId('av-spacing-relaxed').isChecked());
  const ratio = await page.getByTestId('av-body').evaluate((b) => {
    const s = getComputedStyle(b);
    return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
  });
  assert.ok(Math.abs(ratio - 2) < 0.01, `line-height ratio ${ratio}`);
  // Escape closes the panel from inside it and puts focus back on its button; the page's own
  // Escape handlers do not hear it. Pressed again (the panel shut), it goes on to the page.
  await page.evaluate(() => {
    window.__escapes = 0;
    document.addEventListener('keydown', (e) => e.key === 'Escape' && window.__escapes++);
  });
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok(await page.getByTestId('av-display-panel').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'av-display-toggle');
  assert.equal(await page.evaluate(() => window.__escapes), 0);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => window.__escapes), 1);
  assert.ok(await page.getByTestId('av-spacing-relaxed').isChecked(), 'the setting stays');
  await context.close();
});

test('forced colours (Windows high contrast) keep the controls visible', async () => {
  const { page, context } = await openPage(browser, { forcedColors: 'active' });
  const viewer = new ViewerPage(page, server.url);
  await viewer.open();
  await viewer.settled();
  const border = await page.getByTestId('av-size-up').evaluate((b) => getComputedStyle(b).borderTopStyle);
  assert.equal(border, 'solid');
  await context.close();
});
