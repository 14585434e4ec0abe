// Word-level precision / recall / F1 of article-body extraction on Mozilla Readability's test
// pages (tests/fixtures/readability/*/{source,expected}.html, Apache-2.0): this project's
// extractor (crate article-viewer-formats, run natively through its `extract_fixtures` example)
// against Readability.js itself (npm @mozilla/readability + jsdom) on the same pages.
//
//   node bench/extract-f1.mjs            # table per page and the means
//   node bench/extract-f1.mjs --summary  # means only
//
// Words are runs of letters and digits (Unicode), lower-cased, compared as multisets.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { Readability } from '@mozilla/readability';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'fixtures', 'readability');
const summaryOnly = process.argv.includes('--summary');

const ours = JSON.parse(
  execFileSync('cargo', ['run', '--release', '-q', '-p', 'article-viewer-formats', '--example', 'extract_fixtures', '--', fixtures], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  }),
);

/** Visible words of an HTML fragment (text nodes joined by spaces; script/style skipped). */
function words(html) {
  const { document, NodeFilter } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const tag = n.parentElement?.localName;
    if (tag !== 'script' && tag !== 'style') parts.push(n.data);
  }
  return parts.join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function prf(got, want) {
  const count = new Map();
  for (const w of want) count.set(w, (count.get(w) ?? 0) + 1);
  let overlap = 0;
  for (const w of got) {
    const c = count.get(w) ?? 0;
    if (c > 0) {
      overlap++;
      count.set(w, c - 1);
    }
  }
  const p = got.length ? overlap / got.length : want.length ? 0 : 1;
  const r = want.length ? overlap / want.length : 1;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return { p, r, f };
}

function readabilityJs(html) {
  const dom = new JSDOM(html, { url: 'http://fakehost/test/page.html' });
  try {
    return new Readability(dom.window.document).parse()?.content ?? '';
  } catch {
    return '';
  }
}

const pages = readdirSync(fixtures)
  .filter((d) => existsSync(join(fixtures, d, 'source.html')))
  .sort();
const rows = [];
for (const page of pages) {
  const source = readFileSync(join(fixtures, page, 'source.html'), 'utf8');
  const want = words(readFileSync(join(fixtures, page, 'expected.html'), 'utf8'));
  const a = prf(words(ours[page] ?? ''), want);
  const b = prf(words(readabilityJs(source)), want);
  rows.push({ page, size: source.length, a, b });
}

const fmt = (x) => x.toFixed(3);
if (!summaryOnly) {
  console.log('| page | ours P | ours R | ours F1 | Readability.js F1 |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const { page, a, b } of rows) console.log(`| ${page} | ${fmt(a.p)} | ${fmt(a.r)} | ${fmt(a.f)} | ${fmt(b.f)} |`);
  console.log('');
}
function mean(list, key, field) {
  return list.reduce((s, row) => s + row[key][field], 0) / (list.length || 1);
}
const realWorld = rows.filter((r) => r.size >= 10_000);
console.log('| pages | n | ours P | ours R | ours F1 | Readability.js P | Readability.js R | Readability.js F1 |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [label, list] of [['all', rows], ['real-world (source ≥ 10 KB)', realWorld]]) {
  console.log(
    `| ${label} | ${list.length} | ${fmt(mean(list, 'a', 'p'))} | ${fmt(mean(list, 'a', 'r'))} | **${fmt(mean(list, 'a', 'f'))}** | ${fmt(mean(list, 'b', 'p'))} | ${fmt(mean(list, 'b', 'r'))} | **${fmt(mean(list, 'b', 'f'))}** |`,
  );
}
