// Word-level precision / recall / F1 of article-body extraction on two corpora, side by side with
// Readability.js run on the same pages in the same run:
//   1. Mozilla Readability's test pages (tests/fixtures/readability/*/{source,expected}.html,
//      Apache-2.0), scored against each page's expected.html (Readability's own output, so the bar
//      there is Readability.js by construction);
//   2. a slice of 60 real news pages from Zyte's (Scrapinghub's) article extraction benchmark
//      (formats/tests/corpus-scrapinghub, MIT), scored against its hand-checked `articleBody`
//      text; the team never tuned on it before issue 20.
// Ours is the whole HTML conversion of crate article-viewer-formats (its `extract_fixtures`
// example, run natively): a page it refuses counts as F1 0, and so does a page Readability.js
// gives nothing for.
//
//   node bench/extract-f1.mjs            # table per page, then the means
//   node bench/extract-f1.mjs --summary  # means only
//
// Words are runs of letters and digits (Unicode), lower-cased, compared as multisets.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const summaryOnly = process.argv.includes('--summary');
const quiet = new VirtualConsole();

/** Ours: `{ pages: {name: html}, refused: {name: why} }` for every page of a corpus folder. */
function ours(dir) {
  return JSON.parse(
    execFileSync('cargo', ['run', '--release', '-q', '-p', 'article-viewer-formats', '--example', 'extract_fixtures', '--', dir], {
      cwd: root,
      maxBuffer: 512 * 1024 * 1024,
      encoding: 'utf8',
    }),
  );
}

const tokens = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Visible words of an HTML fragment (text nodes joined by spaces; script/style skipped). */
function words(html) {
  const { document, NodeFilter } = new JSDOM(`<!doctype html><body>${html}</body>`, { virtualConsole: quiet }).window;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const tag = n.parentElement?.localName;
    if (tag !== 'script' && tag !== 'style') parts.push(n.data);
  }
  return tokens(parts.join(' '));
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

/** Readability.js's body, or null when it finds none. */
function readabilityJs(html, url) {
  const dom = new JSDOM(html, { url, virtualConsole: quiet });
  try {
    return new Readability(dom.window.document).parse()?.content ?? null;
  } catch {
    return null;
  }
}

/** The pages of each corpus as { name, url, html, want (words), size }. */
const corpora = [
  {
    label: "Readability's test pages",
    dir: join(root, 'tests', 'fixtures', 'readability'),
    pages(dir) {
      return readdirSync(dir)
        .filter((d) => existsSync(join(dir, d, 'source.html')))
        .sort()
        .map((name) => {
          const html = readFileSync(join(dir, name, 'source.html'), 'utf8');
          return { name, url: 'http://fakehost/test/page.html', html, size: html.length, want: words(readFileSync(join(dir, name, 'expected.html'), 'utf8')) };
        });
    },
  },
  {
    label: 'Zyte news pages (60)',
    dir: join(root, 'formats', 'tests', 'corpus-scrapinghub'),
    pages(dir) {
      const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8'));
      return Object.keys(truth)
        .sort()
        .map((name) => {
          const html = gunzipSync(readFileSync(join(dir, 'html', `${name}.html.gz`))).toString('utf8');
          return { name, url: truth[name].url, html, size: html.length, want: tokens(truth[name].articleBody ?? '') };
        });
    },
  },
];

const fmt = (x) => x.toFixed(3);
const mean = (list, key, field) => list.reduce((s, row) => s + row[key][field], 0) / (list.length || 1);
const summary = [];
for (const corpus of corpora) {
  const got = ours(corpus.dir);
  const rows = corpus.pages(corpus.dir).map((page) => {
    const mine = got.pages[page.name];
    const theirs = readabilityJs(page.html, page.url);
    return {
      ...page,
      refusedA: mine == null ? (got.refused[page.name] ?? 'missing') : null,
      refusedB: theirs == null,
      a: prf(words(mine ?? ''), page.want),
      b: prf(words(theirs ?? ''), page.want),
    };
  });
  if (!summaryOnly) {
    console.log(`### ${corpus.label}\n`);
    console.log('| page | ours P | ours R | ours F1 | Readability.js F1 |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      const note = r.refusedA ? ` (refused: ${r.refusedA})` : '';
      console.log(`| ${r.name.slice(0, 28)} | ${fmt(r.a.p)} | ${fmt(r.a.r)} | ${fmt(r.a.f)}${note} | ${fmt(r.b.f)}${r.refusedB ? ' (none)' : ''} |`);
    }
    console.log('');
  }
  summary.push([corpus.label, rows]);
  if (corpus.dir.endsWith('readability')) summary.push([`${corpus.label}, real-world (source ≥ 10 KB)`, rows.filter((r) => r.size >= 10_000)]);
}
console.log('| corpus | n | ours P | ours R | ours F1 | refused | Readability.js P | Readability.js R | Readability.js F1 | none found |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [label, list] of summary) {
  const refusedA = list.filter((r) => r.refusedA).length;
  const refusedB = list.filter((r) => r.refusedB).length;
  console.log(
    `| ${label} | ${list.length} | ${fmt(mean(list, 'a', 'p'))} | ${fmt(mean(list, 'a', 'r'))} | **${fmt(mean(list, 'a', 'f'))}** | ${refusedA} | ${fmt(mean(list, 'b', 'p'))} | ${fmt(mean(list, 'b', 'r'))} | **${fmt(mean(list, 'b', 'f'))}** | ${refusedB} |`,
  );
}
