#!/usr/bin/env bash
# Builds the moderation page (crate `moderation/`) into dist/moderation/: cargo (release, wasm32),
# wasm-bindgen --target web, npm binaryen's wasm-opt -Oz (never Debian's: it corrupts wasm-bindgen
# 0.2.130 output), then content-hashed wasm, JS glue and CSS, an external boot.js and index.html.
# Offline: nothing is downloaded. Run after the viewer's build (trunk replaces dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

out=dist/moderation
target_dir="${CARGO_TARGET_DIR:-target}"
wasm_opt=node_modules/binaryen/bin/wasm-opt
[ -x "$wasm_opt" ] || { echo "[moderation] $wasm_opt is missing: run npm ci" >&2; exit 1; }

cargo build --release --target wasm32-unknown-unknown -p article-viewer-moderation

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name moderation \
  "$target_dir/wasm32-unknown-unknown/release/article_viewer_moderation.wasm"
before=$(stat -c %s "$stage/moderation_bg.wasm")
"$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$stage/moderation_bg.wasm" -o "$stage/moderation_bg.wasm"
echo "[moderation] wasm-opt -Oz: $before -> $(stat -c %s "$stage/moderation_bg.wasm") bytes"

# Content hashes in the names: the server caches such files for a year (immutable).
fingerprint() { sha256sum "$1" | cut -c1-16; }
wasm="moderation-$(fingerprint "$stage/moderation_bg.wasm")_bg.wasm"
glue="moderation-$(fingerprint "$stage/moderation.js").js"
css="moderation-$(fingerprint moderation/style/moderation.css).css"

rm -rf "$out"
mkdir -p "$out"
cp "$stage/moderation_bg.wasm" "$out/$wasm"
cp "$stage/moderation.js" "$out/$glue"
cp moderation/style/moderation.css "$out/$css"
sed -e "s/__GLUE__/$glue/g" -e "s/__WASM__/$wasm/g" moderation/boot.js > "$out/boot.js"
sed -e "s/__GLUE__/$glue/g" -e "s/__CSS__/$css/g" moderation/index.html > "$out/index.html"
if grep -q '__[A-Z]*__' "$out/boot.js" "$out/index.html"; then
  echo "[moderation] a placeholder was left in boot.js or index.html" >&2
  exit 1
fi
echo "[moderation] built $out: $(ls "$out" | tr '\n' ' ')"
