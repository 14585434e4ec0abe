#!/usr/bin/env bash
# Builds the lazily loaded formats module (crate `formats/`, package article-viewer-formats) into
# dist/formats/: formats.js (ES module, `wasm-bindgen --target web`) and formats_bg.wasm
# (wasm-opt -Oz from npm binaryen, the same feature flags as scripts/post-build.mjs), then prints
# the raw and brotli sizes. Needs the wasm32 target, wasm-bindgen-cli 0.2.130 and npm packages
# (scripts/setup.sh installs them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="dist/formats"

cargo build --release --target wasm32-unknown-unknown -p article-viewer-formats
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name formats \
  target/wasm32-unknown-unknown/release/article_viewer_formats.wasm
node_modules/binaryen/bin/wasm-opt -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/formats_bg.wasm" -o "$out/formats_bg.wasm"

node --input-type=module -e '
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
for (const f of process.argv.slice(1)) {
  const raw = readFileSync(f);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  console.log(`[build-formats] ${f}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(br.length / 1024).toFixed(1)} KB brotli`);
}' "$out/formats_bg.wasm" "$out/formats.js"

# Smoke check of the built module's JavaScript API on every sample input format.
node --input-type=module -e '
import { readFileSync } from "node:fs";
const mod = await import(process.cwd() + "/dist/formats/formats.js");
mod.initSync({ module: readFileSync("dist/formats/formats_bg.wasm") });
const cases = [
  ["samples/wordpress-post.json", "wordpress"],
  ["samples/jsonfeed.json", "jsonfeed"],
  ["samples/article-jsonld.html", "html"],
  ["samples/article-plain.html", "html"],
];
for (const [file, want] of cases) {
  const r = mod.convert(readFileSync(file, "utf8"), "", "https://portal.example/a", null, null, "en");
  const a = JSON.parse(r.article);
  if (r.format !== want || !a.title || !a.published || !a.content_html || !Array.isArray(r.warnings)) {
    console.error(`[build-formats] ${file}: unexpected result`, r);
    process.exit(1);
  }
}
console.log(`[build-formats] convert() works on ${cases.length} samples`);'
