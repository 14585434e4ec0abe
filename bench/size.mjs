// Size benchmark: what the viewer makes a browser download, raw and brotli (quality 11), from the
// release build in dist/, split by when it loads:
//   critical path: what the first screen needs (the start script, the JS glue, the wasm, the
//                  stylesheet) — loaded before the reader scrolls;
//   lazy parts:    loaded only when needed (the comments widget: when its section nears the viewport;
//                  listen: when the reader presses Listen or the toolbar scrolls out of view);
//   loader:        embed.js, the one script a portal adds (it replaces boot.js there).
// `--check` fails when a budget is passed.
//   node bench/size.mjs [--check]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

/** Budget for the critical path (issue 8: at most 90 KB brotli before the reader scrolls). */
export const CRITICAL_BUDGET_BROTLI = 90 * 1024;
/** Budgets of the lazy parts, brotli bytes (each carries its own runtime; formats its HTML parser;
 * listen its speech player and compact bar; the panel, since issue 9, five more setting groups, its own stylesheet, large-type printing; the
 * reading font is three woff2 subsets, fetched only for the text shown while it is chosen). */
export const PART_BUDGETS_BROTLI = { comments: 140 * 1024, panel: 66 * 1024, formats: 230 * 1024, font: 100 * 1024, listen: 100 * 1024 };
/** Budget for the embed loader, brotli bytes (it paints the title with the reader's settings before the
 * wasm is in, and adds Listen and the compact bar to each live toolbar). */
export const LOADER_BUDGET_BROTLI = 4.5 * 1024;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
if (!existsSync(dist)) {
  console.error('[size] dist/ is missing: run scripts/build.sh first');
  process.exit(1);
}
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// The reading font (dist/fonts/: its module and woff2 subsets) is a lazy part of its own.
const fontFiles = existsSync(join(dist, 'fonts')) ? readdirSync(join(dist, 'fonts')).filter((f) => /\.(js|woff2)$/.test(f)).map((f) => `fonts/${f}`) : [];
const files = [...readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f)), ...fontFiles];
const partOf = (f) => /^([a-z]+)-[0-9a-f]{16}(?:_bg)?\.(?:js|wasm)$/.exec(f)?.[1];
const where = (f) => {
  if (f === 'embed.js') return 'loader';
  if (f.startsWith('fonts/')) return 'lazy: font';
  const part = partOf(f);
  if (part && part !== 'article' && part !== 'viewer') return `lazy: ${part}`;
  return 'critical';
};
const rows = files.map((f) => {
  const buf = readFileSync(join(dist, f));
  const kind = f.endsWith('.wasm') ? 'wasm' : f.endsWith('.css') ? 'CSS' : f.endsWith('.woff2') ? 'font' : 'JS';
  return { file: f, kind, where: where(f), raw: buf.length, br: brotli(buf) };
});
const sum = (rs) => rs.reduce((a, r) => ({ raw: a.raw + r.raw, br: a.br + r.br }), { raw: 0, br: 0 });
const critical = sum(rows.filter((r) => r.where === 'critical'));
const partNames = [...new Set(rows.filter((r) => r.where.startsWith('lazy')).map((r) => r.where))];
const parts = partNames.map((p) => ({ name: p, ...sum(rows.filter((r) => r.where === p)) }));
const loader = rows.find((r) => r.where === 'loader');
const all = sum(rows.filter((r) => r.where !== 'loader'));

const order = (r) => (r.where === 'critical' ? 0 : r.where === 'loader' ? 2 : 1);
console.log('| file | kind | loads | raw | brotli -q 11 |');
console.log('| --- | --- | --- | ---: | ---: |');
for (const r of [...rows].sort((a, b) => order(a) - order(b) || a.file.localeCompare(b.file))) {
  console.log(`| ${r.file.replace(/-[0-9a-f]{8,}/, "-HASH")} | ${r.kind} | ${r.where} | ${kb(r.raw)} | ${kb(r.br)} |`);
}
console.log(`| **critical path** | boot + glue + wasm + CSS | before scrolling | ${kb(critical.raw)} | **${kb(critical.br)}** |`);
for (const p of parts) console.log(`| **${p.name}** | ${p.name === 'lazy: font' ? 'module + woff2' : 'glue + wasm'} | when needed | ${kb(p.raw)} | **${kb(p.br)}** |`);
console.log(`| all (without the loader) | | | ${kb(all.raw)} | ${kb(all.br)} |`);
console.log(
  `\nbudgets: critical path ${kb(critical.br)} of ${kb(CRITICAL_BUDGET_BROTLI)}; ` +
    `lazy parts ${Object.entries(PART_BUDGETS_BROTLI).map(([n, b]) => `${n} ≤ ${kb(b)}`).join(', ')}; loader ${loader ? kb(loader.br) : '—'} of ${kb(LOADER_BUDGET_BROTLI)}`,
);

if (process.argv.includes('--check')) {
  const over = [];
  if (critical.br > CRITICAL_BUDGET_BROTLI) over.push(`critical path ${kb(critical.br)} > ${kb(CRITICAL_BUDGET_BROTLI)}`);
  for (const p of parts) {
    const budget = PART_BUDGETS_BROTLI[p.name.replace('lazy: ', '')];
    if (budget === undefined) over.push(`${p.name} has no budget`);
    else if (p.br > budget) over.push(`${p.name} ${kb(p.br)} > ${kb(budget)}`);
  }
  if (!loader) over.push('embed.js is missing');
  else if (loader.br > LOADER_BUDGET_BROTLI) over.push(`loader ${kb(loader.br)} > ${kb(LOADER_BUDGET_BROTLI)}`);
  if (!parts.length) over.push('no lazy part found: the comments widget is missing from dist/');
  if (over.length) {
    console.error(`[size] over budget: ${over.join('; ')}`);
    process.exit(1);
  }
  console.log('[size] within budget');
}
