// Benchmark: time from an A+ click to the next frame, on the seed article and on the long sample
// (3,000 paragraphs), side by side in one run, with the ratio; then the long sample again with
// every reading setting active (issue 9: spacing, width, reading font). Not a test: it prints figures.
//   node bench/text-size.mjs [iterations]
import { launch, serve, openPage } from '../e2e/support/harness.mjs';

const iterations = Number(process.argv[2] ?? 40);
const browser = await launch();
const server = await serve();

/** Every reading setting at its strongest (the size is left to the clicks). */
const ALL_SETTINGS = 'size=100;line=relaxed;letter=wider;word=wider;para=double;width=wide;font=reading';

/** Clicks A+ then A− alternately; measures click → the frame after it (rAF + message). */
async function measure(src, prefs) {
  const { page, context } = await openPage(browser, { viewport: { width: 1024, height: 800 } });
  if (prefs) await page.addInitScript((v) => localStorage.setItem('article-viewer:prefs:v2', v), prefs);
  await page.goto(`${server.url}/?src=${src}`);
  await page.getByTestId('av-article').waitFor();
  if (prefs) await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  const times = await page.evaluate(async (n) => {
    const up = document.querySelector('[data-testid="av-size-up"]');
    const down = document.querySelector('[data-testid="av-size-down"]');
    const nextFrame = () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.now());
          ch.port2.postMessage(0);
        }),
      );
    const out = [];
    for (let i = 0; i < n; i++) {
      await nextFrame();
      const button = i % 2 === 0 ? up : down;
      const t0 = performance.now();
      button.click();
      const t1 = await nextFrame();
      out.push(t1 - t0);
    }
    return out;
  }, iterations);
  const paragraphs = await page.locator('[data-testid="av-body"] p').count();
  await context.close();
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { paragraphs, median: q(0.5), p90: q(0.9) };
}

const seed = await measure('samples/ky-anh-2022-04-15.json');
const long = await measure('samples/long-article.json');
const seedSettings = await measure('samples/ky-anh-2022-04-15.json', ALL_SETTINGS);
const settings = await measure('samples/long-article.json', ALL_SETTINGS);
await browser.close();
await server.close();

const f = (n) => n.toFixed(1);
console.log(`A+ click → next frame, ${iterations} clicks each (headless Chromium, this machine)`);
console.log('| article | paragraphs | median ms | p90 ms |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| seed | ${seed.paragraphs} | ${f(seed.median)} | ${f(seed.p90)} |`);
console.log(`| long sample | ${long.paragraphs} | ${f(long.median)} | ${f(long.p90)} |`);
console.log(`| seed, every reading setting on | ${seedSettings.paragraphs} | ${f(seedSettings.median)} | ${f(seedSettings.p90)} |`);
console.log(`| long sample, every reading setting on | ${settings.paragraphs} | ${f(settings.median)} | ${f(settings.p90)} |`);
console.log(`\nratio long / seed (median): ${(long.median / seed.median).toFixed(2)}; with every setting on: ${(settings.median / seedSettings.median).toFixed(2)}`);
