// Size of the moderation page (dist/moderation/): what a moderator's browser downloads, raw and
// brotli (quality 11). Readers never load it. `--check` fails when the total passes the budget.
//   node bench/moderation-size.mjs [--check]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

/** Budget for everything the page loads (HTML, boot script, glue, wasm, CSS), brotli bytes
 * (measured 117.1 KB on 2026-11-28; 129.5 KB after issue 21; 139.0 KB with issue 22's published
 * comments, search and take-down; 163.1 KB with the shared serde wire types of issue 18:
 * README, "Moderation page size"). */
export const BUDGET_BROTLI = 170 * 1024;

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'moderation');
if (!existsSync(dir)) {
  console.error('[moderation-size] dist/moderation/ is missing: run scripts/build.sh first');
  process.exit(1);
}
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const kind = (f) => (f.endsWith('.wasm') ? 'wasm' : f.endsWith('.css') ? 'CSS' : f.endsWith('.html') ? 'HTML' : 'JS');
const rows = readdirSync(dir)
  .filter((f) => /\.(wasm|js|css|html)$/.test(f))
  .sort()
  .map((f) => {
    const buf = readFileSync(join(dir, f));
    return { file: f, kind: kind(f), raw: buf.length, br: brotli(buf) };
  });
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, br: a.br + r.br }), { raw: 0, br: 0 });

console.log('| file | kind | raw | brotli -q 11 |');
console.log('| --- | --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.file.replace(/-[0-9a-f]{16}/, '-HASH')} | ${r.kind} | ${kb(r.raw)} | ${kb(r.br)} |`);
console.log(`| **moderation page total** | all files | ${kb(total.raw)} | **${kb(total.br)}** |`);
console.log(`\nbudget: ${kb(BUDGET_BROTLI)} brotli; used ${((100 * total.br) / BUDGET_BROTLI).toFixed(0)} %`);

if (process.argv.includes('--check')) {
  if (total.br > BUDGET_BROTLI) {
    console.error(`[moderation-size] over budget: ${kb(total.br)} > ${kb(BUDGET_BROTLI)}`);
    process.exit(1);
  }
  console.log('[moderation-size] within budget');
}
