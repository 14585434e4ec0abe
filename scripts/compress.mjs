// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) twin next to every compressible
// file of dist/ (HTML, JS, CSS, wasm, JSON, SVG, text), so the reference server — or any server
// that serves precompressed files (nginx gzip_static/brotli_static, Caddy precompressed) — sends
// them compressed without compressing on every request. A twin is kept only when it is smaller.
// Twins whose file is gone are removed, so a rebuilt dist/ has no stale ones.
//
//   node scripts/compress.mjs [DIR]      (default: dist)
import { readdirSync, readFileSync, writeFileSync, statSync, existsSync, rmSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'dist';
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.xml', '.webmanifest', '.map']);
/** Smaller files are not worth a twin (headers weigh more than what compression saves). */
const MIN_BYTES = 256;

if (!existsSync(root)) {
  console.error(`[compress] ${root} does not exist: build first`);
  process.exit(1);
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
let removed = 0;
for (const path of [...files(root)]) {
  const ext = extname(path);
  if (ext === '.br' || ext === '.gz') {
    const original = path.slice(0, -ext.length);
    if (!existsSync(original) || !COMPRESSIBLE.has(extname(original))) {
      rmSync(path);
      removed += 1;
    }
    continue;
  }
  if (!COMPRESSIBLE.has(ext) || statSync(path).size < MIN_BYTES) continue;
  const bytes = readFileSync(path);
  const twins = [
    ['.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
    ['.gz', gzipSync(bytes, { level: 9 })],
  ];
  for (const [suffix, packed] of twins) {
    if (packed.length < bytes.length) writeFileSync(path + suffix, packed);
    else rmSync(path + suffix, { force: true });
  }
  raw += bytes.length;
  br += Math.min(twins[0][1].length, bytes.length);
  gz += Math.min(twins[1][1].length, bytes.length);
  count += 1;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`[compress] ${count} files in ${root}: ${kb(raw)} raw, ${kb(br)} brotli, ${kb(gz)} gzip${removed ? `; removed ${removed} stale twins` : ''}`);
