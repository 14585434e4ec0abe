// Size benchmark: what the viewer makes a browser download, raw and brotli (quality 11), from the
// release build in dist/. `--check` also fails when the total passes the budget.
//   node bench/size.mjs [--check]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

/** Budget for everything the standalone viewer loads (wasm + JS + CSS), brotli bytes: 120 KB for
 * the Foundation alone (measured 105.9 KB), raised to 190 KB with reader controls, comments and the
 * embed API (measured 180.5 KB). */
export const BUDGET_BROTLI = 190 * 1024;
/** Budget for the embed loader alone, brotli bytes. */
export const LOADER_BUDGET_BROTLI = 2 * 1024;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
if (!existsSync(dist)) {
  console.error('[size] dist/ is missing: run scripts/build.sh first');
  process.exit(1);
}
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const files = readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f));
const kind = (f) => (f.endsWith('.wasm') ? 'wasm' : f.endsWith('.css') ? 'CSS' : f === 'embed.js' ? 'loader' : 'JS');
const rows = files.map((f) => {
  const buf = readFileSync(join(dist, f));
  return { file: f, kind: kind(f), raw: buf.length, br: brotli(buf) };
});
const standalone = rows.filter((r) => r.kind !== 'loader');
const total = standalone.reduce((a, r) => ({ raw: a.raw + r.raw, br: a.br + r.br }), { raw: 0, br: 0 });

console.log('| file | kind | raw | brotli -q 11 |');
console.log('| --- | --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.file.replace(/-[0-9a-f]{16}/, '-HASH')} | ${r.kind} | ${kb(r.raw)} | ${kb(r.br)} |`);
console.log(`| **viewer total** | wasm + JS + CSS | ${kb(total.raw)} | **${kb(total.br)}** |`);
console.log(`\nbudget: ${kb(BUDGET_BROTLI)} brotli; used ${((100 * total.br) / BUDGET_BROTLI).toFixed(0)} %`);

if (process.argv.includes('--check')) {
  const loader = rows.find((r) => r.kind === 'loader');
  const over = [];
  if (total.br > BUDGET_BROTLI) over.push(`viewer ${kb(total.br)} > ${kb(BUDGET_BROTLI)}`);
  if (loader && loader.br > LOADER_BUDGET_BROTLI) over.push(`loader ${kb(loader.br)} > ${kb(LOADER_BUDGET_BROTLI)}`);
  if (over.length) {
    console.error(`[size] over budget: ${over.join('; ')}`);
    process.exit(1);
  }
  console.log('[size] within budget');
}
